-- The filters of GET /v2/content/<culture>/photos (README "Photos"): each
-- one selects fewer photos than the list without it, so ignoring it fails.
SELECT le_test_reset();
\set seed `cat test/fixtures/004_photo_list_page.json`
\set two `cat test/fixtures/004_photos_two_cultures.json`
SELECT linkedevents.import(:'seed'::jsonb, 'photo') + linkedevents.import(:'two'::jsonb, 'photo') AS imported;
-- The slugs of a list, in order, or the status and detail of an error.
CREATE FUNCTION pg_temp.slugs(culture text, query text) RETURNS text LANGUAGE sql AS $$
    SELECT CASE WHEN g.status = 200
                THEN coalesce((SELECT string_agg(i ->> 'slug', ' ' ORDER BY n)
                                 FROM json_array_elements(g.body -> 'items') WITH ORDINALITY AS x(i, n)), '')
                ELSE g.status || ' ' || coalesce(g.body ->> 'detail', '') END
      FROM linkedevents.get('/v2/content/' || culture || '/photos', query) g
$$;

-- Without filters: the public photos of the culture (default order:
-- featured, then contentDate, descending).
SELECT pg_temp.slugs('en-us', '') AS en, pg_temp.slugs('fi-fi', '') AS fi;

SELECT c AS culture, q AS query, pg_temp.slugs(c, q) AS slugs FROM (VALUES
    -- tags.slug: the culture's slugs; repeats must all be tags of the photo
    ('en-us', 'tags.slug=football'),
    ('en-us', 'tags.slug=football&tags.slug=hjk-helsinki'),
    ('en-us', 'tags.slug=hjk-helsinki&tags.slug=football&tags.slug=hjk-helsinki'),
    ('en-us', 'tags.slug=football&tags.slug=no-such-tag'),
    ('en-us', 'tags.slug=football&tags.slug='),
    ('en-us', 'tags.slug=jalkapallo'),
    ('fi-fi', 'tags.slug=jalkapallo'),
    ('fi-fi', 'tags.slug=football'),
    ('en-us', 'tags.slug=training'),
    ('en-us', 'tags.slug=photo-gallery'),
    -- tags.neutralSlug: the same in every culture
    ('en-us', 'tags.neutralSlug=team-ifk'),
    ('en-us', 'tags.neutralSlug=team-ifk&tags.neutralSlug=football'),
    ('fi-fi', 'tags.neutralSlug=team-ifk&tags.neutralSlug=team-hjk'),
    ('en-us', 'tags.neutralSlug=hjk-helsinki'),
    -- tags.slug and tags.neutralSlug together
    ('en-us', 'tags.slug=football&tags.neutralSlug=team-ifk'),
    -- tags.externalSourceReference: sourceName:sourceId, split at the
    -- first colon; the last value wins; the context is no tag
    ('en-us', 'tags.externalSourceReference=opta:t-1002'),
    ('en-us', 'tags.externalSourceReference=opta:p:7'),
    ('en-us', 'tags.externalSourceReference=opta:t-1001'),
    ('fi-fi', 'tags.externalSourceReference=opta:t-1001'),
    ('en-us', 'tags.externalSourceReference=statsbomb:t-1002'),
    ('en-us', 'tags.externalSourceReference=opta:p&tags.externalSourceReference=opta:t-1002'),
    ('en-us', 'tags.externalSourceReference=forge-sections:s-12'),
    -- context.slug, also written content.slug: one parameter, the last wins
    ('en-us', 'context.slug=photo-gallery'),
    ('en-us', 'content.slug=match-report'),
    ('en-us', 'context.slug=photo-gallery&content.slug=match-report'),
    ('en-us', 'content.slug=match-report&context.slug=photo-gallery'),
    ('en-us', 'context.slug=gallery'),
    ('fi-fi', 'context.slug=valokuvat'),
    -- context.neutralSlug
    ('en-us', 'context.neutralSlug=match-report'),
    ('fi-fi', 'context.neutralSlug=match-report'),
    ('en-us', 'context.neutralSlug=photo-gallery'),
    ('en-us', 'context.neutralSlug=gallery&context.slug=photo-gallery'),
    ('en-us', 'context.neutralSlug=gallery&context.slug=match-report'),
    -- featured
    ('en-us', 'featured=1'),
    ('en-us', 'featured=0'),
    ('fi-fi', 'featured=1'),
    -- _id: the slug
    ('en-us', '_id=derby-crowd'),
    ('en-us', '_id=derby-yleiso'),
    ('fi-fi', '_id=derby-yleiso'),
    -- _listAvailability: public (0) unless asked for unlisted (1)
    ('en-us', '_listAvailability=1'),
    ('en-us', '_listAvailability=0'),
    ('en-us', '_listAvailability=1&tags.neutralSlug=team-hjk'),
    ('en-us', '_id=unlisted-warmup'),
    ('en-us', '_id=unlisted-warmup&_listAvailability=1'),
    -- together: every filter applies
    ('en-us', 'tags.neutralSlug=football&featured=0&context.neutralSlug=match-report'),
    ('en-us', 'tags.slug=football&featured=1&context.slug=photo-gallery&_id=stadium-sunset'),
    -- an empty value is an absent parameter; unknown parameters are ignored
    ('en-us', 'tags.slug=&context.slug=&featured=&_id=&tags.externalSourceReference=&_listAvailability='),
    ('en-us', 'tags.Slug=football&slug=x'),
    -- values are percent-decoded; a "+" is a space
    ('en-us', 'tags.slug=%66ootball&_id=derby%2Dcrowd'),
    ('en-us', '_id=derby+crowd')
) v(c, q);

