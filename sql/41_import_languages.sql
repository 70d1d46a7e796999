-- import(): languages named by events (in_language, external links) are
-- created on first mention, with the names the reference ships for its
-- languages, and with no name for others.
SELECT le_test_reset();
\set SHOW_CONTEXT never
-- The SQLSTATE and message of an import's error, or 'no error'.
CREATE FUNCTION pg_temp.try_import(doc text, resource text) RETURNS text LANGUAGE sql
    RETURN le_error(format('SELECT linkedevents.import(%L, %L)', doc, resource));
CREATE FUNCTION pg_temp.languages() RETURNS text LANGUAGE sql AS $$
    SELECT coalesce(string_agg(id || ' ' || service_language || ' ' || coalesce(name::text, 'null'), E'\n'
                               ORDER BY id), '(none)')
      FROM linkedevents.language
$$;

-- An empty database: a page naming languages imports, and they are created.
-- fi by an external link, sv and tlh (which the reference does not ship) by
-- in_language references, zh_hans by both; each once.
SELECT linkedevents.import('{"meta": {"count": 2}, "data": [
  {"id": "x:1", "in_language": [{"@id": "https://api.hel.fi/linkedevents/v1/language/sv/?format=api"},
                                {"@id": "https://api.hel.fi/linkedevents/v1/language/tlh/"}],
   "external_links": [{"name": "extlink_facebook", "link": "https://fb.example/1", "language": "fi"},
                      {"name": null, "link": "https://example.org/zh", "language": "zh_hans"}]},
  {"id": "x:2", "in_language": [{"@id": "http://localhost/v1/language/zh_hans/"},
                                {"@id": "http://localhost/v1/language/fi/"}]}]}', 'event');
SELECT pg_temp.languages();
SELECT id, in_language FROM linkedevents.event ORDER BY id;
SELECT event, position, language FROM linkedevents.event_link ORDER BY event, position;
-- As the API shows them.
SELECT body FROM linkedevents.get('language/tlh/');
SELECT body FROM linkedevents.get('language/fi/');

-- Importing the same page again changes nothing.
SELECT string_agg(xmin::text, ',' ORDER BY id) AS versions FROM linkedevents.language \gset
SELECT linkedevents.import('[{"id": "x:1", "in_language": [{"@id": "http://localhost/v1/language/sv/"},
                                                          {"@id": "http://localhost/v1/language/tlh/"}],
   "external_links": [{"name": "extlink_facebook", "link": "https://fb.example/1", "language": "fi"},
                      {"name": null, "link": "https://example.org/zh", "language": "zh_hans"}]}]', 'event');
SELECT string_agg(xmin::text, ',' ORDER BY id) = :'versions' AS languages_not_rewritten FROM linkedevents.language;

-- Every language the reference ships, with its names (its create_languages
-- command; fi, sv and en are its service languages).
SELECT linkedevents.import('{"id": "x:3", "in_language": [
  {"@id": "http://localhost/v1/language/ar/"}, {"@id": "http://localhost/v1/language/en/"},
  {"@id": "http://localhost/v1/language/es/"}, {"@id": "http://localhost/v1/language/et/"},
  {"@id": "http://localhost/v1/language/fa/"}, {"@id": "http://localhost/v1/language/fr/"},
  {"@id": "http://localhost/v1/language/ru/"}, {"@id": "http://localhost/v1/language/so/"},
  {"@id": "http://localhost/v1/language/tr/"}]}', 'event');
SELECT pg_temp.languages();

-- A language defined in the call (embedded in in_language, or an object of
-- its own) is imported as given; a stored language is not touched by a
-- mention.
SELECT le_test_reset();
INSERT INTO linkedevents.language (id, name) VALUES ('fi', '{"fi": "suomen kieli"}');
SELECT linkedevents.import('[
  {"@type": "Event/LinkedEvent", "id": "x:1",
   "in_language": [{"id": "sv", "name": {"sv": "svenska"}, "@type": "Language"},
                   {"@id": "http://localhost/v1/language/fi/"}, {"@id": "http://localhost/v1/language/en/"}],
   "external_links": [{"link": "https://example.org/ru", "language": "ru"}]},
  {"@type": "Language", "id": "ru", "name": {"ru": "русский"}, "service_language": true},
  {"@type": "Language", "id": "en"}]');
