/*
 * photo_write.c
 *	  The photos serializer: items of the content API (README "Photos") in
 *	  the key order of the seed's "Data structure", written with the JSON
 *	  primitives of jsonld_write.c straight into one buffer.
 *
 * A batch of items takes two statements with kept plans, whatever its size:
 * the translations with their entity and context tag, and the tags of all of
 * them, in order (jsonld.h's batch conventions: rows carry the 1-based
 * position of their item in the batch's id array).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/uuid.h"

#include "jsonld.h"
#include "linkedevents.h"
#include "photo_write.h"

#define EQ " OPERATOR(pg_catalog.=) "

/* A slug is a path segment: as jw_url keeps them, "/" aside (slugs have none). */
#define SLUG_KEEP ":@!$&'()*+,;="
/* Query keys and values: form-encoded, keeping what RFC 3986 allows there. */
#define QUERY_KEEP "$:@/,!'()*;"

#define TAG_COLUMNS(prefix) \
	prefix "slug", prefix "neutral_slug", prefix "source_name", prefix "source_id", \
	prefix "title", prefix "extra_data", prefix "fields"

enum
{
	TAG_SLUG, TAG_NEUTRAL_SLUG, TAG_SOURCE_NAME, TAG_SOURCE_ID, TAG_TITLE,
	TAG_EXTRA_DATA, TAG_FIELDS, TAG_NCOLS
};

enum
{
	P_TRANSLATION_ID, P_ENTITY_ID, P_CULTURE, P_SLUG, P_TITLE, P_CONTENT_DATE,
	P_CREATED_BY, P_LAST_UPDATED_BY, P_LAST_UPDATED_DATE, P_FEATURED,
	P_LIST_AVAILABILITY, P_IMAGE_TITLE, P_TEMPLATE_URL, P_THUMBNAIL_URL, P_FORMAT,
	P_OVERRIDDEN_FORMATS, P_MIME_TYPE, P_STORAGE_PATH, P_FIELDS, P_RELATIONS,
	P_REFERENCE_FIELDS, P_NCOLS
};

static const char *const photo_columns[P_NCOLS] = {
	"translation_id", "entity_id", "culture", "slug", "title", "content_date",
	"created_by", "last_updated_by", "last_updated_date", "featured",
	"list_availability", "image_title", "template_url", "thumbnail_url", "format",
	"overridden_formats", "mime_type", "storage_path", "fields", "relations",
	"reference_fields",
};
static const char *const context_columns[TAG_NCOLS] = {TAG_COLUMNS("context_")};
static const char *const tag_columns[TAG_NCOLS] = {TAG_COLUMNS("")};

#define TAG_SELECT(alias, tag, prefix) \
	" " alias ".slug AS " prefix "slug, " alias ".neutral_slug AS " prefix "neutral_slug," \
	" " tag ".external_source_name AS " prefix "source_name," \
	" " tag ".external_source_id AS " prefix "source_id, " alias ".title AS " prefix "title," \
	" " alias ".extra_data AS " prefix "extra_data, " alias ".fields AS " prefix "fields"

/* The translations of the batch, with their entity and their context tag. */
static LeStatement photo_rows = {
	"SELECT u.ord, p.*, e.template_url, e.thumbnail_url, e.format, e.overridden_formats,"
	" e.mime_type, e.storage_path," TAG_SELECT("ct", "cc", "context_")
	LE_BATCH_IDS
	" JOIN linkedevents.photo_translation p ON p.translation_id" EQ "u.id"
	" JOIN linkedevents.photo e ON e.entity_id" EQ "p.entity_id"
	" LEFT JOIN linkedevents.content_tag_translation ct"
	" ON ct.neutral_slug" EQ "p.context AND ct.culture" EQ "p.culture"
	" LEFT JOIN linkedevents.content_tag cc ON cc.neutral_slug" EQ "p.context"
	" ORDER BY u.ord",
	1, {UUIDARRAYOID}
};

/* The tags of the batch's translations, in order. */
static LeStatement tag_rows = {
	"SELECT u.ord," TAG_SELECT("t", "c", "")
	LE_BATCH_IDS
	" JOIN linkedevents.photo_tag pt ON pt.translation_id" EQ "u.id"
	" JOIN linkedevents.content_tag_translation t"
	" ON t.neutral_slug" EQ "pt.tag AND t.culture" EQ "pt.culture"
	" JOIN linkedevents.content_tag c ON c.neutral_slug" EQ "pt.tag"
	" ORDER BY u.ord, pt.position",
	1, {UUIDARRAYOID}
};

