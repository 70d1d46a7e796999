-- The benchmark's requests (test/bench.sh): one row per request, with the
-- plain SQL answering it over the baseline schema. Values that depend on the
-- data (keywords, places, organizations, event ids) are picked from it here:
-- a common value and a rare one where values vary. The set is
-- -v requests=all (default) or -v requests=scaling (the first three).
--
-- requests=all covers every filter family of SPEC 1.4-1.19 at least once
-- alone and once combined with start=today&sort=start_time (the name then
-- ends in "& today"), every sort key of SPEC 1.22 alone and with
-- start=today, and the place and keyword lists (SPEC 5.2, 5.4). Its last
-- statement fills bench.mix, the weighted requests of the throughput mix.
\set ON_ERROR_STOP 1
\if :{?requests}
\else
\set requests all
\endif
SET client_min_messages = warning;
-- The module defines the linkedevents.* settings read below.
LOAD 'linkedevents';

-- The start of today in Helsinki (start=today), as SQL.
\set today '(date_trunc(''day'', now() AT TIME ZONE ''Europe/Helsinki'') AT TIME ZONE ''Europe/Helsinki'')'

-- The most used keyword, one used by a handful of events, four next to the
-- most used for two OR sets, the root organization, a visible sub event.
SELECT (SELECT id FROM linkedevents.keyword WHERE NOT deprecated ORDER BY n_events DESC, id LIMIT 1) AS common,
       (SELECT id FROM linkedevents.keyword WHERE NOT deprecated AND n_events >= 3
         ORDER BY n_events, id LIMIT 1) AS rare,
       (SELECT id FROM linkedevents.organization WHERE parent IS NULL ORDER BY id LIMIT 1) AS root,
       (SELECT id FROM linkedevents.event
         WHERE super_event IS NOT NULL AND publication_status = 'public' AND NOT deleted AND type_id = 'General'
           AND data_source = 'helsinki'
         ORDER BY id LIMIT 1) AS detail_id
\gset
SELECT string_agg(id, ',' ORDER BY rn) FILTER (WHERE rn IN (2, 3)) AS set1,
       string_agg(id, ',' ORDER BY rn) FILTER (WHERE rn IN (4, 5)) AS set2
  FROM (SELECT id, row_number() OVER (ORDER BY n_events DESC, id) AS rn
          FROM linkedevents.keyword WHERE NOT deprecated AND NOT (id = ANY (
              SELECT unnest(keywords) FROM linkedevents.keyword_set WHERE id = 'helsinki:audiences'))) k
\gset

-- Filters over "baseline.event e" as the reference writes them.
-- keywords: SQL giving a text[]; events with one of them as keyword or audience.
CREATE FUNCTION pg_temp.has_keyword(keywords text) RETURNS text LANGUAGE sql IMMUTABLE RETURN format(
    'EXISTS (SELECT 1 FROM baseline.event_keywords k WHERE k.event = e.id AND k.keyword = ANY (%1$s))'
    ' OR EXISTS (SELECT 1 FROM baseline.event_audience a WHERE a.event = e.id AND a.keyword = ANY (%1$s))',
    keywords);
-- The keywords of a comma list, replacements followed (the reference looks
-- them up before the event query).
CREATE FUNCTION pg_temp.keywords(ids text) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN format('(SELECT baseline.resolved_keywords(%L))::text[]', string_to_array(ids, ','));
CREATE FUNCTION pg_temp.set_keywords(sets text) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN format('(SELECT array_agg(keyword) FROM baseline.keyword_set_keywords WHERE keyword_set = ANY (%L))::text[]',
                  string_to_array(sets, ','));
CREATE FUNCTION pg_temp.starts_from(t text, with_postponed boolean DEFAULT true) RETURNS text
    LANGUAGE sql IMMUTABLE RETURN format(
    '(e.end_time > %1$s AND e.has_end_time) OR (e.end_time > %1$s AND NOT e.has_start_time)'
    ' OR e.start_time >= %1$s', t) || CASE WHEN with_postponed THEN ' OR e.event_status = ''EventPostponed''' ELSE '' END;
-- 00:00 in Helsinki of today + n days, as SQL.
CREATE FUNCTION pg_temp.local_day(n integer) RETURNS text LANGUAGE sql IMMUTABLE RETURN format(
    '((date_trunc(''day'', now() AT TIME ZONE ''Europe/Helsinki'') + interval ''%s days'') AT TIME ZONE ''Europe/Helsinki'')', n);
CREATE FUNCTION pg_temp.local_date(n integer) RETURNS text LANGUAGE sql STABLE
    RETURN to_char((now() AT TIME ZONE 'Europe/Helsinki')::date + n, 'YYYY-MM-DD');
-- The local time of day of a column against HH:MM.
CREATE FUNCTION pg_temp.hour(col text, op text, hhmm text) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN format('(e.%I AT TIME ZONE ''Europe/Helsinki'')::time %s %L', col, op, hhmm);
-- SPEC 1.6: a local weekday of start or end in days, 7 days or longer, or
-- spanning one of days (over the week's end when sd > ed).
CREATE FUNCTION pg_temp.weekday(days text) RETURNS text LANGUAGE sql IMMUTABLE RETURN format(
    'EXISTS (SELECT 1 FROM unnest(%L::int[]) w,'
    ' LATERAL (SELECT extract(isodow FROM e.start_time AT TIME ZONE ''Europe/Helsinki'') AS sd,'
    '  extract(isodow FROM e.end_time AT TIME ZONE ''Europe/Helsinki'') AS ed) d'
    ' WHERE w IN (d.sd, d.ed) OR e.end_time - e.start_time >= interval ''7 days'''
    ' OR CASE WHEN d.sd > d.ed THEN d.sd <= w OR d.ed >= w ELSE d.sd <= w AND w <= d.ed END)',
    string_to_array(days, ','));
-- SPEC 1.15 suitable_for lo,hi.
CREATE FUNCTION pg_temp.suitable_for(lo integer, hi integer) RETURNS text LANGUAGE sql IMMUTABLE RETURN format(
    '(e.audience_min_age IS NULL OR e.audience_min_age <= %s) AND (e.audience_max_age IS NULL OR e.audience_max_age >= %s)'
    ' AND NOT (e.audience_min_age IS NULL AND e.audience_max_age IS NULL)', lo, hi);
-- A column of the event's registration (none: NULL, Django's outer join).
CREATE FUNCTION pg_temp.reg(col text) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN format('(SELECT r.%I FROM baseline.registration r WHERE r.event = e.id)', col);
CREATE FUNCTION pg_temp.has_registration(condition text) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN format('EXISTS (SELECT 1 FROM baseline.registration r WHERE r.event = e.id AND %s)', condition);
-- SPEC 1.9: the candidates of a prefix (not ended; local: a division of
-- the place is the municipality, D27; internet: a location id ending
-- "internet") whose cached text matches each condition.
CREATE FUNCTION pg_temp.local() RETURNS text LANGUAGE sql STABLE RETURN format(
    'EXISTS (SELECT 1 FROM baseline.place_division pd WHERE pd.place = e.location AND pd.division = %L)',
    current_setting('linkedevents.municipality'));
