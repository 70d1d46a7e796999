/*
 * buf.c
 *	  A growable byte buffer, always NUL-terminated.  Out of memory aborts:
 *	  a server that cannot allocate a response has nothing better to do.
 */
#include "httpd.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
buf_reserve(Buf *buf, size_t more)
{
	size_t		need = buf->len + more + 1;

	if (need <= buf->cap)
		return;
	buf->cap = buf->cap ? buf->cap : 256;
	while (buf->cap < need)
		buf->cap *= 2;
	buf->data = realloc(buf->data, buf->cap);
	if (buf->data == NULL)
		abort();
}

void
buf_append(Buf *buf, const char *data, size_t len)
{
	buf_reserve(buf, len);
	memcpy(buf->data + buf->len, data, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
}

void
buf_puts(Buf *buf, const char *s)
{
	buf_append(buf, s, strlen(s));
}

void
buf_printf(Buf *buf, const char *fmt,...)
{
	va_list		args;
	int			n;

	va_start(args, fmt);
	n = vsnprintf(NULL, 0, fmt, args);
	va_end(args);
	if (n < 0)
		abort();
	buf_reserve(buf, (size_t) n);
	va_start(args, fmt);
	vsnprintf(buf->data + buf->len, (size_t) n + 1, fmt, args);
	va_end(args);
	buf->len += (size_t) n;
}
