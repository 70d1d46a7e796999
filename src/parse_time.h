/*
 * parse_time.h
 *	  The syntax of time parameters (layer 1, plain C): start, end,
 *	  last_modified_since (SPEC 1.3 with D16) and enrolment_open_on (1.17).
 *
 * Parsing gives the fields as written; turning them into an instant (time
 * zone, "today", "now", end-of-day rules) is the PostgreSQL side's job.
 */
#ifndef PARSE_TIME_H
#define PARSE_TIME_H

#include <stdbool.h>
#include <stddef.h>

#include "parse_scalar.h"

typedef enum LeTimeKind
{
	LE_TIME_TODAY,				/* "today": fields unset */
	LE_TIME_NOW,				/* "now": fields unset */
	LE_TIME_DATE,				/* a bare date: time fields zero */
	LE_TIME_DATETIME			/* a date and a time of day */
} LeTimeKind;

typedef struct LeParsedTime
{
	LeTimeKind	kind;
	int			year,
				month,
				day,
				hour,
				minute,
				second,
				microsecond;
	bool		has_offset;		/* "Z" or a numeric offset was given */
	int			offset_seconds; /* east of UTC */
} LeParsedTime;

/* Offsets beyond this many seconds give LE_PARSE_RANGE (SPEC 1.3). */
#define LE_TIME_MAX_OFFSET (15 * 3600)

/*
 * Accepted, after stripping white space (D16):
 *	 today, now (any case);
 *	 YYYY-M-D (4-digit year, 1- or 2-digit month and day);
 *	 YYYY-M-D followed by "T" or one space and H:MM, H:MM:SS or H:MM:SS.f
 *	 (1 or 2 hour digits, any number of fraction digits, microseconds kept),
 *	 then optionally "Z", "+HH:MM", "-HH:MM", "+HHMM" or "-HHMM"; a space
 *	 before such an offset without a sign means "+", since an unencoded "+"
 *	 arrives as a space.
 * Dates must exist (year 1-9999) and times be at most 23:59:59.  Offsets of
 * 24 hours or more are LE_PARSE_INVALID; offsets beyond 15 hours are
 * LE_PARSE_RANGE (with *out filled in, for the message).
 */
extern LeParseStatus le_parse_time(const char *s, size_t len, LeParsedTime *out);

/*
 * The datetime as Python's str(datetime) prints it, "2020-02-19 11:22:33",
 * ".500000" when there are microseconds, then "+16:00" when it has an offset.
 * buf needs LE_TIME_TEXT_SIZE bytes.  Only for kind LE_TIME_DATETIME.
 */
#define LE_TIME_TEXT_SIZE 40
extern void le_time_text(const LeParsedTime *t, char *buf);

/* Days in a month of the proleptic Gregorian calendar. */
extern int	le_days_in_month(int year, int month);

#endif							/* PARSE_TIME_H */
