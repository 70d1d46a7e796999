/*
 * test_time.c
 *	  The syntax of time parameters (SPEC 1.3, D16) and Python's
 *	  str(datetime) of out-of-bounds offsets.
 */
#include "parse_time.h"
#include "unit.h"

/*
 * s parses with status want; when it gives a date or datetime, the fields
 * as "Y-M-D h:m:s.us" and the offset ("" when naive) must equal want_text.
 */
static void
check_time(const char *s, LeParseStatus want, LeTimeKind want_kind, const char *want_text)
{
	LeParsedTime t;
	char		got[80];

	CHECK(le_parse_time(s, strlen(s), &t) == want);
	if (want == LE_PARSE_INVALID)
		return;
	CHECK(t.kind == want_kind);
	if (want_text == NULL)
		return;
	snprintf(got, sizeof(got), "%d-%d-%d %d:%d:%d.%d%s%d", t.year, t.month, t.day,
			 t.hour, t.minute, t.second, t.microsecond,
			 t.has_offset ? " " : "", t.has_offset ? t.offset_seconds : 0);
	if (!t.has_offset)
		got[strlen(got) - 1] = '\0';
	CHECK_STR(got, want_text);
}

static void
check_text(const char *s, const char *want)
{
	LeParsedTime t;
	char		buf[LE_TIME_TEXT_SIZE];

	le_parse_time(s, strlen(s), &t);
	le_time_text(&t, buf);
	CHECK_STR(buf, want);
}

void		test_time(void);

