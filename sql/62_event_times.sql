-- Event list time filters (SPEC 1.3-1.7, 1.18, D9, D10, D16, D26): start,
-- end, days, ongoing, last_modified_since, hours of day, weekday, durations.
-- Fixture times are Helsinki local; 2025-03-06 is a Thursday and
-- 2025-03-30 the spring DST change.
SELECT le_test_reset();
SELECT le_event_fixtures();

-- start: end exclusive, start inclusive, postponed kept (no end key);
-- date-only multi-day events (ds:3) stay while they last; a timed start with
-- no end (ds:4) is gone once it started.
SELECT q, le_ids(q) FROM (VALUES
    ('start=2025-03-07'),
    ('start=2025-03-06T12:00'),
    ('start=2025-03-06T19:59:59%2B02:00&ids=ds:1'),
    ('start=2025-03-06T18:00:00Z&ids=ds:1'),
    ('start=2025-03-06 18:00&ids=ds:1'),
    ('start=2025-03-06T18:00:00.000001&ids=ds:1,ds:4'),
    ('start=2025-03-06T16:00:00.5-02:00&ids=ds:1')
) v(q);

-- end: start inclusive; a bare date D means up to 00:00 of D+1, inclusive;
-- with both keys postponed events are out. The DST day is 23 hours long.
SELECT q, le_ids(q) FROM (VALUES
    ('end=2025-03-06'),
    ('end=2025-3-29&ids=ds:2'),
    ('end=2025-03-29T23:59:59&ids=ds:2'),
    ('start=2025-03-07&end=2025-03-07'),
    ('start=2025-03-30&end=2025-03-30'),
    ('start=2025-03-31T00:00%2B03:00&ids=ds:2'),
    ('start=2025-03-30T23:59:59%2B03:00&ids=ds:2'),
    ('start=&end=&ids=ds:5')
) v(q);

-- last_modified_since (D9): a bare date is 00:00 Helsinki of that day, a
-- naive date-time is UTC.
SELECT q, le_ids(q) FROM (VALUES
    ('last_modified_since=2025-01-20'),
    ('last_modified_since=2025-01-19T10:00:00'),
    ('last_modified_since=2025-01-19T10:00:01'),
    ('last_modified_since=2025-01-19T12:00:00%2B02:00')
) v(q);

-- Hours of day, local, inclusive (SPEC 1.5).
SELECT q, le_ids(q) FROM (VALUES
    ('starts_after=18'),
    ('starts_after=16:30'),
    ('starts_after=18:01'),
    ('starts_before=10'),
    ('starts_before=09:59'),
    ('starts_before=9:5&starts_after=0:'),
    ('ends_after=21:00'),
    ('ends_before=01'),
    ('ends_before=02:00')
) v(q);

-- Durations, inclusive (SPEC 1.7).
SELECT q, le_ids(q) FROM (VALUES
    ('min_duration=2h'),
    ('min_duration=7200'),
    ('min_duration=7201s'),
    ('max_duration=1h'),
    ('max_duration=60m'),
    ('max_duration=3599'),
    ('min_duration=3 D'),
    ('max_duration=0')
) v(q);

-- weekday (SPEC 1.6): start or end day, 7 days or longer (ds:3, ds:13),
-- spans over the week boundary (ds:2 Sun-Mon, ds:20 Fri-Tue).
SELECT q, le_ids(q) FROM (VALUES
    ('weekday=3'),
    ('weekday=6'),
    ('weekday=7,2'),
    ('weekday=5'),
    ('weekday=1&ids=ds:2,ds:1')
) v(q);

-- today, now, days and ongoing against the transaction's now(): events
-- relative to the local midnight of today.
INSERT INTO linkedevents.data_source (id) VALUES ('rel');
WITH midnight AS (
    SELECT date_trunc('day', now() AT TIME ZONE 'Europe/Helsinki') AT TIME ZONE 'Europe/Helsinki' AS t
)
INSERT INTO linkedevents.event (id, data_source, start_time, end_time, last_modified_time)
SELECT id, 'rel', s, e, lm FROM midnight, LATERAL (VALUES
    ('rel:yesterday', t - interval '14 hours', t - interval '12 hours', t - interval '1 minute'),
    ('rel:today', t + interval '10 hours', t + interval '12 hours', t + interval '1 minute'),
    ('rel:ongoing', now() - interval '1 hour', now() + interval '1 hour', t + interval '2 minutes'),
    ('rel:day3', t + interval '2 days 10 hours', t + interval '2 days 11 hours', t + interval '3 minutes'),
    ('rel:day4', t + interval '3 days 10 hours', t + interval '3 days 11 hours', t + interval '4 minutes')
) v(id, s, e, lm);
SELECT q, le_ids(q) FROM (VALUES
    ('data_source=rel&start=today'),
    ('data_source=rel&start=TODAY&end=today'),
    ('data_source=rel&end=today&ids=rel:yesterday,rel:today,rel:day3'),
    ('data_source=rel&days=1'),
    ('data_source=rel&days=3'),
    ('data_source=rel&days=4'),
    ('data_source=rel&start=now&ids=rel:ongoing,rel:yesterday,rel:day3'),
    ('data_source=rel&end=Now&ids=rel:ongoing,rel:yesterday,rel:day3'),
    ('data_source=rel&ongoing=true&ids=rel:ongoing,rel:yesterday'),
    ('data_source=rel&ongoing=false&ids=rel:ongoing,rel:yesterday'),
    ('data_source=rel&last_modified_since=today')
) v(q);
-- days keeps postponed events, as start alone does (D10)
SELECT le_ids('days=2&event_status=EventPostponed') AS postponed_in_days;
