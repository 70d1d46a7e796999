-- The benchmark's requests (test/bench.sh): one row per request, with the
-- plain SQL answering it over the baseline schema. Values that depend on the
-- data (keywords, an event id) are picked from it here. The set is
-- -v requests=all (default) or -v requests=scaling (three of them).
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
CREATE FUNCTION pg_temp.has_keyword(ids text) RETURNS text LANGUAGE sql IMMUTABLE RETURN format(
    'EXISTS (SELECT 1 FROM baseline.event_keywords k WHERE k.event = e.id AND k.keyword = ANY (%1$L))'
    ' OR EXISTS (SELECT 1 FROM baseline.event_audience a WHERE a.event = e.id AND a.keyword = ANY (%1$L))',
    string_to_array(ids, ','));
CREATE FUNCTION pg_temp.starts_from(t text) RETURNS text LANGUAGE sql IMMUTABLE RETURN format(
    '(e.end_time > %1$s AND e.has_end_time) OR (e.end_time > %1$s AND NOT e.has_start_time)'
    ' OR e.start_time >= %1$s OR e.event_status = ''EventPostponed''', t);
CREATE FUNCTION pg_temp.list(filter text, sort text DEFAULT NULL, page integer DEFAULT 1,
                             page_size integer DEFAULT 20, include text DEFAULT '{}') RETURNS text
    LANGUAGE sql IMMUTABLE RETURN format('SELECT baseline.list(%L, %L, %s, %s, %L)', filter,
    coalesce(sort, 'e.last_modified_time DESC, e.id'), page, page_size, include);

INSERT INTO bench.request (name, path, query, baseline) VALUES
('default list', 'event/', '', pg_temp.list(NULL)),
('start=today&sort=start_time', 'event/', 'start=today&sort=start_time',
 pg_temp.list(pg_temp.starts_from(:'today'), 'e.start_time, e.id')),
('keyword=<common>', 'event/', 'keyword=' || :'common', pg_temp.list(pg_temp.has_keyword(:'common')));

SELECT :'requests' = 'all' AS requests_all \gset
\if :requests_all
INSERT INTO bench.request (name, path, query, baseline) VALUES
('keyword=<rare>', 'event/', 'keyword=' || :'rare', pg_temp.list(pg_temp.has_keyword(:'rare'))),
('keyword_OR_set1&keyword_OR_set2', 'event/', 'keyword_OR_set1=' || :'set1' || '&keyword_OR_set2=' || :'set2',
 pg_temp.list('(' || pg_temp.has_keyword(:'set1') || ') AND (' || pg_temp.has_keyword(:'set2') || ')')),
('keyword!=<common>', 'event/', 'keyword!=' || :'common',
 pg_temp.list('NOT (' || pg_temp.has_keyword(:'common') || ')')),
('suitable_for=12&start=today', 'event/', 'suitable_for=12&start=today',
 pg_temp.list('(e.audience_min_age IS NULL OR e.audience_min_age <= 12)'
              ' AND (e.audience_max_age IS NULL OR e.audience_max_age >= 12)'
              ' AND NOT (e.audience_min_age IS NULL AND e.audience_max_age IS NULL)'
              ' AND (' || pg_temp.starts_from(:'today') || ')')),
('bbox=<central Helsinki>', 'event/', 'bbox=24.93,60.16,24.96,60.18',
 pg_temp.list('EXISTS (SELECT 1 FROM baseline.place p WHERE p.id = e.location'
              ' AND ST_Within(p.position, ST_MakeEnvelope(24.93, 60.16, 24.96, 60.18, 4326)))')),
('dwithin 1000 m', 'event/', 'dwithin_origin=24.9384,60.1699&dwithin_metres=1000',
 pg_temp.list('EXISTS (SELECT 1 FROM baseline.place p WHERE p.id = e.location'
              ' AND ST_DWithin(p.position::geography,'
              ' ST_SetSRID(ST_MakePoint(24.9384, 60.1699), 4326)::geography, 1000))')),
('publisher_ancestor=<root>', 'event/', 'publisher_ancestor=' || :'root',
 pg_temp.list(format('e.publisher IN (SELECT baseline.descendants(%1$L))'
                     ' OR e.publisher IN (SELECT id FROM baseline.organization'
                     ' WHERE replaced_by IN (SELECT baseline.descendants(%1$L)))'
                     ' OR e.publisher IN (SELECT replaced_by FROM baseline.organization'
                     ' WHERE id IN (SELECT baseline.descendants(%1$L)))', :'root'))),
