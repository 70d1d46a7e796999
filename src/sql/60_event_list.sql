-- The event list (SPEC 1, 2): the query builder in src/event_query*.c and
-- its SQL entry points. The C functions run SQL they build, naming PostGIS
-- with the schema it is installed in; their search_path is pinned too, at
-- the end of this part (like 99_search_path.sql does for SQL functions).

-- Indexes the event list's statements use beyond those of 01_tables.sql:
-- dwithin measures on the spheroid (D17), so it needs the geography form;
-- start= keeps postponed events, and this makes that arm of the OR an index
-- scan too.
CREATE INDEX place_position_geography_idx ON linkedevents.place
    USING gist ((position::geography));
CREATE INDEX event_postponed_idx ON linkedevents.event (id)
    WHERE event_status = 'EventPostponed';

-- The text the *_ongoing_* terms search (SPEC 1.9): the distinct non-NULL
-- strings of the event's name, description and short description (fi, en,
-- sv), its keywords' names (not audience), its place's street address (fi,
-- sv), name and description (fi, sv, en); CR and LF read as spaces.
CREATE FUNCTION linkedevents._event_ongoing_text(e linkedevents.event) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT pg_catalog.translate(pg_catalog.string_agg(DISTINCT s, ' '), E'\r\n', '  ')
      FROM (SELECT f ->> l
              FROM unnest(ARRAY[e.name, e.description, e.short_description]) f,
                   unnest('{fi,en,sv}'::text[]) l
            UNION ALL
            SELECT k.name ->> l
              FROM linkedevents.keyword k, unnest('{fi,sv,en}'::text[]) l
             WHERE k.id = ANY (e.keywords)
            UNION ALL
            SELECT p.street_address ->> l
              FROM linkedevents.place p, unnest('{fi,sv}'::text[]) l
             WHERE p.id = e.location
            UNION ALL
            SELECT f ->> l
              FROM linkedevents.place p, unnest(ARRAY[p.name, p.description]) f,
                   unnest('{fi,sv,en}'::text[]) l
             WHERE p.id = e.location) AS t(s)
     WHERE s IS NOT NULL
$$;
COMMENT ON FUNCTION linkedevents._event_ongoing_text(linkedevents.event) IS
    'the text the *_ongoing_* filters search in an event (SPEC 1.9)';

CREATE FUNCTION linkedevents.find_events(query text DEFAULT '')
    RETURNS SETOF linkedevents.event
    AS 'MODULE_PATHNAME', 'le_find_events'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.find_events(text) IS
    'the events an /event/ query string selects (every filter, visibility rule and sort of SPEC 1), in order, without paging; a bad value raises 22023 with the API message';

CREATE FUNCTION linkedevents.event_list(query text DEFAULT '', base_url text DEFAULT NULL)
    RETURNS json
    AS 'MODULE_PATHNAME', 'le_event_list'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.event_list(text, text) IS
    'the /event/ list page for a raw query string (SPEC 1, 3): {"meta": {count, next, previous}, "data": [...]}; 22023 for a bad parameter, 42704 "Invalid page." (404); base_url NULL = linkedevents.base_url';

CREATE FUNCTION linkedevents.event_detail(id text, query text DEFAULT '', base_url text DEFAULT NULL)
    RETURNS json
    AS 'MODULE_PATHNAME', 'le_event_detail'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.event_detail(text, text, text) IS
    'the /event/<id>/ document (SPEC 2): 42704 "Not found." for an unknown id, LE301 with the URL of the end of the replacement chain as DETAIL, 22023 for a bad FilterSet parameter, 42704 "Event does not exist" for a draft the caller may not edit, LE410 "Event has been deleted."';

CREATE FUNCTION linkedevents._event_query_explain(query text DEFAULT '')
    RETURNS SETOF text
    AS 'MODULE_PATHNAME', 'le_event_query_explain'
    LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION linkedevents._event_query_explain(text) IS
    'EXPLAIN (COSTS OFF) of the statement that selects the first page of an /event/ query string, for tests of index use';

DO $$
DECLARE
    required_schemas text;
    fn regprocedure;
BEGIN
    SELECT pg_catalog.string_agg(DISTINCT pg_catalog.quote_ident(n.nspname), ', ')
      INTO required_schemas
      FROM pg_catalog.pg_extension e
      JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'postgis';
    FOREACH fn IN ARRAY ARRAY['linkedevents.find_events(text)',
                              'linkedevents.event_list(text, text)',
                              'linkedevents.event_detail(text, text, text)',
                              'linkedevents._event_query_explain(text)']::regprocedure[]
    LOOP
        EXECUTE pg_catalog.format(
            'ALTER FUNCTION %s SET search_path = pg_catalog, linkedevents, %s, pg_temp',
            fn, required_schemas);
    END LOOP;
END
$$;
