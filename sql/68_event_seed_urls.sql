-- Every example URL of the event list documentation (seed 001) is answered
-- through linkedevents.get with status 200, on the event fixtures of 60, and
-- selects what an independently written predicate over the tables selects,
-- in the same order (the default -last_modified_time, id unless sorted).
-- Three events around now() give the ongoing family, start=now and days
-- something to find. Columns: the fixture ids found (the now: events depend
-- on the hour, so only `same` speaks for them); same = find_events gives
-- exactly the predicate's ids in its order; filtered = fewer or other events
-- than without the parameters, i.e. ignoring the parameter would be noticed.
SELECT le_test_reset();
SELECT le_event_fixtures();
INSERT INTO linkedevents.event (id, data_source, location, name, start_time, end_time,
                                last_modified_time) VALUES
    ('now:local', 'ds', 'place:pasila', '{"fi": "Lapsi ja musiikki"}',
     now() - interval '1 hour', now() + interval '2 hours', '2025-02-01 10:00Z'),
    ('now:web', 'ds', 'helsinki:internet', '{"fi": "Verkossa lapsi ja musiikki"}',
     now() - interval '1 hour', now() + interval '2 hours', '2025-02-02 10:00Z'),
    ('now:espoo', 'ds', 'place:espoo', '{"fi": "Musiikki"}',
     now() + interval '2 days', now() + interval '2 days 2 hours', '2025-02-03 10:00Z');
-- the keyword sets of the keyword_set_AND example: set 1 matches ds:18 by
-- its audience keyword
INSERT INTO linkedevents.keyword_set (id, keywords) VALUES
    ('myservice:1', '{yso:aud,yso:k2}'), ('myservice:2', '{yso:k3,yso:k2}');

-- The predicates' building blocks, written from SPEC 1 (not from the code).
CREATE FUNCTION pg_temp.public_general(e linkedevents.event) RETURNS boolean LANGUAGE sql AS $$
    SELECT e.publication_status = 'public' AND e.type_id = 'General' AND NOT e.deleted
       AND NOT (SELECT ds.private FROM linkedevents.data_source ds WHERE ds.id = e.data_source)
$$;
-- SPEC 1.11 text: a translated field of the event or its place contains
-- the term, case-insensitively.
CREATE FUNCTION pg_temp.text_contains(e linkedevents.event, term text) RETURNS boolean LANGUAGE sql AS $$
    SELECT EXISTS (
        SELECT 1
          FROM unnest(ARRAY[e.name, e.description, e.short_description, e.info_url,
                            e.location_extra_info, e.headline, e.secondary_headline, e.provider,
                            e.provider_contact_info]
                      || (SELECT ARRAY[p.name, p.description, p.info_url, p.street_address,
                                       p.address_locality, p.telephone]
                            FROM linkedevents.place p WHERE p.id = e.location)) f,
               jsonb_each_text(f) t
         WHERE strpos(lower(t.value), lower(term)) > 0)
$$;
CREATE FUNCTION pg_temp.local_time(t timestamptz) RETURNS time LANGUAGE sql AS $$
    SELECT (t AT TIME ZONE 'Europe/Helsinki')::time
$$;
CREATE FUNCTION pg_temp.today() RETURNS timestamptz LANGUAGE sql AS $$
    SELECT date_trunc('day', now() AT TIME ZONE 'Europe/Helsinki') AT TIME ZONE 'Europe/Helsinki'
$$;
-- SPEC 1.4 start=<dt>, without the postponed arm
CREATE FUNCTION pg_temp.after(e linkedevents.event, dt timestamptz) RETURNS boolean LANGUAGE sql AS $$
    SELECT coalesce((e.end_time > dt AND (e.has_end_time OR NOT e.has_start_time))
                    OR e.start_time >= dt, false)
$$;
-- SPEC 1.6
CREATE FUNCTION pg_temp.weekday(e linkedevents.event, w int[]) RETURNS boolean LANGUAGE sql AS $$
    SELECT coalesce(sd = ANY (w) OR ed = ANY (w) OR long
                    OR EXISTS (SELECT 1 FROM unnest(w) d
                                WHERE (wrap AND (sd <= d OR ed >= d))
                                   OR (NOT wrap AND sd <= d AND d <= ed)), false)
      FROM (SELECT extract(isodow FROM e.start_time AT TIME ZONE 'Europe/Helsinki')::int AS sd,
                   extract(isodow FROM e.end_time AT TIME ZONE 'Europe/Helsinki')::int AS ed,
                   coalesce(e.end_time - e.start_time >= interval '7 days', false) AS long) x,
           LATERAL (SELECT coalesce(sd > ed, false) AS wrap) y
