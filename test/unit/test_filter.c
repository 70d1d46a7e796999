/*
 * test_filter.c
 *	  Durations, hours, weekdays, suitable_for, bbox, dwithin and pages:
 *	  every example of SPEC for them.
 */
#include "parse_filter.h"
#include "unit.h"

static void
check_duration(const char *s, LeParseStatus want, int64_t want_seconds)
{
	int64_t		v = -1;

	CHECK(le_parse_duration(s, strlen(s), &v) == want);
	if (want == LE_PARSE_OK)
		CHECK(v == want_seconds);
}

/* want_bad: the quoted part for the range and number errors */
static void
check_hours(const char *s, LeHoursStatus want, int want_hour, int want_minute,
			const char *want_bad)
{
	int			h = -1,
				m = -1;
	const char *bad = NULL;
	size_t		bad_len = 0;
	char		got[64];

	CHECK(le_parse_hours(s, strlen(s), &h, &m, &bad, &bad_len) == want);
	if (want == LE_HOURS_OK)
		CHECK(h == want_hour && m == want_minute);
	else if (want_bad)
	{
		snprintf(got, sizeof(got), "%.*s", (int) bad_len, bad);
		CHECK_STR(got, want_bad);
	}
}

static void
check_weekdays(const char *s, LeParseStatus want, unsigned want_days, const char *want_bad)
{
	unsigned	days = 0;
	const char *bad = NULL;
	size_t		bad_len = 0;
	char		got[64];

	CHECK(le_parse_weekdays(s, strlen(s), &days, &bad, &bad_len) == want);
	if (want == LE_PARSE_OK)
		CHECK(days == want_days);
	else
	{
		snprintf(got, sizeof(got), "%.*s", (int) bad_len, bad);
		CHECK_STR(got, want_bad);
	}
}

static void
check_ages(const char *s, LeAgesStatus want, int64_t want_lo, int64_t want_hi,
		   size_t want_count, const char *want_bad)
{
	int64_t		lo = -1,
				hi = -1;
	size_t		count = 0;
	const char *bad = NULL;
	size_t		bad_len = 0;
	char		got[64];

	CHECK(le_parse_suitable_for(s, strlen(s), &lo, &hi, &count, &bad, &bad_len) == want);
	if (want == LE_AGES_OK)
		CHECK(lo == want_lo && hi == want_hi);
	else if (want == LE_AGES_TOO_MANY)
		CHECK(count == want_count);
	else
	{
		snprintf(got, sizeof(got), "%.*s", (int) bad_len, bad);
		CHECK_STR(got, want_bad);
	}
}

static void
check_bbox(const char *s, LeNumbersStatus want, double w, double so, double e, double n)
{
	char		scratch[128];
	double		box[4] = {0, 0, 0, 0};

	CHECK(le_parse_bbox(s, strlen(s), scratch, box) == want);
	if (want == LE_NUMBERS_OK)
		CHECK(box[0] == w && box[1] == so && box[2] == e && box[3] == n);
}

static void
check_origin(const char *s, LeNumbersStatus want, double x, double y)
{
	char		scratch[128];
	double		o[2] = {0, 0};

	CHECK(le_parse_origin(s, strlen(s), scratch, o) == want);
	if (want == LE_NUMBERS_OK)
		CHECK(o[0] == x && o[1] == y);
}

static void
check_page(const char *s, LeParseStatus want, int64_t want_page)
{
	int64_t		page = -1;

	CHECK(le_parse_page(s, strlen(s), &page) == want);
	if (want == LE_PARSE_OK)
		CHECK(page == want_page);
}

void		test_filter(void);

