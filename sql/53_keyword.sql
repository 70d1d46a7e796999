-- GET /v1/keyword/ (SPEC 5.2) and /v1/keyword/<id>/ (SPEC 4.13).
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

INSERT INTO linkedevents.data_source (id) VALUES ('yso'), ('helsinki'), ('ds');
INSERT INTO linkedevents.keyword (id, data_source, name, alt_labels, deprecated) VALUES
    ('yso:1', 'yso', '{"fi": "juusto", "sv": "ost", "en": "cheese"}', '{}', false),
    ('yso:2', 'yso', '{"fi": "sinihomejuusto", "en": "blue cheese"}', '{juustot}', false),
    ('yso:3', 'yso', '{"fi": "shakki", "en": "chess"}', '{}', false),
    ('yso:4', 'yso', '{"fi": "lapset", "sv": "barn"}', '{kids}', false),
    ('yso:5', 'yso', '{"fi": "vanha", "en": "old"}', '{}', true),
    ('helsinki:1', 'helsinki', '{"fi": "Å-ryhmä", "en": "a-group"}', '{}', false),
    ('helsinki:2', 'helsinki', '{"ru": "сыр"}', '{}', false);
-- yso:1 in 3 events (one upcoming in keywords), yso:2 in 1 (audience only,
-- upcoming), yso:3 in 2 past events, yso:4 in 1 upcoming, yso:5
-- (deprecated) in 1 upcoming, helsinki:1 in 2, helsinki:2 in none.
INSERT INTO linkedevents.event (id, data_source, keywords, audience, end_time) VALUES
    ('ds:1', 'ds', '{yso:1,helsinki:1}', '{}', now() + interval '1 day'),
    ('ds:2', 'ds', '{yso:1,yso:3}', '{}', now() - interval '1 day'),
    ('ds:3', 'ds', '{yso:1,yso:3,helsinki:1}', '{yso:2}', now() - interval '1 day'),
    ('ds:4', 'ds', '{yso:4,yso:5}', '{yso:2}', now() + interval '1 day');
SELECT id, n_events, has_upcoming_events FROM linkedevents.keyword ORDER BY id;

-- Default: keywords in use, not deprecated; -data_source, -n_events, name, id.
SELECT pg_temp.ids(linkedevents.keyword_list());
-- show_all_keywords, show_deprecated; false means off (D2).
SELECT pg_temp.ids(linkedevents.keyword_list('show_all_keywords=true'));
SELECT pg_temp.ids(linkedevents.keyword_list('show_all_keywords=false'));
SELECT pg_temp.ids(linkedevents.keyword_list('show_deprecated=1'));
SELECT pg_temp.ids(linkedevents.keyword_list('show_deprecated=0&show_all_keywords=0'));
-- has_upcoming_events=true: flagged keywords only (audience use does not
-- count, deprecated never flagged).
SELECT pg_temp.ids(linkedevents.keyword_list('has_upcoming_events=true'));
SELECT pg_temp.ids(linkedevents.keyword_list('has_upcoming_events=True&show_deprecated=true'));
SELECT pg_temp.ids(linkedevents.keyword_list('has_upcoming_events=false'));
-- data_source: comma list, lower-cased.
SELECT pg_temp.ids(linkedevents.keyword_list('data_source=HELSINKI'));
SELECT pg_temp.ids(linkedevents.keyword_list('data_source=helsinki,yso&show_all_keywords=1'));
-- text (alias filter, text wins): a name in any language or an alt label.
SELECT pg_temp.ids(linkedevents.keyword_list('text=JUUSTO'));
SELECT pg_temp.ids(linkedevents.keyword_list('text=kids'));
SELECT pg_temp.ids(linkedevents.keyword_list('filter=ost'));
SELECT pg_temp.ids(linkedevents.keyword_list('filter=ost&text=chess'));
SELECT pg_temp.ids(linkedevents.keyword_list('text=сыр&show_all_keywords=1'));
SELECT pg_temp.ids(linkedevents.keyword_list('text=_'));
-- free_text: trigram similarity over fi/sv/en names > 0.2, most similar
-- first; with a character in U+00C0..U+00FF only fi and sv count.
SELECT pg_temp.ids(linkedevents.keyword_list('free_text=cheeese'));
SELECT pg_temp.ids(linkedevents.keyword_list('free_text=cheeese&sort=-id'));
SELECT pg_temp.ids(linkedevents.keyword_list('free_text=cheeese&sort=-simile'));
SELECT pg_temp.ids(linkedevents.keyword_list('free_text=a-group'));
SELECT pg_temp.ids(linkedevents.keyword_list('free_text=a-groupä'));
SELECT pg_temp.ids(linkedevents.keyword_list('free_text=å-ryhmä'));
SELECT pg_temp.ids(linkedevents.keyword_list('free_text=zzzz'));
-- simile is a sort key only with free_text.
SELECT pg_temp.ids(linkedevents.keyword_list('sort=simile'));
-- sort: n_events, id, name, data_source.
SELECT pg_temp.ids(linkedevents.keyword_list('sort=n_events'));
SELECT pg_temp.ids(linkedevents.keyword_list('sort=-name'));
SELECT pg_temp.ids(linkedevents.keyword_list('sort=data_source,-id'));
SELECT linkedevents.keyword_list('page_size=2&page=2&format=json-ld', 'https://x.example/v1/')->'meta';

-- Bad values.
SELECT pg_temp.try($$SELECT linkedevents.keyword_list('has_upcoming_events=yes')$$);
SELECT pg_temp.try($$SELECT linkedevents.keyword_list('show_all_keywords=no')$$);
SELECT pg_temp.try($$SELECT linkedevents.keyword_list('show_deprecated=tru')$$);
SELECT pg_temp.try($$SELECT linkedevents.keyword_list('has_upcoming_events=1&show_deprecated=x')$$);
SELECT pg_temp.try($$SELECT linkedevents.keyword_list('srid=x')$$);
SELECT pg_temp.try($$SELECT linkedevents.keyword_list('format=html')$$);
SELECT pg_temp.try($$SELECT linkedevents.keyword_list('page=5')$$);
SELECT pg_temp.try($$SELECT linkedevents.keyword_list('page=-1')$$);

-- Detail: 404 unknown; 301 to the end of the replacement chain (checked
-- before deprecation, format kept); 410 deprecated.
SELECT linkedevents.keyword_detail('yso:1')->>'@id';
SELECT pg_temp.try($$SELECT linkedevents.keyword_detail('yso:404')$$);
SELECT pg_temp.try($$SELECT linkedevents.keyword_detail('yso:5')$$);
UPDATE linkedevents.keyword SET replaced_by = 'yso:5' WHERE id = 'yso:3';
UPDATE linkedevents.keyword SET replaced_by = 'yso:1' WHERE id = 'yso:5';
DO $$
DECLARE state text; msg text; detail text;
BEGIN
    PERFORM linkedevents.keyword_detail('yso:3', 'format=api', 'https://x.example/v1/');
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL;
    RAISE NOTICE '% % %', state, msg, detail;
END $$;
-- A replacement cycle ends at the last keyword before it closes.
UPDATE linkedevents.keyword SET replaced_by = 'yso:3' WHERE id = 'yso:1';
SELECT linkedevents._replacement_end('keyword', 'yso:3'), linkedevents._replacement_end('keyword', 'yso:1');
SELECT pg_temp.try($$SELECT linkedevents.keyword_detail('yso:2', 'format=x')$$);
