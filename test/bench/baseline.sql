-- The baseline of the benchmark (test/bench.sh): the generated data copied
-- into the reference application's shape, in schema baseline, and the plain
-- SQL that answers a list page the way the reference (Django) does: EXISTS
-- subqueries per filter over normalized link tables, a separate COUNT(*),
-- the page by LIMIT/OFFSET, then the page's documents built with
-- json_build_object/json_agg, one query per related table.
--
-- Also the floor: baseline.event_json (place_json, keyword_json) holds every
-- event's (place's, keyword's) finished document (linkedevents.to_jsonld),
-- so a page costs a primary-key fetch and a concatenation.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS baseline CASCADE;
CREATE SCHEMA baseline;

-- Resource tables: the same rows, keyword/audience/language lists moved to
-- link tables as the reference's many-to-many fields.
CREATE TABLE baseline.data_source AS SELECT * FROM linkedevents.data_source;
CREATE TABLE baseline.organization AS
SELECT id, data_source, classification, name, parent, replaced_by, internal_type
  FROM linkedevents.organization;
CREATE TABLE baseline.place AS SELECT * FROM linkedevents.place;
CREATE TABLE baseline.division AS SELECT * FROM linkedevents.division;
CREATE TABLE baseline.place_division AS SELECT * FROM linkedevents.place_division;
CREATE TABLE baseline.keyword AS SELECT * FROM linkedevents.keyword;
CREATE TABLE baseline.keyword_set AS
SELECT id, data_source, name, usage, organization, image, created_time, last_modified_time
  FROM linkedevents.keyword_set;
CREATE TABLE baseline.keyword_set_keywords AS
SELECT s.id AS keyword_set, k AS keyword FROM linkedevents.keyword_set s, unnest(s.keywords) k;
CREATE TABLE baseline.language AS SELECT * FROM linkedevents.language;
CREATE TABLE baseline.license AS SELECT * FROM linkedevents.license;
CREATE TABLE baseline.image AS SELECT * FROM linkedevents.image;
CREATE TABLE baseline.event AS
SELECT id, data_source, publisher, origin_id, location, super_event, super_event_type, event_status, type_id,
       publication_status, deleted, replaced_by, created_time, last_modified_time, date_published, start_time,
       end_time, has_start_time, has_end_time, custom_data, environmental_certificate, environment,
       audience_min_age, audience_max_age, maximum_attendee_capacity, minimum_attendee_capacity,
       enrolment_start_time, enrolment_end_time, local, name, description, short_description, info_url,
       location_extra_info, provider, provider_contact_info, headline, secondary_headline
  FROM linkedevents.event;
-- The link tables keep the document's order (the reference's through
-- tables have an id in insertion order).
CREATE TABLE baseline.event_keywords AS
SELECT e.id AS event, k AS keyword, n AS position
  FROM linkedevents.event e, unnest(e.keywords) WITH ORDINALITY u(k, n);
CREATE TABLE baseline.event_audience AS
SELECT e.id AS event, k AS keyword, n AS position
  FROM linkedevents.event e, unnest(e.audience) WITH ORDINALITY u(k, n);
CREATE TABLE baseline.event_in_language AS
SELECT e.id AS event, l AS language, n AS position
  FROM linkedevents.event e, unnest(e.in_language) WITH ORDINALITY u(l, n);
CREATE TABLE baseline.registration AS SELECT * FROM linkedevents.registration;
CREATE TABLE baseline.offer AS SELECT * FROM linkedevents.offer;
CREATE TABLE baseline.offer_price_group AS SELECT * FROM linkedevents.offer_price_group;
CREATE TABLE baseline.event_link AS SELECT * FROM linkedevents.event_link;
CREATE TABLE baseline.event_video AS SELECT * FROM linkedevents.event_video;
CREATE TABLE baseline.event_image AS SELECT * FROM linkedevents.event_image;

