-- Paging ($skip, $limit, nextUrl, previousUrl) and order ($sort) of GET
-- /v2/content/<culture>/photos (README "Photos"), and the indexes the
-- statement uses.
SELECT le_test_reset();
\set seed `cat test/fixtures/004_photo_list_page.json`
\set two `cat test/fixtures/004_photos_two_cultures.json`
SELECT linkedevents.import(:'seed'::jsonb, 'photo') + linkedevents.import(:'two'::jsonb, 'photo') AS imported;
CREATE FUNCTION pg_temp.slugs(culture text, query text) RETURNS text LANGUAGE sql AS $$
    SELECT CASE WHEN g.status = 200
                THEN coalesce((SELECT string_agg(i ->> 'slug', ' ' ORDER BY n)
                                 FROM json_array_elements(g.body -> 'items') WITH ORDINALITY AS x(i, n)), '')
                ELSE g.status || ' ' || coalesce(g.body ->> 'detail', '') END
      FROM linkedevents.get('/v2/content/' || culture || '/photos', query) g
$$;

-- The order: featured, then contentDate, descending by default; $sort one
-- field with :asc (the default) or :desc. No value (no date, no tag, no
-- context) sorts as the smallest; a photo's tags give their smallest value
-- ascending and their largest descending; ties go by slug in the same
-- direction, so that :desc is :asc reversed for a field of one value.
SELECT q AS query, pg_temp.slugs(c, q) AS slugs FROM (VALUES
    ('en-us', ''),
    ('en-us', '$sort=lastUpdatedDate'),
    ('en-us', '$sort=lastUpdatedDate:asc'),
    ('en-us', '$sort=lastUpdatedDate:desc'),
    ('en-us', '$sort=context.slug'),
    ('en-us', '$sort=context.slug:desc'),
    ('en-us', '$sort=context.neutralSlug'),
    ('en-us', '$sort=context.neutralSlug:desc'),
    ('fi-fi', '$sort=context.slug'),
    ('fi-fi', '$sort=context.neutralSlug'),
    ('en-us', '$sort=tags.slug'),
    ('en-us', '$sort=tags.slug:desc'),
    ('en-us', '$sort=tags.neutralSlug'),
    ('en-us', '$sort=tags.neutralSlug:desc'),
    ('fi-fi', '$sort=tags.slug'),
    ('fi-fi', '$sort=tags.neutralSlug'),
    ('en-us', '$sort=tags.externalSourceReference'),
    ('en-us', '$sort=tags.externalSourceReference:desc'),
    -- the last $sort wins; filters and order together
    ('en-us', '$sort=tags.slug&$sort=lastUpdatedDate:desc'),
    ('en-us', 'featured=0&$sort=context.slug:desc'),
    ('en-us', '_listAvailability=1&$sort=lastUpdatedDate:desc')
) v(c, q);
-- what the tag and context orders compare: the keys kept for them
SELECT slug, sort_tag_slug_min, sort_tag_slug_max, sort_tag_neutral_slug_min, sort_tag_neutral_slug_max,
       sort_tag_source_min, sort_tag_source_max, sort_context_slug
  FROM linkedevents.photo_translation WHERE culture = 'en-us' AND list_availability = 0 ORDER BY slug;

-- Pages: $limit (default 25, at most 100) items from $skip (default 0).
-- nextUrl when an item follows, previousUrl after the first page; both keep
-- the request's parameters in order and set $skip.
SELECT q AS query, pg_temp.slugs('en-us', q) AS slugs,
       g.body -> 'pagination' AS pagination
  FROM unnest(ARRAY['$limit=2', '$limit=2&$skip=2', '$skip=4&$limit=2', '$limit=2&$skip=5',
                    '$skip=6', '$skip=1&$limit=2&featured=0', '$skip=2147483647',
                    '$sort=lastUpdatedDate:desc&$limit=4&$skip=3&$skip=1',
                    'tags.slug=football&x=%26%3D%2B%23%25%22+y%3F/:@,$&%24limit=1']) q,
       LATERAL linkedevents.get('/v2/content/en-us/photos', q, 'https://acme.org/') g;
