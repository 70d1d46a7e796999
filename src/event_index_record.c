/*
 * event_index_record.c
 *	  The byte format of the event index's segments (event_index.h).
 *
 * A segment is a header (magic, record count) followed by its records in
 * slot order, each a varint length and a body:
 *
 *	  uint16 slot, uint16 flags, uint16 nulls
 *	  int64 per non-NULL time, int32 per non-NULL int (in enum order)
 *	  id: varint length, bytes
 *	  each string: varint length + 1 (0 = NULL), bytes
 *	  each list: varint item count, varint byte length, items (varint
 *	  length, bytes)
 *
 * Integers are in the machine's byte order: a physical standby has the
 * same, and anything else (a dump restored elsewhere) rebuilds with
 * refresh_event_index(). Every read is bounds-checked: a segment changed by
 * hand is an error, never a read out of bounds.
 */
#include "postgres.h"

#include "event_index.h"

static void
append_varint(StringInfo out, uint32 v)
{
	while (v >= 0x80)
	{
		appendStringInfoChar(out, (char) (v | 0x80));
		v >>= 7;
	}
	appendStringInfoChar(out, (char) v);
}

/* The varint at *p, advancing *p; false when it runs past end. */
static bool
read_varint(const char **p, const char *end, uint32 *v)
{
	uint32		result = 0;

	for (int shift = 0; shift < 35 && *p < end; shift += 7)
	{
		uint8		b = (uint8) *(*p)++;

		result |= (uint32) (b & 0x7f) << shift;
		if ((b & 0x80) == 0)
		{
			*v = result;
			return true;
		}
	}
	return false;
}

void
ei_malformed(int32 segment)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("event index segment %d is malformed", segment),
			 errhint("Rebuild the event index with SELECT linkedevents.refresh_event_index().")));
}

void
ei_list_append(StringInfo list, const char *item, int len)
{
	append_varint(list, (uint32) len);
	appendBinaryStringInfo(list, item, len);
}

/* The list item at p (well formed: checked by ei_record_read); the next. */
const char *
ei_list_next(const char *p, const char **item, int *len)
{
	uint32		n = 0;

	(void) read_varint(&p, p + 5, &n);
	*item = p;
	*len = (int) n;
	return p + n;
}

void
ei_record_append(StringInfo out, const EiRecord *r)
{
	StringInfoData body;
	uint16		slot = (uint16) r->slot;

	initStringInfo(&body);
	appendBinaryStringInfo(&body, (char *) &slot, sizeof(slot));
	appendBinaryStringInfo(&body, (char *) &r->flags, sizeof(r->flags));
	appendBinaryStringInfo(&body, (char *) &r->nulls, sizeof(r->nulls));
	for (int t = 0; t < EIT_COUNT; t++)
		if (!EI_NULL_TIME(r, t))
			appendBinaryStringInfo(&body, (char *) &r->times[t], sizeof(int64));
	for (int i = 0; i < EII_COUNT; i++)
		if (!EI_NULL_INT(r, i))
			appendBinaryStringInfo(&body, (char *) &r->ints[i], sizeof(int32));
	append_varint(&body, (uint32) r->id_len);
	appendBinaryStringInfo(&body, r->id, r->id_len);
	for (int s = 0; s < EIS_COUNT; s++)
	{
		append_varint(&body, r->strs[s] ? (uint32) r->str_lens[s] + 1 : 0);
		if (r->strs[s])
			appendBinaryStringInfo(&body, r->strs[s], r->str_lens[s]);
	}
	for (int l = 0; l < EIL_COUNT; l++)
	{
		append_varint(&body, (uint32) r->list_counts[l]);
		append_varint(&body, (uint32) r->list_lens[l]);
		appendBinaryStringInfo(&body, r->lists[l], r->list_lens[l]);
	}
	append_varint(out, (uint32) body.len);
	appendBinaryStringInfo(out, body.data, body.len);
	pfree(body.data);
}

/*
 * The record at p (before end): its slot and body length; returns the body,
 * whose end is the next record.
 */
