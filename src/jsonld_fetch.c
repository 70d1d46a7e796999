/*
 * jsonld_fetch.c
 *	  How the serializer gets its data: the call context, statements with
 *	  kept plans, deformed rows, rows grouped by parent, and sets of objects
 *	  to embed.
 *
 * All statements are fixed text with schema-qualified names (operators too),
 * take the batch's ids as one bound array parameter and return the rows of
 * the whole batch at once. Rows of a resource come in the array's order
 * (joined to unnest WITH ORDINALITY: the planner may hash small tables).
 * Child rows (offers, links, ...) come joined to the same unnest: one index
 * probe per parent, and each row carries its parent's position, so grouping
 * them compares integers, not text (text compares through the collation).
 * The caller is connected to SPI; the rows stay valid until it disconnects.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"

#include "jsonld.h"
#include "linkedevents.h"

/* Split a comma list into its non-empty items, trimmed of spaces. */
static List *
split_comma_list(const char *s)
{
	List	   *items = NIL;
	char	   *copy = pstrdup(s);
	char	   *item = copy;

	for (char *p = copy;; p++)
	{
		if (*p == ',' || *p == '\0')
		{
			bool		last = (*p == '\0');
			char	   *end = p;

			*p = '\0';
			while (*item == ' ')
				item++;
			while (end > item && end[-1] == ' ')
				*--end = '\0';
			if (*item != '\0')
				items = lappend(items, item);
			if (last)
				break;
			item = p + 1;
		}
	}
	return items;
}

static int
include_flag(const char *name)
{
	static const struct
	{
		const char *name;
		int			flag;
	}			names[] = {
		{"location", LE_INC_LOCATION},
		{"keywords", LE_INC_KEYWORDS},
		{"audience", LE_INC_AUDIENCE},
		{"in_language", LE_INC_IN_LANGUAGE},
		{"sub_events", LE_INC_SUB_EVENTS},
		{"super_event", LE_INC_SUPER_EVENT},
		{"registration", LE_INC_REGISTRATION},
	};

	for (int i = 0; i < lengthof(names); i++)
		if (strcmp(name, names[i].name) == 0)
			return names[i].flag;
	return 0;					/* unknown names are ignored (SPEC 1.21) */
}

/* The output languages, in order, and the time zone of bare dates. */
static void
ctx_settings(JsonldCtx *ctx, const char *languages, const char *time_zone)
{
	StringInfoData buf;
	ListCell   *lc;

	foreach(lc, split_comma_list(languages))
	{
		if (ctx->nlangs == LE_MAX_LANGUAGES)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("linkedevents.languages lists more than %d languages",
							LE_MAX_LANGUAGES)));
		ctx->langs[ctx->nlangs] = lfirst(lc);
		ctx->lang_lens[ctx->nlangs] = strlen(lfirst(lc));
		initStringInfo(&buf);
		jw_string(&buf, lfirst(lc), ctx->lang_lens[ctx->nlangs]);
		jw_char(&buf, ':');
		ctx->lang_keys[ctx->nlangs] = buf.data;
		ctx->lang_key_lens[ctx->nlangs] = buf.len;
		ctx->nlangs++;
	}

	ctx->tz = pg_tzset(time_zone);
	if (ctx->tz == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" not recognized", time_zone)));
}

/*
 * The context of one call: base_url NULL means linkedevents.base_url; a
 * non-empty format is echoed into every URL; include items are trimmed.
 */