void
photo_ctx_init(PhotoCtx *ctx, text *base_url)
{
	StringInfoData root;
	StringInfoData buf;

	initStringInfo(&root);
	appendStringInfoString(&root, base_url ? text_to_cstring(base_url) : le_base_url);
	if (root.len == 0 || root.data[root.len - 1] != '/')
		appendStringInfoChar(&root, '/');
	if (root.len >= 4 && strcmp(root.data + root.len - 4, "/v1/") == 0)
		root.data[root.len -= 3] = '\0';

	initStringInfo(&buf);
	jw_string(&buf, root.data, root.len);
	ctx->root = buf.data + 1;	/* without the quotes */
	ctx->root_len = buf.len - 2;
	ctx->root[ctx->root_len] = '\0';
}

/* "<root>v2/content/<culture>/<collection>/<slug>" as a JSON string. */
static void
write_url(StringInfo b, PhotoCtx *ctx, const char *culture, const char *collection, Datum slug)
{
	text	   *t = DatumGetTextPP(slug);

	jw_char(b, '"');
	appendBinaryStringInfo(b, ctx->root, ctx->root_len);
	JW_LIT(b, "v2/content/");
	/* a culture is lower-case letters, digits and "-" (_is_culture) */
	appendStringInfoString(b, culture);
	jw_char(b, '/');
	appendStringInfoString(b, collection);
	jw_char(b, '/');
	jw_percent_encode(b, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), SLUG_KEEP, false);
	jw_char(b, '"');
}

static void
write_uuid(StringInfo b, Datum value)
{
	jw_char(b, '"');
	appendStringInfoString(b, DatumGetCString(DirectFunctionCall1(uuid_out, value)));
	jw_char(b, '"');
}

#define COL(rows, r, c, att)	LE_VAL(rows, r, c[att]), LE_NULL(rows, r, c[att])

/* A tag or the context (c: the columns of its row), or null. */
static void
write_tag(StringInfo b, PhotoCtx *ctx, const char *culture, LeRows *rows, int r, const int *c)
{
	if (LE_NULL(rows, r, c[TAG_NEUTRAL_SLUG]))
	{
		JW_LIT(b, "null");
		return;
	}
	JW_LIT(b, "{\"type\":\"tag\",\"selfUrl\":");
	write_url(b, ctx, culture, "tags", LE_VAL(rows, r, c[TAG_SLUG]));
	JW_KEY(b, "slug");
	jw_text(b, COL(rows, r, c, TAG_SLUG));
	JW_KEY(b, "neutralSlug");
	jw_text(b, COL(rows, r, c, TAG_NEUTRAL_SLUG));
	JW_KEY(b, "externalSourceName");
	jw_text(b, COL(rows, r, c, TAG_SOURCE_NAME));
	JW_KEY(b, "externalSourceReference");
	if (LE_NULL(rows, r, c[TAG_SOURCE_ID]))
		JW_LIT(b, "null");
	else
	{
		JW_LIT(b, "{\"sourceName\":");
		jw_text(b, COL(rows, r, c, TAG_SOURCE_NAME));
		JW_KEY(b, "sourceId");
		jw_text(b, COL(rows, r, c, TAG_SOURCE_ID));
		jw_char(b, '}');
	}
	JW_KEY(b, "title");
	jw_text(b, COL(rows, r, c, TAG_TITLE));
	JW_KEY(b, "extraData");
	jw_jsonb(b, COL(rows, r, c, TAG_EXTRA_DATA));
	JW_KEY(b, "fields");
	jw_jsonb(b, COL(rows, r, c, TAG_FIELDS));
	jw_char(b, '}');
}

