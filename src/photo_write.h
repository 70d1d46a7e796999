/*
 * photo_write.h
 *	  The photos serializer (layer 4): items, and the URLs of list pages.
 */
#ifndef PHOTO_WRITE_H
#define PHOTO_WRITE_H

#include "lib/stringinfo.h"
#include "utils/array.h"

#include "params.h"

typedef struct PhotoCtx
{
	char	   *root;			/* the site root, JSON-escaped, ends with '/' */
	int			root_len;
} PhotoCtx;

/*
 * base_url NULL means linkedevents.base_url. The content API's URLs are
 * <root>v2/content/...: the root is base_url with a final "/" and without
 * a final "v1" segment, so that one base_url serves both APIs.
 */
extern void photo_ctx_init(PhotoCtx *ctx, text *base_url);

/*
 * The items of translation ids (uuid[]) in that order: a JSON list, or the
 * first item alone when !as_list. Returns how many were written. The caller
 * is connected to SPI.
 */
extern int	photo_write_items(StringInfo out, PhotoCtx *ctx, ArrayType *ids, bool as_list);

/*
 * The URL of a page of culture's photos, as a JSON string: the request's
 * parameters in order (repeats kept) without $skip, then $skip=skip.
 */
extern void photo_write_list_url(StringInfo out, PhotoCtx *ctx, const char *culture,
								 const LeQuery *params, int64 skip);

#endif							/* PHOTO_WRITE_H */
