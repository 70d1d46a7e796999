/*
 * event_query.c
 *	  The event list's query builder: parameters in, ONE parameterised SQL
 *	  statement out (SPEC 1; DESIGN layer 3).
 *
 * The statement
 * -------------
 *	  [WITH f AS (SELECT e.id, e.super_event FROM <from> WHERE <V> <F>)]
 *	  SELECT e.id | e.* | count(*)
 *	    FROM linkedevents.event e
 *	    LEFT JOIN linkedevents.registration r ON r.event = e.id
 *	   WHERE <V> <F>                        -- or the hide_recurring_children form
 *	   ORDER BY <whitelisted keys>, e.id    -- D19: id breaks every tie
 *	   LIMIT $k OFFSET $k+1
 *
 * registration is unique per event, so the left join never multiplies rows,
 * and the planner removes it when no condition or sort key uses r.
 *
 * V, the visibility base (SPEC 1.2, D22), is four conditions:
 *	  publication  e.publication_status = 'public'
 *	               show_all + caller context: OR e.publisher IN <editable>
 *	               admin_user: e.publisher IN <editable> (anonymous: false)
 *	               <editable> = SELECT o.id FROM organization o
 *	                             WHERE o.tree_path && $user_organizations
 *	  type         e.type_id = ANY($types)                  (default General)
 *	  deleted      NOT e.deleted | nothing (show_deleted) | e.deleted (deleted)
 *	  private      NOT EXISTS (data_source private), dropped when data_source given
 *
 * F, one " AND <condition>" per given filter, each user value a bound $n:
 *	  registration          r.id IS [NOT] NULL
 *	  enrolment_open(_waitlist)  D7 on r's times and remaining capacities vs now()
 *	  all_ongoing           NOT deleted, end_time >= now(), location local (D27:
 *	                        a division = linkedevents.municipality) or ending "internet"
 *	  internet_based        strpos(e.location, 'internet') > 0
 *	  ids                   e.id = ANY($n)
 *	  event_type            into V's type condition
 *	  last_modified_since   e.last_modified_time >= $n (D9)
 *	  bbox                  e.location = ANY (ARRAY(places ST_Within $envelope)):
 *	                        an init plan, so event_location_idx answers it; the
 *	                        envelope is transformed to 4326 up front (400 when
 *	                        PostGIS cannot)
 *	  data_source(!)        e.data_source = ANY / <> ALL ($n)
 *	  location              e.location = ANY($n)
 *	  recurring             super_event_type = / IS DISTINCT FROM 'recurring'
 *	  publisher(_ancestor)  e.publisher = ANY (ARRAY(the orgs, the orgs they replaced and
 *	                        that replaced them); ancestors via tree_path && $n
 *	  publication_status    e.publication_status = $n (within V)
 *	  event_status          e.event_status = ANY($n) (D13)
 *	  language              in_language && $n OR name/description/
 *	                        short_description ?| $supported
 *	  in_language           e.in_language && $n
 *	  starts_/ends_after/before  (time AT TIME ZONE tz)::time >= / <= $n
 *	  translation           name/description/short_description ?| $supported
 *	  audience ages         e.audience_min_age / max_age <= / >= $n
 *	  is_free               EXISTS free offer / offers but no free one (D11)
 *	  suitable_for          SPEC 1.15 on NULL-able ages
 *	  remaining capacities  r.remaining_* >= $n, IS [NOT] NULL
 *	  division              e.location = ANY (ARRAY(places in divisions by OCD id or name))
 *	  super_event_type, super_event  = ANY($n), none/null -> IS NULL
 *	  dwithin               ST_DWithin on geography (D17: spheroid, inclusive),
 *	                        the origin transformed up front like bbox
 *	  *_attendee_capacity_gte/lte  event columns
 *	  hide_super_event      NOT (no super event AND a super_event_type)
 *	  ongoing               e.end_time > now() / <= now()
 *	  registration_admin_user  r.id IS NOT NULL AND publisher editable
 *	  created_by            e.created_by = $user_id
 *	  enrolment_open_on     D6 window of COALESCE(r.*, e.*) enrolment times
 *	  min/max_duration      e.end_time - e.start_time >= / <= $n
 *	  weekday               SPEC 1.6 rules on local ISO weekdays
 *	  days, start, end      SPEC 1.4 (D10: days = [today, today+N) local)
 *
 * hide_recurring_children (D8) keeps the ordering: the filtered set becomes
 * the CTE f, the outer WHERE is
 *	  e.id IN (SELECT id FROM f whose super event is not recurring)
 *	  [OR (<V> AND e.id IN (SELECT super_event FROM f))]  -- _sub_events
 *
 *	  keyword family        (e.keywords || e.audience) @@ $kwquery, the one
 *	                        query linkedevents.keyword_query builds; the
 *	                        expression of the GIN index event_keywords_audience_idx
 *	  *_ongoing_OR/AND(_setN)  candidate set AND e.id among the event_search rows
 *	                        of live events whose s.ongoing_doc passes the LIKE
 *	                        prefilter (trigram index) and then
 *	                        ongoing_match(s.ongoing_doc, $terms, all_terms) (D3-D5)
 *
 *	  text family           e.id = ANY (ARRAY(ids from linkedevents.event_search s)): text_doc LIKE
 *	                        text_pattern($n) (trigram index); full_text_matches(s, $q)
 *	                        with $q the tsquery[] of full_text_queries or
 *	                        local_ongoing_text_queries (per-language GIN indexes);
 *	                        combined_text: e.id IN combined_text_events($n).
 *	                        full_text without sort orders by full_text_rank DESC, e.id
 *
 * PostGIS is named with the schema it is installed in (le_postgis_schema),
 * never through search_path.
 *
 * Errors are raised in the order of SPEC 1.1: request checks, main filters,
 * the FilterSet stage (form validation first); page errors come later, in
 * the endpoint.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "catalog/namespace.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

#include "event_query.h"
#include "linkedevents.h"
#include "ongoing_match.h"
#include "params.h"
#include "postgis.h"

/* The statement's FROM clause; r is the event's registration, if any. */
#define EVENT_FROM \
	"linkedevents.event e LEFT JOIN linkedevents.registration r ON r.event = e.id"

/* Events whose super event is a recurring event (SPEC 1.12). */
#define RECURRING_CHILD(alias) \
	"EXISTS (SELECT 1 FROM linkedevents.event s WHERE s.id = " alias ".super_event" \
	" AND s.super_event_type = 'recurring')"

/*
 * The ongoing family's candidate sets (SPEC 1.9, D27), computed live: not
 * deleted, not ended, and local (a division of the place is
 * linkedevents.municipality) or internet (a location id ending "internet").
 */
#define ONGOING_LIVE_OF(alias) "NOT " alias ".deleted AND " alias ".end_time >= pg_catalog.now()"
#define ONGOING_LIVE ONGOING_LIVE_OF("e")
#define ONGOING_INTERNET "pg_catalog.right(e.location, 8) = 'internet'"
#define ONGOING_LOCAL \
	"EXISTS (SELECT 1 FROM linkedevents.place_division pd WHERE pd.place = e.location" \
	" AND pd.division = linkedevents._setting('municipality'))"

/* The query string's parameters as QueryParams, in order, repeats kept. */
List *
event_query_params(const char *query)
{
	LeQuery    *decoded = le_query_parse(query, strlen(query));
	List	   *params = NIL;

	for (int i = 0; i < decoded->nparams; i++)
	{
		QueryParam *p = palloc(sizeof(QueryParam));

		p->key = (char *) decoded->params[i].key;
		p->value = (char *) decoded->params[i].value;
		params = lappend(params, p);
	}
	return params;
}

/* The last value given for key, or NULL when absent (SPEC 0.5). */
const char *
event_query_param(List *params, const char *key)
{
	ListCell   *lc;
	const char *value = NULL;

	foreach(lc, params)
	{
		QueryParam *p = lfirst(lc);

		if (strcmp(p->key, key) == 0)
			value = p->value;
	}
	return value;
}

/* The value of key, NULL when absent or empty ("x=" is absent). */
static const char *
param(EventQuery *q, const char *key)
{
	const char *value = event_query_param(q->params, key);

	return (value && *value) ? value : NULL;
}

/* A D2 boolean parameter; absent or empty is false. */
static bool
param_flag(EventQuery *q, const char *key)
{
	const char *value = param(q, key);

	return value ? le_param_bool(key, value) : false;
}

/* Bind value as the next $n and return n. */
static int
bind(EventQuery *q, Oid type, Datum value)
{
	EventQueryArgs *a = &q->args;

	if (a->count == a->capacity)
	{
		a->capacity = a->capacity ? a->capacity * 2 : 16;
		if (a->types == NULL)
		{
			a->types = palloc(sizeof(Oid) * a->capacity);
			a->values = palloc(sizeof(Datum) * a->capacity);
		}
		else
		{
			a->types = repalloc(a->types, sizeof(Oid) * a->capacity);
			a->values = repalloc(a->values, sizeof(Datum) * a->capacity);
		}
	}
	a->types[a->count] = type;
	a->values[a->count] = value;
	return ++a->count;
}

