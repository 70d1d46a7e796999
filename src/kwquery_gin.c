/*
 * kwquery_gin.c
 *	  GIN support of the operator class kwquery_ops on text[].
 *
 * The index keys are the array's elements, extracted by core's
 * ginarrayextract and compared with bttextcmp. The array strategies
 * (&&, @>, <@) are answered by core's array functions; only @@ is ours.
 *
 * For @@ every distinct id of the query is a key. The consistent functions
 * then know the presence of every id in the item, so the answer is exact (no
 * recheck). A query that can be true for an array holding none of its ids
 * (!a, a | !b) also needs the items that have no key at all:
 * GIN_SEARCH_MODE_ALL.
 */
#include "postgres.h"

#include "access/stratnum.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "kwquery.h"

/* The keys of a query, with the key number of each operand. */
typedef struct QueryKeys
{
	int			nkeys;
	Datum	   *keys;			/* distinct ids as text, in byte order */
	int		   *key_of_operand;
	bool		match_all;		/* GIN_SEARCH_MODE_ALL needed */
} QueryKeys;

typedef struct OperandRef
{
	const char *id;
	int			length;
	int			operand;
} OperandRef;

static int
compare_operands(const void *a, const void *b)
{
	const OperandRef *x = a;
	const OperandRef *y = b;
	int			r = memcmp(x->id, y->id, Min(x->length, y->length));

	return r != 0 ? r : (x->length > y->length) - (x->length < y->length);
}

static GinTernaryValue
check_absent(void *arg, const KWQuery *q, const KWQItem *item, int n)
{
	return GIN_FALSE;
}

/* Sort the operands to find the distinct ids; O(n log n) for n operands. */
static void
extract_keys(const KWQuery *q, QueryKeys *qk)
{
	OperandRef *refs = palloc(sizeof(OperandRef) * q->size);
	int			noperands = 0;
	int			i;

	for (i = 0; i < q->size; i++)
		if (q->items[i].type == KWQ_VAL)
		{
			refs[noperands].id = KWQ_ID(q, &q->items[i]);
			refs[noperands].length = q->items[i].length;
			refs[noperands].operand = noperands;
			noperands++;
		}
	qsort(refs, noperands, sizeof(OperandRef), compare_operands);

	qk->keys = palloc(sizeof(Datum) * noperands);
	qk->key_of_operand = palloc(sizeof(int) * noperands);
	qk->nkeys = 0;
	for (i = 0; i < noperands; i++)
	{
		if (i == 0 || compare_operands(&refs[i - 1], &refs[i]) != 0)
			qk->keys[qk->nkeys++] =
				PointerGetDatum(cstring_to_text_with_len(refs[i].id, refs[i].length));
		qk->key_of_operand[refs[i].operand] = qk->nkeys - 1;
	}
	qk->match_all = kwq_execute(q, check_absent, NULL) != GIN_FALSE;
	pfree(refs);
}

PG_FUNCTION_INFO_V1(le_kwquery_gin_extract_query);

Datum
le_kwquery_gin_extract_query(PG_FUNCTION_ARGS)
{
	StrategyNumber strategy = PG_GETARG_UINT16(2);
	int32	   *nentries = (int32 *) PG_GETARG_POINTER(1);
	bool	  **pmatch = (bool **) PG_GETARG_POINTER(3);
	Pointer   **extra_data = (Pointer **) PG_GETARG_POINTER(4);
	bool	  **nullFlags = (bool **) PG_GETARG_POINTER(5);
	int32	   *searchMode = (int32 *) PG_GETARG_POINTER(6);
	QueryKeys	qk;
	int			i;

	if (strategy != KWQ_MATCH_STRATEGY)
		return ginqueryarrayextract(fcinfo);

	extract_keys(PG_GETARG_KWQUERY_P(0), &qk);
	*nentries = qk.nkeys;
	*pmatch = NULL;
	*nullFlags = NULL;
	*searchMode = qk.match_all ? GIN_SEARCH_MODE_ALL : GIN_SEARCH_MODE_DEFAULT;

	/*
	 * Every key carries the operand-to-key map for the consistent functions.
	 * Non-null extra data also keeps GIN from comparing every key with every
	 * other to merge duplicates, which we have merged already.
	 */
	*extra_data = palloc(sizeof(Pointer) * Max(1, qk.nkeys));
	for (i = 0; i < qk.nkeys; i++)
		(*extra_data)[i] = (Pointer) qk.key_of_operand;
	PG_RETURN_POINTER(qk.keys);
}

typedef struct KeyCheck
{
	const GinTernaryValue *check;
	const int  *key_of_operand;
} KeyCheck;

static GinTernaryValue
check_key(void *arg, const KWQuery *q, const KWQItem *item, int n)
{
	KeyCheck   *kc = arg;

	return kc->check[kc->key_of_operand[n]];
}

/* The value of the query given which keys the item has (maybe: unknown). */
static GinTernaryValue
consistent(FunctionCallInfo fcinfo, const GinTernaryValue *check)
{
	KWQuery    *q = PG_GETARG_KWQUERY_P(2);
	Pointer    *extra_data = (Pointer *) PG_GETARG_POINTER(4);
	KeyCheck	kc;

	kc.check = check;
	kc.key_of_operand = (const int *) extra_data[0];
	return kwq_execute(q, check_key, &kc);
}

PG_FUNCTION_INFO_V1(le_kwquery_gin_consistent);

Datum
le_kwquery_gin_consistent(PG_FUNCTION_ARGS)
{
	bool	   *check = (bool *) PG_GETARG_POINTER(0);
	StrategyNumber strategy = PG_GETARG_UINT16(1);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(5);

	if (strategy != KWQ_MATCH_STRATEGY)
		return ginarrayconsistent(fcinfo);

	/* A bool array is a GinTernaryValue array without GIN_MAYBE. */
	StaticAssertStmt(sizeof(bool) == sizeof(GinTernaryValue) &&
					 GIN_TRUE == true && GIN_FALSE == false,
					 "bool and GinTernaryValue differ");
	*recheck = false;
	PG_RETURN_BOOL(consistent(fcinfo, (GinTernaryValue *) check) == GIN_TRUE);
}

PG_FUNCTION_INFO_V1(le_kwquery_gin_triconsistent);

Datum
le_kwquery_gin_triconsistent(PG_FUNCTION_ARGS)
{
	GinTernaryValue *check = (GinTernaryValue *) PG_GETARG_POINTER(0);
	StrategyNumber strategy = PG_GETARG_UINT16(1);

	if (strategy != KWQ_MATCH_STRATEGY)
		return ginarraytriconsistent(fcinfo);
	PG_RETURN_GIN_TERNARY_VALUE(consistent(fcinfo, check));
}

PG_FUNCTION_INFO_V1(le_kwquery_gin_keys);

/*
 * kwquery_gin_keys(query, OUT keys text[], OUT match_all boolean): the index
 * keys @@ looks up for the query, and whether it must also visit the items
 * that have none of them.
 */
Datum
le_kwquery_gin_keys(PG_FUNCTION_ARGS)
{
	QueryKeys	qk;
	TupleDesc	tupdesc;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	extract_keys(PG_GETARG_KWQUERY_P(0), &qk);
	values[0] = PointerGetDatum(construct_array(qk.keys, qk.nkeys, TEXTOID,
												-1, false, TYPALIGN_INT));
	values[1] = BoolGetDatum(qk.match_all);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc),
													  values, nulls)));
}