CREATE FUNCTION pg_temp.ongoing(prefix text, conditions text[]) RETURNS text LANGUAGE sql STABLE RETURN
    'e.end_time >= now() AND '
    || CASE prefix
           WHEN 'local' THEN pg_temp.local()
           WHEN 'internet' THEN 'e.location LIKE ''%internet'''
           ELSE '(' || pg_temp.local() || ' OR e.location LIKE ''%internet'')' END
    || coalesce(' AND EXISTS (SELECT 1 FROM baseline.event_ongoing_text t WHERE t.event = e.id AND '
                || array_to_string(conditions, ' AND ') || ')', '');
-- t.txt ~* the fuzzy OR of a comma list of terms (D4).
CREATE FUNCTION pg_temp.ongoing_any(terms text) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN format('t.txt ~* %L', baseline.ongoing_regex(string_to_array(terms, ',')));
-- _OR: one condition for all terms; _AND: one per term (D3).
CREATE FUNCTION pg_temp.ongoing_or(prefix text, terms text) RETURNS text LANGUAGE sql STABLE
    RETURN pg_temp.ongoing(prefix, ARRAY[pg_temp.ongoing_any(terms)]);
CREATE FUNCTION pg_temp.ongoing_and(prefix text, terms text) RETURNS text LANGUAGE sql STABLE
    RETURN pg_temp.ongoing(prefix, ARRAY(SELECT pg_temp.ongoing_any(t) FROM unnest(string_to_array(terms, ',')) t));
-- SPEC 1.11 text: a case-insensitive substring of a translation of the
-- event's fields or its place's.
CREATE FUNCTION pg_temp.text_filter(term text) RETURNS text LANGUAGE sql IMMUTABLE RETURN format(
    '(%s) OR EXISTS (SELECT 1 FROM baseline.place p WHERE p.id = e.location AND (%s))',
    (SELECT string_agg(format('e.%I ->> %L ILIKE %L', f, l, '%' || lower(term) || '%'), ' OR ')
       FROM unnest('{name,description,short_description,info_url,location_extra_info,headline,'
                   'secondary_headline,provider,provider_contact_info}'::text[]) f,
            unnest('{fi,sv,en,zh_hans,ru,ar}'::text[]) l),
    (SELECT string_agg(format('p.%I ->> %L ILIKE %L', f, l, '%' || lower(term) || '%'), ' OR ')
       FROM unnest('{name,description,info_url,street_address,address_locality,telephone}'::text[]) f,
            unnest('{fi,sv,en,zh_hans,ru,ar}'::text[]) l));
-- SPEC 1.11 combined_text: every term matches the text filter or the
-- event's keywords (not audience) hold one of the 3 keywords most similar
-- to it (over the whole keyword table).
CREATE FUNCTION pg_temp.combined_text(terms text) RETURNS text LANGUAGE sql IMMUTABLE RETURN (
    SELECT string_agg(format('(%s OR EXISTS (SELECT 1 FROM baseline.event_keywords k WHERE k.event = e.id'
                             ' AND k.keyword = ANY ((SELECT array_agg(s.id) FROM (SELECT kw.id'
                             ' FROM baseline.keyword kw, LATERAL (SELECT greatest(similarity(kw.name ->> ''fi'', %2$L),'
                             ' similarity(kw.name ->> ''sv'', %2$L)%3$s) AS simile) x'
                             ' WHERE x.simile > 0.2 ORDER BY x.simile DESC, kw.id LIMIT 3) s)::text[])))',
                             pg_temp.text_filter(t), t,
                             CASE WHEN t !~ '[\u00c0-\u00ff]'
                                  THEN format(', similarity(kw.name ->> ''en'', %L)', t) ELSE '' END), ' AND ')
      FROM unnest(string_to_array(lower(terms), ',')) t);
-- SPEC 1.11 full_text (language fi): the search index's vector, and its rank.
CREATE FUNCTION pg_temp.full_text_query(term text, lang text) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN format('plainto_tsquery(%L, %L)', linkedevents.text_search_config(lang), term);
CREATE FUNCTION pg_temp.full_text(term text, lang text DEFAULT 'fi') RETURNS text LANGUAGE sql IMMUTABLE
    RETURN format('EXISTS (SELECT 1 FROM baseline.event_fts f WHERE f.event = e.id AND f.%I @@ %s)',
                  lang, pg_temp.full_text_query(term, lang));
CREATE FUNCTION pg_temp.full_text_rank(term text, lang text DEFAULT 'fi') RETURNS text LANGUAGE sql IMMUTABLE
    RETURN format('(SELECT ts_rank(f.%I, %s) FROM baseline.event_fts f WHERE f.event = e.id) DESC, e.id',
                  lang, pg_temp.full_text_query(term, lang));
-- SPEC 1.13 publisher: the organizations given (SQL giving their ids),
-- those they replaced and those that replaced them.
CREATE FUNCTION pg_temp.publisher_in(orgs text) RETURNS text LANGUAGE sql IMMUTABLE RETURN format(
    'e.publisher IN (%1$s) OR e.publisher IN (SELECT id FROM baseline.organization WHERE replaced_by IN (%1$s))'
    ' OR e.publisher IN (SELECT replaced_by FROM baseline.organization WHERE id IN (%1$s))', orgs);
