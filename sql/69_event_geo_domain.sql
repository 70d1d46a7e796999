-- Coordinates a projection cannot express (SPEC 1.8, 0.5, 4.4). A bbox or
-- dwithin_origin that PostGIS cannot transform from the request's srid to
-- EPSG:4326 (outside the projection's domain) is a 400 with the message of
-- an invalid bbox / origin, never PostGIS's internal error (XX000); so is an
-- origin off the globe. A stored position that PostGIS cannot transform to
-- the output srid renders as null; the rest of the document stays.
SELECT le_test_reset();
SELECT le_event_fixtures();
-- What PostGIS itself does: EPSG:3067 (transverse Mercator) has no point
-- for x = 1e30, and EPSG:3034 (Lambert conformal conic, Europe) none for the
-- South Pole.
SELECT ST_Transform('SRID=3067;POINT(1e30 60)'::geometry, 4326);
SELECT ST_Transform('SRID=4326;POINT(0 -90)'::geometry, 3034);
-- a place on the South Pole with an event
INSERT INTO linkedevents.place (id, data_source, name, position) VALUES
    ('place:pole', 'ds', '{"fi": "Etelänapa"}', 'SRID=4326;POINT(0 -90)');
INSERT INTO linkedevents.event (id, data_source, location, name, start_time, end_time) VALUES
    ('ds:pole', 'ds', 'place:pole', '{"fi": "Napaseminaari"}', '2025-03-06 10:00+02', '2025-03-06 12:00+02');

SELECT q, le_ids(q) FROM (VALUES
    -- in the domain: Pasila (EPSG:3067 385413.21, 6675367.57) and the whole fixture area
    ('dwithin_origin=385413.21,6675367.57&dwithin_metres=1&srid=3067'),
    ('bbox=380000,6660000,400000,6700000&srid=3067'),
    ('bbox=-180,-90,180,-89'),
    -- longitude and latitude read as EPSG:3067 metres: near the equator, no event
    ('bbox=24,60,25,61&srid=3067'),
    -- outside the domain
    ('bbox=24,60,1e30,61&srid=3067'),
    ('bbox=-1e9,0,0,1&srid=3067'),
    ('dwithin_origin=1e30,60&dwithin_metres=5&srid=3067'),
    ('dwithin_origin=1e8,1e8&dwithin_metres=5&srid=3067'),
    -- off the globe in EPSG:4326 (a geography cast would coerce it into range)
    ('dwithin_origin=24.933,100&dwithin_metres=5'),
    ('dwithin_origin=200,60&dwithin_metres=5'),
    ('dwithin_origin=180,-90&dwithin_metres=5'),
    -- checked in bbox's place in the pipeline: after ids, before event_status
    ('ids=a,b,c/&bbox=24,60,1e30,61&srid=3067&event_status=x'),
    ('bbox=24,60,1e30,61&srid=3067&weekday=9'),
    ('dwithin_origin=1e30,60&dwithin_metres=5&srid=3067&weekday=9')
) v(q);

-- the HTTP answer, and the DETAIL that tells SQL callers why
SELECT status, body FROM linkedevents.get('event/', 'bbox=24,60,1e30,61&srid=3067');
SELECT status, body FROM linkedevents.get('event/', 'dwithin_origin=1e30,60&dwithin_metres=5&srid=3067');
SELECT linkedevents.find_events('bbox=24,60,1e30,61&srid=3067');
SELECT linkedevents.find_events('dwithin_origin=24.933,100&dwithin_metres=5');

-- Output: the pole has no EPSG:3034 position, but one in 4326 and 3067.
SELECT srid, status, body -> 'data' -> 0 -> 'location' -> 'position' AS position,
       body -> 'data' -> 0 -> 'location' ->> 'name' AS name
  FROM unnest(ARRAY[4326, 3067, 3034]) srid,
       linkedevents.get('event/', 'ids=ds:pole&include=location&srid=' || srid);
SELECT status, body -> 'position' AS position, body -> 'name' AS name
  FROM linkedevents.get('place/place:pole/', 'srid=3034');
-- place list: one position null, the others in EPSG:3034
SELECT p ->> 'id' AS id, p -> 'position' AS position
  FROM linkedevents.get('place/', 'srid=3034&show_all_places=true') g,
       json_array_elements(g.body -> 'data') p
 ORDER BY 1;
-- a stored position that is no point on Earth (the import never writes one)
SET client_min_messages = warning;	-- the geography index coerces it, with a NOTICE
UPDATE linkedevents.place SET position = 'SRID=4326;POINT(200 100)' WHERE id = 'place:pole';
RESET client_min_messages;
SELECT srid, status, body -> 'position' AS position
  FROM unnest(ARRAY[4326, 3067]) srid,
       linkedevents.get('place/place:pole/', 'srid=' || srid);