void
le_ctx_init(JsonldCtx *ctx, text *base_url, text *format, ArrayType *include, int srid)
{
	const char *base = base_url ? text_to_cstring(base_url) : le_base_url;
	int			base_len = strlen(base);
	StringInfoData buf;
	ListCell   *lc;

	memset(ctx, 0, sizeof(*ctx));

	initStringInfo(&buf);
	jw_string(&buf, base, base_len);
	buf.data[--buf.len] = '\0'; /* the closing quote */
	if (base_len == 0 || base[base_len - 1] != '/')
		jw_char(&buf, '/');
	ctx->base = buf.data + 1;	/* after the opening quote */
	ctx->base_len = buf.len - 1;

	ctx->suffix = "";
	if (format != NULL && VARSIZE_ANY_EXHDR(format) > 0)
	{
		initStringInfo(&buf);
		appendStringInfoString(&buf, "?format=");
		jw_percent_encode(&buf, VARDATA_ANY(format), VARSIZE_ANY_EXHDR(format), "", true);
		ctx->suffix = buf.data;
		ctx->suffix_len = buf.len;
	}

	if (include != NULL)
	{
		Datum	   *elems;
		bool	   *nulls;
		int			n;

		deconstruct_array(include, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
		for (int i = 0; i < n; i++)
		{
			List	   *items;

			if (nulls[i])
				continue;
			items = split_comma_list(TextDatumGetCString(elems[i]));
			foreach(lc, items)
				ctx->include |= include_flag(lfirst(lc));
		}
	}

	ctx->srid = srid;
	ctx_settings(ctx, le_languages, le_time_zone);

	if (le_user_id[0] != '\0')
	{
		List	   *orgs = split_comma_list(le_user_organizations);
		Datum	   *elems = palloc(sizeof(Datum) * (list_length(orgs) + 1));
		int			n = 0;

		foreach(lc, orgs)
			elems[n++] = CStringGetTextDatum(lfirst(lc));
		ctx->user_orgs = PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false,
														 TYPALIGN_INT));
	}
}

/*
 * The context stored documents are written in: markers for the API root and
 * the format suffix, no include, no user, positions in WGS84, and the boot
 * values of the settings (a session with other values writes its pages from
 * the tables).
 */
void
le_ctx_template(JsonldCtx *ctx)
{
	static char base[] = {LE_TPL_BASE, '\0'};
	static char suffix[] = {LE_TPL_SUFFIX, '\0'};

	memset(ctx, 0, sizeof(*ctx));
	ctx->base = base;
	ctx->base_len = 1;
	ctx->suffix = suffix;
	ctx->suffix_len = 1;
	ctx->srid = 4326;
	ctx->template = true;
	ctx_settings(ctx, LE_DEFAULT_LANGUAGES, LE_DEFAULT_TIME_ZONE);
}

/* The context for events embedded in events: without the nesting includes. */
JsonldCtx
le_ctx_nested(JsonldCtx *ctx)
{
	JsonldCtx	nested = *ctx;

	nested.include &= ~LE_INC_EVENT_NESTING;
	return nested;
}

static void
rows_deform(LeRows *out, HeapTuple *tuples, int n, TupleDesc desc)
{
	out->n = n;
	out->desc = desc;
	out->natts = desc->natts;
	out->values = palloc(sizeof(Datum) * Max(n * out->natts, 1));
	out->nulls = palloc(sizeof(bool) * Max(n * out->natts, 1));
	for (int r = 0; r < n; r++)
		heap_deform_tuple(tuples[r], desc, out->values + r * out->natts,
						  out->nulls + r * out->natts);
}

/*
 * Run q with args (array Datums; (Datum) 0 is NULL) and deform its rows.
 * The plan is prepared on first use, generic, and kept for the backend's
 * life; the plan cache re-plans it after DDL.
 */
void
le_statement_run(LeStatement *q, Datum *args, LeRows *out)
{
	char		nulls[lengthof(q->argtypes)];
	int			ret;

	Assert(q->nargs <= lengthof(q->argtypes));
	if (q->plan == NULL)
	{
		/*
		 * A custom plan for the actual array would always look cheaper than
		 * the generic one, so the plan cache would re-plan on every call.
		 */
		SPIPlanPtr	plan = SPI_prepare_cursor(q->sql, q->nargs, q->argtypes,
											  CURSOR_OPT_GENERIC_PLAN);

		if (plan == NULL)
			elog(ERROR, "SPI_prepare failed for \"%s\": %s",
				 q->sql, SPI_result_code_string(SPI_result));
		if (SPI_keepplan(plan) != 0)
			elog(ERROR, "SPI_keepplan failed");
		q->plan = plan;
	}
	for (int i = 0; i < q->nargs; i++)
		nulls[i] = args[i] == (Datum) 0 ? 'n' : ' ';
	ret = SPI_execute_plan(q->plan, args, nulls, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_plan failed for \"%s\": %s",
			 q->sql, SPI_result_code_string(ret));
	rows_deform(out, SPI_tuptable->vals, (int) SPI_processed, SPI_tuptable->tupdesc);
}

