/*
 * jsonld_page.c
 *	  SQL entry points of the serializer: to_jsonld(row), a page of objects
 *	  by ids, one object by id, and a whole list page with its envelope.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "jsonld.h"
#include "parse_scalar.h"

PG_FUNCTION_INFO_V1(le_to_jsonld);
PG_FUNCTION_INFO_V1(le_jsonld_page_data);
PG_FUNCTION_INFO_V1(le_jsonld_object);
PG_FUNCTION_INFO_V1(le_jsonld_list);

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

	/* the document store reads its tables directly: no SPI */
	if (row == NULL && as_list && le_store_write_page(ctx, resource, ids, result))
		return true;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (row != NULL)
		le_rows_from_record(&rows, row);
	else
		le_fetch_ids(resource, ids, &rows);
	if (as_list)
		le_write_rows(resource, ctx, &rows, &spans, result);
	else
	{
		le_write_rows(resource, ctx, &rows, &spans, NULL);
		if (spans.n > 0 && spans.start[0] >= 0)
			le_spans_write(result, &spans, 0);
		else
			found = false;
	}
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
	jw_result_init(&result);
	if (!serialize(resource_from_name(get_rel_name(relid)), &ctx, (Datum) 0, row,
				   false, &result))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(jw_result_datum(&result));
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
	jw_result_init(&result);
	if (PG_ARGISNULL(1))
		appendStringInfoString(&result, "[]");
	else
		serialize(resource, &ctx, ids_for(resource, PG_GETARG_ARRAYTYPE_P(1)), NULL,
				  true, &result);
	PG_RETURN_DATUM(jw_result_datum(&result));
}

/*
 * _jsonld_object(resource, id, include, base_url, format, srid, image_proxy):
 * one object by id, NULL when there is none (detail endpoints).
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
	ctx.image_proxy = !PG_ARGISNULL(6) && PG_GETARG_BOOL(6);
	id = PG_GETARG_DATUM(1);
	jw_result_init(&result);
	if (!serialize(resource, &ctx,
				   ids_for(resource, construct_array(&id, 1, TEXTOID, -1, false, TYPALIGN_INT)),
				   NULL, false, &result))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(jw_result_datum(&result));
}

/* One query parameter of the request, in its place among the others. */
typedef struct QueryPair
{
	const char *key;
	int			key_len;
	const char *value;
	int			value_len;
	int			position;		/* keeps the sort stable */
} QueryPair;

static int
cmp_query_pair(const void *a, const void *b)
{
	const QueryPair *x = a;
	const QueryPair *y = b;
	int			c = memcmp(x->key, y->key, Min(x->key_len, y->key_len));

	if (c == 0)
		c = (x->key_len > y->key_len) - (x->key_len < y->key_len);
	if (c == 0)
		c = x->position - y->position;
	return c;
}

/*
 * A pagination link (SPEC 3): the list URL with the request's parameters
 * minus page, plus page=<page> unless page is 1, sorted by key (stable:
 * repeated keys keep their order) and form-encoded; no '?' when none remain.
 */
static void
write_page_url(StringInfo out, JsonldCtx *ctx, const char *resource,
			   QueryPair *pairs, int npairs, int64 page)
{
	QueryPair  *sorted = palloc(sizeof(QueryPair) * (npairs + 1));
	int			n = 0;
	char		page_text[24];

	for (int i = 0; i < npairs; i++)
		if (!(pairs[i].key_len == 4 && memcmp(pairs[i].key, "page", 4) == 0))
			sorted[n++] = pairs[i];
	if (page != 1)
	{
		sorted[n].key = "page";
		sorted[n].key_len = 4;
		sorted[n].value = page_text;
		sorted[n].value_len = pg_lltoa(page, page_text);
		sorted[n].position = npairs;
		n++;
	}
	qsort(sorted, n, sizeof(QueryPair), cmp_query_pair);

	jw_char(out, '"');
	appendBinaryStringInfo(out, ctx->base, ctx->base_len);
	appendStringInfoString(out, resource);
	jw_char(out, '/');
	for (int i = 0; i < n; i++)
	{
		jw_char(out, i == 0 ? '?' : '&');
		jw_percent_encode(out, sorted[i].key, sorted[i].key_len, "", true);
		jw_char(out, '=');
		jw_percent_encode(out, sorted[i].value, sorted[i].value_len, "", true);
	}
	jw_char(out, '"');
}

