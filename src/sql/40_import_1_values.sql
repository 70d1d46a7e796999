-- Import, part 1: typed readers of API document fields.
--
-- Each reader takes an object, a field name and a description of the object
-- for messages ('event "helsinki:1"'), and returns the field's value as a SQL
-- value: NULL when the field is missing or JSON null, an error with SQLSTATE
-- 22023 naming the field and the object when its JSON type or format is
-- wrong. The readers have SQL-standard bodies so that the planner inlines
-- them into the set-based statements of linkedevents.import(); they are
-- VOLATILE because they may raise.

CREATE FUNCTION linkedevents._import_bad(what text, field text, value jsonb, expected text)
    RETURNS text
    LANGUAGE plpgsql VOLATILE AS
$$
DECLARE
    shown text := value::text;
BEGIN
    IF length(shown) > 60 THEN
        shown := left(shown, 57) || '...';
    END IF;
    RAISE EXCEPTION 'invalid value for "%" of %: expected %, got %', field, what, expected, shown
        USING ERRCODE = 'invalid_parameter_value';
END
$$;
COMMENT ON FUNCTION linkedevents._import_bad(text, text, jsonb, text) IS
    'raises the import''s wrong-value error (22023) naming the field, the object and the value';

CREATE FUNCTION linkedevents._import_text(o jsonb, field text, what text) RETURNS text
    LANGUAGE sql VOLATILE
    RETURN CASE coalesce(jsonb_typeof(o -> field), 'null')
               WHEN 'null' THEN NULL
               WHEN 'string' THEN o ->> field
               ELSE linkedevents._import_bad(what, field, o -> field, 'a string')
           END;
COMMENT ON FUNCTION linkedevents._import_text(jsonb, text, text) IS 'import: a string field';

-- created_by, last_modified_by: a user name, as the reference writes it for
-- events and images; for places and keywords it writes the user's integer
-- key, kept as its text.
CREATE FUNCTION linkedevents._import_user(o jsonb, field text, what text) RETURNS text
    LANGUAGE sql VOLATILE
    RETURN CASE
               WHEN coalesce(jsonb_typeof(o -> field), 'null') = 'null' THEN NULL
               WHEN jsonb_typeof(o -> field) = 'string' THEN o ->> field
               WHEN jsonb_typeof(o -> field) = 'number' AND (o ->> field) ~ '^[0-9]{1,18}$' THEN o ->> field
               ELSE linkedevents._import_bad(what, field, o -> field, 'a user name or a user id')
           END;
COMMENT ON FUNCTION linkedevents._import_user(jsonb, text, text) IS
    'import: a user field (created_by, last_modified_by): a name, or an integer id kept as text';

CREATE FUNCTION linkedevents._import_bool(o jsonb, field text, what text) RETURNS boolean
    LANGUAGE sql VOLATILE
    RETURN CASE coalesce(jsonb_typeof(o -> field), 'null')
               WHEN 'null' THEN NULL
               WHEN 'boolean' THEN (o -> field)::boolean
               ELSE linkedevents._import_bad(what, field, o -> field, 'true or false')::boolean
           END;
COMMENT ON FUNCTION linkedevents._import_bool(jsonb, text, text) IS 'import: a boolean field';

-- Integers: JSON numbers without a fraction, within the range of integer.
CREATE FUNCTION linkedevents._import_int(o jsonb, field text, what text) RETURNS integer
    LANGUAGE sql VOLATILE
    RETURN CASE
               WHEN coalesce(jsonb_typeof(o -> field), 'null') = 'null' THEN NULL
               WHEN jsonb_typeof(o -> field) = 'number' AND (o ->> field) ~ '^-?[0-9]{1,9}$'
                   THEN (o ->> field)::integer
               ELSE linkedevents._import_bad(what, field, o -> field, 'an integer')::integer
           END;
COMMENT ON FUNCTION linkedevents._import_int(jsonb, text, text) IS 'import: an integer field';

-- Decimals: the API writes them as strings ("10.00"); plain numbers are accepted.
CREATE FUNCTION linkedevents._import_decimal(o jsonb, field text, what text) RETURNS numeric
    LANGUAGE sql VOLATILE
    RETURN CASE
               WHEN coalesce(jsonb_typeof(o -> field), 'null') = 'null' THEN NULL
               WHEN jsonb_typeof(o -> field) IN ('string', 'number')
                    AND (o ->> field) ~ '^-?[0-9]{1,17}(\.[0-9]{1,2})?$'
                   THEN (o ->> field)::numeric
               ELSE linkedevents._import_bad(what, field, o -> field, 'a decimal such as "10.00"')::numeric
           END;
