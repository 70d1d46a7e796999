/*
 * jsonld.h
 *	  The JSON-LD serializer (layer 4): shared types of src/jsonld_*.c.
 *
 * Every document is written as text straight into a StringInfo. A batch of
 * rows of one resource is written in one go: the rows' related data (offers,
 * images, divisions, embedded objects, ...) is fetched with one query per
 * relation for the whole batch, keyed by the row's position in the batch, and
 * then every row is written from memory. to_jsonld(row) is a batch of one.
 *
 * Files: jsonld_write.c (escaping, datetimes, multilingual fields, URLs),
 * jsonld_fetch.c (queries, rows, embedded-object sets), one file per resource
 * family (jsonld_event.c, jsonld_place.c, jsonld_other.c), and the SQL entry
 * points with the list envelope (jsonld_page.c).
 */
#ifndef JSONLD_H
#define JSONLD_H

#include "access/htup.h"
#include "access/tupdesc.h"
#include "datatype/timestamp.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "pgtime.h"
#include "utils/array.h"

typedef enum LeResource
{
	LE_EVENT,
	LE_PLACE,
	LE_KEYWORD,
	LE_KEYWORD_SET,
	LE_ORGANIZATION,
	LE_IMAGE,
	LE_LANGUAGE,
	LE_DIVISION					/* not an API resource: embedded in places */
} LeResource;

/* Names accepted in include (SPEC 4.3). */
#define LE_INC_LOCATION		0x01
#define LE_INC_KEYWORDS		0x02
#define LE_INC_AUDIENCE		0x04
#define LE_INC_IN_LANGUAGE	0x08
#define LE_INC_SUB_EVENTS	0x10
#define LE_INC_SUPER_EVENT	0x20
#define LE_INC_REGISTRATION 0x40
/* Dropped when events are embedded in events: the recursion guard. */
#define LE_INC_EVENT_NESTING (LE_INC_SUB_EVENTS | LE_INC_SUPER_EVENT | LE_INC_REGISTRATION)

#define LE_MAX_LANGUAGES 32

/* Everything one serialization call needs besides the rows. */
typedef struct JsonldCtx
{
	char	   *base;			/* API root, JSON-escaped, ends with '/' */
	int			base_len;
	char	   *suffix;			/* "?format=<v>" JSON-escaped, or "" */
	int			suffix_len;
	int			include;		/* LE_INC_* */
	int			srid;			/* output SRS of place positions */
	bool		image_proxy;	/* use_image_proxy: image url is
								 * <base>image/<id>/file/ */
	int			nlangs;			/* linkedevents.languages, in order */
	const char *langs[LE_MAX_LANGUAGES];
	int			lang_lens[LE_MAX_LANGUAGES];
	char	   *lang_keys[LE_MAX_LANGUAGES];	/* "<lang>": as JSON text */
	int			lang_key_lens[LE_MAX_LANGUAGES];
	pg_tz	   *tz;				/* linkedevents.time_zone */
	Datum		user_orgs;		/* text[] of linkedevents.user_organizations
								 * when a user is set, else 0 */
	bool		template;		/* writing a stored template (LE_TPL_*) */
	/* PostGIS functions for positions, looked up on first use */
	bool		geo_ready;
	FmgrInfo	st_x;
	FmgrInfo	st_y;
	FmgrInfo	st_transform;
	int			geo_decimals;
} JsonldCtx;

/*
 * Stored documents (jsonld_store.c) are templates: documents written with
 * these bytes where the request decides. The writers escape every byte below
 * 0x20 inside JSON strings, so none of these occurs in a template otherwise.
 * A reference include may replace by an embedded object is written as
 *		LE_TPL_REF <kind> <id> LE_TPL_ID_END <reference> LE_TPL_REF_END
 * kind: LE_TPL_LOCATION, LE_TPL_KEYWORD or LE_TPL_AUDIENCE.
 */
