/*
 * event_index_cache.c
 *	  The event index's segments decoded in this backend (event_index.h).
 *
 * ei_cache_refresh reads the (segment, version) list of the caller's
 * snapshot and decodes the segments it does not hold at that version, so
 * after it the cache is exactly the snapshot's index. Segments are decoded
 * into fixed column arrays; strings become codes of per-kind dictionaries
 * that only grow, so a code means the same string for the backend's life.
 * A decoded segment is built whole before it replaces the old one: an error
 * (a malformed segment) leaves the cache as it was.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "pgtime.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/pg_locale.h"
#include "utils/timestamp.h"
#include "utils/varlena.h"

#include "event_index_cache.h"
#include "linkedevents.h"

static EiCache *cache = NULL;
static MemoryContext cache_cxt = NULL;

const EiDictKind ei_str_dict[EIS_COUNT] = {
	EID_DATA_SOURCE, EID_ORGANIZATION, EID_PLACE, EID_EVENT, EID_USER, EID_NAME
};
const EiDictKind ei_list_dict[EIL_COUNT] = {
	EID_KEYWORD, EID_LANGUAGE, EID_LANGUAGE
};

static uint32
dict_hash(const char *s, int len)
{
	return hash_bytes((const unsigned char *) s, len);
}

/*
 * The dictionaries' hash tables: open addressing, an entry holding the
 * string's hash above its code (0 = empty), so that a probe compares bytes
 * only when the hashes agree.
 */
#define ENTRY(hash, code) ((uint64) (hash) << 32 | (code))
#define ENTRY_HASH(e) ((uint32) ((e) >> 32))
#define ENTRY_CODE(e) ((uint32) (e))

/* The code of s, 0 when absent. */
uint32
ei_dict_find(EiDict *dict, const char *s, int len)
{
	uint32		mask = dict->table_size - 1;
	uint32		hash = dict_hash(s, len);

	if (dict->table_size == 0)
		return 0;
	for (uint32 i = hash & mask;; i = (i + 1) & mask)
	{
		uint64		e = dict->table[i];
		uint32		code = ENTRY_CODE(e);

		if (code == 0)
			return 0;
		if (ENTRY_HASH(e) == hash && dict->lens[code - 1] == len &&
			memcmp(dict->strings[code - 1], s, len) == 0)
			return code;
	}
}

/* Put code, of a string with this hash, in the table. */
static void
table_put(uint64 *table, uint32 size, uint32 hash, uint32 code)
{
	uint32		i = hash & (size - 1);

	while (ENTRY_CODE(table[i]) != 0)
		i = (i + 1) & (size - 1);
	table[i] = ENTRY(hash, code);
}

static void
dict_grow_table(EiDict *dict)
{
	uint32		size = dict->table_size ? dict->table_size * 2 : 1024;
	uint64	   *table = MemoryContextAllocExtended(cache_cxt, sizeof(uint64) * size, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);

	for (uint32 i = 0; i < dict->table_size; i++)
		if (ENTRY_CODE(dict->table[i]) != 0)
			table_put(table, size, ENTRY_HASH(dict->table[i]), ENTRY_CODE(dict->table[i]));
	if (dict->table)
		pfree(dict->table);
	dict->table = table;
	dict->table_size = size;
}

/* Bytes for a dictionary string, from 64 kB chunks: no per-string header. */
static char *
arena_alloc(EiDict *dict, int len)
{
	char	   *p;

	if (dict->arena_left < len)
	{
		int			size = Max(len, 64 * 1024);

		dict->arena = MemoryContextAlloc(cache_cxt, size);
		dict->arena_left = size;
	}
	p = dict->arena;
	dict->arena += len;
	dict->arena_left -= len;
	return p;
}

