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
 * The document is folded first, in one pass that copies nothing when the
 * text is folded already (event_search.ongoing_doc is stored folded), and
 * every term is then looked for in the folded UTF-8 bytes by a substring
 * search (sixteen bytes at a time), which skips through text instead of
 * reading it character by character:
 *
 * - A term under 8 characters matches exactly: a match is an occurrence of
 *   its folded bytes at a word boundary.
 * - A longer term matches within one edit, which leaves one of its halves
 *   intact (pigeonhole). When neither half occurs the term cannot match;
 *   otherwise a match starts at an occurrence of the first half, or the
 *   first half's length before an occurrence of the second, give or take
 *   one character (deletion, insertion). A bit-parallel automaton
 *   (Shift-And, with Wu and Manber's extra row for one error) reads the
 *   document only from those starts until its partial matches die out.
 *   Terms over 64 characters, where each occurrence of a half would cost
 *   as much as the half is long, run the automaton over the whole document
 *   once a half occurs.
 *
 * Each term stops at its first match, and the terms stop as soon as the
 * OR or AND answer is known. The parsed terms are kept for the next call
 * with the same terms (a query calls with one value for every row).
 *
 * Automaton of a term of m characters: bit j of `exact` says the term's
 * first j + 1 characters match the document text read since some allowed
 * start; `edited` says the same with at most one edit. A match can start
 * only at a boundary, which is fed in as the carry into bit 0 ("start").
 */
#include "postgres.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "port/pg_bitutils.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "ongoing_match.h"
#include "unicode_tables.h"

#define BITS_PER_WORD 64

/* Longest term whose matches are looked for near its halves' occurrences. */
#define WINDOWED_MAX_LENGTH 64

/* Bytes, or characters, read between interrupt checks. */
#define CHECK_INTERVAL (1 << 20)

/* A folded-document buffer larger than this is not kept between calls. */
#define KEPT_BUFFER_SIZE (64 * 1024)

#define NOT_FOUND SIZE_MAX

/* A fuzzy term's automaton over its m folded characters. */
typedef struct Automaton
{
	int			nwords;			/* words per bit vector */
	uint64		top_mask;		/* valid bits of the last word */
	uint64		top_bit;		/* the last character's bit in it */
	int			nchars;			/* distinct characters of the term */
	pg_wchar   *chars;			/* those characters, sorted */
	uint64	   *masks;			/* nchars vectors: where each occurs */
	int16		ascii_slot[128];	/* index into chars, or -1 */
	uint64	   *exact;
	uint64	   *edited;
} Automaton;

typedef struct OngoingTerm
{
	int			length;			/* in code points, after folding */
	const char *text;			/* folded, UTF-8, not terminated */
	size_t		nbytes;
	bool		starts_word;	/* is the first character a word character */
	/* terms of ONGOING_FUZZY_TERM_LENGTH or more characters */
	bool		fuzzy;
	int			head_length;	/* characters of the first half */
	size_t		head_bytes;		/* its bytes; the second half follows */
	Automaton	automaton;
} OngoingTerm;

/* Room for a folded copy of a document. */
typedef struct FoldBuffer
{
	MemoryContext cxt;
	char	   *data;
	size_t		size;
} FoldBuffer;

/* What one call keeps for the next (fn_extra). */
typedef struct MatchCache
{
	MemoryContext terms_cxt;	/* the terms; reset when they change */
	char	   *key;			/* the terms argument they were made from */
	int			key_len;
	int			nterms;
	OngoingTerm *terms;
	FoldBuffer	buffer;
} MatchCache;

/* Where the automaton reads the document from, and what it may start. */
typedef struct Run
{
	size_t		pos;			/* next position to read */
	size_t		allow_to;		/* matches may start at boundaries up to here */
	bool		prev_word;		/* the character before pos is a word character */
} Run;

typedef enum RunResult
{
	RUN_MATCHED,				/* the term matched */
	RUN_IDLE,					/* nothing alive and nothing more may start */
	RUN_REACHED					/* read up to the position asked for */
} RunResult;

/*
 * Character classes. Code points below U+0800 (one and two bytes of UTF-8:
 * Latin, Greek, Cyrillic and more) are looked up in tables made on first
 * use; the rest binary-search the generated ranges.
 */
#define LOW_LIMIT 0x800

static uint16 low_fold[LOW_LIMIT];	/* they fold below U+10000 */
static uint8 low_word[LOW_LIMIT / 8];
static bool low_tables_ready = false;

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

/* Unicode simple case folding, from the generated runs. */
static pg_wchar
fold_by_runs(pg_wchar cp)
{
	int			lo = 0,
				hi = unicode_fold_nruns - 1;

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

static void
init_low_tables(void)
{
	pg_wchar	cp;

	for (cp = 0; cp < LOW_LIMIT; cp++)
	{
		pg_wchar	folded = fold_by_runs(cp);

		Assert(folded <= PG_UINT16_MAX);
		low_fold[cp] = (uint16) folded;
		if (in_ranges(cp, unicode_word_ranges, unicode_word_nranges))
			low_word[cp / 8] |= 1 << (cp % 8);
	}
	low_tables_ready = true;
}

/* Letters, marks, decimal and letter numbers, connector punctuation. */
static inline bool
is_word_char(pg_wchar cp)
{
	if (cp < LOW_LIMIT)
	{
		if (unlikely(!low_tables_ready))
			init_low_tables();
		return (low_word[cp / 8] >> (cp % 8)) & 1;
	}
	return in_ranges(cp, unicode_word_ranges, unicode_word_nranges);
}

/* Unicode simple case folding. */
static inline pg_wchar
fold_case(pg_wchar cp)
{
	if (cp < LOW_LIMIT)
	{
		if (unlikely(!low_tables_ready))
			init_low_tables();
		return low_fold[cp];
	}
	return fold_by_runs(cp);
}

/* The code point of valid UTF-8 at p, and its length in bytes. */
static inline pg_wchar
utf8_decode(const unsigned char *p, int *len)
{
	if (p[0] < 0x80)
	{
		*len = 1;
		return p[0];
	}
	if (p[0] < 0xE0)
	{
		*len = 2;
		return ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
	}
	if (p[0] < 0xF0)
	{
		*len = 3;
		return ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	}
	*len = 4;
	return ((p[0] & 0x07) << 18) | ((p[1] & 0x3F) << 12) |
		((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/* Writes cp as UTF-8; returns its length in bytes. */
static inline int
utf8_encode(pg_wchar cp, unsigned char *out)
{
	if (cp < 0x80)
	{
		out[0] = cp;
		return 1;
	}
	if (cp < 0x800)
	{
		out[0] = 0xC0 | (cp >> 6);
		out[1] = 0x80 | (cp & 0x3F);
		return 2;
	}
	if (cp < 0x10000)
	{
		out[0] = 0xE0 | (cp >> 12);
		out[1] = 0x80 | ((cp >> 6) & 0x3F);
		out[2] = 0x80 | (cp & 0x3F);
		return 3;
	}
	out[0] = 0xF0 | (cp >> 18);
	out[1] = 0x80 | ((cp >> 12) & 0x3F);
	out[2] = 0x80 | ((cp >> 6) & 0x3F);
	out[3] = 0x80 | (cp & 0x3F);
	return 4;
}

/* Is the character before byte pos of valid UTF-8 a word character? */
static bool
word_before(const char *s, size_t pos)
{
	int			len;

	if (pos == 0)
		return false;
	do
		pos--;
	while (pos > 0 && ((unsigned char) s[pos] & 0xC0) == 0x80);
	return is_word_char(utf8_decode((const unsigned char *) s + pos, &len));
}

/* Text of a UTF-8 string as folded code points; returns how many. */
static int
decode_folded(const char *s, int len, pg_wchar **out)
{
	pg_wchar   *cps = palloc(sizeof(pg_wchar) * (len + 1));
	const unsigned char *p = (const unsigned char *) s;
	const unsigned char *end = p + len;
	int			n = 0;

	while (p < end)
	{
		int			cp_len;

		cps[n++] = fold_case(utf8_decode(p, &cp_len));
		p += cp_len;
	}
	*out = cps;
	return n;
}

/*
 * Document folding. With SSE2 (every x86-64), sixteen bytes at a time while
 * they are ASCII; elsewhere a character at a time.
 */
static inline unsigned char
ascii_fold(unsigned char c)
{
	return c + (((unsigned) (c - 'A') < 26) << 5);
}

#ifdef __SSE2__
/* Bytes 'A'..'Z' of v (signed: bytes of 0x80 and more are below 'A'). */
static inline __m128i
sse2_upper(__m128i v)
{
	return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
						 _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
}
#endif

/*
 * The first character from p on, before end, that folding changes; or,
 * when there is none, where the first character at or after end starts.
 */
static const unsigned char *
first_to_fold(const unsigned char *p, const unsigned char *end)
{
	while (p < end)
	{
		int			cp_len;
		pg_wchar	cp;

#ifdef __SSE2__
		if (end - p >= 16)
		{
			__m128i		v = _mm_loadu_si128((const __m128i *) p);
			uint32		stops = _mm_movemask_epi8(_mm_or_si128(v, sse2_upper(v)));

			if (stops == 0)
			{
				p += 16;
				continue;
			}
			p += pg_rightmost_one_pos32(stops);
		}
#endif
		if (*p < 0x80)
		{
			if (ascii_fold(*p) != *p)
				return p;
			p++;
			continue;
		}
		cp = utf8_decode(p, &cp_len);
		if (fold_case(cp) != cp)
			return p;
		p += cp_len;
	}
	return p;
}

/*
 * Writes the characters from *p on that start before end folded to out;
 * moves *p past them and returns the end of what it wrote.
 */
static unsigned char *
fold_into(const unsigned char **pp, const unsigned char *end, unsigned char *out)
{
	const unsigned char *p = *pp;

	while (p < end)
	{
		int			cp_len;

#ifdef __SSE2__
		if (end - p >= 16)
		{
			__m128i		v = _mm_loadu_si128((const __m128i *) p);
			uint32		high = _mm_movemask_epi8(v);
			int			ascii = high ? pg_rightmost_one_pos32(high) : 16;

			/* all 16, folded; what follows the ASCII is overwritten */
			_mm_storeu_si128((__m128i *) out,
							 _mm_add_epi8(v, _mm_and_si128(sse2_upper(v), _mm_set1_epi8(0x20))));
			p += ascii;
			out += ascii;
			if (ascii == 16)
				continue;
		}
#endif
		if (*p < 0x80)
			*out++ = ascii_fold(*p++);
		else
		{
			out += utf8_encode(fold_case(utf8_decode(p, &cp_len)), out);
			p += cp_len;
		}
	}
	*pp = p;
	return out;
}

/*
 * The UTF-8 text s under simple case folding: s itself when folding
 * changes nothing, else a copy in buf. A character grows by at most half
 * under folding (U+023A, two bytes, folds to U+2C65, three); the copy has
 * room for sixteen bytes more.
 */
static const char *
fold_document(FoldBuffer *buf, const char *s, size_t len, size_t *folded_len)
{
	const unsigned char *p = (const unsigned char *) s;
	const unsigned char *end = p + len;
	size_t		need = len + len / 2 + 16;
	unsigned char *out;

	while (p < end)
	{
		const unsigned char *slice_end = end - p > CHECK_INTERVAL ? p + CHECK_INTERVAL : end;

		p = first_to_fold(p, slice_end);
		if (p < slice_end)
			break;
		CHECK_FOR_INTERRUPTS();
	}
	if (p >= end)
	{
		*folded_len = len;
		return s;
	}
	if (buf->size < need)
	{
		if (buf->data)
			pfree(buf->data);
		buf->data = MemoryContextAllocHuge(buf->cxt, need);
		buf->size = need;
	}
	memcpy(buf->data, s, (const char *) p - s);
	out = (unsigned char *) buf->data + ((const char *) p - s);
	while (p < end)
	{
		const unsigned char *slice_end = end - p > CHECK_INTERVAL ? p + CHECK_INTERVAL : end;

		out = fold_into(&p, slice_end, out);
		CHECK_FOR_INTERRUPTS();
	}
	*folded_len = (char *) out - buf->data;
	return buf->data;
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

/* The automaton of the m >= 1 folded characters cps. */
static void
automaton_init(Automaton *a, const pg_wchar *cps, int m)
{
	int			i;

	a->nwords = (m + BITS_PER_WORD - 1) / BITS_PER_WORD;
	a->top_mask = (m % BITS_PER_WORD == 0) ? ~UINT64CONST(0) :
		(UINT64CONST(1) << (m % BITS_PER_WORD)) - 1;
	a->top_bit = UINT64CONST(1) << ((m - 1) % BITS_PER_WORD);

	/* The distinct characters, then one occurrence mask per character. */
	a->chars = palloc(sizeof(pg_wchar) * m);
	memcpy(a->chars, cps, sizeof(pg_wchar) * m);
	qsort(a->chars, m, sizeof(pg_wchar), compare_wchar);
	a->nchars = 0;
	for (i = 0; i < m; i++)
		if (a->nchars == 0 || a->chars[a->nchars - 1] != a->chars[i])
			a->chars[a->nchars++] = a->chars[i];
	a->masks = palloc0(sizeof(uint64) * a->nwords * a->nchars);
	memset(a->ascii_slot, -1, sizeof(a->ascii_slot));
	for (i = 0; i < a->nchars; i++)
		if (a->chars[i] < lengthof(a->ascii_slot))
			a->ascii_slot[a->chars[i]] = i;
	for (i = 0; i < m; i++)
	{
		pg_wchar   *c = bsearch(&cps[i], a->chars, a->nchars, sizeof(pg_wchar),
								compare_wchar);
		uint64	   *mask = a->masks + (c - a->chars) * a->nwords;

		mask[i / BITS_PER_WORD] |= UINT64CONST(1) << (i % BITS_PER_WORD);
	}
	a->exact = palloc0(sizeof(uint64) * a->nwords);
	a->edited = palloc0(sizeof(uint64) * a->nwords);
}

static void
term_init(OngoingTerm *t, const char *s, int len)
{
	pg_wchar   *cps;
	unsigned char *text;
	unsigned char *q;
	int			i;

	t->length = decode_folded(s, len, &cps);
	text = q = palloc((Size) t->length * MAX_MULTIBYTE_CHAR_LEN + 1);
	t->head_length = t->length / 2;
	for (i = 0; i < t->length; i++)
	{
		if (i == t->head_length)
			t->head_bytes = q - text;
		q += utf8_encode(cps[i], q);
	}
	t->text = (const char *) text;
	t->nbytes = q - text;
	t->starts_word = t->length > 0 && is_word_char(cps[0]);
	t->fuzzy = t->length >= ONGOING_FUZZY_TERM_LENGTH;
	if (t->fuzzy)
		automaton_init(&t->automaton, cps, t->length);
	pfree(cps);
}

/* The terms of the call, parsed now or kept from the last call. */
static MatchCache *
terms_of_call(FunctionCallInfo fcinfo, text *terms)
{
	MatchCache *cache = fcinfo->flinfo->fn_extra;
	const char *key = VARDATA_ANY(terms);
	int			key_len = VARSIZE_ANY_EXHDR(terms);
	MemoryContext old;
	int			len;
	const char *s;
	const char *p;
	const char *end;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(MatchCache));
		cache->terms_cxt = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt,
												 "ongoing_match terms",
												 ALLOCSET_SMALL_SIZES);
		cache->buffer.cxt = fcinfo->flinfo->fn_mcxt;
		cache->key_len = -1;
		fcinfo->flinfo->fn_extra = cache;
	}
	else if (cache->key_len == key_len && memcmp(cache->key, key, key_len) == 0)
		return cache;

	MemoryContextReset(cache->terms_cxt);
	old = MemoryContextSwitchTo(cache->terms_cxt);
	cache->key = palloc(key_len + 1);
	memcpy(cache->key, key, key_len);
	cache->key_len = key_len;
	s = utf8_of(key, key_len, &len);
	cache->nterms = 1;
	for (p = s; p < s + len; p++)
		if (*p == ',')
			cache->nterms++;
	cache->terms = palloc(sizeof(OngoingTerm) * cache->nterms);
	for (p = s, cache->nterms = 0;; p = end + 1)
	{
		end = term_end(p, s + len);
		term_init(&cache->terms[cache->nterms++], p, end - p);
		if (end == s + len)
			break;
	}
	MemoryContextSwitchTo(old);
	return cache;
}

/*
 * The first occurrence of needle (not empty) in s[from, len), or
 * NOT_FOUND. With SSE2, needles of up to SIMD_NEEDLE_MAX bytes (every term
 * this file looks for over and over: the halves of terms of up to
 * WINDOWED_MAX_LENGTH characters) are compared where their first and last
 * bytes match, sixteen positions at a time; longer ones are found by
 * memmem, linear whatever the text, over slices. The interrupt check on
 * entry is also the one of the loops over occurrences.
 */
#define SIMD_NEEDLE_MAX (WINDOWED_MAX_LENGTH / 2 * MAX_MULTIBYTE_CHAR_LEN)

static size_t
find_bytes(const char *s, size_t len, size_t from, const char *needle, size_t nlen)
{
	const char *p;
	const char *end = s + len;

	CHECK_FOR_INTERRUPTS();
	if (from > len || len - from < nlen)
		return NOT_FOUND;
	p = s + from;
	if (nlen == 1)
	{
		p = memchr(p, needle[0], end - p);
		return p ? p - s : NOT_FOUND;
	}
#ifdef __SSE2__
	if (nlen <= SIMD_NEEDLE_MAX)
	{
		const __m128i first = _mm_set1_epi8(needle[0]);
		const __m128i last = _mm_set1_epi8(needle[nlen - 1]);
		uint32		nblocks = 0;

		while ((size_t) (end - p) >= nlen + 15)
		{
			__m128i		at_first = _mm_loadu_si128((const __m128i *) p);
			__m128i		at_last = _mm_loadu_si128((const __m128i *) (p + nlen - 1));
			uint32		candidates = _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(at_first, first),
																	 _mm_cmpeq_epi8(at_last, last)));

			while (candidates != 0)
			{
				int			i = pg_rightmost_one_pos32(candidates);

				if (memcmp(p + i + 1, needle + 1, nlen - 2) == 0)
					return p + i - s;
				candidates &= candidates - 1;
			}
			p += 16;
			if (++nblocks % (CHECK_INTERVAL / 16) == 0)
				CHECK_FOR_INTERRUPTS();
		}
		for (; (size_t) (end - p) >= nlen; p++)
			if (p[0] == needle[0] && memcmp(p + 1, needle + 1, nlen - 1) == 0)
				return p - s;
		return NOT_FOUND;
	}
#endif
	while ((size_t) (end - p) >= nlen)
	{
		size_t		span = Min((size_t) (end - p), CHECK_INTERVAL + nlen - 1);
		const char *hit = memmem(p, span, needle, nlen);

		if (hit != NULL)
			return hit - s;
		p += span - nlen + 1;
		CHECK_FOR_INTERRUPTS();
	}
	return NOT_FOUND;
}

/* Has the folded document s a word character (the empty term's match)? */
static bool
has_word_char(const char *s, size_t len)
{
	size_t		pos = 0;
	uint32		nread = 0;

	while (pos < len)
	{
		int			cp_len;

		if (is_word_char(utf8_decode((const unsigned char *) s + pos, &cp_len)))
			return true;
		pos += cp_len;
		if (++nread % CHECK_INTERVAL == 0)
			CHECK_FOR_INTERRUPTS();
	}
	return false;
}

/* Does a term under 8 characters occur at a word boundary of s? */
static bool
exact_term_found(const OngoingTerm *t, const char *s, size_t len)
{
	size_t		pos = 0;

	if (t->length == 0)
		return has_word_char(s, len);
	while ((pos = find_bytes(s, len, pos, t->text, t->nbytes)) != NOT_FOUND)
	{
		if (word_before(s, pos) != t->starts_word)
			return true;
		pos++;
	}
	return false;
}

/* The occurrence vector of folded character c, or NULL if not in the term. */
static inline const uint64 *
automaton_mask(const Automaton *a, pg_wchar c)
{
	int			slot;

	if (c < lengthof(a->ascii_slot))
		slot = a->ascii_slot[c];
	else
	{
		pg_wchar   *found = bsearch(&c, a->chars, a->nchars, sizeof(pg_wchar),
									compare_wchar);

		slot = found ? found - a->chars : -1;
	}
	return slot < 0 ? NULL : a->masks + slot * a->nwords;
}

/*
 * At a position: let a match start here if `start`, close the one-error
 * states over a deletion of the next term character, and say whether the
 * whole term has been matched.
 */
static inline bool
automaton_close(Automaton *a, bool start)
{
	uint64		carry = start ? 1 : 0;
	int			w;

	for (w = 0; w < a->nwords; w++)
	{
		uint64		e = a->exact[w];

		a->edited[w] |= e | (e << 1) | carry;
		carry = e >> (BITS_PER_WORD - 1);
	}
	a->edited[a->nwords - 1] &= a->top_mask;
	return (a->edited[a->nwords - 1] & a->top_bit) != 0;
}

/* Read one folded document character. */
static inline void
automaton_read(Automaton *a, pg_wchar c, bool start)
{
	const uint64 *mask = automaton_mask(a, c);
	uint64		carry_exact = start ? 1 : 0;
	uint64		carry_edited = carry_exact;
	int			w;

	for (w = 0; w < a->nwords; w++)
	{
		uint64		e = a->exact[w];
		uint64		d = a->edited[w];
		uint64		e_shifted = (e << 1) | carry_exact;
		uint64		d_shifted = (d << 1) | carry_edited;
		uint64		m = mask ? mask[w] : 0;

		carry_exact = e >> (BITS_PER_WORD - 1);
		carry_edited = d >> (BITS_PER_WORD - 1);
		a->exact[w] = e_shifted & m;
		/* match | substitution | insertion (never the first character) */
		a->edited[w] = (d_shifted & m) | e_shifted | e;
	}
	a->exact[a->nwords - 1] &= a->top_mask;
	a->edited[a->nwords - 1] &= a->top_mask;
}

/* No partial match alive? (`exact` is always within `edited`.) */
static inline bool
automaton_idle(const Automaton *a)
{
	int			w;

	for (w = 0; w < a->nwords; w++)
		if (a->edited[w] != 0)
			return false;
	return true;
}

/* Start reading at pos, with nothing alive, allowing starts up to allow_to. */
static void
run_start(Run *run, Automaton *a, const char *s, size_t pos, size_t allow_to)
{
	memset(a->exact, 0, sizeof(uint64) * a->nwords);
	memset(a->edited, 0, sizeof(uint64) * a->nwords);
	run->pos = pos;
	run->allow_to = allow_to;
	run->prev_word = word_before(s, pos);
}

/*
 * Read the folded document s from run->pos, before each character and
 * after the last looking whether that position is a boundary, up to the
 * position `until` (NOT_FOUND: to the end), until the term matches, or
 * until nothing is alive past the allowed starts.
 */
static RunResult
run_until(Run *run, Automaton *a, const char *s, size_t len, size_t until)
{
	size_t		pos = run->pos;
	bool		prev_word = run->prev_word;
	uint32		nread = 0;
	RunResult	result;

	for (;;)
	{
		bool		at_end = pos >= len;
		pg_wchar	cp = 0;
		int			cp_len = 0;
		bool		word;
		bool		start;

		if (pos > run->allow_to && automaton_idle(a))
		{
			result = RUN_IDLE;
			break;
		}
		if (pos >= until)
		{
			result = RUN_REACHED;
			break;
		}
		if (!at_end)
			cp = utf8_decode((const unsigned char *) s + pos, &cp_len);
		word = !at_end && is_word_char(cp);
		start = word != prev_word && pos <= run->allow_to;
		if (automaton_close(a, start))
		{
			result = RUN_MATCHED;
			break;
		}
		if (at_end)
		{
			result = RUN_IDLE;
			break;
		}
		automaton_read(a, cp, start);
		prev_word = word;
		pos += cp_len;
		if (++nread % CHECK_INTERVAL == 0)
			CHECK_FOR_INTERRUPTS();
	}
	run->pos = pos;
	run->prev_word = prev_word;
	return result;
}

/*
 * The first occurrence of a fuzzy term's second half at or after `from`
 * that a match can end in, or NOT_FOUND; sets [*lo, *hi] to the
 * positions where that match can start: head_length characters before it,
 * give or take one.
 */
static size_t
tail_occurrence(const OngoingTerm *t, const char *s, size_t len, size_t from,
				size_t *lo, size_t *hi)
{
	const char *tail = t->text + t->head_bytes;
	size_t		tail_bytes = t->nbytes - t->head_bytes;
	size_t		pos;

	while ((pos = find_bytes(s, len, from, tail, tail_bytes)) != NOT_FOUND)
	{
		size_t		start = pos;
		int			back = 0;

		while (start > 0 && back < t->head_length + 1)
		{
			do
				start--;
			while (start > 0 && ((unsigned char) s[start] & 0xC0) == 0x80);
			if (++back == t->head_length - 1)
				*hi = start;
		}
		if (back >= t->head_length - 1)
		{
			*lo = start;
			return pos;
		}
		from = pos + 1;
	}
	return NOT_FOUND;
}

/*
 * Does a term of 8 or more characters match the folded document s? The
 * automaton reads from the starts near occurrences of the term's halves
 * (the top of the file), in order, merging stretches that overlap.
 */
static bool
fuzzy_term_found(OngoingTerm *t, const char *s, size_t len)
{
	Automaton  *a = &t->automaton;
	size_t		head = find_bytes(s, len, 0, t->text, t->head_bytes);
	size_t		tail_lo = 0;
	size_t		tail_hi = 0;
	size_t		tail = tail_occurrence(t, s, len, 0, &tail_lo, &tail_hi);
	Run			run;
	bool		running = false;

	if (head == NOT_FOUND && tail == NOT_FOUND)
		return false;
	if (t->length > WINDOWED_MAX_LENGTH)
	{
		run_start(&run, a, s, 0, len);
		return run_until(&run, a, s, len, NOT_FOUND) == RUN_MATCHED;
	}
	while (head != NOT_FOUND || tail != NOT_FOUND)
	{
		size_t		lo;
		size_t		hi;

		if (tail == NOT_FOUND || (head != NOT_FOUND && head <= tail_lo))
		{
			lo = hi = head;
			head = find_bytes(s, len, head + 1, t->text, t->head_bytes);
			/* the first half's match starts at it: a boundary? */
			if (word_before(s, lo) == t->starts_word)
				continue;
		}
		else
		{
			lo = tail_lo;
			hi = tail_hi;
			tail = tail_occurrence(t, s, len, tail + 1, &tail_lo, &tail_hi);
		}
		if (running)
		{
			RunResult	result = run_until(&run, a, s, len, lo);

			if (result == RUN_MATCHED)
				return true;
			if (result == RUN_REACHED)
			{
				run.allow_to = Max(run.allow_to, hi);
				continue;
			}
		}
		run_start(&run, a, s, lo, hi);
		running = true;
	}
	return running && run_until(&run, a, s, len, NOT_FOUND) == RUN_MATCHED;
}

/* Does the term match the folded document s? */
static bool
term_found(OngoingTerm *t, const char *s, size_t len)
{
	return t->fuzzy ? fuzzy_term_found(t, s, len) : exact_term_found(t, s, len);
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
	FoldBuffer	buf = {CurrentMemoryContext, NULL, 0};
	size_t		folded_len;
	const char *folded = fold_document(&buf, s, len, &folded_len);
	const char *server = pg_any_to_server(folded, folded_len, PG_UTF8);

	PG_RETURN_TEXT_P(server == folded ? cstring_to_text_with_len(folded, folded_len) :
					 cstring_to_text(server));
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
	MatchCache *cache = terms_of_call(fcinfo, PG_GETARG_TEXT_PP(1));
	bool		all_terms = PG_GETARG_BOOL(2);
	int			doc_len;
	const char *doc = utf8_of(VARDATA_ANY(document), VARSIZE_ANY_EXHDR(document), &doc_len);
	size_t		len;
	const char *folded = fold_document(&cache->buffer, doc, doc_len, &len);
	bool		result = all_terms;
	int			i;

	for (i = 0; i < cache->nterms; i++)
		if (term_found(&cache->terms[i], folded, len) != all_terms)
		{
			result = !all_terms;
			break;
		}
	if (cache->buffer.size > KEPT_BUFFER_SIZE)
	{
		pfree(cache->buffer.data);
		cache->buffer.data = NULL;
		cache->buffer.size = 0;
	}
	PG_RETURN_BOOL(result);
}