-- the site root: base_url without a final "v1" segment (one base_url for
-- both APIs), linkedevents.base_url when NULL; JSON-escaped
SELECT b AS base_url, g.body #>> '{pagination,nextUrl}' AS next_url, g.body #>> '{items,0,selfUrl}' AS self_url
  FROM unnest(ARRAY['https://acme.org', 'https://acme.org/', 'https://api.example/linkedevents/v1/',
                    'https://api.example/v1', 'https://x/"q\', NULL]) b,
       LATERAL linkedevents.get('/v2/content/en-us/photos', '$limit=1', b) g;
SET linkedevents.base_url = 'https://content.example/v1/';
SELECT g.body #>> '{items,0,tags,0,selfUrl}' FROM linkedevents.get('/v2/content/en-us/photos', '$limit=1') g;
RESET linkedevents.base_url;
-- Every page of a walk by nextUrl: together the whole list, once each.
CREATE FUNCTION pg_temp.walk(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    page json;
    seen text := '';
BEGIN
    LOOP
        SELECT g.body INTO page FROM linkedevents.get('/v2/content/en-us/photos', query) g;
        seen := seen || coalesce((SELECT string_agg(i ->> 'slug', ' ') FROM json_array_elements(page -> 'items') i), '') || ' |';
        EXIT WHEN page #>> '{pagination,nextUrl}' IS NULL;
        query := split_part(page #>> '{pagination,nextUrl}', '?', 2);
    END LOOP;
    RETURN seen;
END $$;
SELECT pg_temp.walk('$limit=4'), pg_temp.walk('$limit=1&$sort=tags.slug:desc');

-- The derived keys of the tag and context orders follow every change
-- (src/sql/81_photo_sort_keys.sql): after each statement below, no
-- translation's stored keys differ from keys computed from scratch.
CREATE FUNCTION pg_temp.stale() RETURNS bigint LANGUAGE sql AS $$
    SELECT count(*)
      FROM linkedevents.photo_translation p,
           LATERAL (SELECT min(t.slug) AS slug_min, max(t.slug) AS slug_max, min(t.neutral_slug) AS neutral_min,
                           max(t.neutral_slug) AS neutral_max,
                           min(c.external_source_name || ':' || c.external_source_id) AS source_min,
                           max(c.external_source_name || ':' || c.external_source_id) AS source_max
                      FROM linkedevents.photo_tag pt
                      JOIN linkedevents.content_tag_translation t ON t.neutral_slug = pt.tag AND t.culture = pt.culture
                      JOIN linkedevents.content_tag c ON c.neutral_slug = pt.tag
                     WHERE pt.translation_id = p.translation_id) k
     WHERE (p.sort_tag_slug_min, p.sort_tag_slug_max, p.sort_tag_neutral_slug_min, p.sort_tag_neutral_slug_max,
            p.sort_tag_source_min, p.sort_tag_source_max, p.sort_context_slug)
           IS DISTINCT FROM
           (k.slug_min, k.slug_max, k.neutral_min, k.neutral_max, k.source_min, k.source_max,
            (SELECT x.slug FROM linkedevents.content_tag_translation x
              WHERE x.neutral_slug = p.context AND x.culture = p.culture))
$$;
SELECT pg_temp.stale() AS stale_after_import;
-- a tag's slug in one culture
UPDATE linkedevents.content_tag_translation SET slug = 'z-football' WHERE neutral_slug = 'football' AND culture = 'en-us';
SELECT pg_temp.stale(), pg_temp.slugs('en-us', '$sort=tags.slug:desc') AS by_tag_slug_desc,
       pg_temp.slugs('fi-fi', '$sort=tags.slug:desc') AS fi_unchanged;
-- a context tag's slug
UPDATE linkedevents.content_tag_translation SET slug = 'a-match-report' WHERE neutral_slug = 'match-report' AND culture = 'en-us';
SELECT pg_temp.stale(), pg_temp.slugs('en-us', '$sort=context.slug') AS by_context_slug;
-- a tag's source
UPDATE linkedevents.content_tag SET external_source_id = 't-0001' WHERE neutral_slug = 'team-ifk';
SELECT pg_temp.stale(), pg_temp.slugs('en-us', '$sort=tags.externalSourceReference') AS by_source;
-- links removed, added, moved; a context changed
DELETE FROM linkedevents.photo_tag WHERE tag = 'player-7';
SELECT pg_temp.stale();
INSERT INTO linkedevents.photo_tag (translation_id, culture, tag, position)
SELECT translation_id, culture, 'stadium', 9 FROM linkedevents.photo_translation WHERE slug = 'no-date-archive';
SELECT pg_temp.stale();
UPDATE linkedevents.photo_tag SET translation_id = (SELECT translation_id FROM linkedevents.photo_translation
                                                     WHERE slug = '2019-05-29-redgrave-pintest-featured')
 WHERE tag = 'stadium' AND translation_id = (SELECT translation_id FROM linkedevents.photo_translation
                                              WHERE slug = 'no-date-archive');
SELECT pg_temp.stale();
UPDATE linkedevents.photo_translation SET context = 'gallery' WHERE slug IN ('hjk-goal', 'no-date-archive');
SELECT pg_temp.stale(), pg_temp.slugs('en-us', '$sort=context.slug:desc') AS by_context_slug_desc;
-- a link written before its tag (deferred foreign keys)
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO linkedevents.photo_tag (translation_id, culture, tag, position)
SELECT translation_id, culture, 'late-tag', 9 FROM linkedevents.photo_translation WHERE slug = 'derby-crowd';
INSERT INTO linkedevents.content_tag (neutral_slug, external_source_name, external_source_id) VALUES ('late-tag', 'opta', 'a');
INSERT INTO linkedevents.content_tag_translation (neutral_slug, culture, slug) VALUES ('late-tag', 'en-us', 'a-late-tag');
COMMIT;
SELECT pg_temp.stale(), sort_tag_slug_min, sort_tag_neutral_slug_max, sort_tag_source_min
  FROM linkedevents.photo_translation WHERE slug = 'derby-crowd';
-- an import (it puts the fixture's tags and slugs back); TRUNCATE of the links
SELECT linkedevents.import(:'two'::jsonb, 'photo') AS reimported;
SELECT pg_temp.stale();
TRUNCATE linkedevents.photo_tag;
SELECT pg_temp.stale(), count(*) FILTER (WHERE sort_tag_slug_min IS NOT NULL) AS with_tag_keys,
       count(*) FILTER (WHERE sort_context_slug IS NOT NULL) AS with_context_key
  FROM linkedevents.photo_translation;

-- The default and the largest page, over 130 generated photos.
SELECT linkedevents.import(jsonb_agg(jsonb_build_object(
           '_translationId', format('00000000-0000-4000-8000-%s', lpad(i::text, 12, '0')),
           '_entityId', format('00000000-0000-4000-9000-%s', lpad(i::text, 12, '0')),
           'slug', format('gen-%s', lpad(i::text, 3, '0')),
           'contentDate', '2030-01-01T00:00:00Z',
           'image', jsonb_build_object('templateUrl', 'https://images.acme.org/gen/' || i))), 'photo', 'en-us')
  FROM generate_series(1, 130) i;
SELECT q AS query, json_array_length(g.body -> 'items') AS items,
       g.body #>> '{items,0,slug}' AS first, g.body #>> '{pagination,nextUrl}' AS next_url
  FROM unnest(ARRAY['', '$limit=100', '$skip=100&$limit=100', '$limit=1']) q,
       LATERAL linkedevents.get('/v2/content/en-us/photos', q, 'https://acme.org/') g;

-- The statement reads its filters and orders through indexes: a few
-- thousand generated photos and tags in two cultures, ANALYZE, then the
-- indexes the plans name; each query again without index scans must give
-- the same page.
SELECT le_test_reset();
INSERT INTO linkedevents.content_tag (neutral_slug, external_source_name, external_source_id)
SELECT 'tag-' || i, CASE WHEN i % 3 = 0 THEN 'opta' END, CASE WHEN i % 3 = 0 THEN 'id-' || i END
  FROM generate_series(1, 3000) i;
INSERT INTO linkedevents.content_tag_translation (neutral_slug, culture, slug, title)
SELECT 'tag-' || i, c, c || '-tag-' || i, 'Tag ' || i
  FROM generate_series(1, 3000) i, unnest(ARRAY['en-us', 'fi-fi']) c;
INSERT INTO linkedevents.photo (entity_id, template_url)
SELECT ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'https://images.acme.org/' || i
  FROM generate_series(1, 2000) i;
INSERT INTO linkedevents.photo_translation (translation_id, entity_id, culture, slug, content_date,
                                            last_updated_date, featured, list_availability, context)
SELECT ('00000000-0000-4000-' || CASE c WHEN 'en-us' THEN 'a' ELSE 'b' END || '000-' || lpad(i::text, 12, '0'))::uuid,
       ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, c, 'photo-' || i,
       timestamptz '2024-01-01' + i * interval '1 hour', timestamptz '2024-06-01' - i * interval '1 minute',
       i % 10 = 0, (i % 20 = 7)::integer, CASE WHEN i % 4 > 0 THEN 'tag-' || (i % 300 + 1) END
  FROM generate_series(1, 2000) i, unnest(ARRAY['en-us', 'fi-fi']) c;
INSERT INTO linkedevents.photo_tag (translation_id, culture, tag, position)
SELECT p.translation_id, p.culture, 'tag-' || ((n * 37 + k * 101) % 3000 + 1), k
  FROM (SELECT translation_id, culture, substr(slug, 7)::integer AS n FROM linkedevents.photo_translation) p,
       generate_series(1, 3) k;
ANALYZE linkedevents.content_tag, linkedevents.content_tag_translation, linkedevents.photo,
        linkedevents.photo_translation, linkedevents.photo_tag;
CREATE FUNCTION pg_temp.plan_uses(query text, index_name text) RETURNS boolean LANGUAGE sql AS $$
    SELECT bool_or(line LIKE '%' || index_name || '%') FROM linkedevents._photo_query_explain('en-us', query) line
$$;
CREATE FUNCTION pg_temp.page(query text) RETURNS text LANGUAGE sql AS $$
    SELECT string_agg(i ->> 'slug', ' ')
      FROM linkedevents.get('/v2/content/en-us/photos', query) g, json_array_elements(g.body -> 'items') i
$$;
CREATE TEMP TABLE indexed AS
SELECT q, idx, pg_temp.plan_uses(q, idx) AS uses_index, pg_temp.page(q) AS page FROM (VALUES
    ('', 'photo_translation_default_order_idx'),
    ('featured=1&$limit=5', 'photo_translation_default_order_idx'),
    ('$sort=lastUpdatedDate&$limit=5', 'photo_translation_last_updated_idx'),
    ('$sort=lastUpdatedDate:desc&$limit=5', 'photo_translation_last_updated_idx'),
    ('$sort=context.neutralSlug&$limit=5', 'photo_translation_context_idx'),
    ('$sort=context.neutralSlug:desc&$limit=5', 'photo_translation_context_idx'),
    ('$sort=context.slug&$limit=5', 'photo_translation_context_slug_idx'),
    ('$sort=context.slug:desc&$limit=5', 'photo_translation_context_slug_idx'),
    ('$sort=tags.slug&$limit=5', 'photo_translation_tag_slug_min_idx'),
    ('$sort=tags.slug:desc&$limit=5', 'photo_translation_tag_slug_max_idx'),
    ('$sort=tags.neutralSlug&$limit=5', 'photo_translation_tag_neutral_slug_min_idx'),
    ('$sort=tags.neutralSlug:desc&$limit=5', 'photo_translation_tag_neutral_slug_max_idx'),
    ('$sort=tags.externalSourceReference&$limit=5', 'photo_translation_tag_source_min_idx'),
    ('$sort=tags.externalSourceReference:desc&$limit=5', 'photo_translation_tag_source_max_idx'),
    ('context.neutralSlug=tag-6', 'photo_translation_context_idx'),
    ('context.slug=en-us-tag-6', 'photo_translation_context_idx'),
    ('_id=photo-77', 'photo_translation_slug_key'),
    ('tags.slug=en-us-tag-20', 'photo_tag_tag_idx'),
    ('tags.slug=en-us-tag-20&tags.slug=en-us-tag-121', 'photo_tag_tag_idx'),
    ('tags.neutralSlug=tag-20&tags.neutralSlug=tag-121', 'photo_tag_tag_idx'),
    ('tags.externalSourceReference=opta:id-21', 'photo_tag_tag_idx')
) v(q, idx);
SELECT q AS query, idx AS index, uses_index, page <> '' AS found FROM indexed;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
SET enable_indexonlyscan = off;
SELECT q AS query, page IS NOT DISTINCT FROM pg_temp.page(q) AS same_page FROM indexed;
RESET enable_indexscan;
RESET enable_bitmapscan;
RESET enable_indexonlyscan;
-- The lookups before the statement: a tag by its slug, by its source.
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT t.slug, t.neutral_slug FROM linkedevents.content_tag_translation t
 WHERE t.culture OPERATOR(pg_catalog.=) 'en-us' AND t.slug OPERATOR(pg_catalog.=) ANY ('{en-us-tag-20}') ORDER BY t.slug;
EXPLAIN (COSTS OFF) SELECT c.neutral_slug FROM linkedevents.content_tag c
 WHERE c.external_source_name OPERATOR(pg_catalog.=) 'opta' AND c.external_source_id OPERATOR(pg_catalog.=) 'id-21';
RESET enable_seqscan;
