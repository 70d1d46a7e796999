-- Synthetic Linked Events data, deterministic and sized by a parameter:
--
--     psql -v size=30000 [-v seed=1] -f test/generate.sql
--
-- size is the number of events (30000 when not given); places, keywords,
-- organizations and images scale with it up to ~20k places, ~5k keywords and
-- ~1k organizations. Every random choice is a hash of (row number, field,
-- seed), so the same size and seed give the same rows; times are laid out
-- around the start of the current day, so that a realistic share of events
-- lies in the coming year whenever this runs. Writes go straight into the
-- tables, set-based, and obey every constraint and trigger; the tables must
-- be empty of generated ids (run it on a fresh database or after
-- le_test_reset()).
\set ON_ERROR_STOP 1
\if :{?size}
\else
\set size 30000
\endif
\if :{?seed}
\else
\set seed 1
\endif
SET client_min_messages = warning;
-- One plan shape for every run: no parallel workers, whose row order varies.
SET max_parallel_workers_per_gather = 0;
BEGIN;

-- Sizes and the time anchor.
CREATE TEMP TABLE gen_param AS
SELECT :size::integer AS events,
       :seed::integer AS seed,
       least(20000, greatest(40, :size * 2 / 3))::integer AS places,
       least(5000, greatest(60, :size / 6))::integer AS keywords,
       least(1000, greatest(25, :size / 30))::integer AS organizations,
       least(20000, greatest(20, :size / 8))::integer AS images,
       date_trunc('day', now()) AS today;

-- A uniform number in [0, 1) for row n and field f: a hash, not a sequence,
-- so any row can be generated alone and in any order.
CREATE FUNCTION pg_temp.r(n bigint, f integer) RETURNS float8
    LANGUAGE sql IMMUTABLE
    RETURN (hashint8extended(n, f::bigint * 7919 + :seed) & 2147483647)::float8 / 2147483648.0;
-- An integer in [lo, hi].
CREATE FUNCTION pg_temp.ri(n bigint, f integer, lo integer, hi integer) RETURNS integer
    LANGUAGE sql IMMUTABLE
    RETURN lo + floor(pg_temp.r(n, f) * (hi - lo + 1))::integer;
-- Zipf-like rank in [1, count]: rank k has probability about 1/k.
CREATE FUNCTION pg_temp.zipf(n bigint, f integer, count integer) RETURNS integer
    LANGUAGE sql IMMUTABLE
    RETURN least(count, floor(exp(pg_temp.r(n, f) * ln(count + 1)))::integer);
CREATE FUNCTION pg_temp.pick(items text[], n bigint, f integer) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN items[1 + floor(pg_temp.r(n, f) * cardinality(items))::integer];

-- Words: topics (Finnish, Swedish, English) and qualifiers for keyword names.
CREATE TEMP TABLE gen_topic (tn integer, fi text, sv text, en text);
INSERT INTO gen_topic
SELECT row_number() OVER (), * FROM (VALUES
  ('musiikki', 'musik', 'music'), ('konsertti', 'konsert', 'concert'), ('teatteri', 'teater', 'theatre'),
  ('näyttely', 'utställning', 'exhibition'), ('työpaja', 'verkstad', 'workshop'), ('kirjasto', 'bibliotek', 'library'),
  ('liikunta', 'motion', 'exercise'), ('tanssi', 'dans', 'dance'), ('elokuva', 'film', 'film'),
  ('kirjallisuus', 'litteratur', 'literature'), ('taide', 'konst', 'art'), ('luonto', 'natur', 'nature'),
  ('historia', 'historia', 'history'), ('ruoka', 'mat', 'food'), ('pelit', 'spel', 'games'),
  ('sirkus', 'cirkus', 'circus'), ('ooppera', 'opera', 'opera'), ('jazz', 'jazz', 'jazz'),
  ('kuorolaulu', 'körsång', 'choral singing'), ('satutunti', 'sagostund', 'story time'),
  ('käsityöt', 'hantverk', 'crafts'), ('valokuvaus', 'fotografering', 'photography'),
  ('arkkitehtuuri', 'arkitektur', 'architecture'), ('tiede', 'vetenskap', 'science'),
  ('ohjelmointi', 'programmering', 'programming'), ('kielet', 'språk', 'languages'),
  ('jooga', 'yoga', 'yoga'), ('uinti', 'simning', 'swimming'), ('hiihto', 'skidåkning', 'skiing'),
  ('kävely', 'promenad', 'walking'), ('pyöräily', 'cykling', 'cycling'), ('luistelu', 'skridskoåkning', 'skating'),
  ('festivaalit', 'festivaler', 'festivals'), ('markkinat', 'marknader', 'markets'), ('kierrätys', 'återvinning', 'recycling'),
  ('ympäristö', 'miljö', 'environment'), ('puutarhanhoito', 'trädgårdsskötsel', 'gardening'),
  ('lautapelit', 'brädspel', 'board games'), ('sarjakuvat', 'serier', 'comics'), ('runous', 'poesi', 'poetry'),
  ('nukketeatteri', 'dockteater', 'puppet theatre'), ('stand up', 'stand up', 'stand-up comedy'),
  ('klassinen musiikki', 'klassisk musik', 'classical music'), ('rock', 'rock', 'rock music'),
  ('kansanmusiikki', 'folkmusik', 'folk music'), ('lastenkulttuuri', 'barnkultur', 'children''s culture'),
  ('museot', 'museer', 'museums'), ('kuvataide', 'bildkonst', 'visual arts'), ('muotoilu', 'design', 'design'),
  ('terveys', 'hälsa', 'health'), ('hyvinvointi', 'välbefinnande', 'well-being'), ('vapaaehtoistyö', 'frivilligarbete', 'volunteering'),
  ('yrittäjyys', 'företagande', 'entrepreneurship'), ('digitaidot', 'digitala färdigheter', 'digital skills'),
  ('kevät', 'vår', 'spring'), ('kesä', 'sommar', 'summer'), ('syksy', 'höst', 'autumn'), ('talvi', 'vinter', 'winter'),
  ('joulu', 'jul', 'Christmas'), ('pääsiäinen', 'påsk', 'Easter')
) AS t(fi, sv, en);
CREATE TEMP TABLE gen_qualifier (qn integer, fi text, sv text, en text);
INSERT INTO gen_qualifier
SELECT row_number() OVER (), * FROM (VALUES
  ('', '', ''), ('lasten', 'barnens', 'children''s'), ('nuorten', 'ungdomens', 'youth'),
  ('perheen', 'familjens', 'family'), ('senioreiden', 'seniorernas', 'senior'), ('avoin', 'öppen', 'open'),
  ('ilta', 'kvälls', 'evening'), ('aamu', 'morgon', 'morning'), ('kesä', 'sommar', 'summer'),
  ('talvi', 'vinter', 'winter'), ('paikallinen', 'lokal', 'local'), ('kansainvälinen', 'internationell', 'international'),
  ('digitaalinen', 'digital', 'digital'), ('kokeellinen', 'experimentell', 'experimental'),
  ('perinteinen', 'traditionell', 'traditional'), ('moderni', 'modern', 'modern'), ('ulko', 'utomhus', 'outdoor'),
  ('sisä', 'inomhus', 'indoor'), ('yhteisö', 'gemenskaps', 'community'), ('esteetön', 'tillgänglig', 'accessible')
) AS t(fi, sv, en);

