-- Place, keyword, keyword set, organization, image and language documents
-- (SPEC 4.4 - 4.9); string escaping, URL encoding, format echo.
SELECT le_test_reset();
SET linkedevents.base_url = 'https://api.example/v1/';
SET timezone = 'UTC';

INSERT INTO linkedevents.data_source (id, user_editable_resources)
    VALUES ('helsinki', true), ('tprek', false);
INSERT INTO linkedevents.organization_class (id, name) VALUES ('ahjo:unit', 'Unit');
INSERT INTO linkedevents.organization
    (id, data_source, classification, name, founding_date, parent, internal_type, created_time, last_modified_time)
VALUES ('ahjo:1', 'helsinki', 'ahjo:unit', 'Kaupunki', '2021-01-01', NULL, 'normal', '2023-09-04 11:15:47.560652+00', '2024-01-24 13:21:26.910635+00'),
       ('ahjo:1b', 'helsinki', NULL, 'Osasto B', NULL, 'ahjo:1', 'normal', '2023-01-01', '2023-01-01'),
       ('ahjo:1a', 'helsinki', NULL, 'Osasto A', NULL, 'ahjo:1', 'normal', '2023-01-01', '2023-01-01'),
       ('yhd:9', NULL, NULL, 'Yhdistys', NULL, 'ahjo:1', 'affiliated', '2023-01-01', '2023-01-01');
UPDATE linkedevents.organization SET replaced_by = 'ahjo:1a', dissolution_date = '2024-12-31'
 WHERE id = 'ahjo:1b';
INSERT INTO linkedevents.license (id, url) VALUES ('cc_by', 'https://creativecommons.org/licenses/by/4.0/');
INSERT INTO linkedevents.image (id, data_source, publisher, license, name, url, cropping, photographer_name,
                                alt_text, created_time, last_modified_time)
VALUES (5, 'tprek', 'ahjo:1', 'cc_by', 'Kuva', 'https://img.example/5.jpg', '0,0,100,100', 'Kuvaaja',
        'Alt', '2023-08-15 08:09:45.520612+00', '2023-08-15 08:09:45.52063+00'),
       (6, NULL, NULL, NULL, '', NULL, '', NULL, NULL, '2023-08-15 08:09:45+00', '2023-08-15 08:09:45+00');
INSERT INTO linkedevents.division (ocd_id, type, name, municipality)
    VALUES ('ocd-division/country:fi/kunta:helsinki', 'muni', '{"fi": "Helsinki", "sv": "Helsingfors"}', NULL),
           ('ocd-division/country:fi/kunta:helsinki/osa-alue:kamppi', 'sub_district', '{"en": "Kamppi"}', 'Helsinki'),
           ('ocd-division/country:fi/kunta:helsinki/peruspiiri:x', 'district', NULL, 'Helsinki');
INSERT INTO linkedevents.place (id, data_source, publisher, name, description, info_url, street_address,
    address_locality, telephone, email, contact_type, address_region, postal_code, post_office_box_num,
    address_country, position, image, parent, replaced_by, deleted, custom_data, created_time,
    last_modified_time, n_events, has_upcoming_events)
VALUES ('tprek:8', 'tprek', 'ahjo:1', '{"fi": "Kirjasto", "sv": "Bibliotek"}', '{"en": "Library"}',
        '{"fi": "https://kirjasto.example"}', '{"fi": "Katu 1"}', '{"fi": "Helsinki"}', '{"fi": "+358 9 1"}',
        'info@example.org', 'main', 'Uusimaa', '00100', '123', 'FI',
        ST_SetSRID(ST_MakePoint(24.123456789, 60.17620004999), 4326), 5, NULL, NULL, false,
        '{"k": "v"}', '2020-01-01', '2020-01-02', 12, true),
       ('tprek:9', 'tprek', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        ST_SetSRID(ST_MakePoint(25, -60.5), 4326), NULL, 'tprek:8', 'tprek:8', true, NULL,
        '2020-01-01', '2020-01-02', 0, false),
       ('tprek:10', 'tprek', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        NULL, NULL, NULL, NULL, false, NULL, '2020-01-01', '2020-01-02', 0, false);
