/*
 * jsonld_place.c
 *	  Places (SPEC 4.4): divisions and the GeoJSON position; created_by and
 *	  last_modified_by for an administrator of the publisher (D22).
 *
 * Positions are stored in EPSG:4326. Another output SRS is reached with
 * PostGIS's ST_Transform, called through fmgr: its functions are found in
 * PostGIS's schema (le_postgis_schema), so no name is resolved through
 * search_path. A position that cannot be expressed in the output SRS (PostGIS
 * refuses the transform: outside the projection's domain, or not a point on
 * Earth) is null, like an empty point. Geographic systems print 7 decimals,
 * projected ones 2.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "nodes/value.h"
#include "parser/parse_func.h"
#include "utils/builtins.h"

#include "jsonld.h"
#include "postgis.h"

enum
{
	PL_ID, PL_DATA_SOURCE, PL_PUBLISHER, PL_CREATED_TIME, PL_LAST_MODIFIED_TIME,
	PL_CUSTOM_DATA, PL_EMAIL, PL_CONTACT_TYPE, PL_ADDRESS_REGION,
	PL_POSTAL_CODE, PL_POST_OFFICE_BOX_NUM, PL_ADDRESS_COUNTRY, PL_DELETED,
	PL_HAS_UPCOMING_EVENTS, PL_N_EVENTS, PL_IMAGE, PL_PARENT, PL_REPLACED_BY,
	PL_POSITION, PL_CREATED_BY, PL_LAST_MODIFIED_BY,
	/* the translated fields, in output order */
	PL_NAME, PL_DESCRIPTION, PL_INFO_URL, PL_STREET_ADDRESS,
	PL_ADDRESS_LOCALITY, PL_TELEPHONE,
	PL_NCOLS
};

static const char *const place_columns[PL_NCOLS] = {
	"id", "data_source", "publisher", "created_time", "last_modified_time",
	"custom_data", "email", "contact_type", "address_region",
	"postal_code", "post_office_box_num", "address_country", "deleted",
	"has_upcoming_events", "n_events", "image", "parent", "replaced_by",
	"position", "created_by", "last_modified_by",
	"name", "description", "info_url", "street_address",
	"address_locality", "telephone",
};

/*
 * The divisions of each place, in order. Places of a batch share few
 * divisions (and ocd_ids are long keys), so each distinct division is
 * fetched and written once, then copied into every place that lies in it.
 */
static LeStatement q_place_divisions = {
	"SELECT u.ord, pd.division" LE_BATCH_IDS
	" JOIN linkedevents.place_division pd ON pd.place OPERATOR(pg_catalog.=) u.id"
	" ORDER BY u.ord, pd.position", 1, {TEXTARRAYOID}
};

enum
{
	DV_OCD_ID, DV_TYPE, DV_NAME, DV_MUNICIPALITY, DV_NCOLS
};

static const char *const division_columns[DV_NCOLS] = {
	"ocd_id", "type", "name", "municipality",
};

static void
lookup_postgis_function(FmgrInfo *finfo, const char *schema, const char *name,
						int nargs, const Oid *argtypes)
{
	List	   *qualified = list_make2(makeString(pstrdup(schema)), makeString(pstrdup(name)));

	fmgr_info(LookupFuncName(qualified, nargs, argtypes, false), finfo);
}