-- Data sources, languages, licenses.
INSERT INTO linkedevents.data_source (id, name, private, user_editable_resources) VALUES
  ('helsinki', 'Helsingin kaupunki', false, true), ('espoo_le', 'Espoon tapahtumat', false, true),
  ('tprek', 'Toimipisterekisteri', false, false), ('yso', 'Yleinen suomalainen ontologia', false, false),
  ('ahjo', 'Ahjo', false, false), ('espoo', 'Espoon kaupunki', false, false),
  ('lippupiste', 'Lippupiste', false, false), ('kulke', 'Kulttuurikeskus', false, false),
  ('sisainen', 'Sisäinen tapahtumakalenteri', true, false);
INSERT INTO linkedevents.language (id, name, service_language) VALUES
  ('fi', '{"fi": "suomi", "sv": "finska", "en": "Finnish"}', true),
  ('sv', '{"fi": "ruotsi", "sv": "svenska", "en": "Swedish"}', true),
  ('en', '{"fi": "englanti", "sv": "engelska", "en": "English"}', true),
  ('ru', '{"fi": "venäjä", "sv": "ryska", "en": "Russian"}', false),
  ('et', '{"fi": "viro", "sv": "estniska", "en": "Estonian"}', false),
  ('so', '{"fi": "somali", "sv": "somaliska", "en": "Somali"}', false),
  ('ar', '{"fi": "arabia", "sv": "arabiska", "en": "Arabic"}', false),
  ('zh_hans', '{"fi": "kiina", "sv": "kinesiska", "en": "Chinese"}', false),
  ('se', '{"fi": "saame", "sv": "samiska", "en": "Sami"}', false);
INSERT INTO linkedevents.license (id, name, url) VALUES
  ('cc_by', '{"fi": "Nimeä 4.0 Kansainvälinen (CC BY 4.0)", "en": "Attribution 4.0 International (CC BY 4.0)"}',
   'https://creativecommons.org/licenses/by/4.0/'),
  ('event_only', '{"fi": "Vain tapahtuman yhteydessä", "en": "Only for use in the event"}', '');

-- Organizations: a tree five wide at the root and five children per node,
-- so ~1000 organizations reach five levels. A few are affiliated, dissolved
-- or replaced.
INSERT INTO linkedevents.organization_class (id, name, data_source) VALUES
  ('ahjo:city', 'Kaupunki', 'ahjo'), ('ahjo:division', 'Toimiala', 'ahjo'),
  ('ahjo:unit', 'Yksikkö', 'ahjo'), ('ahjo:association', 'Yhdistys', 'ahjo');
INSERT INTO linkedevents.organization
       (id, data_source, classification, name, founding_date, dissolution_date, parent, internal_type,
        has_regular_users, created_time, last_modified_time)
SELECT id, 'ahjo',
       CASE WHEN i <= 5 THEN 'ahjo:city' WHEN i <= 30 THEN 'ahjo:division'
            WHEN affiliated THEN 'ahjo:association' ELSE 'ahjo:unit' END,
       CASE WHEN i <= 5 THEN (ARRAY['Helsingin kaupunki', 'Espoon kaupunki', 'Vantaan kaupunki',
                                    'Kauniaisten kaupunki', 'Uudenmaan liitto'])[i]
            ELSE ltrim(initcap(q.fi) || ' ') || t.fi || (CASE WHEN affiliated THEN 'yhdistys' ELSE 'palvelut' END)
                 || ' ' || i END,
       date '2000-01-01' + pg_temp.ri(i, 3, 0, 8000),
       CASE WHEN pg_temp.r(i, 4) < 0.03 THEN date '2021-01-01' + pg_temp.ri(i, 5, 0, 1500) END,
       CASE WHEN i > 5 THEN 'ahjo:u' || lpad(((i - 6) / 5 + 1)::text, 6, '0') END,
       CASE WHEN affiliated THEN 'affiliated' ELSE 'normal' END,
       pg_temp.r(i, 6) < 0.2,
       p.today - interval '5 years' + pg_temp.r(i, 7) * interval '1 year',
       p.today - interval '1 year' + pg_temp.r(i, 8) * interval '300 days'
  FROM gen_param p CROSS JOIN generate_series(1, p.organizations) AS i
       CROSS JOIN LATERAL (SELECT 'ahjo:u' || lpad(i::text, 6, '0') AS id, i > 30 AND pg_temp.r(i, 2) < 0.05 AS affiliated) a
       JOIN gen_topic t ON t.tn = 1 + i % 60
       JOIN gen_qualifier q ON q.qn = 1 + (i / 60) % 20;
