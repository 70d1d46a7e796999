/*
 * linkedevents.h
 *	  Declarations shared by the C files of the linkedevents extension.
 *
 * Layer 1 (src/parse_*.c) does not include this header: it is plain C.
 */
#ifndef LINKEDEVENTS_H
#define LINKEDEVENTS_H

/* Settings (guc.c); see README "Settings". */
extern char *le_base_url;
extern char *le_time_zone;
extern char *le_municipality;
extern char *le_languages;
extern char *le_user_id;
extern char *le_user_organizations;
extern bool le_use_document_store;
extern bool le_use_event_index;

/* May the user SELECT relid, with no row-level security applying (jsonld_store.c)? */
extern bool le_relation_readable(Oid relid);

/* Boot values of the settings the stored documents are written under. */
#define LE_DEFAULT_TIME_ZONE	"Europe/Helsinki"
#define LE_DEFAULT_LANGUAGES	"fi,sv,en,zh_hans,ru,ar"

#endif							/* LINKEDEVENTS_H */
