-- Import, part 3: linkedevents.import(doc, resource).
--
-- Phases, each one set-based statement per resource over the document:
--   1. find the objects (top level and embedded), one per kind and id: a
--      top-level object wins over an embedded copy, a later one over an
--      earlier one;
--   2. check that every reference names an object of this call or of the
--      database (23503 naming both ends); languages events name that are
--      neither are created on first mention instead (40_import_3_languages);
--   3. upsert in dependency order, foreign keys deferred so that objects of
--      one kind may refer to each other in any order (keywords and languages
--      go before events: the array-reference triggers are not deferrable);
--      a row whose values are unchanged is not rewritten, and list children
--      (offers, links, videos, images, divisions) are synchronised row by
--      row, so importing a stored object's document changes nothing;
--   4. check an event's registration reference against the registrations.
-- Any error rolls the whole call back.

CREATE FUNCTION linkedevents.import(doc jsonb, resource text DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql VOLATILE AS
$$
DECLARE
    tz text := linkedevents._setting('time_zone');
    elements jsonb;
    items jsonb;       -- kind -> [object, ...]
    known jsonb;       -- kind -> {id: true, ...}
    new_languages text[];
    bad record;
    empty constant jsonb := '[]';
BEGIN
    -- photos of the content API (src/sql/82_photo_import.sql)
    IF resource = 'photo' THEN
        RETURN linkedevents._photo_import(doc, NULL);
    END IF;
    IF resource IS NOT NULL AND resource NOT IN ('event', 'place', 'keyword', 'keyword_set', 'organization',
            'image', 'language', 'registration', 'data_source', 'license') THEN
        RAISE EXCEPTION 'unknown resource "%"', resource
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use event, place, keyword, keyword_set, organization, image, language, '
                         'registration, data_source, license or photo.';
    END IF;
    elements := CASE
        WHEN jsonb_typeof(doc) = 'array' THEN doc
        WHEN jsonb_typeof(doc) = 'object' AND jsonb_typeof(doc -> 'data') = 'array' AND NOT doc ? 'id'
            THEN doc -> 'data'
        WHEN jsonb_typeof(doc) = 'object' THEN jsonb_build_array(doc)
    END;
    IF elements IS NULL THEN
        RAISE EXCEPTION 'import document must be an object, an array or a list page, not %',
                        coalesce(jsonb_typeof(doc), 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- 1. The objects.
    WITH RECURSIVE found(kind, obj, top, n) AS (
        SELECT linkedevents._import_kind(e.o, resource, e.n), e.o, true, e.n
          FROM jsonb_array_elements(elements) WITH ORDINALITY AS e(o, n)
        UNION ALL
        SELECT x.kind, x.obj, false, f.n
          FROM found f, linkedevents._import_embedded(f.kind, f.obj) x
    ), one AS (
        SELECT DISTINCT ON (kind, id) kind, id, obj
          FROM (SELECT kind, linkedevents._import_id(kind, obj, n, top) AS id, obj, top, n FROM found) f
         ORDER BY kind, id, top DESC, n DESC
    )
    SELECT jsonb_object_agg(kind, objs), jsonb_object_agg(kind, ids) INTO items, known
      FROM (SELECT kind, jsonb_agg(obj ORDER BY id) AS objs, jsonb_object_agg(id, true) AS ids
              FROM one GROUP BY kind) k;
    IF items IS NULL THEN
        RETURN 0;
    END IF;

    -- 2. References: every id named must exist here or in the database, but
    --    a language named by an event is created on first mention.
    SELECT array_agg(DISTINCT linkedevents._import_new_language(m.id, m.field, m.in_what)) INTO new_languages
      FROM jsonb_array_elements(coalesce(items -> 'event', empty)) o,
           linkedevents._import_event_languages(o, format('event "%s"', o ->> 'id')) m
     WHERE m.id IS NOT NULL
       AND NOT coalesce((known -> 'language') ? m.id, false)
       AND NOT EXISTS (SELECT 1 FROM linkedevents.language t WHERE t.id = m.id);
    WITH ev AS (SELECT o, format('event "%s"', o ->> 'id') AS w FROM jsonb_array_elements(coalesce(items -> 'event', empty)) o),
         pl AS (SELECT o, format('place "%s"', o ->> 'id') AS w FROM jsonb_array_elements(coalesce(items -> 'place', empty)) o),
         kw AS (SELECT o, format('keyword "%s"', o ->> 'id') AS w FROM jsonb_array_elements(coalesce(items -> 'keyword', empty)) o),
         ks AS (SELECT o, format('keyword set "%s"', o ->> 'id') AS w FROM jsonb_array_elements(coalesce(items -> 'keyword_set', empty)) o),
         im AS (SELECT o, format('image %s', o ->> 'id') AS w FROM jsonb_array_elements(coalesce(items -> 'image', empty)) o),
         og AS (SELECT o, format('organization "%s"', o ->> 'id') AS w FROM jsonb_array_elements(coalesce(items -> 'organization', empty)) o),
         rg AS (SELECT o, format('registration %s', o ->> 'id') AS w FROM jsonb_array_elements(coalesce(items -> 'registration', empty)) o),
         refs(w, target, id) AS (
                   SELECT w, 'place', linkedevents._import_ref(o, 'location', w, 'place') FROM ev
         UNION ALL SELECT w, 'event', linkedevents._import_ref(o, 'super_event', w, 'event') FROM ev
         UNION ALL SELECT w, 'event', linkedevents._import_text(o, 'replaced_by', w) FROM ev
         UNION ALL SELECT w, 'organization', linkedevents._import_text(o, 'publisher', w) FROM ev
         UNION ALL SELECT w, 'registration', linkedevents._import_ref(o, 'registration', w, 'registration') FROM ev
         UNION ALL SELECT w, l.target, linkedevents._import_ref_value(e, l.target, l.field, w)
                     FROM ev, (VALUES ('keywords', 'keyword'), ('audience', 'keyword'), ('images', 'image'))
                              AS l(field, target),
                          jsonb_array_elements(linkedevents._import_list(o, l.field, w)) e
         UNION ALL SELECT w, 'organization', linkedevents._import_text(o, 'publisher', w) FROM pl
         UNION ALL SELECT w, 'image', linkedevents._import_int(o, 'image', w)::text FROM pl
         UNION ALL SELECT w, 'place', linkedevents._import_text(o, 'parent', w) FROM pl
         UNION ALL SELECT w, 'place', linkedevents._import_text(o, 'replaced_by', w) FROM pl
         UNION ALL SELECT w, 'organization', linkedevents._import_text(o, 'publisher', w) FROM kw
         UNION ALL SELECT w, 'image', linkedevents._import_int(o, 'image', w)::text FROM kw
         UNION ALL SELECT w, 'keyword', linkedevents._import_text(o, 'replaced_by', w) FROM kw
         UNION ALL SELECT w, 'keyword', linkedevents._import_ref_value(e, 'keyword', 'keywords', w)
                     FROM ks, jsonb_array_elements(linkedevents._import_list(o, 'keywords', w)) e
         UNION ALL SELECT w, 'organization', linkedevents._import_text(o, 'organization', w) FROM ks
         UNION ALL SELECT w, 'image', linkedevents._import_int(o, 'image', w)::text FROM ks
         UNION ALL SELECT w, 'organization', linkedevents._import_text(o, 'publisher', w) FROM im
         UNION ALL SELECT w, 'organization', linkedevents._import_url_ref(o, 'parent_organization', w, 'organization') FROM og
         UNION ALL SELECT w, 'organization', linkedevents._import_url_ref(o, 'replaced_by', w, 'organization') FROM og
         UNION ALL SELECT w, 'event', linkedevents._import_ref(o, 'event', w, 'event') FROM rg
    )
    SELECT r.w, r.target, r.id INTO bad
      FROM refs r
     WHERE r.id IS NOT NULL
       AND NOT coalesce((known -> r.target) ? r.id, false)
       AND NOT CASE r.target
                   WHEN 'event' THEN EXISTS (SELECT 1 FROM linkedevents.event t WHERE t.id = r.id)
                   WHEN 'place' THEN EXISTS (SELECT 1 FROM linkedevents.place t WHERE t.id = r.id)
                   WHEN 'keyword' THEN EXISTS (SELECT 1 FROM linkedevents.keyword t WHERE t.id = r.id)
                   WHEN 'organization' THEN EXISTS (SELECT 1 FROM linkedevents.organization t WHERE t.id = r.id)
                   WHEN 'image' THEN EXISTS (SELECT 1 FROM linkedevents.image t WHERE t.id = r.id::integer)
                   WHEN 'registration' THEN EXISTS (SELECT 1 FROM linkedevents.registration t WHERE t.id = r.id::integer)
               END
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% refers to % "%", which does not exist', bad.w, bad.target, bad.id
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'Import the referenced object first, or in the same call.';
    END IF;

    -- 3. Writes, in dependency order.
    SET CONSTRAINTS ALL DEFERRED;

    INSERT INTO linkedevents.data_source AS t (id, name, private, user_editable_resources)
    SELECT o ->> 'id', linkedevents._import_text(o, 'name', w),
           coalesce(linkedevents._import_bool(o, 'private', w), false),
           coalesce(linkedevents._import_bool(o, 'user_editable_resources', w), false)
      FROM jsonb_array_elements(coalesce(items -> 'data_source', empty)) o,
           LATERAL (SELECT format('data source "%s"', o ->> 'id')) AS x(w)
    ON CONFLICT (id) DO UPDATE
       SET (name, private, user_editable_resources) = (EXCLUDED.name, EXCLUDED.private, EXCLUDED.user_editable_resources)
     WHERE (t.name, t.private, t.user_editable_resources)
           IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.private, EXCLUDED.user_editable_resources);

    -- Data sources named by other objects are created on first mention.
    INSERT INTO linkedevents.data_source (id)
    SELECT DISTINCT ds
      FROM unnest(ARRAY['organization', 'image', 'keyword', 'keyword_set', 'place', 'event']) k,
           jsonb_array_elements(coalesce(items -> k, empty)) o,
           linkedevents._import_data_source(o, format('%s "%s"', replace(k, '_', ' '), o ->> 'id')) ds
     WHERE ds IS NOT NULL
    ON CONFLICT (id) DO NOTHING;

    INSERT INTO linkedevents.license AS t (id, name, url)
    SELECT o ->> 'id', linkedevents._import_translations(o, 'name', w), linkedevents._import_text(o, 'url', w)
      FROM jsonb_array_elements(coalesce(items -> 'license', empty)) o,
           LATERAL (SELECT format('license "%s"', o ->> 'id')) AS x(w)
    ON CONFLICT (id) DO UPDATE SET (name, url) = (EXCLUDED.name, EXCLUDED.url)
     WHERE (t.name, t.url) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.url);

    -- Licenses named by images, with the image's license_url.
    INSERT INTO linkedevents.license AS t (id, url)
    SELECT DISTINCT ON (license) license, url
      FROM (SELECT linkedevents._import_text(o, 'license', w) AS license,
                   linkedevents._import_text(o, 'license_url', w) AS url
              FROM jsonb_array_elements(coalesce(items -> 'image', empty)) o,
                   LATERAL (SELECT format('image %s', o ->> 'id')) AS x(w)) m
     WHERE license IS NOT NULL AND NOT coalesce((known -> 'license') ? license, false)
     ORDER BY license, url
    ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url
     WHERE EXCLUDED.url IS NOT NULL AND t.url IS DISTINCT FROM EXCLUDED.url;

    INSERT INTO linkedevents.organization_class (id)
    SELECT DISTINCT linkedevents._import_text(o, 'classification', format('organization "%s"', o ->> 'id'))
      FROM jsonb_array_elements(coalesce(items -> 'organization', empty)) o
     WHERE jsonb_typeof(o -> 'classification') = 'string'
    ON CONFLICT (id) DO NOTHING;

    INSERT INTO linkedevents.organization AS t
           (id, data_source, origin_id, classification, name, founding_date, dissolution_date, parent,
            internal_type, replaced_by, has_regular_users, created_time, last_modified_time)
    SELECT x.id, linkedevents._import_data_source(o, w),
           CASE WHEN o ? 'origin_id' THEN linkedevents._import_text(o, 'origin_id', w) ELSE cur.origin_id END,
           linkedevents._import_text(o, 'classification', w),
           linkedevents._import_text(o, 'name', w),
           linkedevents._import_date(o, 'founding_date', w),
           linkedevents._import_date(o, 'dissolution_date', w),
           linkedevents._import_url_ref(o, 'parent_organization', w, 'organization'),
           CASE WHEN linkedevents._import_bool(o, 'is_affiliated', w) THEN 'affiliated' ELSE 'normal' END,
           linkedevents._import_url_ref(o, 'replaced_by', w, 'organization'),
           coalesce(linkedevents._import_bool(o, 'has_regular_users', w), false),
           CASE WHEN o ? 'created_time' THEN linkedevents._import_time(o, 'created_time', w)
                ELSE coalesce(cur.created_time, now()) END,
           CASE WHEN o ? 'last_modified_time' THEN linkedevents._import_time(o, 'last_modified_time', w)
                ELSE now() END
      FROM jsonb_array_elements(coalesce(items -> 'organization', empty)) o
           CROSS JOIN LATERAL (SELECT o ->> 'id', format('organization "%s"', o ->> 'id')) AS x(id, w)
           LEFT JOIN linkedevents.organization cur ON cur.id = x.id
    ON CONFLICT (id) DO UPDATE
       SET (data_source, origin_id, classification, name, founding_date, dissolution_date, parent,
            internal_type, replaced_by, has_regular_users, created_time, last_modified_time)
         = (EXCLUDED.data_source, EXCLUDED.origin_id, EXCLUDED.classification, EXCLUDED.name,
            EXCLUDED.founding_date, EXCLUDED.dissolution_date, EXCLUDED.parent, EXCLUDED.internal_type,
            EXCLUDED.replaced_by, EXCLUDED.has_regular_users, EXCLUDED.created_time, EXCLUDED.last_modified_time)
     WHERE (t.data_source, t.origin_id, t.classification, t.name, t.founding_date, t.dissolution_date, t.parent,
            t.internal_type, t.replaced_by, t.has_regular_users, t.created_time, t.last_modified_time)
           IS DISTINCT FROM
           (EXCLUDED.data_source, EXCLUDED.origin_id, EXCLUDED.classification, EXCLUDED.name,
            EXCLUDED.founding_date, EXCLUDED.dissolution_date, EXCLUDED.parent, EXCLUDED.internal_type,
            EXCLUDED.replaced_by, EXCLUDED.has_regular_users, EXCLUDED.created_time, EXCLUDED.last_modified_time);

    INSERT INTO linkedevents.image AS t
           (id, data_source, publisher, license, name, url, cropping, photographer_name, alt_text,
            created_time, last_modified_time, created_by, last_modified_by)
    SELECT x.id, linkedevents._import_data_source(o, w),
           linkedevents._import_text(o, 'publisher', w),
           linkedevents._import_text(o, 'license', w),
           coalesce(linkedevents._import_text(o, 'name', w), ''),
           linkedevents._import_text(o, 'url', w),
           coalesce(linkedevents._import_text(o, 'cropping', w), ''),
           linkedevents._import_text(o, 'photographer_name', w),
           linkedevents._import_text(o, 'alt_text', w),
           CASE WHEN o ? 'created_time' THEN linkedevents._import_time(o, 'created_time', w)
                ELSE coalesce(cur.created_time, now()) END,
           CASE WHEN o ? 'last_modified_time' THEN linkedevents._import_time(o, 'last_modified_time', w)
                ELSE now() END,
           CASE WHEN o ? 'created_by' THEN linkedevents._import_user(o, 'created_by', w) ELSE cur.created_by END,
           CASE WHEN o ? 'last_modified_by' THEN linkedevents._import_user(o, 'last_modified_by', w)
                ELSE cur.last_modified_by END
      FROM jsonb_array_elements(coalesce(items -> 'image', empty)) o
           CROSS JOIN LATERAL (SELECT (o ->> 'id')::integer, format('image %s', o ->> 'id')) AS x(id, w)
           LEFT JOIN linkedevents.image cur ON cur.id = x.id
    ON CONFLICT (id) DO UPDATE
       SET (data_source, publisher, license, name, url, cropping, photographer_name, alt_text,
            created_time, last_modified_time, created_by, last_modified_by)
         = (EXCLUDED.data_source, EXCLUDED.publisher, EXCLUDED.license, EXCLUDED.name, EXCLUDED.url,
            EXCLUDED.cropping, EXCLUDED.photographer_name, EXCLUDED.alt_text, EXCLUDED.created_time,
            EXCLUDED.last_modified_time, EXCLUDED.created_by, EXCLUDED.last_modified_by)
     WHERE (t.data_source, t.publisher, t.license, t.name, t.url, t.cropping, t.photographer_name, t.alt_text,
            t.created_time, t.last_modified_time, t.created_by, t.last_modified_by)
           IS DISTINCT FROM
           (EXCLUDED.data_source, EXCLUDED.publisher, EXCLUDED.license, EXCLUDED.name, EXCLUDED.url,
            EXCLUDED.cropping, EXCLUDED.photographer_name, EXCLUDED.alt_text, EXCLUDED.created_time,
            EXCLUDED.last_modified_time, EXCLUDED.created_by, EXCLUDED.last_modified_by);

    INSERT INTO linkedevents.language AS t (id, name, service_language)
    SELECT o ->> 'id', linkedevents._import_translations(o, 'name', w),
           coalesce(linkedevents._import_bool(o, 'service_language', w), false)
      FROM jsonb_array_elements(coalesce(items -> 'language', empty)) o,
           LATERAL (SELECT format('language "%s"', o ->> 'id')) AS x(w)
    ON CONFLICT (id) DO UPDATE SET (name, service_language) = (EXCLUDED.name, EXCLUDED.service_language)
     WHERE (t.name, t.service_language) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.service_language);

    -- Languages named by events, created on first mention.
    INSERT INTO linkedevents.language (id, name, service_language)
    SELECT n.id, r.name, coalesce(r.service_language, false)
      FROM unnest(new_languages) n(id) LEFT JOIN linkedevents._reference_languages() r ON r.id = n.id
    ON CONFLICT (id) DO NOTHING;

    INSERT INTO linkedevents.keyword AS t
           (id, data_source, origin_id, name, alt_labels, aggregate, deprecated, replaced_by, image, publisher,
            created_time, last_modified_time, created_by, last_modified_by)
    SELECT x.id, linkedevents._import_data_source(o, w),
           CASE WHEN o ? 'origin_id' THEN linkedevents._import_text(o, 'origin_id', w) ELSE cur.origin_id END,
           linkedevents._import_translations(o, 'name', w),
           linkedevents._import_strings(o, 'alt_labels', w),
           coalesce(linkedevents._import_bool(o, 'aggregate', w), false),
           coalesce(linkedevents._import_bool(o, 'deprecated', w), false),
           linkedevents._import_text(o, 'replaced_by', w),
           linkedevents._import_int(o, 'image', w),
           linkedevents._import_text(o, 'publisher', w),
           CASE WHEN o ? 'created_time' THEN linkedevents._import_time(o, 'created_time', w)
                ELSE coalesce(cur.created_time, now()) END,
           CASE WHEN o ? 'last_modified_time' THEN linkedevents._import_time(o, 'last_modified_time', w)
                ELSE now() END,
           CASE WHEN o ? 'created_by' THEN linkedevents._import_user(o, 'created_by', w) ELSE cur.created_by END,
           CASE WHEN o ? 'last_modified_by' THEN linkedevents._import_user(o, 'last_modified_by', w)
                ELSE cur.last_modified_by END
      FROM jsonb_array_elements(coalesce(items -> 'keyword', empty)) o
           CROSS JOIN LATERAL (SELECT o ->> 'id', format('keyword "%s"', o ->> 'id')) AS x(id, w)
           LEFT JOIN linkedevents.keyword cur ON cur.id = x.id
    ON CONFLICT (id) DO UPDATE
       SET (data_source, origin_id, name, alt_labels, aggregate, deprecated, replaced_by, image, publisher,
            created_time, last_modified_time, created_by, last_modified_by)
         = (EXCLUDED.data_source, EXCLUDED.origin_id, EXCLUDED.name, EXCLUDED.alt_labels, EXCLUDED.aggregate,
            EXCLUDED.deprecated, EXCLUDED.replaced_by, EXCLUDED.image, EXCLUDED.publisher,
            EXCLUDED.created_time, EXCLUDED.last_modified_time, EXCLUDED.created_by, EXCLUDED.last_modified_by)
     WHERE (t.data_source, t.origin_id, t.name, t.alt_labels, t.aggregate, t.deprecated, t.replaced_by, t.image,
            t.publisher, t.created_time, t.last_modified_time, t.created_by, t.last_modified_by)
           IS DISTINCT FROM
           (EXCLUDED.data_source, EXCLUDED.origin_id, EXCLUDED.name, EXCLUDED.alt_labels, EXCLUDED.aggregate,
            EXCLUDED.deprecated, EXCLUDED.replaced_by, EXCLUDED.image, EXCLUDED.publisher,
            EXCLUDED.created_time, EXCLUDED.last_modified_time, EXCLUDED.created_by, EXCLUDED.last_modified_by);

    INSERT INTO linkedevents.keyword_set AS t
           (id, data_source, name, usage, organization, image, keywords, created_time, last_modified_time)
    SELECT x.id, linkedevents._import_data_source(o, w),
           linkedevents._import_translations(o, 'name', w),
           coalesce(linkedevents._import_enum(o, 'usage', w, '{any,keyword,audience}'), 'any'),
           linkedevents._import_text(o, 'organization', w),
           linkedevents._import_int(o, 'image', w),
           ARRAY(SELECT linkedevents._import_ref_value(e, 'keyword', 'keywords', w)
                   FROM jsonb_array_elements(linkedevents._import_list(o, 'keywords', w)) e),
           CASE WHEN o ? 'created_time' THEN linkedevents._import_time(o, 'created_time', w)
                ELSE coalesce(cur.created_time, now()) END,
           CASE WHEN o ? 'last_modified_time' THEN linkedevents._import_time(o, 'last_modified_time', w)
                ELSE now() END
      FROM jsonb_array_elements(coalesce(items -> 'keyword_set', empty)) o
           CROSS JOIN LATERAL (SELECT o ->> 'id', format('keyword set "%s"', o ->> 'id')) AS x(id, w)
           LEFT JOIN linkedevents.keyword_set cur ON cur.id = x.id
    ON CONFLICT (id) DO UPDATE
       SET (data_source, name, usage, organization, image, keywords, created_time, last_modified_time)
         = (EXCLUDED.data_source, EXCLUDED.name, EXCLUDED.usage, EXCLUDED.organization, EXCLUDED.image,
            EXCLUDED.keywords, EXCLUDED.created_time, EXCLUDED.last_modified_time)
     WHERE (t.data_source, t.name, t.usage, t.organization, t.image, t.keywords, t.created_time,
            t.last_modified_time)
           IS DISTINCT FROM
           (EXCLUDED.data_source, EXCLUDED.name, EXCLUDED.usage, EXCLUDED.organization, EXCLUDED.image,
            EXCLUDED.keywords, EXCLUDED.created_time, EXCLUDED.last_modified_time);

    PERFORM linkedevents._import_places(items -> 'place');
    PERFORM linkedevents._import_events(items -> 'event', tz);

    INSERT INTO linkedevents.registration AS t
           (id, event, enrolment_start_time, enrolment_end_time, maximum_attendee_capacity,
            minimum_attendee_capacity, waiting_list_capacity, remaining_attendee_capacity,
            remaining_waiting_list_capacity, audience_min_age, audience_max_age, created_time,
            last_modified_time)
    SELECT x.id,
           coalesce(linkedevents._import_ref(o, 'event', w, 'event'), o ->> '@owner',
                    linkedevents._import_error(format('%s has no "event"', w))),
           linkedevents._import_time(o, 'enrolment_start_time', w),
           linkedevents._import_time(o, 'enrolment_end_time', w),
           linkedevents._import_int(o, 'maximum_attendee_capacity', w),
           linkedevents._import_int(o, 'minimum_attendee_capacity', w),
           linkedevents._import_int(o, 'waiting_list_capacity', w),
           linkedevents._import_int(o, 'remaining_attendee_capacity', w),
           linkedevents._import_int(o, 'remaining_waiting_list_capacity', w),
           linkedevents._import_int(o, 'audience_min_age', w),
           linkedevents._import_int(o, 'audience_max_age', w),
           CASE WHEN o ? 'created_time' THEN linkedevents._import_time(o, 'created_time', w)
                ELSE coalesce(cur.created_time, now()) END,
           CASE WHEN o ? 'last_modified_time' THEN linkedevents._import_time(o, 'last_modified_time', w)
                ELSE now() END
      FROM jsonb_array_elements(coalesce(items -> 'registration', empty)) o
           CROSS JOIN LATERAL (SELECT (o ->> 'id')::integer, format('registration %s', o ->> 'id')) AS x(id, w)
           LEFT JOIN linkedevents.registration cur ON cur.id = x.id
    ON CONFLICT (id) DO UPDATE
       SET (event, enrolment_start_time, enrolment_end_time, maximum_attendee_capacity,
            minimum_attendee_capacity, waiting_list_capacity, remaining_attendee_capacity,
            remaining_waiting_list_capacity, audience_min_age, audience_max_age, created_time,
            last_modified_time)
         = (EXCLUDED.event, EXCLUDED.enrolment_start_time, EXCLUDED.enrolment_end_time,
            EXCLUDED.maximum_attendee_capacity, EXCLUDED.minimum_attendee_capacity,
            EXCLUDED.waiting_list_capacity, EXCLUDED.remaining_attendee_capacity,
            EXCLUDED.remaining_waiting_list_capacity, EXCLUDED.audience_min_age, EXCLUDED.audience_max_age,
            EXCLUDED.created_time, EXCLUDED.last_modified_time)
     WHERE (t.event, t.enrolment_start_time, t.enrolment_end_time, t.maximum_attendee_capacity,
            t.minimum_attendee_capacity, t.waiting_list_capacity, t.remaining_attendee_capacity,
            t.remaining_waiting_list_capacity, t.audience_min_age, t.audience_max_age, t.created_time,
            t.last_modified_time)
           IS DISTINCT FROM
           (EXCLUDED.event, EXCLUDED.enrolment_start_time, EXCLUDED.enrolment_end_time,
            EXCLUDED.maximum_attendee_capacity, EXCLUDED.minimum_attendee_capacity,
            EXCLUDED.waiting_list_capacity, EXCLUDED.remaining_attendee_capacity,
            EXCLUDED.remaining_waiting_list_capacity, EXCLUDED.audience_min_age, EXCLUDED.audience_max_age,
            EXCLUDED.created_time, EXCLUDED.last_modified_time);

    -- 4. The registration holds the link; an event's reference (checked in
    --    phase 2) must agree.
    SELECT x.w, x.reg, r.event INTO bad
      FROM jsonb_array_elements(coalesce(items -> 'event', empty)) o
           CROSS JOIN LATERAL (SELECT format('event "%s"', o ->> 'id'),
                                      linkedevents._import_ref(o, 'registration', '', 'registration')) AS x(w, reg)
           JOIN linkedevents.registration r ON r.id = x.reg::integer
     WHERE r.event <> o ->> 'id'
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% refers to registration %, which belongs to event "%"', bad.w, bad.reg, bad.event
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    SET CONSTRAINTS ALL IMMEDIATE;
    RETURN jsonb_array_length(elements);
EXCEPTION
    -- Values that pass the format checks but are still no date (2023-02-30),
    -- or percent-escapes that decode to no UTF-8 text.
    WHEN datetime_field_overflow OR invalid_datetime_format OR character_not_in_repertoire THEN
        RAISE EXCEPTION 'invalid value in import document: %', SQLERRM
            USING ERRCODE = 'invalid_parameter_value';
END
$$;
COMMENT ON FUNCTION linkedevents.import(jsonb, text) IS
    'imports API documents (an object, an array or a list page) by upsert; returns the number of top-level objects';
