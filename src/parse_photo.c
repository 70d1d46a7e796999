/*
 * parse_photo.c
 *	  $skip/$limit counts, 0/1 flags, $sort and source references of the
 *	  content API's photos endpoint.
 */
#include "parse_photo.h"

#include <string.h>

const char *const le_photo_sort_names[LE_PHOTO_SORT_NFIELDS] = {
	[LE_PHOTO_SORT_LAST_UPDATED_DATE] = "lastUpdatedDate",
	[LE_PHOTO_SORT_CONTEXT_SLUG] = "context.slug",
	[LE_PHOTO_SORT_TAGS_SLUG] = "tags.slug",
	[LE_PHOTO_SORT_CONTEXT_NEUTRAL_SLUG] = "context.neutralSlug",
	[LE_PHOTO_SORT_TAGS_NEUTRAL_SLUG] = "tags.neutralSlug",
	[LE_PHOTO_SORT_TAGS_EXTERNAL_SOURCE_REFERENCE] = "tags.externalSourceReference",
};

LeParseStatus
le_parse_photo_count(const char *s, size_t len, int64_t min, int64_t max, int64_t *out)
{
	uint64_t	value = 0;
	bool		overflow = false;

	if (len == 0)
		return LE_PARSE_INVALID;
	for (size_t i = 0; i < len; i++)
	{
		unsigned	d = (unsigned char) s[i] - '0';

		if (d > 9)
			return LE_PARSE_INVALID;
		if (value > ((uint64_t) INT64_MAX - d) / 10)
			overflow = true;
		else
			value = value * 10 + d;
	}
	*out = overflow ? INT64_MAX : (int64_t) value;
	return (overflow || *out < min || *out > max) ? LE_PARSE_RANGE : LE_PARSE_OK;
}

LeParseStatus
le_parse_photo_flag(const char *s, size_t len, int *out)
{
	if (len != 1 || (s[0] != '0' && s[0] != '1'))
		return LE_PARSE_INVALID;
	*out = s[0] - '0';
	return LE_PARSE_OK;
}

static bool
equals(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && memcmp(s, word, len) == 0;
}

LeParseStatus
le_parse_photo_sort(const char *s, size_t len, LePhotoSortField *field, bool *descending)
{
	const char *colon = memchr(s, ':', len);
	size_t		name_len = colon ? (size_t) (colon - s) : len;

	*descending = false;
	if (colon)
	{
		const char *dir = colon + 1;
		size_t		dir_len = len - name_len - 1;

		if (equals(dir, dir_len, "desc"))
			*descending = true;
		else if (!equals(dir, dir_len, "asc"))
			return LE_PARSE_INVALID;
	}
	for (int i = 0; i < LE_PHOTO_SORT_NFIELDS; i++)
		if (equals(s, name_len, le_photo_sort_names[i]))
		{
			*field = (LePhotoSortField) i;
			return LE_PARSE_OK;
		}
	return LE_PARSE_INVALID;
}

LeParseStatus
le_parse_source_reference(const char *s, size_t len, size_t *name_len, size_t *id_start)
{
	const char *colon = memchr(s, ':', len);

	if (colon == NULL || colon == s || colon == s + len - 1)
		return LE_PARSE_INVALID;
	*name_len = colon - s;
	*id_start = *name_len + 1;
	return LE_PARSE_OK;
}
