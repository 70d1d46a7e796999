/*
 * test_fuzz.c
 *	  Mutation loops over every layer-1 parser: a million inputs each, made
 *	  from valid inputs by byte flips, insertions, deletions, truncations and
 *	  long runs, with a fixed seed.  Each input sits in a heap block of
 *	  exactly its length (no NUL), so AddressSanitizer reports any read past
 *	  it; the loops also check that what parses re-parses to the same value.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>

#include "parse_filter.h"
#include "parse_photo.h"
#include "parse_querystring.h"
#include "parse_scalar.h"
#include "parse_time.h"
#include "unit.h"

#define ITERATIONS 1000000
#define MAX_INPUT 300

static uint64_t rng_state;

static uint64_t
rng(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

/* Bytes that matter to some parser, and pieces of multi-byte characters. */
static const char interesting[] = "%&=+:,.-_eEZT 0123456789dhmsx\t\xC3\xA4\xEF\xBC\x91\x80\xFF\xD9\xA1\xE3";

/* Makes a mutated copy of a random seed into buf; returns its length. */
static size_t
mutate(const char *const *seeds, size_t nseeds, char *buf)
{
	const char *seed = seeds[rng() % nseeds];
	size_t		len = strlen(seed);
	int			rounds = 1 + (int) (rng() % 4);

	memcpy(buf, seed, len);
	for (int r = 0; r < rounds; r++)
	{
		size_t		at = len ? rng() % (len + 1) : 0;
		char		c = (rng() % 2) ? (char) rng() : interesting[rng() % (sizeof(interesting) - 1)];

		switch (rng() % 6)
		{
			case 0:				/* flip */
				if (at < len)
					buf[at] = c;
				break;
			case 1:				/* insert */
				if (len < MAX_INPUT)
				{
					memmove(buf + at + 1, buf + at, len - at);
					buf[at] = c;
					len++;
				}
				break;
			case 2:				/* delete */
				if (at < len)
				{
					memmove(buf + at, buf + at + 1, len - at - 1);
					len--;
				}
				break;
			case 3:				/* truncate */
				len = at;
				break;
			case 4:				/* long run */
				{
					size_t		run = rng() % 200;

					if (len + run > MAX_INPUT)
						run = MAX_INPUT - len;
					memmove(buf + at + run, buf + at, len - at);
					memset(buf + at, c, run);
					len += run;
				}
				break;
			default:			/* splice in another seed */
				{
					const char *other = seeds[rng() % nseeds];
					size_t		olen = strlen(other);

					if (len + olen <= MAX_INPUT)
					{
						memmove(buf + at + olen, buf + at, len - at);
						memcpy(buf + at, other, olen);
						len += olen;
					}
				}
				break;
		}
	}
	return len;
}

/*
 * Runs check on ITERATIONS mutated inputs, each in an exact-size heap block;
 * check returns 0 when an invariant fails.  One unit check per loop.
 */
typedef int (*FuzzCheck) (const char *s, size_t len);

static void
fuzz(const char *name, const char *const *seeds, size_t nseeds, FuzzCheck check)
{
	char		buf[MAX_INPUT + 1];
	long		failures = 0;

	for (long i = 0; i < ITERATIONS; i++)
	{
		size_t		len = mutate(seeds, nseeds, buf);
		char	   *exact = malloc(len ? len : 1);

		memcpy(exact, buf, len);
		if (!check(exact, len) && failures++ == 0)
			fprintf(stderr, "fuzz %s: invariant failed for \"%.*s\"\n", name, (int) len, buf);
		free(exact);
	}
	CHECK(failures == 0);
}

static int
check_query(const char *s, size_t len)
{
	char	   *buf = malloc(len + 1);
	size_t		max = le_query_max_params(s, len);
	LeQueryParam *params = malloc(max * sizeof(LeQueryParam));
	size_t		n;
	LeQueryError err;
	LeQueryStatus st;
	int			ok = 1;

	memcpy(buf, s, len);
	st = le_query_decode(buf, len, params, &n, &err);
	if (n > max || (st == LE_QUERY_BAD_ESCAPE && (err.offset >= len || s[err.offset] != '%')))
		ok = 0;
	for (size_t i = 0; i < n; i++)
		if (strlen(params[i].key) != params[i].key_len ||
			strlen(params[i].value) != params[i].value_len)
			ok = 0;
	free(params);
	free(buf);
	return ok;
}

