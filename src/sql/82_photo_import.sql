-- Import of the content API's photos: linkedevents.import(doc, 'photo'
-- [, culture]) takes the endpoint's own items (README "Photos").
--
-- Phases, as the event import (40_import_*):
--   1. read every item and its tags into typed rows, in document order; a
--      wrong value is 22023 naming the field and the object;
--   2. check the document: no translation twice, copies of one tag or one
--      photo entity agree, a tag reference names a tag (23503);
--   3. upsert tags, entities, translations and their tag lists, constraints
--      deferred; unchanged rows are not rewritten;
--   4. check the slugs that must be unique (23505 naming both objects).
-- Any error rolls the whole call back.

-- An item as phase 1 reads it (columns as photo_translation and photo).
CREATE TYPE linkedevents._photo_item AS (
    n integer, what text, translation_id uuid, entity_id uuid, culture text, slug text,
    title text, content_date timestamptz, created_by text, last_updated_by text,
    last_updated_date timestamptz, featured boolean, list_availability smallint, context text,
    image_title text, template_url text, thumbnail_url text, format text,
    overridden_formats jsonb, mime_type text, storage_path text, fields jsonb,
    relations jsonb, reference_fields jsonb
);
COMMENT ON TYPE linkedevents._photo_item IS 'import: a photo item of the document, read';

-- A tag of item n as phase 1 reads it: position 1.. in its tags, 0 for its
-- context. A reference gives only neutralSlug (and type, selfUrl).
CREATE TYPE linkedevents._photo_item_tag AS (
    n integer, position integer, what text, culture text, neutral_slug text,
    is_reference boolean, slug text, title text, external_source_name text,
    external_source_id text, extra_data jsonb, fields jsonb
);
COMMENT ON TYPE linkedevents._photo_item_tag IS 'import: a tag of a photo item, read';

-- A required field: its absence is an error naming it.
CREATE FUNCTION linkedevents._photo_import_required(o jsonb, field text, what text) RETURNS jsonb
    LANGUAGE sql VOLATILE
    RETURN CASE WHEN coalesce(jsonb_typeof(o -> field), 'null') = 'null'
                THEN linkedevents._import_error(format('%s has no "%s"', what, field))::jsonb
                ELSE o -> field END;
COMMENT ON FUNCTION linkedevents._photo_import_required(jsonb, text, text) IS
    'import: a field that must be present and not null';

CREATE FUNCTION linkedevents._photo_import_guid(o jsonb, field text, what text) RETURNS uuid
    LANGUAGE sql VOLATILE
    RETURN CASE WHEN jsonb_typeof(linkedevents._photo_import_required(o, field, what)) = 'string'
                     AND (o ->> field) ~ '^[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}$'
                THEN (o ->> field)::uuid
                ELSE linkedevents._import_bad(what, field, o -> field,
                         'a GUID such as "811f692a-2d5f-418c-b0d7-9b2e907c8d38"')::uuid END;
COMMENT ON FUNCTION linkedevents._photo_import_guid(jsonb, text, text) IS 'import: a required GUID';

-- A neutral slug, a source name or id: a required non-empty string.
CREATE FUNCTION linkedevents._photo_import_name(o jsonb, field text, what text) RETURNS text
    LANGUAGE sql VOLATILE
    RETURN CASE WHEN jsonb_typeof(linkedevents._photo_import_required(o, field, what)) = 'string'
                     AND (o ->> field) <> ''
                THEN o ->> field
                ELSE linkedevents._import_bad(what, field, o -> field, 'a non-empty string') END;
COMMENT ON FUNCTION linkedevents._photo_import_name(jsonb, text, text) IS 'import: a required non-empty string';

CREATE FUNCTION linkedevents._photo_import_slug(o jsonb, field text, what text) RETURNS text
    LANGUAGE sql VOLATILE
    RETURN CASE WHEN jsonb_typeof(linkedevents._photo_import_required(o, field, what)) = 'string'
                     AND linkedevents._is_slug(o ->> field)
                THEN o ->> field
                ELSE linkedevents._import_bad(what, field, o -> field, 'a non-empty string without "/"') END;
