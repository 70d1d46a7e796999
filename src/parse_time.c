/*
 * parse_time.c
 *	  The syntax of time parameters; see the header for what is accepted.
 *
 * The reference parses with dateutil, which guesses at almost anything
 * ("2020" is a day of 2020, "12:00" is today noon); SPEC D16 keeps only the
 * ISO forms.  Digits are ASCII only here.
 */
#include "parse_time.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parse_unicode.h"

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads between min and max ASCII digits at s[*pos]. */
static bool
read_number(const char *s, size_t len, size_t *pos, int min, int max, int *out)
{
	int			n = 0;

	*out = 0;
	while (n < max && *pos < len && is_digit(s[*pos]))
	{
		*out = *out * 10 + (s[*pos] - '0');
		(*pos)++;
		n++;
	}
	return n >= min;
}

static bool
read_char(const char *s, size_t len, size_t *pos, char c)
{
	if (*pos < len && s[*pos] == c)
	{
		(*pos)++;
		return true;
	}
	return false;
}

static bool
equals_ci(const char *s, size_t len, const char *word)
{
	size_t		n = strlen(word);

	if (len != n)
		return false;
	for (size_t i = 0; i < n; i++)
	{
		char		c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char) (c - 'A' + 'a');
		if (c != word[i])
			return false;
	}
	return true;
}

int
le_days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool		leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return (month == 2 && leap) ? 29 : days[month - 1];
}

/* HH:MM or HHMM after the sign; returns the offset in seconds or -1. */
static long
read_offset(const char *s, size_t len, size_t *pos)
{
	int			hours,
				minutes;

	if (!read_number(s, len, pos, 2, 2, &hours))
		return -1;
	read_char(s, len, pos, ':');
	if (!read_number(s, len, pos, 2, 2, &minutes) || minutes > 59)
		return -1;
	return hours * 3600L + minutes * 60L;
}

LeParseStatus
le_parse_time(const char *s, size_t len, LeParsedTime *out)
{
	size_t		pos = 0;
	long		offset;

	memset(out, 0, sizeof(*out));
	le_strip_space(&s, &len);
	if (equals_ci(s, len, "today"))
	{
		out->kind = LE_TIME_TODAY;
		return LE_PARSE_OK;
	}
	if (equals_ci(s, len, "now"))
	{
		out->kind = LE_TIME_NOW;
		return LE_PARSE_OK;
	}

	if (!read_number(s, len, &pos, 4, 4, &out->year) || !read_char(s, len, &pos, '-') ||
		!read_number(s, len, &pos, 1, 2, &out->month) || !read_char(s, len, &pos, '-') ||
		!read_number(s, len, &pos, 1, 2, &out->day))
		return LE_PARSE_INVALID;
	if (out->year < 1 || out->month < 1 || out->month > 12 ||
		out->day < 1 || out->day > le_days_in_month(out->year, out->month))
		return LE_PARSE_INVALID;
	out->kind = LE_TIME_DATE;
	if (pos == len)
		return LE_PARSE_OK;

	out->kind = LE_TIME_DATETIME;
	if (!read_char(s, len, &pos, 'T') && !read_char(s, len, &pos, ' '))
		return LE_PARSE_INVALID;
	if (!read_number(s, len, &pos, 1, 2, &out->hour) || !read_char(s, len, &pos, ':') ||
		!read_number(s, len, &pos, 2, 2, &out->minute))
		return LE_PARSE_INVALID;
	if (read_char(s, len, &pos, ':'))
	{
		if (!read_number(s, len, &pos, 2, 2, &out->second))
			return LE_PARSE_INVALID;
		if (read_char(s, len, &pos, '.'))
		{
			int			ndigits = 0;

			/* microseconds: the first 6 digits, the rest ignored */
			for (; pos < len && is_digit(s[pos]); pos++, ndigits++)
				if (ndigits < 6)
					out->microsecond = out->microsecond * 10 + (s[pos] - '0');
			if (ndigits == 0)
				return LE_PARSE_INVALID;
			for (; ndigits < 6; ndigits++)
				out->microsecond *= 10;
		}
	}
	if (out->hour > 23 || out->minute > 59 || out->second > 59)
		return LE_PARSE_INVALID;
	if (pos == len)
		return LE_PARSE_OK;

	out->has_offset = true;
	if (read_char(s, len, &pos, 'Z'))
		offset = 0;
	else
	{
		int			sign = 1;

		if (read_char(s, len, &pos, '-'))
			sign = -1;
		else if (!read_char(s, len, &pos, '+') && !read_char(s, len, &pos, ' '))
			return LE_PARSE_INVALID;
		offset = read_offset(s, len, &pos);
		if (offset < 0 || offset >= 24 * 3600)
			return LE_PARSE_INVALID;
		offset *= sign;
	}
	if (pos != len)
		return LE_PARSE_INVALID;
	out->offset_seconds = (int) offset;
	if (offset > LE_TIME_MAX_OFFSET || offset < -LE_TIME_MAX_OFFSET)
		return LE_PARSE_RANGE;
	return LE_PARSE_OK;
}

void
le_time_text(const LeParsedTime *t, char *buf)
{
	int			n;

	n = snprintf(buf, LE_TIME_TEXT_SIZE, "%04d-%02d-%02d %02d:%02d:%02d",
				 t->year, t->month, t->day, t->hour, t->minute, t->second);
	if (t->microsecond != 0)
		n += snprintf(buf + n, LE_TIME_TEXT_SIZE - n, ".%06d", t->microsecond);
	if (t->has_offset)
	{
		int			a = t->offset_seconds < 0 ? -t->offset_seconds : t->offset_seconds;

		snprintf(buf + n, LE_TIME_TEXT_SIZE - n, "%c%02d:%02d",
				 t->offset_seconds < 0 ? '-' : '+', a / 3600, a / 60 % 60);
	}
}