static int
bind_text(EventQuery *q, const char *value)
{
	return bind(q, TEXTOID, CStringGetTextDatum(value));
}

static int
bind_text_array(EventQuery *q, List *items)
{
	Datum	   *elems = palloc(sizeof(Datum) * Max(list_length(items), 1));
	int			n = 0;
	ListCell   *lc;

	foreach(lc, items)
		elems[n++] = CStringGetTextDatum((char *) lfirst(lc));
	return bind(q, TEXTARRAYOID,
				PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT)));
}

static int
bind_float8(EventQuery *q, double value)
{
	return bind(q, FLOAT8OID, Float8GetDatum(value));
}

static int
bind_timestamptz(EventQuery *q, TimestampTz value)
{
	return bind(q, TIMESTAMPTZOID, TimestampTzGetDatum(value));
}

static void
add_filter(EventQuery *q, const char *fmt,...) pg_attribute_printf(2, 3);

static void
add_filter(EventQuery *q, const char *fmt,...)
{
	va_list		args;

	appendStringInfoString(&q->filters, " AND (");
	for (;;)
	{
		int			needed;

		va_start(args, fmt);
		needed = appendStringInfoVA(&q->filters, fmt, args);
		va_end(args);
		if (needed == 0)
			break;
		enlargeStringInfo(&q->filters, needed);
	}
	appendStringInfoChar(&q->filters, ')');
}

/* The match node (event_index_match.h) equal to the filter just added. */
static void
match(EventQuery *q, EmNode *node)
{
	q->match.filters = lappend(q->match.filters, node);
}

/* The filter: the event's location among the places sql selects. */
static void
filter_location_in(EventQuery *q, const char *sql)
{
	add_filter(q, "e.location = ANY (ARRAY(%s))", sql);
	match(q, em_codes_sql(EIS_LOCATION, sql));
}

/* The filter: the event among the events sql selects (their ids). */
static void
filter_events_in(EventQuery *q, const char *sql)
{
	add_filter(q, "e.id = ANY (ARRAY(%s))", sql);
	match(q, em_events_sql(sql));
}

/* The CSV value of key as a list, NULL when absent or empty. */
static List *
param_csv(EventQuery *q, const char *key)
{
	const char *value = param(q, key);

	return value ? le_param_csv(value) : NIL;
}

/* The languages with translated columns (linkedevents.languages). */
static bool
is_translated_language(const char *lang)
{
	ListCell   *lc;

	foreach(lc, le_param_csv(le_languages))
		if (strcmp(lfirst(lc), lang) == 0)
			return true;
	return false;
}

/* The caller's administered organizations (D22), empty for anonymous. */
static List *
user_organizations(void)
{
	List	   *orgs = NIL;
	ListCell   *lc;

	if (le_user_organizations == NULL || *le_user_organizations == '\0')
		return NIL;
	foreach(lc, le_param_csv(le_user_organizations))
		if (*(char *) lfirst(lc) != '\0')
			orgs = lappend(orgs, lfirst(lc));
	return orgs;
}

/*
 * "e.publisher IN <editable>" for the caller, or "false" if anonymous, and
 * its match node in *node.
 */
static char *
editable_condition(EventQuery *q, EmNode **node)
{
	List	   *orgs = user_organizations();
	char	   *editable;

	if (orgs == NIL)
	{
		*node = em_false();
		return "false";
	}
	editable = psprintf("SELECT o.id FROM linkedevents.organization o WHERE o.tree_path && $%d",
						bind_text_array(q, orgs));
	*node = em_codes_sql(EIS_PUBLISHER, editable);
	return psprintf("e.publisher IN (%s)", editable);
}

/* The match nodes of ONGOING_LIVE, ONGOING_INTERNET and ONGOING_LOCAL. */
static EmNode *
ongoing_live_node(void)
{
	return em_and(em_flags(EIF_DELETED, 0),
				  em_time(EIT_END, EM_GE, GetCurrentTransactionStartTimestamp()));
}

#define ongoing_internet_node() em_place_flag(EI_PLACE_INTERNET_SUFFIX)
#define ongoing_local_node() \
	em_codes_sql(EIS_LOCATION, "SELECT pd.place FROM linkedevents.place_division pd" \
				 " WHERE pd.division = linkedevents._setting('municipality')")

/* The filter: the candidate set of an ongoing prefix (local, internet, all). */
static void
filter_ongoing_candidates(EventQuery *q, const char *prefix)
{
	if (strcmp(prefix, "local") == 0)
	{
		add_filter(q, ONGOING_LIVE " AND " ONGOING_LOCAL);
		match(q, em_and(ongoing_live_node(), ongoing_local_node()));
	}
	else if (strcmp(prefix, "internet") == 0)
	{
		add_filter(q, ONGOING_LIVE " AND " ONGOING_INTERNET);
		match(q, em_and(ongoing_live_node(), ongoing_internet_node()));
	}
	else
	{
		add_filter(q, ONGOING_LIVE " AND (" ONGOING_INTERNET " OR " ONGOING_LOCAL ")");
		match(q, em_and(ongoing_live_node(), em_or(ongoing_internet_node(), ongoing_local_node())));
	}
}

/*
 * The text family (SPEC 1.9 local_ongoing_text, 1.11) reads the per-event
 * search documents of linkedevents.event_search through their indexes. The
 * matching ids are an init plan, as for bbox: a semi-join would let the
 * planner walk the sort order hoping for early matches, which is slow when
 * the matches are few or clustered; the id array is read by event_pkey.
 */
#define EVENT_SEARCH(condition) \
	"SELECT s.event FROM linkedevents.event_search s WHERE " condition

/*
 * The tsquery[] that the SQL function linkedevents.<function>(value,
 * languages) makes of a full_text or local_ongoing_text value: one query per
 * language slot, analysed as the documents are. The function raises the
 * API's 400 for a bad language, here, in the pipeline's order.
 */
