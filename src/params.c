/*
 * params.c
 *	  API parameters on the PostgreSQL side: layer 1 (src/parse_*.c) does the
 *	  syntax, this file resolves times in linkedevents.time_zone and raises
 *	  the API's exact messages; at the end, the SQL-callable wrappers.
 */
#include "postgres.h"

#include "access/xact.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "pgtime.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/float.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"

#include "linkedevents.h"
#include "params.h"
#include "parse_filter.h"
#include "parse_scalar.h"
#include "parse_time.h"

#define INVALID_TIME_MESSAGE "time in invalid format (try ISO 8601 or yyyy-mm-dd)"

/* Raises 22023 with the API's message, which is the whole error text. */
#define api_error(...) \
	ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg(__VA_ARGS__)))

/* Python's str() of an int layer 1 accepted, e.g. "27" for " 027". */
static char *
int_text(const char *s, size_t len)
{
	char	   *buf = palloc(len + 2);

	le_int_text(s, len, buf, len + 2);
	return buf;
}

/* ---------- query strings ---------- */

LeQuery *
le_query_parse(const char *query, int len)
{
	LeQuery    *q = palloc(sizeof(LeQuery));
	char	   *buf = palloc(len + 1);
	size_t		max = le_query_max_params(query, len);
	size_t		n;
	LeQueryError err;

	memcpy(buf, query, len);
	q->params = MemoryContextAllocHuge(CurrentMemoryContext, max * sizeof(LeQueryParam));
	switch (le_query_decode(buf, len, q->params, &n, &err))
	{
		case LE_QUERY_OK:
			break;
		case LE_QUERY_BAD_ESCAPE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("malformed percent-encoding in query string"),
					 errdetail("The \"%%\" at byte %zu is not followed by two hexadecimal digits.",
							   err.offset + 1)));
			break;
		case LE_QUERY_NUL:
			api_error("A string literal cannot contain NUL (0x00) characters. Please fix query parameter %s",
					  err.in_key ? q->params[err.param].key : q->params[err.param].value);
			break;
	}
	q->nparams = (int) n;
	return q;
}

const char *
le_query_get(const LeQuery *query, const char *key)
{
	return le_query_last(query->params, query->nparams, key);
}

/* ---------- scalars ---------- */

bool
le_param_bool(const char *param, const char *value)
{
	bool		result;

	if (le_parse_bool(value, strlen(value), &result) != LE_PARSE_OK)
		api_error("%s can take the values True or False. You passed %s.", param, value);
	return result;
}

int64
le_param_int(const char *param, const char *value)
{
	int64_t		result;

	if (le_parse_int(value, strlen(value), &result) == LE_PARSE_INVALID)
		api_error("%s must be an integer, you passed \"%s\"", param, value);
	return result;
}

Numeric
le_param_decimal(const char *param, const char *value)
{
	size_t		len = strlen(value);
	char	   *ascii = palloc(len + 16);

	if (le_parse_decimal(value, len, ascii, len + 16) != LE_PARSE_OK)
		api_error("%s: Enter a number.", param);
	return DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(ascii),
											   ObjectIdGetDatum(InvalidOid),
											   Int32GetDatum(-1)));
}

List *
le_param_csv(const char *value)
{
	size_t		len = strlen(value);
	size_t		pos = 0;
	const char *item;
	size_t		item_len;
	List	   *items = NIL;

	while (le_csv_next(value, len, &pos, &item, &item_len))
		items = lappend(items, pnstrdup(item, item_len));
	return items;
}

/* ---------- times ---------- */

static pg_tz *
local_zone(void)
{
	pg_tz	   *tz = pg_tzset(le_time_zone);

	/* the setting's check hook only lets known zones in */
	if (tz == NULL)
		elog(ERROR, "time zone \"%s\" is not recognized", le_time_zone);
	return tz;
}

/* UTC offset of the zone at instant t, in seconds east. */
static long
offset_at(pg_time_t t, pg_tz *tz)
{
	struct pg_tm *tm = pg_localtime(&t, tz);

	return tm ? tm->tm_gmtoff : 0;
}

