/*
 * jsonld_event.c
 *	  Events (SPEC 4.2, 4.3): the 45-key object (for an administrator of the
 *	  publisher also publication_status, created_by and last_modified_by,
 *	  D22), the reduced form of a deleted event, and the embedded objects of
 *	  include.
 *
 * A batch of events costs one query per relation: data source flags,
 * registrations, the publisher admin check (users only), offers with their price
 * groups, external links, videos, images, public sub events, and one batch
 * per included resource. Included events are written with the nesting
 * includes removed (the recursion guard), so embedding goes one level deep.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "jsonld.h"

enum
{
	EV_ID, EV_DATA_SOURCE, EV_PUBLISHER, EV_LOCATION, EV_KEYWORDS, EV_AUDIENCE,
	EV_IN_LANGUAGE, EV_SUPER_EVENT, EV_SUPER_EVENT_TYPE, EV_EVENT_STATUS,
	EV_TYPE_ID, EV_PUBLICATION_STATUS, EV_DELETED, EV_REPLACED_BY,
	EV_CREATED_TIME, EV_LAST_MODIFIED_TIME, EV_DATE_PUBLISHED, EV_START_TIME,
	EV_END_TIME, EV_HAS_START_TIME, EV_HAS_END_TIME, EV_CUSTOM_DATA,
	EV_ENVIRONMENTAL_CERTIFICATE, EV_ENVIRONMENT, EV_AUDIENCE_MIN_AGE,
	EV_AUDIENCE_MAX_AGE, EV_MAXIMUM_ATTENDEE_CAPACITY,
	EV_MINIMUM_ATTENDEE_CAPACITY, EV_ENROLMENT_START_TIME,
	EV_ENROLMENT_END_TIME, EV_LOCAL, EV_CREATED_BY, EV_LAST_MODIFIED_BY,
	/* the translated fields, in output order */
	EV_NAME, EV_DESCRIPTION, EV_SHORT_DESCRIPTION, EV_INFO_URL,
	EV_LOCATION_EXTRA_INFO, EV_PROVIDER, EV_PROVIDER_CONTACT_INFO,
	EV_NCOLS
};

static const char *const event_columns[EV_NCOLS] = {
	"id", "data_source", "publisher", "location", "keywords", "audience",
	"in_language", "super_event", "super_event_type", "event_status",
	"type_id", "publication_status", "deleted", "replaced_by",
	"created_time", "last_modified_time", "date_published", "start_time",
	"end_time", "has_start_time", "has_end_time", "custom_data",
	"environmental_certificate", "environment", "audience_min_age",
	"audience_max_age", "maximum_attendee_capacity",
	"minimum_attendee_capacity", "enrolment_start_time",
	"enrolment_end_time", "local", "created_by", "last_modified_by",
	"name", "description", "short_description", "info_url",
	"location_extra_info", "provider", "provider_contact_info",
};

static LeStatement q_registrations = {
	"SELECT u.ord, r.id" LE_BATCH_IDS
	" JOIN linkedevents.registration r ON r.event OPERATOR(pg_catalog.=) u.id"
	" ORDER BY u.ord", 1, {TEXTARRAYOID}
};

static LeStatement q_offers = {
	"SELECT u.ord, o.id, o.is_free, o.price, o.info_url, o.description,"
	" g.id, g.price_group, g.price, g.vat_percentage, g.price_without_vat, g.vat"
	LE_BATCH_IDS
	" JOIN linkedevents.offer o ON o.event OPERATOR(pg_catalog.=) u.id"
	" LEFT JOIN linkedevents.offer_price_group g ON g.offer OPERATOR(pg_catalog.=) o.id"
	" ORDER BY u.ord, o.position, g.position", 1, {TEXTARRAYOID}
};
enum
{
	OF_PARENT, OF_ID, OF_IS_FREE, OF_PRICE, OF_INFO_URL, OF_DESCRIPTION,
	PG_ID, PG_PRICE_GROUP, PG_PRICE, PG_VAT_PERCENTAGE, PG_PRICE_WITHOUT_VAT, PG_VAT
};

