/*
 * request.c
 *	  One request: the checks that need no database (method, length, path,
 *	  host), the call of linkedevents.get, and the response: status and
 *	  Location as the call says, ETag and 304, Cache-Control, gzip, CORS,
 *	  and the browsable HTML page for ?format=api or a browser.
 *
 * MHD hands the access handler a percent-decoded path; the API needs the
 * raw request target, so request_begin (MHD's URI log callback, called
 * before MHD decodes anything) keeps a copy of it.
 */
#include "httpd.h"

#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "parse_querystring.h"
#include "parse_unicode.h"

#define MAX_URI 8192			/* longer request targets: 414 */
#define GZIP_MIN 1024			/* smaller bodies go out as they are */
#define RETRY_AFTER "5"			/* seconds, with every 503 */
#define ALLOW "GET, HEAD, OPTIONS"

typedef struct Request
{
	struct timespec started;
	char	   *uri;			/* the request target as sent */
	char		client[NI_MAXHOST];
	char		method[16];		/* for the log, cut short if longer */
	char		version[16];
	char	   *user;			/* the authenticated user, for the log */
	int			status;			/* 0: MHD answered without us */
	size_t		bytes;			/* body bytes sent */
	bool		seen;			/* the access handler was called */
} Request;

/* What an answer is made of. */
typedef struct Reply
{
	int			status;
	const char *body;
	size_t		len;
	void		(*free_body) (void *);	/* with body_owner, once sent */
	void	   *body_owner;
	const char *content_type;
	const char *location;
	const char *cache_control;
	bool		tagged;			/* ETag, and 304 on If-None-Match */
} Reply;

static int	in_flight;
static bool closing;
static char *vary;
static pthread_once_t vary_once = PTHREAD_ONCE_INIT;

static const char not_found[] = "{\"detail\":\"Not found.\"}";
static const char unavailable[] = "{\"detail\":\"Service temporarily unavailable, try again later.\"}";
static const char server_error[] = "{\"detail\":\"A server error occurred.\"}";
static const char too_long[] = "{\"detail\":\"Request URI too long.\"}";
static const char bad_host[] = "{\"detail\":\"Invalid Host header.\"}";
static const char bad_user[] = "{\"detail\":\"Invalid authentication header.\"}";

int
requests_in_flight(void)
{
	return __atomic_load_n(&in_flight, __ATOMIC_SEQ_CST);
}

/* From now on every answer closes its connection. */
void
requests_closing(void)
{
	__atomic_store_n(&closing, true, __ATOMIC_SEQ_CST);
}

/* Answers differ by these request headers. */
static void
vary_init(void)
{
	const char *user = config.user_header;
	const char *organizations = config.organizations_header;

	if (asprintf(&vary, "Accept, Accept-Encoding%s%s%s%s", user ? ", " : "", user ? user : "",
				 organizations ? ", " : "", organizations ? organizations : "") < 0)
		abort();
}

void *
request_begin(void *cls, const char *uri, struct MHD_Connection *connection)
{
	Request    *req = calloc(1, sizeof(Request));
	const union MHD_ConnectionInfo *info =
		MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

	if (req == NULL || (req->uri = strdup(uri)) == NULL)
		abort();
	clock_gettime(CLOCK_MONOTONIC, &req->started);
	if (info == NULL || getnameinfo(info->client_addr, sizeof(struct sockaddr_in6), req->client,
									sizeof(req->client), NULL, 0, NI_NUMERICHOST) != 0)
		strcpy(req->client, "-");
	__atomic_add_fetch(&in_flight, 1, __ATOMIC_SEQ_CST);
	return req;
}

void
request_done(void *cls, struct MHD_Connection *connection, void **req_cls,
			 enum MHD_RequestTerminationCode toe)
{
	Request    *req = *req_cls;
	struct timespec now;

	if (req == NULL)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	access_log(req->client, req->user, req->method, req->uri, req->version,
			   req->status, req->bytes,
			   (double) (now.tv_sec - req->started.tv_sec) +
			   (now.tv_nsec - req->started.tv_nsec) / 1e9);
	free(req->uri);
	free(req->user);
	free(req);
	*req_cls = NULL;
	__atomic_sub_fetch(&in_flight, 1, __ATOMIC_SEQ_CST);
}

static const char *
header(struct MHD_Connection *connection, const char *name)
{
	return MHD_lookup_connection_value(connection, MHD_HEADER_KIND, name);
}

