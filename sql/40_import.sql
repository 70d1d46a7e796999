-- linkedevents.import(): API documents in, rows out.
SELECT le_test_reset();
\set SHOW_CONTEXT never
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
-- An import that fails reports its SQLSTATE and message.
CREATE FUNCTION pg_temp.try_import(doc jsonb, resource text DEFAULT NULL) RETURNS text
    LANGUAGE plpgsql AS $$
BEGIN
    RETURN 'imported ' || linkedevents.import(doc, resource);
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
-- A fingerprint of every table of the data model: row counts and contents.
CREATE FUNCTION pg_temp.snapshot() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    t regclass;
    part text;
    acc text := '';
BEGIN
    FOR t IN SELECT oid FROM pg_class WHERE relnamespace = 'linkedevents'::regnamespace AND relkind = 'r'
              ORDER BY relname LOOP
        EXECUTE format('SELECT count(*) || '':'' || md5(coalesce(string_agg(x::text, ''|'' ORDER BY x::text), ''''))
                          FROM %s x', t) INTO part;
        acc := acc || t || '=' || part || ' ';
    END LOOP;
    RETURN acc;
END $$;

-- The seed pages refer to objects they do not contain: import those first,
-- minimal, as a user loading a partial dump would. Not the language fi that
-- an external link names: it is created on first mention.
\i test/fixtures/seed_references.sql
SELECT count(*) AS languages FROM linkedevents.language;

-- The seed list pages import unchanged.
\set images `cat test/fixtures/000_image_list_page.json`
\set event `cat test/fixtures/001_event_list_page.json`
\set organizations `cat test/fixtures/003_organization_list_page.json`
SELECT linkedevents.import(:'images') AS images,
       linkedevents.import(:'event') AS events,
       linkedevents.import(:'organizations') AS organizations;
SELECT id, data_source, publisher, license, name, cropping, photographer_name, alt_text, created_time
  FROM linkedevents.image WHERE id IN (13, 1490471, 1491004) ORDER BY id;
SELECT * FROM linkedevents.license ORDER BY id;
SELECT * FROM linkedevents.data_source ORDER BY id;
SELECT * FROM linkedevents.organization_class ORDER BY id;
SELECT id, classification, name, founding_date, internal_type, tree_path
  FROM linkedevents.organization WHERE id LIKE 'ahjo:u48040050%' ORDER BY tree_path;
SELECT id, data_source, publisher, location, keywords, audience, in_language, event_status, type_id,
       publication_status, created_time, last_modified_time, start_time, end_time, has_start_time,
       has_end_time, local, name, provider, location_extra_info, provider_contact_info
  FROM linkedevents.event \gx
SELECT event, position, is_free, price, info_url, description FROM linkedevents.offer;
SELECT * FROM linkedevents.event_link;
SELECT * FROM linkedevents.language;

-- Importing the same documents again changes nothing, not even row versions.
SELECT pg_temp.snapshot() AS before \gset
SELECT string_agg(xmin::text, ',') AS versions FROM linkedevents.event \gset
SELECT linkedevents.import(:'images') + linkedevents.import(:'event') + linkedevents.import(:'organizations');
SELECT pg_temp.snapshot() = :'before' AS unchanged,
       (SELECT string_agg(xmin::text, ',') FROM linkedevents.event) = :'versions' AS not_rewritten;

-- Bad input: SQLSTATE 22023 with a message naming the problem; nothing written.
SELECT doc, resource, pg_temp.try_import(doc::jsonb, resource)
  FROM (VALUES
    ('{"id": "x:1"}', 'concert'),
    ('42', NULL),
    ('{"id": "x:1"}', NULL),
    ('{"id": "x:1", "@type": "Concert"}', NULL),
    ('{"id": "x:1", "@type": "Place"}', 'keyword'),
    ('[{"id": "x:1"}, 42]', 'keyword'),
    ('{"meta": {}, "data": [{"id": "x:1"}, "x:2"]}', 'keyword'),
    ('{"name": {"fi": "Nimetön"}}', 'keyword'),
    ('{"id": ""}', 'keyword'),
    ('{"id": "7"}', 'image'),
    ('{"id": "x:1", "name": "konsertti"}', 'keyword'),
    ('{"id": "x:1", "name": {"fi": 1}}', 'keyword'),
    ('{"id": "x:1", "audience_min_age": "12"}', 'event'),
    ('{"id": "x:1", "audience_min_age": 12.5}', 'event'),
    ('{"id": "x:1", "deleted": "false"}', 'event'),
    ('{"id": "x:1", "keywords": "yso:p1"}', 'event'),
    ('{"id": "x:1", "start_time": "tomorrow"}', 'event'),
    ('{"id": "x:1", "start_time": "2024-13-01"}', 'event'),
    ('{"id": "x:1", "start_time": "2023-02-30T10:00:00Z"}', 'event'),
    ('{"id": "x:1", "event_status": "EventMaybe"}', 'event'),
    ('{"id": "x:1", "environment": "IN"}', 'event'),
    ('{"id": "x:1", "location": "tprek:15321"}', 'event'),
    ('{"id": "x:1", "location": {"@id": "tprek:15321"}}', 'event'),
    ('{"id": "x:1", "location": {"@id": "https://api.hel.fi/v1/keyword/tprek:15321/"}}', 'event'),
    ('{"id": "x:1", "location": {"@id": "https://api.hel.fi/v1/place/%FF/"}}', 'event'),
    ('{"id": "x:1", "images": [{"@id": "https://api.hel.fi/v1/image/abc/"}]}', 'event'),
    ('{"id": "x:1", "offers": [1]}', 'event'),
    ('{"id": "x:1", "external_links": [{"name": "x", "language": "fi"}]}', 'event'),
    ('{"id": "nocolon"}', 'event'),
    ('{"id": "x:1", "position": {"type": "Point", "coordinates": ["25", 60]}}', 'place'),
    ('{"id": "x:1", "divisions": [{"type": "district"}]}', 'place'),
    ('{"id": "x:1", "founding_date": "2021-01-01T00:00:00Z"}', 'organization'),
    ('{"id": "x:1", "parent_organization": {"@id": "https://api.hel.fi/v1/organization/ahjo:u021600/"}}', 'organization'),
    ('{"id": "x:1", "usage": "all"}', 'keyword_set'),
    ('{"id": "x:1", "created_by": true}', 'place'),
    ('{"id": "x:1", "last_modified_by": 1.5}', 'keyword'),
    ('{"id": 5, "created_by": -3}', 'image'),
    ('{"id": "x:1", "created_by": {"username": "alice"}}', 'event'),
    ('{"id": 5}', 'registration')
  ) AS t(doc, resource);
SELECT pg_temp.snapshot() = :'before' AS unchanged;

-- A reference to an id that is neither stored nor in the call: 23503, naming
-- both ends; nothing written.
SELECT doc, pg_temp.try_import(doc::jsonb, 'event')
  FROM (VALUES
    ('[{"id": "x:1", "location": {"@id": "https://api.hel.fi/linkedevents/v1/place/tprek:1/?format=api"}}]'),
    ('[{"id": "x:2", "keywords": [{"@id": "http://localhost/v1/keyword/yso:p1/"}]}]'),
    ('[{"id": "x:4", "super_event": {"@id": "http://localhost/v1/event/x:404/"}}]'),
    ('[{"id": "x:5", "publisher": "ahjo:404"}]'),
    ('[{"id": "x:6", "registration": {"@id": "http://localhost/v1/registration/9/"}}]'),
    ('[{"id": "x:7", "images": [{"@id": "http://localhost/v1/image/404/"}]}]')
  ) AS t(doc);
SELECT pg_temp.try_import('{"id": "ahjo:x", "parent_organization": "http://localhost/v1/organization/ahjo:404/"}',
                          'organization');
SELECT pg_temp.try_import('{"id": "yso:p1", "replaced_by": "yso:p404"}', 'keyword');
SELECT pg_temp.snapshot() = :'before' AS unchanged;

-- Objects of one call may refer to each other in any order: children before
-- parents, events before their place, keywords, language and super event.
SELECT le_test_reset();
SELECT linkedevents.import('[
  {"@type": "Organization", "id": "org:c", "name": "Lapsi",
   "parent_organization": "http://x/v1/organization/org:b/"},
  {"@type": "Event/LinkedEvent", "id": "ev:child", "super_event": {"@id": "http://x/v1/event/ev:umbrella/"},
   "location": {"@id": "http://x/v1/place/tprek:1/?format=api"}, "publisher": "org:c",
   "keywords": [{"@id": "http://x/v1/keyword/yso%3Ap4354/"}], "audience": [{"@id": "http://x/v1/keyword/yso:p11617/"}],
   "in_language": [{"@id": "http://x/v1/language/fi/"}], "start_time": "2025-03-01T10:00:00Z"},
  {"@type": "Event/LinkedEvent", "id": "ev:umbrella", "super_event_type": "umbrella",
   "sub_events": [{"@id": "http://x/v1/event/ev:child/"}]},
  {"@type": "Place", "id": "tprek:1", "name": {"fi": "Kirjasto", "sv": null}},
  {"@type": "Keyword", "id": "yso:p4354", "name": {"fi": "lapset", "sv": "barn", "en": "children"}},
  {"@type": "Keyword", "id": "yso:p11617", "name": {"fi": "nuoret"}},
  {"@type": "Language", "id": "fi"},
  {"@type": "Organization", "id": "org:b", "parent_organization": "http://x/v1/organization/org:a/"},
  {"@type": "Organization", "id": "org:a", "is_affiliated": false},
  {"@type": "Organization", "id": "org:aff", "is_affiliated": true,
   "parent_organization": "http://x/v1/organization/org:a/",
   "replaced_by": "http://x/v1/organization/org:b/?format=api",
   "sub_organizations": ["garbage is ignored"], "affiliated_organizations": 7}
]');
SELECT id, super_event, super_event_type, location, publisher, keywords, audience, in_language,
       data_source, event_status, type_id, publication_status, deleted, local
  FROM linkedevents.event ORDER BY id;
SELECT id, data_source, parent, internal_type, replaced_by, tree_path FROM linkedevents.organization ORDER BY tree_path;
SELECT id, data_source, name FROM linkedevents.place;
SELECT id, data_source, name FROM linkedevents.keyword ORDER BY id;

-- data_source: the field when given (null included), else the id's prefix.
SELECT linkedevents.import('[{"id": "foo:1"}, {"id": "foo:2", "data_source": "bar"},
                             {"id": "foo:3", "data_source": null}, {"id": "plain"}]', 'keyword');
SELECT id, data_source FROM linkedevents.keyword WHERE id IN ('foo:1', 'foo:2', 'foo:3', 'plain') ORDER BY id;
SELECT id FROM linkedevents.data_source ORDER BY id;

-- Times: a date-only start is 00:00 local with has_start_time false; a
-- date-only end is 00:00 of the next day with has_end_time false; a date-only
-- start without an end ends the next day; a time without an offset is local.
SELECT linkedevents.import('[
  {"id": "ev:d1", "start_time": "2024-06-01"},
  {"id": "ev:d2", "start_time": "2024-06-01", "end_time": "2024-06-03"},
  {"id": "ev:d3", "start_time": "2024-01-15T18:00:00+02:00", "end_time": null},
  {"id": "ev:d4", "start_time": "2024-06-01T12:00:00", "end_time": "2024-06-01 14:30"},
  {"id": "ev:d5", "start_time": "2024-06-01T12:00:00.123456Z", "end_time": "2024-06-02"}]', 'event');
SELECT id, start_time, end_time, has_start_time, has_end_time
  FROM linkedevents.event WHERE id LIKE 'ev:d%' ORDER BY id;
SET linkedevents.time_zone = 'America/New_York';
SELECT linkedevents.import('{"id": "ev:d6", "start_time": "2024-06-01"}', 'event');
SELECT start_time, end_time FROM linkedevents.event WHERE id = 'ev:d6';
RESET linkedevents.time_zone;

-- Embedded objects are imported too: an included location with divisions
-- and a position in another SRS, keywords, images with their license, the
-- super event and a registration; offers, links and videos keep their order.
SELECT linkedevents.import('{
  "@type": "Event/LinkedEvent", "id": "helsinki:e1", "publication_status": "draft",
  "created_by": "ilmoittaja", "origin_id": "123",
  "location": {"id": "tprek:2", "@type": "Place", "n_events": 99,
    "position": {"type": "Point", "coordinates": [385919.84, 6672279.61],
                 "crs": {"type": "name", "properties": {"name": "EPSG:3067"}}},
    "divisions": [{"type": "muni", "ocd_id": "ocd-division/country:fi/kunta:helsinki",
                   "municipality": null, "name": {"fi": "Helsinki", "sv": "Helsingfors"}},
                  {"type": "neighborhood", "ocd_id": "ocd-division/country:fi/kunta:helsinki/kaupunginosa:kallio",
                   "municipality": "Helsinki", "name": {"fi": "Kallio"}}]},
  "keywords": [{"id": "yso:p1808", "name": {"fi": "musiikki"}, "alt_labels": ["sävelet", "soitto"],
                "@type": "Keyword"}, {"@id": "http://x/v1/keyword/yso:p4354/"}],
  "images": [{"id": 77, "license": "cc_by", "license_url": "https://creativecommons.org/licenses/by/4.0/",
              "url": "https://x/a.jpg", "name": "kuva"},
             {"id": 78, "license": "event_only", "license_url": "", "url": "https://x/b.jpg"}],
  "super_event": {"id": "helsinki:s1", "super_event_type": "recurring", "name": {"fi": "Sarja"}},
  "registration": {"id": 5, "maximum_attendee_capacity": 30, "remaining_attendee_capacity": 12,
                   "enrolment_start_time": "2025-01-01T09:00:00+02:00"},
  "offers": [{"is_free": false, "price": {"fi": "10 €"}, "description": null,
              "offer_price_groups": [{"id": 11, "price_group": 1, "price": "10.00", "vat_percentage": "25.50",
                                      "price_without_vat": "7.97", "vat": "2.03"},
                                     {"id": 12, "price_group": 2, "price": 5, "vat_percentage": "25.50",
                                      "price_without_vat": "3.98", "vat": "1.02"}]},
             {"is_free": true}],
  "external_links": [{"name": "extlink_facebook", "link": "https://fb.me/x", "language": "fi"}],
  "videos": [{"name": "Traileri", "url": "https://youtu.be/x", "alt_text": null}],
  "audience_min_age": 7, "custom_data": {"k": "v"}, "has_user_editable_resources": true,
  "translation_available": true, "@context": "http://schema.org"}');
SELECT id, publication_status, created_by, origin_id, location, keywords, super_event, data_source
  FROM linkedevents.event WHERE id LIKE 'helsinki:%' ORDER BY id;
SELECT id, ST_AsText(position, 5) AS position, ST_SRID(position) FROM linkedevents.place
 WHERE id = 'tprek:2';
SELECT * FROM linkedevents.division ORDER BY ocd_id;
SELECT * FROM linkedevents.place_division ORDER BY place, position;
SELECT id, name, alt_labels FROM linkedevents.keyword WHERE id = 'yso:p1808';
SELECT id, license, url, name, cropping FROM linkedevents.image ORDER BY id;
SELECT * FROM linkedevents.license ORDER BY id;
SELECT * FROM linkedevents.event_image ORDER BY position;
SELECT id, event, maximum_attendee_capacity, remaining_attendee_capacity, enrolment_start_time
  FROM linkedevents.registration;
SELECT event, position, is_free, price FROM linkedevents.offer ORDER BY event, position;
SELECT position, price_group, price, vat_percentage, price_without_vat, vat
  FROM linkedevents.offer_price_group ORDER BY position;
SELECT * FROM linkedevents.event_link;
SELECT * FROM linkedevents.event_video;

-- Fields the anonymous API output omits keep their stored values when a
-- document leaves them out; the lists follow the document: re-importing with
-- one offer and no links or videos removes the rest.
SELECT linkedevents.import('{"id": "helsinki:e1", "offers": [{"is_free": true}],
  "images": [{"@id": "http://x/v1/image/78/"}], "registration": {"@id": "http://x/v1/registration/5/"}}',
  'event');
SELECT id, publication_status, created_by, origin_id, location, keywords
  FROM linkedevents.event WHERE id = 'helsinki:e1';
SELECT event, position, is_free FROM linkedevents.offer ORDER BY event, position;
SELECT count(*) AS price_groups FROM linkedevents.offer_price_group;
SELECT (SELECT count(*) FROM linkedevents.event_link) AS links, (SELECT count(*) FROM linkedevents.event_video) AS videos;
SELECT * FROM linkedevents.event_image;

-- So do the users of places, keywords and images: a user name, or the
-- integer user id the reference writes for places and keywords (kept as
-- text); an explicit null clears them.
SELECT linkedevents.import('[
  {"@type": "Place", "id": "tprek:9", "created_by": "alice", "last_modified_by": 42},
  {"@type": "Keyword", "id": "yso:p9", "created_by": 7, "last_modified_by": null},
  {"@type": "ImageObject", "id": 99, "url": "https://x/c.jpg", "created_by": "carol", "last_modified_by": "dave"}]');
SELECT linkedevents.import('[{"@type": "Place", "id": "tprek:9", "name": {"fi": "Uusi"}},
  {"@type": "Keyword", "id": "yso:p9"}, {"@type": "ImageObject", "id": 99, "last_modified_by": null}]');
SELECT 'place' AS kind, id, created_by, last_modified_by FROM linkedevents.place WHERE id = 'tprek:9'
UNION ALL SELECT 'keyword', id, created_by, last_modified_by FROM linkedevents.keyword WHERE id = 'yso:p9'
UNION ALL SELECT 'image', id::text, created_by, last_modified_by FROM linkedevents.image WHERE id = 99;

-- Registrations are their own documents; an event's reference must agree.
SELECT linkedevents.import('{"@type": "Registration", "id": 6, "event": {"@id": "http://x/v1/event/ev:d1/"},
  "audience_min_age": 10, "waiting_list_capacity": 5}');
SELECT id, event, audience_min_age, waiting_list_capacity FROM linkedevents.registration ORDER BY id;
SELECT pg_temp.try_import('{"id": "ev:d2", "registration": {"@id": "http://x/v1/registration/6/"}}', 'event');
SELECT pg_temp.try_import('{"id": 7}', 'registration');

-- Other resources by the resource argument: data sources and licenses.
SELECT linkedevents.import('{"id": "private_ds", "name": "Salainen", "private": true}', 'data_source');
SELECT linkedevents.import('{"id": "cc0", "name": {"en": "Public domain"}, "url": "https://creativecommons.org/publicdomain/zero/1.0/"}', 'license');
SELECT * FROM linkedevents.data_source WHERE id = 'private_ds';
SELECT * FROM linkedevents.license WHERE id = 'cc0';
SELECT linkedevents.import('[]'), linkedevents.import('{"meta": {"count": 0}, "data": []}');
