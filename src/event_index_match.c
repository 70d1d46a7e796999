/*
 * event_index_match.c
 *	  Evaluating match programs (event_index_match.h) over the event index.
 *
 * The program's nodes run per segment over a 512-bit mask of candidate
 * slots: a simple leaf tests the whole segment branch-free when many
 * candidates are left, else visits only the bits still set; a kwquery
 * reads the segment's keyword postings. The matches of every segment make
 * one bitmap over all slots: its popcount is meta.count, and
 * event_index_page.c orders a page of it.
 *
 * em_match returns NULL when the index cannot answer exactly: a local-time,
 * weekday or duration test or key meeting an infinite time (SQL raises an
 * error there, or gives NULL where we would not). The caller then uses SQL.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "port/pg_bitutils.h"
#include "utils/builtins.h"
#include "utils/float.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "event_index_result.h"

static inline bool
compare_int64(int64 a, EmOp op, int64 b)
{
	switch (op)
	{
		case EM_LT:
			return a < b;
		case EM_LE:
			return a <= b;
		case EM_EQ:
			return a == b;
		case EM_GE:
			return a >= b;
		case EM_GT:
			return a > b;
	}
	return false;
}

/* float8 comparison as PostgreSQL orders float8: NaN above every number. */
static inline bool
compare_float8(double a, EmOp op, double b)
{
	int			c = float8_cmp_internal(a, b);

	switch (op)
	{
		case EM_LT:
			return c < 0;
		case EM_LE:
			return c <= 0;
		case EM_EQ:
			return c == 0;
		case EM_GE:
			return c >= 0;
		case EM_GT:
			return c > 0;
	}
	return false;
}

static inline bool
set_has(const EmNode *n, uint32 code)
{
	return code < n->set_size && n->set[code];
}

/* A set of codes 0 .. size - 1: a byte each, for branch-free lookups. */
static void
new_set(EmNode *n, uint32 size)
{
	n->set_size = size;
	n->set = palloc0(size);
}

static void
set_add(EmNode *n, uint32 code)
{
	if (code < n->set_size)
		n->set[code] = 1;
}

/*
 * The first column of each row of sql, run with the statement's arguments,
 * and the second (a real) if the node is ranked.
 */
static void
sql_strings(const char *sql, int nargs, Oid *types, Datum *values,
			void (*each) (EmNode *, EiCache *, const char *, int, float4), EmNode *n,
			EiCache *cache)
{
	if (SPI_execute_with_args(sql, nargs, types, values, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "event index: set query failed");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		isnull;
		Datum		d = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull);
		float4		rank = 0;
		text	   *t;

		if (isnull)
			continue;
		if (n->ranked)
		{
			Datum		r = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &isnull);

			rank = isnull ? 0 : DatumGetFloat4(r);
		}
		t = DatumGetTextPP(d);
		each(n, cache, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), rank);
	}
	SPI_freetuptable(SPI_tuptable);
}

static EiDict *
dict_of(EiCache *cache, EmNode *n)
{
	return &cache->dicts[n->kind == EM_LIST_ANY ? ei_list_dict[n->col] : ei_str_dict[n->col]];
}

static void
add_code(EmNode *n, EiCache *cache, const char *s, int len, float4 rank)
{
	uint32		code = ei_dict_find(dict_of(cache, n), s, len);

	/* absent: no event has it (code 0 is NULL) */
	if (code != 0)
		set_add(n, code);
}

static void
add_event(EmNode *n, EiCache *cache, const char *s, int len, float4 rank)
{
	uint32		code = ei_dict_find(&cache->dicts[EID_EVENT], s, len);
	int32		slot;

	if (code == 0 || code >= cache->event_slot_size || cache->event_slot[code] < 0)
		return;
	slot = cache->event_slot[code];
	set_add(n, (uint32) slot);
	if (n->ranked && (uint32) slot < n->set_size)
		n->ranks[slot] = rank;
}

