/*
 * event_index_result.h
 *	  A request's matches between event_index_match.c, which finds them, and
 *	  event_index_page.c, which orders a page of them.
 */
#ifndef EVENT_INDEX_RESULT_H
#define EVENT_INDEX_RESULT_H

#include "event_index_cache.h"
#include "event_index_match.h"

struct EmResult
{
	EiCache    *cache;
	EmProgram  *program;
	uint64	   *matches;		/* by global slot */
	int32		nwords;
	int64		count;
	bool		fallback;		/* met what only SQL answers */
};

/* Is column bit (times t, or EIT_COUNT + ints i) of slot s NULL? */
static inline bool
slot_null(const EiSegment *seg, int s, int bit)
{
	return (seg->nulls[s] >> bit) & 1;
}

#endif							/* EVENT_INDEX_RESULT_H */