static LeStatement q_links = {
	"SELECT u.ord, l.name, l.link, l.language" LE_BATCH_IDS
	" JOIN linkedevents.event_link l ON l.event OPERATOR(pg_catalog.=) u.id"
	" ORDER BY u.ord, l.position", 1, {TEXTARRAYOID}
};

static LeStatement q_videos = {
	"SELECT u.ord, v.name, v.url, v.alt_text" LE_BATCH_IDS
	" JOIN linkedevents.event_video v ON v.event OPERATOR(pg_catalog.=) u.id"
	" ORDER BY u.ord, v.position", 1, {TEXTARRAYOID}
};

static LeStatement q_images = {
	"SELECT u.ord, i.*" LE_BATCH_IDS
	" JOIN linkedevents.event_image ei ON ei.event OPERATOR(pg_catalog.=) u.id"
	" JOIN linkedevents.image i ON i.id OPERATOR(pg_catalog.=) ei.image"
	" ORDER BY u.ord, ei.position", 1, {TEXTARRAYOID}
};

/*
 * Sub events a list would show (D15): public, not deleted, not of a private
 * data source; by id. Found by one bitmap scan for all the ids, then given
 * their parent's position by a hash join: joined to the unnest directly, the
 * planner probes with a bitmap per parent (event.super_event matches several
 * rows), several times the cost. OFFSET 0 keeps the scan apart from the join.
 */
static LeStatement q_sub_events = {
	"SELECT u.ord, s.id"
	" FROM (SELECT s.super_event, s.id FROM linkedevents.event s"
	"        WHERE s.super_event OPERATOR(pg_catalog.=) ANY ($1)"
	"          AND s.publication_status OPERATOR(pg_catalog.=) 'public' AND NOT s.deleted"
	"          AND NOT EXISTS (SELECT 1 FROM linkedevents.data_source d"
	"                           WHERE d.id OPERATOR(pg_catalog.=) s.data_source AND d.private)"
	"       OFFSET 0) s"
	" JOIN pg_catalog.unnest($1) WITH ORDINALITY u(id, ord) ON u.id OPERATOR(pg_catalog.=) s.super_event"
	" ORDER BY u.ord, s.id", 1, {TEXTARRAYOID}
};

/* Of the ids, the public events: only those are embedded as super events. */
static LeStatement q_public_events = {
	"SELECT e.id FROM linkedevents.event e"
	" WHERE e.id OPERATOR(pg_catalog.=) ANY ($1)"
	"   AND e.publication_status OPERATOR(pg_catalog.=) 'public'", 1, {TEXTARRAYOID}
};

/*
 * Keep only the public events of an embed set; a draft super event stays a
 * reference, whoever asks (SPEC 1.2: drafts never leak).
 */
static void
keep_public_events(LeObjSet *set)
{
	Datum	   *elems;
	Datum		arg;
	LeRows		rows;

	if (set->n == 0)
		return;
	elems = palloc(sizeof(Datum) * set->n);
	for (int i = 0; i < set->n; i++)
		elems[i] = CStringGetTextDatum(set->ids[i]);
	arg = PointerGetDatum(construct_array(elems, set->n, TEXTOID, -1, false, TYPALIGN_INT));
	le_statement_run(&q_public_events, &arg, &rows);
	set->n = 0;
	for (int r = 0; r < rows.n; r++)
		le_objset_add(set, LE_VAL(&rows, r, 0));
}

/* Everything a batch of events needs besides the event rows. */
typedef struct EventBatch
{
	int			c[EV_NCOLS];
	bool	   *editable;
	bool	   *admin;			/* the user administers the publisher */
	LeRows		registrations,
				offers,
				links,
				videos,
				images,
				subs;
	LeGroups	g_registrations,
				g_offers,
				g_links,
				g_videos,
				g_images,
				g_subs;
	LeSpans		image_spans;
	/* embedded objects, when included */
	LeObjSet	places,
				keywords,
				languages,
				sub_events,
				super_events;
} EventBatch;

