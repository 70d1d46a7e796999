/*
 * kwquery_selfuncs.c
 *	  Restriction selectivity of text[] @@ kwquery (and kwquery ~~ text[]).
 *
 * From the array column's most-common-elements statistics (MCELEM, which
 * ANALYZE collects for every array column and for an index expression such
 * as keywords || audience): an id's selectivity is its MCELEM frequency, or
 * half the lowest frequency in the list when it is not there; then, taking
 * ids as independent, a & b is s(a) s(b), a | b is s(a) + s(b) - s(a) s(b)
 * and !a is 1 - s(a).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_statistic.h"
#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/selfuncs.h"

#include "kwquery.h"

/* The column's MCELEM list: ids sorted by `collation`, and frequencies. */
typedef struct ElementStats
{
	Datum	   *values;
	float4	   *freqs;
	int			nvalues;
	float4		min_freq;
	Oid			collation;
} ElementStats;

static Selectivity
id_selectivity(const ElementStats *es, const KWQuery *q, const KWQItem *item)
{
	text	   *id;
	int			lo = 0,
				hi = es->nvalues - 1;

	if (es->values == NULL)
		return DEFAULT_EQ_SEL;
	id = cstring_to_text_with_len(KWQ_ID(q, item), item->length);
	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		int			r = DatumGetInt32(DirectFunctionCall2Coll(bttextcmp, es->collation,
															  PointerGetDatum(id),
															  es->values[mid]));

		if (r == 0)
			return es->freqs[mid];
		if (r < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return Min(DEFAULT_EQ_SEL, es->min_freq / 2);
}

/* Combine the ids' selectivities along the postfix items, without recursion. */
static Selectivity
query_selectivity(const ElementStats *es, const KWQuery *q)
{
	Selectivity *stack = palloc(sizeof(Selectivity) * q->size);
	int			depth = 0;
	int			i;
	Selectivity result;

	for (i = 0; i < q->size; i++)
	{
		const KWQItem *item = &q->items[i];
		Selectivity s;

		switch (item->type)
		{
			case KWQ_VAL:
				s = id_selectivity(es, q, item);
				depth++;
				break;
			case KWQ_NOT:
				s = 1.0 - stack[depth - 1];
				break;
			case KWQ_AND:
				depth--;
				s = stack[depth - 1] * stack[depth];
				break;
			case KWQ_OR:
				depth--;
				s = stack[depth - 1] + stack[depth] - stack[depth - 1] * stack[depth];
				break;
			default:
				elog(ERROR, "unrecognized kwquery item type: %d", item->type);
		}
		CLAMP_PROBABILITY(s);
		stack[depth - 1] = s;
	}
	result = stack[0];
	pfree(stack);
	return result;
}

PG_FUNCTION_INFO_V1(le_kwquery_matchsel);

Datum
le_kwquery_matchsel(PG_FUNCTION_ARGS)
{
	PlannerInfo *root = (PlannerInfo *) PG_GETARG_POINTER(0);
	List	   *args = (List *) PG_GETARG_POINTER(2);
	int			varRelid = PG_GETARG_INT32(3);
	VariableStatData vardata;
	Node	   *other;
	bool		varonleft;
	ElementStats es = {0};
	float4		nullfrac = 0.0;
	AttStatsSlot sslot;
	bool		have_slot = false;
	Selectivity selec;

	if (!get_restriction_variable(root, args, varRelid, &vardata, &other, &varonleft))
		PG_RETURN_FLOAT8(DEFAULT_EQ_SEL);

	/* Only "array @@ constant query" can be estimated. */
	if (vardata.vartype != TEXTARRAYOID || !IsA(other, Const))
	{
		ReleaseVariableStats(vardata);
		PG_RETURN_FLOAT8(DEFAULT_EQ_SEL);
	}
	if (((Const *) other)->constisnull)
	{
		ReleaseVariableStats(vardata);
		PG_RETURN_FLOAT8(0.0);
	}

	if (HeapTupleIsValid(vardata.statsTuple))
	{
		nullfrac = ((Form_pg_statistic) GETSTRUCT(vardata.statsTuple))->stanullfrac;

		/*
		 * The numbers hold one frequency per value, then the minimum, the
		 * maximum and the null-element frequency.
		 */
		if (get_attstatsslot(&sslot, vardata.statsTuple, STATISTIC_KIND_MCELEM,
							 InvalidOid, ATTSTATSSLOT_VALUES | ATTSTATSSLOT_NUMBERS))
		{
			have_slot = true;
			if (sslot.nnumbers == sslot.nvalues + 3)
			{
				es.values = sslot.values;
				es.freqs = sslot.numbers;
				es.nvalues = sslot.nvalues;
				es.min_freq = sslot.numbers[sslot.nvalues];
				es.collation = OidIsValid(sslot.stacoll) ? sslot.stacoll : DEFAULT_COLLATION_OID;
			}
		}
	}

	selec = query_selectivity(&es, DatumGetKWQueryP(((Const *) other)->constvalue));

	/* MCELEM frequencies count only the non-null arrays. */
	selec *= 1.0 - nullfrac;

	if (have_slot)
		free_attstatsslot(&sslot);
	ReleaseVariableStats(vardata);
	CLAMP_PROBABILITY(selec);
	PG_RETURN_FLOAT8(selec);
}
