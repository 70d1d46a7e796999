/*
 * kwquery_op.c
 *	  The kwquery evaluator, text[] @@ kwquery and its mirror, and the
 *	  combinators (&&, ||, !!, kwquery_any) that build queries without text.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "kwquery.h"

/*
 * Evaluate the postfix items left to right on a stack of three-valued
 * results: linear in the query size, no recursion, no short cut needed.
 */
GinTernaryValue
kwq_execute(const KWQuery *q, KWQCheck check, void *arg)
{
	GinTernaryValue local[64] = {0};
	GinTernaryValue *stack = q->size <= lengthof(local) ? local : palloc(q->size);
	int			depth = 0;
	int			operand = 0;
	int			i;
	GinTernaryValue result;

	for (i = 0; i < q->size; i++)
	{
		const KWQItem *item = &q->items[i];
		GinTernaryValue a,
					b;

		switch (item->type)
		{
			case KWQ_VAL:
				stack[depth++] = check(arg, q, item, operand++);
				break;
			case KWQ_NOT:
				a = stack[depth - 1];
				stack[depth - 1] = a == GIN_MAYBE ? GIN_MAYBE : !a;
				break;
			case KWQ_AND:
				b = stack[--depth];
				a = stack[depth - 1];
				stack[depth - 1] = (a == GIN_FALSE || b == GIN_FALSE) ? GIN_FALSE :
					(a == GIN_TRUE && b == GIN_TRUE) ? GIN_TRUE : GIN_MAYBE;
				break;
			case KWQ_OR:
				b = stack[--depth];
				a = stack[depth - 1];
				stack[depth - 1] = (a == GIN_TRUE || b == GIN_TRUE) ? GIN_TRUE :
					(a == GIN_FALSE && b == GIN_FALSE) ? GIN_FALSE : GIN_MAYBE;
				break;
			default:
				elog(ERROR, "unrecognized kwquery item type: %d", item->type);
		}
	}
	Assert(depth == 1);
	result = stack[0];
	if (stack != local)
		pfree(stack);
	return result;
}

/* An array's non-null elements, sorted by their bytes. */
typedef struct SortedIds
{
	int			n;
	text	  **ids;
} SortedIds;

static int
compare_bytes(const char *a, int alen, const char *b, int blen)
{
	int			r = memcmp(a, b, Min(alen, blen));

	return r != 0 ? r : (alen > blen) - (alen < blen);
}

static int
compare_texts(const void *a, const void *b)
{
	const text *x = *(text *const *) a;
	const text *y = *(text *const *) b;

	return compare_bytes(VARDATA_ANY(x), VARSIZE_ANY_EXHDR(x),
						 VARDATA_ANY(y), VARSIZE_ANY_EXHDR(y));
}

static void
sort_ids(ArrayType *array, SortedIds *sorted)
{
	Datum	   *elems;
	bool	   *nulls;
	int			nelems;
	int			i;

	deconstruct_array(array, TEXTOID, -1, false, TYPALIGN_INT,
					  &elems, &nulls, &nelems);
	sorted->ids = palloc(sizeof(text *) * Max(1, nelems));
	sorted->n = 0;
	for (i = 0; i < nelems; i++)
		if (!nulls[i])
			sorted->ids[sorted->n++] = DatumGetTextPP(elems[i]);
	qsort(sorted->ids, sorted->n, sizeof(text *), compare_texts);
}

/* Is the operand's id among the array's elements? */
static GinTernaryValue
check_in_array(void *arg, const KWQuery *q, const KWQItem *item, int n)
{
	SortedIds  *sorted = arg;
	const char *id = KWQ_ID(q, item);
	int			lo = 0,
				hi = sorted->n - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		const text *t = sorted->ids[mid];
		int			r = compare_bytes(id, item->length,
									  VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));

		if (r == 0)
			return GIN_TRUE;
		if (r < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return GIN_FALSE;
}

static bool
array_matches(ArrayType *array, KWQuery *q)
{
	SortedIds	sorted;

	sort_ids(array, &sorted);
	return kwq_execute(q, check_in_array, &sorted) == GIN_TRUE;
}

