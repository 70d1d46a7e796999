/*
 * jsonld_store.c
 *	  The document store: event, place and keyword documents written ahead of
 *	  time, and list pages of events served from them.
 *
 * Triggers (src/sql/31_document_store.sql) keep one template per event,
 * place and keyword in event_document, place_document and keyword_document,
 * rewritten in the statement that changes anything it shows. A template is
 * the document written by the ordinary writers in le_ctx_template's context:
 * markers stand for the API root and the format suffix, and references that
 * include=location, keywords or audience can embed are marked (jsonld.h).
 *
 * A page of events is then one read of its templates, one read of the
 * embedded objects' templates, and a copy that fills in the markers: no
 * related rows are read. It applies when the output can only differ from
 * the templates by what the markers stand for: no signed-in user (admins
 * see publication_status, created_by and last_modified_by), include within
 * location, keywords, audience and registration (which keeps the
 * reference), no use_image_proxy, WGS84 positions, the settings' boot
 * values, and a user who may read all of the tables the documents show,
 * without row-level security. Any other page, and any page meeting a
 * template that could not be stored (NULL: a reference include could embed,
 * with a marker byte in its id), is written from the tables. Both ways give
 * the same text; test 34_document_store compares them.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/hash.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/namespace.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"

#include "jsonld.h"
#include "linkedevents.h"

PG_FUNCTION_INFO_V1(le_jsonld_templates);

/* Rows written per round: bounds the memory of a refresh of every event. */
#define TEMPLATE_CHUNK 500

/* The first marker byte from s on, or end. */
static inline const char *
next_marker(const char *s, const char *end)
{
	/*
	 * Eight bytes at a time: (x - 0x06 in every byte) & ~x & 0x80 in every
	 * byte is non-zero exactly when some byte of x is below 0x06.
	 */
	while (end - s >= 8)
	{
		uint64		x;

		memcpy(&x, s, 8);
		if (((x - UINT64CONST(0x0606060606060606)) & ~x & UINT64CONST(0x8080808080808080)) != 0)
			break;
		s += 8;
	}
	while (s < end && (unsigned char) *s > LE_TPL_MAX)
		s++;
	return s;
}

/*
 * Whether a template's markers are well formed: each reference has a kind,
 * an id free of marker bytes and a reference holding only root and suffix
 * markers. An id containing a marker byte breaks this, and so may a
 * template edited by hand.
 */
static bool
template_well_formed(const char *s, int len)
{
	const char *end = s + len;

	while ((s = next_marker(s, end)) < end)
	{
		char		c = *s++;

		if (c == LE_TPL_BASE || c == LE_TPL_SUFFIX)
			continue;
		if (c != LE_TPL_REF || s == end ||
			(*s != LE_TPL_LOCATION && *s != LE_TPL_KEYWORD && *s != LE_TPL_AUDIENCE))
			return false;
		s = next_marker(s + 1, end);
		if (s == end || *s++ != LE_TPL_ID_END)
			return false;
		while ((s = next_marker(s, end)) < end && (*s == LE_TPL_BASE || *s == LE_TPL_SUFFIX))
			s++;
		if (s == end || *s++ != LE_TPL_REF_END)
			return false;
	}
	return true;
}

/* Whether two text Datums hold the same bytes. */
static bool
texts_equal(Datum a, Datum b)
{
	text	   *x = DatumGetTextPP(a);
	text	   *y = DatumGetTextPP(b);

	return VARSIZE_ANY_EXHDR(x) == VARSIZE_ANY_EXHDR(y) &&
		memcmp(VARDATA_ANY(x), VARDATA_ANY(y), VARSIZE_ANY_EXHDR(x)) == 0;
}

/*
 * _jsonld_templates(resource, ids): (id, template) of each existing object
 * of ids (event, place or keyword); template NULL when it cannot be stored.
 */