-- SPEC 1.14 language: in in_language, or a translated name, description or
-- short description in it.
CREATE FUNCTION pg_temp.in_language(lang text) RETURNS text LANGUAGE sql IMMUTABLE RETURN format(
    'EXISTS (SELECT 1 FROM baseline.event_in_language l WHERE l.event = e.id AND l.language = %L)', lang);
CREATE FUNCTION pg_temp.translated(lang text) RETURNS text LANGUAGE sql IMMUTABLE RETURN format(
    'e.name ->> %1$L IS NOT NULL OR e.description ->> %1$L IS NOT NULL OR e.short_description ->> %1$L IS NOT NULL',
    lang);
-- SPEC 1.12 hide_recurring_children on the filtered set f: without the
-- children of recurring events; with _sub_events also the visible super
-- events of f's events (D8).
CREATE FUNCTION pg_temp.hide_recurring_children(f text, sub_events boolean) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN format('(%s) AND NOT EXISTS (SELECT 1 FROM baseline.event s WHERE s.id = e.super_event'
                  ' AND s.super_event_type = ''recurring'')', f)
        || CASE WHEN sub_events
                THEN format(' OR e.id IN (SELECT e.super_event FROM baseline.event e WHERE %s AND (%s))',
                            baseline.visible(), f)
                ELSE '' END;
CREATE FUNCTION pg_temp.list(filter text, sort text DEFAULT NULL, base text DEFAULT NULL, page integer DEFAULT 1,
                             page_size integer DEFAULT 20, include text DEFAULT '{}') RETURNS text
    LANGUAGE sql IMMUTABLE RETURN format('SELECT baseline.list(%L, %L, %s, %s, %L, %L)', filter,
    coalesce(sort, 'e.last_modified_time DESC, e.id'), page, page_size, include, base);

INSERT INTO bench.request (name, path, query, baseline) VALUES
('default list', 'event/', '', pg_temp.list(NULL)),
('start=today&sort=start_time', 'event/', 'start=today&sort=start_time',
 pg_temp.list(pg_temp.starts_from(:'today'), 'e.start_time, e.id')),
('keyword=<common>', 'event/', 'keyword=' || :'common', pg_temp.list(pg_temp.has_keyword(pg_temp.keywords(:'common'))));

SELECT :'requests' = 'all' AS requests_all \gset
\if :requests_all
-- More of the data's values: the second keyword, a replaced one, the most
-- used place and publisher and the least used with 3 events or more, a
-- recurring event with many sub events, a few event ids.
SELECT (SELECT id FROM linkedevents.keyword WHERE NOT deprecated ORDER BY n_events DESC, id OFFSET 1 LIMIT 1) AS second,
       (SELECT id FROM linkedevents.keyword WHERE replaced_by IS NOT NULL AND n_events > 0 ORDER BY id LIMIT 1)
           AS replaced,
       (SELECT location FROM linkedevents.event WHERE location NOT LIKE '%internet'
         GROUP BY location ORDER BY count(*) DESC, location LIMIT 1) AS place,
       (SELECT id FROM linkedevents.place WHERE n_events >= 3 AND id NOT LIKE '%internet'
         ORDER BY n_events, id LIMIT 1) AS rare_place,
       (SELECT publisher FROM linkedevents.event GROUP BY publisher ORDER BY count(*) DESC, publisher LIMIT 1)
           AS publisher,
       (SELECT publisher FROM linkedevents.event GROUP BY publisher HAVING count(*) >= 3
         ORDER BY count(*), publisher LIMIT 1) AS rare_publisher,
       (SELECT super_event FROM linkedevents.event WHERE super_event IS NOT NULL
         GROUP BY super_event ORDER BY count(*) DESC, super_event LIMIT 1) AS super_id,
       (SELECT string_agg(id, ',') FROM (SELECT id FROM linkedevents.event ORDER BY id LIMIT 3) x) AS three_ids
\gset
SELECT coalesce(o.parent, o.id) AS rare_ancestor, substring(p.name ->> 'fi' FROM '[0-9]+$') AS rare_place_number,
       ST_X(p.position) AS rare_lon, ST_Y(p.position) AS rare_lat
  FROM linkedevents.organization o, linkedevents.place p
 WHERE o.id = :'rare_publisher' AND p.id = :'rare_place'
\gset
SELECT pg_temp.local_date(7) AS in_week, pg_temp.local_date(-365) AS year_ago,
       to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"00:00:01') AS utc_midnight
\gset

-- One row per filter value: name, query, the baseline's filter (and base
-- when the visibility base changes), and whether to add the request again
-- with start=today&sort=start_time.
CREATE TEMP TABLE family (n serial, name text, query text, filter text, base text, combine boolean DEFAULT false);
INSERT INTO family (name, query, filter, base, combine) VALUES
-- 1.4 start, end, days, ongoing (start=today itself is the second request)
('start=<a year ago>', 'start=' || :'year_ago',
 pg_temp.starts_from(format('(%L::timestamp AT TIME ZONE ''Europe/Helsinki'')', :'year_ago')), NULL, false),
('end=<in a week>', 'end=' || :'in_week',
 format('e.end_time < %1$s OR e.start_time <= %1$s', pg_temp.local_day(8)), NULL, false),
('days=1', 'days=1', format('(%s) AND (e.end_time < %2$s OR e.start_time < %2$s OR e.event_status = ''EventPostponed'')',
                            pg_temp.starts_from(:'today'), pg_temp.local_day(1)), NULL, false),
