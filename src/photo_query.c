/*
 * photo_query.c
 *	  The photos list's query builder: parameters in, ONE parameterised SQL
 *	  statement out (README "Photos"; DESIGN layer 3).
 *
 * The statement
 * -------------
 *	  SELECT p.translation_id FROM linkedevents.photo_translation p
 *	   WHERE p.culture = $1 AND p.list_availability = $2   -- default 0 (public)
 *	         <one " AND <condition>" per given filter>
 *	   ORDER BY <whitelisted key> <direction>, p.slug <direction>
 *	   LIMIT $n OFFSET $n+1                                -- $limit + 1, $skip
 *
 *	  tags.slug, tags.neutralSlug  the photo has every tag named (AND):
 *	                        EXISTS (photo_tag pt: pt.translation_id =
 *	                        p.translation_id AND pt.tag = $n) per distinct
 *	                        neutral slug; beyond PHOTO_EXISTS_MAX of them one
 *	                        p.translation_id = ANY (photos GROUP BY HAVING
 *	                        count(*) = $n) instead, which plans in constant time
 *	  tags.externalSourceReference  EXISTS (photo_tag pt: ... pt.tag = ANY ($n)),
 *	                        the tags with that source name and id
 *	  context.slug (content.slug), context.neutralSlug  p.context = $n
 *	  featured              p.featured = $n
 *	  _id                   p.slug = $n
 *
 * Slugs (tags.slug, context.slug) and source references are first looked up
 * as neutral slugs, in the same snapshot, so that the statement compares
 * photo_tag.tag and p.context with bound constants: the planner then knows
 * from the statistics whether to walk the order's index and probe each
 * photo's tags (a common tag) or to start from the tag's photos (a rare one).
 * A value that names no tag selects nothing ("AND false").
 *
 * No value reaches the SQL text: every one is a bound parameter, and $sort
 * chooses among the fixed columns of sort_keys (each with its index). Names
 * and operators are schema-qualified (OPERATOR(pg_catalog.=)), so the
 * statements mean the same under any search_path. Parameters are checked in
 * the order the seed lists them; the first bad one is the error.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/uuid.h"

#include "parse_photo.h"
#include "photo_query.h"

#define EQ " OPERATOR(pg_catalog.=) "

/*
 * The $sort keys: the ascending and the descending column. A photo's tags
 * give their smallest value ascending and their largest descending, kept in
 * photo_translation.sort_* by triggers (src/sql/81_photo_sort_keys.sql).
 */
static const char *const sort_keys[LE_PHOTO_SORT_NFIELDS][2] = {
	[LE_PHOTO_SORT_LAST_UPDATED_DATE] = {"p.last_updated_date", "p.last_updated_date"},
	[LE_PHOTO_SORT_CONTEXT_SLUG] = {"p.sort_context_slug", "p.sort_context_slug"},
	[LE_PHOTO_SORT_TAGS_SLUG] = {"p.sort_tag_slug_min", "p.sort_tag_slug_max"},
	[LE_PHOTO_SORT_CONTEXT_NEUTRAL_SLUG] = {"p.context", "p.context"},
	[LE_PHOTO_SORT_TAGS_NEUTRAL_SLUG] = {"p.sort_tag_neutral_slug_min", "p.sort_tag_neutral_slug_max"},
	[LE_PHOTO_SORT_TAGS_EXTERNAL_SOURCE_REFERENCE] = {"p.sort_tag_source_min", "p.sort_tag_source_max"},
};

/* featured, then contentDate, both descending (the seed's default). */
#define DEFAULT_ORDER "p.featured DESC, p.content_date DESC NULLS LAST, p.slug DESC"

/* How much of a bad value a message quotes, in bytes. */
#define SHOWN_VALUE_BYTES 60

/*
 * A client's bad value: 22023 with the parameter's name as the error's
 * COLUMN_NAME, from which linkedevents.get builds the problem's "errors".
 */
static void
bad_value(const char *param, const char *value, const char *expected)
{
	int			len = strlen(value);
	int			shown = pg_mbcliplen(value, len, SHOWN_VALUE_BYTES);

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s must be %s, not \"%.*s%s\"", param, expected, shown, value,
					shown < len ? "..." : ""),
			 err_generic_string(PG_DIAG_COLUMN_NAME, param)));
}

/*
 * The last value given for key or alias, NULL when absent; an empty value
 * is an absent parameter.
 */
static const char *
last_value(const LeQuery *params, const char *key, const char *alias)
{
	const char *value = NULL;

	for (int i = 0; i < params->nparams; i++)
	{
		const char *k = params->params[i].key;

		if (strcmp(k, key) == 0 || (alias && strcmp(k, alias) == 0))
			value = params->params[i].value;
	}
	return (value && *value) ? value : NULL;
}

