-- The document store (src/jsonld_store.c, src/sql/31_document_store.sql):
-- event list pages served from stored templates are the pages written from
-- the tables, the templates follow every change to what they show, and pages
-- the templates cannot serve are written from the tables.
SELECT le_test_reset();
\set size 300
\set seed 3
\set ECHO none
\i test/generate.sql
\set ECHO all
RESET client_min_messages;

-- Every event, place and keyword has a template.
SELECT (SELECT count(*) FROM linkedevents.event) AS events,
       (SELECT count(doc) FROM linkedevents.event_document) AS event_templates,
       (SELECT count(*) FROM linkedevents.place) AS places,
       (SELECT count(doc) FROM linkedevents.place_document) AS place_templates,
       (SELECT count(*) FROM linkedevents.keyword) AS keywords,
       (SELECT count(doc) FROM linkedevents.keyword_document) AS keyword_templates;

-- pg_temp.stale(include): the events whose one-event page from the store
-- differs from the page written from the tables ('none' when none does),
-- with format echoed and a base URL that needs escaping.
CREATE FUNCTION pg_temp.pages(include text[]) RETURNS text[] LANGUAGE sql AS $$
    SELECT array_agg(linkedevents._jsonld_page_data('event', ARRAY[id], include,
                         'https://api.example/v1/"a"/', 'json')::text ORDER BY id)
      FROM linkedevents.event
$$;
CREATE FUNCTION pg_temp.stale(include text[] DEFAULT '{location,keywords,audience}')
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    ids text[] := ARRAY(SELECT id FROM linkedevents.event ORDER BY id);
    stored text[];
    written text[];
BEGIN
    PERFORM set_config('linkedevents.use_document_store', 'on', true);
    stored := pg_temp.pages(include);
    PERFORM set_config('linkedevents.use_document_store', 'off', true);
    written := pg_temp.pages(include);
    PERFORM set_config('linkedevents.use_document_store', 'on', true);
    RETURN coalesce((SELECT string_agg(ids[k], ' ' ORDER BY k) FROM generate_subscripts(ids, 1) k
                      WHERE stored[k] IS DISTINCT FROM written[k]), 'none');
END
$$;

-- Stored and written pages agree, for each include the store serves.
SELECT i AS include, pg_temp.stale(i)
  FROM (VALUES (1, '{}'::text[]), (2, '{location}'), (3, '{keywords}'), (4, '{audience}'),
               (5, '{location,keywords,audience,registration}')) v(o, i)
 ORDER BY o;
-- And so do whole pages of many events, in the order asked, an unknown id
-- left out as from the tables.
CREATE TEMP TABLE page_ids AS
SELECT ARRAY(SELECT id FROM linkedevents.event ORDER BY last_modified_time DESC, id) || '{nope:1}' AS ids;
SELECT linkedevents._jsonld_page_data('event', ids, '{location,keywords,audience}')::text
     = (SELECT linkedevents._jsonld_page_data('event', ids, '{location,keywords,audience}')::text
          FROM (SELECT set_config('linkedevents.use_document_store', 'off', true)) s) AS same,
       json_array_length(linkedevents._jsonld_page_data('event', ids)) AS objects
  FROM page_ids;
RESET linkedevents.use_document_store;

-- Pages are read from the store where it applies: a template changed by
-- hand shows through. It applies to anonymous requests with include within
-- location, keywords, audience and registration (which keeps the
-- reference), positions in WGS84, no use_image_proxy
-- and the settings' boot values; other pages are written from the tables.
SELECT min(id) AS ev FROM linkedevents.event WHERE location IS NOT NULL AND NOT deleted \gset
UPDATE linkedevents.event_document
   SET doc = replace(doc, '{"id":"' || id || '",', '{"id":"from the store",') WHERE id = :'ev';
CREATE FUNCTION pg_temp.source(page json) RETURNS text LANGUAGE sql
    RETURN CASE WHEN page->0->>'id' = 'from the store' THEN 'store' ELSE 'tables' END;
SELECT pg_temp.source(linkedevents._jsonld_page_data('event', ARRAY[:'ev'])) AS plain,
       pg_temp.source(linkedevents._jsonld_page_data('event', ARRAY[:'ev'], '{location,keywords,audience,registration}')) AS embeds,
       pg_temp.source(linkedevents._jsonld_page_data('event', ARRAY[:'ev'], '{in_language}')) AS in_language,
       pg_temp.source(linkedevents._jsonld_page_data('event', ARRAY[:'ev'], '{sub_events}')) AS sub_events,
       pg_temp.source(linkedevents._jsonld_page_data('event', ARRAY[:'ev'], '{super_event}')) AS super_event,
       pg_temp.source(linkedevents._jsonld_page_data('event', ARRAY[:'ev'], '{}', NULL, NULL, 3067)) AS srid_3067;
