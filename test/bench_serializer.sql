-- Serializer speed (a measurement, not a test). Run against a database that
-- has the extension and generated events, e.g.
--     psql -X -q -d <db> -f test/bench_serializer.sql
-- It serializes the same pages of 100 events, with include empty and with
-- include=location,keywords, four ways:
--   store      linkedevents._jsonld_page_data (the C serializer) as the
--              event list calls it: from the document store
--   tables     the same with linkedevents.use_document_store off: the C
--              writers reading every related row
--   plain_sql  the same document built in SQL: json_build_object with
--              correlated subqueries and json_agg (checked equal as jsonb)
--   row_to_json  json_agg(row_to_json(e)) of the bare event rows
-- and prints the median milliseconds per page and the ratios.
\set pages 20
\set reps 5
SET linkedevents.base_url = 'http://localhost/v1/';

CREATE TEMP TABLE bench_page AS
SELECT rn / 100 AS n, array_agg(id ORDER BY rn) AS ids
  FROM (SELECT id, row_number() OVER (ORDER BY last_modified_time DESC, id) - 1 AS rn
          FROM linkedevents.event WHERE NOT deleted) s
 WHERE rn < 100 * :pages
 GROUP BY rn / 100;

-- The plain-SQL serializer.
CREATE FUNCTION pg_temp.ts(t timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
        || CASE WHEN extract(microseconds FROM t)::int % 1000000 <> 0
                THEN to_char(t AT TIME ZONE 'UTC', '.US') ELSE '' END || 'Z'
$$;
CREATE FUNCTION pg_temp.ml(v jsonb) RETURNS json LANGUAGE sql STABLE AS $$
    SELECT json_object_agg(l, v->>l ORDER BY o)
      FROM unnest(string_to_array(current_setting('linkedevents.languages'), ',')) WITH ORDINALITY x(l, o)
     WHERE v ? l
$$;
CREATE FUNCTION pg_temp.editable(ds text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT user_editable_resources FROM linkedevents.data_source WHERE id = ds), false)
$$;
CREATE FUNCTION pg_temp.ref(resource text, id text) RETURNS json LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN id IS NOT NULL
                THEN json_build_object('@id', current_setting('linkedevents.base_url') || resource || '/' || id || '/') END
$$;
CREATE FUNCTION pg_temp.place_doc(p linkedevents.place) RETURNS json LANGUAGE sql STABLE AS $$
SELECT json_build_object(
    'id', p.id, 'has_user_editable_resources', pg_temp.editable(p.data_source),
    'data_source', p.data_source, 'publisher', p.publisher,
    'divisions', coalesce((SELECT json_agg(json_build_object('type', d.type, 'ocd_id', d.ocd_id,
                                  'municipality', d.municipality, 'name', pg_temp.ml(d.name)) ORDER BY pd.position)
                             FROM linkedevents.place_division pd
                             JOIN linkedevents.division d ON d.ocd_id = pd.division
                            WHERE pd.place = p.id), '[]'),
    'created_time', pg_temp.ts(p.created_time), 'last_modified_time', pg_temp.ts(p.last_modified_time),
    'custom_data', p.custom_data, 'email', p.email, 'contact_type', p.contact_type,
    'address_region', p.address_region, 'postal_code', p.postal_code,
    'post_office_box_num', p.post_office_box_num, 'address_country', p.address_country,
    'deleted', p.deleted, 'has_upcoming_events', p.has_upcoming_events, 'n_events', p.n_events,
    'image', p.image, 'parent', p.parent, 'replaced_by', p.replaced_by,
    'position', CASE WHEN p.position IS NOT NULL THEN json_build_object('type', 'Point', 'coordinates',
                     json_build_array(round(ST_X(p.position)::numeric, 7), round(ST_Y(p.position)::numeric, 7))) END,
    'name', pg_temp.ml(p.name), 'description', pg_temp.ml(p.description), 'info_url', pg_temp.ml(p.info_url),
    'street_address', pg_temp.ml(p.street_address), 'address_locality', pg_temp.ml(p.address_locality),
    'telephone', pg_temp.ml(p.telephone),
    '@id', current_setting('linkedevents.base_url') || 'place/' || p.id || '/',
    '@context', 'http://schema.org', '@type', 'Place')