$$;
-- SPEC 1.9, D3, D27: not deleted, not ended, local or internet, every term
-- (all_terms) or any term starting a word of the event's or its place's texts
CREATE FUNCTION pg_temp.ongoing(e linkedevents.event, kind text, terms text[], all_terms boolean)
    RETURNS boolean LANGUAGE sql AS $$
    SELECT NOT e.deleted AND e.end_time >= now()
       AND CASE kind
           WHEN 'local' THEN local
           WHEN 'internet' THEN internet
           ELSE local OR internet END
       AND CASE WHEN all_terms THEN (SELECT bool_and(txt ~* ('\m' || t)) FROM unnest(terms) t)
                ELSE (SELECT bool_or(txt ~* ('\m' || t)) FROM unnest(terms) t) END
      FROM (SELECT EXISTS (SELECT 1 FROM linkedevents.place_division pd
                            WHERE pd.place = e.location
                              AND pd.division = 'ocd-division/country:fi/kunta:helsinki') AS local,
                   coalesce(e.location LIKE '%internet', false) AS internet,
                   concat_ws(' ', e.name ->> 'fi', e.description ->> 'fi',
                             (SELECT string_agg(k.name ->> 'fi', ' ') FROM linkedevents.keyword k
                               WHERE k.id = ANY (e.keywords)),
                             (SELECT p.name ->> 'fi' FROM linkedevents.place p
                               WHERE p.id = e.location)) AS txt) s
$$;
-- the events a predicate keeps, in order (NULL for no predicate)
CREATE FUNCTION pg_temp.expected_ids(predicate text, ordering text) RETURNS text[]
    LANGUAGE plpgsql STRICT AS $$
DECLARE
    ids text[];
BEGIN
    EXECUTE format('SELECT array_agg(e.id ORDER BY %s) FROM linkedevents.event e'
                   ' LEFT JOIN linkedevents.registration r ON r.event = e.id WHERE %s',
                   ordering, predicate) INTO ids;
    RETURN coalesce(ids, '{}');
END $$;
CREATE FUNCTION pg_temp.found_ids(query text) RETURNS text[] LANGUAGE sql AS $$
    SELECT coalesce(array_agg(f.id ORDER BY f.ordinality), '{}')
      FROM linkedevents.find_events(query) WITH ORDINALITY AS f
$$;

