/*
 * params.h
 *	  API parameters on the PostgreSQL side: query strings parsed into
 *	  palloc'd pairs, and one function per value type that returns the
 *	  parsed value or raises the API's exact error.
 *
 * Errors a client caused carry the API's message verbatim (README
 * "Conventions"): SQLSTATE 22023 (HTTP 400) for a bad value, 42704 (404) for
 * an invalid page.  Values are NUL-terminated C strings, as le_query_get
 * returns them.  An empty value means "absent" for nearly every parameter
 * (SPEC 0.5); that test is the caller's, since the exceptions are per
 * parameter.
 */
#ifndef LE_PARAMS_H
#define LE_PARAMS_H

#include "datatype/timestamp.h"
#include "nodes/pg_list.h"
#include "utils/date.h"
#include "utils/numeric.h"

#include "parse_querystring.h"

/* A decoded query string: its parameters in order, repeats kept. */
typedef struct LeQuery
{
	LeQueryParam *params;
	int			nparams;
} LeQuery;

/*
 * Splits and decodes query[0..len) (without the "?") into memory of the
 * current context.  Raises 22023 "malformed percent-encoding in query
 * string" for a "%" not followed by two hex digits, and 22023 "A string
 * literal cannot contain NUL (0x00) characters. Please fix query parameter
 * <value>" for a NUL (printed with the NUL left out).
 */
extern LeQuery *le_query_parse(const char *query, int len);

/* The value of the last parameter named key, or NULL when absent. */
extern const char *le_query_get(const LeQuery *query, const char *key);

/* D2: "<param> can take the values True or False. You passed <value>." */
extern bool le_param_bool(const char *param, const char *value);

/*
 * A Python int (audience ages): "<param> must be an integer, you passed
 * \"<value>\"".  Values beyond int64 saturate (comparisons stay right).
 */
extern int64 le_param_int(const char *param, const char *value);

/* A finite decimal number (capacity filters): "<param>: Enter a number." */
extern Numeric le_param_decimal(const char *param, const char *value);

/* A comma list: items not trimmed, empty items kept; a List of char *. */
extern List *le_param_csv(const char *value);

/*
 * start, end, last_modified_since (SPEC 1.3, D9, D16, D26):
 * "today" is 00:00 local of the current day and "now" the transaction
 * timestamp; a bare date is 00:00 local; with is_end, a bare date or "today"
 * means 00:00 local of the following day.  A datetime without an offset is
 * local (linkedevents.time_zone), or UTC when naive_is_utc.  Errors: "time in
 * invalid format (try ISO 8601 or yyyy-mm-dd)"; "Time zone given in timestamp
 * <dt> out of bounds." for offsets beyond 15 hours.
 *	 start: (value, false, false); end: (value, true, false);
 *	 last_modified_since: (value, false, true).
 */
extern TimestampTz le_param_time(const char *value, bool is_end, bool naive_is_utc);

/*
 * enrolment_open_on (SPEC 1.17): a date (00:00 local) or a datetime, local
 * unless it has an offset; no today/now.  "enrolment_open_on: Enter a valid
 * date/time."
 */
extern TimestampTz le_param_enrolment_open_on(const char *value);

/* min_duration, max_duration: "Invalid duration supplied. Try '1d', '2h' or '180m'." */
extern Interval *le_param_duration(const char *value);

/* starts_after, starts_before, ends_after, ends_before: the time of day HH:MM. */
extern TimeADT le_param_hours(const char *param, const char *value);

/*
 * weekday: bit d (1 = Monday .. 7 = Sunday) set for each listed day.
 * "weekday: Select a valid choice. <item> is not one of the available choices."
 */
extern unsigned le_param_weekdays(const char *value);

/*
 * suitable_for: the lowest and highest of one or two ages.
 * "suitable_for takes at maximum two values, you provided <n>",
 * "suitable_for must be an integer, you passed \"<item>\"".
 */
extern void le_param_suitable_for(const char *value, int64 *lo, int64 *hi);

/*
 * The SPEC 1.15 test: (min IS NULL OR min <= lo) AND (max IS NULL OR
 * max >= hi) AND NOT (both NULL).
 */
extern bool le_suitable_for(bool min_isnull, int32 min_age, bool max_isnull,
							int32 max_age, int64 lo, int64 hi);

/*
 * bbox: west, south, east, north.  "bbox must be in format
 * 'left,bottom,right,top'", "bbox values must be floating points or integers".
 */
extern void le_param_bbox(const char *value, double box[4]);

/* dwithin_origin: "Origin must be a tuple of two numbers". */
extern void le_param_dwithin_origin(const char *value, double *x, double *y);

/* dwithin_metres: "Metres must be a number". */
extern double le_param_dwithin_metres(const char *value);

/*
 * srid: "'srid' must be an integer"; an integer outside int32 cannot be a
 * SRID: "SRID <n> not found (try 4326 for GPS coordinate system)".
 */
extern int32 le_param_srid(const char *value);

/*
 * days (SPEC 1.4, D10), checked in the reference's order: "Error while
 * parsing days.", "Days must be 1 or more.", "Start or end cannot be used
 * with days." (start_or_end_given: the key start or end is present, even
 * empty).
 */
extern int64 le_param_days(const char *value, bool start_or_end_given);

/*
 * D10: the window of days=N, [00:00 local today, 00:00 local today + N days);
 * an end beyond the timestamp range is +infinity.
 */
extern void le_days_window(int64 days, TimestampTz *start, TimestampTz *end);

/* page: 1 for "", LE_PAGE_LAST for "last"; else 42704 "Invalid page." */
extern int64 le_param_page(const char *value);

/* page_size: never an error (SPEC 3). */
extern int64 le_param_page_size(const char *value, int64 default_size, int64 max_size);

/* 42704 "Invalid page.", also for a page beyond the last. */
extern void le_raise_invalid_page(void) pg_attribute_noreturn();

/*
 * The instant of a local date and time in linkedevents.time_zone.  A time
 * that occurs twice (autumn) is its first occurrence, and one that does not
 * exist (spring) is read with the offset before the change, as Python's
 * zoneinfo does with fold=0.
 */
extern TimestampTz le_local_timestamp(int year, int month, int day,
									  int hour, int minute, int second, int microsecond);

#endif							/* LE_PARAMS_H */