COMMENT ON FUNCTION linkedevents._photo_import_slug(jsonb, text, text) IS 'import: a required slug';

-- The content API's date-times are UTC timestamps: ISO 8601 with seconds, up
-- to 7 decimals (.NET writes 7) and Z or an offset; the day must exist in
-- its month.
CREATE FUNCTION linkedevents._photo_import_time(o jsonb, field text, what text) RETURNS timestamptz
    LANGUAGE sql VOLATILE
    RETURN CASE
               WHEN coalesce(jsonb_typeof(o -> field), 'null') = 'null' THEN NULL
               WHEN jsonb_typeof(o -> field) = 'string'
                    AND (o ->> field) ~ ('^(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})'
                                         '-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])'
                                         'T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,7})?'
                                         '(Z|[+-](0[0-9]|1[0-5]):[0-5][0-9])$')
                   THEN CASE WHEN substr(o ->> field, 9, 2)::integer
                                  <= extract(day FROM make_date(substr(o ->> field, 1, 4)::integer,
                                                                substr(o ->> field, 6, 2)::integer, 1)
                                                      + interval '1 month - 1 day')
                             THEN (o ->> field)::timestamptz
                             ELSE linkedevents._import_bad(what, field, o -> field, 'a date-time on a day that exists')::timestamptz
                        END
               ELSE linkedevents._import_bad(what, field, o -> field,
                                             'a UTC date-time such as "2020-07-21T07:33:43.554Z"')::timestamptz
           END;
COMMENT ON FUNCTION linkedevents._photo_import_time(jsonb, text, text) IS
    'import: an ISO 8601 date-time with seconds and Z or an offset';

-- featured and _listAvailability: the number 0 or 1.
CREATE FUNCTION linkedevents._photo_import_flag(o jsonb, field text, what text) RETURNS smallint
    LANGUAGE sql VOLATILE
    RETURN CASE
               WHEN coalesce(jsonb_typeof(o -> field), 'null') = 'null' THEN NULL
               WHEN jsonb_typeof(o -> field) = 'number' AND (o ->> field) IN ('0', '1')
                   THEN (o ->> field)::smallint
               ELSE linkedevents._import_bad(what, field, o -> field, '0 or 1')::smallint
           END;
COMMENT ON FUNCTION linkedevents._photo_import_flag(jsonb, text, text) IS 'import: 0 or 1';

-- An optional "type" must be the given one.
CREATE FUNCTION linkedevents._photo_import_type(o jsonb, type text, what text) RETURNS void
    LANGUAGE plpgsql VOLATILE AS
$$
BEGIN
    IF coalesce(jsonb_typeof(o -> 'type'), 'null') <> 'null' AND o -> 'type' <> to_jsonb(type) THEN
        PERFORM linkedevents._import_bad(what, 'type', o -> 'type', format('"%s"', type));
    END IF;
END
$$;
COMMENT ON FUNCTION linkedevents._photo_import_type(jsonb, text, text) IS 'import: the optional "type" field';

