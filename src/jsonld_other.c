/*
 * jsonld_other.c
 *	  Keywords, keyword sets, organizations, images and languages
 *	  (SPEC 4.5 - 4.9). Keywords and images show created_by and
 *	  last_modified_by to an administrator of their publisher (D22).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "jsonld.h"

#define COL(att)	LE_VAL(rows, r, c[att]), LE_NULL(rows, r, c[att])

/* ---- Keyword (SPEC 4.6) ---- */

enum
{
	KW_ID, KW_DATA_SOURCE, KW_ALT_LABELS, KW_CREATED_TIME, KW_LAST_MODIFIED_TIME,
	KW_AGGREGATE, KW_DEPRECATED, KW_HAS_UPCOMING_EVENTS, KW_N_EVENTS, KW_IMAGE,
	KW_PUBLISHER, KW_REPLACED_BY, KW_CREATED_BY, KW_LAST_MODIFIED_BY, KW_NAME,
	KW_NCOLS
};

static const char *const keyword_columns[KW_NCOLS] = {
	"id", "data_source", "alt_labels", "created_time", "last_modified_time",
	"aggregate", "deprecated", "has_upcoming_events", "n_events", "image",
	"publisher", "replaced_by", "created_by", "last_modified_by", "name",
};

void
le_write_keywords(JsonldCtx *ctx, LeRows *rows, LeSpans *out)
{
	int			c[KW_NCOLS];
	bool	   *editable;
	bool	   *admin;
	StringInfo	b = &out->buf;

	if (rows->n == 0)
		return;
	le_colmap(rows->desc, keyword_columns, KW_NCOLS, c);
	editable = palloc(sizeof(bool) * rows->n);
	le_ds_editable(rows, c[KW_DATA_SOURCE], editable);
	admin = palloc(sizeof(bool) * rows->n);
	le_publisher_admin(ctx, rows, c[KW_PUBLISHER], admin);
	for (int r = 0; r < rows->n; r++)
	{
		if (!le_span_begin(out, rows, r, c[KW_ID]))
			continue;
		JW_LIT(b, "{\"id\":");
		jw_text(b, COL(KW_ID));
		JW_KEY(b, "has_user_editable_resources");
		jw_bool(b, editable[r]);
		JW_KEY(b, "alt_labels");
		jw_text_array(b, LE_VAL(rows, r, c[KW_ALT_LABELS]));
		JW_KEY(b, "created_time");
		jw_timestamp(b, COL(KW_CREATED_TIME));
		JW_KEY(b, "last_modified_time");
		jw_timestamp(b, COL(KW_LAST_MODIFIED_TIME));
		JW_KEY(b, "aggregate");
		jw_bool(b, DatumGetBool(LE_VAL(rows, r, c[KW_AGGREGATE])));
		JW_KEY(b, "deprecated");
		jw_bool(b, DatumGetBool(LE_VAL(rows, r, c[KW_DEPRECATED])));
		JW_KEY(b, "has_upcoming_events");
		jw_bool(b, DatumGetBool(LE_VAL(rows, r, c[KW_HAS_UPCOMING_EVENTS])));
		JW_KEY(b, "n_events");
		jw_int4(b, COL(KW_N_EVENTS));
		JW_KEY(b, "image");
		jw_int4(b, COL(KW_IMAGE));
		JW_KEY(b, "data_source");
		jw_text(b, COL(KW_DATA_SOURCE));
		if (admin[r])
			jw_users(b, COL(KW_CREATED_BY), COL(KW_LAST_MODIFIED_BY));
		JW_KEY(b, "publisher");
		jw_text(b, COL(KW_PUBLISHER));
		JW_KEY(b, "replaced_by");
		jw_text(b, COL(KW_REPLACED_BY));
		JW_KEY(b, "name");
		jw_multilingual(b, ctx, COL(KW_NAME));
		jw_trailer(b, ctx, "keyword", LE_VAL(rows, r, c[KW_ID]), "Keyword");
		le_span_end(out, r);
	}
}

/* ---- KeywordSet (SPEC 4.7) ---- */

enum
{
	KS_ID, KS_KEYWORDS, KS_USAGE, KS_CREATED_TIME, KS_LAST_MODIFIED_TIME,
	KS_IMAGE, KS_DATA_SOURCE, KS_ORGANIZATION, KS_NAME, KS_NCOLS
};

static const char *const keyword_set_columns[KS_NCOLS] = {
	"id", "keywords", "usage", "created_time", "last_modified_time",
	"image", "data_source", "organization", "name",
};