static Datum
search_query(const char *function, const char *value, const char *languages)
{
	Oid			types[2] = {TEXTOID, TEXTOID};
	Datum		values[2];
	char		nulls[2] = {' ', languages ? ' ' : 'n'};
	bool		isnull;
	Datum		query;

	values[0] = CStringGetTextDatum(value);
	values[1] = languages ? CStringGetTextDatum(languages) : (Datum) 0;
	if (SPI_execute_with_args(psprintf("SELECT linkedevents.%s($1, $2)", function),
							  2, types, values, nulls, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "linkedevents.%s failed", function);
	query = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	Assert(!isnull);
	return datumCopy(query, false, -1);
}

/* SPEC 1.9 local_ongoing_text: full text in `language` over live local events. */
static void
filter_local_ongoing_text(EventQuery *q)
{
	int			n;

	if (!param(q, "local_ongoing_text"))
		return;
	n = bind(q, TSQUERYARRAYOID,
			 search_query("local_ongoing_text_queries", param(q, "local_ongoing_text"),
						  param(q, "language")));
	filter_events_in(q, psprintf(EVENT_SEARCH("linkedevents.full_text_matches(s, $%d)"), n));
	add_filter(q, ONGOING_LIVE " AND (" ONGOING_INTERNET " OR e.local)");
	match(q, em_and(ongoing_live_node(), em_or(ongoing_internet_node(), em_flags(EIF_LOCAL, EIF_LOCAL))));
}

/* SPEC 1.11 combined_text, then text: substrings from the trigram index. */
static void
filter_text(EventQuery *q)
{
	if (param(q, "combined_text"))
		filter_events_in(q, psprintf("SELECT m FROM linkedevents.combined_text_events($%d) m",
									 bind_text(q, param(q, "combined_text"))));
	if (param(q, "text"))
		filter_events_in(q, psprintf(EVENT_SEARCH("s.text_doc LIKE linkedevents.text_pattern($%d)"),
									 bind_text(q, param(q, "text"))));
}

/*
 * SPEC 1.11 full_text_language (checked even without full_text), then
 * full_text; without sort the order is rank, highest first, then id.
 */
static void
filter_full_text(EventQuery *q)
{
	const char *languages = param(q, "full_text_language");
	EmNode	   *ranked;
	int			n;

	if (!param(q, "full_text"))
	{
		if (languages)
			(void) search_query("full_text_queries", "", languages);
		return;
	}
	n = bind(q, TSQUERYARRAYOID, search_query("full_text_queries", param(q, "full_text"), languages));
	if (param(q, "sort"))
	{
		filter_events_in(q, psprintf(EVENT_SEARCH("linkedevents.full_text_matches(s, $%d)"), n));
		return;
	}
	/* the rank order: the index orders by the ranks the set's query gives */
	add_filter(q, "e.id = ANY (ARRAY(" EVENT_SEARCH("linkedevents.full_text_matches(s, $%d)") "))", n);
	ranked = em_ranked_events_sql(psprintf("SELECT s.event, linkedevents.full_text_rank(s, $%d)"
										   " FROM linkedevents.event_search s"
										   " WHERE linkedevents.full_text_matches(s, $%d)", n, n));
	match(q, ranked);
	q->match.order = list_make1(em_rank_key(ranked));
	resetStringInfo(&q->order);
	appendStringInfo(&q->order,
					 "(SELECT linkedevents.full_text_rank(s, $%d) FROM linkedevents.event_search s"
					 " WHERE s.event = e.id) DESC, e.id", n);
}

/*
 * Bounds on the prefilter, whose planning time grows with its terms: with
 * more terms an _AND prefilter keeps the first ones (a superset still), an
 * _OR one is left out (BitmapAnd's search is quadratic, BitmapOr's linear).
 */
#define ONGOING_AND_PREFILTER_TERMS 16
#define ONGOING_OR_PREFILTER_TERMS 100

/*
 * An ongoing prefix's candidates whose folded text ongoing_match finds the
 * terms in (all of them, or any). The LIKE patterns of ongoing_term_patterns,
 * each term's ORed, the terms' ANDed or ORed likewise, let the trigram index
 * on event_search.ongoing_doc find a superset; ongoing_match decides, and
 * only for live events (SPEC 1.9: the candidates are those not ended).
 */
static void
filter_ongoing_terms(EventQuery *q, const char *prefix, const char *terms, bool all_terms)
{
	List	   *groups = ongoing_term_patterns(terms);
	StringInfoData prefilter;
	ListCell   *term;

	if (all_terms)
		groups = list_truncate(groups, ONGOING_AND_PREFILTER_TERMS);
	else if (list_length(groups) > ONGOING_OR_PREFILTER_TERMS)
		groups = NIL;
	initStringInfo(&prefilter);
	if (groups == NIL)
		appendStringInfoString(&prefilter, "true");
	foreach(term, groups)
	{
		List	   *patterns = lfirst(term);
		ListCell   *pattern;

		if (foreach_current_index(term) > 0)
			appendStringInfoString(&prefilter, all_terms ? " AND " : " OR ");
		appendStringInfoChar(&prefilter, '(');
		foreach(pattern, patterns)
			appendStringInfo(&prefilter, "%ss.ongoing_doc LIKE $%d",
							 foreach_current_index(pattern) > 0 ? " OR " : "",
							 bind_text(q, lfirst(pattern)));
		appendStringInfoChar(&prefilter, ')');
	}
	filter_ongoing_candidates(q, prefix);
	/* the text of live events only: the CASE keeps the match after the join */
	filter_events_in(q, psprintf("SELECT s.event FROM linkedevents.event_search s"
								 " JOIN linkedevents.event le ON le.id = s.event WHERE (%s)"
								 " AND CASE WHEN " ONGOING_LIVE_OF("le")
								 " THEN linkedevents.ongoing_match(s.ongoing_doc, $%d, %s) END",
								 prefilter.data, bind_text(q, terms), all_terms ? "true" : "false"));
}

/* <prefix>_ongoing_OR / _AND: fuzzy terms over the event's text (D3, D4). */
static void
filter_ongoing_search(EventQuery *q, const char *prefix, bool all_terms)
{
	const char *value = param(q, psprintf("%s_ongoing_%s", prefix, all_terms ? "AND" : "OR"));

	if (value != NULL)
		filter_ongoing_terms(q, prefix, value, all_terms);
}

typedef struct NumberedParam
{
	int64		number;			/* -1 for the bare prefix */
	int			position;		/* in the query string */
	const char *value;
} NumberedParam;

/* More sets than this in one parameter family is a 400, not a slow query. */
#define MAX_NUMBERED_SETS 100

static int
numbered_param_cmp(const ListCell *a, const ListCell *b)
{
	const NumberedParam *x = lfirst(a);
	const NumberedParam *y = lfirst(b);

	if (x->number != y->number)
		return (x->number > y->number) - (x->number < y->number);
	return (x->position > y->position) - (x->position < y->position);
}

/*
 * The parameters named <prefix><digits> (digits possibly none), the last
 * value of each, by number: every present set counts, whatever the gaps (D5).
 */
static List *
numbered_params(EventQuery *q, const char *prefix)
{
	List	   *all = NIL;
	List	   *found = NIL;
	size_t		len = strlen(prefix);
	int			position = 0;
	ListCell   *lc;

	/* sorted by number, then position: the last of each number wins */
	foreach(lc, q->params)
	{
		QueryParam *p = lfirst(lc);
		const char *digits = p->key + len;
		NumberedParam *np;

		position++;
		if (strncmp(p->key, prefix, len) != 0 || strspn(digits, "0123456789") != strlen(digits) ||
			strlen(digits) > 18)
			continue;
		np = palloc(sizeof(NumberedParam));
		np->number = *digits ? strtoll(digits, NULL, 10) : -1;
		np->position = position;
		np->value = p->value;
		all = lappend(all, np);
	}
	list_sort(all, numbered_param_cmp);
	foreach(lc, all)
	{
		NumberedParam *np = lfirst(lc);
		ListCell   *next = lnext(all, lc);

		if (next == NULL || ((NumberedParam *) lfirst(next))->number != np->number)
			found = lappend(found, np);
	}
	if (list_length(found) > MAX_NUMBERED_SETS)
		le_bad_parameter("At most %d %sN parameters can be given.", MAX_NUMBERED_SETS, prefix);
	return found;
}

/*
 * <prefix>_ongoing_OR_setN (SPEC 1.9, D5): each non-empty set an OR search,
 * the sets ANDed; sets given but all empty match nothing.
 */
static void
filter_ongoing_sets(EventQuery *q, const char *prefix)
{
	List	   *sets = numbered_params(q, psprintf("%s_ongoing_OR_set", prefix));
	bool		any_terms = false;
	ListCell   *lc;

	if (sets == NIL)
		return;
	foreach(lc, sets)
	{
		const char *value = ((NumberedParam *) lfirst(lc))->value;

		if (*value == '\0')
			continue;
		any_terms = true;
		filter_ongoing_terms(q, prefix, value, false);
	}
	if (!any_terms)
	{
		add_filter(q, "false");
		match(q, em_false());
	}
}

/*
 * The keyword family (SPEC 1.10, D5, D12) as ONE kwquery from
 * linkedevents.keyword_query, matched against keywords || audience: the
 * expression of the GIN index event_keywords_audience_idx.
 */
static void
filter_keywords(EventQuery *q)
{
	static const char *const keys[] = {
		"keyword", "keyword_OR", "keyword_AND", "keyword!", NULL, "keyword_set_AND", "keyword_set_OR"
	};
	Oid			types[7] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTARRAYOID, TEXTOID, TEXTOID};
	Datum		args[7];
	char		nulls[8] = "       ";
	List	   *sets = NIL;
	bool		given = false;
	bool		isnull;
	ListCell   *lc;
	Datum		query;

	foreach(lc, numbered_params(q, "keyword_OR_set"))
		if (*((NumberedParam *) lfirst(lc))->value != '\0')
			sets = lappend(sets, (char *) ((NumberedParam *) lfirst(lc))->value);
	for (int i = 0; i < lengthof(keys); i++)
	{
		const char *value;

		if (keys[i] == NULL)
			continue;			/* $5, the sets */
		value = param(q, keys[i]);
		if (value)
		{
			args[i] = CStringGetTextDatum(value);
			given = true;
		}
		else
			nulls[i] = 'n';
	}
	if (!given && sets == NIL)
		return;
	{
		Datum	   *elems = palloc(sizeof(Datum) * Max(list_length(sets), 1));

		foreach(lc, sets)
			elems[foreach_current_index(lc)] = CStringGetTextDatum(lfirst(lc));
		args[4] = PointerGetDatum(construct_array(elems, list_length(sets), TEXTOID, -1, false, TYPALIGN_INT));
	}
	if (SPI_execute_with_args("SELECT k.query, k.matches_nothing"
							  " FROM linkedevents.keyword_query($1, $2, $3, $4, $5, $6, $7) k",
							  7, types, args, nulls, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "keyword_query failed");
	if (DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull)))
	{
		add_filter(q, "false");
		match(q, em_false());
		return;
	}
	query = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
		return;
	query = datumCopy(query, false, -1);
	add_filter(q, "(e.keywords || e.audience) OPERATOR(linkedevents.@@) $%d",
			   bind(q, SPI_gettypeid(SPI_tuptable->tupdesc, 1), query));
	match(q, em_kwquery(DatumGetKWQueryP(query)));
}

