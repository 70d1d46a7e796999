-- full_text, full_text_language and local_ongoing_text over the weighted
-- per-language documents of event_search.
SELECT le_test_reset();

-- full_text_language: CSV without trimming, duplicates dropped, fi when
-- absent; anything else is the API's 400.
SELECT v, linkedevents.full_text_languages(v)
  FROM unnest(ARRAY[NULL, '', 'fi', 'sv,en,sv', 'ar,ru,zh_hans,fi']) v;
SELECT v, le_error(format('SELECT linkedevents.full_text_languages(%L)', v))
  FROM unnest(ARRAY['de', 'fi,de,xx,de', 'fi, sv', 'fi,', 'FI', 'zh-hans']) v;

INSERT INTO linkedevents.data_source (id) VALUES ('ds');
INSERT INTO linkedevents.keyword (id, name) VALUES
    ('kw:music', '{"fi": "musiikki", "sv": "musik", "en": "music"}'),
    ('kw:kids', '{"fi": "lapset", "sv": "barn", "en": "children"}');
INSERT INTO linkedevents.place (id, name) VALUES
    ('pl:lib', '{"fi": "Lastenkirjasto", "sv": "Barnbiblioteket", "en": "Children''s library"}'),
    ('helsinki:internet', '{"fi": "Internet"}');
INSERT INTO linkedevents.event (id, data_source, location, keywords, audience, name,
                                short_description, description, end_time, local) VALUES
    ('ds:1', 'ds', 'pl:lib', '{}', '{kw:kids}', '{"fi": "Satutunti keväälle 2025", "sv": "Sagostunder för barnen"}',
     NULL, '{"fi": "<p>Kirjastossa luetaan <b>satuja</b>.</p>"}', now() + interval '1 day', true),
    ('ds:2', 'ds', NULL, '{kw:music}', '{}', '{"fi": "Kevätkonsertti", "en": "Spring concerts"}',
     '{"fi": "Konsertti kirjastossa"}', '{"en": "<p>The <i>running</i> orchestra plays</p>"}',
     now() + interval '1 day', false),
    ('ds:3', 'ds', 'helsinki:internet', '{}', '{}', '{"fi": "Verkkoluento"}',
     NULL, '{"fi": "Luento kirjastosta ja musiikista"}', now() - interval '1 day', false),
    ('ds:4', 'ds', NULL, '{}', '{}', '{"fi": "Kirjasto"}', NULL, NULL, now() + interval '1 day', false),
    ('ds:5', 'ds', NULL, '{}', '{}', '{"ru": "Концерт", "zh_hans": "音乐会", "ar": "حفلة موسيقية"}',
     NULL, NULL, now() + interval '1 day', false);

-- The query: non-word characters are spaces, words analysed like the
-- documents and ANDed, one slot per language asked for.
SELECT linkedevents.full_text_queries('Kirjastossa: lapsille!');
SELECT linkedevents.full_text_queries('running "concerts" & barnen', 'en,sv');
SELECT linkedevents.full_text_queries('!!! ...', 'fi,en'), linkedevents.full_text_queries('the', 'en');
SELECT le_error($$SELECT linkedevents.full_text_queries('x', 'fi,xx')$$);

-- Matches, in the default order: rank (greatest over the languages asked
-- for) descending, then id. A name hit (A) outranks a short description
-- (C) and a description (D) hit.
CREATE FUNCTION pg_temp.full_text(value text, languages text DEFAULT NULL)
    RETURNS TABLE (event text, rank real) LANGUAGE sql AS $$
    SELECT e.id, linkedevents.full_text_rank(s, q.q)
      FROM (SELECT linkedevents.full_text_queries(value, languages) AS q) q,
           linkedevents.event e JOIN linkedevents.event_search s ON s.event = e.id
     WHERE linkedevents.full_text_matches(s, q.q)
     ORDER BY 2 DESC, 1