Datum
le_jsonld_templates(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	LeResource	resource;
	Datum	   *ids;
	bool	   *id_nulls;
	int			nids;
	MemoryContext chunk_cxt;
	MemoryContext outer;
	JsonldCtx	ctx;

	if (strcmp(name, "event") == 0)
		resource = LE_EVENT;
	else if (strcmp(name, "place") == 0)
		resource = LE_PLACE;
	else if (strcmp(name, "keyword") == 0)
		resource = LE_KEYWORD;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("no stored documents for resource \"%s\"", name),
				 errhint("Use event, place or keyword.")));

	InitMaterializedSRF(fcinfo, 0);
	deconstruct_array(PG_GETARG_ARRAYTYPE_P(1), TEXTOID, -1, false, TYPALIGN_INT,
					  &ids, &id_nulls, &nids);
	le_ctx_template(&ctx);

	chunk_cxt = AllocSetContextCreate(CurrentMemoryContext, "linkedevents templates",
									  ALLOCSET_DEFAULT_SIZES);
	for (int first = 0; first < nids; first += TEMPLATE_CHUNK)
	{
		int			n = Min(TEMPLATE_CHUNK, nids - first);
		LeRows		rows;
		LeSpans		spans;

		outer = MemoryContextSwitchTo(chunk_cxt);
		ctx.geo_ready = false;	/* its PostGIS lookups live in chunk_cxt */
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		le_fetch_ids(resource,
					 PointerGetDatum(construct_md_array(ids + first, id_nulls + first, 1, &n,
														(int[]) {1}, TEXTOID, -1, false,
														TYPALIGN_INT)),
					 &rows);
		le_write_rows(resource, &ctx, &rows, &spans, NULL);
		for (int i = 0; i < n; i++)
		{
			Datum		values[2];
			bool		nulls[2] = {false, false};
			const char *doc = spans.buf.data + spans.start[i];

			if (spans.start[i] < 0)
				continue;		/* no such object */
			values[0] = ids[first + i];
			if (template_well_formed(doc, spans.len[i]))
				values[1] = PointerGetDatum(cstring_to_text_with_len(doc, spans.len[i]));
			else
				nulls[1] = true;
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
		SPI_finish();
		MemoryContextSwitchTo(outer);
		MemoryContextReset(chunk_cxt);
	}
	return (Datum) 0;
}

/* Whether a page of resource in ctx can be served from the templates. */
static bool
store_applies(JsonldCtx *ctx, LeResource resource)
{
	return le_use_document_store &&
		resource == LE_EVENT &&
		ctx->user_orgs == (Datum) 0 &&
		(ctx->include & ~(LE_INC_LOCATION | LE_INC_KEYWORDS | LE_INC_AUDIENCE |
						  LE_INC_REGISTRATION)) == 0 &&
		!ctx->image_proxy &&
		ctx->srid == 4326 &&
		strcmp(le_languages, LE_DEFAULT_LANGUAGES) == 0 &&
		strcmp(le_time_zone, LE_DEFAULT_TIME_ZONE) == 0;
}

/* A stored template: its id and uses (embedded objects only) and text. */
typedef struct Template
{
	const char *id;
	int			id_len;
	int			uses;			/* references to it in the page */
	const char *text;
	int			len;
} Template;

static int
cmp_template_id(const void *a, const void *b)
{
	const Template *x = a;
	const Template *y = b;
	int			c = memcmp(x->id, y->id, Min(x->id_len, y->id_len));

	return c != 0 ? c : (x->id_len > y->id_len) - (x->id_len < y->id_len);
}

/*
 * Whether the user may read all of a table as it is: the SELECT privilege,
 * and no row-level security that applies.
 */
bool
le_relation_readable(Oid relid)
{
	return pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) == ACLCHECK_OK &&
		check_enable_rls(relid, InvalidOid, true) != RLS_ENABLED;
}

/*
 * Whether the user may read all of the tables the documents of a page show:
 * a page written from them would fail or show less otherwise.
 */
static bool
sources_readable(int include)
{
	static const char *const event_tables[] = {
		"event", "offer", "offer_price_group", "event_link", "event_video",
		"event_image", "image", "license", "data_source", "registration",
	};
	static const char *const place_tables[] = {"place", "place_division", "division"};
	Oid			schema = get_namespace_oid("linkedevents", false);

	for (int i = 0; i < lengthof(event_tables); i++)
		if (!le_relation_readable(get_relname_relid(event_tables[i], schema)))
			return false;
	if (include & LE_INC_LOCATION)
		for (int i = 0; i < lengthof(place_tables); i++)
			if (!le_relation_readable(get_relname_relid(place_tables[i], schema)))
				return false;
	if ((include & (LE_INC_KEYWORDS | LE_INC_AUDIENCE)) &&
		!le_relation_readable(get_relname_relid("keyword", schema)))
		return false;
	return true;
}

/*
 * The stored templates of keys[i] (text ids) into out[i].text/len, read
 * through the table's hash index on id (<table>_id_hash) in the statement's
 * snapshot: one probe each, with none of a query's executor and copying
 * around it. False when one is missing or NULL, or the user may not read
 * the table.
 */
