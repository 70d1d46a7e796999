-- GET /v1/keyword_set/ and /v1/keyword_set/<id>/ (SPEC 5.3, 4.13, D24).

-- text and sort, which the reference also applies to a detail request.
-- Returns the FROM/WHERE text and its arguments.
CREATE FUNCTION linkedevents._keyword_set_filters(p jsonb, OUT sql text, OUT args jsonb)
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS
$$
DECLARE
    allowed constant text[] := '{-id, -name, -usage, id, name, usage}';
BEGIN
    sql := 'FROM linkedevents.keyword_set t WHERE true';
    args := '{}';
    -- Each item exactly one of the allowed forms, untrimmed. The reference
    -- prints a Python set, in arbitrary order; here it is sorted.
    IF EXISTS (SELECT 1 FROM unnest(linkedevents._csv(linkedevents._param(p, 'sort'))) AS s
                WHERE s <> ALL (allowed)) THEN
        RAISE EXCEPTION 'It is possible to sort with the following params only: {%}',
            (SELECT string_agg(pg_catalog.format('''%s''', a), ', ') FROM unnest(allowed) AS a)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF linkedevents._param(p, 'text') IS NOT NULL THEN
        args := jsonb_build_object('text', ARRAY(
            SELECT linkedevents._contains_pattern(i)
              FROM unnest(linkedevents._csv(linkedevents._param(p, 'text'))) AS i));
        sql := sql || ' AND EXISTS (SELECT 1 FROM jsonb_array_elements_text($1->''text'') AS i'
                   || ' WHERE t.name->>''fi'' ILIKE i OR t.name->>''en'' ILIKE i'
                   || ' OR t.name->>''sv'' ILIKE i OR t.id ILIKE i)';
    END IF;
END
$$;
COMMENT ON FUNCTION linkedevents._keyword_set_filters(jsonb) IS
    'the keyword set text filter and sort check (SPEC 5.3) as a FROM/WHERE text over $1 = args';

CREATE FUNCTION linkedevents.keyword_set_list(query text DEFAULT '', base_url text DEFAULT NULL)
    RETURNS json
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
DECLARE
    req linkedevents._request := linkedevents._decode_request(query);
    filters record;
BEGIN
    PERFORM linkedevents._format(req.params), linkedevents._srid(req.params);
    filters := linkedevents._keyword_set_filters(req.params);
    RETURN linkedevents._list_page('keyword_set', filters.sql,
        linkedevents._order_by(linkedevents._param(req.params, 'sort'),
            '{id, name, usage}', '{t.id, t.name->>''fi'', t.usage}', 't.id'),
        filters.args, req, 20, 100, base_url);
END
$$;
COMMENT ON FUNCTION linkedevents.keyword_set_list(text, text) IS
    'GET /v1/keyword_set/?<query> (SPEC 5.3): text, sort (default id), include=keywords; pages of 20 (max 100)';

CREATE FUNCTION linkedevents.keyword_set_detail(id text, query text DEFAULT '', base_url text DEFAULT NULL)
    RETURNS json
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
DECLARE
    req linkedevents._request := linkedevents._decode_request(query);
    filters record;
    found boolean;
BEGIN
    PERFORM linkedevents._format(req.params), linkedevents._srid(req.params);
    filters := linkedevents._keyword_set_filters(req.params);
    EXECUTE 'SELECT EXISTS (SELECT 1 ' || filters.sql || ' AND t.id = $2)'
       INTO found USING filters.args, id;
    IF NOT found THEN
        RAISE EXCEPTION 'Not found.' USING ERRCODE = 'undefined_object';
    END IF;
    RETURN linkedevents._detail_document('keyword_set', id, req, base_url);
END
$$;
COMMENT ON FUNCTION linkedevents.keyword_set_detail(text, text, text) IS
    'GET /v1/keyword_set/<id>/?<query> (SPEC 4.13, 5.3): 404 unknown or not matching text; include=keywords';
