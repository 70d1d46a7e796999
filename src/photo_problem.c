/*
 * photo_problem.c
 *	  The content API's error bodies: RFC 9457 problem details with a W3C
 *	  trace-context traceId (README "Photos").
 *
 * The traceId is a traceparent, "00-<trace-id>-<parent-id>-00": version 00,
 * 16 and 8 random bytes from pg_strong_random (the source gen_random_uuid
 * uses; never all zero, which W3C forbids), flags 00 (not sampled), as the
 * seed's example has them. Each call draws new bytes: a request's id is
 * unique as random 128-bit ids are (for 4 billion requests, the chance that
 * two share one is below 10^-19). Nothing is written, so it works in
 * read-only transactions and on a hot standby, where a sequence could not be
 * used; and it depends on nothing that is fixed for a transaction or a
 * statement (now(), a snapshot), so two requests in one transaction differ.
 * Being different on every call, the functions are VOLATILE: a caller that
 * is STABLE (linkedevents.get) still calls them once per request.
 */
#include "postgres.h"

#include "utils/builtins.h"

#include "jsonld.h"

#define TRACE_ID_BYTES	16
#define PARENT_ID_BYTES	8
#define TRACEPARENT_LEN	(2 + 1 + 2 * TRACE_ID_BYTES + 1 + 2 * PARENT_ID_BYTES + 1 + 2)

/* Random bytes, not all zero (W3C trace-context: an all-zero id is invalid). */
static void
random_id(uint8 *bytes, int n)
{
	bool		zero = true;

	while (zero)
	{
		if (!pg_strong_random(bytes, n))
			ereport(ERROR,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("could not generate random bytes for a trace id")));
		for (int i = 0; i < n; i++)
			zero = zero && bytes[i] == 0;
	}
}

static void
append_hex(StringInfo out, const uint8 *bytes, int n)
{
	static const char hex[] = "0123456789abcdef";

	for (int i = 0; i < n; i++)
	{
		jw_char(out, hex[bytes[i] >> 4]);
		jw_char(out, hex[bytes[i] & 15]);
	}
}

/* A new traceparent "00-<32 hex>-<16 hex>-00". */
static void
append_traceparent(StringInfo out)
{
	uint8		trace_id[TRACE_ID_BYTES];
	uint8		parent_id[PARENT_ID_BYTES];

	random_id(trace_id, TRACE_ID_BYTES);
	random_id(parent_id, PARENT_ID_BYTES);
	JW_LIT(out, "00-");
	append_hex(out, trace_id, TRACE_ID_BYTES);
	jw_char(out, '-');
	append_hex(out, parent_id, PARENT_ID_BYTES);
	JW_LIT(out, "-00");
}

PG_FUNCTION_INFO_V1(le_trace_id);

/* linkedevents._trace_id(): a new traceparent. */
Datum
le_trace_id(PG_FUNCTION_ARGS)
{
	StringInfoData id;

	initStringInfo(&id);
	append_traceparent(&id);
	Assert(id.len == TRACEPARENT_LEN);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(id.data, id.len));
}

PG_FUNCTION_INFO_V1(le_photo_problem);

/*
 * linkedevents._photo_problem(status, detail, parameter): the problem
 * details of a 400 or 404 with a new traceId; detail (when not NULL) says
 * why, and parameter (when not NULL) which parameter, as
 * "errors": {"<parameter>": ["<detail>"]}.
 */
Datum
le_photo_problem(PG_FUNCTION_ARGS)
{
	int32		status = PG_GETARG_INT32(0);
	text	   *detail = PG_ARGISNULL(1) ? NULL : PG_GETARG_TEXT_PP(1);
	text	   *parameter = PG_ARGISNULL(2) ? NULL : PG_GETARG_TEXT_PP(2);
	StringInfoData body;

	jw_result_init(&body);
	if (status == 400)
		JW_LIT(&body, "{\"type\":\"https://tools.ietf.org/html/rfc9110#section-15.5.1\","
			   "\"title\":\"Bad Request\",\"status\":400");
	else if (status == 404)
		JW_LIT(&body, "{\"type\":\"https://tools.ietf.org/html/rfc9110#section-15.5.5\","
			   "\"title\":\"Not Found\",\"status\":404");
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("no problem details for status %d", status),
				 errhint("Use 400 or 404.")));
	if (detail)
	{
		JW_KEY(&body, "detail");
		jw_text(&body, PointerGetDatum(detail), false);
		if (parameter)
		{
			JW_LIT(&body, ",\"errors\":{");
			jw_text(&body, PointerGetDatum(parameter), false);
			JW_LIT(&body, ":[");
			jw_text(&body, PointerGetDatum(detail), false);
			JW_LIT(&body, "]}");
		}
	}
	JW_LIT(&body, ",\"traceId\":\"");
	append_traceparent(&body);
	JW_LIT(&body, "\"}");
	PG_RETURN_DATUM(jw_result_datum(&body));
}