static bool
read_templates(const char *table, Datum *keys, Template *out, int n)
{
	Oid			schema = get_namespace_oid("linkedevents", false);
	Oid			relid = get_relname_relid(table, schema);
	Oid			indexid = get_relname_relid(psprintf("%s_id_hash", table), schema);
	Relation	rel;
	Relation	index;
	TupleTableSlot *slot;
	IndexScanDesc scan;
	bool		complete = true;

	if (!OidIsValid(relid) || !OidIsValid(indexid) || !le_relation_readable(relid))
		return false;
	rel = table_open(relid, AccessShareLock);
	index = index_open(indexid, AccessShareLock);
	slot = table_slot_create(rel, NULL);
	scan = index_beginscan(rel, index, GetActiveSnapshot(), 1, 0);
	for (int i = 0; i < n && complete; i++)
	{
		ScanKeyData key;
		bool		isnull = true;
		Datum		doc = (Datum) 0;

		/* ids are in the C collation: hashed as bytes */
		ScanKeyEntryInitialize(&key, 0, 1, HTEqualStrategyNumber, InvalidOid,
							   C_COLLATION_OID, F_TEXTEQ, keys[i]);
		index_rescan(scan, &key, 1, NULL, 0);
		/* a hash index finds every id of the same hash: compare the id */
		while (index_getnext_slot(scan, ForwardScanDirection, slot))
		{
			bool		id_null;

			if (texts_equal(slot_getattr(slot, 1, &id_null), keys[i]))
			{
				doc = slot_getattr(slot, 2, &isnull);
				break;
			}
		}
		if (isnull)
			complete = false;
		else
		{
			text	   *t = DatumGetTextPCopy(doc);

			out[i].text = VARDATA_ANY(t);
			out[i].len = VARSIZE_ANY_EXHDR(t);
		}
	}
	index_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	index_close(index, AccessShareLock);
	table_close(rel, AccessShareLock);
	return complete;
}

/* Templates are written well formed; one edited by hand may not be. */
static void
malformed(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("a stored document template is malformed"),
			 errhint("Rewrite the templates with linkedevents.refresh_documents().")));
}

/*
 * The templates of the objects of kind (or also) that the page's templates
 * reference, distinct and sorted by id; false when one is missing (it could
 * not be stored, or the object is: only while deferred foreign keys are
 * pending).
 */
static bool
read_embeds(const char *table, Template *docs, int ndocs, char kind, char also,
			Template **out, int *n)
{
	int			cap = 64;
	Template   *refs = palloc(sizeof(Template) * cap);
	int			nrefs = 0;
	Datum	   *keys;

	for (int i = 0; i < ndocs; i++)
	{
		const char *s = docs[i].text;
		const char *end = s + docs[i].len;

		while ((s = memchr(s, LE_TPL_REF, end - s)) != NULL)
		{
			const char *id = s + 2;

			if (end - s < 2 || (s = memchr(id, LE_TPL_ID_END, end - id)) == NULL)
				malformed();
			if (id[-1] != kind && id[-1] != also)
				continue;
			if (nrefs == cap)
				refs = repalloc(refs, sizeof(Template) * (cap *= 2));
			refs[nrefs].id = id;
			refs[nrefs++].id_len = s - id;
		}
	}
	qsort(refs, nrefs, sizeof(Template), cmp_template_id);
	*n = 0;
	keys = palloc(sizeof(Datum) * Max(nrefs, 1));
	for (int i = 0; i < nrefs; i++)
		if (i == 0 || cmp_template_id(&refs[*n - 1], &refs[i]) != 0)
		{
			keys[*n] = PointerGetDatum(cstring_to_text_with_len(refs[i].id, refs[i].id_len));
			refs[*n] = refs[i];
			refs[(*n)++].uses = 1;
		}
		else
			refs[*n - 1].uses++;
	*out = refs;
	return read_templates(table, keys, refs, *n);
}

/* Objects embedded in a page: places and keywords, sorted by id. */
typedef struct Embeds
{
	int			include;
	Template   *places;
	int			nplaces;
	Template   *keywords;
	int			nkeywords;
} Embeds;

static const Template *
find_embed(Embeds *em, char kind, const char *id, int id_len)
{
	Template	key = {id, id_len};
	bool		place = (kind == LE_TPL_LOCATION);
	int			flag = place ? LE_INC_LOCATION :
		kind == LE_TPL_KEYWORD ? LE_INC_KEYWORDS : LE_INC_AUDIENCE;

	if ((em->include & flag) == 0)
		return NULL;
	return bsearch(&key, place ? em->places : em->keywords,
				   place ? em->nplaces : em->nkeywords, sizeof(Template), cmp_template_id);
}

