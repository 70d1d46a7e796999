SELECT le_test_reset();

-- Query strings: pairs in order, repeats kept; "+" is a space; keys without
-- "=" get an empty value; empty pieces are skipped.
SELECT * FROM linkedevents.parse_query('keyword=yso%3Ap1%2Cyso%3Ap2&keyword%21=x&text=a+b&keyword=b&&flag&empty=');
SELECT * FROM linkedevents.parse_query('');
SELECT * FROM linkedevents.parse_query('q=%C3%A4iti&bad=%C3&start=2020-02-19T11:22:33%2B02:00&raw=2020-02-19T11:22:33+02:00');
SELECT linkedevents.query_params('page=2&text=a&page=3&empty=&flag&x=%3D%26');
SELECT linkedevents.query_params('');
-- Malformed escapes and NUL.
SELECT le_error($$SELECT linkedevents.parse_query('a=%')$$);
SELECT le_error($$SELECT linkedevents.parse_query('a=%4')$$);
SELECT le_error($$SELECT linkedevents.query_params('a=1&b=%ZZ')$$);
SELECT le_error($$SELECT linkedevents.query_params('text=ab%00cd')$$);
SELECT le_error($$SELECT linkedevents.parse_query('x=1&k%00ey=v')$$);

-- Instants print in UTC below; naive parameter values are Helsinki time.
SET timezone = 'UTC';
SHOW linkedevents.time_zone;

-- parse_time (SPEC 1.3, D16): dates are 00:00 Helsinki; is_end moves a bare
-- date to the next local midnight; naive datetimes are Helsinki time.
SELECT v, linkedevents.parse_time(v, false) AS start, linkedevents.parse_time(v, true) AS "end"
  FROM (VALUES ('2022-3-27'), ('2022-03-26'), ('2022-10-30'), ('2022-10-29'), ('2024-02-29'),
               ('2020-02-19T11:22:33'), ('2020-02-19 11:22:33.5'), (' 2020-02-19T11:22 '),
               ('2020-02-19T11:22:33Z'), ('2022-07-17T17:17:17+03:00'), ('2022-07-17T17:17:17-0330'),
               ('2020-02-19T11:22:33 02:00'), ('2020-02-19T11:22:33+15:00'),
               ('2020-02-19T11:22:33-15:00'), ('0001-01-01'), ('9999-12-31'),
               ('9999-12-31T23:59:59.999999')) AS t(v);
-- The DST test of test_utils.py: the end of 2022-3-27 is 2022-03-28 00:00
-- Helsinki (EEST); the autumn change day starts at EEST and ends at EET.
SELECT linkedevents.parse_time('2022-3-27', true) = '2022-03-28 00:00 Europe/Helsinki' AS spring,
       linkedevents.parse_time('2022-10-30', false) = '2022-10-30 00:00+03' AS autumn_start,
       linkedevents.parse_time('2022-10-30', true) = '2022-10-31 00:00+02' AS autumn_end;
