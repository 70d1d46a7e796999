/*
 * parse_filter.c
 *	  The syntax of the event list's structured filter values.
 */
#include "parse_filter.h"

#include "parse_unicode.h"

LeParseStatus
le_parse_duration(const char *s, size_t len, int64_t *seconds)
{
	size_t		pos = 0;
	int64_t		value = 0;
	int64_t		unit = 1;
	bool		any_digit = false;
	uint32_t	cp;
	size_t		k,
				bad;

	le_strip_space(&s, &len);
	/* digits: any Unicode decimal digit, as Python's \d and int() */
	while (pos < len && (k = le_utf8_decode(s + pos, len - pos, &cp, &bad)) > 0 &&
		   le_digit_value(cp) >= 0)
	{
		value = value * 10 + le_digit_value(cp);
		if (value > LE_DURATION_MAX_SECONDS)
			value = LE_DURATION_MAX_SECONDS;	/* stays far from overflow */
		any_digit = true;
		pos += k;
	}
	if (!any_digit)
		return LE_PARSE_INVALID;
	while (pos < len && (k = le_utf8_decode(s + pos, len - pos, &cp, &bad)) > 0 &&
		   le_is_space(cp))
		pos += k;
	if (pos < len)
	{
		switch (s[pos])
		{
			case 'd': case 'D': unit = 86400; break;
			case 'h': case 'H': unit = 3600; break;
			case 'm': case 'M': unit = 60; break;
			case 's': case 'S': unit = 1; break;
			default:
				return LE_PARSE_INVALID;
		}
		if (++pos != len)
			return LE_PARSE_INVALID;
	}
	*seconds = (value > LE_DURATION_MAX_SECONDS / unit) ? LE_DURATION_MAX_SECONDS : value * unit;
	return LE_PARSE_OK;
}

LeHoursStatus
le_parse_hours(const char *s, size_t len, int *hour, int *minute,
			   const char **bad, size_t *bad_len)
{
	size_t		colons = 0,
				colon = len;
	int64_t		v;

	for (size_t i = 0; i < len; i++)
		if (s[i] == ':' && colons++ == 0)
			colon = i;
	if (colons > 1)
		return LE_HOURS_TOO_MANY_PARTS;
	*bad = s;
	*bad_len = colon;
	if (le_parse_int(s, colon, &v) == LE_PARSE_INVALID)
		return LE_HOURS_HOUR_NOT_NUMBER;
	if (v < 0 || v > 23)
		return LE_HOURS_HOUR_RANGE;
	*hour = (int) v;
	*minute = 0;
	if (colon + 1 >= len)
		return LE_HOURS_OK;		/* "16" or "16:" */
	*bad = s + colon + 1;
	*bad_len = len - colon - 1;
	if (le_parse_int(*bad, *bad_len, &v) == LE_PARSE_INVALID)
		return LE_HOURS_MINUTE_NOT_NUMBER;
	if (v < 0 || v > 59)
		return LE_HOURS_MINUTE_RANGE;
	*minute = (int) v;
	return LE_HOURS_OK;
}

LeParseStatus
le_parse_weekdays(const char *s, size_t len, unsigned *days,
				  const char **bad, size_t *bad_len)
{
	size_t		pos = 0;
	const char *item;
	size_t		item_len;

	*days = 0;
	while (le_csv_next(s, len, &pos, &item, &item_len))
	{
		if (item_len != 1 || item[0] < '1' || item[0] > '7')
		{
			*bad = item;
			*bad_len = item_len;
			return LE_PARSE_INVALID;
		}
		*days |= 1u << (item[0] - '0');
	}
	return LE_PARSE_OK;
}

LeAgesStatus
le_parse_suitable_for(const char *s, size_t len, int64_t *lo, int64_t *hi,
					  size_t *count, const char **bad, size_t *bad_len)
{
	size_t		pos = 0;
	const char *item;
	size_t		item_len;
	int64_t		ages[2];
	size_t		n = 0;

	*count = le_csv_count(s, len);
	if (*count > 2)
		return LE_AGES_TOO_MANY;
	while (le_csv_next(s, len, &pos, &item, &item_len))
	{
		if (le_parse_int(item, item_len, &ages[n]) == LE_PARSE_INVALID)
		{
			*bad = item;
			*bad_len = item_len;
			return LE_AGES_NOT_INTEGER;
		}
		n++;
	}
	*lo = (n == 2 && ages[1] < ages[0]) ? ages[1] : ages[0];
	*hi = (n == 2 && ages[1] > ages[0]) ? ages[1] : ages[0];
	return LE_AGES_OK;
}

/* Exactly n comma-separated finite floats. */
static LeNumbersStatus
parse_floats(const char *s, size_t len, char *scratch, double *out, size_t n)
{
	size_t		pos = 0,
				i = 0;
	const char *item;
	size_t		item_len;

	if (le_csv_count(s, len) != n)
		return LE_NUMBERS_COUNT;
	while (le_csv_next(s, len, &pos, &item, &item_len))
		if (le_parse_float(item, item_len, scratch, &out[i++]) != LE_PARSE_OK)
			return LE_NUMBERS_NOT_NUMBER;
	return LE_NUMBERS_OK;
}

LeNumbersStatus
le_parse_bbox(const char *s, size_t len, char *scratch, double box[4])
{
	return parse_floats(s, len, scratch, box, 4);
}

LeNumbersStatus
le_parse_origin(const char *s, size_t len, char *scratch, double origin[2])
{
	return parse_floats(s, len, scratch, origin, 2);
}

LeParseStatus
le_parse_page(const char *s, size_t len, int64_t *page)
{
	if (len == 0)
	{
		*page = 1;
		return LE_PARSE_OK;
	}
	if (len == 4 && s[0] == 'l' && s[1] == 'a' && s[2] == 's' && s[3] == 't')
	{
		*page = LE_PAGE_LAST;
		return LE_PARSE_OK;
	}
	/* a page beyond int64 is beyond the last page too */
	if (le_parse_int(s, len, page) != LE_PARSE_OK || *page < 1)
		return LE_PARSE_INVALID;
	return LE_PARSE_OK;
}

int64_t
le_parse_page_size(const char *s, size_t len, int64_t default_size, int64_t max_size)
{
	int64_t		size;

	if (le_parse_int(s, len, &size) == LE_PARSE_INVALID || size < 1)
		return default_size;
	return size > max_size ? max_size : size;
}
