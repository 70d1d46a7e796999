/*
 * jsonld_write.c
 *	  JSON text primitives of the serializer: strings, datetimes, dates,
 *	  decimals, multilingual fields, jsonb values, URLs and references.
 *
 * Output follows the API's renderer (Python json.dumps with
 * ensure_ascii=False, compact separators): non-ASCII is written literally,
 * '"' '\' and control characters are escaped the way Python does (short forms
 * \b \f \n \r \t, otherwise \u00xx), and U+2028/U+2029 become \u2028/\u2029.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"

#include "jsonld.h"

/*
 * Bytes that end a run of literal bytes in a JSON string: control
 * characters, '"', '\', and 0xE2, the lead byte of U+2028 and U+2029.
 */
static const bool json_special[256] = {
	[0x00] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1,['\\'] = 1,[0xE2] = 1,
};

/* A json result is built in place: a varlena header, then the text. */
void
jw_result_init(StringInfo result)
{
	initStringInfo(result);
	appendStringInfoSpaces(result, VARHDRSZ);
}

Datum
jw_result_datum(StringInfo result)
{
	SET_VARSIZE(result->data, result->len);
	return PointerGetDatum(result->data);
}

/* Write s (valid UTF-8, len bytes) as a quoted JSON string. */
void
jw_string(StringInfo out, const char *s, int len)
{
	const unsigned char *p = (const unsigned char *) s;
	const unsigned char *end = p + len;
	const unsigned char *run = p;

	enlargeStringInfo(out, len + 2);
	out->data[out->len++] = '"';
	while (p < end)
	{
		unsigned char c = *p;

		if (!json_special[c])
		{
			p++;
			continue;
		}
		if (c == 0xE2)
		{
			/* U+2028 is E2 80 A8, U+2029 is E2 80 A9 */
			if (end - p < 3 || p[1] != 0x80 || (p[2] != 0xA8 && p[2] != 0xA9))
			{
				p++;
				continue;
			}
			appendBinaryStringInfo(out, (const char *) run, p - run);
			if (p[2] == 0xA8)
				JW_LIT(out, "\\u2028");
			else
				JW_LIT(out, "\\u2029");
			p += 3;
			run = p;
			continue;
		}
		appendBinaryStringInfo(out, (const char *) run, p - run);
		switch (c)
		{
			case '"':
				JW_LIT(out, "\\\"");
				break;
			case '\\':
				JW_LIT(out, "\\\\");
				break;
			case '\b':
				JW_LIT(out, "\\b");
				break;
			case '\f':
				JW_LIT(out, "\\f");
				break;
			case '\n':
				JW_LIT(out, "\\n");
				break;
			case '\r':
				JW_LIT(out, "\\r");
				break;
			case '\t':
				JW_LIT(out, "\\t");
				break;
			default:
				appendStringInfo(out, "\\u%04x", c);
				break;
		}
		p++;
		run = p;
	}
	appendBinaryStringInfo(out, (const char *) run, p - run);
	jw_char(out, '"');
}

