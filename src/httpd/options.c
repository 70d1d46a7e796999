/*
 * options.c
 *	  Command-line flags, each with an environment variable as fallback, and
 *	  --help.  A bad value stops the program before it listens.
 */
#include "httpd.h"

#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

Config		config;

static const char usage[] =
"linkedevents-httpd: serves the Linked Events API of a PostgreSQL database\n"
"with the linkedevents extension: GET /v1/<path>?<query> is answered by\n"
"linkedevents.get(path, query, base_url).\n"
"\n"
"Usage: linkedevents-httpd [OPTION]...\n"
"\n"
"  -l, --listen=HOST:PORT       address to listen on (port 0: any free port)\n"
"                               [LINKEDEVENTS_LISTEN, 127.0.0.1:8080]\n"
"  -d, --db=CONNINFO            libpq connection string or URI\n"
"                               [LINKEDEVENTS_DB; empty: PGHOST, PGDATABASE...]\n"
"  -b, --base-url=URL           public API root for the URLs in answers, e.g.\n"
"                               https://api.example.org/linkedevents/v1/\n"
"                               [LINKEDEVENTS_BASE_URL; default: from Host]\n"
"  -p, --prefix=PATH            path in front of v1/ [LINKEDEVENTS_PREFIX, /]\n"
"      --trust-proxy            build the base URL from X-Forwarded-Proto and\n"
"                               X-Forwarded-Host [LINKEDEVENTS_TRUST_PROXY=1]\n"
"  -t, --threads=N              requests answered at once, each on a database\n"
"                               connection of its own\n"
"                               [LINKEDEVENTS_THREADS, 2 per CPU]\n"
"      --timeout=SECONDS        statement_timeout of a request; over it: 503\n"
"                               [LINKEDEVENTS_TIMEOUT, 20]\n"
"      --cache-control=VALUE    Cache-Control of anonymous answers, \"\" for none\n"
"                               [LINKEDEVENTS_CACHE_CONTROL, public, max-age=60]\n"
"      --user-header=NAME       trust this request header (set by your proxy)\n"
"                               as linkedevents.user_id [LINKEDEVENTS_USER_HEADER]\n"
"      --organizations-header=NAME  likewise for linkedevents.user_organizations\n"
"                               [LINKEDEVENTS_ORGANIZATIONS_HEADER]\n"
"  -h, --help                   this text\n"
"\n"
"An access-log line per request goes to stdout, errors to stderr. SIGTERM or\n"
"SIGINT: requests in flight are finished, then the program exits.\n";

static void
fail(const char *what, const char *value)
{
	fprintf(stderr, "linkedevents-httpd: invalid %s: \"%s\" (see --help)\n",
			what, value);
	exit(2);
}

/* A whole number in [min, max]. */
static int
parse_int(const char *what, const char *value, int min, int max)
{
	char	   *end;
	long		n = strtol(value, &end, 10);

	if (end == value || *end != '\0' || n < min || n > max)
		fail(what, value);
	return (int) n;
}

/* s with a "/" added at the start (when lead) and at the end if missing. */
static const char *
with_slashes(const char *s, bool lead)
{
	char	   *out;
	size_t		len = strlen(s);

	if (asprintf(&out, "%s%s%s", lead && s[0] != '/' ? "/" : "", s,
				 len == 0 || s[len - 1] != '/' ? "/" : "") < 0)
		abort();
	return out;
}

static void
set_option(int option, const char *value)
{
	switch (option)
	{
		case 'l':
			if (strrchr(value, ':') == NULL)
				fail("--listen", value);
			config.listen = value;
			break;
		case 'd':
			config.conninfo = value;
			break;
		case 'b':
			if (strncmp(value, "http://", 7) != 0 && strncmp(value, "https://", 8) != 0)
				fail("--base-url", value);
			config.base_url = with_slashes(value, false);
			break;
		case 'p':
			config.prefix = with_slashes(value, true);
			break;
		case 'P':
			config.trust_proxy = strcmp(value, "") != 0 && strcmp(value, "0") != 0;
			break;
		case 't':
			config.threads = parse_int("--threads", value, 1, 1024);
			break;
		case 'T':
			{
				char	   *end;
				double		seconds = strtod(value, &end);

				if (end == value || *end != '\0' || !(seconds >= 0.001 && seconds <= 86400))
					fail("--timeout", value);
				config.timeout_ms = (int) (seconds * 1000 + 0.5);
				break;
			}
		case 'c':
			if (strpbrk(value, "\r\n") != NULL)
				fail("--cache-control", value);
			config.cache_control = value;
			break;
		case 'u':
			config.user_header = *value ? value : NULL;
			break;
		case 'o':
			config.organizations_header = *value ? value : NULL;
			break;
	}
}

static const struct option options[] = {
	{"listen", required_argument, NULL, 'l'},
	{"db", required_argument, NULL, 'd'},
	{"base-url", required_argument, NULL, 'b'},
	{"prefix", required_argument, NULL, 'p'},
	{"trust-proxy", no_argument, NULL, 'P'},
	{"threads", required_argument, NULL, 't'},
	{"timeout", required_argument, NULL, 'T'},
	{"cache-control", required_argument, NULL, 'c'},
	{"user-header", required_argument, NULL, 'u'},
	{"organizations-header", required_argument, NULL, 'o'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0}
};

void
options_parse(int argc, char **argv)
{
	long		cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int			option;

	config.listen = "127.0.0.1:8080";
	config.conninfo = "";
	config.prefix = "/";
	config.threads = cpus > 0 ? (int) (2 * cpus) : 4;
	config.timeout_ms = 20000;
	config.cache_control = "public, max-age=60";

	/* --base-url falls back to LINKEDEVENTS_BASE_URL, and so on */
	for (const struct option *o = options; o->name && o->val != 'h'; o++)
	{
		char		name[64] = "LINKEDEVENTS_";
		const char *value;

		for (size_t i = 0; o->name[i]; i++)
			name[13 + i] = o->name[i] == '-' ? '_' : (char) toupper(o->name[i]);
		if ((value = getenv(name)) != NULL)
			set_option(o->val, value);
	}
	while ((option = getopt_long(argc, argv, "l:d:b:p:t:h", options, NULL)) != -1)
	{
		if (option == 'h')
		{
			fputs(usage, stdout);
			exit(0);
		}
		if (option == '?')
		{
			fputs("Try \"linkedevents-httpd --help\".\n", stderr);
			exit(2);
		}
		set_option(option, option == 'P' ? "1" : optarg);
	}
	if (optind < argc)
		fail("argument", argv[optind]);
}