/* The fields read as a time offset_east seconds ahead of UTC. */
static TimestampTz
fields_timestamp(int year, int month, int day, int hour, int minute, int second,
				 long offset_east)
{
	struct pg_tm tm = {0};
	int			tz = (int) -offset_east;	/* tm2timestamp wants seconds west */
	Timestamp	result;

	tm.tm_year = year;
	tm.tm_mon = month;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = minute;
	tm.tm_sec = second;
	if (tm2timestamp(&tm, 0, &tz, &result) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	return result;
}

TimestampTz
le_local_timestamp(int year, int month, int day, int hour, int minute, int second,
				   int microsecond)
{
	pg_tz	   *tz = local_zone();
	TimestampTz wall = fields_timestamp(year, month, day, hour, minute, second, 0);
	pg_time_t	w = timestamptz_to_time_t(wall);
	long		before = offset_at(w - SECS_PER_DAY, tz);
	long		after = offset_at(w + SECS_PER_DAY, tz);
	long		offset;

	/*
	 * The offset a day before applies if the instant it gives has it;
	 * otherwise the one a day after; in a gap neither does, and the one
	 * before wins (Python's fold=0).  In an overlap both do, and the one
	 * before gives the first occurrence.
	 */
	if (offset_at(w - before, tz) == before)
		offset = before;
	else if (offset_at(w - after, tz) == after)
		offset = after;
	else
		offset = before;
	return wall - offset * USECS_PER_SEC + microsecond;
}

/* The local date of the transaction timestamp. */
static void
local_today(int *year, int *month, int *day)
{
	pg_time_t	now = timestamptz_to_time_t(GetCurrentTransactionStartTimestamp());
	struct pg_tm *tm = pg_localtime(&now, local_zone());

	*year = tm->tm_year + 1900;
	*month = tm->tm_mon + 1;
	*day = tm->tm_mday;
}

static void
add_days(int *year, int *month, int *day, int days)
{
	j2date(date2j(*year, *month, *day) + days, year, month, day);
}

/* A parsed time with kind LE_TIME_DATE or LE_TIME_DATETIME as an instant. */
static TimestampTz
resolve_time(const LeParsedTime *t, bool naive_is_utc)
{
	if (t->has_offset || naive_is_utc)
		return fields_timestamp(t->year, t->month, t->day, t->hour, t->minute,
								t->second, t->offset_seconds) + t->microsecond;
	return le_local_timestamp(t->year, t->month, t->day, t->hour, t->minute,
							  t->second, t->microsecond);
}

TimestampTz
le_param_time(const char *value, bool is_end, bool naive_is_utc)
{
	LeParsedTime t;
	char		text[LE_TIME_TEXT_SIZE];

	switch (le_parse_time(value, strlen(value), &t))
	{
		case LE_PARSE_OK:
			break;
		case LE_PARSE_RANGE:
			le_time_text(&t, text);
			api_error("Time zone given in timestamp %s out of bounds.", text);
			break;
		case LE_PARSE_INVALID:
			api_error(INVALID_TIME_MESSAGE);
			break;
	}
	switch (t.kind)
	{
		case LE_TIME_NOW:
			return GetCurrentTransactionStartTimestamp();
		case LE_TIME_TODAY:
			local_today(&t.year, &t.month, &t.day);
			/* FALLTHROUGH */
		case LE_TIME_DATE:
			if (is_end)
				add_days(&t.year, &t.month, &t.day, 1);
			return le_local_timestamp(t.year, t.month, t.day, 0, 0, 0, 0);
		case LE_TIME_DATETIME:
			break;
	}
	return resolve_time(&t, naive_is_utc);
}

TimestampTz
le_param_enrolment_open_on(const char *value)
{
	LeParsedTime t;

	/* Django's form field: no offset limit, no today or now */
	if (le_parse_time(value, strlen(value), &t) == LE_PARSE_INVALID ||
		t.kind == LE_TIME_TODAY || t.kind == LE_TIME_NOW)
		api_error("enrolment_open_on: Enter a valid date/time.");
	return resolve_time(&t, false);
}

/* ---------- event filters ---------- */

Interval *
le_param_duration(const char *value)
{
	int64_t		seconds;
	Interval   *result;

	if (le_parse_duration(value, strlen(value), &seconds) != LE_PARSE_OK)
		api_error("Invalid duration supplied. Try '1d', '2h' or '180m'.");
	/* days and a time under a day, as Python's timedelta holds it */
	result = palloc0(sizeof(Interval));
	result->day = (int32) (seconds / SECS_PER_DAY);
	result->time = (seconds % SECS_PER_DAY) * USECS_PER_SEC;
	return result;
}

TimeADT
le_param_hours(const char *param, const char *value)
{
	int			hour,
				minute;
	const char *bad;
	size_t		bad_len;

	switch (le_parse_hours(value, strlen(value), &hour, &minute, &bad, &bad_len))
	{
		case LE_HOURS_OK:
			break;
		case LE_HOURS_TOO_MANY_PARTS:
			api_error("Only hours and minutes can be given in %s. For example: 16:00.", param);
			break;
		case LE_HOURS_HOUR_NOT_NUMBER:
			api_error("Hours should be passed as numbers in %s. For example: 16:00.", param);
			break;
		case LE_HOURS_HOUR_RANGE:
			api_error("Hours should be between 0 and 23 in %s, for example: 16:00. You have passed %s.",
					  param, int_text(bad, bad_len));
			break;
		case LE_HOURS_MINUTE_NOT_NUMBER:
			api_error("Minutes should be passed as numbers in %s. For example: 16:20.", param);
			break;
		case LE_HOURS_MINUTE_RANGE:
			api_error("Minutes should be between 0 and 59 in %s as in 16:20. You passed %s.",
					  param, int_text(bad, bad_len));
			break;
	}
	return ((TimeADT) hour * MINS_PER_HOUR + minute) * SECS_PER_MINUTE * USECS_PER_SEC;
}

unsigned
le_param_weekdays(const char *value)
{
	unsigned	days;
	const char *bad;
	size_t		bad_len;

	if (le_parse_weekdays(value, strlen(value), &days, &bad, &bad_len) != LE_PARSE_OK)
		api_error("weekday: Select a valid choice. %s is not one of the available choices.",
				  pnstrdup(bad, bad_len));
	return days;
}

void
le_param_suitable_for(const char *value, int64 *lo, int64 *hi)
{
	int64_t		l,
				h;
	size_t		count;
	const char *bad;
	size_t		bad_len;

	switch (le_parse_suitable_for(value, strlen(value), &l, &h, &count, &bad, &bad_len))
	{
		case LE_AGES_OK:
			break;
		case LE_AGES_TOO_MANY:
			api_error("suitable_for takes at maximum two values, you provided %zu", count);
			break;
		case LE_AGES_NOT_INTEGER:
			api_error("suitable_for must be an integer, you passed \"%s\"", pnstrdup(bad, bad_len));
			break;
	}
	*lo = l;
	*hi = h;
}

bool
le_suitable_for(bool min_isnull, int32 min_age, bool max_isnull, int32 max_age,
				int64 lo, int64 hi)
{
	return !(min_isnull && max_isnull) &&
		(min_isnull || min_age <= lo) &&
		(max_isnull || max_age >= hi);
}

void
le_param_bbox(const char *value, double box[4])
{
	size_t		len = strlen(value);

	switch (le_parse_bbox(value, len, palloc(len + 1), box))
	{
		case LE_NUMBERS_OK:
			break;
		case LE_NUMBERS_COUNT:
			api_error("bbox must be in format 'left,bottom,right,top'");
			break;
		case LE_NUMBERS_NOT_NUMBER:
			api_error("bbox values must be floating points or integers");
			break;
	}
}

void
le_param_dwithin_origin(const char *value, double *x, double *y)
{
	size_t		len = strlen(value);
	double		origin[2];

	if (le_parse_origin(value, len, palloc(len + 1), origin) != LE_NUMBERS_OK)
		api_error("Origin must be a tuple of two numbers");
	*x = origin[0];
	*y = origin[1];
}

double
le_param_dwithin_metres(const char *value)
{
	size_t		len = strlen(value);
	double		metres;

	if (le_parse_float(value, len, palloc(len + 1), &metres) != LE_PARSE_OK)
		api_error("Metres must be a number");
	return metres;
}

int32
le_param_srid(const char *value)
{
	size_t		len = strlen(value);
	int64_t		srid;

	if (le_parse_int(value, len, &srid) == LE_PARSE_INVALID)
		api_error("'srid' must be an integer");
	if (srid < PG_INT32_MIN || srid > PG_INT32_MAX)
		api_error("SRID %s not found (try 4326 for GPS coordinate system)", int_text(value, len));
	return (int32) srid;
}

int64
le_param_days(const char *value, bool start_or_end_given)
{
	int64_t		days;

	if (le_parse_int(value, strlen(value), &days) == LE_PARSE_INVALID)
		api_error("Error while parsing days.");
	if (days < 1)
		api_error("Days must be 1 or more.");
	if (start_or_end_given)
		api_error("Start or end cannot be used with days.");
	return days;
}

void
le_days_window(int64 days, TimestampTz *start, TimestampTz *end)
{
	int			year,
				month,
				day;
	int64		last_day = date2j(294276, 12, 30);	/* near the end of timestamps */

	local_today(&year, &month, &day);
	*start = le_local_timestamp(year, month, day, 0, 0, 0, 0);
	if (days > last_day - date2j(year, month, day))
	{
		TIMESTAMP_NOEND(*end);
		return;
	}
	add_days(&year, &month, &day, (int) days);
	*end = le_local_timestamp(year, month, day, 0, 0, 0, 0);
}

void
le_raise_invalid_page(void)
{
	ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT), errmsg("Invalid page.")));
}

