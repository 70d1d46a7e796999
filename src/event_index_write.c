/*
 * event_index_write.c
 *	  Keeping the event index (event_index.h): the statement triggers on
 *	  event, registration and offer, and refresh_event_index().
 *
 * A statement's changed events come in three sets, from its transition
 * tables: removed (their slots are freed), added (they get slots) and
 * rewritten (their records are written again). The work, in this order:
 *
 *	  1. the slots of removed and rewritten events, and their segments
 *	     locked in segment order (FOR UPDATE: waits for other writers of
 *	     those segments);
 *	  2. for added events, free slots in segments nobody else holds (FOR
 *	     UPDATE SKIP LOCKED, never waiting) and then new segments;
 *	  3. the records, read with a snapshot taken after the locks, so a
 *	     writer that waited sees what the writer before it committed (an
 *	     event and its registration changed at once both reach the record);
 *	  4. every touched segment rewritten once, with a new version.
 *
 * Writers of different segments never wait for each other; new events go
 * to segments no other writer holds. Under REPEATABLE READ a writer whose
 * snapshot misses another's commit to the same segment gets a
 * serialization failure (40001) to retry, from FOR UPDATE.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"
#include "utils/varlena.h"

#include "event_index.h"

/*
 * The record of the event with each id ($1) and slot ($2), by slot. Columns
 * in the order read_record takes them.
 */
#define RECORD_SOURCE \
	"SELECT t.slot, e.id, e.data_source, e.publisher, e.location, e.super_event, e.created_by," \
	" e.deleted, e.publication_status = 'public', e.has_start_time, e.has_end_time, e.local," \
	" r.id IS NOT NULL," \
	" EXISTS (SELECT 1 FROM linkedevents.offer o WHERE o.event = e.id)," \
	" EXISTS (SELECT 1 FROM linkedevents.offer o WHERE o.event = e.id AND o.is_free)," \
	" e.type_id, e.event_status, e.super_event_type," \
	" e.start_time, e.end_time, e.last_modified_time, e.enrolment_start_time," \
	" e.enrolment_end_time, r.enrolment_start_time, r.enrolment_end_time," \
	" e.audience_min_age, e.audience_max_age, e.maximum_attendee_capacity," \
	" e.minimum_attendee_capacity, r.remaining_attendee_capacity," \
	" r.remaining_waiting_list_capacity," \
	" e.keywords || e.audience, e.in_language," \
	" ARRAY(SELECT jsonb_object_keys(COALESCE(e.name, '{}') || COALESCE(e.description, '{}')" \
	" || COALESCE(e.short_description, '{}')))" \
	" FROM unnest($1::text[], $2::int[]) t(id, slot)" \
	" JOIN linkedevents.event e ON e.id = t.id" \
	" LEFT JOIN linkedevents.registration r ON r.event = e.id" \
	" ORDER BY t.slot"

#define COL_SLOT		1
#define COL_ID			2
#define COL_STRS		3		/* EIS_COUNT strings */
#define COL_FLAGS		8		/* deleted ... free offer: 8 booleans */
#define COL_TYPE		16
#define COL_STATUS		17
#define COL_SUPER_TYPE	18
#define COL_TIMES		19		/* EIT_COUNT */
#define COL_INTS		26		/* EII_COUNT */
#define COL_LISTS		32		/* EIL_COUNT */

/* Records read by one query: bounds a statement's memory. */
#define RECORD_CHUNK 4096

static const uint16 flag_bits[8] = {
	EIF_DELETED, EIF_PUBLIC, EIF_HAS_START_TIME, EIF_HAS_END_TIME, EIF_LOCAL,
	EIF_REGISTRATION, EIF_OFFERS, EIF_FREE_OFFER
};

/* An event's slot: the id and the slot number. */
typedef struct SlotOf
{
	char	   *id;
	int32		slot;
} SlotOf;

/* The changes of one statement. */
typedef struct Changes
{
	List	   *removed;		/* ids */
	List	   *added;			/* ids */
	List	   *rewritten;		/* ids */
} Changes;

