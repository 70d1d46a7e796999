-- GET /v1/image/ and /v1/image/<id>/ (SPEC 5.1, 4.13).

CREATE FUNCTION linkedevents.image_list(query text DEFAULT '', base_url text DEFAULT NULL)
    RETURNS json
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
DECLARE
    req linkedevents._request := linkedevents._decode_request(query);
    p jsonb := req.params;
    sql text := 'FROM linkedevents.image t WHERE true';
    args jsonb := '{}';
BEGIN
    PERFORM linkedevents._format(p), linkedevents._srid(p);
    PERFORM linkedevents._bool_param(p, 'use_image_proxy');

    -- publisher: the listed organizations, those they replaced and those
    -- that replaced them (SPEC 1.13), ids lower-cased.
    IF linkedevents._param(p, 'publisher') IS NOT NULL THEN
        args := args || jsonb_build_object('publisher', ARRAY(
            WITH listed AS (SELECT unnest(linkedevents._csv(lower(linkedevents._param(p, 'publisher')))) AS id)
            SELECT id FROM listed
            UNION SELECT o.id FROM linkedevents.organization o WHERE o.replaced_by IN (SELECT id FROM listed)
            UNION SELECT o.replaced_by FROM linkedevents.organization o
                   WHERE o.id IN (SELECT id FROM listed) AND o.replaced_by IS NOT NULL));
        sql := sql || ' AND t.publisher IN (SELECT jsonb_array_elements_text($1->''publisher''))';
    END IF;
    IF linkedevents._param(p, 'data_source') IS NOT NULL THEN
        args := args || jsonb_build_object('data_source',
                    linkedevents._csv(lower(linkedevents._param(p, 'data_source'))));
        sql := sql || ' AND t.data_source IN (SELECT jsonb_array_elements_text($1->''data_source''))';
    END IF;
    -- created_by (presence): the images of the user (D22); none when anonymous.
    IF linkedevents._param(p, 'created_by') IS NOT NULL THEN
        args := args || jsonb_build_object('user_id', NULLIF(linkedevents._setting('user_id'), ''));
        sql := sql || ' AND t.created_by = $1->>''user_id''';
    END IF;
    IF linkedevents._param(p, 'text') IS NOT NULL THEN
        args := args || jsonb_build_object('text',
                    linkedevents._contains_pattern(lower(linkedevents._param(p, 'text'))));
        sql := sql || ' AND (t.name ILIKE $1->>''text'' OR t.alt_text ILIKE $1->>''text'')';
    END IF;

    RETURN linkedevents._list_page('image', sql,
        linkedevents._order_by(linkedevents._param(p, 'sort'),
            '{last_modified_time, id, name}', '{t.last_modified_time, t.id, t.name}',
            't.last_modified_time DESC'),
        args, req, 1000, 1000, base_url);
END
$$;
COMMENT ON FUNCTION linkedevents.image_list(text, text) IS
    'GET /v1/image/?<query> (SPEC 5.1): publisher (replacement-aware), data_source, created_by, text; sort; pages of 1000 (max 1000)';

CREATE FUNCTION linkedevents.image_detail(id text, query text DEFAULT '', base_url text DEFAULT NULL)
    RETURNS json
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
DECLARE
    req linkedevents._request := linkedevents._decode_request(query);
    image_id bigint := linkedevents._python_int(id);
BEGIN
    PERFORM linkedevents._format(req.params), linkedevents._srid(req.params);
    PERFORM linkedevents._bool_param(req.params, 'use_image_proxy');
    IF image_id IS NULL OR image_id NOT BETWEEN 1 AND 2147483647 THEN
        RAISE EXCEPTION 'Not found.' USING ERRCODE = 'undefined_object';
    END IF;
    RETURN linkedevents._detail_document('image', image_id::text, req, base_url);
END
$$;
COMMENT ON FUNCTION linkedevents.image_detail(text, text, text) IS
    'GET /v1/image/<id>/?<query> (SPEC 4.13): 404 when unknown or not an integer';
