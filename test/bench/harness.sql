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
    name     text NOT NULL UNIQUE,
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

-- The throughput mix (test/bench.sh): requests by name, with their weights.
CREATE TABLE bench.mix (
    name   text PRIMARY KEY REFERENCES bench.request (name),
    weight integer NOT NULL CHECK (weight > 0)
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

-- The floor's statement for a request's path (an event detail, or a list
-- of events, places or keywords), ids the SQL of the page's ids.
CREATE FUNCTION bench.floor_sql(path text, ids text) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN path ~ '^event/[^/]+/$'
                THEN format('SELECT doc FROM baseline.event_json WHERE id = (%s)[1]', ids)
                ELSE format('SELECT baseline.floor(%s, %L)', ids, split_part(path, '/', 1)) END;

-- Milliseconds of reps runs of stmt (parameters $1 path, $2 query, $3 ids),
-- after two warm-up runs; fewer, but at least 3, when the runs have taken
-- budget_ms: a request far over its targets needs no 30 samples.
CREATE FUNCTION bench.samples(stmt text, reps integer, budget_ms float8, path text, query text, ids text[])
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
        EXIT WHEN i >= 3 AND (SELECT sum(m) FROM unnest(ms) m) > budget_ms;
    END LOOP;
    RETURN ms;
END
$$;

-- Check one request, then time it three ways (the baseline base_reps times,
-- the others reps times, each within budget_s seconds as bench.samples
-- says). An error is recorded in bench.check, not raised: a benchmark
-- reports, it does not fail.
CREATE FUNCTION bench.run(request_ord integer, reps integer, base_reps integer, budget_s float8)
    RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    r bench.request;
    st integer;
    lk json;
    base json;
    lk_ids text[];
BEGIN
    SELECT * INTO r FROM bench.request WHERE ord = request_ord;
    BEGIN
        SELECT g.status, g.body INTO st, lk FROM linkedevents.get(r.path, r.query) g;
        EXECUTE r.baseline INTO base;
        lk_ids := bench.ids(lk);
        INSERT INTO bench.check
        VALUES (r.ord, st, (lk -> 'meta' ->> 'count')::bigint, (base -> 'meta' ->> 'count')::bigint,
                lk_ids, bench.ids(base), bench.page_docs(lk) = bench.page_docs(base), NULL);
        INSERT INTO bench.sample VALUES
            (r.ord, 'linkedevents', bench.samples('SELECT body::text FROM linkedevents.get($1, $2)', reps,
                                                  1000 * budget_s, r.path, r.query, NULL)),
            (r.ord, 'baseline', bench.samples('SELECT (' || r.baseline || ')::text', base_reps, 1000 * budget_s,
                                              NULL, NULL, NULL)),
            (r.ord, 'floor', bench.samples(bench.floor_sql(r.path, '$3'), reps, 1000 * budget_s, NULL, NULL, lk_ids));
    EXCEPTION WHEN OTHERS THEN
        INSERT INTO bench.check (ord, error) VALUES (r.ord, SQLERRM)
            ON CONFLICT (ord) DO UPDATE SET error = excluded.error;
    END;
    RETURN r.name;
END
$$;

-- The report: p50/p95 per way, the ratios of the medians, and the targets
-- of issue 13 a request misses: p50 over 50 ms, p95 over 100 ms, less than
-- 3x faster than the baseline.
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
            ELSE 'ok' END AS same_page,
       CASE WHEN l.p50 IS NULL OR b.p50 IS NULL THEN 'not timed'
            ELSE coalesce(nullif(concat_ws(' ', CASE WHEN l.p50 > 50 THEN 'p50' END,
                                           CASE WHEN l.p95 > 100 THEN 'p95' END,
                                           CASE WHEN b.p50 < 3 * l.p50 THEN '3x' END), ''), 'ok') END AS targets
  FROM bench.request r
       LEFT JOIN bench.check c USING (ord)
       LEFT JOIN p l ON l.ord = r.ord AND l.way = 'linkedevents'
       LEFT JOIN p b ON b.ord = r.ord AND b.way = 'baseline'
       LEFT JOIN p f ON f.ord = r.ord AND f.way = 'floor'
 ORDER BY r.ord;

-- The pgbench scripts of the requests (test/bench.sh): linkedevents' call
-- and the floor's statement with the checked page's ids.
CREATE VIEW bench.script AS
SELECT r.ord, 'linkedevents' AS way, format('SELECT body FROM linkedevents.get(%L, %L);', r.path, r.query) AS script
  FROM bench.request r
UNION ALL
SELECT r.ord, 'floor', bench.floor_sql(r.path, quote_literal(c.ids) || '::text[]') || ';'
  FROM bench.request r JOIN bench.check c USING (ord);
