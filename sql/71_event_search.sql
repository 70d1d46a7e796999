-- The per-event search documents and their maintenance by triggers.
SELECT le_test_reset();

INSERT INTO linkedevents.data_source (id) VALUES ('ds');
INSERT INTO linkedevents.keyword (id, name) VALUES
    ('kw:1', '{"fi": "musiikki", "sv": "musik", "en": "music"}'),
    ('kw:2', '{"fi": "lapset", "sv": "barn", "en": "children"}');
INSERT INTO linkedevents.place (id, name, street_address, telephone) VALUES
    ('pl:1', '{"fi": "Lastenkirjasto", "sv": "Barnbiblioteket"}',
     '{"fi": "Kirjastokatu 1", "sv": "Biblioteksgatan 1"}', '{"fi": "+358 9 123"}');
INSERT INTO linkedevents.event (id, data_source, location, keywords, audience, name,
                                short_description, description, provider, start_time) VALUES
    ('ds:1', 'ds', 'pl:1', '{kw:1}', '{kw:2}',
     '{"fi": "Satutunti", "sv": "Sagostund", "en": "Story Hour", "ru": "Сказка"}',
     '{"fi": "Satuja keväälle"}',
     '{"fi": "<p>Tervetuloa <b>kirjastoon</b> &amp; kahvilaan&nbsp;nyt</p>"}',
     '{"en": "City Library"}', '2025-03-01 10:00+02'),
    ('ds:2', 'ds', NULL, '{}', '{}', '{"fi": "Konsertti"}', NULL, NULL, NULL, NULL);

-- text_doc: every translated field of the event and its place, lower-cased,
-- HTML kept, fields separated by U+001F.
SELECT event, replace(text_doc, E'\x1f', ' | ') AS text_doc
  FROM linkedevents.event_search ORDER BY event;
-- One weighted vector per language: A event and place name, B keyword and
-- audience names, C short description, D description without HTML.
SELECT event, fi, sv, en, zh_hans, ru, ar FROM linkedevents.event_search ORDER BY event;

-- A place rename reaches its events' documents (text and full text).
UPDATE linkedevents.place SET name = '{"fi": "Pääkirjasto"}' WHERE id = 'pl:1';
SELECT event, fi, sv, text_doc LIKE '%pääkirjasto%' AS in_text_doc
  FROM linkedevents.event_search WHERE event = 'ds:1';
-- So does a keyword rename, for keywords and audience alike.
UPDATE linkedevents.keyword SET name = '{"fi": "aikuiset"}' WHERE id = 'kw:2';
SELECT event, fi, sv FROM linkedevents.event_search WHERE event = 'ds:1';

-- Updates that change nothing searched leave the document row alone (the
-- same tuple), the others rebuild it.
CREATE TEMP TABLE before AS SELECT event, ctid AS tid FROM linkedevents.event_search;
UPDATE linkedevents.event SET start_time = start_time + interval '1 day';
UPDATE linkedevents.place SET postal_code = '00100';
UPDATE linkedevents.keyword SET deprecated = true;
SELECT s.event, s.ctid = b.tid AS untouched
  FROM linkedevents.event_search s JOIN before b USING (event) ORDER BY 1;
UPDATE linkedevents.event SET name = '{"fi": "Kevätkonsertti"}' WHERE id = 'ds:2';
SELECT s.event, s.ctid = b.tid AS untouched, s.fi
  FROM linkedevents.event_search s JOIN before b USING (event) ORDER BY 1;

-- A new id carries its document along; a deleted event takes it along.
UPDATE linkedevents.event SET id = 'ds:3' WHERE id = 'ds:2';
SELECT event, fi FROM linkedevents.event_search ORDER BY event;
DELETE FROM linkedevents.event WHERE id = 'ds:3';
SELECT event FROM linkedevents.event_search ORDER BY event;

-- An import may write an event before its place (deferred foreign key):
-- the place's insert completes the document.
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO linkedevents.event (id, data_source, location, name)
    VALUES ('ds:4', 'ds', 'pl:2', '{"fi": "Luento"}');
SELECT fi FROM linkedevents.event_search WHERE event = 'ds:4';
INSERT INTO linkedevents.place (id, name) VALUES ('pl:2', '{"fi": "Kulttuuritalo"}');
SELECT fi FROM linkedevents.event_search WHERE event = 'ds:4';
COMMIT;

-- A bulk insert gets all its documents in one statement.
INSERT INTO linkedevents.event (id, data_source, location, name)
SELECT 'bulk:' || g, 'ds', 'pl:2', jsonb_build_object('fi', 'Tapahtuma ' || g)
  FROM generate_series(1, 100) g;
SELECT count(*) FROM linkedevents.event_search WHERE event LIKE 'bulk:%';
UPDATE linkedevents.place SET name = '{"fi": "Savoy-teatteri"}' WHERE id = 'pl:2';
SELECT count(*) FROM linkedevents.event_search WHERE fi @@ 'teatteri';

-- refresh_event_search() rebuilds documents on demand (e.g. after Voikko
-- was installed), all of them or the given events.
SELECT linkedevents.refresh_event_search(), linkedevents.refresh_event_search('{ds:1,bulk:7,nosuch}');
SELECT count(*) = (SELECT count(*) FROM linkedevents.event) AS one_per_event
  FROM linkedevents.event_search;

-- HTML: tags and the usual entities are not words.
SELECT linkedevents._html_to_text('<p class="x">Kesä&auml; &amp;lt; &quot;jazz&quot;<br/>ilta&#39;</p>');