-- A local time that occurs twice is its first occurrence; one that does not
-- exist is read with the offset before the change (Python's fold=0).
SELECT linkedevents.parse_time('2022-10-30 03:30', false) AS twice,
       linkedevents.parse_time('2022-10-30 04:30', false) AS after_change,
       linkedevents.parse_time('2022-03-27 03:30', false) AS skipped,
       linkedevents.parse_time('2022-03-27 04:00', false) AS after_gap;
-- now is the transaction timestamp whatever is_end says; today is 00:00 of
-- the local day, and its end the next local midnight.
SELECT linkedevents.parse_time('now', false) = now() AS now_start,
       linkedevents.parse_time('NOW', true) = now() AS now_end,
       linkedevents.parse_time('today', false)
         = ((now() AT TIME ZONE 'Europe/Helsinki')::date)::timestamp AT TIME ZONE 'Europe/Helsinki' AS today,
       linkedevents.parse_time(' Today ', true)
         = ((now() AT TIME ZONE 'Europe/Helsinki')::date + 1)::timestamp AT TIME ZONE 'Europe/Helsinki' AS today_end;
-- Another zone setting moves naive values, not explicit offsets.
SET linkedevents.time_zone = 'America/New_York';
SELECT linkedevents.parse_time('2022-3-13', true) AS ny_end_of_dst_day,
       linkedevents.parse_time('2022-07-17T17:17:17+03:00', false) AS explicit;
RESET linkedevents.time_zone;
-- Errors: offsets beyond 15 h are out of bounds (printed as Python's
-- str(datetime)); 24 h or more, garbage and dateutil-only forms are invalid.
SELECT v, le_error(format('SELECT linkedevents.parse_time(%L, false)', v))
  FROM (VALUES ('2020-02-19T11:22:33+16:00'), ('2020-02-19 11:22:33 1600'),
               ('2022-07-17T17:17:17+23:00'), ('2020-02-19T11:22:33.5-15:01'),
               ('2022-07-17T17:17:17+25:00'), ('2020-02-19T11:22:33+24:00'),
               ('999999999999999999'), ('garbage'), (''), ('20200219'), ('2020'),
               ('12:00'), ('19.2.2020'), ('2022-2-29'), ('2022-02-19T24:00'),
               ('2022-02-19T12:00:60'), ('0000-01-01')) AS t(v);

-- last_modified_since (D9): a date or today is 00:00 Helsinki of that day,
-- a naive datetime is UTC.
SELECT linkedevents.parse_param('last_modified_since', '2022-3-27') AS date,
       linkedevents.parse_param('last_modified_since', '2022-03-27T10:00') AS naive,
       linkedevents.parse_param('last_modified_since', '2022-03-27T10:00+03:00') AS offset,
       linkedevents.parse_param('last_modified_since', 'today')::timestamptz
         = linkedevents.parse_time('today', false) AS today;
SELECT linkedevents.parse_param('start', '2022-3-27') AS start,
       linkedevents.parse_param('end', '2022-3-27') AS "end";

-- enrolment_open_on (Django's form datetime): no today/now, no offset limit.
SELECT linkedevents.parse_param('enrolment_open_on', '2024-02-19') AS date,
       linkedevents.parse_param('enrolment_open_on', '2024-02-19 12:00:01.25') AS naive,
       linkedevents.parse_param('enrolment_open_on', '2024-02-19T12:00Z') AS utc,
       linkedevents.parse_param('enrolment_open_on', '2024-02-19T12:00+16:00') AS far_offset;
SELECT v, le_error(format('SELECT linkedevents.parse_param(''enrolment_open_on'', %L)', v))
  FROM (VALUES ('today'), ('now'), ('2024-02-30'), ('19.2.2024'), ('x')) AS t(v);

-- parse_duration (SPEC 1.7): days and a time under a day, like timedelta.
SELECT v, linkedevents.parse_duration(v)
  FROM (VALUES ('1d'), ('2h'), ('180m'), ('3 H'), ('86400'), ('86400s'), ('0'), (' 90M '),
               ('１２h'), ('99999999999999999999d')) AS t(v);
SELECT v, le_error(format('SELECT linkedevents.parse_duration(%L)', v))
  FROM (VALUES ('1.5h'), ('-1h'), ('1d2h'), ('1w'), (''), ('h'), ('1_0')) AS t(v);
SELECT linkedevents.parse_duration(NULL) IS NULL AS strict;

-- suitable_for (SPEC 1.15, test_suitable_for_certain_age): for 12 and "12, 11".
SELECT min_age, max_age,
       linkedevents.suitable_for(min_age, max_age, '12') AS "12",
       linkedevents.suitable_for(min_age, max_age, '12, 11') AS "12, 11",
       linkedevents.suitable_for(min_age, max_age, '11,13') AS "11,13"
  FROM (VALUES (11, 13), (13, NULL), (NULL, 11), (NULL, 20), (NULL, NULL), (11, NULL),
               (12, 12)) AS t(min_age, max_age);
SELECT linkedevents.suitable_for(1, 2, NULL) IS NULL AS null_ages,
       linkedevents.suitable_for(0, 99, ' ٣ ') AS arabic_digits,
       linkedevents.suitable_for(0, 2147483647, '99999999999999999999') AS beyond_int64;
SELECT v, le_error(format('SELECT linkedevents.suitable_for(1, 2, %L)', v))
  FROM (VALUES ('1,2,3'), ('a,b,c,d,e'), ('12,abc'), ('12.0'), (''), ('12,')) AS t(v);
-- The parsed ages are cached per call site; a changing argument is re-read.
SELECT ages, linkedevents.suitable_for(10, 12, ages)
  FROM (VALUES ('11'), ('11'), ('13'), ('10,12')) AS t(ages);

-- enrolment_key (SPEC 1.22): the registration time, else the event time,
-- else last in either direction.
SELECT e, r, linkedevents.enrolment_key(e, r, false) AS asc_key,
       linkedevents.enrolment_key(e, r, true) AS desc_key
  FROM (VALUES ('2024-01-01Z'::timestamptz, '2024-02-01Z'::timestamptz),
               ('2024-01-01Z', NULL), (NULL, '2024-02-01Z'), (NULL, NULL)) AS t(e, r);

-- Every typed parameter: values, and the exact messages.
SELECT p, v, linkedevents.parse_param(p, v)
  FROM (VALUES ('is_free', 'true'), ('is_free', 'True'), ('is_free', 'TRUE'), ('is_free', '1'),
               ('show_deleted', 'false'), ('show_deleted', 'False'), ('deleted', 'FALSE'),
               ('dissolved', '0'),
               ('audience_min_age', ' 1_2 '), ('audience_max_age_lt', '-3'),
               ('audience_min_age_gt', '１２'),
               ('maximum_attendee_capacity_gte', '10.50'), ('minimum_attendee_capacity_lte', '-1e3'),
               ('starts_after', '16'), ('starts_before', '16:'), ('ends_after', '09:5'),
               ('ends_before', '23:59'),
               ('weekday', '7,1,5'), ('weekday', '3,3'),
               ('suitable_for', '14, 12'),
               ('bbox', '24.9,60.1,25.1,60.3'), ('bbox', '25,61,-1e1,.5'),
               ('dwithin_origin', '24.9, 60.1'), ('dwithin_metres', '35.01'),
               ('srid', '3067'), ('srid', ' 4326 '),
               ('page', ''), ('page', '3'), ('page', 'last'),
               ('page_size', '50'), ('page_size', '101'), ('page_size', '0'),
               ('page_size', '-1'), ('page_size', '2.0'), ('page_size', 'x'),
               ('page_size', '')) AS t(p, v);
SELECT p, v, le_error(format('SELECT linkedevents.parse_param(%L, %L)', p, v))
  FROM (VALUES ('is_free', 'yes'), ('show_deleted', 'tRuE'), ('has_upcoming_events', ''),
               ('audience_min_age', '12.0'), ('audience_min_age_lt', 'x'),
               ('audience_max_age_gt', ''), ('audience_max_age_lt', '1e2'),
               ('maximum_attendee_capacity_gte', 'abc'),
               ('registration__remaining_attendee_capacity__gte', 'NaN'),
               ('minimum_attendee_capacity_gte', 'Infinity'),
               ('starts_after', '27:30'), ('starts_after', '18:70'), ('starts_before', ':70'),
               ('ends_after', '18:70:'), ('ends_before', 'x'), ('ends_before', '16:x'),
               ('starts_after', '-1'), ('starts_after', '0024'), ('starts_after', '1:060'),
               ('weekday', '9'), ('weekday', '1,8'), ('weekday', '1, 2'), ('weekday', '1,'),
               ('suitable_for', '1,2,3'), ('suitable_for', 'x'),
               ('bbox', '1,2,3'), ('bbox', '1,2,3,x'), ('bbox', '1,2,3,nan'),
               ('dwithin_origin', '1'), ('dwithin_origin', '1,x'),
               ('dwithin_metres', 'x'), ('dwithin_metres', '1e999'),
               ('srid', 'x'), ('srid', '4326.0'), ('srid', '99999999999'),
               ('days', 'x'), ('days', '1.0'), ('days', '0'), ('days', '-2'),
               ('page', '2.0'), ('page', '0'), ('page', '-1'), ('page', 'x'),
               ('page', 'LAST'), ('no_such_parameter', '1')) AS t(p, v);

-- Decimals beyond numeric's exponent range keep every comparison with a
-- realistic value: huge ones become infinite, tiny ones 1e-1001.
SELECT linkedevents.parse_param('registration__remaining_attendee_capacity__gte', '1e999')::numeric
         = 1e999 AS largest_exact,
       linkedevents.parse_param('maximum_attendee_capacity_lte', '1e2000') AS huge,
       linkedevents.parse_param('maximum_attendee_capacity_lte', '-1e2000') AS minus_huge,
       linkedevents.parse_param('registration__remaining_waiting_list_capacity__gte', '1e-2000')::numeric
         * 1e1001 = 1 AS tiny_positive;

-- days=N (D10): [00:00 local today, 00:00 local today + N days).
SELECT linkedevents.parse_param('days', '2')
       = pg_catalog.format('["%s","%s")',
             ((now() AT TIME ZONE 'Europe/Helsinki')::date)::timestamp AT TIME ZONE 'Europe/Helsinki',
             ((now() AT TIME ZONE 'Europe/Helsinki')::date + 2)::timestamp AT TIME ZONE 'Europe/Helsinki')
         AS days_window_is_local,
       linkedevents.parse_param('days', '99999999999999999999') LIKE '%,"infinity")' AS unbounded;

-- Markings: true volatility, strictness where NULL means nothing.
SELECT p.oid::regprocedure, provolatile, proisstrict, proparallel
  FROM pg_proc p
 WHERE pronamespace = 'linkedevents'::regnamespace
   AND proname IN ('parse_query', 'query_params', 'parse_duration', 'parse_time',
                   'suitable_for', 'enrolment_key', 'parse_param')
 ORDER BY 1::text;
