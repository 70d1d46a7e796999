/*
 * event_query_values.c
 *	  Query-string decoding and value parsers for the event list.
 *
 * PRIVATE STAND-IN for the `parsers` branch (see event_query_values.h).
 * Messages are the API's, verbatim (SPEC 0.5, 1.3-1.7, D2, D16).
 */
#include "postgres.h"

#include <ctype.h>
#include <math.h>

#include "access/xact.h"
#include "catalog/pg_collation.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/formatting.h"
#include "utils/timestamp.h"

#include "event_query.h"
#include "event_query_values.h"
#include "linkedevents.h"

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Form-decode s[0..len): '+' is a space, %XX a byte; a NUL byte or invalid
 * UTF-8 is a 400.
 */
static char *
form_decode(const char *s, int len)
{
	StringInfoData out;

	initStringInfo(&out);
	for (int i = 0; i < len; i++)
	{
		char		c = s[i];

		if (c == '+')
			c = ' ';
		else if (c == '%' && i + 2 < len &&
				 hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0)
		{
			c = (char) (hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
			i += 2;
		}
		if (c == '\0')
			le_bad_parameter("A string literal cannot contain NUL (0x00) characters. Please fix query parameter %s",
							 out.data);
		appendStringInfoChar(&out, c);
	}
	/* decoded bytes become text values: they must be valid in the encoding */
	if (!pg_verifymbstr(out.data, out.len, true))
		le_bad_parameter("The query string is not valid UTF-8.");
	return out.data;
}

/* The query string's parameters, in order, repeats kept (SPEC 0.5). */
List *
le_decode_query(const char *query)
{
	List	   *params = NIL;
	const char *p = query ? query : "";

	while (*p)
	{
		const char *end = strchr(p, '&');
		const char *eq;
		int			len = end ? (int) (end - p) : (int) strlen(p);

		eq = memchr(p, '=', len);
		if (len > 0)
		{
			QueryParam *param = palloc(sizeof(QueryParam));

			param->key = form_decode(p, eq ? (int) (eq - p) : len);
			param->value = eq ? form_decode(eq + 1, len - (int) (eq - p) - 1) : pstrdup("");
			params = lappend(params, param);
		}
		p += len;
		if (*p == '&')
			p++;
	}
	return params;
}

/* Comma-split, no trimming, empty items kept (SPEC 0.5 "CSV"). */
List *
le_split_csv(const char *value)
{
	List	   *items = NIL;
	const char *p = value;

	for (;;)
	{
		const char *comma = strchr(p, ',');

		if (comma == NULL)
		{
			items = lappend(items, pstrdup(p));
			return items;
		}
		items = lappend(items, pnstrdup(p, comma - p));
		p = comma + 1;
	}
}

/* D2: true/True/TRUE/1 and false/False/FALSE/0, anything else a 400. */
bool
le_parse_bool_param(const char *name, const char *value)
{
	if (strcmp(value, "true") == 0 || strcmp(value, "True") == 0 ||
		strcmp(value, "TRUE") == 0 || strcmp(value, "1") == 0)
		return true;
	if (strcmp(value, "false") == 0 || strcmp(value, "False") == 0 ||
		strcmp(value, "FALSE") == 0 || strcmp(value, "0") == 0)
		return false;
	le_bad_parameter("%s can take the values True or False. You passed %s.", name, value);
	pg_unreachable();
}

/*
 * Python int(): surrounding white space, an optional sign, ASCII digits with
 * single underscores between them.
 */
bool
le_parse_python_int(const char *s, int64 *result)
{
	int64		v = 0;
	bool		negative = false;
	bool		digit_seen = false;

	while (isspace((unsigned char) *s))
		s++;
	if (*s == '+' || *s == '-')
		negative = (*s++ == '-');
	for (; *s; s++)
	{
		if (*s >= '0' && *s <= '9')
		{
			if (v > (PG_INT64_MAX - (*s - '0')) / 10)
				return false;
			v = v * 10 + (*s - '0');
			digit_seen = true;
		}
		else if (*s == '_' && digit_seen && s[1] >= '0' && s[1] <= '9')
			continue;
		else
			break;
	}
	while (isspace((unsigned char) *s))
		s++;
	if (!digit_seen || *s)
		return false;
	*result = negative ? -v : v;
	return true;
}

/* A finite decimal number such as 35, -1.5 or 35.01, white space around. */
bool
le_parse_float(const char *s, double *result)
{
	char	   *end;
	const char *p = s;

	while (isspace((unsigned char) *p))
		p++;
	/* strtod also reads hex, inf and nan; the API's numbers are decimal */
	for (const char *c = p; *c && !isspace((unsigned char) *c); c++)
		if (!(isdigit((unsigned char) *c) || *c == '.' || *c == '-' ||
			  *c == '+' || *c == 'e' || *c == 'E'))
			return false;
	if (*p == '\0')
		return false;
	*result = strtod(p, &end);
	while (isspace((unsigned char) *end))
		end++;
	return *end == '\0' && end != p && isfinite(*result);
}

/* SPEC 1.5: "16", "16:", "16:30", "09:5" -> minutes since midnight. */
int
le_parse_hour_param(const char *name, const char *value)
{
	List	   *parts = NIL;
	const char *p = value;
	int64		hour;
	int64		minute = 0;

	for (;;)
	{
		const char *colon = strchr(p, ':');

		parts = lappend(parts, colon ? pnstrdup(p, colon - p) : pstrdup(p));
		if (!colon)
			break;
		p = colon + 1;
	}
	if (list_length(parts) > 2)
		le_bad_parameter("Only hours and minutes can be given in %s. For example: 16:00.", name);
	if (!le_parse_python_int(linitial(parts), &hour))
		le_bad_parameter("Hours should be passed as numbers in %s. For example: 16:00.", name);
	if (hour < 0 || hour > 23)
		le_bad_parameter("Hours should be between 0 and 23 in %s, for example: 16:00. You have passed " INT64_FORMAT ".",
						 name, hour);
	if (list_length(parts) == 2 && *(char *) lsecond(parts) != '\0')
	{
		if (!le_parse_python_int(lsecond(parts), &minute))
			le_bad_parameter("Minutes should be passed as numbers in %s. For example: 16:20.", name);
		if (minute < 0 || minute > 59)
			le_bad_parameter("Minutes should be between 0 and 59 in %s as in 16:20. You passed " INT64_FORMAT ".",
							 name, minute);
	}
	return (int) (hour * 60 + minute);
}

/* SPEC 1.7: digits, optional white space, optional unit d/h/m/s -> seconds. */
int64
le_parse_duration(const char *value)
{
	const char *p = value;
	int64		n = 0;
	int64		unit = 1;
	bool		digit_seen = false;

	while (isspace((unsigned char) *p))
		p++;
	for (; isdigit((unsigned char) *p); p++)
	{
		if (n > (PG_INT64_MAX / 86400 - (*p - '0')) / 10)
			goto invalid;
		n = n * 10 + (*p - '0');
		digit_seen = true;
	}
	while (isspace((unsigned char) *p))
		p++;
	switch (tolower((unsigned char) *p))
	{
		case 'd':
			unit = 86400;
			p++;
			break;
		case 'h':
			unit = 3600;
			p++;
			break;
		case 'm':
			unit = 60;
			p++;
			break;
		case 's':
			p++;
			break;
	}
	while (isspace((unsigned char) *p))
		p++;
	if (digit_seen && *p == '\0')
		return n * unit;
invalid:
	le_bad_parameter("Invalid duration supplied. Try '1d', '2h' or '180m'.");
	pg_unreachable();
}

/* Read 1..maxlen digits into *v; false if none. */
static bool
read_digits(const char **p, int minlen, int maxlen, int *v)
{
	int			n = 0;

	*v = 0;
	while (n < maxlen && isdigit((unsigned char) **p))
	{
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n >= minlen && !isdigit((unsigned char) **p);
}

static TimestampTz
timestamptz_from_text(const char *text)
{
	return DatumGetTimestampTz(DirectFunctionCall3(timestamptz_in,
												   CStringGetDatum(text),
												   ObjectIdGetDatum(InvalidOid),
												   Int32GetDatum(-1)));
}

/* 00:00 in linkedevents.time_zone of the day y-m-d plus days. */
static TimestampTz
local_midnight(int y, int m, int d, int days)
{
	j2date(date2j(y, m, d) + days, &y, &m, &d);
	return timestamptz_from_text(psprintf("%04d-%02d-%02d 00:00:00 %s", y, m, d, le_time_zone));
}

/* 00:00 in linkedevents.time_zone of today plus days; today is of now() (D26). */
TimestampTz
le_local_midnight(int days_from_today)
{
	Timestamp	local;
	struct pg_tm tm;
	fsec_t		fsec;

	local = DatumGetTimestamp(DirectFunctionCall2(timestamptz_zone,
												  CStringGetTextDatum(le_time_zone),
												  TimestampTzGetDatum(GetCurrentTransactionStartTimestamp())));
	if (timestamp2tm(local, NULL, &tm, &fsec, NULL, NULL) != 0)
		elog(ERROR, "timestamp out of range");
	return local_midnight(tm.tm_year, tm.tm_mon, tm.tm_mday, days_from_today);
}

typedef enum TimeScan
{
	TIME_INVALID,
	TIME_DATE,					/* a bare date */
	TIME_DATETIME,
	TIME_OFFSET_OUT_OF_BOUNDS
} TimeScan;

/*
 * D16: YYYY-M-D, or an ISO 8601 date-time with T or space, optional seconds
 * and fraction, Z or a +-HH:MM / +-HHMM offset (a space before a trailing
 * HH:MM offset is a '+' that arrived unencoded). Writes the instant to
 * *result; naive date-times are in naive_zone, bare dates in
 * linkedevents.time_zone plus date_days days. *shown gets Python's
 * str(datetime) for messages.
 */
static TimeScan
scan_time(const char *s, const char *naive_zone, int date_days,
		  TimestampTz *result, char **shown)
{
	int			y, mo, d, h = 0, mi = 0, sec = 0, oh = 0, om = 0;
	char		frac[8] = "";
	char		sign = 0;
	const char *p = s;

	if (!read_digits(&p, 4, 4, &y) || *p++ != '-' ||
		!read_digits(&p, 1, 2, &mo) || *p++ != '-' || !read_digits(&p, 1, 2, &d))
		return TIME_INVALID;
	if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > day_tab[isleap(y)][mo - 1])
		return TIME_INVALID;
	if (*p == '\0')
	{
		*result = local_midnight(y, mo, d, date_days);
		return TIME_DATE;
	}
	if (*p != 'T' && *p != ' ')
		return TIME_INVALID;
	p++;
	if (!read_digits(&p, 2, 2, &h) || *p++ != ':' || !read_digits(&p, 2, 2, &mi))
		return TIME_INVALID;
	if (*p == ':')
	{
		p++;
		if (!read_digits(&p, 2, 2, &sec))
			return TIME_INVALID;
		if (*p == '.')
		{
			int			n = 0;

			for (p++; isdigit((unsigned char) *p); p++)
				if (n < 6)
					frac[n++] = *p;
			if (n == 0)
				return TIME_INVALID;
			while (n < 6)
				frac[n++] = '0';
		}
	}
	if (h > 23 || mi > 59 || sec > 59)
		return TIME_INVALID;
	if (*p == 'Z')
	{
		sign = '+';
		p++;
	}
	else if (*p == '+' || *p == '-' || *p == ' ')
	{
		sign = (*p == '-') ? '-' : '+';
		p++;
		if (!read_digits(&p, 2, 2, &oh))
			return TIME_INVALID;
		if (*p == ':')
			p++;
		if (!read_digits(&p, 2, 2, &om))
			return TIME_INVALID;
		if (oh > 23 || om > 59)
			return TIME_INVALID;
	}
	if (*p != '\0')
		return TIME_INVALID;

	if (frac[0] != '\0' && strspn(frac, "0") == 6)
		frac[0] = '\0';
	*shown = psprintf("%04d-%02d-%02d %02d:%02d:%02d%s%s", y, mo, d, h, mi, sec,
					  frac[0] ? "." : "", frac);
	if (sign)
	{
		*shown = psprintf("%s%c%02d:%02d", *shown, sign, oh, om);
		if (oh * 60 + om > 15 * 60)
			return TIME_OFFSET_OUT_OF_BOUNDS;
		*result = timestamptz_from_text(*shown);
	}
	else
		*result = timestamptz_from_text(psprintf("%s %s", *shown, naive_zone));
	return TIME_DATETIME;
}

/*
 * SPEC 1.3: the value of start, end or last_modified_since. today and bare
 * dates are 00:00 of that day in linkedevents.time_zone; with is_end they
 * move to 00:00 of the next day (exclusive end of the day).
 */
TimestampTz
le_parse_time_param(const char *value, bool is_end, const char *naive_zone)
{
	char	   *s = pstrdup(value);
	char	   *end;
	char	   *shown = NULL;
	TimestampTz result;

	while (isspace((unsigned char) *s))
		s++;
	for (end = s + strlen(s); end > s && isspace((unsigned char) end[-1]); end--)
		*(end - 1) = '\0';

	if (pg_strcasecmp(s, "now") == 0)
		return GetCurrentTransactionStartTimestamp();
	if (pg_strcasecmp(s, "today") == 0)
		return le_local_midnight(is_end ? 1 : 0);

	switch (scan_time(s, naive_zone, is_end ? 1 : 0, &result, &shown))
	{
		case TIME_DATE:
		case TIME_DATETIME:
			return result;
		case TIME_OFFSET_OUT_OF_BOUNDS:
			le_bad_parameter("Time zone given in timestamp %s out of bounds.", shown);
			break;
		case TIME_INVALID:
			break;
	}
	le_bad_parameter("time in invalid format (try ISO 8601 or yyyy-mm-dd)");
	pg_unreachable();
}

/*
 * A Django form date-time (enrolment_open_on): ISO 8601 with T or space,
 * or a bare date (00:00); naive values in linkedevents.time_zone.
 */
bool
le_parse_form_datetime(const char *value, TimestampTz *result)
{
	char	   *shown;

	switch (scan_time(value, le_time_zone, 0, result, &shown))
	{
		case TIME_DATE:
		case TIME_DATETIME:
			return true;
		default:
			return false;
	}
}

static bool
is_word_byte(unsigned char c)
{
	return isalpha(c) || c >= 0x80;
}

/*
 * Python's str.title(): each run of letters starts upper-case and goes on
 * lower-case ("itä-pasila" -> "Itä-Pasila", "vallila2x" -> "Vallila2X").
 * Bytes of multi-byte characters count as letters; their case follows the
 * database's default collation.
 */
char *
le_title_case(const char *s)
{
	StringInfoData out;
	bool		in_word = false;

	initStringInfo(&out);
	while (*s)
	{
		int			len = pg_mblen(s);
		char	   *mapped;

		if (is_word_byte((unsigned char) *s))
		{
			mapped = in_word ? str_tolower(s, len, DEFAULT_COLLATION_OID)
				: str_toupper(s, len, DEFAULT_COLLATION_OID);
			in_word = true;
		}
		else
		{
			mapped = pnstrdup(s, len);
			in_word = false;
		}
		appendStringInfoString(&out, mapped);
		s += len;
	}
	return out.data;
}