/* Rows related to the batch's events; args[0] holds one id per event. */
static void
fetch_relation(LeStatement *q, Datum *args, LeRows *events, LeRows *rel, LeGroups *g)
{
	le_statement_run(q, args, rel);
	le_groups(rel, events->n, g);
}

/*
 * One embedded object from set when it has it, else a reference; in a
 * template, a reference of a kind include can embed is marked (LE_TPL_REF).
 */
static void
write_id(StringInfo out, JsonldCtx *ctx, Datum id, bool isnull, LeObjSet *set,
		 const char *resource, char kind)
{
	bool		marked = ctx->template && kind != 0 && !isnull;

	if (!isnull && set != NULL && le_objset_write(out, set, id))
		return;
	if (marked)
	{
		text	   *t = DatumGetTextPP(id);

		jw_char(out, LE_TPL_REF);
		jw_char(out, kind);
		appendBinaryStringInfo(out, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
		jw_char(out, LE_TPL_ID_END);
	}
	jw_ref_text(out, ctx, resource, id, isnull);
	if (marked)
		jw_char(out, LE_TPL_REF_END);
}

/* A list of ids, each as write_id writes it. */
static void
write_id_list(StringInfo out, JsonldCtx *ctx, Datum ids, LeObjSet *set,
			  const char *resource, char kind)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	deconstruct_array(DatumGetArrayTypeP(ids), TEXTOID, -1, false, TYPALIGN_INT,
					  &elems, &nulls, &n);
	jw_char(out, '[');
	for (int i = 0; i < n; i++)
	{
		if (i > 0)
			jw_char(out, ',');
		write_id(out, ctx, elems[i], nulls[i], set, resource, kind);
	}
	jw_char(out, ']');
}

static void
write_offers(StringInfo out, JsonldCtx *ctx, EventBatch *b, int r)
{
	LeRows	   *o = &b->offers;
	int			end = b->g_offers.first[r] + b->g_offers.count[r];

	jw_char(out, '[');
	for (int i = b->g_offers.first[r]; i < end;)
	{
		int32		offer = DatumGetInt32(LE_VAL(o, i, OF_ID));
		int			head = i;

		if (i > b->g_offers.first[r])
			jw_char(out, ',');
		JW_LIT(out, "{\"is_free\":");
		jw_bool(out, DatumGetBool(LE_VAL(o, i, OF_IS_FREE)));
		JW_KEY(out, "offer_price_groups");
		jw_char(out, '[');
		/* the offer's rows: one per price group, or one without any */
		for (; i < end && DatumGetInt32(LE_VAL(o, i, OF_ID)) == offer; i++)
		{
			if (LE_NULL(o, i, PG_ID))
				continue;
			if (i > head)
				jw_char(out, ',');
			JW_LIT(out, "{\"id\":");
			jw_int4(out, LE_VAL(o, i, PG_ID), false);
			JW_KEY(out, "price_group");
			jw_int4(out, LE_VAL(o, i, PG_PRICE_GROUP), LE_NULL(o, i, PG_PRICE_GROUP));
			JW_KEY(out, "price");
			jw_numeric(out, LE_VAL(o, i, PG_PRICE), LE_NULL(o, i, PG_PRICE));
			JW_KEY(out, "vat_percentage");
			jw_numeric(out, LE_VAL(o, i, PG_VAT_PERCENTAGE), LE_NULL(o, i, PG_VAT_PERCENTAGE));
			JW_KEY(out, "price_without_vat");
			jw_numeric(out, LE_VAL(o, i, PG_PRICE_WITHOUT_VAT), LE_NULL(o, i, PG_PRICE_WITHOUT_VAT));
			JW_KEY(out, "vat");
			jw_numeric(out, LE_VAL(o, i, PG_VAT), LE_NULL(o, i, PG_VAT));
			jw_char(out, '}');
		}
		jw_char(out, ']');
		JW_KEY(out, "price");
		jw_multilingual(out, ctx, LE_VAL(o, head, OF_PRICE), LE_NULL(o, head, OF_PRICE));
		JW_KEY(out, "info_url");
		jw_multilingual(out, ctx, LE_VAL(o, head, OF_INFO_URL), LE_NULL(o, head, OF_INFO_URL));
		JW_KEY(out, "description");
		jw_multilingual(out, ctx, LE_VAL(o, head, OF_DESCRIPTION), LE_NULL(o, head, OF_DESCRIPTION));
		jw_char(out, '}');
	}
	jw_char(out, ']');
}

