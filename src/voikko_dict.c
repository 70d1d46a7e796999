/*
 * voikko_dict.c
 *	  The text search template linkedevents.voikko: Finnish words to their
 *	  base forms with libvoikko.
 *
 * A word becomes the lower-cased base forms of its readings; a compound also
 * gives the base forms of its parts, so "lastenkirjastossa" is indexed as
 * lastenkirjasto, lapsi and kirjasto and is found by "kirjasto". Each reading
 * is one variant of the result: in a query the lexemes of a reading are ANDed
 * and the readings ORed, so "kirjastoissa" asks for kirjasto and
 * "lastenkirjasto" for a document that has the whole compound. A word
 * Voikko does not know passes through lower-cased.
 *
 * libvoikko is loaded on first use (voikko_library.c). When it or its
 * dictionary cannot be loaded, the dictionary warns once per backend and
 * hands words to the snowball stemmer pg_catalog.finnish_stem instead: text
 * search keeps working, with stems instead of base forms.
 *
 * Voikko takes ~20 us per word, so results are cached per backend (a bulk
 * load repeats the same words many times); the cache is emptied whenever it
 * holds LE_VOIKKO_CACHE_WORDS words.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "commands/defrem.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "nodes/value.h"
#include "tsearch/ts_cache.h"
#include "tsearch/ts_locale.h"
#include "tsearch/ts_public.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"

#include "voikko.h"

#define LE_VOIKKO_DEFAULT_LIBRARY	"libvoikko.so.1"
#define LE_VOIKKO_DEFAULT_LANGUAGE	"fi"
#define LE_VOIKKO_CACHE_WORDS		20000
#define LE_VOIKKO_CACHE_KEY_SIZE	64	/* longer words are not cached */

typedef struct CachedWord
{
	char		word[LE_VOIKKO_CACHE_KEY_SIZE]; /* hash key */
	TSLexeme   *lexemes;		/* terminated by lexeme == NULL */
} CachedWord;

typedef struct VoikkoDict
{
	char	   *library;
	char	   *language;
	LeVoikko   *voikko;			/* NULL until the first word */
	Oid			fallback;		/* pg_catalog.finnish_stem, once needed */
	MemoryContext cache_context;
	HTAB	   *cache;
} VoikkoDict;

PG_FUNCTION_INFO_V1(le_voikko_init);
PG_FUNCTION_INFO_V1(le_voikko_lexize);

/*
 * A library is named by its file name only, so that dlopen searches the
 * system's library directories: a dictionary's owner, who need not be a
 * superuser, cannot make the server load code from anywhere else.
 */
static void
check_library(const char *library)
{
	if (strncmp(library, "libvoikko", strlen("libvoikko")) != 0 ||
		first_dir_separator(library) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid Voikko library \"%s\"", library),
				 errdetail("The library must be a file name starting with \"libvoikko\", without a directory.")));
}

/* A BCP 47 tag: letters, digits and hyphens. */
static void
check_language(const char *language)
{
	if (*language == '\0' ||
		strspn(language, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
		!= strlen(language))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid Voikko language \"%s\"", language),
				 errdetail("The language must be a BCP 47 tag such as \"fi\".")));
}

static void
reset_cache(VoikkoDict *dict)
{
	HASHCTL		ctl;

	if (dict->cache != NULL)
		hash_destroy(dict->cache);
	MemoryContextReset(dict->cache_context);
	ctl.keysize = LE_VOIKKO_CACHE_KEY_SIZE;
	ctl.entrysize = sizeof(CachedWord);
	ctl.hcxt = dict->cache_context;
	dict->cache = hash_create("linkedevents voikko words", 1024, &ctl,
							  HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
}

/*
 * linkedevents.voikko init: options Library (default libvoikko.so.1) and
 * Language (default fi). Nothing is loaded yet, so creating the dictionary
 * works on a server without libvoikko.
 */
Datum
le_voikko_init(PG_FUNCTION_ARGS)
{
	List	   *options = (List *) PG_GETARG_POINTER(0);
	VoikkoDict *dict = palloc0(sizeof(VoikkoDict));
	ListCell   *lc;

	dict->library = pstrdup(LE_VOIKKO_DEFAULT_LIBRARY);
	dict->language = pstrdup(LE_VOIKKO_DEFAULT_LANGUAGE);
	foreach(lc, options)
	{
		DefElem    *option = (DefElem *) lfirst(lc);

		if (strcmp(option->defname, "library") == 0)
		{
			dict->library = defGetString(option);
			check_library(dict->library);
		}
		else if (strcmp(option->defname, "language") == 0)
		{
			dict->language = defGetString(option);
			check_language(dict->language);
		}
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unrecognized Voikko parameter: \"%s\"", option->defname)));
	}

	/* The dictionary's own context: the cache goes when the dictionary does. */
	dict->cache_context = AllocSetContextCreate(CurrentMemoryContext,
												"linkedevents voikko cache",
												ALLOCSET_DEFAULT_SIZES);
	reset_cache(dict);
	PG_RETURN_POINTER(dict);
}

