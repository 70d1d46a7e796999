/*
 * test_scalar.c
 *	  Booleans, Python-style integers and numbers, comma lists.
 */
#include <stdint.h>

#include "parse_scalar.h"
#include "unit.h"

static void
check_bool(const char *s, LeParseStatus want, bool want_value)
{
	bool		v = !want_value;

	CHECK(le_parse_bool(s, strlen(s), &v) == want);
	if (want == LE_PARSE_OK)
		CHECK(v == want_value);
}

static void
check_int(const char *s, LeParseStatus want, int64_t want_value, const char *want_text)
{
	int64_t		v = 0;
	char		text[64];

	CHECK(le_parse_int(s, strlen(s), &v) == want);
	if (want != LE_PARSE_INVALID)
	{
		CHECK(v == want_value);
		le_int_text(s, strlen(s), text, sizeof(text));
		CHECK_STR(text, want_text);
	}
}

static void
check_decimal(const char *s, LeParseStatus want, const char *want_text)
{
	char		out[128];

	CHECK(le_parse_decimal(s, strlen(s), out, sizeof(out)) == want);
	if (want == LE_PARSE_OK)
		CHECK_STR(out, want_text);
}

static void
check_float(const char *s, LeParseStatus want, double want_value)
{
	char		scratch[128];
	double		v = -1;

	CHECK(le_parse_float(s, strlen(s), scratch, &v) == want);
	if (want == LE_PARSE_OK)
		CHECK(v == want_value);
}

static void
check_csv(const char *s, const char *want)
{
	size_t		pos = 0,
				n = 0;
	const char *item;
	size_t		len;
	char		got[128] = "";

	while (le_csv_next(s, strlen(s), &pos, &item, &len))
	{
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "[%.*s]", (int) len, item);
		n++;
	}
	CHECK(n == le_csv_count(s, strlen(s)));
	CHECK_STR(got, want);
}

void		test_scalar(void);

