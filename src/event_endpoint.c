/*
 * event_endpoint.c
 *	  SQL entry points of the event resource: event_list and event_detail
 *	  (layer 5, SPEC 1-3), find_events and the statement's EXPLAIN for tests.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "event_query.h"
#include "params.h"
#include "parse_filter.h"
#include "jsonld.h"
#include "linkedevents.h"

#define ERRCODE_LE_GONE			MAKE_SQLSTATE('L','E','4','1','0')
#define ERRCODE_LE_MOVED		MAKE_SQLSTATE('L','E','3','0','1')

#define EVENT_PAGE_SIZE_DEFAULT	20
#define EVENT_PAGE_SIZE_MAX		100

static void
not_found(const char *message)
{
	ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT), errmsg("%s", message)));
}

/* The last non-empty value of key as text, or NULL. */
static text *
param_text(List *params, const char *key)
{
	const char *value = event_query_param(params, key);

	return (value && *value) ? cstring_to_text(value) : NULL;
}

/* D21: format is json, json-ld or api; anything else is an unknown page. */
static void
check_format(List *params)
{
	const char *format = event_query_param(params, "format");

	if (format && *format && strcmp(format, "json") != 0 &&
		strcmp(format, "json-ld") != 0 && strcmp(format, "api") != 0)
		not_found("Not found.");
}

/* include as the serializer takes it: {last value}, or {} when absent. */
static Datum
include_array(List *params)
{
	text	   *include = param_text(params, "include");
	Datum		item = PointerGetDatum(include);

	return PointerGetDatum(construct_array(&item, include ? 1 : 0, TEXTOID, -1, false, TYPALIGN_INT));
}

/* SPEC 3 page_size: default 20, capped at 100; 0, negative or junk = default. */
static int
page_size_param(List *params)
{
	const char *value = event_query_param(params, "page_size");

	if (value == NULL)
		return EVENT_PAGE_SIZE_DEFAULT;
	return (int) le_param_page_size(value, EVENT_PAGE_SIZE_DEFAULT, EVENT_PAGE_SIZE_MAX);
}

/* SPEC 3 page: 1 by default, "last", else 1..last_page or 404 Invalid page. */
static int
page_param(List *params, int64 last_page)
{
	const char *value = event_query_param(params, "page");
	int64		n = value ? le_param_page(value) : 1;

	if (n == LE_PAGE_LAST)
		return (int) last_page;
	if (n > last_page)
		le_raise_invalid_page();
	return (int) n;
}

static EventQuery *
build_from_arg(FunctionCallInfo fcinfo)
{
	char	   *query = PG_ARGISNULL(0) ? "" : text_to_cstring(PG_GETARG_TEXT_PP(0));

	return event_query_build(event_query_params(query), false);
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
	event_query_run(q, event_query_sql(q, EQ_ROWS), false, 0, 0, true);
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

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	SPI_connect();
	q = build_from_arg(fcinfo);
	event_query_run(q, psprintf("EXPLAIN (COSTS OFF) %s", event_query_sql(q, EQ_PAGE_IDS)),
					true, 20, 0, false);
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		isnull = false;
		Datum		line = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull);

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &line, &isnull);
	}
	SPI_finish();
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(le_event_index_answers);

/*
 * linkedevents._event_index_answers(query): whether the event index answers
 * the list for this query string (else SQL does), for tests.
 */
Datum
le_event_index_answers(PG_FUNCTION_ARGS)
{
	bool		answers;

	SPI_connect();
	answers = event_query_match(build_from_arg(fcinfo)) != NULL;
	SPI_finish();
	PG_RETURN_BOOL(answers);
}

PG_FUNCTION_INFO_V1(le_event_list);

/*
 * linkedevents.event_list(query, base_url): the /event/ list page (SPEC 1,
 * 3). Filter errors come before page errors; the count and the page are
 * read in one snapshot, from the event index where it answers, else by SQL.
 */
