/*
 * parse_scalar.c
 *	  Booleans, Python-style integers and numbers, comma lists.
 */
#include "parse_scalar.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_unicode.h"

/* Python refuses to convert strings of more digits than this to int. */
#define MAX_INT_DIGITS 4300

/* Numeric values are clamped beyond 10^MAX_DECIMAL_MAGNITUDE. */
#define MAX_DECIMAL_MAGNITUDE 1000
/* Significant digits kept for numeric; see le_parse_decimal. */
#define MAX_DECIMAL_DIGITS 1000

static bool
equals(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && memcmp(s, word, len) == 0;
}

LeParseStatus
le_parse_bool(const char *s, size_t len, bool *out)
{
	if (equals(s, len, "true") || equals(s, len, "True") ||
		equals(s, len, "TRUE") || equals(s, len, "1"))
		*out = true;
	else if (equals(s, len, "false") || equals(s, len, "False") ||
			 equals(s, len, "FALSE") || equals(s, len, "0"))
		*out = false;
	else
		return LE_PARSE_INVALID;
	return LE_PARSE_OK;
}

/*
 * Scans a run of decimal digits with single "_" between digits, starting at
 * s[*pos].  Each digit's ASCII form goes through emit (when not NULL).
 * Returns the number of digits (0 if none), or -1 for a misplaced "_".
 */
typedef void (*DigitSink) (void *arg, char digit);

static long
scan_digits(const char *s, size_t len, size_t *pos, DigitSink emit, void *arg)
{
	long		n = 0;
	bool		after_underscore = false;

	while (*pos < len)
	{
		uint32_t	cp;
		size_t		bad;
		size_t		k = le_utf8_decode(s + *pos, len - *pos, &cp, &bad);
		int			d = (k > 0) ? le_digit_value(cp) : -1;

		if (d >= 0)
		{
			if (emit)
				emit(arg, (char) ('0' + d));
			n++;
			after_underscore = false;
			*pos += k;
		}
		else if (k == 1 && cp == '_' && n > 0 && !after_underscore)
		{
			after_underscore = true;
			*pos += 1;
		}
		else
			break;
	}
	return after_underscore ? -1 : n;
}

static bool
accept_char(const char *s, size_t len, size_t *pos, char c)
{
	if (*pos < len && s[*pos] == c)
	{
		(*pos)++;
		return true;
	}
	return false;
}

/* An optional sign; returns true for "-". */
static bool
scan_sign(const char *s, size_t len, size_t *pos)
{
	if (accept_char(s, len, pos, '-'))
		return true;
	accept_char(s, len, pos, '+');
	return false;
}

typedef struct IntAccumulator
{
	uint64_t	magnitude;
	bool		overflow;
} IntAccumulator;

static void
accumulate_digit(void *arg, char digit)
{
	IntAccumulator *acc = arg;
	uint64_t	d = (uint64_t) (digit - '0');

	if (acc->magnitude > (UINT64_MAX - d) / 10)
		acc->overflow = true;
	else
		acc->magnitude = acc->magnitude * 10 + d;
}

LeParseStatus
le_parse_int(const char *s, size_t len, int64_t *out)
{
	size_t		pos = 0;
	bool		negative;
	long		ndigits;
	IntAccumulator acc = {0, false};

	le_strip_space(&s, &len);
	negative = scan_sign(s, len, &pos);
	ndigits = scan_digits(s, len, &pos, accumulate_digit, &acc);
	if (ndigits <= 0 || ndigits > MAX_INT_DIGITS || pos != len)
		return LE_PARSE_INVALID;
	if (negative)
	{
		if (acc.overflow || acc.magnitude > (uint64_t) INT64_MAX + 1)
		{
			*out = INT64_MIN;
			return LE_PARSE_RANGE;
		}
		*out = (acc.magnitude == (uint64_t) INT64_MAX + 1) ? INT64_MIN : -(int64_t) acc.magnitude;
	}
	else
	{
		if (acc.overflow || acc.magnitude > (uint64_t) INT64_MAX)
		{
			*out = INT64_MAX;
			return LE_PARSE_RANGE;
		}
		*out = (int64_t) acc.magnitude;
	}
	return LE_PARSE_OK;
}