/* Add a lower-cased lexeme unless this variant has it already. */
static int
add_lexeme(TSLexeme *lexemes, int n, const char *utf8, uint16 variant)
{
	char	   *server = pg_any_to_server(utf8, strlen(utf8), PG_UTF8);
	char	   *lexeme = lowerstr(server);

	for (int i = n - 1; i >= 0 && lexemes[i].nvariant == variant; i--)
		if (strcmp(lexemes[i].lexeme, lexeme) == 0)
			return n;
	lexemes[n].lexeme = lexeme;
	lexemes[n].nvariant = variant;
	lexemes[n].flags = 0;
	return n + 1;
}

/* The lexemes of one word (server encoding, NUL-terminated). */
static TSLexeme *
analyze_word(VoikkoDict *dict, const char *word)
{
	char	   *utf8 = pg_server_to_any(word, strlen(word), PG_UTF8);
	List	   *readings = le_voikko_analyze(dict->voikko, utf8);
	TSLexeme   *lexemes;
	ListCell   *lc;
	int			size = 1;
	int			n = 0;
	uint16		variant = 0;

	if (readings == NIL)
	{
		lexemes = palloc0(2 * sizeof(TSLexeme));
		lexemes[0].lexeme = lowerstr(word);
		lexemes[0].nvariant = 1;
		return lexemes;
	}

	foreach(lc, readings)
		size += 1 + list_length(((LeVoikkoReading *) lfirst(lc))->part_baseforms);
	lexemes = palloc0(size * sizeof(TSLexeme));

	foreach(lc, readings)
	{
		LeVoikkoReading *reading = (LeVoikkoReading *) lfirst(lc);
		ListCell   *pc;
		int			start = n;
		bool		repeated = false;

		variant++;
		n = add_lexeme(lexemes, n, reading->baseform, variant);
		foreach(pc, reading->part_baseforms)
			n = add_lexeme(lexemes, n, (char *) lfirst(pc), variant);

		/* Readings that differ only in Voikko's word class add nothing. */
		for (int v = 0; v < start && !repeated;)
		{
			int			end = v;

			while (end < start && lexemes[end].nvariant == lexemes[v].nvariant)
				end++;
			if (end - v == n - start)
			{
				repeated = true;
				for (int i = 0; i < n - start && repeated; i++)
					repeated = strcmp(lexemes[v + i].lexeme, lexemes[start + i].lexeme) == 0;
			}
			v = end;
		}
		if (repeated)
		{
			n = start;
			variant--;
		}
	}
	lexemes[n].lexeme = NULL;
	return lexemes;
}

/* A copy of lexemes in the current memory context. */
static TSLexeme *
copy_lexemes(const TSLexeme *lexemes)
{
	int			n = 0;
	TSLexeme   *copy;

	while (lexemes[n].lexeme != NULL)
		n++;
	copy = palloc((n + 1) * sizeof(TSLexeme));
	for (int i = 0; i < n; i++)
	{
		copy[i] = lexemes[i];
		copy[i].lexeme = pstrdup(lexemes[i].lexeme);
	}
	copy[n].lexeme = NULL;
	return copy;
}

/* The snowball stemmer's answer, for when Voikko is unavailable. */
static Datum
fallback_lexize(VoikkoDict *dict, FunctionCallInfo fcinfo)
{
	TSDictionaryCacheEntry *stemmer;

	if (!OidIsValid(dict->fallback))
		dict->fallback = get_ts_dict_oid(list_make2(makeString("pg_catalog"),
													makeString("finnish_stem")),
										 false);
	stemmer = lookup_ts_dictionary_cache(dict->fallback);
	return FunctionCall4(&stemmer->lexize,
						 PointerGetDatum(stemmer->dictData),
						 PG_GETARG_DATUM(1), PG_GETARG_DATUM(2), PG_GETARG_DATUM(3));
}

/*
 * linkedevents.voikko lexize: the lexemes of one token (not NUL-terminated,
 * in the server encoding).
 */
Datum
le_voikko_lexize(PG_FUNCTION_ARGS)
{
	VoikkoDict *dict = (VoikkoDict *) PG_GETARG_POINTER(0);
	char	   *word = pnstrdup((char *) PG_GETARG_POINTER(1), PG_GETARG_INT32(2));
	CachedWord *cached;
	TSLexeme   *lexemes;
	TSLexeme   *cached_lexemes;
	MemoryContext old;

	if (dict->voikko == NULL)
		dict->voikko = le_voikko_get(dict->library, dict->language);
	if (le_voikko_error(dict->voikko) != NULL)
		return fallback_lexize(dict, fcinfo);

	if (strlen(word) >= LE_VOIKKO_CACHE_KEY_SIZE)
		PG_RETURN_POINTER(analyze_word(dict, word));

	if (hash_get_num_entries(dict->cache) >= LE_VOIKKO_CACHE_WORDS)
		reset_cache(dict);
	cached = hash_search(dict->cache, word, HASH_FIND, NULL);
	if (cached != NULL)
		PG_RETURN_POINTER(copy_lexemes(cached->lexemes));

	/* Enter the word last: an error must not leave a half-made entry. */
	lexemes = analyze_word(dict, word);
	old = MemoryContextSwitchTo(dict->cache_context);
	cached_lexemes = copy_lexemes(lexemes);
	MemoryContextSwitchTo(old);
	cached = hash_search(dict->cache, word, HASH_ENTER, NULL);
	cached->lexemes = cached_lexemes;
	PG_RETURN_POINTER(lexemes);
}