UPDATE linkedevents.organization o SET replaced_by = 'ahjo:u' || lpad((n + 1)::text, 6, '0')
  FROM (SELECT id, substring(id FROM 7)::integer AS n FROM linkedevents.organization) x
 WHERE x.id = o.id AND o.dissolution_date IS NOT NULL AND x.n < (SELECT organizations FROM gen_param)
   AND pg_temp.r(x.n, 9) < 0.5;

-- Divisions: Helsinki districts (peruspiiri) and neighbourhoods around their
-- centres, and the municipalities.
CREATE TEMP TABLE gen_district (i integer, slug text, fi text, sv text, lon float8, lat float8);
INSERT INTO gen_district
SELECT row_number() OVER (), * FROM (VALUES
  ('vironniemi', 'Vironniemi', 'Estnäs', 24.955, 60.170), ('ullanlinna', 'Ullanlinna', 'Ulrikasborg', 24.945, 60.158),
  ('kampinmalmi', 'Kampinmalmi', 'Kampmalmen', 24.925, 60.170), ('taka-toolo', 'Taka-Töölö', 'Bortre Tölö', 24.915, 60.190),
  ('lauttasaari', 'Lauttasaari', 'Drumsö', 24.875, 60.160), ('reijola', 'Reijola', 'Grejus', 24.905, 60.200),
  ('munkkiniemi', 'Munkkiniemi', 'Munksnäs', 24.875, 60.198), ('haaga', 'Haaga', 'Haga', 24.895, 60.220),
  ('pitajanmaki', 'Pitäjänmäki', 'Sockenbacka', 24.860, 60.225), ('kaarela', 'Kaarela', 'Kårböle', 24.880, 60.250),
  ('kallio', 'Kallio', 'Berghäll', 24.950, 60.185), ('alppiharju', 'Alppiharju', 'Åshöjden', 24.940, 60.192),
  ('vallila', 'Vallila', 'Vallgård', 24.955, 60.195), ('pasila', 'Pasila', 'Böle', 24.930, 60.200),
  ('vanhakaupunki', 'Vanhakaupunki', 'Gammelstaden', 24.985, 60.215), ('maunula', 'Maunula', 'Månsas', 24.925, 60.230),
  ('oulunkyla', 'Oulunkylä', 'Åggelby', 24.965, 60.230), ('pakila', 'Pakila', 'Baggböle', 24.945, 60.245),
  ('tuomarinkyla', 'Tuomarinkylä', 'Domarby', 24.960, 60.265), ('latokartano', 'Latokartano', 'Ladugården', 25.030, 60.235),
  ('pukinmaki', 'Pukinmäki', 'Bocksbacka', 25.000, 60.245), ('malmi', 'Malmi', 'Malm', 25.010, 60.250),
  ('suutarila', 'Suutarila', 'Skomakarböle', 25.005, 60.275), ('puistola', 'Puistola', 'Parkstad', 25.040, 60.275),
  ('jakomaki', 'Jakomäki', 'Jakobacka', 25.080, 60.260), ('kulosaari', 'Kulosaari', 'Brändö', 25.010, 60.185),
  ('herttoniemi', 'Herttoniemi', 'Hertonäs', 25.035, 60.195), ('laajasalo', 'Laajasalo', 'Degerö', 25.050, 60.170),
  ('vartiokyla', 'Vartiokylä', 'Botby', 25.090, 60.220), ('myllypuro', 'Myllypuro', 'Kvarnbäcken', 25.075, 60.225),
  ('mellunkyla', 'Mellunkylä', 'Mellungsby', 25.100, 60.235), ('vuosaari', 'Vuosaari', 'Nordsjö', 25.145, 60.210)
) AS t(slug, fi, sv, lon, lat);
INSERT INTO linkedevents.division (ocd_id, type, name, municipality) VALUES
  ('ocd-division/country:fi/kunta:helsinki', 'muni', '{"fi": "Helsinki", "sv": "Helsingfors"}', NULL),
  ('ocd-division/country:fi/kunta:espoo', 'muni', '{"fi": "Espoo", "sv": "Esbo"}', NULL),
  ('ocd-division/country:fi/kunta:vantaa', 'muni', '{"fi": "Vantaa", "sv": "Vanda"}', NULL);
INSERT INTO linkedevents.division (ocd_id, type, name, municipality)
SELECT 'ocd-division/country:fi/kunta:helsinki/peruspiiri:' || slug, 'district',
       jsonb_build_object('fi', fi, 'sv', sv), 'Helsinki'
  FROM gen_district
UNION ALL
SELECT 'ocd-division/country:fi/kunta:helsinki/osa-alue:' || slug || '-keskus', 'sub_district',
       jsonb_build_object('fi', fi || ' (keskus)'), 'Helsinki'
  FROM gen_district;