-- The indexes a competent engineer gives that shape: keys, both directions
-- of every link table, every foreign key, the sort columns, positions.
ALTER TABLE baseline.data_source ADD PRIMARY KEY (id);
ALTER TABLE baseline.organization ADD PRIMARY KEY (id);
CREATE INDEX ON baseline.organization (parent);
CREATE INDEX ON baseline.organization (replaced_by);
ALTER TABLE baseline.place ADD PRIMARY KEY (id);
-- The place and keyword lists' indexes, as the reference's models declare
-- them: n_events and has_upcoming_events are stored columns there too,
-- recounted by a periodic job (update_n_events).
CREATE INDEX ON baseline.place (n_events, data_source);
CREATE INDEX ON baseline.place (has_upcoming_events);
CREATE INDEX ON baseline.place USING gist (position);
CREATE INDEX ON baseline.place USING gist ((position::geography));
ALTER TABLE baseline.division ADD PRIMARY KEY (ocd_id);
ALTER TABLE baseline.place_division ADD PRIMARY KEY (place, division);
CREATE INDEX ON baseline.place_division (division);
ALTER TABLE baseline.keyword ADD PRIMARY KEY (id);
CREATE INDEX ON baseline.keyword (n_events);
CREATE INDEX ON baseline.keyword (data_source, n_events);
CREATE INDEX ON baseline.keyword (has_upcoming_events);
CREATE INDEX ON baseline.keyword (deprecated);
CREATE INDEX ON baseline.keyword ((name ->> 'fi')) WHERE n_events > 0;
ALTER TABLE baseline.keyword_set ADD PRIMARY KEY (id);
ALTER TABLE baseline.keyword_set_keywords ADD PRIMARY KEY (keyword_set, keyword);
ALTER TABLE baseline.language ADD PRIMARY KEY (id);
ALTER TABLE baseline.license ADD PRIMARY KEY (id);
ALTER TABLE baseline.image ADD PRIMARY KEY (id);
ALTER TABLE baseline.event ADD PRIMARY KEY (id);
CREATE INDEX ON baseline.event (last_modified_time DESC, id);
CREATE INDEX ON baseline.event (start_time, id);
CREATE INDEX ON baseline.event (end_time);
CREATE INDEX ON baseline.event (location);
CREATE INDEX ON baseline.event (publisher);
CREATE INDEX ON baseline.event (super_event);
CREATE INDEX ON baseline.event (id) WHERE event_status = 'EventPostponed';
ALTER TABLE baseline.event_keywords ADD PRIMARY KEY (event, keyword);
CREATE INDEX ON baseline.event_keywords (keyword, event);
ALTER TABLE baseline.event_audience ADD PRIMARY KEY (event, keyword);
CREATE INDEX ON baseline.event_audience (keyword, event);
ALTER TABLE baseline.event_in_language ADD PRIMARY KEY (event, language);
CREATE INDEX ON baseline.event_in_language (language, event);
ALTER TABLE baseline.registration ADD PRIMARY KEY (id);
CREATE UNIQUE INDEX ON baseline.registration (event);
ALTER TABLE baseline.offer ADD PRIMARY KEY (id);
CREATE INDEX ON baseline.offer (event, position);
ALTER TABLE baseline.offer_price_group ADD PRIMARY KEY (id);
CREATE INDEX ON baseline.offer_price_group (offer, position);
CREATE INDEX ON baseline.event_link (event, position);
CREATE INDEX ON baseline.event_video (event, position);
CREATE INDEX ON baseline.event_image (event, position);

-- The reference keeps the *_ongoing_* search text of upcoming events in a
-- cache filled by a periodic job; here it is a table filled once.
CREATE TABLE baseline.event_ongoing_text AS
SELECT e.id AS event, linkedevents._event_ongoing_text(e) AS txt
  FROM linkedevents.event e
 WHERE NOT e.deleted AND e.end_time >= now();
ALTER TABLE baseline.event_ongoing_text ADD PRIMARY KEY (event);

-- The reference's full-text search index (EventSearchIndex): one row per
-- event with a weighted tsvector per language (A event and place name, B
-- keyword and audience names, C short description, D description), each
-- with its GIN index. Its indexer writes them with Voikko base forms for
-- Finnish; here they are copied from linkedevents' documents, analysed the
-- same way (SPEC 1.11, D18), so that both ways rank the same vectors.
CREATE TABLE baseline.event_fts AS
SELECT event, fi, sv, en, zh_hans, ru, ar FROM linkedevents.event_search;
ALTER TABLE baseline.event_fts ADD PRIMARY KEY (event);
CREATE INDEX ON baseline.event_fts USING gin (fi);
CREATE INDEX ON baseline.event_fts USING gin (sv);
CREATE INDEX ON baseline.event_fts USING gin (en);
CREATE INDEX ON baseline.event_fts USING gin (zh_hans);
CREATE INDEX ON baseline.event_fts USING gin (ru);
CREATE INDEX ON baseline.event_fts USING gin (ar);