/* The first column of every row of sql (over the transition tables), as ids. */
static List *
query_ids(const char *sql)
{
	List	   *ids = NIL;

	if (SPI_execute(sql, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "event index: query failed: %s", sql);
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		char	   *id = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);

		if (id != NULL)
			ids = lappend(ids, id);
	}
	return ids;
}

static Datum
text_array(List *items)
{
	Datum	   *elems = palloc(sizeof(Datum) * Max(list_length(items), 1));
	ListCell   *lc;

	foreach(lc, items)
		elems[foreach_current_index(lc)] = CStringGetTextDatum(lfirst(lc));
	return PointerGetDatum(construct_array(elems, list_length(items), TEXTOID, -1, false,
										   TYPALIGN_INT));
}

static Datum
int4_array(int32 *values, int n)
{
	Datum	   *elems = palloc(sizeof(Datum) * Max(n, 1));

	for (int i = 0; i < n; i++)
		elems[i] = Int32GetDatum(values[i]);
	return PointerGetDatum(construct_array(elems, n, INT4OID, 4, true, TYPALIGN_INT));
}

static int
cmp_slot(const void *a, const void *b)
{
	const SlotOf *x = a;
	const SlotOf *y = b;

	return (x->slot > y->slot) - (x->slot < y->slot);
}

static int
cmp_int32(const void *a, const void *b)
{
	int32		x = *(const int32 *) a;
	int32		y = *(const int32 *) b;

	return (x > y) - (x < y);
}

/* The slots of ids that have one, sorted by slot. */
static SlotOf *
slots_of(List *ids, int *n)
{
	Oid			type = TEXTARRAYOID;
	Datum		arg = text_array(ids);
	SlotOf	   *slots;

	*n = 0;
	if (ids == NIL)
		return palloc(sizeof(SlotOf));
	if (SPI_execute_with_args("SELECT x.event, x.slot FROM linkedevents.event_index_slot x"
							  " WHERE x.event = ANY ($1) ORDER BY x.slot",
							  1, &type, &arg, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "event index: slot lookup failed");
	slots = palloc(sizeof(SlotOf) * Max(SPI_processed, 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		isnull;

		slots[i].id = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		slots[i].slot = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[i],
													SPI_tuptable->tupdesc, 2, &isnull));
	}
	*n = (int) SPI_processed;
	return slots;
}

/* Lock the segments of slots (sorted), in segment order. */
static void
lock_segments(SlotOf *slots, int n)
{
	int32	   *segments = palloc(sizeof(int32) * Max(n, 1));
	int			m = 0;
	Oid			type = INT4ARRAYOID;
	Datum		arg;

	for (int i = 0; i < n; i++)
	{
		int32		segment = slots[i].slot / EI_SEGMENT_SLOTS;

		if (m == 0 || segments[m - 1] != segment)
			segments[m++] = segment;
	}
	if (m == 0)
		return;
	arg = int4_array(segments, m);
	if (SPI_execute_with_args("SELECT 1 FROM linkedevents.event_index_segment"
							  " WHERE segment = ANY ($1) ORDER BY segment FOR UPDATE",
							  1, &type, &arg, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "event index: segment lock failed");
}

/*
 * Slots for n new events: the free slots of segments this transaction can
 * lock without waiting, then new segments. Returned sorted.
 */
static int32 *
allocate_slots(int n)
{
	int32	   *slots = palloc(sizeof(int32) * Max(n, 1));
	int			found = 0;
	Portal		portal;

	if (n == 0)
		return slots;
	portal = SPI_cursor_open_with_args(NULL,
									   "SELECT segment, records FROM linkedevents.event_index_segment"
									   " WHERE live < " CppAsString2(EI_SEGMENT_SLOTS)
									   " ORDER BY segment FOR UPDATE SKIP LOCKED",
									   0, NULL, NULL, NULL, false, 0);
	while (found < n)
	{
		bool		isnull;
		int32		segment;
		bytea	   *records;
		const char *p;
		const char *end;
		int			count;
		bool		used[EI_SEGMENT_SLOTS] = {0};

		SPI_cursor_fetch(portal, true, 1);
		if (SPI_processed == 0)
			break;
		segment = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		records = DatumGetByteaPP(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
		p = ei_segment_records(VARDATA_ANY(records), VARSIZE_ANY_EXHDR(records), segment, &count);
		end = VARDATA_ANY(records) + VARSIZE_ANY_EXHDR(records);
		for (int i = 0; i < count; i++)
		{
			int			slot,
						len;
			const char *body = ei_record_next(p, end, segment, &slot, &len);

			used[slot] = true;
			p = body + len;
		}
		for (int s = 0; s < EI_SEGMENT_SLOTS && found < n; s++)
			if (!used[s])
				slots[found++] = segment * EI_SEGMENT_SLOTS + s;
	}
	SPI_cursor_close(portal);
	while (found < n)
	{
		bool		isnull;
		int32		segment;

		if (SPI_execute("SELECT nextval('linkedevents.event_index_segment_number')::int",
						false, 1) != SPI_OK_SELECT)
			elog(ERROR, "event index: segment number failed");
		segment = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		if (segment > PG_INT32_MAX / EI_SEGMENT_SLOTS - 1)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("event index: out of segment numbers"),
					 errhint("Rebuild the event index with SELECT linkedevents.refresh_event_index().")));
		for (int s = 0; s < EI_SEGMENT_SLOTS && found < n; s++)
			slots[found++] = segment * EI_SEGMENT_SLOTS + s;
	}
	qsort(slots, n, sizeof(int32), cmp_int32);
	return slots;
}

