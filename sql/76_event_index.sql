-- The event index (src/event_index*.c, src/sql/62_event_index.sql): the
-- event list counted and paged from it gives exactly what SQL over the
-- tables gives, for every filter, visibility rule and sort key, before and
-- after every kind of write; the stored records equal a rebuild.
SELECT le_test_reset();
\set size 1200
\set seed 5
\set ECHO none
\i test/generate.sql
\set ECHO all
RESET client_min_messages;

-- Values the data has: fields the generator leaves empty are filled here,
-- on a few events, which also exercises the triggers.
UPDATE linkedevents.event SET created_by = 'user:a'
 WHERE id IN (SELECT id FROM linkedevents.event ORDER BY id LIMIT 40);
UPDATE linkedevents.event
   SET enrolment_start_time = start_time - interval '20 days',
       enrolment_end_time = CASE WHEN id > 'helsinki:4' THEN start_time - interval '1 day' END,
       minimum_attendee_capacity = 5
 WHERE id IN (SELECT id FROM linkedevents.event ORDER BY md5(id) LIMIT 80);
SELECT (SELECT id FROM linkedevents.keyword WHERE NOT deprecated ORDER BY n_events DESC, id LIMIT 1) AS common,
       (SELECT id FROM linkedevents.keyword WHERE NOT deprecated AND n_events BETWEEN 2 AND 5
         ORDER BY n_events, id LIMIT 1) AS rare,
       (SELECT location FROM linkedevents.event GROUP BY location ORDER BY count(*) DESC, location LIMIT 1) AS place,
       (SELECT id FROM linkedevents.organization WHERE parent IS NULL ORDER BY id LIMIT 1) AS root,
       (SELECT super_event FROM linkedevents.event WHERE super_event IS NOT NULL
         GROUP BY super_event ORDER BY count(*) DESC, super_event LIMIT 1) AS super,
       (SELECT publisher FROM linkedevents.event WHERE publication_status = 'draft'
         ORDER BY id LIMIT 1) AS draft_publisher
\gset

