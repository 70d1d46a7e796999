/*
 * httpd.h
 *	  linkedevents-httpd: a thin HTTP front end that answers GET /v1/... with
 *	  one call of linkedevents.get(path, query, base_url) (DESIGN "SQL
 *	  contract").  The interfaces between its files.
 */
#ifndef LINKEDEVENTS_HTTPD_H
#define LINKEDEVENTS_HTTPD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <libpq-fe.h>
#include <microhttpd.h>

/* options.c: the settings, from flags with environment fallbacks. */
typedef struct Config
{
	const char *listen;			/* host:port */
	const char *conninfo;		/* libpq connection string */
	const char *base_url;		/* API root ending in "/"; NULL: per request */
	const char *prefix;			/* path before "v1/", starts and ends in "/" */
	bool		trust_proxy;	/* X-Forwarded-Proto/-Host give the base URL */
	int			threads;		/* requests answered at once = connections */
	int			timeout_ms;		/* statement_timeout of each request */
	const char *cache_control;	/* of anonymous answers; "" for none */
	const char *user_header;	/* NULL: authenticated views are off */
	const char *organizations_header;
} Config;

extern Config config;
extern void options_parse(int argc, char **argv);

/* open_memstream; out of memory aborts, as every allocation here does. */
static inline FILE *
text_stream(char **data, size_t *len)
{
	FILE	   *stream = open_memstream(data, len);

	if (stream == NULL)
		abort();
	return stream;
}

/* pool.c: the database connections, one per request answered at once. */
typedef enum DbOutcome
{
	DB_OK,						/* answer holds the row of linkedevents.get */
	DB_UNAVAILABLE,				/* no connection, or it broke */
	DB_TIMEOUT,					/* statement_timeout cancelled the call */
	DB_ERROR					/* anything else, logged */
} DbOutcome;

typedef struct DbAnswer
{
	int			status;
	const char *location;		/* NULL unless 301 */
	const char *body;			/* NULL for 301 */
	size_t		body_len;
	PGresult   *result;			/* owns location and body */
} DbAnswer;

extern void pool_init(void);
extern void pool_close(void);
extern DbOutcome pool_get(const char *path, const char *query,
						  const char *base_url, const char *user_id,
						  const char *organizations, DbAnswer *answer);

/* request.c: the libmicrohttpd callbacks, and what shutdown needs. */
extern void *request_begin(void *cls, const char *uri,
						   struct MHD_Connection *connection);
extern enum MHD_Result request_handle(void *cls,
									  struct MHD_Connection *connection,
									  const char *url, const char *method,
									  const char *version,
									  const char *upload_data,
									  size_t *upload_data_size,
									  void **req_cls);
extern void request_done(void *cls, struct MHD_Connection *connection,
						 void **req_cls,
						 enum MHD_RequestTerminationCode toe);
extern int	requests_in_flight(void);
extern void requests_closing(void);

/* base_url.c: the API root of a request when --base-url is not given. */
extern char *base_url_of_request(struct MHD_Connection *connection);

/* html.c: the browsable API page around a JSON answer. */
extern char *html_page(const char *request_line, int status,
					   const char *content_type, const char *json, size_t len,
					   size_t *page_len);

/* etag.c */
#define ETAG_SIZE 32
extern void etag_of(const char *body, size_t len, bool gzip, char tag[ETAG_SIZE]);
extern bool etag_matches(const char *if_none_match, const char *tag);

/* gzip.c */
extern bool gzip_compress(const char *data, size_t len, char **out, size_t *out_len);

/* access_log.c: one common-log-format line per request on stdout. */
extern void access_log(const char *client, const char *user,
					   const char *method, const char *uri,
					   const char *version, int status, size_t bytes,
					   double seconds);

#endif							/* LINKEDEVENTS_HTTPD_H */
