/*
 * kwquery_io.c
 *	  kwquery text and binary I/O, and the builder every query is made by.
 *
 * Text form (SPEC D23): `!` binds tighter than `&`, which binds tighter
 * than `|`; parentheses group; an id is any run of characters other than
 * white space, `&`, `|`, `!`, `(` and `)`. The parser is an operator
 * precedence parser with explicit stacks and the printer walks the postfix
 * items with an explicit stack, so neither recurses: any nesting depth and
 * any length up to the size limit are fine.
 */
#include "postgres.h"

#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "kwquery.h"

#define KWQ_BINARY_VERSION 1

/* Binding strength; a parenthesis on the operator stack binds weakest. */
static int
precedence(char type)
{
	switch (type)
	{
		case KWQ_OR:
			return 1;
		case KWQ_AND:
			return 2;
		case KWQ_NOT:
			return 3;
		case KWQ_VAL:
			return 4;
	}
	return 0;
}

bool
kwq_is_id_char(char c)
{
	return !(c == '&' || c == '|' || c == '!' || c == '(' || c == ')' ||
			 c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
			 c == '\v' || c == '\0');
}

void
kwq_builder_init(KWQBuilder *b)
{
	b->maxitems = 16;
	b->nitems = 0;
	b->items = palloc(sizeof(KWQItem) * b->maxitems);
	b->roots = palloc(sizeof(int32) * b->maxitems);
	b->nroots = 0;
	initStringInfo(&b->operands);
}

static KWQItem *
new_item(KWQBuilder *b, char type)
{
	KWQItem    *item;

	if (b->nitems == KWQ_MAX_ITEMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("kwquery is too large"),
				 errdetail("A kwquery can have at most %d ids and operators.",
						   KWQ_MAX_ITEMS)));
	if (b->nitems == b->maxitems)
	{
		b->maxitems = Min(b->maxitems * 2, KWQ_MAX_ITEMS);
		b->items = repalloc(b->items, sizeof(KWQItem) * b->maxitems);
		b->roots = repalloc(b->roots, sizeof(int32) * b->maxitems);
	}
	item = &b->items[b->nitems];
	memset(item, 0, sizeof(KWQItem));
	item->type = type;
	return item;
}

void
kwq_add_operand(KWQBuilder *b, const char *id, int len)
{
	KWQItem    *item = new_item(b, KWQ_VAL);

	item->offset = b->operands.len;
	item->length = len;
	appendBinaryStringInfo(&b->operands, id, len);
	b->roots[b->nroots++] = b->nitems++;
}

/* Apply an operator to the last one or two operands; false if missing. */
bool
kwq_add_operator(KWQBuilder *b, char type)
{
	KWQItem    *item;

	if (b->nroots < (type == KWQ_NOT ? 1 : 2))
		return false;
	item = new_item(b, type);
	if (type != KWQ_NOT)
	{
		b->nroots--;			/* the right operand is the previous item */
		item->left = b->nitems - b->roots[b->nroots - 1];
	}
	b->roots[b->nroots - 1] = b->nitems++;
	return true;
}

/* Append a whole query as one more operand. */
void
kwq_add_query(KWQBuilder *b, const KWQuery *q)
{
	int			i;

	for (i = 0; i < q->size; i++)
	{
		const KWQItem *item = &q->items[i];

		if (item->type == KWQ_VAL)
			kwq_add_operand(b, KWQ_ID(q, item), item->length);
		else if (!kwq_add_operator(b, item->type))
			elog(ERROR, "malformed kwquery");
	}
}

KWQuery *
kwq_builder_finish(KWQBuilder *b)
{
	Size		items_size = sizeof(KWQItem) * b->nitems;
	Size		size = add_size(add_size(KWQ_HDRSIZE, items_size), b->operands.len);
	KWQuery    *q;

	Assert(b->nroots == 1);
	if (size > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("kwquery is too large")));
	q = palloc(size);
	SET_VARSIZE(q, size);
	q->size = b->nitems;
	memcpy(q->items, b->items, items_size);
	memcpy(KWQ_OPERANDS(q), b->operands.data, b->operands.len);
	return q;
}

/* 22P02 at the character position of `at` in the input `str`. */
static void
syntax_error(const char *str, const char *at, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type kwquery: \"%s\"", str),
			 errdetail("%s at position %d.", what,
					   pg_mbstrlen_with_len(str, at - str) + 1)));
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Pop operators that bind at least as tightly as `prec` into the output. */
static void
reduce(KWQBuilder *b, char *ops, int *nops, int prec)
{
	while (*nops > 0 && ops[*nops - 1] != '(' && precedence(ops[*nops - 1]) >= prec)
		kwq_add_operator(b, ops[--*nops]);
}