SELECT pg_temp.languages();

-- Malformed language ids, and null in a list of references: SQLSTATE 22023
-- naming the field and the object; nothing written. A language to create on
-- first mention needs an id of up to 10 lower-case letters, digits, "_" or
-- "-", from a letter on.
SELECT le_test_reset();
SELECT doc, pg_temp.try_import(doc, 'event')
  FROM (VALUES
    ('{"id": "x:1", "external_links": [{"link": "https://e.example/", "language": ""}]}'),
    ('{"id": "x:1", "external_links": [{"link": "https://e.example/", "language": "FI"}]}'),
    ('{"id": "x:1", "external_links": [{"link": "https://e.example/", "language": "Finnish"}]}'),
    ('{"id": "x:1", "external_links": [{"link": "https://e.example/", "language": "suomi kieli"}]}'),
    ('{"id": "x:1", "external_links": [{"link": "https://e.example/", "language": "abcdefghijk"}]}'),
    ('{"id": "x:1", "external_links": [{"link": "https://e.example/", "language": "_fi"}]}'),
    ('{"id": "x:1", "external_links": [{"link": "https://e.example/", "language": "fi\n"}]}'),
    ('{"id": "x:1", "external_links": [{"link": "https://e.example/", "language": 5}]}'),
    ('{"id": "x:1", "external_links": [{"link": "https://e.example/", "language": {"@id": "http://x/v1/language/fi/"}}]}'),
    ('{"id": "x:1", "external_links": [{"link": "https://e.example/", "language": null}]}'),
    ('{"id": "x:1", "external_links": [{"link": "https://e.example/"}]}'),
    ('{"id": "x:1", "external_links": ["fi"]}'),
    ('{"id": "x:1", "in_language": ["fi"]}'),
    ('{"id": "x:1", "in_language": "fi"}'),
    ('{"id": "x:1", "in_language": [null]}'),
    ('{"id": "x:1", "keywords": [null]}'),
    ('{"id": "x:1", "images": [null]}'),
    ('{"id": "x:1", "in_language": [{"@id": "http://localhost/v1/language/"}]}'),
    ('{"id": "x:1", "in_language": [{"@id": "http://localhost/v1/keyword/fi/"}]}'),
    ('{"id": "x:1", "in_language": [{"@id": "http://localhost/v1/language/%46I/"}]}'),
    ('{"id": "x:1", "in_language": [{"@id": "http://localhost/v1/language/f%20i/"}]}'),
    ('{"id": "x:1", "in_language": [{"@id": "http://localhost/v1/language/%FF/"}]}'),
    ('{"id": "x:1", "in_language": [{"@id": 7}]}'),
    ('{"id": "x:1", "in_language": [{"id": ""}]}')
  ) AS t(doc);
SELECT pg_temp.try_import('{"id": "x:1", "keywords": [null]}', 'keyword_set');
SELECT (SELECT count(*) FROM linkedevents.language) AS languages, (SELECT count(*) FROM linkedevents.event) AS events;
-- The first bad mention of a call stops it all, whatever came before.
SELECT pg_temp.try_import('[{"id": "x:1", "in_language": [{"@id": "http://localhost/v1/language/fi/"}]},
                            {"id": "x:2", "in_language": [{"@id": "http://localhost/v1/language/Sv/"}]}]', 'event');
SELECT (SELECT count(*) FROM linkedevents.language) AS languages, (SELECT count(*) FROM linkedevents.event) AS events;
-- The rule is for languages to create: a stored language of another form
-- (written by SQL) may still be named.
INSERT INTO linkedevents.language (id) VALUES ('Klingon');
SELECT pg_temp.try_import('{"id": "x:1", "in_language": [{"@id": "http://localhost/v1/language/Klingon/"}]}', 'event');
SELECT id, in_language FROM linkedevents.event;