/* A row value (a composite Datum of a table's row type) as one row. */
void
le_rows_from_record(LeRows *out, HeapTupleHeader rec)
{
	HeapTupleData tuple;
	HeapTuple	tp = &tuple;
	TupleDesc	desc;

	desc = lookup_rowtype_tupdesc_copy(HeapTupleHeaderGetTypeId(rec),
									   HeapTupleHeaderGetTypMod(rec));
	tuple.t_len = HeapTupleHeaderGetDatumLength(rec);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = rec;
	rows_deform(out, &tp, 1, desc);
}

/* map[i] = 0-based attribute number of column names[i] in desc. */
void
le_colmap(TupleDesc desc, const char *const *names, int n, int *map)
{
	for (int i = 0; i < n; i++)
	{
		int			attno = SPI_fnumber(desc, names[i]);

		if (attno <= 0)
			elog(ERROR, "column \"%s\" missing from a serialized row", names[i]);
		map[i] = attno - 1;
	}
}

/*
 * Index the rows of rel by parent: rel's column 0 is the parent's 1-based
 * position in the batch (the ordinality of the batch's id array, see
 * LE_BATCH_IDS), its rows come ordered by it. Integers, so no text is
 * compared here (a batch may hold an id twice: each copy has its rows).
 */
void
le_groups(LeRows *rel, int nparents, LeGroups *g)
{
	g->first = palloc0(sizeof(int) * Max(nparents, 1));
	g->count = palloc0(sizeof(int) * Max(nparents, 1));
	for (int i = 0; i < rel->n; i++)
	{
		int64		parent = DatumGetInt64(LE_VAL(rel, i, 0)) - 1;

		if (parent < 0 || parent >= nparents)
			elog(ERROR, "related row of no parent in the batch");
		if (g->count[parent]++ == 0)
			g->first[parent] = i;
	}
}

/* A column of rows as an array of its type, NULLs kept: the batch key. */
Datum
le_column_array(LeRows *rows, int att)
{
	Oid			type = TupleDescAttr(rows->desc, att)->atttypid;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *elems = palloc(sizeof(Datum) * Max(rows->n, 1));
	bool	   *nulls = palloc(sizeof(bool) * Max(rows->n, 1));
	int			dims[1] = {rows->n};
	int			lbs[1] = {1};

	if (rows->n == 0)
		return PointerGetDatum(construct_empty_array(type));
	for (int r = 0; r < rows->n; r++)
	{
		elems[r] = LE_VAL(rows, r, att);
		nulls[r] = LE_NULL(rows, r, att);
	}
	get_typlenbyvalalign(type, &typlen, &typbyval, &typalign);
	return PointerGetDatum(construct_md_array(elems, nulls, 1, dims, lbs, type,
											  typlen, typbyval, typalign));
}

void
le_spans_init(LeSpans *s, int n, StringInfo list_into)
{
	s->list = (list_into != NULL);
	if (s->list)
	{
		s->buf = *list_into;
		jw_char(&s->buf, '[');
	}
	else
		initStringInfo(&s->buf);
	s->n = n;
	s->written = 0;
	s->start = palloc(sizeof(int) * Max(n, 1));
	s->len = palloc0(sizeof(int) * Max(n, 1));
	for (int i = 0; i < n; i++)
		s->start[i] = -1;
}

/* Start the object of row r; false when the row has none (NULL id). */
bool
le_span_begin(LeSpans *s, LeRows *rows, int r, int id_att)
{
	if (LE_NULL(rows, r, id_att))
		return false;
	if (s->list && s->written > 0)
		jw_char(&s->buf, ',');
	s->start[r] = s->buf.len;
	return true;
}

void
le_span_end(LeSpans *s, int r)
{
	s->len[r] = s->buf.len - s->start[r];
	s->written++;
}

/* Close the list and hand the buffer back to its owner. */
void
le_spans_end_list(LeSpans *s, StringInfo list_into)
{
	jw_char(&s->buf, ']');
	*list_into = s->buf;
}

void
le_spans_write(StringInfo out, LeSpans *s, int i)
{
	appendBinaryStringInfo(out, s->buf.data + s->start[i], s->len[i]);
}

void
le_objset_init(LeObjSet *set, LeResource resource)
{
	set->resource = resource;
	set->n = 0;
	set->cap = 16;
	set->ids = palloc(sizeof(char *) * set->cap);
}

void
le_objset_add(LeObjSet *set, Datum id)
{
	if (set->n == set->cap)
	{
		set->cap *= 2;
		set->ids = repalloc(set->ids, sizeof(char *) * set->cap);
	}
	set->ids[set->n++] = TextDatumGetCString(id);
}

