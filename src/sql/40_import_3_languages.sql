-- Import: the languages events name, created on first mention.
--
-- An event names languages in in_language and in its external links'
-- "language". One that neither a stored row nor an object of the same call
-- defines is created when first named, as data sources are: with the names
-- and the service_language flag the reference ships for it, else with no
-- name (like a data source named only by its id). The set of languages the
-- reference knows is fixed and small, so a page of the real API imports into
-- an empty database.

-- The reference's languages: its create_languages command (names in fi, sv
-- and en) and migration 0092, which makes fi, sv and en service languages.
CREATE FUNCTION linkedevents._reference_languages(OUT id text, OUT name jsonb, OUT service_language boolean)
    RETURNS SETOF record
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT v.id, v.name::jsonb, v.service_language
      FROM (VALUES
        ('ar', '{"fi": "arabia", "sv": "arabiska", "en": "Arabic"}', false),
        ('en', '{"fi": "englanti", "sv": "engelska", "en": "English"}', true),
        ('es', '{"fi": "espanja", "sv": "spanska", "en": "Spanish"}', false),
        ('et', '{"fi": "viro", "sv": "estniska", "en": "Estonian"}', false),
        ('fa', '{"fi": "persia", "sv": "persiska", "en": "Persian"}', false),
        ('fi', '{"fi": "suomi", "sv": "finska", "en": "Finnish"}', true),
        ('fr', '{"fi": "ranska", "sv": "franska", "en": "French"}', false),
        ('ru', '{"fi": "venäjä", "sv": "ryska", "en": "Russian"}', false),
        ('so', '{"fi": "somali", "sv": "somaliska", "en": "Somali"}', false),
        ('sv', '{"fi": "ruotsi", "sv": "svenska", "en": "Swedish"}', true),
        ('tr', '{"fi": "turkki", "sv": "turkiska", "en": "Turkish"}', false),
        ('zh_hans', '{"fi": "kiina", "sv": "kinesiska", "en": "Chinese"}', false)
      ) AS v(id, name, service_language);
END;
COMMENT ON FUNCTION linkedevents._reference_languages() IS
    'import: the languages the reference API ships, with their names; created when first named';

-- The languages an event names, each with the field and the object it is
-- in (for messages): in_language references, then the external links'.
CREATE FUNCTION linkedevents._import_event_languages(o jsonb, what text,
                                                     OUT id text, OUT field text, OUT in_what text)
    RETURNS SETOF record
    LANGUAGE sql VOLATILE
BEGIN ATOMIC
    SELECT linkedevents._import_ref_value(v, 'language', 'in_language', what), 'in_language', what
      FROM jsonb_array_elements(linkedevents._import_list(o, 'in_language', what)) v
    UNION ALL
    SELECT linkedevents._import_text(linkedevents._import_item(l.v, 'external_links', what), 'language', x.w),
           'language', x.w
      FROM jsonb_array_elements(linkedevents._import_list(o, 'external_links', what)) WITH ORDINALITY AS l(v, n),
           LATERAL (SELECT format('external link %s of %s', l.n, what)) AS x(w);
END;
COMMENT ON FUNCTION linkedevents._import_event_languages(jsonb, text) IS
    'import: the language ids an event names in in_language and external_links';

-- A language created on first mention has an id like the reference's: up to
-- 10 characters (its column), lower-case letters, digits, "_" or "-" from a
-- letter on; anything else is no language code (an empty string, "FI",
-- "Finnish").
CREATE FUNCTION linkedevents._import_new_language(id text, field text, what text) RETURNS text
    LANGUAGE sql VOLATILE
    RETURN CASE WHEN id ~ '^[a-z][a-z0-9_-]{0,9}$' THEN id
                ELSE linkedevents._import_bad(what, field, to_jsonb(id),
                                              'a language id of up to 10 lower-case letters, digits, "_" or "-"')
           END;
COMMENT ON FUNCTION linkedevents._import_new_language(text, text, text) IS
    'import: the id of a language to create on first mention, checked for its form';
