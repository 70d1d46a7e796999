/*
 * event_query_values.h
 *	  Query-string decoding and the value parsers the event list needs.
 *
 * PRIVATE STAND-IN: the `parsers` branch owns query-string decoding and value
 * parsing (src/parse_querystring.h, src/params.h) but had published no API
 * when the event list was written. These helpers implement exactly what the
 * event list uses, with the API's messages; replace each one by its
 * src/params.h counterpart once that lands, and delete this file.
 */
#ifndef EVENT_QUERY_VALUES_H
#define EVENT_QUERY_VALUES_H

#include "postgres.h"

#include "datatype/timestamp.h"
#include "nodes/pg_list.h"

/* Raise the API's 400: SQLSTATE 22023 with the message verbatim. */
#define le_bad_parameter(...) \
	ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg(__VA_ARGS__)))

extern List *le_decode_query(const char *query);
extern List *le_split_csv(const char *value);

extern bool le_parse_bool_param(const char *name, const char *value);
extern bool le_parse_python_int(const char *s, int64 *result);
extern bool le_parse_float(const char *s, double *result);
extern int	le_parse_hour_param(const char *name, const char *value);
extern int64 le_parse_duration(const char *value);
extern TimestampTz le_parse_time_param(const char *value, bool is_end,
									   const char *naive_zone);
extern bool le_parse_form_datetime(const char *value, TimestampTz *result);
extern TimestampTz le_local_midnight(int days_from_today);
extern char *le_title_case(const char *s);

#endif							/* EVENT_QUERY_VALUES_H */