-- Places: ~20k around Helsinki (lat 60.15-60.30, lon 24.80-25.20), west of
-- 24.83 in Espoo, and a few internet places without a position.
CREATE TEMP TABLE gen_place AS
SELECT i, 'tprek:' || (100000 + i) AS id,
       round((24.80 + pg_temp.r(i, 11) * 0.40)::numeric, 7)::float8 AS lon,
       round((60.15 + pg_temp.r(i, 12) * 0.15)::numeric, 7)::float8 AS lat,
       pg_temp.pick(ARRAY['kirjasto', 'nuorisotalo', 'leikkipuisto', 'urheilukenttä', 'koulu', 'päiväkoti',
                          'kulttuurikeskus', 'museo', 'uimahalli', 'liikuntahalli', 'seurakuntatalo', 'asukastalo',
                          'kahvila', 'puisto', 'työväentalo'], i, 13) AS kind
  FROM gen_param p, generate_series(1, p.places - 3) AS i;
INSERT INTO linkedevents.place
       (id, data_source, publisher, origin_id, name, street_address, address_locality, postal_code,
        address_region, address_country, telephone, email, info_url, position, deleted, created_time,
        last_modified_time, description)
SELECT g.id, 'tprek', 'ahjo:u000001', (100000 + g.i)::text,
       jsonb_build_object('fi', d.fi || ' ' || g.kind || ' ' || g.i,
                          'sv', d.sv || ' ' || g.i),
       jsonb_build_object('fi', s.street || ' ' || pg_temp.ri(g.i, 15, 1, 80),
                          'sv', s.street || ' ' || pg_temp.ri(g.i, 15, 1, 80)),
       CASE WHEN g.lon < 24.83 THEN '{"fi": "Espoo", "sv": "Esbo"}'::jsonb
            ELSE '{"fi": "Helsinki", "sv": "Helsingfors"}'::jsonb END,
       lpad((100 + pg_temp.ri(g.i, 16, 0, 99) * 10)::text, 5, '0'),
       NULL, 'FI',
       CASE WHEN pg_temp.r(g.i, 17) < 0.5 THEN jsonb_build_object('fi', '+358 9 310 ' || pg_temp.ri(g.i, 18, 10000, 99999)) END,
       CASE WHEN pg_temp.r(g.i, 19) < 0.3 THEN 'info' || g.i || '@hel.fi' END,
       CASE WHEN pg_temp.r(g.i, 20) < 0.4 THEN jsonb_build_object('fi', 'https://www.hel.fi/paikka/' || g.i) END,
       ST_SetSRID(ST_MakePoint(g.lon, g.lat), 4326),
       pg_temp.r(g.i, 21) < 0.01,
       p.today - interval '8 years' + pg_temp.r(g.i, 22) * interval '6 years',
       p.today - interval '2 years' + pg_temp.r(g.i, 23) * interval '700 days',
       CASE WHEN pg_temp.r(g.i, 24) < 0.2
            THEN jsonb_build_object('fi', '<p>' || initcap(g.kind) || ' palvelee kaikkia asukkaita.</p>') END
  FROM gen_param p, gen_place g
       CROSS JOIN LATERAL (SELECT * FROM gen_district d ORDER BY (d.lon - g.lon) ^ 2 + (d.lat - g.lat) ^ 2 LIMIT 1) d
       CROSS JOIN LATERAL (SELECT pg_temp.pick(ARRAY['Mannerheimintie', 'Hämeentie', 'Mäkelänkatu', 'Itäväylä',
                                                     'Kirkkotie', 'Koulutie', 'Puistokatu', 'Rantatie', 'Asematie',
                                                     'Kauppakatu', 'Myllytie', 'Metsäpolku'], g.i, 14)) AS s(street)
UNION ALL
SELECT id, ds, NULL, NULL, name, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false,
       p.today - interval '6 years', p.today - interval '6 years', NULL
  FROM gen_param p, (VALUES ('helsinki:internet', 'helsinki', '{"fi": "Internet", "sv": "Internet", "en": "Internet"}'::jsonb),
                            ('espoo_le:internet', 'espoo_le', '{"fi": "Verkkotapahtuma", "en": "Online event"}'),
                            ('tprek:internet', 'tprek', '{"fi": "Internet"}')) AS v(id, ds, name);
-- Each place lies in its municipality and, in Helsinki, in the nearest district.
INSERT INTO linkedevents.place_division (place, division, position)
SELECT g.id, CASE WHEN g.lon < 24.83 THEN 'ocd-division/country:fi/kunta:espoo'
                  ELSE 'ocd-division/country:fi/kunta:helsinki' END, 1
  FROM gen_place g
UNION ALL
SELECT g.id, 'ocd-division/country:fi/kunta:helsinki/peruspiiri:' || d.slug, 2
  FROM gen_place g
       CROSS JOIN LATERAL (SELECT slug FROM gen_district d ORDER BY (d.lon - g.lon) ^ 2 + (d.lat - g.lat) ^ 2 LIMIT 1) d
 WHERE g.lon >= 24.83;

-- Images.
INSERT INTO linkedevents.image
       (id, data_source, publisher, license, name, url, cropping, photographer_name, alt_text, created_time,
        last_modified_time)