static int
check_int(const char *s, size_t len)
{
	int64_t		v,
				again;
	char		text[MAX_INPUT + 2];
	LeParseStatus st = le_parse_int(s, len, &v);
	size_t		tlen;

	if (st == LE_PARSE_INVALID)
		return 1;
	tlen = le_int_text(s, len, text, sizeof(text));
	return le_parse_int(text, tlen, &again) == st && again == v;
}

static int
check_decimal(const char *s, size_t len)
{
	char		out[MAX_INPUT + 16],
				again[MAX_INPUT + 32];

	if (le_parse_decimal(s, len, out, sizeof(out)) != LE_PARSE_OK)
		return 1;
	if (strstr(out, "Infinity"))
		return 1;
	return le_parse_decimal(out, strlen(out), again, sizeof(again)) == LE_PARSE_OK &&
		strcmp(out, again) == 0;
}

static int
check_float(const char *s, size_t len)
{
	char	   *scratch = malloc(len + 1);
	double		v;
	int			ok = le_parse_float(s, len, scratch, &v) != LE_PARSE_OK || isfinite(v);

	free(scratch);
	return ok;
}

static int
check_time(const char *s, size_t len)
{
	LeParsedTime t,
				again;
	char		text[80];
	LeParseStatus st = le_parse_time(s, len, &t);
	int			n;

	if (st == LE_PARSE_INVALID || t.kind == LE_TIME_TODAY || t.kind == LE_TIME_NOW)
		return 1;
	if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > le_days_in_month(t.year, t.month) ||
		t.hour > 23 || t.minute > 59 || t.second > 59 || t.microsecond > 999999)
		return 0;
	if (t.kind == LE_TIME_DATE)
		n = snprintf(text, sizeof(text), "%04d-%d-%d", t.year, t.month, t.day);
	else
		n = snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:%02d.%06d",
					 t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond);
	if (t.has_offset)
	{
		int			a = abs(t.offset_seconds);

		snprintf(text + n, sizeof(text) - n, "%c%02d:%02d", t.offset_seconds < 0 ? '-' : '+',
				 a / 3600, a / 60 % 60);
	}
	return le_parse_time(text, strlen(text), &again) == st &&
		memcmp(&t, &again, sizeof(t)) == 0;
}

static int
check_duration(const char *s, size_t len)
{
	int64_t		v,
				again;
	char		text[32];

	if (le_parse_duration(s, len, &v) != LE_PARSE_OK)
		return 1;
	snprintf(text, sizeof(text), "%" PRId64 "s", v);
	return v >= 0 && v <= LE_DURATION_MAX_SECONDS &&
		le_parse_duration(text, strlen(text), &again) == LE_PARSE_OK && again == v;
}

static int
check_hours(const char *s, size_t len)
{
	int			h,
				m,
				h2,
				m2;
	const char *bad;
	size_t		bad_len;
	char		text[16];
	LeHoursStatus st = le_parse_hours(s, len, &h, &m, &bad, &bad_len);

	if (st != LE_HOURS_OK)
		return st == LE_HOURS_TOO_MANY_PARTS || (bad >= s && bad + bad_len <= s + len);
	snprintf(text, sizeof(text), "%d:%d", h, m);
	return h >= 0 && h <= 23 && m >= 0 && m <= 59 &&
		le_parse_hours(text, strlen(text), &h2, &m2, &bad, &bad_len) == LE_HOURS_OK &&
		h2 == h && m2 == m;
}

static int
check_weekdays(const char *s, size_t len)
{
	unsigned	days;
	const char *bad;
	size_t		bad_len;

	if (le_parse_weekdays(s, len, &days, &bad, &bad_len) != LE_PARSE_OK)
		return bad >= s && bad + bad_len <= s + len;
	return days != 0 && (days & ~0xFEu) == 0;
}

static int
check_ages(const char *s, size_t len)
{
	int64_t		lo,
				hi;
	size_t		count;
	const char *bad;
	size_t		bad_len;
	LeAgesStatus st = le_parse_suitable_for(s, len, &lo, &hi, &count, &bad, &bad_len);

	if (st == LE_AGES_OK)
		return lo <= hi;
	if (st == LE_AGES_TOO_MANY)
		return count > 2;
	return bad >= s && bad + bad_len <= s + len;
}

static int
check_bbox(const char *s, size_t len)
{
	char	   *scratch = malloc(len + 1);
	double		box[4];
	int			ok = le_parse_bbox(s, len, scratch, box) != LE_NUMBERS_OK ||
		(isfinite(box[0]) && isfinite(box[1]) && isfinite(box[2]) && isfinite(box[3]));

	free(scratch);
	return ok;
}