void
le_objset_add_array(LeObjSet *set, Datum ids)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	deconstruct_array(DatumGetArrayTypeP(ids), TEXTOID, -1, false, TYPALIGN_INT,
					  &elems, &nulls, &n);
	for (int i = 0; i < n; i++)
		if (!nulls[i])
			le_objset_add(set, elems[i]);
}

static int
cmp_cstring_ptr(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Sort the ids and drop repeats. */
void
le_objset_sort(LeObjSet *set)
{
	int			unique = 0;

	if (set->n > 1)
		qsort(set->ids, set->n, sizeof(char *), cmp_cstring_ptr);
	for (int i = 0; i < set->n; i++)
		if (unique == 0 || strcmp(set->ids[unique - 1], set->ids[i]) != 0)
			set->ids[unique++] = set->ids[i];
	set->n = unique;
}

/* Write every distinct object of the set once: one batch. */
void
le_objset_render(LeObjSet *set, JsonldCtx *ctx)
{
	Datum	   *elems;
	LeRows		rows;

	le_objset_sort(set);
	if (set->n == 0)
	{
		le_spans_init(&set->spans, 0, NULL);
		return;
	}
	elems = palloc(sizeof(Datum) * set->n);
	for (int i = 0; i < set->n; i++)
		elems[i] = CStringGetTextDatum(set->ids[i]);
	le_fetch_ids(set->resource,
				 PointerGetDatum(construct_array(elems, set->n, TEXTOID, -1, false,
												 TYPALIGN_INT)),
				 &rows);
	le_write_rows(set->resource, ctx, &rows, &set->spans, NULL);
}

/* Append the embedded object for id; false when there is none. */
bool
le_objset_write(StringInfo out, LeObjSet *set, Datum id)
{
	char	   *key = TextDatumGetCString(id);
	char	  **found;
	int			i;

	found = bsearch(&key, set->ids, set->n, sizeof(char *), cmp_cstring_ptr);
	pfree(key);
	if (found == NULL)
		return false;
	i = found - set->ids;
	if (set->spans.start[i] < 0)
		return false;
	le_spans_write(out, &set->spans, i);
	return true;
}

#define FETCH_BY_IDS(table) \
	"SELECT t.*" LE_BATCH_IDS \
	" LEFT JOIN linkedevents." table " t ON t.id OPERATOR(pg_catalog.=) u.id" \
	" ORDER BY u.ord"

/*
 * The rows of a resource for an array of ids (text[], int4[] for images), in
 * the array's order, one per element: all NULL where the id does not exist.
 */
void
le_fetch_ids(LeResource resource, Datum ids, LeRows *out)
{
	static LeStatement queries[] = {
		[LE_EVENT] = {FETCH_BY_IDS("event"), 1, {TEXTARRAYOID}},
		[LE_PLACE] = {FETCH_BY_IDS("place"), 1, {TEXTARRAYOID}},
		[LE_KEYWORD] = {FETCH_BY_IDS("keyword"), 1, {TEXTARRAYOID}},
		[LE_KEYWORD_SET] = {FETCH_BY_IDS("keyword_set"), 1, {TEXTARRAYOID}},
		[LE_ORGANIZATION] = {FETCH_BY_IDS("organization"), 1, {TEXTARRAYOID}},
		[LE_IMAGE] = {FETCH_BY_IDS("image"), 1, {INT4ARRAYOID}},
		[LE_LANGUAGE] = {FETCH_BY_IDS("language"), 1, {TEXTARRAYOID}},
		[LE_DIVISION] = {"SELECT t.*" LE_BATCH_IDS
			" LEFT JOIN linkedevents.division t ON t.ocd_id OPERATOR(pg_catalog.=) u.id"
		" ORDER BY u.ord", 1, {TEXTARRAYOID}},
	};

	le_statement_run(&queries[resource], &ids, out);
}

/* Write rows of any resource; as a JSON list into list_into if not NULL. */
void
le_write_rows(LeResource resource, JsonldCtx *ctx, LeRows *rows, LeSpans *out,
			  StringInfo list_into)
{
	le_spans_init(out, rows->n, list_into);
	switch (resource)
	{
		case LE_EVENT:
			le_write_events(ctx, rows, out);
			break;
		case LE_PLACE:
			le_write_places(ctx, rows, out);
			break;
		case LE_KEYWORD:
			le_write_keywords(ctx, rows, out);
			break;
		case LE_KEYWORD_SET:
			le_write_keyword_sets(ctx, rows, out);
			break;
		case LE_ORGANIZATION:
			le_write_organizations(ctx, rows, out);
			break;
		case LE_IMAGE:
			le_write_images(ctx, rows, out);
			break;
		case LE_LANGUAGE:
			le_write_languages(ctx, rows, out);
			break;
		case LE_DIVISION:
			le_write_divisions(ctx, rows, out);
			break;
	}
	if (list_into != NULL)
		le_spans_end_list(out, list_into);
}

typedef struct KeyFlag
{
	char	   *id;
	bool		flag;
} KeyFlag;

static int
cmp_key_flag(const void *a, const void *b)
{
	return strcmp(((const KeyFlag *) a)->id, ((const KeyFlag *) b)->id);
}

/*
 * A flag of each row found by its key in column att (false when the key is
 * NULL or not found). A batch has few distinct keys: q gets them once, as
 * $1 (text[]), with extra as $2 when it takes two, and returns (key, flag).
 */
static void
flags_by_key(LeStatement *q, Datum extra, LeRows *rows, int att, bool *flags)
{
	LeObjSet	keys;
	Datum		args[2];
	Datum	   *elems;
	LeRows		found;
	KeyFlag    *sorted;

	le_objset_init(&keys, LE_EVENT);
	for (int r = 0; r < rows->n; r++)
		if (!LE_NULL(rows, r, att))
			le_objset_add(&keys, LE_VAL(rows, r, att));
	le_objset_sort(&keys);
	elems = palloc(sizeof(Datum) * Max(keys.n, 1));
	for (int i = 0; i < keys.n; i++)
		elems[i] = CStringGetTextDatum(keys.ids[i]);
	args[0] = PointerGetDatum(construct_array(elems, keys.n, TEXTOID, -1, false, TYPALIGN_INT));
	args[1] = extra;
	le_statement_run(q, args, &found);

	sorted = palloc(sizeof(KeyFlag) * Max(found.n, 1));
	for (int i = 0; i < found.n; i++)
	{
		sorted[i].id = TextDatumGetCString(LE_VAL(&found, i, 0));
		sorted[i].flag = !LE_NULL(&found, i, 1) && DatumGetBool(LE_VAL(&found, i, 1));
	}
	qsort(sorted, found.n, sizeof(KeyFlag), cmp_key_flag);
	for (int r = 0; r < rows->n; r++)
	{
		KeyFlag		key;
		KeyFlag    *hit = NULL;

		if (!LE_NULL(rows, r, att))
		{
			key.id = TextDatumGetCString(LE_VAL(rows, r, att));
			hit = bsearch(&key, sorted, found.n, sizeof(KeyFlag), cmp_key_flag);
		}
		flags[r] = hit != NULL && hit->flag;
	}
}

/*
 * has_user_editable_resources of each row: its data source's flag (false
 * when the row has no data source).
 */
void
le_ds_editable(LeRows *rows, int ds_att, bool *editable)
{
	static LeStatement q = {
		"SELECT d.id, d.user_editable_resources FROM linkedevents.data_source d"
		" WHERE d.id OPERATOR(pg_catalog.=) ANY ($1)", 1, {TEXTARRAYOID}
	};

	flags_by_key(&q, (Datum) 0, rows, ds_att, editable);
}

/*
 * Whether the signed-in user administers each row's publisher (D22): the
 * publisher's tree_path meets linkedevents.user_organizations. False for
 * every row without a user, and for rows without a publisher.
 */
void
le_publisher_admin(JsonldCtx *ctx, LeRows *rows, int publisher_att, bool *admin)
{
	static LeStatement q = {
		"SELECT o.id, o.tree_path OPERATOR(pg_catalog.&&) $2 FROM linkedevents.organization o"
		" WHERE o.id OPERATOR(pg_catalog.=) ANY ($1)", 2, {TEXTARRAYOID, TEXTARRAYOID}
	};

	if (ctx->user_orgs == (Datum) 0)
		memset(admin, 0, sizeof(bool) * rows->n);
	else
		flags_by_key(&q, ctx->user_orgs, rows, publisher_att, admin);
}