CREATE TEMP TABLE seed_url (n serial, q text, predicate text, ordering text DEFAULT 'e.last_modified_time DESC, e.id');
INSERT INTO seed_url (q, predicate) VALUES
    ('local_ongoing_OR=lapsi,musiikki',
     $$pg_temp.public_general(e) AND pg_temp.ongoing(e, 'local', '{lapsi,musiikki}', false)$$),
    ('local_ongoing_OR_set1=lapsi,musiikki&local_ongoing_OR_set2=leiri,kurssi',
     $$pg_temp.public_general(e) AND pg_temp.ongoing(e, 'local', '{lapsi,musiikki}', false)
       AND pg_temp.ongoing(e, 'local', '{leiri,kurssi}', false)$$),
    ('internet_ongoing_AND=lapsi,musiikki',
     $$pg_temp.public_general(e) AND pg_temp.ongoing(e, 'internet', '{lapsi,musiikki}', true)$$),
    ('all_ongoing_AND=lapsi,musiikki',
     $$pg_temp.public_general(e) AND pg_temp.ongoing(e, 'all', '{lapsi,musiikki}', true)$$),
    ('internet_based=true',
     $$pg_temp.public_general(e) AND strpos(e.location, 'internet') > 0$$),
    ('start=today&end=2020-12-31',
     $$pg_temp.public_general(e) AND pg_temp.after(e, pg_temp.today())
       AND (e.end_time < '2021-01-01 00:00+02' OR e.start_time <= '2021-01-01 00:00+02')$$),
    ('start=now&end=today',
     $$pg_temp.public_general(e) AND pg_temp.after(e, now())
       AND (e.end_time < pg_temp.today() + interval '1 day' OR e.start_time <= pg_temp.today() + interval '1 day')$$),
    ('days=7',
     $$pg_temp.public_general(e) AND (e.event_status = 'EventPostponed'
       OR (pg_temp.after(e, pg_temp.today())
           AND (e.end_time < pg_temp.today() + interval '7 days' OR e.start_time < pg_temp.today() + interval '7 days')))$$),
    ('starts_after=16:30&ends_before=21',
     $$pg_temp.public_general(e) AND pg_temp.local_time(e.start_time) >= '16:30'
       AND pg_temp.local_time(e.end_time) <= '21:00'$$),
    ('weekday=6,7',
     $$pg_temp.public_general(e) AND pg_temp.weekday(e, '{6,7}')$$),
    ('max_duration=3d',
     $$pg_temp.public_general(e) AND e.end_time - e.start_time <= interval '3 days'$$),
    ('bbox=24.9348,60.1762,24.9681,60.1889',
     $$pg_temp.public_general(e) AND EXISTS (SELECT 1 FROM linkedevents.place p WHERE p.id = e.location
       AND ST_Within(p.position, ST_MakeEnvelope(24.9348, 60.1762, 24.9681, 60.1889, 4326)))$$),
    ('location=tprek:28473',
     $$pg_temp.public_general(e) AND e.location = 'tprek:28473'$$),
    ('division=malmi',
     $$pg_temp.public_general(e) AND EXISTS (SELECT 1 FROM linkedevents.place_division pd
       JOIN linkedevents.division d ON d.ocd_id = pd.division
       WHERE pd.place = e.location AND 'Malmi' IN (SELECT value FROM jsonb_each_text(d.name)))$$),
    ('dwithin_origin=24.9348,60.1762&dwithin_metres=1000',
     $$pg_temp.public_general(e) AND EXISTS (SELECT 1 FROM linkedevents.place p WHERE p.id = e.location
       AND ST_Distance(p.position::geography, 'SRID=4326;POINT(24.9348 60.1762)'::geography) <= 1000)$$),
    ('keyword=yso:p4354',
     $$pg_temp.public_general(e) AND 'yso:p4354' = ANY (e.keywords || e.audience)$$),
    ('keyword_OR_set1=yso:p1235,yso:p1947&keyword_OR_set2=yso:p14004,yso:p11185',
     $$pg_temp.public_general(e) AND e.keywords || e.audience && '{yso:p1235,yso:p1947}'
       AND e.keywords || e.audience && '{yso:p14004,yso:p11185}'$$),
    ('keyword_set_AND=myservice:1,myservice:2',
     $$pg_temp.public_general(e) AND (SELECT bool_and(s.keywords && (e.keywords || e.audience))
       FROM linkedevents.keyword_set s WHERE s.id IN ('myservice:1', 'myservice:2'))$$),
    ('last_modified_since=2020-04-07&show_deleted=true',
     $$e.publication_status = 'public' AND e.type_id = 'General' AND e.data_source <> 'priv'
       AND e.last_modified_time >= '2020-04-07 00:00+03'$$),
    ('ids=helsinki:1',
     $$pg_temp.public_general(e) AND e.id = 'helsinki:1'$$),
    ('event_status=', $$pg_temp.public_general(e)$$),
    ('event_type=General,Course',
     $$e.publication_status = 'public' AND e.type_id IN ('General', 'Course') AND NOT e.deleted
       AND e.data_source <> 'priv'$$),
    ('text=shostakovich',
     $$pg_temp.public_general(e) AND pg_temp.text_contains(e, 'shostakovich')$$),
    -- the term or one of the 3 keywords most similar to it (SPEC 1.11)
    ('combined_text=lapppset',
     $$pg_temp.public_general(e) AND (pg_temp.text_contains(e, 'lapppset') OR e.keywords && ARRAY(
       SELECT k.id FROM linkedevents.keyword k
        WHERE greatest(similarity('lapppset', k.name->>'fi'), similarity('lapppset', k.name->>'sv'),
                       similarity('lapppset', k.name->>'en')) > 0.2
        ORDER BY greatest(similarity('lapppset', k.name->>'fi'), similarity('lapppset', k.name->>'sv'),
                          similarity('lapppset', k.name->>'en')) DESC, k.id
        LIMIT 3))$$),
    ('is_free=true',
     $$pg_temp.public_general(e) AND EXISTS (SELECT 1 FROM linkedevents.offer o
       WHERE o.event = e.id AND o.is_free)$$),
    ('language=ru',
     $$pg_temp.public_general(e) AND ('ru' = ANY (e.in_language) OR e.name ? 'ru'
       OR e.description ? 'ru' OR e.short_description ? 'ru')$$),
    ('audience_min_age_gt=10',
     $$pg_temp.public_general(e) AND e.audience_min_age >= 10$$),
    ('suitable_for=12',
     $$pg_temp.public_general(e) AND coalesce(e.audience_min_age <= 12, true)
       AND coalesce(e.audience_max_age >= 12, true)
       AND (e.audience_min_age IS NOT NULL OR e.audience_max_age IS NOT NULL)$$),
    ('suitable_for=12,14',
     $$pg_temp.public_general(e) AND coalesce(e.audience_min_age <= 12, true)
       AND coalesce(e.audience_max_age >= 14, true)
       AND (e.audience_min_age IS NOT NULL OR e.audience_max_age IS NOT NULL)$$),
    ('publisher=ytj:0586977-6',
     $$pg_temp.public_general(e) AND e.publisher = 'ytj:0586977-6'$$),
    ('publisher_ancestor=ahjo:00001',
     $$pg_temp.public_general(e) AND e.publisher LIKE 'ahjo:%'$$),
    ('data_source=helsinki',
     $$e.publication_status = 'public' AND e.type_id = 'General' AND NOT e.deleted
       AND e.data_source = 'helsinki'$$),
    ('super_event_type=umbrella,none',
     $$pg_temp.public_general(e) AND (e.super_event_type IS NULL OR e.super_event_type = 'umbrella')$$),
    ('super_event=linkedevents:agg-103',
     $$pg_temp.public_general(e) AND e.super_event = 'linkedevents:agg-103'$$),
    ('hide_super_event=true',
     $$pg_temp.public_general(e) AND NOT (e.super_event IS NULL AND e.super_event_type IS NOT NULL)$$),
    ('hide_recurring_children=true',
     $$pg_temp.public_general(e) AND NOT EXISTS (SELECT 1 FROM linkedevents.event s
       WHERE s.id = e.super_event AND s.super_event_type = 'recurring')$$),
    ('hide_recurring_children=true&hide_recurring_children_sub_events=true&weekday=6,7',
     $$pg_temp.public_general(e) AND ((pg_temp.weekday(e, '{6,7}')
           AND NOT EXISTS (SELECT 1 FROM linkedevents.event s
                            WHERE s.id = e.super_event AND s.super_event_type = 'recurring'))
       OR e.id IN (SELECT c.super_event FROM linkedevents.event c
                    WHERE pg_temp.public_general(c) AND pg_temp.weekday(c, '{6,7}')))$$),
    ('registration=true',
     $$pg_temp.public_general(e) AND r.id IS NOT NULL$$),
    ('enrolment_open_waitlist=true',
     $$pg_temp.public_general(e) AND r.enrolment_end_time >= now()
       AND coalesce(r.enrolment_start_time <= now(), true)
       AND (coalesce(r.remaining_attendee_capacity >= 1, true)
            OR coalesce(r.remaining_waiting_list_capacity >= 1, true))$$),
    ('enrolment_open_on=2024-02-19T12:00:00',
     $$pg_temp.public_general(e)
       AND coalesce(r.enrolment_start_time, e.enrolment_start_time, r.enrolment_end_time,
                    e.enrolment_end_time) IS NOT NULL
       AND coalesce(coalesce(r.enrolment_start_time, e.enrolment_start_time) <= '2024-02-19 12:00+02', true)
       AND coalesce(coalesce(r.enrolment_end_time, e.enrolment_end_time) >= '2024-02-19 12:00+02', true)$$),
    ('maximum_attendee_capacity_gte=10',
     $$pg_temp.public_general(e) AND e.maximum_attendee_capacity >= 10$$),
    ('maximum_attendee_capacity_lte=10',
     $$pg_temp.public_general(e) AND e.maximum_attendee_capacity <= 10$$),
    ('minimum_attendee_capacity_gte=10',
     $$pg_temp.public_general(e) AND e.minimum_attendee_capacity >= 10$$),
    ('minimum_attendee_capacity_lte=10',
     $$pg_temp.public_general(e) AND e.minimum_attendee_capacity <= 10$$),
    ('registration__remaining_attendee_capacity__gte=10',
     $$pg_temp.public_general(e) AND r.remaining_attendee_capacity >= 10$$),
    ('registration__remaining_attendee_capacity__isnull=true',
     $$pg_temp.public_general(e) AND r.remaining_attendee_capacity IS NULL$$),
    ('registration__remaining_waiting_list_capacity__gte=10',
     $$pg_temp.public_general(e) AND r.remaining_waiting_list_capacity >= 10$$),
    ('registration__remaining_waiting_list_capacity__isnull=true',
     $$pg_temp.public_general(e) AND r.remaining_waiting_list_capacity IS NULL$$),
    -- anonymous: no editable organizations, no user (D22; as alice below)
    ('admin_user=true', 'false'),
    ('created_by=true', 'false'),
    ('publication_status=draft', 'false'),
    ('show_all=true', $$pg_temp.public_general(e)$$),
    ('registration_admin_user=true', 'false'),
    ('include=location,keywords', $$pg_temp.public_general(e)$$),
    ('sort=-end_time', $$pg_temp.public_general(e)$$),
    ('format=api&registration__remaining_attendee_capacity__isnull=true',
     $$pg_temp.public_general(e) AND r.remaining_attendee_capacity IS NULL$$);
