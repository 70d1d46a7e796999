-- Round trip (DESIGN "Import", issues 2, 4, 6): the seed documents imported
-- and serialized again are the same documents, through to_jsonld and through
-- the list endpoints; importing what the serializer wrote changes nothing.
SELECT le_test_reset();
\set base 'https://linkedevents.api.test.hel.ninja/v1/'

-- What the seed pages refer to but do not contain, imported minimal first
-- (but for the language fi, created on first mention).
\i test/fixtures/seed_references.sql

\set images `cat test/fixtures/000_image_list_page.json`
\set event `cat test/fixtures/001_event_list_page.json`
\set organizations `cat test/fixtures/003_organization_list_page.json`
SELECT linkedevents.import(:'images') AS images,
       linkedevents.import(:'event') AS events,
       linkedevents.import(:'organizations') AS organizations;
-- A child of a page object that the page lists in sub_organizations (a
-- derived field) but does not contain, as in any partial dump.
SELECT linkedevents.import('{"id": "ahjo:u480400503020",
  "parent_organization": "https://linkedevents.api.test.hel.ninja/v1/organization/ahjo:u4804005030/"}',
  'organization');

-- Each seed object against the serializer's document for the same id, with
-- the seed's base URL and ?format=api: the objects that differ (none).
CREATE TEMP TABLE seed (resource text, id text, doc jsonb);
INSERT INTO seed
    SELECT 'image', d->>'id', d FROM jsonb_array_elements((:'images')::jsonb->'data') d
    UNION ALL
    SELECT 'event', d->>'id', d FROM jsonb_array_elements((:'event')::jsonb->'data') d
    UNION ALL
    SELECT 'organization', d->>'id', d FROM jsonb_array_elements((:'organizations')::jsonb->'data') d;
SELECT resource, count(*) AS objects,
       count(*) FILTER (WHERE linkedevents._jsonld_object(resource, id, '{}', :'base', 'api')::jsonb = doc) AS equal
  FROM seed GROUP BY resource ORDER BY resource;

-- The same through to_jsonld(row) (no format: the seed's ?format=api is
-- dropped from its URLs for the comparison).
SELECT count(*) AS organizations_equal
  FROM seed s JOIN linkedevents.organization o ON o.id = s.id
 WHERE linkedevents.to_jsonld(o, '{}', :'base')::jsonb = replace(s.doc::text, '?format=api', '')::jsonb;

-- Listed again: the organization and image list pages hold the seed objects.
SELECT count(*) AS organizations_listed_equal
  FROM jsonb_array_elements((SELECT linkedevents.organization_list('format=api&page_size=100', :'base'))::jsonb->'data') d
  JOIN seed s ON s.resource = 'organization' AND s.id = d->>'id' AND s.doc = d;
SELECT count(*) AS images_listed_equal
  FROM jsonb_array_elements((SELECT linkedevents.image_list('format=api', :'base'))::jsonb->'data') d
  JOIN seed s ON s.resource = 'image' AND s.id = d->>'id' AND s.doc = d;
SELECT count(*) AS events_listed_equal
  FROM jsonb_array_elements((SELECT linkedevents.event_list('format=api', :'base'))::jsonb->'data') d
  JOIN seed s ON s.resource = 'event' AND s.id = d->>'id' AND s.doc = d;

-- Importing the serializer's documents back changes nothing: a fingerprint
-- of every table before and after.
CREATE FUNCTION pg_temp.tables_digest() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    rel regclass;
    acc text := '';
    part text;
BEGIN
    FOR rel IN SELECT oid FROM pg_class WHERE relnamespace = 'linkedevents'::regnamespace AND relkind = 'r' ORDER BY relname
    LOOP
        EXECUTE format('SELECT md5(coalesce(string_agg(t::text, %L ORDER BY t::text), %L)) FROM %s t', '|', '', rel) INTO part;
        acc := acc || rel::text || '=' || part || ' ';
    END LOOP;
    RETURN md5(acc);
END $$;
CREATE TEMP TABLE before AS SELECT pg_temp.tables_digest() AS digest;
SELECT linkedevents.import(jsonb_agg(linkedevents._jsonld_object(resource, id, '{}', :'base', 'api')::jsonb))
  FROM seed;
SELECT (SELECT digest FROM before) = pg_temp.tables_digest() AS unchanged;