void
test_filter(void)
{
	/* SPEC 1.7 */
	check_duration("3 H", LE_PARSE_OK, 3 * 3600);
	check_duration("86400", LE_PARSE_OK, 86400);
	check_duration("86400s", LE_PARSE_OK, 86400);
	check_duration("180m", LE_PARSE_OK, 180 * 60);
	check_duration("1d", LE_PARSE_OK, 86400);
	check_duration("2h", LE_PARSE_OK, 7200);
	check_duration("0", LE_PARSE_OK, 0);
	check_duration(" 2 d ", LE_PARSE_OK, 2 * 86400);
	check_duration("\xEF\xBC\x92h", LE_PARSE_OK, 7200);
	check_duration("99999999999999999999999d", LE_PARSE_OK, LE_DURATION_MAX_SECONDS);
	check_duration("1.5h", LE_PARSE_INVALID, 0);
	check_duration("-1h", LE_PARSE_INVALID, 0);
	check_duration("1d2h", LE_PARSE_INVALID, 0);
	check_duration("1w", LE_PARSE_INVALID, 0);
	check_duration("h", LE_PARSE_INVALID, 0);
	check_duration("", LE_PARSE_INVALID, 0);
	check_duration("1_000", LE_PARSE_INVALID, 0);
	check_duration("2hh", LE_PARSE_INVALID, 0);

	/* SPEC 1.5 and test_get_event_list_start_hour_filter */
	check_hours("16", LE_HOURS_OK, 16, 0, NULL);
	check_hours("16:", LE_HOURS_OK, 16, 0, NULL);
	check_hours("15:59", LE_HOURS_OK, 15, 59, NULL);
	check_hours("16:30", LE_HOURS_OK, 16, 30, NULL);
	check_hours("09:5", LE_HOURS_OK, 9, 5, NULL);
	check_hours(" 9: 05 ", LE_HOURS_OK, 9, 5, NULL);
	check_hours("0:0", LE_HOURS_OK, 0, 0, NULL);
	check_hours("23:59", LE_HOURS_OK, 23, 59, NULL);
	check_hours("27:30", LE_HOURS_HOUR_RANGE, 0, 0, "27");
	check_hours("-1", LE_HOURS_HOUR_RANGE, 0, 0, "-1");
	check_hours("24", LE_HOURS_HOUR_RANGE, 0, 0, "24");
	check_hours("18:70", LE_HOURS_MINUTE_RANGE, 0, 0, "70");
	check_hours(":70", LE_HOURS_HOUR_NOT_NUMBER, 0, 0, NULL);
	check_hours("18:70:", LE_HOURS_TOO_MANY_PARTS, 0, 0, NULL);
	check_hours("1:2:3", LE_HOURS_TOO_MANY_PARTS, 0, 0, NULL);
	check_hours("", LE_HOURS_HOUR_NOT_NUMBER, 0, 0, NULL);
	check_hours("ab", LE_HOURS_HOUR_NOT_NUMBER, 0, 0, NULL);
	check_hours("16.5", LE_HOURS_HOUR_NOT_NUMBER, 0, 0, NULL);
	check_hours("16:x", LE_HOURS_MINUTE_NOT_NUMBER, 0, 0, NULL);
	check_hours("16:60", LE_HOURS_MINUTE_RANGE, 0, 0, "60");

	/* SPEC 1.6 and D1 */
	check_weekdays("1", LE_PARSE_OK, 1u << 1, NULL);
	check_weekdays("1,2,5,6,7", LE_PARSE_OK, (1u << 1) | (1u << 2) | (1u << 5) | (1u << 6) | (1u << 7), NULL);
	check_weekdays("7,7", LE_PARSE_OK, 1u << 7, NULL);
	check_weekdays("9", LE_PARSE_INVALID, 0, "9");
	check_weekdays("0", LE_PARSE_INVALID, 0, "0");
	check_weekdays("1,8,9", LE_PARSE_INVALID, 0, "8");
	check_weekdays("1, 2", LE_PARSE_INVALID, 0, " 2");
	check_weekdays("1,", LE_PARSE_INVALID, 0, "");
	check_weekdays("mon", LE_PARSE_INVALID, 0, "mon");
	check_weekdays("01", LE_PARSE_INVALID, 0, "01");

	/* SPEC 1.15 */
	check_ages("12", LE_AGES_OK, 12, 12, 0, NULL);
	check_ages("12, 11", LE_AGES_OK, 11, 12, 0, NULL);
	check_ages("11,13", LE_AGES_OK, 11, 13, 0, NULL);
	check_ages(" 13 ,11", LE_AGES_OK, 11, 13, 0, NULL);
	check_ages("1,2,3", LE_AGES_TOO_MANY, 0, 0, 3, NULL);
	check_ages("a,b,c,d", LE_AGES_TOO_MANY, 0, 0, 4, NULL);
	check_ages("12,abc", LE_AGES_NOT_INTEGER, 0, 0, 0, "abc");
	check_ages("12.5", LE_AGES_NOT_INTEGER, 0, 0, 0, "12.5");
	check_ages("12,", LE_AGES_NOT_INTEGER, 0, 0, 0, "");
	check_ages("", LE_AGES_NOT_INTEGER, 0, 0, 0, "");

	/* SPEC 1.8 */
	check_bbox("24.9,60.1,25.1,60.3", LE_NUMBERS_OK, 24.9, 60.1, 25.1, 60.3);
	check_bbox("25,60,24,61", LE_NUMBERS_OK, 25, 60, 24, 61);
	check_bbox(" -1 ,2e1,3,4", LE_NUMBERS_OK, -1, 20, 3, 4);
	check_bbox("1,2,3", LE_NUMBERS_COUNT, 0, 0, 0, 0);
	check_bbox("1,2,3,4,5", LE_NUMBERS_COUNT, 0, 0, 0, 0);
	check_bbox("", LE_NUMBERS_COUNT, 0, 0, 0, 0);
	check_bbox("a,b,c", LE_NUMBERS_COUNT, 0, 0, 0, 0);
	check_bbox("1,2,3,x", LE_NUMBERS_NOT_NUMBER, 0, 0, 0, 0);
	check_bbox("1,2,3,", LE_NUMBERS_NOT_NUMBER, 0, 0, 0, 0);
	check_origin("24.9,60.1", LE_NUMBERS_OK, 24.9, 60.1);
	check_origin("24.9", LE_NUMBERS_COUNT, 0, 0);
	check_origin("1,2,3", LE_NUMBERS_COUNT, 0, 0);
	check_origin("a,1", LE_NUMBERS_NOT_NUMBER, 0, 0);

	/* SPEC 3 */
	check_page("", LE_PARSE_OK, 1);
	check_page("1", LE_PARSE_OK, 1);
	check_page(" 3 ", LE_PARSE_OK, 3);
	check_page("last", LE_PARSE_OK, LE_PAGE_LAST);
	check_page("2.0", LE_PARSE_INVALID, 0);
	check_page("0", LE_PARSE_INVALID, 0);
	check_page("-1", LE_PARSE_INVALID, 0);
	check_page("Last", LE_PARSE_INVALID, 0);
	check_page("x", LE_PARSE_INVALID, 0);
	check_page("99999999999999999999", LE_PARSE_INVALID, 0);
	CHECK(le_parse_page_size("50", 2, 20, 100) == 50);
	CHECK(le_parse_page_size("", 0, 20, 100) == 20);
	CHECK(le_parse_page_size("0", 1, 20, 100) == 20);
	CHECK(le_parse_page_size("-5", 2, 20, 100) == 20);
	CHECK(le_parse_page_size("x", 1, 20, 100) == 20);
	CHECK(le_parse_page_size("2.0", 3, 20, 100) == 20);
	CHECK(le_parse_page_size("101", 3, 20, 100) == 100);
	CHECK(le_parse_page_size("99999999999999999999", 20, 1000, 1000) == 1000);
	CHECK(le_parse_page_size("1000", 4, 1000, 1000) == 1000);
}
