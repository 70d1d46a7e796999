-- GET /v1/language/ and /v1/language/<id>/ (SPEC 5.5, 4.8, D24).

CREATE FUNCTION linkedevents.language_list(query text DEFAULT '', base_url text DEFAULT NULL)
    RETURNS json
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
DECLARE
    req linkedevents._request := linkedevents._decode_request(query);
    service_language boolean;
BEGIN
    PERFORM linkedevents._format(req.params), linkedevents._srid(req.params);
    service_language := linkedevents._bool_param(req.params, 'service_language');
    RETURN linkedevents._list_page('language',
        'FROM linkedevents.language t WHERE t.service_language = coalesce(($1->>''service_language'')::boolean, t.service_language)',
        't.id', jsonb_build_object('service_language', service_language), req, 20, 100, base_url);
END
$$;
COMMENT ON FUNCTION linkedevents.language_list(text, text) IS
    'GET /v1/language/?<query> (SPEC 5.5): service_language; ordered by id; pages of 20 (max 100)';

CREATE FUNCTION linkedevents.language_detail(id text, query text DEFAULT '', base_url text DEFAULT NULL)
    RETURNS json
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
DECLARE
    req linkedevents._request := linkedevents._decode_request(query);
BEGIN
    PERFORM linkedevents._format(req.params), linkedevents._srid(req.params);
    RETURN linkedevents._detail_document('language', id, req, base_url);
END
$$;
COMMENT ON FUNCTION linkedevents.language_detail(text, text, text) IS
    'GET /v1/language/<id>/?<query> (SPEC 4.13): 404 when unknown';