/* The request's parameters from two parallel text[] (NULL value = ""). */
static QueryPair *
query_pairs(ArrayType *keys, ArrayType *values, int *npairs, text **format,
			bool *image_proxy)
{
	Datum	   *kd,
			   *vd;
	bool	   *kn,
			   *vn;
	int			nk,
				nv;
	QueryPair  *pairs;

	deconstruct_array(keys, TEXTOID, -1, false, TYPALIGN_INT, &kd, &kn, &nk);
	deconstruct_array(values, TEXTOID, -1, false, TYPALIGN_INT, &vd, &vn, &nv);
	if (nk != nv)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("query_keys and query_values must have the same length")));
	pairs = palloc(sizeof(QueryPair) * Max(nk, 1));
	*npairs = 0;
	*format = NULL;
	*image_proxy = false;
	for (int i = 0; i < nk; i++)
	{
		QueryPair  *p = &pairs[*npairs];
		text	   *v = vn[i] ? NULL : DatumGetTextPP(vd[i]);

		if (kn[i])
			continue;
		p->key = VARDATA_ANY(DatumGetTextPP(kd[i]));
		p->key_len = VARSIZE_ANY_EXHDR(DatumGetTextPP(kd[i]));
		p->value = v ? VARDATA_ANY(v) : "";
		p->value_len = v ? VARSIZE_ANY_EXHDR(v) : 0;
		p->position = i;
		if (p->key_len == 6 && memcmp(p->key, "format", 6) == 0)
			*format = v;
		/* the caller validated it (D2); the last one wins */
		if (p->key_len == 15 && memcmp(p->key, "use_image_proxy", 15) == 0)
			*image_proxy = le_parse_bool(p->value, p->value_len, image_proxy) == LE_PARSE_OK &&
				*image_proxy;
		(*npairs)++;
	}
	return pairs;
}

/*
 * _jsonld_list(resource, ids, count, page, page_size, query_keys,
 * query_values, include, base_url, srid): a whole list page (SPEC 3),
 * {"meta": {"count", "next", "previous"}, "data": [...]}.
 */
Datum
le_jsonld_list(PG_FUNCTION_ARGS)
{
	LeResource	resource;
	JsonldCtx	ctx;
	StringInfoData result;
	int64		count,
				page,
				page_size;
	QueryPair  *pairs;
	int			npairs;
	text	   *format;
	bool		image_proxy;
	char		buf[24];

	for (int i = 0; i < 7; i++)
		if (PG_ARGISNULL(i))
			PG_RETURN_NULL();
	resource = resource_from_name(text_to_cstring(PG_GETARG_TEXT_PP(0)));
	count = PG_GETARG_INT64(2);
	page = PG_GETARG_INT32(3);
	page_size = PG_GETARG_INT32(4);
	if (page < 1 || page_size < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("page and page_size must be positive")));
	pairs = query_pairs(PG_GETARG_ARRAYTYPE_P(5), PG_GETARG_ARRAYTYPE_P(6), &npairs, &format,
						&image_proxy);
	le_ctx_init(&ctx, PG_ARGISNULL(8) ? NULL : PG_GETARG_TEXT_PP(8), format,
				PG_ARGISNULL(7) ? NULL : PG_GETARG_ARRAYTYPE_P(7),
				PG_ARGISNULL(9) ? 4326 : PG_GETARG_INT32(9));
	ctx.image_proxy = image_proxy;

	jw_result_init(&result);
	appendStringInfoString(&result, "{\"meta\":{\"count\":");
	appendBinaryStringInfo(&result, buf, pg_lltoa(count, buf));
	JW_KEY(&result, "next");
	if (page * page_size < count)
		write_page_url(&result, &ctx, resource_names[resource], pairs, npairs, page + 1);
	else
		JW_LIT(&result, "null");
	JW_KEY(&result, "previous");
	if (page > 1)
		write_page_url(&result, &ctx, resource_names[resource], pairs, npairs, page - 1);
	else
		JW_LIT(&result, "null");
	JW_LIT(&result, "},\"data\":");
	serialize(resource, &ctx, ids_for(resource, PG_GETARG_ARRAYTYPE_P(1)), NULL, true, &result);
	jw_char(&result, '}');
	PG_RETURN_DATUM(jw_result_datum(&result));
}
