-- Fixtures of the event-list tests (61_* .. 69_*, which need this file to
-- run first: TESTS="60_event_fixtures 61_event_filters"): plain INSERTs wrapped in
-- le_event_fixtures() so each test file starts from them after
-- le_test_reset(). Times are in Europe/Helsinki (UTC+2, from 2025-03-30
-- 04:00 UTC+3). 2025-03-06 is a Thursday. The edge cases of SPEC 6:
--   ds:1   timed, Thu 18:00-20:00, ages 7-12, capacities, registration
--   ds:2   the DST-change day 2025-03-30, local midnight to midnight (23 h)
--   ds:3   date-only multi-day (Kulke): 2025-03-01 .. 2025-03-10
--   ds:4   timed start, end not given (has_end_time false), event enrolment times
--   ds:5   postponed, no times
--   ds:6   draft of org:a;  ds:7 deleted
--   ds:8 -> ds:9 -> ds:10  replacement chain (8 and 9 deleted)
--   priv:1 private data source; ds:12 a Course
--   ds:13  recurring super (Mar 3-20) with children ds:14 (Thu) and ds:15 (Mon)
--   ds:16  umbrella super with child ds:17 (draft super ds:21 with child ds:22)
--   ds:18  audience-only keyword, a keyword replaced twice
--   ds:19  internet event, no ages, free offer, registration without times
--   ds:20  Fri 20:00 -> Tue 02:00, no offers, min age only
SELECT le_test_reset();
CREATE FUNCTION public.le_event_fixtures() RETURNS void LANGUAGE sql AS $$
INSERT INTO linkedevents.data_source (id, private) VALUES
    ('ds', false), ('priv', true), ('other', false);
INSERT INTO linkedevents.organization (id, parent, replaced_by) VALUES
    ('org:root', NULL, NULL), ('org:a', 'org:root', NULL), ('org:a1', 'org:a', NULL),
    ('org:b', NULL, NULL), ('org:old', NULL, 'org:b');
INSERT INTO linkedevents.language (id) VALUES ('fi'), ('sv'), ('en'), ('ru'), ('et');
INSERT INTO linkedevents.keyword (id, name, replaced_by) VALUES
    ('yso:k1', '{"fi": "musiikki"}', NULL), ('yso:k2', '{"fi": "lapset"}', NULL),
    ('yso:k3', '{"fi": "teatteri"}', NULL), ('yso:mid', NULL, 'yso:k3'),
    ('yso:old', NULL, 'yso:mid'), ('yso:aud', '{"fi": "nuoret"}', NULL);
INSERT INTO linkedevents.keyword_set (id, keywords) VALUES
    ('set:12', '{yso:k1,yso:k2}'), ('set:aud', '{yso:aud}'), ('set:empty', '{}');
INSERT INTO linkedevents.division (ocd_id, type, name) VALUES
    ('ocd-division/country:fi/kunta:helsinki', 'kunta', '{"fi": "Helsinki", "sv": "Helsingfors"}'),
    ('ocd-division/country:fi/kunta:helsinki/peruspiiri:malmi', 'peruspiiri', '{"fi": "Malmi", "sv": "Malm"}'),
    ('ocd-division/country:fi/kunta:helsinki/osa-alue:itä-pasila', 'osa-alue', '{"fi": "Itä-Pasila"}'),
    ('ocd-division/country:fi/kunta:espoo', 'kunta', '{"fi": "Espoo", "sv": "Esbo"}');
INSERT INTO linkedevents.place (id, data_source, name, position) VALUES
    ('place:malmi', 'ds', '{"fi": "Malmitalo"}', 'SRID=4326;POINT(25.011 60.251)'),
    ('place:pasila', 'ds', '{"fi": "Pasilan kirjasto"}', 'SRID=4326;POINT(24.933 60.199)'),
    ('place:espoo', 'ds', '{"fi": "Espoon kulttuurikeskus"}', 'SRID=4326;POINT(24.656 60.176)'),
    ('helsinki:internet', 'ds', '{"fi": "Internet"}', NULL);
INSERT INTO linkedevents.place_division (place, division, position) VALUES
    ('place:malmi', 'ocd-division/country:fi/kunta:helsinki', 0),
    ('place:malmi', 'ocd-division/country:fi/kunta:helsinki/peruspiiri:malmi', 1),
    ('place:pasila', 'ocd-division/country:fi/kunta:helsinki', 0),
    ('place:pasila', 'ocd-division/country:fi/kunta:helsinki/osa-alue:itä-pasila', 1),
    ('place:espoo', 'ocd-division/country:fi/kunta:espoo', 0);

