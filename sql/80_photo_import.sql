-- linkedevents.import(doc, 'photo' [, culture]): the content API's photo
-- items in (README "Photos"), and the round trip: import -> serialize ->
-- the same JSON.
SELECT le_test_reset();
SET timezone = 'UTC';
\set seed `cat test/fixtures/004_photo_list_page.json`
\set two `cat test/fixtures/004_photos_two_cultures.json`
CREATE FUNCTION pg_temp.counts() RETURNS text LANGUAGE sql AS $$
    SELECT format('tags %s, tag translations %s, photos %s, translations %s, tag links %s',
                  (SELECT count(*) FROM linkedevents.content_tag),
                  (SELECT count(*) FROM linkedevents.content_tag_translation),
                  (SELECT count(*) FROM linkedevents.photo),
                  (SELECT count(*) FROM linkedevents.photo_translation),
                  (SELECT count(*) FROM linkedevents.photo_tag))
$$;
-- The row versions of every photo table: equal before and after means
-- nothing was written.
CREATE FUNCTION pg_temp.versions() RETURNS text LANGUAGE sql AS $$
    SELECT string_agg(x, ' ' ORDER BY x) FROM (
        SELECT 't' || xmin::text || ctid::text FROM linkedevents.content_tag
        UNION ALL SELECT 'u' || xmin::text || ctid::text FROM linkedevents.content_tag_translation
        UNION ALL SELECT 'p' || xmin::text || ctid::text FROM linkedevents.photo
        UNION ALL SELECT 'r' || xmin::text || ctid::text FROM linkedevents.photo_translation
        UNION ALL SELECT 'l' || xmin::text || ctid::text FROM linkedevents.photo_tag) v(x)
$$;
CREATE FUNCTION pg_temp.detail(culture text, slug text) RETURNS json LANGUAGE sql AS $$
    SELECT body FROM linkedevents.get(format('/v2/content/%s/photos/%s', culture, slug), '', 'https://acme.org/')
$$;

-- The seed's example, a whole response: the culture comes from the
-- selfUrl; meta and pagination are the response's, not data.
SELECT linkedevents.import(:'seed'::jsonb, 'photo');
SELECT pg_temp.counts();
\x on
SELECT * FROM linkedevents.photo_translation;
SELECT * FROM linkedevents.photo;
\x off

-- Round trip of the seed's example. The example leaves out six fields of
-- the seed's data structure; the item comes back as the example plus those
-- six with their defaults, nothing else differs.
SELECT pg_temp.detail('en-us', '2019-05-29-redgrave-pintest-featured')::jsonb
       = (:'seed'::jsonb -> 'items' -> 0)
         || '{"context": null, "mimeType": null, "storagePath": null, "relations": [],
              "references": {}, "_listAvailability": 0}' AS round_trip;
-- the keys in the order of the data structure
SELECT string_agg(k, ', ' ORDER BY n)
  FROM json_object_keys(pg_temp.detail('en-us', '2019-05-29-redgrave-pintest-featured')) WITH ORDINALITY AS k(k, n);
SELECT string_agg(k, ', ' ORDER BY n)
  FROM json_object_keys(pg_temp.detail('en-us', '2019-05-29-redgrave-pintest-featured') -> 'image')
       WITH ORDINALITY AS k(k, n);