SELECT pg_temp.source(d->'data') AS list,
       pg_temp.source(linkedevents._jsonld_list('event', ARRAY[:'ev'], 1, 1, 20, '{use_image_proxy}',
                                                '{true}')->'data') AS image_proxy,
       pg_temp.source(linkedevents._jsonld_object('event', :'ev')::json) = 'tables' AS detail_from_tables
  FROM linkedevents._jsonld_list('event', ARRAY[:'ev'], 1, 1, 20, '{format}', '{json}') d;
SET linkedevents.languages = 'fi,sv';
SELECT pg_temp.source(linkedevents._jsonld_page_data('event', ARRAY[:'ev'])) AS other_languages;
RESET linkedevents.languages;
SET linkedevents.time_zone = 'UTC';
SELECT pg_temp.source(linkedevents._jsonld_page_data('event', ARRAY[:'ev'])) AS other_time_zone;
RESET linkedevents.time_zone;
SET linkedevents.user_id = 'someone';
SELECT pg_temp.source(linkedevents._jsonld_page_data('event', ARRAY[:'ev'])) AS signed_in;
RESET linkedevents.user_id;
-- An administrator of the publisher gets created_by and last_modified_by,
-- which no template holds: never from the store, whichever way asked.
SELECT publisher AS ev_publisher FROM linkedevents.event WHERE id = :'ev' \gset
BEGIN;
SET LOCAL linkedevents.user_id = 'someone';
SET LOCAL linkedevents.user_organizations = :'ev_publisher';
SELECT pg_temp.source(d) AS admin, (d->0)::jsonb ? 'created_by' AS with_users
  FROM linkedevents._jsonld_page_data('event', ARRAY[:'ev'], '{location,keywords}') d;
SELECT status, pg_temp.source(body->'data') AS admin_endpoint, (body->'data'->0)::jsonb ? 'created_by' AS with_users
  FROM linkedevents.get('event/', 'ids=' || :'ev');
ROLLBACK;
SET linkedevents.use_document_store = off;
SELECT pg_temp.source(linkedevents._jsonld_page_data('event', ARRAY[:'ev'])) AS switched_off;
RESET linkedevents.use_document_store;
-- The event list endpoint serves its pages from the store.
SELECT status, pg_temp.source(body->'data') AS endpoint
  FROM linkedevents.get('event/', 'ids=' || :'ev');
-- A template whose embedded place has no template is not used.
SELECT location AS ev_place FROM linkedevents.event WHERE id = :'ev' \gset
DELETE FROM linkedevents.place_document WHERE id = :'ev_place';
SELECT pg_temp.source(linkedevents._jsonld_page_data('event', ARRAY[:'ev'], '{location}')) AS place_missing,
       pg_temp.source(linkedevents._jsonld_page_data('event', ARRAY[:'ev'], '{keywords}')) AS keywords_only;
-- refresh_documents rewrites them.
SELECT linkedevents.refresh_documents('event', ARRAY[:'ev']),
       linkedevents.refresh_documents('place', ARRAY[:'ev_place']);
SELECT pg_temp.stale();

-- Templates follow each change to what they show: the event, its offers and
-- price groups, links, videos, images (and their license and data source),
-- registration, sub events, places with their divisions, keywords.
SELECT id AS parent FROM linkedevents.event
 WHERE id IN (SELECT super_event FROM linkedevents.event) ORDER BY id LIMIT 1 \gset
SELECT min(id) AS child FROM linkedevents.event
 WHERE super_event = :'parent'
   AND id NOT IN (SELECT replaced_by FROM linkedevents.event WHERE replaced_by IS NOT NULL) \gset
UPDATE linkedevents.event SET name = '{"fi": "Uusi \"nimi\"", "en": "New"}', keywords = keywords[2:]
 WHERE id = :'ev';
UPDATE linkedevents.event SET publication_status = 'draft' WHERE id = :'child';
SELECT pg_temp.stale() AS event_and_sub_event;
DELETE FROM linkedevents.event WHERE id = :'child';
INSERT INTO linkedevents.event (id, data_source, super_event, name)
    SELECT 'gen:new-child', data_source, :'parent', '{"fi": "uusi"}'
      FROM linkedevents.event WHERE id = :'parent';
