-- Finnish base forms with libvoikko: the dictionary linkedevents.voikko_fi
-- and the configuration linkedevents.finnish.
SELECT le_test_reset();

-- Each word becomes its lower-cased base forms; a compound also its parts
-- and their runs; an unknown word passes through lower-cased; ambiguous
-- words give every reading.
SELECT w, ts_lexize('linkedevents.voikko_fi', w)
  FROM unnest(ARRAY['kirjastossa', 'keväälle', 'lapsille', 'HELSINGISSÄ',
                    'Lastenkirjastoon', 'elokuvateatterissa', 'konsertti-ilta',
                    'kirjastonhoitajalle', 'Xyzzyä', 'alusta']) w;

-- Inflected forms find base forms and the other way round; a compound is
-- found by its parts, but a part does not find the whole compound.
SELECT d AS document, q AS query,
       to_tsvector('linkedevents.finnish', d) @@ plainto_tsquery('linkedevents.finnish', q) AS matches
  FROM (VALUES ('kirjastossa', 'kirjasto'), ('kirjasto', 'kirjastossa'),
               ('keväälle', 'kevät'), ('kevät', 'keväälle'),
               ('lapsille', 'lapsi'), ('lapsi', 'lapsille'),
               ('lastenkirjastossa', 'kirjasto'), ('lastenkirjastossa', 'lapset'),
               ('lastenkirjastossa', 'lastenkirjastoon'), ('kirjasto', 'lastenkirjasto'),
               ('elokuvateatterissa', 'elokuva'), ('Konsertti-ilta', 'iltaan'),
               ('keväälle 2025', 'keväällä 2025'), ('keväälle 2025', 'keväälle 2'),
               ('kirjastossa', 'kirjastot ja lapset')) AS t(d, q);

-- A query word's readings are alternatives, the lexemes of one reading all
-- needed; numbers go through simple.
SELECT plainto_tsquery('linkedevents.finnish', 'Lastenkirjasto alusta 2025');
SELECT to_tsvector('linkedevents.finnish', 'Kesä 2025: 12 konserttia lapsille');

-- Options: Library is a file name starting with libvoikko, Language a tag.
SELECT le_error($$CREATE TEXT SEARCH DICTIONARY public.v (TEMPLATE = linkedevents.voikko, Library = '/tmp/libvoikko.so.1')$$);
SELECT le_error($$CREATE TEXT SEARCH DICTIONARY public.v (TEMPLATE = linkedevents.voikko, Library = 'libc.so.6')$$);
SELECT le_error($$CREATE TEXT SEARCH DICTIONARY public.v (TEMPLATE = linkedevents.voikko, Language = 'fi; rm')$$);
SELECT le_error($$CREATE TEXT SEARCH DICTIONARY public.v (TEMPLATE = linkedevents.voikko, Stopwords = 'finnish')$$);

-- Without libvoikko (a library file that does not exist) the configuration
-- warns once and stems with snowball: "lapsille" becomes "laps", not
-- "lapsi". Creating the dictionary loads nothing.
ALTER TEXT SEARCH DICTIONARY linkedevents.voikko_fi (Library = 'libvoikko.so.0');
SELECT to_tsvector('linkedevents.finnish', 'Lapsille kirjastossa');
SELECT to_tsvector('linkedevents.finnish', 'Lapsille kirjastossa') = to_tsvector('pg_catalog.finnish', 'Lapsille kirjastossa') AS same_as_snowball;
-- Another dictionary on the same missing library: no second warning.
CREATE TEXT SEARCH DICTIONARY public.voikko_missing_library
    (TEMPLATE = linkedevents.voikko, Library = 'libvoikko.so.0');
SELECT ts_lexize('public.voikko_missing_library', 'lapsille');
-- Without the Finnish dictionary (a dictionary variant that is not
-- installed): the same fallback, with the reason.
CREATE TEXT SEARCH DICTIONARY public.voikko_missing_dictionary
    (TEMPLATE = linkedevents.voikko, Language = 'fi-x-missing');
SELECT ts_lexize('public.voikko_missing_dictionary', 'lapsille');
SELECT ts_lexize('public.voikko_missing_dictionary', 'keväälle');
DROP TEXT SEARCH DICTIONARY public.voikko_missing_library, public.voikko_missing_dictionary;
-- Back to libvoikko.
ALTER TEXT SEARCH DICTIONARY linkedevents.voikko_fi (Library);
SELECT to_tsvector('linkedevents.finnish', 'Lapsille kirjastossa');
