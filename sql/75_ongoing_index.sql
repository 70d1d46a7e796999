-- The *_ongoing_OR/AND filters through the trigram index on
-- event_search.ongoing_doc: a LIKE prefilter, then ongoing_match on the
-- folded text. Same answers as ongoing_match over _event_ongoing_text.
SELECT le_test_reset();

-- ongoing_fold is ongoing_match's simple case folding: idempotent, and a
-- word character stays one (ongoing_match(x, '', false) is true exactly
-- when the one-character x is a word character), over planes 0 and 1.
SELECT linkedevents.ongoing_fold('ÄÖÅ Straße ΣΟΦΊΑΣ σοφίας ǅ K µ İ');
SELECT count(*) AS folded,
       count(*) FILTER (WHERE linkedevents.ongoing_fold(f) <> f) AS not_idempotent,
       count(*) FILTER (WHERE linkedevents.ongoing_match(f, '', false)
                              <> linkedevents.ongoing_match(c, '', false)) AS word_class_changed
  FROM (SELECT chr(cp) FROM generate_series(1, 131071) cp
         WHERE cp NOT BETWEEN 55296 AND 57343) t(c),
       LATERAL (SELECT linkedevents.ongoing_fold(c)) f(f)
 WHERE f <> c;

-- Data: a local place (Helsinki), a place elsewhere, an internet location.
INSERT INTO linkedevents.data_source (id) VALUES ('ds');
INSERT INTO linkedevents.division (ocd_id, type) VALUES
    ('ocd-division/country:fi/kunta:helsinki', 'muni');
INSERT INTO linkedevents.place (id, data_source, name, description, street_address) VALUES
    ('pl:local', 'ds', '{"fi": "Ääneskosken KIRJASTO", "sv": "Biblioteket"}',
     '{"en": "Straße 5"}', '{"fi": "Kirjastokatu 1", "sv": "Biblioteksgatan 1"}'),
    ('pl:far', 'ds', '{"fi": "Musiikkitalo"}', NULL, NULL),
    ('x:internet', 'ds', '{"fi": "Verkko"}', NULL, NULL);
INSERT INTO linkedevents.place_division (place, division, position) VALUES
    ('pl:local', 'ocd-division/country:fi/kunta:helsinki', 0);
INSERT INTO linkedevents.keyword (id, name) VALUES
    ('kw:1', '{"fi": "musiikki", "sv": "musik", "en": "music"}'),
    ('kw:2', '{"fi": "lapset", "sv": "barn"}'),
    ('kw:3', '{"fi": "ΣΟΦΊΑ", "en": "50% off_sale"}');

-- 400 events: names, descriptions and keywords from a word list with
-- case, Nordic and Greek letters, ß, punctuation, LIKE's special
-- characters; some ended, deleted or at no place.
CREATE TEMP TABLE words (n int, w text);
INSERT INTO words SELECT n - 1, w FROM unnest(ARRAY[
    'Lapsi', 'lapsille', 'MUSIIKKI', 'musiikkia', 'Musiikkitalo', 'usiikki', 'mussiikki',
    'musiikk', 'konsertti!', 'KONSERTIT', 'jazz-ilta', 'teatteri', 'Ääneskoski',
    'äänestys', 'Översättning', 'ΣΟΦΊΑΣ', 'σοφίας', 'Straße', 'STRASSE', 'x_y', '50%',
    'a\b', 'naïve', 'ja', 'i', 'amusiikki', 'musiikki-ilta', 'Kesäkonsertti']) WITH ORDINALITY u(w, n);
INSERT INTO linkedevents.event (id, data_source, location, keywords, name, description,
                                short_description, start_time, end_time, deleted)
SELECT 'ev:' || g, 'ds',
       (ARRAY['pl:local', 'pl:far', 'x:internet', NULL])[g % 4 + 1],
       (ARRAY['{}', '{kw:1}', '{kw:2,kw:3}', '{}', '{kw:3}'])[g % 5 + 1]::text[],
       jsonb_build_object('fi', (SELECT w FROM words WHERE n = g % 28) || ' '
                                 || (SELECT w FROM words WHERE n = g * 7 % 28)),
       CASE WHEN g % 3 = 0 THEN jsonb_build_object('sv', (SELECT w FROM words WHERE n = g * 11 % 28)
                                                          || E'\n' || (SELECT w FROM words WHERE n = g * 5 % 28)) END,
       CASE WHEN g % 7 = 0 THEN jsonb_build_object('en', 'Tickets: ' || (SELECT w FROM words WHERE n = g * 3 % 28)) END,
       now() - interval '1 day',
       now() + CASE WHEN g % 11 = 0 THEN interval '-1 hour' ELSE interval '1 day' END,
       g % 13 = 0
  FROM generate_series(1, 400) g;