SELECT pg_temp.stale() AS sub_event_deleted_and_added;
UPDATE linkedevents.offer SET price = '{"fi": "5 €"}' WHERE event = :'ev' OR id = (SELECT min(id) FROM linkedevents.offer);
INSERT INTO linkedevents.offer_price_group (id, offer, position, price_group, price)
    SELECT 99001, min(id), 99, 1, 12.50 FROM linkedevents.offer;
DELETE FROM linkedevents.event_link WHERE event = (SELECT min(event) FROM linkedevents.event_link);
INSERT INTO linkedevents.event_video (event, position, name, url) VALUES (:'ev', 9, 'v', 'https://v.example/1');
INSERT INTO linkedevents.registration (event)
    SELECT min(id) FROM linkedevents.event e
     WHERE NOT EXISTS (SELECT FROM linkedevents.registration r WHERE r.event = e.id);
SELECT pg_temp.stale() AS offers_links_videos_registration;
UPDATE linkedevents.image SET name = 'renamed', alt_text = E'tab\there'
 WHERE id = (SELECT min(image) FROM linkedevents.event_image);
UPDATE linkedevents.license SET url = 'https://license.example/changed'
 WHERE id = (SELECT license FROM linkedevents.image WHERE id = (SELECT max(image) FROM linkedevents.event_image));
SELECT pg_temp.stale() AS images_and_license;
UPDATE linkedevents.data_source SET user_editable_resources = NOT user_editable_resources
 WHERE id = (SELECT data_source FROM linkedevents.event WHERE id = :'ev');
UPDATE linkedevents.data_source SET private = true
 WHERE id = (SELECT data_source FROM linkedevents.event WHERE id = 'gen:new-child');
SELECT pg_temp.stale() AS data_sources;
UPDATE linkedevents.place SET name = '{"sv": "Nytt"}', position = NULL WHERE id = :'ev_place';
UPDATE linkedevents.division SET name = '{"fi": "Muutettu"}'
 WHERE ocd_id = (SELECT min(division) FROM linkedevents.place_division);
DELETE FROM linkedevents.place_division
 WHERE place = (SELECT max(place) FROM linkedevents.place_division);
UPDATE linkedevents.keyword SET alt_labels = '{"a\\b"}', deprecated = true
 WHERE id = (SELECT keywords[1] FROM linkedevents.event WHERE id = :'ev');
SELECT pg_temp.stale() AS places_divisions_keywords;
-- Users are shown to administrators only: anonymous pages and the
-- templates stay as they were.
UPDATE linkedevents.event SET created_by = 'alice', last_modified_by = 'bob' WHERE id = :'ev';
UPDATE linkedevents.place SET created_by = 'alice' WHERE id = :'ev_place';
UPDATE linkedevents.keyword SET last_modified_by = 'bob'
 WHERE id = (SELECT keywords[1] FROM linkedevents.event WHERE id = :'ev');
UPDATE linkedevents.image SET created_by = 'carol' WHERE id IN (SELECT image FROM linkedevents.event_image);
SELECT pg_temp.stale() AS users_set,
       (SELECT count(*) FROM linkedevents.event_document WHERE doc LIKE '%"created_by"%')
     + (SELECT count(*) FROM linkedevents.place_document WHERE doc LIKE '%"created_by"%')
     + (SELECT count(*) FROM linkedevents.keyword_document WHERE doc LIKE '%"created_by"%') AS templates_with_users;
-- An event whose id changes keeps its template under the new id.
UPDATE linkedevents.event SET id = 'gen:renamed' WHERE id = 'gen:new-child';
SELECT id, doc LIKE '{"id":"gen:renamed",%' AS rewritten
  FROM linkedevents.event_document WHERE id LIKE 'gen:new-child' OR id = 'gen:renamed';
-- TRUNCATE of a table the templates show rewrites them.
TRUNCATE linkedevents.event_link;
SELECT pg_temp.stale() AS after_truncate;
-- Deferred foreign keys: an image written after the event that shows it.
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO linkedevents.event_image (event, image, position) VALUES (:'ev', 99002, 9);
INSERT INTO linkedevents.image (id, url, name) VALUES (99002, 'https://img.example/late.jpg', 'late');
COMMIT;
SELECT pg_temp.stale() AS deferred_image;
-- ... and deleted before the event stops showing it.
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
DELETE FROM linkedevents.image WHERE id = 99002;
SELECT pg_temp.stale() AS image_deleted_first;
ROLLBACK;
-- A rolled back change leaves the templates as they were.
BEGIN;
UPDATE linkedevents.event SET name = '{"fi": "peruttu"}' WHERE id = :'ev';
ROLLBACK;
SELECT pg_temp.stale() AS rolled_back, linkedevents._jsonld_page_data('event', ARRAY[:'ev'])->0->'name' AS name;

