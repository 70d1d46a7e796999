/*
 * event_index_page.c
 *	  A page of a request's matches (event_index_match.h): the first offset +
 *	  limit matches in the request's order by a bounded selection, ordered as
 *	  the SQL ORDER BY orders them (NULL placement, DESC, the collations of
 *	  id and name, through ranks of their strings).
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "port/pg_bitutils.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "event_index_result.h"

/* One match with its first key, for the selection. */
typedef struct Candidate
{
	int64		key;
	bool		null;
	int32		slot;
} Candidate;

typedef struct OrderContext
{
	EmResult   *res;
	EmKey	   *first;
	List	   *rest;			/* the keys after the first */
	uint32	   *id_ranks;		/* by EID_EVENT code */
	uint32	   *name_ranks;		/* by EID_NAME code, for EK_STRING */
	bool		fallback;
} OrderContext;

/* Key k of global slot; false when NULL. */
static inline bool
key_value(OrderContext *o, EmKey *k, int32 slot, int64 *value)
{
	EiSegment  *seg = ei_cache_segment(o->res->cache, slot);
	int			s = slot % EI_SEGMENT_SLOTS;

	switch (k->kind)
	{
		case EK_TIME:
			*value = seg->times[k->col][s];
			return !slot_null(seg, s, k->col);
		case EK_INT:
			*value = seg->ints[k->col][s];
			return !slot_null(seg, s, EIT_COUNT + k->col);
		case EK_DURATION:
			if (slot_null(seg, s, EIT_START) || slot_null(seg, s, EIT_END))
				return false;
			if (seg->flags[s] & EIF_INFINITE)
				o->fallback = true;
			*value = seg->times[EIT_END][s] - seg->times[EIT_START][s];
			return true;
		case EK_COALESCE:
			if (!slot_null(seg, s, k->col))
			{
				*value = seg->times[k->col][s];
				return true;
			}
			*value = seg->times[k->col2][s];
			return !slot_null(seg, s, k->col2);
		case EK_STRING:
			{
				uint32		code = seg->strs[k->col][s];

				*value = code ? o->name_ranks[code] : 0;
				return code != 0;
			}
		case EK_RANK:
			{
				/* a float's bits, made to order as the floats do */
				int32		bits;

				memcpy(&bits, &k->node->ranks[slot], sizeof(bits));
				*value = bits >= 0 ? bits : (int64) (bits ^ PG_INT32_MAX);
				return true;
			}
	}
	return false;
}

/* ORDER BY's comparison of one key: NULLs last ascending, first descending. */
static inline int
compare_key(const EmKey *k, bool anull, int64 a, bool bnull, int64 b)
{
	bool		nulls_first = k->descending && !k->nulls_last;
	int			c;

	if (anull || bnull)
	{
		if (anull && bnull)
			return 0;
		return anull == nulls_first ? -1 : 1;
	}
	c = (a > b) - (a < b);
	return k->descending ? -c : c;
}

static inline int
compare_ids(OrderContext *o, int32 a, int32 b)
{
	EiCache    *cache = o->res->cache;
	uint32		ra = o->id_ranks[ei_cache_segment(cache, a)->id[a % EI_SEGMENT_SLOTS]];
	uint32		rb = o->id_ranks[ei_cache_segment(cache, b)->id[b % EI_SEGMENT_SLOTS]];

	return (ra > rb) - (ra < rb);
}

static int
compare_candidates(const void *pa, const void *pb, void *arg)
{
	const Candidate *a = pa;
	const Candidate *b = pb;
	OrderContext *o = arg;
	ListCell   *lc;
	int			c;

	if (o->first)
	{
		c = compare_key(o->first, a->null, a->key, b->null, b->key);
		if (c != 0)
			return c;
	}
	foreach(lc, o->rest)
	{
		EmKey	   *k = lfirst(lc);
		int64		va = 0,
					vb = 0;
		bool		na = !key_value(o, k, a->slot, &va);
		bool		nb = !key_value(o, k, b->slot, &vb);

		c = compare_key(k, na, va, nb, vb);
		if (c != 0)
			return c;
	}
	return compare_ids(o, a->slot, b->slot);
}

/* Sift the worst (greatest) candidate of a max-heap down from i. */
static void
sift_down(Candidate *heap, int n, int i, OrderContext *o)
{
	for (;;)
	{
		int			l = 2 * i + 1,
					r = l + 1,
					largest = i;
		Candidate	t;

		if (l < n && compare_candidates(&heap[l], &heap[largest], o) > 0)
			largest = l;
		if (r < n && compare_candidates(&heap[r], &heap[largest], o) > 0)
			largest = r;
		if (largest == i)
			return;
		t = heap[i];
		heap[i] = heap[largest];
		heap[largest] = t;
		i = largest;
	}
}

