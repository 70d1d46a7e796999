-- The extension installs with PostGIS and its settings have their defaults.
CREATE EXTENSION linkedevents CASCADE;
SELECT extname, extversion, nspname AS schema
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE extname IN ('linkedevents', 'pg_trgm', 'postgis') ORDER BY extname;
SELECT name, setting FROM pg_settings WHERE name LIKE 'linkedevents.%' ORDER BY name;
-- Every table of the data model exists.
SELECT string_agg(relname, ', ' ORDER BY relname) FROM pg_class
 WHERE relnamespace = 'linkedevents'::regnamespace AND relkind = 'r';
-- A bad time zone is refused.
SET linkedevents.time_zone = 'Mars/Olympus';
SET linkedevents.languages = 'fi,,sv';
-- The prefix is reserved: a misspelt setting is an error, not a placeholder.
SET linkedevents.base_ulr = 'x';
-- Every SQL and PL/pgSQL function of the extension has a pinned search_path
-- (or a body bound at creation).
SELECT count(*) AS unpinned FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
 WHERE pronamespace = 'linkedevents'::regnamespace AND lanname IN ('sql', 'plpgsql')
   AND prosqlbody IS NULL AND proconfig IS NULL;
-- The organization tree: paths follow parents whatever the insert order, and
-- a cycle is refused.
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO linkedevents.organization (id, parent) VALUES ('c', 'b'), ('d', 'b');
SELECT id, tree_path FROM linkedevents.organization ORDER BY tree_path;
INSERT INTO linkedevents.organization (id, parent) VALUES ('b', 'a'), ('a', NULL);
COMMIT;
SELECT id, tree_path FROM linkedevents.organization ORDER BY tree_path;
UPDATE linkedevents.organization SET parent = 'c' WHERE id = 'a';
UPDATE linkedevents.organization SET parent = 'd' WHERE id = 'c';
SELECT id, tree_path FROM linkedevents.organization ORDER BY tree_path;
-- Ids in arrays must exist.
INSERT INTO linkedevents.data_source (id) VALUES ('ds');
INSERT INTO linkedevents.event (id, data_source, keywords) VALUES ('ds:1', 'ds', '{yso:p1}');
INSERT INTO linkedevents.keyword (id) VALUES ('yso:p1');
INSERT INTO linkedevents.event (id, data_source, keywords) VALUES ('ds:1', 'ds', '{yso:p1}');
INSERT INTO linkedevents.event (id, data_source, in_language) VALUES ('ds:2', 'ds', '{fi}');
DELETE FROM linkedevents.keyword;
-- Tests start from empty tables: le_test_reset() empties every table.
CREATE FUNCTION public.le_test_reset() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE (SELECT 'TRUNCATE ' || string_agg(oid::regclass::text, ', ') || ' CASCADE'
               FROM pg_class WHERE relnamespace = 'linkedevents'::regnamespace AND relkind = 'r');
END $$;
-- le_error(query): runs a query and shows "SQLSTATE: message" for its error.
CREATE FUNCTION public.le_error(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE query;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
-- le_ids(query): the ids find_events returns, in order, or the error's
-- SQLSTATE and message; one line per query keeps the expected output short.
CREATE FUNCTION public.le_ids(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    RETURN (SELECT coalesce(string_agg(f.id, ' ' ORDER BY f.ordinality), '')
              FROM linkedevents.find_events(query) WITH ORDINALITY AS f);
EXCEPTION WHEN OTHERS THEN
    RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT le_test_reset();
SELECT count(*) FROM linkedevents.event;
