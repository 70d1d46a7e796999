-- Event list filters other than time, hierarchy and ordering (SPEC 1.2,
-- 1.8, 1.13-1.17, 1.19, 1.20, D2, D6, D7, D11, D22). Fixtures and le_ids()
-- come from 60_event_fixtures. Default order: -last_modified_time, which in
-- the fixtures is descending id number.
SELECT le_test_reset();
SELECT le_event_fixtures();

-- Visibility: drafts, deleted, private sources and non-General types are out
-- unless asked for; data_source admits a private source (SPEC 1.2).
SELECT q, le_ids(q) FROM (VALUES
    (''),
    ('data_source=priv'),
    ('data_source=priv,ds&location=place:malmi'),
    ('data_source!=ds'),
    ('data_source!=other&location=place:malmi'),
    ('event_type=course'),
    ('event_type=General,COURSE&location=place:malmi'),
    ('event_type='),
    ('show_deleted=true&location=place:malmi'),
    ('show_deleted=false&location=place:malmi'),
    ('deleted=true'),
    ('deleted=1&show_deleted=true'),
    ('deleted=false&location=place:malmi')
) v(q);

-- Authenticated views (D22): with the caller's organizations, show_all adds
-- their subtree's drafts (ds:6 and ds:21 are org:a's), admin_user keeps only
-- their events, created_by compares with linkedevents.user_id.
SELECT q, le_ids(q) FROM (VALUES
    ('show_all=true&publication_status=draft'),
    ('admin_user=true'),
    ('created_by=true')
) v(q);
BEGIN;
SET LOCAL linkedevents.user_id = 'alice';
SET LOCAL linkedevents.user_organizations = 'org:a';
SELECT q, le_ids(q) FROM (VALUES
    ('publication_status=draft'),
    ('show_all=true&publication_status=draft'),
    ('show_all=true&publication_status=public&location=place:malmi'),
    ('show_all=false&location=place:malmi'),
    ('admin_user=true'),
    ('created_by=true'),
    ('created_by=true&show_all=true'),
    ('registration_admin_user=true'),
    ('publication_status=draft,public&location=place:malmi')
) v(q);
SET LOCAL linkedevents.user_organizations = 'org:root';
SELECT le_ids('registration_admin_user=true') AS org_root_registrations;
ROLLBACK;

-- Ids, location, internet_based, publisher (replacement-aware) and
-- publisher_ancestor (subtree) (SPEC 1.8, 1.13).
SELECT q, le_ids(q) FROM (VALUES
    ('ids=ds:1,ds:3,ds:7,priv:1'),
    ('ids=/ds:2/'),
    ('location=place:espoo,helsinki:internet'),
    ('location=PLACE:ESPOO'),
    ('internet_based=true'),
    ('internet_based=false&location=place:espoo'),
    ('publisher=org:a1'),
    ('publisher=org:b&location=place:malmi'),
    ('publisher=org:old&location=place:malmi'),
    ('publisher_ancestor=org:a'),
    ('publisher_ancestor=org:root&location=place:malmi'),
    ('publisher_ancestor=org:nope')
) v(q);

-- event_status (D13: case-insensitive, CSV) and recurring.
SELECT q, le_ids(q) FROM (VALUES
    ('event_status=eventpostponed'),
    ('event_status=EventCancelled,EventRescheduled'),
    ('recurring=SUPER'),
    ('recurring=sub&location=place:pasila'),
    ('recurring=other&location=place:pasila')
) v(q);

-- Languages (SPEC 1.14): language = in_language or a translated field;
-- in_language only the list; translation only the translated fields.
SELECT q, le_ids(q) FROM (VALUES
    ('language=ru'),
    ('language=et'),
    ('language=sv,en'),
    ('in_language=fi,et'),
    ('in_language=ru'),
    ('translation=en'),
    ('translation=et'),
    ('translation=et,ru')
) v(q);

-- Audience ages, all inclusive, NULL never matches; suitable_for (SPEC 1.15).
SELECT q, le_ids(q) FROM (VALUES
    ('audience_min_age_lt=11'),
    ('audience_min_age=11&audience_min_age_lt=99'),
    ('audience_min_age_gt=13'),
    ('audience_max_age_gt=20'),
    ('audience_max_age=20&audience_max_age_gt=0'),
    ('audience_max_age_lt=11'),
    ('suitable_for=12'),
    ('suitable_for=12,11'),
    ('suitable_for= 14 , 11'),
    ('suitable_for=11,20')
) v(q);

-- Price (D11) and registration (SPEC 1.17, D7).
SELECT q, le_ids(q) FROM (VALUES
    ('is_free=true'),
    ('is_free=false'),
    ('is_free=0&location=helsinki:internet'),
    ('registration=true'),
    ('registration=false&location=place:malmi'),
    ('registration__remaining_attendee_capacity__gte=5'),
    ('registration__remaining_attendee_capacity__gte=6'),
    ('registration__remaining_attendee_capacity__isnull=1&location=place:malmi'),
    ('registration__remaining_attendee_capacity__isnull=false'),
    ('registration__remaining_waiting_list_capacity__gte=0'),
    ('registration__remaining_waiting_list_capacity__isnull=True'),
    ('maximum_attendee_capacity_gte=50'),
    ('maximum_attendee_capacity_lte=50'),
    ('minimum_attendee_capacity_gte=10'),
    ('minimum_attendee_capacity_lte=5.5')
) v(q);