/* Step 1 (SPEC 0.5): srid, an integer PostGIS knows. */
static void
parse_srid(EventQuery *q)
{
	const char *value = param(q, "srid");
	int32		srid;
	bool		known;
	Datum		arg;
	Oid			argtype = INT4OID;

	q->srid = 4326;
	if (value == NULL)
		return;
	srid = le_param_srid(value);
	known = srid > 0 && srid <= PG_INT32_MAX;
	if (known)
	{
		arg = Int32GetDatum((int32) srid);
		if (SPI_execute_with_args(psprintf("SELECT 1 FROM %s.spatial_ref_sys WHERE srid = $1",
										   quote_identifier(le_postgis_schema())),
								  1, &argtype, &arg, NULL, true, 1) != SPI_OK_SELECT)
			elog(ERROR, "SPI_execute_with_args failed");
		known = SPI_processed == 1;
	}
	if (!known)
		le_bad_parameter("SRID %d not found (try 4326 for GPS coordinate system)", srid);
	q->srid = (int) srid;
}

/*
 * Step 3 (SPEC 1.2, 1.20, D22) publication visibility; the other base
 * conditions depend on later parameters and are set in build_main.
 */
static char *
publication_visibility(EventQuery *q)
{
	bool		show_all = param_flag(q, "show_all");
	bool		admin_user = param_flag(q, "admin_user");
	EmNode	   *public = em_flags(EIF_PUBLIC, EIF_PUBLIC);
	EmNode	   *editable;
	char	   *condition;

	if (admin_user)
	{
		condition = editable_condition(q, &editable);
		q->match.visibility = lappend(q->match.visibility, editable);
		q->visibility_by_publisher = true;
		return condition;
	}
	if (show_all && user_organizations() != NIL)
	{
		condition = editable_condition(q, &editable);
		q->visibility_by_publisher = true;
		q->match.visibility = lappend(q->match.visibility, em_or(public, editable));
		return psprintf("(e.publication_status = 'public' OR %s)", condition);
	}
	q->match.visibility = lappend(q->match.visibility, public);
	return "e.publication_status = 'public'";
}

/* D7: enrolment open now, with attendee (or also waiting list) capacity. */
static void
filter_enrolment_open(EventQuery *q)
{
	static const char *open_now =
		"r.enrolment_end_time >= pg_catalog.now() AND (r.enrolment_start_time IS NULL"
		" OR r.enrolment_start_time <= pg_catalog.now())";
	static const char *attendee =
		"r.remaining_attendee_capacity IS NULL OR r.remaining_attendee_capacity >= 1";

	TimestampTz now = GetCurrentTransactionStartTimestamp();
	EmNode	   *open_now_node = em_and(em_time(EIT_R_ENROLMENT_END, EM_GE, now),
									   em_or(em_time_null(EIT_R_ENROLMENT_START, true),
											 em_time(EIT_R_ENROLMENT_START, EM_LE, now)));
	EmNode	   *attendee_node = em_or(em_int_null(EII_R_REMAINING_ATTENDEE, true),
									  em_int(EII_R_REMAINING_ATTENDEE, EM_GE, 1));

	if (param_flag(q, "enrolment_open"))
	{
		add_filter(q, "%s AND (%s)", open_now, attendee);
		match(q, em_and(open_now_node, attendee_node));
	}
	if (param_flag(q, "enrolment_open_waitlist"))
	{
		add_filter(q, "%s AND (%s OR r.remaining_waiting_list_capacity IS NULL"
				   " OR r.remaining_waiting_list_capacity >= 1)", open_now, attendee);
		match(q, em_and(open_now_node,
						em_or(attendee_node,
							  em_or(em_int_null(EII_R_REMAINING_WAITING, true),
									em_int(EII_R_REMAINING_WAITING, EM_GE, 1)))));
	}
}

/* SPEC 1.13 event_type: the type part of the visibility base. */
static char *
type_visibility(EventQuery *q)
{
	List	   *types = NIL;
	uint32		choices = 0;
	ListCell   *lc;

	foreach(lc, param_csv(q, "event_type"))
	{
		char	   *item = lfirst(lc);

		if (pg_strcasecmp(item, "general") == 0)
			types = lappend(types, "General"), choices |= 1 << EI_GENERAL;
		else if (pg_strcasecmp(item, "course") == 0)
			types = lappend(types, "Course"), choices |= 1 << EI_COURSE;
		else if (pg_strcasecmp(item, "volunteering") == 0)
			types = lappend(types, "Volunteering"), choices |= 1 << EI_VOLUNTEERING;
		else
			le_bad_parameter("Event type can be of the following values: general course volunteering");
	}
	q->match.visibility = lappend(q->match.visibility,
								  em_field(EIF_TYPE_SHIFT, types ? choices : 1 << EI_GENERAL));
	if (types == NIL)
		return "e.type_id = 'General'";
	return psprintf("e.type_id = ANY ($%d)", bind_text_array(q, types));
}

/*
 * Bind the geometry that sql makes of args: the request's coordinates in its
 * srid, transformed to EPSG:4326, the SRS of place.position. It is made here,
 * before the statement, so that PostGIS refusing the transform (coordinates
 * outside the srid's domain) or sql giving no row is the API's 400 with
 * message, not an internal error.
 */
static int
bind_geometry(EventQuery *q, const char *sql, int nargs, Oid *types, Datum *args,
			  const char *message)
{
	Datum		geometry;
	Oid			type;

	if (!le_postgis_select(sql, nargs, types, args, &geometry, &type))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s", message),
				 errdetail("The coordinates are outside the valid area of SRID %d.", q->srid)));
	return bind(q, type, geometry);
}

/* SPEC 1.8 bbox, in the request's srid. */
static void
filter_bbox(EventQuery *q)
{
	const char *value = param(q, "bbox");
	double		v[4];
	Oid			types[5] = {FLOAT8OID, FLOAT8OID, FLOAT8OID, FLOAT8OID, INT4OID};
	Datum		args[5];
	const char *schema;
	int			envelope;

	if (value == NULL)
		return;
	le_param_bbox(value, v);
	schema = quote_identifier(le_postgis_schema());
	for (int i = 0; i < 4; i++)
		args[i] = Float8GetDatum(v[i]);
	args[4] = Int32GetDatum(q->srid);
	envelope = bind_geometry(q, psprintf("SELECT %1$s.ST_Transform(%1$s.ST_MakeEnvelope($1, $2, $3, $4, $5), 4326)",
										 schema),
							 5, types, args, "bbox must be in format 'left,bottom,right,top'");
	/* ST_Within: points on the boundary are out, as in the reference */
	filter_location_in(q, psprintf("SELECT p.id FROM linkedevents.place p WHERE"
								   " %s.ST_Within(p.position, $%d)", schema, envelope));
}

/*
 * SPEC 1.13 publisher: the listed organizations (given as a query yielding
 * their ids), those they replaced, and those that replaced them. The set is
 * an init plan, so that event_publisher_idx answers the condition.
 */
static void
filter_publisher_in(EventQuery *q, const char *listed)
{
	char	   *publishers = psprintf("WITH listed(id) AS (%s)"
									  " SELECT listed.id FROM listed"
									  " UNION SELECT o.id FROM linkedevents.organization o JOIN listed ON o.replaced_by = listed.id"
									  " UNION SELECT o.replaced_by FROM linkedevents.organization o JOIN listed ON o.id = listed.id"
									  " WHERE o.replaced_by IS NOT NULL",
									  listed);

	add_filter(q, "e.publisher = ANY (ARRAY(%s))", publishers);
	match(q, em_codes_sql(EIS_PUBLISHER, publishers));
}

static void
filter_publishers(EventQuery *q)
{
	List	   *publishers = param_csv(q, "publisher");
	List	   *ancestors = param_csv(q, "publisher_ancestor");

	if (publishers != NIL)
		filter_publisher_in(q, psprintf("SELECT pg_catalog.unnest($%d::text[])",
										bind_text_array(q, publishers)));
	if (ancestors != NIL)
		filter_publisher_in(q, psprintf("SELECT d.id FROM linkedevents.organization d"
										" WHERE d.tree_path && $%d",
										bind_text_array(q, ancestors)));
}

/* SPEC 1.13, D13 event_status. */
static void
filter_event_status(EventQuery *q)
{
	static const char *const statuses[] = {
		"EventScheduled", "EventRescheduled", "EventCancelled", "EventPostponed"
	};
	List	   *chosen = NIL;
	uint32		choices = 0;
	ListCell   *lc;

	/* statuses[i] is EiEventStatus i */
	foreach(lc, param_csv(q, "event_status"))
	{
		int			i;

		for (i = 0; i < lengthof(statuses); i++)
			if (pg_strcasecmp(lfirst(lc), statuses[i]) == 0)
				break;
		if (i == lengthof(statuses))
			le_bad_parameter("Event status can be of the following values: EventScheduled EventRescheduled EventCancelled EventPostponed");
		chosen = lappend(chosen, (char *) statuses[i]);
		choices |= 1 << i;
	}
	if (chosen != NIL)
	{
		add_filter(q, "e.event_status = ANY ($%d)", bind_text_array(q, chosen));
		match(q, em_field(EIF_STATUS_SHIFT, choices));
	}
}

/* Events with a translated name, description or short description in langs. */
static char *
translated_in(EventQuery *q, List *langs)
{
	int			n = bind_text_array(q, langs);

	return psprintf("e.name ?| $%d OR e.description ?| $%d OR e.short_description ?| $%d",
					n, n, n);
}

