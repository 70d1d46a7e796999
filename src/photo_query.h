/*
 * photo_query.h
 *	  The photos list's query builder (layer 3): the query string's
 *	  parameters in, one parameterised statement out.
 */
#ifndef PHOTO_QUERY_H
#define PHOTO_QUERY_H

#include "lib/stringinfo.h"
#include "utils/array.h"

#include "params.h"

#define PHOTO_LIMIT_DEFAULT	25
#define PHOTO_LIMIT_MAX		100
#define PHOTO_SKIP_MAX		PG_INT32_MAX

/* More tags than this are one GROUP BY condition, not one EXISTS each. */
#define PHOTO_EXISTS_MAX	8

/* Bound values: culture, availability, the tags, 5 other filters, limit, offset. */
#define PHOTO_QUERY_MAX_ARGS (PHOTO_EXISTS_MAX + 9)

typedef struct PhotoQuery
{
	const char *culture;		/* lower case */
	int64		skip;			/* $skip */
	int			limit;			/* $limit */
	StringInfoData sql;			/* SELECT p.translation_id ... LIMIT ... OFFSET ... */
	int			nargs;
	Oid			argtypes[PHOTO_QUERY_MAX_ARGS];
	Datum		args[PHOTO_QUERY_MAX_ARGS];
} PhotoQuery;

/*
 * Checks every parameter (22023 with the parameter's name as the error's
 * COLUMN_NAME), looks up the tags that slugs and source references name,
 * and builds the statement of culture's photos they select. The caller is
 * connected to SPI.
 */
extern PhotoQuery *photo_query_build(const char *culture, const LeQuery *params);

/*
 * Runs the statement: the page: the translation ids (uuid[]) in order;
 * *more says whether an item follows the page. The caller is connected to
 * SPI.
 */
extern ArrayType *photo_query_page(PhotoQuery *q, bool *more);

#endif							/* PHOTO_QUERY_H */
