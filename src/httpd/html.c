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

#include <stdio.h>
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
escape(FILE *out, const char *s, size_t len)
{
	size_t		run = 0;

	for (size_t i = 0; i < len; i++)
		if (entity[(unsigned char) s[i]])
		{
			fwrite(s + run, 1, i - run, out);
			fputs(entity[(unsigned char) s[i]], out);
			run = i + 1;
		}
	fwrite(s + run, 1, len - run, out);
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
write_link(FILE *out, const char *url, size_t len, const char *attributes,
		   const char *label)
{
	fprintf(out, "<a%s href=\"", attributes);
	escape(out, url, len);
	fputs("\">", out);
	if (label)
		fputs(label, out);
	else
		escape(out, url, len);
	fputs("</a>", out);
}

static void
newline(FILE *out, int depth)
{
	fputs("\n", out);
	for (int i = 0; i < depth; i++)
		fputs("    ", out);
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
pretty_print(FILE *out, const char *json, size_t len, PageLinks *links)
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
					fputs(c == '{' ? "{}" : "[]", out);
					i = j;
					break;
				}
				fputc(c, out);
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
				fputc(c, out);
				break;
			case ',':
				fputs(",", out);
				newline(out, depth);
				break;
			case ':':
				fputs(": ", out);
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
				fputs("\"", out);
				if (is_url(string, string_len))
					write_link(out, string, string_len, "", NULL);
				else
					escape(out, string, string_len);
				fputs("\"", out);
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

char *
html_page(const char *request_line, int status, const char *content_type,
		  const char *json, size_t len, size_t *page_len)
{
	PageLinks	links = {0};
	char	   *page,
			   *pretty;
	size_t		pretty_len;
	FILE	   *out = text_stream(&pretty, &pretty_len);
	const char *reason = MHD_get_reason_phrase_for((unsigned int) status);

	pretty_print(out, json, len, &links);
	fclose(out);
	out = text_stream(&page, page_len);
	fputs(page_head, out);
	if (links.previous || links.next)
	{
		fputs("<nav>", out);
		if (links.previous && is_url(links.previous, links.previous_len))
			write_link(out, links.previous, links.previous_len,
					   " id=\"previous\" rel=\"prev\"", "&laquo; previous page");
		if (links.next && is_url(links.next, links.next_len))
			write_link(out, links.next, links.next_len,
					   " id=\"next\" rel=\"next\"", "next page &raquo;");
		fputs("</nav>\n", out);
	}
	fputs("<pre class=\"request\"><b>", out);
	escape(out, request_line, strlen(request_line));
	fprintf(out, "</b></pre>\n<pre class=\"response\"><b>HTTP %d ", status);
	escape(out, reason, strlen(reason));
	fputs("</b>\n<b>Allow:</b> GET, HEAD, OPTIONS\n<b>Content-Type:</b> ", out);
	escape(out, content_type, strlen(content_type));
	fputs("\n<b>Vary:</b> Accept\n\n", out);
	fwrite(pretty, 1, pretty_len, out);
	fputs("</pre>\n</main>\n</body>\n</html>\n", out);
	fclose(out);
	free(pretty);
	return page;
}