-- A percent-encoded query-string value.
CREATE FUNCTION pg_temp.enc(value text) RETURNS text LANGUAGE sql AS $$
    SELECT coalesce(string_agg(CASE WHEN b BETWEEN 48 AND 57 OR b BETWEEN 65 AND 90
                                         OR b BETWEEN 97 AND 122 THEN chr(b)
                                    ELSE '%' || lpad(upper(to_hex(b)), 2, '0') END, '' ORDER BY i), '')
      FROM generate_series(0, octet_length(value) - 1) i,
           LATERAL (SELECT get_byte(convert_to(value, 'UTF8'), i)) x(b)
$$;

-- (a) Every value, prefix and mode: the list equals ongoing_match over the
-- unfolded text among the same candidates (all events are public). An
-- empty value is no filter (67_event_keywords_ongoing); ',' is two empty terms.
CREATE TEMP TABLE ongoing_values (v text);
INSERT INTO ongoing_values VALUES
    ('lapsi,musiikki'), ('musiikki'), ('MUSIIKKI'), ('musiikkki'), ('usiikki'),
    ('xusiikki'), ('musiikkx'), ('mu5iikki'), ('musiikk'), ('amusiikki'), ('musiikki-ilta'),
    ('Äänes'), ('ääneskoskii'), ('ÄÄNESKOSKI'), ('översättnin'), ('oversättning'),
    ('σοφία'), ('ΣΟΦΊΑΣ'), ('σοφιας'), ('straße'), ('STRASSE'), ('strasse'), ('ß'),
    ('a'), ('ja'), ('i'), ('50%'), ('%'), ('_'), ('x_y'), ('xy'), ('a\b'), ('\'), (','),
    ('konsertti,teatteri'), ('jazz-ilta'), ('jazz ilta'), (' musiikki'), ('kirjastokatu'),
    ('biblioteksgatan'), ('barn'), ('music'), ('tickets:'), ('naïve'), ('kesäkonsertti'),
    ('kesakonsertti'), ('lapset,ΣΟΦΊΑ,biblioteket'), ('musiikki,,lapsi'), ('nothing,here'),
    -- past the prefilter's bounds: 16 terms for _AND, 100 for _OR
    (repeat('musiikki,', 16) || 'ja'), (repeat('zzz,', 119) || 'konsertti');
CREATE TEMP TABLE ongoing_cases AS
SELECT v, prefix, mode, prefix || '_ongoing_' || mode || '=' || pg_temp.enc(v) AS query
  FROM ongoing_values, unnest('{local,internet,all}'::text[]) prefix,
       unnest('{OR,AND}'::text[]) mode
UNION ALL
SELECT x || ' & ' || y, prefix, 'sets',
       prefix || '_ongoing_OR_set1=' || pg_temp.enc(x) || '&' || prefix || '_ongoing_OR_set7=' || pg_temp.enc(y)
  FROM (VALUES ('musiikki,lapsi', 'ΣΟΦΊΑ,straße'), ('ääneskoski', 'musiikkki'), ('a', 'ja,x_y')) s(x, y),
       unnest('{local,internet,all}'::text[]) prefix;
CREATE TEMP TABLE ongoing_results AS
SELECT c.*,
       (SELECT coalesce(array_agg(f.id ORDER BY f.id), '{}') FROM linkedevents.find_events(c.query) f) AS got,
       (SELECT coalesce(array_agg(e.id ORDER BY e.id), '{}')
          FROM linkedevents.event e
         WHERE NOT e.deleted AND e.end_time >= now()
           AND CASE c.prefix
                 WHEN 'local' THEN e.location = 'pl:local'
                 WHEN 'internet' THEN e.location = 'x:internet'
                 ELSE e.location IN ('pl:local', 'x:internet') END
           AND CASE c.mode
                 WHEN 'sets' THEN
                      linkedevents.ongoing_match(linkedevents._event_ongoing_text(e), split_part(c.v, ' & ', 1), false)
                  AND linkedevents.ongoing_match(linkedevents._event_ongoing_text(e), split_part(c.v, ' & ', 2), false)
                 ELSE linkedevents.ongoing_match(linkedevents._event_ongoing_text(e), c.v, c.mode = 'AND') END
       ) AS want
  FROM ongoing_cases c;
SELECT count(*) AS queries,
       count(*) FILTER (WHERE cardinality(want) > 0) AS with_matches,
       sum(cardinality(want)) AS matches,
       count(*) FILTER (WHERE got IS DISTINCT FROM want) AS mismatches
  FROM ongoing_results;
SELECT query, got, want FROM ongoing_results WHERE got IS DISTINCT FROM want;
SELECT left(v, 8) AS v, mode, cardinality(want) AS events
  FROM ongoing_results WHERE prefix = 'all' AND length(v) > 30 ORDER BY 1, 2;
-- 2000 _AND terms are planned quickly (a BitmapAnd of all took 13 s).
SELECT count(*) FROM linkedevents.find_events('all_ongoing_AND=' ||
    (SELECT string_agg('sana' || i, ',') FROM generate_series(1, 2000) i));
-- A sample of the answers, to read: all_ongoing_OR for some values.
SELECT v, cardinality(want) AS events, want[1:3] AS first
  FROM ongoing_results
 WHERE prefix = 'all' AND mode = 'OR'
   AND v IN ('musiikkki', 'xusiikki', 'amusiikki', 'STRASSE', 'σοφιας', '50%', '_', ',')
 ORDER BY v;

-- The patterns bound for a value: a short term literal, a long one as its
-- two halves, all folded, LIKE's \ % _ escaped.
SELECT substring(p FROM 'Filter: .*')
  FROM linkedevents._event_query_explain('all_ongoing_AND=' || pg_temp.enc('Ab%_\,Straßenbahn,')) p
 WHERE p LIKE '%ongoing_doc%';

-- (c) Freshness: a keyword or a place renamed is found under its new name.
UPDATE linkedevents.keyword SET name = '{"fi": "Sirkustaide"}' WHERE id = 'kw:2';
UPDATE linkedevents.place SET name = '{"fi": "Kulttuuritalo"}' WHERE id = 'pl:local';
SELECT q, cardinality(string_to_array(le_ids(q), ' ')) AS events FROM (VALUES
    ('all_ongoing_OR=sirkustaide'), ('all_ongoing_OR=lapset'),
    ('local_ongoing_OR=kulttuuritalo'), ('local_ongoing_OR=' || pg_temp.enc('ääneskosken'))) v(q);
SELECT count(*) AS stale
  FROM linkedevents.event e JOIN linkedevents.event_search s ON s.event = e.id
 WHERE s.ongoing_doc <> coalesce(linkedevents.ongoing_fold(linkedevents._event_ongoing_text(e)), '');

-- (b) On a few thousand events, after ANALYZE, the index answers (the
-- new events' texts, place names included, match no pattern).
INSERT INTO linkedevents.event (id, data_source, location, name, start_time, end_time)
SELECT 'gen:' || g, 'ds', (ARRAY['pl:local', 'x:internet'])[g % 2 + 1],
       jsonb_build_object('fi', 'tapahtuma ' || md5(g::text)), now(), now() + interval '1 day'
  FROM generate_series(1, 5000) g;
VACUUM ANALYZE linkedevents.event, linkedevents.event_search, linkedevents.place_division;
SELECT count(*) FILTER (WHERE p LIKE '%Bitmap Index Scan on event_search_ongoing_doc_idx%') AS index_scans,
       count(*) FILTER (WHERE p LIKE '%BitmapOr%') AS bitmap_or,
       count(*) FILTER (WHERE p LIKE '%Seq Scan on event_search%') AS seq_scans
  FROM linkedevents._event_query_explain('local_ongoing_OR=lapsi,musiikki') p;
SELECT count(*) FROM linkedevents.find_events('local_ongoing_OR=lapsi,musiikki');