$$;
CREATE FUNCTION pg_temp.keyword_doc(k linkedevents.keyword) RETURNS json LANGUAGE sql STABLE AS $$
SELECT json_build_object(
    'id', k.id, 'has_user_editable_resources', pg_temp.editable(k.data_source),
    'alt_labels', to_json(k.alt_labels), 'created_time', pg_temp.ts(k.created_time),
    'last_modified_time', pg_temp.ts(k.last_modified_time), 'aggregate', k.aggregate,
    'deprecated', k.deprecated, 'has_upcoming_events', k.has_upcoming_events, 'n_events', k.n_events,
    'image', k.image, 'data_source', k.data_source, 'publisher', k.publisher,
    'replaced_by', k.replaced_by, 'name', pg_temp.ml(k.name),
    '@id', current_setting('linkedevents.base_url') || 'keyword/' || k.id || '/',
    '@context', 'http://schema.org', '@type', 'Keyword')
$$;
CREATE FUNCTION pg_temp.keyword_list(ids text[], embed boolean) RETURNS json LANGUAGE sql STABLE AS $$
    SELECT coalesce(json_agg(CASE WHEN embed THEN (SELECT pg_temp.keyword_doc(k) FROM linkedevents.keyword k
                                                    WHERE k.id = x.id)
                                  ELSE pg_temp.ref('keyword', x.id) END ORDER BY o), '[]')
      FROM unnest(ids) WITH ORDINALITY x(id, o)
$$;
CREATE FUNCTION pg_temp.event_doc(e linkedevents.event, inc_location boolean, inc_keywords boolean)
RETURNS json LANGUAGE sql STABLE AS $$
SELECT CASE WHEN e.deleted THEN json_build_object(
    'id', e.id, 'name', json_build_object('fi', 'POISTETTU', 'sv', 'RADERAD', 'en', 'DELETED'),
    'last_modified_time', pg_temp.ts(e.last_modified_time), 'deleted', true, 'replaced_by', e.replaced_by)
