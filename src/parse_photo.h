/*
 * parse_photo.h
 *	  The value types of the content API's photos parameters (layer 1, plain
 *	  C): $skip and $limit, the 0/1 flags featured and _listAvailability,
 *	  $sort, and tags.externalSourceReference.
 *
 * This API is not the Python one of /v1/: its integers are plain ASCII
 * digits (no sign, no white space, no "_", no other scripts' digits).
 * Inputs are length-delimited and never read past; nothing allocates.
 */
#ifndef PARSE_PHOTO_H
#define PARSE_PHOTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parse_scalar.h"

/*
 * $skip, $limit: one or more ASCII digits (leading zeros allowed).  A value
 * outside [min, max] is LE_PARSE_RANGE (*out then holds it, saturated at
 * INT64_MAX); anything else that is not digits is LE_PARSE_INVALID.
 */
extern LeParseStatus le_parse_photo_count(const char *s, size_t len, int64_t min,
										  int64_t max, int64_t *out);

/* featured, _listAvailability: exactly "0" or "1". */
extern LeParseStatus le_parse_photo_flag(const char *s, size_t len, int *out);

/* The $sort fields, in the order the seed lists them. */
typedef enum LePhotoSortField
{
	LE_PHOTO_SORT_LAST_UPDATED_DATE,
	LE_PHOTO_SORT_CONTEXT_SLUG,
	LE_PHOTO_SORT_TAGS_SLUG,
	LE_PHOTO_SORT_CONTEXT_NEUTRAL_SLUG,
	LE_PHOTO_SORT_TAGS_NEUTRAL_SLUG,
	LE_PHOTO_SORT_TAGS_EXTERNAL_SOURCE_REFERENCE,
	LE_PHOTO_SORT_NFIELDS
} LePhotoSortField;

/* "lastUpdatedDate", "context.slug", ... indexed by LePhotoSortField. */
extern const char *const le_photo_sort_names[LE_PHOTO_SORT_NFIELDS];

/*
 * $sort: "<field>", "<field>:asc" or "<field>:desc", the field one of
 * le_photo_sort_names, all of it case-sensitive.  No direction is ascending.
 */
extern LeParseStatus le_parse_photo_sort(const char *s, size_t len,
										 LePhotoSortField *field, bool *descending);

/*
 * tags.externalSourceReference: "<sourceName>:<sourceId>", split at the
 * first ":"; both parts non-empty (the id may hold further colons).  The name
 * is s[0..*name_len), the id s[*id_start..len).
 */
extern LeParseStatus le_parse_source_reference(const char *s, size_t len,
											   size_t *name_len, size_t *id_start);

#endif							/* PARSE_PHOTO_H */
