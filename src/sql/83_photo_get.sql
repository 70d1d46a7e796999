-- The content API's photos endpoint (README "Photos"): the list and detail
-- functions (src/photo_endpoint.c), the problem-details bodies
-- (src/photo_problem.c), and the router linkedevents.get uses for
-- /<version>/content/... paths.

CREATE FUNCTION linkedevents.photo_list(culture text, query text DEFAULT '', base_url text DEFAULT NULL)
    RETURNS json
    AS 'MODULE_PATHNAME', 'le_photo_list'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.photo_list(text, text, text) IS
    'GET /v2/content/<culture>/photos?<query>: {"meta", "pagination", "items"}; 42704 for a culture without '
    'photos, 22023 for a bad parameter (its name as the error''s COLUMN_NAME); base_url NULL = linkedevents.base_url';

CREATE FUNCTION linkedevents.photo_detail(culture text, slug text, base_url text DEFAULT NULL)
    RETURNS json
    AS 'MODULE_PATHNAME', 'le_photo_detail'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.photo_detail(text, text, text) IS
    'GET /v2/content/<culture>/photos/<slug>: the item (public or unlisted); 42704 when there is none';

CREATE FUNCTION linkedevents._photo_query_explain(culture text, query text DEFAULT '')
    RETURNS SETOF text
    AS 'MODULE_PATHNAME', 'le_photo_query_explain'
    LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION linkedevents._photo_query_explain(text, text) IS
    'EXPLAIN (COSTS OFF) of the statement of a photos list query string, for tests of index use';

-- VOLATILE: a new traceId on every call (src/photo_problem.c).
CREATE FUNCTION linkedevents._trace_id() RETURNS text
    AS 'MODULE_PATHNAME', 'le_trace_id'
    LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents._trace_id() IS
    'a new W3C traceparent "00-<32 hex>-<16 hex>-00" from random bytes; writes nothing';

CREATE FUNCTION linkedevents._photo_problem(status integer, detail text DEFAULT NULL,
                                            parameter text DEFAULT NULL)
    RETURNS json
    AS 'MODULE_PATHNAME', 'le_photo_problem'
    LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents._photo_problem(integer, text, text) IS
    'RFC 9457 problem details of a 400 or 404 with a new traceId; parameter adds "errors": {parameter: [detail]}';

-- /<version>/content/<culture>/photos[/<slug>], decoded; get() sends the
-- paths of a version other than v1 under content/ here. Another version, or
-- another path, is 404; the endpoints' errors become problem details.
CREATE FUNCTION linkedevents._content_get(path text, query text, base_url text)
    RETURNS TABLE (status integer, location text, body json)
    -- not PARALLEL SAFE: catching errors starts subtransactions
    LANGUAGE plpgsql STABLE AS
$$
DECLARE
    route text[] := regexp_match(path, '^/?(v[0-9]+)/content/([^/]+)/photos(?:/([^/]+))?/?$');
    parameter text;
BEGIN
    IF route IS NULL OR route[1] <> 'v2' THEN
        RETURN QUERY SELECT 404, NULL::text, linkedevents._photo_problem(404);
        RETURN;
    END IF;
    BEGIN
        IF route[3] IS NULL THEN
            body := linkedevents.photo_list(route[2], query, base_url);
        ELSE
            body := linkedevents.photo_detail(route[2], route[3], base_url);
        END IF;
        status := 200;
    EXCEPTION
        WHEN invalid_parameter_value THEN
            GET STACKED DIAGNOSTICS parameter = COLUMN_NAME;
            status := 400;
            body := linkedevents._photo_problem(400, SQLERRM, NULLIF(parameter, ''));
        WHEN undefined_object THEN
            status := 404;
            body := linkedevents._photo_problem(404);
    END;
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION linkedevents._content_get(text, text, text) IS
    'answers GET /<version>/content/<path> for linkedevents.get: the photos list and detail of v2, '
    'problem details (400, 404) otherwise';

-- The C functions run SQL with schema-qualified names and operators; their
-- search_path is pinned as well, like the SQL functions' (99_search_path.sql).
ALTER FUNCTION linkedevents.photo_list(text, text, text) SET search_path = pg_catalog, linkedevents, pg_temp;
ALTER FUNCTION linkedevents.photo_detail(text, text, text) SET search_path = pg_catalog, linkedevents, pg_temp;
ALTER FUNCTION linkedevents._photo_query_explain(text, text) SET search_path = pg_catalog, linkedevents, pg_temp;
