-- Event documents (SPEC 4.2, 4.3): key order, references, offers, links,
-- videos, images, date-only times, the deleted form, include.
SELECT le_test_reset();
SET linkedevents.base_url = 'https://api.example/v1/';
SET timezone = 'UTC';

INSERT INTO linkedevents.data_source (id, user_editable_resources)
    VALUES ('helsinki', true), ('tprek', false), ('yso', false);
INSERT INTO linkedevents.organization (id, data_source, name)
    VALUES ('ahjo:00001', 'helsinki', 'Helsingin kaupunki');
INSERT INTO linkedevents.organization (id, data_source, name, parent)
    VALUES ('ahjo:02', 'helsinki', 'Kulttuuri', 'ahjo:00001'), ('other:1', 'helsinki', 'Other', NULL);
INSERT INTO linkedevents.language (id, name)
    VALUES ('fi', '{"fi": "suomi", "sv": "finska", "en": "Finnish"}'), ('en', '{"en": "English"}');
INSERT INTO linkedevents.keyword (id, data_source, name, created_time, last_modified_time)
    VALUES ('yso:p1', 'yso', '{"fi": "musiikki"}', '2020-01-01', '2020-01-02'),
           ('yso:p2', 'yso', '{"fi": "lapset"}', '2020-01-01', '2020-01-02'),
           ('yso:p3', 'yso', NULL, '2020-01-01', '2020-01-02');
INSERT INTO linkedevents.place (id, data_source, name, position, created_time, last_modified_time)
    VALUES ('tprek:15321', 'tprek', '{"fi": "Entresse"}',
            ST_SetSRID(ST_MakePoint(24.65, 60.2), 4326), '2020-01-01', '2020-01-02');
INSERT INTO linkedevents.license (id, name, url)
    VALUES ('cc_by', '{"en": "CC BY 4.0"}', 'https://creativecommons.org/licenses/by/4.0/'),
           ('event_only', '{"en": "Event only"}', '');
INSERT INTO linkedevents.image (id, data_source, publisher, license, url, created_time, last_modified_time)
    VALUES (7, 'helsinki', 'ahjo:00001', 'cc_by', 'https://img.example/7.jpg', '2021-01-01', '2021-01-01'),
           (8, NULL, NULL, 'event_only', 'https://img.example/8.jpg', '2021-01-01', '2021-01-01');

-- The main event: every field set.
INSERT INTO linkedevents.event (
    id, data_source, publisher, location, keywords, audience, in_language,
    super_event_type, event_status, type_id, created_time, last_modified_time,
    date_published, start_time, end_time, custom_data, environmental_certificate,
    environment, audience_min_age, audience_max_age, maximum_attendee_capacity,
    minimum_attendee_capacity, enrolment_start_time, enrolment_end_time, local,
    name, description, short_description, info_url, location_extra_info, provider,
    provider_contact_info, headline, created_by)
VALUES (
    'helsinki:main', 'helsinki', 'ahjo:02', 'tprek:15321', '{yso:p2,yso:p1}', '{yso:p3}', '{en,fi}',
    'recurring', 'EventRescheduled', 'Course', '2021-11-11 12:34:04.905001+00', '2021-11-11 13:22:47.28461+00',
    '2021-11-12 00:00+00', '2021-11-26 11:00+00', '2021-11-26 14:00+00', '{"b": "2", "a": "1"}', 'cert',
    'in', 7, 12, 100, 5, '2024-02-19 10:00+00', '2024-02-20 10:00:00.000001+00', true,
    '{"en": "Concert", "ru": "Концерт", "fi": "Konsertti", "xx": "ignored"}', '{"fi": "<p>Kuvaus</p>"}',
    '{"fi": ""}', '{}', '{"sv": "Sal 1"}', '{"fi": "Sarjakuvakeskus"}', NULL, '{"fi": "never shown"}', 'someone');
INSERT INTO linkedevents.event (id, data_source, super_event, publication_status, deleted, name,
                                created_time, last_modified_time)
    VALUES ('helsinki:sub2', 'helsinki', 'helsinki:main', 'public', false, '{"fi": "Osa 2"}', '2021-01-01', '2021-01-02'),
           ('helsinki:sub1', 'helsinki', 'helsinki:main', 'public', false, '{"fi": "Osa 1"}', '2021-01-01', '2021-01-02'),
           ('helsinki:draft', 'helsinki', 'helsinki:main', 'draft', false, NULL, '2021-01-01', '2021-01-02'),
           ('helsinki:gone', 'helsinki', 'helsinki:main', 'public', true, NULL, '2021-01-01', '2021-01-02');
