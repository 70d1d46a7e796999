/*
 * ongoing_match.c
 *	  linkedevents.ongoing_match(document, terms, all_terms): the fuzzy term
 *	  search of the *_ongoing_* event filters (SPEC 1.9, decisions D3, D4).
 *
 * A term matches when, starting at a word boundary of the document, some
 * prefix of the rest of the document is within the term's edit budget of
 * the term: 0 edits for terms under 8 characters, 1 (insertion, deletion or
 * substitution) for longer ones. Matching is case-insensitive under Unicode
 * simple case folding. There is no boundary at the match's end (prefix
 * match), and the match never begins with an inserted character:
 * "amusiikki" does not match "musiikki" (SPEC 1.9). The reference's regex
 * engine refuses that leading insertion only at the very start of its text
 * and allows it after any other boundary ("x amusiikki" matches there); we
 * refuse it everywhere, so a match always begins at the boundary.
 *
 * The document is read once, code point by code point, and every term
 * advances a bit-parallel automaton (Shift-And, with Wu and Manber's extra
 * row for one error) in O(term length / 64) per character: linear in the
 * document for a fixed set of terms, and no regex engine.
 *
 * Automaton of a term of m characters: bit j of `exact` says the term's
 * first j + 1 characters match the document text read since some boundary;
 * `fuzzy` says the same with at most one edit. A match can start only at a
 * boundary, which is fed in as the carry into bit 0 ("start").
 */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "ongoing_match.h"
#include "unicode_tables.h"

#define BITS_PER_WORD 64

typedef struct TermMatcher
{
	int			length;			/* m, in code points */
	bool		fuzzy;			/* one edit allowed */
	int			nwords;			/* words per bit vector */
	int			nchars;			/* distinct folded characters of the term */
	pg_wchar   *chars;			/* those characters, sorted */
	uint64	   *masks;			/* nchars vectors: where each occurs */
	uint64	   *exact;
	uint64	   *edited;
	uint64		top_mask;		/* valid bits of the last word */
} TermMatcher;

/* Is cp in the sorted, disjoint ranges? */
static bool
in_ranges(pg_wchar cp, const UnicodeRange *ranges, int n)
{
	int			lo = 0,
				hi = n - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;

		if (cp < ranges[mid].first)
			hi = mid - 1;
		else if (cp > ranges[mid].last)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/* Letters, marks, decimal and letter numbers, connector punctuation. */
static bool
is_word_char(pg_wchar cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
			(cp >= '0' && cp <= '9') || cp == '_';
	return in_ranges(cp, unicode_word_ranges, unicode_word_nranges);
}

/* Unicode simple case folding. */
static pg_wchar
fold_case(pg_wchar cp)
{
	int			lo = 0,
				hi = unicode_fold_nruns - 1;

	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') ? cp + ('a' - 'A') : cp;
	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		const UnicodeFoldRun *run = &unicode_fold_runs[mid];

		if (cp < run->first)
			hi = mid - 1;
		else if (cp > run->last)
			lo = mid + 1;
		else
			return (cp - run->first) % run->stride == 0 ? cp + run->delta : cp;
	}
	return cp;
}

/* Text of a UTF-8 string as folded code points; returns how many. */
static int
decode_folded(const char *s, int len, pg_wchar **out)
{
	pg_wchar   *cps = palloc(sizeof(pg_wchar) * (len + 1));
	int			n = 0;
	const char *end = s + len;

	while (s < end)
	{
		cps[n++] = fold_case(utf8_to_unicode((const unsigned char *) s));
		s += pg_utf_mblen((const unsigned char *) s);
	}
	*out = cps;
	return n;
}

static int
compare_wchar(const void *a, const void *b)
{
	pg_wchar	x = *(const pg_wchar *) a;
	pg_wchar	y = *(const pg_wchar *) b;

	return (x > y) - (x < y);
}

/*
 * Where the term starting at p ends: at the next comma or at the end. Terms
 * are not trimmed, and empty ones count.
 */
static const char *
term_end(const char *p, const char *end)
{
	const char *comma = memchr(p, ',', end - p);

	return comma ? comma : end;
}

