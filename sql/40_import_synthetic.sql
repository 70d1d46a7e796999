-- The synthetic data generator (test/generate.sql) at a tiny size: the
-- shape of what it writes, and that it writes the same rows every time.
SELECT le_test_reset();
\set size 300
\set seed 1
\set ECHO none
\i test/generate.sql
\set ECHO all
RESET client_min_messages;
SELECT 'events' AS what, count(*) FROM linkedevents.event
UNION ALL SELECT 'super events', count(*) FROM linkedevents.event WHERE super_event_type IS NOT NULL
UNION ALL SELECT 'sub events', count(*) FROM linkedevents.event WHERE super_event IS NOT NULL
UNION ALL SELECT 'drafts', count(*) FROM linkedevents.event WHERE publication_status = 'draft'
UNION ALL SELECT 'deleted', count(*) FROM linkedevents.event WHERE deleted
UNION ALL SELECT 'replaced', count(*) FROM linkedevents.event WHERE replaced_by IS NOT NULL
UNION ALL SELECT 'private source', count(*) FROM linkedevents.event e JOIN linkedevents.data_source d ON d.id = e.data_source WHERE d.private
UNION ALL SELECT 'date-only', count(*) FROM linkedevents.event WHERE NOT has_start_time
UNION ALL SELECT 'no end', count(*) FROM linkedevents.event WHERE end_time IS NULL
UNION ALL SELECT 'with ages', count(*) FROM linkedevents.event WHERE audience_min_age IS NOT NULL
UNION ALL SELECT 'registrations', count(*) FROM linkedevents.registration
UNION ALL SELECT 'free offers', count(*) FROM linkedevents.offer WHERE is_free
UNION ALL SELECT 'priced offers', count(*) FROM linkedevents.offer WHERE NOT is_free
UNION ALL SELECT 'internet places', count(*) FROM linkedevents.place WHERE id LIKE '%:internet'
UNION ALL SELECT 'places', count(*) FROM linkedevents.place
UNION ALL SELECT 'keywords', count(*) FROM linkedevents.keyword
UNION ALL SELECT 'keyword sets', count(*) FROM linkedevents.keyword_set
UNION ALL SELECT 'organizations', count(*) FROM linkedevents.organization
UNION ALL SELECT 'organization levels', max(cardinality(tree_path)) FROM linkedevents.organization
UNION ALL SELECT 'divisions', count(*) FROM linkedevents.division;
-- Times: most events past, a realistic share in the coming year; super
-- events span their children.
SELECT count(*) FILTER (WHERE start_time >= now() AND start_time < now() + interval '1 year') * 100 / count(*)
           BETWEEN 25 AND 45 AS coming_year_share_ok,
       count(*) FILTER (WHERE start_time < now()) * 100 / count(*) BETWEEN 50 AND 70 AS past_share_ok
  FROM linkedevents.event;
SELECT count(*) AS super_events_not_spanning_children
  FROM linkedevents.event c JOIN linkedevents.event s ON s.id = c.super_event
 WHERE c.start_time < s.start_time OR coalesce(c.end_time, c.start_time) > s.end_time;
-- Positions lie in the Helsinki area; every Helsinki place has a district.
SELECT count(*) FILTER (WHERE ST_X(position) NOT BETWEEN 24.80 AND 25.20 OR ST_Y(position) NOT BETWEEN 60.15 AND 60.30)
           AS outside, count(*) FILTER (WHERE position IS NULL) AS without_position
  FROM linkedevents.place;
SELECT count(*) AS helsinki_places_without_district
  FROM linkedevents.place p JOIN linkedevents.place_division d ON d.place = p.id
 WHERE d.division = 'ocd-division/country:fi/kunta:helsinki'
   AND NOT EXISTS (SELECT 1 FROM linkedevents.place_division x WHERE x.place = p.id AND x.division LIKE '%/peruspiiri:%');
-- Keyword popularity falls off with rank: the top keyword is used far more
-- often than the median one. The derived counts agree with the events.
SELECT max(n_events) > 5 * percentile_disc(0.5) WITHIN GROUP (ORDER BY n_events) AS zipf_like
  FROM linkedevents.keyword WHERE origin_id ~ '^p5';
SELECT count(*) AS wrong_counts FROM linkedevents.keyword k
 WHERE n_events <> (SELECT count(*) FROM linkedevents.event e WHERE k.id = ANY (e.keywords || e.audience));
-- The same size and seed give the same rows (time-independent columns).
SELECT md5(string_agg(concat_ws('|', id, data_source, publisher, location, keywords, audience, in_language,
                                super_event, super_event_type, event_status, publication_status, deleted, name,
                                has_start_time, audience_min_age),
                      '/' ORDER BY id)) AS events_fingerprint
  FROM linkedevents.event;
SELECT e.name FROM linkedevents.event e ORDER BY id LIMIT 3;