/* SPEC 1.14 language, in_language, translation. */
static void
filter_languages(EventQuery *q)
{
	List	   *languages = param_csv(q, "language");
	List	   *translations = param_csv(q, "translation");
	List	   *supported = NIL;
	ListCell   *lc;

	if (languages != NIL)
	{
		foreach(lc, languages)
			if (is_translated_language(lfirst(lc)))
				supported = lappend(supported, lfirst(lc));
		add_filter(q, "e.in_language && $%d%s%s",
				   bind_text_array(q, languages),
				   supported ? " OR " : "", supported ? translated_in(q, supported) : "");
		match(q, supported ?
			  em_or(em_list_any(EIL_IN_LANGUAGE, languages), em_list_any(EIL_TRANSLATIONS, supported)) :
			  em_list_any(EIL_IN_LANGUAGE, languages));
	}
	if (param(q, "in_language"))
	{
		add_filter(q, "e.in_language && $%d",
				   bind_text_array(q, param_csv(q, "in_language")));
		match(q, em_list_any(EIL_IN_LANGUAGE, param_csv(q, "in_language")));
	}
	/* the hour filters come between in_language and translation (SPEC 1.1) */
	supported = NIL;
	foreach(lc, translations)
		if (is_translated_language(lfirst(lc)))
			supported = lappend(supported, lfirst(lc));
	if (translations != NIL)
	{
		add_filter(q, "%s", supported ? translated_in(q, supported) : "false");
		match(q, supported ? em_list_any(EIL_TRANSLATIONS, supported) : em_false());
	}
}

/* SPEC 1.5: local time of day of start_time/end_time against HH:MM. */
static void
filter_hours(EventQuery *q)
{
	static const struct
	{
		const char *name;
		const char *column;
		const char *op;
	}			hours[] = {
		{"starts_after", "start_time", ">="},
		{"starts_before", "start_time", "<="},
		{"ends_after", "end_time", ">="},
		{"ends_before", "end_time", "<="},
	};

	for (int i = 0; i < lengthof(hours); i++)
	{
		const char *value = param(q, hours[i].name);
		TimeADT		time;

		if (value == NULL)
			continue;
		time = le_param_hours(hours[i].name, value);

		add_filter(q, "(e.%s AT TIME ZONE $%d)::time %s $%d",
				   hours[i].column, bind_text(q, le_time_zone), hours[i].op,
				   bind(q, TIMEOID, TimeADTGetDatum(time)));
		match(q, em_local_time(hours[i].column[0] == 's' ? EIT_START : EIT_END,
							   hours[i].op[0] == '>' ? EM_GE : EM_LE, time));
	}
}

/* SPEC 1.15: one age bound; message names the parameter as the reference. */
static void
filter_age(EventQuery *q, const char *key, const char *fallback_key,
		   const char *message_name, const char *condition, EiInt column, EmOp op)
{
	const char *value = param(q, key);
	int64		age;

	if (value == NULL && fallback_key)
		value = param(q, fallback_key);
	if (value == NULL)
		return;
	age = le_param_int(message_name, value);
	add_filter(q, condition, bind(q, INT8OID, Int64GetDatum(age)));
	match(q, em_int(column, op, age));
}

/* SPEC 1.15 suitable_for. */
static void
filter_suitable_for(EventQuery *q)
{
	const char *value = param(q, "suitable_for");
	int64		lo,
				hi;

	if (value == NULL)
		return;
	le_param_suitable_for(value, &lo, &hi);
	add_filter(q, "(e.audience_min_age IS NULL OR e.audience_min_age <= $%d)"
			   " AND (e.audience_max_age IS NULL OR e.audience_max_age >= $%d)"
			   " AND (e.audience_min_age IS NOT NULL OR e.audience_max_age IS NOT NULL)",
			   bind(q, INT8OID, Int64GetDatum(lo)), bind(q, INT8OID, Int64GetDatum(hi)));
	match(q, em_suitable(lo, hi));
}

/* SPEC 1.19: the deleted part of the visibility base. */
static char *
deleted_visibility(EventQuery *q)
{
	bool		show_deleted = param_flag(q, "show_deleted");

	if (param_flag(q, "deleted"))
	{
		q->match.visibility = lappend(q->match.visibility, em_flags(EIF_DELETED, EIF_DELETED));
		return "e.deleted";
	}
	if (show_deleted)
		return "true";
	q->match.visibility = lappend(q->match.visibility, em_flags(EIF_DELETED, 0));
	return "NOT e.deleted";
}

/* D11 is_free. */
static void
filter_is_free(EventQuery *q)
{
	if (param(q, "is_free") == NULL)
		return;
	if (param_flag(q, "is_free"))
	{
		add_filter(q, "EXISTS (SELECT 1 FROM linkedevents.offer o WHERE o.event = e.id AND o.is_free)");
		match(q, em_flags(EIF_FREE_OFFER, EIF_FREE_OFFER));
	}
	else
	{
		add_filter(q, "EXISTS (SELECT 1 FROM linkedevents.offer o WHERE o.event = e.id)"
				   " AND NOT EXISTS (SELECT 1 FROM linkedevents.offer o WHERE o.event = e.id AND o.is_free)");
		match(q, em_flags(EIF_OFFERS | EIF_FREE_OFFER, EIF_OFFERS));
	}
}

/* A form field holding a number: D1 "<param>: Enter a number." */
static bool
form_number(EventQuery *q, const char *key, double *result)
{
	const char *value = param(q, key);

	if (value == NULL)
		return false;
	*result = DatumGetFloat8(DirectFunctionCall1(numeric_float8,
												 NumericGetDatum(le_param_decimal(key, value))));
	return true;
}

/* Step 6 form validation and capacity filters (SPEC 1.17). */
typedef struct FormValues
{
	bool		has[8];
	double		number[8];
	bool		has_enrolment_open_on;
	TimestampTz enrolment_open_on;
	unsigned	weekdays;		/* bit d set for ISO weekday d */
} FormValues;

static const struct
{
	const char *name;
	const char *condition;		/* %d = the bound value */
	EiInt		column;			/* of the index */
	EmOp		op;
}			capacity_fields[8] = {
	{"registration__remaining_attendee_capacity__gte", "r.remaining_attendee_capacity >= $%d",
	EII_R_REMAINING_ATTENDEE, EM_GE},
	{"registration__remaining_attendee_capacity__isnull", "r.remaining_attendee_capacity IS %s NULL",
	EII_R_REMAINING_ATTENDEE},
	{"registration__remaining_waiting_list_capacity__gte", "r.remaining_waiting_list_capacity >= $%d",
	EII_R_REMAINING_WAITING, EM_GE},
	{"registration__remaining_waiting_list_capacity__isnull", "r.remaining_waiting_list_capacity IS %s NULL",
	EII_R_REMAINING_WAITING},
	{"maximum_attendee_capacity_gte", "e.maximum_attendee_capacity >= $%d", EII_MAX_CAPACITY, EM_GE},
	{"minimum_attendee_capacity_gte", "e.minimum_attendee_capacity >= $%d", EII_MIN_CAPACITY, EM_GE},
	{"maximum_attendee_capacity_lte", "e.maximum_attendee_capacity <= $%d", EII_MAX_CAPACITY, EM_LE},
	{"minimum_attendee_capacity_lte", "e.minimum_attendee_capacity <= $%d", EII_MIN_CAPACITY, EM_LE},
};

static void
validate_form(EventQuery *q, FormValues *form)
{
	const char *value;

	for (int i = 0; i < lengthof(capacity_fields); i++)
	{
		if (i == 1 || i == 3)
		{
			/* the __isnull fields are D2 booleans */
			form->has[i] = param(q, capacity_fields[i].name) != NULL;
			form->number[i] = param_flag(q, capacity_fields[i].name);
		}
		else
			form->has[i] = form_number(q, capacity_fields[i].name, &form->number[i]);
	}

	value = param(q, "enrolment_open_on");
	form->has_enrolment_open_on = value != NULL;
	if (value)
		form->enrolment_open_on = le_param_enrolment_open_on(value);

	value = param(q, "weekday");
	form->weekdays = value ? le_param_weekdays(value) : 0;
}

static void
filter_capacity(EventQuery *q, FormValues *form, int i)
{
	if (!form->has[i])
		return;
	if (i == 1 || i == 3)
	{
		add_filter(q, capacity_fields[i].condition, form->number[i] ? "" : "NOT");
		match(q, em_int_null(capacity_fields[i].column, form->number[i] != 0));
	}
	else
	{
		add_filter(q, capacity_fields[i].condition, bind_float8(q, form->number[i]));
		match(q, em_float(capacity_fields[i].column, capacity_fields[i].op, form->number[i]));
	}
}

/*
 * SPEC 1.8 division: linkedevents._divisions (shared with the place list)
 * completes OCD ids and title-cases names.
 */