-- pg_temp.page(q): the event list page of q as text, or its error.
CREATE FUNCTION pg_temp.page(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    RETURN linkedevents.event_list(q)::text;
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;
-- pg_temp.check(queries): for each query string, whether the index answers
-- it, and whether its page (or error) equals what SQL gives from the
-- tables; only the rows where the index does not answer (a list without
-- filters in the default order stays with event_count; an error) or
-- the pages differ are shown.
CREATE FUNCTION pg_temp.check(queries text[]) RETURNS TABLE (query text, answers boolean, same boolean)
LANGUAGE plpgsql AS $$
DECLARE
    q text;
    indexed text;
    written text;
BEGIN
    FOREACH q IN ARRAY queries LOOP
        PERFORM set_config('linkedevents.use_event_index', 'on', true);
        BEGIN
            answers := linkedevents._event_index_answers(q);
        EXCEPTION WHEN OTHERS THEN
            answers := NULL;
        END;
        indexed := pg_temp.page(q);
        PERFORM set_config('linkedevents.use_event_index', 'off', true);
        written := pg_temp.page(q);
        PERFORM set_config('linkedevents.use_event_index', 'on', true);
        query := q;
        same := indexed = written;
        IF answers IS NOT TRUE OR NOT same THEN
            RETURN NEXT;
        END IF;
    END LOOP;
END
$$;

-- The request set: every filter alone, with start=today&sort=start_time,
-- and the sort keys both ways, paged.
CREATE TEMP TABLE request (q text);
INSERT INTO request (q) SELECT unnest(ARRAY[
    'start=today', 'start=now', 'end=today', 'start=2020-01-01&end=2030-01-01', 'days=30',
    'ongoing=true', 'ongoing=false', 'last_modified_since=2020-01-01',
    'starts_after=16', 'starts_before=12:30', 'ends_after=18:00', 'ends_before=9',
    'weekday=6,7', 'weekday=1', 'weekday=3,5', 'min_duration=2h', 'max_duration=3h', 'min_duration=1d',
    'location=' || :'place', 'bbox=24.93,60.16,24.96,60.18', 'dwithin_origin=24.9384,60.1699&dwithin_metres=2000',
    'division=kunta:espoo', 'division=vironniemi,ullanlinna', 'internet_based=true',
    'all_ongoing=true', 'local_ongoing_OR=lapsi,musiikki', 'local_ongoing_AND=lapsi,musiikki',
    'internet_ongoing_OR=konsertti', 'all_ongoing_OR=teatteri', 'all_ongoing_OR_set1=lapsi&all_ongoing_OR_set2=musiikki',
    'local_ongoing_text=musiikki',
    'keyword=' || :'common', 'keyword=' || :'rare', 'keyword=' || :'common' || ',' || :'rare',
    'keyword_AND=' || :'common' || ',' || :'rare', 'keyword!=' || :'common',
    'keyword_OR_set1=' || :'common' || '&keyword_OR_set2=' || :'rare',
    'keyword_set_OR=helsinki:audiences', 'keyword_set_AND=helsinki:topics,helsinki:audiences',
    'keyword=unknown:1',
    'text=kirjasto', 'combined_text=musiikki,lapsi', 'full_text=konsertti&sort=start_time',
    'full_text=konsertti', 'full_text=lasten konsertti&full_text_language=fi,sv,en',
    'super_event_type=recurring', 'super_event_type=umbrella,none', 'super_event=none',
    'super_event=' || :'super', 'hide_super_event=true', 'recurring=super', 'recurring=sub',
    'hide_recurring_children=true', 'hide_recurring_children=true&hide_recurring_children_sub_events=true',
    'ids=helsinki:1,helsinki:2,helsinki:3', 'event_type=course', 'event_type=general,volunteering',
    'event_status=EventCancelled', 'event_status=eventpostponed,eventscheduled',
    'publication_status=draft', 'publication_status=public', 'data_source=sisainen', 'data_source=helsinki,espoo',
    'data_source!=helsinki', 'publisher=' || :'root', 'publisher_ancestor=' || :'root',
    'language=fi', 'language=ru', 'language=et', 'in_language=en,sv', 'translation=sv', 'translation=xx',
    'audience_min_age=10', 'audience_min_age_gt=6', 'audience_max_age=12', 'audience_max_age_lt=15',
    'suitable_for=12', 'suitable_for=7,10', 'is_free=true', 'is_free=false',
    'registration=true', 'registration=false', 'enrolment_open=true', 'enrolment_open_waitlist=true',
    'enrolment_open_on=2026-06-01T12:00:00Z', 'enrolment_open_on=2020-01-01',
    'registration__remaining_attendee_capacity__gte=5', 'registration__remaining_attendee_capacity__isnull=true',
    'registration__remaining_waiting_list_capacity__gte=1', 'registration__remaining_waiting_list_capacity__isnull=false',
    'maximum_attendee_capacity_gte=50', 'maximum_attendee_capacity_lte=50', 'minimum_attendee_capacity_gte=5',
    'minimum_attendee_capacity_lte=4',
    'show_deleted=true', 'deleted=true', 'created_by=true', 'admin_user=true', 'show_all=true',
    'registration_admin_user=true']) q;
INSERT INTO request (q)
    SELECT q || '&start=today&sort=start_time' FROM request
    UNION ALL
    SELECT 'sort=' || k FROM unnest('{start_time,-start_time,end_time,-end_time,duration,-duration,
        last_modified_time,-last_modified_time,maximum_attendee_capacity,-maximum_attendee_capacity,
        minimum_attendee_capacity,enrolment_start_time,-enrolment_end_time,
        registration__enrolment_start_time,-registration__enrolment_end_time,enrolment_start,
        -enrolment_start,enrolment_end,-enrolment_end,"end_time,-start_time","duration,end_time",
        "-enrolment_start,start_time",unknown_key}'::text[]) k
    UNION ALL
    SELECT unnest(ARRAY['start=today&page=3', 'start=today&page=last', 'start=today&page_size=100&page=2',
                        'sort=-maximum_attendee_capacity&page=5', 'sort=enrolment_start&page=last',
                        'start=today&sort=start_time&page_size=7&page=13', 'keyword=' || :'rare' || '&page_size=1&page=2']);
SELECT count(*) AS requests FROM request;

-- Anonymous, then signed in as an administrator of a draft's publisher.
SELECT * FROM pg_temp.check(ARRAY(SELECT q FROM request));
BEGIN;
SELECT set_config('linkedevents.user_id', 'user:a', true),
       set_config('linkedevents.user_organizations', :'draft_publisher', true) \gset
SELECT * FROM pg_temp.check(ARRAY(SELECT q FROM request WHERE q ~ 'show_all|admin_user|created_by|draft'));
COMMIT;

-- Requests the index does not answer, answered by SQL as before: sort by
-- name, the switch off.
SELECT linkedevents._event_index_answers('sort=name') AS by_name,
       linkedevents._event_index_answers('') AS unfiltered_default_order;
SET linkedevents.use_event_index = off;
SELECT linkedevents._event_index_answers('start=today') AS switched_off;
RESET linkedevents.use_event_index;

-- The counts are exact: against count(*) over find_events.
SELECT q, (linkedevents.event_list(q) -> 'meta' ->> 'count')::int = (SELECT count(*) FROM linkedevents.find_events(q)) AS exact
  FROM unnest(ARRAY['start=today', 'keyword!=' || :'common', 'suitable_for=12&start=today',
                    'weekday=6,7&start=today', 'hide_recurring_children=true&hide_recurring_children_sub_events=true']) q;

-- pg_temp.rebuilt(): the stored records differ from a rebuild in how many
-- events (0 when the triggers kept the index exact).
CREATE FUNCTION pg_temp.rebuilt() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    differing bigint;
BEGIN
    CREATE TEMP TABLE stored AS SELECT * FROM linkedevents._event_index_records();
    PERFORM linkedevents.refresh_event_index();
    SELECT count(*) INTO differing FROM (
        (SELECT * FROM stored EXCEPT ALL SELECT * FROM linkedevents._event_index_records())
        UNION ALL
        (SELECT * FROM linkedevents._event_index_records() EXCEPT ALL SELECT * FROM stored)) d;
    DROP TABLE stored;
    RETURN differing;
END
$$;
SELECT (SELECT count(*) FROM linkedevents._event_index_records()) = (SELECT count(*) FROM linkedevents.event) AS every_event,
       (SELECT count(*) FROM linkedevents.event_index_slot) = (SELECT count(*) FROM linkedevents.event) AS every_slot,
       pg_temp.rebuilt() AS differing;

-- Every kind of write, then the same checks. Events: times, keywords,
-- visibility, a new super event type, an id change, deletes, inserts.
UPDATE linkedevents.event SET start_time = start_time + interval '3 days', end_time = end_time + interval '3 days'
 WHERE id IN (SELECT id FROM linkedevents.event ORDER BY md5(id || 'a') LIMIT 100);
UPDATE linkedevents.event SET keywords = keywords || :'rare'::text
 WHERE id IN (SELECT id FROM linkedevents.event WHERE NOT :'rare' = ANY (keywords) ORDER BY md5(id || 'b') LIMIT 30);
UPDATE linkedevents.event SET publication_status = 'draft' WHERE id IN (SELECT id FROM linkedevents.event ORDER BY md5(id || 'c') LIMIT 20);
UPDATE linkedevents.event SET deleted = true WHERE id IN (SELECT id FROM linkedevents.event ORDER BY md5(id || 'd') LIMIT 20);
UPDATE linkedevents.event SET super_event_type = 'recurring' WHERE id = :'super';
UPDATE linkedevents.event SET audience_min_age = 11, audience_max_age = NULL
 WHERE id IN (SELECT id FROM linkedevents.event ORDER BY md5(id || 'e') LIMIT 25);
UPDATE linkedevents.event SET id = id || 'x' WHERE id IN (SELECT e.id FROM linkedevents.event e
  WHERE super_event_type IS NULL AND replaced_by IS NULL
    AND NOT EXISTS (SELECT FROM linkedevents.event r WHERE e.id IN (r.replaced_by, r.super_event))
    AND NOT EXISTS (SELECT FROM linkedevents.event_image i WHERE i.event = e.id)
    AND NOT EXISTS (SELECT FROM linkedevents.event_link l WHERE l.event = e.id)
    AND NOT EXISTS (SELECT FROM linkedevents.event_video v WHERE v.event = e.id)
    AND NOT EXISTS (SELECT FROM linkedevents.offer o WHERE o.event = e.id)
    AND NOT EXISTS (SELECT FROM linkedevents.registration g WHERE g.event = e.id)
  ORDER BY md5(id || 'f') LIMIT 5);
DELETE FROM linkedevents.event WHERE id IN (SELECT id FROM linkedevents.event
  WHERE super_event_type IS NULL AND replaced_by IS NULL
    AND id NOT IN (SELECT replaced_by FROM linkedevents.event WHERE replaced_by IS NOT NULL)
  ORDER BY md5(id || 'g') LIMIT 60);
INSERT INTO linkedevents.event (id, data_source, publisher, location, keywords, start_time, end_time,
                                name, last_modified_time)
SELECT 'helsinki:new' || i, 'helsinki', :'root', :'place', ARRAY[:'common'],
       date_trunc('day', now()) + i * interval '7 hours', date_trunc('day', now()) + i * interval '8 hours',
       jsonb_build_object('fi', 'Uusi ' || i), now() - i * interval '1 minute'
  FROM generate_series(1, 600) i;
-- Registrations and offers, which records show.
UPDATE linkedevents.registration SET remaining_attendee_capacity = 0
 WHERE id IN (SELECT id FROM linkedevents.registration ORDER BY id LIMIT 30);
DELETE FROM linkedevents.registration WHERE id IN (SELECT id FROM linkedevents.registration ORDER BY id DESC LIMIT 20);
INSERT INTO linkedevents.registration (event, enrolment_start_time, enrolment_end_time, remaining_attendee_capacity)
SELECT 'helsinki:new' || i, now() - interval '1 day', now() + interval '10 days', i % 3 FROM generate_series(1, 40) i;
UPDATE linkedevents.offer SET is_free = NOT is_free WHERE id IN (SELECT id FROM linkedevents.offer ORDER BY id LIMIT 50);
DELETE FROM linkedevents.offer WHERE id IN (SELECT id FROM linkedevents.offer ORDER BY id DESC LIMIT 50);
INSERT INTO linkedevents.offer (event, position, is_free) SELECT 'helsinki:new' || i, 1, i % 2 = 0 FROM generate_series(1, 60) i;
-- A rolled-back change leaves nothing behind.
BEGIN;
UPDATE linkedevents.event SET deleted = true;
DELETE FROM linkedevents.registration;
ROLLBACK;

SELECT * FROM pg_temp.check(ARRAY(SELECT q FROM request));
SELECT (SELECT count(*) FROM linkedevents._event_index_records()) = (SELECT count(*) FROM linkedevents.event) AS every_event,
       pg_temp.rebuilt() AS differing;

-- A cached page follows a change committed by another transaction (the
-- segment's version changes): here, by this session after a read.
SELECT (linkedevents.event_list('keyword=' || :'rare') -> 'meta' ->> 'count')::int AS before;
UPDATE linkedevents.event SET keywords = keywords || :'rare'::text
 WHERE id IN (SELECT id FROM linkedevents.event WHERE NOT :'rare' = ANY (keywords) ORDER BY id LIMIT 3);
SELECT (linkedevents.event_list('keyword=' || :'rare') -> 'meta' ->> 'count')::int AS after;

-- TRUNCATE: of registration, every record is written again; of event,
-- the index empties.
TRUNCATE linkedevents.registration;
SELECT * FROM pg_temp.check(ARRAY(SELECT q FROM request WHERE q ~ 'registration|enrolment'));
SELECT pg_temp.rebuilt() AS differing;

-- An infinite time: the local-time, weekday and duration tests and keys
-- leave the request to SQL, whose answer (or error) it is.
UPDATE linkedevents.event SET end_time = 'infinity' WHERE id = (SELECT min(id) FROM linkedevents.event);
SELECT q, linkedevents._event_index_answers(q) AS answers, le_error(format('SELECT linkedevents.event_list(%L)', q))
  FROM unnest('{weekday=1,ends_after=12,min_duration=1h,sort=duration,start=today}'::text[]) q;
SELECT * FROM pg_temp.check('{weekday=1,ends_after=12,start=today}');

-- A segment broken by hand is an error naming the repair; the repair works.
BEGIN;
UPDATE linkedevents.event_index_segment SET records = '\x00', version = version + 1000000
 WHERE segment = (SELECT min(segment) FROM linkedevents.event_index_segment);
SELECT le_error('SELECT linkedevents.event_list(''start=today'')');
SELECT linkedevents.refresh_event_index() = (SELECT count(*) FROM linkedevents.event) AS refreshed;
SELECT * FROM pg_temp.check(ARRAY['start=today', 'keyword=' || :'common']);
ROLLBACK;

-- A user who may not read the index (or the event rows) is answered by SQL.
CREATE ROLE le_index_reader;
GRANT USAGE ON SCHEMA linkedevents TO le_index_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA linkedevents TO le_index_reader;
REVOKE SELECT ON linkedevents.event_index_segment FROM le_index_reader;
SET ROLE le_index_reader;
SELECT linkedevents._event_index_answers('start=today') AS answers_without_select,
       (linkedevents.event_list('start=today') -> 'meta' ->> 'count')::int
       = (SELECT count(*) FROM linkedevents.find_events('start=today')) AS exact;
RESET ROLE;
REVOKE ALL ON ALL TABLES IN SCHEMA linkedevents FROM le_index_reader;
REVOKE USAGE ON SCHEMA linkedevents FROM le_index_reader;
DROP ROLE le_index_reader;

TRUNCATE linkedevents.event CASCADE;
SELECT (SELECT count(*) FROM linkedevents.event_index_segment) AS segments,
       (SELECT count(*) FROM linkedevents.event_index_slot) AS slots,
       linkedevents.event_list('start=today') -> 'meta' ->> 'count' AS count;
