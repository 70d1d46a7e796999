/*
 * etag.c
 *	  Strong entity tags: a 64-bit hash of the exact bytes of the answer
 *	  (and a "-gzip" suffix for the compressed form, which is another
 *	  representation), and If-None-Match against one.
 *
 * The hash mixes 8 bytes per step with the multiply-rotate rounds and the
 * final avalanche of xxHash64: several times faster than zlib's crc32 and
 * adler32 together, and 64 bits wide.
 */
#include "httpd.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define PRIME1 0x9E3779B185EBCA87ULL
#define PRIME2 0xC2B2AE3D27D4EB4FULL

static uint64_t
round64(uint64_t h, uint64_t word)
{
	h ^= word * PRIME2;
	h = (h << 31) | (h >> 33);
	return h * PRIME1;
}

static uint64_t
hash64(const char *data, size_t len)
{
	uint64_t	h = PRIME1 ^ len;
	uint64_t	word;
	size_t		i;

	for (i = 0; i + 8 <= len; i += 8)
	{
		memcpy(&word, data + i, 8);
		h = round64(h, word);
	}
	word = 0;
	memcpy(&word, data + i, len - i);
	h = round64(h, word);
	h ^= h >> 33;
	h *= PRIME2;
	h ^= h >> 29;
	h *= PRIME1;
	h ^= h >> 32;
	return h;
}

void
etag_of(const char *body, size_t len, bool gzip, char tag[ETAG_SIZE])
{
	snprintf(tag, ETAG_SIZE, "\"%016llx%s\"",
			 (unsigned long long) hash64(body, len), gzip ? "-gzip" : "");
}

/* Whether If-None-Match names tag (weak comparison, as RFC 9110 says). */
bool
etag_matches(const char *if_none_match, const char *tag)
{
	const char *value = if_none_match;
	size_t		tag_len = strlen(tag);

	while (value && *value)
	{
		size_t		len;

		value += strspn(value, " \t,");
		if (strncmp(value, "W/", 2) == 0)
			value += 2;
		len = strcspn(value, " \t,");
		if ((len == 1 && *value == '*') || (len == tag_len && strncmp(value, tag, len) == 0))
			return true;
		value += len;
	}
	return false;
}