void
le_write_keyword_sets(JsonldCtx *ctx, LeRows *rows, LeSpans *out)
{
	int			c[KS_NCOLS];
	bool	   *editable;
	bool		embed = (ctx->include & LE_INC_KEYWORDS) != 0;
	LeObjSet	keywords;
	StringInfo	b = &out->buf;

	if (rows->n == 0)
		return;
	le_colmap(rows->desc, keyword_set_columns, KS_NCOLS, c);
	editable = palloc(sizeof(bool) * rows->n);
	le_ds_editable(rows, c[KS_DATA_SOURCE], editable);
	if (embed)
	{
		le_objset_init(&keywords, LE_KEYWORD);
		for (int r = 0; r < rows->n; r++)
			if (!LE_NULL(rows, r, c[KS_ID]))
				le_objset_add_array(&keywords, LE_VAL(rows, r, c[KS_KEYWORDS]));
		le_objset_render(&keywords, ctx);
	}
	for (int r = 0; r < rows->n; r++)
	{
		Datum	   *ids;
		bool	   *nulls;
		int			n;

		if (!le_span_begin(out, rows, r, c[KS_ID]))
			continue;
		JW_LIT(b, "{\"id\":");
		jw_text(b, COL(KS_ID));
		JW_KEY(b, "keywords");
		deconstruct_array(DatumGetArrayTypeP(LE_VAL(rows, r, c[KS_KEYWORDS])),
						  TEXTOID, -1, false, TYPALIGN_INT, &ids, &nulls, &n);
		jw_char(b, '[');
		for (int i = 0; i < n; i++)
		{
			if (i > 0)
				jw_char(b, ',');
			if (nulls[i] || !embed || !le_objset_write(b, &keywords, ids[i]))
				jw_ref_text(b, ctx, "keyword", ids[i], nulls[i]);
		}
		jw_char(b, ']');
		JW_KEY(b, "usage");
		jw_text(b, COL(KS_USAGE));
		JW_KEY(b, "created_time");
		jw_timestamp(b, COL(KS_CREATED_TIME));
		JW_KEY(b, "last_modified_time");
		jw_timestamp(b, COL(KS_LAST_MODIFIED_TIME));
		JW_KEY(b, "has_user_editable_resources");
		jw_bool(b, editable[r]);
		JW_KEY(b, "image");
		jw_int4(b, COL(KS_IMAGE));
		JW_KEY(b, "data_source");
		jw_text(b, COL(KS_DATA_SOURCE));
		JW_KEY(b, "organization");
		jw_text(b, COL(KS_ORGANIZATION));
		JW_KEY(b, "name");
		jw_multilingual(b, ctx, COL(KS_NAME));
		jw_trailer(b, ctx, "keyword_set", LE_VAL(rows, r, c[KS_ID]), "KeywordSet");
		le_span_end(out, r);
	}
}

/* ---- Organization (SPEC 4.9) ---- */

enum
{
	OR_ID, OR_DATA_SOURCE, OR_CLASSIFICATION, OR_NAME, OR_FOUNDING_DATE,
	OR_DISSOLUTION_DATE, OR_PARENT, OR_CREATED_TIME, OR_LAST_MODIFIED_TIME,
	OR_REPLACED_BY, OR_HAS_REGULAR_USERS, OR_INTERNAL_TYPE, OR_NCOLS
};

static const char *const organization_columns[OR_NCOLS] = {
	"id", "data_source", "classification", "name", "founding_date",
	"dissolution_date", "parent", "created_time", "last_modified_time",
	"replaced_by", "has_regular_users", "internal_type",
};

/* Children of each organization by id, with their kind. */
static LeStatement q_children = {
	"SELECT u.ord, c.id, c.internal_type OPERATOR(pg_catalog.=) 'affiliated'" LE_BATCH_IDS
	" JOIN linkedevents.organization c ON c.parent OPERATOR(pg_catalog.=) u.id"
	" ORDER BY u.ord, c.id", 1, {TEXTARRAYOID}
};

/* URL strings of the children of one kind. */
static void
write_children(StringInfo out, JsonldCtx *ctx, LeRows *ch, LeGroups *g, int r,
			   bool affiliated)
{
	bool		first = true;

	jw_char(out, '[');
	for (int i = g->first[r]; i < g->first[r] + g->count[r]; i++)
	{
		if (DatumGetBool(LE_VAL(ch, i, 2)) != affiliated)
			continue;
		if (!first)
			jw_char(out, ',');
		jw_url_text(out, ctx, "organization", LE_VAL(ch, i, 1), false);
		first = false;
	}
	jw_char(out, ']');
}

