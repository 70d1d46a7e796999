/*
 * event_endpoint.c
 *	  SQL entry points of the event list: find_events and the statement's
 *	  EXPLAIN for tests (layer 3 as SQL functions).
 */
#include "postgres.h"

#include "executor/spi.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "event_query.h"

static EventQuery *
build_from_arg(FunctionCallInfo fcinfo)
{
	char	   *query = PG_ARGISNULL(0) ? "" : text_to_cstring(PG_GETARG_TEXT_PP(0));

	return event_query_build(event_query_decode(query));
}

PG_FUNCTION_INFO_V1(le_find_events);

/*
 * linkedevents.find_events(query): the events the query string selects, in
 * its order, with no paging: the filter and ordering engine alone.
 */
Datum
le_find_events(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	EventQuery *q;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	SPI_connect();
	q = build_from_arg(fcinfo);
	if (SPI_execute_with_args(event_query_sql(q, EQ_ROWS), q->args.count, q->args.types,
							  q->args.values, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "event query failed");
	for (uint64 i = 0; i < SPI_processed; i++)
		tuplestore_puttuple(rsinfo->setResult, SPI_tuptable->vals[i]);
	SPI_finish();
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(le_event_query_explain);

/*
 * linkedevents._event_query_explain(query): EXPLAIN (COSTS OFF) of the
 * first-page statement (page_size 20), with its parameters bound, so that
 * tests can check which indexes the plans use. SPI refuses EXPLAIN in
 * read-only mode, hence VOLATILE.
 */
Datum
le_event_query_explain(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	EventQuery *q;
	int			n;
	Oid		   *types;
	Datum	   *values;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	SPI_connect();
	q = build_from_arg(fcinfo);
	n = q->args.count;
	types = palloc(sizeof(Oid) * (n + 2));
	values = palloc(sizeof(Datum) * (n + 2));
	if (n > 0)
	{
		memcpy(types, q->args.types, sizeof(Oid) * n);
		memcpy(values, q->args.values, sizeof(Datum) * n);
	}
	types[n] = types[n + 1] = INT8OID;
	values[n] = Int64GetDatum(20);
	values[n + 1] = Int64GetDatum(0);
	if (SPI_execute_with_args(psprintf("EXPLAIN (COSTS OFF) %s", event_query_sql(q, EQ_PAGE_IDS)),
							  n + 2, types, values, NULL, false, 0) != SPI_OK_UTILITY)
		elog(ERROR, "EXPLAIN of the event query failed");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		isnull = false;
		Datum		line = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull);

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &line, &isnull);
	}
	SPI_finish();
	return (Datum) 0;
}