-- The whole response: the same but for generatedAt, the time of the request.
SELECT jsonb_set(g.body::jsonb, '{meta,generatedAt}', :'seed'::jsonb #> '{meta,generatedAt}')
       = jsonb_set(:'seed'::jsonb, '{items,0}', (:'seed'::jsonb #> '{items,0}')
                   || '{"context": null, "mimeType": null, "storagePath": null, "relations": [],
                        "references": {}, "_listAvailability": 0}') AS page_round_trip,
       g.body::text ~ '^\{"meta":\{"apiVersion":"2\.0","generatedAt":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(\d{3})?Z"\},"pagination":\{"maxItems":100\},"items":\['
           AS envelope
  FROM linkedevents.get('/v2/content/en-us/photos', '', 'https://acme.org/') g;

-- Photos in two cultures with every field: each comes back exactly as the
-- document gave it, keys in order (the fixture is written in that order).
SELECT linkedevents.import(:'two'::jsonb, 'photo');
SELECT pg_temp.counts();
SELECT i ->> 'selfUrl' AS item,
       pg_temp.detail(m[1], m[2])::jsonb = i::jsonb AS same_json,
       (SELECT array_agg(k) FROM json_object_keys(pg_temp.detail(m[1], m[2])) k)
       = (SELECT array_agg(k) FROM json_object_keys(i) k) AS same_keys
  FROM json_array_elements(:'two'::json) i,
       regexp_match(i ->> 'selfUrl', '/content/([^/]+)/photos/([^/]+)$') m;
SELECT json_object_keys(pg_temp.detail('en-us', 'hjk-goal') -> 'tags' -> 1);
-- Importing the served documents again writes nothing.
CREATE TEMP TABLE before AS SELECT pg_temp.versions() AS v;
SELECT linkedevents.import(jsonb_agg(pg_temp.detail(m[1], m[2])), 'photo')
  FROM jsonb_array_elements(:'two'::jsonb) i,
       regexp_match(i ->> 'selfUrl', '/content/([^/]+)/photos/([^/]+)$') m;
SELECT pg_temp.versions() = v AS nothing_rewritten FROM before;

-- Values as the content API writes them: 7 decimals (.NET) round to
-- microseconds, which come back as 6 digits; an offset is read as such;
-- a leap day exists; the culture argument is lower-cased.
SELECT linkedevents.import('{"_translationId": "00000000-0000-4000-8000-000000000001",
    "_entityId": "00000000-0000-4000-8000-0000000000e1", "slug": "precise",
    "contentDate": "2024-01-02T03:04:05.1234567Z", "lastUpdatedDate": "2024-02-29T05:04:05+02:00",
    "image": {"templateUrl": "t"}}', 'photo', 'EN-US');
SELECT j ->> 'selfUrl' AS self_url, j ->> 'contentDate' AS content_date, j ->> 'lastUpdatedDate' AS last_updated_date
  FROM pg_temp.detail('en-us', 'precise') j;

-- Updates: the document's tag list wins (order, removals), a slug changes;
-- the tags stay in the store.
SELECT linkedevents.import(jsonb_set(jsonb_set(pg_temp.detail('en-us', 'hjk-goal')::jsonb, '{slug}', '"hjk-goal-2"'),
                                     '{tags}', jsonb_build_array(pg_temp.detail('en-us', 'hjk-goal') #> '{tags,2}',
                                                                 pg_temp.detail('en-us', 'hjk-goal') #> '{tags,0}'))
                           - 'selfUrl', 'photo', 'en-us');
SELECT t.tag, t.position FROM linkedevents.photo_tag t JOIN linkedevents.photo_translation p USING (translation_id)
 WHERE p.slug = 'hjk-goal-2' ORDER BY t.position;
SELECT pg_temp.detail('en-us', 'hjk-goal')::jsonb ->> 'status' AS old_slug;
-- two slugs swap in one call (uniqueness is checked at the end)
SELECT linkedevents.import(jsonb_build_array(
           jsonb_set(pg_temp.detail('en-us', 'hjk-goal-2')::jsonb - 'selfUrl', '{slug}', '"stadium-sunset"'),
           jsonb_set(pg_temp.detail('en-us', 'stadium-sunset')::jsonb - 'selfUrl', '{slug}', '"hjk-goal-2"')),
       'photo', 'en-us');
SELECT slug, title FROM linkedevents.photo_translation WHERE slug IN ('hjk-goal-2', 'stadium-sunset') ORDER BY slug;
SELECT pg_temp.counts();

-- A tag given by its neutralSlug alone refers to a stored tag of the
-- culture (or one given in full in the same call).
SELECT linkedevents.import('[{"_translationId": "00000000-0000-4000-8000-000000000002",
    "_entityId": "00000000-0000-4000-8000-0000000000e2", "slug": "by-reference",
    "tags": [{"neutralSlug": "team-hjk"}, {"neutralSlug": "new-tag"}],
    "context": {"neutralSlug": "new-tag"}, "image": {"templateUrl": "t"}},
   {"_translationId": "00000000-0000-4000-8000-000000000003",
    "_entityId": "00000000-0000-4000-8000-0000000000e3", "slug": "defines-new-tag",
    "tags": [{"neutralSlug": "new-tag", "slug": "uusi", "title": "Uusi"}], "image": {"templateUrl": "t"}}]',
    'photo', 'fi-fi') AS imported;
SELECT (SELECT string_agg(format('%s (%s, %s)', t ->> 'neutralSlug', t ->> 'slug', t ->> 'title'), ', ')
          FROM json_array_elements(j -> 'tags') t) AS tags,
       j -> 'context' ->> 'slug' AS context
  FROM pg_temp.detail('fi-fi', 'by-reference') j;
SELECT pg_temp.counts();

-- Bad documents: 22023 naming the field and the object (23503 for a
-- reference, 23505 for a slug taken), and nothing is written.
CREATE TEMP TABLE stored AS SELECT pg_temp.versions() AS v;
CREATE FUNCTION pg_temp.item(patch jsonb) RETURNS jsonb LANGUAGE sql AS $$
    SELECT '{"_translationId": "00000000-0000-4000-8000-0000000000aa",
             "_entityId": "00000000-0000-4000-8000-0000000000ea", "slug": "new-photo",
             "selfUrl": "https://acme.org/v2/content/en-us/photos/new-photo",
             "image": {"templateUrl": "https://images.acme.org/{formatName}/x"}}'::jsonb || patch
$$;
SELECT p AS patch, le_error(format('SELECT linkedevents.import(%L::jsonb, ''photo'')', pg_temp.item(p::jsonb)))
  FROM unnest(ARRAY[
    '{"type": "story"}', '{"type": "Photo"}',
    '{"_translationId": null}', '{"_translationId": "e69fdc4e-c4ea-415b-aeb3"}', '{"_translationId": 7}',
    '{"_entityId": "811f692a2d5f418cb0d79b2e907c8d38"}',
    '{"slug": ""}', '{"slug": "a/b"}', '{"slug": ["x"]}',
    '{"selfUrl": "https://acme.org/new-photo"}', '{"selfUrl": "https://acme.org/v2/content/en-us/photos/other"}',
    '{"selfUrl": "https://acme.org/v2/content/en_US/photos/new-photo"}', '{"selfUrl": 5}',
    '{"title": 5}', '{"createdBy": {}}', '{"lastUpdatedBy": true}',
    '{"contentDate": "2020-07-21"}', '{"contentDate": "2020-07-21T07:33:43"}',
    '{"contentDate": "2020-07-21T07:33:43.12345678Z"}', '{"contentDate": "2020-07-21 07:33:43Z"}',
    '{"contentDate": "2020-07-21T07:33:43+16:00"}', '{"contentDate": "0000-01-01T00:00:00Z"}',
    '{"lastUpdatedDate": "2020-02-30T00:00:00Z"}', '{"lastUpdatedDate": "2023-02-29T00:00:00Z"}',
    '{"lastUpdatedDate": 1595316823}',
    '{"featured": 2}', '{"featured": "1"}', '{"featured": true}', '{"featured": 1.0}', '{"_listAvailability": -1}',
    '{"image": null}', '{"image": "https://images.acme.org/x"}', '{"image": {"title": "no template"}}',
    '{"image": {"templateUrl": 1}}', '{"image": {"templateUrl": "t", "overriddenFormats": []}}',
    '{"image": {"templateUrl": "t", "format": 3}}',
    '{"mimeType": 1}', '{"storagePath": []}', '{"fields": []}', '{"relations": {}}', '{"references": "r"}',
    '{"tags": {}}', '{"tags": ["football"]}', '{"tags": [{"type": "category", "neutralSlug": "x", "slug": "x"}]}',
    '{"tags": [{"slug": "x"}]}', '{"tags": [{"neutralSlug": "", "slug": "x"}]}',
    '{"tags": [{"neutralSlug": "x", "title": "X"}]}', '{"tags": [{"neutralSlug": "x", "slug": "x/y"}]}',
    '{"tags": [{"neutralSlug": "x", "slug": "x", "extraData": []}]}',
    '{"tags": [{"neutralSlug": "x", "slug": "x", "fields": 1}]}',
    '{"tags": [{"neutralSlug": "x", "slug": "x", "externalSourceReference": "opta:1"}]}',
    '{"tags": [{"neutralSlug": "x", "slug": "x", "externalSourceReference": {"sourceName": "opta", "sourceId": "1"}}]}',
    '{"tags": [{"neutralSlug": "x", "slug": "x", "externalSourceName": "opta", "externalSourceReference": {"sourceName": "opta"}}]}',
    '{"tags": [{"neutralSlug": "x", "slug": "x", "externalSourceName": "opta", "externalSourceReference": {"sourceName": "opta", "sourceId": ""}}]}',
    '{"context": "match-report"}', '{"context": {"slug": "x"}}',
    '{"tags": [{"neutralSlug": "x", "slug": "x"}, {"neutralSlug": "x", "slug": "x"}]}',
    '{"tags": [{"neutralSlug": "nowhere"}]}', '{"selfUrl": "https://acme.org/v2/content/fi-fi/photos/new-photo", "context": {"neutralSlug": "player-7"}}',
    '{"_translationId": "4d1ab59d-535c-5306-9daf-301997f74cb3"}',
    '{"slug": "derby-crowd", "selfUrl": "https://acme.org/v2/content/en-us/photos/derby-crowd"}',
    '{"_entityId": "7207bda9-ea3c-5c9b-9475-9e2cd48bd385"}',
    '{"tags": [{"neutralSlug": "x", "slug": "football"}]}',
    '{"selfUrl": "https://acme.org/v2/content/en-us/photos/%FF"}'
  ]) p;
-- between the items of one document
SELECT le_error(format('SELECT linkedevents.import(%L::jsonb, ''photo'')', d))
  FROM unnest(ARRAY[
    jsonb_build_array(pg_temp.item('{}'),
                      pg_temp.item('{"slug": "other", "selfUrl": "https://acme.org/v2/content/en-us/photos/other"}')),
    jsonb_build_array(pg_temp.item('{"tags": [{"neutralSlug": "x", "slug": "x", "title": "X"}]}'),
                      pg_temp.item('{"_translationId": "00000000-0000-4000-8000-0000000000ab", "slug": "b",
                                     "selfUrl": "https://acme.org/v2/content/en-us/photos/b",
                                     "_entityId": "00000000-0000-4000-8000-0000000000eb",
                                     "tags": [{"neutralSlug": "x", "slug": "x", "title": "Y"}]}')),
    jsonb_build_array(pg_temp.item('{"tags": [{"neutralSlug": "x", "slug": "x", "externalSourceName": "a"}]}'),
                      pg_temp.item('{"_translationId": "00000000-0000-4000-8000-0000000000ab", "slug": "b",
                                     "selfUrl": "https://acme.org/v2/content/fi-fi/photos/b",
                                     "_entityId": "00000000-0000-4000-8000-0000000000eb",
                                     "tags": [{"neutralSlug": "x", "slug": "y"}]}')),
    jsonb_build_array(pg_temp.item('{}'),
                      pg_temp.item('{"_translationId": "00000000-0000-4000-8000-0000000000ab",
                                     "selfUrl": "https://acme.org/v2/content/fi-fi/photos/new-photo",
                                     "image": {"templateUrl": "other"}}')),
    jsonb_build_array(pg_temp.item('{}'),
                      pg_temp.item('{"_translationId": "00000000-0000-4000-8000-0000000000ab",
                                     "_entityId": "00000000-0000-4000-8000-0000000000eb"}')),
    jsonb_build_array(pg_temp.item('{}'), '"not an item"'::jsonb),
    jsonb_build_array(pg_temp.item('{}'), pg_temp.item('{"featured": "yes"}'))
  ]) d;
-- the document and the arguments
SELECT le_error(q) FROM unnest(ARRAY[
    $$SELECT linkedevents.import('"photo"', 'photo')$$,
    $$SELECT linkedevents.import('{"items": {}}', 'photo')$$,
    $$SELECT linkedevents.import('[{"_translationId": "00000000-0000-4000-8000-0000000000aa",
        "_entityId": "00000000-0000-4000-8000-0000000000ea", "slug": "x", "image": {"templateUrl": "t"}}]', 'photo')$$,
    $$SELECT linkedevents.import('[]', 'photo', 'en_US')$$,
    $$SELECT linkedevents.import('[]', 'photo', 'en-us/x')$$,
    $$SELECT linkedevents.import('[]', 'event', 'en-us')$$,
    $$SELECT linkedevents.import('{}', 'photos')$$,
    $$SELECT linkedevents.import(pg_temp.item('{}'), 'photo', 'fi-fi')$$
  ]) q;
SELECT pg_temp.versions() = v AS nothing_written FROM stored;
SELECT linkedevents.import('[]', 'photo') AS empty_document;
-- the three-argument form imports other resources too
SELECT linkedevents.import('{"id": "fi", "name": {"fi": "suomi"}}', 'language', NULL);
