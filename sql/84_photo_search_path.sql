-- The photos endpoint under a hostile search_path (README "Photos"): a
-- schema before pg_catalog defines the operators and aggregates the
-- statements use. The C functions name everything with its schema
-- (OPERATOR(pg_catalog.=)); this test removes their pinned search_path, in a
-- transaction that rolls back, so that only the qualified names protect
-- them. The SQL functions (import, get) keep their pins.
SELECT le_test_reset();
\set two `cat test/fixtures/004_photos_two_cultures.json`
SELECT linkedevents.import(:'two'::jsonb, 'photo');
CREATE SCHEMA hostile;
CREATE FUNCTION hostile.captured(name text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'captured: %', name;
END $$;
CREATE FUNCTION hostile.text_eq(text, text) RETURNS boolean LANGUAGE sql AS $$ SELECT hostile.captured('= text') $$;
CREATE OPERATOR hostile.= (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.text_eq);
CREATE FUNCTION hostile.uuid_eq(uuid, uuid) RETURNS boolean LANGUAGE sql AS $$ SELECT hostile.captured('= uuid') $$;
CREATE OPERATOR hostile.= (LEFTARG = uuid, RIGHTARG = uuid, FUNCTION = hostile.uuid_eq);
CREATE FUNCTION hostile.int2_eq(smallint, smallint) RETURNS boolean LANGUAGE sql AS $$ SELECT hostile.captured('= smallint') $$;
CREATE OPERATOR hostile.= (LEFTARG = smallint, RIGHTARG = smallint, FUNCTION = hostile.int2_eq);
CREATE FUNCTION hostile.bool_eq(boolean, boolean) RETURNS boolean LANGUAGE sql AS $$ SELECT hostile.captured('= boolean') $$;
CREATE OPERATOR hostile.= (LEFTARG = boolean, RIGHTARG = boolean, FUNCTION = hostile.bool_eq);
CREATE FUNCTION hostile.int8_eq(bigint, bigint) RETURNS boolean LANGUAGE sql AS $$ SELECT hostile.captured('= bigint') $$;
CREATE OPERATOR hostile.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = hostile.int8_eq);
CREATE FUNCTION hostile.concat(text, text) RETURNS text LANGUAGE sql AS $$ SELECT 'x' WHERE hostile.captured('||') $$;
CREATE OPERATOR hostile.|| (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.concat);
CREATE FUNCTION hostile.min_step(text, text) RETURNS text LANGUAGE sql AS $$ SELECT 'x' WHERE hostile.captured('min') $$;
CREATE AGGREGATE hostile.min(text) (SFUNC = hostile.min_step, STYPE = text);
CREATE AGGREGATE hostile.max(text) (SFUNC = hostile.min_step, STYPE = text);
CREATE FUNCTION hostile.count() RETURNS bigint LANGUAGE sql AS $$ SELECT 0::bigint WHERE hostile.captured('count') $$;
CREATE FUNCTION hostile.unnest(uuid[]) RETURNS SETOF uuid LANGUAGE sql AS $$ SELECT NULL::uuid WHERE hostile.captured('unnest') $$;
CREATE TABLE hostile.photo_translation (translation_id uuid, culture text, slug text);

-- The answers with the pinned functions, to compare with.
CREATE TABLE answers AS
SELECT c, q, linkedevents.photo_list(c, q, 'https://acme.org/')::jsonb #- '{meta,generatedAt}' AS page
  FROM (VALUES
    ('en-us', ''), ('en-us', 'tags.slug=football&tags.slug=hjk-helsinki'),
    ('en-us', 'tags.neutralSlug=team-ifk&$sort=tags.neutralSlug:desc'),
    ('en-us', 'tags.externalSourceReference=opta:t-1001&$sort=tags.externalSourceReference'),
    ('en-us', 'context.slug=photo-gallery&$sort=context.slug'), ('fi-fi', 'context.neutralSlug=match-report'),
    ('en-us', 'featured=1&$sort=lastUpdatedDate:desc'), ('en-us', '_id=derby-crowd&$sort=tags.slug'),
    ('en-us', '_listAvailability=1'), ('en-us', '$limit=2&$skip=1')
  ) v(c, q);
SELECT c, q, jsonb_array_length(page -> 'items') AS items FROM answers;

-- the trap works: unqualified names find the hostile objects
SET search_path = hostile, pg_catalog, public;
SELECT 'a'::text = 'b'::text;
SELECT min(slug) FROM linkedevents.photo_translation;
SELECT translation_id = translation_id FROM linkedevents.photo_translation LIMIT 1;
RESET search_path;

BEGIN;
ALTER FUNCTION linkedevents.photo_list(text, text, text) RESET search_path;
ALTER FUNCTION linkedevents.photo_detail(text, text, text) RESET search_path;
SET LOCAL search_path = hostile, pg_catalog, public;
SELECT c, q, linkedevents.photo_list(c, q, 'https://acme.org/')::jsonb #- '{meta,generatedAt}' = page AS same_page
  FROM answers;
SELECT linkedevents.photo_detail('en-us', 'hjk-goal', 'https://acme.org/')::jsonb
       = (:'two'::jsonb -> 0) AS same_item;
ROLLBACK;

-- The pinned functions (import, get, the problem details) under it.
SET search_path = hostile, pg_catalog, public;
SELECT linkedevents.import(:'two'::jsonb, 'photo');
SELECT g.status, g.body ->> 'title' AS title FROM linkedevents.get('/v2/content/en-us/photos', '$limit=x') g;
SELECT g.status, jsonb_array_length(g.body::jsonb -> 'items') AS items
  FROM linkedevents.get('/v2/content/en-us/photos', 'tags.slug=football&$sort=tags.slug') g;
RESET search_path;
