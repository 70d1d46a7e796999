/*
 * jsonld_page.c
 *	  SQL entry points of the serializer: to_jsonld(row), a page of objects
 *	  by ids, one object by id.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "jsonld.h"

PG_FUNCTION_INFO_V1(le_to_jsonld);
PG_FUNCTION_INFO_V1(le_jsonld_page_data);
PG_FUNCTION_INFO_V1(le_jsonld_object);

static const char *const resource_names[] = {
	[LE_EVENT] = "event",
	[LE_PLACE] = "place",
	[LE_KEYWORD] = "keyword",
	[LE_KEYWORD_SET] = "keyword_set",
	[LE_ORGANIZATION] = "organization",
	[LE_IMAGE] = "image",
	[LE_LANGUAGE] = "language",
};

static LeResource
resource_from_name(const char *name)
{
	for (int i = 0; i < lengthof(resource_names); i++)
		if (strcmp(name, resource_names[i]) == 0)
			return (LeResource) i;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown resource \"%s\"", name),
			 errhint("Use event, place, keyword, keyword_set, organization, image or language.")));
	pg_unreachable();
}

/* The json result is built in place: a varlena header, then the text. */
static void
result_init(StringInfo result)
{
	initStringInfo(result);
	appendStringInfoSpaces(result, VARHDRSZ);
}

static Datum
result_datum(StringInfo result)
{
	SET_VARSIZE(result->data, result->len);
	return PointerGetDatum(result->data);
}

#define ARG_OR_NULL(n, getter) (PG_ARGISNULL(n) ? NULL : getter(n))

/* include, base_url, format, srid from the arguments at those positions. */
static void
ctx_from_args(JsonldCtx *ctx, FunctionCallInfo fcinfo, int include_arg,
			  int base_arg, int format_arg, int srid_arg)
{
	le_ctx_init(ctx,
				ARG_OR_NULL(base_arg, PG_GETARG_TEXT_PP),
				format_arg < 0 ? NULL : ARG_OR_NULL(format_arg, PG_GETARG_TEXT_PP),
				ARG_OR_NULL(include_arg, PG_GETARG_ARRAYTYPE_P),
				(srid_arg < 0 || PG_ARGISNULL(srid_arg)) ? 4326 : PG_GETARG_INT32(srid_arg));
}

/* Ids as the array type the resource's fetch takes: int4[] for images. */
static Datum
ids_for(LeResource resource, ArrayType *ids)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	if (resource != LE_IMAGE)
		return PointerGetDatum(ids);
	deconstruct_array(ids, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	for (int i = 0; i < n; i++)
		if (!nulls[i])
			elems[i] = Int32GetDatum(pg_strtoint32(TextDatumGetCString(elems[i])));
	return PointerGetDatum(construct_md_array(elems, nulls, 1, &n, (int[]) {1},
											  INT4OID, sizeof(int32), true, TYPALIGN_INT));
}

/*
 * Serialize the objects of ids (or the one given row) into result: as a
 * JSON list, or the first object alone; false when there is no object.
 */
static bool
serialize(LeResource resource, JsonldCtx *ctx, Datum ids, HeapTupleHeader row,
		  bool as_list, StringInfo result)
{
	LeRows		rows;
	LeSpans		spans;
	bool		found = true;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (row != NULL)
		le_rows_from_record(&rows, row);
	else
		le_fetch_ids(resource, ids, &rows);
	le_write_rows(resource, ctx, &rows, &spans);
	if (as_list)
		le_spans_write_all(result, &spans);
	else if (spans.n > 0 && spans.start[0] >= 0)
		le_spans_write(result, &spans, 0);
	else
		found = false;
	SPI_finish();
	return found;
}

/*
 * to_jsonld(row, include, base_url): the object of a row of one of the
 * resource tables; the table is told by the row's type.
 */
Datum
le_to_jsonld(PG_FUNCTION_ARGS)
{
	HeapTupleHeader row;
	Oid			relid;
	JsonldCtx	ctx;
	StringInfoData result;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	row = PG_GETARG_HEAPTUPLEHEADER(0);
	relid = get_typ_typrelid(HeapTupleHeaderGetTypeId(row));
	if (!OidIsValid(relid) || get_rel_namespace(relid) != get_func_namespace(fcinfo->flinfo->fn_oid))
		elog(ERROR, "to_jsonld takes a row of a linkedevents table");
	ctx_from_args(&ctx, fcinfo, 1, 2, -1, -1);
	result_init(&result);
	if (!serialize(resource_from_name(get_rel_name(relid)), &ctx, (Datum) 0, row,
				   false, &result))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result_datum(&result));
}

/*
 * _jsonld_page_data(resource, ids, include, base_url, format, srid): the
 * JSON list of the objects of ids, in the order of ids; ids that do not
 * exist are left out.
 */
Datum
le_jsonld_page_data(PG_FUNCTION_ARGS)
{
	LeResource	resource;
	JsonldCtx	ctx;
	StringInfoData result;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	resource = resource_from_name(text_to_cstring(PG_GETARG_TEXT_PP(0)));
	ctx_from_args(&ctx, fcinfo, 2, 3, 4, 5);
	result_init(&result);
	if (PG_ARGISNULL(1))
		appendStringInfoString(&result, "[]");
	else
		serialize(resource, &ctx, ids_for(resource, PG_GETARG_ARRAYTYPE_P(1)), NULL,
				  true, &result);
	PG_RETURN_DATUM(result_datum(&result));
}

/*
 * _jsonld_object(resource, id, include, base_url, format, srid): one object
 * by id, NULL when there is none (detail endpoints).
 */
Datum
le_jsonld_object(PG_FUNCTION_ARGS)
{
	LeResource	resource;
	JsonldCtx	ctx;
	StringInfoData result;
	Datum		id;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	resource = resource_from_name(text_to_cstring(PG_GETARG_TEXT_PP(0)));
	ctx_from_args(&ctx, fcinfo, 2, 3, 4, 5);
	id = PG_GETARG_DATUM(1);
	result_init(&result);
	if (!serialize(resource, &ctx,
				   ids_for(resource, construct_array(&id, 1, TEXTOID, -1, false, TYPALIGN_INT)),
				   NULL, false, &result))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result_datum(&result));
}
