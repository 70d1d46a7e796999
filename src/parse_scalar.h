/*
 * parse_scalar.h
 *	  Booleans, integers, decimal and floating-point numbers and comma lists
 *	  of API parameters (layer 1, plain C).
 *
 * Inputs are length-delimited (s[0..len), not necessarily NUL-terminated);
 * no function reads past them or allocates.
 */
#ifndef PARSE_SCALAR_H
#define PARSE_SCALAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum LeParseStatus
{
	LE_PARSE_OK = 0,
	LE_PARSE_INVALID,			/* not in the accepted syntax */
	LE_PARSE_RANGE				/* syntax fine, value out of range */
} LeParseStatus;

/* SPEC D2: true/True/TRUE/1 and false/False/FALSE/0, nothing else. */
extern LeParseStatus le_parse_bool(const char *s, size_t len, bool *out);

/*
 * Python int(s) (SPEC 0.5): surrounding Unicode white space, an optional
 * sign, Unicode decimal digits with single "_" between digits, at most 4300
 * digits (Python's limit).  A value beyond int64 gives LE_PARSE_RANGE with
 * *out saturated to INT64_MIN or INT64_MAX (which keeps every comparison with
 * a 32-bit column right).
 */
extern LeParseStatus le_parse_int(const char *s, size_t len, int64_t *out);

/*
 * The canonical decimal text of an integer le_parse_int accepts, as Python's
 * str(int(s)) prints it ("-12" for " -0_12"), into out[0..outsize); outsize
 * >= len + 1 always suffices.  Returns the length written (without the NUL).
 */
extern size_t le_int_text(const char *s, size_t len, char *out, size_t outsize);

/*
 * Python Decimal(s) restricted to finite values, as Django's DecimalField
 * accepts them: white space around, sign, digits with "_" separators, an
 * optional fraction, an optional exponent.  Writes an ASCII form PostgreSQL's
 * numeric input accepts into out[0..outsize), outsize >= len + 16.  Values
 * whose magnitude is beyond 1e1000 become "Infinity"/"-Infinity" and non-zero
 * values below 1e-1000 become "1e-1001"/"-1e-1001": both keep every
 * comparison with a realistic column value right.
 */
extern LeParseStatus le_parse_decimal(const char *s, size_t len, char *out, size_t outsize);

/*
 * Python float(s) restricted to finite values (bbox, dwithin); scratch must
 * have len + 1 bytes.
 */
extern LeParseStatus le_parse_float(const char *s, size_t len, char *scratch, double *out);

/*
 * Comma lists (SPEC 0.5): items are not trimmed, empty items are kept, so a
 * list has (number of commas + 1) items.  le_csv_next() sets *item and *item_len
 * to the item starting at *pos and moves *pos past its comma; it returns
 * false once the list is exhausted.  Start with *pos = 0.
 */
extern size_t le_csv_count(const char *s, size_t len);
extern bool le_csv_next(const char *s, size_t len, size_t *pos,
						const char **item, size_t *item_len);

#endif							/* PARSE_SCALAR_H */