#define LE_TPL_BASE		'\x01'		/* the API root */
#define LE_TPL_SUFFIX	'\x02'		/* "?format=<v>" or nothing */
#define LE_TPL_REF		'\x03'
#define LE_TPL_REF_END	'\x04'
#define LE_TPL_ID_END	'\x05'
#define LE_TPL_MAX		0x05	/* bytes up to this one are markers */
#define LE_TPL_LOCATION 'p'
#define LE_TPL_KEYWORD	'k'
#define LE_TPL_AUDIENCE 'a'

/* Rows of one query (or one row value), deformed: values[row * natts + att] */
typedef struct LeRows
{
	int			n;
	int			natts;
	TupleDesc	desc;
	Datum	   *values;
	bool	   *nulls;
} LeRows;

#define LE_VAL(rows, r, a)		((rows)->values[(r) * (rows)->natts + (a)])
#define LE_NULL(rows, r, a)		((rows)->nulls[(r) * (rows)->natts + (a)])

/*
 * The batch's ids ($1) with their 1-based positions: queries for related rows
 * join it and return u.ord as column 0, ordered by it, for le_groups.
 */
#define LE_BATCH_IDS	" FROM pg_catalog.unnest($1) WITH ORDINALITY u(id, ord)"

/* The related rows of each row of a batch: first[i] .. + count[i]. */
typedef struct LeGroups
{
	int		   *first;
	int		   *count;
} LeGroups;

/* A statement run through SPI with a plan kept for the backend's life. */
typedef struct LeStatement
{
	const char *sql;
	int			nargs;
	Oid			argtypes[4];
	void	   *plan;			/* SPIPlanPtr */
} LeStatement;

/*
 * Written objects: object i is buf.data[start[i]] .. + len[i], start[i] < 0
 * when there is none (the row's id was NULL: an id that does not exist).
 * In list mode the objects are written as a JSON list straight into the
 * caller's buffer: '[' first, ',' between objects, ']' at le_spans_end_list.
 */
typedef struct LeSpans
{
	StringInfoData buf;
	int			n;
	int		   *start;
	int		   *len;
	bool		list;
	int			written;
} LeSpans;

/*
 * Objects to embed, one per distinct id, written once and looked up by id:
 * add the ids, then le_objset_render, then le_objset_write per reference.
 */
typedef struct LeObjSet
{
	LeResource	resource;
	int			n;
	int			cap;
	char	  **ids;			/* sorted and unique after rendering */
	LeSpans		spans;
} LeObjSet;

/* jsonld_write.c */

/* appendStringInfoChar, inline: the writers append a char every few bytes */
static inline void
jw_char(StringInfo out, char c)
{
	if (out->len + 1 >= out->maxlen)
		enlargeStringInfo(out, 1);
	out->data[out->len++] = c;
	out->data[out->len] = '\0';
}

#define JW_LIT(out, lit)	appendBinaryStringInfo((out), (lit), sizeof(lit) - 1)
/* ,"key":  (every key but the first of an object) */
#define JW_KEY_TEXT(key)	",\"" key "\":"
#define JW_KEY(out, key)	JW_LIT((out), JW_KEY_TEXT(key))

extern void jw_result_init(StringInfo result);
extern Datum jw_result_datum(StringInfo result);
extern void jw_string(StringInfo out, const char *s, int len);
extern void jw_text(StringInfo out, Datum value, bool isnull);
extern void jw_int4(StringInfo out, Datum value, bool isnull);
extern void jw_bool(StringInfo out, bool value);
extern void jw_timestamp(StringInfo out, Datum value, bool isnull);
extern void jw_timestamp_ms(StringInfo out, Datum value, bool isnull);
extern void jw_local_date(StringInfo out, JsonldCtx *ctx, TimestampTz ts, int shift_days);
extern void jw_date(StringInfo out, Datum value, bool isnull);
extern void jw_numeric(StringInfo out, Datum value, bool isnull);
extern void jw_jsonb(StringInfo out, Datum value, bool isnull);
extern void jw_multilingual(StringInfo out, JsonldCtx *ctx, Datum value, bool isnull);
extern void jw_text_array(StringInfo out, Datum value);
extern void jw_url(StringInfo out, JsonldCtx *ctx, const char *resource,
				   const char *id, int len);