int64
le_param_page(const char *value)
{
	int64_t		page;

	if (le_parse_page(value, strlen(value), &page) != LE_PARSE_OK)
		le_raise_invalid_page();
	return page;
}

int64
le_param_page_size(const char *value, int64 default_size, int64 max_size)
{
	return le_parse_page_size(value, strlen(value), default_size, max_size);
}

/* ---------- SQL-callable wrappers ---------- */

PG_FUNCTION_INFO_V1(le_parse_query);

/* linkedevents.parse_query(query text): the decoded pairs, in order. */
Datum
le_parse_query(PG_FUNCTION_ARGS)
{
	text	   *query = PG_GETARG_TEXT_PP(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	LeQuery    *q = le_query_parse(VARDATA_ANY(query), VARSIZE_ANY_EXHDR(query));

	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < q->nparams; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = PointerGetDatum(cstring_to_text_with_len(q->params[i].key,
															 q->params[i].key_len));
		values[1] = PointerGetDatum(cstring_to_text_with_len(q->params[i].value,
															 q->params[i].value_len));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(le_query_params);

/* linkedevents.query_params(query text): an object, the last value wins. */
Datum
le_query_params(PG_FUNCTION_ARGS)
{
	text	   *query = PG_GETARG_TEXT_PP(0);
	LeQuery    *q = le_query_parse(VARDATA_ANY(query), VARSIZE_ANY_EXHDR(query));
	JsonbParseState *state = NULL;
	JsonbValue *result;

	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	for (int i = 0; i < q->nparams; i++)
	{
		JsonbValue	key,
					value;

		key.type = jbvString;
		key.val.string.val = (char *) q->params[i].key;
		key.val.string.len = (int) q->params[i].key_len;
		value.type = jbvString;
		value.val.string.val = (char *) q->params[i].value;
		value.val.string.len = (int) q->params[i].value_len;
		pushJsonbValue(&state, WJB_KEY, &key);
		pushJsonbValue(&state, WJB_VALUE, &value);
	}
	/* ending the object keeps the last of repeated keys */
	result = pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	PG_RETURN_JSONB_P(JsonbValueToJsonb(result));
}

PG_FUNCTION_INFO_V1(le_parse_duration_sql);

/* linkedevents.parse_duration(text) */
Datum
le_parse_duration_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_INTERVAL_P(le_param_duration(text_to_cstring(PG_GETARG_TEXT_PP(0))));
}

PG_FUNCTION_INFO_V1(le_python_int_sql);

/*
 * linkedevents._python_int(text): a Python int() literal as bigint, NULL
 * when the text is not one or is out of range; for the SQL endpoints' page,
 * page_size, srid and image ids.
 */
Datum
le_python_int_sql(PG_FUNCTION_ARGS)
{
	text	   *value = PG_GETARG_TEXT_PP(0);
	int64_t		result;

	if (le_parse_int(VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value), &result) != LE_PARSE_OK)
		PG_RETURN_NULL();
	PG_RETURN_INT64(result);
}

