-- GET /v1/place/ (SPEC 5.4, D20) and /v1/place/<id>/ (SPEC 4.13).
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

INSERT INTO linkedevents.data_source (id) VALUES ('tprek'), ('osoite'), ('ds'), ('Other');
INSERT INTO linkedevents.division (ocd_id, type, name) VALUES
    ('ocd-division/country:fi/kunta:helsinki', 'muni', '{"fi": "Helsinki", "sv": "Helsingfors"}'),
    ('ocd-division/country:fi/kunta:helsinki/peruspiiri:malmi', 'district', '{"fi": "Malmi"}'),
    ('ocd-division/country:fi/kunta:helsinki/osa-alue:itä-pasila', 'sub_district', '{"fi": "Itä-Pasila"}'),
    ('ocd-division/country:fi/kunta:espoo', 'muni', '{"fi": "Espoo", "sv": "Esbo"}'),
    ('ocd-division/country:fi/kunta:helsinki/osa-alue:vallila2x', 'sub_district', '{"fi": "Vallila2X"}');
INSERT INTO linkedevents.place (id, data_source, name, street_address, postal_code, parent) VALUES
    ('tprek:1', 'tprek', '{"fi": "Kallion kirjasto", "sv": "Berghälls bibliotek"}', '{"fi": "Viides linja 11"}', '00530', NULL),
    ('tprek:2', 'tprek', '{"fi": "Oodi"}', '{"sv": "Töölöviksvägen 4"}', '00100', NULL),
    ('tprek:3', 'tprek', '{"fi": "Oodin sali"}', NULL, NULL, 'tprek:2'),
    ('osoite:1', 'osoite', '{"fi": "Mannerheimintie 5"}', NULL, '00100', NULL),
    ('tprek:4', 'tprek', NULL, NULL, NULL, NULL),
    ('Other:1', 'Other', '{"fi": "100%_sure"}', NULL, NULL, NULL),
    ('tprek:9', 'tprek', '{"fi": "Vanha"}', NULL, NULL, NULL);
INSERT INTO linkedevents.place_division (place, division, position) VALUES
    ('tprek:1', 'ocd-division/country:fi/kunta:helsinki', 0),
    ('tprek:2', 'ocd-division/country:fi/kunta:helsinki/peruspiiri:malmi', 0),
    ('tprek:3', 'ocd-division/country:fi/kunta:helsinki/osa-alue:itä-pasila', 0),
    ('osoite:1', 'ocd-division/country:fi/kunta:espoo', 0),
    ('tprek:4', 'ocd-division/country:fi/kunta:helsinki/osa-alue:vallila2x', 0);
-- tprek:1 has 2 events (one upcoming), tprek:2 one past event, tprek:3 and
-- osoite:1 one upcoming each, Other:1 one, tprek:4 none; tprek:9 has an
-- upcoming event but is deleted.
INSERT INTO linkedevents.event (id, data_source, location, end_time) VALUES
    ('ds:1', 'ds', 'tprek:1', now() + interval '1 day'),
    ('ds:2', 'ds', 'tprek:1', now() - interval '1 day'),
    ('ds:3', 'ds', 'tprek:2', now() - interval '1 day'),
    ('ds:4', 'ds', 'tprek:3', now() + interval '1 day'),
    ('ds:5', 'ds', 'osoite:1', now() + interval '1 day'),
    ('ds:6', 'ds', 'Other:1', NULL),
    ('ds:7', 'ds', 'tprek:9', now() + interval '1 day');
UPDATE linkedevents.place SET deleted = true WHERE id = 'tprek:9';

