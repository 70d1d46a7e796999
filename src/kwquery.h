/*
 * kwquery.h
 *	  The kwquery type: a boolean query over keyword ids, such as
 *	  (yso:p1235 | yso:p1947) & !yso:p4354, matched against text[] by @@.
 *
 * On disk a query is one varlena holding a flat postfix array of items (so
 * index support never walks pointers) followed by the operand ids' bytes.
 * The last item is the root. A binary operator's right operand is the item
 * just before it and its left operand is `left` items before it; a NOT's
 * operand is the item just before it.
 */
#ifndef KWQUERY_H
#define KWQUERY_H

#include "access/gin.h"
#include "fmgr.h"
#include "lib/stringinfo.h"

/* Item types; the operators' values are their characters in the text form. */
#define KWQ_VAL		'v'
#define KWQ_AND		'&'
#define KWQ_OR		'|'
#define KWQ_NOT		'!'

typedef struct KWQItem
{
	char		type;			/* KWQ_VAL or an operator */
	int32		left;			/* binary operator: distance to left operand */
	uint32		offset;			/* KWQ_VAL: the id's first byte in operands */
	uint32		length;			/* KWQ_VAL: the id's length in bytes */
} KWQItem;

typedef struct KWQuery
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	int32		size;			/* number of items, at least 1 */
	KWQItem		items[FLEXIBLE_ARRAY_MEMBER];
	/* the operands' bytes follow the items */
} KWQuery;

#define KWQ_HDRSIZE offsetof(KWQuery, items)
#define KWQ_OPERANDS(q) ((char *) ((q)->items + (q)->size))
#define KWQ_ID(q, item) (KWQ_OPERANDS(q) + (item)->offset)
#define KWQ_MAX_ITEMS (1 << 24)	/* 256 MB of items */

#define DatumGetKWQueryP(d) ((KWQuery *) PG_DETOAST_DATUM(d))
#define PG_GETARG_KWQUERY_P(n) DatumGetKWQueryP(PG_GETARG_DATUM(n))
#define PG_RETURN_KWQUERY_P(q) PG_RETURN_POINTER(q)

/* GIN strategy of @@ in kwquery_ops; 1-3 are core's array strategies. */
#define KWQ_MATCH_STRATEGY 5

/*
 * Builds a query from its postfix items (kwquery_io.c). The parser, the
 * binary receiver and the combinators all go through it, so every stored
 * query is well formed.
 */
typedef struct KWQBuilder
{
	KWQItem    *items;
	int			nitems;
	int			maxitems;
	StringInfoData operands;
	int32	   *roots;			/* roots of the finished operands so far */
	int			nroots;
} KWQBuilder;

extern void kwq_builder_init(KWQBuilder *b);
extern void kwq_add_operand(KWQBuilder *b, const char *id, int len);
extern bool kwq_add_operator(KWQBuilder *b, char type);
extern void kwq_add_query(KWQBuilder *b, const KWQuery *q);
extern KWQuery *kwq_builder_finish(KWQBuilder *b);
extern bool kwq_is_id_char(char c);

/*
 * The evaluator (kwquery_op.c): the value of the query when operand number
 * n (counting KWQ_VAL items from the start) has the value check() gives it,
 * in three-valued logic.
 */
typedef GinTernaryValue (*KWQCheck) (void *arg, const KWQuery *q,
									 const KWQItem *item, int n);
extern GinTernaryValue kwq_execute(const KWQuery *q, KWQCheck check, void *arg);

#endif							/* KWQUERY_H */