/* Resolve a node's sets to codes (or slots), once, before evaluation. */
static void
prepare(EmNode *n, EiCache *cache, int nargs, Oid *types, Datum *values)
{
	ListCell   *lc;

	switch (n->kind)
	{
		case EM_AND:
		case EM_OR:
		case EM_NOT:
			foreach(lc, n->children)
				prepare(lfirst(lc), cache, nargs, types, values);
			break;
		case EM_CODES:
		case EM_LIST_ANY:
			new_set(n, dict_of(cache, n)->n + 1);
			if (n->is_null)
				set_add(n, 0);
			foreach(lc, n->values)
				add_code(n, cache, lfirst(lc), strlen(lfirst(lc)), 0);
			if (n->sql)
				sql_strings(n->sql, nargs, types, values, add_code, n, cache);
			break;
		case EM_WEEKDAY:
			for (int sd = 1; sd <= 7; sd++)
				for (int ed = 1; ed <= 7; ed++)
					for (int w = 1; w <= 7; w++)
						if ((n->weekdays >> w) & 1 &&
							(sd > ed ? (sd <= w || w <= ed) : (sd <= w && w <= ed)))
							n->weekday_span[sd][ed] = 1;
			break;
		case EM_EVENTS:
			new_set(n, (uint32) cache->nsegments * EI_SEGMENT_SLOTS);
			if (n->ranked)
				n->ranks = palloc0(sizeof(float4) * Max(n->set_size, 1));
			sql_strings(n->sql, nargs, types, values, add_event, n, cache);
			break;
		case EM_KWQUERY:
			{
				EiDict	   *dict = &cache->dicts[EID_KEYWORD];
				int			operand = 0;

				n->kwq_codes = palloc(sizeof(uint32) * n->kwquery->size);
				n->kwq_stack = palloc(sizeof(uint64) * EI_SEGMENT_WORDS * n->kwquery->size);
				new_set(n, dict->n + 1);
				for (int i = 0; i < n->kwquery->size; i++)
				{
					const KWQItem *item = &n->kwquery->items[i];

					if (item->type != KWQ_VAL)
						continue;
					n->kwq_codes[operand] = ei_dict_find(dict, KWQ_ID(n->kwquery, item), item->length);
					set_add(n, n->kwq_codes[operand]);
					operand++;
				}
			}
			break;
		default:
			break;
	}
}

/* floor(a / b) and its remainder for b > 0. */
static inline int64
floor_div(int64 a, int64 b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}


/*
 * SPEC 1.6: a chosen weekday is the start's or the end's, or the event
 * lasts a week or more, or its days span one (weekday_span, made by
 * prepare). Without a start or an end only the first rule can hold.
 */
static inline bool
weekday_test(const EmNode *n, const EiSegment *seg, int s)
{
	int			sd = seg->local_start_weekday[s];
	int			ed = seg->local_end_weekday[s];

	if (((n->weekdays >> sd) & 1 && sd) || ((n->weekdays >> ed) & 1 && ed))
		return true;
	if (sd == 0 || ed == 0)
		return false;
	return seg->times[EIT_END][s] - seg->times[EIT_START][s] >= 7 * USECS_PER_DAY ||
		n->weekday_span[sd][ed];
}

static inline bool
starts_from_test(const EmNode *n, const EiSegment *seg, int s)
{
	uint16		flags = seg->flags[s];
	uint16		nulls = seg->nulls[s];

	return ((((nulls >> EIT_END) & 1) == 0 && seg->times[EIT_END][s] > n->value &&
			 ((flags & EIF_HAS_END_TIME) || !(flags & EIF_HAS_START_TIME))) ||
			(((nulls >> EIT_START) & 1) == 0 && seg->times[EIT_START][s] >= n->value) ||
			(n->is_null && EIF_FIELD(flags, EIF_STATUS_SHIFT) == EI_POSTPONED));
}

static inline bool
suitable_test(const EmNode *n, const EiSegment *seg, int s)
{
	bool		no_min = (seg->nulls[s] >> (EIT_COUNT + EII_MIN_AGE)) & 1;
	bool		no_max = (seg->nulls[s] >> (EIT_COUNT + EII_MAX_AGE)) & 1;

	return (no_min || seg->ints[EII_MIN_AGE][s] <= n->value) &&
		(no_max || seg->ints[EII_MAX_AGE][s] >= n->value2) &&
		!(no_min && no_max);
}

