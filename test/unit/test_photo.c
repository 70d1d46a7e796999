/*
 * test_photo.c
 *	  The content API's photos parameters: $skip/$limit counts, 0/1 flags,
 *	  $sort and tags.externalSourceReference.
 */
#include <stdint.h>

#include "parse_photo.h"
#include "unit.h"

static void
check_count(const char *s, int64_t min, int64_t max, LeParseStatus want, int64_t want_value)
{
	int64_t		v = -1;

	CHECK(le_parse_photo_count(s, strlen(s), min, max, &v) == want);
	if (want != LE_PARSE_INVALID)
		CHECK(v == want_value);
}

static void
check_flag(const char *s, LeParseStatus want, int want_value)
{
	int			v = -1;

	CHECK(le_parse_photo_flag(s, strlen(s), &v) == want);
	if (want == LE_PARSE_OK)
		CHECK(v == want_value);
}

static void
check_sort(const char *s, LeParseStatus want, LePhotoSortField want_field, bool want_desc)
{
	LePhotoSortField field = LE_PHOTO_SORT_NFIELDS;
	bool		desc = !want_desc;

	CHECK(le_parse_photo_sort(s, strlen(s), &field, &desc) == want);
	if (want == LE_PARSE_OK)
	{
		CHECK(field == want_field);
		CHECK(desc == want_desc);
	}
}

static void
check_reference(const char *s, const char *want_name, const char *want_id)
{
	size_t		name_len = 0,
				id_start = 0;
	LeParseStatus st = le_parse_source_reference(s, strlen(s), &name_len, &id_start);

	CHECK(st == (want_name ? LE_PARSE_OK : LE_PARSE_INVALID));
	if (st == LE_PARSE_OK && want_name)
	{
		char		name[64],
					id[64];

		snprintf(name, sizeof(name), "%.*s", (int) name_len, s);
		snprintf(id, sizeof(id), "%s", s + id_start);
		CHECK_STR(name, want_name);
		CHECK_STR(id, want_id);
	}
}

void		test_photo(void);

void
test_photo(void)
{
	/* $skip (0 .. 2^31 - 1) and $limit (1 .. 100) */
	check_count("0", 0, INT32_MAX, LE_PARSE_OK, 0);
	check_count("25", 0, INT32_MAX, LE_PARSE_OK, 25);
	check_count("007", 0, INT32_MAX, LE_PARSE_OK, 7);
	check_count("2147483647", 0, INT32_MAX, LE_PARSE_OK, INT32_MAX);
	check_count("2147483648", 0, INT32_MAX, LE_PARSE_RANGE, 2147483648);
	check_count("9223372036854775807", 0, INT32_MAX, LE_PARSE_RANGE, INT64_MAX);
	check_count("99999999999999999999999", 0, INT32_MAX, LE_PARSE_RANGE, INT64_MAX);
	check_count("100", 1, 100, LE_PARSE_OK, 100);
	check_count("101", 1, 100, LE_PARSE_RANGE, 101);
	check_count("0", 1, 100, LE_PARSE_RANGE, 0);
	check_count("1", 1, 100, LE_PARSE_OK, 1);
	check_count("", 0, 100, LE_PARSE_INVALID, 0);
	check_count("-1", 0, 100, LE_PARSE_INVALID, 0);
	check_count("+1", 0, 100, LE_PARSE_INVALID, 0);
	check_count(" 1", 0, 100, LE_PARSE_INVALID, 0);
	check_count("1 ", 0, 100, LE_PARSE_INVALID, 0);
	check_count("1.0", 0, 100, LE_PARSE_INVALID, 0);
	check_count("1e2", 0, 100, LE_PARSE_INVALID, 0);
	check_count("1_0", 0, 100, LE_PARSE_INVALID, 0);
	check_count("0x10", 0, 100, LE_PARSE_INVALID, 0);
	check_count("\xEF\xBC\x91", 0, 100, LE_PARSE_INVALID, 0);	/* fullwidth 1 */
	check_count("99999999999999999999x", 0, 100, LE_PARSE_INVALID, 0);
	{
		/* the input ends where len says: no NUL needed, none read */
		char		digits[2] = {'4', '2'};

		CHECK(le_parse_photo_count(digits, 1, 0, 100, &(int64_t) {0}) == LE_PARSE_OK);
	}

	/* featured, _listAvailability */
	check_flag("0", LE_PARSE_OK, 0);
	check_flag("1", LE_PARSE_OK, 1);
	check_flag("2", LE_PARSE_INVALID, 0);
	check_flag("01", LE_PARSE_INVALID, 0);
	check_flag("", LE_PARSE_INVALID, 0);
	check_flag("true", LE_PARSE_INVALID, 0);
	check_flag(" 1", LE_PARSE_INVALID, 0);
	check_flag("-0", LE_PARSE_INVALID, 0);

	/* $sort */
	check_sort("lastUpdatedDate", LE_PARSE_OK, LE_PHOTO_SORT_LAST_UPDATED_DATE, false);
	check_sort("lastUpdatedDate:asc", LE_PARSE_OK, LE_PHOTO_SORT_LAST_UPDATED_DATE, false);
	check_sort("lastUpdatedDate:desc", LE_PARSE_OK, LE_PHOTO_SORT_LAST_UPDATED_DATE, true);
	check_sort("context.slug", LE_PARSE_OK, LE_PHOTO_SORT_CONTEXT_SLUG, false);
	check_sort("tags.slug:desc", LE_PARSE_OK, LE_PHOTO_SORT_TAGS_SLUG, true);
	check_sort("context.neutralSlug:asc", LE_PARSE_OK, LE_PHOTO_SORT_CONTEXT_NEUTRAL_SLUG, false);
	check_sort("tags.neutralSlug", LE_PARSE_OK, LE_PHOTO_SORT_TAGS_NEUTRAL_SLUG, false);
	check_sort("tags.externalSourceReference:desc", LE_PARSE_OK,
			   LE_PHOTO_SORT_TAGS_EXTERNAL_SOURCE_REFERENCE, true);
	check_sort("", LE_PARSE_INVALID, 0, false);
	check_sort("featured", LE_PARSE_INVALID, 0, false);
	check_sort("contentDate", LE_PARSE_INVALID, 0, false);
	check_sort("lastupdateddate", LE_PARSE_INVALID, 0, false);
	check_sort("-lastUpdatedDate", LE_PARSE_INVALID, 0, false);
	check_sort("lastUpdatedDate:", LE_PARSE_INVALID, 0, false);
	check_sort("lastUpdatedDate:DESC", LE_PARSE_INVALID, 0, false);
	check_sort("lastUpdatedDate:desc:asc", LE_PARSE_INVALID, 0, false);
	check_sort("lastUpdatedDate desc", LE_PARSE_INVALID, 0, false);
	check_sort(":desc", LE_PARSE_INVALID, 0, false);
	check_sort("lastUpdatedDate,tags.slug", LE_PARSE_INVALID, 0, false);
	check_sort("tags.slugs", LE_PARSE_INVALID, 0, false);
	check_sort("tags.slu", LE_PARSE_INVALID, 0, false);

	/* tags.externalSourceReference */
	check_reference("opta:t43", "opta", "t43");
	check_reference("opta:t:43", "opta", "t:43");
	check_reference("a:b", "a", "b");
	check_reference("opta", NULL, NULL);
	check_reference("", NULL, NULL);
	check_reference(":", NULL, NULL);
	check_reference(":t43", NULL, NULL);
	check_reference("opta:", NULL, NULL);
}