PG_FUNCTION_INFO_V1(le_parse_time_sql);

/* linkedevents.parse_time(value text, is_end boolean): as for start/end. */
Datum
le_parse_time_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_TIMESTAMPTZ(le_param_time(text_to_cstring(PG_GETARG_TEXT_PP(0)),
										PG_GETARG_BOOL(1), false));
}

/* The parsed ages of suitable_for, cached across rows of one call site. */
typedef struct AgesCache
{
	text	   *ages;
	int64		lo;
	int64		hi;
} AgesCache;

PG_FUNCTION_INFO_V1(le_suitable_for_sql);

/*
 * linkedevents.suitable_for(audience_min_age, audience_max_age, ages):
 * NULL ages give NULL; NULL age bounds are open (SPEC 1.15).
 */
Datum
le_suitable_for_sql(PG_FUNCTION_ARGS)
{
	text	   *ages;
	AgesCache  *cache = fcinfo->flinfo->fn_extra;

	if (PG_ARGISNULL(2))
		PG_RETURN_NULL();
	ages = PG_GETARG_TEXT_PP(2);
	if (cache == NULL)
		cache = fcinfo->flinfo->fn_extra =
			MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(AgesCache));
	if (cache->ages == NULL || VARSIZE_ANY(cache->ages) != VARSIZE_ANY(ages) ||
		memcmp(cache->ages, ages, VARSIZE_ANY(ages)) != 0)
	{
		int64		lo,
					hi;

		/* parse first: an error leaves the cache as it was */
		le_param_suitable_for(text_to_cstring(ages), &lo, &hi);
		if (cache->ages)
			pfree(cache->ages);
		cache->ages = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, VARSIZE_ANY(ages));
		memcpy(cache->ages, ages, VARSIZE_ANY(ages));
		cache->lo = lo;
		cache->hi = hi;
	}
	PG_RETURN_BOOL(le_suitable_for(PG_ARGISNULL(0), PG_ARGISNULL(0) ? 0 : PG_GETARG_INT32(0),
								   PG_ARGISNULL(1), PG_ARGISNULL(1) ? 0 : PG_GETARG_INT32(1),
								   cache->lo, cache->hi));
}