/* Does slot s of seg satisfy leaf n? Sets *fallback where SQL must decide. */
static inline bool
leaf_test(EmNode *n, EiCache *cache, EiSegment *seg, int s, bool *fallback)
{
	uint16		flags = seg->flags[s];

	switch (n->kind)
	{
		case EM_FLAGS:
			return (flags & n->mask) == n->bits;
		case EM_FIELD:
			return (n->choices >> EIF_FIELD(flags, n->shift)) & 1;
		case EM_NULL:
			return slot_null(seg, s, n->col) == n->is_null;
		case EM_TIME:
			return !slot_null(seg, s, n->col) && compare_int64(seg->times[n->col][s], n->op, n->value);
		case EM_INT:
			return !slot_null(seg, s, EIT_COUNT + n->col) &&
				compare_int64(seg->ints[n->col][s], n->op, n->value);
		case EM_FLOAT:
			return !slot_null(seg, s, EIT_COUNT + n->col) &&
				compare_float8((double) seg->ints[n->col][s], n->op, n->fvalue);
		case EM_CODES:
			return set_has(n, seg->strs[n->col][s]);
		case EM_LIST_ANY:
			for (uint32 i = seg->list_start[n->col][s]; i < seg->list_start[n->col][s + 1]; i++)
				if (set_has(n, seg->list_codes[n->col][i]))
					return true;
			return false;
		case EM_PLACE_FLAG:
			{
				uint32		code = seg->strs[EIS_LOCATION][s];

				return code != 0 && code < cache->place_flags_size &&
					(cache->place_flags[code] & n->mask) != 0;
			}
		case EM_EVENTS:
			return set_has(n, (uint32) (seg->segment * EI_SEGMENT_SLOTS + s));
		case EM_LOCAL_TIME:
			{
				int64		local;

				if (slot_null(seg, s, n->col))
					return false;
				if (flags & EIF_INFINITE)
				{
					*fallback = true;
					return false;
				}
				local = n->col == EIT_START ? seg->local_start[s] : seg->local_end[s];
				return compare_int64(local - floor_div(local, USECS_PER_DAY) * USECS_PER_DAY,
									 n->op, n->value);
			}
		case EM_WEEKDAY:
			if (flags & EIF_INFINITE)
			{
				*fallback = true;
				return false;
			}
			return weekday_test(n, seg, s);
		case EM_DURATION:
			if (slot_null(seg, s, EIT_START) || slot_null(seg, s, EIT_END))
				return false;
			if (flags & EIF_INFINITE)
			{
				*fallback = true;
				return false;
			}
			return compare_int64(seg->times[EIT_END][s] - seg->times[EIT_START][s], n->op, n->value);
		case EM_STARTS_FROM:
			return starts_from_test(n, seg, s);
		case EM_SUITABLE:
			return suitable_test(n, seg, s);
		case EM_COALESCE:
			for (int i = 0; i < n->ncols; i++)
				if (!slot_null(seg, s, n->cols[i]))
					return compare_int64(seg->times[n->cols[i]][s], n->op, n->value);
			return n->has_fallback && compare_int64(n->fallback, n->op, n->value);
		default:
			elog(ERROR, "event index: unexpected match node %d", n->kind);
	}
	return false;
}

static bool
needs_local_times(const EmNode *n)
{
	ListCell   *lc;

	if (n->kind == EM_LOCAL_TIME || n->kind == EM_WEEKDAY)
		return true;
	foreach(lc, n->children)
		if (needs_local_times(lfirst(lc)))
			return true;
	return false;
}

/*
 * A segment with at least this many candidates is tested whole: a simple
 * leaf's test over the 512 slots in a row, branch-free (the compiler makes
 * most of them vector code), costs less than visiting the bits one by one.
 */
#define DENSE_SEGMENT 48

/* 64 test results (0 or 0xff each) as a word of bits. */
static inline uint64
pack_bits(const uint8 *r)
{
#ifdef __SSE2__
	uint64		bits = 0;

	for (int i = 0; i < 4; i++)
		bits |= (uint64) (uint16) _mm_movemask_epi8(_mm_loadu_si128((const __m128i *) (r + 16 * i)))
			<< (16 * i);
	return bits;
#else
	uint64		bits = 0;

	for (int i = 0; i < 64; i++)
		bits |= (uint64) (r[i] & 1) << i;
	return bits;
#endif
}

#define TEST_ALL(test) \
	for (int i = 0; i < EI_SEGMENT_SLOTS; i++) \
		r[i] = -(uint8) (test)

#define TEST_COMPARE(x) \
	do { \
		switch (n->op) \
		{ \
			case EM_LT: TEST_ALL((~nulls[i] >> bit & 1) & ((x) < n->value)); break; \
			case EM_LE: TEST_ALL((~nulls[i] >> bit & 1) & ((x) <= n->value)); break; \
			case EM_EQ: TEST_ALL((~nulls[i] >> bit & 1) & ((x) == n->value)); break; \
			case EM_GE: TEST_ALL((~nulls[i] >> bit & 1) & ((x) >= n->value)); break; \
			case EM_GT: TEST_ALL((~nulls[i] >> bit & 1) & ((x) > n->value)); break; \
		} \
	} while (0)