-- The floor: each event's, place's and keyword's finished document.
CREATE TABLE baseline.event_json AS
SELECT e.id, linkedevents.to_jsonld(e)::text AS doc FROM linkedevents.event e;
ALTER TABLE baseline.event_json ADD PRIMARY KEY (id);
CREATE TABLE baseline.place_json AS
SELECT p.id, linkedevents.to_jsonld(p)::text AS doc FROM linkedevents.place p;
ALTER TABLE baseline.place_json ADD PRIMARY KEY (id);
CREATE TABLE baseline.keyword_json AS
SELECT k.id, linkedevents.to_jsonld(k)::text AS doc FROM linkedevents.keyword k;
ALTER TABLE baseline.keyword_json ADD PRIMARY KEY (id);

-- Serialization helpers.
CREATE FUNCTION baseline.ts(t timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
        || CASE WHEN extract(microseconds FROM t)::int % 1000000 <> 0
                THEN to_char(t AT TIME ZONE 'UTC', '.US') ELSE '' END || 'Z'
$$;
CREATE FUNCTION baseline.ml(v jsonb) RETURNS json LANGUAGE sql STABLE AS $$
    SELECT json_object_agg(l, v->>l ORDER BY o)
      FROM unnest(string_to_array(current_setting('linkedevents.languages'), ',')) WITH ORDINALITY x(l, o)
     WHERE v ? l
$$;
CREATE FUNCTION baseline.ref(resource text, id text) RETURNS json LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN id IS NOT NULL
                THEN json_build_object('@id', current_setting('linkedevents.base_url') || resource || '/' || id || '/') END
$$;

-- The documents of keywords and places, one row each (the page's rows with
-- their data source by select_related, a place's divisions by
-- prefetch_related).
CREATE FUNCTION baseline.keyword_docs(ids text[]) RETURNS TABLE (id text, doc json) LANGUAGE sql STABLE AS $$
    SELECT k.id, json_build_object(
           'id', k.id, 'has_user_editable_resources', coalesce(ds.user_editable_resources, false),
           'alt_labels', to_json(k.alt_labels), 'created_time', baseline.ts(k.created_time),
           'last_modified_time', baseline.ts(k.last_modified_time), 'aggregate', k.aggregate,
           'deprecated', k.deprecated, 'has_upcoming_events', k.has_upcoming_events, 'n_events', k.n_events,
           'image', k.image, 'data_source', k.data_source, 'publisher', k.publisher,
           'replaced_by', k.replaced_by, 'name', baseline.ml(k.name),
           '@id', current_setting('linkedevents.base_url') || 'keyword/' || k.id || '/',
           '@context', 'http://schema.org', '@type', 'Keyword')
      FROM baseline.keyword k LEFT JOIN baseline.data_source ds ON ds.id = k.data_source
     WHERE k.id = ANY (ids)
$$;
CREATE FUNCTION baseline.place_docs(ids text[]) RETURNS TABLE (id text, doc json) LANGUAGE sql STABLE AS $$
    SELECT p.id, json_build_object(
           'id', p.id, 'has_user_editable_resources', coalesce(ds.user_editable_resources, false),
           'data_source', p.data_source, 'publisher', p.publisher,
           'divisions', coalesce((SELECT json_agg(json_build_object('type', d.type, 'ocd_id', d.ocd_id,
                                     'municipality', d.municipality, 'name', baseline.ml(d.name))
                                     ORDER BY pd.position)
                                    FROM baseline.place_division pd
                                    JOIN baseline.division d ON d.ocd_id = pd.division
                                   WHERE pd.place = p.id), '[]'),
           'created_time', baseline.ts(p.created_time), 'last_modified_time', baseline.ts(p.last_modified_time),
           'custom_data', p.custom_data, 'email', p.email, 'contact_type', p.contact_type,
           'address_region', p.address_region, 'postal_code', p.postal_code,
           'post_office_box_num', p.post_office_box_num, 'address_country', p.address_country,
           'deleted', p.deleted, 'has_upcoming_events', p.has_upcoming_events, 'n_events', p.n_events,
           'image', p.image, 'parent', p.parent, 'replaced_by', p.replaced_by,
           'position', CASE WHEN p.position IS NOT NULL THEN json_build_object('type', 'Point', 'coordinates',
                            json_build_array(round(ST_X(p.position)::numeric, 7),
                                             round(ST_Y(p.position)::numeric, 7))) END,
           'name', baseline.ml(p.name), 'description', baseline.ml(p.description),
           'info_url', baseline.ml(p.info_url), 'street_address', baseline.ml(p.street_address),
           'address_locality', baseline.ml(p.address_locality), 'telephone', baseline.ml(p.telephone),
           '@id', current_setting('linkedevents.base_url') || 'place/' || p.id || '/',
           '@context', 'http://schema.org', '@type', 'Place')
      FROM baseline.place p LEFT JOIN baseline.data_source ds ON ds.id = p.data_source
     WHERE p.id = ANY (ids)
$$;

-- The documents of the events ids, in that order: the page's rows, then one
-- query per related table over all of the page's events, joined back by
-- event id (Django's prefetch_related), then one json_build_object per event.
CREATE FUNCTION baseline.events_json(ids text[], include text[]) RETURNS json LANGUAGE sql STABLE AS $$
WITH page AS (
    SELECT e.*, u.ord FROM unnest(ids) WITH ORDINALITY u(id, ord) JOIN baseline.event e USING (id)
), editable AS (
    SELECT id, user_editable_resources FROM baseline.data_source
), kw AS (
    SELECT ek.event, json_agg(coalesce(d.doc, baseline.ref('keyword', ek.keyword)) ORDER BY ek.position) AS doc
      FROM baseline.event_keywords ek
           LEFT JOIN baseline.keyword_docs(CASE WHEN 'keywords' = ANY (include) THEN ARRAY(
               SELECT keyword FROM baseline.event_keywords WHERE event = ANY (ids)) END) d ON d.id = ek.keyword
     WHERE ek.event = ANY (ids) GROUP BY ek.event
), aud AS (
    SELECT event, json_agg(baseline.ref('keyword', keyword) ORDER BY position) AS doc
      FROM baseline.event_audience WHERE event = ANY (ids) GROUP BY event
), lang AS (
    SELECT event, json_agg(baseline.ref('language', language) ORDER BY position) AS doc
      FROM baseline.event_in_language WHERE event = ANY (ids) GROUP BY event
), loc AS (
    SELECT p.location AS id, coalesce(d.doc, baseline.ref('place', p.location)) AS doc
      FROM (SELECT DISTINCT location FROM page) p
           LEFT JOIN baseline.place_docs(CASE WHEN 'location' = ANY (include) THEN ARRAY(
               SELECT location FROM page) END) d ON d.id = p.location
), reg AS (
    SELECT event, baseline.ref('registration', id::text) AS doc
      FROM baseline.registration WHERE event = ANY (ids)
), pg AS (
    SELECT g.offer, json_agg(json_build_object(
               'id', g.id, 'price_group', g.price_group, 'price', g.price::text,
               'vat_percentage', g.vat_percentage::text, 'price_without_vat', g.price_without_vat::text,
               'vat', g.vat::text) ORDER BY g.position) AS doc
      FROM baseline.offer_price_group g
     WHERE g.offer IN (SELECT id FROM baseline.offer WHERE event = ANY (ids)) GROUP BY g.offer
), off AS (
    SELECT o.event, json_agg(json_build_object(
               'is_free', o.is_free, 'offer_price_groups', coalesce(pg.doc, '[]'),
               'price', baseline.ml(o.price), 'info_url', baseline.ml(o.info_url),
               'description', baseline.ml(o.description)) ORDER BY o.position) AS doc
      FROM baseline.offer o LEFT JOIN pg ON pg.offer = o.id
     WHERE o.event = ANY (ids) GROUP BY o.event
), link AS (
    SELECT event, json_agg(json_build_object('name', nullif(name, ''), 'link', link, 'language', language)
                           ORDER BY position) AS doc
      FROM baseline.event_link WHERE event = ANY (ids) GROUP BY event
), video AS (
    SELECT event, json_agg(json_build_object('name', nullif(name, ''), 'url', url, 'alt_text', alt_text)
                           ORDER BY position) AS doc
      FROM baseline.event_video WHERE event = ANY (ids) GROUP BY event
), img AS (
    SELECT ei.event, json_agg(json_build_object(
               'id', i.id, 'has_user_editable_resources', coalesce(ds.user_editable_resources, true),
               'license', i.license, 'license_url', l.url,
               'created_time', baseline.ts(i.created_time), 'last_modified_time', baseline.ts(i.last_modified_time),
               'url', i.url, 'name', i.name, 'cropping', i.cropping, 'photographer_name', i.photographer_name,
               'alt_text', i.alt_text, 'data_source', i.data_source, 'publisher', i.publisher,
               '@id', current_setting('linkedevents.base_url') || 'image/' || i.id || '/',
               '@context', 'http://schema.org', '@type', 'ImageObject') ORDER BY ei.position) AS doc
      FROM baseline.event_image ei JOIN baseline.image i ON i.id = ei.image
           LEFT JOIN baseline.license l ON l.id = i.license LEFT JOIN editable ds ON ds.id = i.data_source
     WHERE ei.event = ANY (ids) GROUP BY ei.event
), sub AS (
    SELECT super_event AS event, json_agg(baseline.ref('event', id) ORDER BY id) AS doc
      FROM baseline.event
     WHERE super_event = ANY (ids) AND publication_status = 'public' AND NOT deleted
       AND NOT EXISTS (SELECT 1 FROM baseline.data_source ds WHERE ds.id = data_source AND ds.private)
     GROUP BY super_event
)
SELECT coalesce(json_agg(CASE WHEN e.deleted THEN json_build_object(
    'id', e.id, 'name', json_build_object('fi', 'POISTETTU', 'sv', 'RADERAD', 'en', 'DELETED'),
    'last_modified_time', baseline.ts(e.last_modified_time), 'deleted', true, 'replaced_by', e.replaced_by)
ELSE json_build_object(
    'id', e.id, 'has_user_editable_resources', coalesce(ds.user_editable_resources, false),
    'location', loc.doc, 'keywords', coalesce(kw.doc, '[]'), 'registration', reg.doc,
    'super_event', baseline.ref('event', e.super_event),
    'event_status', e.event_status, 'type_id', e.type_id,
    'external_links', coalesce(link.doc, '[]'), 'offers', coalesce(off.doc, '[]'),
    'data_source', e.data_source, 'publisher', e.publisher,
    'sub_events', coalesce(sub.doc, '[]'), 'images', coalesce(img.doc, '[]'),
    'videos', coalesce(video.doc, '[]'), 'in_language', coalesce(lang.doc, '[]'),
    'audience', coalesce(aud.doc, '[]'),
    'created_time', baseline.ts(e.created_time), 'last_modified_time', baseline.ts(e.last_modified_time),
    'date_published', baseline.ts(e.date_published),
    'start_time', CASE WHEN NOT e.has_start_time
                       THEN to_char(e.start_time AT TIME ZONE current_setting('linkedevents.time_zone'), 'YYYY-MM-DD')
                       ELSE baseline.ts(e.start_time) END,
    'end_time', CASE WHEN e.has_end_time THEN baseline.ts(e.end_time)
                     WHEN e.end_time - e.start_time <= interval '24 hours' THEN NULL
                     ELSE to_char((e.end_time AT TIME ZONE current_setting('linkedevents.time_zone'))::date - 1,
                                  'YYYY-MM-DD') END,
    'custom_data', e.custom_data, 'environmental_certificate', e.environmental_certificate,
    'environment', e.environment, 'audience_min_age', e.audience_min_age,
    'audience_max_age', e.audience_max_age, 'super_event_type', e.super_event_type, 'deleted', false,
    'maximum_attendee_capacity', e.maximum_attendee_capacity,
    'minimum_attendee_capacity', e.minimum_attendee_capacity,
    'enrolment_start_time', baseline.ts(e.enrolment_start_time),
    'enrolment_end_time', baseline.ts(e.enrolment_end_time), 'local', e.local, 'replaced_by', e.replaced_by,
    'name', baseline.ml(e.name), 'description', baseline.ml(e.description),
    'short_description', baseline.ml(e.short_description), 'info_url', baseline.ml(e.info_url),
    'location_extra_info', baseline.ml(e.location_extra_info), 'provider', baseline.ml(e.provider),
    'provider_contact_info', baseline.ml(e.provider_contact_info),
    '@id', current_setting('linkedevents.base_url') || 'event/' || e.id || '/',
    '@context', 'http://schema.org', '@type', 'Event/LinkedEvent') END ORDER BY e.ord), '[]')
  FROM page e
       LEFT JOIN editable ds ON ds.id = e.data_source
       LEFT JOIN loc ON loc.id = e.location
       LEFT JOIN kw ON kw.event = e.id LEFT JOIN aud ON aud.event = e.id LEFT JOIN lang ON lang.event = e.id
       LEFT JOIN reg ON reg.event = e.id LEFT JOIN off ON off.event = e.id LEFT JOIN link ON link.event = e.id
       LEFT JOIN video ON video.event = e.id LEFT JOIN img ON img.event = e.id LEFT JOIN sub ON sub.event = e.id
$$;

-- The events an anonymous list starts from (SPEC 1.2): public, of the
-- given types, not deleted (deleted: the condition show_deleted/deleted
-- give instead), not from a private data source unless data_source is given.
CREATE FUNCTION baseline.visible(types text[] DEFAULT '{General}', deleted text DEFAULT 'NOT e.deleted',
                                 private_hidden boolean DEFAULT true) RETURNS text LANGUAGE sql IMMUTABLE RETURN
    format('e.publication_status = ''public'' AND %s AND %s',
           CASE WHEN cardinality(types) = 1 THEN format('e.type_id = %L', types[1])
                ELSE format('e.type_id = ANY (%L)', types) END, deleted)
    || CASE WHEN private_hidden
            THEN ' AND NOT EXISTS (SELECT 1 FROM baseline.data_source ds WHERE ds.id = e.data_source AND ds.private)'
            ELSE '' END;

-- One list page as the reference builds it: COUNT(*), the page's ids by
-- LIMIT/OFFSET, the documents, the envelope. cond and sort are SQL over
-- "baseline.<resource> e" for events, "t" for places and keywords
-- (benchmark-owned text, never user input).
CREATE FUNCTION baseline.page(resource text, cond text, sort text, page integer, page_size integer,
                              include text[] DEFAULT '{}') RETURNS json LANGUAGE plpgsql STABLE AS $$
DECLARE
    n bigint;
    ids text[];
    from_where text := format('FROM baseline.%I %s WHERE %s', resource,
                              CASE resource WHEN 'event' THEN 'e' ELSE 't' END, cond);
    url text := current_setting('linkedevents.base_url') || resource || '/?page=';
    data json;
BEGIN
    EXECUTE 'SELECT count(*) ' || from_where INTO n;
    EXECUTE 'SELECT array_agg(id) FROM (SELECT id ' || from_where || ' ORDER BY ' || sort
         || ' LIMIT $1 OFFSET $2) s' INTO ids USING page_size, (page - 1) * page_size;
    ids := coalesce(ids, '{}');
    IF resource = 'event' THEN
        data := baseline.events_json(ids, include);
    ELSE
        SELECT coalesce(json_agg(d.doc ORDER BY u.ord), '[]') INTO data
          FROM unnest(ids) WITH ORDINALITY u(id, ord)
          JOIN (SELECT * FROM baseline.place_docs(ids) WHERE resource = 'place'
                UNION ALL
                SELECT * FROM baseline.keyword_docs(ids) WHERE resource = 'keyword') d USING (id);
    END IF;
    RETURN json_build_object('meta', json_build_object(
               'count', n,
               'next', CASE WHEN page * page_size < n THEN url || (page + 1) END,
               'previous', CASE WHEN page > 1 THEN url || (page - 1) END),
           'data', data);
END
$$;

-- An event list page: the visibility base (baseline.visible() unless base
-- is given) and filter.
CREATE FUNCTION baseline.list(filter text, sort text, page integer DEFAULT 1, page_size integer DEFAULT 20,
                              include text[] DEFAULT '{}', base text DEFAULT NULL) RETURNS json
    LANGUAGE sql STABLE
    RETURN baseline.page('event', coalesce(base, baseline.visible()) || coalesce(' AND (' || filter || ')', ''),
                         sort, page, page_size, include);

CREATE FUNCTION baseline.detail(id text) RETURNS json LANGUAGE sql STABLE AS $$
    SELECT baseline.events_json(ARRAY[id], '{}') -> 0
$$;

-- An organization and all its descendants (the reference's MPTT subtree).
CREATE FUNCTION baseline.descendants(root text) RETURNS SETOF text LANGUAGE sql STABLE AS $$
    WITH RECURSIVE t AS (
        SELECT id FROM baseline.organization WHERE id = root
        UNION
        SELECT o.id FROM baseline.organization o JOIN t ON o.parent = t.id)
    SELECT id FROM t
$$;

-- The existing keywords among ids, each replaced by the end of its
-- replaced_by chain (Keyword.get_replacement in the reference).
CREATE FUNCTION baseline.resolved_keywords(ids text[]) RETURNS text[] LANGUAGE sql STABLE AS $$
    WITH RECURSIVE chain AS (
        SELECT k.id AS start, k.id, k.replaced_by, 1 AS depth FROM baseline.keyword k WHERE k.id = ANY (ids)
        UNION ALL
        SELECT c.start, k.id, k.replaced_by, c.depth + 1
          FROM chain c JOIN baseline.keyword k ON k.id = c.replaced_by
         WHERE c.depth < 100)
    SELECT coalesce(array_agg(DISTINCT id), '{}') FROM chain WHERE replaced_by IS NULL
$$;

-- The fuzzy rule of the *_ongoing_* terms as a regular expression: a term
-- at a word start, as a prefix; terms of 8+ characters with one deletion,
-- substitution or inner insertion (SPEC 1.9, D4).
CREATE FUNCTION baseline.ongoing_regex(terms text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT '\m(' || string_agg(alt, '|') || ')'
      FROM unnest(terms) t,
           LATERAL (SELECT regexp_replace(t, '([^[:alnum:][:space:]])', '\\\1', 'g') AS q) x,
           LATERAL (SELECT x.q AS alt
                    UNION ALL
                    SELECT left(x.q, i - 1) || v || substr(x.q, i + 1)
                      FROM generate_series(1, length(x.q)) i, (VALUES (''), ('.')) s(v)
                     WHERE length(t) >= 8
                    UNION ALL
                    SELECT left(x.q, i) || '.' || substr(x.q, i + 1)
                      FROM generate_series(1, length(x.q) - 1) i
                     WHERE length(t) >= 8) a
$$;

-- A page of precomputed documents (resource event, place or keyword) by
-- primary key, in the envelope.
CREATE FUNCTION baseline.floor(ids text[], resource text DEFAULT 'event') RETURNS text LANGUAGE sql STABLE AS $$
    SELECT '{"meta": {"count": 0, "next": null, "previous": null}, "data": ['
        || coalesce(string_agg(j.doc, ', ' ORDER BY u.ord), '') || ']}'
      FROM unnest(ids) WITH ORDINALITY u(id, ord),
           LATERAL (SELECT doc FROM baseline.event_json j WHERE resource = 'event' AND j.id = u.id
                    UNION ALL
                    SELECT doc FROM baseline.place_json j WHERE resource = 'place' AND j.id = u.id
                    UNION ALL
                    SELECT doc FROM baseline.keyword_json j WHERE resource = 'keyword' AND j.id = u.id) j
$$;

ANALYZE baseline.data_source, baseline.organization, baseline.place, baseline.division, baseline.place_division,
        baseline.keyword, baseline.keyword_set, baseline.keyword_set_keywords, baseline.language,
        baseline.license, baseline.image, baseline.event, baseline.event_keywords, baseline.event_audience,
        baseline.event_in_language, baseline.registration, baseline.offer, baseline.offer_price_group,
        baseline.event_link, baseline.event_video, baseline.event_image, baseline.event_ongoing_text,
        baseline.event_fts, baseline.event_json, baseline.place_json, baseline.keyword_json;