INSERT INTO linkedevents.place_division (place, division, position)
    VALUES ('tprek:8', 'ocd-division/country:fi/kunta:helsinki/osa-alue:kamppi', 2),
           ('tprek:8', 'ocd-division/country:fi/kunta:helsinki', 1),
           ('tprek:8', 'ocd-division/country:fi/kunta:helsinki/peruspiiri:x', 3);
INSERT INTO linkedevents.language (id, name, service_language)
    VALUES ('fi', '{"fi": "suomi", "en": "Finnish"}', true), ('tlh', '{"en": "Klingon"}', false);
INSERT INTO linkedevents.keyword (id, data_source, name, alt_labels, aggregate, deprecated, replaced_by,
    image, publisher, created_time, last_modified_time, n_events, has_upcoming_events)
VALUES ('yso:p1', 'helsinki', '{"fi": "musiikki", "sv": "musik"}', '{muusika,"soitto"}', true, false, NULL,
        5, 'ahjo:1', '2020-01-01', '2020-01-02', 3, true),
       ('yso:p2', NULL, NULL, '{}', false, true, 'yso:p1', NULL, NULL, '2020-01-01', '2020-01-02', 0, false);
INSERT INTO linkedevents.keyword_set (id, data_source, name, usage, organization, image, keywords,
    created_time, last_modified_time)
VALUES ('helsinki:topics', 'helsinki', '{"fi": "Aiheet"}', 'keyword', 'ahjo:1', 5, '{yso:p2,yso:p1}',
        '2020-01-01', '2020-01-02');

-- Place: every key in order.
SELECT key, value FROM json_each((SELECT linkedevents.to_jsonld(p) FROM linkedevents.place p WHERE id = 'tprek:8'));
SELECT linkedevents.to_jsonld(p) FROM linkedevents.place p WHERE id IN ('tprek:9', 'tprek:10') ORDER BY id;
-- Positions: EPSG:4326 with 7 decimals by default; a projected srid (3067)
-- with 2; a geographic one (4258) with 7; embedded places use it too.
SELECT d->0->'position' AS p8, d->1->'position' AS p9
  FROM linkedevents._jsonld_page_data('place', '{tprek:8,tprek:9}') d;
SELECT d->0->'position' AS p8, d->1->'position' AS p9
  FROM linkedevents._jsonld_page_data('place', '{tprek:8,tprek:9}', '{}', NULL, NULL, 3067) d;
SELECT d->0->'position' AS p8
  FROM linkedevents._jsonld_page_data('place', '{tprek:8}', '{}', NULL, NULL, 4258) d;

-- Keyword.
SELECT key, value FROM json_each((SELECT linkedevents.to_jsonld(k) FROM linkedevents.keyword k WHERE id = 'yso:p1'));
SELECT linkedevents.to_jsonld(k) FROM linkedevents.keyword k WHERE id = 'yso:p2';

-- Keyword set: references, or embedded keywords with include=keywords.
SELECT key, value FROM json_each((SELECT linkedevents.to_jsonld(s) FROM linkedevents.keyword_set s));
SELECT json_array_length(d->'keywords'), d->'keywords'->0->>'id', d->'keywords'->1->>'@type'
  FROM (SELECT linkedevents.to_jsonld(s, '{keywords}') AS d FROM linkedevents.keyword_set s) s;

-- Organization: relations are URL strings; sub_organizations are the normal
-- children by id, affiliated_organizations the affiliated ones.
SELECT key, value FROM json_each((SELECT linkedevents.to_jsonld(o) FROM linkedevents.organization o WHERE id = 'ahjo:1'));
SELECT linkedevents.to_jsonld(o) FROM linkedevents.organization o WHERE id IN ('ahjo:1b', 'yhd:9') ORDER BY id;

-- Image: license and license_url; no data source means editable.
SELECT key, value FROM json_each((SELECT linkedevents.to_jsonld(i) FROM linkedevents.image i WHERE id = 5));
SELECT linkedevents.to_jsonld(i) FROM linkedevents.image i WHERE id = 6;
-- Image pages take integer ids as text.
SELECT json_array_length(d), d->0->'id', d->1->'id'
  FROM linkedevents._jsonld_page_data('image', '{6,999,5}') d;
DO $$ BEGIN PERFORM linkedevents._jsonld_page_data('image', '{x}');
EXCEPTION WHEN OTHERS THEN RAISE NOTICE '% %', SQLSTATE, SQLERRM; END $$;