void
test_time(void)
{
	check_time("today", LE_PARSE_OK, LE_TIME_TODAY, NULL);
	check_time(" ToDaY ", LE_PARSE_OK, LE_TIME_TODAY, NULL);
	check_time("now", LE_PARSE_OK, LE_TIME_NOW, NULL);
	check_time("NOW", LE_PARSE_OK, LE_TIME_NOW, NULL);
	check_time("2022-3-27", LE_PARSE_OK, LE_TIME_DATE, "2022-3-27 0:0:0.0");
	check_time("2022-03-27", LE_PARSE_OK, LE_TIME_DATE, "2022-3-27 0:0:0.0");
	check_time("2024-02-29", LE_PARSE_OK, LE_TIME_DATE, "2024-2-29 0:0:0.0");
	check_time("2020-02-19T11:22:33", LE_PARSE_OK, LE_TIME_DATETIME, "2020-2-19 11:22:33.0");
	check_time("2020-02-19 11:22", LE_PARSE_OK, LE_TIME_DATETIME, "2020-2-19 11:22:0.0");
	check_time("2020-02-19T9:05", LE_PARSE_OK, LE_TIME_DATETIME, "2020-2-19 9:5:0.0");
	check_time("2020-02-19T11:22:33.5", LE_PARSE_OK, LE_TIME_DATETIME, "2020-2-19 11:22:33.500000");
	check_time("2020-02-19T11:22:33.1234567", LE_PARSE_OK, LE_TIME_DATETIME, "2020-2-19 11:22:33.123456");
	check_time("2020-02-19T11:22:33Z", LE_PARSE_OK, LE_TIME_DATETIME, "2020-2-19 11:22:33.0 0");
	check_time("2022-07-17T17:17:17+03:00", LE_PARSE_OK, LE_TIME_DATETIME, "2022-7-17 17:17:17.0 10800");
	check_time("2022-07-17T17:17:17-0330", LE_PARSE_OK, LE_TIME_DATETIME, "2022-7-17 17:17:17.0 -12600");
	/* an unencoded "+" arrives as a space (D16) */
	check_time("2020-02-19T11:22:33 02:00", LE_PARSE_OK, LE_TIME_DATETIME, "2020-2-19 11:22:33.0 7200");
	check_time("2020-02-19 11:22:33 0200", LE_PARSE_OK, LE_TIME_DATETIME, "2020-2-19 11:22:33.0 7200");
	check_time("2020-02-19T11:22:33+15:00", LE_PARSE_OK, LE_TIME_DATETIME, "2020-2-19 11:22:33.0 54000");
	check_time("2020-02-19T11:22:33-15:00", LE_PARSE_OK, LE_TIME_DATETIME, "2020-2-19 11:22:33.0 -54000");
	/* beyond 15 h: out of bounds; 24 h or more: invalid (test_utils.py) */
	check_time("2020-02-19T11:22:33+23:00", LE_PARSE_RANGE, LE_TIME_DATETIME, "2020-2-19 11:22:33.0 82800");
	check_time("2020-02-19T11:22:33+15:01", LE_PARSE_RANGE, LE_TIME_DATETIME, NULL);
	check_time("2020-02-19T11:22:33-16:00", LE_PARSE_RANGE, LE_TIME_DATETIME, NULL);
	check_time("2020-02-19T11:22:33+23:59", LE_PARSE_RANGE, LE_TIME_DATETIME, NULL);
	check_time("2020-02-19T11:22:33+24:00", LE_PARSE_INVALID, 0, NULL);
	check_time("2022-07-17T17:17:17+25:00", LE_PARSE_INVALID, 0, NULL);
	check_time("2020-02-19T11:22:33+02:60", LE_PARSE_INVALID, 0, NULL);
	check_time("2020-02-19T11:22:33+2", LE_PARSE_INVALID, 0, NULL);
	check_time("2020-02-19T11:22:33+02:0", LE_PARSE_INVALID, 0, NULL);
	check_time("2020-02-19T11:22:33 +02:00", LE_PARSE_INVALID, 0, NULL);
	check_time("2020-02-19T11:22:33z", LE_PARSE_INVALID, 0, NULL);
	/* garbage and dateutil oddities */
	check_time("999999999999999999", LE_PARSE_INVALID, 0, NULL);
	check_time("", LE_PARSE_INVALID, 0, NULL);
	check_time("tomorrow", LE_PARSE_INVALID, 0, NULL);
	check_time("20200219", LE_PARSE_INVALID, 0, NULL);
	check_time("2020", LE_PARSE_INVALID, 0, NULL);
	check_time("12:00", LE_PARSE_INVALID, 0, NULL);
	check_time("19.2.2020", LE_PARSE_INVALID, 0, NULL);
	check_time("March 5 2020", LE_PARSE_INVALID, 0, NULL);
	check_time("2020-2-30", LE_PARSE_INVALID, 0, NULL);
	check_time("2021-02-29", LE_PARSE_INVALID, 0, NULL);
	check_time("2020-13-01", LE_PARSE_INVALID, 0, NULL);
	check_time("0000-01-01", LE_PARSE_INVALID, 0, NULL);
	check_time("20200-01-01", LE_PARSE_INVALID, 0, NULL);
	check_time("2020-001-01", LE_PARSE_INVALID, 0, NULL);
	check_time("2020-02-19T", LE_PARSE_INVALID, 0, NULL);
	check_time("2020-02-19T24:00", LE_PARSE_INVALID, 0, NULL);
	check_time("2020-02-19T12:60", LE_PARSE_INVALID, 0, NULL);
	check_time("2020-02-19T12:00:60", LE_PARSE_INVALID, 0, NULL);
	check_time("2020-02-19T12:0", LE_PARSE_INVALID, 0, NULL);
	check_time("2020-02-19T12:00:00.", LE_PARSE_INVALID, 0, NULL);
	check_time("2020-02-19  12:00", LE_PARSE_INVALID, 0, NULL);
	check_time("2020-02-19T12", LE_PARSE_INVALID, 0, NULL);
	check_time("\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x90-1-1", LE_PARSE_INVALID, 0, NULL);

	/* Python str(datetime) for the out-of-bounds message */
	check_text("2020-02-19T11:22:33+16:00", "2020-02-19 11:22:33+16:00");
	check_text("2020-02-19 11:22:33 1600", "2020-02-19 11:22:33+16:00");
	check_text("2020-02-19T11:22:33.5-23:30", "2020-02-19 11:22:33.500000-23:30");
	check_text("0001-1-1T1:02", "0001-01-01 01:02:00");

	CHECK(le_days_in_month(2000, 2) == 29);
	CHECK(le_days_in_month(1900, 2) == 28);
	CHECK(le_days_in_month(2023, 12) == 31);
}