/* The code of s, added when absent. */
static uint32
dict_code(EiDict *dict, const char *s, int len)
{
	uint32		code = ei_dict_find(dict, s, len);

	if (code != 0)
		return code;
	if ((dict->n + 1) * 2 > dict->table_size)
		dict_grow_table(dict);
	if (dict->n == dict->capacity)
	{
		dict->capacity = dict->capacity ? dict->capacity * 2 : 256;
		dict->strings = dict->strings ?
			repalloc_huge(dict->strings, sizeof(char *) * dict->capacity) :
			MemoryContextAlloc(cache_cxt, sizeof(char *) * dict->capacity);
		dict->lens = dict->lens ?
			repalloc_huge(dict->lens, sizeof(int) * dict->capacity) :
			MemoryContextAlloc(cache_cxt, sizeof(int) * dict->capacity);
	}
	dict->strings[dict->n] = arena_alloc(dict, len + 1);
	memcpy(dict->strings[dict->n], s, len);
	dict->strings[dict->n][len] = '\0';
	dict->lens[dict->n] = len;
	code = ++dict->n;
	table_put(dict->table, dict->table_size, dict_hash(s, len), code);
	return code;
}

/* Grow a per-code array to hold code n (new entries set to fill bytes). */
static void *
grow_by_code(void *array, uint32 *size, uint32 n, Size elem, int fill)
{
	uint32		old = *size;
	uint32		want = old ? old : 1024;

	if (n < old)
		return array;
	while (want <= n)
		want *= 2;
	array = array ? repalloc(array, elem * want) : MemoryContextAlloc(cache_cxt, elem * want);
	memset((char *) array + elem * old, fill, elem * (want - old));
	*size = want;
	return array;
}

static uint32
place_code(const char *s, int len)
{
	uint32		code = dict_code(&cache->dicts[EID_PLACE], s, len);

	if (code >= cache->place_flags_size || cache->place_flags[code] == 0)
	{
		uint8		flags = 0x80;	/* computed */

		cache->place_flags = grow_by_code(cache->place_flags, &cache->place_flags_size, code, 1, 0);
		if (len >= 8 && memcmp(s + len - 8, "internet", 8) == 0)
			flags |= EI_PLACE_INTERNET_SUFFIX;
		for (int i = 0; i + 8 <= len; i++)
			if (memcmp(s + i, "internet", 8) == 0)
			{
				flags |= EI_PLACE_INTERNET;
				break;
			}
		cache->place_flags[code] = flags;
	}
	return code;
}

static uint32
str_code(EiStr s, const char *value, int len)
{
	if (value == NULL)
		return 0;
	if (s == EIS_LOCATION)
		return place_code(value, len);
	return dict_code(&cache->dicts[ei_str_dict[s]], value, len);
}

static int
cmp_uint64(const void *a, const void *b)
{
	uint64		x = *(const uint64 *) a;
	uint64		y = *(const uint64 *) b;

	return (x > y) - (x < y);
}

/*
 * The keyword postings of seg: a keyword's slots are then one binary search
 * away, so a kwquery costs per segment its operands, not its slots.
 */
static void
invert_keywords(EiSegment *seg)
{
	uint32		n = seg->list_start[EIL_KEYWORDS][EI_SEGMENT_SLOTS];
	uint64	   *postings = MemoryContextAlloc(seg->cxt, sizeof(uint64) * Max(n, 1));

	for (int s = 0; s < EI_SEGMENT_SLOTS; s++)
		for (uint32 i = seg->list_start[EIL_KEYWORDS][s]; i < seg->list_start[EIL_KEYWORDS][s + 1]; i++)
			postings[i] = (uint64) seg->list_codes[EIL_KEYWORDS][i] << 16 | (uint64) s;
	qsort(postings, n, sizeof(uint64), cmp_uint64);
	seg->keyword_postings = postings;
	seg->nkeyword_postings = n;
}

