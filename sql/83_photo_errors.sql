-- Errors of the content API (README "Photos"): RFC 9457 problem details,
-- 404 for a version other than v2, another path, a culture without photos
-- or an unknown slug; 400 naming the parameter for a malformed value of
-- every parameter; a W3C trace-context traceId new on every request. The
-- /v1/ API keeps its own errors.
SELECT le_test_reset();
\set two `cat test/fixtures/004_photos_two_cultures.json`
SELECT linkedevents.import(:'two'::jsonb, 'photo');
-- The body with its traceId replaced, and whether that was a traceparent.
CREATE FUNCTION pg_temp.problem(path text, query text DEFAULT '') RETURNS TABLE (status int, body text, trace_id boolean)
    LANGUAGE sql AS $$
    SELECT g.status, replace(g.body::text, g.body ->> 'traceId', '<trace>'),
           g.body ->> 'traceId' ~ '^00-[0-9a-f]{32}-[0-9a-f]{16}-00$'
              AND g.body ->> 'traceId' !~ '^00-0{32}-' AND g.body ->> 'traceId' !~ '-0{16}-00$'
      FROM linkedevents.get(path, query) g
$$;

-- 404: the seed's body exactly (with a new traceId).
SELECT p AS path, (pg_temp.problem(p)).* FROM unnest(ARRAY[
    '/v2/content/xx-yy/photos', '/v2/content/sv-se/photos/hjk-goal', '/v2/content/en-us/photos/no-such-photo',
    '/v2/content/en-us/photos/hjk-goal/x', '/v3/content/en-us/photos', '/v20/content/en-us/photos',
    '/v2/content/en-us/stories', '/v2/content/en-us', '/v2/content/', '/v2/content', 'v2/content/en-us/photos/%2F',
    '/v2/content//photos'
  ]) p;
-- (the path is percent-decoded first, as for /v1/)
SELECT g.status, g.body ->> 'slug' AS slug FROM linkedevents.get('/v2/content/en%2Dus/photos/hjk%2Dgoal') g;
-- a culture without photos is 404 before any parameter is checked
SELECT (pg_temp.problem('/v2/content/xx-yy/photos', '$limit=0')).status;
-- /v1/ and other paths are the Linked Events API's, unchanged
SELECT status, body FROM linkedevents.get('/v1/content/en-us/photos');
SELECT status, body FROM linkedevents.get('/v2/place/');
SELECT status, body FROM linkedevents.get('/v2.0/content/en-us/photos');
SELECT status, body FROM linkedevents.get('/content/en-us/photos');
SELECT status, body FROM linkedevents.get('/language/', 'page_size=x&format=xml');

-- 400: which parameter ("errors") and why ("detail"), for malformed values
-- of every parameter. The first bad one in the seed's order is reported.
SELECT q AS query, (pg_temp.problem('/v2/content/en-us/photos', q)).body FROM unnest(ARRAY[
    '$skip=-1', '$skip=abc', '$skip=1.5', '$skip=+1', '$skip=%2B1', '$skip=%201', '$skip=2147483648', '$skip=1e3',
    '$skip=99999999999999999999999999',
    '$limit=0', '$limit=101', '$limit=-5', '$limit=ten', '$limit=25.0', '$limit=0x10',
    '$sort=featured', '$sort=contentDate', '$sort=lastUpdatedDate:down', '$sort=lastUpdatedDate:DESC',
    '$sort=-lastUpdatedDate', '$sort=lastUpdatedDate,tags.slug', '$sort=lastUpdatedDate%20desc',
    '$sort=lastupdateddate', '$sort=:desc',
    'featured=2', 'featured=yes', 'featured=true', 'featured=01', 'featured=-0',
    '_listAvailability=2', '_listAvailability=public', '_listAvailability=1.0',
    'tags.externalSourceReference=opta', 'tags.externalSourceReference=:t-1001',
    'tags.externalSourceReference=opta:',
    -- the seed's order: featured before $limit
    '$limit=0&featured=x', '$sort=x&$skip=x&_listAvailability=x',
    -- the last value is the one that counts
    '$limit=x&$limit=5', '$limit=5&$limit=x',
    -- a long value is quoted in part
    '$sort=' || repeat('ä', 100),
    -- the query string itself
    '$skip=%zz', 'tags.slug=a%00b', '%C3%28=1&$limit=%C3%28'
  ]) q;