extern void jw_url_text(StringInfo out, JsonldCtx *ctx, const char *resource,
						Datum id, bool isnull);
extern void jw_ref_text(StringInfo out, JsonldCtx *ctx, const char *resource,
						Datum id, bool isnull);
extern void jw_ref_int(StringInfo out, JsonldCtx *ctx, const char *resource,
					   int32 id);
extern void jw_ref_list(StringInfo out, JsonldCtx *ctx, const char *resource,
						Datum ids);
extern void jw_users(StringInfo out, Datum created_by, bool created_by_null,
					 Datum last_modified_by, bool last_modified_by_null);
extern void jw_trailer(StringInfo out, JsonldCtx *ctx, const char *resource,
					   Datum id, const char *type);
extern void jw_point(StringInfo out, double x, double y, int decimals);
extern void jw_percent_encode(StringInfo out, const char *s, int len,
							  const char *keep, bool plus_for_space);

/* jsonld_fetch.c */
extern void le_ctx_init(JsonldCtx *ctx, text *base_url, text *format,
						ArrayType *include, int srid);
extern void le_ctx_template(JsonldCtx *ctx);
extern JsonldCtx le_ctx_nested(JsonldCtx *ctx);
extern void le_statement_run(LeStatement *q, Datum *args, LeRows *out);
extern void le_rows_from_record(LeRows *out, HeapTupleHeader rec);
extern void le_colmap(TupleDesc desc, const char *const *names, int n, int *map);
extern void le_groups(LeRows *rel, int nparents, LeGroups *g);
extern Datum le_column_array(LeRows *rows, int att);
extern void le_spans_init(LeSpans *s, int n, StringInfo list_into);
extern bool le_span_begin(LeSpans *s, LeRows *rows, int r, int id_att);
extern void le_span_end(LeSpans *s, int r);
extern void le_spans_end_list(LeSpans *s, StringInfo list_into);
extern void le_spans_write(StringInfo out, LeSpans *s, int i);
extern void le_objset_init(LeObjSet *set, LeResource resource);
extern void le_objset_add(LeObjSet *set, Datum id);
extern void le_objset_add_array(LeObjSet *set, Datum ids);
extern void le_objset_sort(LeObjSet *set);
extern void le_objset_render(LeObjSet *set, JsonldCtx *ctx);
extern bool le_objset_write(StringInfo out, LeObjSet *set, Datum id);
extern void le_fetch_ids(LeResource resource, Datum ids, LeRows *out);
extern void le_write_rows(LeResource resource, JsonldCtx *ctx, LeRows *rows,
						  LeSpans *out, StringInfo list_into);
extern void le_ds_editable(LeRows *rows, int ds_att, bool *editable);
extern void le_publisher_admin(JsonldCtx *ctx, LeRows *rows, int publisher_att,
							   bool *admin);

/* jsonld_store.c */
extern bool le_store_write_page(JsonldCtx *ctx, LeResource resource, Datum ids,
								StringInfo out);

/* one writer per resource: the rows' objects into out (le_spans_init'ed) */
extern void le_write_events(JsonldCtx *ctx, LeRows *rows, LeSpans *out);
extern void le_write_places(JsonldCtx *ctx, LeRows *rows, LeSpans *out);
extern void le_write_keywords(JsonldCtx *ctx, LeRows *rows, LeSpans *out);
extern void le_write_keyword_sets(JsonldCtx *ctx, LeRows *rows, LeSpans *out);
extern void le_write_organizations(JsonldCtx *ctx, LeRows *rows, LeSpans *out);
extern void le_write_images(JsonldCtx *ctx, LeRows *rows, LeSpans *out);
extern void le_write_languages(JsonldCtx *ctx, LeRows *rows, LeSpans *out);
extern void le_write_divisions(JsonldCtx *ctx, LeRows *rows, LeSpans *out);

#endif							/* JSONLD_H */