/* Decode a segment's records into a new EiSegment. */
static EiSegment *
decode(int32 segment, int64 version, bytea *records)
{
	MemoryContext cxt = AllocSetContextCreate(cache_cxt, "event index segment",
											  ALLOCSET_SMALL_SIZES);
	EiSegment  *seg = MemoryContextAllocZero(cxt, sizeof(EiSegment));
	const char *data = VARDATA_ANY(records);
	const char *end = data + VARSIZE_ANY_EXHDR(records);
	const char *p;
	int			count;
	uint32		list_used[EIL_COUNT] = {0};
	uint32		list_cap[EIL_COUNT];
	int			previous = -1;

	seg->segment = segment;
	seg->version = version;
	seg->cxt = cxt;
	/* the lists' lengths first: their arrays are allocated at their size */
	p = ei_segment_records(data, end - data, segment, &count);
	memset(list_cap, 0, sizeof(list_cap));
	for (int i = 0; i < count; i++)
	{
		int			slot,
					len;
		const char *body = ei_record_next(p, end, segment, &slot, &len);
		EiRecord	r;

		ei_record_read(body, len, segment, &r);
		for (int l = 0; l < EIL_COUNT; l++)
			list_cap[l] += r.list_counts[l];
		p = body + len;
	}
	for (int l = 0; l < EIL_COUNT; l++)
		seg->list_codes[l] = MemoryContextAlloc(cxt, sizeof(uint32) * Max(list_cap[l], 1));
	p = ei_segment_records(data, end - data, segment, &count);
	for (int i = 0; i < count; i++)
	{
		int			slot,
					len;
		const char *body = ei_record_next(p, end, segment, &slot, &len);
		EiRecord	r;

		if (slot <= previous)
			ei_malformed(segment);
		/* the list starts of the slots between records */
		for (int s = previous + 1; s <= slot; s++)
			for (int l = 0; l < EIL_COUNT; l++)
				seg->list_start[l][s] = list_used[l];
		previous = slot;
		ei_record_read(body, len, segment, &r);
		p = body + len;
		seg->live[slot / 64] |= EI_SLOT_BIT(slot);
		seg->flags[slot] = r.flags;
		seg->has_infinite |= (r.flags & EIF_INFINITE) != 0;
		seg->nulls[slot] = r.nulls;
		seg->id[slot] = dict_code(&cache->dicts[EID_EVENT], r.id, r.id_len);
		for (int t = 0; t < EIT_COUNT; t++)
			seg->times[t][slot] = r.times[t];
		for (int n = 0; n < EII_COUNT; n++)
			seg->ints[n][slot] = r.ints[n];
		for (int s = 0; s < EIS_COUNT; s++)
			seg->strs[s][slot] = str_code(s, r.strs[s], r.str_lens[s]);
		for (int l = 0; l < EIL_COUNT; l++)
		{
			const char *item = r.lists[l];

			for (int k = 0; k < r.list_counts[l]; k++)
			{
				const char *s;
				int			slen;

				item = ei_list_next(item, &s, &slen);
				seg->list_codes[l][list_used[l]++] = dict_code(&cache->dicts[ei_list_dict[l]], s, slen);
			}
		}
	}
	if (p != end)
		ei_malformed(segment);
	for (int s = previous + 1; s <= EI_SEGMENT_SLOTS; s++)
		for (int l = 0; l < EIL_COUNT; l++)
			seg->list_start[l][s] = list_used[l];
	invert_keywords(seg);
	return seg;
}

/* Forget a segment: its events' slots, its memory. */
static void
unload(EiSegment *seg)
{
	for (int w = 0; w < EI_SEGMENT_WORDS; w++)
		for (uint64 bits = seg->live[w]; bits; bits &= bits - 1)
		{
			int			s = w * 64 + pg_rightmost_one_pos64(bits);
			uint32		code = seg->id[s];

			if (code < cache->event_slot_size &&
				cache->event_slot[code] == seg->segment * EI_SEGMENT_SLOTS + s)
				cache->event_slot[code] = -1;
		}
	cache->segments[seg->segment] = NULL;
	MemoryContextDelete(seg->cxt);
}

