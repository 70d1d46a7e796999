-- The event list names PostGIS with the schema it is installed in, so a
-- caller's search_path cannot capture ST_* functions, the geography type or
-- spatial_ref_sys. The functions also pin their search_path; this test
-- removes the pin (in a transaction that rolls back) so that only the
-- qualified names protect them, under a path that puts a hostile schema
-- before PostGIS's.
SELECT le_test_reset();
SELECT le_event_fixtures();
CREATE SCHEMA hostile;
CREATE FUNCTION hostile.captured(name text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'captured: %', name;
END $$;
CREATE FUNCTION hostile.st_makeenvelope(float8, float8, float8, float8, integer) RETURNS geometry
    LANGUAGE sql AS $$ SELECT NULL::geometry WHERE hostile.captured('st_makeenvelope') $$;
CREATE FUNCTION hostile.st_transform(geometry, integer) RETURNS geometry
    LANGUAGE sql AS $$ SELECT NULL::geometry WHERE hostile.captured('st_transform') $$;
CREATE FUNCTION hostile.st_setsrid(geometry, integer) RETURNS geometry
    LANGUAGE sql AS $$ SELECT NULL::geometry WHERE hostile.captured('st_setsrid') $$;
CREATE FUNCTION hostile.st_makepoint(float8, float8) RETURNS geometry
    LANGUAGE sql AS $$ SELECT NULL::geometry WHERE hostile.captured('st_makepoint') $$;
CREATE FUNCTION hostile.st_x(geometry) RETURNS float8
    LANGUAGE sql AS $$ SELECT 0::float8 WHERE hostile.captured('st_x') $$;
CREATE FUNCTION hostile.st_within(geometry, geometry) RETURNS boolean
    LANGUAGE sql AS $$ SELECT hostile.captured('st_within') $$;
CREATE FUNCTION hostile.st_dwithin(geography, geography, float8) RETURNS boolean
    LANGUAGE sql AS $$ SELECT hostile.captured('st_dwithin') $$;
-- every SRID "unknown", and a geography type that no geometry casts to
CREATE TABLE hostile.spatial_ref_sys (srid integer, srtext text);
CREATE DOMAIN hostile.geography AS integer;

-- The answers with the pinned functions, to compare with.
CREATE TABLE answers AS
SELECT q, le_ids(q) AS ids FROM (VALUES
    ('bbox=24.9,60.19,25.1,60.3'),
    ('bbox=380000,6660000,400000,6700000&srid=3067'),
    ('bbox=24,60,1e30,61&srid=3067'),
    ('dwithin_origin=24.933,60.2&dwithin_metres=111.5'),
    ('dwithin_origin=385413.21,6675367.57&dwithin_metres=1&srid=3067'),
    ('location=place:malmi,place:espoo'),
    ('location=place:pasila&srid=3067'),
    ('srid=777')
) v(q);
SELECT * FROM answers;

-- the trap works: unqualified names find the hostile objects
SET search_path = hostile, public;
SELECT ST_Within('POINT(0 0)', 'POINT(0 0)');
SELECT ST_DWithin('POINT(0 0)'::public.geography, 'POINT(0 0)'::public.geography, 1);
SELECT ST_Transform(ST_MakeEnvelope(0, 0, 1, 1, 3067), 4326);
SELECT 'SRID=4326;POINT(0 0)'::public.geometry::geography;
SELECT count(*) AS srids FROM spatial_ref_sys;
RESET search_path;

BEGIN;
ALTER FUNCTION linkedevents.find_events(text) RESET search_path;
ALTER FUNCTION linkedevents.event_list(text, text) RESET search_path;
SELECT proname, proconfig FROM pg_proc
 WHERE oid IN ('linkedevents.find_events(text)'::regprocedure,
               'linkedevents.event_list(text, text)'::regprocedure);
SET LOCAL search_path = hostile, public;
-- the same answers, row by row
SELECT a.q, public.le_ids(a.q) AS ids, public.le_ids(a.q) = a.ids AS same
  FROM public.answers a;
-- a place position in another srid (the serializer, jsonld_place.c, is
-- not pinned at all)
SELECT linkedevents.event_list('ids=ds:2&include=location&srid=3067')
       -> 'data' -> 0 -> 'location' -> 'position' AS position;
SELECT linkedevents._jsonld_page_data('place', '{place:pasila}', '{}', NULL, NULL, 3067)
       -> 0 -> 'position' AS position;
ROLLBACK;
SELECT proname, proconfig IS NOT NULL AS pinned FROM pg_proc
 WHERE oid IN ('linkedevents.find_events(text)'::regprocedure,
               'linkedevents.event_list(text, text)'::regprocedure);
DROP TABLE answers;
SET client_min_messages = warning;
DROP SCHEMA hostile CASCADE;
RESET client_min_messages;
