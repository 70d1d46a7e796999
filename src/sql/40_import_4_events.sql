-- Import, part 4: events and their lists (called by linkedevents.import).

-- Upserts the event objects. Date-only times follow SPEC 4.2 backwards: a
-- date-only start is 00:00 in time zone tz with has_start_time false; a
-- date-only end is 00:00 of the following day with has_end_time false; a
-- date-only start without an end ends at 00:00 of the following day (the
-- API renders that end as null). Offers (with their price groups), external
-- links, videos and images are synchronised row by row with the lists.
CREATE FUNCTION linkedevents._import_events(events jsonb, tz text) RETURNS void
    LANGUAGE plpgsql VOLATILE AS
$$
DECLARE
    ids text[];
    offers linkedevents.offer[];
    price_groups linkedevents.offer_price_group[];
    links linkedevents.event_link[];
    videos linkedevents.event_video[];
    images linkedevents.event_image[];
BEGIN
    IF events IS NULL THEN
        RETURN;
    END IF;

    INSERT INTO linkedevents.event AS t
           (id, data_source, publisher, origin_id, location, keywords, audience, in_language, super_event,
            super_event_type, event_status, type_id, publication_status, deleted, replaced_by, created_time,
            last_modified_time, date_published, start_time, end_time, has_start_time, has_end_time,
            custom_data, environmental_certificate, environment, audience_min_age, audience_max_age,
            maximum_attendee_capacity, minimum_attendee_capacity, enrolment_start_time, enrolment_end_time,
            local, name, description, short_description, info_url, location_extra_info, provider,
            provider_contact_info, headline, secondary_headline, created_by, last_modified_by)
    SELECT x.id,
           coalesce(linkedevents._import_data_source(o, w),
                    linkedevents._import_error(format('%s has no "data_source" and no prefix in its id', w))),
           linkedevents._import_text(o, 'publisher', w),
           CASE WHEN o ? 'origin_id' THEN linkedevents._import_text(o, 'origin_id', w) ELSE cur.origin_id END,
           linkedevents._import_ref(o, 'location', w, 'place'),
           ARRAY(SELECT linkedevents._import_ref_value(e, 'keyword', 'keywords', w)
                   FROM jsonb_array_elements(linkedevents._import_list(o, 'keywords', w)) e),
           ARRAY(SELECT linkedevents._import_ref_value(e, 'keyword', 'audience', w)
                   FROM jsonb_array_elements(linkedevents._import_list(o, 'audience', w)) e),
           ARRAY(SELECT linkedevents._import_ref_value(e, 'language', 'in_language', w)
                   FROM jsonb_array_elements(linkedevents._import_list(o, 'in_language', w)) e),
           linkedevents._import_ref(o, 'super_event', w, 'event'),
           linkedevents._import_enum(o, 'super_event_type', w, '{recurring,umbrella}'),
           coalesce(linkedevents._import_enum(o, 'event_status', w,
                        '{EventScheduled,EventRescheduled,EventCancelled,EventPostponed}'), 'EventScheduled'),
           coalesce(linkedevents._import_enum(o, 'type_id', w, '{General,Course,Volunteering}'), 'General'),
           coalesce(CASE WHEN o ? 'publication_status'
                         THEN linkedevents._import_enum(o, 'publication_status', w, '{public,draft}')
                         ELSE cur.publication_status END, 'public'),
           coalesce(linkedevents._import_bool(o, 'deleted', w), false),
           linkedevents._import_text(o, 'replaced_by', w),
           CASE WHEN o ? 'created_time' THEN linkedevents._import_time(o, 'created_time', w)
                ELSE coalesce(cur.created_time, now()) END,
           CASE WHEN o ? 'last_modified_time' THEN linkedevents._import_time(o, 'last_modified_time', w)
                ELSE now() END,
           linkedevents._import_time(o, 'date_published', w),
           CASE WHEN x.start_date IS NOT NULL THEN x.start_date::timestamp AT TIME ZONE tz
                ELSE linkedevents._import_time(o, 'start_time', w) END,
           CASE WHEN x.end_date IS NOT NULL THEN (x.end_date + 1)::timestamp AT TIME ZONE tz
                WHEN x.start_date IS NOT NULL AND x.no_end THEN (x.start_date + 1)::timestamp AT TIME ZONE tz
                ELSE linkedevents._import_time(o, 'end_time', w) END,
           x.start_date IS NULL,
           x.end_date IS NULL AND NOT (x.start_date IS NOT NULL AND x.no_end),
           linkedevents._import_object(o, 'custom_data', w),
           linkedevents._import_text(o, 'environmental_certificate', w),
           linkedevents._import_enum(o, 'environment', w, '{in,out}'),
           linkedevents._import_int(o, 'audience_min_age', w),
           linkedevents._import_int(o, 'audience_max_age', w),
           linkedevents._import_int(o, 'maximum_attendee_capacity', w),
           linkedevents._import_int(o, 'minimum_attendee_capacity', w),
           linkedevents._import_time(o, 'enrolment_start_time', w),
           linkedevents._import_time(o, 'enrolment_end_time', w),
           coalesce(linkedevents._import_bool(o, 'local', w), false),
           linkedevents._import_translations(o, 'name', w),
           linkedevents._import_translations(o, 'description', w),
           linkedevents._import_translations(o, 'short_description', w),
           linkedevents._import_translations(o, 'info_url', w),
           linkedevents._import_translations(o, 'location_extra_info', w),
           linkedevents._import_translations(o, 'provider', w),
           linkedevents._import_translations(o, 'provider_contact_info', w),
           CASE WHEN o ? 'headline' THEN linkedevents._import_translations(o, 'headline', w)
                ELSE cur.headline END,
           CASE WHEN o ? 'secondary_headline' THEN linkedevents._import_translations(o, 'secondary_headline', w)
                ELSE cur.secondary_headline END,
           CASE WHEN o ? 'created_by' THEN linkedevents._import_user(o, 'created_by', w) ELSE cur.created_by END,
           CASE WHEN o ? 'last_modified_by' THEN linkedevents._import_user(o, 'last_modified_by', w)
                ELSE cur.last_modified_by END
      FROM jsonb_array_elements(events) o
           CROSS JOIN LATERAL (SELECT o ->> 'id', format('event "%s"', o ->> 'id'),
                                      linkedevents._import_date_only(o, 'start_time'),
                                      linkedevents._import_date_only(o, 'end_time'),
                                      coalesce(jsonb_typeof(o -> 'end_time'), 'null') = 'null')
                               AS x(id, w, start_date, end_date, no_end)
           LEFT JOIN linkedevents.event cur ON cur.id = x.id
    ON CONFLICT (id) DO UPDATE
       SET (data_source, publisher, origin_id, location, keywords, audience, in_language, super_event,
            super_event_type, event_status, type_id, publication_status, deleted, replaced_by, created_time,
            last_modified_time, date_published, start_time, end_time, has_start_time, has_end_time,
            custom_data, environmental_certificate, environment, audience_min_age, audience_max_age,
            maximum_attendee_capacity, minimum_attendee_capacity, enrolment_start_time, enrolment_end_time,
            local, name, description, short_description, info_url, location_extra_info, provider,
            provider_contact_info, headline, secondary_headline, created_by, last_modified_by)
         = (EXCLUDED.data_source, EXCLUDED.publisher, EXCLUDED.origin_id, EXCLUDED.location, EXCLUDED.keywords,
            EXCLUDED.audience, EXCLUDED.in_language, EXCLUDED.super_event, EXCLUDED.super_event_type,
            EXCLUDED.event_status, EXCLUDED.type_id, EXCLUDED.publication_status, EXCLUDED.deleted,
            EXCLUDED.replaced_by, EXCLUDED.created_time, EXCLUDED.last_modified_time, EXCLUDED.date_published,
            EXCLUDED.start_time, EXCLUDED.end_time, EXCLUDED.has_start_time, EXCLUDED.has_end_time,
            EXCLUDED.custom_data, EXCLUDED.environmental_certificate, EXCLUDED.environment,
            EXCLUDED.audience_min_age, EXCLUDED.audience_max_age, EXCLUDED.maximum_attendee_capacity,
            EXCLUDED.minimum_attendee_capacity, EXCLUDED.enrolment_start_time, EXCLUDED.enrolment_end_time,
            EXCLUDED.local, EXCLUDED.name, EXCLUDED.description, EXCLUDED.short_description, EXCLUDED.info_url,
            EXCLUDED.location_extra_info, EXCLUDED.provider, EXCLUDED.provider_contact_info, EXCLUDED.headline,
            EXCLUDED.secondary_headline, EXCLUDED.created_by, EXCLUDED.last_modified_by)
     WHERE (t.data_source, t.publisher, t.origin_id, t.location, t.keywords, t.audience, t.in_language,
            t.super_event, t.super_event_type, t.event_status, t.type_id, t.publication_status, t.deleted,
            t.replaced_by, t.created_time, t.last_modified_time, t.date_published, t.start_time, t.end_time,
            t.has_start_time, t.has_end_time, t.custom_data, t.environmental_certificate, t.environment,
            t.audience_min_age, t.audience_max_age, t.maximum_attendee_capacity, t.minimum_attendee_capacity,
            t.enrolment_start_time, t.enrolment_end_time, t.local, t.name, t.description, t.short_description,
            t.info_url, t.location_extra_info, t.provider, t.provider_contact_info, t.headline,
            t.secondary_headline, t.created_by, t.last_modified_by)
           IS DISTINCT FROM
           (EXCLUDED.data_source, EXCLUDED.publisher, EXCLUDED.origin_id, EXCLUDED.location, EXCLUDED.keywords,
            EXCLUDED.audience, EXCLUDED.in_language, EXCLUDED.super_event, EXCLUDED.super_event_type,
            EXCLUDED.event_status, EXCLUDED.type_id, EXCLUDED.publication_status, EXCLUDED.deleted,
            EXCLUDED.replaced_by, EXCLUDED.created_time, EXCLUDED.last_modified_time, EXCLUDED.date_published,
            EXCLUDED.start_time, EXCLUDED.end_time, EXCLUDED.has_start_time, EXCLUDED.has_end_time,
            EXCLUDED.custom_data, EXCLUDED.environmental_certificate, EXCLUDED.environment,
            EXCLUDED.audience_min_age, EXCLUDED.audience_max_age, EXCLUDED.maximum_attendee_capacity,
            EXCLUDED.minimum_attendee_capacity, EXCLUDED.enrolment_start_time, EXCLUDED.enrolment_end_time,
            EXCLUDED.local, EXCLUDED.name, EXCLUDED.description, EXCLUDED.short_description, EXCLUDED.info_url,
            EXCLUDED.location_extra_info, EXCLUDED.provider, EXCLUDED.provider_contact_info, EXCLUDED.headline,
            EXCLUDED.secondary_headline, EXCLUDED.created_by, EXCLUDED.last_modified_by);

    -- The lists, as rows of their tables (offer ids are assigned on insert).
    SELECT array_agg(o ->> 'id'),
           (SELECT array_agg(ROW(NULL, o2 ->> 'id', n, coalesce(linkedevents._import_bool(f, 'is_free', w), false),
                                 linkedevents._import_translations(f, 'price', w),
                                 linkedevents._import_translations(f, 'info_url', w),
                                 linkedevents._import_translations(f, 'description', w))::linkedevents.offer)
              FROM jsonb_array_elements(events) o2,
                   jsonb_array_elements(linkedevents._import_list(o2, 'offers', format('event "%s"', o2 ->> 'id')))
                       WITH ORDINALITY AS l(v, n),
                   LATERAL (SELECT format('offer %s of event "%s"', n, o2 ->> 'id')) AS x(w),
                   LATERAL (SELECT linkedevents._import_item(v, 'offers', format('event "%s"', o2 ->> 'id'))) AS y(f)),
           (SELECT array_agg(ROW(o2 ->> 'id', n,
                                 linkedevents._import_text(f, 'name', w),
                                 coalesce(linkedevents._import_text(f, 'link', w),
                                          linkedevents._import_error(format('%s has no "link"', w))),
                                 coalesce(linkedevents._import_text(f, 'language', w),
                                          linkedevents._import_error(format('%s has no "language"', w)))
                                 )::linkedevents.event_link)
              FROM jsonb_array_elements(events) o2,
                   jsonb_array_elements(linkedevents._import_list(o2, 'external_links', format('event "%s"', o2 ->> 'id')))
                       WITH ORDINALITY AS l(v, n),
                   LATERAL (SELECT format('external link %s of event "%s"', n, o2 ->> 'id')) AS x(w),
                   LATERAL (SELECT linkedevents._import_item(v, 'external_links', format('event "%s"', o2 ->> 'id'))) AS y(f)),
           (SELECT array_agg(ROW(o2 ->> 'id', n,
                                 linkedevents._import_text(f, 'name', w),
                                 coalesce(linkedevents._import_text(f, 'url', w),
                                          linkedevents._import_error(format('%s has no "url"', w))),
                                 linkedevents._import_text(f, 'alt_text', w))::linkedevents.event_video)
              FROM jsonb_array_elements(events) o2,
                   jsonb_array_elements(linkedevents._import_list(o2, 'videos', format('event "%s"', o2 ->> 'id')))
                       WITH ORDINALITY AS l(v, n),
                   LATERAL (SELECT format('video %s of event "%s"', n, o2 ->> 'id')) AS x(w),
                   LATERAL (SELECT linkedevents._import_item(v, 'videos', format('event "%s"', o2 ->> 'id'))) AS y(f)),
           (SELECT array_agg(ROW(o2 ->> 'id', linkedevents._import_ref_value(v, 'image', 'images', w)::integer, n)
                                 ::linkedevents.event_image)
              FROM jsonb_array_elements(events) o2,
                   LATERAL (SELECT format('event "%s"', o2 ->> 'id')) AS x(w),
                   jsonb_array_elements(linkedevents._import_list(o2, 'images', w)) WITH ORDINALITY AS l(v, n))
      INTO ids, offers, links, videos, images
      FROM jsonb_array_elements(events) o;

    -- Rows that differ from the lists go; missing ones are added. Rows that
    -- are already right stay untouched.
    DELETE FROM linkedevents.offer r
     WHERE r.event = ANY (ids)
       AND NOT EXISTS (SELECT 1 FROM unnest(offers) n
                        WHERE n.event = r.event AND n.position = r.position
                          AND (n.is_free, n.price, n.info_url, n.description)
                              IS NOT DISTINCT FROM (r.is_free, r.price, r.info_url, r.description));
    INSERT INTO linkedevents.offer (event, position, is_free, price, info_url, description)
    SELECT n.event, n.position, n.is_free, n.price, n.info_url, n.description FROM unnest(offers) n
    ON CONFLICT DO NOTHING;

    -- Price groups hang on the offers just written (the lists were checked above).
    SELECT array_agg(ROW(coalesce(linkedevents._import_int(g, 'id', w),
                                  linkedevents._import_error(format('%s has no "id"', w))::integer),
                         r.id, m,
                         linkedevents._import_int(g, 'price_group', w),
                         linkedevents._import_decimal(g, 'price', w),
                         linkedevents._import_decimal(g, 'vat_percentage', w),
                         linkedevents._import_decimal(g, 'price_without_vat', w),
                         linkedevents._import_decimal(g, 'vat', w))::linkedevents.offer_price_group)
      INTO price_groups
      FROM jsonb_array_elements(events) o,
           jsonb_array_elements(linkedevents._import_list(o, 'offers', '')) WITH ORDINALITY AS l(f, n),
           jsonb_array_elements(linkedevents._import_list(f, 'offer_price_groups',
                                                          format('offer %s of event "%s"', n, o ->> 'id')))
               WITH ORDINALITY AS p(v, m),
           LATERAL (SELECT format('price group %s of offer %s of event "%s"', m, n, o ->> 'id')) AS x(w),
           LATERAL (SELECT linkedevents._import_item(v, 'offer_price_groups',
                                                     format('offer %s of event "%s"', n, o ->> 'id'))) AS y(g),
           linkedevents.offer r
     WHERE r.event = o ->> 'id' AND r.position = n;
    DELETE FROM linkedevents.offer_price_group r
     USING linkedevents.offer f
     WHERE f.id = r.offer AND f.event = ANY (ids)
       AND NOT EXISTS (SELECT 1 FROM unnest(price_groups) n
                        WHERE n.id = r.id AND (n.*) IS NOT DISTINCT FROM (r.*));
    INSERT INTO linkedevents.offer_price_group AS t SELECT * FROM unnest(price_groups)
    ON CONFLICT (id) DO UPDATE
       SET (offer, position, price_group, price, vat_percentage, price_without_vat, vat)
         = (EXCLUDED.offer, EXCLUDED.position, EXCLUDED.price_group, EXCLUDED.price, EXCLUDED.vat_percentage,
            EXCLUDED.price_without_vat, EXCLUDED.vat)
     WHERE (t.*) IS DISTINCT FROM (EXCLUDED.*);

    DELETE FROM linkedevents.event_link r
     WHERE r.event = ANY (ids)
       AND NOT EXISTS (SELECT 1 FROM unnest(links) n
                        WHERE n.event = r.event AND n.position = r.position AND (n.*) IS NOT DISTINCT FROM (r.*));
    INSERT INTO linkedevents.event_link SELECT * FROM unnest(links) ON CONFLICT DO NOTHING;

    DELETE FROM linkedevents.event_video r
     WHERE r.event = ANY (ids)
       AND NOT EXISTS (SELECT 1 FROM unnest(videos) n
                        WHERE n.event = r.event AND n.position = r.position AND (n.*) IS NOT DISTINCT FROM (r.*));
    INSERT INTO linkedevents.event_video SELECT * FROM unnest(videos) ON CONFLICT DO NOTHING;

    DELETE FROM linkedevents.event_image r
     WHERE r.event = ANY (ids)
       AND NOT EXISTS (SELECT 1 FROM unnest(images) n
                        WHERE n.event = r.event AND n.position = r.position AND n.image = r.image);
    INSERT INTO linkedevents.event_image SELECT * FROM unnest(images) ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION linkedevents._import_events(jsonb, text) IS
    'import: upserts event objects with their offers, links, videos and images';
