/*
 * event_index_node.c
 *	  Constructors of the match nodes and sort keys (event_index_match.h)
 *	  that the query builder makes beside each filter's SQL.
 */
#include "postgres.h"

#include "event_index_match.h"

EmNode *
em_node(EmKind kind)
{
	EmNode	   *n = palloc0(sizeof(EmNode));

	n->kind = kind;
	return n;
}

EmNode *
em_false(void)
{
	return em_node(EM_FALSE);
}

static EmNode *
em_pair(EmKind kind, EmNode *a, EmNode *b)
{
	EmNode	   *n = em_node(kind);

	n->children = list_make2(a, b);
	return n;
}

EmNode *
em_and(EmNode *a, EmNode *b)
{
	return em_pair(EM_AND, a, b);
}

EmNode *
em_or(EmNode *a, EmNode *b)
{
	return em_pair(EM_OR, a, b);
}

EmNode *
em_not(EmNode *a)
{
	EmNode	   *n = em_node(EM_NOT);

	n->children = list_make1(a);
	return n;
}

EmNode *
em_flags(uint16 mask, uint16 bits)
{
	EmNode	   *n = em_node(EM_FLAGS);

	n->mask = mask;
	n->bits = bits;
	return n;
}

EmNode *
em_field(int shift, uint32 choices)
{
	EmNode	   *n = em_node(EM_FIELD);

	n->shift = shift;
	n->choices = choices;
	return n;
}

EmNode *
em_time_null(EiTime col, bool is_null)
{
	EmNode	   *n = em_node(EM_NULL);

	n->col = col;
	n->is_null = is_null;
	return n;
}

EmNode *
em_int_null(EiInt col, bool is_null)
{
	EmNode	   *n = em_node(EM_NULL);

	n->col = EIT_COUNT + col;
	n->is_null = is_null;
	return n;
}

static EmNode *
em_compare(EmKind kind, int col, EmOp op, int64 value)
{
	EmNode	   *n = em_node(kind);

	n->col = col;
	n->op = op;
	n->value = value;
	return n;
}

EmNode *
em_time(EiTime col, EmOp op, TimestampTz value)
{
	return em_compare(EM_TIME, col, op, value);
}

EmNode *
em_int(EiInt col, EmOp op, int64 value)
{
	return em_compare(EM_INT, col, op, value);
}

EmNode *
em_float(EiInt col, EmOp op, double value)
{
	EmNode	   *n = em_compare(EM_FLOAT, col, op, 0);

	n->fvalue = value;
	return n;
}

EmNode *
em_codes(EiStr col, List *values)
{
	EmNode	   *n = em_node(EM_CODES);

	n->col = col;
	n->values = values;
	return n;
}

EmNode *
em_codes_sql(EiStr col, const char *sql)
{
	EmNode	   *n = em_node(EM_CODES);

	n->col = col;
	n->sql = sql;
	return n;
}

/* strs[col] IS NULL */
EmNode *
em_str_null(EiStr col)
{
	EmNode	   *n = em_codes(col, NIL);

	n->is_null = true;
	return n;
}

EmNode *
em_list_any(EiList col, List *values)
{
	EmNode	   *n = em_node(EM_LIST_ANY);

	n->col = col;
	n->values = values;
	return n;
}

EmNode *
em_kwquery(KWQuery *query)
{
	EmNode	   *n = em_node(EM_KWQUERY);

	n->kwquery = query;
	return n;
}

EmNode *
em_place_flag(uint8 flag)
{
	EmNode	   *n = em_node(EM_PLACE_FLAG);

	n->mask = flag;
	return n;
}

EmNode *
em_events_sql(const char *sql)
{
	EmNode	   *n = em_node(EM_EVENTS);

	n->sql = sql;
	return n;
}

/* Events with a rank, for the EK_RANK key: the SQL gives (id, real). */
EmNode *
em_ranked_events_sql(const char *sql)
{
	EmNode	   *n = em_events_sql(sql);

	n->ranked = true;
	return n;
}

EmNode *
em_local_time(EiTime col, EmOp op, int64 time_of_day)
{
	return em_compare(EM_LOCAL_TIME, col, op, time_of_day);
}

EmNode *
em_weekday(unsigned weekdays)
{
	EmNode	   *n = em_node(EM_WEEKDAY);

	n->weekdays = weekdays;
	return n;
}

EmNode *
em_duration(EmOp op, int64 usecs)
{
	return em_compare(EM_DURATION, 0, op, usecs);
}

EmNode *
em_coalesce(int ncols, const int *cols, bool has_fallback, int64 fallback, EmOp op, int64 value)
{
	EmNode	   *n = em_compare(EM_COALESCE, 0, op, value);

	Assert(ncols <= lengthof(n->cols));
	n->ncols = ncols;
	memcpy(n->cols, cols, sizeof(int) * ncols);
	n->has_fallback = has_fallback;
	n->fallback = fallback;
	return n;
}

EmNode *
em_starts_from(TimestampTz start, bool with_postponed)
{
	EmNode	   *n = em_compare(EM_STARTS_FROM, 0, EM_GE, start);

	n->is_null = with_postponed;
	return n;
}

EmNode *
em_suitable(int64 lo, int64 hi)
{
	EmNode	   *n = em_compare(EM_SUITABLE, 0, EM_GE, lo);

	n->value2 = hi;
	return n;
}

EmKey *
em_key(EmKeyKind kind, int col, int col2, bool descending, bool nulls_last)
{
	EmKey	   *k = palloc0(sizeof(EmKey));

	k->kind = kind;
	k->col = col;
	k->col2 = col2;
	k->descending = descending;
	k->nulls_last = nulls_last;
	return k;
}

/* The rank of a ranked event set, highest first, then id (as ORDER BY rank DESC, id). */
EmKey *
em_rank_key(EmNode *ranked_events)
{
	EmKey	   *k = em_key(EK_RANK, 0, 0, true, false);

	Assert(ranked_events->ranked);
	k->node = ranked_events;
	return k;
}
