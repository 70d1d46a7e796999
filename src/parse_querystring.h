/*
 * parse_querystring.h
 *	  Splitting and percent-decoding a URL query string (layer 1, plain C).
 *
 * The rules are those of the API's framework (Python's parse_qsl with blank
 * values kept): split on "&", skip empty pieces, split each piece on its
 * first "=" (no "=" means an empty value), "+" is a space, "%XX" is a byte.
 * Parameters keep their order and repeats.  Decoded byte runs that are not
 * valid UTF-8 get U+FFFD for each maximal ill-formed subpart, as Python's
 * decoder does; raw bytes are copied as they are.
 *
 * Unlike Python, which leaves them alone, a malformed escape ("%", "%4",
 * "%ZZ") is an error; and a NUL byte (raw or "%00") is an error too, because
 * the API refuses NUL in parameters (SPEC 0.5) and C strings cannot hold one.
 *
 * Nothing here allocates: the caller gives a writable copy of the query
 * string and an array of at least le_query_max_params() entries.
 */
#ifndef PARSE_QUERYSTRING_H
#define PARSE_QUERYSTRING_H

#include <stddef.h>

/* One parameter; key and value point into the caller's buffer. */
typedef struct LeQueryParam
{
	const char *key;			/* NUL-terminated */
	size_t		key_len;
	const char *value;			/* NUL-terminated; "" for "key" or "key=" */
	size_t		value_len;
} LeQueryParam;

typedef enum LeQueryStatus
{
	LE_QUERY_OK = 0,
	LE_QUERY_BAD_ESCAPE,		/* "%" not followed by two hex digits */
	LE_QUERY_NUL				/* a key or value held a NUL byte */
} LeQueryStatus;

/* Where decoding stopped, when it did not return LE_QUERY_OK. */
typedef struct LeQueryError
{
	size_t		offset;			/* byte offset of the bad "%" in the input */
	size_t		param;			/* index of the parameter holding the NUL */
	int			in_key;			/* the NUL was in the key, not the value */
} LeQueryError;

/* An upper bound on the number of parameters of query[0..len). */
extern size_t le_query_max_params(const char *query, size_t len);

/*
 * Decodes buf[0..len) in place.  buf must have len + 1 writable bytes (each
 * key and value gets a terminating NUL); params must have room for
 * le_query_max_params(buf, len) entries.  Sets *nparams to the number of
 * parameters written.  On LE_QUERY_NUL the offending parameter is params
 * [err->param], fully decoded with its NUL bytes left out, so that it can be
 * quoted in the message; *nparams then counts it.
 */
extern LeQueryStatus le_query_decode(char *buf, size_t len,
									 LeQueryParam *params, size_t *nparams,
									 LeQueryError *err);

/* The value of the last parameter named key, or NULL if there is none. */
extern const char *le_query_last(const LeQueryParam *params, size_t nparams,
								 const char *key);

#endif							/* PARSE_QUERYSTRING_H */