/* A text value as a JSON string, or null. */
void
jw_text(StringInfo out, Datum value, bool isnull)
{
	text	   *t;

	if (isnull)
	{
		JW_LIT(out, "null");
		return;
	}
	t = DatumGetTextPP(value);
	jw_string(out, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

void
jw_int4(StringInfo out, Datum value, bool isnull)
{
	char		buf[12];

	if (isnull)
		JW_LIT(out, "null");
	else
		appendBinaryStringInfo(out, buf, pg_ltoa(DatumGetInt32(value), buf));
}

void
jw_bool(StringInfo out, bool value)
{
	if (value)
		JW_LIT(out, "true");
	else
		JW_LIT(out, "false");
}

/* Exactly width decimal digits of a non-negative value, most significant first. */
static char *
put_digits(char *p, int value, int width)
{
	for (int i = width - 1; i >= 0; i--)
	{
		p[i] = '0' + value % 10;
		value /= 10;
	}
	return p + width;
}

/* YYYY-MM-DD; years beyond 0..9999 (which Python cannot show) as digits. */
static char *
put_date(char *p, int year, int month, int day)
{
	if (year >= 0 && year <= 9999)
		p = put_digits(p, year, 4);
	else
		p += sprintf(p, "%d", year);
	*p++ = '-';
	p = put_digits(p, month, 2);
	*p++ = '-';
	return put_digits(p, day, 2);
}

static bool
jw_infinite(StringInfo out, bool is_nobegin, bool is_noend)
{
	if (is_nobegin)
		JW_LIT(out, "\"-infinity\"");
	else if (is_noend)
		JW_LIT(out, "\"infinity\"");
	else
		return false;
	return true;
}

/*
 * A timestamptz in UTC: "2021-11-26T11:00:00Z". The fraction: with millis,
 * always milliseconds, or microseconds when there are digits below them;
 * otherwise microseconds only when they are not zero.
 */
static void
jw_utc(StringInfo out, Datum value, bool isnull, bool millis)
{
	TimestampTz ts;
	struct pg_tm tm;
	fsec_t		fsec;
	char		buf[48];
	char	   *p = buf;

	if (isnull)
	{
		JW_LIT(out, "null");
		return;
	}
	ts = DatumGetTimestampTz(value);
	if (jw_infinite(out, TIMESTAMP_IS_NOBEGIN(ts), TIMESTAMP_IS_NOEND(ts)))
		return;
	if (timestamp2tm(ts, NULL, &tm, &fsec, NULL, NULL) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	*p++ = '"';
	p = put_date(p, tm.tm_year, tm.tm_mon, tm.tm_mday);
	*p++ = 'T';
	p = put_digits(p, tm.tm_hour, 2);
	*p++ = ':';
	p = put_digits(p, tm.tm_min, 2);
	*p++ = ':';
	p = put_digits(p, tm.tm_sec, 2);
	if (millis && fsec % 1000 == 0)
	{
		*p++ = '.';
		p = put_digits(p, fsec / 1000, 3);
	}
	else if (millis || fsec != 0)
	{
		*p++ = '.';
		p = put_digits(p, fsec, 6);
	}
	*p++ = 'Z';
	*p++ = '"';
	appendBinaryStringInfo(out, buf, p - buf);
}

/* Microseconds only when not zero (SPEC 0.4, D14). */
void
jw_timestamp(StringInfo out, Datum value, bool isnull)
{
	jw_utc(out, value, isnull, false);
}

/*
 * Milliseconds, "2020-07-21T07:33:43.554Z", or microseconds when finer (the
 * content API's photos; README "Photos").
 */
void
jw_timestamp_ms(StringInfo out, Datum value, bool isnull)
{
	jw_utc(out, value, isnull, true);
}

/*
 * The calendar date of ts in linkedevents.time_zone, minus shift_days days,
 * as "YYYY-MM-DD" (date-only event times, SPEC 4.2).
 */
void
jw_local_date(StringInfo out, JsonldCtx *ctx, TimestampTz ts, int shift_days)
{
	struct pg_tm tm;
	fsec_t		fsec;
	int			tzoff;
	char		buf[32];
	char	   *p = buf;

	if (jw_infinite(out, TIMESTAMP_IS_NOBEGIN(ts), TIMESTAMP_IS_NOEND(ts)))
		return;
	if (timestamp2tm(ts, &tzoff, &tm, &fsec, NULL, ctx->tz) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	if (shift_days != 0)
		j2date(date2j(tm.tm_year, tm.tm_mon, tm.tm_mday) - shift_days,
			   &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	*p++ = '"';
	p = put_date(p, tm.tm_year, tm.tm_mon, tm.tm_mday);
	*p++ = '"';
	appendBinaryStringInfo(out, buf, p - buf);
}

/* A date as "YYYY-MM-DD", or null. */
void
jw_date(StringInfo out, Datum value, bool isnull)
{
	DateADT		d;
	int			year,
				month,
				day;
	char		buf[32];
	char	   *p = buf;

	if (isnull)
	{
		JW_LIT(out, "null");
		return;
	}
	d = DatumGetDateADT(value);
	if (jw_infinite(out, DATE_IS_NOBEGIN(d), DATE_IS_NOEND(d)))
		return;
	j2date(d + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	*p++ = '"';
	p = put_date(p, year, month, day);
	*p++ = '"';
	appendBinaryStringInfo(out, buf, p - buf);
}

/* A decimal as a JSON string with its scale's digits ("10.00"), or null. */
void
jw_numeric(StringInfo out, Datum value, bool isnull)
{
	if (isnull)
	{
		JW_LIT(out, "null");
		return;
	}
	jw_char(out, '"');
	appendStringInfoString(out, DatumGetCString(DirectFunctionCall1(numeric_out, value)));
	jw_char(out, '"');
}

static void
jw_jsonb_scalar(StringInfo out, JsonbValue *v)
{
	switch (v->type)
	{
		case jbvNull:
			JW_LIT(out, "null");
			break;
		case jbvString:
			jw_string(out, v->val.string.val, v->val.string.len);
			break;
		case jbvNumeric:
			appendStringInfoString(out, DatumGetCString(DirectFunctionCall1(numeric_out,
																			NumericGetDatum(v->val.numeric))));
			break;
		case jbvBool:
			jw_bool(out, v->val.boolean);
			break;
		default:
			elog(ERROR, "unexpected jsonb value type %d", (int) v->type);
	}
}

/*
 * A jsonb value (custom_data) as JSON text with this file's escaping; keys
 * come in jsonb's stored order. The iterator is flat: no recursion here.
 */
void
jw_jsonb(StringInfo out, Datum value, bool isnull)
{
	Jsonb	   *jb;
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	bool		need_comma = false;
	bool		raw_scalar;

	if (isnull)
	{
		JW_LIT(out, "null");
		return;
	}
	jb = DatumGetJsonbP(value);
	raw_scalar = JB_ROOT_IS_SCALAR(jb);
	it = JsonbIteratorInit(&jb->root);
	while ((tok = JsonbIteratorNext(&it, &v, false)) != WJB_DONE)
	{
		switch (tok)
		{
			case WJB_BEGIN_OBJECT:
			case WJB_BEGIN_ARRAY:
				if (need_comma)
					jw_char(out, ',');
				if (!raw_scalar)
					jw_char(out, tok == WJB_BEGIN_OBJECT ? '{' : '[');
				need_comma = false;
				break;
			case WJB_END_OBJECT:
			case WJB_END_ARRAY:
				if (!raw_scalar)
					jw_char(out, tok == WJB_END_OBJECT ? '}' : ']');
				need_comma = true;
				break;
			case WJB_KEY:
				if (need_comma)
					jw_char(out, ',');
				jw_string(out, v.val.string.val, v.val.string.len);
				jw_char(out, ':');
				need_comma = false;
				break;
			case WJB_ELEM:
				if (need_comma)
					jw_char(out, ',');
				/* FALLTHROUGH */
			case WJB_VALUE:
				jw_jsonb_scalar(out, &v);
				need_comma = true;
				break;
			case WJB_DONE:
				break;
		}
	}
}

/*
 * A multilingual field (SPEC 0.6): the languages of linkedevents.languages
 * that have a value, in that order; null when none has one (never {}).
 */
void
jw_multilingual(StringInfo out, JsonldCtx *ctx, Datum value, bool isnull)
{
	Jsonb	   *jb;
	bool		any = false;

	if (!isnull)
	{
		jb = DatumGetJsonbP(value);
		if (!JB_ROOT_IS_OBJECT(jb))
			isnull = true;
	}
	if (isnull)
	{
		JW_LIT(out, "null");
		return;
	}
	for (int i = 0; i < ctx->nlangs; i++)
	{
		JsonbValue	vbuf;
		JsonbValue *v;

		v = getKeyJsonValueFromContainer(&jb->root, ctx->langs[i], ctx->lang_lens[i], &vbuf);
		if (v == NULL || v->type == jbvNull)
			continue;
		jw_char(out, any ? ',' : '{');
		appendBinaryStringInfo(out, ctx->lang_keys[i], ctx->lang_key_lens[i]);
		jw_jsonb_scalar(out, v);
		any = true;
	}
	if (any)
		jw_char(out, '}');
	else
		JW_LIT(out, "null");
}

/* A text[] as a JSON list of strings. */
void
jw_text_array(StringInfo out, Datum value)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	deconstruct_array(DatumGetArrayTypeP(value), TEXTOID, -1, false, TYPALIGN_INT,
					  &elems, &nulls, &n);
	jw_char(out, '[');
	for (int i = 0; i < n; i++)
	{
		if (i > 0)
			jw_char(out, ',');
		jw_text(out, elems[i], nulls[i]);
	}
	jw_char(out, ']');
}

/*
 * Percent-encoding. A path segment keeps the unreserved characters and
 * :@/!$&'()*+,; = (SPEC 4.1); a query (quote_plus) keeps only the unreserved
 * A-Z a-z 0-9 _ . - ~ and turns a space into '+' (SPEC 3). Neither set holds
 * '"' or '\', so the result needs no JSON escaping.
 */
static bool
url_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		(c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-' || c == '~';
}

void
jw_percent_encode(StringInfo out, const char *s, int len, const char *keep,
				  bool plus_for_space)
{
	static const char hex[] = "0123456789ABCDEF";
	int			run = 0;		/* start of the bytes kept as they are */

	for (int i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (url_unreserved(c) || (c != '\0' && strchr(keep, c) != NULL))
			continue;
		appendBinaryStringInfo(out, s + run, i - run);
		if (c == ' ' && plus_for_space)
			jw_char(out, '+');
		else
		{
			char		esc[3] = {'%', hex[c >> 4], hex[c & 15]};

			appendBinaryStringInfo(out, esc, 3);
		}
		run = i + 1;
	}
	appendBinaryStringInfo(out, s + run, len - run);
}

#define PATH_SEGMENT_KEEP ":@/!$&'()*+,;="

/* "<base><resource>/<encoded id>/<?format=..>" as a JSON string. */
void
jw_url(StringInfo out, JsonldCtx *ctx, const char *resource, const char *id, int len)
{
	jw_char(out, '"');
	appendBinaryStringInfo(out, ctx->base, ctx->base_len);
	appendStringInfoString(out, resource);
	jw_char(out, '/');
	jw_percent_encode(out, id, len, PATH_SEGMENT_KEEP, false);
	jw_char(out, '/');
	appendBinaryStringInfo(out, ctx->suffix, ctx->suffix_len);
	jw_char(out, '"');
}

/* The URL of a text id as a plain string, or null (organization relations). */
void
jw_url_text(StringInfo out, JsonldCtx *ctx, const char *resource, Datum id, bool isnull)
{
	text	   *t;

	if (isnull)
	{
		JW_LIT(out, "null");
		return;
	}
	t = DatumGetTextPP(id);
	jw_url(out, ctx, resource, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

/* A reference {"@id": URL}, or null. */
void
jw_ref_text(StringInfo out, JsonldCtx *ctx, const char *resource, Datum id, bool isnull)
{
	if (isnull)
	{
		JW_LIT(out, "null");
		return;
	}
	JW_LIT(out, "{\"@id\":");
	jw_url_text(out, ctx, resource, id, false);
	jw_char(out, '}');
}

void
jw_ref_int(StringInfo out, JsonldCtx *ctx, const char *resource, int32 id)
{
	char		buf[12];

	JW_LIT(out, "{\"@id\":");
	jw_url(out, ctx, resource, buf, pg_ltoa(id, buf));
	jw_char(out, '}');
}

/* A list of references from a text[] of ids. */
void
jw_ref_list(StringInfo out, JsonldCtx *ctx, const char *resource, Datum ids)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	deconstruct_array(DatumGetArrayTypeP(ids), TEXTOID, -1, false, TYPALIGN_INT,
					  &elems, &nulls, &n);
	jw_char(out, '[');
	for (int i = 0; i < n; i++)
	{
		if (i > 0)
			jw_char(out, ',');
		jw_ref_text(out, ctx, resource, elems[i], nulls[i]);
	}
	jw_char(out, ']');
}

/*
 * ,"created_by":..,"last_modified_by":.. (user names): written only for a
 * signed-in administrator of the object's publisher (D22).
 */
void
jw_users(StringInfo out, Datum created_by, bool created_by_null,
		 Datum last_modified_by, bool last_modified_by_null)
{
	JW_KEY(out, "created_by");
	jw_text(out, created_by, created_by_null);
	JW_KEY(out, "last_modified_by");
	jw_text(out, last_modified_by, last_modified_by_null);
}

/*
 * The end of every resource object: "@id", "@context", "@type" and the
 * closing brace. id is a text or an int4 (images) Datum.
 */
void
jw_trailer(StringInfo out, JsonldCtx *ctx, const char *resource, Datum id,
		   const char *type)
{
	JW_KEY(out, "@id");
	if (strcmp(resource, "image") == 0)
	{
		char		buf[12];

		jw_url(out, ctx, resource, buf, pg_ltoa(DatumGetInt32(id), buf));
	}
	else
		jw_url_text(out, ctx, resource, id, false);
	JW_LIT(out, ",\"@context\":\"http://schema.org\",\"@type\":\"");
	appendStringInfoString(out, type);
	JW_LIT(out, "\"}");
}

/* A coordinate the way Python prints round(v, decimals): "24.9348", "25.0". */
static void
jw_coordinate(StringInfo out, double v, int decimals)
{
	char		buf[64];
	int			len = snprintf(buf, sizeof(buf), "%.*f", decimals, v);

	while (len > 2 && buf[len - 1] == '0' && buf[len - 2] != '.')
		len--;
	appendBinaryStringInfo(out, buf, len);
}

/* A GeoJSON point. */
void
jw_point(StringInfo out, double x, double y, int decimals)
{
	JW_LIT(out, "{\"type\":\"Point\",\"coordinates\":[");
	jw_coordinate(out, x, decimals);
	jw_char(out, ',');
	jw_coordinate(out, y, decimals);
	JW_LIT(out, "]}");
}