/* A link or video name: an empty name is null. */
static void
write_name(StringInfo out, LeRows *rows, int i, int att)
{
	bool		isnull = LE_NULL(rows, i, att);

	if (!isnull && VARSIZE_ANY_EXHDR(DatumGetPointer(LE_VAL(rows, i, att))) == 0)
		isnull = true;
	jw_text(out, LE_VAL(rows, i, att), isnull);
}

static void
write_links(StringInfo out, EventBatch *b, int r)
{
	LeRows	   *l = &b->links;
	int			first = b->g_links.first[r];

	jw_char(out, '[');
	for (int i = first; i < first + b->g_links.count[r]; i++)
	{
		if (i > first)
			jw_char(out, ',');
		JW_LIT(out, "{\"name\":");
		write_name(out, l, i, 1);
		JW_KEY(out, "link");
		jw_text(out, LE_VAL(l, i, 2), false);
		JW_KEY(out, "language");
		jw_text(out, LE_VAL(l, i, 3), false);
		jw_char(out, '}');
	}
	jw_char(out, ']');
}

static void
write_videos(StringInfo out, EventBatch *b, int r)
{
	LeRows	   *v = &b->videos;
	int			first = b->g_videos.first[r];

	jw_char(out, '[');
	for (int i = first; i < first + b->g_videos.count[r]; i++)
	{
		if (i > first)
			jw_char(out, ',');
		JW_LIT(out, "{\"name\":");
		write_name(out, v, i, 1);
		JW_KEY(out, "url");
		jw_text(out, LE_VAL(v, i, 2), false);
		JW_KEY(out, "alt_text");
		jw_text(out, LE_VAL(v, i, 3), LE_NULL(v, i, 3));
		jw_char(out, '}');
	}
	jw_char(out, ']');
}

static void
write_images(StringInfo out, EventBatch *b, int r)
{
	int			first = b->g_images.first[r];

	jw_char(out, '[');
	for (int i = first; i < first + b->g_images.count[r]; i++)
	{
		if (i > first)
			jw_char(out, ',');
		le_spans_write(out, &b->image_spans, i);
	}
	jw_char(out, ']');
}

static void
write_sub_events(StringInfo out, JsonldCtx *ctx, EventBatch *b, int r)
{
	int			first = b->g_subs.first[r];
	LeObjSet   *set = (ctx->include & LE_INC_SUB_EVENTS) ? &b->sub_events : NULL;

	jw_char(out, '[');
	for (int i = first; i < first + b->g_subs.count[r]; i++)
	{
		if (i > first)
			jw_char(out, ',');
		write_id(out, ctx, LE_VAL(&b->subs, i, 1), false, set, "event", 0);
	}
	jw_char(out, ']');
}

/*
 * start_time and end_time (SPEC 4.2): a date-only start is its local date; a
 * date-only end (stored exclusive, 00:00 of the next day) is null when the
 * event lasts at most 24 hours, else the local date of its last day.
 */
