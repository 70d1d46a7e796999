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

#include "unicode_tables.h"

#define BITS_PER_WORD 64
#define FUZZY_TERM_LENGTH 8		/* terms this long get one edit */

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

static void
term_init(TermMatcher *t, const char *s, int len)
{
	pg_wchar   *cps;
	int			i;

	t->length = decode_folded(s, len, &cps);
	t->fuzzy = t->length >= FUZZY_TERM_LENGTH;
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
	const char *doc = VARDATA_ANY(document);
	int			doc_len = VARSIZE_ANY_EXHDR(document);
	const char *tstr = VARDATA_ANY(terms);
	int			tstr_len = VARSIZE_ANY_EXHDR(terms);
	TermMatcher *active;
	int			nactive = 0;
	const char *p;
	const char *end;
	bool		prev_word = false;
	int			nread = 0;
	int			i;

	/* Work on UTF-8 whatever the database encoding. */
	if (GetDatabaseEncoding() != PG_UTF8)
	{
		doc = pg_server_to_any(doc, doc_len, PG_UTF8);
		doc_len = strlen(doc);
		tstr = pg_server_to_any(tstr, tstr_len, PG_UTF8);
		tstr_len = strlen(tstr);
	}

	/* Comma-separated terms, not trimmed; empty ones count. */
	for (p = tstr; p < tstr + tstr_len; p++)
		if (*p == ',')
			nactive++;
	active = palloc(sizeof(TermMatcher) * (nactive + 1));
	nactive = 0;
	for (p = tstr;; p++)
	{
		const char *comma = memchr(p, ',', tstr + tstr_len - p);
		const char *term_end = comma ? comma : tstr + tstr_len;

		term_init(&active[nactive++], p, term_end - p);
		if (!comma)
			break;
		p = comma;
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