/*
 * The ids of matches offset .. offset + limit - 1 in the program's order,
 * as text[] in result_context; NULL when SQL must order them (an infinite
 * duration).
 */
ArrayType *
em_page(EmResult *res, int64 offset, int64 limit, MemoryContext result_context)
{
	OrderContext o = {0};
	int64		want = Min(offset + limit, res->count);
	Candidate  *best;
	int64		nbest = 0;
	Datum	   *ids;
	int			nids = 0;
	ArrayType  *result;
	MemoryContext old;
	Oid			relid = get_relname_relid("event", get_namespace_oid("linkedevents", false));
	Oid			type;
	int32		typmod;
	Oid			collation;

	o.res = res;
	o.first = res->program->order ? linitial(res->program->order) : NULL;
	o.rest = res->program->order ? list_delete_first(list_copy(res->program->order)) : NIL;
	get_atttypetypmodcoll(relid, get_attnum(relid, "id"), &type, &typmod, &collation);
	o.id_ranks = ei_cache_ranks(res->cache, EID_EVENT, collation);
	{
		ListCell   *lc;

		/* name ->> 'fi' is text in the database's default collation */
		foreach(lc, res->program->order)
			if (((EmKey *) lfirst(lc))->kind == EK_STRING)
				o.name_ranks = ei_cache_ranks(res->cache, EID_NAME, DEFAULT_COLLATION_OID);
	}

	best = palloc(sizeof(Candidate) * Max(want, 1));
	for (int32 i = 0; want > 0 && i < res->cache->nsegments; i++)
	{
		EiSegment  *seg = res->cache->segments[i];
		const uint64 *m = res->matches + i * EI_SEGMENT_WORDS;
		/* a plain column as the first key is read here, not by key_value */
		const int64 *times = NULL;
		const int32 *ints = NULL;
		int			null_bit = 0;

		if (seg == NULL)
			continue;
		if (o.first && o.first->kind == EK_TIME)
			times = seg->times[o.first->col], null_bit = o.first->col;
		else if (o.first && o.first->kind == EK_INT)
			ints = seg->ints[o.first->col], null_bit = EIT_COUNT + o.first->col;
		for (int w = 0; w < EI_SEGMENT_WORDS; w++)
			for (uint64 bits = m[w]; bits; bits &= bits - 1)
			{
				int			s = w * 64 + pg_rightmost_one_pos64(bits);
				Candidate	c;
				int			c1;

				c.slot = i * EI_SEGMENT_SLOTS + s;
				c.key = 0;
				c.null = false;
				if (times || ints)
				{
					c.null = slot_null(seg, s, null_bit);
					c.key = times ? times[s] : ints[s];
				}
				else if (o.first)
					c.null = !key_value(&o, o.first, c.slot, &c.key);
				if (nbest < want)
				{
					best[nbest++] = c;
					if (nbest == want)
						for (int64 k = want / 2 - 1; k >= 0; k--)
							sift_down(best, (int) want, (int) k, &o);
					continue;
				}
				/* most candidates lose on the first key alone */
				c1 = o.first ? compare_key(o.first, c.null, c.key, best[0].null, best[0].key) : 0;
				if (c1 > 0 || (c1 == 0 && compare_candidates(&c, &best[0], &o) >= 0))
					continue;
				best[0] = c;
				sift_down(best, (int) want, 0, &o);
			}
	}
	if (o.fallback)
		return NULL;
	qsort_arg(best, nbest, sizeof(Candidate), compare_candidates, &o);

	ids = palloc(sizeof(Datum) * Max(limit, 1));
	for (int64 i = offset; i < nbest; i++)
	{
		int32		slot = best[i].slot;
		uint32		code = ei_cache_segment(res->cache, slot)->id[slot % EI_SEGMENT_SLOTS];
		EiDict	   *dict = &res->cache->dicts[EID_EVENT];

		ids[nids++] = PointerGetDatum(cstring_to_text_with_len(dict->strings[code - 1],
															   dict->lens[code - 1]));
	}
	old = MemoryContextSwitchTo(result_context);
	result = construct_array(ids, nids, TEXTOID, -1, false, TYPALIGN_INT);
	MemoryContextSwitchTo(old);
	return result;
}
