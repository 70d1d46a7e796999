-- The per-event search documents behind `text`, `combined_text`,
-- `full_text`, `local_ongoing_text` and the `*_ongoing_OR/AND` filters
-- (SPEC 1.9, 1.11): one row per event,
-- rebuilt by triggers after every statement that changes an event, or the
-- name or address of a place or the name of a keyword an event uses.

-- The text search configuration of a language's documents and queries:
-- Voikko base forms for Finnish, snowball for Swedish and English, and no
-- stemming for the other languages.
CREATE FUNCTION linkedevents.text_search_config(language text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE language
        WHEN 'fi' THEN 'linkedevents.finnish'::regconfig
        WHEN 'sv' THEN 'pg_catalog.swedish'::regconfig
        WHEN 'en' THEN 'pg_catalog.english'::regconfig
        WHEN 'zh_hans' THEN 'pg_catalog.simple'::regconfig
        WHEN 'ru' THEN 'pg_catalog.simple'::regconfig
        WHEN 'ar' THEN 'pg_catalog.simple'::regconfig
    END;
COMMENT ON FUNCTION linkedevents.text_search_config(text) IS
    'text search configuration of a full_text language: fi linkedevents.finnish (Voikko), '
    'sv swedish, en english, zh_hans/ru/ar simple; NULL for other languages';

-- Separates the fields of event_search.text_doc. A term that contains it
-- never matches (text_pattern), so no match can span two fields.
CREATE FUNCTION linkedevents._translations(value jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN pg_catalog.concat_ws(E'\x1f', value->>'fi', value->>'sv', value->>'en',
                                value->>'zh_hans', value->>'ru', value->>'ar');
COMMENT ON FUNCTION linkedevents._translations(jsonb) IS
    'the translations of a multilingual field in the API''s languages, separated by U+001F';

-- Text of an HTML fragment: tags become spaces, the entities an editor
-- writes for Finnish text and markup characters are decoded (&amp; last, so
-- "&amp;lt;" stays "&lt;"). Other numeric entities are left as they are.
CREATE FUNCTION linkedevents._html_to_text(html text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN replace(replace(replace(replace(replace(replace(replace(replace(replace(
           replace(replace(replace(replace(replace(
               regexp_replace(html, '<[^>]*>', ' ', 'g'),
               '&nbsp;', ' '), '&#160;', ' '), '&lt;', '<'), '&gt;', '>'),
               '&quot;', '"'), '&#39;', ''''), '&apos;', ''''),
               '&auml;', 'ä'), '&ouml;', 'ö'), '&aring;', 'å'),
               '&Auml;', 'Ä'), '&Ouml;', 'Ö'), '&Aring;', 'Å'), '&amp;', '&');
COMMENT ON FUNCTION linkedevents._html_to_text(text) IS
    'text of an HTML fragment: tags to spaces, common entities decoded';

-- One language's weighted document (SPEC 1.11): A event and place name,
-- B keyword and audience names, C short description, D description. A
-- plain expression, so that the planner inlines it.
CREATE FUNCTION linkedevents._search_vector(
        config regconfig, names text, keyword_names text,
        short_description text, description text)
    RETURNS tsvector
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN setweight(to_tsvector(config, coalesce(names, '')), 'A')
        || setweight(to_tsvector(config, coalesce(keyword_names, '')), 'B')
        || setweight(to_tsvector(config, coalesce(short_description, '')), 'C')
        || setweight(to_tsvector(config, coalesce(linkedevents._html_to_text(description), '')), 'D');
COMMENT ON FUNCTION linkedevents._search_vector(regconfig, text, text, text, text) IS
    'an event''s weighted full-text document in one language; STABLE because the '
    'Finnish analysis depends on whether this backend could load Voikko';

CREATE TABLE linkedevents.event_search (
    event    text PRIMARY KEY
             REFERENCES linkedevents.event ON UPDATE CASCADE ON DELETE CASCADE,
    -- Lower-cased translations (6 languages) of the event's name,
    -- description, short_description, info_url, location_extra_info,
    -- headline, secondary_headline, provider, provider_contact_info and its
    -- place's name, description, info_url, street_address,
    -- address_locality, telephone; fields separated by U+001F; HTML kept.
    text_doc text NOT NULL,
    -- _event_ongoing_text (what the *_ongoing_OR/AND filters search)
    -- under ongoing_match's case folding (ongoing_fold); '' for none, also
    -- the default for documents written without it (74_text_search_plans).
    ongoing_doc text NOT NULL DEFAULT '',
    fi       tsvector NOT NULL,
    sv       tsvector NOT NULL,
    en       tsvector NOT NULL,
    zh_hans  tsvector NOT NULL,
    ru       tsvector NOT NULL,
    ar       tsvector NOT NULL
);
COMMENT ON TABLE linkedevents.event_search IS
    'search documents, one per event, maintained by triggers: text_doc for text and '
    'combined_text, ongoing_doc for *_ongoing_OR/AND (both trigram-indexed), one weighted '
    'tsvector per language for full_text';

CREATE INDEX event_search_text_doc_idx ON linkedevents.event_search
    USING gin (text_doc gin_trgm_ops);
CREATE INDEX event_search_ongoing_doc_idx ON linkedevents.event_search
    USING gin (ongoing_doc gin_trgm_ops);
CREATE INDEX event_search_fi_idx ON linkedevents.event_search USING gin (fi);
CREATE INDEX event_search_sv_idx ON linkedevents.event_search USING gin (sv);
CREATE INDEX event_search_en_idx ON linkedevents.event_search USING gin (en);
CREATE INDEX event_search_zh_hans_idx ON linkedevents.event_search USING gin (zh_hans);
CREATE INDEX event_search_ru_idx ON linkedevents.event_search USING gin (ru);
CREATE INDEX event_search_ar_idx ON linkedevents.event_search USING gin (ar);

-- Rebuild the documents of the given events (all events when NULL); returns
-- how many were written. The ids are joined, not tested with = ANY, which
-- would scan the whole array for every event. The triggers below call it; call it by hand after
-- installing Voikko on a server that indexed without it.
CREATE FUNCTION linkedevents.refresh_event_search(events text[] DEFAULT NULL)
    RETURNS bigint
    LANGUAGE sql VOLATILE
BEGIN ATOMIC
    -- after other writers of what the documents show (04_derived_writes)
    SELECT linkedevents._lock_derived_writes();
    WITH written AS (
        INSERT INTO linkedevents.event_search AS s
               (event, text_doc, ongoing_doc, fi, sv, en, zh_hans, ru, ar)
        SELECT e.id,
               lower(concat_ws(E'\x1f',
                   linkedevents._translations(e.name),
                   linkedevents._translations(e.description),
                   linkedevents._translations(e.short_description),
                   linkedevents._translations(e.info_url),
                   linkedevents._translations(e.location_extra_info),
                   linkedevents._translations(e.headline),
                   linkedevents._translations(e.secondary_headline),
                   linkedevents._translations(e.provider),
                   linkedevents._translations(e.provider_contact_info),
                   linkedevents._translations(p.name),
                   linkedevents._translations(p.description),
                   linkedevents._translations(p.info_url),
                   linkedevents._translations(p.street_address),
                   linkedevents._translations(p.address_locality),
                   linkedevents._translations(p.telephone))),
               coalesce(linkedevents.ongoing_fold(linkedevents._event_ongoing_text(e)), ''),
               linkedevents._search_vector(linkedevents.text_search_config('fi'),
                   concat_ws(' ', e.name->>'fi', p.name->>'fi'), k.fi,
                   e.short_description->>'fi', e.description->>'fi'),
               linkedevents._search_vector(linkedevents.text_search_config('sv'),
                   concat_ws(' ', e.name->>'sv', p.name->>'sv'), k.sv,
                   e.short_description->>'sv', e.description->>'sv'),
               linkedevents._search_vector(linkedevents.text_search_config('en'),
                   concat_ws(' ', e.name->>'en', p.name->>'en'), k.en,
                   e.short_description->>'en', e.description->>'en'),
               linkedevents._search_vector(linkedevents.text_search_config('zh_hans'),
                   concat_ws(' ', e.name->>'zh_hans', p.name->>'zh_hans'), k.zh_hans,
                   e.short_description->>'zh_hans', e.description->>'zh_hans'),
               linkedevents._search_vector(linkedevents.text_search_config('ru'),
                   concat_ws(' ', e.name->>'ru', p.name->>'ru'), k.ru,
                   e.short_description->>'ru', e.description->>'ru'),
               linkedevents._search_vector(linkedevents.text_search_config('ar'),
                   concat_ws(' ', e.name->>'ar', p.name->>'ar'), k.ar,
                   e.short_description->>'ar', e.description->>'ar')
          FROM (SELECT x.id FROM unnest(events) AS x(id)
                UNION
                SELECT a.id FROM linkedevents.event a WHERE events IS NULL) AS chosen
          JOIN linkedevents.event e ON e.id = chosen.id
          LEFT JOIN linkedevents.place p ON p.id = e.location
          LEFT JOIN LATERAL (
                SELECT string_agg(kw.name->>'fi', ' ') AS fi,
                       string_agg(kw.name->>'sv', ' ') AS sv,
                       string_agg(kw.name->>'en', ' ') AS en,
                       string_agg(kw.name->>'zh_hans', ' ') AS zh_hans,
                       string_agg(kw.name->>'ru', ' ') AS ru,
                       string_agg(kw.name->>'ar', ' ') AS ar
                  FROM linkedevents.keyword kw
                 WHERE kw.id = ANY (e.keywords || e.audience)) k ON true
        ON CONFLICT (event) DO UPDATE
           SET text_doc = excluded.text_doc, ongoing_doc = excluded.ongoing_doc,
               fi = excluded.fi, sv = excluded.sv, en = excluded.en,
               zh_hans = excluded.zh_hans, ru = excluded.ru, ar = excluded.ar
        RETURNING 1)
    SELECT count(*) FROM written;
END;
COMMENT ON FUNCTION linkedevents.refresh_event_search(text[]) IS
    'rebuild the search documents of these events (all when NULL); returns the number written';

-- Triggers: once per statement, over its transition tables, so a bulk load
-- rebuilds its documents in one pass. A deleted event's document goes with
-- it (ON DELETE CASCADE).
CREATE FUNCTION linkedevents._event_search_inserted() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM linkedevents.refresh_event_search(ARRAY(SELECT id FROM new_rows));
    RETURN NULL;
END
$$;

-- Only rows whose searched fields changed (or whose id is new) are rebuilt.
CREATE FUNCTION linkedevents._event_search_updated() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM linkedevents.refresh_event_search(ARRAY(
        SELECT n.id
          FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id
         WHERE (n.name, n.description, n.short_description, n.info_url,
                n.location_extra_info, n.headline, n.secondary_headline, n.provider,
                n.provider_contact_info, n.location, n.keywords, n.audience)
               IS DISTINCT FROM
               (o.name, o.description, o.short_description, o.info_url,
                o.location_extra_info, o.headline, o.secondary_headline, o.provider,
                o.provider_contact_info, o.location, o.keywords, o.audience)));
    RETURN NULL;
END
$$;

-- A place's searched fields changed: rebuild its events' documents.
CREATE FUNCTION linkedevents._event_search_place_updated() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM linkedevents.refresh_event_search(ARRAY(
        SELECT e.id
          FROM new_rows n
          JOIN old_rows o ON o.id = n.id
          JOIN linkedevents.event e ON e.location = n.id
         WHERE (n.name, n.description, n.info_url, n.street_address,
                n.address_locality, n.telephone)
               IS DISTINCT FROM
               (o.name, o.description, o.info_url, o.street_address,
                o.address_locality, o.telephone)));
    RETURN NULL;
END
$$;

-- A place written after its events (an import may write them in any order,
-- the foreign key being deferred): rebuild those events' documents.
CREATE FUNCTION linkedevents._event_search_place_inserted() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM linkedevents.refresh_event_search(ARRAY(
        SELECT e.id FROM new_rows n JOIN linkedevents.event e ON e.location = n.id));
    RETURN NULL;
END
$$;

-- A keyword was renamed: rebuild the documents of events that use it.
CREATE FUNCTION linkedevents._event_search_keyword_updated() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    renamed text[];
BEGIN
    SELECT array_agg(n.id) INTO renamed
      FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE n.name IS DISTINCT FROM o.name;
    IF renamed IS NOT NULL THEN
        PERFORM linkedevents.refresh_event_search(ARRAY(
            SELECT e.id FROM linkedevents.event e
             WHERE e.keywords && renamed OR e.audience && renamed));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER event_search_insert AFTER INSERT ON linkedevents.event
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._event_search_inserted();
CREATE TRIGGER event_search_update AFTER UPDATE ON linkedevents.event
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._event_search_updated();
CREATE TRIGGER event_search_place_insert AFTER INSERT ON linkedevents.place
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._event_search_place_inserted();
CREATE TRIGGER event_search_place_update AFTER UPDATE ON linkedevents.place
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._event_search_place_updated();
CREATE TRIGGER event_search_keyword_update AFTER UPDATE ON linkedevents.keyword
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._event_search_keyword_updated();