ELSE json_build_object(
    'id', e.id, 'has_user_editable_resources', pg_temp.editable(e.data_source),
    'location', CASE WHEN inc_location THEN (SELECT pg_temp.place_doc(p) FROM linkedevents.place p
                                              WHERE p.id = e.location)
                     ELSE pg_temp.ref('place', e.location) END,
    'keywords', pg_temp.keyword_list(e.keywords, inc_keywords),
    'registration', (SELECT pg_temp.ref('registration', r.id::text) FROM linkedevents.registration r
                      WHERE r.event = e.id),
    'super_event', pg_temp.ref('event', e.super_event),
    'event_status', e.event_status, 'type_id', e.type_id,
    'external_links', coalesce((SELECT json_agg(json_build_object('name', nullif(l.name, ''), 'link', l.link,
                                                                   'language', l.language) ORDER BY l.position)
                                  FROM linkedevents.event_link l WHERE l.event = e.id), '[]'),
    'offers', coalesce((SELECT json_agg(json_build_object(
                            'is_free', o.is_free,
                            'offer_price_groups', coalesce((SELECT json_agg(json_build_object(
                                    'id', g.id, 'price_group', g.price_group, 'price', g.price::text,
                                    'vat_percentage', g.vat_percentage::text,
                                    'price_without_vat', g.price_without_vat::text, 'vat', g.vat::text)
                                    ORDER BY g.position)
                                 FROM linkedevents.offer_price_group g WHERE g.offer = o.id), '[]'),
                            'price', pg_temp.ml(o.price), 'info_url', pg_temp.ml(o.info_url),
                            'description', pg_temp.ml(o.description)) ORDER BY o.position)
                          FROM linkedevents.offer o WHERE o.event = e.id), '[]'),
    'data_source', e.data_source, 'publisher', e.publisher,
    'sub_events', coalesce((SELECT json_agg(pg_temp.ref('event', s.id) ORDER BY s.id)
                              FROM linkedevents.event s
                             WHERE s.super_event = e.id AND s.publication_status = 'public'
                               AND NOT s.deleted
                               AND NOT EXISTS (SELECT FROM linkedevents.data_source d
                                                WHERE d.id = s.data_source AND d.private)), '[]'),
    'images', coalesce((SELECT json_agg(json_build_object(
                            'id', i.id,
                            'has_user_editable_resources', i.data_source IS NULL OR pg_temp.editable(i.data_source),
                            'license', i.license,
                            'license_url', (SELECT url FROM linkedevents.license WHERE id = i.license),
                            'created_time', pg_temp.ts(i.created_time),
                            'last_modified_time', pg_temp.ts(i.last_modified_time), 'url', i.url,
                            'name', i.name, 'cropping', i.cropping, 'photographer_name', i.photographer_name,
                            'alt_text', i.alt_text, 'data_source', i.data_source, 'publisher', i.publisher,
                            '@id', current_setting('linkedevents.base_url') || 'image/' || i.id || '/',
                            '@context', 'http://schema.org', '@type', 'ImageObject') ORDER BY ei.position)
                          FROM linkedevents.event_image ei JOIN linkedevents.image i ON i.id = ei.image
                         WHERE ei.event = e.id), '[]'),
    'videos', coalesce((SELECT json_agg(json_build_object('name', nullif(v.name, ''), 'url', v.url,
                                                           'alt_text', v.alt_text) ORDER BY v.position)
                          FROM linkedevents.event_video v WHERE v.event = e.id), '[]'),
    'in_language', (SELECT coalesce(json_agg(pg_temp.ref('language', x) ORDER BY o), '[]')
                      FROM unnest(e.in_language) WITH ORDINALITY u(x, o)),
    'audience', pg_temp.keyword_list(e.audience, false),
    'created_time', pg_temp.ts(e.created_time), 'last_modified_time', pg_temp.ts(e.last_modified_time),
    'date_published', pg_temp.ts(e.date_published),
    'start_time', CASE WHEN NOT e.has_start_time
                       THEN to_char(e.start_time AT TIME ZONE current_setting('linkedevents.time_zone'), 'YYYY-MM-DD')
                       ELSE pg_temp.ts(e.start_time) END,
    'end_time', CASE WHEN e.has_end_time THEN pg_temp.ts(e.end_time)
                     WHEN e.end_time - e.start_time <= interval '24 hours' THEN NULL
                     ELSE to_char((e.end_time AT TIME ZONE current_setting('linkedevents.time_zone'))::date - 1,
                                  'YYYY-MM-DD') END,
    'custom_data', e.custom_data, 'environmental_certificate', e.environmental_certificate,
    'environment', e.environment, 'audience_min_age', e.audience_min_age,
    'audience_max_age', e.audience_max_age, 'super_event_type', e.super_event_type, 'deleted', false,
    'maximum_attendee_capacity', e.maximum_attendee_capacity,
    'minimum_attendee_capacity', e.minimum_attendee_capacity,
    'enrolment_start_time', pg_temp.ts(e.enrolment_start_time),
    'enrolment_end_time', pg_temp.ts(e.enrolment_end_time), 'local', e.local, 'replaced_by', e.replaced_by,
    'name', pg_temp.ml(e.name), 'description', pg_temp.ml(e.description),
    'short_description', pg_temp.ml(e.short_description), 'info_url', pg_temp.ml(e.info_url),
    'location_extra_info', pg_temp.ml(e.location_extra_info), 'provider', pg_temp.ml(e.provider),
    'provider_contact_info', pg_temp.ml(e.provider_contact_info),
    '@id', current_setting('linkedevents.base_url') || 'event/' || e.id || '/',
    '@context', 'http://schema.org', '@type', 'Event/LinkedEvent') END
$$;

CREATE FUNCTION pg_temp.page(method text, ids text[], include text[]) RETURNS json LANGUAGE plpgsql AS $$
DECLARE
    result json;