COMMENT ON FUNCTION linkedevents._import_decimal(jsonb, text, text) IS 'import: a decimal field';

CREATE FUNCTION linkedevents._import_date(o jsonb, field text, what text) RETURNS date
    LANGUAGE sql VOLATILE
    RETURN CASE
               WHEN coalesce(jsonb_typeof(o -> field), 'null') = 'null' THEN NULL
               WHEN jsonb_typeof(o -> field) = 'string'
                    AND (o ->> field) ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
                   THEN (o ->> field)::date
               ELSE linkedevents._import_bad(what, field, o -> field, 'a date YYYY-MM-DD')::date
           END;
COMMENT ON FUNCTION linkedevents._import_date(jsonb, text, text) IS 'import: a date field';

-- Date-times: ISO 8601 with T or a space, optional seconds and fraction,
-- Z or a numeric offset; without an offset (or a bare date) the time is local
-- to linkedevents.time_zone.
CREATE FUNCTION linkedevents._import_time(o jsonb, field text, what text) RETURNS timestamptz
    LANGUAGE sql VOLATILE
    RETURN CASE
               WHEN coalesce(jsonb_typeof(o -> field), 'null') = 'null' THEN NULL
               WHEN jsonb_typeof(o -> field) <> 'string'
                    OR (o ->> field) !~ ('^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])'
                                         '([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?'
                                         '(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?$')
                   THEN linkedevents._import_bad(what, field, o -> field, 'a date or an ISO 8601 date-time')::timestamptz
               WHEN (o ->> field) ~ '(Z|[+-][0-9]{2}(:?[0-9]{2})?)$' AND length(o ->> field) > 10
                   THEN (o ->> field)::timestamptz
               ELSE (o ->> field)::timestamp AT TIME ZONE linkedevents._setting('time_zone')
           END;
COMMENT ON FUNCTION linkedevents._import_time(jsonb, text, text) IS
    'import: a date-time field; without an offset it is local to linkedevents.time_zone';

-- A bare date (YYYY-MM-DD) in a time field, or NULL when the field is anything else.
CREATE FUNCTION linkedevents._import_date_only(o jsonb, field text) RETURNS date
    LANGUAGE sql VOLATILE
    RETURN CASE WHEN jsonb_typeof(o -> field) = 'string'
                     AND (o ->> field) ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
                THEN (o ->> field)::date END;
COMMENT ON FUNCTION linkedevents._import_date_only(jsonb, text) IS
    'import: the date of a date-only time field, else NULL';

-- Multilingual fields (SPEC 0.6): an object of language -> string; languages
-- whose value is null are dropped, and an object with none left is NULL.
CREATE FUNCTION linkedevents._import_translations(o jsonb, field text, what text) RETURNS jsonb
    LANGUAGE sql VOLATILE
    RETURN CASE
               WHEN coalesce(jsonb_typeof(o -> field), 'null') = 'null' THEN NULL
               WHEN jsonb_typeof(o -> field) = 'object'
                    AND NOT jsonb_path_exists(o -> field, '$.* ? (@.type() != "string" && @.type() != "null")')
                   THEN nullif(jsonb_strip_nulls(o -> field), '{}')
               ELSE linkedevents._import_bad(what, field, o -> field,
                                             'an object of language -> string')::jsonb
           END;
COMMENT ON FUNCTION linkedevents._import_translations(jsonb, text, text) IS
    'import: a multilingual field; null-valued languages are dropped';

CREATE FUNCTION linkedevents._import_object(o jsonb, field text, what text) RETURNS jsonb
    LANGUAGE sql VOLATILE
    RETURN CASE coalesce(jsonb_typeof(o -> field), 'null')
               WHEN 'null' THEN NULL
               WHEN 'object' THEN o -> field
               ELSE linkedevents._import_bad(what, field, o -> field, 'an object')::jsonb
           END;
COMMENT ON FUNCTION linkedevents._import_object(jsonb, text, text) IS 'import: an object field (custom_data)';

-- A list field; missing or null is the empty list.
CREATE FUNCTION linkedevents._import_list(o jsonb, field text, what text) RETURNS jsonb
    LANGUAGE sql VOLATILE
    RETURN CASE coalesce(jsonb_typeof(o -> field), 'null')
               WHEN 'null' THEN '[]'::jsonb
               WHEN 'array' THEN o -> field
               ELSE linkedevents._import_bad(what, field, o -> field, 'a list')::jsonb
           END;
