/*
 * access_log.c
 *	  One line per request on stdout, in the common log format with the
 *	  duration in seconds appended:
 *
 *	  127.0.0.1 - user [10/Oct/2025:13:55:36 +0000] "GET /v1/event/ HTTP/1.1" 200 2326 0.004213
 *
 * Bytes and control characters that could forge a line or a field are
 * written as \xHH.  The line goes out in one write(), so the lines of
 * concurrent threads never interleave.
 */
#include "httpd.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static void
append_escaped(Buf *line, const char *s)
{
	if (s == NULL || *s == '\0')
	{
		buf_puts(line, "-");
		return;
	}
	for (; *s; s++)
	{
		unsigned char c = (unsigned char) *s;

		if (c < 0x21 || c >= 0x7f || c == '"' || c == '\\')
			buf_printf(line, "\\x%02X", c);
		else
			buf_append(line, s, 1);
	}
}

void
access_log(const char *client, const char *user, const char *method,
		   const char *uri, const char *version, int status, size_t bytes,
		   double seconds)
{
	Buf			line = {0};
	char		when[40];
	time_t		now = time(NULL);
	struct tm	tm;
	ssize_t		written;

	strftime(when, sizeof(when), "%d/%b/%Y:%H:%M:%S +0000", gmtime_r(&now, &tm));
	buf_printf(&line, "%s - ", client);
	append_escaped(&line, user);
	buf_printf(&line, " [%s] \"", when);
	append_escaped(&line, method);
	buf_puts(&line, " ");
	append_escaped(&line, uri);
	buf_puts(&line, " ");
	append_escaped(&line, version);
	buf_printf(&line, "\" %d ", status);
	if (bytes > 0)
		buf_printf(&line, "%zu", bytes);
	else
		buf_puts(&line, "-");
	buf_printf(&line, " %.6f\n", seconds);
	/* a lost log line must not stop the server */
	written = write(STDOUT_FILENO, line.data, line.len);
	(void) written;
	free(line.data);
}