static void
write_times(StringInfo out, JsonldCtx *ctx, LeRows *rows, int r, const int *c)
{
	bool		start_null = LE_NULL(rows, r, c[EV_START_TIME]);
	bool		end_null = LE_NULL(rows, r, c[EV_END_TIME]);
	TimestampTz start = DatumGetTimestampTz(LE_VAL(rows, r, c[EV_START_TIME]));
	TimestampTz end = DatumGetTimestampTz(LE_VAL(rows, r, c[EV_END_TIME]));

	JW_KEY(out, "start_time");
	if (!start_null && !DatumGetBool(LE_VAL(rows, r, c[EV_HAS_START_TIME])))
		jw_local_date(out, ctx, start, 0);
	else
		jw_timestamp(out, LE_VAL(rows, r, c[EV_START_TIME]), start_null);

	JW_KEY(out, "end_time");
	if (end_null || DatumGetBool(LE_VAL(rows, r, c[EV_HAS_END_TIME])))
		jw_timestamp(out, LE_VAL(rows, r, c[EV_END_TIME]), end_null);
	else if (!start_null && end - start <= USECS_PER_DAY)
		JW_LIT(out, "null");
	else
		jw_local_date(out, ctx, end, 1);
}

/* A deleted event: exactly these five keys, no @id/@context/@type. */
static void
write_deleted(StringInfo out, LeRows *rows, int r, const int *c)
{
	JW_LIT(out, "{\"id\":");
	jw_text(out, LE_VAL(rows, r, c[EV_ID]), false);
	JW_LIT(out, ",\"name\":{\"fi\":\"POISTETTU\",\"sv\":\"RADERAD\",\"en\":\"DELETED\"}");
	JW_KEY(out, "last_modified_time");
	jw_timestamp(out, LE_VAL(rows, r, c[EV_LAST_MODIFIED_TIME]),
				 LE_NULL(rows, r, c[EV_LAST_MODIFIED_TIME]));
	JW_LIT(out, ",\"deleted\":true");
	JW_KEY(out, "replaced_by");
	jw_text(out, LE_VAL(rows, r, c[EV_REPLACED_BY]), LE_NULL(rows, r, c[EV_REPLACED_BY]));
	jw_char(out, '}');
}

#define COL(att)	LE_VAL(rows, r, c[att]), LE_NULL(rows, r, c[att])