-- Default: places with events, not deleted; -n_events, -data_source, name,
-- then id.
SELECT pg_temp.ids(linkedevents.place_list());
SELECT pg_temp.ids(linkedevents.place_list(''));
-- show_all_places adds places without events, show_deleted deleted ones;
-- false means off (D2).
SELECT pg_temp.ids(linkedevents.place_list('show_all_places=true'));
SELECT pg_temp.ids(linkedevents.place_list('show_all_places=false'));
SELECT pg_temp.ids(linkedevents.place_list('show_deleted=1'));
SELECT pg_temp.ids(linkedevents.place_list('show_deleted=True&show_all_places=TRUE'));
SELECT pg_temp.ids(linkedevents.place_list('show_deleted=0&show_all_places=FALSE'));
-- has_upcoming_events=true: flagged places only, whatever the others say.
SELECT pg_temp.ids(linkedevents.place_list('has_upcoming_events=true'));
SELECT pg_temp.ids(linkedevents.place_list('has_upcoming_events=true&show_deleted=true'));
SELECT pg_temp.ids(linkedevents.place_list('has_upcoming_events=false'));
-- data_source: comma list, lower-cased (so a source id with capitals is not found).
SELECT pg_temp.ids(linkedevents.place_list('data_source=OSOITE,Tprek'));
SELECT pg_temp.ids(linkedevents.place_list('data_source=Other'));
SELECT pg_temp.ids(linkedevents.place_list('data_source=osoite,'));
-- text (alias filter; text wins): name or street address in any language,
-- case-insensitive, wildcards literal.
SELECT pg_temp.ids(linkedevents.place_list('text=BERGHÄLLS'));
SELECT pg_temp.ids(linkedevents.place_list('text=töölövik'));
SELECT pg_temp.ids(linkedevents.place_list('filter=oodi'));
SELECT pg_temp.ids(linkedevents.place_list('filter=oodi&text=linja'));
SELECT pg_temp.ids(linkedevents.place_list('text=0%25_'));
SELECT pg_temp.ids(linkedevents.place_list('text=%25'));
-- division: OCD ids completed, names title-cased (Python str.title()).
SELECT pg_temp.ids(linkedevents.place_list('division=peruspiiri:malmi'));
SELECT pg_temp.ids(linkedevents.place_list('division=kunta:espoo,ocd-division/country:fi/kunta:helsinki'));
SELECT pg_temp.ids(linkedevents.place_list('division=country:fi/kunta:espoo'));
SELECT pg_temp.ids(linkedevents.place_list('division=itä-pasila&show_all_places=1'));
SELECT pg_temp.ids(linkedevents.place_list('division=vallila2x&show_all_places=1'));
SELECT pg_temp.ids(linkedevents.place_list('division=MALMI,esbo'));
SELECT pg_temp.ids(linkedevents.place_list('division=nowhere'));
SELECT pg_temp.ids(linkedevents.place_list('division=osa-alue:vallila2x&show_all_places=1'));
-- no_parent and is_address (D20).
SELECT pg_temp.ids(linkedevents.place_list('no_parent=true'));
SELECT pg_temp.ids(linkedevents.place_list('no_parent=false'));
SELECT pg_temp.ids(linkedevents.place_list('is_address=1'));
SELECT pg_temp.ids(linkedevents.place_list('is_address=0'));
-- sort: n_events, id, name (Finnish; NULL last ascending), data_source,
-- street_address, postal_code; unknown keys dropped; id breaks ties.
SELECT pg_temp.ids(linkedevents.place_list('show_all_places=1&sort=name'));
SELECT pg_temp.ids(linkedevents.place_list('show_all_places=1&sort=-name'));
SELECT pg_temp.ids(linkedevents.place_list('show_all_places=1&sort=postal_code,-id'));
SELECT pg_temp.ids(linkedevents.place_list('show_all_places=1&sort= data_source , street_address'));
SELECT pg_temp.ids(linkedevents.place_list('show_all_places=1&sort=n_events'));
SELECT pg_temp.ids(linkedevents.place_list('show_all_places=1&sort=bogus,--id'));
-- srid: the output SRS of positions.
UPDATE linkedevents.place SET position = 'SRID=4326;POINT(24.9384 60.1699)' WHERE id = 'tprek:2';
SELECT linkedevents.place_list('text=oodi&sort=id&srid=3067')->'data'->0->'position';
SELECT linkedevents.place_detail('tprek:2', 'srid=3067')->'position';
-- Pagination: page_size capped at 100, bad sizes mean 20; page=last.
SELECT linkedevents.place_list('show_all_places=1&page_size=2&page=2&sort=id')->'meta';
SELECT linkedevents.place_list('show_all_places=1&page_size=2&page=last&sort=id')->'meta';
SELECT pg_temp.ids(linkedevents.place_list('show_all_places=1&page_size=2&page=last&sort=id'));
SELECT pg_temp.ids(linkedevents.place_list('show_all_places=1&page_size=0'));
SELECT pg_temp.ids(linkedevents.place_list('show_all_places=1&page_size=x'));
SELECT pg_temp.ids(linkedevents.place_list('show_all_places=1&page_size=1000'));
SELECT linkedevents.place_list('show_all_places=1&page_size=1&format=json&page=3', 'https://api.example/v1/')->'meta';