static const char *
text_value(Datum d, int *len)
{
	text	   *t = DatumGetTextPP(d);

	*len = VARSIZE_ANY_EXHDR(t);
	return VARDATA_ANY(t);
}

/* A text[] as a record list. */
static void
list_value(Datum d, StringInfo list, int *count)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	deconstruct_array(DatumGetArrayTypeP(d), TEXTOID, -1, false, TYPALIGN_INT,
					  &elems, &nulls, &n);
	*count = 0;
	for (int i = 0; i < n; i++)
	{
		int			len;
		const char *s;

		if (nulls[i])
			continue;
		s = text_value(elems[i], &len);
		ei_list_append(list, s, len);
		(*count)++;
	}
}

static int
code_of(const char *value, const char *const *names, int n, const char *what)
{
	for (int i = 0; i < n; i++)
		if (strcmp(value, names[i]) == 0)
			return i;
	elog(ERROR, "event index: unknown %s \"%s\"", what, value);
	return 0;
}

/* The record of one row of RECORD_SOURCE. */
static void
read_record(HeapTuple tuple, TupleDesc desc, EiRecord *r, StringInfo lists)
{
	static const char *const types[] = {"General", "Course", "Volunteering"};
	static const char *const statuses[] = {
		"EventScheduled", "EventRescheduled", "EventCancelled", "EventPostponed"
	};
	static const char *const super_types[] = {"", "recurring", "umbrella"};
	bool		isnull;
	Datum		d;
	int			slot = DatumGetInt32(SPI_getbinval(tuple, desc, COL_SLOT, &isnull));
	int			list_starts[EIL_COUNT];

	memset(r, 0, sizeof(*r));
	r->slot = slot % EI_SEGMENT_SLOTS;
	r->id = text_value(SPI_getbinval(tuple, desc, COL_ID, &isnull), &r->id_len);
	for (int s = 0; s < EIS_COUNT; s++)
	{
		d = SPI_getbinval(tuple, desc, COL_STRS + s, &isnull);
		if (!isnull)
			r->strs[s] = text_value(d, &r->str_lens[s]);
	}
	for (int f = 0; f < lengthof(flag_bits); f++)
		if (DatumGetBool(SPI_getbinval(tuple, desc, COL_FLAGS + f, &isnull)) && !isnull)
			r->flags |= flag_bits[f];
	r->flags |= code_of(SPI_getvalue(tuple, desc, COL_TYPE), types, 3, "type") << EIF_TYPE_SHIFT;
	r->flags |= code_of(SPI_getvalue(tuple, desc, COL_STATUS), statuses, 4, "status") << EIF_STATUS_SHIFT;
	d = SPI_getbinval(tuple, desc, COL_SUPER_TYPE, &isnull);
	if (!isnull)
		r->flags |= code_of(TextDatumGetCString(d), super_types, 3, "super event type") << EIF_SUPER_SHIFT;
	for (int t = 0; t < EIT_COUNT; t++)
	{
		d = SPI_getbinval(tuple, desc, COL_TIMES + t, &isnull);
		if (isnull)
			r->nulls |= 1 << t;
		else
		{
			r->times[t] = DatumGetTimestampTz(d);
			if ((t == EIT_START || t == EIT_END) && TIMESTAMP_NOT_FINITE(r->times[t]))
				r->flags |= EIF_INFINITE;
		}
	}
	for (int i = 0; i < EII_COUNT; i++)
	{
		d = SPI_getbinval(tuple, desc, COL_INTS + i, &isnull);
		if (isnull)
			r->nulls |= 1 << (EIT_COUNT + i);
		else
			r->ints[i] = DatumGetInt32(d);
	}
	resetStringInfo(lists);
	for (int l = 0; l < EIL_COUNT; l++)
	{
		list_starts[l] = lists->len;
		list_value(SPI_getbinval(tuple, desc, COL_LISTS + l, &isnull), lists, &r->list_counts[l]);
		r->list_lens[l] = lists->len - list_starts[l];
	}
	/* the buffer may have moved while growing */
	for (int l = 0; l < EIL_COUNT; l++)
		r->lists[l] = lists->data + list_starts[l];
}