static void
install(EiSegment *seg)
{
	EiSegment  *old;

	if (seg->segment >= cache->nsegments)
	{
		int32		n = Max(cache->nsegments * 2, Max(seg->segment + 1, 256));

		cache->segments = cache->segments ?
			repalloc(cache->segments, sizeof(EiSegment *) * n) :
			MemoryContextAlloc(cache_cxt, sizeof(EiSegment *) * n);
		memset(cache->segments + cache->nsegments, 0,
			   sizeof(EiSegment *) * (n - cache->nsegments));
		cache->nsegments = n;
	}
	old = cache->segments[seg->segment];
	if (old)
		unload(old);
	cache->segments[seg->segment] = seg;
	for (int w = 0; w < EI_SEGMENT_WORDS; w++)
		for (uint64 bits = seg->live[w]; bits; bits &= bits - 1)
		{
			int			s = w * 64 + pg_rightmost_one_pos64(bits);
			uint32		code = seg->id[s];

			cache->event_slot = grow_by_code(cache->event_slot, &cache->event_slot_size, code,
											 sizeof(int32), 0xff);
			cache->event_slot[code] = seg->segment * EI_SEGMENT_SLOTS + s;
		}
}

static void
reset_cache(Oid relid)
{
	if (cache_cxt)
		MemoryContextDelete(cache_cxt);
	cache_cxt = AllocSetContextCreate(TopMemoryContext, "event index cache",
									  ALLOCSET_DEFAULT_SIZES);
	cache = MemoryContextAllocZero(cache_cxt, sizeof(EiCache));
	cache->relid = relid;
}

/* Segments read by one query while loading: bounds the memory of a load. */
#define LOAD_CHUNK 64

static void
load(int32 *segments, int n)
{
	for (int first = 0; first < n; first += LOAD_CHUNK)
	{
		int			m = Min(LOAD_CHUNK, n - first);
		Datum	   *elems = palloc(sizeof(Datum) * m);
		Oid			type = INT4ARRAYOID;
		Datum		arg;

		for (int i = 0; i < m; i++)
			elems[i] = Int32GetDatum(segments[first + i]);
		arg = PointerGetDatum(construct_array(elems, m, INT4OID, 4, true, TYPALIGN_INT));
		if (SPI_execute_with_args("SELECT segment, version, records FROM linkedevents.event_index_segment"
								  " WHERE segment = ANY ($1)", 1, &type, &arg, NULL, true, 0) != SPI_OK_SELECT)
			elog(ERROR, "event index: segment read failed");
		for (uint64 i = 0; i < SPI_processed; i++)
		{
			HeapTuple	row = SPI_tuptable->vals[i];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		isnull;
			int32		segment = DatumGetInt32(SPI_getbinval(row, desc, 1, &isnull));
			int64		version = DatumGetInt64(SPI_getbinval(row, desc, 2, &isnull));
			Datum		raw = SPI_getbinval(row, desc, 3, &isnull);
			bytea	   *records = DatumGetByteaPP(raw);

			install(decode(segment, version, records));
			/* a detoasted copy: free it now, a load may read every segment */
			if ((Pointer) records != DatumGetPointer(raw))
				pfree(records);
		}
		SPI_freetuptable(SPI_tuptable);
		pfree(elems);
	}
}

/*
 * The cache made exactly the index of the active snapshot. The caller is
 * connected to SPI; read-only SPI keeps to the caller's snapshot.
 */
