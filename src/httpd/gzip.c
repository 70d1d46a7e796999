/*
 * gzip.c
 *	  Content-Encoding: gzip of a response body, in one call of deflate.
 *	  Level 1: on JSON it compresses almost as well as the default level at
 *	  a fraction of the time, and the time is the front end's budget.
 */
#include "httpd.h"

#include <stdlib.h>
#include <zlib.h>

/* The gzip form of data[0..len) in a new *out of *out_len bytes. */
bool
gzip_compress(const char *data, size_t len, char **out, size_t *out_len)
{
	z_stream	z = {0};
	bool		ok;

	/* 15 + 16: a 32 kB window and the gzip wrapper */
	if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return false;
	z.avail_out = deflateBound(&z, len);
	if ((*out = malloc(z.avail_out)) == NULL)
		abort();
	z.next_in = (Bytef *) data;
	z.avail_in = len;
	z.next_out = (Bytef *) *out;
	ok = deflate(&z, Z_FINISH) == Z_STREAM_END;
	*out_len = z.total_out;
	deflateEnd(&z);
	if (!ok)
		free(*out);
	return ok;
}