INSERT INTO linkedevents.event (id, data_source, publisher, location, keywords, audience,
        in_language, name, description, start_time, end_time, has_start_time, has_end_time,
        event_status, publication_status, type_id, deleted, replaced_by, super_event,
        super_event_type, audience_min_age, audience_max_age, maximum_attendee_capacity,
        minimum_attendee_capacity, enrolment_start_time, enrolment_end_time,
        last_modified_time, created_by) VALUES
 ('ds:1', 'ds', 'org:a1', 'place:malmi', '{yso:k1}', '{}', '{fi}',
  '{"fi": "Konsertti", "en": "Concert"}', '{"fi": "Musiikkia lapsille"}',
  '2025-03-06 18:00+02', '2025-03-06 20:00+02', true, true, 'EventScheduled', 'public', 'General',
  false, NULL, NULL, NULL, 7, 12, 100, 10, NULL, NULL, '2025-01-01 10:00Z', 'alice'),
 ('ds:2', 'ds', 'org:b', 'place:pasila', '{yso:k2}', '{}', '{sv}',
  '{"sv": "Vårdag"}', NULL,
  '2025-03-30 00:00+02', '2025-03-31 00:00+03', true, true, 'EventScheduled', 'public', 'General',
  false, NULL, NULL, NULL, 13, NULL, 50, NULL, NULL, NULL, '2025-01-02 10:00Z', 'bob'),
 ('ds:3', 'ds', 'org:b', 'place:espoo', '{}', '{}', '{}',
  '{"fi": "Näyttely"}', NULL,
  '2025-03-01 00:00+02', '2025-03-11 00:00+02', false, false, 'EventScheduled', 'public', 'General',
  false, NULL, NULL, NULL, NULL, 11, NULL, NULL, NULL, NULL, '2025-01-03 10:00Z', NULL),
 ('ds:4', 'ds', 'org:old', 'place:malmi', '{}', '{}', '{}',
  '{"fi": "Aamupäivä"}', NULL,
  '2025-03-06 10:00+02', '2025-03-07 00:00+02', true, false, 'EventRescheduled', 'public', 'General',
  false, NULL, NULL, NULL, NULL, 20, NULL, NULL, '2025-02-10 09:00+02', NULL, '2025-01-04 10:00Z', NULL),
 ('ds:5', 'ds', 'org:b', NULL, '{}', '{}', '{}',
  '{"fi": "Siirretty"}', NULL,
  NULL, NULL, true, true, 'EventPostponed', 'public', 'General',
  false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2025-01-05 10:00Z', NULL),
 ('ds:6', 'ds', 'org:a', 'place:malmi', '{}', '{}', '{}',
  '{"fi": "Luonnos"}', NULL,
  '2025-03-06 12:00+02', '2025-03-06 13:00+02', true, true, 'EventScheduled', 'draft', 'General',
  false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2025-01-06 10:00Z', 'alice'),
 ('ds:7', 'ds', 'org:b', 'place:malmi', '{}', '{}', '{}',
  '{"fi": "Poistettu"}', NULL,
  '2025-03-06 12:00+02', '2025-03-06 13:00+02', true, true, 'EventScheduled', 'public', 'General',
  true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2025-01-07 10:00Z', NULL),
 ('ds:10', 'ds', 'org:b', 'place:malmi', '{}', '{}', '{}',
  '{"fi": "Korvaava"}', NULL,
  '2025-04-01 12:00+03', '2025-04-01 13:00+03', true, true, 'EventScheduled', 'public', 'General',
  false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2025-01-10 10:00Z', NULL),
 ('ds:9', 'ds', 'org:b', 'place:malmi', '{}', '{}', '{}',
  '{"fi": "Korvattu 2"}', NULL,
  '2025-04-01 12:00+03', '2025-04-01 13:00+03', true, true, 'EventScheduled', 'public', 'General',
  true, 'ds:10', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2025-01-09 10:00Z', NULL),
 ('ds:8', 'ds', 'org:b', 'place:malmi', '{}', '{}', '{}',
  '{"fi": "Korvattu 1"}', NULL,
  '2025-04-01 12:00+03', '2025-04-01 13:00+03', true, true, 'EventScheduled', 'public', 'General',
  true, 'ds:9', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2025-01-08 10:00Z', NULL),
 ('priv:1', 'priv', 'org:b', 'place:malmi', '{yso:k1}', '{}', '{}',
  '{"fi": "Yksityinen"}', NULL,
  '2025-03-06 18:00+02', '2025-03-06 20:00+02', true, true, 'EventScheduled', 'public', 'General',
  false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2025-01-11 10:00Z', NULL),
 ('ds:12', 'ds', 'org:b', 'place:malmi', '{}', '{}', '{}',
  '{"fi": "Kurssi"}', NULL,
  '2025-03-06 18:00+02', '2025-03-06 20:00+02', true, true, 'EventScheduled', 'public', 'Course',
  false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2025-01-12 10:00Z', NULL),
 ('ds:13', 'ds', 'org:a', 'place:pasila', '{}', '{}', '{}',
  '{"fi": "Sarja"}', NULL,
  '2025-03-03 10:00+02', '2025-03-17 11:00+02', true, true, 'EventScheduled', 'public', 'General',
  false, NULL, NULL, 'recurring', NULL, NULL, NULL, NULL, NULL, NULL, '2025-01-13 10:00Z', NULL),
 ('ds:14', 'ds', 'org:a', 'place:pasila', '{}', '{}', '{}',
  '{"fi": "Sarja torstai"}', NULL,
  '2025-03-06 10:00+02', '2025-03-06 11:00+02', true, true, 'EventScheduled', 'public', 'General',
  false, NULL, 'ds:13', NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2025-01-14 10:00Z', NULL),
 ('ds:15', 'ds', 'org:a', 'place:pasila', '{}', '{}', '{}',
  '{"fi": "Sarja maanantai"}', NULL,
  '2025-03-17 10:00+02', '2025-03-17 11:00+02', true, true, 'EventScheduled', 'public', 'General',
  false, NULL, 'ds:13', NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2025-01-15 10:00Z', NULL),
 ('ds:16', 'ds', 'org:b', 'place:espoo', '{}', '{}', '{}',
  '{"fi": "Festivaali"}', NULL,
  '2025-05-01 10:00+03', '2025-05-03 22:00+03', true, true, 'EventScheduled', 'public', 'General',
  false, NULL, NULL, 'umbrella', NULL, NULL, NULL, NULL, NULL, NULL, '2025-01-16 10:00Z', NULL),
 ('ds:17', 'ds', 'org:b', 'place:espoo', '{}', '{}', '{}',
  '{"fi": "Festivaalin avajaiset"}', NULL,
  '2025-05-01 10:00+03', '2025-05-01 12:00+03', true, true, 'EventScheduled', 'public', 'General',
  false, NULL, 'ds:16', NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2025-01-17 10:00Z', NULL),
 ('ds:18', 'ds', 'org:b', 'place:pasila', '{yso:k3}', '{yso:aud}', '{}',
  '{"ru": "Концерт"}', NULL,
  '2025-03-20 18:00+02', '2025-03-20 21:00+02', true, true, 'EventCancelled', 'public', 'General',
  false, NULL, NULL, NULL, 15, 30, NULL, NULL, NULL, NULL, '2025-01-18 10:00Z', NULL),
 ('ds:19', 'ds', 'org:b', 'helsinki:internet', '{yso:k3}', '{}', '{en,et}',
  '{"en": "Webinar"}', NULL,
  '2025-03-10 12:00+02', '2025-03-10 13:00+02', true, true, 'EventScheduled', 'public', 'General',
  false, NULL, NULL, NULL, NULL, NULL, 30, 5, NULL, NULL, '2025-01-19 10:00Z', NULL),
 ('ds:20', 'ds', 'org:b', 'place:malmi', '{yso:k2}', '{}', '{}',
  '{"fi": "Viikonloppu"}', NULL,
  '2025-03-07 20:00+02', '2025-03-11 02:00+02', true, true, 'EventScheduled', 'public', 'General',
  false, NULL, NULL, NULL, 11, NULL, NULL, NULL, NULL, '2025-03-01 12:00+02', '2025-01-20 10:00Z', NULL),
 ('ds:21', 'ds', 'org:a', 'place:espoo', '{}', '{}', '{}',
  '{"fi": "Luonnossarja"}', NULL,
  '2025-06-01 10:00+03', '2025-06-02 10:00+03', true, true, 'EventScheduled', 'draft', 'General',
  false, NULL, NULL, 'recurring', NULL, NULL, NULL, NULL, NULL, NULL, '2025-01-21 10:00Z', NULL),
 ('ds:22', 'ds', 'org:b', 'place:espoo', '{}', '{}', '{}',
  '{"fi": "Luonnossarjan osa"}', NULL,
  '2025-06-01 10:00+03', '2025-06-01 11:00+03', true, true, 'EventScheduled', 'public', 'General',
  false, NULL, 'ds:21', NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2025-01-22 10:00Z', NULL);

INSERT INTO linkedevents.registration (id, event, enrolment_start_time, enrolment_end_time,
        maximum_attendee_capacity, waiting_list_capacity, remaining_attendee_capacity,
        remaining_waiting_list_capacity) VALUES
    (101, 'ds:1', '2025-02-01 00:00+02', '2025-03-05 23:59+02', 100, 10, 5, 0),
    (102, 'ds:19', NULL, NULL, NULL, NULL, NULL, NULL),
    (103, 'ds:20', NULL, '2025-03-01 12:00+02', 20, NULL, 11, NULL);
INSERT INTO linkedevents.offer (event, position, is_free) VALUES
    ('ds:1', 0, false), ('ds:19', 0, true), ('ds:19', 1, false), ('ds:2', 0, false);
$$;
SELECT le_event_fixtures();
-- Anonymous default list: public, not deleted, General, no private source,
-- by -last_modified_time then id.
SELECT id FROM linkedevents.find_events();