static KWQuery *
parse_kwquery(const char *str)
{
	KWQBuilder	b;
	char	   *ops = palloc(strlen(str) + 1);	/* operators and '(' */
	int			nops = 0;
	bool		want_operand = true;
	const char *p = str;

	kwq_builder_init(&b);
	for (;;)
	{
		while (is_space(*p))
			p++;
		if (want_operand)
		{
			if (*p == '!' || *p == '(')
				ops[nops++] = *p++;
			else if (kwq_is_id_char(*p))
			{
				const char *start = p;

				while (kwq_is_id_char(*p))
					p++;
				kwq_add_operand(&b, start, p - start);
				want_operand = false;
			}
			else
				syntax_error(str, p, *p ? "Keyword id expected" :
							 "Unexpected end of input");
		}
		else if (*p == '&' || *p == '|')
		{
			reduce(&b, ops, &nops, precedence(*p));
			ops[nops++] = *p++;
			want_operand = true;
		}
		else if (*p == ')')
		{
			reduce(&b, ops, &nops, 0);
			if (nops == 0)
				syntax_error(str, p, "Unmatched \")\"");
			nops--;
			p++;
		}
		else if (*p == '\0')
		{
			reduce(&b, ops, &nops, 0);
			if (nops > 0)
				syntax_error(str, p, "Missing \")\"");
			break;
		}
		else
			syntax_error(str, p, "Operator \"&\" or \"|\" expected");
	}
	pfree(ops);
	return kwq_builder_finish(&b);
}

PG_FUNCTION_INFO_V1(le_kwquery_in);

Datum
le_kwquery_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_KWQUERY_P(parse_kwquery(PG_GETARG_CSTRING(0)));
}

/*
 * Canonical text: ` & ` and ` | ` between operands, `!` glued to its
 * operand, parentheses only where the tree needs them (a right operand that
 * binds no tighter than its operator keeps them, so the text re-parses to
 * the same tree).
 */
typedef struct PrintFrame
{
	int			item;
	int			state;			/* 0: start, 1: left done, 2: right done */
	bool		parens;
} PrintFrame;

static char *
print_kwquery(const KWQuery *q)
{
	StringInfoData out;
	PrintFrame *stack = palloc(sizeof(PrintFrame) * (q->size + 1));
	int			depth = 0;

	initStringInfo(&out);
	stack[depth++] = (PrintFrame) {q->size - 1, 0, false};
	while (depth > 0)
	{
		PrintFrame *f = &stack[depth - 1];
		const KWQItem *item = &q->items[f->item];
		int			prec = precedence(item->type);

		if (item->type == KWQ_VAL)
		{
			appendBinaryStringInfo(&out, KWQ_ID(q, item), item->length);
			depth--;
		}
		else if (f->state == 0)
		{
			int			child = item->type == KWQ_NOT ? f->item - 1 : f->item - item->left;
			bool		parens = precedence(q->items[child].type) < prec;

			if (f->parens)
				appendStringInfoChar(&out, '(');
			if (item->type == KWQ_NOT)
				appendStringInfoChar(&out, '!');
			f->state = item->type == KWQ_NOT ? 2 : 1;
			stack[depth++] = (PrintFrame) {child, 0, parens};
		}
		else if (f->state == 1)
		{
			int			child = f->item - 1;

			appendStringInfo(&out, " %c ", item->type);
			f->state = 2;
			stack[depth++] = (PrintFrame) {child, 0,
			precedence(q->items[child].type) <= prec};
		}
		else
		{
			if (f->parens)
				appendStringInfoChar(&out, ')');
			depth--;
		}
	}
	pfree(stack);
	return out.data;
}

PG_FUNCTION_INFO_V1(le_kwquery_out);

Datum
le_kwquery_out(PG_FUNCTION_ARGS)
{
	KWQuery    *q = PG_GETARG_KWQUERY_P(0);

	PG_RETURN_CSTRING(print_kwquery(q));
}

/*
 * Binary form: a version byte, the item count, then the postfix items: the
 * type byte, and for an operand its id as counted text. Left offsets are not
 * sent; the receiver rebuilds (and so validates) the tree.
 */
PG_FUNCTION_INFO_V1(le_kwquery_send);

Datum
le_kwquery_send(PG_FUNCTION_ARGS)
{
	KWQuery    *q = PG_GETARG_KWQUERY_P(0);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendint8(&buf, KWQ_BINARY_VERSION);
	pq_sendint32(&buf, q->size);
	for (i = 0; i < q->size; i++)
	{
		const KWQItem *item = &q->items[i];

		pq_sendbyte(&buf, item->type);
		if (item->type == KWQ_VAL)
			pq_sendcountedtext(&buf, KWQ_ID(q, item), item->length, false);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(le_kwquery_recv);

Datum
le_kwquery_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	KWQBuilder	b;
	int			version = pq_getmsgint(buf, 1);
	int			size;
	int			i;

	if (version != KWQ_BINARY_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported kwquery binary version %d", version)));
	size = pq_getmsgint(buf, 4);
	if (size < 1 || size > KWQ_MAX_ITEMS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid kwquery item count %d", size)));
	kwq_builder_init(&b);
	for (i = 0; i < size; i++)
	{
		char		type = pq_getmsgbyte(buf);

		if (type == KWQ_VAL)
		{
			int			len;
			char	   *id = pq_getmsgtext(buf, pq_getmsgint(buf, 4), &len);
			int			j;

			for (j = 0; j < len; j++)
				if (!kwq_is_id_char(id[j]))
					break;
			if (len == 0 || j < len)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
						 errmsg("invalid keyword id in binary kwquery")));
			kwq_add_operand(&b, id, len);
		}
		else if (type != KWQ_AND && type != KWQ_OR && type != KWQ_NOT)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid kwquery item type %d", type)));
		else if (!kwq_add_operator(&b, type))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("malformed binary kwquery")));
	}
	if (b.nroots != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("malformed binary kwquery")));
	PG_RETURN_KWQUERY_P(kwq_builder_finish(&b));
}
