/*
 * parse_unicode.h
 *	  UTF-8 decoding and the character classes Python's int() and float()
 *	  accept, for the layer-1 parsers (plain C, no PostgreSQL headers).
 *
 * Every function takes a length-delimited buffer and never reads past it.
 */
#ifndef PARSE_UNICODE_H
#define PARSE_UNICODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Decodes the UTF-8 character at s[0..len), len >= 1.  Returns its byte
 * length and sets *cp; for an ill-formed sequence returns 0 and sets *bad_len
 * to the length of its maximal subpart (Unicode's "U+FFFD substitution of
 * maximal subparts", the rule Python's decoder follows), at least 1.
 */
extern size_t le_utf8_decode(const char *s, size_t len, uint32_t *cp, size_t *bad_len);

/* Python's str.isspace(). */
extern bool le_is_space(uint32_t cp);

/* Value of a Unicode decimal digit (category Nd), or -1. */
extern int	le_digit_value(uint32_t cp);

/* Narrows s[0..*len) to drop leading and trailing le_is_space characters. */
extern void le_strip_space(const char **s, size_t *len);

#endif							/* PARSE_UNICODE_H */