('ongoing=true', 'ongoing=true', 'e.end_time > now()', NULL, true),
('ongoing=false', 'ongoing=false', 'e.end_time <= now()', NULL, false),
-- 1.5 hours
('starts_after=19', 'starts_after=19', pg_temp.hour('start_time', '>=', '19:00'), NULL, true),
('starts_after=22:45', 'starts_after=22:45', pg_temp.hour('start_time', '>=', '22:45'), NULL, false),
('starts_before=10', 'starts_before=10', pg_temp.hour('start_time', '<=', '10:00'), NULL, false),
('ends_after=22', 'ends_after=22', pg_temp.hour('end_time', '>=', '22:00'), NULL, false),
('ends_before=12:30', 'ends_before=12:30', pg_temp.hour('end_time', '<=', '12:30'), NULL, true),
-- 1.7 durations
('max_duration=2h', 'max_duration=2h', 'e.end_time - e.start_time <= interval ''2 hours''', NULL, true),
('max_duration=30m', 'max_duration=30m', 'e.end_time - e.start_time <= interval ''30 minutes''', NULL, false),
('min_duration=50d', 'min_duration=50d', 'e.end_time - e.start_time >= interval ''50 days''', NULL, false),
-- 1.8 location
('location=<common>', 'location=' || :'place', format('e.location = ANY (%L)', ARRAY[:'place']), NULL, true),
('location=<rare>', 'location=' || :'rare_place', format('e.location = ANY (%L)', ARRAY[:'rare_place']), NULL, false),
('bbox=<one block>', 'bbox=24.94,60.16,24.945,60.165',
 'EXISTS (SELECT 1 FROM baseline.place p WHERE p.id = e.location'
 ' AND ST_Within(p.position, ST_MakeEnvelope(24.94, 60.16, 24.945, 60.165, 4326)))', NULL, false),
('dwithin 50 m of <rare place>', format('dwithin_origin=%s,%s&dwithin_metres=50', :'rare_lon', :'rare_lat'),
 format('EXISTS (SELECT 1 FROM baseline.place p WHERE p.id = e.location AND ST_DWithin(p.position::geography,'
        ' ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography, 50))', :'rare_lon', :'rare_lat'), NULL, false),
('division=kunta:helsinki', 'division=kunta:helsinki',
 'EXISTS (SELECT 1 FROM baseline.place_division pd WHERE pd.place = e.location'
 ' AND pd.division = ''ocd-division/country:fi/kunta:helsinki'')', NULL, true),
('division=malmi', 'division=malmi',
 'EXISTS (SELECT 1 FROM baseline.place_division pd JOIN baseline.division d ON d.ocd_id = pd.division'
 ' WHERE pd.place = e.location AND EXISTS (SELECT 1 FROM jsonb_each_text(d.name) n WHERE n.value = ''Malmi''))',
 NULL, false),
('internet_based=true', 'internet_based=true', 'e.location LIKE ''%internet%''', NULL, true),
-- 1.9 the ongoing family
('local_ongoing_OR=<rare place number>', 'local_ongoing_OR=' || :'rare_place_number',
 pg_temp.ongoing_or('local', :'rare_place_number'), NULL, false),
('local_ongoing_AND=konsertti,musiikki', 'local_ongoing_AND=konsertti,musiikki',
 pg_temp.ongoing_and('local', 'konsertti,musiikki'), NULL, true),
('internet_ongoing_OR=musiikki', 'internet_ongoing_OR=musiikki', pg_temp.ongoing_or('internet', 'musiikki'), NULL, true),
('internet_ongoing_AND=konsertti,musiikki', 'internet_ongoing_AND=konsertti,musiikki',
 pg_temp.ongoing_and('internet', 'konsertti,musiikki'), NULL, false),
('all_ongoing_OR=konsertti', 'all_ongoing_OR=konsertti', pg_temp.ongoing_or('all', 'konsertti'), NULL, true),
('all_ongoing_AND=tanssi,konsertti', 'all_ongoing_AND=tanssi,konsertti', pg_temp.ongoing_and('all', 'tanssi,konsertti'),
 NULL, false),
('local_ongoing_OR_set1=lasten,nuorten&set2=musiikki',
 'local_ongoing_OR_set1=lasten,nuorten&local_ongoing_OR_set2=musiikki',
 pg_temp.ongoing('local', ARRAY[pg_temp.ongoing_any('lasten,nuorten'), pg_temp.ongoing_any('musiikki')]), NULL, true),
('internet_ongoing_OR_set1=konsertti,teatteri', 'internet_ongoing_OR_set1=konsertti,teatteri',
 pg_temp.ongoing('internet', ARRAY[pg_temp.ongoing_any('konsertti,teatteri')]), NULL, false),
('all_ongoing_OR_set1=<rare place number>&set2=musiikki',
 'all_ongoing_OR_set1=' || :'rare_place_number' || '&all_ongoing_OR_set2=musiikki',
 pg_temp.ongoing('all', ARRAY[pg_temp.ongoing_any(:'rare_place_number'), pg_temp.ongoing_any('musiikki')]), NULL, false),
