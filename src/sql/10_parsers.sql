-- Parsers of API parameters (layer 1 in src/parse_*.c, wrappers in
-- src/params.c) and the building blocks built on them.

CREATE FUNCTION linkedevents.parse_query(query text)
    RETURNS TABLE (key text, value text)
    AS 'MODULE_PATHNAME', 'le_parse_query'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.parse_query(text) IS
    'the parameters of a URL query string (without "?"), percent-decoded, in order, repeats kept';

CREATE FUNCTION linkedevents.query_params(query text) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'le_query_params'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.query_params(text) IS
    'the parameters of a URL query string as a jsonb object of strings; a repeated key keeps its last value';

CREATE FUNCTION linkedevents.parse_duration(text) RETURNS interval
    AS 'MODULE_PATHNAME', 'le_parse_duration_sql'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.parse_duration(text) IS
    'a min_duration/max_duration value such as 3d, 2h, 180m or 86400 as an interval';

-- STABLE: reads linkedevents.time_zone and the transaction timestamp.
CREATE FUNCTION linkedevents.parse_time(value text, is_end boolean) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'le_parse_time_sql'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.parse_time(text, boolean) IS
    'a start (is_end false) or end (is_end true) value: today, now, a date or an ISO 8601 datetime; naive values in linkedevents.time_zone';

-- Not STRICT: a NULL age is an open bound; NULL ages give NULL.
CREATE FUNCTION linkedevents.suitable_for(audience_min_age int, audience_max_age int, ages text)
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'le_suitable_for_sql'
    LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.suitable_for(int, int, text) IS
    'whether an audience age range suits every age of a suitable_for value ("12" or "11,13"); false when both bounds are NULL';

-- The enrolment_start/enrolment_end sort key: the registration's time, else
-- the event's, else last in either direction.
CREATE FUNCTION linkedevents.enrolment_key(event_time timestamptz, registration_time timestamptz,
                                           descending boolean)
    RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN COALESCE(registration_time, event_time,
                    CASE WHEN descending THEN '-infinity'::timestamptz
                         ELSE 'infinity'::timestamptz END);
COMMENT ON FUNCTION linkedevents.enrolment_key(timestamptz, timestamptz, boolean) IS
    'sort key of enrolment_start/enrolment_end: the registration time, else the event time, else +infinity (ascending) or -infinity (descending)';

-- STABLE: times read linkedevents.time_zone and the transaction timestamp.
CREATE FUNCTION linkedevents.parse_param(param text, value text) RETURNS text
    AS 'MODULE_PATHNAME', 'le_parse_param'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.parse_param(text, text) IS
    'the parsed value of a typed API parameter (booleans, ages, capacities, times, durations, hours, weekday, suitable_for, bbox, dwithin, srid, days, page, page_size) as text, or the API''s error';

-- Percent-decoding of a path: %XX are UTF-8 bytes, a '%' not followed by two
-- hex digits stays as it is, '+' is a plus. Invalid UTF-8 raises 22021.
CREATE FUNCTION linkedevents._path_decode(path text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN convert_from(
        (SELECT coalesce(string_agg(CASE WHEN m.part[1] ~ '^%[0-9A-Fa-f]{2}$'
                                         THEN decode(substr(m.part[1], 2), 'hex')
                                         ELSE convert_to(m.part[1], 'UTF8') END,
                                    ''::bytea ORDER BY m.ord), ''::bytea)
           FROM regexp_matches(path, '(%[0-9A-Fa-f]{2}|%|[^%]+)', 'g') WITH ORDINALITY AS m(part, ord)),
        'UTF8');
COMMENT ON FUNCTION linkedevents._path_decode(text) IS
    'percent-decodes a URL path (UTF-8); "+" stays a plus';