/* Whether srid is a geographic (longitude/latitude) system. */
static bool
srid_is_geographic(const char *schema, int srid)
{
	Oid			argtype = INT4OID;
	Datum		arg = Int32GetDatum(srid);
	char	   *sql = psprintf("SELECT srtext FROM %s.spatial_ref_sys WHERE srid OPERATOR(pg_catalog.=) $1",
							   quote_identifier(schema));
	bool		isnull;
	Datum		srtext;

	if (SPI_execute_with_args(sql, 1, &argtype, &arg, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "could not read spatial_ref_sys");
	if (SPI_processed == 0)
		return false;
	srtext = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	return !isnull && strncmp(TextDatumGetCString(srtext), "GEOG", 4) == 0;
}

static void
geo_prepare(JsonldCtx *ctx, Oid geometry)
{
	char	   *schema = le_postgis_schema();
	Oid			transform_args[2] = {geometry, INT4OID};

	lookup_postgis_function(&ctx->st_x, schema, "st_x", 1, &geometry);
	lookup_postgis_function(&ctx->st_y, schema, "st_y", 1, &geometry);
	lookup_postgis_function(&ctx->st_transform, schema, "st_transform", 2, transform_args);
	ctx->geo_decimals = (ctx->srid == 4326 || srid_is_geographic(schema, ctx->srid)) ? 7 : 2;
	ctx->geo_ready = true;
}

/* Call a PostGIS function of one or two arguments; false when it gave NULL. */
static bool
geo_call(FmgrInfo *f, Datum a, Datum b, Datum *result)
{
	LOCAL_FCINFO(fcinfo, 2);

	InitFunctionCallInfoData(*fcinfo, f, f->fn_nargs, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = a;
	fcinfo->args[0].isnull = false;
	fcinfo->args[1].value = b;
	fcinfo->args[1].isnull = false;
	*result = FunctionCallInvoke(fcinfo);
	return !fcinfo->isnull;
}

/* A position and its transform to the output SRS (see transform_position). */
typedef struct GeoTransform
{
	JsonldCtx  *ctx;
	Datum		geom;
	bool		transformed;
} GeoTransform;

static void
geo_transform_call(void *arg)
{
	GeoTransform *t = arg;

	t->transformed = geo_call(&t->ctx->st_transform, t->geom, Int32GetDatum(t->ctx->srid),
							  &t->geom);
}

/* geom in the output SRS; false when PostGIS gives NULL or cannot transform it. */
static bool
transform_position(JsonldCtx *ctx, Datum *geom)
{
	GeoTransform t = {ctx, *geom, false};

	if (!le_postgis_try(geo_transform_call, &t) || !t.transformed)
		return false;
	*geom = t.geom;
	return true;
}

static void
write_position(StringInfo out, JsonldCtx *ctx, LeRows *rows, int r, int att)
{
	Datum		geom = LE_VAL(rows, r, att);
	Datum		x,
				y;

	if (LE_NULL(rows, r, att))
	{
		JW_LIT(out, "null");
		return;
	}
	if (!ctx->geo_ready)
		geo_prepare(ctx, TupleDescAttr(rows->desc, att)->atttypid);
	if (ctx->srid != 4326 && !transform_position(ctx, &geom))
	{
		JW_LIT(out, "null");
		return;
	}
	if (!geo_call(&ctx->st_x, geom, (Datum) 0, &x) ||
		!geo_call(&ctx->st_y, geom, (Datum) 0, &y))
	{
		JW_LIT(out, "null");		/* POINT EMPTY */
		return;
	}
	jw_point(out, DatumGetFloat8(x), DatumGetFloat8(y), ctx->geo_decimals);
}

static void
write_divisions(StringInfo out, LeRows *pd, LeGroups *g, LeObjSet *divisions, int r)
{
	int			opened = out->len;

	jw_char(out, '[');
	for (int i = g->first[r]; i < g->first[r] + g->count[r]; i++)
	{
		int			before = out->len;

		if (before > opened + 1)
			jw_char(out, ',');
		/* a missing division (its key is deferrable) is left out, as by a join */
		if (!le_objset_write(out, divisions, LE_VAL(pd, i, 1)))
		{
			out->len = before;
			out->data[before] = '\0';
		}
	}
	jw_char(out, ']');
}

#define COL(att)	LE_VAL(rows, r, c[att]), LE_NULL(rows, r, c[att])

void
le_write_divisions(JsonldCtx *ctx, LeRows *rows, LeSpans *out)
{
	int			c[DV_NCOLS];
	StringInfo	b = &out->buf;

	if (rows->n == 0)
		return;
	le_colmap(rows->desc, division_columns, DV_NCOLS, c);
	for (int r = 0; r < rows->n; r++)
	{
		if (!le_span_begin(out, rows, r, c[DV_OCD_ID]))
			continue;
		JW_LIT(b, "{\"type\":");
		jw_text(b, COL(DV_TYPE));
		JW_KEY(b, "ocd_id");
		jw_text(b, COL(DV_OCD_ID));
		JW_KEY(b, "municipality");
		jw_text(b, COL(DV_MUNICIPALITY));
		JW_KEY(b, "name");
		jw_multilingual(b, ctx, COL(DV_NAME));
		jw_char(b, '}');
		le_span_end(out, r);
	}
}

void
le_write_places(JsonldCtx *ctx, LeRows *rows, LeSpans *out)
{
	/* the keys of the translated fields, in column order */
	static const char *const translated[] = {
		JW_KEY_TEXT("name"), JW_KEY_TEXT("description"),
		JW_KEY_TEXT("info_url"), JW_KEY_TEXT("street_address"),
		JW_KEY_TEXT("address_locality"), JW_KEY_TEXT("telephone"),
	};
	int			c[PL_NCOLS];
	bool	   *editable;
	bool	   *admin;
	LeRows		place_divisions;
	LeGroups	g;
	LeObjSet	divisions;
	Datum		ids;

	if (rows->n == 0)
		return;
	le_colmap(rows->desc, place_columns, PL_NCOLS, c);
	editable = palloc(sizeof(bool) * rows->n);
	le_ds_editable(rows, c[PL_DATA_SOURCE], editable);
	admin = palloc(sizeof(bool) * rows->n);
	le_publisher_admin(ctx, rows, c[PL_PUBLISHER], admin);
	ids = le_column_array(rows, c[PL_ID]);
	le_statement_run(&q_place_divisions, &ids, &place_divisions);
	le_groups(&place_divisions, rows->n, &g);
	le_objset_init(&divisions, LE_DIVISION);
	for (int i = 0; i < place_divisions.n; i++)
		le_objset_add(&divisions, LE_VAL(&place_divisions, i, 1));
	le_objset_render(&divisions, ctx);

	for (int r = 0; r < rows->n; r++)
	{
		StringInfo	b = &out->buf;

		if (!le_span_begin(out, rows, r, c[PL_ID]))
			continue;
		JW_LIT(b, "{\"id\":");
		jw_text(b, COL(PL_ID));
		JW_KEY(b, "has_user_editable_resources");
		jw_bool(b, editable[r]);
		JW_KEY(b, "data_source");
		jw_text(b, COL(PL_DATA_SOURCE));
		JW_KEY(b, "publisher");
		jw_text(b, COL(PL_PUBLISHER));
		JW_KEY(b, "divisions");
		write_divisions(b, &place_divisions, &g, &divisions, r);
		JW_KEY(b, "created_time");
		jw_timestamp(b, COL(PL_CREATED_TIME));
		JW_KEY(b, "last_modified_time");
		jw_timestamp(b, COL(PL_LAST_MODIFIED_TIME));
		JW_KEY(b, "custom_data");
		jw_jsonb(b, COL(PL_CUSTOM_DATA));
		JW_KEY(b, "email");
		jw_text(b, COL(PL_EMAIL));
		JW_KEY(b, "contact_type");
		jw_text(b, COL(PL_CONTACT_TYPE));
		JW_KEY(b, "address_region");
		jw_text(b, COL(PL_ADDRESS_REGION));
		JW_KEY(b, "postal_code");
		jw_text(b, COL(PL_POSTAL_CODE));
		JW_KEY(b, "post_office_box_num");
		jw_text(b, COL(PL_POST_OFFICE_BOX_NUM));
		JW_KEY(b, "address_country");
		jw_text(b, COL(PL_ADDRESS_COUNTRY));
		JW_KEY(b, "deleted");
		jw_bool(b, DatumGetBool(LE_VAL(rows, r, c[PL_DELETED])));
		JW_KEY(b, "has_upcoming_events");
		jw_bool(b, DatumGetBool(LE_VAL(rows, r, c[PL_HAS_UPCOMING_EVENTS])));
		JW_KEY(b, "n_events");
		jw_int4(b, COL(PL_N_EVENTS));
		JW_KEY(b, "image");
		jw_int4(b, COL(PL_IMAGE));
		if (admin[r])
			jw_users(b, COL(PL_CREATED_BY), COL(PL_LAST_MODIFIED_BY));
		JW_KEY(b, "parent");
		jw_text(b, COL(PL_PARENT));
		JW_KEY(b, "replaced_by");
		jw_text(b, COL(PL_REPLACED_BY));
		JW_KEY(b, "position");
		write_position(b, ctx, rows, r, c[PL_POSITION]);
		for (int i = 0; i < lengthof(translated); i++)
		{
			appendStringInfoString(b, translated[i]);
			jw_multilingual(b, ctx, COL(PL_NAME + i));
		}
		jw_trailer(b, ctx, "place", LE_VAL(rows, r, c[PL_ID]), "Place");
		le_span_end(out, r);
	}
}