SELECT i, CASE WHEN i % 5 = 0 THEN 'espoo_le' ELSE 'helsinki' END,
       'ahjo:u' || lpad(pg_temp.ri(i, 31, 1, p.organizations)::text, 6, '0'),
       CASE WHEN pg_temp.r(i, 32) < 0.8 THEN 'cc_by' ELSE 'event_only' END,
       CASE WHEN pg_temp.r(i, 33) < 0.5 THEN t.fi ELSE '' END,
       'https://images.example.fi/' || i || '.jpg',
       CASE WHEN pg_temp.r(i, 34) < 0.3 THEN '0,0,800,600' ELSE '' END,
       CASE WHEN pg_temp.r(i, 35) < 0.4 THEN 'Kuvaaja ' || i END,
       CASE WHEN pg_temp.r(i, 36) < 0.6 THEN 'Kuva: ' || t.fi END,
       p.today - interval '6 years' + pg_temp.r(i, 37) * interval '6 years',
       p.today - interval '1 year' + pg_temp.r(i, 38) * interval '1 year'
  FROM gen_param p, generate_series(1, p.images) AS i JOIN gen_topic t ON t.tn = 1 + i % 60;
SELECT setval(pg_get_serial_sequence('linkedevents.image', 'id'), (SELECT max(id) FROM linkedevents.image))
    AS image_id_sequence \gset

-- Keywords: yso:pNNNN named from the word lists (popularity follows the id
-- order: keyword k is drawn with probability ~1/k), eight audience keywords
-- with their real YSO ids, a few deprecated and replaced ones.
INSERT INTO linkedevents.keyword
       (id, data_source, origin_id, name, alt_labels, aggregate, deprecated, publisher, created_time,
        last_modified_time)
SELECT 'yso:p' || (50000 + k), 'yso', 'p' || (50000 + k),
       jsonb_build_object('fi', ltrim(q.fi || ' ' || t.fi), 'sv', ltrim(q.sv || ' ' || t.sv),
                          'en', ltrim(q.en || ' ' || t.en)),
       CASE WHEN pg_temp.r(k, 41) < 0.1 THEN ARRAY[t.fi || 'tapahtumat'] ELSE '{}' END,
       pg_temp.r(k, 42) < 0.01, false, 'ahjo:u000001',
       p.today - interval '7 years', p.today - interval '1 year' + pg_temp.r(k, 43) * interval '1 year'
  FROM gen_param p, generate_series(1, p.keywords) AS k
       JOIN gen_topic t ON t.tn = 1 + (k - 1) % 60
       JOIN gen_qualifier q ON q.qn = 1 + ((k - 1) / 60) % 20
UNION ALL
SELECT id, 'yso', substring(id FROM 5), name::jsonb, '{}', false, false, 'ahjo:u000001',
       p.today - interval '7 years', p.today - interval '7 years'
  FROM gen_param p, (VALUES
    ('yso:p4354', '{"fi": "lapset", "sv": "barn", "en": "children"}'),
    ('yso:p11617', '{"fi": "nuoret", "sv": "unga", "en": "young people"}'),
    ('yso:p2433', '{"fi": "ikääntyneet", "sv": "äldre", "en": "elderly"}'),
    ('yso:p13050', '{"fi": "lapsiperheet", "sv": "barnfamiljer", "en": "families with children"}'),
    ('yso:p6165', '{"fi": "maahanmuuttajat", "sv": "invandrare", "en": "immigrants"}'),
    ('yso:p7179', '{"fi": "vammaiset", "sv": "funktionshindrade", "en": "people with disabilities"}'),
    ('yso:p16485', '{"fi": "koululaiset", "sv": "skolelever", "en": "schoolchildren"}'),
    ('yso:p20513', '{"fi": "vauvaperheet", "sv": "familjer med bebisar", "en": "families with babies"}')) AS a(id, name);
-- The least popular hundredth is deprecated, half of it replaced by a popular keyword.
UPDATE linkedevents.keyword SET deprecated = true,
       replaced_by = CASE WHEN n % 2 = 0 THEN 'yso:p' || (50000 + n % 50 + 1) END
  FROM (SELECT id AS kid, substring(id FROM 6)::integer - 50000 AS n FROM linkedevents.keyword WHERE origin_id ~ '^p5') x
 WHERE id = x.kid AND x.n > (SELECT keywords * 99 / 100 FROM gen_param);

INSERT INTO linkedevents.keyword_set (id, data_source, name, usage, organization, keywords, created_time, last_modified_time)
SELECT 'helsinki:topics', 'helsinki', '{"fi": "Aiheet", "sv": "Ämnen", "en": "Topics"}'::jsonb, 'keyword', 'ahjo:u000001',
       ARRAY(SELECT 'yso:p' || (50000 + k) FROM generate_series(1, 20) k), p.today - interval '3 years', p.today - interval '1 year'
  FROM gen_param p
UNION ALL
SELECT 'helsinki:audiences', 'helsinki', '{"fi": "Kohderyhmät", "sv": "Målgrupper", "en": "Audiences"}', 'audience',
       'ahjo:u000001', '{yso:p4354,yso:p11617,yso:p2433,yso:p13050,yso:p6165,yso:p7179,yso:p16485,yso:p20513}',
       p.today - interval '3 years', p.today - interval '1 year'
  FROM gen_param p
UNION ALL
SELECT 'espoo:topics', 'espoo', '{"fi": "Espoon aiheet", "en": "Espoo topics"}', 'any', 'ahjo:u000002',
       ARRAY(SELECT 'yso:p' || (50000 + k) FROM generate_series(5, 40, 5) k), p.today - interval '2 years', p.today - interval '2 years'
  FROM gen_param p;

