-- GET /v1/language/ (SPEC 5.5, 4.8, D24) and /v1/language/<id>/ (SPEC 4.13).
SELECT le_test_reset();
-- count, then the ids of the page in order
CREATE FUNCTION pg_temp.ids(doc json) RETURNS text LANGUAGE sql AS $$
    SELECT (doc->'meta'->>'count') || ': '
           || coalesce((SELECT string_agg(d->>'id', ' ') FROM json_array_elements(doc->'data') d), '')
$$;
CREATE FUNCTION pg_temp.try(call text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE call;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

INSERT INTO linkedevents.language (id, name, service_language) VALUES
    ('sv', '{"fi": "ruotsi", "sv": "svenska"}', true),
    ('fi', '{"fi": "suomi"}', true),
    ('tlh', '{"en": "Klingon"}', false),
    ('en', '{"fi": "englanti"}', true);

-- Ordered by id (D24).
SELECT pg_temp.ids(linkedevents.language_list());
-- service_language (D2).
SELECT pg_temp.ids(linkedevents.language_list('service_language=true'));
SELECT pg_temp.ids(linkedevents.language_list('service_language=FALSE'));
SELECT pg_temp.ids(linkedevents.language_list('service_language='));
SELECT pg_temp.try($$SELECT linkedevents.language_list('service_language=yes')$$);
-- translation_available: whether the language is one of linkedevents.languages.
SELECT d->>'id', d->'translation_available' FROM json_array_elements(linkedevents.language_list()->'data') d;
SELECT linkedevents.language_list('page_size=3&page=2&format=json', 'https://x.example/v1/')->'meta';
SELECT pg_temp.try($$SELECT linkedevents.language_list('page=3')$$);
SELECT pg_temp.try($$SELECT linkedevents.language_list('format=xml')$$);
SELECT pg_temp.try($$SELECT linkedevents.language_list('srid=')$$);

-- Detail.
SELECT linkedevents.language_detail('fi');
SELECT pg_temp.try($$SELECT linkedevents.language_detail('xx')$$);
SELECT pg_temp.try($$SELECT linkedevents.language_detail('fi', 'format=xml')$$);
