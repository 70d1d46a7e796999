/*
 * postgis.c
 *	  PostGIS from C without search_path, and PostGIS errors caught.
 *
 * SQL text names PostGIS objects with the schema le_postgis_schema gives,
 * and C code looks its functions up there, so a caller's search_path never
 * decides which function runs.
 *
 * A transform PostGIS cannot do raises an internal error (XX000). Whether a
 * point is in a projection's domain is known only by trying (spatial_ref_sys
 * has no area of use, and PROJ's domains are not rectangles), so
 * le_postgis_try tries in a subtransaction, the one safe way to go on after
 * an error, and returns false instead: callers answer with the API's 400 or
 * leave a value out.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/resowner.h"
#include "utils/syscache.h"

#include "postgis.h"

/*
 * The schema of PostGIS's geometry type, as linkedevents.place.position
 * uses it: PostGIS keeps its types and functions in one schema.
 */
char *
le_postgis_schema(void)
{
	Oid			place = get_relname_relid("place", get_namespace_oid("linkedevents", false));
	Oid			geometry = get_atttype(place, get_attnum(place, "position"));
	HeapTuple	tp = SearchSysCache1(TYPEOID, ObjectIdGetDatum(geometry));
	char	   *schema;

	if (!HeapTupleIsValid(tp))
		elog(ERROR, "cache lookup failed for type %u", geometry);
	schema = get_namespace_name(((Form_pg_type) GETSTRUCT(tp))->typnamespace);
	ReleaseSysCache(tp);
	return schema;
}

bool
le_postgis_try(void (*call) (void *arg), void *arg)
{
	MemoryContext context = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	bool		done = true;

	if (IsInParallelMode())
	{
		call(arg);
		return true;
	}
	BeginInternalSubTransaction(NULL);
	/* call's results are allocated where the caller wants them */
	MemoryContextSwitchTo(context);
	PG_TRY();
	{
		call(arg);
		ReleaseCurrentSubTransaction();
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(context);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(context);
		CurrentResourceOwner = owner;
		if (edata->sqlerrcode != ERRCODE_INTERNAL_ERROR)
			ReThrowError(edata);
		FreeErrorData(edata);
		done = false;
	}
	PG_END_TRY();
	MemoryContextSwitchTo(context);
	CurrentResourceOwner = owner;
	return done;
}

/* The arguments and result of le_postgis_select. */
typedef struct SelectCall
{
	const char *sql;
	int			nargs;
	Oid		   *types;
	Datum	   *args;
	bool		found;
	Datum		value;
	Oid			type;
} SelectCall;

static void
select_call(void *arg)
{
	SelectCall *c = arg;
	Form_pg_attribute att;
	bool		isnull;

	if (SPI_execute_with_args(c->sql, c->nargs, c->types, c->args, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_with_args failed");
	if (SPI_processed == 0)
		return;
	c->value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
		return;
	att = TupleDescAttr(SPI_tuptable->tupdesc, 0);
	c->value = datumCopy(c->value, att->attbyval, att->attlen);
	c->type = att->atttypid;
	c->found = true;
}

bool
le_postgis_select(const char *sql, int nargs, Oid *types, Datum *args,
				  Datum *value, Oid *type)
{
	SelectCall	c = {sql, nargs, types, args, false};

	if (!le_postgis_try(select_call, &c) || !c.found)
		return false;
	*value = c.value;
	*type = c.type;
	return true;
}
