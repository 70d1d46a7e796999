/*
 * event_index.h
 *	  The event index: what every event-list filter and sort key reads of an
 *	  event, kept in segments of packed records, and matched in memory.
 *
 * Why: an exact meta.count of a broad filter (start=today matches a third of
 * a million events at 1M) read row by row through the executor costs 0.3-1.4
 * s; the same predicates evaluated by tight C loops over columns in memory
 * cost a few nanoseconds per event. The tables stay the truth: the index is
 * derived, transactional and exact.
 *
 * Storage (src/sql/62_event_index.sql). Every event has a slot, a number
 * fixed for its life (linkedevents.event_index_slot). Slots are grouped in
 * segments of EI_SEGMENT_SLOTS; linkedevents.event_index_segment holds one
 * row per segment: its records (one per live slot, below) and a version,
 * new at every rewrite. Statement triggers on event, registration and offer
 * (event_index_write.c) rewrite the records of what a statement changed, in
 * the same transaction, under the segment rows' locks: writers of different
 * segments never wait for each other.
 *
 * Reading (event_index_cache.c). Each backend keeps the segments decoded
 * into column arrays, keyed by segment and version. A request reads the
 * (segment, version) list in its snapshot and decodes only what changed, so
 * every answer is exactly its snapshot's, on a standby too, and nothing on
 * the read path writes.
 *
 * Matching (event_index_match.c). The query builder (event_query.c) gives
 * each filter both as SQL and as a match node; a request whose every filter
 * and sort key has a node is answered here: the nodes are evaluated per
 * segment into bit masks, the count is their popcount, and the page is the
 * first keys of a bounded selection over the matches, ordered exactly as
 * the SQL ORDER BY orders them. Anything else falls back to the SQL.
 */
#ifndef EVENT_INDEX_H
#define EVENT_INDEX_H

#include "postgres.h"

#include "datatype/timestamp.h"
#include "lib/stringinfo.h"
#include "nodes/pg_list.h"
#include "utils/array.h"

#define EI_SEGMENT_SLOTS	512
#define EI_SEGMENT_WORDS	(EI_SEGMENT_SLOTS / 64)

/* The segments' byte format; a change needs refresh_event_index(). */
#define EI_FORMAT_MAGIC		0x4c455831	/* "LEX1" */

/* Flag bits of a record. */
#define EIF_DELETED			0x0001
#define EIF_PUBLIC			0x0002	/* publication_status public, else draft */
#define EIF_HAS_START_TIME	0x0004
#define EIF_HAS_END_TIME	0x0008
#define EIF_LOCAL			0x0010	/* event.local */
#define EIF_REGISTRATION	0x0020	/* has a registration */
#define EIF_OFFERS			0x0040	/* has offers */
#define EIF_FREE_OFFER		0x0080	/* has a free offer */
#define EIF_INFINITE		0x0100	/* an infinite start or end time */
#define EIF_TYPE_SHIFT		10		/* 2 bits: EiTypeId */
#define EIF_STATUS_SHIFT	12		/* 2 bits: EiEventStatus */
#define EIF_SUPER_SHIFT		14		/* 2 bits: EiSuperType */
#define EIF_FIELD(flags, shift) (((flags) >> (shift)) & 3)

typedef enum EiTypeId
{
	EI_GENERAL, EI_COURSE, EI_VOLUNTEERING
} EiTypeId;

typedef enum EiEventStatus
{
	EI_SCHEDULED, EI_RESCHEDULED, EI_CANCELLED, EI_POSTPONED
} EiEventStatus;

typedef enum EiSuperType
{
	EI_SUPER_NONE, EI_SUPER_RECURRING, EI_SUPER_UMBRELLA
} EiSuperType;

/* Flags of a location (EM_PLACE_FLAG), from its id. */
#define EI_PLACE_INTERNET_SUFFIX	0x01	/* right(id, 8) = 'internet' */
#define EI_PLACE_INTERNET			0x02	/* strpos(id, 'internet') > 0 */

/* Nullable timestamp columns: event's, then its registration's (r). */
typedef enum EiTime
{
	EIT_START, EIT_END, EIT_LAST_MODIFIED,
	EIT_ENROLMENT_START, EIT_ENROLMENT_END,
	EIT_R_ENROLMENT_START, EIT_R_ENROLMENT_END,
	EIT_COUNT
} EiTime;

/* Nullable integer columns. */
typedef enum EiInt
{
	EII_MIN_AGE, EII_MAX_AGE, EII_MAX_CAPACITY, EII_MIN_CAPACITY,
	EII_R_REMAINING_ATTENDEE, EII_R_REMAINING_WAITING,
	EII_COUNT
} EiInt;

/* String columns; each has a backend-wide dictionary of codes (0 = NULL). */
typedef enum EiStr
{
	EIS_DATA_SOURCE, EIS_PUBLISHER, EIS_LOCATION, EIS_SUPER_EVENT, EIS_CREATED_BY,
	EIS_COUNT
} EiStr;

/*
 * List columns: keywords || audience (what kwquery matches), in_language,
 * and the keys of name, description and short_description (translations).
 */
typedef enum EiList
{
	EIL_KEYWORDS, EIL_IN_LANGUAGE, EIL_TRANSLATIONS,
	EIL_COUNT
} EiList;

/*
 * One event's record, as a segment holds it. nulls bit t says times[t] is
 * NULL, bit EIT_COUNT + i that ints[i] is; a string is NULL when its pointer
 * is. A list is its items' bytes, encoded by ei_list_append, and its count.
 * Read back (ei_record_read), the pointers point into the segment's bytes.
 */
typedef struct EiRecord
{
	int			slot;			/* within the segment */
	uint16		flags;
	uint16		nulls;
	int64		times[EIT_COUNT];
	int32		ints[EII_COUNT];
	const char *id;
	int			id_len;
	const char *strs[EIS_COUNT];
	int			str_lens[EIS_COUNT];
	const char *lists[EIL_COUNT];
	int			list_lens[EIL_COUNT];	/* bytes */
	int			list_counts[EIL_COUNT]; /* items */
} EiRecord;

#define EI_NULL_TIME(r, t)	(((r)->nulls >> (t)) & 1)
#define EI_NULL_INT(r, i)	(((r)->nulls >> (EIT_COUNT + (i))) & 1)

/* event_index_record.c: the byte format of records and segments. */
extern void ei_list_append(StringInfo list, const char *item, int len);
extern const char *ei_list_next(const char *p, const char **item, int *len);
extern void ei_record_append(StringInfo out, const EiRecord *r);
extern const char *ei_record_next(const char *p, const char *end, int32 segment,
								  int *slot, int *len);
extern void ei_record_read(const char *p, int len, int32 segment, EiRecord *r);
extern void ei_segment_begin(StringInfo out);
extern void ei_segment_finish(StringInfo out, int count);
extern const char *ei_segment_records(const char *data, int len, int32 segment,
									  int *count);
extern void ei_malformed(int32 segment) pg_attribute_noreturn();

#endif							/* EVENT_INDEX_H */