-- enrolment_open_on (D6): the registration's times win over the event's,
-- one missing bound is open-ended, no times at all is not open.
SELECT q, le_ids(q) FROM (VALUES
    ('enrolment_open_on=2025-02-01'),
    ('enrolment_open_on=2025-01-31T23:59:59%2B02:00'),
    ('enrolment_open_on=2025-03-05 23:59'),
    ('enrolment_open_on=2025-03-05T23:59:01'),
    ('enrolment_open_on=2025-02-10T08:59:59+02:00'),
    ('enrolment_open_on=2030-01-01')
) v(q);

-- enrolment_open / _waitlist (D7) against now(): times relative to today.
INSERT INTO linkedevents.event (id, data_source, name) VALUES
    ('now:open', 'ds', NULL), ('now:full', 'ds', NULL), ('now:waitlist', 'ds', NULL),
    ('now:later', 'ds', NULL), ('now:closed', 'ds', NULL);
INSERT INTO linkedevents.registration (event, enrolment_start_time, enrolment_end_time,
        remaining_attendee_capacity, remaining_waiting_list_capacity) VALUES
    ('now:open', now() - interval '1 day', now() + interval '1 day', NULL, 0),
    ('now:full', NULL, now() + interval '1 day', 0, 0),
    ('now:waitlist', NULL, now() + interval '1 day', 0, 3),
    ('now:later', now() + interval '1 hour', now() + interval '1 day', 10, 10),
    ('now:closed', NULL, now() - interval '1 second', 10, 10);
SELECT q, le_ids(q) FROM (VALUES
    ('enrolment_open=true'),
    ('enrolment_open_waitlist=true'),
    ('enrolment_open=false&ids=now:open,now:full')
) v(q);
DELETE FROM linkedevents.event WHERE id LIKE 'now:%';

-- Places: division by OCD id (completed) or by name (title-cased), bbox
-- (strictly within), dwithin (spheroid, inclusive), srid (SPEC 1.8, D17).
SELECT q, le_ids(q) FROM (VALUES
    ('division=ocd-division/country:fi/kunta:espoo'),
    ('division=kunta:espoo'),
    ('division=peruspiiri:malmi'),
    ('division=malmi'),
    ('division=MALMI,itä-pasila'),
    ('division=helsingfors'),
    ('division=Helsingfors&location=place:pasila'),
    ('division=nowhere'),
    ('bbox=24.9,60.19,25.1,60.3'),
    ('bbox=25.1,60.3,24.9,60.19'),
    ('bbox=24.933,60.19,25.1,60.3'),
    ('bbox=380000,6660000,400000,6700000&srid=3067'),
    ('bbox=380000,6660000,400000,6700000'),
    ('dwithin_origin=24.933,60.199&dwithin_metres=1'),
    ('dwithin_origin=24.933,60.2&dwithin_metres=111'),
    ('dwithin_origin=24.933,60.2&dwithin_metres=111.5'),
    ('dwithin_origin=24.933,60.199&dwithin_metres='),
    ('dwithin_origin=&dwithin_metres=5')
) v(q);
-- the distance of the two dwithin cases above, on the spheroid
SELECT round(ST_Distance('SRID=4326;POINT(24.933 60.199)'::geography,
                         'SRID=4326;POINT(24.933 60.2)'::geography)::numeric, 2) AS metres;

-- all_ongoing (SPEC 1.9, D27): not deleted, not ended, local (a division is
-- linkedevents.municipality) or internet.
INSERT INTO linkedevents.event (id, data_source, location, start_time, end_time) VALUES
    ('now:local', 'ds', 'place:pasila', now() - interval '1 hour', now() + interval '1 hour'),
    ('now:espoo', 'ds', 'place:espoo', now() - interval '1 hour', now() + interval '1 hour'),
    ('now:web', 'ds', 'helsinki:internet', now() - interval '1 hour', now() + interval '1 hour'),
    ('now:past', 'ds', 'place:pasila', now() - interval '2 hour', now() - interval '1 hour');
SELECT q, le_ids(q) FROM (VALUES
    ('all_ongoing=true'),
    ('all_ongoing=false&ids=now:espoo,now:past')
) v(q);
BEGIN;
SET LOCAL linkedevents.municipality = 'ocd-division/country:fi/kunta:espoo';
SELECT le_ids('all_ongoing=true') AS espoo_local;
ROLLBACK;

-- The functions pin their search_path: PostGIS and the extension's own
-- objects resolve whatever the caller's path is.
SET search_path = '';
SELECT public.le_ids('bbox=24.9,60.19,25.1,60.3&dwithin_origin=24.933,60.199&dwithin_metres=1&srid=4326') AS empty_path;
SELECT (linkedevents.event_list('ids=ds:1') -> 'meta') AS meta;
RESET search_path;