$$;
SELECT * FROM pg_temp.full_text('kirjasto');
SELECT * FROM pg_temp.full_text('kirjastoissa');
-- Base forms both ways, compounds by their parts, keyword and audience
-- names, numbers as whole tokens.
SELECT v, (SELECT string_agg(event, ',' ORDER BY event) FROM pg_temp.full_text(v)) AS events
  FROM unnest(ARRAY['satutunneilla', 'kevät', 'keväälle 2025', 'keväälle 2', 'lapsi',
                    'konsertit', 'musiikkia', 'lastenkirjastoon', 'luetaan satu',
                    'satuja HTML', 'b', 'p']) v;
-- Swedish and English stemming; languages ORed; other languages unstemmed.
SELECT v, l, (SELECT string_agg(event, ',' ORDER BY event) FROM pg_temp.full_text(v, l)) AS events
  FROM (VALUES ('sagostund', 'sv'), ('barnen', 'sv'), ('concert', 'en'),
               ('run orchestras', 'en'), ('library', 'en'), ('library', 'fi'),
               ('music', 'en'), ('kevätkonsertti', 'sv,fi'), ('barn', 'en,sv'),
               ('концерт', 'ru'), ('音乐会', 'zh_hans'), ('موسيقية', 'ar'),
               ('концерт', 'fi,sv,en')) AS t(v, l);

-- local_ongoing_text: language fi, sv or en (fi when absent), else the
-- API's 400; combined with the rest of SPEC 1.9 by the event list.
SELECT linkedevents.local_ongoing_text_queries('kirjastossa,musiikki'),
       linkedevents.local_ongoing_text_queries('barnen', 'sv');
SELECT v, le_error(format('SELECT linkedevents.local_ongoing_text_queries(%L, %L)', 'x', v))
  FROM unnest(ARRAY['ru', 'fi,sv', 'FI']) v;
SELECT e.id
  FROM (SELECT linkedevents.local_ongoing_text_queries('kirjasto') AS q) q,
       linkedevents.event e JOIN linkedevents.event_search s ON s.event = e.id
 WHERE linkedevents.full_text_matches(s, q.q) AND e.end_time >= now() AND NOT e.deleted
   AND (e.location LIKE '%internet' OR e.local)
 ORDER BY 1;

-- The event list: full_text ordered by rank then id unless sort is given
-- (even with only invalid keys: then the default -last_modified_time, id).
UPDATE linkedevents.event SET last_modified_time = now() - (substr(id, 4)::int || ' days')::interval;
SELECT q, le_ids(q)
  FROM unnest(ARRAY['full_text=kirjasto', 'full_text=kirjasto&sort=-name',
                    'full_text=kirjasto&sort=nonsense', 'full_text=kirjasto&full_text_language=en',
                    'full_text=library&full_text_language=en,fi', 'full_text=konsertti&ids=ds:2,ds:4',
                    'full_text=!!!', 'full_text=&full_text_language=sv',
                    'full_text_language=fi,sv']) q;
-- local_ongoing_text: live, local or internet events; language (fi when
-- absent) also filters as SPEC 1.14 language does.
SELECT q, le_ids(q)
  FROM unnest(ARRAY['local_ongoing_text=kirjasto', 'local_ongoing_text=kirjastoon,satuja',
                    'local_ongoing_text=barnen&language=sv', 'local_ongoing_text=barnen']) q;
-- Errors, in the pipeline's order (SPEC 1.1): registration before
-- local_ongoing_text before event_status; weekday's form validation before
-- full_text_language before ongoing. Through get, a 400 with the message.
SELECT q, le_ids(q)
  FROM unnest(ARRAY['local_ongoing_text=x&language=ru',
                    'local_ongoing_text=x&language=ru&registration=maybe',
                    'local_ongoing_text=x&language=ru&event_status=x',
                    'full_text=x&full_text_language=fi,de,xx',
                    'full_text_language=de',
                    'full_text_language=de&weekday=9',
                    'full_text_language=de&ongoing=maybe']) q;
SELECT status, body FROM linkedevents.get('event/', 'full_text=kevät&full_text_language=sv,de');
