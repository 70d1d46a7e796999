/*
 * base_url.c
 *	  The API root of a request, when --base-url is not given:
 *	  scheme://host + prefix + "v1/", from the Host header (or, with
 *	  --trust-proxy, X-Forwarded-Proto and X-Forwarded-Host).
 *
 * The host ends up in every URL of the body, so it must be a host name, an
 * IPv4 address or a bracketed IPv6 address with an optional port; anything
 * else makes the request a 400.
 */
#include "httpd.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define DIGITS "0123456789"
#define NAME_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" DIGITS ".-"

/* host[0..len): a name or IPv4 address, or [IPv6], then maybe :port. */
static bool
valid_host(const char *host, size_t len)
{
	size_t		n = host[0] == '[' ? 1 + strspn(host + 1, DIGITS "abcdefABCDEF:.")
		: strspn(host, NAME_CHARS);

	if (len == 0 || len > 255 || n == 0 || n > len)
		return false;
	if (host[0] == '[' && (n == 1 || n == len || host[n++] != ']'))
		return false;
	return n == len ||
		(host[n] == ':' && len - n - 1 >= 1 && len - n - 1 <= 5 &&
		 strspn(host + n + 1, DIGITS) >= len - n - 1);
}

/* The first item of a comma list ("a, b" from proxies in a chain). */
static size_t
first_item(const char *value)
{
	size_t		len = strcspn(value, ",");

	while (len > 0 && (value[len - 1] == ' ' || value[len - 1] == '\t'))
		len--;
	return len;
}

char *
base_url_of_request(struct MHD_Connection *connection)
{
	const char *scheme = "http";
	const char *host = NULL;
	size_t		host_len = 0;
	char	   *url;

	if (config.trust_proxy)
	{
		const char *proto = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
														"X-Forwarded-Proto");
		size_t		len = proto ? first_item(proto) : 0;

		if (len == 5 && strncasecmp(proto, "https", 5) == 0)
			scheme = "https";
		else if (proto && !(len == 4 && strncasecmp(proto, "http", 4) == 0))
			return NULL;
		host = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "X-Forwarded-Host");
		host_len = host ? first_item(host) : 0;
	}
	if (host == NULL)
	{
		host = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
		host_len = host ? strlen(host) : 0;
	}
	if (host == NULL || !valid_host(host, host_len) ||
		asprintf(&url, "%s://%.*s%sv1/", scheme, (int) host_len, host, config.prefix) < 0)
		return NULL;
	return url;
}