/*
 * A segment being rewritten: its stored records and what replaces them.
 * new_at[s] is where slot s's new record starts in records (+1; 0 = none);
 * removed[s] frees slot s.
 */
typedef struct SegmentPatch
{
	int32		segment;
	bool		exists;
	bytea	   *old;
	StringInfoData records;
	int			new_at[EI_SEGMENT_SLOTS];
	int			new_len[EI_SEGMENT_SLOTS];
	bool		removed[EI_SEGMENT_SLOTS];
} SegmentPatch;

static void
patch_begin(SegmentPatch *patch, int32 segment)
{
	Oid			type = INT4OID;
	Datum		arg = Int32GetDatum(segment);
	bool		isnull;

	patch->segment = segment;
	resetStringInfo(&patch->records);
	memset(patch->new_at, 0, sizeof(patch->new_at));
	memset(patch->removed, 0, sizeof(patch->removed));
	if (SPI_execute_with_args("SELECT records FROM linkedevents.event_index_segment WHERE segment = $1",
							  1, &type, &arg, NULL, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "event index: segment read failed");
	patch->exists = SPI_processed == 1;
	patch->old = NULL;
	if (patch->exists)
		patch->old = DatumGetByteaPCopy(SPI_getbinval(SPI_tuptable->vals[0],
													 SPI_tuptable->tupdesc, 1, &isnull));
}

static void
patch_record(SegmentPatch *patch, const EiRecord *r)
{
	patch->new_at[r->slot] = patch->records.len + 1;
	ei_record_append(&patch->records, r);
	patch->new_len[r->slot] = patch->records.len - (patch->new_at[r->slot] - 1);
	patch->removed[r->slot] = false;
}

/*
 * Write the segment: its stored records, unless replaced or removed, and
 * the new ones, merged in slot order. Returns the number of records.
 */
static int
patch_finish(SegmentPatch *patch)
{
	StringInfoData out;
	const char *p = NULL;
	const char *end = NULL;
	int			old_left = 0;
	int			count = 0;
	Oid			types[3] = {INT4OID, INT4OID, BYTEAOID};
	Datum		args[3];
	bytea	   *value;
	int			s = 0;

	initStringInfo(&out);
	ei_segment_begin(&out);
	if (patch->old)
	{
		p = ei_segment_records(VARDATA_ANY(patch->old), VARSIZE_ANY_EXHDR(patch->old),
							   patch->segment, &old_left);
		end = VARDATA_ANY(patch->old) + VARSIZE_ANY_EXHDR(patch->old);
	}
	for (;;)
	{
		int			old_slot = EI_SEGMENT_SLOTS;
		int			len = 0;
		const char *start = p;
		const char *body = NULL;

		if (old_left > 0)
			body = ei_record_next(p, end, patch->segment, &old_slot, &len);
		if (old_slot < s)
			ei_malformed(patch->segment);	/* slots must ascend */
		/* the new records of the slots before this stored one */
		for (; s < old_slot; s++)
			if (patch->new_at[s])
			{
				appendBinaryStringInfo(&out, patch->records.data + patch->new_at[s] - 1,
									   patch->new_len[s]);
				count++;
			}
		if (old_left == 0)
			break;
		if (patch->new_at[s])
		{
			appendBinaryStringInfo(&out, patch->records.data + patch->new_at[s] - 1,
								   patch->new_len[s]);
			count++;
		}
		else if (!patch->removed[s])
		{
			appendBinaryStringInfo(&out, start, body + len - start);
			count++;
		}
		s++;
		p = body + len;
		old_left--;
	}
	ei_segment_finish(&out, count);
	value = palloc(VARHDRSZ + out.len);
	SET_VARSIZE(value, VARHDRSZ + out.len);
	memcpy(VARDATA(value), out.data, out.len);
	args[0] = Int32GetDatum(patch->segment);
	args[1] = Int32GetDatum(count);
	args[2] = PointerGetDatum(value);
	if (SPI_execute_with_args(patch->exists ?
							  "UPDATE linkedevents.event_index_segment SET live = $2, records = $3,"
							  " version = nextval('linkedevents.event_index_version') WHERE segment = $1" :
							  "INSERT INTO linkedevents.event_index_segment (segment, live, records, version)"
							  " VALUES ($1, $2, $3, nextval('linkedevents.event_index_version'))",
							  3, types, args, NULL, false, 0) < 0)
		elog(ERROR, "event index: segment write failed");
	pfree(out.data);
	pfree(value);
	if (patch->old)
		pfree(patch->old);
	return count;
}

/* Run sql with the ids and slots of a set of events as $1 and $2. */
static void
exec_slots(const char *sql, SlotOf *slots, int n)
{
	Oid			types[2] = {TEXTARRAYOID, INT4ARRAYOID};
	Datum		args[2];
	Datum	   *ids = palloc(sizeof(Datum) * Max(n, 1));
	int32	   *numbers = palloc(sizeof(int32) * Max(n, 1));

	if (n == 0)
		return;
	for (int i = 0; i < n; i++)
	{
		ids[i] = CStringGetTextDatum(slots[i].id);
		numbers[i] = slots[i].slot;
	}
	args[0] = PointerGetDatum(construct_array(ids, n, TEXTOID, -1, false, TYPALIGN_INT));
	args[1] = int4_array(numbers, n);
	if (SPI_execute_with_args(sql, 2, types, args, NULL, false, 0) < 0)
		elog(ERROR, "event index: slot write failed");
}

/*
 * The records of wanted[0..n) (sorted by slot) as rows of RECORD_SOURCE,
 * by slot; events that no longer exist give no row.
 */
static SPITupleTable *
read_records(SlotOf *wanted, int n, uint64 *nrows)
{
	Oid			types[2] = {TEXTARRAYOID, INT4ARRAYOID};
	Datum		args[2];
	Datum	   *ids = palloc(sizeof(Datum) * Max(n, 1));
	int32	   *numbers = palloc(sizeof(int32) * Max(n, 1));

	for (int i = 0; i < n; i++)
	{
		ids[i] = CStringGetTextDatum(wanted[i].id);
		numbers[i] = wanted[i].slot;
	}
	args[0] = PointerGetDatum(construct_array(ids, n, TEXTOID, -1, false, TYPALIGN_INT));
	args[1] = int4_array(numbers, n);
	if (SPI_execute_with_args(RECORD_SOURCE, 2, types, args, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "event index: record query failed");
	*nrows = SPI_processed;
	return SPI_tuptable;
}

#define SEGMENT_OF(slot) ((slot) / EI_SEGMENT_SLOTS)

/*
 * Apply one statement's changes (see the top). Rewritten events that no
 * longer exist lose their records and slots like removed ones.
 */
static void
apply_changes(Changes *changes)
{
	SlotOf	   *touched;
	SlotOf	   *wanted;
	SlotOf	   *fresh;
	int			ntouched,
				nwanted,
				nfresh = list_length(changes->added);
	int32	   *new_slots;
	ListCell   *lc;
	SegmentPatch patch;
	StringInfoData lists;
	MemoryContext row_cxt;
	int			i,
				k;

	if (changes->removed == NIL && changes->added == NIL && changes->rewritten == NIL)
		return;

	/* 1. the stored slots' segments locked, then the slots read again */
	touched = slots_of(list_concat_copy(changes->removed, changes->rewritten), &ntouched);
	lock_segments(touched, ntouched);
	touched = slots_of(list_concat_copy(changes->removed, changes->rewritten), &ntouched);
	wanted = slots_of(changes->rewritten, &nwanted);

	/* 2. slots for the added events */
	new_slots = allocate_slots(nfresh);
	fresh = palloc(sizeof(SlotOf) * Max(nfresh, 1));
	foreach(lc, changes->added)
	{
		fresh[foreach_current_index(lc)].id = lfirst(lc);
		fresh[foreach_current_index(lc)].slot = new_slots[foreach_current_index(lc)];
	}
	touched = repalloc(touched, sizeof(SlotOf) * Max(ntouched + nfresh, 1));
	memcpy(touched + ntouched, fresh, sizeof(SlotOf) * nfresh);
	ntouched += nfresh;
	qsort(touched, ntouched, sizeof(SlotOf), cmp_slot);
	wanted = repalloc(wanted, sizeof(SlotOf) * Max(nwanted + nfresh, 1));
	memcpy(wanted + nwanted, fresh, sizeof(SlotOf) * nfresh);
	nwanted += nfresh;
	qsort(wanted, nwanted, sizeof(SlotOf), cmp_slot);

	/*
	 * 3 and 4, a batch of segments at a time (bounded memory): the records
	 * of the batch's wanted events, then each segment patched once. A
	 * touched slot is free unless a record comes for it.
	 */
	initStringInfo(&patch.records);
	initStringInfo(&lists);
	row_cxt = AllocSetContextCreate(CurrentMemoryContext, "event index record", ALLOCSET_DEFAULT_SIZES);
	for (i = 0, k = 0; i < ntouched;)
	{
		int			batch_end = i;
		int			wanted_end = k;
		SPITupleTable *rows;
		uint64		nrows;
		uint64		r = 0;

		while (batch_end < ntouched && wanted_end - k < RECORD_CHUNK)
		{
			int32		segment = SEGMENT_OF(touched[batch_end].slot);

			while (batch_end < ntouched && SEGMENT_OF(touched[batch_end].slot) == segment)
				batch_end++;
			while (wanted_end < nwanted && SEGMENT_OF(wanted[wanted_end].slot) == segment)
				wanted_end++;
		}
		rows = read_records(wanted + k, wanted_end - k, &nrows);
		while (i < batch_end)
		{
			int32		segment = SEGMENT_OF(touched[i].slot);

			patch_begin(&patch, segment);
			for (; i < batch_end && SEGMENT_OF(touched[i].slot) == segment; i++)
				patch.removed[touched[i].slot % EI_SEGMENT_SLOTS] = true;
			for (; r < nrows; r++)
			{
				bool		isnull;
				int32		slot = DatumGetInt32(SPI_getbinval(rows->vals[r], rows->tupdesc,
															   COL_SLOT, &isnull));
				MemoryContext old;
				EiRecord	record;

				if (SEGMENT_OF(slot) != segment)
					break;
				old = MemoryContextSwitchTo(row_cxt);
				read_record(rows->vals[r], rows->tupdesc, &record, &lists);
				patch_record(&patch, &record);
				MemoryContextSwitchTo(old);
				MemoryContextReset(row_cxt);
			}
			(void) patch_finish(&patch);
		}
		if (r != nrows)
			elog(ERROR, "event index: a record outside its batch");
		SPI_freetuptable(rows);
		k = wanted_end;
	}
	MemoryContextDelete(row_cxt);

	/* the slot table: events that are gone out, fresh ones in */
	exec_slots("DELETE FROM linkedevents.event_index_slot x USING unnest($1::text[], $2::int[]) t(id, slot)"
			   " WHERE x.event = t.id AND NOT EXISTS (SELECT 1 FROM linkedevents.event e WHERE e.id = t.id)",
			   touched, ntouched);
	exec_slots("INSERT INTO linkedevents.event_index_slot (event, slot)"
			   " SELECT t.id, t.slot FROM unnest($1::text[], $2::int[]) t(id, slot)",
			   fresh, nfresh);
}

/* The event columns a record reads (RECORD_SOURCE), for "did it change". */
#define RECORD_COLUMNS(t) \
	"(" t ".data_source, " t ".publisher, " t ".location, " t ".super_event, " t ".created_by, " \
	t ".deleted, " t ".publication_status, " t ".has_start_time, " t ".has_end_time, " t ".local, " \
	t ".type_id, " t ".event_status, " t ".super_event_type, " t ".start_time, " t ".end_time, " \
	t ".last_modified_time, " t ".enrolment_start_time, " t ".enrolment_end_time, " \
	t ".audience_min_age, " t ".audience_max_age, " t ".maximum_attendee_capacity, " \
	t ".minimum_attendee_capacity, " t ".keywords, " t ".audience, " t ".in_language, " \
	t ".name, " t ".description, " t ".short_description)"

PG_FUNCTION_INFO_V1(le_event_index_events);

/* Trigger after each statement writing event: its records (see the top). */
Datum
le_event_index_events(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Changes		changes = {0};

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event))
		elog(ERROR, "le_event_index_events: not called as a statement trigger");
	SPI_connect();
	SPI_register_trigger_data(trigdata);
	if (TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
		changes.added = query_ids("SELECT id FROM new_rows");
	else if (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		changes.removed = query_ids("SELECT id FROM old_rows");
	else
	{
		changes.removed = query_ids("SELECT o.id FROM old_rows o"
									" WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)");
		changes.added = query_ids("SELECT n.id FROM new_rows n"
								  " WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id)");
		changes.rewritten = query_ids("SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id"
									  " WHERE " RECORD_COLUMNS("n") " IS DISTINCT FROM "
									  RECORD_COLUMNS("o"));
	}
	apply_changes(&changes);
	SPI_finish();
	return PointerGetDatum(NULL);
}

/* "(alias.a, alias.b)" of the comma list "a, b". */
static char *
qualified_columns(const char *columns, const char *alias)
{
	StringInfoData out;
	List	   *names;
	ListCell   *lc;

	if (!SplitIdentifierString(pstrdup(columns), ',', &names))
		elog(ERROR, "event index: bad column list \"%s\"", columns);
	initStringInfo(&out);
	appendStringInfoChar(&out, '(');
	foreach(lc, names)
		appendStringInfo(&out, "%s%s.%s", foreach_current_index(lc) > 0 ? ", " : "",
						 alias, quote_identifier(lfirst(lc)));
	appendStringInfoChar(&out, ')');
	return out.data;
}

PG_FUNCTION_INFO_V1(le_event_index_children);

/*
 * Trigger after each statement writing registration or offer: the records
 * of their events. The trigger's one argument names the table's columns
 * that a record reads ("event, is_free").
 */
Datum
le_event_index_children(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Changes		changes = {0};

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) ||
		trigdata->tg_trigger->tgnargs != 1)
		elog(ERROR, "le_event_index_children: not called as a statement trigger with one argument");
	SPI_connect();
	SPI_register_trigger_data(trigdata);
	if (TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
		changes.rewritten = query_ids("SELECT DISTINCT event FROM new_rows");
	else if (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		changes.rewritten = query_ids("SELECT DISTINCT event FROM old_rows");
	else
	{
		char	   *n = qualified_columns(trigdata->tg_trigger->tgargs[0], "n");
		char	   *o = qualified_columns(trigdata->tg_trigger->tgargs[0], "o");

		changes.rewritten = query_ids(psprintf("SELECT n.event FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id"
											   " WHERE o.id IS NULL OR %s IS DISTINCT FROM %s"
											   " UNION SELECT o.event FROM old_rows o LEFT JOIN new_rows n ON n.id = o.id"
											   " WHERE n.id IS NULL OR %s IS DISTINCT FROM %s",
											   n, o, n, o));
	}
	apply_changes(&changes);
	SPI_finish();
	return PointerGetDatum(NULL);
}

/* Every event's record written anew, in slot order from slot 0. */
static int64
rebuild(void)
{
	Changes		changes = {0};

	if (SPI_execute("LOCK TABLE linkedevents.event_index_segment IN EXCLUSIVE MODE", false, 0) < 0 ||
		SPI_execute("DELETE FROM linkedevents.event_index_slot", false, 0) < 0 ||
		SPI_execute("DELETE FROM linkedevents.event_index_segment", false, 0) < 0 ||
		SPI_execute("SELECT setval('linkedevents.event_index_segment_number', 0, false)", false, 0) < 0)
		elog(ERROR, "event index: clearing failed");
	changes.added = query_ids("SELECT id FROM linkedevents.event ORDER BY id");
	apply_changes(&changes);
	return list_length(changes.added);
}

PG_FUNCTION_INFO_V1(le_event_index_truncated);

/*
 * Trigger after TRUNCATE: of event, the index empties; of registration or
 * offer, every record is written again.
 */
Datum
le_event_index_truncated(PG_FUNCTION_ARGS)
{
	if (!CALLED_AS_TRIGGER(fcinfo))
		elog(ERROR, "le_event_index_truncated: not called as a trigger");
	SPI_connect();
	(void) rebuild();
	SPI_finish();
	return PointerGetDatum(NULL);
}

PG_FUNCTION_INFO_V1(le_refresh_event_index);

/*
 * linkedevents.refresh_event_index(): the index rebuilt from the tables
 * (after a load with triggers disabled, on a logical-replication
 * subscriber, after a change of the byte format); the number of events.
 */
Datum
le_refresh_event_index(PG_FUNCTION_ARGS)
{
	int64		n;

	SPI_connect();
	n = rebuild();
	SPI_finish();
	PG_RETURN_INT64(n);
}

PG_FUNCTION_INFO_V1(le_event_index_records);

/*
 * linkedevents._event_index_records(): every stored record as (event,
 * record), the record's bytes without its slot: what tests compare with a
 * rebuild, which may put events in other slots.
 */
Datum
le_event_index_records(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	SPI_connect();
	if (SPI_execute("SELECT segment, records FROM linkedevents.event_index_segment ORDER BY segment",
					true, 0) != SPI_OK_SELECT)
		elog(ERROR, "event index: segment read failed");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		isnull;
		int32		segment = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull));
		bytea	   *records = DatumGetByteaPP(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &isnull));
		const char *end = VARDATA_ANY(records) + VARSIZE_ANY_EXHDR(records);
		int			count;
		const char *p = ei_segment_records(VARDATA_ANY(records), VARSIZE_ANY_EXHDR(records),
										   segment, &count);

		for (int k = 0; k < count; k++)
		{
			int			slot,
						len;
			const char *body = ei_record_next(p, end, segment, &slot, &len);
			EiRecord	r;
			Datum		values[2];
			bool		nulls[2] = {false, false};
			bytea	   *record = palloc(VARHDRSZ + len - sizeof(uint16));

			ei_record_read(body, len, segment, &r);
			SET_VARSIZE(record, VARHDRSZ + len - sizeof(uint16));
			memcpy(VARDATA(record), body + sizeof(uint16), len - sizeof(uint16));
			values[0] = PointerGetDatum(cstring_to_text_with_len(r.id, r.id_len));
			values[1] = PointerGetDatum(record);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			p = body + len;
		}
	}
	SPI_finish();
	return (Datum) 0;
}
