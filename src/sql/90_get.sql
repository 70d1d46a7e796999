-- The one call a front end makes (DESIGN "SQL contract"): a request path and
-- query string in, an HTTP status, a Location and a body out.

-- {"detail": <message>} with the API's compact separators; U+2028 and
-- U+2029 escaped as the API does (SPEC 0.2).
CREATE FUNCTION linkedevents._detail_body(message text) RETURNS json
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ('{"detail":'
            || replace(replace(to_json(message)::text, U&'\2028', '\u2028'), U&'\2029', '\u2029')
            || '}')::json;
COMMENT ON FUNCTION linkedevents._detail_body(text) IS 'the API''s error body {"detail": message}';

CREATE FUNCTION linkedevents.get(path text, query text DEFAULT '', base_url text DEFAULT NULL)
    RETURNS TABLE (status integer, location text, body json)
    -- not PARALLEL SAFE: catching errors starts subtransactions
    LANGUAGE plpgsql STABLE AS
$$
DECLARE
    decoded text;
    route text[];
    resource text;
    id text;
BEGIN
    BEGIN
        decoded := linkedevents._path_decode(path);
    EXCEPTION WHEN character_not_in_repertoire OR untranslatable_character THEN
        decoded := NULL;
    END;
    -- /v<N>/content/... of a version other than v1 is the content API
    -- (photos, src/sql/83_photo_get.sql).
    IF decoded ~ '^/?v[0-9]+/content(/|$)' AND decoded !~ '^/?v1/' THEN
        RETURN QUERY SELECT * FROM linkedevents._content_get(decoded, query, base_url);
        RETURN;
    END IF;
    -- <resource>/ or <resource>/<id>/ after an optional "/" and "v1/"; the
    -- trailing slash is optional; an id is one or more characters other
    -- than "/" and "." (SPEC 0.1), matched after decoding as Django does.
    route := regexp_match(decoded,
        '^/?(?:v1/)?(event|place|keyword|keyword_set|organization|image|language)(?:/([^/.]+))?/?$');
    IF route IS NULL THEN
        RETURN QUERY SELECT 404, NULL::text, linkedevents._detail_body('Not found.');
        RETURN;
    END IF;
    resource := route[1];
    id := route[2];

    -- resource is one of the names matched above, so the function called is
    -- one of linkedevents.<resource>_list / _detail.
    BEGIN
        IF id IS NULL THEN
            EXECUTE pg_catalog.format('SELECT linkedevents.%I($1, $2)', resource || '_list')
               INTO body USING query, base_url;
        ELSE
            EXECUTE pg_catalog.format('SELECT linkedevents.%I($1, $2, $3)', resource || '_detail')
               INTO body USING id, query, base_url;
        END IF;
        status := 200;
    EXCEPTION
        WHEN invalid_parameter_value THEN
            status := 400;
            body := linkedevents._detail_body(SQLERRM);
        WHEN undefined_object THEN
            status := 404;
            body := linkedevents._detail_body(SQLERRM);
        WHEN SQLSTATE 'LE410' THEN
            status := 410;
            body := linkedevents._detail_body(SQLERRM);
        WHEN SQLSTATE 'LE301' THEN
            GET STACKED DIAGNOSTICS location = PG_EXCEPTION_DETAIL;
            status := 301;
            body := NULL;
    END;
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION linkedevents.get(text, text, text) IS
    'answers GET /v1/<path>?<query>: status 200 with the API document, 400/404/410 with {"detail": message}, or 301 with location (SPEC 0-5); and GET /v2/content/<culture>/photos[/<slug>] with problem details for 400/404 (README "Photos"); base_url NULL = linkedevents.base_url';
