/*
 * voikko_library.c
 *	  libvoikko, loaded with dlopen on first use, and its word analysis.
 *
 * The module does not link against libvoikko: a server without it still
 * loads linkedevents, and Finnish text search falls back to the snowball
 * stemmer (voikko_dict.c). The few functions used are declared here from
 * libvoikko's documented C ABI (libvoikko.so.1), so building needs no
 * libvoikko headers either.
 *
 * A Voikko instance is not thread-safe; a backend is single-threaded and
 * keeps its instances (one per library and language) until it exits.
 * Everything Voikko allocates is freed with Voikko's own free functions,
 * also when copying a result raises an error.
 */
#include "postgres.h"

#include <dlfcn.h>

#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/memutils.h"

#include "voikko.h"

/* libvoikko's C ABI, as declared in its voikko.h. */
typedef struct VoikkoHandle VoikkoHandle;
typedef struct voikko_mor_analysis voikko_mor_analysis;

typedef VoikkoHandle *(*voikkoInit_fn) (const char **error, const char *langcode,
										const char *path);
typedef voikko_mor_analysis **(*voikkoAnalyzeWordCstr_fn) (VoikkoHandle *handle,
														   const char *word);
typedef void (*voikko_free_mor_analysis_fn) (voikko_mor_analysis **analysis);
typedef char *(*voikko_mor_analysis_value_cstr_fn) (const voikko_mor_analysis *analysis,
													const char *key);
typedef void (*voikko_free_mor_analysis_value_cstr_fn) (char *value);

struct LeVoikko
{
	char	   *library;		/* file name given to dlopen */
	char	   *language;		/* BCP 47 tag given to voikkoInit */
	char	   *error;			/* NULL when usable */
	VoikkoHandle *handle;
	voikkoAnalyzeWordCstr_fn analyze;
	voikko_free_mor_analysis_fn free_analysis;
	voikko_mor_analysis_value_cstr_fn value;
	voikko_free_mor_analysis_value_cstr_fn free_value;
};

/* This backend's instances, in TopMemoryContext; a handful at most. */
static List *instances = NIL;

/* Look a symbol up; on failure record why and return NULL. */
static void *
load_symbol(LeVoikko *voikko, void *library, const char *name)
{
	void	   *symbol = dlsym(library, name);

	if (symbol == NULL && voikko->error == NULL)
		voikko->error = psprintf("%s has no symbol %s", voikko->library, name);
	return symbol;
}

/* Open the library and the dictionary; sets voikko->error on failure. */
static void
open_instance(LeVoikko *voikko)
{
	void	   *library;
	voikkoInit_fn init;
	const char *init_error = NULL;

	library = dlopen(voikko->library, RTLD_NOW | RTLD_LOCAL);
	if (library == NULL)
	{
		voikko->error = pstrdup(dlerror());
		return;
	}
	init = (voikkoInit_fn) load_symbol(voikko, library, "voikkoInit");
	voikko->analyze = (voikkoAnalyzeWordCstr_fn)
		load_symbol(voikko, library, "voikkoAnalyzeWordCstr");
	voikko->free_analysis = (voikko_free_mor_analysis_fn)
		load_symbol(voikko, library, "voikko_free_mor_analysis");
	voikko->value = (voikko_mor_analysis_value_cstr_fn)
		load_symbol(voikko, library, "voikko_mor_analysis_value_cstr");
	voikko->free_value = (voikko_free_mor_analysis_value_cstr_fn)
		load_symbol(voikko, library, "voikko_free_mor_analysis_value_cstr");
	if (voikko->error != NULL)
		return;

	voikko->handle = init(&init_error, voikko->language, NULL);
	if (voikko->handle == NULL)
		voikko->error = psprintf("no Voikko dictionary for language \"%s\": %s",
								 voikko->language,
								 init_error ? init_error : "unknown error");
}

LeVoikko *
le_voikko_get(const char *library, const char *language)
{
	ListCell   *lc;
	LeVoikko   *voikko;
	MemoryContext old;

	foreach(lc, instances)
	{
		voikko = (LeVoikko *) lfirst(lc);
		if (strcmp(voikko->library, library) == 0 &&
			strcmp(voikko->language, language) == 0)
			return voikko;
	}

	old = MemoryContextSwitchTo(TopMemoryContext);
	voikko = palloc0(sizeof(LeVoikko));
	voikko->library = pstrdup(library);
	voikko->language = pstrdup(language);
	open_instance(voikko);
	instances = lappend(instances, voikko);
	MemoryContextSwitchTo(old);

	/* Said once: the failed instance is kept like a working one. */
	if (voikko->error != NULL)
		ereport(WARNING,
				(errmsg("Finnish text search uses the snowball stemmer instead of Voikko base forms"),
				 errdetail("%s", voikko->error),
				 errhint("Install libvoikko and its Finnish dictionary (Debian: libvoikko1, voikko-fi), then run linkedevents.refresh_event_search() in a new session.")));
	return voikko;
}

const char *
le_voikko_error(const LeVoikko *voikko)
{
	return voikko->error;
}

