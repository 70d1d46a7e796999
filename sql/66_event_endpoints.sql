-- event_list (SPEC 1, 3) and event_detail (SPEC 2): the page envelope,
-- pagination and its errors after filter errors, and the detail's status
-- checks in order. Documents themselves are the serializer's (30_*).
SELECT le_test_reset();
SELECT le_event_fixtures();
-- le_call(sql): the JSON a call returns, or its SQLSTATE, message and DETAIL.
CREATE FUNCTION pg_temp.le_call(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    result text;
    detail text;
BEGIN
    EXECUTE sql INTO result;
    RETURN result;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
    RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM || coalesce(nullif(' DETAIL ' || detail, ' DETAIL '), '');
END $$;
-- page(query): meta and the ids of data of event_list(query).
CREATE FUNCTION pg_temp.page(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    j json;
BEGIN
    j := linkedevents.event_list(query, 'https://api.example/v1/');
    RETURN (j->'meta')::text || ' ' ||
           coalesce((SELECT string_agg(d->>'id', ' ') FROM json_array_elements(j->'data') d), '');
EXCEPTION WHEN OTHERS THEN
    RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
END $$;

-- Pages: default size 20 (15 events fit), next/previous keep the other
-- parameters, sorted and form-encoded; page 2's previous has no page.
SELECT q, pg_temp.page(q) FROM (VALUES
    (''),
    ('page_size=6'),
    ('page_size=6&page=2'),
    ('page_size=6&page=3'),
    ('page_size=6&page=last&location=place:malmi,place:pasila'),
    ('page_size=0&page=1'),
    ('page_size=-3'),
    ('page_size=x&ids=ds:1'),
    ('page_size=1000&ids=ds:1'),
    ('ids=nothing'),
    ('format=api&page_size=4&page=2&sort=start_time'),
    ('page='),
    ('page=2&ids=nothing'),
    ('page=0'),
    ('page=2.0'),
    ('page=x'),
    ('page=2'),
    ('page=0&weekday=9'),
    ('page=9&event_type=party'),
    ('format=xml'),
    ('format=xml&weekday=9')
) v(q);
-- base_url NULL is linkedevents.base_url
SELECT linkedevents.event_list('page_size=1&ids=ds:1,ds:2') -> 'meta' AS meta;
SELECT linkedevents.event_list('page_size=1&ids=ds:1') -> 'data' -> 0 ->> '@id' AS at_id;

-- Detail: 404 unknown, 301 to the end of the replacement chain (format
-- kept, other parameters dropped), FilterSet errors and misses, 404 for a
-- draft, 410 deleted; other types and private sources are retrievable, and
-- main filters do not apply.
SELECT id, q, left(pg_temp.le_call(format('SELECT linkedevents.event_detail(%L, %L, %L)',
                                          id, q, 'https://api.example/v1/')), 160)
  FROM (VALUES
    ('ds:1', ''),
    ('nope', ''),
    ('nope', 'weekday=9'),
    ('ds:8', ''),
    ('ds:9', 'format=api&weekday=1'),
    ('ds:8', 'weekday=9'),
    ('ds:1', 'weekday=9'),
    ('ds:1', 'weekday=4'),
    ('ds:1', 'weekday=5'),
    ('ds:13', 'hide_super_event=true'),
    ('ds:14', 'hide_recurring_children=true&hide_recurring_children_sub_events=true'),
    ('ds:1', 'event_type=party&page=x&registration=maybe'),
    ('ds:6', ''),
    ('ds:7', ''),
    ('ds:7', 'start=2099-01-01'),
    ('ds:12', ''),
    ('priv:1', ''),
    ('ds:1', 'format=xml'),
    ('ds:1', 'srid=777')
  ) v(id, q);
SELECT linkedevents.event_detail('ds:1', 'include=location') -> 'location' ->> 'id' AS embedded;
SELECT linkedevents.event_detail('ds:1', 'format=json') ->> '@id' AS with_format;
BEGIN;
SET LOCAL linkedevents.user_organizations = 'org:root';
SELECT linkedevents.event_detail('ds:6') ->> 'id' AS editable_draft;
ROLLBACK;

-- page_size is capped at 100.
INSERT INTO linkedevents.event (id, data_source)
SELECT 'many:' || i, 'ds' FROM generate_series(1, 110) i;
SELECT json_array_length(linkedevents.event_list('page_size=101') -> 'data') AS capped,
       linkedevents.event_list('page_size=1000&page=2') -> 'meta' ->> 'previous' AS previous,
       json_array_length(linkedevents.event_list('page_size=1000&page=2') -> 'data') AS rest;
-- use_image_proxy (SPEC 1.21) rewrites the urls of an event's images, in
-- lists and on the detail.
INSERT INTO linkedevents.image (id, url) VALUES (77, 'https://img.example/77.jpg');
INSERT INTO linkedevents.event_image (event, image, position)
    VALUES (linkedevents.event_list('page_size=1')->'data'->0->>'id', 77, 1);
SELECT e.id, i->>'url' AS url
  FROM linkedevents.event_image ei JOIN linkedevents.event e ON e.id = ei.event,
       json_array_elements(linkedevents.event_detail(e.id, 'use_image_proxy=true', 'https://api.example/v1/')->'images') i
 WHERE ei.image = 77;
SELECT count(*) AS proxied_in_list
  FROM json_array_elements(linkedevents.event_list('use_image_proxy=true&page_size=100', 'https://api.example/v1/')->'data') d,
       json_array_elements(d->'images') i
 WHERE i->>'url' = 'https://api.example/v1/image/77/file/';
SELECT count(*) AS stored_in_list
  FROM json_array_elements(linkedevents.event_list('page_size=100')->'data') d,
       json_array_elements(d->'images') i
 WHERE i->>'url' = 'https://img.example/77.jpg';
-- Drafts never leak through include (SPEC 1.2, D15): ds:22's super event
-- ds:21 is a draft, so it stays a reference; a sub event of a private data
-- source is left out of sub_events like from a list.
SELECT linkedevents.event_detail('ds:22', 'include=super_event')->'super_event' AS draft_super_event;
UPDATE linkedevents.event SET super_event = 'ds:16' WHERE id = 'priv:1';
SELECT s->>'id' AS embedded_sub_event
  FROM json_array_elements(linkedevents.event_detail('ds:16', 'include=sub_events')->'sub_events') s;
-- A replacement cycle ends at the last event before it closes: never a
-- redirect to the event asked for.
UPDATE linkedevents.event SET replaced_by = 'many:2' WHERE id = 'many:1';
UPDATE linkedevents.event SET replaced_by = 'many:1' WHERE id = 'many:2';
SELECT pg_temp.le_call($$SELECT linkedevents.event_detail('many:1')$$) AS cycle;
