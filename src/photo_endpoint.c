/*
 * photo_endpoint.c
 *	  SQL entry points of the content API's photos (layer 5, README
 *	  "Photos"): the list page with its envelope, the detail, and the list
 *	  statement's EXPLAIN for tests. linkedevents.get routes
 *	  /v2/content/<culture>/photos[/<slug>] here (src/sql/83_photo_get.sql).
 *
 * Client errors are raised, as the /v1/ endpoints do, and get() turns them
 * into problem details: 42704 (Not Found) for a culture without photos or an
 * unknown slug, 22023 (Bad Request) for a bad parameter.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/formatting.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"
#include "utils/uuid.h"

#include "jsonld.h"
#include "photo_query.h"
#include "photo_write.h"

#define EQ " OPERATOR(pg_catalog.=) "

static void
not_found(void)
{
	ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT), errmsg("Not Found")));
}

/*
 * The culture of a request path, lower-cased: cultures are stored so
 * (_is_culture), and matched without regard to case.
 */
static char *
culture_arg(FunctionCallInfo fcinfo, int arg)
{
	text	   *culture;

	if (PG_ARGISNULL(arg))
		not_found();
	culture = PG_GETARG_TEXT_PP(arg);
	return asc_tolower(VARDATA_ANY(culture), VARSIZE_ANY_EXHDR(culture));
}

/* 42704 unless the culture has photos (any availability). */
static void
check_culture(const char *culture)
{
	Oid			argtype = TEXTOID;
	Datum		arg = CStringGetTextDatum(culture);

	if (SPI_execute_with_args("SELECT FROM linkedevents.photo_translation p"
							  " WHERE p.culture" EQ "$1 LIMIT 1",
							  1, &argtype, &arg, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "photo culture query failed");
	if (SPI_processed == 0)
		not_found();
}

static LeQuery *
query_arg(FunctionCallInfo fcinfo, int arg)
{
	char	   *query = PG_ARGISNULL(arg) ? "" : text_to_cstring(PG_GETARG_TEXT_PP(arg));

	return le_query_parse(query, strlen(query));
}

PG_FUNCTION_INFO_V1(le_photo_list);

/*
 * linkedevents.photo_list(culture, query, base_url): the list page
 * {"meta", "pagination", "items"}. nextUrl when an item follows the page,
 * previousUrl after the first page.
 */
Datum
le_photo_list(PG_FUNCTION_ARGS)
{
	char	   *culture = culture_arg(fcinfo, 0);
	PhotoCtx	ctx;
	StringInfoData result;
	LeQuery    *params;
	PhotoQuery *q;
	ArrayType  *ids;
	bool		more;

	photo_ctx_init(&ctx, PG_ARGISNULL(2) ? NULL : PG_GETARG_TEXT_PP(2));
	jw_result_init(&result);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	check_culture(culture);
	params = query_arg(fcinfo, 1);
	q = photo_query_build(culture, params);
	ids = photo_query_page(q, &more);

	JW_LIT(&result, "{\"meta\":{\"apiVersion\":\"2.0\",\"generatedAt\":");
	/* the time of the request: when its statement started (statement_timestamp) */
	jw_timestamp_ms(&result, TimestampTzGetDatum(GetCurrentStatementStartTimestamp()), false);
	JW_LIT(&result, "},\"pagination\":{");
	if (more)
	{
		JW_LIT(&result, "\"nextUrl\":");
		photo_write_list_url(&result, &ctx, culture, params, q->skip + q->limit);
		jw_char(&result, ',');
	}
	if (q->skip > 0)
	{
		JW_LIT(&result, "\"previousUrl\":");
		photo_write_list_url(&result, &ctx, culture, params, Max(q->skip - q->limit, 0));
		jw_char(&result, ',');
	}
	appendStringInfo(&result, "\"maxItems\":%d},\"items\":", PHOTO_LIMIT_MAX);
	photo_write_items(&result, &ctx, ids, true);
	jw_char(&result, '}');
	SPI_finish();
	PG_RETURN_DATUM(jw_result_datum(&result));
}

PG_FUNCTION_INFO_V1(le_photo_detail);

/*
 * linkedevents.photo_detail(culture, slug, base_url): the item of that slug
 * (its selfUrl), public or unlisted.
 */
Datum
le_photo_detail(PG_FUNCTION_ARGS)
{
	char	   *culture = culture_arg(fcinfo, 0);
	PhotoCtx	ctx;
	StringInfoData result;
	Oid			argtypes[2] = {TEXTOID, TEXTOID};
	Datum		args[2];
	bool		isnull;
	Datum		id;

	if (PG_ARGISNULL(1))
		not_found();
	photo_ctx_init(&ctx, PG_ARGISNULL(2) ? NULL : PG_GETARG_TEXT_PP(2));
	jw_result_init(&result);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	args[0] = CStringGetTextDatum(culture);
	args[1] = PG_GETARG_DATUM(1);
	if (SPI_execute_with_args("SELECT p.translation_id FROM linkedevents.photo_translation p"
							  " WHERE p.culture" EQ "$1 AND p.slug" EQ "$2",
							  2, argtypes, args, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "photo detail query failed");
	if (SPI_processed == 0)
		not_found();
	id = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (photo_write_items(&result, &ctx, construct_array(&id, 1, UUIDOID, UUID_LEN, false, TYPALIGN_CHAR),
						  false) == 0)
		not_found();
	SPI_finish();
	PG_RETURN_DATUM(jw_result_datum(&result));
}

PG_FUNCTION_INFO_V1(le_photo_query_explain);

/*
 * linkedevents._photo_query_explain(culture, query): EXPLAIN (COSTS OFF) of
 * the list's statement with its parameters bound, for tests of index use.
 * SPI refuses EXPLAIN in read-only mode, hence VOLATILE.
 */
Datum
le_photo_query_explain(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *culture = culture_arg(fcinfo, 0);
	PhotoQuery *q;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	q = photo_query_build(culture, query_arg(fcinfo, 1));
	if (SPI_execute_with_args(psprintf("EXPLAIN (COSTS OFF) %s", q->sql.data), q->nargs,
							  q->argtypes, q->args, NULL, false, 0) < 0)
		elog(ERROR, "EXPLAIN of the photos statement failed");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		isnull = false;
		Datum		line = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull);

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &line, &isnull);
	}
	SPI_finish();
	return (Datum) 0;
}