Datum
le_event_list(PG_FUNCTION_ARGS)
{
	char	   *query = PG_ARGISNULL(0) ? "" : text_to_cstring(PG_GETARG_TEXT_PP(0));
	List	   *params;
	EventQuery *q;
	EmResult   *matched;
	int64		count;
	int64		offset;
	ArrayType  *ids;
	int			page_size;
	int			page;
	int			n_params;
	Datum	   *keys;
	Datum	   *values;
	bool	   *value_nulls;
	int			dims[1];
	int			lbs[1] = {1};
	ListCell   *lc;
	Oid			argtypes[9] = {TEXTARRAYOID, INT8OID, INT4OID, INT4OID, TEXTARRAYOID,
	TEXTARRAYOID, TEXTARRAYOID, TEXTOID, INT4OID};
	Datum		args[9];
	char		nulls[10] = "         ";
	bool		isnull;
	Datum		result;

	SPI_connect();
	params = event_query_params(query);
	check_format(params);
	q = event_query_build(params, NULL);
	matched = event_query_match(q);
	count = matched ? em_count(matched) : event_query_count(q);
	page_size = page_size_param(params);
	page = page_param(params, Max(1, (count + page_size - 1) / page_size));
	offset = (int64) (page - 1) * page_size;
	ids = matched ? em_page(matched, offset, page_size, CurrentMemoryContext) : NULL;
	if (ids == NULL)
		ids = event_query_page_ids(q, page_size, offset, CurrentMemoryContext);

	n_params = list_length(params);
	keys = palloc(sizeof(Datum) * Max(n_params, 1));
	values = palloc(sizeof(Datum) * Max(n_params, 1));
	value_nulls = palloc(sizeof(bool) * Max(n_params, 1));
	foreach(lc, params)
	{
		QueryParam *p = lfirst(lc);
		int			i = foreach_current_index(lc);

		keys[i] = CStringGetTextDatum(p->key);
		values[i] = CStringGetTextDatum(p->value);
		value_nulls[i] = (*p->value == '\0');
	}
	dims[0] = n_params;

	args[0] = PointerGetDatum(ids);
	args[1] = Int64GetDatum(count);
	args[2] = Int32GetDatum(page);
	args[3] = Int32GetDatum(page_size);
	args[4] = PointerGetDatum(construct_array(keys, n_params, TEXTOID, -1, false, TYPALIGN_INT));
	args[5] = PointerGetDatum(construct_md_array(values, value_nulls, 1, dims, lbs,
												 TEXTOID, -1, false, TYPALIGN_INT));
	args[6] = include_array(params);
	if (PG_ARGISNULL(1))
		nulls[7] = 'n';
	else
		args[7] = PG_GETARG_DATUM(1);
	args[8] = Int32GetDatum(q->srid);
	if (SPI_execute_with_args("SELECT linkedevents._jsonld_list('event', $1, $2, $3, $4, $5, $6, $7, $8, $9)",
							  9, argtypes, args, nulls, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "event list serialization failed");
	result = SPI_datumTransfer(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull),
							   false, -1);
	SPI_finish();
	PG_RETURN_DATUM(result);
}

/* The URL of an event's detail for a 301: base, encoded id, ?format. */
static char *
event_url(FunctionCallInfo fcinfo, const char *id, List *params)
{
	const char *base = PG_ARGISNULL(2) ? le_base_url : text_to_cstring(PG_GETARG_TEXT_PP(2));
	const char *format = event_query_param(params, "format");
	StringInfoData url;

	initStringInfo(&url);
	appendStringInfoString(&url, base);
	if (url.len == 0 || url.data[url.len - 1] != '/')
		appendStringInfoChar(&url, '/');
	appendStringInfoString(&url, "event/");
	jw_percent_encode(&url, id, strlen(id), ":@/!$&'()*+,;=", false);
	appendStringInfoChar(&url, '/');
	if (format && *format)
	{
		appendStringInfoString(&url, "?format=");
		jw_percent_encode(&url, format, strlen(format), "", true);
	}
	return url.data;
}