/* Collects ASCII digits into a bounded buffer. */
typedef struct TextSink
{
	char	   *buf;
	size_t		size;
	size_t		len;
	bool		skip_leading_zeros;
} TextSink;

static void
text_digit(void *arg, char digit)
{
	TextSink   *t = arg;

	if (t->skip_leading_zeros && digit == '0')
		return;
	t->skip_leading_zeros = false;
	if (t->len + 1 < t->size)
		t->buf[t->len++] = digit;
}

size_t
le_int_text(const char *s, size_t len, char *out, size_t outsize)
{
	size_t		pos = 0;
	TextSink	t = {out, outsize, 0, true};

	if (outsize == 0)
		return 0;
	le_strip_space(&s, &len);
	if (scan_sign(s, len, &pos) && t.size > 1)
		t.buf[t.len++] = '-';
	scan_digits(s, len, &pos, text_digit, &t);
	if (t.skip_leading_zeros)
		t.len = 0;				/* the value is zero: no sign */
	if (t.len == 0 && t.size > 1)
		t.buf[t.len++] = '0';
	t.buf[t.len] = '\0';
	return t.len;
}

/*
 * The parts of a number in Python's float/Decimal syntax:
 * [sign] digits [. [digits]] | . digits, then [e|E [sign] digits].
 */
typedef struct NumberParts
{
	bool		negative;
	size_t		int_pos;		/* start of the integer digits */
	size_t		frac_pos;		/* start of the fraction digits, if '.' */
	bool		has_point;
	size_t		exp_pos;		/* start of the exponent's sign or digits */
	bool		has_exponent;
} NumberParts;

static bool
scan_number(const char *s, size_t len, NumberParts *n)
{
	size_t		pos = 0;
	long		nint,
				nfrac = 0;

	n->negative = scan_sign(s, len, &pos);
	n->int_pos = pos;
	nint = scan_digits(s, len, &pos, NULL, NULL);
	if (nint < 0)
		return false;
	n->has_point = accept_char(s, len, &pos, '.');
	n->frac_pos = pos;
	if (n->has_point && (nfrac = scan_digits(s, len, &pos, NULL, NULL)) < 0)
		return false;
	if (nint + nfrac == 0)
		return false;
	n->has_exponent = accept_char(s, len, &pos, 'e') || accept_char(s, len, &pos, 'E');
	n->exp_pos = pos;
	if (n->has_exponent)
	{
		scan_sign(s, len, &pos);
		if (scan_digits(s, len, &pos, NULL, NULL) <= 0)
			return false;
	}
	return pos == len;
}

/* Appends ASCII text within a bounded buffer (always leaving room for NUL). */
static void
put(TextSink *t, const char *text)
{
	for (; *text; text++)
		if (t->len + 1 < t->size)
			t->buf[t->len++] = *text;
}

static void
put_digit(void *arg, char digit)
{
	TextSink   *t = arg;

	if (t->len + 1 < t->size)
		t->buf[t->len++] = digit;
}

/* Reads the exponent at s[pos..len), saturating far beyond any use. */
static long
exponent_value(const char *s, size_t len, size_t pos)
{
	bool		negative = scan_sign(s, len, &pos);
	IntAccumulator acc = {0, false};

	scan_digits(s, len, &pos, accumulate_digit, &acc);
	if (acc.overflow || acc.magnitude > 1000000000)
		acc.magnitude = 1000000000;
	return negative ? -(long) acc.magnitude : (long) acc.magnitude;
}

/* Collects significant digits of a decimal for le_parse_decimal. */
typedef struct SignificantDigits
{
	TextSink   *t;
	long		leading_zeros;	/* zeros seen before the first non-zero */
	long		kept;
	bool		seen_nonzero;
	bool		dropped_nonzero;
} SignificantDigits;

