/*
 * guc.c
 *	  Module entry point and the linkedevents.* settings.
 */
#include "postgres.h"

#include "fmgr.h"
#include "pgtime.h"
#include "utils/builtins.h"
#include "utils/guc.h"

#include "linkedevents.h"

PG_MODULE_MAGIC;

char	   *le_base_url = NULL;
char	   *le_time_zone = NULL;
char	   *le_municipality = NULL;
char	   *le_languages = NULL;
char	   *le_user_id = NULL;
char	   *le_user_organizations = NULL;
bool		le_use_document_store = true;
bool		le_use_event_index = true;

void		_PG_init(void);

/* A zone name the server's time zone library knows, e.g. Europe/Helsinki. */
static bool
check_time_zone(char **newval, void **extra, GucSource source)
{
	if (**newval == '\0' || pg_tzset(*newval) == NULL)
	{
		GUC_check_errdetail("Time zone \"%s\" is not recognized.", *newval);
		return false;
	}
	return true;
}

/* A comma list of language ids: lower-case letters and underscores. */
static bool
check_languages(char **newval, void **extra, GucSource source)
{
	const char *p = *newval;
	bool		item_empty = true;

	for (;; p++)
	{
		if (*p == ',' || *p == '\0')
		{
			if (item_empty)
			{
				GUC_check_errdetail("Each item must be a language id such as \"fi\" or \"zh_hans\".");
				return false;
			}
			if (*p == '\0')
				return true;
			item_empty = true;
		}
		else if ((*p >= 'a' && *p <= 'z') || *p == '_')
			item_empty = false;
		else
		{
			GUC_check_errdetail("Each item must be a language id such as \"fi\" or \"zh_hans\".");
			return false;
		}
	}
}

void
_PG_init(void)
{
	DefineCustomStringVariable("linkedevents.base_url",
							   "API root used in @id, reference and pagination URLs.",
							   "Used when the base_url argument of an API function is NULL.",
							   &le_base_url,
							   "http://localhost/v1/",
							   PGC_USERSET, 0,
							   NULL, NULL, NULL);
	DefineCustomStringVariable("linkedevents.time_zone",
							   "Time zone of bare dates and times in API parameters.",
							   NULL,
							   &le_time_zone,
							   LE_DEFAULT_TIME_ZONE,
							   PGC_USERSET, 0,
							   check_time_zone, NULL, NULL);
	DefineCustomStringVariable("linkedevents.municipality",
							   "OCD id of the division whose places count as local.",
							   "Used by the local_ongoing_* event filters.",
							   &le_municipality,
							   "ocd-division/country:fi/kunta:helsinki",
							   PGC_USERSET, 0,
							   NULL, NULL, NULL);
	DefineCustomStringVariable("linkedevents.languages",
							   "Languages that have translated fields, in output order.",
							   NULL,
							   &le_languages,
							   LE_DEFAULT_LANGUAGES,
							   PGC_USERSET, 0,
							   check_languages, NULL, NULL);
	DefineCustomStringVariable("linkedevents.user_id",
							   "The authenticated API user; empty for anonymous.",
							   "Set per transaction by the front end.",
							   &le_user_id,
							   "",
							   PGC_USERSET, 0,
							   NULL, NULL, NULL);
	DefineCustomStringVariable("linkedevents.user_organizations",
							   "Comma list of organizations whose subtrees the user administers.",
							   "Set per transaction by the front end.",
							   &le_user_organizations,
							   "",
							   PGC_USERSET, 0,
							   NULL, NULL, NULL);

	DefineCustomBoolVariable("linkedevents.use_document_store",
							 "Serve event list pages from the stored documents when they apply.",
							 "Off: every page is written from the tables (same output, slower).",
							 &le_use_document_store,
							 true,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);

	DefineCustomBoolVariable("linkedevents.use_event_index",
							 "Count and page filtered event lists from the event index.",
							 "Off: every list is counted and paged by SQL over the tables (same answers, slower).",
							 &le_use_event_index,
							 true,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);

	MarkGUCPrefixReserved("linkedevents");
}

PG_FUNCTION_INFO_V1(le_setting);

/*
 * linkedevents._setting(name): the value of linkedevents.<name>.
 *
 * SQL code reads settings through this C function so that calling it loads
 * the module, and with it the settings' defaults.
 */
Datum
le_setting(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char	   *full = psprintf("linkedevents.%s", name);

	PG_RETURN_TEXT_P(cstring_to_text(GetConfigOption(full, false, false)));
}