INSERT INTO linkedevents.registration (id, event) VALUES (42, 'helsinki:main');
INSERT INTO linkedevents.offer (event, position, is_free, price, info_url, description)
    VALUES ('helsinki:main', 2, false, '{"fi": "10 €", "en": "10 €"}', '{"fi": "https://liput.example"}', NULL),
           ('helsinki:main', 1, true, NULL, NULL, '{"fi": "Vapaa pääsy"}');
INSERT INTO linkedevents.offer_price_group (id, offer, position, price_group, price, vat_percentage, price_without_vat, vat)
    SELECT 11, id, 2, 3, 10, 24, 8.06, 1.94 FROM linkedevents.offer WHERE position = 2
    UNION ALL
    SELECT 10, id, 1, NULL, 5.5, 10, 5, 0.5 FROM linkedevents.offer WHERE position = 2;
INSERT INTO linkedevents.event_link (event, position, name, link, language)
    VALUES ('helsinki:main', 2, '', 'https://example.org/en', 'en'),
           ('helsinki:main', 1, 'extlink_facebook', 'https://fb.me/e/1', 'fi');
INSERT INTO linkedevents.event_video (event, position, name, url, alt_text)
    VALUES ('helsinki:main', 1, 'Traileri', 'https://video.example/1', 'alt'),
           ('helsinki:main', 2, '', 'https://video.example/2', NULL);
INSERT INTO linkedevents.event_image (event, position, image)
    VALUES ('helsinki:main', 1, 8), ('helsinki:main', 2, 7);

-- Every key, in order, with its value.
SELECT key, value FROM json_each((SELECT linkedevents.to_jsonld(e) FROM linkedevents.event e
                                   WHERE id = 'helsinki:main'));
-- Exactly the 45 keys of SPEC 4.2 for an anonymous user.
SELECT count(*) FROM json_object_keys((SELECT linkedevents.to_jsonld(e) FROM linkedevents.event e
                                        WHERE id = 'helsinki:main'));

-- A sub event: plain references, no sub events of its own.
SELECT linkedevents.to_jsonld(e) FROM linkedevents.event e WHERE id = 'helsinki:sub1';

-- The deleted form: five keys, whatever else the row holds.
UPDATE linkedevents.event SET replaced_by = 'helsinki:sub1', last_modified_time = '2022-01-01 00:00+00'
 WHERE id = 'helsinki:gone';
SELECT linkedevents.to_jsonld(e) FROM linkedevents.event e WHERE id = 'helsinki:gone';

-- include: location, keywords, audience, in_language embed full objects;
-- unknown names and the spaces around names are ignored.
SELECT key, value FROM json_each((SELECT linkedevents.to_jsonld(e, '{" location ", keywords, publisher, nonsense}')
                                    FROM linkedevents.event e WHERE id = 'helsinki:main'))
 WHERE key IN ('location', 'keywords', 'audience', 'in_language');
SELECT key, value FROM json_each((SELECT linkedevents.to_jsonld(e, '{"audience,in_language"}')
                                    FROM linkedevents.event e WHERE id = 'helsinki:main'))
 WHERE key IN ('keywords', 'audience', 'in_language');
-- include=registration keeps the reference.
SELECT linkedevents.to_jsonld(e, '{registration}')->'registration' FROM linkedevents.event e
 WHERE id = 'helsinki:main';

-- include=sub_events embeds the public, not deleted sub events (D15), each
-- with its own includes applied but sub_events/super_event as references.
SELECT json_array_length(d->'sub_events') AS n,
       d->'sub_events'->0->>'id' AS first, d->'sub_events'->1->>'id' AS second,
       d->'sub_events'->0->'super_event' AS sub_super,
       d->'sub_events'->0->>'@type' AS type
  FROM (SELECT linkedevents.to_jsonld(e, '{sub_events,super_event,location}') AS d
          FROM linkedevents.event e WHERE id = 'helsinki:main') s;
-- include=super_event embeds the super event, whose own sub_events stay
-- references: the recursion guard.
SELECT d->'super_event'->>'id' AS super, d->'super_event'->'sub_events' AS its_subs,
       d->'super_event'->'location'->>'@type' AS its_location
  FROM (SELECT linkedevents.to_jsonld(e, '{super_event,sub_events,location}') AS d
          FROM linkedevents.event e WHERE id = 'helsinki:sub1') s;
-- An embedded super event that was deleted comes in the reduced form.
UPDATE linkedevents.event SET super_event = 'helsinki:gone' WHERE id = 'helsinki:sub2';
SELECT linkedevents.to_jsonld(e, '{super_event}')->'super_event' FROM linkedevents.event e
 WHERE id = 'helsinki:sub2';
SELECT linkedevents.to_jsonld(e)->'super_event' FROM linkedevents.event e WHERE id = 'helsinki:sub2';