EiCache *
ei_cache_refresh(void)
{
	Oid			relid = get_relname_relid("event_index_segment", get_namespace_oid("linkedevents", false));
	bool	   *present;
	int32	   *stale;
	int			nstale = 0;
	uint64		n;

	if (cache == NULL || cache->relid != relid)
		reset_cache(relid);
	if (SPI_execute("SELECT segment, version FROM linkedevents.event_index_segment", true, 0) != SPI_OK_SELECT)
		elog(ERROR, "event index: segment list failed");
	n = SPI_processed;
	stale = palloc(sizeof(int32) * Max(n, 1));
	present = palloc0(sizeof(bool) * Max(cache->nsegments, 1));
	for (uint64 i = 0; i < n; i++)
	{
		bool		isnull;
		int32		segment = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull));
		int64		version = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &isnull));

		if (segment < 0)
			ei_malformed(segment);
		if (segment < cache->nsegments)
		{
			present[segment] = true;
			if (cache->segments[segment] && cache->segments[segment]->version == version)
				continue;
		}
		stale[nstale++] = segment;
	}
	SPI_freetuptable(SPI_tuptable);
	/* segments gone from the snapshot; present covers the segments held */
	for (int32 s = 0; s < cache->nsegments; s++)
		if (cache->segments[s] && !present[s])
			unload(cache->segments[s]);
	if (nstale > 0)
		elog(DEBUG1, "event index: decoding %d of %d segments", nstale, (int) n);
	load(stale, nstale);
	pfree(present);
	pfree(stale);
	if (cache->local_zone == NULL || strcmp(cache->local_zone, le_time_zone) != 0)
	{
		cache->local_zone = MemoryContextStrdup(cache_cxt, le_time_zone);
		cache->local_generation++;
	}
	return cache;
}

