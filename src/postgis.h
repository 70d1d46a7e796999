/*
 * postgis.h
 *	  PostGIS from C without search_path: its schema, and calls whose
 *	  failure PostGIS reports (a transform outside a projection's domain)
 *	  are caught instead of raised.
 */
#ifndef LE_POSTGIS_H
#define LE_POSTGIS_H

/* The schema PostGIS is installed in, unquoted. */
extern char *le_postgis_schema(void);

/*
 * Run call(arg) in a subtransaction; false when it raised SQLSTATE XX000,
 * PostGIS's code for every error of its geometry library, such as
 * "transform: Point outside of projection domain". Other errors propagate.
 * In a parallel operation, where no subtransaction can start, call runs
 * unprotected and its error propagates.
 */
extern bool le_postgis_try(void (*call) (void *arg), void *arg);

/*
 * The value of the first column of the first row of sql, a read-only SELECT
 * run through SPI with args as $1...: false when there is no row or it is
 * NULL, or when PostGIS raised an error (le_postgis_try).
 */
extern bool le_postgis_select(const char *sql, int nargs, Oid *types, Datum *args,
							  Datum *value, Oid *type);

#endif							/* LE_POSTGIS_H */