PG_FUNCTION_INFO_V1(le_kwquery_match);

/* text[] @@ kwquery: do the array's elements satisfy the query? */
Datum
le_kwquery_match(PG_FUNCTION_ARGS)
{
	ArrayType  *array = PG_GETARG_ARRAYTYPE_P(0);
	KWQuery    *q = PG_GETARG_KWQUERY_P(1);
	bool		result = array_matches(array, q);

	PG_FREE_IF_COPY(array, 0);
	PG_FREE_IF_COPY(q, 1);
	PG_RETURN_BOOL(result);
}

PG_FUNCTION_INFO_V1(le_kwquery_rmatch);

/* kwquery ~~ text[]: @@ with the arguments swapped. */
Datum
le_kwquery_rmatch(PG_FUNCTION_ARGS)
{
	KWQuery    *q = PG_GETARG_KWQUERY_P(0);
	ArrayType  *array = PG_GETARG_ARRAYTYPE_P(1);
	bool		result = array_matches(array, q);

	PG_FREE_IF_COPY(q, 0);
	PG_FREE_IF_COPY(array, 1);
	PG_RETURN_BOOL(result);
}

static KWQuery *
combine(KWQuery *a, KWQuery *b, char op)
{
	KWQBuilder	builder;

	kwq_builder_init(&builder);
	kwq_add_query(&builder, a);
	if (b)
		kwq_add_query(&builder, b);
	kwq_add_operator(&builder, op);
	return kwq_builder_finish(&builder);
}

PG_FUNCTION_INFO_V1(le_kwquery_and);

/* kwquery && kwquery */
Datum
le_kwquery_and(PG_FUNCTION_ARGS)
{
	PG_RETURN_KWQUERY_P(combine(PG_GETARG_KWQUERY_P(0), PG_GETARG_KWQUERY_P(1), KWQ_AND));
}

PG_FUNCTION_INFO_V1(le_kwquery_or);

/* kwquery || kwquery */
Datum
le_kwquery_or(PG_FUNCTION_ARGS)
{
	PG_RETURN_KWQUERY_P(combine(PG_GETARG_KWQUERY_P(0), PG_GETARG_KWQUERY_P(1), KWQ_OR));
}

PG_FUNCTION_INFO_V1(le_kwquery_not);

/* !! kwquery */
Datum
le_kwquery_not(PG_FUNCTION_ARGS)
{
	PG_RETURN_KWQUERY_P(combine(PG_GETARG_KWQUERY_P(0), NULL, KWQ_NOT));
}

PG_FUNCTION_INFO_V1(le_kwquery_any);

/*
 * kwquery_any(ids): id1 | id2 | ..., NULL for no ids. NULL elements are
 * skipped; an id the text form cannot hold is an error.
 */
Datum
le_kwquery_any(PG_FUNCTION_ARGS)
{
	ArrayType  *array = PG_GETARG_ARRAYTYPE_P(0);
	Datum	   *elems;
	bool	   *nulls;
	int			nelems;
	int			i;
	KWQBuilder	b;

	deconstruct_array(array, TEXTOID, -1, false, TYPALIGN_INT,
					  &elems, &nulls, &nelems);
	kwq_builder_init(&b);
	for (i = 0; i < nelems; i++)
	{
		text	   *id;
		const char *s;
		int			len;
		int			j;

		if (nulls[i])
			continue;
		id = DatumGetTextPP(elems[i]);
		s = VARDATA_ANY(id);
		len = VARSIZE_ANY_EXHDR(id);
		for (j = 0; j < len; j++)
			if (!kwq_is_id_char(s[j]))
				break;
		if (len == 0 || j < len)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid keyword id for kwquery: \"%s\"", text_to_cstring(id)),
					 errdetail("An id cannot be empty or contain white space, \"&\", \"|\", \"!\", \"(\" or \")\".")));
		kwq_add_operand(&b, s, len);
		if (b.nroots == 2)
			kwq_add_operator(&b, KWQ_OR);
	}
	if (b.nroots == 0)
		PG_RETURN_NULL();
	PG_RETURN_KWQUERY_P(kwq_builder_finish(&b));
}