('all_ongoing=true', 'all_ongoing=true', pg_temp.ongoing('all', NULL), NULL, true),
-- local_ongoing_text: the search index's vector in the language asked for,
-- as full_text (README: linkedevents searches the same documents as for
-- full_text, not the reference's separate per-event vector)
('local_ongoing_text=musiikki', 'local_ongoing_text=musiikki',
 'e.end_time >= now() AND (e.location LIKE ''%internet'' OR e.local) AND ' || pg_temp.full_text('musiikki'), NULL, true),
('local_ongoing_text=sirkus', 'local_ongoing_text=sirkus',
 'e.end_time >= now() AND (e.location LIKE ''%internet'' OR e.local) AND ' || pg_temp.full_text('sirkus'), NULL, false),
-- 1.10 keywords
('keyword=<replaced>', 'keyword=' || :'replaced', pg_temp.has_keyword(pg_temp.keywords(:'replaced')), NULL, false),
('keyword_AND=<common>,<second>', 'keyword_AND=' || :'common' || ',' || :'second',
 format('(SELECT count(*) FROM baseline.keyword WHERE id = ANY (%L)) = 2 AND (%s) AND (%s)',
        ARRAY[:'common', :'second'], pg_temp.has_keyword(pg_temp.keywords(:'common')),
        pg_temp.has_keyword(pg_temp.keywords(:'second'))), NULL, true),
('keyword!=<rare>', 'keyword!=' || :'rare', 'NOT (' || pg_temp.has_keyword(pg_temp.keywords(:'rare')) || ')', NULL, false),
('keyword_set_AND=helsinki:topics,helsinki:audiences', 'keyword_set_AND=helsinki:topics,helsinki:audiences',
 format('(%s) AND (%s)', pg_temp.has_keyword(pg_temp.set_keywords('helsinki:topics')),
        pg_temp.has_keyword(pg_temp.set_keywords('helsinki:audiences'))), NULL, true),
('keyword_set_OR=helsinki:audiences', 'keyword_set_OR=helsinki:audiences',
 pg_temp.has_keyword(pg_temp.set_keywords('helsinki:audiences')), NULL, true),
('keyword_set_OR=espoo:topics', 'keyword_set_OR=espoo:topics', pg_temp.has_keyword(pg_temp.set_keywords('espoo:topics')),
 NULL, false),
-- 1.11 text
('text=<rare>', 'text=tapahtumat.example.fi/1234', pg_temp.text_filter('tapahtumat.example.fi/1234'), NULL, false),
('combined_text=konsertti', 'combined_text=konsertti', pg_temp.combined_text('konsertti'), NULL, true),
('combined_text=lapset,<rare place number>', 'combined_text=lapset,' || :'rare_place_number',
 pg_temp.combined_text('lapset,' || :'rare_place_number'), NULL, false),
-- 1.12 hierarchy
('super_event_type=recurring', 'super_event_type=recurring', 'e.super_event_type = ANY (''{recurring}'')', NULL, false),
('super_event_type=none', 'super_event_type=none', 'e.super_event_type IS NULL', NULL, true),
('super_event=<recurring event>', 'super_event=' || :'super_id', format('e.super_event = ANY (%L)', ARRAY[:'super_id']),
 NULL, false),
('super_event=none', 'super_event=none', 'e.super_event IS NULL', NULL, true),
('hide_super_event=true', 'hide_super_event=true', 'e.super_event IS NOT NULL OR e.super_event_type IS NULL', NULL, true),
('recurring=super', 'recurring=super', 'e.super_event_type = ''recurring''', NULL, false),
('recurring=sub', 'recurring=sub', 'e.super_event_type IS DISTINCT FROM ''recurring''', NULL, true),
('hide_recurring_children=true', 'hide_recurring_children=true', pg_temp.hide_recurring_children('true', false), NULL, false),
('hide_recurring_children(+_sub_events)', 'hide_recurring_children=true&hide_recurring_children_sub_events=true',
 pg_temp.hide_recurring_children('true', true), NULL, false),
-- 1.13 ids, type, status, data source, publisher
('ids=<three>', 'ids=' || :'three_ids', format('e.id = ANY (%L)', string_to_array(:'three_ids', ',')), NULL, false),
('event_type=course', 'event_type=course', NULL, baseline.visible('{Course}'), false),
('event_type=general,course,volunteering', 'event_type=general,course,volunteering', NULL,
 baseline.visible('{General,Course,Volunteering}'), true),
('event_status=EventScheduled', 'event_status=EventScheduled', 'e.event_status = ANY (''{EventScheduled}'')', NULL, true),
('event_status=EventCancelled', 'event_status=EventCancelled', 'e.event_status = ANY (''{EventCancelled}'')', NULL, false),
('publication_status=draft', 'publication_status=draft', 'e.publication_status = ''draft''', NULL, false),
('data_source=helsinki', 'data_source=helsinki', 'e.data_source = ANY (''{helsinki}'')',
 baseline.visible(private_hidden => false), true),
('data_source=sisainen (private)', 'data_source=sisainen', 'e.data_source = ANY (''{sisainen}'')',
 baseline.visible(private_hidden => false), false),
('data_source!=helsinki', 'data_source!=helsinki', 'e.data_source <> ALL (''{helsinki}'')', NULL, true),
('publisher=<common>', 'publisher=' || :'publisher', pg_temp.publisher_in(quote_literal(:'publisher')), NULL, true),
('publisher=<rare>', 'publisher=' || :'rare_publisher', pg_temp.publisher_in(quote_literal(:'rare_publisher')), NULL, false),
('publisher_ancestor=<rare>', 'publisher_ancestor=' || :'rare_ancestor',
 pg_temp.publisher_in(format('SELECT baseline.descendants(%L)', :'rare_ancestor')), NULL, false),
-- 1.14 languages
('language=fi', 'language=fi', pg_temp.in_language('fi') || ' OR ' || pg_temp.translated('fi'), NULL, true),
('language=ru', 'language=ru', pg_temp.in_language('ru') || ' OR ' || pg_temp.translated('ru'), NULL, false),
('in_language=en', 'in_language=en', pg_temp.in_language('en'), NULL, true),
('in_language=et', 'in_language=et', pg_temp.in_language('et'), NULL, false),
('translation=sv', 'translation=sv', pg_temp.translated('sv'), NULL, true),
('translation=ru', 'translation=ru', pg_temp.translated('ru'), NULL, false),
-- 1.15 ages
('audience_min_age_lt=6', 'audience_min_age_lt=6', 'e.audience_min_age <= 6', NULL, true),
('audience_min_age_gt=65', 'audience_min_age_gt=65', 'e.audience_min_age >= 65', NULL, false),
('audience_max_age_gt=12', 'audience_max_age_gt=12', 'e.audience_max_age >= 12', NULL, false),
('audience_max_age_lt=6', 'audience_max_age_lt=6', 'e.audience_max_age <= 6', NULL, false),
('suitable_for=12', 'suitable_for=12', pg_temp.suitable_for(12, 12), NULL, false),
('suitable_for=65,3', 'suitable_for=65,3', pg_temp.suitable_for(3, 65), NULL, false),
-- 1.16 price
('is_free=true', 'is_free=true', 'EXISTS (SELECT 1 FROM baseline.offer o WHERE o.event = e.id AND o.is_free)', NULL, true),
('is_free=false', 'is_free=false', 'EXISTS (SELECT 1 FROM baseline.offer o WHERE o.event = e.id)'
 ' AND NOT EXISTS (SELECT 1 FROM baseline.offer o WHERE o.event = e.id AND o.is_free)', NULL, false),
-- 1.17 registration and enrolment
('registration=true', 'registration=true', pg_temp.has_registration('true'), NULL, true),
('registration=false', 'registration=false', 'NOT ' || pg_temp.has_registration('true'), NULL, false),
('enrolment_open=true', 'enrolment_open=true', pg_temp.has_registration(
 'r.enrolment_end_time >= now() AND (r.enrolment_start_time IS NULL OR r.enrolment_start_time <= now())'
 ' AND (r.remaining_attendee_capacity IS NULL OR r.remaining_attendee_capacity >= 1)'), NULL, true),
('enrolment_open_waitlist=true', 'enrolment_open_waitlist=true', pg_temp.has_registration(
 'r.enrolment_end_time >= now() AND (r.enrolment_start_time IS NULL OR r.enrolment_start_time <= now())'
 ' AND (r.remaining_attendee_capacity IS NULL OR r.remaining_attendee_capacity >= 1'
 ' OR r.remaining_waiting_list_capacity IS NULL OR r.remaining_waiting_list_capacity >= 1)'), NULL, false),
('enrolment_open_on=<in a week>', 'enrolment_open_on=' || :'in_week',
 format('(%1$s IS NOT NULL OR %2$s IS NOT NULL) AND coalesce(%1$s, ''-infinity'') <= %3$s'
        ' AND coalesce(%2$s, ''infinity'') >= %3$s',
        format('coalesce(%s, e.enrolment_start_time)', pg_temp.reg('enrolment_start_time')),
        format('coalesce(%s, e.enrolment_end_time)', pg_temp.reg('enrolment_end_time')), pg_temp.local_day(7)),
 NULL, true),
('registration__remaining_attendee_capacity__gte=100', 'registration__remaining_attendee_capacity__gte=100',
 pg_temp.has_registration('r.remaining_attendee_capacity >= 100'), NULL, true),
('registration__remaining_attendee_capacity__isnull=true', 'registration__remaining_attendee_capacity__isnull=true',
 'NOT ' || pg_temp.has_registration('r.remaining_attendee_capacity IS NOT NULL'), NULL, false),
('registration__remaining_waiting_list_capacity__gte=5', 'registration__remaining_waiting_list_capacity__gte=5',
 pg_temp.has_registration('r.remaining_waiting_list_capacity >= 5'), NULL, false),
('registration__remaining_waiting_list_capacity__isnull=false',
 'registration__remaining_waiting_list_capacity__isnull=false',
 pg_temp.has_registration('r.remaining_waiting_list_capacity IS NOT NULL'), NULL, false),
('maximum_attendee_capacity_gte=400', 'maximum_attendee_capacity_gte=400', 'e.maximum_attendee_capacity >= 400', NULL, true),
('maximum_attendee_capacity_lte=50', 'maximum_attendee_capacity_lte=50', 'e.maximum_attendee_capacity <= 50', NULL, false),
('minimum_attendee_capacity_gte=1', 'minimum_attendee_capacity_gte=1', 'e.minimum_attendee_capacity >= 1', NULL, false),
-- 1.18 last_modified_since (D9: today is from 00:00 Helsinki, a naive datetime is UTC)
('last_modified_since=today', 'last_modified_since=today', 'e.last_modified_time >= ' || :'today', NULL, true),
('last_modified_since=<UTC midnight + 1 s>', 'last_modified_since=' || :'utc_midnight',
 format('e.last_modified_time >= %L::timestamp AT TIME ZONE ''UTC''', :'utc_midnight'), NULL, false),
-- 1.19 deleted events
('show_deleted=true', 'show_deleted=true', NULL, baseline.visible(deleted => 'true'), true),
('deleted=true', 'deleted=true', NULL, baseline.visible(deleted => 'e.deleted'), false);

-- The sort keys of SPEC 1.22 with their baseline expressions.
CREATE TEMP TABLE sort_key (n serial, key text, expression text);
INSERT INTO sort_key (key, expression) VALUES
('-end_time', 'e.end_time DESC'),
('duration', '(e.end_time - e.start_time)'),
('last_modified_time', 'e.last_modified_time'),
('name', '(e.name ->> ''fi'')'),
('-maximum_attendee_capacity', 'e.maximum_attendee_capacity DESC'),
('minimum_attendee_capacity', 'e.minimum_attendee_capacity'),
('-enrolment_start_time', 'e.enrolment_start_time DESC'),
('enrolment_end_time', 'e.enrolment_end_time'),
('registration__enrolment_start_time', pg_temp.reg('enrolment_start_time')),
('-registration__enrolment_end_time', pg_temp.reg('enrolment_end_time') || ' DESC'),
('-enrolment_end', format('coalesce(%s, e.enrolment_end_time) DESC NULLS LAST', pg_temp.reg('enrolment_end_time')));

-- The requests of the 1M table in README (kept as they were, for
-- comparison), then the families, the sort keys and the other lists.
INSERT INTO bench.request (name, path, query, baseline) VALUES
('keyword=<rare>', 'event/', 'keyword=' || :'rare', pg_temp.list(pg_temp.has_keyword(pg_temp.keywords(:'rare')))),
('keyword_OR_set1&keyword_OR_set2', 'event/', 'keyword_OR_set1=' || :'set1' || '&keyword_OR_set2=' || :'set2',
 pg_temp.list('(' || pg_temp.has_keyword(pg_temp.keywords(:'set1')) || ') AND ('
              || pg_temp.has_keyword(pg_temp.keywords(:'set2')) || ')')),
('keyword!=<common>', 'event/', 'keyword!=' || :'common',
 pg_temp.list('NOT (' || pg_temp.has_keyword(pg_temp.keywords(:'common')) || ')')),
('suitable_for=12&start=today', 'event/', 'suitable_for=12&start=today',
 pg_temp.list(pg_temp.suitable_for(12, 12) || ' AND (' || pg_temp.starts_from(:'today') || ')')),
('bbox=<central Helsinki>', 'event/', 'bbox=24.93,60.16,24.96,60.18',
 pg_temp.list('EXISTS (SELECT 1 FROM baseline.place p WHERE p.id = e.location'
              ' AND ST_Within(p.position, ST_MakeEnvelope(24.93, 60.16, 24.96, 60.18, 4326)))')),
('dwithin 1000 m', 'event/', 'dwithin_origin=24.9384,60.1699&dwithin_metres=1000',
 pg_temp.list('EXISTS (SELECT 1 FROM baseline.place p WHERE p.id = e.location'
              ' AND ST_DWithin(p.position::geography,'
              ' ST_SetSRID(ST_MakePoint(24.9384, 60.1699), 4326)::geography, 1000))')),
('publisher_ancestor=<root>', 'event/', 'publisher_ancestor=' || :'root',
 pg_temp.list(pg_temp.publisher_in(format('SELECT baseline.descendants(%L)', :'root')))),
('local_ongoing_OR=lapsi,musiikki', 'event/', 'local_ongoing_OR=lapsi,musiikki',
 pg_temp.list(pg_temp.ongoing_or('local', 'lapsi,musiikki'))),
('weekday=6,7&start=today', 'event/', 'weekday=6,7&start=today',
 pg_temp.list(pg_temp.weekday('6,7') || ' AND (' || pg_temp.starts_from(:'today') || ')')),
('sort=enrolment_start', 'event/', 'sort=enrolment_start',
 pg_temp.list(NULL, format('coalesce(%s, e.enrolment_start_time), e.id', pg_temp.reg('enrolment_start_time')))),
('include=location,keywords&page_size=100', 'event/', 'include=location,keywords&page_size=100',
 pg_temp.list(NULL, page_size => 100, include => '{location,keywords}')),
('page=50', 'event/', 'page=50', pg_temp.list(NULL, page => 50)),
('event detail', 'event/' || :'detail_id' || '/', '', format('SELECT baseline.detail(%L)', :'detail_id'));

-- The families alone, and combined with start=today&sort=start_time.
INSERT INTO bench.request (name, path, query, baseline)
SELECT name, 'event/', query, pg_temp.list(filter, sort, base)
  FROM (SELECT n, 0 AS variant, name, query, filter, NULL AS sort, base FROM family
        UNION ALL
        SELECT n, 1, name || ' & today', query || '&start=today&sort=start_time',
               coalesce('(' || filter || ') AND ', '') || '(' || pg_temp.starts_from(:'today') || ')',
               'e.start_time, e.id', base
          FROM family WHERE combine) f
 ORDER BY n, variant;
-- The ones whose combination is not "AND start=today" (sort, postponed, days).
INSERT INTO bench.request (name, path, query, baseline) VALUES
('start=today&end=<in a week>&sort=start_time', 'event/', 'start=today&end=' || :'in_week' || '&sort=start_time',
 pg_temp.list(format('(%s) AND (e.end_time < %2$s OR e.start_time <= %2$s)',
                     pg_temp.starts_from(:'today', false), pg_temp.local_day(8)), 'e.start_time, e.id')),
('days=7&sort=start_time', 'event/', 'days=7&sort=start_time',
 pg_temp.list(format('(%s) AND (e.end_time < %2$s OR e.start_time < %2$s OR e.event_status = ''EventPostponed'')',
                     pg_temp.starts_from(:'today'), pg_temp.local_day(7)), 'e.start_time, e.id')),
('weekday=6,7', 'event/', 'weekday=6,7', pg_temp.list(pg_temp.weekday('6,7'))),
('weekday=3 & today', 'event/', 'weekday=3&start=today&sort=start_time',
 pg_temp.list(pg_temp.weekday('3') || ' AND (' || pg_temp.starts_from(:'today') || ')', 'e.start_time, e.id')),
('suitable_for=12&start=today&sort=start_time', 'event/', 'suitable_for=12&start=today&sort=start_time',
 pg_temp.list(pg_temp.suitable_for(12, 12) || ' AND (' || pg_temp.starts_from(:'today') || ')', 'e.start_time, e.id')),
('start=today&sort=enrolment_start', 'event/', 'start=today&sort=enrolment_start',
 pg_temp.list(pg_temp.starts_from(:'today'),
              format('coalesce(%s, e.enrolment_start_time), e.id', pg_temp.reg('enrolment_start_time')))),
('keyword=<common> & today', 'event/', 'keyword=' || :'common' || '&start=today&sort=start_time',
 pg_temp.list('(' || pg_temp.has_keyword(pg_temp.keywords(:'common')) || ') AND (' || pg_temp.starts_from(:'today') || ')',
              'e.start_time, e.id')),
('keyword!=<common> & today', 'event/', 'keyword!=' || :'common' || '&start=today&sort=start_time',
 pg_temp.list('NOT (' || pg_temp.has_keyword(pg_temp.keywords(:'common')) || ') AND (' || pg_temp.starts_from(:'today') || ')',
              'e.start_time, e.id')),
('keyword_OR_set1&keyword_OR_set2 & today', 'event/',
 'keyword_OR_set1=' || :'set1' || '&keyword_OR_set2=' || :'set2' || '&start=today&sort=start_time',
 pg_temp.list('(' || pg_temp.has_keyword(pg_temp.keywords(:'set1')) || ') AND ('
              || pg_temp.has_keyword(pg_temp.keywords(:'set2')) || ') AND (' || pg_temp.starts_from(:'today') || ')',
              'e.start_time, e.id')),
('bbox=<central Helsinki> & today', 'event/', 'bbox=24.93,60.16,24.96,60.18&start=today&sort=start_time',
 pg_temp.list('EXISTS (SELECT 1 FROM baseline.place p WHERE p.id = e.location'
              ' AND ST_Within(p.position, ST_MakeEnvelope(24.93, 60.16, 24.96, 60.18, 4326)))'
              ' AND (' || pg_temp.starts_from(:'today') || ')', 'e.start_time, e.id')),
('dwithin 1000 m & today', 'event/', 'dwithin_origin=24.9384,60.1699&dwithin_metres=1000&start=today&sort=start_time',
 pg_temp.list('EXISTS (SELECT 1 FROM baseline.place p WHERE p.id = e.location'
              ' AND ST_DWithin(p.position::geography,'
              ' ST_SetSRID(ST_MakePoint(24.9384, 60.1699), 4326)::geography, 1000))'
              ' AND (' || pg_temp.starts_from(:'today') || ')', 'e.start_time, e.id')),
('publisher_ancestor=<root> & today', 'event/', 'publisher_ancestor=' || :'root' || '&start=today&sort=start_time',
 pg_temp.list('(' || pg_temp.publisher_in(format('SELECT baseline.descendants(%L)', :'root')) || ') AND ('
              || pg_temp.starts_from(:'today') || ')', 'e.start_time, e.id')),
('local_ongoing_OR=lapsi,musiikki & today', 'event/', 'local_ongoing_OR=lapsi,musiikki&start=today&sort=start_time',
 pg_temp.list(pg_temp.ongoing_or('local', 'lapsi,musiikki') || ' AND (' || pg_temp.starts_from(:'today') || ')',
              'e.start_time, e.id')),
('hide_recurring_children(+_sub_events) & today', 'event/',
 'hide_recurring_children=true&hide_recurring_children_sub_events=true&start=today&sort=start_time',
 pg_temp.list(pg_temp.hide_recurring_children(pg_temp.starts_from(:'today'), true), 'e.start_time, e.id')),
('hide_recurring_children=true & today', 'event/', 'hide_recurring_children=true&start=today&sort=start_time',
 pg_temp.list(pg_temp.hide_recurring_children(pg_temp.starts_from(:'today'), false), 'e.start_time, e.id')),
('ids=<three> & today', 'event/', 'ids=' || :'three_ids' || '&start=today&sort=start_time',
 pg_temp.list(format('e.id = ANY (%L) AND (%s)', string_to_array(:'three_ids', ','), pg_temp.starts_from(:'today')),
              'e.start_time, e.id'));

-- Sort keys alone and with start=today.
INSERT INTO bench.request (name, path, query, baseline)
SELECT name, 'event/', query, pg_temp.list(filter, expression || ', e.id')
  FROM (SELECT n, 0 AS variant, 'sort=' || key AS name, 'sort=' || key AS query, NULL AS filter, expression
          FROM sort_key
        UNION ALL
        SELECT n, 1, 'start=today&sort=' || key, 'start=today&sort=' || key, pg_temp.starts_from(:'today'), expression
          FROM sort_key) s
 ORDER BY n, variant;

-- 1.11 text= is the reference's icontains over the translated fields of
-- the event and its place; full_text= searches baseline.event_fts.
INSERT INTO bench.request (name, path, query, baseline) VALUES
('text=kirjasto', 'event/', 'text=kirjasto', pg_temp.list(pg_temp.text_filter('kirjasto'))),
('full_text=konsertti', 'event/', 'full_text=konsertti',
 pg_temp.list(pg_temp.full_text('konsertti'), pg_temp.full_text_rank('konsertti'))),
('text=kirjasto & today', 'event/', 'text=kirjasto&start=today&sort=start_time',
 pg_temp.list('(' || pg_temp.text_filter('kirjasto') || ') AND (' || pg_temp.starts_from(:'today') || ')',
              'e.start_time, e.id')),
('full_text=konsertti & today', 'event/', 'full_text=konsertti&start=today&sort=start_time',
 pg_temp.list(pg_temp.full_text('konsertti') || ' AND (' || pg_temp.starts_from(:'today') || ')', 'e.start_time, e.id')),
('full_text=<rare place number>', 'event/', 'full_text=' || :'rare_place_number',
 pg_temp.list(pg_temp.full_text(:'rare_place_number'), pg_temp.full_text_rank(:'rare_place_number'))),
('full_text=concert&full_text_language=en', 'event/', 'full_text=concert&full_text_language=en',
 pg_temp.list(pg_temp.full_text('concert', 'en'), pg_temp.full_text_rank('concert', 'en')));

-- The place and keyword lists (SPEC 5.2, 5.4): n_events and
-- has_upcoming_events are the stored columns, as in the reference.
CREATE FUNCTION pg_temp.page(resource text, cond text, sort text) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN format('SELECT baseline.page(%L, %L, %L, 1, 20)', resource, cond, sort);
-- keyword free_text (no U+00C0-U+00FF character in these values, so en too)
CREATE FUNCTION pg_temp.simile(v text) RETURNS text LANGUAGE sql IMMUTABLE RETURN format(
    'greatest(similarity(t.name ->> ''fi'', %1$L), similarity(t.name ->> ''sv'', %1$L), similarity(t.name ->> ''en'', %1$L))',
    v);
INSERT INTO bench.request (name, path, query, baseline) VALUES
('place list', 'place/', '', pg_temp.page('place', 't.n_events > 0 AND NOT t.deleted',
                                          't.n_events DESC, t.data_source DESC, t.name ->> ''fi'', t.id')),
('place has_upcoming_events=true', 'place/', 'has_upcoming_events=true',
 pg_temp.page('place', 't.has_upcoming_events', 't.n_events DESC, t.data_source DESC, t.name ->> ''fi'', t.id')),
('place sort=-n_events', 'place/', 'sort=-n_events',
 pg_temp.page('place', 't.n_events > 0 AND NOT t.deleted', 't.n_events DESC, t.id')),
('keyword list', 'keyword/', '', pg_temp.page('keyword', 't.n_events > 0 AND NOT t.deprecated',
                                              't.data_source DESC, t.n_events DESC, t.name ->> ''fi'', t.id')),
('keyword has_upcoming_events=true', 'keyword/', 'has_upcoming_events=true',
 pg_temp.page('keyword', 't.has_upcoming_events', 't.data_source DESC, t.n_events DESC, t.name ->> ''fi'', t.id')),
('keyword sort=-n_events', 'keyword/', 'sort=-n_events',
 pg_temp.page('keyword', 't.n_events > 0 AND NOT t.deprecated', 't.n_events DESC, t.id'));
INSERT INTO bench.request (name, path, query, baseline)
SELECT 'keyword free_text=' || v, 'keyword/', 'free_text=' || v,
       pg_temp.page('keyword', format('t.n_events > 0 AND NOT t.deprecated AND %s > 0.2', s),
                    format('%s DESC, t.data_source DESC, t.n_events DESC, t.name ->> ''fi'', t.id', s))
  FROM unnest('{musiikki,sirkus}'::text[]) WITH ORDINALITY v(v, n), LATERAL (SELECT pg_temp.simile(v) AS s) x
 ORDER BY n;

-- The throughput mix (test/bench.sh, pgbench): the requests an event
-- calendar's pages make, weighted as an estimate of such a site's API log
-- (no public log gives the weights): event pages (detail), the front page
-- and its topic, place and text searches, day lists, the pickers' keyword
-- and place lists.
INSERT INTO bench.mix (name, weight) VALUES
('event detail', 30),
('start=today&sort=start_time', 20),
('keyword=<common> & today', 10),
('location=<common> & today', 8),
('default list', 5),
('days=7&sort=start_time', 5),
('super_event=<recurring event>', 4),
('publisher_ancestor=<root> & today', 4),
('division=kunta:helsinki & today', 4),
('keyword has_upcoming_events=true', 3),
('place has_upcoming_events=true', 3),
('text=kirjasto & today', 4);
\endif
