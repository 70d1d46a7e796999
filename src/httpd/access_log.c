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
append_escaped(FILE *line, const char *s)
{
	if (s == NULL || *s == '\0')
	{
		fputc('-', line);
		return;
	}
	for (; *s; s++)
	{
		unsigned char c = (unsigned char) *s;

		if (c < 0x21 || c >= 0x7f || c == '"' || c == '\\')
			fprintf(line, "\\x%02X", c);
		else
			fputc(c, line);
	}
}

void
access_log(const char *client, const char *user, const char *method,
		   const char *uri, const char *version, int status, size_t bytes,
		   double seconds)
{
	char	   *text;
	size_t		len;
	FILE	   *line = text_stream(&text, &len);
	char		when[40];
	time_t		now = time(NULL);
	struct tm	tm;
	ssize_t		written;

	strftime(when, sizeof(when), "%d/%b/%Y:%H:%M:%S +0000", gmtime_r(&now, &tm));
	fprintf(line, "%s - ", client);
	append_escaped(line, user);
	fprintf(line, " [%s] \"", when);
	append_escaped(line, method);
	fputc(' ', line);
	append_escaped(line, uri);
	fputc(' ', line);
	append_escaped(line, version);
	fprintf(line, "\" %d ", status);
	if (bytes > 0)
		fprintf(line, "%zu", bytes);
	else
		fputc('-', line);
	fprintf(line, " %.6f\n", seconds);
	fclose(line);
	/* a lost log line must not stop the server */
	written = write(STDOUT_FILENO, text, len);
	(void) written;
	free(text);
}