UPDATE seed_url SET ordering = 'e.end_time DESC, e.id' WHERE q = 'sort=-end_time';

CREATE FUNCTION pg_temp.check_urls() RETURNS TABLE (query text, status int, fixture_ids text,
                                                   same boolean, filtered boolean)
    LANGUAGE sql AS $$
    SELECT u.q, g.status,
           array_to_string(ARRAY(SELECT i FROM unnest(found) WITH ORDINALITY x(i, n)
                                  WHERE i NOT LIKE 'now:%' ORDER BY n), ' '),
           found = pg_temp.expected_ids(u.predicate, u.ordering),
           found IS DISTINCT FROM pg_temp.found_ids('')
      FROM seed_url u, LATERAL linkedevents.get('event/', u.q) g,
           LATERAL pg_temp.found_ids(u.q) found
     WHERE g.body -> 'meta' -> 'count' IS NOT NULL
     ORDER BY u.n
$$;
SELECT * FROM pg_temp.check_urls();
SELECT count(*) AS list_pages FROM pg_temp.check_urls();
-- the now: events where the hour does not matter
SELECT q AS query, array_to_string(ARRAY(SELECT i FROM unnest(pg_temp.found_ids(q)) WITH ORDINALITY x(i, n)
                                          WHERE i LIKE 'now:%' ORDER BY n), ' ') AS now_ids
  FROM seed_url
 WHERE q ~ '^(local_ongoing|internet_ongoing|all_ongoing|internet_based|start=now|days)'
 ORDER BY n;