/*
 * The quality a header like Accept or Accept-Encoding gives to token
 * ("text/html", "gzip"): its q, 1 without one, -1 when it is not listed.
 */
static double
quality(const char *value, const char *token)
{
	size_t		token_len = strlen(token);

	while (value && *value)
	{
		size_t		item_len = strcspn(value, ",");
		size_t		name_len;
		const char *q;

		while (*value == ' ' || *value == '\t')
			value++, item_len--;
		name_len = strcspn(value, " \t;,");
		if (name_len == token_len && strncasecmp(value, token, token_len) == 0)
		{
			q = strstr(value, "q=");
			return q && q < value + item_len ? strtod(q + 2, NULL) : 1.0;
		}
		value += item_len;
		value += *value == ',';
	}
	return -1;
}

/* The request's format parameter (the last one), or NULL. */
static char *
format_of(const char *query)
{
	size_t		len = strlen(query);
	char	   *copy;
	char	   *format = NULL;
	LeQueryParam *params;
	size_t		nparams;
	LeQueryError err;
	const char *value;

	/* Without "%" the name can only be spelt out. */
	if (strstr(query, "format") == NULL && strchr(query, '%') == NULL)
		return NULL;
	copy = strdup(query);
	params = calloc(le_query_max_params(query, len), sizeof(LeQueryParam));
	if (copy == NULL || params == NULL)
		abort();
	if (le_query_decode(copy, len, params, &nparams, &err) == LE_QUERY_OK &&
		(value = le_query_last(params, nparams, "format")) != NULL && *value)
		format = strdup(value);
	free(copy);
	free(params);
	return format;
}

/* Bytes >= 0x80 as %XX: the same bytes to the API's decoders, but valid text. */
static char *
ascii_copy(const char *s, size_t len)
{
	char	   *copy = malloc(3 * len + 1);
	char	   *end = copy;

	if (copy == NULL)
		abort();
	for (size_t i = 0; i < len; i++)
		if ((unsigned char) s[i] >= 0x80)
			end += sprintf(end, "%%%02X", (unsigned char) s[i]);
		else
			*end++ = s[i];
	*end = '\0';
	return copy;
}

/* A header value that may become a setting: UTF-8 without control bytes. */
static bool
valid_text(const char *s)
{
	size_t		len = strlen(s);
	size_t		n;
	uint32_t	cp;
	size_t		bad;

	for (; len > 0; s += n, len -= n)
		if ((n = le_utf8_decode(s, len, &cp, &bad)) == 0 || cp < 0x20 || cp == 0x7f)
			return false;
	return true;
}

static void
clear_result(void *result)
{
	PQclear(result);
}

static void
add_header(struct MHD_Response *response, const char *name, const char *value)
{
	if (value && *value)
		MHD_add_response_header(response, name, value);
}

