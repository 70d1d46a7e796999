-- The measuring part of the benchmark (test/bench.sh): the request table,
-- the timing loop and the report. Times are taken inside the server, with
-- clock_timestamp() around each EXECUTE, so psql and socket round trips
-- (the same for all three ways) do not blur differences of a millisecond.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;

-- One row per request: the API path and query string linkedevents.get
-- answers, and the statement answering it over the baseline schema (a json
-- page or document).
CREATE TABLE bench.request (
    ord      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name     text NOT NULL,
    path     text NOT NULL,
    query    text NOT NULL,
    baseline text NOT NULL
);

-- The one-off check before timing: both ways must return the same page.
CREATE TABLE bench.check (
    ord         integer PRIMARY KEY,
    status      integer,
    count       bigint,
    base_count  bigint,
    ids         text[],
    base_ids    text[],
    docs_equal  boolean,
    error       text
);

CREATE TABLE bench.sample (
    ord integer,
    way text,       -- linkedevents, baseline, floor
    ms  float8[],
    PRIMARY KEY (ord, way)
);

-- The ids of a list page's data, or of one document.
CREATE FUNCTION bench.ids(doc json) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN json_typeof(doc -> 'data') = 'array'
                THEN ARRAY(SELECT x ->> 'id' FROM json_array_elements(doc -> 'data') x)
                ELSE ARRAY[doc ->> 'id'] END
$$;

-- A document with its unordered lists (many-to-many in the reference, whose
-- order is the link table's) sorted, for comparing the two ways' documents.
CREATE FUNCTION bench.normalized(doc jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT doc || coalesce((SELECT jsonb_object_agg(k, (SELECT coalesce(jsonb_agg(x ORDER BY x ->> 'id', x ->> '@id'), '[]')
                                                          FROM jsonb_array_elements(doc -> k) x))
                              FROM unnest('{keywords,audience,in_language}'::text[]) k
                             WHERE jsonb_typeof(doc -> k) = 'array'), '{}')
$$;
CREATE FUNCTION bench.page_docs(doc json) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN json_typeof(doc -> 'data') = 'array'
                THEN (SELECT coalesce(jsonb_agg(bench.normalized(x::jsonb) ORDER BY o), '[]')
                        FROM json_array_elements(doc -> 'data') WITH ORDINALITY d(x, o))
                ELSE bench.normalized(doc::jsonb) END
$$;

-- Milliseconds of reps runs of stmt (parameters $1 path, $2 query, $3 ids),
-- after two warm-up runs.
CREATE FUNCTION bench.samples(stmt text, reps integer, path text, query text, ids text[])
    RETURNS float8[] LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    result text;
    ms float8[] := '{}';
BEGIN
    FOR i IN 1 .. 2 LOOP
        EXECUTE stmt INTO result USING path, query, ids;
    END LOOP;
    FOR i IN 1 .. reps LOOP
        t0 := clock_timestamp();
        EXECUTE stmt INTO result USING path, query, ids;
        ms := ms || 1000 * extract(epoch FROM clock_timestamp() - t0)::float8;
    END LOOP;
    RETURN ms;
END
$$;

-- Check one request, then time it three ways. An error is recorded in
-- bench.check, not raised: a benchmark reports, it does not fail.
CREATE FUNCTION bench.run(request_ord integer, reps integer) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    r bench.request;
    st integer;
    lk json;
    base json;
    lk_ids text[];
    floor_stmt text;
BEGIN
    SELECT * INTO r FROM bench.request WHERE ord = request_ord;
    BEGIN
        SELECT g.status, g.body INTO st, lk FROM linkedevents.get(r.path, r.query) g;
        EXECUTE r.baseline INTO base;
        lk_ids := bench.ids(lk);
        INSERT INTO bench.check
        VALUES (r.ord, st, (lk -> 'meta' ->> 'count')::bigint, (base -> 'meta' ->> 'count')::bigint,
                lk_ids, bench.ids(base), bench.page_docs(lk) = bench.page_docs(base), NULL);
        floor_stmt := CASE WHEN lk -> 'data' IS NULL
                           THEN 'SELECT doc FROM baseline.event_json WHERE id = ($3)[1]'
                           ELSE 'SELECT baseline.floor($3)' END;
        INSERT INTO bench.sample VALUES
            (r.ord, 'linkedevents', bench.samples('SELECT body::text FROM linkedevents.get($1, $2)', reps,
                                                  r.path, r.query, NULL)),
            (r.ord, 'baseline', bench.samples('SELECT (' || r.baseline || ')::text', reps, NULL, NULL, NULL)),
            (r.ord, 'floor', bench.samples(floor_stmt, reps, NULL, NULL, lk_ids));
    EXCEPTION WHEN OTHERS THEN
        INSERT INTO bench.check (ord, error) VALUES (r.ord, SQLERRM)
            ON CONFLICT (ord) DO UPDATE SET error = excluded.error;
    END;
    RETURN r.name;
END
$$;

-- The report: p50/p95 per way and the ratios of the medians.
CREATE VIEW bench.report AS
WITH p AS (
    SELECT ord, way,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY m) AS p50,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY m) AS p95
      FROM bench.sample, unnest(ms) m GROUP BY ord, way
)
SELECT r.ord, r.name,
       round(l.p50::numeric, 2) AS le_p50, round(l.p95::numeric, 2) AS le_p95,
       round(b.p50::numeric, 2) AS base_p50, round(b.p95::numeric, 2) AS base_p95,
       round(f.p50::numeric, 2) AS floor_p50, round(f.p95::numeric, 2) AS floor_p95,
       round((b.p50 / nullif(l.p50, 0))::numeric, 1) AS base_over_le,
       round((l.p50 / nullif(f.p50, 0))::numeric, 1) AS le_over_floor,
       c.count AS count,
       CASE WHEN c.error IS NOT NULL THEN 'ERROR'
            WHEN c.status <> 200 THEN 'HTTP ' || c.status
            WHEN c.ids IS DISTINCT FROM c.base_ids OR c.count IS DISTINCT FROM c.base_count THEN 'IDS DIFFER'
            WHEN NOT c.docs_equal THEN 'ids ok, docs differ'
            ELSE 'ok' END AS same_page
  FROM bench.request r
       LEFT JOIN bench.check c USING (ord)
       LEFT JOIN p l ON l.ord = r.ord AND l.way = 'linkedevents'
       LEFT JOIN p b ON b.ord = r.ord AND b.way = 'baseline'
       LEFT JOIN p f ON f.ord = r.ord AND f.way = 'floor'
 ORDER BY r.ord;