/* floor(a / b) for b > 0. */
static inline int64
floor_div(int64 a, int64 b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* ISO weekday (1 Monday .. 7 Sunday) of a local time; 2000-01-01 was a Saturday. */
static inline uint8
iso_weekday(int64 local)
{
	int64		r = (floor_div(local, USECS_PER_DAY) + 5) % 7;

	return (uint8) ((r < 0 ? r + 7 : r) + 1);
}

/*
 * seg's local start and end times and weekdays in the cache's zone,
 * computed once per zone (NULL and infinite times are 0).
 */
void
ei_segment_local_times(EiCache *c, EiSegment *seg)
{
	pg_tz	   *tz;

	if (seg->local_generation == c->local_generation && seg->local_start)
		return;
	tz = pg_tzset(c->local_zone);
	if (tz == NULL)
		elog(ERROR, "time zone \"%s\" not recognized", c->local_zone);
	if (seg->local_start == NULL)
	{
		seg->local_start = MemoryContextAllocZero(seg->cxt, sizeof(int64) * EI_SEGMENT_SLOTS);
		seg->local_end = MemoryContextAllocZero(seg->cxt, sizeof(int64) * EI_SEGMENT_SLOTS);
		seg->local_start_weekday = MemoryContextAllocZero(seg->cxt, EI_SEGMENT_SLOTS);
		seg->local_end_weekday = MemoryContextAllocZero(seg->cxt, EI_SEGMENT_SLOTS);
	}
	for (int w = 0; w < EI_SEGMENT_WORDS; w++)
		for (uint64 bits = seg->live[w]; bits; bits &= bits - 1)
		{
			int			s = w * 64 + pg_rightmost_one_pos64(bits);

			for (int which = 0; which < 2; which++)
			{
				int			t = which == 0 ? EIT_START : EIT_END;
				int64		utc = seg->times[t][s];
				int64	   *out = which == 0 ? seg->local_start : seg->local_end;
				uint8	   *weekday = which == 0 ? seg->local_start_weekday : seg->local_end_weekday;
				struct pg_tm tm;
				fsec_t		fsec;
				int			offset;

				out[s] = 0;
				weekday[s] = 0;
				if ((seg->nulls[s] >> t) & 1 || TIMESTAMP_NOT_FINITE(utc))
					continue;
				if (timestamp2tm(utc, &offset, &tm, &fsec, NULL, tz) != 0)
					ereport(ERROR,
							(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
							 errmsg("timestamp out of range")));
				out[s] = utc - (int64) offset * USECS_PER_SEC;
				weekday[s] = iso_weekday(out[s]);
			}
		}
	seg->local_generation = c->local_generation;
}

/* Id comparison for ranking: the strings of two EID_EVENT codes. */
typedef struct RankContext
{
	EiDict	   *dict;
	Oid			collation;
	bool		bytewise;
} RankContext;

static int
compare_codes(const void *a, const void *b, void *arg)
{
	RankContext *r = arg;
	uint32		ca = *(const uint32 *) a;
	uint32		cb = *(const uint32 *) b;
	const char *sa = r->dict->strings[ca - 1];
	const char *sb = r->dict->strings[cb - 1];
	int			la = r->dict->lens[ca - 1];
	int			lb = r->dict->lens[cb - 1];

	if (r->bytewise)
	{
		int			c = memcmp(sa, sb, Min(la, lb));

		return c != 0 ? c : (la > lb) - (la < lb);
	}
	return varstr_cmp(sa, la, sb, lb, r->collation);
}

/*
 * Whether a collation orders as memcmp: C and POSIX, and the libc C.UTF-8
 * locale (code point order, which is UTF-8's byte order).
 */
static bool
collation_is_bytewise(Oid collation)
{
	const char *name;

	if (lc_collate_is_c(collation))
		return true;
	if (collation != DEFAULT_COLLATION_OID || default_locale.provider != COLLPROVIDER_LIBC)
		return false;
	name = setlocale(LC_COLLATE, NULL);
	return name && (strcmp(name, "C.UTF-8") == 0 || strcmp(name, "C.utf8") == 0);
}

/*
 * The ranks of a dictionary's codes (EID_EVENT or EID_NAME) under a
 * collation, so that ordering by their strings compares two integers: the
 * codes added since the last ranking are sorted and merged into the sorted
 * codes (a binary search each, one pass to copy), then every code gets its
 * position. After the first ranking this costs one pass over the codes,
 * only when new strings arrived.
 */
uint32 *
ei_cache_ranks(EiCache *c, EiDictKind kind, Oid collation)
{
	EiRanks    *ranks = &c->ranks[kind == EID_EVENT ? 0 : 1];
	EiDict	   *dict = &c->dicts[kind];
	RankContext r = {dict, collation, collation_is_bytewise(collation)};
	uint32		nnew;
	uint32	   *fresh;
	uint32	   *merged;
	uint32		i,
				j,
				k;

	Assert(kind == EID_EVENT || kind == EID_NAME);
	if (ranks->collation != collation)
	{
		ranks->nranked = 0;
		ranks->collation = collation;
	}
	if (ranks->nranked == dict->n)
		return ranks->rank;
	nnew = dict->n - ranks->nranked;
	fresh = palloc(sizeof(uint32) * nnew);
	for (i = 0; i < nnew; i++)
		fresh[i] = ranks->nranked + 1 + i;
	qsort_arg(fresh, nnew, sizeof(uint32), compare_codes, &r);
	merged = MemoryContextAlloc(cache_cxt, sizeof(uint32) * dict->n);
	for (i = 0, j = 0, k = 0; i < nnew; i++)
	{
		/* the old codes before fresh[i] */
		uint32		lo = j,
					hi = ranks->nranked;

		while (lo < hi)
		{
			uint32		mid = lo + (hi - lo) / 2;

			if (compare_codes(&ranks->sorted_codes[mid], &fresh[i], &r) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		while (j < lo)
			merged[k++] = ranks->sorted_codes[j++];
		merged[k++] = fresh[i];
	}
	while (j < ranks->nranked)
		merged[k++] = ranks->sorted_codes[j++];
	if (ranks->sorted_codes)
		pfree(ranks->sorted_codes);
	ranks->sorted_codes = merged;
	ranks->rank = ranks->rank ? repalloc(ranks->rank, sizeof(uint32) * (dict->n + 1)) :
		MemoryContextAlloc(cache_cxt, sizeof(uint32) * (dict->n + 1));
	for (k = 0; k < dict->n; k++)
		ranks->rank[merged[k]] = k;
	ranks->nranked = dict->n;
	pfree(fresh);
	return ranks->rank;
}