static void
term_init(TermMatcher *t, const char *s, int len)
{
	pg_wchar   *cps;
	int			i;

	t->length = decode_folded(s, len, &cps);
	t->fuzzy = t->length >= ONGOING_FUZZY_TERM_LENGTH;
	t->nwords = Max(1, (t->length + BITS_PER_WORD - 1) / BITS_PER_WORD);
	t->top_mask = (t->length % BITS_PER_WORD == 0) ? ~UINT64CONST(0) :
		(UINT64CONST(1) << (t->length % BITS_PER_WORD)) - 1;

	/* The distinct characters, then one occurrence mask per character. */
	t->chars = palloc(sizeof(pg_wchar) * (t->length + 1));
	memcpy(t->chars, cps, sizeof(pg_wchar) * t->length);
	qsort(t->chars, t->length, sizeof(pg_wchar), compare_wchar);
	t->nchars = 0;
	for (i = 0; i < t->length; i++)
		if (t->nchars == 0 || t->chars[t->nchars - 1] != t->chars[i])
			t->chars[t->nchars++] = t->chars[i];
	t->masks = palloc0(sizeof(uint64) * t->nwords * Max(1, t->nchars));
	for (i = 0; i < t->length; i++)
	{
		pg_wchar   *c = bsearch(&cps[i], t->chars, t->nchars, sizeof(pg_wchar),
								compare_wchar);
		uint64	   *mask = t->masks + (c - t->chars) * t->nwords;

		mask[i / BITS_PER_WORD] |= UINT64CONST(1) << (i % BITS_PER_WORD);
	}
	t->exact = palloc0(sizeof(uint64) * t->nwords);
	t->edited = palloc0(sizeof(uint64) * t->nwords);
	pfree(cps);
}

/*
 * Let a match start here if `start`, close the one-error states over a
 * deletion of the next term character, and say whether the whole term has
 * been matched.
 */
static bool
term_step_boundary(TermMatcher *t, bool start)
{
	int			last = t->nwords - 1;
	uint64		top_bit;

	if (t->length == 0)
		return start;
	top_bit = UINT64CONST(1) << ((t->length - 1) % BITS_PER_WORD);
	if (t->fuzzy)
	{
		uint64		carry = start ? 1 : 0;
		int			w;

		for (w = 0; w < t->nwords; w++)
		{
			uint64		e = t->exact[w];

			t->edited[w] |= e | (e << 1) | carry;
			carry = e >> (BITS_PER_WORD - 1);
		}
		t->edited[last] &= t->top_mask;
		return (t->edited[last] & top_bit) != 0;
	}
	return (t->exact[last] & top_bit) != 0;
}

/* Read one (folded) document character. */
static void
term_step_char(TermMatcher *t, pg_wchar c, bool start)
{
	pg_wchar   *found;
	const uint64 *mask;
	uint64		carry_exact = start ? 1 : 0;
	uint64		carry_edited = carry_exact;
	int			w;

	if (t->length == 0)
		return;
	found = bsearch(&c, t->chars, t->nchars, sizeof(pg_wchar), compare_wchar);
	mask = found ? t->masks + (found - t->chars) * t->nwords : NULL;
	for (w = 0; w < t->nwords; w++)
	{
		uint64		e = t->exact[w];
		uint64		d = t->edited[w];
		uint64		e_shifted = (e << 1) | carry_exact;
		uint64		d_shifted = (d << 1) | carry_edited;
		uint64		m = mask ? mask[w] : 0;

		carry_exact = e >> (BITS_PER_WORD - 1);
		carry_edited = d >> (BITS_PER_WORD - 1);
		t->exact[w] = e_shifted & m;
		if (t->fuzzy)
		{
			/* match | substitution | insertion (never the first character) */
			t->edited[w] = (d_shifted & m) | e_shifted | e;
		}
	}
	t->exact[t->nwords - 1] &= t->top_mask;
	t->edited[t->nwords - 1] &= t->top_mask;
}

/*
 * A string in the server encoding as UTF-8, which the functions here work
 * on whatever the database encoding (the extension assumes UTF-8, README).
 */
static const char *
utf8_of(const char *s, int len, int *utf8_len)
{
	if (GetDatabaseEncoding() == PG_UTF8)
	{
		*utf8_len = len;
		return s;
	}
	s = pg_server_to_any(s, len, PG_UTF8);
	*utf8_len = strlen(s);
	return s;
}

/* Code points as a NUL-terminated string in the server encoding. */
static char *
encode_server(const pg_wchar *cps, int n)
{
	unsigned char *utf8 = palloc((Size) n * MAX_MULTIBYTE_CHAR_LEN + 1);
	unsigned char *q = utf8;
	int			i;

	for (i = 0; i < n; i++)
	{
		unicode_to_utf8(cps[i], q);
		q += pg_utf_mblen(q);
	}
	*q = '\0';
	return pg_any_to_server((char *) utf8, q - utf8, PG_UTF8);
}

PG_FUNCTION_INFO_V1(le_ongoing_fold);

