-- keyword and place n_events / has_upcoming_events stay correct after every
-- change of events, keywords and places (SPEC 4.4, 4.6, D25).
SELECT le_test_reset();
INSERT INTO linkedevents.data_source (id) VALUES ('ds');
INSERT INTO linkedevents.keyword (id) VALUES ('k1'), ('k2'), ('k3');
INSERT INTO linkedevents.place (id) VALUES ('p1'), ('p2');
CREATE VIEW counters AS
    SELECT 'keyword' AS kind, id, n_events, has_upcoming_events FROM linkedevents.keyword
    UNION ALL
    SELECT 'place', id, n_events, has_upcoming_events FROM linkedevents.place
    ORDER BY 1, 2;
-- What the counters must be, computed the slow way.
CREATE VIEW counters_wrong AS
    SELECT c.* FROM counters c
     WHERE (c.n_events, c.has_upcoming_events) IS DISTINCT FROM (
        CASE c.kind WHEN 'keyword' THEN
            (SELECT (count(e.id)::int, NOT k.deprecated AND bool_or(e.keywords @> ARRAY[k.id] AND e.end_time >= now()) IS TRUE)
               FROM linkedevents.keyword k LEFT JOIN linkedevents.event e
                 ON e.keywords @> ARRAY[k.id] OR e.audience @> ARRAY[k.id]
              WHERE k.id = c.id GROUP BY k.deprecated)
        ELSE
            (SELECT (count(e.id)::int, NOT p.deleted AND bool_or(e.end_time >= now()) IS TRUE)
               FROM linkedevents.place p LEFT JOIN linkedevents.event e ON e.location = p.id
              WHERE p.id = c.id GROUP BY p.deleted)
        END);
SELECT * FROM counters;

-- Insert: a keyword both in keywords and audience counts once; a past event
-- counts but is not upcoming; audience alone does not make a keyword upcoming.
INSERT INTO linkedevents.event (id, data_source, keywords, audience, location, end_time) VALUES
    ('ds:1', 'ds', '{k1,k2}', '{k1}', 'p1', now() + interval '1 day'),
    ('ds:2', 'ds', '{k2}', '{k3}', 'p1', now() - interval '1 day'),
    ('ds:3', 'ds', '{}', '{k3}', 'p2', now() + interval '1 day');
SELECT * FROM counters;
SELECT * FROM counters_wrong;

-- Update of keywords, audience, location and end time.
UPDATE linkedevents.event SET keywords = '{k3}', audience = '{}' WHERE id = 'ds:1';
SELECT * FROM counters;
UPDATE linkedevents.event SET location = 'p2' WHERE id = 'ds:2';
SELECT * FROM counters;
UPDATE linkedevents.event SET end_time = now() - interval '1 hour' WHERE id = 'ds:1';
SELECT * FROM counters;
UPDATE linkedevents.event SET end_time = now() + interval '1 hour', deleted = true;
SELECT * FROM counters;
SELECT * FROM counters_wrong;
-- An update of other columns writes no counter.
UPDATE linkedevents.keyword SET n_events = 99 WHERE id = 'k1';
UPDATE linkedevents.event SET name = '{"fi": "x"}';
SELECT id, n_events FROM linkedevents.keyword WHERE id = 'k1';
UPDATE linkedevents.keyword SET n_events = 0 WHERE id = 'k1';
-- An event's id changes.
UPDATE linkedevents.event SET id = 'ds:9' WHERE id = 'ds:3';
SELECT * FROM counters_wrong;

-- Deprecating a keyword or deleting a place clears its flag; undoing it
-- restores the flag.
UPDATE linkedevents.keyword SET deprecated = true WHERE id = 'k3';
UPDATE linkedevents.place SET deleted = true WHERE id = 'p2';
SELECT * FROM counters;
UPDATE linkedevents.keyword SET deprecated = false WHERE id = 'k3';
UPDATE linkedevents.place SET deleted = false WHERE id = 'p2';
SELECT * FROM counters_wrong;

-- Delete.
DELETE FROM linkedevents.event WHERE id = 'ds:9';
SELECT * FROM counters;
SELECT * FROM counters_wrong;

-- An import may write events before their place (deferred foreign key); the
-- place is counted when it arrives.
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO linkedevents.event (id, data_source, location, end_time)
    VALUES ('ds:4', 'ds', 'p3', now() + interval '1 day'), ('ds:5', 'ds', 'p3', NULL);
INSERT INTO linkedevents.place (id) VALUES ('p3');
COMMIT;
SELECT * FROM counters WHERE id = 'p3';
-- Explicit counter values given on insert are corrected.
INSERT INTO linkedevents.keyword (id, n_events, has_upcoming_events) VALUES ('k4', 7, true);
SELECT * FROM counters WHERE id = 'k4';

-- TRUNCATE leaves no event to count.
TRUNCATE linkedevents.event CASCADE;
SELECT * FROM counters WHERE n_events <> 0 OR has_upcoming_events;

-- refresh_upcoming(): events stop being upcoming as time passes. Counters
-- set to a stale state are re-evaluated; the number of changed rows is
-- returned, and a second run changes nothing.
INSERT INTO linkedevents.event (id, data_source, keywords, location, end_time) VALUES
    ('ds:6', 'ds', '{k1}', 'p1', now() + interval '1 day'),
    ('ds:7', 'ds', '{k2}', 'p2', now() - interval '1 day');
UPDATE linkedevents.keyword SET has_upcoming_events = NOT has_upcoming_events WHERE id IN ('k1', 'k2');
UPDATE linkedevents.place SET has_upcoming_events = true;
SELECT * FROM counters;
SELECT linkedevents.refresh_upcoming();
SELECT * FROM counters;
SELECT linkedevents.refresh_upcoming();
SELECT provolatile FROM pg_proc WHERE oid = 'linkedevents.refresh_upcoming'::regproc;
DROP VIEW counters_wrong;
DROP VIEW counters;
