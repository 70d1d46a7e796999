/*
 * event_query.h
 *	  The event list's query builder (layer 3): the request's parameters in,
 *	  one parameterised SQL statement out, run through SPI.
 */
#ifndef EVENT_QUERY_H
#define EVENT_QUERY_H

#include "postgres.h"

#include "nodes/pg_list.h"
#include "utils/array.h"

#include "event_index_match.h"

/* Raise the API's 400: SQLSTATE 22023 with the message verbatim. */
#define le_bad_parameter(...) \
	ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg(__VA_ARGS__)))

/* One decoded query-string parameter; value is "" for "x=" and "x". */
typedef struct QueryParam
{
	char	   *key;
	char	   *value;
} QueryParam;

/* Bound parameters of a statement: $1 is args[0]. */
typedef struct EventQueryArgs
{
	int			count;
	int			capacity;
	Oid		   *types;
	Datum	   *values;
} EventQueryArgs;

typedef struct EventQuery
{
	List	   *params;			/* QueryParam *, in request order */
	char	   *visibility;		/* base conditions (SPEC 1.2, D22), AND-joined */
	StringInfoData filters;		/* " AND <condition>" per filter */
	StringInfoData order;		/* ORDER BY keys, the final e.id included */
	bool		detail;			/* one event's detail (SPEC 2), not a list */
	bool		visibility_by_publisher;	/* show_all or admin_user, signed in */
	bool		hide_recurring_children;
	bool		add_super_events;	/* hide_recurring_children_sub_events */
	int			srid;
	EventQueryArgs args;
	EmProgram	match;			/* the same query over the event index */
} EventQuery;

/* Which statement event_query_sql writes. */
typedef enum EventQueryShape
{
	EQ_COUNT,					/* SELECT count(*) */
	EQ_PAGE_IDS,				/* SELECT e.id ... ORDER BY ... LIMIT $n OFFSET $n+1 */
	EQ_ROWS						/* SELECT e.* ... ORDER BY ... */
} EventQueryShape;

extern List *event_query_params(const char *query);
extern const char *event_query_param(List *params, const char *key);

extern EventQuery *event_query_build(List *params, const char *detail_id);
extern char *event_query_sql(EventQuery *q, EventQueryShape shape);
extern void event_query_run(EventQuery *q, const char *sql, bool paged,
							int64 limit, int64 offset, bool read_only);
extern int64 event_query_count(EventQuery *q);
extern ArrayType *event_query_page_ids(EventQuery *q, int64 limit, int64 offset,
									   MemoryContext result_context);
extern EmResult *event_query_match(EventQuery *q);

#endif							/* EVENT_QUERY_H */