BEGIN
    CASE method
    WHEN 'store' THEN
        RETURN linkedevents._jsonld_page_data('event', ids, include);
    WHEN 'tables' THEN
        SET LOCAL linkedevents.use_document_store = off;
        result := linkedevents._jsonld_page_data('event', ids, include);
        SET LOCAL linkedevents.use_document_store = on;
        RETURN result;
    WHEN 'plain_sql' THEN
        RETURN (SELECT json_agg(pg_temp.event_doc(e, 'location' = ANY (include), 'keywords' = ANY (include))
                                ORDER BY u.ord)
                  FROM unnest(ids) WITH ORDINALITY u(id, ord) JOIN linkedevents.event e USING (id));
    ELSE
        RETURN (SELECT json_agg(row_to_json(e) ORDER BY u.ord)
                  FROM unnest(ids) WITH ORDINALITY u(id, ord) JOIN linkedevents.event e USING (id));
    END CASE;
END
$$;

-- The plain-SQL document is the serializer's document, and the store's text
-- is the text written from the tables.
SELECT include, bool_and(pg_temp.page('store', ids, include)::jsonb
                         = pg_temp.page('plain_sql', ids, include)::jsonb) AS same_document,
       bool_and(pg_temp.page('store', ids, include)::text
                = pg_temp.page('tables', ids, include)::text) AS same_text
  FROM bench_page, (VALUES ('{}'::text[]), ('{location,keywords}')) v(include)
 GROUP BY include;

CREATE TEMP TABLE bench_call (method text, ms float8);

-- Each page call is timed on its own and the methods take turns page by page,
-- so that other load on the machine hits them alike; the median per method
-- is robust to the calls such load slows down.
CREATE FUNCTION pg_temp.ms_per_page(include text[], reps int,
                                    OUT store numeric, OUT tables numeric, OUT plain_sql numeric,
                                    OUT row_to_json numeric)
LANGUAGE plpgsql AS $$
DECLARE
    methods CONSTANT text[] := '{store,tables,plain_sql,row_to_json}';
    started timestamptz;
    ms float8[] := '{}';
    p record;
BEGIN
    PERFORM pg_temp.page(m, ids, include) FROM bench_page, unnest(methods) m;     -- warm up
    TRUNCATE bench_call;
    FOR i IN 1 .. reps LOOP
        FOR p IN SELECT ids FROM bench_page LOOP
            FOR m IN 1 .. 4 LOOP
                started := clock_timestamp();
                PERFORM octet_length(pg_temp.page(methods[m], p.ids, include)::text);
                ms[m] := extract(epoch FROM clock_timestamp() - started) * 1000;
            END LOOP;
            INSERT INTO bench_call SELECT methods[m], ms[m] FROM generate_series(1, 4) m;
        END LOOP;
    END LOOP;
    SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY c.ms) FILTER (WHERE method = 'store')::numeric, 3),
           round(percentile_cont(0.5) WITHIN GROUP (ORDER BY c.ms) FILTER (WHERE method = 'tables')::numeric, 3),
           round(percentile_cont(0.5) WITHIN GROUP (ORDER BY c.ms) FILTER (WHERE method = 'plain_sql')::numeric, 3),
           round(percentile_cont(0.5) WITHIN GROUP (ORDER BY c.ms) FILTER (WHERE method = 'row_to_json')::numeric, 3)
      INTO store, tables, plain_sql, row_to_json
      FROM bench_call c;
END
$$;

SELECT include, store AS store_ms, tables AS tables_ms, plain_sql AS plain_sql_ms,
       row_to_json AS row_to_json_ms, round(plain_sql / store, 1) AS plain_sql_over_store,
       round(row_to_json / store, 2) AS row_to_json_over_store,
       round(row_to_json / tables, 2) AS row_to_json_over_tables
  FROM (VALUES ('{}'::text[]), ('{location,keywords}')) v(include),
       pg_temp.ms_per_page(include, :reps) m;
