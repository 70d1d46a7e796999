-- text and combined_text over event_search.text_doc and keyword names.
SELECT le_test_reset();

INSERT INTO linkedevents.data_source (id) VALUES ('ds');
INSERT INTO linkedevents.keyword (id, name) VALUES
    ('kw:lappset', '{"fi": "lappset"}'),
    ('kw:aikuiset', '{"fi": "aikuiset", "en": "adults"}'),
    ('kw:lapsi1', '{"fi": "lapsi"}'),
    ('kw:lapsi2', '{"fi": "lapsia"}'),
    ('kw:lapsi3', '{"fi": "lapset"}'),
    ('kw:lapsi4', '{"sv": "lapsetar"}'),
    ('kw:cafe', '{"fi": "kahvila", "en": "cafe"}'),
    ('kw:kaffe', '{"fi": "kahvi", "sv": "kaffe", "en": "cafés"}');
INSERT INTO linkedevents.place (id, name, street_address) VALUES
    ('pl:1', '{"fi": "Lastenkirjasto"}', '{"fi": "Kirjastokatu 1"}');
INSERT INTO linkedevents.event (id, data_source, location, keywords, audience, name, description) VALUES
    ('ds:1', 'ds', 'pl:1', '{kw:lappset}', '{}', '{"fi": "Satutunti"}', '{"fi": "Hinta 50% alennus"}'),
    ('ds:2', 'ds', NULL, '{kw:aikuiset}', '{kw:lappset}', '{"fi": "Jazz_ilta", "sv": "Jazzkväll"}', NULL),
    ('ds:3', 'ds', NULL, '{kw:lappset,kw:aikuiset}', '{}', '{"en": "Family day"}', '{"fi": "Kaikille"}'),
    ('ds:4', 'ds', NULL, '{kw:cafe}', '{}', '{"fi": "Aamukahvit"}', NULL);

-- text: a case-insensitive literal substring of one field (not across two),
-- the place's fields too.
CREATE FUNCTION pg_temp.text_events(term text) RETURNS text LANGUAGE sql AS $$
    SELECT coalesce(string_agg(e.id, ',' ORDER BY e.id), '-')
      FROM linkedevents.event e
     WHERE EXISTS (SELECT FROM linkedevents.event_search s
                    WHERE s.event = e.id AND s.text_doc LIKE linkedevents.text_pattern(term))
$$;
SELECT term, pg_temp.text_events(term)
  FROM unnest(ARRAY['satutunti', 'LASTENKIRJASTO', 'kirjastokatu 1', 'JAZZKVÄLL', '50%',
                    '5%', 'jazz_', 'jazz%', 'z_i', 'tunti', 'ilta jazzkväll', 'kaikille',
                    E'satutunti\x1f', '']) term;
-- LIKE's wildcards and escape character are literal; a term with the field
-- separator matches nothing.
SELECT linkedevents.text_pattern('50%_a\b'), linkedevents.text_pattern(E'a\x1fb') IS NULL AS never;

-- combined_text_keywords: the top 3 keywords by trigram similarity, over
-- name fi/sv/en, above 0.2.
SELECT term, linkedevents.combined_text_keywords(term),
       (SELECT array_agg(round(greatest(similarity(term, k.name->>'fi'), similarity(term, k.name->>'sv'),
                                        similarity(term, k.name->>'en'))::numeric, 3)
                         ORDER BY greatest(similarity(term, k.name->>'fi'), similarity(term, k.name->>'sv'),
                                           similarity(term, k.name->>'en')) DESC, k.id)
          FROM linkedevents.keyword k) AS all_similarities
  FROM unnest(ARRAY['lapset', 'aikuiset', 'adult', 'jazz', 'cafe', 'café']) term;
-- A term with a character in U+00C0-U+00FF compares with fi and sv names
-- only: "café" does not reach the en name "cafés" of kw:kaffe.
SELECT similarity('café', 'cafés') AS en_similarity,
       linkedevents.combined_text_keywords('café') AS without_en,
       linkedevents.combined_text_keywords('cafe') AS with_en;

-- combined_text: lower-cased, every comma-separated term must match, by text
-- or by a similar keyword in keywords (not audience).
SELECT v, (SELECT coalesce(string_agg(m, ',' ORDER BY m), '-')
             FROM linkedevents.combined_text_events(v) m) AS events
  FROM unnest(ARRAY['LAPSET', 'lapset,aikuiset', 'aikuiset,kaikille', 'satutunti',
                    'satutunti,lastenkirjasto', 'satutunti,jazz', 'aamukahvit,cafe',
                    'lapset,lapset', 'xyzzy']) v;

-- The event list: text and combined_text as filters (an empty value is an
-- absent parameter), ANDed with each other and the rest.
SELECT q, le_ids(q)
  FROM unnest(ARRAY['text=satutunti', 'text=LASTENKIRJASTO', 'text=50%25', 'text=5%25',
                    'text=', 'text=jazz_', 'combined_text=LAPSET', 'combined_text=lapset,aikuiset',
                    'combined_text=', 'combined_text=lapset&text=family',
                    'combined_text=lapset&text=jazz&ids=ds:1,ds:2']) q;

-- Tied similarities: of six keywords named alike, the three smallest ids,
-- however the trigram index returns them (inserted in descending id order).
BEGIN;
INSERT INTO linkedevents.keyword (id, name)
SELECT 'tie:' || i, '{"fi": "Sirkustaide", "sv": "Cirkuskonst"}' FROM generate_series(6, 1, -1) i;
SELECT linkedevents.combined_text_keywords('sirkustaide') AS tied;
ROLLBACK;
