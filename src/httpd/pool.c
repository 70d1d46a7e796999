/*
 * pool.c
 *	  config.threads database connections, each taken by one request at a
 *	  time (the last one given back first, so that warm sessions serve),
 *	  opened on first use with the statements prepared, and opened again
 *	  after they break.
 *
 * A connection that broke before the request (the server restarted) is
 * replaced and the call tried once more, so a restart costs no failed
 * request once the server is back.  While the database is unreachable a
 * connection is tried at most once a second per slot, and DB_UNAVAILABLE
 * answered in between.  The request timeout is the session's
 * statement_timeout.
 */
#include "httpd.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define GET_SQL "SELECT status, location, body FROM linkedevents.get($1, $2, $3)"
/* Settings local to the request's transaction (SPEC D22); values bound. */
#define USER_SQL "SELECT pg_catalog.set_config('linkedevents.user_id', $1, true)," \
	" pg_catalog.set_config('linkedevents.user_organizations', $2, true)"

typedef struct Worker
{
	PGconn	   *conn;
	time_t		failed_at;		/* last failed connection attempt */
	bool		reported;		/* that failure is logged already */
} Worker;

static Worker *workers;
static Worker **idle;			/* a stack of the workers not in use */
static int	nidle;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t given_back = PTHREAD_COND_INITIALIZER;

void
pool_init(void)
{
	workers = calloc((size_t) config.threads, sizeof(Worker));
	idle = calloc((size_t) config.threads, sizeof(Worker *));
	if (workers == NULL || idle == NULL)
		abort();
	for (nidle = 0; nidle < config.threads; nidle++)
		idle[nidle] = &workers[config.threads - 1 - nidle];
}

/* Called when no request runs any more. */
void
pool_close(void)
{
	for (int i = 0; i < config.threads; i++)
		if (workers[i].conn)
			PQfinish(workers[i].conn);
}

static Worker *
take(void)
{
	Worker	   *worker;

	pthread_mutex_lock(&lock);
	while (nidle == 0)
		pthread_cond_wait(&given_back, &lock);
	worker = idle[--nidle];
	pthread_mutex_unlock(&lock);
	return worker;
}

static void
give_back(Worker *worker)
{
	pthread_mutex_lock(&lock);
	idle[nidle++] = worker;
	pthread_cond_signal(&given_back);
	pthread_mutex_unlock(&lock);
}

static bool
succeeded(const PGresult *res)
{
	return PQresultStatus(res) == PGRES_COMMAND_OK ||
		PQresultStatus(res) == PGRES_TUPLES_OK;
}

/* Whether a statement of the connection's setup succeeded; frees res. */
static bool
command_ok(PGresult *res)
{
	bool		ok = succeeded(res);

	PQclear(res);
	return ok;
}

/* A new connection with the statements prepared and the timeout set. */
static PGconn *
connect_worker(Worker *worker)
{
	/* The caller's connection string (expanded from dbname) wins. */
	const char *keys[] = {"fallback_application_name", "connect_timeout", "dbname", NULL};
	const char *values[] = {"linkedevents-httpd", "5", config.conninfo, NULL};
	const char *param[1];
	char		timeout[16];
	PGconn	   *conn = PQconnectdbParams(keys, values, 1);

	snprintf(timeout, sizeof(timeout), "%d", config.timeout_ms);
	param[0] = timeout;
	if (PQstatus(conn) == CONNECTION_OK &&
		command_ok(PQprepare(conn, "get", GET_SQL, 3, NULL)) &&
		command_ok(PQprepare(conn, "user", USER_SQL, 2, NULL)) &&
		command_ok(PQexecParams(conn, "SELECT pg_catalog.set_config('statement_timeout', $1, false)",
								1, NULL, param, NULL, NULL, 0)))
	{
		if (worker->reported)
			fprintf(stderr, "linkedevents-httpd: database connection restored\n");
		worker->reported = false;
		return conn;
	}
	if (!worker->reported)
		fprintf(stderr, "linkedevents-httpd: database unavailable: %s",
				PQerrorMessage(conn));
	worker->reported = true;
	worker->failed_at = time(NULL);
	PQfinish(conn);
	return NULL;
}

/* Runs the call, inside a transaction that first sets the user if any. */
static PGresult *
run(PGconn *conn, const char *const get_params[3], const char *user_id,
	const char *organizations)
{
	const char *user_params[2] = {user_id ? user_id : "", organizations ? organizations : ""};
	PGresult   *res;

	if (user_id == NULL && organizations == NULL)
		return PQexecPrepared(conn, "get", 3, get_params, NULL, NULL, 0);
	res = PQexec(conn, "BEGIN");
	if (succeeded(res))
	{
		PQclear(res);
		res = PQexecPrepared(conn, "user", 2, user_params, NULL, NULL, 0);
	}
	if (succeeded(res))
	{
		PQclear(res);
		res = PQexecPrepared(conn, "get", 3, get_params, NULL, NULL, 0);
	}
	if (succeeded(res))
	{
		PGresult   *commit = PQexec(conn, "COMMIT");

		if (succeeded(commit))
		{
			PQclear(commit);
			return res;
		}
		PQclear(res);
		return commit;
	}
	if (PQstatus(conn) == CONNECTION_OK)
		PQclear(PQexec(conn, "ROLLBACK"));
	return res;
}

/* How a failed call is answered: class 08, 53 and 57P0x mean "come back". */
static DbOutcome
classify(PGconn *conn, PGresult *res)
{
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);

	if (PQstatus(conn) != CONNECTION_OK)
		return DB_UNAVAILABLE;
	if (state && strcmp(state, "57014") == 0)
		return DB_TIMEOUT;
	if (state && (strncmp(state, "08", 2) == 0 || strncmp(state, "53", 2) == 0 ||
				  strncmp(state, "57P0", 4) == 0))
		return DB_UNAVAILABLE;
	fprintf(stderr, "linkedevents-httpd: %s: %s", state ? state : "?",
			PQresultErrorMessage(res));
	return DB_ERROR;
}

static DbOutcome
call(Worker *worker, const char *const params[3], const char *user_id,
	 const char *organizations, DbAnswer *answer)
{
	for (int attempt = 0; attempt < 2; attempt++)
	{
		bool		fresh = worker->conn == NULL;
		PGresult   *res;
		DbOutcome	outcome;

		if (fresh && (time(NULL) - worker->failed_at < 1 ||
					  (worker->conn = connect_worker(worker)) == NULL))
			return DB_UNAVAILABLE;
		res = run(worker->conn, params, user_id, organizations);
		if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		{
			answer->result = res;
			answer->status = atoi(PQgetvalue(res, 0, 0));
			answer->location = PQgetisnull(res, 0, 1) ? NULL : PQgetvalue(res, 0, 1);
			answer->body = PQgetisnull(res, 0, 2) ? NULL : PQgetvalue(res, 0, 2);
			answer->body_len = answer->body ? (size_t) PQgetlength(res, 0, 2) : 0;
			return DB_OK;
		}
		outcome = classify(worker->conn, res);
		PQclear(res);
		if (outcome != DB_UNAVAILABLE)
			return outcome;
		PQfinish(worker->conn);
		worker->conn = NULL;
		if (fresh)
			return outcome;
	}
	return DB_UNAVAILABLE;
}

DbOutcome
pool_get(const char *path, const char *query, const char *base_url,
		 const char *user_id, const char *organizations, DbAnswer *answer)
{
	const char *params[3] = {path, query, base_url};
	Worker	   *worker = take();
	DbOutcome	outcome = call(worker, params, user_id, organizations, answer);

	give_back(worker);
	return outcome;
}
