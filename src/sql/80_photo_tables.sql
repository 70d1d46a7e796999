-- The content API's photos (seed 004; README "Photos"): its data model.
--
-- A photo is a language-independent entity (its image file) with one
-- translation per culture ("en-us"); tags likewise: a tag entity named by its
-- neutral slug, with a slug, title and custom data per culture. A
-- translation's tags (ordered) and its context are tags of its culture.
-- Slugs, neutral slugs and cultures compare and sort as bytes (COLLATE "C"):
-- they are identifiers, and the order must not depend on the locale.
-- Foreign keys and the uniqueness of slugs are DEFERRABLE, so that one import
-- may rename and reorder in any order; linkedevents.import checks them
-- before it returns.

-- A culture: a lower-case language tag such as "en-us".
CREATE FUNCTION linkedevents._is_culture(culture text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN culture ~ '^[a-z]{2,8}(-[a-z0-9]{1,8})*$';
COMMENT ON FUNCTION linkedevents._is_culture(text) IS
    'whether a text is a culture as the photos store it: a lower-case language tag such as "en-us"';

-- A slug addresses an object in a URL path: not empty, no "/".
CREATE FUNCTION linkedevents._is_slug(slug text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN slug <> '' AND strpos(slug, '/') = 0;
COMMENT ON FUNCTION linkedevents._is_slug(text) IS
    'whether a text can be a slug: not empty and without "/"';

CREATE TABLE linkedevents.content_tag (
    neutral_slug         text COLLATE "C" PRIMARY KEY CHECK (neutral_slug <> ''),
    external_source_name text COLLATE "C",
    external_source_id   text COLLATE "C",
    CHECK (external_source_id IS NULL OR external_source_name IS NOT NULL)
);
COMMENT ON TABLE linkedevents.content_tag IS
    'tags of the content API, by their language-independent neutralSlug; external_source_* is '
    'the externalSourceReference (sourceName:sourceId) of a tag picked from an external source';

CREATE TABLE linkedevents.content_tag_translation (
    neutral_slug text COLLATE "C" REFERENCES linkedevents.content_tag ON DELETE CASCADE DEFERRABLE,
    culture      text COLLATE "C" CHECK (linkedevents._is_culture(culture)),
    slug         text COLLATE "C" NOT NULL CHECK (linkedevents._is_slug(slug)),
    title        text,
    extra_data   jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(extra_data) = 'object'),
    fields       jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(fields) = 'object'),
    PRIMARY KEY (neutral_slug, culture),
    CONSTRAINT content_tag_translation_slug_key UNIQUE (culture, slug) DEFERRABLE
);
COMMENT ON TABLE linkedevents.content_tag_translation IS
    'a tag in one culture: its slug (unique in the culture), title, extraData and fields';

CREATE TABLE linkedevents.photo (
    entity_id          uuid PRIMARY KEY,
    template_url       text NOT NULL,
    thumbnail_url      text,
    format             text,
    overridden_formats jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(overridden_formats) = 'object'),
    mime_type          text,
    storage_path       text
);
COMMENT ON TABLE linkedevents.photo IS
    'photo entities (_entityId): the image file, the same in every culture';

CREATE TABLE linkedevents.photo_translation (
    translation_id    uuid PRIMARY KEY,
    entity_id         uuid NOT NULL REFERENCES linkedevents.photo ON DELETE CASCADE DEFERRABLE,
    culture           text COLLATE "C" NOT NULL CHECK (linkedevents._is_culture(culture)),
    slug              text COLLATE "C" NOT NULL CHECK (linkedevents._is_slug(slug)),
    title             text,
    image_title       text,
    content_date      timestamptz,
    created_by        text,
    last_updated_by   text,
    last_updated_date timestamptz,
    featured          boolean NOT NULL DEFAULT false,
    list_availability smallint NOT NULL DEFAULT 0 CHECK (list_availability IN (0, 1)),
    context           text COLLATE "C",
    fields            jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(fields) = 'object'),
    relations         jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(relations) = 'array'),
    reference_fields  jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(reference_fields) = 'object'),
    -- The $sort keys that are not columns of their own, kept by triggers
    -- (81_photo_sort_keys.sql): of the translation's tags in its culture the
    -- smallest and largest slug, neutral slug and "sourceName:sourceId", and
    -- its context's slug; NULL when there is none.
    sort_tag_slug_min         text COLLATE "C",
    sort_tag_slug_max         text COLLATE "C",
    sort_tag_neutral_slug_min text COLLATE "C",
    sort_tag_neutral_slug_max text COLLATE "C",
    sort_tag_source_min       text COLLATE "C",
    sort_tag_source_max       text COLLATE "C",
    sort_context_slug         text COLLATE "C",
    -- what photo_tag's foreign key names, so that a tag link has the photo's culture
    UNIQUE (translation_id, culture),
    CONSTRAINT photo_translation_slug_key UNIQUE (culture, slug) DEFERRABLE,
    CONSTRAINT photo_translation_entity_key UNIQUE (entity_id, culture) DEFERRABLE,
    FOREIGN KEY (context, culture) REFERENCES linkedevents.content_tag_translation DEFERRABLE
);
COMMENT ON TABLE linkedevents.photo_translation IS
    'a photo in one culture (_translationId): slug (unique in the culture), title, dates, authors, '
    'featured, _listAvailability (0 public, 1 unlisted), context tag, fields, relations, references '
    '(reference_fields) and image.title (image_title)';