COMMENT ON FUNCTION linkedevents._import_list(jsonb, text, text) IS 'import: a list field, [] when missing';

-- An element of a list of objects (offers, external links, videos, divisions).
CREATE FUNCTION linkedevents._import_item(item jsonb, field text, what text) RETURNS jsonb
    LANGUAGE sql VOLATILE
    RETURN CASE WHEN jsonb_typeof(item) = 'object' THEN item
                ELSE linkedevents._import_bad(what, field, item, 'a list of objects')::jsonb END;
COMMENT ON FUNCTION linkedevents._import_item(jsonb, text, text) IS 'import: an object in a list field';

CREATE FUNCTION linkedevents._import_strings(o jsonb, field text, what text) RETURNS text[]
    LANGUAGE sql VOLATILE
    RETURN CASE
               WHEN coalesce(jsonb_typeof(o -> field), 'null') = 'null' THEN '{}'::text[]
               WHEN jsonb_typeof(o -> field) = 'array'
                    AND NOT jsonb_path_exists(o -> field, '$[*] ? (@.type() != "string")')
                   THEN ARRAY(SELECT jsonb_array_elements_text(o -> field))
               ELSE linkedevents._import_bad(what, field, o -> field, 'a list of strings')::text[]
           END;
COMMENT ON FUNCTION linkedevents._import_strings(jsonb, text, text) IS 'import: a list of strings';

CREATE FUNCTION linkedevents._import_enum(o jsonb, field text, what text, allowed text[]) RETURNS text
    LANGUAGE sql VOLATILE
    RETURN CASE
               WHEN coalesce(jsonb_typeof(o -> field), 'null') = 'null' THEN NULL
               WHEN jsonb_typeof(o -> field) = 'string' AND (o ->> field) = ANY (allowed) THEN o ->> field
               ELSE linkedevents._import_bad(what, field, o -> field,
                                             'one of ' || array_to_string(allowed, ', '))
           END;
COMMENT ON FUNCTION linkedevents._import_enum(jsonb, text, text, text[]) IS
    'import: a string field with a fixed set of values';

