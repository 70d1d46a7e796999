/*
 * ongoing_match.h
 *	  The fuzzy term search of the *_ongoing_* event filters: what the query
 *	  builder needs to answer it through the trigram index on
 *	  linkedevents.event_search.ongoing_doc.
 */
#ifndef ONGOING_MATCH_H
#define ONGOING_MATCH_H

#include "postgres.h"

#include "nodes/pg_list.h"

#define ONGOING_FUZZY_TERM_LENGTH 8	/* terms this long get one edit */

/*
 * For each comma-separated term of a value, in order, a List of one or two
 * LIKE patterns over case-folded text (linkedevents.ongoing_fold): a
 * document that ongoing_match finds the term in matches one of them.
 */
extern List *ongoing_term_patterns(const char *terms);

#endif							/* ONGOING_MATCH_H */