void
test_scalar(void)
{
	/* D2 booleans */
	check_bool("true", LE_PARSE_OK, true);
	check_bool("True", LE_PARSE_OK, true);
	check_bool("TRUE", LE_PARSE_OK, true);
	check_bool("1", LE_PARSE_OK, true);
	check_bool("false", LE_PARSE_OK, false);
	check_bool("False", LE_PARSE_OK, false);
	check_bool("FALSE", LE_PARSE_OK, false);
	check_bool("0", LE_PARSE_OK, false);
	check_bool("tRuE", LE_PARSE_INVALID, false);
	check_bool("yes", LE_PARSE_INVALID, false);
	check_bool("2", LE_PARSE_INVALID, false);
	check_bool("", LE_PARSE_INVALID, false);
	check_bool(" true", LE_PARSE_INVALID, false);

	/* Python int (SPEC 0.5) */
	check_int("12", LE_PARSE_OK, 12, "12");
	check_int(" 12 ", LE_PARSE_OK, 12, "12");
	check_int("\t+12\n", LE_PARSE_OK, 12, "12");
	check_int("-0", LE_PARSE_OK, 0, "0");
	check_int("007", LE_PARSE_OK, 7, "7");
	check_int("-0_12", LE_PARSE_OK, -12, "-12");
	check_int("1_000_000", LE_PARSE_OK, 1000000, "1000000");
	check_int("\xEF\xBC\x91\xEF\xBC\x92", LE_PARSE_OK, 12, "12");	/* fullwidth １２ */
	check_int("\xD9\xA1\xD9\xA2", LE_PARSE_OK, 12, "12");	/* Arabic-Indic ١٢ */
	check_int("\xE3\x80\x80" "12\xE2\x80\x83", LE_PARSE_OK, 12, "12");	/* ideographic, em space */
	check_int("9223372036854775807", LE_PARSE_OK, INT64_MAX, "9223372036854775807");
	check_int("-9223372036854775808", LE_PARSE_OK, INT64_MIN, "-9223372036854775808");
	check_int("9223372036854775808", LE_PARSE_RANGE, INT64_MAX, "9223372036854775808");
	check_int("-99999999999999999999", LE_PARSE_RANGE, INT64_MIN, "-99999999999999999999");
	check_int("12.0", LE_PARSE_INVALID, 0, NULL);
	check_int("1e3", LE_PARSE_INVALID, 0, NULL);
	check_int("", LE_PARSE_INVALID, 0, NULL);
	check_int(" ", LE_PARSE_INVALID, 0, NULL);
	check_int("-", LE_PARSE_INVALID, 0, NULL);
	check_int("+-1", LE_PARSE_INVALID, 0, NULL);
	check_int("- 1", LE_PARSE_INVALID, 0, NULL);
	check_int("_1", LE_PARSE_INVALID, 0, NULL);
	check_int("1_", LE_PARSE_INVALID, 0, NULL);
	check_int("1__0", LE_PARSE_INVALID, 0, NULL);
	check_int("0x10", LE_PARSE_INVALID, 0, NULL);
	check_int("1 2", LE_PARSE_INVALID, 0, NULL);
	check_int("\xC3", LE_PARSE_INVALID, 0, NULL);
	check_int("\xB2", LE_PARSE_INVALID, 0, NULL);	/* a lone continuation byte */
	check_int("\xC2\xB2", LE_PARSE_INVALID, 0, NULL);	/* superscript two: not Nd */
	{
		/* Python's limit: 4300 digits are fine, 4301 are not */
		static char many[4302];

		memset(many, '1', 4301);
		CHECK(le_parse_int(many, 4300, &(int64_t) {0}) == LE_PARSE_RANGE);
		CHECK(le_parse_int(many, 4301, &(int64_t) {0}) == LE_PARSE_INVALID);
	}

	/* Decimal (capacity filters) */
	check_decimal("5", LE_PARSE_OK, "0.5e1");
	check_decimal(" 10.50 ", LE_PARSE_OK, "0.1050e2");
	check_decimal("-0.05", LE_PARSE_OK, "-0.5e-1");
	check_decimal("0", LE_PARSE_OK, "0");
	check_decimal("-0.000", LE_PARSE_OK, "0");
	check_decimal(".5", LE_PARSE_OK, "0.5e0");
	check_decimal("5.", LE_PARSE_OK, "0.5e1");
	check_decimal("1_0.5", LE_PARSE_OK, "0.105e2");
	check_decimal("1.5E+3", LE_PARSE_OK, "0.15e4");
	check_decimal("1e-3", LE_PARSE_OK, "0.1e-2");
	check_decimal("\xEF\xBC\x91", LE_PARSE_OK, "0.1e1");
	check_decimal("1e1001", LE_PARSE_OK, "Infinity");
	check_decimal("-1e999999999999999999999", LE_PARSE_OK, "-Infinity");
	check_decimal("1e999", LE_PARSE_OK, "0.1e1000");
	check_decimal("1e1000", LE_PARSE_OK, "Infinity");
	check_decimal("1e-1002", LE_PARSE_OK, "0.1e-1000");
	check_decimal("abc", LE_PARSE_INVALID, NULL);
	check_decimal("", LE_PARSE_INVALID, NULL);
	check_decimal(".", LE_PARSE_INVALID, NULL);
	check_decimal("1e", LE_PARSE_INVALID, NULL);
	check_decimal("1,5", LE_PARSE_INVALID, NULL);
	check_decimal("NaN", LE_PARSE_INVALID, NULL);
	check_decimal("Infinity", LE_PARSE_INVALID, NULL);
	check_decimal("1_", LE_PARSE_INVALID, NULL);
	check_decimal("1._5", LE_PARSE_INVALID, NULL);

	/* float (bbox, dwithin) */
	check_float("35.01", LE_PARSE_OK, 35.01);
	check_float(" -1.5e2 ", LE_PARSE_OK, -150.0);
	check_float("24", LE_PARSE_OK, 24.0);
	check_float(".5", LE_PARSE_OK, 0.5);
	check_float("1_0", LE_PARSE_OK, 10.0);
	check_float("1e999", LE_PARSE_RANGE, 0);
	check_float("inf", LE_PARSE_INVALID, 0);
	check_float("nan", LE_PARSE_INVALID, 0);
	check_float("", LE_PARSE_INVALID, 0);
	check_float("1.2.3", LE_PARSE_INVALID, 0);
	check_float("0x1p3", LE_PARSE_INVALID, 0);

	/* comma lists */
	check_csv("", "[]");
	check_csv("a", "[a]");
	check_csv("a, b", "[a][ b]");
	check_csv("a,,b,", "[a][][b][]");
	check_csv(",", "[][]");
}