static void
significant_digit(void *arg, char digit)
{
	SignificantDigits *sd = arg;

	if (!sd->seen_nonzero && digit == '0')
	{
		sd->leading_zeros++;
		return;
	}
	sd->seen_nonzero = true;
	if (sd->kept < MAX_DECIMAL_DIGITS)
	{
		put_digit(sd->t, digit);
		sd->kept++;
	}
	else if (digit != '0')
		sd->dropped_nonzero = true;
}

LeParseStatus
le_parse_decimal(const char *s, size_t len, char *out, size_t outsize)
{
	NumberParts n;
	TextSink	t = {out, outsize, 0, false};
	SignificantDigits sd = {&t, 0, 0, false, false};
	size_t		pos;
	long		nint,
				magnitude;
	char		exp_text[32];

	if (outsize == 0)
		return LE_PARSE_INVALID;
	out[0] = '\0';
	le_strip_space(&s, &len);
	if (!scan_number(s, len, &n))
		return LE_PARSE_INVALID;

	/*
	 * Write "[-]0.<significant digits>e<magnitude>": the value is 0.D times
	 * 10^magnitude with D's first digit non-zero.
	 */
	put(&t, n.negative ? "-0." : "0.");
	pos = n.int_pos;
	nint = scan_digits(s, len, &pos, significant_digit, &sd);
	if (n.has_point)
	{
		pos = n.frac_pos;
		scan_digits(s, len, &pos, significant_digit, &sd);
	}
	if (!sd.seen_nonzero)
	{
		t.len = 0;
		put(&t, "0");
		out[t.len] = '\0';
		return LE_PARSE_OK;
	}
	if (sd.dropped_nonzero)
		put_digit(&t, '1');		/* keeps the value strictly between neighbours */
	magnitude = nint - sd.leading_zeros +
		(n.has_exponent ? exponent_value(s, len, n.exp_pos) : 0);
	if (magnitude > MAX_DECIMAL_MAGNITUDE)
	{
		t.len = 0;
		put(&t, n.negative ? "-Infinity" : "Infinity");
	}
	else if (magnitude < -MAX_DECIMAL_MAGNITUDE)
	{
		t.len = 0;
		put(&t, n.negative ? "-0.1e-1000" : "0.1e-1000");
	}
	else
	{
		snprintf(exp_text, sizeof(exp_text), "e%ld", magnitude);
		put(&t, exp_text);
	}
	out[t.len] = '\0';
	return LE_PARSE_OK;
}

LeParseStatus
le_parse_float(const char *s, size_t len, char *scratch, double *out)
{
	NumberParts n;
	TextSink	t = {scratch, len + 1, 0, false};
	size_t		pos;
	char	   *end;

	le_strip_space(&s, &len);
	t.size = len + 1;
	if (!scan_number(s, len, &n))
		return LE_PARSE_INVALID;
	/* The ASCII form is never longer than the input it comes from. */
	if (n.negative)
		put(&t, "-");
	pos = n.int_pos;
	scan_digits(s, len, &pos, put_digit, &t);
	if (n.has_point)
	{
		put(&t, ".");
		pos = n.frac_pos;
		scan_digits(s, len, &pos, put_digit, &t);
	}
	if (n.has_exponent)
	{
		pos = n.exp_pos;
		put(&t, "e");
		if (scan_sign(s, len, &pos))
			put(&t, "-");
		scan_digits(s, len, &pos, put_digit, &t);
	}
	scratch[t.len] = '\0';
	*out = strtod(scratch, &end);
	return isfinite(*out) ? LE_PARSE_OK : LE_PARSE_RANGE;
}

size_t
le_csv_count(const char *s, size_t len)
{
	size_t		n = 1;

	for (size_t i = 0; i < len; i++)
		n += (s[i] == ',');
	return n;
}

bool
le_csv_next(const char *s, size_t len, size_t *pos, const char **item, size_t *item_len)
{
	size_t		end;

	if (*pos > len)
		return false;
	end = *pos;
	while (end < len && s[end] != ',')
		end++;
	*item = s + *pos;
	*item_len = end - *pos;
	*pos = end + 1;
	return true;
}
