-- Import, part 3: places and their divisions (called by linkedevents.import).

-- Upserts the place objects; embedded divisions are created or updated by
-- ocd_id, and each place's division list is synchronised row by row.
CREATE FUNCTION linkedevents._import_places(places jsonb) RETURNS void
    LANGUAGE plpgsql VOLATILE AS
$$
DECLARE
    ids text[];
    links linkedevents.place_division[];
BEGIN
    IF places IS NULL THEN
        RETURN;
    END IF;

    WITH d AS (
        SELECT v, format('division in place "%s"', o ->> 'id') AS w
          FROM jsonb_array_elements(places) o,
               jsonb_array_elements(linkedevents._import_list(o, 'divisions', format('place "%s"', o ->> 'id'))) v
    )
    INSERT INTO linkedevents.division AS t (ocd_id, type, name, municipality)
    SELECT DISTINCT ON (ocd_id) ocd_id,
           coalesce(linkedevents._import_text(v, 'type', w), substring(ocd_id FROM '([^/:]+):[^/]*$'), 'division'),
           linkedevents._import_translations(v, 'name', w),
           linkedevents._import_text(v, 'municipality', w)
      FROM d, LATERAL (SELECT coalesce(linkedevents._import_text(linkedevents._import_item(v, 'divisions', w), 'ocd_id', w),
                                       linkedevents._import_error(format('%s has no "ocd_id"', w)))) AS x(ocd_id)
     ORDER BY ocd_id
    ON CONFLICT (ocd_id) DO UPDATE
       SET (type, name, municipality) = (EXCLUDED.type, EXCLUDED.name, EXCLUDED.municipality)
     WHERE (t.type, t.name, t.municipality) IS DISTINCT FROM (EXCLUDED.type, EXCLUDED.name, EXCLUDED.municipality);

    INSERT INTO linkedevents.place AS t
           (id, data_source, publisher, origin_id, name, description, info_url, street_address, address_locality,
            telephone, email, contact_type, address_region, postal_code, post_office_box_num, address_country,
            position, image, parent, replaced_by, deleted, custom_data, created_time, last_modified_time,
            created_by, last_modified_by)
    SELECT x.id, linkedevents._import_data_source(o, w),
           linkedevents._import_text(o, 'publisher', w),
           CASE WHEN o ? 'origin_id' THEN linkedevents._import_text(o, 'origin_id', w) ELSE cur.origin_id END,
           linkedevents._import_translations(o, 'name', w),
           linkedevents._import_translations(o, 'description', w),
           linkedevents._import_translations(o, 'info_url', w),
           linkedevents._import_translations(o, 'street_address', w),
           linkedevents._import_translations(o, 'address_locality', w),
           linkedevents._import_translations(o, 'telephone', w),
           linkedevents._import_text(o, 'email', w),
           linkedevents._import_text(o, 'contact_type', w),
           linkedevents._import_text(o, 'address_region', w),
           linkedevents._import_text(o, 'postal_code', w),
           linkedevents._import_text(o, 'post_office_box_num', w),
           linkedevents._import_text(o, 'address_country', w),
           linkedevents._import_position(o, 'position', w),
           linkedevents._import_int(o, 'image', w),
           linkedevents._import_text(o, 'parent', w),
           linkedevents._import_text(o, 'replaced_by', w),
           coalesce(linkedevents._import_bool(o, 'deleted', w), false),
           linkedevents._import_object(o, 'custom_data', w),
           CASE WHEN o ? 'created_time' THEN linkedevents._import_time(o, 'created_time', w)
                ELSE coalesce(cur.created_time, now()) END,
           CASE WHEN o ? 'last_modified_time' THEN linkedevents._import_time(o, 'last_modified_time', w)
                ELSE now() END,
           CASE WHEN o ? 'created_by' THEN linkedevents._import_user(o, 'created_by', w) ELSE cur.created_by END,
           CASE WHEN o ? 'last_modified_by' THEN linkedevents._import_user(o, 'last_modified_by', w)
                ELSE cur.last_modified_by END
      FROM jsonb_array_elements(places) o
           CROSS JOIN LATERAL (SELECT o ->> 'id', format('place "%s"', o ->> 'id')) AS x(id, w)
           LEFT JOIN linkedevents.place cur ON cur.id = x.id
    ON CONFLICT (id) DO UPDATE
       SET (data_source, publisher, origin_id, name, description, info_url, street_address, address_locality,
            telephone, email, contact_type, address_region, postal_code, post_office_box_num, address_country,
            position, image, parent, replaced_by, deleted, custom_data, created_time, last_modified_time,
            created_by, last_modified_by)
         = (EXCLUDED.data_source, EXCLUDED.publisher, EXCLUDED.origin_id, EXCLUDED.name, EXCLUDED.description,
            EXCLUDED.info_url, EXCLUDED.street_address, EXCLUDED.address_locality, EXCLUDED.telephone,
            EXCLUDED.email, EXCLUDED.contact_type, EXCLUDED.address_region, EXCLUDED.postal_code,
            EXCLUDED.post_office_box_num, EXCLUDED.address_country, EXCLUDED.position, EXCLUDED.image,
            EXCLUDED.parent, EXCLUDED.replaced_by, EXCLUDED.deleted, EXCLUDED.custom_data,
            EXCLUDED.created_time, EXCLUDED.last_modified_time, EXCLUDED.created_by, EXCLUDED.last_modified_by)
     WHERE (t.data_source, t.publisher, t.origin_id, t.name, t.description, t.info_url, t.street_address,
            t.address_locality, t.telephone, t.email, t.contact_type, t.address_region, t.postal_code,
            t.post_office_box_num, t.address_country, t.position, t.image, t.parent, t.replaced_by, t.deleted,
            t.custom_data, t.created_time, t.last_modified_time, t.created_by, t.last_modified_by)
           IS DISTINCT FROM
           (EXCLUDED.data_source, EXCLUDED.publisher, EXCLUDED.origin_id, EXCLUDED.name, EXCLUDED.description,
            EXCLUDED.info_url, EXCLUDED.street_address, EXCLUDED.address_locality, EXCLUDED.telephone,
            EXCLUDED.email, EXCLUDED.contact_type, EXCLUDED.address_region, EXCLUDED.postal_code,
            EXCLUDED.post_office_box_num, EXCLUDED.address_country, EXCLUDED.position, EXCLUDED.image,
            EXCLUDED.parent, EXCLUDED.replaced_by, EXCLUDED.deleted, EXCLUDED.custom_data,
            EXCLUDED.created_time, EXCLUDED.last_modified_time, EXCLUDED.created_by, EXCLUDED.last_modified_by);

    -- The division lists, in order; a division listed twice keeps its first place.
    SELECT array_agg(o ->> 'id'), array_agg(l) FILTER (WHERE l IS NOT NULL) INTO ids, links
      FROM jsonb_array_elements(places) o
           LEFT JOIN LATERAL (
               SELECT DISTINCT ON (v ->> 'ocd_id') ROW(o ->> 'id', v ->> 'ocd_id', n)::linkedevents.place_division
                 FROM jsonb_array_elements(o -> 'divisions') WITH ORDINALITY AS d(v, n)
                WHERE jsonb_typeof(o -> 'divisions') = 'array'
                ORDER BY v ->> 'ocd_id', n) AS x(l) ON true;
    DELETE FROM linkedevents.place_division pd
     WHERE pd.place = ANY (ids)
       AND NOT EXISTS (SELECT 1 FROM unnest(links) n
                        WHERE n.place = pd.place AND n.division = pd.division AND n.position = pd.position);
    INSERT INTO linkedevents.place_division SELECT * FROM unnest(links) ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION linkedevents._import_places(jsonb) IS
    'import: upserts place objects with their divisions';
