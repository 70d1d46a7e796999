/*
 * event_index_cache.h
 *	  The event index as this backend holds it: the segments of the current
 *	  snapshot decoded into column arrays (event_index_cache.c).
 */
#ifndef EVENT_INDEX_CACHE_H
#define EVENT_INDEX_CACHE_H

#include "event_index.h"

/* The dictionaries: the string columns and list items as codes (0 = NULL). */
typedef enum EiDictKind
{
	EID_EVENT,					/* own ids and super_event */
	EID_DATA_SOURCE,
	EID_ORGANIZATION,
	EID_PLACE,
	EID_USER,
	EID_KEYWORD,
	EID_LANGUAGE,
	EID_NAME,
	EID_COUNT
} EiDictKind;

/* The dictionary of each string column and list (event_index_cache.c). */
extern const EiDictKind ei_str_dict[EIS_COUNT];
extern const EiDictKind ei_list_dict[EIL_COUNT];

typedef struct EiDict
{
	uint32		n;				/* codes 1..n in use */
	uint32		capacity;		/* of strings, lens */
	char	  **strings;		/* by code - 1 */
	int		   *lens;
	uint64	   *table;			/* open addressing: hash << 32 | code, 0 empty */
	char	   *arena;			/* where the next string's bytes go */
	int			arena_left;
	uint32		table_size;		/* a power of two */
} EiDict;

/* One decoded segment: slot s of the segment is global slot segment * 512 + s. */
typedef struct EiSegment
{
	int32		segment;
	int64		version;
	MemoryContext cxt;
	uint64		live[EI_SEGMENT_WORDS];
	uint16		flags[EI_SEGMENT_SLOTS];
	uint16		nulls[EI_SEGMENT_SLOTS];
	uint32		id[EI_SEGMENT_SLOTS];	/* EID_EVENT codes */
	int64		times[EIT_COUNT][EI_SEGMENT_SLOTS];
	int32		ints[EII_COUNT][EI_SEGMENT_SLOTS];
	uint32		strs[EIS_COUNT][EI_SEGMENT_SLOTS];
	uint32		list_start[EIL_COUNT][EI_SEGMENT_SLOTS + 1];
	uint32	   *list_codes[EIL_COUNT];
	/* the keyword lists inverted: code << 16 | slot, ascending */
	uint64	   *keyword_postings;
	uint32		nkeyword_postings;
	bool		has_infinite;	/* a record has EIF_INFINITE */
	/* local wall-clock start and end (µs) and their ISO weekdays (0 when
	 * NULL), for the zone of local_generation */
	uint32		local_generation;
	int64	   *local_start;
	int64	   *local_end;
	uint8	   *local_start_weekday;
	uint8	   *local_end_weekday;
} EiSegment;

/* A dictionary's codes in the order of their strings under a collation. */
typedef struct EiRanks
{
	Oid			collation;
	uint32		nranked;		/* codes 1 .. nranked are ranked */
	uint32	   *sorted_codes;
	uint32	   *rank;			/* by code */
} EiRanks;

typedef struct EiCache
{
	Oid			relid;			/* event_index_segment the segments came from */
	EiDict		dicts[EID_COUNT];
	EiSegment **segments;		/* by segment number; NULL = none */
	int32		nsegments;		/* allocated entries of segments */
	int32	   *event_slot;		/* global slot of an EID_EVENT code, -1 none */
	uint32		event_slot_size;
	uint8	   *place_flags;	/* by EID_PLACE code */
	uint32		place_flags_size;
	char	   *local_zone;		/* zone the local times are in */
	uint32		local_generation;
	/* the codes of EID_EVENT (ids) and EID_NAME in their strings' order */
	EiRanks		ranks[2];
} EiCache;

extern EiCache *ei_cache_refresh(void);
extern uint32 ei_dict_find(EiDict *dict, const char *s, int len);
extern void ei_segment_local_times(EiCache *cache, EiSegment *seg);
extern uint32 *ei_cache_ranks(EiCache *cache, EiDictKind kind, Oid collation);

static inline EiSegment *
ei_cache_segment(EiCache *cache, int32 slot)
{
	int32		segment = slot / EI_SEGMENT_SLOTS;

	return segment < cache->nsegments ? cache->segments[segment] : NULL;
}

#define EI_SLOT_BIT(slot)	(UINT64CONST(1) << ((slot) % 64))

#endif							/* EVENT_INDEX_CACHE_H */