void
le_write_organizations(JsonldCtx *ctx, LeRows *rows, LeSpans *out)
{
	int			c[OR_NCOLS];
	LeRows		children;
	LeGroups	g;
	Datum		ids;
	StringInfo	b = &out->buf;

	if (rows->n == 0)
		return;
	le_colmap(rows->desc, organization_columns, OR_NCOLS, c);
	ids = le_column_array(rows, c[OR_ID]);
	le_statement_run(&q_children, &ids, &children);
	le_groups(&children, rows->n, &g);
	for (int r = 0; r < rows->n; r++)
	{
		if (!le_span_begin(out, rows, r, c[OR_ID]))
			continue;
		JW_LIT(b, "{\"id\":");
		jw_text(b, COL(OR_ID));
		JW_KEY(b, "data_source");
		jw_text(b, COL(OR_DATA_SOURCE));
		JW_KEY(b, "classification");
		jw_text(b, COL(OR_CLASSIFICATION));
		JW_KEY(b, "name");
		jw_text(b, COL(OR_NAME));
		JW_KEY(b, "founding_date");
		jw_date(b, COL(OR_FOUNDING_DATE));
		JW_KEY(b, "dissolution_date");
		jw_date(b, COL(OR_DISSOLUTION_DATE));
		JW_KEY(b, "parent_organization");
		jw_url_text(b, ctx, "organization", COL(OR_PARENT));
		JW_KEY(b, "sub_organizations");
		write_children(b, ctx, &children, &g, r, false);
		JW_KEY(b, "affiliated_organizations");
		write_children(b, ctx, &children, &g, r, true);
		JW_KEY(b, "created_time");
		jw_timestamp(b, COL(OR_CREATED_TIME));
		JW_KEY(b, "last_modified_time");
		jw_timestamp(b, COL(OR_LAST_MODIFIED_TIME));
		JW_KEY(b, "replaced_by");
		jw_url_text(b, ctx, "organization", COL(OR_REPLACED_BY));
		JW_KEY(b, "has_regular_users");
		jw_bool(b, DatumGetBool(LE_VAL(rows, r, c[OR_HAS_REGULAR_USERS])));
		JW_KEY(b, "is_affiliated");
		jw_bool(b, strcmp(TextDatumGetCString(LE_VAL(rows, r, c[OR_INTERNAL_TYPE])),
						  "affiliated") == 0);
		jw_trailer(b, ctx, "organization", LE_VAL(rows, r, c[OR_ID]), "Organization");
		le_span_end(out, r);
	}
}

/* ---- Image (SPEC 4.5) ---- */

enum
{
	IM_ID, IM_DATA_SOURCE, IM_PUBLISHER, IM_LICENSE, IM_CREATED_TIME,
	IM_LAST_MODIFIED_TIME, IM_URL, IM_NAME, IM_CROPPING, IM_PHOTOGRAPHER_NAME,
	IM_ALT_TEXT, IM_CREATED_BY, IM_LAST_MODIFIED_BY, IM_NCOLS
};

static const char *const image_columns[IM_NCOLS] = {
	"id", "data_source", "publisher", "license", "created_time",
	"last_modified_time", "url", "name", "cropping", "photographer_name",
	"alt_text", "created_by", "last_modified_by",
};

/* Per image: the license's URL and has_user_editable_resources. */
static LeStatement q_image_extras = {
	"SELECT l.url, u.data_source IS NULL OR d.user_editable_resources"
	" FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2))"
	" WITH ORDINALITY u(license, data_source, ord)"
	" LEFT JOIN linkedevents.license l ON l.id OPERATOR(pg_catalog.=) u.license"
	" LEFT JOIN linkedevents.data_source d ON d.id OPERATOR(pg_catalog.=) u.data_source"
	" ORDER BY u.ord", 2, {TEXTARRAYOID, TEXTARRAYOID}
};