-- Bad values: 400 (22023) with the API message, before any page error.
SELECT pg_temp.try($$SELECT linkedevents.place_list('has_upcoming_events=yes')$$);
SELECT pg_temp.try($$SELECT linkedevents.place_list('show_all_places=2')$$);
SELECT pg_temp.try($$SELECT linkedevents.place_list('show_deleted=on&page=99')$$);
SELECT pg_temp.try($$SELECT linkedevents.place_list('no_parent=t')$$);
SELECT pg_temp.try($$SELECT linkedevents.place_list('is_address=yes')$$);
SELECT pg_temp.try($$SELECT linkedevents.place_list('has_upcoming_events=true&show_deleted=x')$$);
SELECT pg_temp.try($$SELECT linkedevents.place_list('srid=abc')$$);
SELECT pg_temp.try($$SELECT linkedevents.place_list('srid=777')$$);
SELECT pg_temp.try($$SELECT linkedevents.place_list('srid=3067.0')$$);
-- Unknown format and bad pages: 404 (42704).
SELECT pg_temp.try($$SELECT linkedevents.place_list('format=xml')$$);
SELECT pg_temp.try($$SELECT linkedevents.place_list('page=0')$$);
SELECT pg_temp.try($$SELECT linkedevents.place_list('page=2')$$);
SELECT pg_temp.try($$SELECT linkedevents.place_list('page=1.0')$$);
SELECT pg_temp.try($$SELECT linkedevents.place_list('page=x')$$);
-- An empty result has one empty page.
SELECT linkedevents.place_list('text=nothing&page=1');
SELECT pg_temp.try($$SELECT linkedevents.place_list('text=nothing&page=2')$$);
SELECT pg_temp.try($$SELECT linkedevents.place_list('text=nothing&page=last')$$);

-- Detail: 404 unknown; 301 to the end of the replacement chain when deleted
-- and replaced (format kept); 410 when deleted.
SELECT linkedevents.place_detail('tprek:1', 'format=api', 'https://api.example/v1/')->>'@id';
SELECT pg_temp.try($$SELECT linkedevents.place_detail('tprek:404')$$);
SELECT pg_temp.try($$SELECT linkedevents.place_detail('tprek:9')$$);
UPDATE linkedevents.place SET deleted = true, replaced_by = 'tprek:2' WHERE id = 'tprek:3';
UPDATE linkedevents.place SET deleted = true, replaced_by = 'tprek:3' WHERE id = 'tprek:9';
DO $$
DECLARE state text; msg text; detail text;
BEGIN
    PERFORM linkedevents.place_detail('tprek:9', 'format=json&srid=3067', 'https://api.example/v1/');
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL;
    RAISE NOTICE '% % %', state, msg, detail;
END $$;
-- A replaced place that is not deleted is served.
UPDATE linkedevents.place SET deleted = false WHERE id = 'tprek:9';
SELECT linkedevents.place_detail('tprek:9')->>'id';
SELECT pg_temp.try($$SELECT linkedevents.place_detail('tprek:1', 'format=yaml')$$);
SELECT pg_temp.try($$SELECT linkedevents.place_detail('tprek:1', 'srid=x')$$);
