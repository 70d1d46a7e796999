-- The keyword family as one kwquery over keywords || audience (SPEC 1.10,
-- D5, D12) and the *_ongoing_* fuzzy search (SPEC 1.9, D3-D5, D27).
SELECT le_test_reset();
SELECT le_event_fixtures();

-- Fixture keywords: ds:1 k1, ds:2 and ds:20 k2, ds:19 k3, ds:18 k3 with the
-- audience-only aud; yso:old -> yso:mid -> yso:k3; set:12 = {k1, k2}.
SELECT q, le_ids(q) FROM (VALUES
    ('keyword=yso:k1'),
    ('keyword=yso:k1,yso:k2'),
    ('keyword=yso:old'),
    ('keyword=unknown'),
    ('keyword=unknown,yso:aud'),
    ('keyword_OR=yso:k3'),
    ('keyword=yso:k2,yso:k3&keyword_OR=yso:k3,yso:aud'),
    ('keyword_AND=yso:k3,yso:aud'),
    ('keyword_AND=yso:k3,yso:nope'),
    ('keyword_AND=yso:k3,yso:k3'),
    ('keyword_AND=yso:old'),
    ('keyword!=yso:aud&location=place:pasila'),
    ('keyword!=yso:old&location=place:pasila,helsinki:internet'),
    ('keyword!=yso:nope&ids=ds:1'),
    ('keyword_OR_set1=yso:k1,yso:k2&keyword_OR_set2=yso:k2'),
    ('keyword_OR_set1=yso:k3&keyword_OR_set3=yso:aud'),
    ('keyword_OR_set2=yso:aud'),
    ('keyword_OR_set1=yso:old'),
    ('keyword_OR_set1=&keyword_OR_set2=yso:k1'),
    ('keyword_OR_set1=nope'),
    ('keyword_set_AND=set:12'),
    ('keyword_set_AND=set:12,set:aud'),
    ('keyword_set_AND=set:nope&ids=ds:3'),
    ('keyword_set_AND=set:empty'),
    ('keyword_set_OR=set:12,set:aud'),
    ('keyword_set_OR=set:nope'),
    ('keyword=&keyword_AND=&ids=ds:3'),
    ('keyword=yso:k1&data_source=priv,ds')
) v(q);

-- Ongoing: live candidates (not ended; local = a division is
-- linkedevents.municipality, internet = location ending "internet").
INSERT INTO linkedevents.event (id, data_source, location, keywords, name, description,
                                start_time, end_time, last_modified_time) VALUES
    ('og:1', 'ds', 'place:pasila', '{yso:k1}', '{"fi": "Lasten tunti"}', NULL,
     now() - interval '1 hour', now() + interval '1 hour', '2030-01-01'),
    ('og:2', 'ds', 'helsinki:internet', '{}', '{"en": "Online concert"}',
     E'{"fi": "Konsertti\\nverkossa"}', now(), now() + interval '1 day', '2030-01-02'),
    ('og:3', 'ds', 'place:espoo', '{}', '{"fi": "Musiikkia Espoossa"}', NULL,
     now(), now() + interval '1 day', '2030-01-03'),
    ('og:4', 'ds', 'place:pasila', '{}', '{"fi": "Musiikki"}', NULL,
     now() - interval '2 hours', now() - interval '1 hour', '2030-01-04');
SELECT id, linkedevents._event_ongoing_text(e) FROM linkedevents.event e WHERE id LIKE 'og:%' ORDER BY id;
SELECT q, le_ids(q) FROM (VALUES
    ('local_ongoing_OR=musiikki'),
    ('local_ongoing_OR=kirjasto'),
    ('local_ongoing_OR=pasila'),
    ('internet_ongoing_OR=konsertti'),
    ('internet_ongoing_OR=musiikki'),
    ('all_ongoing_OR=musiikki,verkossa'),
    ('all_ongoing_AND=musiikki,lasten'),
    ('all_ongoing_AND=lasten,konsertti'),
    ('local_ongoing_AND=musiikki,lasten'),
    ('local_ongoing_AND=lasten,konsertti'),
    ('internet_ongoing_AND=concert,online'),
    ('all_ongoing_OR=musiikkki'),
    ('all_ongoing_OR=musiikkki,usiik'),
    ('local_ongoing_OR_set1=musiikki&local_ongoing_OR_set2=pasilan'),
    ('local_ongoing_OR_set1=musiikki&local_ongoing_OR_set3=verkossa'),
    ('internet_ongoing_OR_set1=konsertti&internet_ongoing_OR_set2=verkossa,lasten'),
    ('internet_ongoing_OR_set1=konsertti&internet_ongoing_OR_set2=lasten'),
    ('internet_ongoing_OR_set1=musiikki'),
    ('all_ongoing_OR_set1=konsertti,musiikki'),
    ('all_ongoing_OR_set2=konsertti'),
    ('local_ongoing_OR_set1='),
    ('local_ongoing_OR=musiikki&internet_ongoing_OR=konsertti')
) v(q);
BEGIN;
SET LOCAL linkedevents.municipality = 'ocd-division/country:fi/kunta:espoo';
SELECT le_ids('local_ongoing_OR=musiikki') AS espoo_local;
ROLLBACK;
-- A query string with very many numbered sets is refused quickly, not run
-- (bounded work on user input); repeats of one set are cheap, the last wins.
SELECT le_ids('keyword_OR_set1=x&' || (SELECT string_agg('keyword_OR_set' || i || '=yso:k1', '&') FROM generate_series(2, 101) i)) AS too_many_sets;
SELECT le_ids((SELECT string_agg('local_ongoing_OR_set' || i || '=lapsi', '&') FROM generate_series(1, 5000) i)) AS five_thousand_sets;
SELECT count(*) FROM linkedevents.find_events(
    (SELECT string_agg('keyword_OR_set1=nothing', '&') FROM generate_series(1, 20000)) || '&keyword_OR_set1=yso:k1');