-- More than 8 tags are one GROUP BY condition instead of one EXISTS each:
-- the same answers.
SELECT linkedevents.import(jsonb_build_object(
    '_translationId', '00000000-0000-4000-8000-000000000009', '_entityId', '00000000-0000-4000-8000-0000000000e9',
    'slug', 'many-tags', 'image', jsonb_build_object('templateUrl', 't'),
    'tags', (SELECT jsonb_agg(jsonb_build_object('neutralSlug', 'n' || i, 'slug', 's' || i)) FROM generate_series(1, 9) i)
                             || '[{"neutralSlug": "football"}]'), 'photo', 'en-us');
SELECT q AS query, pg_temp.slugs('en-us', q) AS slugs FROM (VALUES
    ('tags.neutralSlug=n1&tags.neutralSlug=n2&tags.neutralSlug=n3&tags.neutralSlug=n4&tags.neutralSlug=n5'
     '&tags.neutralSlug=n6&tags.neutralSlug=n7&tags.neutralSlug=n8'),
    ('tags.neutralSlug=n1&tags.neutralSlug=n2&tags.neutralSlug=n3&tags.neutralSlug=n4&tags.neutralSlug=n5'
     '&tags.neutralSlug=n6&tags.neutralSlug=n7&tags.neutralSlug=n8&tags.neutralSlug=n9'),
    ('tags.neutralSlug=n1&tags.neutralSlug=n2&tags.neutralSlug=n3&tags.neutralSlug=n4&tags.neutralSlug=n5'
     '&tags.neutralSlug=n6&tags.neutralSlug=n7&tags.neutralSlug=n8&tags.slug=football'),
    ('tags.neutralSlug=n1&tags.neutralSlug=n2&tags.neutralSlug=n3&tags.neutralSlug=n4&tags.neutralSlug=n5'
     '&tags.neutralSlug=n6&tags.neutralSlug=n7&tags.neutralSlug=n8&tags.neutralSlug=team-hjk'),
    ('tags.slug=s1&tags.slug=s2&tags.slug=s3&tags.slug=s4&tags.slug=s5&tags.slug=s6&tags.slug=s7&tags.slug=s8'
     '&tags.slug=s9&tags.slug=football&featured=0'),
    ('tags.slug=s1&tags.slug=s2&tags.slug=s3&tags.slug=s4&tags.slug=s5&tags.slug=s6&tags.slug=s7&tags.slug=s8'
     '&tags.slug=s9&tags.slug=football&featured=1')
) v(q);
SELECT count(*) FILTER (WHERE line LIKE '%GROUP BY%' OR line LIKE '%Aggregate%') > 0 AS grouped
  FROM linkedevents._photo_query_explain('en-us', 'tags.neutralSlug=n1&tags.neutralSlug=n2&tags.neutralSlug=n3'
      '&tags.neutralSlug=n4&tags.neutralSlug=n5&tags.neutralSlug=n6&tags.neutralSlug=n7&tags.neutralSlug=n8'
      '&tags.neutralSlug=n9') line;

-- The culture of the path is matched without regard to case.
SELECT pg_temp.slugs('EN-us', 'featured=1');
-- The detail shows unlisted photos too (reachable by their selfUrl).
SELECT g.status, g.body ->> 'slug' AS slug, g.body ->> '_listAvailability' AS list_availability
  FROM linkedevents.get('/v2/content/en-us/photos/unlisted-warmup') g;
SELECT g.status, g.body ->> 'slug' AS slug FROM linkedevents.get('/v2/content/fi-fi/photos/hjk-maali/') g;
-- a slug is found in its culture only
SELECT g.status FROM linkedevents.get('/v2/content/fi-fi/photos/hjk-goal') g;
