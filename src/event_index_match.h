/*
 * event_index_match.h
 *	  Match programs over the event index: the event list's filters, its
 *	  visibility base and its order as nodes that event_index_match.c
 *	  evaluates over the decoded segments. The query builder makes them
 *	  beside the SQL conditions they equal (event_query.c).
 *
 * The nodes are two-valued: a comparison with NULL is false, as a WHERE
 * clause treats an unknown. A NOT is only ever put over a node whose SQL is
 * never NULL, so the two agree.
 */
#ifndef EVENT_INDEX_MATCH_H
#define EVENT_INDEX_MATCH_H

#include "event_index.h"
#include "kwquery.h"

typedef enum EmKind
{
	EM_FALSE,
	EM_AND,						/* children */
	EM_OR,						/* children */
	EM_NOT,						/* children: one */
	EM_FLAGS,					/* (flags & mask) == bits */
	EM_FIELD,					/* EIF_FIELD(flags, shift) is one of choices (a bit set) */
	EM_NULL,					/* times or ints column IS [NOT] NULL */
	EM_TIME,					/* times[col] op value */
	EM_INT,						/* ints[col] op value */
	EM_FLOAT,					/* ints[col]::float8 op fvalue */
	EM_CODES,					/* strs[col] among values (or sql's strings), or
								 * NULL if is_null */
	EM_LIST_ANY,				/* lists[col] meets values */
	EM_KWQUERY,					/* lists[EIL_KEYWORDS] @@ kwquery */
	EM_PLACE_FLAG,				/* the location's place flag bits */
	EM_EVENTS,					/* the events whose ids sql gives */
	EM_LOCAL_TIME,				/* local time of day of times[col] op value */
	EM_WEEKDAY,					/* SPEC 1.6 on weekdays */
	EM_DURATION,				/* end - start op value */
	EM_COALESCE,				/* the first non-NULL of cols (else fallback) op value */
	EM_STARTS_FROM,				/* SPEC 1.4 start: (end > value AND (has_end OR NOT
								 * has_start)) OR start >= value, OR postponed if
								 * is_null */
	EM_SUITABLE					/* SPEC 1.15 suitable_for: ages of value .. value2 */
} EmKind;

typedef enum EmOp
{
	EM_LT, EM_LE, EM_EQ, EM_GE, EM_GT
} EmOp;

typedef struct EmNode
{
	EmKind		kind;
	int			col;
	EmOp		op;
	int64		value;
	int64		value2;
	double		fvalue;
	uint16		mask;
	uint16		bits;
	int			shift;
	uint32		choices;
	bool		is_null;		/* EM_NULL: IS NULL; EM_CODES: NULL accepted */
	List	   *values;			/* char *, for EM_CODES and EM_LIST_ANY */
	const char *sql;			/* EM_CODES, EM_EVENTS: ids from a query, run with
								 * the statement's arguments; a ranked EM_EVENTS
								 * query gives (id, real rank) */
	bool		ranked;
	KWQuery    *kwquery;
	unsigned	weekdays;		/* bit d for ISO weekday d */
	int			ncols;			/* EM_COALESCE */
	int			cols[4];
	bool		has_fallback;
	int64		fallback;
	List	   *children;
	/* at run time: the codes (or slots) a set node accepts, a byte each */
	uint8	   *set;
	uint32		set_size;
	uint8		weekday_span[8][8]; /* EM_WEEKDAY: [sd][ed] spans a chosen day */
	float4	   *ranks;			/* ranked EM_EVENTS: by global slot */
	uint32	   *kwq_codes;		/* the kwquery's operands' codes */
	uint64	   *kwq_stack;		/* its evaluation stack: a mask per item */
} EmNode;

/* The sort key kinds. */
typedef enum EmKeyKind
{
	EK_TIME,					/* times[col] */
	EK_INT,						/* ints[col] */
	EK_DURATION,				/* end - start */
	EK_COALESCE,				/* times[col], else times[col2] */
	EK_RANK						/* the rank node's SQL gave the event */
} EmKeyKind;

typedef struct EmKey
{
	EmKeyKind	kind;
	int			col;
	int			col2;
	bool		descending;
	bool		nulls_last;		/* NULLS LAST also when descending */
	struct EmNode *node;		/* EK_RANK */
} EmKey;

typedef struct EmProgram
{
	List	   *visibility;		/* EmNode *, ANDed: SPEC 1.2 */
	List	   *filters;		/* EmNode *, ANDed */
	List	   *order;			/* EmKey *, then id */
	bool		hide_recurring_children;
	bool		add_super_events;
	bool		unsupported;	/* some filter or key has no node: use SQL */
} EmProgram;

/* Constructors. */
extern EmNode *em_node(EmKind kind);
extern EmNode *em_false(void);
extern EmNode *em_and(EmNode *a, EmNode *b);
extern EmNode *em_or(EmNode *a, EmNode *b);
extern EmNode *em_not(EmNode *a);
extern EmNode *em_flags(uint16 mask, uint16 bits);
extern EmNode *em_field(int shift, uint32 choices);
extern EmNode *em_time_null(EiTime col, bool is_null);
extern EmNode *em_int_null(EiInt col, bool is_null);
extern EmNode *em_time(EiTime col, EmOp op, TimestampTz value);
extern EmNode *em_int(EiInt col, EmOp op, int64 value);
extern EmNode *em_float(EiInt col, EmOp op, double value);
extern EmNode *em_codes(EiStr col, List *values);
extern EmNode *em_codes_sql(EiStr col, const char *sql);
extern EmNode *em_str_null(EiStr col);
extern EmNode *em_list_any(EiList col, List *values);
extern EmNode *em_kwquery(KWQuery *query);
extern EmNode *em_place_flag(uint8 flag);
extern EmNode *em_events_sql(const char *sql);
extern EmNode *em_ranked_events_sql(const char *sql);
extern EmNode *em_local_time(EiTime col, EmOp op, int64 time_of_day);
extern EmNode *em_weekday(unsigned weekdays);
extern EmNode *em_duration(EmOp op, int64 usecs);
extern EmNode *em_coalesce(int ncols, const int *cols, bool has_fallback, int64 fallback,
						   EmOp op, int64 value);
extern EmNode *em_starts_from(TimestampTz start, bool with_postponed);
extern EmNode *em_suitable(int64 lo, int64 hi);
extern EmKey *em_key(EmKeyKind kind, int col, int col2, bool descending, bool nulls_last);
extern EmKey *em_rank_key(EmNode *ranked_events);

/* A request's matches, between counting and paging. */
typedef struct EmResult EmResult;

extern EmResult *em_match(EmProgram *program, int nargs, Oid *types, Datum *values);
extern int64 em_count(EmResult *result);
extern ArrayType *em_page(EmResult *result, int64 offset, int64 limit,
						  MemoryContext result_context);

#endif							/* EVENT_INDEX_MATCH_H */