('local_ongoing_OR=lapsi,musiikki', 'event/', 'local_ongoing_OR=lapsi,musiikki',
 pg_temp.list(format('e.end_time >= now()'
                     ' AND EXISTS (SELECT 1 FROM baseline.place_division pd WHERE pd.place = e.location'
                     ' AND pd.division = %L)'
                     ' AND EXISTS (SELECT 1 FROM baseline.event_ongoing_text t WHERE t.event = e.id'
                     ' AND t.txt ~* %L)',
                     current_setting('linkedevents.municipality'), baseline.ongoing_regex('{lapsi,musiikki}')))),
('weekday=6,7&start=today', 'event/', 'weekday=6,7&start=today',
 pg_temp.list('(extract(isodow FROM e.start_time AT TIME ZONE ''Europe/Helsinki'') IN (6, 7)'
              ' OR extract(isodow FROM e.end_time AT TIME ZONE ''Europe/Helsinki'') IN (6, 7)'
              ' OR e.end_time - e.start_time >= interval ''7 days'''
              ' OR EXISTS (SELECT 1 FROM unnest(''{6,7}''::int[]) w,'
              '  LATERAL (SELECT extract(isodow FROM e.start_time AT TIME ZONE ''Europe/Helsinki'') AS sd,'
              '   extract(isodow FROM e.end_time AT TIME ZONE ''Europe/Helsinki'') AS ed) d'
              '  WHERE e.end_time - e.start_time < interval ''7 days'''
              '  AND CASE WHEN d.sd > d.ed THEN d.sd <= w OR d.ed >= w ELSE d.sd <= w AND w <= d.ed END))'
              ' AND (' || pg_temp.starts_from(:'today') || ')')),
('sort=enrolment_start', 'event/', 'sort=enrolment_start',
 pg_temp.list(NULL, 'coalesce((SELECT r.enrolment_start_time FROM baseline.registration r WHERE r.event = e.id),'
                    ' e.enrolment_start_time), e.id')),
('include=location,keywords&page_size=100', 'event/', 'include=location,keywords&page_size=100',
 pg_temp.list(NULL, NULL, 1, 100, '{location,keywords}')),
('page=50', 'event/', 'page=50', pg_temp.list(NULL, NULL, 50)),
('event detail', 'event/' || :'detail_id' || '/', '', format('SELECT baseline.detail(%L)', :'detail_id'));

-- Text search, once linkedevents has it (src/sql/7x): text= is the
-- reference's icontains over the translated fields of the event and its
-- place; full_text= is approximated with the snowball Finnish configuration
-- (the reference uses Voikko base forms), so its ids may differ.
SELECT to_regclass('linkedevents.event_search') IS NOT NULL AS has_text_search \gset
\if :has_text_search
SELECT format('(%s) OR EXISTS (SELECT 1 FROM baseline.place p WHERE p.id = e.location AND (%s))',
              (SELECT string_agg(format('e.%I ->> %L ILIKE %L', f, l, '%kirjasto%'), ' OR ')
                 FROM unnest('{name,description,short_description,info_url,location_extra_info,headline,'
                             'secondary_headline,provider,provider_contact_info}'::text[]) f,
                      unnest('{fi,sv,en,zh_hans,ru,ar}'::text[]) l),
              (SELECT string_agg(format('p.%I ->> %L ILIKE %L', f, l, '%kirjasto%'), ' OR ')
                 FROM unnest('{name,description,info_url,street_address,address_locality,telephone}'::text[]) f,
                      unnest('{fi,sv,en,zh_hans,ru,ar}'::text[]) l)) AS text_filter \gset
\ir baseline_fulltext.sql
INSERT INTO bench.request (name, path, query, baseline) VALUES
('text=kirjasto', 'event/', 'text=kirjasto', pg_temp.list(:'text_filter')),
('full_text=konsertti', 'event/', 'full_text=konsertti',
 pg_temp.list('EXISTS (SELECT 1 FROM baseline.event_fts f WHERE f.event = e.id'
              ' AND f.v @@ websearch_to_tsquery(''finnish'', ''konsertti''))',
              '(SELECT ts_rank(f.v, websearch_to_tsquery(''finnish'', ''konsertti''))'
              ' FROM baseline.event_fts f WHERE f.event = e.id) DESC, e.id'));
\endif
\endif
