-- The event list's statements use indexes (DESIGN: layer 3): a few
-- thousand generated rows, ANALYZE, then which index each plan names.
-- (The organization subtree of publisher_ancestor is a seq scan at this
-- size; it feeds event_publisher_idx through an init plan.)
-- Only index names are asserted, so values bound into the plan (today's
-- date) do not make the output change. Each query is then run again with
-- index scans disabled: the same ids in the same order must come back, so an
-- index (or an index condition) that returns wrong rows fails the test.
SELECT le_test_reset();
INSERT INTO linkedevents.data_source (id) VALUES ('gen');
INSERT INTO linkedevents.organization (id, parent)
SELECT 'org:' || i, CASE WHEN i >= 10 THEN 'org:' || (i / 10) END
  FROM generate_series(1, 2000) i;
INSERT INTO linkedevents.place (id, data_source, position)
SELECT 'place:' || i, 'gen',
       ST_SetSRID(ST_MakePoint(24.5 + (i % 20) * 0.05, 60.0 + (i / 20) * 0.03), 4326)
  FROM generate_series(1, 400) i;
INSERT INTO linkedevents.keyword (id) SELECT 'gen:k' || i FROM generate_series(0, 199) i;
INSERT INTO linkedevents.event (id, data_source, publisher, location, keywords, start_time,
                                end_time, last_modified_time)
SELECT 'gen:' || i, 'gen', 'org:' || (i % 2000 + 1), 'place:' || (i % 400 + 1),
       ARRAY['gen:k' || (i % 200)],
       today + (i - 4500) * interval '6 hours', today + (i - 4500) * interval '6 hours' + interval '2 hours',
       now() - i * interval '1 minute'
  FROM generate_series(1, 5000) i,
       -- 00:00 local today, so that start=today counts the same at any hour
       (SELECT date_trunc('day', now() AT TIME ZONE 'Europe/Helsinki') AT TIME ZONE 'Europe/Helsinki') t(today);
ANALYZE linkedevents.keyword, linkedevents.data_source, linkedevents.organization, linkedevents.place,
        linkedevents.event, linkedevents.registration;

CREATE FUNCTION pg_temp.plan_uses(query text, index_name text) RETURNS boolean
    LANGUAGE sql AS $$
    SELECT bool_or(line LIKE '%' || index_name || '%')
      FROM linkedevents._event_query_explain(query) line
$$;
CREATE FUNCTION pg_temp.event_ids(query text) RETURNS text[]
    LANGUAGE sql AS $$
    SELECT array_agg(f.id ORDER BY f.ordinality) FROM linkedevents.find_events(query) WITH ORDINALITY AS f
$$;
CREATE TEMP TABLE indexed AS
SELECT q, idx, pg_temp.plan_uses(q, idx) AS uses_index, pg_temp.event_ids(q) AS ids FROM (VALUES
    ('start=today&sort=start_time', 'event_start_time_idx'),
    ('keyword=gen:k7,gen:k8', 'event_keywords_audience_idx'),
    ('keyword_AND=gen:k7&keyword!=gen:k9', 'event_keywords_audience_idx'),
    ('location=place:7,place:8', 'event_location_idx'),
    ('bbox=24.6,60.05,24.7,60.1', 'place_position_idx'),
    ('dwithin_origin=24.65,60.06&dwithin_metres=500', 'place_position_geography_idx'),
    ('publisher_ancestor=org:150', 'event_publisher_idx'),
    ('ids=gen:1,gen:2', 'event_pkey')
) v(q, idx);
SELECT q, idx, uses_index FROM indexed;

-- the same answers without the indexes' help
SET enable_indexscan = off;
SET enable_indexonlyscan = off;
SET enable_bitmapscan = off;
SELECT q, pg_temp.plan_uses(q, idx) AS uses_index, cardinality(ids) AS count,
       ids IS NOT DISTINCT FROM pg_temp.event_ids(q) AS same_ids
  FROM indexed;
RESET enable_indexscan;
RESET enable_indexonlyscan;
RESET enable_bitmapscan;