static int
check_page(const char *s, size_t len)
{
	int64_t		page;
	int64_t		size = le_parse_page_size(s, len, 20, 100);

	if (size < 1 || size > 100)
		return 0;
	return le_parse_page(s, len, &page) != LE_PARSE_OK || page >= 0;
}

static int
check_photo_count(const char *s, size_t len)
{
	int64_t		v,
				again;
	char		text[32];
	LeParseStatus st = le_parse_photo_count(s, len, 1, 100, &v);

	if (st == LE_PARSE_INVALID)
		return 1;
	if (st == LE_PARSE_OK && (v < 1 || v > 100))
		return 0;
	snprintf(text, sizeof(text), "%" PRId64, v);
	return le_parse_photo_count(text, strlen(text), 1, 100, &again) == st && again == v;
}

static int
check_photo_flag(const char *s, size_t len)
{
	int			v;

	if (le_parse_photo_flag(s, len, &v) != LE_PARSE_OK)
		return 1;
	return len == 1 && (v == 0 || v == 1) && s[0] == '0' + v;
}

static int
check_photo_sort(const char *s, size_t len)
{
	LePhotoSortField field,
				again;
	bool		desc,
				again_desc;
	char		text[64];

	if (le_parse_photo_sort(s, len, &field, &desc) != LE_PARSE_OK)
		return 1;
	if (field < 0 || field >= LE_PHOTO_SORT_NFIELDS)
		return 0;
	snprintf(text, sizeof(text), "%s:%s", le_photo_sort_names[field], desc ? "desc" : "asc");
	return le_parse_photo_sort(text, strlen(text), &again, &again_desc) == LE_PARSE_OK &&
		again == field && again_desc == desc;
}

static int
check_source_reference(const char *s, size_t len)
{
	size_t		name_len,
				id_start;

	if (le_parse_source_reference(s, len, &name_len, &id_start) != LE_PARSE_OK)
		return 1;
	return name_len > 0 && id_start == name_len + 1 && id_start < len &&
		s[name_len] == ':' && memchr(s, ':', name_len) == NULL;
}

#define FUZZ(name, check, ...) \
	do { \
		static const char *const seeds_[] = {__VA_ARGS__}; \
		fuzz(name, seeds_, sizeof(seeds_) / sizeof(seeds_[0]), check); \
	} while (0)

void		test_fuzz(void);

void
test_fuzz(void)
{
	rng_state = UINT64_C(0x9E3779B97F4A7C15);
	FUZZ("query", check_query, "a=1&b=2", "keyword=yso%3Ap1%2Cyso%3Ap2&text=a+b",
		 "q=%C3%A4iti&x=%F0%9F%98%80", "a&&b=&=c", "q=%E2%82");
	FUZZ("int", check_int, "12", " -1_000 ", "\xEF\xBC\x91\xEF\xBC\x92", "9223372036854775807", "+0");
	FUZZ("decimal", check_decimal, "10.50", "-1.5e+3", ".5", "1_0.0_1", "1e999", "0.000");
	FUZZ("float", check_float, "24.9", "-1.5e-3", "1e308", ".5", "7");
	FUZZ("time", check_time, "today", "now", "2022-3-27", "2020-02-19T11:22:33.123456+02:00",
		 "2020-02-19 11:22:33 0200", "2020-02-19T11:22:33Z", "2024-02-29T23:59:59-15:00");
	FUZZ("duration", check_duration, "3 H", "86400", "180m", "2d", "0s");
	FUZZ("hours", check_hours, "16", "16:", "09:5", "23:59", " 1_0:3_0");
	FUZZ("weekdays", check_weekdays, "1", "1,2,5,6,7", "7,3");
	FUZZ("suitable_for", check_ages, "12", "12, 11", "11,13");
	FUZZ("bbox", check_bbox, "24.9,60.1,25.1,60.3", "-1,2e1,3,4", "1,2");
	FUZZ("page", check_page, "1", "last", "2.0", "100", "");
	FUZZ("photo count", check_photo_count, "0", "25", "100", "2147483647", "007");
	FUZZ("photo flag", check_photo_flag, "0", "1");
	FUZZ("photo sort", check_photo_sort, "lastUpdatedDate", "tags.slug:desc", "context.neutralSlug:asc",
		 "tags.externalSourceReference");
	FUZZ("source reference", check_source_reference, "opta:t43", "a:b:c", "x:");
}