/*
 * Leaf n tested on every slot of seg and ANDed into m, if n is a simple
 * leaf; slots holding no event are tested too (their columns are zeros) and
 * masked off by m.
 */
static bool
eval_dense(EmNode *n, EiSegment *seg, uint64 *m)
{
	uint8		r[EI_SEGMENT_SLOTS];
	const uint16 *flags = seg->flags;
	const uint16 *nulls = seg->nulls;
	int			bit = n->col;

	switch (n->kind)
	{
		case EM_FLAGS:
			TEST_ALL((flags[i] & n->mask) == n->bits);
			break;
		case EM_FIELD:
			TEST_ALL((n->choices >> EIF_FIELD(flags[i], n->shift)) & 1);
			break;
		case EM_NULL:
			TEST_ALL(((nulls[i] >> bit) & 1) == n->is_null);
			break;
		case EM_TIME:
			{
				const int64 *t = seg->times[n->col];

				TEST_COMPARE(t[i]);
			}
			break;
		case EM_INT:
			{
				const int32 *v = seg->ints[n->col];

				bit = EIT_COUNT + n->col;
				TEST_COMPARE((int64) v[i]);
			}
			break;
		case EM_CODES:
			{
				const uint32 *codes = seg->strs[n->col];

				/* every code held is below the dictionary's size at prepare */
				TEST_ALL(n->set[codes[i]]);
			}
			break;
		case EM_STARTS_FROM:
			TEST_ALL(starts_from_test(n, seg, i));
			break;
		case EM_SUITABLE:
			TEST_ALL(suitable_test(n, seg, i));
			break;
		case EM_WEEKDAY:
			if (seg->has_infinite)
				return false;	/* the slot by slot test says where SQL decides */
			TEST_ALL(weekday_test(n, seg, i));
			break;
		default:
			return false;
	}
	for (int w = 0; w < EI_SEGMENT_WORDS; w++)
		m[w] &= pack_bits(r + 64 * w);
	return true;
}