/* The value types of parse_param(); see there. */
typedef enum ParamType
{
	PARAM_BOOL,
	PARAM_INT,
	PARAM_DECIMAL,
	PARAM_START,
	PARAM_END,
	PARAM_LAST_MODIFIED,
	PARAM_ENROLMENT_OPEN_ON,
	PARAM_DURATION,
	PARAM_HOURS,
	PARAM_WEEKDAYS,
	PARAM_SUITABLE_FOR,
	PARAM_BBOX,
	PARAM_ORIGIN,
	PARAM_METRES,
	PARAM_SRID,
	PARAM_DAYS,
	PARAM_PAGE,
	PARAM_PAGE_SIZE
} ParamType;

typedef struct ParamSpec
{
	const char *name;
	ParamType	type;
	const char *error_name;		/* the name the message uses, when another */
} ParamSpec;

static const ParamSpec param_specs[] = {
	/* D2 booleans of every endpoint */
	{"internet_based", PARAM_BOOL}, {"registration", PARAM_BOOL},
	{"enrolment_open", PARAM_BOOL}, {"enrolment_open_waitlist", PARAM_BOOL},
	{"all_ongoing", PARAM_BOOL}, {"show_deleted", PARAM_BOOL}, {"deleted", PARAM_BOOL},
	{"show_all", PARAM_BOOL}, {"admin_user", PARAM_BOOL}, {"created_by", PARAM_BOOL},
	{"registration_admin_user", PARAM_BOOL}, {"hide_super_event", PARAM_BOOL},
	{"hide_recurring_children", PARAM_BOOL},
	{"hide_recurring_children_sub_events", PARAM_BOOL}, {"ongoing", PARAM_BOOL},
	{"is_free", PARAM_BOOL}, {"use_image_proxy", PARAM_BOOL},
	{"registration__remaining_attendee_capacity__isnull", PARAM_BOOL},
	{"registration__remaining_waiting_list_capacity__isnull", PARAM_BOOL},
	{"has_upcoming_events", PARAM_BOOL}, {"show_all_keywords", PARAM_BOOL},
	{"show_deprecated", PARAM_BOOL}, {"show_all_places", PARAM_BOOL},
	{"no_parent", PARAM_BOOL}, {"is_address", PARAM_BOOL},
	{"service_language", PARAM_BOOL}, {"dissolved", PARAM_BOOL},
	/* SPEC 1.15: the aliases report the main name */
	{"audience_min_age", PARAM_INT}, {"audience_min_age_lt", PARAM_INT, "audience_min_age"},
	{"audience_min_age_gt", PARAM_INT},
	{"audience_max_age", PARAM_INT}, {"audience_max_age_gt", PARAM_INT, "audience_max_age"},
	{"audience_max_age_lt", PARAM_INT},
	/* SPEC 1.17 */
	{"maximum_attendee_capacity_gte", PARAM_DECIMAL},
	{"maximum_attendee_capacity_lte", PARAM_DECIMAL},
	{"minimum_attendee_capacity_gte", PARAM_DECIMAL},
	{"minimum_attendee_capacity_lte", PARAM_DECIMAL},
	{"registration__remaining_attendee_capacity__gte", PARAM_DECIMAL},
	{"registration__remaining_waiting_list_capacity__gte", PARAM_DECIMAL},
	{"enrolment_open_on", PARAM_ENROLMENT_OPEN_ON},
	{"start", PARAM_START}, {"end", PARAM_END},
	{"last_modified_since", PARAM_LAST_MODIFIED},
	{"min_duration", PARAM_DURATION}, {"max_duration", PARAM_DURATION},
	{"starts_after", PARAM_HOURS}, {"starts_before", PARAM_HOURS},
	{"ends_after", PARAM_HOURS}, {"ends_before", PARAM_HOURS},
	{"weekday", PARAM_WEEKDAYS}, {"suitable_for", PARAM_SUITABLE_FOR},
	{"bbox", PARAM_BBOX}, {"dwithin_origin", PARAM_ORIGIN},
	{"dwithin_metres", PARAM_METRES}, {"srid", PARAM_SRID},
	{"days", PARAM_DAYS}, {"page", PARAM_PAGE}, {"page_size", PARAM_PAGE_SIZE},
};