-- Language: translation_available follows linkedevents.languages.
SELECT linkedevents.to_jsonld(l) FROM linkedevents.language l ORDER BY id;
SET linkedevents.languages = 'fi,tlh';
SELECT id, linkedevents.to_jsonld(l)->'translation_available' FROM linkedevents.language l ORDER BY id;
RESET linkedevents.languages;

-- Strings are escaped as Python's json.dumps(ensure_ascii=False) does, plus
-- U+2028/U+2029; other non-ASCII (also 4-byte UTF-8) is written literally.
UPDATE linkedevents.keyword SET name = jsonb_build_object('fi',
    E'q"b\\s/ n\n t\t b\b f\f r\r x\x01 y\x1f z\x7f ls\u2028 ps\u2029 euro€ ell… ä 😀')
 WHERE id = 'yso:p2';
SELECT linkedevents.to_jsonld(k)->'name' FROM linkedevents.keyword k WHERE id = 'yso:p2';
SELECT (linkedevents.to_jsonld(k)->'name')::text FROM linkedevents.keyword k WHERE id = 'yso:p2';
-- Parsed back, it is the stored string.
SELECT (linkedevents.to_jsonld(k)::jsonb->'name') = k.name FROM linkedevents.keyword k WHERE id = 'yso:p2';
-- ... also in plain strings, lists and custom_data.
UPDATE linkedevents.keyword SET alt_labels = ARRAY[E'a"\\', E'\u2028'] WHERE id = 'yso:p2';
UPDATE linkedevents.place SET email = E'\t@x', custom_data = jsonb_build_object(E'k\n', E'v"', 'b', true)
 WHERE id = 'tprek:10';
SELECT linkedevents.to_jsonld(k)->'alt_labels' FROM linkedevents.keyword k WHERE id = 'yso:p2';
SELECT d->'email', d->'custom_data'
  FROM (SELECT linkedevents.to_jsonld(p) AS d FROM linkedevents.place p WHERE id = 'tprek:10') s;

-- Ids in URLs are percent-encoded; : @ / ~ ! $ & ' ( ) * + , ; = are kept.
INSERT INTO linkedevents.keyword (id, name) VALUES (E'x:!$&''()*+,;=@/~-._ä b#?%"\\', NULL);
SELECT linkedevents.to_jsonld(k)->'@id' FROM linkedevents.keyword k WHERE id LIKE 'x:%';
SELECT linkedevents.to_jsonld(k)->'id' FROM linkedevents.keyword k WHERE id LIKE 'x:%';

-- format is echoed into every URL (form-encoded), base_url may lack its
-- trailing slash, and an empty format is no format.
SELECT d->0->'@id', d->0->'keywords'
  FROM linkedevents._jsonld_page_data('keyword_set', '{helsinki:topics}', '{}',
                                      'https://h.example/linkedevents/v1', 'json-ld') d;
SELECT d->0->'parent_organization', d->0->'@id'
  FROM linkedevents._jsonld_page_data('organization', '{ahjo:1a}', '{}', NULL, 'a b&c') d;
SELECT d->0->'@id' FROM linkedevents._jsonld_page_data('language', '{fi}', '{}', NULL, '') d;
SELECT d->0->'@id' FROM linkedevents._jsonld_page_data('language', '{fi}', '{}', 'https://q.example/"x"/') d;

-- Every resource by id, and the detail form.
SELECT r, json_array_length(linkedevents._jsonld_page_data(r, ids))
  FROM (VALUES ('place', '{tprek:8,tprek:10}'::text[]), ('keyword', '{yso:p1}'), ('keyword_set', '{helsinki:topics}'),
               ('organization', '{ahjo:1,ahjo:1a,yhd:9}'), ('image', '{5}'), ('language', '{fi,tlh,xx}')) v(r, ids);
SELECT linkedevents._jsonld_object('place', 'tprek:10', '{}', NULL, 'api', 3067)->'@id';
SELECT linkedevents._jsonld_object('image', '5')->>'@type';

-- The functions are STABLE and PARALLEL SAFE.
SELECT DISTINCT provolatile, proparallel FROM pg_proc
 WHERE proname IN ('to_jsonld', '_jsonld_page_data', '_jsonld_object')
   AND pronamespace = 'linkedevents'::regnamespace;