/* The slots of seg whose keywords hold code, as a mask. */
static void
keyword_slots(const EiSegment *seg, uint32 code, uint64 *mask)
{
	uint64		key = (uint64) code << 16;
	uint32		lo = 0,
				hi = seg->nkeyword_postings;

	memset(mask, 0, sizeof(uint64) * EI_SEGMENT_WORDS);
	if (code == 0)
		return;
	while (lo < hi)
	{
		uint32		mid = lo + (hi - lo) / 2;

		if (seg->keyword_postings[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < seg->nkeyword_postings && (seg->keyword_postings[lo] >> 16) == code; lo++)
	{
		int			s = (int) (seg->keyword_postings[lo] & 0xffff);

		mask[s / 64] |= EI_SLOT_BIT(s);
	}
}

/*
 * The kwquery's postfix items evaluated on masks of slots (an operand: the
 * slots holding its keyword, from the postings; NOT: the live slots
 * without), the result ANDed into m.
 */
static void
eval_kwquery(EmNode *n, EiSegment *seg, uint64 *m)
{
	uint64	   *stack = n->kwq_stack;
	int			depth = 0;
	int			operand = 0;

	for (int i = 0; i < n->kwquery->size; i++)
	{
		char		type = n->kwquery->items[i].type;
		uint64	   *top;

		if (type == KWQ_VAL)
		{
			keyword_slots(seg, n->kwq_codes[operand++], stack + depth * EI_SEGMENT_WORDS);
			depth++;
			continue;
		}
		top = stack + (depth - 1) * EI_SEGMENT_WORDS;
		if (type == KWQ_NOT)
		{
			for (int w = 0; w < EI_SEGMENT_WORDS; w++)
				top[w] = seg->live[w] & ~top[w];
			continue;
		}
		/* AND, OR: the left operand lies below the right one, top */
		for (int w = 0; w < EI_SEGMENT_WORDS; w++)
			top[w - EI_SEGMENT_WORDS] = type == KWQ_AND ?
				top[w - EI_SEGMENT_WORDS] & top[w] : top[w - EI_SEGMENT_WORDS] | top[w];
		depth--;
	}
	Assert(depth == 1);
	for (int w = 0; w < EI_SEGMENT_WORDS; w++)
		m[w] &= stack[w];
}

/* Narrow mask m to the slots of seg satisfying n. */
static void
eval(EmNode *n, EiCache *cache, EiSegment *seg, uint64 *m, bool *fallback)
{
	uint64		in[EI_SEGMENT_WORDS];
	uint64		acc[EI_SEGMENT_WORDS];
	ListCell   *lc;

	switch (n->kind)
	{
		case EM_FALSE:
			memset(m, 0, sizeof(uint64) * EI_SEGMENT_WORDS);
			return;
		case EM_AND:
			foreach(lc, n->children)
				eval(lfirst(lc), cache, seg, m, fallback);
			return;
		case EM_OR:
			memcpy(in, m, sizeof(in));
			memset(acc, 0, sizeof(acc));
			foreach(lc, n->children)
			{
				memcpy(m, in, sizeof(in));
				eval(lfirst(lc), cache, seg, m, fallback);
				for (int w = 0; w < EI_SEGMENT_WORDS; w++)
				{
					acc[w] |= m[w];
					in[w] &= ~m[w];		/* the next child need not look again */
				}
			}
			memcpy(m, acc, sizeof(acc));
			return;
		case EM_NOT:
			memcpy(in, m, sizeof(in));
			eval(linitial(n->children), cache, seg, m, fallback);
			for (int w = 0; w < EI_SEGMENT_WORDS; w++)
				m[w] = in[w] & ~m[w];
			return;
		case EM_KWQUERY:
			eval_kwquery(n, seg, m);
			return;
		default:
			{
				int			candidates = 0;

				for (int w = 0; w < EI_SEGMENT_WORDS; w++)
					candidates += pg_popcount64(m[w]);
				if (candidates >= DENSE_SEGMENT && eval_dense(n, seg, m))
					return;
			}
			for (int w = 0; w < EI_SEGMENT_WORDS; w++)
			{
				uint64		bits = m[w];

				for (; bits; bits &= bits - 1)
				{
					int			b = pg_rightmost_one_pos64(bits);

					if (!leaf_test(n, cache, seg, w * 64 + b, fallback))
						m[w] &= ~(UINT64CONST(1) << b);
				}
			}
			return;
	}
}

static void
eval_all(List *nodes, EiCache *cache, EiSegment *seg, uint64 *m, bool *fallback)
{
	ListCell   *lc;

	foreach(lc, nodes)
	{
		bool		empty = true;

		eval(lfirst(lc), cache, seg, m, fallback);
		for (int w = 0; w < EI_SEGMENT_WORDS; w++)
			empty &= m[w] == 0;
		if (empty)
			return;
	}
}

/* Is global slot a visible (SPEC 1.2) event? */
static bool
visible(EmResult *res, int32 slot)
{
	EiSegment  *seg = ei_cache_segment(res->cache, slot);
	uint64		m[EI_SEGMENT_WORDS] = {0};
	bool		fallback = false;

	if (seg == NULL || (seg->live[(slot % EI_SEGMENT_SLOTS) / 64] & EI_SLOT_BIT(slot)) == 0)
		return false;
	m[(slot % EI_SEGMENT_SLOTS) / 64] = EI_SLOT_BIT(slot);
	eval_all(res->program->visibility, res->cache, seg, m, &fallback);
	return m[(slot % EI_SEGMENT_SLOTS) / 64] != 0;
}

/* The global slot of slot s's super event, or -1. */
static int32
super_event_slot(EiCache *cache, EiSegment *seg, int s)
{
	uint32		code = seg->strs[EIS_SUPER_EVENT][s];

	if (code == 0 || code >= cache->event_slot_size)
		return -1;
	return cache->event_slot[code];
}

/*
 * SPEC 1.12, D8: hide_recurring_children removes the events whose super
 * event is recurring; with _sub_events it adds the visible super events of
 * the events matched before that.
 */
static void
hide_recurring_children(EmResult *res)
{
	EiCache    *cache = res->cache;
	uint64	   *before = palloc(sizeof(uint64) * res->nwords);

	memcpy(before, res->matches, sizeof(uint64) * res->nwords);
	for (int32 w = 0; w < res->nwords; w++)
		for (uint64 bits = before[w]; bits; bits &= bits - 1)
		{
			int32		slot = w * 64 + pg_rightmost_one_pos64(bits);
			EiSegment  *seg = ei_cache_segment(cache, slot);
			int			s = slot % EI_SEGMENT_SLOTS;
			int32		super = super_event_slot(cache, seg, s);
			EiSegment  *super_seg;

			if (super < 0)
				continue;
			super_seg = ei_cache_segment(cache, super);
			if (super_seg &&
				EIF_FIELD(super_seg->flags[super % EI_SEGMENT_SLOTS], EIF_SUPER_SHIFT) == EI_SUPER_RECURRING)
				res->matches[w] &= ~EI_SLOT_BIT(slot);
		}
	if (res->program->add_super_events)
		for (int32 w = 0; w < res->nwords; w++)
			for (uint64 bits = before[w]; bits; bits &= bits - 1)
			{
				int32		slot = w * 64 + pg_rightmost_one_pos64(bits);
				int32		super = super_event_slot(cache, ei_cache_segment(cache, slot),
													 slot % EI_SEGMENT_SLOTS);

				if (super >= 0 && visible(res, super))
					res->matches[super / 64] |= EI_SLOT_BIT(super);
			}
	pfree(before);
}

/*
 * The ANDed nodes with their flag tests made one, first: a single-choice
 * field is a flag test, and flag tests on different bits combine (on the
 * same bits, different values can never both hold).
 */
static List *
merge_flag_tests(List *nodes)
{
	EmNode	   *flags = em_flags(0, 0);
	List	   *rest = NIL;
	ListCell   *lc;

	foreach(lc, nodes)
	{
		EmNode	   *n = lfirst(lc);
		uint16		mask,
					bits;

		if (n->kind == EM_FIELD && pg_popcount32(n->choices) == 1)
		{
			mask = 3 << n->shift;
			bits = pg_rightmost_one_pos32(n->choices) << n->shift;
		}
		else if (n->kind == EM_FLAGS)
		{
			mask = n->mask;
			bits = n->bits;
		}
		else
		{
			rest = lappend(rest, n);
			continue;
		}
		if ((flags->bits & mask) != (bits & flags->mask))
			return list_make1(em_false());
		flags->mask |= mask;
		flags->bits |= bits;
	}
	return flags->mask ? lcons(flags, rest) : rest;
}

/*
 * The ANDed nodes, those likely to leave few candidates and cheap to run
 * over many first: a kwquery reads postings, an event set from SQL is a
 * lookup. Order does not change the result.
 */
static List *
likely_selective_first(List *nodes)
{
	List	   *first = NIL;
	List	   *rest = NIL;
	ListCell   *lc;

	foreach(lc, nodes)
	{
		EmNode	   *n = lfirst(lc);

		if (n->kind == EM_KWQUERY || n->kind == EM_EVENTS)
			first = lappend(first, n);
		else
			rest = lappend(rest, n);
	}
	return list_concat(first, rest);
}

EmResult *
em_match(EmProgram *program, int nargs, Oid *types, Datum *values)
{
	EmResult   *res = palloc0(sizeof(EmResult));
	EiCache    *cache = ei_cache_refresh();
	List	   *nodes = likely_selective_first(merge_flag_tests(list_concat_copy(program->visibility,
																				program->filters)));
	bool		local = false;
	ListCell   *lc;

	res->cache = cache;
	res->program = program;
	foreach(lc, nodes)
	{
		prepare(lfirst(lc), cache, nargs, types, values);
		local |= needs_local_times(lfirst(lc));
	}
	res->nwords = cache->nsegments * EI_SEGMENT_WORDS;
	res->matches = palloc0(sizeof(uint64) * Max(res->nwords, 1));
	for (int32 i = 0; i < cache->nsegments; i++)
	{
		EiSegment  *seg = cache->segments[i];
		uint64	   *m = res->matches + i * EI_SEGMENT_WORDS;

		if (seg == NULL)
			continue;
		if (local)
			ei_segment_local_times(cache, seg);
		memcpy(m, seg->live, sizeof(seg->live));
		eval_all(nodes, cache, seg, m, &res->fallback);
		if (res->fallback)
			return NULL;
	}
	if (program->hide_recurring_children)
		hide_recurring_children(res);
	for (int32 w = 0; w < res->nwords; w++)
		res->count += pg_popcount64(res->matches[w]);
	return res;
}

int64
em_count(EmResult *res)
{
	return res->count;
}
