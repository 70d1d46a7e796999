/*
 * voikko.h
 *	  Finnish morphological analysis with libvoikko, loaded at run time.
 *
 * voikko_library.c owns the library: it dlopens libvoikko on first use, so
 * the module loads on servers without it, and keeps one Voikko instance per
 * (library, language) for the life of the backend. voikko_dict.c turns its
 * analyses into the lexemes of the text search template linkedevents.voikko.
 */
#ifndef LINKEDEVENTS_VOIKKO_H
#define LINKEDEVENTS_VOIKKO_H

#include "nodes/pg_list.h"

/* A loaded (or failed) Voikko instance; opaque outside voikko_library.c. */
typedef struct LeVoikko LeVoikko;

/*
 * One reading of a word, in UTF-8 as Voikko spells it (not lower-cased):
 * its base form, and for a compound the base forms of its parts
 * ("lastenkirjastossa" -> "lastenkirjasto"; parts "lapsi", "kirjasto").
 */
typedef struct LeVoikkoReading
{
	char	   *baseform;
	List	   *part_baseforms;	/* of char * */
} LeVoikkoReading;

/*
 * The instance for this library file name and language tag, created on the
 * first call in this backend. Never NULL: when the library or its dictionary
 * cannot be loaded, the first call warns and le_voikko_error() says why (and
 * stays so for the backend's life).
 */
extern LeVoikko *le_voikko_get(const char *library, const char *language);

/* NULL when the instance works, else why it does not. */
extern const char *le_voikko_error(const LeVoikko *voikko);

/*
 * The readings of one UTF-8 word (NUL-terminated), palloc'd in the current
 * memory context; NIL when Voikko does not know the word. The instance must
 * work (le_voikko_error() is NULL).
 */
extern List *le_voikko_analyze(LeVoikko *voikko, const char *word);

#endif							/* LINKEDEVENTS_VOIKKO_H */