void
le_write_images(JsonldCtx *ctx, LeRows *rows, LeSpans *out)
{
	int			c[IM_NCOLS];
	LeRows		extras;
	Datum		args[2];
	bool	   *admin;
	StringInfo	b = &out->buf;

	if (rows->n == 0)
		return;
	le_colmap(rows->desc, image_columns, IM_NCOLS, c);
	args[0] = le_column_array(rows, c[IM_LICENSE]);
	args[1] = le_column_array(rows, c[IM_DATA_SOURCE]);
	le_statement_run(&q_image_extras, args, &extras);
	admin = palloc(sizeof(bool) * rows->n);
	le_publisher_admin(ctx, rows, c[IM_PUBLISHER], admin);
	for (int r = 0; r < rows->n; r++)
	{
		if (!le_span_begin(out, rows, r, c[IM_ID]))
			continue;
		JW_LIT(b, "{\"id\":");
		jw_int4(b, COL(IM_ID));
		JW_KEY(b, "has_user_editable_resources");
		jw_bool(b, !LE_NULL(&extras, r, 1) && DatumGetBool(LE_VAL(&extras, r, 1)));
		JW_KEY(b, "license");
		jw_text(b, COL(IM_LICENSE));
		JW_KEY(b, "license_url");
		jw_text(b, LE_VAL(&extras, r, 0), LE_NULL(&extras, r, 0));
		JW_KEY(b, "created_time");
		jw_timestamp(b, COL(IM_CREATED_TIME));
		JW_KEY(b, "last_modified_time");
		jw_timestamp(b, COL(IM_LAST_MODIFIED_TIME));
		if (admin[r])
			jw_users(b, COL(IM_CREATED_BY), COL(IM_LAST_MODIFIED_BY));
		JW_KEY(b, "url");
		if (ctx->image_proxy)
		{
			/* SPEC 1.21: the API's own address for the file */
			jw_char(b, '"');
			appendBinaryStringInfo(b, ctx->base, ctx->base_len);
			appendStringInfo(b, "image/%d/file/", DatumGetInt32(LE_VAL(rows, r, c[IM_ID])));
			appendBinaryStringInfo(b, ctx->suffix, ctx->suffix_len);
			jw_char(b, '"');
		}
		else
			jw_text(b, COL(IM_URL));
		JW_KEY(b, "name");
		jw_text(b, COL(IM_NAME));
		JW_KEY(b, "cropping");
		jw_text(b, COL(IM_CROPPING));
		JW_KEY(b, "photographer_name");
		jw_text(b, COL(IM_PHOTOGRAPHER_NAME));
		JW_KEY(b, "alt_text");
		jw_text(b, COL(IM_ALT_TEXT));
		JW_KEY(b, "data_source");
		jw_text(b, COL(IM_DATA_SOURCE));
		JW_KEY(b, "publisher");
		jw_text(b, COL(IM_PUBLISHER));
		jw_trailer(b, ctx, "image", LE_VAL(rows, r, c[IM_ID]), "ImageObject");
		le_span_end(out, r);
	}
}

/* ---- Language (SPEC 4.8) ---- */

enum
{
	LA_ID, LA_SERVICE_LANGUAGE, LA_NAME, LA_NCOLS
};

static const char *const language_columns[LA_NCOLS] = {
	"id", "service_language", "name",
};

/* translation_available: the id is one of linkedevents.languages. */
static bool
translation_available(JsonldCtx *ctx, text *id)
{
	int			len = VARSIZE_ANY_EXHDR(id);

	for (int i = 0; i < ctx->nlangs; i++)
		if (ctx->lang_lens[i] == len && memcmp(ctx->langs[i], VARDATA_ANY(id), len) == 0)
			return true;
	return false;
}

void
le_write_languages(JsonldCtx *ctx, LeRows *rows, LeSpans *out)
{
	int			c[LA_NCOLS];
	StringInfo	b = &out->buf;

	if (rows->n == 0)
		return;
	le_colmap(rows->desc, language_columns, LA_NCOLS, c);
	for (int r = 0; r < rows->n; r++)
	{
		if (!le_span_begin(out, rows, r, c[LA_ID]))
			continue;
		JW_LIT(b, "{\"id\":");
		jw_text(b, COL(LA_ID));
		JW_KEY(b, "translation_available");
		jw_bool(b, translation_available(ctx, DatumGetTextPP(LE_VAL(rows, r, c[LA_ID]))));
		JW_KEY(b, "service_language");
		jw_bool(b, DatumGetBool(LE_VAL(rows, r, c[LA_SERVICE_LANGUAGE])));
		JW_KEY(b, "name");
		jw_multilingual(b, ctx, COL(LA_NAME));
		jw_trailer(b, ctx, "language", LE_VAL(rows, r, c[LA_ID]), "Language");
		le_span_end(out, r);
	}
}