/*
 * Copy a template, filling in the markers: the root, the suffix, and each
 * marked reference as its embedded object when em has one, else as written.
 * A reference's text, and an embedded object, hold root and suffix markers
 * only (nested).
 */
static void
expand(StringInfo out, JsonldCtx *ctx, const char *s, int len, Embeds *em, bool nested)
{
	const char *end = s + len;

	while (s < end)
	{
		const char *run = s;
		const char *id;
		const char *id_end;
		const char *ref_end;
		const Template *embed;

		s = next_marker(s, end);
		appendBinaryStringInfo(out, run, s - run);
		if (s == end)
			break;
		switch (*s++)
		{
			case LE_TPL_BASE:
				appendBinaryStringInfo(out, ctx->base, ctx->base_len);
				break;
			case LE_TPL_SUFFIX:
				appendBinaryStringInfo(out, ctx->suffix, ctx->suffix_len);
				break;
			case LE_TPL_REF:
				if (nested || s == end)
					malformed();
				id = s + 1;
				id_end = memchr(id, LE_TPL_ID_END, end - id);
				ref_end = id_end ? memchr(id_end, LE_TPL_REF_END, end - id_end) : NULL;
				if (ref_end == NULL)
					malformed();
				embed = em ? find_embed(em, s[0], id, id_end - id) : NULL;
				if (embed)
					expand(out, ctx, embed->text, embed->len, NULL, true);
				else
					expand(out, ctx, id_end + 1, ref_end - id_end - 1, NULL, true);
				s = ref_end + 1;
				break;
			default:
				malformed();
		}
	}
}

/*
 * About the size of a page's text, to allocate it at once: the templates,
 * each embedded object as often as it is used, and room for the URLs' roots.
 */
static int
page_size(JsonldCtx *ctx, Template *docs, int ndocs, Embeds *em)
{
	int64		size = ndocs + 2;

	for (int i = 0; i < ndocs; i++)
		size += docs[i].len + 32 * (ctx->base_len + ctx->suffix_len);
	for (int i = 0; i < em->nplaces; i++)
		size += (int64) em->places[i].uses * em->places[i].len;
	for (int i = 0; i < em->nkeywords; i++)
		size += (int64) em->keywords[i].uses * em->keywords[i].len;
	return (int) Min(size, MaxAllocSize / 2);
}

/*
 * A page of objects of ids as a JSON list into out, from the templates;
 * false, having written nothing, when the page must be written from the
 * tables.
 */
bool
le_store_write_page(JsonldCtx *ctx, LeResource resource, Datum ids, StringInfo out)
{
	Datum	   *keys;
	bool	   *nulls;
	int			ndocs;
	Template   *docs;
	Embeds		em = {ctx->include};

	if (!store_applies(ctx, resource) || !sources_readable(ctx->include))
		return false;
	deconstruct_array(DatumGetArrayTypeP(ids), TEXTOID, -1, false, TYPALIGN_INT,
					  &keys, &nulls, &ndocs);
	for (int i = 0; i < ndocs; i++)
		if (nulls[i])
			return false;
	docs = palloc(sizeof(Template) * Max(ndocs, 1));
	if (!read_templates("event_document", keys, docs, ndocs))
		return false;			/* also when an id has no event */
	if ((ctx->include & LE_INC_LOCATION) &&
		!read_embeds("place_document", docs, ndocs, LE_TPL_LOCATION, 0,
					 &em.places, &em.nplaces))
		return false;
	if ((ctx->include & (LE_INC_KEYWORDS | LE_INC_AUDIENCE)) &&
		!read_embeds("keyword_document", docs, ndocs,
					 (ctx->include & LE_INC_KEYWORDS) ? LE_TPL_KEYWORD : 0,
					 (ctx->include & LE_INC_AUDIENCE) ? LE_TPL_AUDIENCE : 0,
					 &em.keywords, &em.nkeywords))
		return false;

	enlargeStringInfo(out, page_size(ctx, docs, ndocs, &em));
	jw_char(out, '[');
	for (int i = 0; i < ndocs; i++)
	{
		if (i > 0)
			jw_char(out, ',');
		expand(out, ctx, docs[i].text, docs[i].len, &em, false);
	}
	jw_char(out, ']');
	return true;
}
