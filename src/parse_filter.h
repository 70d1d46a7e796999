/*
 * parse_filter.h
 *	  The syntax of the event list's structured filter values (layer 1,
 *	  plain C): durations, hours of day, weekdays, suitable_for ages, bbox,
 *	  dwithin, and the page parameters.
 *
 * Inputs are length-delimited and never read past; nothing allocates.  Where
 * the API's message quotes part of the input, the function points at it
 * (*bad, *bad_len point into s).
 */
#ifndef PARSE_FILTER_H
#define PARSE_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parse_scalar.h"

/*
 * min_duration, max_duration (SPEC 1.7): after stripping white space, decimal
 * digits, optional white space, optional unit d, h, m (minutes) or s in any
 * case; no unit means seconds.  Values are clamped to LE_DURATION_MAX_SECONDS,
 * longer than any two timestamps are apart, which keeps every comparison with
 * a real duration right.
 */
#define LE_DURATION_MAX_SECONDS INT64_C(100000000000000)
extern LeParseStatus le_parse_duration(const char *s, size_t len, int64_t *seconds);

/* starts_after, starts_before, ends_after, ends_before (SPEC 1.5). */
typedef enum LeHoursStatus
{
	LE_HOURS_OK = 0,
	LE_HOURS_TOO_MANY_PARTS,	/* more than one ":" */
	LE_HOURS_HOUR_NOT_NUMBER,
	LE_HOURS_HOUR_RANGE,		/* *bad is the hour, an integer */
	LE_HOURS_MINUTE_NOT_NUMBER,
	LE_HOURS_MINUTE_RANGE		/* *bad is the minute, an integer */
} LeHoursStatus;

/*
 * "H", "H:", "H:M": each part a Python int (so " 9" and "09" work); the
 * minute is only read when non-empty.
 */
extern LeHoursStatus le_parse_hours(const char *s, size_t len, int *hour, int *minute,
									const char **bad, size_t *bad_len);

/*
 * weekday (SPEC 1.6): a comma list of ISO weekdays "1" (Monday) to "7";
 * sets bit d of *days for each.  Any other item (also an empty one) is
 * LE_PARSE_INVALID with *bad at the first such item.
 */
extern LeParseStatus le_parse_weekdays(const char *s, size_t len, unsigned *days,
									   const char **bad, size_t *bad_len);

/* suitable_for (SPEC 1.15): one or two Python ints, in any order. */
typedef enum LeAgesStatus
{
	LE_AGES_OK = 0,
	LE_AGES_TOO_MANY,			/* more than two items; *count says how many */
	LE_AGES_NOT_INTEGER			/* *bad is the first item that is not an int */
} LeAgesStatus;

extern LeAgesStatus le_parse_suitable_for(const char *s, size_t len,
										  int64_t *lo, int64_t *hi, size_t *count,
										  const char **bad, size_t *bad_len);

/*
 * bbox (SPEC 1.8): exactly four Python floats "west,south,east,north";
 * scratch needs len + 1 bytes.
 */
typedef enum LeNumbersStatus
{
	LE_NUMBERS_OK = 0,
	LE_NUMBERS_COUNT,			/* not the expected number of items */
	LE_NUMBERS_NOT_NUMBER		/* an item is not a finite float */
} LeNumbersStatus;

extern LeNumbersStatus le_parse_bbox(const char *s, size_t len, char *scratch,
									 double box[4]);

/* dwithin_origin (SPEC 1.8): exactly two Python floats "x,y". */
extern LeNumbersStatus le_parse_origin(const char *s, size_t len, char *scratch,
									   double origin[2]);

/*
 * page (SPEC 3): "" is page 1, "last" is LE_PAGE_LAST, a Python int >= 1 is
 * that page; anything else (also "2.0") is LE_PARSE_INVALID.
 */
#define LE_PAGE_LAST 0
extern LeParseStatus le_parse_page(const char *s, size_t len, int64_t *page);

/*
 * page_size (SPEC 3): a Python int >= 1, at most max_size; anything else
 * means default_size.  Never an error.
 */
extern int64_t le_parse_page_size(const char *s, size_t len, int64_t default_size,
								  int64_t max_size);

#endif							/* PARSE_FILTER_H */
