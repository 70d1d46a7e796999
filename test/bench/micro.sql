-- Microbenchmarks (test/bench.sh): each pair does the same work over the
-- same inputs, timed in the server; the input generation is timed alone and
-- subtracted. Results go to bench.micro.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
LOAD 'linkedevents';

CREATE TABLE bench.micro (
    name   text,
    way    text,
    n      bigint,      -- items processed
    ms     float8,      -- total time, input generation subtracted
    unit   text,        -- what per_item means
    per_item float8
);

-- Milliseconds of one run of stmt (the second of two; the first warms).
CREATE FUNCTION bench.time_once(stmt text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    result text;
BEGIN
    EXECUTE stmt INTO result;
    t0 := clock_timestamp();
    EXECUTE stmt INTO result;
    RETURN 1000 * extract(epoch FROM clock_timestamp() - t0)::float8;
END
$$;

-- parse_duration vs PostgreSQL's interval input, 100k values of the forms
-- the API takes ('90m', '2h', '3d', '5400').
CREATE TEMP TABLE micro_duration AS
SELECT i, (i % 500)::text || (ARRAY['m', 'h', 'd', 's'])[1 + i % 4] AS api,
       (i % 500)::text || (ARRAY[' minutes', ' hours', ' days', ' seconds'])[1 + i % 4] AS pg
  FROM generate_series(1, 100000) i;
WITH scan AS (SELECT bench.time_once('SELECT count(api || pg) FROM micro_duration') AS ms)
INSERT INTO bench.micro
SELECT 'duration: 100k values', way, 100000, t - scan.ms, 'ns/value', (t - scan.ms) * 1e6 / 100000
  FROM scan, LATERAL (VALUES
      ('linkedevents.parse_duration', bench.time_once('SELECT count(linkedevents.parse_duration(api)) FROM micro_duration')),
      ('text::interval', bench.time_once('SELECT count(pg::interval) FROM micro_duration'))) v(way, t);

-- ongoing_match over the events' search texts (SPEC 1.9), in MB/s, against
-- the same OR search as a case-insensitive regular expression. The scan
-- subtracted passes the documents without reading their characters.
CREATE TEMP TABLE micro_doc AS
SELECT linkedevents._event_ongoing_text(e) AS doc FROM linkedevents.event e ORDER BY id LIMIT 20000;
SELECT sum(octet_length(doc)) AS doc_bytes, count(*) AS docs FROM micro_doc \gset
WITH scan AS (SELECT bench.time_once('SELECT count(doc) FROM micro_doc') AS ms)
INSERT INTO bench.micro
SELECT format('ongoing terms: %s docs, %s MB', :docs, round(:doc_bytes / 1e6, 1)), way, :docs, t - scan.ms,
       'MB/s', :doc_bytes / 1e6 / ((t - scan.ms) / 1000)
  FROM scan, LATERAL (VALUES
      ('ongoing_match OR lapsi,musiikki',
       bench.time_once('SELECT count(*) FILTER (WHERE linkedevents.ongoing_match(doc, ''lapsi,musiikki'', false)) FROM micro_doc')),
      ('ongoing_match AND lapsi,musiikki',
       bench.time_once('SELECT count(*) FILTER (WHERE linkedevents.ongoing_match(doc, ''lapsi,musiikki'', true)) FROM micro_doc')),
      ('regex ~* OR lapsi,musiikki',
       bench.time_once(format('SELECT count(*) FILTER (WHERE doc ~* %L) FROM micro_doc',
                              baseline.ongoing_regex('{lapsi,musiikki}'))))) v(way, t);

-- to_jsonld vs row_to_json, per event, over 10k events.
SELECT id AS last_id FROM linkedevents.event ORDER BY id OFFSET 9999 LIMIT 1 \gset
WITH scan AS (SELECT bench.time_once(format('SELECT count(e.id) FROM linkedevents.event e WHERE e.id <= %L', :'last_id')) AS ms)
INSERT INTO bench.micro
SELECT 'serialize one event: 10k events', way, 10000, t - scan.ms, 'us/event', (t - scan.ms) * 1000 / 10000
  FROM scan, LATERAL (VALUES
      ('linkedevents.to_jsonld',
       bench.time_once(format('SELECT sum(length(linkedevents.to_jsonld(e)::text)) FROM linkedevents.event e WHERE e.id <= %L', :'last_id'))),
      ('row_to_json', bench.time_once(format('SELECT sum(length(row_to_json(e)::text)) FROM linkedevents.event e WHERE e.id <= %L', :'last_id')))) v(way, t);

-- kwquery @@ vs the same condition with && and @>, over every event, on a
-- sequential scan and through the GIN index.
SELECT (SELECT id FROM linkedevents.keyword WHERE NOT deprecated ORDER BY n_events DESC, id LIMIT 1 OFFSET 0) AS k1,
       (SELECT id FROM linkedevents.keyword WHERE NOT deprecated ORDER BY n_events DESC, id LIMIT 1 OFFSET 1) AS k2,
       (SELECT id FROM linkedevents.keyword WHERE NOT deprecated ORDER BY n_events DESC, id LIMIT 1 OFFSET 2) AS k3
\gset
SELECT format('%s & (%s | %s) & !yso:p4354', :'k1', :'k2', :'k3') AS kwq,
       format('(keywords || audience) @> %L AND (keywords || audience) && %L AND NOT (keywords || audience) && %L',
              ARRAY[:'k1'], ARRAY[:'k2', :'k3'], '{yso:p4354}') AS arrq \gset
SELECT count(*) AS n_events FROM linkedevents.event \gset
SET enable_indexscan = off;
SET enable_bitmapscan = off;
INSERT INTO bench.micro
SELECT 'kwquery, seq scan: ' || :'kwq', way, :n_events, t, 'ns/event', t * 1e6 / :n_events
  FROM (VALUES
      ('@@ kwquery', bench.time_once(format('SELECT count(*) FROM linkedevents.event WHERE (keywords || audience) OPERATOR(linkedevents.@@) %L::linkedevents.kwquery', :'kwq'))),
      ('&& / @>', bench.time_once('SELECT count(*) FROM linkedevents.event WHERE ' || :'arrq'))) v(way, t);
RESET enable_indexscan;
RESET enable_bitmapscan;
SET enable_seqscan = off;
INSERT INTO bench.micro
SELECT 'kwquery, GIN index: ' || :'kwq', way, :n_events, t, 'ms/query', t
  FROM (VALUES
      ('@@ kwquery', bench.time_once(format('SELECT count(*) FROM linkedevents.event WHERE (keywords || audience) OPERATOR(linkedevents.@@) %L::linkedevents.kwquery', :'kwq'))),
      ('&& / @>', bench.time_once('SELECT count(*) FROM linkedevents.event WHERE ' || :'arrq'))) v(way, t);
RESET enable_seqscan;