static int
cmp_cstring_ptr(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Sorts strings in byte order and drops repeats; returns how many remain. */
static int
sort_unique(const char **values, int n)
{
	int			unique = 0;

	if (n > 1)
		qsort(values, n, sizeof(char *), cmp_cstring_ptr);
	for (int i = 0; i < n; i++)
		if (unique == 0 || strcmp(values[unique - 1], values[i]) != 0)
			values[unique++] = values[i];
	return unique;
}

/* The distinct non-empty values of a repeatable parameter, sorted. */
static const char **
distinct_values(const LeQuery *params, const char *key, int *count)
{
	const char **values = palloc(sizeof(char *) * Max(params->nparams, 1));
	int			n = 0;

	for (int i = 0; i < params->nparams; i++)
		if (strcmp(params->params[i].key, key) == 0 && params->params[i].value[0] != '\0')
			values[n++] = params->params[i].value;
	*count = sort_unique(values, n);
	return values;
}

/* Bind value as the next $n and return n. */
static int
bind(PhotoQuery *q, Oid type, Datum value)
{
	if (q->nargs == PHOTO_QUERY_MAX_ARGS)
		elog(ERROR, "too many parameters for the photos statement");
	q->argtypes[q->nargs] = type;
	q->args[q->nargs] = value;
	return ++q->nargs;
}

static int
bind_text(PhotoQuery *q, const char *value, size_t len)
{
	return bind(q, TEXTOID, PointerGetDatum(cstring_to_text_with_len(value, len)));
}

/* The request's parameters, checked. */
typedef struct PhotoParams
{
	const char **tag_slugs;		/* tags.slug, distinct, sorted */
	int			ntag_slugs;
	const char **neutral_slugs; /* tags.neutralSlug, distinct, sorted */
	int			nneutral_slugs;
	char	   *source_name;	/* tags.externalSourceReference, or NULL */
	char	   *source_id;
	const char *context_slug;	/* context.slug or content.slug */
	const char *context_neutral_slug;
	int			featured;		/* 0, 1, or -1 when absent */
	const char *id;				/* _id */
	int			availability;	/* _listAvailability */
	bool		sorted;			/* $sort given: */
	LePhotoSortField sort_field;
	bool		descending;
} PhotoParams;

/* featured, _listAvailability: 0 or 1; -1 when absent. */
static int
flag_param(const LeQuery *params, const char *key, const char *expected)
{
	const char *value = last_value(params, key, NULL);
	int			flag;

	if (value == NULL)
		return -1;
	if (le_parse_photo_flag(value, strlen(value), &flag) != LE_PARSE_OK)
		bad_value(key, value, expected);
	return flag;
}

/* $skip, $limit: an integer in [min, max], default_value when absent. */
static int64
count_param(const LeQuery *params, const char *key, int64 min, int64 max, int64 default_value)
{
	const char *value = last_value(params, key, NULL);
	int64_t		count;

	if (value == NULL)
		return default_value;
	if (le_parse_photo_count(value, strlen(value), min, max, &count) != LE_PARSE_OK)
		bad_value(key, value, psprintf("an integer from " INT64_FORMAT " to " INT64_FORMAT, min, max));
	return count;
}

/* "one of lastUpdatedDate, ..., optionally followed by :asc or :desc" */
static char *
sort_expected(void)
{
	StringInfoData expected;

	initStringInfo(&expected);
	appendStringInfoString(&expected, "one of ");
	for (int i = 0; i < LE_PHOTO_SORT_NFIELDS; i++)
		appendStringInfo(&expected, "%s%s", i ? ", " : "", le_photo_sort_names[i]);
	appendStringInfoString(&expected, ", optionally followed by :asc or :desc");
	return expected.data;
}

/* Every parameter, checked in the seed's order. */
static void
read_params(const LeQuery *params, PhotoParams *pp, PhotoQuery *q)
{
	const char *reference = last_value(params, "tags.externalSourceReference", NULL);
	const char *sort;

	pp->tag_slugs = distinct_values(params, "tags.slug", &pp->ntag_slugs);
	pp->neutral_slugs = distinct_values(params, "tags.neutralSlug", &pp->nneutral_slugs);
	pp->source_name = pp->source_id = NULL;
	if (reference)
	{
		size_t		name_len,
					id_start;

		if (le_parse_source_reference(reference, strlen(reference), &name_len, &id_start) != LE_PARSE_OK)
			bad_value("tags.externalSourceReference", reference, "sourceName:sourceId");
		pp->source_name = pnstrdup(reference, name_len);
		pp->source_id = pstrdup(reference + id_start);
	}
	/* the seed writes content.slug in one place: one parameter, two names */
	pp->context_slug = last_value(params, "context.slug", "content.slug");
	pp->context_neutral_slug = last_value(params, "context.neutralSlug", NULL);
	pp->featured = flag_param(params, "featured", "0 or 1");
	pp->id = last_value(params, "_id", NULL);
	pp->availability = Max(flag_param(params, "_listAvailability", "0 (public) or 1 (unlisted)"), 0);
	q->skip = count_param(params, "$skip", 0, PHOTO_SKIP_MAX, 0);
	q->limit = (int) count_param(params, "$limit", 1, PHOTO_LIMIT_MAX, PHOTO_LIMIT_DEFAULT);
	sort = last_value(params, "$sort", NULL);
	pp->sorted = (sort != NULL);
	if (sort && le_parse_photo_sort(sort, strlen(sort), &pp->sort_field, &pp->descending) != LE_PARSE_OK)
		bad_value("$sort", sort, sort_expected());
}

/* Runs a lookup statement (the caller is connected to SPI). */
static void
lookup(const char *sql, int nargs, Oid *argtypes, Datum *args)
{
	if (SPI_execute_with_args(sql, nargs, argtypes, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "photos lookup failed: %s", sql);
}

static Datum
text_array(const char **values, int n)
{
	Datum	   *elems = palloc(sizeof(Datum) * Max(n, 1));

	for (int i = 0; i < n; i++)
		elems[i] = CStringGetTextDatum(values[i]);
	return PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/* Column col of the rows of the last lookup, as C strings. */
static const char **
lookup_column(int col, int *n)
{
	const char **values = palloc(sizeof(char *) * Max(SPI_processed, 1));

	*n = (int) SPI_processed;
	for (int i = 0; i < *n; i++)
		values[i] = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, col);
	return values;
}

/*
 * The neutral slugs of the culture's tags that slugs (sorted, distinct)
 * name, into neutral[i] for slugs[i] (NULL when none).
 */
static void
resolve_slugs(const char *culture, const char **slugs, int n, const char **neutral)
{
	Oid			argtypes[2] = {TEXTOID, TEXTARRAYOID};
	Datum		args[2] = {CStringGetTextDatum(culture), text_array(slugs, n)};
	const char **found_slugs;
	const char **found_neutral;
	int			nfound;

	lookup("SELECT t.slug, t.neutral_slug FROM linkedevents.content_tag_translation t"
		   " WHERE t.culture" EQ "$1 AND t.slug" EQ "ANY ($2) ORDER BY t.slug",
		   2, argtypes, args);
	/* the slugs come in byte order (COLLATE "C"), as slugs is sorted */
	found_slugs = lookup_column(1, &nfound);
	found_neutral = lookup_column(2, &nfound);
	for (int i = 0, j = 0; i < n; i++)
	{
		while (j < nfound && strcmp(found_slugs[j], slugs[i]) < 0)
			j++;
		neutral[i] = (j < nfound && strcmp(found_slugs[j], slugs[i]) == 0) ? found_neutral[j] : NULL;
	}
}

/* " AND <column> = $n", value bound as $n; column is one of this file's. */
static void
filter_equals(PhotoQuery *q, const char *column, const char *value)
{
	appendStringInfo(&q->sql, " AND %s" EQ "$%d", column, bind_text(q, value, strlen(value)));
}

#define PHOTO_HAS_TAG \
	" AND EXISTS (SELECT FROM linkedevents.photo_tag pt" \
	" WHERE pt.translation_id" EQ "p.translation_id AND pt.tag"

/*
 * The tag and context filters, their slugs looked up first; false when a
 * value names no tag.
 */
static bool
filter_tags(PhotoQuery *q, PhotoParams *pp)
{
	int			nslugs = pp->ntag_slugs + (pp->context_slug ? 1 : 0);
	const char **slugs = palloc(sizeof(char *) * Max(nslugs, 1));
	const char **neutral = palloc(sizeof(char *) * Max(nslugs, 1));
	const char **required = palloc(sizeof(char *) * (pp->ntag_slugs + pp->nneutral_slugs + 1));
	int			nrequired = 0;
	int			unique = 0;

	if (nslugs > 0)
	{
		/* the context's slug among the tags' (slugs stays sorted and distinct) */
		for (int i = 0; i < pp->ntag_slugs; i++)
			slugs[i] = pp->tag_slugs[i];
		if (pp->context_slug)
			slugs[pp->ntag_slugs] = pp->context_slug;
		unique = sort_unique(slugs, nslugs);
		resolve_slugs(q->culture, slugs, unique, neutral);
	}
	for (int i = 0; i < unique; i++)
	{
		bool		is_tag = bsearch(&slugs[i], pp->tag_slugs, pp->ntag_slugs, sizeof(char *),
									 cmp_cstring_ptr) != NULL;

		if (neutral[i] == NULL)
			return false;
		if (is_tag)
			required[nrequired++] = neutral[i];
		if (pp->context_slug && strcmp(slugs[i], pp->context_slug) == 0)
			filter_equals(q, "p.context", neutral[i]);
	}

	for (int i = 0; i < pp->nneutral_slugs; i++)
		required[nrequired++] = pp->neutral_slugs[i];
	unique = sort_unique(required, nrequired);
	if (unique <= PHOTO_EXISTS_MAX)
		for (int i = 0; i < unique; i++)
			appendStringInfo(&q->sql, PHOTO_HAS_TAG EQ "$%d)",
							 bind_text(q, required[i], strlen(required[i])));
	else
	{
		int			values_arg = bind(q, TEXTARRAYOID, text_array(required, unique));
		int			count_arg = bind(q, INT8OID, Int64GetDatum(unique));

		appendStringInfo(&q->sql,
						 " AND p.translation_id" EQ "ANY (SELECT pt.translation_id"
						 " FROM linkedevents.photo_tag pt"
						 " WHERE pt.culture" EQ "$1 AND pt.tag" EQ "ANY ($%d)"
						 " GROUP BY pt.translation_id HAVING pg_catalog.count(*)" EQ "$%d)",
						 values_arg, count_arg);
	}

	if (pp->source_name)
	{
		Oid			argtypes[2] = {TEXTOID, TEXTOID};
		Datum		args[2] = {CStringGetTextDatum(pp->source_name), CStringGetTextDatum(pp->source_id)};
		const char **tags;
		int			ntags;

		lookup("SELECT c.neutral_slug FROM linkedevents.content_tag c"
			   " WHERE c.external_source_name" EQ "$1 AND c.external_source_id" EQ "$2",
			   2, argtypes, args);
		tags = lookup_column(1, &ntags);
		if (ntags == 0)
			return false;
		appendStringInfo(&q->sql, PHOTO_HAS_TAG EQ "ANY ($%d))",
						 bind(q, TEXTARRAYOID, text_array(tags, ntags)));
	}
	if (pp->context_neutral_slug)
		filter_equals(q, "p.context", pp->context_neutral_slug);
	return true;
}

static void
order_by(PhotoQuery *q, const PhotoParams *pp)
{
	appendStringInfoString(&q->sql, " ORDER BY ");
	if (!pp->sorted)
		appendStringInfoString(&q->sql, DEFAULT_ORDER);
	else if (pp->descending)
		appendStringInfo(&q->sql, "%s DESC NULLS LAST, p.slug DESC", sort_keys[pp->sort_field][1]);
	else
		appendStringInfo(&q->sql, "%s ASC NULLS FIRST, p.slug ASC", sort_keys[pp->sort_field][0]);
}

PhotoQuery *
photo_query_build(const char *culture, const LeQuery *params)
{
	PhotoQuery *q = palloc0(sizeof(PhotoQuery));
	PhotoParams pp;

	q->culture = culture;
	read_params(params, &pp, q);
	/* the culture is $1, which the tag conditions use too */
	bind_text(q, culture, strlen(culture));
	bind(q, INT2OID, Int16GetDatum(pp.availability));
	initStringInfo(&q->sql);
	appendStringInfoString(&q->sql,
						   "SELECT p.translation_id FROM linkedevents.photo_translation p"
						   " WHERE p.culture" EQ "$1 AND p.list_availability" EQ "$2");
	if (!filter_tags(q, &pp))
		appendStringInfoString(&q->sql, " AND false");
	if (pp.featured >= 0)
		appendStringInfo(&q->sql, " AND p.featured" EQ "$%d",
						 bind(q, BOOLOID, BoolGetDatum(pp.featured == 1)));
	if (pp.id)
		filter_equals(q, "p.slug", pp.id);
	order_by(q, &pp);
	/* one row more than the page: whether a next page exists */
	appendStringInfo(&q->sql, " LIMIT $%d", bind(q, INT8OID, Int64GetDatum((int64) q->limit + 1)));
	appendStringInfo(&q->sql, " OFFSET $%d", bind(q, INT8OID, Int64GetDatum(q->skip)));
	return q;
}

ArrayType *
photo_query_page(PhotoQuery *q, bool *more)
{
	int			n;
	Datum	   *ids;

	if (SPI_execute_with_args(q->sql.data, q->nargs, q->argtypes, q->args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "photos statement failed");
	n = (int) Min(SPI_processed, (uint64) q->limit);
	*more = SPI_processed > (uint64) q->limit;
	ids = palloc(sizeof(Datum) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		bool		isnull;

		ids[i] = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull);
	}
	return construct_array(ids, n, UUIDOID, UUID_LEN, false, TYPALIGN_CHAR);
}