-- Date-only times (has_start_time/has_end_time false) in Europe/Helsinki:
-- starts on its local date; an end (stored as 00:00 of the next day) is null
-- when the event lasts at most 24 hours, else the local date of its last day.
INSERT INTO linkedevents.event (id, data_source, start_time, has_start_time, end_time, has_end_time) VALUES
    ('d:one-day', 'helsinki', '2024-06-01 00:00+03', false, '2024-06-02 00:00+03', false),
    ('d:two-days', 'helsinki', '2024-06-01 00:00+03', false, '2024-06-03 00:00+03', false),
    ('d:no-start', 'helsinki', NULL, true, '2024-06-03 00:00+03', false),
    ('d:timed-end', 'helsinki', '2024-06-01 00:00+03', false, '2024-06-01 18:30+03', true),
    ('d:timed-start', 'helsinki', '2024-06-01 10:00+03', true, '2024-06-05 00:00+03', false),
    ('d:dst', 'helsinki', '2024-03-30 00:00+02', false, '2024-04-01 00:00+03', false),
    ('d:winter', 'helsinki', '2024-12-31 00:00+02', false, '2025-01-01 00:00+02', false),
    ('d:no-times', 'helsinki', NULL, false, NULL, false);
SELECT id, d->'start_time' AS start_time, d->'end_time' AS end_time
  FROM (SELECT id, linkedevents.to_jsonld(e) AS d FROM linkedevents.event e WHERE id LIKE 'd:%') s
 ORDER BY id;
-- The local zone is linkedevents.time_zone.
SET linkedevents.time_zone = 'America/New_York';
SELECT linkedevents.to_jsonld(e)->'start_time' FROM linkedevents.event e WHERE id = 'd:one-day';
RESET linkedevents.time_zone;

-- Multilingual fields follow linkedevents.languages: its order, its languages.
SET linkedevents.languages = 'en,fi';
SELECT linkedevents.to_jsonld(e)->'name' FROM linkedevents.event e WHERE id = 'helsinki:main';
RESET linkedevents.languages;

-- An authenticated user who administers the publisher's subtree also sees
-- publication_status, right after type_id (D22); others do not.
BEGIN;
SET LOCAL linkedevents.user_id = 'u1';
SET LOCAL linkedevents.user_organizations = 'other:1, ahjo:00001';
SELECT string_agg(k, ',') FROM json_object_keys((SELECT linkedevents.to_jsonld(e) FROM linkedevents.event e
                                                 WHERE id = 'helsinki:main')) k
 WHERE k IN ('event_status', 'type_id', 'publication_status', 'external_links');
SET LOCAL linkedevents.user_organizations = 'other:1';
SELECT linkedevents.to_jsonld(e)::jsonb ? 'publication_status' FROM linkedevents.event e
 WHERE id = 'helsinki:main';
SET LOCAL linkedevents.user_organizations = '';
SELECT linkedevents.to_jsonld(e)::jsonb ? 'publication_status' FROM linkedevents.event e
 WHERE id = 'helsinki:main';
COMMIT;

-- An event without relations: empty lists, nulls.
INSERT INTO linkedevents.event (id, data_source, created_time, last_modified_time)
    VALUES ('helsinki:bare', 'helsinki', '2021-01-01', '2021-01-01');
SELECT linkedevents.to_jsonld(e) FROM linkedevents.event e WHERE id = 'helsinki:bare';

-- The batch: ids in the given order, missing ids left out, NULL row → NULL.
SELECT json_array_length(d), d->0->>'id', d->1->>'id', d->2->>'id'
  FROM linkedevents._jsonld_page_data('event', '{helsinki:sub1,missing,helsinki:bare,helsinki:gone}') d;
SELECT linkedevents._jsonld_page_data('event', '{}'), linkedevents._jsonld_page_data('event', NULL);
SELECT linkedevents.to_jsonld(NULL::linkedevents.event) IS NULL;
-- The batch and the single row give the same document.
SELECT linkedevents._jsonld_page_data('event', '{helsinki:main}', '{location,keywords,sub_events}')->>0
     = linkedevents.to_jsonld(e, '{location,keywords,sub_events}')::text
  FROM linkedevents.event e WHERE id = 'helsinki:main';
SELECT linkedevents._jsonld_object('event', 'helsinki:main', '{}', NULL, NULL)::text
     = linkedevents.to_jsonld(e)::text
  FROM linkedevents.event e WHERE id = 'helsinki:main';
SELECT linkedevents._jsonld_object('event', 'missing') IS NULL;
-- An unknown resource name is an error (22023).
DO $$ BEGIN PERFORM linkedevents._jsonld_page_data('events', '{x}');
EXCEPTION WHEN OTHERS THEN RAISE NOTICE '% %', SQLSTATE, SQLERRM; END $$;
