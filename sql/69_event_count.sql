-- A list without filters is counted from linkedevents.event_count, kept by
-- triggers; it must always equal the count of the events the list selects.
SELECT le_test_reset();
INSERT INTO linkedevents.data_source (id, private) VALUES ('pub', false), ('priv', true);
INSERT INTO linkedevents.organization (id, parent) VALUES ('org:a', NULL), ('org:b', 'org:a'), ('org:c', NULL);
INSERT INTO linkedevents.event (id, data_source, publisher, type_id, publication_status, deleted)
SELECT 'e:' || i, CASE WHEN i % 7 = 0 THEN 'priv' ELSE 'pub' END,
       (ARRAY['org:a', 'org:b', 'org:c', NULL])[i % 4 + 1],
       (ARRAY['General', 'General', 'Course', 'Volunteering'])[i % 4 + 1],
       CASE WHEN i % 5 = 0 THEN 'draft' ELSE 'public' END, i % 6 = 0
  FROM generate_series(1, 200) i;

-- One line per state: for each query, "listed counted" when they differ,
-- else the count alone.
CREATE FUNCTION pg_temp.counts() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    q text;
    listed bigint;
    counted bigint;
    result text := '';
BEGIN
    FOREACH q IN ARRAY ARRAY['', 'show_deleted=true', 'deleted=true', 'event_type=course,volunteering',
                             'page_size=3', 'sort=name,-start_time', 'show_all=true', 'admin_user=true', 'keyword=x']
    LOOP
        counted := (linkedevents.event_list(q) -> 'meta' ->> 'count')::bigint;
        SELECT count(*) INTO listed FROM linkedevents.find_events(q);
        result := result || CASE WHEN listed = counted THEN listed::text
                                 ELSE format('MISMATCH %s %s', listed, counted) END || ' ';
    END LOOP;
    RETURN result;
END $$;
SELECT pg_temp.counts() AS inserted;
-- the caller's organizations widen show_all and admin_user (D22)
BEGIN;
SET LOCAL linkedevents.user_organizations = 'org:a';
SELECT pg_temp.counts() AS signed_in;
ROLLBACK;
UPDATE linkedevents.event SET publication_status = 'public' WHERE id IN ('e:5', 'e:10', 'e:15');
UPDATE linkedevents.event SET deleted = true, publisher = 'org:c' WHERE id LIKE 'e:1%';
UPDATE linkedevents.event SET id = id || 'x' WHERE id LIKE 'e:2%';
SELECT pg_temp.counts() AS updated;
DELETE FROM linkedevents.event WHERE id LIKE 'e:3%';
SELECT pg_temp.counts() AS deleted;
-- the data source's private flag is read at query time, not counted
UPDATE linkedevents.data_source SET private = NOT private;
SELECT pg_temp.counts() AS sources_flipped;
-- a rolled-back statement leaves no trace
BEGIN;
DELETE FROM linkedevents.event;
SELECT pg_temp.counts() AS emptied_in_transaction;
ROLLBACK;
SELECT pg_temp.counts() AS rolled_back;
TRUNCATE linkedevents.event CASCADE;
SELECT pg_temp.counts() AS truncated, (SELECT count(*) FROM linkedevents.event_count) AS count_rows;
-- The list's count is read from event_count (a tampered row shows), with
-- filters from the events themselves.
INSERT INTO linkedevents.event (id, data_source) VALUES ('e:1', 'priv');
UPDATE linkedevents.event_count SET n = n + 1000;
SELECT linkedevents.event_list('') -> 'meta' ->> 'count' AS unfiltered,
       linkedevents.event_list('ids=e:1') -> 'meta' ->> 'count' AS filtered;