static void
write_event(StringInfo out, JsonldCtx *ctx, LeRows *rows, int r, EventBatch *b)
{
	/* the keys of the translated fields, in column order */
	static const char *const translated[] = {
		JW_KEY_TEXT("name"), JW_KEY_TEXT("description"),
		JW_KEY_TEXT("short_description"), JW_KEY_TEXT("info_url"),
		JW_KEY_TEXT("location_extra_info"), JW_KEY_TEXT("provider"),
		JW_KEY_TEXT("provider_contact_info"),
	};
	const int  *c = b->c;
	int			inc = ctx->include;

	JW_LIT(out, "{\"id\":");
	jw_text(out, COL(EV_ID));
	JW_KEY(out, "has_user_editable_resources");
	jw_bool(out, b->editable[r]);
	JW_KEY(out, "location");
	write_id(out, ctx, COL(EV_LOCATION), (inc & LE_INC_LOCATION) ? &b->places : NULL, "place",
			 LE_TPL_LOCATION);
	JW_KEY(out, "keywords");
	write_id_list(out, ctx, LE_VAL(rows, r, c[EV_KEYWORDS]),
				  (inc & LE_INC_KEYWORDS) ? &b->keywords : NULL, "keyword", LE_TPL_KEYWORD);
	/* include=registration keeps the reference (SPEC 4.2) */
	JW_KEY(out, "registration");
	if (b->g_registrations.count[r] == 0)
		JW_LIT(out, "null");
	else
		jw_ref_int(out, ctx, "registration",
				   DatumGetInt32(LE_VAL(&b->registrations, b->g_registrations.first[r], 1)));
	JW_KEY(out, "super_event");
	write_id(out, ctx, COL(EV_SUPER_EVENT),
			 (inc & LE_INC_SUPER_EVENT) ? &b->super_events : NULL, "event", 0);
	JW_KEY(out, "event_status");
	jw_text(out, COL(EV_EVENT_STATUS));
	JW_KEY(out, "type_id");
	jw_text(out, COL(EV_TYPE_ID));
	if (b->admin[r])
	{
		JW_KEY(out, "publication_status");
		jw_text(out, COL(EV_PUBLICATION_STATUS));
	}
	JW_KEY(out, "external_links");
	write_links(out, b, r);
	JW_KEY(out, "offers");
	write_offers(out, ctx, b, r);
	JW_KEY(out, "data_source");
	jw_text(out, COL(EV_DATA_SOURCE));
	JW_KEY(out, "publisher");
	jw_text(out, COL(EV_PUBLISHER));
	JW_KEY(out, "sub_events");
	write_sub_events(out, ctx, b, r);
	JW_KEY(out, "images");
	write_images(out, b, r);
	JW_KEY(out, "videos");
	write_videos(out, b, r);
	JW_KEY(out, "in_language");
	write_id_list(out, ctx, LE_VAL(rows, r, c[EV_IN_LANGUAGE]),
				  (inc & LE_INC_IN_LANGUAGE) ? &b->languages : NULL, "language", 0);
	JW_KEY(out, "audience");
	write_id_list(out, ctx, LE_VAL(rows, r, c[EV_AUDIENCE]),
				  (inc & LE_INC_AUDIENCE) ? &b->keywords : NULL, "keyword", LE_TPL_AUDIENCE);
	JW_KEY(out, "created_time");
	jw_timestamp(out, COL(EV_CREATED_TIME));
	JW_KEY(out, "last_modified_time");
	jw_timestamp(out, COL(EV_LAST_MODIFIED_TIME));
	JW_KEY(out, "date_published");
	jw_timestamp(out, COL(EV_DATE_PUBLISHED));
	write_times(out, ctx, rows, r, c);
	if (b->admin[r])
		jw_users(out, COL(EV_CREATED_BY), COL(EV_LAST_MODIFIED_BY));
	JW_KEY(out, "custom_data");
	jw_jsonb(out, COL(EV_CUSTOM_DATA));
	JW_KEY(out, "environmental_certificate");
	jw_text(out, COL(EV_ENVIRONMENTAL_CERTIFICATE));
	JW_KEY(out, "environment");
	jw_text(out, COL(EV_ENVIRONMENT));
	JW_KEY(out, "audience_min_age");
	jw_int4(out, COL(EV_AUDIENCE_MIN_AGE));
	JW_KEY(out, "audience_max_age");
	jw_int4(out, COL(EV_AUDIENCE_MAX_AGE));
	JW_KEY(out, "super_event_type");
	jw_text(out, COL(EV_SUPER_EVENT_TYPE));
	JW_LIT(out, ",\"deleted\":false");
	JW_KEY(out, "maximum_attendee_capacity");
	jw_int4(out, COL(EV_MAXIMUM_ATTENDEE_CAPACITY));
	JW_KEY(out, "minimum_attendee_capacity");
	jw_int4(out, COL(EV_MINIMUM_ATTENDEE_CAPACITY));
	JW_KEY(out, "enrolment_start_time");
	jw_timestamp(out, COL(EV_ENROLMENT_START_TIME));
	JW_KEY(out, "enrolment_end_time");
	jw_timestamp(out, COL(EV_ENROLMENT_END_TIME));
	JW_KEY(out, "local");
	jw_bool(out, DatumGetBool(LE_VAL(rows, r, c[EV_LOCAL])));
	JW_KEY(out, "replaced_by");
	jw_text(out, COL(EV_REPLACED_BY));
	for (int i = 0; i < lengthof(translated); i++)
	{
		appendStringInfoString(out, translated[i]);
		jw_multilingual(out, ctx, COL(EV_NAME + i));
	}
	jw_trailer(out, ctx, "event", LE_VAL(rows, r, c[EV_ID]), "Event/LinkedEvent");
}