-- Events. About 3% are super events (70% recurring, 30% umbrella); a fifth
-- of the others belong to one. Start times: 60% over the past four years,
-- 35% in the coming year, 5% later; starts between 9 and 20 local time on
-- quarter hours; 2% date-only, 8% without an end, 10% lasting days.
CREATE TEMP TABLE gen_event AS
SELECT e, ds,
       ds || ':ag' || lpad(to_hex((e * 2654435761::bigint) % 4294967296), 8, '0') AS id,
       pg_temp.r(e, 51) < 0.03 AS is_super,
       pg_temp.r(e, 52) AS t_kind,
       (p.today AT TIME ZONE 'Europe/Helsinki') + CASE
           WHEN pg_temp.r(e, 53) < 0.60 THEN -pg_temp.ri(e, 54, 1, 1460)
           WHEN pg_temp.r(e, 53) < 0.95 THEN pg_temp.ri(e, 54, 0, 364)
           ELSE pg_temp.ri(e, 54, 365, 700) END * interval '1 day' AS local_day,
       pg_temp.r(e, 55) AS t_shape
  FROM gen_param p, generate_series(1, p.events) AS e,
       LATERAL (SELECT CASE WHEN pg_temp.r(e, 50) < 0.03 THEN 'sisainen'
                            WHEN pg_temp.r(e, 50) < 0.20 THEN 'espoo_le'
                            WHEN pg_temp.r(e, 50) < 0.25 THEN 'lippupiste'
                            WHEN pg_temp.r(e, 50) < 0.30 THEN 'kulke'
                            ELSE 'helsinki' END) AS d(ds);
CREATE INDEX ON gen_event (e);
CREATE TEMP TABLE gen_super AS
SELECT row_number() OVER (ORDER BY e) AS s, e, id FROM gen_event WHERE is_super;
CREATE INDEX ON gen_super (s);
ANALYZE gen_event, gen_super;
-- Statistics for the tables the event triggers (counters, references) join
-- against: without them a bulk insert plans those joins blind.
ANALYZE linkedevents.organization, linkedevents.keyword, linkedevents.place,
        linkedevents.language, linkedevents.image;

INSERT INTO linkedevents.event
       (id, data_source, publisher, origin_id, location, keywords, audience, in_language, super_event,
        super_event_type, event_status, type_id, publication_status, deleted, created_time, last_modified_time,
        date_published, start_time, end_time, has_start_time, has_end_time, environment, audience_min_age,
        audience_max_age, maximum_attendee_capacity, local, name, description, short_description, info_url,
        provider, location_extra_info, custom_data)