/*
 * Voikko's analyses of a word: for each, the BASEFORM and STRUCTURE
 * attributes copied into palloc'd memory (NULL where absent), as a List of
 * two-element arrays. Voikko's own memory is freed before returning, also on
 * error.
 */
static List *
analysis_attributes(LeVoikko *voikko, const char *word)
{
	voikko_mor_analysis **volatile analyses;
	char	   *volatile value = NULL;
	List	   *volatile result = NIL;

	analyses = voikko->analyze(voikko->handle, word);
	if (analyses == NULL)
		return NIL;

	PG_TRY();
	{
		for (int i = 0; analyses[i] != NULL; i++)
		{
			char	  **attributes = palloc0(2 * sizeof(char *));
			static const char *const keys[2] = {"BASEFORM", "STRUCTURE"};

			for (int k = 0; k < 2; k++)
			{
				value = voikko->value(analyses[i], keys[k]);
				if (value != NULL)
				{
					attributes[k] = pstrdup(value);
					voikko->free_value(value);
					value = NULL;
				}
			}
			result = lappend(result, attributes);
		}
	}
	PG_FINALLY();
	{
		if (value != NULL)
			voikko->free_value(value);
		voikko->free_analysis(analyses);
	}
	PG_END_TRY();

	return result;
}

/*
 * Split a word into its compound parts as Voikko's STRUCTURE attribute
 * marks them: "=" starts a part, every other character of STRUCTURE stands
 * for one character of the word. Hyphens at the ends of a part are dropped
 * ("konsertti-ilta" -> "konsertti", "ilta"). NIL when the word is not a
 * compound or STRUCTURE does not fit the word.
 */
static List *
compound_parts(const char *word, const char *structure)
{
	List	   *parts = NIL;
	StringInfoData part;
	const char *w = word;

	if (structure == NULL || strchr(structure + 1, '=') == NULL)
		return NIL;

	initStringInfo(&part);
	for (const char *s = structure; *s != '\0'; s++)
	{
		if (*s == '=')
		{
			if (part.len > 0)
				parts = lappend(parts, pstrdup(part.data));
			resetStringInfo(&part);
			continue;
		}
		if (*w == '\0')
			return NIL;
		if (*w == '-' && (part.len == 0 || s[1] == '=' || s[1] == '\0'))
			w++;
		else
		{
			int			len = pg_utf_mblen((const unsigned char *) w);

			appendBinaryStringInfo(&part, w, len);
			w += len;
		}
	}
	if (*w != '\0')
		return NIL;
	if (part.len > 0)
		parts = lappend(parts, pstrdup(part.data));
	return list_length(parts) > 1 ? parts : NIL;
}

/* Append the base forms of every reading of a word to *baseforms. */
static void
append_baseforms(LeVoikko *voikko, const char *word, List **baseforms)
{
	ListCell   *lc;

	foreach(lc, analysis_attributes(voikko, word))
	{
		char	  **attributes = (char **) lfirst(lc);

		if (attributes[0] != NULL)
			*baseforms = lappend(*baseforms, attributes[0]);
	}
}

/*
 * The base forms of a compound's parts, each analysed on its own ("lasten"
 * -> "lapsi"), and of every run of adjacent parts shorter than the whole
 * ("elo|kuva|teatterissa" also gives "elokuva" and "kuvateatteri"), so that
 * a query for any of them finds the compound. Runs are only tried for up to
 * LE_VOIKKO_MAX_RUN_PARTS parts, which keeps the work per word bounded.
 */
#define LE_VOIKKO_MAX_RUN_PARTS 6

static List *
part_baseforms(LeVoikko *voikko, List *parts)
{
	List	   *baseforms = NIL;
	int			n = list_length(parts);
	StringInfoData run;

	for (int i = 0; i < n; i++)
		append_baseforms(voikko, (char *) list_nth(parts, i), &baseforms);
	if (n > LE_VOIKKO_MAX_RUN_PARTS)
		return baseforms;

	initStringInfo(&run);
	for (int length = 2; length < n; length++)
		for (int first = 0; first + length <= n; first++)
		{
			resetStringInfo(&run);
			for (int i = first; i < first + length; i++)
				appendStringInfoString(&run, (char *) list_nth(parts, i));
			append_baseforms(voikko, run.data, &baseforms);
		}
	return baseforms;
}

List *
le_voikko_analyze(LeVoikko *voikko, const char *word)
{
	List	   *readings = NIL;
	ListCell   *lc;

	Assert(voikko->error == NULL);

	foreach(lc, analysis_attributes(voikko, word))
	{
		char	  **attributes = (char **) lfirst(lc);
		LeVoikkoReading *reading;

		if (attributes[0] == NULL)
			continue;
		reading = palloc0(sizeof(LeVoikkoReading));
		reading->baseform = attributes[0];
		reading->part_baseforms = part_baseforms(voikko,
												 compound_parts(word, attributes[1]));
		readings = lappend(readings, reading);
	}
	return readings;
}