-- The authenticated views as alice, who administers org:a (D22).
BEGIN;
SET LOCAL linkedevents.user_id = 'alice';
SET LOCAL linkedevents.user_organizations = 'org:a';
UPDATE seed_url SET predicate = CASE q
    WHEN 'admin_user=true' THEN
        $$e.publisher IN ('org:a', 'org:a1') AND e.type_id = 'General' AND NOT e.deleted$$
    WHEN 'created_by=true' THEN $$pg_temp.public_general(e) AND e.created_by = 'alice'$$
    WHEN 'show_all=true' THEN
        $$(pg_temp.public_general(e) OR (e.publisher IN ('org:a', 'org:a1')
           AND e.type_id = 'General' AND NOT e.deleted))$$
    WHEN 'registration_admin_user=true' THEN
        $$pg_temp.public_general(e) AND r.id IS NOT NULL AND e.publisher IN ('org:a', 'org:a1')$$
    END
 WHERE q IN ('admin_user=true', 'created_by=true', 'show_all=true', 'registration_admin_user=true');
SELECT * FROM pg_temp.check_urls()
 WHERE query IN ('admin_user=true', 'created_by=true', 'publication_status=draft',
                 'show_all=true', 'registration_admin_user=true');
ROLLBACK;

-- include embeds the place and the keywords (the filter-free URLs above
-- only show that nothing was filtered)
SELECT e ->> 'id' AS id, e -> 'location' ->> 'name' AS location_name,
       e -> 'keywords' -> 0 ->> 'name' AS first_keyword
  FROM linkedevents.get('event/', 'include=location,keywords&ids=ds:1') g,
       json_array_elements(g.body -> 'data') e;