static enum MHD_Result
send_reply(struct MHD_Connection *connection, Request *req, Reply *reply)
{
	struct MHD_Response *response;
	enum MHD_Result result;
	bool		head = strcmp(req->method, "HEAD") == 0;
	char		tag[ETAG_SIZE] = "";
	char	   *gzipped;
	size_t		gzipped_len;
	double		gzip_q = quality(header(connection, MHD_HTTP_HEADER_ACCEPT_ENCODING), "gzip");
	bool		gzip = reply->len >= GZIP_MIN &&
		(gzip_q > 0 || (gzip_q < 0 && quality(header(connection, MHD_HTTP_HEADER_ACCEPT_ENCODING), "*") > 0));

	if (reply->tagged)
	{
		etag_of(reply->body, reply->len, gzip, tag);
		if (etag_matches(header(connection, MHD_HTTP_HEADER_IF_NONE_MATCH), tag))
		{
			reply->status = MHD_HTTP_NOT_MODIFIED;
			reply->len = 0;
			gzip = false;
		}
	}
	if (gzip && (gzip = gzip_compress(reply->body, reply->len, &gzipped, &gzipped_len)))
	{
		if (reply->free_body)
			reply->free_body(reply->body_owner);
		reply->body = reply->body_owner = gzipped;
		reply->len = gzipped_len;
		reply->free_body = free;
	}
	response = MHD_create_response_from_buffer_with_free_callback_cls(
		reply->len, (void *) reply->body, reply->free_body, reply->body_owner);
	if (reply->len > 0)
		add_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, reply->content_type);
	add_header(response, MHD_HTTP_HEADER_ALLOW, ALLOW);
	add_header(response, MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN, "*");
	add_header(response, MHD_HTTP_HEADER_VARY, vary);
	add_header(response, MHD_HTTP_HEADER_LOCATION, reply->location);
	add_header(response, MHD_HTTP_HEADER_CACHE_CONTROL, reply->cache_control);
	add_header(response, MHD_HTTP_HEADER_ETAG, tag);
	if (gzip)
		add_header(response, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	if (reply->status == MHD_HTTP_SERVICE_UNAVAILABLE)
		add_header(response, MHD_HTTP_HEADER_RETRY_AFTER, RETRY_AFTER);
	if (strncmp(reply->content_type ? reply->content_type : "", "text/html", 9) == 0)
		add_header(response, "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
	if (__atomic_load_n(&closing, __ATOMIC_SEQ_CST))
		add_header(response, MHD_HTTP_HEADER_CONNECTION, "close");
	result = MHD_queue_response(connection, (unsigned int) reply->status, response);
	MHD_destroy_response(response);
	req->status = reply->status;
	req->bytes = head ? 0 : reply->len;
	return result;
}

/* An answer of the front end itself, with a constant JSON body. */
static enum MHD_Result
send_error(struct MHD_Connection *connection, Request *req, int status,
		   const char *body)
{
	Reply		reply = {.status = status, .body = body, .len = strlen(body),
	.content_type = "application/json"};

	if (status >= 500)
		reply.cache_control = "no-store";
	return send_reply(connection, req, &reply);
}

/* 405 with the reference's message, the method JSON-escaped. */
static enum MHD_Result
send_not_allowed(struct MHD_Connection *connection, Request *req, const char *method)
{
	char	   *body;
	size_t		len;
	FILE	   *out = text_stream(&body, &len);
	Reply		reply = {.status = MHD_HTTP_METHOD_NOT_ALLOWED,
	.content_type = "application/json", .free_body = free};

	fputs("{\"detail\":\"Method \\\"", out);
	for (const unsigned char *p = (const unsigned char *) method; *p; p++)
		if (*p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\')
			fprintf(out, "\\u%04x", *p);
		else
			fputc(*p, out);
	fputs("\\\" not allowed.\"}", out);
	fclose(out);
	reply.body = reply.body_owner = body;
	reply.len = len;
	return send_reply(connection, req, &reply);
}

/* CORS preflight (and plain OPTIONS): 204 with what may be asked. */
static enum MHD_Result
send_options(struct MHD_Connection *connection, Request *req)
{
	struct MHD_Response *response = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	const char *asked = header(connection, MHD_HTTP_HEADER_ACCESS_CONTROL_REQUEST_HEADERS);
	enum MHD_Result result;

	add_header(response, MHD_HTTP_HEADER_ALLOW, ALLOW);
	add_header(response, MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN, "*");
	add_header(response, MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_METHODS, ALLOW);
	if (asked && asked[strspn(asked, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_, ")] == '\0')
		add_header(response, MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_HEADERS, asked);
	add_header(response, MHD_HTTP_HEADER_ACCESS_CONTROL_MAX_AGE, "86400");
	result = MHD_queue_response(connection, MHD_HTTP_NO_CONTENT, response);
	MHD_destroy_response(response);
	req->status = MHD_HTTP_NO_CONTENT;
	return result;
}

/*
 * The path linkedevents.get takes: the part after "<prefix>v1/", or for the
 * content API "/v2/content/..." whole (*content set); NULL outside both.
 */
static const char *
api_path(const char *path, size_t len, size_t *rest_len, bool *content)
{
	size_t		prefix_len = strlen(config.prefix);
	const char *rest = path + prefix_len + 2;

	*content = false;
	if (len < prefix_len + 2 || strncmp(path, config.prefix, prefix_len) != 0)
		return NULL;
	if (len >= prefix_len + 11 && strncmp(path + prefix_len, "v2/content/", 11) == 0)
	{
		/* the prefix ends with "/": keep it as the path's leading slash */
		*content = true;
		*rest_len = len - prefix_len + 1;
		return path + prefix_len - 1;
	}
	if (strncmp(path + prefix_len, "v1", 2) != 0)
		return NULL;
	if (rest < path + len && *rest != '/')
		return NULL;			/* /v10/ */
	rest += rest < path + len;
	*rest_len = (size_t) (path + len - rest);
	return rest;
}

/* The answer of linkedevents.get, as JSON or as the HTML page. */
static enum MHD_Result
send_answer(struct MHD_Connection *connection, Request *req, DbAnswer *answer,
			const char *query, bool authenticated, bool content)
{
	char	   *format = format_of(query);
	const char *accept = header(connection, MHD_HTTP_HEADER_ACCEPT);
	bool		html = format ? strcmp(format, "api") == 0 :
		quality(accept, "text/html") > 0 &&
		quality(accept, "text/html") > quality(accept, "application/json");
	Reply		reply = {.status = answer->status, .location = answer->location,
		.body = answer->body ? answer->body : "", .len = answer->body_len,
		.free_body = clear_result, .body_owner = answer->result,
		.tagged = answer->status == MHD_HTTP_OK && !authenticated,
		.content_type = format && strcmp(format, "json-ld") == 0 ?
		"application/ld+json" : "application/json",
	.cache_control = authenticated ? "private, no-store" : config.cache_control};
	enum MHD_Result result;

	/* the content API's errors are RFC 9457 problem details */
	if (content && answer->status >= 400)
		reply.content_type = "application/problem+json";
	if (html && answer->body)
	{
		char	   *line;

		if (asprintf(&line, "%s %s", req->method, req->uri) < 0)
			abort();
		reply.body = reply.body_owner = html_page(line, answer->status, reply.content_type,
												  answer->body, answer->body_len, &reply.len);
		free(line);
		PQclear(answer->result);
		reply.free_body = free;
		reply.content_type = "text/html; charset=utf-8";
	}
	result = send_reply(connection, req, &reply);
	free(format);
	return result;
}

enum MHD_Result
request_handle(void *cls, struct MHD_Connection *connection, const char *url,
			   const char *method, const char *version,
			   const char *upload_data, size_t *upload_data_size,
			   void **req_cls)
{
	Request    *req = *req_cls;
	const char *query;
	const char *rest;
	size_t		path_len,
				rest_len;
	bool		content;
	const char *user = NULL;
	const char *organizations = NULL;
	char	   *base_url;
	char	   *path;
	char	   *query_text;
	DbAnswer	answer;
	DbOutcome	outcome;
	enum MHD_Result result;

	if (!req->seen)
	{
		/* The headers are in: refuse other methods now, without the body. */
		req->seen = true;
		pthread_once(&vary_once, vary_init);
		snprintf(req->method, sizeof(req->method), "%s", method);
		snprintf(req->version, sizeof(req->version), "%s", version);
		if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
			strcmp(method, "OPTIONS") != 0)
			return send_not_allowed(connection, req, method);
		return MHD_YES;
	}
	if (*upload_data_size != 0)
	{
		*upload_data_size = 0;	/* a request body: ignored */
		return MHD_YES;
	}
	/* The whole request is in: answering now keeps the connection open. */
	if (strcmp(method, "OPTIONS") == 0)
		return send_options(connection, req);
	if (strlen(req->uri) > MAX_URI)
		return send_error(connection, req, MHD_HTTP_URI_TOO_LONG, too_long);

	path_len = strcspn(req->uri, "?");
	query = req->uri[path_len] == '?' ? req->uri + path_len + 1 : "";
	if ((rest = api_path(req->uri, path_len, &rest_len, &content)) == NULL)
		return send_error(connection, req, MHD_HTTP_NOT_FOUND, not_found);
	base_url = config.base_url ? strdup(config.base_url) : base_url_of_request(connection);
	if (base_url == NULL)
		return send_error(connection, req, MHD_HTTP_BAD_REQUEST, bad_host);
	if (config.user_header)
		user = header(connection, config.user_header);
	if (config.organizations_header)
		organizations = header(connection, config.organizations_header);
	user = user && *user ? user : NULL;
	organizations = organizations && *organizations ? organizations : NULL;
	if ((user && !valid_text(user)) || (organizations && !valid_text(organizations)))
	{
		free(base_url);
		return send_error(connection, req, MHD_HTTP_BAD_REQUEST, bad_user);
	}
	if (user && (req->user = strdup(user)) == NULL)
		abort();

	path = ascii_copy(rest, rest_len);
	query_text = ascii_copy(query, strlen(query));
	outcome = pool_get(path, query_text, base_url, user, organizations, &answer);
	if (outcome == DB_OK)
		result = send_answer(connection, req, &answer, query, user || organizations, content);
	else
		result = send_error(connection, req,
							outcome == DB_ERROR ? MHD_HTTP_INTERNAL_SERVER_ERROR : MHD_HTTP_SERVICE_UNAVAILABLE,
							outcome == DB_ERROR ? server_error : unavailable);
	free(path);
	free(query_text);
	free(base_url);
	return result;
}