-- The last two path segments of a reference URL, '<resource>/<id>', from
-- '<any base>/<resource>/<id>/' with an optional query (?format=api) and
-- trailing slash; NULL when the value is no such URL.
CREATE FUNCTION linkedevents._import_url_tail(url jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN substring(CASE WHEN jsonb_typeof(url) = 'string' THEN url #>> '{}' END
                     FROM '^(?:[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*)?(?:/[^?#]*)?/([^/?#]+/[^/?#]+)/?(?:[?#].*)?$');
COMMENT ON FUNCTION linkedevents._import_url_tail(jsonb) IS
    'import: "<resource>/<id>" at the end of a reference URL';

CREATE FUNCTION linkedevents._import_url_tail_id(tail text, url jsonb, resource text, field text, what text)
    RETURNS text
    LANGUAGE sql VOLATILE
    RETURN CASE
               WHEN split_part(tail, '/', 1) IS DISTINCT FROM resource
                    OR (resource IN ('image', 'registration') AND split_part(tail, '/', 2) !~ '^[0-9]{1,9}$')
                   THEN linkedevents._import_bad(what, field, url, format('a URL such as ".../v1/%s/<id>/"', resource))
               WHEN strpos(tail, '%') = 0 THEN split_part(tail, '/', 2)
               ELSE linkedevents._path_decode(split_part(tail, '/', 2))
           END;
COMMENT ON FUNCTION linkedevents._import_url_tail_id(text, jsonb, text, text, text) IS
    'import: the id in the "<resource>/<id>" tail of a reference URL';

-- The id a reference URL names, percent-decoded; the resource segment must
-- be the expected one. (No subqueries here, so that the planner inlines it:
-- references are the commonest field.)
CREATE FUNCTION linkedevents._import_url_id(url jsonb, resource text, field text, what text) RETURNS text
    LANGUAGE sql VOLATILE
    RETURN linkedevents._import_url_tail_id(linkedevents._import_url_tail(url), url, resource, field, what);
COMMENT ON FUNCTION linkedevents._import_url_id(jsonb, text, text, text) IS
    'import: the percent-decoded id at the end of a reference URL to a resource';

-- A reference value: {"@id": URL}, or an embedded object (imported too) whose
-- "id" it is. Not null: in a list (keywords, in_language, images) null is no
-- reference; a reference field that is null is no reference (_import_ref).
CREATE FUNCTION linkedevents._import_ref_value(v jsonb, resource text, field text, what text) RETURNS text
    LANGUAGE sql VOLATILE
    RETURN CASE
               WHEN jsonb_typeof(v) = 'object' AND v ? 'id' THEN v ->> 'id'
               WHEN jsonb_typeof(v) = 'object' AND v ? '@id'
                   THEN linkedevents._import_url_id(v -> '@id', resource, field, what)
               ELSE linkedevents._import_bad(what, field, v, format('a reference {"@id": ".../v1/%s/<id>/"}', resource))
           END;
COMMENT ON FUNCTION linkedevents._import_ref_value(jsonb, text, text, text) IS
    'import: the id a reference or an embedded object stands for';

CREATE FUNCTION linkedevents._import_ref(o jsonb, field text, what text, resource text) RETURNS text
    LANGUAGE sql VOLATILE
    RETURN CASE WHEN coalesce(jsonb_typeof(o -> field), 'null') = 'null' THEN NULL
                ELSE linkedevents._import_ref_value(o -> field, resource, field, what) END;
COMMENT ON FUNCTION linkedevents._import_ref(jsonb, text, text, text) IS 'import: a reference field';

-- Organization relations are plain URL strings (SPEC 4.9).
CREATE FUNCTION linkedevents._import_url_ref(o jsonb, field text, what text, resource text) RETURNS text
    LANGUAGE sql VOLATILE
    RETURN CASE WHEN coalesce(jsonb_typeof(o -> field), 'null') = 'null' THEN NULL
                ELSE linkedevents._import_url_id(o -> field, resource, field, what) END;
COMMENT ON FUNCTION linkedevents._import_url_ref(jsonb, text, text, text) IS
    'import: a reference given as a plain URL string';

-- An object's data source: the field when present (even null), else the
-- part of its id before the first ':' (NULL when the id has none).
CREATE FUNCTION linkedevents._import_data_source(o jsonb, what text) RETURNS text
    LANGUAGE sql VOLATILE
    RETURN CASE WHEN o ? 'data_source' THEN linkedevents._import_text(o, 'data_source', what)
                WHEN strpos(o ->> 'id', ':') > 0 THEN split_part(o ->> 'id', ':', 1) END;
COMMENT ON FUNCTION linkedevents._import_data_source(jsonb, text) IS
    'import: the data_source field, or the prefix of the id before its first colon';

-- A GeoJSON point in EPSG:4326, or in the SRS a "crs" member (or "srid")
-- names, transformed to 4326.
CREATE FUNCTION linkedevents._import_position(o jsonb, field text, what text) RETURNS geometry
    LANGUAGE plpgsql VOLATILE AS
$$
DECLARE
    p jsonb := o -> field;
    crs text := p #>> '{crs,properties,name}';
    source_srid integer := 4326;
BEGIN
    IF p IS NULL OR jsonb_typeof(p) = 'null' THEN
        RETURN NULL;
    END IF;
    IF jsonb_typeof(p) <> 'object' OR p ->> 'type' IS DISTINCT FROM 'Point'
       OR jsonb_typeof(p -> 'coordinates') IS DISTINCT FROM 'array'
       OR jsonb_array_length(p -> 'coordinates') <> 2
       OR jsonb_typeof(p -> 'coordinates' -> 0) <> 'number'
       OR jsonb_typeof(p -> 'coordinates' -> 1) <> 'number' THEN
        PERFORM linkedevents._import_bad(what, field, p, 'a GeoJSON point {"type": "Point", "coordinates": [x, y]}');
    END IF;
    IF crs ~ '^(EPSG:|urn:ogc:def:crs:EPSG:[0-9.]*:)[0-9]{1,9}$' THEN
        source_srid := substring(crs FROM '([0-9]+)$')::integer;
    ELSIF crs IS NOT NULL AND crs !~ '^urn:ogc:def:crs:OGC:1\.3:CRS84$' THEN
        PERFORM linkedevents._import_bad(what, field, p -> 'crs', 'a crs named EPSG:<srid>');
    ELSIF p ? 'srid' THEN
        source_srid := linkedevents._import_int(p, 'srid', what);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM spatial_ref_sys s WHERE s.srid = source_srid) THEN
        PERFORM linkedevents._import_bad(what, field, p, 'coordinates in a known SRS');
    END IF;
    RETURN ST_Transform(ST_SetSRID(ST_MakePoint((p -> 'coordinates' ->> 0)::float8,
                                                (p -> 'coordinates' ->> 1)::float8), source_srid), 4326);
END
$$;
COMMENT ON FUNCTION linkedevents._import_position(jsonb, text, text) IS
    'import: a GeoJSON point, transformed to EPSG:4326';
