/*
 * parse_unicode.c
 *	  UTF-8 decoding, white space and decimal digits as Python sees them.
 *
 * The API parses integers with Python's int(), which strips Unicode white
 * space and accepts any decimal digit (Unicode category Nd, e.g. "１２" or
 * "١٢"); the tables below are those of Unicode 14 (Python 3.11).
 */
#include "parse_unicode.h"

size_t
le_utf8_decode(const char *s, size_t len, uint32_t *cp, size_t *bad_len)
{
	const unsigned char *u = (const unsigned char *) s;
	unsigned char c = u[0];
	unsigned char lo = 0x80,
				hi = 0xBF;
	size_t		need,
				i;
	uint32_t	v;

	if (c < 0x80)
	{
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
	{
		need = 2;
		v = c & 0x1F;
	}
	else if (c >= 0xE0 && c <= 0xEF)
	{
		need = 3;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;			/* no overlong forms */
		else if (c == 0xED)
			hi = 0x9F;			/* no surrogates */
	}
	else if (c >= 0xF0 && c <= 0xF4)
	{
		need = 4;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;			/* nothing above U+10FFFF */
	}
	else
	{
		*bad_len = 1;
		return 0;
	}
	for (i = 1; i < need; i++)
	{
		if (i >= len || u[i] < lo || u[i] > hi)
		{
			*bad_len = i;
			return 0;
		}
		v = (v << 6) | (u[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = v;
	return need;
}

bool
le_is_space(uint32_t cp)
{
	switch (cp)
	{
		case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D:
		case 0x1C: case 0x1D: case 0x1E: case 0x1F: case 0x20:
		case 0x85: case 0xA0: case 0x1680:
		case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
			return true;
		default:
			return cp >= 0x2000 && cp <= 0x200A;
	}
}

/* The zero of every run of ten decimal digits, in code point order. */
static const uint32_t digit_zeros[] = {
	0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6,
	0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090,
	0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40,
	0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
	0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450,
	0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50,
	0x11DA0, 0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC,
	0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0
};

int
le_digit_value(uint32_t cp)
{
	size_t		lo = 0,
				hi = sizeof(digit_zeros) / sizeof(digit_zeros[0]);

	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') ? (int) (cp - '0') : -1;
	/* binary search for the last zero <= cp */
	while (hi - lo > 1)
	{
		size_t		mid = (lo + hi) / 2;

		if (digit_zeros[mid] <= cp)
			lo = mid;
		else
			hi = mid;
	}
	return (cp - digit_zeros[lo] < 10) ? (int) (cp - digit_zeros[lo]) : -1;
}

void
le_strip_space(const char **s, size_t *len)
{
	const char *p = *s;
	size_t		n = *len;
	uint32_t	cp;
	size_t		k,
				bad;

	while (n > 0 && (k = le_utf8_decode(p, n, &cp, &bad)) > 0 && le_is_space(cp))
	{
		p += k;
		n -= k;
	}
	/* Trailing: step back over continuation bytes to each character start. */
	while (n > 0)
	{
		size_t		start = n - 1;

		while (start > 0 && n - start < 4 && ((unsigned char) p[start] & 0xC0) == 0x80)
			start--;
		k = le_utf8_decode(p + start, n - start, &cp, &bad);
		if (k != n - start || !le_is_space(cp))
			break;
		n = start;
	}
	*s = p;
	*len = n;
}
