-- Every 400 of the event list: SQLSTATE 22023 with the API's message
-- (SPEC 1, D1, D2, D13, D16), and the pipeline order of SPEC 1.1 deciding
-- which error wins when several parameters are bad.
SELECT le_test_reset();
SELECT le_event_fixtures();

-- Request checks, booleans (D2), main filters.
SELECT q, le_ids(q) FROM (VALUES
    ('srid=abc'),
    ('srid=777'),
    ('srid=-1'),
    ('srid=3067&ids=ds:1'),
    ('use_image_proxy=maybe'),
    ('show_all=yes'),
    ('registration=tRuE'),
    ('enrolment_open=on'),
    ('all_ongoing=2'),
    ('internet_based=x'),
    ('event_type=party'),
    ('event_type=general,'),
    ('last_modified_since=yesterday'),
    ('last_modified_since=2020-02-19T11:22:33%2B16:00'),
    ('last_modified_since=2020-02-19T11:22:33%2B15:00&ids=ds:1'),
    ('last_modified_since=2020-02-19T11:22:33%2B25:00'),
    ('bbox=1,2,3'),
    ('bbox=1,2,3,x'),
    ('event_status=EventScheduled,Done'),
    ('starts_after=27:30'),
    ('starts_after=18:70'),
    ('starts_before=:70'),
    ('ends_after=18:70:'),
    ('ends_before=16:xx'),
    ('audience_min_age_lt=x'),
    ('audience_min_age=1.5'),
    ('audience_min_age_gt=x'),
    ('audience_max_age_gt=x'),
    ('audience_max_age_lt=x'),
    ('audience_min_age= 1_0 &ids=ds:1'),
    ('suitable_for=1,2,3'),
    ('suitable_for=1,x'),
    ('show_deleted=maybe'),
    ('deleted=maybe'),
    ('is_free=maybe'),
    ('text=%00'),
    -- bytes that are not UTF-8 become U+FFFD as in Python (no error); a
    -- malformed escape is an error
    ('ids=%FF'),
    ('ids=%C3%A4%2'),
    ('ids=%e4')
) v(q);

-- The FilterSet stage: form fields first (D1 "<param>: ..."), then the
-- filters' own errors.
SELECT q, le_ids(q) FROM (VALUES
    ('registration__remaining_attendee_capacity__gte=abc'),
    ('registration__remaining_attendee_capacity__isnull=maybe'),
    ('registration__remaining_waiting_list_capacity__gte=1,5'),
    ('maximum_attendee_capacity_gte=abc'),
    ('minimum_attendee_capacity_lte=nan'),
    ('enrolment_open_on=tomorrow'),
    ('enrolment_open_on=2025-02-30'),
    ('weekday=9'),
    ('weekday=1,,2'),
    ('dwithin_origin=1&dwithin_metres=5'),
    ('dwithin_origin=1,2,3&dwithin_metres=5'),
    ('dwithin_origin=1,2&dwithin_metres=far'),
    ('hide_super_event=maybe'),
    ('ongoing=maybe'),
    ('admin_user=true&registration_admin_user=true'),
    ('registration_admin_user=maybe'),
    ('min_duration=1.5h'),
    ('max_duration=-1h'),
    ('min_duration=1d2h'),
    ('days=x'),
    ('days=0'),
    ('days=1&start='),
    ('days=1&end=2025-01-01'),
    ('start=soon'),
    ('start=20200219'),
    ('end=2025-13-01'),
    ('end=2025-01-01T24:00'),
    ('hide_recurring_children_sub_events=maybe'),
    ('hide_recurring_children=maybe')
) v(q);

-- Which error wins: earlier pipeline stages first.
SELECT q, le_ids(q) FROM (VALUES
    ('bbox=x&srid=777'),
    ('event_type=party&registration=maybe'),
    ('weekday=9&event_status=bad'),
    ('weekday=9&maximum_attendee_capacity_gte=x'),
    ('weekday=9&days=0'),
    ('min_duration=x&dwithin_origin=1&dwithin_metres=1'),
    ('start=x&min_duration=x'),
    ('days=0&start=x'),
    ('suitable_for=x&show_deleted=x'),
    ('show_deleted=x&is_free=x')
) v(q);

-- Unknown parameters are ignored; empty values are absent.
SELECT q, le_ids(q) FROM (VALUES
    ('foo=bar&ids=ds:1'),
    ('weekday=&bbox=&srid=&start=&ids=ds:1'),
    ('ids=ds:1&ids=ds:2'),
    ('ids=ds%3A1')
) v(q);