/*
 * The end of id's replacement chain: linkedevents._replacement_end, shared
 * with the other resources (on a cycle, the last event before it closes).
 */
static char *
replacement_chain_end(const char *id)
{
	Oid			argtype = TEXTOID;
	Datum		arg = CStringGetTextDatum(id);

	if (SPI_execute_with_args("SELECT linkedevents._replacement_end('event', $1)",
							  1, &argtype, &arg, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "replacement chain query failed");
	return SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
}

PG_FUNCTION_INFO_V1(le_event_detail);

/*
 * linkedevents.event_detail(id, query, base_url): one event's document, with
 * the checks of SPEC 2 in their order: 404 unknown, 301 replaced (LE301,
 * URL in DETAIL), the FilterSet stage, 404 invisible draft, 410 deleted.
 */
Datum
le_event_detail(PG_FUNCTION_ARGS)
{
	char	   *id;
	List	   *params;
	EventQuery *q;
	Oid			argtype = TEXTOID;
	Datum		arg;
	bool		isnull;
	bool		replaced;
	bool		deleted;
	bool		visible;
	Oid			argtypes[7] = {TEXTOID, TEXTOID, TEXTARRAYOID, TEXTOID, TEXTOID, INT4OID, BOOLOID};
	Datum		args[7];
	char		nulls[8] = "       ";
	Datum		result;

	if (PG_ARGISNULL(0))
		not_found("Not found.");
	id = text_to_cstring(PG_GETARG_TEXT_PP(0));
	SPI_connect();
	params = event_query_params(PG_ARGISNULL(1) ? "" : text_to_cstring(PG_GETARG_TEXT_PP(1)));
	check_format(params);

	arg = CStringGetTextDatum(id);
	if (SPI_execute_with_args("SELECT e.replaced_by IS NOT NULL, e.deleted,"
							  " e.publication_status = 'public' OR COALESCE(e.publisher IN ("
							  "SELECT o.id FROM linkedevents.organization o WHERE o.tree_path &&"
							  " pg_catalog.string_to_array(NULLIF(linkedevents._setting('user_organizations'), ''), ',')),"
							  " false)"
							  " FROM linkedevents.event e WHERE e.id = $1",
							  1, &argtype, &arg, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "event detail query failed");
	if (SPI_processed == 0)
		not_found("Not found.");
	replaced = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	deleted = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
	visible = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &isnull));

	if (replaced)
		ereport(ERROR,
				(errcode(ERRCODE_LE_MOVED),
				 errmsg("event \"%s\" has been replaced", id),
				 errdetail("%s", event_url(fcinfo, replacement_chain_end(id), params))));

	q = event_query_build(params, id);
	if (event_query_count(q) == 0)
		not_found("No Event matches the given query.");
	if (!visible)
		not_found("Event does not exist");
	if (deleted)
		ereport(ERROR, (errcode(ERRCODE_LE_GONE), errmsg("Event has been deleted.")));

	args[0] = CStringGetTextDatum("event");
	args[1] = CStringGetTextDatum(id);
	args[2] = include_array(params);
	if (PG_ARGISNULL(2))
		nulls[3] = 'n';
	else
		args[3] = PG_GETARG_DATUM(2);
	if (param_text(params, "format"))
		args[4] = PointerGetDatum(param_text(params, "format"));
	else
		nulls[4] = 'n';
	args[5] = Int32GetDatum(q->srid);
	args[6] = BoolGetDatum(param_text(params, "use_image_proxy") &&
						   le_param_bool("use_image_proxy",
										 event_query_param(params, "use_image_proxy")));
	if (SPI_execute_with_args("SELECT linkedevents._jsonld_object($1, $2, $3, $4, $5, $6, $7)",
							  7, argtypes, args, nulls, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "event serialization failed");
	result = SPI_datumTransfer(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull),
							   false, -1);
	SPI_finish();
	PG_RETURN_DATUM(result);
}