SELECT g.id, g.ds,
       'ahjo:u' || lpad(greatest(1, p.organizations - pg_temp.zipf(g.e, 60, p.organizations) + 1)::text, 6, '0'),
       g.e::text,
       CASE WHEN pg_temp.r(g.e, 61) < 0.03 THEN NULL
            WHEN pg_temp.r(g.e, 61) < 0.08 THEN (ARRAY['helsinki:internet', 'espoo_le:internet', 'tprek:internet'])[1 + g.e % 3]
            ELSE 'tprek:' || (100000 + pg_temp.zipf(g.e, 62, p.places - 3)) END,
       ARRAY(SELECT DISTINCT 'yso:p' || (50000 + pg_temp.zipf(g.e * 8 + k, 63, p.keywords))
               FROM generate_series(1, pg_temp.ri(g.e, 64, 1, 5)) k),
       CASE WHEN pg_temp.r(g.e, 65) < 0.25
            THEN ARRAY(SELECT DISTINCT (ARRAY['yso:p4354', 'yso:p11617', 'yso:p2433', 'yso:p13050', 'yso:p6165',
                                              'yso:p7179', 'yso:p16485', 'yso:p20513'])[pg_temp.ri(g.e * 2 + k, 66, 1, 8)]
                         FROM generate_series(1, pg_temp.ri(g.e, 67, 1, 2)) k)
            ELSE '{}' END,
       CASE WHEN pg_temp.r(g.e, 68) < 0.60 THEN '{fi}'::text[] WHEN pg_temp.r(g.e, 68) < 0.75 THEN '{fi,sv,en}'
            WHEN pg_temp.r(g.e, 68) < 0.85 THEN '{en}' WHEN pg_temp.r(g.e, 68) < 0.87 THEN '{ru,et}' ELSE '{}' END,
       CASE WHEN NOT g.is_super AND pg_temp.r(g.e, 69) < 0.2 AND sc.n > 0
            THEN (SELECT s.id FROM gen_super s WHERE s.s = pg_temp.ri(g.e, 70, 1, sc.n::integer)) END,
       CASE WHEN g.is_super THEN CASE WHEN g.t_kind < 0.7 THEN 'recurring' ELSE 'umbrella' END END,
       CASE WHEN pg_temp.r(g.e, 71) < 0.03 THEN 'EventCancelled' WHEN pg_temp.r(g.e, 71) < 0.04 THEN 'EventPostponed'
            WHEN pg_temp.r(g.e, 71) < 0.05 THEN 'EventRescheduled' ELSE 'EventScheduled' END,
       CASE WHEN pg_temp.r(g.e, 72) < 0.07 THEN 'Course' WHEN pg_temp.r(g.e, 72) < 0.10 THEN 'Volunteering' ELSE 'General' END,
       CASE WHEN pg_temp.r(g.e, 73) < 0.02 THEN 'draft' ELSE 'public' END,
       pg_temp.r(g.e, 74) < 0.02,
       x.created, least(x.created + pg_temp.r(g.e, 76) * interval '60 days', p.today),
       CASE WHEN pg_temp.r(g.e, 73) >= 0.02 THEN x.created END,
       x.start_utc, x.end_utc, NOT x.date_only, NOT x.date_only,
       CASE WHEN pg_temp.r(g.e, 77) < 0.2 THEN 'in' WHEN pg_temp.r(g.e, 77) < 0.3 THEN 'out' END,
       CASE WHEN pg_temp.r(g.e, 78) < 0.30 THEN (ARRAY[0, 3, 6, 7, 10, 12, 13, 15, 18, 65])[pg_temp.ri(g.e, 79, 1, 10)] END,
       CASE WHEN pg_temp.r(g.e, 78) < 0.15 THEN (ARRAY[6, 12, 15, 17, 18, 29, 99])[pg_temp.ri(g.e, 80, 1, 7)] END,
       CASE WHEN pg_temp.r(g.e, 81) < 0.1 THEN pg_temp.ri(g.e, 82, 10, 500) END,
       pg_temp.r(g.e, 83) < 0.1,
       jsonb_build_object('fi', initcap(k.fi) || ': ' || t.fi, 'sv', initcap(k.sv) || ': ' || t.sv,
                          'en', initcap(k.en) || ': ' || t.en)
           - CASE WHEN pg_temp.r(g.e, 84) < 0.5 THEN 'sv' ELSE '' END
           - CASE WHEN pg_temp.r(g.e, 85) < 0.4 THEN 'en' ELSE '' END,
       jsonb_build_object('fi', '<p>Tervetuloa! ' || initcap(k.fi) || ', jossa aiheena ' || t.fi
                                 || '. Tapahtuma sopii kaikille, ja lapset ovat erityisen tervetulleita.</p>',
                          'en', '<p>Welcome! A ' || k.en || ' about ' || t.en || '.</p>')
           - CASE WHEN pg_temp.r(g.e, 85) < 0.4 THEN 'en' ELSE '' END,
       jsonb_build_object('fi', initcap(k.fi) || ' (' || x.season_fi || '): ' || t.fi || '.'),
       CASE WHEN pg_temp.r(g.e, 86) < 0.5 THEN jsonb_build_object('fi', 'https://tapahtumat.example.fi/' || g.e) END,
       CASE WHEN pg_temp.r(g.e, 87) < 0.3 THEN jsonb_build_object('fi', 'Kulttuuripalvelut') END,
       CASE WHEN pg_temp.r(g.e, 88) < 0.1 THEN jsonb_build_object('fi', 'Sali ' || pg_temp.ri(g.e, 89, 1, 4)) END,
       CASE WHEN pg_temp.r(g.e, 90) < 0.02 THEN jsonb_build_object('source_id', g.e::text) END
  FROM gen_param p CROSS JOIN gen_event g
       CROSS JOIN (SELECT count(*) AS n FROM gen_super) sc
       CROSS JOIN LATERAL (SELECT pg_temp.r(g.e, 91) < 0.02 AS date_only,
                       (g.local_day + make_interval(hours => pg_temp.ri(g.e, 92, 9, 20), mins => 15 * pg_temp.ri(g.e, 93, 0, 3)))
                           AT TIME ZONE 'Europe/Helsinki' AS timed_start) x0
       CROSS JOIN LATERAL (SELECT x0.date_only,
                       CASE WHEN x0.date_only THEN g.local_day AT TIME ZONE 'Europe/Helsinki' ELSE x0.timed_start END AS start_utc,
                       CASE WHEN x0.date_only
                                THEN (g.local_day + pg_temp.ri(g.e, 94, 1, 3) * interval '1 day') AT TIME ZONE 'Europe/Helsinki'
                            WHEN g.t_shape < 0.08 THEN NULL
                            WHEN g.t_shape < 0.18 THEN x0.timed_start + pg_temp.ri(g.e, 95, 2, 60) * interval '1 day'
                            ELSE x0.timed_start + pg_temp.ri(g.e, 96, 2, 16) * interval '15 minutes' END AS end_utc,
                       (ARRAY['talvi', 'talvi', 'kevät', 'kevät', 'kevät', 'kesä', 'kesä', 'kesä', 'syksy', 'syksy', 'syksy', 'talvi'])
                           [extract(month FROM g.local_day)::integer] AS season_fi,
                       least(x0.timed_start - pg_temp.ri(g.e, 75, 1, 90) * interval '1 day', p.today) AS created) x
       JOIN gen_topic t ON t.tn = 1 + g.e % 60
       JOIN (SELECT row_number() OVER () AS i, * FROM (VALUES
               ('konsertti', 'konsert', 'concert'), ('näyttely', 'utställning', 'exhibition'),
               ('työpaja', 'verkstad', 'workshop'), ('luento', 'föreläsning', 'lecture'),
               ('teatteriesitys', 'teaterföreställning', 'theatre performance'), ('satutunti', 'sagostund', 'story time'),
               ('liikuntatapahtuma', 'motionsevenemang', 'sports event'), ('opastettu kävely', 'guidad promenad', 'guided walk'),
               ('elokuvanäytös', 'filmvisning', 'film screening'), ('kurssi', 'kurs', 'course'),
               ('festivaali', 'festival', 'festival'), ('kerho', 'klubb', 'club')) AS v(fi, sv, en)) k
         ON k.i = 1 + (g.e / 60) % 12;

-- Super events span their children; a few deleted events are replaced by
-- the next one.
UPDATE linkedevents.event s SET start_time = c.first_start, end_time = c.last_end,
       has_start_time = true, has_end_time = true
  FROM (SELECT super_event, min(start_time) AS first_start, max(coalesce(end_time, start_time)) AS last_end
          FROM linkedevents.event WHERE super_event IS NOT NULL GROUP BY super_event) c
 WHERE s.id = c.super_event;