static void
filter_division(EventQuery *q)
{
	List	   *items = param_csv(q, "division");

	if (items == NIL)
		return;
	filter_location_in(q, psprintf("SELECT pd.place FROM linkedevents.place_division pd"
								   " WHERE pd.division = ANY (linkedevents._divisions($%d))",
								   bind_text_array(q, items)));
}

/* SPEC 1.12 super_event_type and super_event: "none"/"null" mean NULL. */
static void
filter_null_or_any(EventQuery *q, const char *key, const char *column)
{
	List	   *values = NIL;
	bool		want_null = false;
	ListCell   *lc;

	if (param(q, key) == NULL)
		return;
	foreach(lc, param_csv(q, key))
	{
		if (strcmp(lfirst(lc), "none") == 0 || strcmp(lfirst(lc), "null") == 0)
			want_null = true;
		else
			values = lappend(values, lfirst(lc));
	}
	add_filter(q, "e.%s = ANY ($%d)%s%s%s", column, bind_text_array(q, values),
			   want_null ? " OR e." : "", want_null ? column : "",
			   want_null ? " IS NULL" : "");
	if (strcmp(column, "super_event") == 0)
	{
		EmNode	   *node = em_codes(EIS_SUPER_EVENT, values);

		node->is_null = want_null;
		match(q, node);
	}
	else
	{
		/* super_event_type: values other than these two match nothing */
		uint32		choices = want_null ? 1 << EI_SUPER_NONE : 0;

		foreach(lc, values)
		{
			if (strcmp(lfirst(lc), "recurring") == 0)
				choices |= 1 << EI_SUPER_RECURRING;
			else if (strcmp(lfirst(lc), "umbrella") == 0)
				choices |= 1 << EI_SUPER_UMBRELLA;
		}
		match(q, em_field(EIF_SUPER_SHIFT, choices));
	}
}

/* SPEC 1.8 dwithin_origin + dwithin_metres, D17. */
static void
filter_dwithin(EventQuery *q)
{
	const char *origin = param(q, "dwithin_origin");
	const char *metres = param(q, "dwithin_metres");
	double		x,
				y,
				m;
	Oid			types[3] = {FLOAT8OID, FLOAT8OID, INT4OID};
	Datum		args[3];
	const char *schema;
	int			point;

	if (origin == NULL || metres == NULL)
		return;
	le_param_dwithin_origin(origin, &x, &y);
	m = le_param_dwithin_metres(metres);
	schema = quote_identifier(le_postgis_schema());
	args[0] = Float8GetDatum(x);
	args[1] = Float8GetDatum(y);
	args[2] = Int32GetDatum(q->srid);
	/* a point off the globe would be coerced onto it by the geography cast */
	point = bind_geometry(q, psprintf("SELECT g FROM %1$s.ST_Transform(%1$s.ST_SetSRID(%1$s.ST_MakePoint($1, $2), $3), 4326) g"
									  " WHERE %1$s.ST_X(g) BETWEEN -180 AND 180 AND %1$s.ST_Y(g) BETWEEN -90 AND 90",
									  schema),
						  3, types, args, "Origin must be a tuple of two numbers");
	filter_location_in(q, psprintf("SELECT p.id FROM linkedevents.place p WHERE"
								   " %1$s.ST_DWithin(p.position::%1$s.geography, $%2$d::%1$s.geography, $%3$d)",
								   schema, point, bind_float8(q, m)));
}

/*
 * SPEC 1.6 weekday: sd, ed = local ISO weekdays of start and end. Kept when
 * some w in W is sd or ed, or the event lasts 7 days or more, or it spans
 * w: over the week boundary (sd > ed) sd <= w or w <= ed, else sd <= w <= ed.
 */
static void
filter_weekday(EventQuery *q, unsigned weekdays)
{
	Datum		days[7];
	int			n = 0;
	int			w;
	int			tz;

	if (weekdays == 0)
		return;
	for (int d = 1; d <= 7; d++)
		if (weekdays & (1u << d))
			days[n++] = Int32GetDatum(d);
	w = bind(q, INT4ARRAYOID,
			 PointerGetDatum(construct_array(days, n, INT4OID, 4, true, TYPALIGN_INT)));
	tz = bind_text(q, le_time_zone);
	add_filter(q, "EXISTS (SELECT 1 FROM (SELECT"
			   " pg_catalog.date_part('isodow', e.start_time AT TIME ZONE $%d)::int AS sd,"
			   " pg_catalog.date_part('isodow', e.end_time AT TIME ZONE $%d)::int AS ed) d,"
			   " pg_catalog.unnest($%d) w"
			   " WHERE w = d.sd OR w = d.ed OR e.end_time - e.start_time >= interval '7 days'"
			   " OR CASE WHEN d.sd > d.ed THEN d.sd <= w OR w <= d.ed"
			   " ELSE w BETWEEN d.sd AND d.ed END)",
			   tz, tz, w);
	match(q, em_weekday(weekdays));
}

static EmNode *
postponed_node(void)
{
	return em_field(EIF_STATUS_SHIFT, 1 << EI_POSTPONED);
}

/* SPEC 1.4 start/end/days; D10. */
static void
filter_start(EventQuery *q, TimestampTz start, bool with_postponed)
{
	int			n = bind_timestamptz(q, start);

	add_filter(q, "(e.end_time > $%d AND (e.has_end_time OR NOT e.has_start_time))"
			   " OR e.start_time >= $%d%s",
			   n, n, with_postponed ? " OR e.event_status = 'EventPostponed'" : "");
	match(q, em_starts_from(start, with_postponed));
}

static void
filter_times(EventQuery *q)
{
	const char *days = event_query_param(q->params, "days");
	const char *start = param(q, "start");
	const char *end = param(q, "end");

	if (days && *days)
	{
		TimestampTz from,
					to;
		int			e;

		/* even "start=" counts here */
		le_days_window(le_param_days(days, event_query_param(q->params, "start") ||
									 event_query_param(q->params, "end")),
					   &from, &to);
		filter_start(q, from, true);
		e = bind_timestamptz(q, to);
		/* D10: N local days, half-open; postponed events stay as with start */
		add_filter(q, "e.end_time < $%d OR e.start_time < $%d"
				   " OR e.event_status = 'EventPostponed'", e, e);
		match(q, em_or(em_or(em_time(EIT_END, EM_LT, to), em_time(EIT_START, EM_LT, to)),
					   postponed_node()));
		return;
	}
	if (start)
		filter_start(q, le_param_time(start, false, false),
					 event_query_param(q->params, "end") == NULL);
	if (end)
	{
		TimestampTz to = le_param_time(end, true, false);
		int			e = bind_timestamptz(q, to);

		add_filter(q, "e.end_time < $%d OR e.start_time <= $%d", e, e);
		match(q, em_or(em_time(EIT_END, EM_LT, to), em_time(EIT_START, EM_LE, to)));
	}
}