-- Marker bytes in ids: JSON strings and URLs escape them, so such an
-- object's own template is stored; but a reference include could embed
-- holds its id as is, so an event referring to such a keyword has no
-- template (NULL) and the pages holding it are written from the tables.
INSERT INTO linkedevents.keyword (id, data_source, name) VALUES (E'yso:x\x03y', 'yso', '{"fi": "x"}');
INSERT INTO linkedevents.event (id, data_source, keywords)
    VALUES (E'gen:a\x01b', 'helsinki', '{}'), ('gen:marked', 'helsinki', ARRAY[E'yso:x\x03y']);
SELECT id, doc IS NULL AS not_stored FROM linkedevents.event_document
 WHERE id IN (E'gen:a\x01b', 'gen:marked') ORDER BY id;
SELECT id, doc IS NULL AS not_stored FROM linkedevents.keyword_document WHERE id = E'yso:x\x03y';
SELECT pg_temp.stale() AS with_marker_bytes,
       linkedevents._jsonld_page_data('event', ARRAY['gen:marked'], '{keywords}')->0->'keywords'->0->'id' AS embedded;

-- Ids whose hashes collide (hashtext in the C collation) each get their own
-- template: a hash index finds both, and the id is compared.
INSERT INTO linkedevents.event (id, data_source) VALUES ('helsinki:28138', 'helsinki');
INSERT INTO linkedevents.event (id, data_source) VALUES ('helsinki:154756', 'helsinki');
SELECT hashtext('helsinki:28138' COLLATE "C") = hashtext('helsinki:154756' COLLATE "C") AS same_hash,
       linkedevents._jsonld_page_data('event', '{helsinki:28138}')->0->>'id' AS first,
       linkedevents._jsonld_page_data('event', '{helsinki:154756}')->0->>'id' AS second;
-- A template broken by hand is an error naming the way out, not a crash.
UPDATE linkedevents.event_document SET doc = doc || E'\x03' WHERE id = 'helsinki:28138';
UPDATE linkedevents.event_document SET doc = replace(doc, '"id":', E'\x04"id":') WHERE id = 'helsinki:154756';
SELECT le_error($$SELECT linkedevents._jsonld_page_data('event', '{helsinki:28138}')$$) AS trailing_ref,
       le_error($$SELECT linkedevents._jsonld_page_data('event', '{helsinki:28138}', '{keywords}')$$) AS with_embeds,
       le_error($$SELECT linkedevents._jsonld_page_data('event', '{helsinki:154756}')$$) AS stray_marker;
SELECT linkedevents.refresh_documents('event', '{helsinki:28138,helsinki:154756}');
SELECT linkedevents._jsonld_page_data('event', '{helsinki:28138,helsinki:154756}')::jsonb
     = (SELECT linkedevents._jsonld_page_data('event', '{helsinki:28138,helsinki:154756}')::jsonb
          FROM (SELECT set_config('linkedevents.use_document_store', 'off', true)) s) AS refreshed;
RESET linkedevents.use_document_store;

-- The store serves only users who may read every table the documents show,
-- without row-level security: others get what the tables give them.
CREATE ROLE regress_le_reader;
GRANT USAGE ON SCHEMA linkedevents TO regress_le_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA linkedevents TO regress_le_reader;
REVOKE SELECT ON linkedevents.offer FROM regress_le_reader;
SET ROLE regress_le_reader;
SELECT le_error($$SELECT linkedevents._jsonld_page_data('event', ARRAY['$$ || :'ev' || $$'])$$);
RESET ROLE;
GRANT SELECT ON linkedevents.offer TO regress_le_reader;
ALTER TABLE linkedevents.image ENABLE ROW LEVEL SECURITY;
SET ROLE regress_le_reader;
SELECT json_array_length(linkedevents._jsonld_page_data('event', ARRAY[:'ev'])->0->'images') AS images_seen;
RESET ROLE;
SELECT json_array_length(linkedevents._jsonld_page_data('event', ARRAY[:'ev'])->0->'images') AS images_stored;
ALTER TABLE linkedevents.image DISABLE ROW LEVEL SECURITY;
DROP OWNED BY regress_le_reader;
DROP ROLE regress_le_reader;

-- Bad calls.
SELECT le_error($$SELECT * FROM linkedevents._jsonld_templates('image', '{1}')$$);
SELECT le_error($$SELECT linkedevents.refresh_documents('organization')$$);