UPDATE linkedevents.event e SET replaced_by = n.id
  FROM gen_event g JOIN gen_event n ON n.e = g.e + 1
 WHERE e.id = g.id AND e.deleted AND pg_temp.r(g.e, 97) < 0.3;

-- Offers on 60% of events (half free), some with price groups; links,
-- videos and images.
INSERT INTO linkedevents.offer (event, position, is_free, price, info_url, description)
SELECT g.id, 1, free,
       CASE WHEN NOT free THEN jsonb_build_object('fi', price || ' €', 'sv', price || ' €', 'en', price || ' €') END,
       CASE WHEN NOT free THEN jsonb_build_object('fi', 'https://liput.example.fi/' || g.e) END,
       CASE WHEN NOT free AND pg_temp.r(g.e, 103) < 0.3 THEN '{"fi": "Alennus opiskelijoille ja eläkeläisille"}'::jsonb END
  FROM gen_event g,
       LATERAL (SELECT pg_temp.r(g.e, 101) < 0.5 AS free, pg_temp.ri(g.e, 102, 5, 60) AS price) x
 WHERE pg_temp.r(g.e, 100) < 0.6
UNION ALL
SELECT g.id, 2, false, '{"fi": "Ryhmät 8 €", "en": "Groups 8 €"}', NULL, NULL
  FROM gen_event g WHERE pg_temp.r(g.e, 100) < 0.05 AND pg_temp.r(g.e, 101) >= 0.5;
INSERT INTO linkedevents.offer_price_group (id, offer, position, price_group, price, vat_percentage, price_without_vat, vat)
SELECT row_number() OVER (ORDER BY o.id, pg), o.id, pg, pg, pr, 25.50, round(pr / 1.255, 2), pr - round(pr / 1.255, 2)
  FROM linkedevents.offer o,
       LATERAL (SELECT pg, (10 * pg)::numeric(19, 2) AS pr FROM generate_series(1, 2) pg) x
 WHERE NOT o.is_free AND o.position = 1 AND hashtext(o.event) % 10 = 0;
INSERT INTO linkedevents.event_link (event, position, name, link, language)
SELECT g.id, 1, 'extlink_facebook', 'https://fb.me/e/' || g.e, 'fi' FROM gen_event g WHERE pg_temp.r(g.e, 110) < 0.1
UNION ALL
SELECT g.id, 2, 'extlink_instagram', 'https://instagram.com/p/' || g.e, 'fi' FROM gen_event g WHERE pg_temp.r(g.e, 110) < 0.03;
INSERT INTO linkedevents.event_video (event, position, name, url, alt_text)
SELECT g.id, 1, 'Traileri', 'https://video.example.fi/' || g.e, 'Video tapahtumasta'
  FROM gen_event g WHERE pg_temp.r(g.e, 111) < 0.01;
INSERT INTO linkedevents.event_image (event, image, position)
SELECT g.id, pg_temp.ri(g.e, 113, 1, p.images), 1
  FROM gen_param p, gen_event g WHERE pg_temp.r(g.e, 112) < 0.4;

-- Registrations on ~10% of events, enrolment around the start.
INSERT INTO linkedevents.registration
       (event, enrolment_start_time, enrolment_end_time, maximum_attendee_capacity, minimum_attendee_capacity,
        waiting_list_capacity, remaining_attendee_capacity, remaining_waiting_list_capacity, audience_min_age,
        audience_max_age, created_time, last_modified_time)
SELECT e.id, e.start_time - interval '30 days', e.start_time - interval '1 day', cap,
       CASE WHEN pg_temp.r(g.e, 121) < 0.2 THEN 5 END,
       CASE WHEN pg_temp.r(g.e, 122) < 0.5 THEN 10 END,
       CASE WHEN pg_temp.r(g.e, 123) < 0.9 THEN pg_temp.ri(g.e, 124, 0, cap) END,
       CASE WHEN pg_temp.r(g.e, 122) < 0.5 THEN pg_temp.ri(g.e, 125, 0, 10) END,
       e.audience_min_age, e.audience_max_age, e.created_time, e.last_modified_time
  FROM gen_event g JOIN linkedevents.event e ON e.id = g.id,
       LATERAL (SELECT pg_temp.ri(g.e, 126, 10, 200) AS cap) c
 WHERE pg_temp.r(g.e, 120) < 0.1 AND e.start_time IS NOT NULL;

-- Derived counts (SPEC 4.4, 4.6): events per keyword and place, and whether
-- any of them has not ended.
UPDATE linkedevents.keyword k SET n_events = c.n, has_upcoming_events = c.upcoming AND NOT k.deprecated
  FROM (SELECT kw, count(DISTINCT e.id) AS n,
               bool_or(coalesce(e.end_time, e.start_time) >= now() AND e.keywords @> ARRAY[kw]) AS upcoming
          FROM linkedevents.event e, unnest(e.keywords || e.audience) AS kw GROUP BY kw) c
 WHERE k.id = c.kw;
UPDATE linkedevents.place pl SET n_events = c.n, has_upcoming_events = c.upcoming AND NOT pl.deleted
  FROM (SELECT location, count(*) AS n, bool_or(coalesce(end_time, start_time) >= now()) AS upcoming
          FROM linkedevents.event WHERE location IS NOT NULL GROUP BY location) c
 WHERE pl.id = c.location;

COMMIT;