/* SPEC 1.22: the whitelisted sort keys; D19 appends e.id. */
static void
build_order(EventQuery *q)
{
	static const struct
	{
		const char *key;
		const char *expression;
		bool		nulls_last_always;	/* enrolment_start/_end */
		int			kind;		/* EmKeyKind */
		int			col;
		int			col2;
	}			keys[] = {
		{"start_time", "e.start_time", false, EK_TIME, EIT_START},
		{"end_time", "e.end_time", false, EK_TIME, EIT_END},
		{"duration", "(e.end_time - e.start_time)", false, EK_DURATION},
		{"last_modified_time", "e.last_modified_time", false, EK_TIME, EIT_LAST_MODIFIED},
		{"name", "(e.name ->> 'fi')", false, EK_STRING, EIS_NAME},
		{"maximum_attendee_capacity", "e.maximum_attendee_capacity", false, EK_INT, EII_MAX_CAPACITY},
		{"minimum_attendee_capacity", "e.minimum_attendee_capacity", false, EK_INT, EII_MIN_CAPACITY},
		{"enrolment_start_time", "e.enrolment_start_time", false, EK_TIME, EIT_ENROLMENT_START},
		{"enrolment_end_time", "e.enrolment_end_time", false, EK_TIME, EIT_ENROLMENT_END},
		{"registration__enrolment_start_time", "r.enrolment_start_time", false, EK_TIME,
		EIT_R_ENROLMENT_START},
		{"registration__enrolment_end_time", "r.enrolment_end_time", false, EK_TIME,
		EIT_R_ENROLMENT_END},
		{"enrolment_start", "COALESCE(r.enrolment_start_time, e.enrolment_start_time)", true,
		EK_COALESCE, EIT_R_ENROLMENT_START, EIT_ENROLMENT_START},
		{"enrolment_end", "COALESCE(r.enrolment_end_time, e.enrolment_end_time)", true,
		EK_COALESCE, EIT_R_ENROLMENT_END, EIT_ENROLMENT_END},
	};
	ListCell   *lc;

	initStringInfo(&q->order);
	foreach(lc, param_csv(q, "sort"))
	{
		char	   *key = lfirst(lc);
		char	   *end = key + strlen(key);
		bool		descending;

		while (*key == ' ' || *key == '\t' || *key == '\n')
			key++;
		while (end > key && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n'))
			*--end = '\0';
		descending = (*key == '-');
		if (descending)
			key++;
		for (int i = 0; i < lengthof(keys); i++)
		{
			if (strcmp(key, keys[i].key) != 0)
				continue;
			appendStringInfo(&q->order, "%s%s%s", keys[i].expression,
							 descending ? " DESC" : "",
							 keys[i].nulls_last_always ? " NULLS LAST" : "");
			appendStringInfoString(&q->order, ", ");
			q->match.order = lappend(q->match.order,
									 em_key(keys[i].kind, keys[i].col, keys[i].col2,
											descending, keys[i].nulls_last_always));
		}
	}
	if (q->order.len == 0)
	{
		appendStringInfoString(&q->order, "e.last_modified_time DESC, ");
		q->match.order = list_make1(em_key(EK_TIME, EIT_LAST_MODIFIED, 0, true, false));
	}
	appendStringInfoString(&q->order, "e.id");
}

/*
 * SPEC 1.1 steps 2-5: the visibility base, the main filters and the ordering.
 */
static void
build_main(EventQuery *q)
{
	char	   *publication;
	char	   *type;
	char	   *deleted;
	bool		private_sources_hidden;

	/* 2. use_image_proxy (its effect is the serializer's) */
	(void) param_flag(q, "use_image_proxy");
	/* 3. visibility base: publication part; the rest follows its parameters */
	publication = publication_visibility(q);
	if (param_flag(q, "created_by"))
	{
		if (le_user_id && *le_user_id)
		{
			add_filter(q, "e.created_by = $%d", bind_text(q, le_user_id));
			match(q, em_codes(EIS_CREATED_BY, list_make1(pstrdup(le_user_id))));
		}
		else
		{
			add_filter(q, "false");
			match(q, em_false());
		}
	}

	/* 4. main filters */
	if (param(q, "registration"))
	{
		bool		registration = param_flag(q, "registration");

		add_filter(q, "r.id IS %s NULL", registration ? "NOT" : "");
		match(q, em_flags(EIF_REGISTRATION, registration ? EIF_REGISTRATION : 0));
	}
	filter_enrolment_open(q);
	filter_local_ongoing_text(q);
	filter_ongoing_search(q, "local", false);
	filter_ongoing_search(q, "local", true);
	filter_ongoing_search(q, "internet", true);
	filter_ongoing_search(q, "internet", false);
	if (param_flag(q, "all_ongoing"))
		filter_ongoing_candidates(q, "all");
	filter_ongoing_search(q, "all", true);
	filter_ongoing_search(q, "all", false);
	/* keyword_set_AND/OR, keyword_OR_setN and, further on, keyword, keyword_OR,
	 * keyword_AND, keyword!: none raises an error, so one condition here */
	filter_keywords(q);
	filter_ongoing_sets(q, "local");
	filter_ongoing_sets(q, "internet");
	filter_ongoing_sets(q, "all");
	if (param_flag(q, "internet_based"))
	{
		add_filter(q, "pg_catalog.strpos(e.location, 'internet') > 0");
		match(q, em_place_flag(EI_PLACE_INTERNET));
	}
	filter_text(q);
	if (param(q, "ids"))
	{
		const char *ids = param(q, "ids");
		int			len;

		while (*ids == '/')
			ids++;
		len = strlen(ids);
		while (len > 0 && ids[len - 1] == '/')
			len--;
		filter_events_in(q, psprintf("SELECT pg_catalog.unnest($%d::text[])",
									 bind_text_array(q, le_param_csv(pnstrdup(ids, len)))));
	}
	type = type_visibility(q);
	if (param(q, "last_modified_since"))
	{
		TimestampTz since = le_param_time(param(q, "last_modified_since"), false, true);

		add_filter(q, "e.last_modified_time >= $%d", bind_timestamptz(q, since));
		match(q, em_time(EIT_LAST_MODIFIED, EM_GE, since));
	}
	filter_bbox(q);
	private_sources_hidden = param(q, "data_source") == NULL;
	if (!private_sources_hidden)
	{
		add_filter(q, "e.data_source = ANY ($%d)", bind_text_array(q, param_csv(q, "data_source")));
		match(q, em_codes(EIS_DATA_SOURCE, param_csv(q, "data_source")));
	}
	if (param(q, "data_source!"))
	{
		add_filter(q, "e.data_source <> ALL ($%d)", bind_text_array(q, param_csv(q, "data_source!")));
		match(q, em_not(em_codes(EIS_DATA_SOURCE, param_csv(q, "data_source!"))));
	}
	if (param(q, "location"))
	{
		add_filter(q, "e.location = ANY ($%d)", bind_text_array(q, param_csv(q, "location")));
		match(q, em_codes(EIS_LOCATION, param_csv(q, "location")));
	}
	if (param(q, "recurring"))
	{
		if (pg_strcasecmp(param(q, "recurring"), "super") == 0)
		{
			add_filter(q, "e.super_event_type = 'recurring'");
			match(q, em_field(EIF_SUPER_SHIFT, 1 << EI_SUPER_RECURRING));
		}
		else if (pg_strcasecmp(param(q, "recurring"), "sub") == 0)
		{
			add_filter(q, "e.super_event_type IS DISTINCT FROM 'recurring'");
			match(q, em_field(EIF_SUPER_SHIFT, (1 << EI_SUPER_NONE) | (1 << EI_SUPER_UMBRELLA)));
		}
	}
	filter_publishers(q);
	if (param(q, "publication_status") &&
		(strcmp(param(q, "publication_status"), "draft") == 0 ||
		 strcmp(param(q, "publication_status"), "public") == 0))
	{
		bool		public = strcmp(param(q, "publication_status"), "public") == 0;

		add_filter(q, "e.publication_status = $%d", bind_text(q, param(q, "publication_status")));
		match(q, em_flags(EIF_PUBLIC, public ? EIF_PUBLIC : 0));
	}
	filter_event_status(q);
	filter_languages(q);
	filter_hours(q);
	filter_age(q, "audience_min_age", "audience_min_age_lt", "audience_min_age",
			   "e.audience_min_age <= $%d", EII_MIN_AGE, EM_LE);
	filter_age(q, "audience_min_age_gt", NULL, "audience_min_age_gt",
			   "e.audience_min_age >= $%d", EII_MIN_AGE, EM_GE);
	filter_age(q, "audience_max_age", "audience_max_age_gt", "audience_max_age",
			   "e.audience_max_age >= $%d", EII_MAX_AGE, EM_GE);
	filter_age(q, "audience_max_age_lt", NULL, "audience_max_age_lt",
			   "e.audience_max_age <= $%d", EII_MAX_AGE, EM_LE);
	deleted = deleted_visibility(q);
	filter_is_free(q);
	filter_suitable_for(q);

	q->visibility = psprintf("%s AND %s AND %s%s", publication, type, deleted,
							 private_sources_hidden ?
							 " AND NOT EXISTS (SELECT 1 FROM linkedevents.data_source ds"
							 " WHERE ds.id = e.data_source AND ds.private)" : "");
	if (private_sources_hidden)
		q->match.visibility = lappend(q->match.visibility,
									  em_not(em_codes_sql(EIS_DATA_SOURCE,
														  "SELECT ds.id FROM linkedevents.data_source ds"
														  " WHERE ds.private")));

	/* 5. ordering */
	build_order(q);
}

/*
 * An interval as interval comparison orders it (months of 30 days, days of
 * 24 hours), in microseconds; beyond int64 it is the nearest bound, past
 * every difference of two timestamps.
 */
static int64
interval_usecs(const Interval *i)
{
	int128		v = (int128) i->time + (int128) i->day * USECS_PER_DAY +
		(int128) i->month * 30 * USECS_PER_DAY;

	return v > PG_INT64_MAX ? PG_INT64_MAX : v < PG_INT64_MIN ? PG_INT64_MIN : (int64) v;
}

/* SPEC 1.1 step 6, the FilterSet stage: form validation, then its filters. */
static void
build_filterset(EventQuery *q)
{
	FormValues	form;

	validate_form(q, &form);
	for (int i = 0; i < 4; i++)
		filter_capacity(q, &form, i);
	filter_division(q);
	filter_null_or_any(q, "super_event_type", "super_event_type");
	filter_null_or_any(q, "super_event", "super_event");
	filter_dwithin(q);
	for (int i = 4; i < 8; i++)
		filter_capacity(q, &form, i);
	if (param_flag(q, "hide_super_event"))
	{
		add_filter(q, "e.super_event IS NOT NULL OR e.super_event_type IS NULL");
		match(q, em_or(em_not(em_str_null(EIS_SUPER_EVENT)),
					   em_field(EIF_SUPER_SHIFT, 1 << EI_SUPER_NONE)));
	}
	filter_full_text(q);
	if (param(q, "ongoing"))
	{
		bool		ongoing = param_flag(q, "ongoing");

		add_filter(q, "e.end_time %s pg_catalog.now()", ongoing ? ">" : "<=");
		match(q, em_time(EIT_END, ongoing ? EM_GT : EM_LE, GetCurrentTransactionStartTimestamp()));
	}
	if (param_flag(q, "registration_admin_user"))
	{
		EmNode	   *editable;

		if (param_flag(q, "admin_user"))
			le_bad_parameter("Supply either 'admin_user' or 'registration_admin_user', not both");
		add_filter(q, "r.id IS NOT NULL AND %s", editable_condition(q, &editable));
		match(q, em_and(em_flags(EIF_REGISTRATION, EIF_REGISTRATION), editable));
	}
	if (form.has_enrolment_open_on)
	{
		int			v = bind_timestamptz(q, form.enrolment_open_on);

		/* D6: no window at all is not open */
		static const int starts[2] = {EIT_R_ENROLMENT_START, EIT_ENROLMENT_START};
		static const int ends[2] = {EIT_R_ENROLMENT_END, EIT_ENROLMENT_END};
		TimestampTz on = form.enrolment_open_on;

		add_filter(q, "COALESCE(r.enrolment_start_time, e.enrolment_start_time,"
				   " r.enrolment_end_time, e.enrolment_end_time) IS NOT NULL"
				   " AND COALESCE(r.enrolment_start_time, e.enrolment_start_time, '-infinity') <= $%d"
				   " AND COALESCE(r.enrolment_end_time, e.enrolment_end_time, 'infinity') >= $%d",
				   v, v);
		match(q, em_and(em_or(em_or(em_time_null(EIT_R_ENROLMENT_START, false),
									em_time_null(EIT_ENROLMENT_START, false)),
							  em_or(em_time_null(EIT_R_ENROLMENT_END, false),
									em_time_null(EIT_ENROLMENT_END, false))),
						em_and(em_coalesce(2, starts, true, DT_NOBEGIN, EM_LE, on),
							   em_coalesce(2, ends, true, DT_NOEND, EM_GE, on))));
	}
	for (int i = 0; i < 2; i++)
	{
		const char *key = i == 0 ? "min_duration" : "max_duration";
		Interval   *duration;

		if (!param(q, key))
			continue;
		duration = le_param_duration(param(q, key));
		add_filter(q, "e.end_time - e.start_time %s $%d", i == 0 ? ">=" : "<=",
				   bind(q, INTERVALOID, IntervalPGetDatum(duration)));
		match(q, em_duration(i == 0 ? EM_GE : EM_LE, interval_usecs(duration)));
	}
	filter_weekday(q, form.weekdays);
	filter_times(q);
	q->add_super_events = param_flag(q, "hide_recurring_children_sub_events");
	q->hide_recurring_children = param_flag(q, "hide_recurring_children");
	q->match.add_super_events = q->add_super_events;
	q->match.hide_recurring_children = q->hide_recurring_children;
}

/*
 * Parse every parameter in the SPEC 1.1 pipeline order and build the query.
 * For an event's detail (SPEC 2, detail_id not NULL) only the request checks
 * and the FilterSet stage apply, to that one event: no visibility base, no
 * main filters, no super events added.
 */
EventQuery *
event_query_build(List *params, const char *detail_id)
{
	EventQuery *q = palloc0(sizeof(EventQuery));

	q->params = params;
	initStringInfo(&q->filters);

	/* 1. request checks */
	parse_srid(q);
	q->detail = detail_id != NULL;
	if (detail_id)
	{
		q->visibility = psprintf("e.id = $%d", bind_text(q, detail_id));
		initStringInfo(&q->order);
		appendStringInfoString(&q->order, "e.id");
	}
	else
		build_main(q);
	build_filterset(q);
	if (detail_id)
		q->add_super_events = false;
	return q;
}

/* The statement of the given shape; see the comment at the top. */
char *
event_query_sql(EventQuery *q, EventQueryShape shape)
{
	StringInfoData sql;
	const char *select;

	initStringInfo(&sql);
	select = shape == EQ_COUNT ? "pg_catalog.count(*)" : shape == EQ_ROWS ? "e.*" : "e.id";

	if (q->hide_recurring_children)
	{
		appendStringInfo(&sql,
						 "WITH f AS (SELECT e.id, e.super_event FROM " EVENT_FROM " WHERE %s%s)"
						 " SELECT %s FROM " EVENT_FROM
						 " WHERE (e.id IN (SELECT f.id FROM f WHERE NOT " RECURRING_CHILD("f") ")",
						 q->visibility, q->filters.data, select);
		if (q->add_super_events)
			appendStringInfo(&sql, " OR (%s AND e.id IN (SELECT f.super_event FROM f))",
							 q->visibility);
		appendStringInfoChar(&sql, ')');
	}
	else
		appendStringInfo(&sql, "SELECT %s FROM " EVENT_FROM " WHERE %s%s",
						 select, q->visibility, q->filters.data);

	if (shape != EQ_COUNT)
		appendStringInfo(&sql, " ORDER BY %s", q->order.data);
	if (shape == EQ_PAGE_IDS)
		appendStringInfo(&sql, " LIMIT $%d OFFSET $%d", q->args.count + 1, q->args.count + 2);
	return sql.data;
}

/*
 * Run sql, one of q's statements; for EQ_PAGE_IDS (or EXPLAIN of it) limit
 * and offset follow q's own arguments. Read-only SPI reuses the active
 * snapshot, so the count and the page agree.
 */
void
event_query_run(EventQuery *q, const char *sql, bool paged, int64 limit, int64 offset,
				bool read_only)
{
	int			n = q->args.count;
	Oid		   *types = palloc(sizeof(Oid) * (n + 2));
	Datum	   *values = palloc(sizeof(Datum) * (n + 2));
	int			ret;

	if (n > 0)
	{
		memcpy(types, q->args.types, sizeof(Oid) * n);
		memcpy(values, q->args.values, sizeof(Datum) * n);
	}
	if (paged)
	{
		types[n] = types[n + 1] = INT8OID;
		values[n] = Int64GetDatum(limit);
		values[n + 1] = Int64GetDatum(offset);
		n += 2;
	}
	ret = SPI_execute_with_args(sql, n, types, values, NULL, read_only, 0);
	if (ret != SPI_OK_SELECT && ret != SPI_OK_UTILITY)
		elog(ERROR, "event query failed: %s", SPI_result_code_string(ret));
}

/*
 * The number of matching events. Without filters the visibility base alone
 * decides, and unless it names publishers (a signed-in show_all or
 * admin_user) it reads only the columns linkedevents.event_count groups by:
 * the count is a sum over that table (aliased e, so the same conditions
 * apply) instead of a scan of every event.
 */
int64
event_query_count(EventQuery *q)
{
	bool		isnull;

	if (!q->detail && q->filters.len == 0 && !q->hide_recurring_children &&
		!q->visibility_by_publisher)
		event_query_run(q, psprintf("SELECT COALESCE(pg_catalog.sum(e.n), 0)::pg_catalog.int8"
									" FROM linkedevents.event_count e WHERE %s", q->visibility),
						false, 0, 0, true);
	else
		event_query_run(q, event_query_sql(q, EQ_COUNT), false, 0, 0, true);
	return DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
}

/* The ids of one page, in order, as text[] allocated in result_context. */
ArrayType *
event_query_page_ids(EventQuery *q, int64 limit, int64 offset, MemoryContext result_context)
{
	Datum	   *ids;
	ArrayType  *result;
	MemoryContext old_context;

	event_query_run(q, event_query_sql(q, EQ_PAGE_IDS), true, limit, offset, true);
	ids = palloc(sizeof(Datum) * Max(SPI_processed, 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		isnull;

		ids[i] = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull);
	}
	old_context = MemoryContextSwitchTo(result_context);
	result = construct_array(ids, (int) SPI_processed, TEXTOID, -1, false, TYPALIGN_INT);
	MemoryContextSwitchTo(old_context);
	return result;
}

/*
 * The request answered from the event index (event_index.h), or NULL when
 * SQL answers it: the index is off, the caller may not read what the index
 * is made of (or row-level security filters it), or the index meets what
 * only SQL decides. A list without filters in the default order stays with
 * event_count and the order's index, which are as fast, unless its
 * visibility names publishers (event_count does not group by them).
 */
EmResult *
event_query_match(EventQuery *q)
{
	Oid			schema;

	if (!le_use_event_index || q->detail)
		return NULL;
	if (q->filters.len == 0 && !q->hide_recurring_children && param(q, "sort") == NULL &&
		!q->visibility_by_publisher)
		return NULL;
	schema = get_namespace_oid("linkedevents", false);
	if (!le_relation_readable(get_relname_relid("event_index_segment", schema)) ||
		!le_relation_readable(get_relname_relid("event", schema)) ||
		!le_relation_readable(get_relname_relid("registration", schema)) ||
		!le_relation_readable(get_relname_relid("offer", schema)))
		return NULL;
	return em_match(&q->match, q->args.count, q->args.types, q->args.values);
}