SELECT (pg_temp.problem('/v2/content/en-us/photos', '$limit=500')).*;
-- the details have no query parameters: any query string is ignored
SELECT status FROM linkedevents.get('/v2/content/en-us/photos/hjk-goal', '$limit=x&%zz');
-- The list and detail functions raise the errors get() maps: 22023 with the
-- parameter as COLUMN_NAME, 42704.
DO $$
DECLARE
    column_name text;
BEGIN
    PERFORM linkedevents.photo_list('en-us', 'featured=maybe');
EXCEPTION WHEN invalid_parameter_value THEN
    GET STACKED DIAGNOSTICS column_name = COLUMN_NAME;
    RAISE NOTICE '% %: %', SQLSTATE, column_name, SQLERRM;
END $$;
SELECT le_error($$SELECT linkedevents.photo_list('no-culture')$$),
       le_error($$SELECT linkedevents.photo_detail('en-us', 'nothing')$$),
       le_error($$SELECT linkedevents.photo_list(NULL)$$),
       le_error($$SELECT linkedevents._photo_problem(500)$$);
SELECT linkedevents.photo_list('en-us', NULL) IS NOT NULL AS null_query_is_empty;

-- traceId: a new random traceparent on every request, also several in one
-- statement or one transaction (the statement time and the snapshot are the
-- same for all of them), and in a read-only transaction, which is what a hot
-- standby allows: nothing is written (no sequence).
CREATE TEMP TABLE traces (trace text);
BEGIN TRANSACTION READ ONLY;
SELECT count(*) AS requests, count(DISTINCT t) AS distinct_traces FROM (
    SELECT g.body ->> 'traceId' FROM generate_series(1, 200) i,
           LATERAL linkedevents.get('/v3/content/x', 'n=' || i) g
    UNION ALL
    SELECT g.body ->> 'traceId' FROM generate_series(1, 200) i,
           LATERAL linkedevents.get('/v2/content/en-us/photos', '$skip=x&n=' || i) g) x(t);
SELECT a.body ->> 'traceId' <> b.body ->> 'traceId' AS two_calls_differ
  FROM linkedevents.get('/v3/content/x') a, linkedevents.get('/v3/content/x') b;
COMMIT;
DO $$
BEGIN
    FOR i IN 1..300 LOOP
        INSERT INTO traces SELECT g.body ->> 'traceId' FROM linkedevents.get('/v2/content/en-us/photos/none') g;
        INSERT INTO traces SELECT linkedevents._trace_id();
    END LOOP;
END $$;
SELECT count(*) AS traces, count(DISTINCT trace) AS distinct_traces,
       count(DISTINCT split_part(trace, '-', 2)) AS distinct_trace_ids,
       count(DISTINCT split_part(trace, '-', 3)) AS distinct_parent_ids,
       bool_and(trace ~ '^00-[0-9a-f]{32}-[0-9a-f]{16}-00$') AS all_traceparents
  FROM traces;
SELECT provolatile, proparallel FROM pg_proc
 WHERE oid IN ('linkedevents._trace_id'::regproc, 'linkedevents._photo_problem'::regproc);
-- the list works read-only too, and its generatedAt is the request's time
BEGIN TRANSACTION READ ONLY;
SELECT g.status, (g.body #>> '{meta,generatedAt}')::timestamptz = statement_timestamp() AS generated_now
  FROM linkedevents.get('/v2/content/en-us/photos') g;
COMMIT;