static char *
timestamptz_text(TimestampTz t)
{
	return DatumGetCString(DirectFunctionCall1(timestamptz_out, TimestampTzGetDatum(t)));
}

PG_FUNCTION_INFO_V1(le_parse_param);

/*
 * linkedevents.parse_param(param, value): the parsed value of an API
 * parameter in a canonical text form, or the API's error.  For PL/pgSQL
 * endpoints, and the tests of this file's messages.  days gives its window
 * as a tstzrange (it cannot see whether start or end were given); page gives
 * 0 for "last"; page_size uses the default 20 and maximum 100.
 */
Datum
le_parse_param(PG_FUNCTION_ARGS)
{
	char	   *param = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char	   *value = text_to_cstring(PG_GETARG_TEXT_PP(1));
	const ParamSpec *spec = NULL;
	const char *name;
	char	   *result = NULL;

	for (size_t i = 0; i < lengthof(param_specs); i++)
		if (strcmp(param_specs[i].name, param) == 0)
			spec = &param_specs[i];
	if (spec == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("unknown parameter \"%s\"", param)));
	name = spec->error_name ? spec->error_name : spec->name;

	switch (spec->type)
	{
		case PARAM_BOOL:
			result = le_param_bool(name, value) ? "true" : "false";
			break;
		case PARAM_INT:
			result = psprintf(INT64_FORMAT, le_param_int(name, value));
			break;
		case PARAM_DECIMAL:
			result = DatumGetCString(DirectFunctionCall1(numeric_out,
														 NumericGetDatum(le_param_decimal(name, value))));
			break;
		case PARAM_START:
			result = timestamptz_text(le_param_time(value, false, false));
			break;
		case PARAM_END:
			result = timestamptz_text(le_param_time(value, true, false));
			break;
		case PARAM_LAST_MODIFIED:
			result = timestamptz_text(le_param_time(value, false, true));
			break;
		case PARAM_ENROLMENT_OPEN_ON:
			result = timestamptz_text(le_param_enrolment_open_on(value));
			break;
		case PARAM_DURATION:
			result = DatumGetCString(DirectFunctionCall1(interval_out,
														 IntervalPGetDatum(le_param_duration(value))));
			break;
		case PARAM_HOURS:
			result = DatumGetCString(DirectFunctionCall1(time_out,
														 TimeADTGetDatum(le_param_hours(name, value))));
			break;
		case PARAM_WEEKDAYS:
			{
				unsigned	days = le_param_weekdays(value);
				StringInfoData buf;

				initStringInfo(&buf);
				for (int d = 1; d <= 7; d++)
					if (days & (1u << d))
						appendStringInfo(&buf, "%s%d", buf.len ? "," : "", d);
				result = buf.data;
			}
			break;
		case PARAM_SUITABLE_FOR:
			{
				int64		lo,
							hi;

				le_param_suitable_for(value, &lo, &hi);
				result = psprintf(INT64_FORMAT "," INT64_FORMAT, lo, hi);
			}
			break;
		case PARAM_BBOX:
			{
				double		b[4];

				le_param_bbox(value, b);
				result = psprintf("%s,%s,%s,%s", float8out_internal(b[0]),
								  float8out_internal(b[1]), float8out_internal(b[2]),
								  float8out_internal(b[3]));
			}
			break;
		case PARAM_ORIGIN:
			{
				double		x,
							y;

				le_param_dwithin_origin(value, &x, &y);
				result = psprintf("%s,%s", float8out_internal(x), float8out_internal(y));
			}
			break;
		case PARAM_METRES:
			result = float8out_internal(le_param_dwithin_metres(value));
			break;
		case PARAM_SRID:
			result = psprintf("%d", le_param_srid(value));
			break;
		case PARAM_DAYS:
			{
				TimestampTz start,
							end;

				le_days_window(le_param_days(value, false), &start, &end);
				result = psprintf("[\"%s\",\"%s\")", timestamptz_text(start),
								  timestamptz_text(end));
			}
			break;
		case PARAM_PAGE:
			result = psprintf(INT64_FORMAT, le_param_page(value));
			break;
		case PARAM_PAGE_SIZE:
			result = psprintf(INT64_FORMAT, le_param_page_size(value, 20, 100));
			break;
	}
	PG_RETURN_TEXT_P(cstring_to_text(result));
}
