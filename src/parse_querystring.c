/*
 * parse_querystring.c
 *	  Splitting and percent-decoding a URL query string; see the header.
 *
 * Decoding happens in place: the write position never passes the read
 * position, because every escape ("%XX", 3 bytes) yields at most one byte,
 * and an ill-formed UTF-8 subpart of k escaped bytes (3k input bytes) yields
 * one U+FFFD (3 bytes).  Raw bytes are copied, "+" becoming a space.
 */
#include "parse_querystring.h"

#include <stdint.h>
#include <string.h>

#include "parse_unicode.h"

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

size_t
le_query_max_params(const char *query, size_t len)
{
	size_t		n = 1;

	for (size_t i = 0; i < len; i++)
		n += (query[i] == '&');
	return n;
}

/* Appends the character or U+FFFD for pend[0..*np) while one is complete. */
static void
emit_complete(char *buf, size_t *out, unsigned char *pend, size_t *np,
			  int flush, int *saw_nul)
{
	while (*np > 0)
	{
		uint32_t	cp;
		size_t		bad;
		size_t		k = le_utf8_decode((const char *) pend, *np, &cp, &bad);

		if (k == 0 && bad == *np && !flush && pend[0] >= 0xC2 && pend[0] <= 0xF4)
			return;				/* a valid prefix: wait for more bytes */
		if (k == 0)
		{
			memcpy(buf + *out, "\xEF\xBF\xBD", 3);
			*out += 3;
			k = bad;
		}
		else if (cp == 0)
			*saw_nul = 1;
		else
		{
			memcpy(buf + *out, pend, k);
			*out += k;
		}
		memmove(pend, pend + k, *np - k);
		*np -= k;
	}
}

/*
 * Decodes the run of escapes at buf[*in..end) to buf[*out..), replacing
 * ill-formed UTF-8 by U+FFFD and dropping NULs.  At most 4 decoded bytes are
 * pending at a time, each of which consumed 3 input bytes, so the output
 * never overtakes the input.  Returns 0 (with *in at the bad "%") on a
 * malformed escape.
 */
static int
decode_escape_run(char *buf, size_t *in, size_t end, size_t *out, int *saw_nul)
{
	unsigned char pend[4];
	size_t		np = 0;

	while (*in < end && buf[*in] == '%')
	{
		int			hi,
					lo;

		if (end - *in < 3 || (hi = hex_value(buf[*in + 1])) < 0 ||
			(lo = hex_value(buf[*in + 2])) < 0)
			return 0;
		*in += 3;
		pend[np++] = (unsigned char) (hi * 16 + lo);
		emit_complete(buf, out, pend, &np, 0, saw_nul);
	}
	emit_complete(buf, out, pend, &np, 1, saw_nul);
	return 1;
}

/*
 * Decodes buf[start..end) to buf[start..), NUL-terminates it and returns its
 * decoded length, or returns (size_t) -1 with *bad_offset set.
 */
static size_t
decode_component(char *buf, size_t start, size_t end, int *saw_nul,
				 size_t *bad_offset)
{
	size_t		in = start,
				out = start;

	while (in < end)
	{
		char		c = buf[in];

		if (c == '%')
		{
			if (!decode_escape_run(buf, &in, end, &out, saw_nul))
			{
				*bad_offset = in;
				return (size_t) -1;
			}
			continue;
		}
		in++;
		if (c == '\0')
			*saw_nul = 1;
		else
			buf[out++] = (c == '+') ? ' ' : c;
	}
	buf[out] = '\0';
	return out - start;
}

LeQueryStatus
le_query_decode(char *buf, size_t len, LeQueryParam *params, size_t *nparams,
				LeQueryError *err)
{
	size_t		pos = 0;
	size_t		n = 0;

	*nparams = 0;
	while (pos <= len)
	{
		size_t		end = pos,
					eq;
		int			key_nul = 0,
					value_nul = 0;
		size_t		key_len,
					value_len;
		LeQueryParam *p;

		while (end < len && buf[end] != '&')
			end++;
		if (end == pos)
		{
			pos = end + 1;		/* empty piece: "a=1&&b=2", "&a", "" */
			continue;
		}
		eq = pos;
		while (eq < end && buf[eq] != '=')
			eq++;

		/*
		 * The key's terminator goes where "=" (or "&", or the end) was; the
		 * value's where "&" was.  Both are past the decoded bytes.
		 */
		key_len = decode_component(buf, pos, eq, &key_nul, &err->offset);
		if (key_len == (size_t) -1)
			return LE_QUERY_BAD_ESCAPE;
		if (eq < end)
		{
			value_len = decode_component(buf, eq + 1, end, &value_nul, &err->offset);
			if (value_len == (size_t) -1)
				return LE_QUERY_BAD_ESCAPE;
		}
		else
			value_len = 0;

		p = &params[n++];
		p->key = buf + pos;
		p->key_len = key_len;
		/* without "=", the value is the empty string at the key's end */
		p->value = (eq < end) ? buf + eq + 1 : buf + pos + key_len;
		p->value_len = value_len;
		*nparams = n;
		if (key_nul || value_nul)
		{
			err->param = n - 1;
			err->in_key = key_nul;
			return LE_QUERY_NUL;
		}
		pos = end + 1;
	}
	return LE_QUERY_OK;
}

const char *
le_query_last(const LeQueryParam *params, size_t nparams, const char *key)
{
	for (size_t i = nparams; i > 0; i--)
		if (strcmp(params[i - 1].key, key) == 0)
			return params[i - 1].value;
	return NULL;
}
