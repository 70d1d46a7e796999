/*
 * test_querystring.c
 *	  Query-string splitting and percent-decoding.
 */
#include <stdlib.h>

#include "parse_querystring.h"
#include "unit.h"

#define MAX_TEST_PARAMS 16

/* Decodes a copy of query (length len) into params; returns the status. */
static LeQueryStatus
decode(const char *query, size_t len, LeQueryParam *params, size_t *n,
	   LeQueryError *err, char *buf)
{
	memcpy(buf, query, len);
	CHECK(le_query_max_params(buf, len) <= MAX_TEST_PARAMS);
	return le_query_decode(buf, len, params, n, err);
}

/* query decodes to the pairs in want ("key=value" strings joined by "\n"). */
static void
check_pairs(const char *query, const char *want)
{
	char		buf[256];
	char		got[512] = "";
	LeQueryParam params[MAX_TEST_PARAMS];
	size_t		n;
	LeQueryError err;

	CHECK(decode(query, strlen(query), params, &n, &err, buf) == LE_QUERY_OK);
	for (size_t i = 0; i < n; i++)
	{
		CHECK(strlen(params[i].key) == params[i].key_len);
		CHECK(strlen(params[i].value) == params[i].value_len);
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s=%s",
				 i ? "\n" : "", params[i].key, params[i].value);
	}
	CHECK_STR(got, want);
}

static void
check_bad_escape(const char *query, size_t offset)
{
	char		buf[256];
	LeQueryParam params[MAX_TEST_PARAMS];
	size_t		n;
	LeQueryError err;

	CHECK(decode(query, strlen(query), params, &n, &err, buf) == LE_QUERY_BAD_ESCAPE);
	CHECK(err.offset == offset);
}

static void
check_nul(const char *query, size_t len, size_t param, int in_key, const char *shown)
{
	char		buf[256];
	LeQueryParam params[MAX_TEST_PARAMS];
	size_t		n;
	LeQueryError err;

	CHECK(decode(query, len, params, &n, &err, buf) == LE_QUERY_NUL);
	CHECK(err.param == param && err.in_key == in_key);
	CHECK(n == param + 1);
	CHECK_STR(in_key ? params[param].key : params[param].value, shown);
}

static void
test_lookup(void)
{
	char		buf[64];
	const char *q = "page=2&text=a&page=3&empty=&flag";
	LeQueryParam params[MAX_TEST_PARAMS];
	size_t		n;
	LeQueryError err;

	CHECK(decode(q, strlen(q), params, &n, &err, buf) == LE_QUERY_OK);
	CHECK(n == 5);
	CHECK_STR(le_query_last(params, n, "page"), "3");
	CHECK_STR(le_query_last(params, n, "empty"), "");
	CHECK_STR(le_query_last(params, n, "flag"), "");
	CHECK(le_query_last(params, n, "missing") == NULL);
	CHECK(le_query_last(params, n, "pag") == NULL);
}

/* The input need not be NUL-terminated: nothing past len is read. */
static void
test_not_terminated(void)
{
	char	   *exact = malloc(7);
	char	   *buf = malloc(8);
	LeQueryParam params[MAX_TEST_PARAMS];
	size_t		n;
	LeQueryError err;

	memcpy(exact, "a=%41&b", 7);	/* no NUL: ASan reports any overread */
	memcpy(buf, exact, 7);
	CHECK(le_query_decode(buf, 7, params, &n, &err) == LE_QUERY_OK);
	CHECK(n == 2);
	CHECK_STR(params[0].value, "A");
	CHECK_STR(params[1].key, "b");
	memcpy(exact, "a=b&c%4", 7);
	memcpy(buf, exact, 7);
	CHECK(le_query_decode(buf, 7, params, &n, &err) == LE_QUERY_BAD_ESCAPE);
	CHECK(err.offset == 5);
	free(exact);
	free(buf);
}

void		test_querystring(void);

void
test_querystring(void)
{
	check_pairs("", "");
	check_pairs("&&", "");
	check_pairs("a=1", "a=1");
	check_pairs("a=1&&b=2&", "a=1\nb=2");
	check_pairs("keyword=a&keyword=b", "keyword=a\nkeyword=b");
	check_pairs("a", "a=");
	check_pairs("a=", "a=");
	check_pairs("=x", "=x");
	check_pairs("a=b=c", "a=b=c");
	check_pairs("text=a+b", "text=a b");
	check_pairs("text=a%2Bb", "text=a+b");
	check_pairs("t=2020-02-19T11:22:33+02:00", "t=2020-02-19T11:22:33 02:00");
	check_pairs("keyword%21=x", "keyword!=x");
	check_pairs("k=yso%3Ap1%2cyso%3ap2", "k=yso:p1,yso:p2");
	check_pairs("a=%26&b=%3D", "a=&\nb==");
	check_pairs("q=%C3%A4iti", "q=\xC3\xA4iti");
	check_pairs("q=\xC3\xA4iti", "q=\xC3\xA4iti");
	check_pairs("q=%F0%9F%98%80", "q=\xF0\x9F\x98\x80");
	/* ill-formed UTF-8: one U+FFFD per maximal subpart, as Python */
	check_pairs("q=%C3", "q=\xEF\xBF\xBD");
	check_pairs("q=%C3a%A4", "q=\xEF\xBF\xBD" "a" "\xEF\xBF\xBD");
	check_pairs("q=%F0%9F%98", "q=\xEF\xBF\xBD");
	check_pairs("q=%E0%80", "q=\xEF\xBF\xBD\xEF\xBF\xBD");
	check_pairs("q=%ED%A0%80", "q=\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	check_pairs("q=%FF%FE", "q=\xEF\xBF\xBD\xEF\xBF\xBD");
	check_pairs("q=%F4%90%80%80", "q=\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	check_pairs("%E4=%C3%A4", "\xEF\xBF\xBD=\xC3\xA4");

	check_bad_escape("a=%", 2);
	check_bad_escape("a=%4", 2);
	check_bad_escape("a=%ZZ", 2);
	check_bad_escape("a=%4G", 2);
	check_bad_escape("x=1&a%=1", 5);
	check_bad_escape("a=%41%", 5);
	check_bad_escape("a=%C3%", 5);

	check_nul("a=%00", 5, 0, 0, "");
	check_nul("x=1&a=b%00c", 11, 1, 0, "bc");
	check_nul("a=b\0c", 5, 0, 0, "bc");
	check_nul("k%00ey=v", 8, 0, 1, "key");
	check_nul("a=%00&b=%ZZ", 11, 0, 0, "");

	test_lookup();
	test_not_terminated();
}