/*
 * ongoing_fold(text): the text under the simple case folding ongoing_match
 * applies. Folding is idempotent and keeps word characters word characters,
 * so ongoing_match answers the same on the folded text.
 */
Datum
le_ongoing_fold(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	int			len;
	const char *s = utf8_of(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &len);
	pg_wchar   *cps;
	int			n = decode_folded(s, len, &cps);

	PG_RETURN_TEXT_P(cstring_to_text(encode_server(cps, n)));
}

/* LIKE pattern: the code points anywhere, with \, % and _ escaped. */
static char *
like_pattern(const pg_wchar *cps, int n)
{
	pg_wchar   *pattern = palloc(sizeof(pg_wchar) * (2 * n + 2));
	int			k = 0;
	int			i;

	pattern[k++] = '%';
	for (i = 0; i < n; i++)
	{
		if (cps[i] == '\\' || cps[i] == '%' || cps[i] == '_')
			pattern[k++] = '\\';
		pattern[k++] = cps[i];
	}
	pattern[k++] = '%';
	return encode_server(pattern, k);
}

/*
 * The prefilter of ongoing_match (ongoing_match.h). A term under 8
 * characters matches exactly, so its folded text occurs in the folded
 * document. A longer term matches within one edit, which touches at most
 * one of its halves: the other occurs intact (pigeonhole).
 */
List *
ongoing_term_patterns(const char *terms)
{
	List	   *groups = NIL;
	int			len;
	const char *s = utf8_of(terms, strlen(terms), &len);
	const char *p;
	const char *end;

	for (p = s;; p = end + 1)
	{
		pg_wchar   *cps;
		int			n;

		end = term_end(p, s + len);
		n = decode_folded(p, end - p, &cps);
		if (n < ONGOING_FUZZY_TERM_LENGTH)
			groups = lappend(groups, list_make1(like_pattern(cps, n)));
		else
			groups = lappend(groups, list_make2(like_pattern(cps, n / 2),
												like_pattern(cps + n / 2, n - n / 2)));
		pfree(cps);
		if (end == s + len)
			break;
	}
	return groups;
}

PG_FUNCTION_INFO_V1(le_ongoing_match);

/*
 * ongoing_match(document, terms, all_terms): do any (all_terms false) or all
 * (true) of the comma-separated terms match the document?
 */
Datum
le_ongoing_match(PG_FUNCTION_ARGS)
{
	text	   *document = PG_GETARG_TEXT_PP(0);
	text	   *terms = PG_GETARG_TEXT_PP(1);
	bool		all_terms = PG_GETARG_BOOL(2);
	int			doc_len;
	const char *doc = utf8_of(VARDATA_ANY(document), VARSIZE_ANY_EXHDR(document), &doc_len);
	int			tstr_len;
	const char *tstr = utf8_of(VARDATA_ANY(terms), VARSIZE_ANY_EXHDR(terms), &tstr_len);
	TermMatcher *active;
	int			nactive = 0;
	const char *p;
	const char *end;
	bool		prev_word = false;
	int			nread = 0;
	int			i;

	/* One matcher per term. */
	for (p = tstr; p < tstr + tstr_len; p++)
		if (*p == ',')
			nactive++;
	active = palloc(sizeof(TermMatcher) * (nactive + 1));
	nactive = 0;
	for (p = tstr;; p = end + 1)
	{
		end = term_end(p, tstr + tstr_len);
		term_init(&active[nactive++], p, end - p);
		if (end == tstr + tstr_len)
			break;
	}

	/*
	 * Walk the document. Before each character, and after the last, see if
	 * that position is a word boundary; a matched term leaves the active
	 * set, which decides the answer as soon as it can.
	 */
	end = doc + doc_len;
	for (p = doc;; p += pg_utf_mblen((const unsigned char *) p))
	{
		bool		at_end = p >= end;
		pg_wchar	cp = at_end ? 0 : utf8_to_unicode((const unsigned char *) p);
		bool		word = !at_end && is_word_char(cp);
		bool		boundary = word != prev_word;

		for (i = 0; i < nactive;)
		{
			if (term_step_boundary(&active[i], boundary))
			{
				if (!all_terms)
					PG_RETURN_BOOL(true);
				active[i] = active[--nactive];
				continue;
			}
			i++;
		}
		if (nactive == 0)
			PG_RETURN_BOOL(true);
		if (at_end)
			break;

		cp = fold_case(cp);
		for (i = 0; i < nactive; i++)
			term_step_char(&active[i], cp, boundary);
		prev_word = word;
		if (++nread % 65536 == 0)
			CHECK_FOR_INTERRUPTS();
	}
	PG_RETURN_BOOL(false);
}