CREATE TABLE linkedevents.photo_tag (
    translation_id uuid,
    culture        text COLLATE "C" NOT NULL,
    tag            text COLLATE "C" NOT NULL,
    position       integer NOT NULL,
    PRIMARY KEY (translation_id, tag),
    CONSTRAINT photo_tag_position_key UNIQUE (translation_id, position) DEFERRABLE,
    FOREIGN KEY (translation_id, culture) REFERENCES linkedevents.photo_translation (translation_id, culture)
        ON DELETE CASCADE DEFERRABLE,
    FOREIGN KEY (tag, culture) REFERENCES linkedevents.content_tag_translation DEFERRABLE
);
COMMENT ON TABLE linkedevents.photo_tag IS
    'the tags of a photo translation, in order (position), each a tag of the same culture';

-- The filters and orders of the photos list (src/photo_query.c): every list
-- reads one culture's photos of one availability, so every index starts
-- with (culture, list_availability). The default order and each $sort
-- field read an index in order, forwards for ascending and backwards for
-- descending: no value sorts as the smallest (NULLS FIRST), ties by slug in
-- the same direction. featured, _id and the context filters are conditions
-- on them.
CREATE INDEX photo_translation_default_order_idx ON linkedevents.photo_translation
    (culture, list_availability, featured DESC, content_date DESC NULLS LAST, slug DESC);
CREATE INDEX photo_translation_last_updated_idx ON linkedevents.photo_translation
    (culture, list_availability, last_updated_date NULLS FIRST, slug);
CREATE INDEX photo_translation_context_idx ON linkedevents.photo_translation
    (culture, list_availability, context NULLS FIRST, slug);
CREATE INDEX photo_translation_context_slug_idx ON linkedevents.photo_translation
    (culture, list_availability, sort_context_slug NULLS FIRST, slug);
CREATE INDEX photo_translation_tag_slug_min_idx ON linkedevents.photo_translation
    (culture, list_availability, sort_tag_slug_min NULLS FIRST, slug);
CREATE INDEX photo_translation_tag_slug_max_idx ON linkedevents.photo_translation
    (culture, list_availability, sort_tag_slug_max NULLS FIRST, slug);
CREATE INDEX photo_translation_tag_neutral_slug_min_idx ON linkedevents.photo_translation
    (culture, list_availability, sort_tag_neutral_slug_min NULLS FIRST, slug);
CREATE INDEX photo_translation_tag_neutral_slug_max_idx ON linkedevents.photo_translation
    (culture, list_availability, sort_tag_neutral_slug_max NULLS FIRST, slug);
CREATE INDEX photo_translation_tag_source_min_idx ON linkedevents.photo_translation
    (culture, list_availability, sort_tag_source_min NULLS FIRST, slug);
CREATE INDEX photo_translation_tag_source_max_idx ON linkedevents.photo_translation
    (culture, list_availability, sort_tag_source_max NULLS FIRST, slug);
-- tags.slug, tags.neutralSlug, tags.externalSourceReference: the photos of a
-- tag, a photo's tags (the primary key), a tag by its slug (unique) or by
-- its source reference.
CREATE INDEX photo_tag_tag_idx ON linkedevents.photo_tag (tag, culture, translation_id);
CREATE INDEX content_tag_external_source_idx ON linkedevents.content_tag
    (external_source_name, external_source_id) WHERE external_source_id IS NOT NULL;
