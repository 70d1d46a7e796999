/*
 * html.c
 *	  The browsable API page (?format=api, or a browser's Accept: text/html),
 *	  like the reference's: the request line, the status and headers, the
 *	  JSON pretty-printed with four spaces (as the reference's renderer does)
 *	  and every URL in it a link, and links to the next and previous pages.
 *	  One self-contained page: inline style, no scripts, no other assets.
 *
 * Everything from the request or the body is HTML-escaped.  Only strings
 * that are http(s) URLs without JSON escapes become links, so no
 * "javascript:" or other scheme can be made clickable.
 */
#include "httpd.h"

#include <stdlib.h>
#include <string.h>

static const char page_head[] =
"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
"<title>Linked Events API</title>\n<style>\n"
"body { font-family: sans-serif; margin: 0; color: #222; }\n"
"header { background: #1a3b6d; color: #fff; padding: 0.6em 1.5em; }\n"
"header h1 { font-size: 1.3em; margin: 0; }\n"
"main { padding: 1em 1.5em; }\n"
"nav a { display: inline-block; margin-right: 1em; padding: 0.3em 0.8em;"
" border: 1px solid #1a3b6d; border-radius: 3px; text-decoration: none; }\n"
"pre { background: #f6f8fa; border: 1px solid #ddd; padding: 0.8em;"
" white-space: pre-wrap; word-break: break-all; }\n"
"a { color: #0b5cad; }\n"
"</style>\n</head>\n<body>\n<header><h1>Linked Events API</h1></header>\n<main>\n";

/* The meta.next and meta.previous URLs of a list page, if any. */
typedef struct PageLinks
{
	const char *next;
	size_t		next_len;
	const char *previous;
	size_t		previous_len;
} PageLinks;

static const char *const entity[256] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#39;",
};

static void
escape(Buf *out, const char *s, size_t len)
{
	size_t		run = 0;

	for (size_t i = 0; i < len; i++)
		if (entity[(unsigned char) s[i]])
		{
			buf_append(out, s + run, i - run);
			buf_puts(out, entity[(unsigned char) s[i]]);
			run = i + 1;
		}
	buf_append(out, s + run, len - run);
}

static bool
is_url(const char *s, size_t len)
{
	return ((len > 7 && strncmp(s, "http://", 7) == 0) ||
			(len > 8 && strncmp(s, "https://", 8) == 0)) &&
		memchr(s, '\\', len) == NULL;
}

/* <a href=url>, labelled with the URL itself unless label is given. */
static void
write_link(Buf *out, const char *url, size_t len, const char *attributes,
		   const char *label)
{
	buf_printf(out, "<a%s href=\"", attributes);
	escape(out, url, len);
	buf_puts(out, "\">");
	if (label)
		buf_puts(out, label);
	else
		escape(out, url, len);
	buf_puts(out, "</a>");
}

static void
newline(Buf *out, int depth)
{
	buf_puts(out, "\n");
	for (int i = 0; i < depth; i++)
		buf_puts(out, "    ");
}

static size_t
skip_space(const char *json, size_t i, size_t len)
{
	while (i < len && (json[i] == ' ' || json[i] == '\t' || json[i] == '\r' || json[i] == '\n'))
		i++;
	return i;
}

static bool
equals(const char *s, size_t len, const char *word)
{
	return len == strlen(word) && memcmp(s, word, len) == 0;
}

/*
 * Writes json[0..len) indented, escaped and linked; remembers the page links.
 * A single pass with a depth counter: no recursion, whatever the nesting.
 */
static void
pretty_print(Buf *out, const char *json, size_t len, PageLinks *links)
{
	int			depth = 0;
	int			meta_depth = -1;	/* depth inside the top "meta" object */
	const char *key = "";		/* the last key seen, without quotes */
	size_t		key_len = 0;

	for (size_t i = 0; i < len; i++)
	{
		char		c = json[i];
		const char *string;
		size_t		string_len,
					j,
					after;

		switch (c)
		{
			case '{':
			case '[':
				j = skip_space(json, i + 1, len);
				if (j < len && json[j] == (c == '{' ? '}' : ']'))
				{
					buf_puts(out, c == '{' ? "{}" : "[]");
					i = j;
					break;
				}
				buf_append(out, &c, 1);
				depth++;
				if (c == '{' && depth == 2 && equals(key, key_len, "meta"))
					meta_depth = depth;
				newline(out, depth);
				break;
			case '}':
			case ']':
				if (depth == meta_depth)
					meta_depth = -1;
				depth -= depth > 0;
				newline(out, depth);
				buf_append(out, &c, 1);
				break;
			case ',':
				buf_puts(out, ",");
				newline(out, depth);
				break;
			case ':':
				buf_puts(out, ": ");
				break;
			case '"':
				/* the string runs to the next unescaped quote (or the end) */
				for (j = i + 1; j < len && json[j] != '"'; j++)
					j += json[j] == '\\';
				j = j < len ? j : len;
				string = json + i + 1;
				string_len = j - i - 1;
				after = skip_space(json, j + 1, len);
				if (after < len && json[after] == ':')
				{
					key = string;
					key_len = string_len;
				}
				else if (depth == meta_depth && equals(key, key_len, "next"))
				{
					links->next = string;
					links->next_len = string_len;
				}
				else if (depth == meta_depth && equals(key, key_len, "previous"))
				{
					links->previous = string;
					links->previous_len = string_len;
				}
				buf_puts(out, "\"");
				if (is_url(string, string_len))
					write_link(out, string, string_len, "", NULL);
				else
					escape(out, string, string_len);
				buf_puts(out, "\"");
				i = j;
				break;
			case ' ':
			case '\t':
			case '\r':
			case '\n':
				break;
			default:
				escape(out, &c, 1);
		}
	}
}

void
html_page(Buf *out, const char *request_line, int status,
		  const char *content_type, const char *json, size_t len)
{
	PageLinks	links = {0};
	Buf			pretty = {0};

	pretty_print(&pretty, json, len, &links);
	buf_puts(out, page_head);
	if (links.previous || links.next)
	{
		buf_puts(out, "<nav>");
		if (links.previous && is_url(links.previous, links.previous_len))
			write_link(out, links.previous, links.previous_len,
					   " id=\"previous\" rel=\"prev\"", "&laquo; previous page");
		if (links.next && is_url(links.next, links.next_len))
			write_link(out, links.next, links.next_len,
					   " id=\"next\" rel=\"next\"", "next page &raquo;");
		buf_puts(out, "</nav>\n");
	}
	buf_puts(out, "<pre class=\"request\"><b>");
	escape(out, request_line, strlen(request_line));
	buf_printf(out, "</b></pre>\n<pre class=\"response\"><b>HTTP %d ", status);
	escape(out, MHD_get_reason_phrase_for((unsigned int) status),
		   strlen(MHD_get_reason_phrase_for((unsigned int) status)));
	buf_puts(out, "</b>\n<b>Allow:</b> GET, HEAD, OPTIONS\n<b>Content-Type:</b> ");
	escape(out, content_type, strlen(content_type));
	buf_puts(out, "\n<b>Vary:</b> Accept\n\n");
	if (pretty.len > 0)
		buf_append(out, pretty.data, pretty.len);
	buf_puts(out, "</pre>\n</main>\n</body>\n</html>\n");
	free(pretty.data);
}