static void
write_photo(StringInfo b, PhotoCtx *ctx, LeRows *rows, int r, const int *c, const int *cc,
			LeRows *tags, const LeGroups *groups, const int *tc)
{
	int			item = (int) DatumGetInt64(LE_VAL(rows, r, 0)) - 1;
	char	   *culture = TextDatumGetCString(LE_VAL(rows, r, c[P_CULTURE]));

	JW_LIT(b, "{\"type\":\"photo\",\"selfUrl\":");
	write_url(b, ctx, culture, "photos", LE_VAL(rows, r, c[P_SLUG]));
	JW_KEY(b, "slug");
	jw_text(b, COL(rows, r, c, P_SLUG));
	JW_KEY(b, "title");
	jw_text(b, COL(rows, r, c, P_TITLE));
	JW_KEY(b, "contentDate");
	jw_timestamp_ms(b, COL(rows, r, c, P_CONTENT_DATE));
	JW_KEY(b, "createdBy");
	jw_text(b, COL(rows, r, c, P_CREATED_BY));
	JW_KEY(b, "lastUpdatedBy");
	jw_text(b, COL(rows, r, c, P_LAST_UPDATED_BY));
	JW_KEY(b, "lastUpdatedDate");
	jw_timestamp_ms(b, COL(rows, r, c, P_LAST_UPDATED_DATE));
	JW_KEY(b, "featured");
	jw_char(b, DatumGetBool(LE_VAL(rows, r, c[P_FEATURED])) ? '1' : '0');
	JW_KEY(b, "tags");
	jw_char(b, '[');
	for (int t = 0; t < groups->count[item]; t++)
	{
		if (t > 0)
			jw_char(b, ',');
		write_tag(b, ctx, culture, tags, groups->first[item] + t, tc);
	}
	jw_char(b, ']');
	JW_KEY(b, "context");
	write_tag(b, ctx, culture, rows, r, cc);
	JW_KEY(b, "image");
	JW_LIT(b, "{\"title\":");
	jw_text(b, COL(rows, r, c, P_IMAGE_TITLE));
	JW_KEY(b, "templateUrl");
	jw_text(b, COL(rows, r, c, P_TEMPLATE_URL));
	JW_KEY(b, "thumbnailUrl");
	jw_text(b, COL(rows, r, c, P_THUMBNAIL_URL));
	JW_KEY(b, "format");
	jw_text(b, COL(rows, r, c, P_FORMAT));
	JW_KEY(b, "overriddenFormats");
	jw_jsonb(b, COL(rows, r, c, P_OVERRIDDEN_FORMATS));
	jw_char(b, '}');
	JW_KEY(b, "mimeType");
	jw_text(b, COL(rows, r, c, P_MIME_TYPE));
	JW_KEY(b, "storagePath");
	jw_text(b, COL(rows, r, c, P_STORAGE_PATH));
	JW_KEY(b, "fields");
	jw_jsonb(b, COL(rows, r, c, P_FIELDS));
	JW_KEY(b, "relations");
	jw_jsonb(b, COL(rows, r, c, P_RELATIONS));
	JW_KEY(b, "references");
	jw_jsonb(b, COL(rows, r, c, P_REFERENCE_FIELDS));
	JW_KEY(b, "_entityId");
	write_uuid(b, LE_VAL(rows, r, c[P_ENTITY_ID]));
	JW_KEY(b, "_translationId");
	write_uuid(b, LE_VAL(rows, r, c[P_TRANSLATION_ID]));
	JW_KEY(b, "_listAvailability");
	jw_char(b, '0' + DatumGetInt16(LE_VAL(rows, r, c[P_LIST_AVAILABILITY])));
	jw_char(b, '}');
	pfree(culture);
}

int
photo_write_items(StringInfo out, PhotoCtx *ctx, ArrayType *ids, bool as_list)
{
	Datum		batch = PointerGetDatum(ids);
	LeRows		rows,
				tags;
	LeGroups	groups;
	int			c[P_NCOLS],
				cc[TAG_NCOLS],
				tc[TAG_NCOLS];
	int			n;

	le_statement_run(&photo_rows, &batch, &rows);
	n = as_list ? rows.n : Min(rows.n, 1);
	if (as_list)
		jw_char(out, '[');
	if (n > 0)
	{
		le_statement_run(&tag_rows, &batch, &tags);
		le_groups(&tags, ArrayGetNItems(ARR_NDIM(ids), ARR_DIMS(ids)), &groups);
		le_colmap(rows.desc, photo_columns, P_NCOLS, c);
		le_colmap(rows.desc, context_columns, TAG_NCOLS, cc);
		le_colmap(tags.desc, tag_columns, TAG_NCOLS, tc);
	}
	for (int r = 0; r < n; r++)
	{
		if (r > 0)
			jw_char(out, ',');
		write_photo(out, ctx, &rows, r, c, cc, &tags, &groups, tc);
	}
	if (as_list)
		jw_char(out, ']');
	return n;
}

void
photo_write_list_url(StringInfo out, PhotoCtx *ctx, const char *culture,
					 const LeQuery *params, int64 skip)
{
	jw_char(out, '"');
	appendBinaryStringInfo(out, ctx->root, ctx->root_len);
	appendStringInfo(out, "v2/content/%s/photos?", culture);
	for (int i = 0; i < params->nparams; i++)
	{
		const LeQueryParam *p = &params->params[i];

		if (strcmp(p->key, "$skip") == 0)
			continue;
		jw_percent_encode(out, p->key, p->key_len, QUERY_KEEP, true);
		jw_char(out, '=');
		jw_percent_encode(out, p->value, p->value_len, QUERY_KEEP, true);
		jw_char(out, '&');
	}
	appendStringInfo(out, "$skip=" INT64_FORMAT "\"", skip);
}