-- Item n of the document in the given culture (NULL: its selfUrl's).
CREATE FUNCTION linkedevents._photo_import_item(o jsonb, n integer, culture text)
    RETURNS linkedevents._photo_item
    LANGUAGE plpgsql VOLATILE AS
$$
DECLARE
    item linkedevents._photo_item;
    what text;
    url text[];
    image jsonb;
    image_what text;
BEGIN
    IF jsonb_typeof(o) IS DISTINCT FROM 'object' THEN
        PERFORM linkedevents._import_error(format('item %s of the document is not an object but %s',
                                                  n, jsonb_typeof(o)));
    END IF;
    what := CASE WHEN jsonb_typeof(o -> 'slug') = 'string' THEN format('photo "%s"', o ->> 'slug')
                 ELSE format('the photo in item %s of the document', n) END;
    PERFORM linkedevents._photo_import_type(o, 'photo', what);
    item.n := n;
    item.what := what;
    item.translation_id := linkedevents._photo_import_guid(o, '_translationId', what);
    item.entity_id := linkedevents._photo_import_guid(o, '_entityId', what);
    item.slug := linkedevents._photo_import_slug(o, 'slug', what);

    -- The culture: the argument, or the selfUrl's; they must agree, and the
    -- selfUrl must end in the slug.
    IF linkedevents._import_text(o, 'selfUrl', what) IS NOT NULL THEN
        url := regexp_match(o ->> 'selfUrl', '/content/([^/?#]+)/photos/([^/?#]+)/?(?:[?#].*)?$');
        IF url IS NULL THEN
            PERFORM linkedevents._import_bad(what, 'selfUrl', o -> 'selfUrl',
                                             'a URL such as ".../v2/content/en-us/photos/<slug>"');
        ELSIF culture IS NOT NULL AND lower(url[1]) <> culture THEN
            PERFORM linkedevents._import_bad(what, 'selfUrl', o -> 'selfUrl',
                                             format('a URL of the culture %s', culture));
        ELSIF linkedevents._path_decode(url[2]) <> item.slug THEN
            PERFORM linkedevents._import_bad(what, 'selfUrl', o -> 'selfUrl',
                                             format('a URL ending in the slug "%s"', item.slug));
        END IF;
        culture := lower(url[1]);
        IF NOT linkedevents._is_culture(culture) THEN
            PERFORM linkedevents._import_bad(what, 'selfUrl', o -> 'selfUrl',
                                             'a URL with a culture such as en-us');
        END IF;
    ELSIF culture IS NULL THEN
        PERFORM linkedevents._import_error(format(
            '%s has no "selfUrl" to take its culture from; give the culture argument', what));
    END IF;
    item.culture := culture;

    item.title := linkedevents._import_text(o, 'title', what);
    item.content_date := linkedevents._photo_import_time(o, 'contentDate', what);
    item.created_by := linkedevents._import_text(o, 'createdBy', what);
    item.last_updated_by := linkedevents._import_text(o, 'lastUpdatedBy', what);
    item.last_updated_date := linkedevents._photo_import_time(o, 'lastUpdatedDate', what);
    item.featured := coalesce(linkedevents._photo_import_flag(o, 'featured', what), 0) = 1;
    item.list_availability := coalesce(linkedevents._photo_import_flag(o, '_listAvailability', what), 0);
    -- the context tag's neutral slug; _photo_import_tag reads and checks the tag
    item.context := CASE WHEN jsonb_typeof(o -> 'context') = 'object' THEN o -> 'context' ->> 'neutralSlug' END;

    image := linkedevents._photo_import_required(o, 'image', what);
    image := linkedevents._import_object(o, 'image', what);
    image_what := 'the image of ' || what;
    item.image_title := linkedevents._import_text(image, 'title', image_what);
    item.template_url := linkedevents._import_text(image, 'templateUrl', image_what);
    IF item.template_url IS NULL THEN
        PERFORM linkedevents._photo_import_required(image, 'templateUrl', image_what);
    END IF;
    item.thumbnail_url := linkedevents._import_text(image, 'thumbnailUrl', image_what);
    item.format := linkedevents._import_text(image, 'format', image_what);
    item.overridden_formats := coalesce(linkedevents._import_object(image, 'overriddenFormats', image_what), '{}');

    item.mime_type := linkedevents._import_text(o, 'mimeType', what);
    item.storage_path := linkedevents._import_text(o, 'storagePath', what);
    item.fields := coalesce(linkedevents._import_object(o, 'fields', what), '{}');
    item.relations := linkedevents._import_list(o, 'relations', what);
    item.reference_fields := coalesce(linkedevents._import_object(o, 'references', what), '{}');
    RETURN item;
END
$$;
COMMENT ON FUNCTION linkedevents._photo_import_item(jsonb, integer, text) IS
    'import: a photo item read and checked, in the culture given or its selfUrl''s';

-- A tag of an item: v at position (0: the context).
CREATE FUNCTION linkedevents._photo_import_tag(v jsonb, item linkedevents._photo_item, pos integer)
    RETURNS linkedevents._photo_item_tag
    LANGUAGE plpgsql VOLATILE AS
$$
DECLARE
    tag linkedevents._photo_item_tag;
    what text;
    ref jsonb;
    ref_what text;
BEGIN
    IF jsonb_typeof(v) IS DISTINCT FROM 'object' THEN
        PERFORM linkedevents._import_bad(item.what, CASE WHEN pos = 0 THEN 'context' ELSE 'tags' END,
                                         v, CASE WHEN pos = 0 THEN 'a tag object'
                                                 ELSE 'a list of tag objects' END);
    END IF;
    what := CASE WHEN pos = 0 THEN 'the context of ' || item.what
                 WHEN jsonb_typeof(v -> 'neutralSlug') = 'string'
                     THEN format('tag "%s" of %s', v ->> 'neutralSlug', item.what)
                 ELSE format('tag %s of %s', pos, item.what) END;
    PERFORM linkedevents._photo_import_type(v, 'tag', what);
    tag.n := item.n;
    tag.position := pos;
    tag.what := what;
    tag.culture := item.culture;
    tag.neutral_slug := linkedevents._photo_import_name(v, 'neutralSlug', what);
    -- a reference: neutralSlug alone (selfUrl, a derived field, is ignored)
    tag.is_reference := v - 'type' - 'selfUrl' - 'neutralSlug' = '{}';
    IF tag.is_reference THEN
        RETURN tag;
    END IF;
    tag.slug := linkedevents._photo_import_slug(v, 'slug', what);
    tag.title := linkedevents._import_text(v, 'title', what);
    tag.external_source_name := linkedevents._import_text(v, 'externalSourceName', what);
    ref := linkedevents._import_object(v, 'externalSourceReference', what);
    IF ref IS NOT NULL THEN
        ref_what := 'the externalSourceReference of ' || what;
        IF linkedevents._photo_import_name(ref, 'sourceName', ref_what) IS DISTINCT FROM tag.external_source_name THEN
            PERFORM linkedevents._import_bad(what, 'externalSourceReference', ref,
                format('a reference whose sourceName is the externalSourceName %s',
                       coalesce(to_json(tag.external_source_name)::text, 'null')));
        END IF;
        PERFORM linkedevents._photo_import_name(ref, 'sourceId', ref_what);
        tag.external_source_id := ref ->> 'sourceId';
    END IF;
    tag.extra_data := coalesce(linkedevents._import_object(v, 'extraData', what), '{}');
    tag.fields := coalesce(linkedevents._import_object(v, 'fields', what), '{}');
    RETURN tag;
END
$$;
COMMENT ON FUNCTION linkedevents._photo_import_tag(jsonb, linkedevents._photo_item, integer) IS
    'import: a tag (position > 0) or the context (position 0) of a photo item, read and checked';

CREATE FUNCTION linkedevents._photo_import(doc jsonb, given_culture text) RETURNS integer
    LANGUAGE plpgsql VOLATILE AS
$$
DECLARE
    elements jsonb;
    items linkedevents._photo_item[];
    tags linkedevents._photo_item_tag[];
    bad record;
BEGIN
    given_culture := lower(given_culture);
    IF given_culture IS NOT NULL AND NOT linkedevents._is_culture(given_culture) THEN
        RAISE EXCEPTION 'invalid culture "%": expected a culture such as "en-us"', given_culture
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    elements := CASE
        WHEN jsonb_typeof(doc) = 'array' THEN doc
        WHEN jsonb_typeof(doc) = 'object' AND doc ? 'items' AND NOT doc ? '_translationId'
            THEN CASE WHEN jsonb_typeof(doc -> 'items') = 'array' THEN doc -> 'items' END
        WHEN jsonb_typeof(doc) = 'object' THEN jsonb_build_array(doc)
    END;
    IF elements IS NULL THEN
        RAISE EXCEPTION 'photo import document must be an item, an array of items or a response {"items": [...]}'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- 1. Items and their tags, read in document order.
    SELECT coalesce(array_agg(linkedevents._photo_import_item(e.o, e.n::integer, given_culture) ORDER BY e.n), '{}')
      INTO items
      FROM jsonb_array_elements(elements) WITH ORDINALITY AS e(o, n);
    SELECT coalesce(array_agg(linkedevents._photo_import_tag(t.v, i, t.position::integer)
                              ORDER BY i.n, t.position), '{}')
      INTO tags
      FROM unnest(items) i
      JOIN jsonb_array_elements(elements) WITH ORDINALITY AS e(o, n) ON e.n = i.n,
           LATERAL (SELECT x.v, x.position
                      FROM jsonb_array_elements(linkedevents._import_list(e.o, 'tags', i.what))
                           WITH ORDINALITY AS x(v, position)
                    UNION ALL
                    SELECT e.o -> 'context', 0 WHERE coalesce(jsonb_typeof(e.o -> 'context'), 'null') <> 'null'
                   ) AS t(v, position);

    -- 2. The document's own consistency.
    SELECT a.what AS a, a.n AS a_n, b.what AS b, b.n AS b_n, a.translation_id AS id INTO bad
      FROM unnest(items) a JOIN unnest(items) b ON b.translation_id = a.translation_id AND b.n > a.n
     ORDER BY a.n, b.n LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% (item %) and % (item %) have the same _translationId %',
                        bad.a, bad.a_n, bad.b, bad.b_n, bad.id
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT t.what, t.neutral_slug INTO bad
      FROM unnest(tags) t JOIN unnest(tags) u ON u.n = t.n AND u.position > t.position AND t.position > 0
                                             AND u.neutral_slug = t.neutral_slug
     ORDER BY t.n, t.position LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% is listed twice', bad.what USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Copies of one object must agree: a photo entity in every culture's
    -- item, a tag in every item that shows it (its entity fields in every
    -- culture). Each copy is compared with the first.
    WITH copies(key, n, position, what, fields) AS (
        SELECT i.entity_id::text, i.n, 0, i.what,
               jsonb_build_object('image.templateUrl', i.template_url, 'image.thumbnailUrl', i.thumbnail_url,
                                  'image.format', i.format, 'image.overriddenFormats', i.overridden_formats,
                                  'mimeType', i.mime_type, 'storagePath', i.storage_path)
          FROM unnest(items) i
        UNION ALL
        SELECT 'tag ' || t.neutral_slug, t.n, t.position, t.what,
               jsonb_build_object('externalSourceName', t.external_source_name,
                                  'externalSourceReference.sourceId', t.external_source_id)
          FROM unnest(tags) t WHERE NOT t.is_reference
        UNION ALL
        SELECT 'tag ' || t.neutral_slug || ' in ' || t.culture, t.n, t.position, t.what,
               jsonb_build_object('slug', t.slug, 'title', t.title, 'extraData', t.extra_data, 'fields', t.fields)
          FROM unnest(tags) t WHERE NOT t.is_reference
    ), first AS (
        SELECT DISTINCT ON (key) key, n, what, fields FROM copies ORDER BY key, n, position
    )
    SELECT f.what AS a, f.n AS a_n, c.what AS b, c.n AS b_n,
           (SELECT k.key FROM jsonb_each(c.fields) k WHERE k.value IS DISTINCT FROM f.fields -> k.key LIMIT 1)
               AS field INTO bad
      FROM copies c JOIN first f ON f.key = c.key
     WHERE c.fields <> f.fields
     ORDER BY c.n, c.position LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% (item %) and % (item %) differ in "%"', bad.a, bad.a_n, bad.b, bad.b_n, bad.field
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'An entity''s fields are the same in every culture, a tag''s in every photo of its culture.';
    END IF;
    -- A reference names a tag given in full here or stored, in its culture.
    SELECT r.what, r.neutral_slug, r.culture INTO bad
      FROM unnest(tags) r
     WHERE r.is_reference
       AND NOT EXISTS (SELECT 1 FROM unnest(tags) t
                        WHERE NOT t.is_reference AND t.neutral_slug = r.neutral_slug AND t.culture = r.culture)
       AND NOT EXISTS (SELECT 1 FROM linkedevents.content_tag_translation t
                        WHERE t.neutral_slug = r.neutral_slug AND t.culture = r.culture)
     ORDER BY r.n, r.position LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% refers to tag "%" in %, which does not exist', bad.what, bad.neutral_slug, bad.culture
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'Give the tag in full (with its slug) once, or import it first.';
    END IF;
    -- A stored translation keeps its entity and culture.
    SELECT i.what, p.translation_id, p.entity_id, p.culture INTO bad
      FROM unnest(items) i JOIN linkedevents.photo_translation p ON p.translation_id = i.translation_id
     WHERE (p.entity_id, p.culture) <> (i.entity_id, i.culture)
     ORDER BY i.n LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% has _translationId %, which is stored as the % translation of _entityId %',
                        bad.what, bad.translation_id, bad.culture, bad.entity_id
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- 3. Writes.
    SET CONSTRAINTS ALL DEFERRED;

    INSERT INTO linkedevents.content_tag AS s (neutral_slug, external_source_name, external_source_id)
    SELECT DISTINCT ON (t.neutral_slug) t.neutral_slug, t.external_source_name, t.external_source_id
      FROM unnest(tags) t WHERE NOT t.is_reference
     ORDER BY t.neutral_slug
    ON CONFLICT (neutral_slug) DO UPDATE
       SET (external_source_name, external_source_id) = (EXCLUDED.external_source_name, EXCLUDED.external_source_id)
     WHERE (s.external_source_name, s.external_source_id)
           IS DISTINCT FROM (EXCLUDED.external_source_name, EXCLUDED.external_source_id);

    INSERT INTO linkedevents.content_tag_translation AS s (neutral_slug, culture, slug, title, extra_data, fields)
    SELECT DISTINCT ON (t.neutral_slug, t.culture) t.neutral_slug, t.culture, t.slug, t.title, t.extra_data, t.fields
      FROM unnest(tags) t WHERE NOT t.is_reference
     ORDER BY t.neutral_slug, t.culture
    ON CONFLICT (neutral_slug, culture) DO UPDATE
       SET (slug, title, extra_data, fields) = (EXCLUDED.slug, EXCLUDED.title, EXCLUDED.extra_data, EXCLUDED.fields)
     WHERE (s.slug, s.title, s.extra_data, s.fields)
           IS DISTINCT FROM (EXCLUDED.slug, EXCLUDED.title, EXCLUDED.extra_data, EXCLUDED.fields);

    INSERT INTO linkedevents.photo AS s
           (entity_id, template_url, thumbnail_url, format, overridden_formats, mime_type, storage_path)
    SELECT DISTINCT ON (i.entity_id) i.entity_id, i.template_url, i.thumbnail_url, i.format,
           i.overridden_formats, i.mime_type, i.storage_path
      FROM unnest(items) i
     ORDER BY i.entity_id
    ON CONFLICT (entity_id) DO UPDATE
       SET (template_url, thumbnail_url, format, overridden_formats, mime_type, storage_path)
         = (EXCLUDED.template_url, EXCLUDED.thumbnail_url, EXCLUDED.format, EXCLUDED.overridden_formats,
            EXCLUDED.mime_type, EXCLUDED.storage_path)
     WHERE (s.template_url, s.thumbnail_url, s.format, s.overridden_formats, s.mime_type, s.storage_path)
           IS DISTINCT FROM
           (EXCLUDED.template_url, EXCLUDED.thumbnail_url, EXCLUDED.format, EXCLUDED.overridden_formats,
            EXCLUDED.mime_type, EXCLUDED.storage_path);

    -- With the $sort keys the triggers would compute once the tag lists
    -- are written (81_photo_sort_keys.sql): they then find nothing to
    -- change, and each row is written once.
    INSERT INTO linkedevents.photo_translation AS s
           (translation_id, entity_id, culture, slug, title, image_title, content_date, created_by,
            last_updated_by, last_updated_date, featured, list_availability, context, fields, relations,
            reference_fields, sort_tag_slug_min, sort_tag_slug_max, sort_tag_neutral_slug_min,
            sort_tag_neutral_slug_max, sort_tag_source_min, sort_tag_source_max, sort_context_slug)
    SELECT i.translation_id, i.entity_id, i.culture, i.slug, i.title, i.image_title, i.content_date,
           i.created_by, i.last_updated_by, i.last_updated_date, i.featured, i.list_availability, i.context,
           i.fields, i.relations, i.reference_fields, k.slug_min, k.slug_max, k.neutral_min, k.neutral_max,
           k.source_min, k.source_max,
           (SELECT ct.slug FROM linkedevents.content_tag_translation ct
             WHERE ct.neutral_slug = i.context AND ct.culture = i.culture)
      FROM unnest(items) i
      LEFT JOIN (SELECT x.n, min(t.slug) AS slug_min, max(t.slug) AS slug_max,
                        min(t.neutral_slug) AS neutral_min, max(t.neutral_slug) AS neutral_max,
                        min(c.external_source_name || ':' || c.external_source_id) AS source_min,
                        max(c.external_source_name || ':' || c.external_source_id) AS source_max
                   FROM unnest(tags) x
                   JOIN linkedevents.content_tag_translation t ON t.neutral_slug = x.neutral_slug AND t.culture = x.culture
                   JOIN linkedevents.content_tag c ON c.neutral_slug = x.neutral_slug
                  WHERE x.position > 0
                  GROUP BY x.n) k ON k.n = i.n
    ON CONFLICT (translation_id) DO UPDATE
       SET (slug, title, image_title, content_date, created_by, last_updated_by, last_updated_date, featured,
            list_availability, context, fields, relations, reference_fields, sort_tag_slug_min,
            sort_tag_slug_max, sort_tag_neutral_slug_min, sort_tag_neutral_slug_max, sort_tag_source_min,
            sort_tag_source_max, sort_context_slug)
         = (EXCLUDED.slug, EXCLUDED.title, EXCLUDED.image_title, EXCLUDED.content_date, EXCLUDED.created_by,
            EXCLUDED.last_updated_by, EXCLUDED.last_updated_date, EXCLUDED.featured, EXCLUDED.list_availability,
            EXCLUDED.context, EXCLUDED.fields, EXCLUDED.relations, EXCLUDED.reference_fields,
            EXCLUDED.sort_tag_slug_min, EXCLUDED.sort_tag_slug_max, EXCLUDED.sort_tag_neutral_slug_min,
            EXCLUDED.sort_tag_neutral_slug_max, EXCLUDED.sort_tag_source_min, EXCLUDED.sort_tag_source_max,
            EXCLUDED.sort_context_slug)
     WHERE (s.slug, s.title, s.image_title, s.content_date, s.created_by, s.last_updated_by, s.last_updated_date,
            s.featured, s.list_availability, s.context, s.fields, s.relations, s.reference_fields,
            s.sort_tag_slug_min, s.sort_tag_slug_max, s.sort_tag_neutral_slug_min, s.sort_tag_neutral_slug_max,
            s.sort_tag_source_min, s.sort_tag_source_max, s.sort_context_slug)
           IS DISTINCT FROM
           (EXCLUDED.slug, EXCLUDED.title, EXCLUDED.image_title, EXCLUDED.content_date, EXCLUDED.created_by,
            EXCLUDED.last_updated_by, EXCLUDED.last_updated_date, EXCLUDED.featured, EXCLUDED.list_availability,
            EXCLUDED.context, EXCLUDED.fields, EXCLUDED.relations, EXCLUDED.reference_fields,
            EXCLUDED.sort_tag_slug_min, EXCLUDED.sort_tag_slug_max, EXCLUDED.sort_tag_neutral_slug_min,
            EXCLUDED.sort_tag_neutral_slug_max, EXCLUDED.sort_tag_source_min, EXCLUDED.sort_tag_source_max,
            EXCLUDED.sort_context_slug);

    -- The tag lists follow the document's: links it lacks go, the others
    -- take their position.
    DELETE FROM linkedevents.photo_tag pt
     USING unnest(items) i
     WHERE pt.translation_id = i.translation_id
       AND NOT EXISTS (SELECT 1 FROM unnest(tags) t
                        WHERE t.n = i.n AND t.position > 0 AND t.neutral_slug = pt.tag);
    INSERT INTO linkedevents.photo_tag AS s (translation_id, culture, tag, position)
    SELECT i.translation_id, i.culture, t.neutral_slug, t.position
      FROM unnest(items) i JOIN unnest(tags) t ON t.n = i.n AND t.position > 0
    ON CONFLICT (translation_id, tag) DO UPDATE SET position = EXCLUDED.position
     WHERE s.position <> EXCLUDED.position;

    -- 4. Slugs are unique in their culture, an entity has one translation
    --    per culture: checked here to name both objects.
    SELECT i.what, p.translation_id, p.slug, p.culture INTO bad
      FROM unnest(items) i JOIN linkedevents.photo_translation p
        ON p.culture = i.culture AND p.slug = i.slug AND p.translation_id <> i.translation_id
     ORDER BY i.n LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% has the slug of the photo with _translationId %: "%" in %',
                        bad.what, bad.translation_id, bad.slug, bad.culture
            USING ERRCODE = 'unique_violation';
    END IF;
    SELECT i.what, p.translation_id, p.entity_id, p.culture INTO bad
      FROM unnest(items) i JOIN linkedevents.photo_translation p
        ON p.entity_id = i.entity_id AND p.culture = i.culture AND p.translation_id <> i.translation_id
     ORDER BY i.n LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% is a second % translation of _entityId %, whose _translationId is %',
                        bad.what, bad.culture, bad.entity_id, bad.translation_id
            USING ERRCODE = 'unique_violation';
    END IF;
    SELECT t.what, s.neutral_slug, s.slug, s.culture INTO bad
      FROM unnest(tags) t JOIN linkedevents.content_tag_translation s
        ON s.culture = t.culture AND s.slug = t.slug AND s.neutral_slug <> t.neutral_slug
     WHERE NOT t.is_reference
     ORDER BY t.n, t.position LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% has the slug of tag "%": "%" in %', bad.what, bad.neutral_slug, bad.slug, bad.culture
            USING ERRCODE = 'unique_violation';
    END IF;

    SET CONSTRAINTS ALL IMMEDIATE;
    RETURN jsonb_array_length(elements);
EXCEPTION
    -- A percent-escape in a selfUrl that decodes to no UTF-8 text.
    WHEN character_not_in_repertoire THEN
        RAISE EXCEPTION 'invalid value in import document: %', SQLERRM
            USING ERRCODE = 'invalid_parameter_value';
END
$$;
COMMENT ON FUNCTION linkedevents._photo_import(jsonb, text) IS
    'imports photo items of the content API (an item, an array, or a response {"items": [...]}) in '
    'given_culture (NULL: each item''s selfUrl''s); returns the number of items';

CREATE FUNCTION linkedevents.import(doc jsonb, resource text, culture text) RETURNS integer
    LANGUAGE plpgsql VOLATILE AS
$$
BEGIN
    IF resource = 'photo' THEN
        RETURN linkedevents._photo_import(doc, culture);
    ELSIF culture IS NOT NULL THEN
        RAISE EXCEPTION 'a culture is given only for photos, not for resource "%"', resource
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN linkedevents.import(doc, resource);
END
$$;
COMMENT ON FUNCTION linkedevents.import(jsonb, text, text) IS
    'imports documents like import(doc, resource); for resource photo, items of the content API in '
    'culture (NULL: each item''s selfUrl''s)';