const char *
ei_record_next(const char *p, const char *end, int32 segment, int *slot, int *len)
{
	uint32		n;
	uint16		s;

	if (!read_varint(&p, end, &n) || n < 6 || n > (uint32) (end - p))
		ei_malformed(segment);
	memcpy(&s, p, sizeof(s));
	if (s >= EI_SEGMENT_SLOTS)
		ei_malformed(segment);
	*slot = s;
	*len = (int) n;
	return p;
}

/* Take n bytes at *p within end, or fail. */
#define TAKE(dst, n) \
	do { \
		if ((size_t) (end - p) < (size_t) (n)) \
			ei_malformed(segment); \
		memcpy((dst), p, (n)); \
		p += (n); \
	} while (0)

/* A counted byte run at *p within end: its start, advancing past it. */
static const char *
take_run(const char **p, const char *end, uint32 n, int32 segment)
{
	const char *start = *p;

	if ((size_t) (end - *p) < n)
		ei_malformed(segment);
	*p += n;
	return start;
}

/* Decode the body of ei_record_next into r; pointers point into the body. */
void
ei_record_read(const char *body, int len, int32 segment, EiRecord *r)
{
	const char *p = body;
	const char *end = body + len;
	uint16		slot;
	uint32		n;

	TAKE(&slot, sizeof(slot));
	r->slot = slot;
	TAKE(&r->flags, sizeof(r->flags));
	TAKE(&r->nulls, sizeof(r->nulls));
	for (int t = 0; t < EIT_COUNT; t++)
	{
		r->times[t] = 0;
		if (!EI_NULL_TIME(r, t))
			TAKE(&r->times[t], sizeof(int64));
	}
	for (int i = 0; i < EII_COUNT; i++)
	{
		r->ints[i] = 0;
		if (!EI_NULL_INT(r, i))
			TAKE(&r->ints[i], sizeof(int32));
	}
	if (!read_varint(&p, end, &n))
		ei_malformed(segment);
	r->id_len = (int) n;
	r->id = take_run(&p, end, n, segment);
	for (int s = 0; s < EIS_COUNT; s++)
	{
		if (!read_varint(&p, end, &n))
			ei_malformed(segment);
		r->strs[s] = NULL;
		r->str_lens[s] = 0;
		if (n > 0)
		{
			r->str_lens[s] = (int) n - 1;
			r->strs[s] = take_run(&p, end, n - 1, segment);
		}
	}
	for (int l = 0; l < EIL_COUNT; l++)
	{
		uint32		count;
		const char *q;
		const char *list_end;

		if (!read_varint(&p, end, &count) || !read_varint(&p, end, &n))
			ei_malformed(segment);
		r->list_counts[l] = (int) count;
		r->list_lens[l] = (int) n;
		r->lists[l] = take_run(&p, end, n, segment);
		/* the items must fill the run exactly */
		q = r->lists[l];
		list_end = q + n;
		for (uint32 i = 0; i < count; i++)
		{
			uint32		item;

			if (!read_varint(&q, list_end, &item) || item > (uint32) (list_end - q))
				ei_malformed(segment);
			q += item;
		}
		if (q != list_end)
			ei_malformed(segment);
	}
	if (p != end)
		ei_malformed(segment);
}

void
ei_segment_begin(StringInfo out)
{
	uint32		header[2] = {EI_FORMAT_MAGIC, 0};

	appendBinaryStringInfo(out, (char *) header, sizeof(header));
}

/* Set the record count of a segment begun with ei_segment_begin. */
void
ei_segment_finish(StringInfo out, int count)
{
	uint32		n = (uint32) count;

	memcpy(out->data + sizeof(uint32), &n, sizeof(n));
}

/* The first record of a segment's bytes, and their count. */
const char *
ei_segment_records(const char *data, int len, int32 segment, int *count)
{
	uint32		header[2];

	if (len < (int) sizeof(header))
		ei_malformed(segment);
	memcpy(header, data, sizeof(header));
	if (header[0] != EI_FORMAT_MAGIC || header[1] > EI_SEGMENT_SLOTS)
		ei_malformed(segment);
	*count = (int) header[1];
	return data + sizeof(header);
}