/* The objects include asks for, one batch per resource. */
static void
render_included(JsonldCtx *ctx, LeRows *rows, EventBatch *b)
{
	const int  *c = b->c;
	int			inc = ctx->include;
	JsonldCtx	nested = le_ctx_nested(ctx);

	le_objset_init(&b->places, LE_PLACE);
	le_objset_init(&b->keywords, LE_KEYWORD);
	le_objset_init(&b->languages, LE_LANGUAGE);
	le_objset_init(&b->sub_events, LE_EVENT);
	le_objset_init(&b->super_events, LE_EVENT);
	for (int r = 0; r < rows->n; r++)
	{
		if (LE_NULL(rows, r, c[EV_ID]) || DatumGetBool(LE_VAL(rows, r, c[EV_DELETED])))
			continue;
		if ((inc & LE_INC_LOCATION) && !LE_NULL(rows, r, c[EV_LOCATION]))
			le_objset_add(&b->places, LE_VAL(rows, r, c[EV_LOCATION]));
		if (inc & LE_INC_KEYWORDS)
			le_objset_add_array(&b->keywords, LE_VAL(rows, r, c[EV_KEYWORDS]));
		if (inc & LE_INC_AUDIENCE)
			le_objset_add_array(&b->keywords, LE_VAL(rows, r, c[EV_AUDIENCE]));
		if (inc & LE_INC_IN_LANGUAGE)
			le_objset_add_array(&b->languages, LE_VAL(rows, r, c[EV_IN_LANGUAGE]));
		if ((inc & LE_INC_SUPER_EVENT) && !LE_NULL(rows, r, c[EV_SUPER_EVENT]))
			le_objset_add(&b->super_events, LE_VAL(rows, r, c[EV_SUPER_EVENT]));
	}
	if (inc & LE_INC_SUB_EVENTS)
		for (int i = 0; i < b->subs.n; i++)
			le_objset_add(&b->sub_events, LE_VAL(&b->subs, i, 1));

	le_objset_render(&b->places, ctx);
	le_objset_render(&b->keywords, ctx);
	le_objset_render(&b->languages, ctx);
	le_objset_render(&b->sub_events, &nested);
	keep_public_events(&b->super_events);
	le_objset_render(&b->super_events, &nested);
}

void
le_write_events(JsonldCtx *ctx, LeRows *rows, LeSpans *out)
{
	EventBatch	b;
	Datum		args[1];

	check_stack_depth();
	if (rows->n == 0)
		return;
	le_colmap(rows->desc, event_columns, EV_NCOLS, b.c);

	b.editable = palloc(sizeof(bool) * rows->n);
	le_ds_editable(rows, b.c[EV_DATA_SOURCE], b.editable);
	b.admin = palloc(sizeof(bool) * rows->n);
	le_publisher_admin(ctx, rows, b.c[EV_PUBLISHER], b.admin);
	args[0] = le_column_array(rows, b.c[EV_ID]);
	fetch_relation(&q_registrations, args, rows, &b.registrations, &b.g_registrations);
	fetch_relation(&q_offers, args, rows, &b.offers, &b.g_offers);
	fetch_relation(&q_links, args, rows, &b.links, &b.g_links);
	fetch_relation(&q_videos, args, rows, &b.videos, &b.g_videos);
	fetch_relation(&q_images, args, rows, &b.images, &b.g_images);
	fetch_relation(&q_sub_events, args, rows, &b.subs, &b.g_subs);
	le_write_rows(LE_IMAGE, ctx, &b.images, &b.image_spans, NULL);
	render_included(ctx, rows, &b);

	for (int r = 0; r < rows->n; r++)
	{
		if (!le_span_begin(out, rows, r, b.c[EV_ID]))
			continue;
		if (DatumGetBool(LE_VAL(rows, r, b.c[EV_DELETED])))
			write_deleted(&out->buf, rows, r, b.c);
		else
			write_event(&out->buf, ctx, rows, r, &b);
		le_span_end(out, r);
	}
}
