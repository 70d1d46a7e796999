-- GET /v1/organization/ and /v1/organization/<id>/ (SPEC 5.6, 4.13, D24).
-- Ancestors and descendants come from organization.tree_path: no recursion
-- at query time; ORDER BY tree_path is the tree order.

CREATE FUNCTION linkedevents.organization_list(query text DEFAULT '', base_url text DEFAULT NULL)
    RETURNS json
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
DECLARE
    req linkedevents._request := linkedevents._decode_request(query);
    p jsonb := req.params;
    dissolved boolean;
    sql text := 'FROM linkedevents.organization t WHERE true';
    args jsonb := jsonb_build_object('child', linkedevents._param(p, 'child'),
                                     'parent', linkedevents._param(p, 'parent'));
    -- the ancestors of child, root first, without child itself
    ancestors constant text := 'coalesce((SELECT c.tree_path[1:cardinality(c.tree_path) - 1]'
        || ' FROM linkedevents.organization c WHERE c.id = $1->>''child''), ''{}'')';
BEGIN
    PERFORM linkedevents._format(p), linkedevents._srid(p);
    dissolved := linkedevents._bool_param(p, 'dissolved');

    -- With both, parent must be an ancestor of child; the result is then
    -- all of parent's descendants.
    IF args->>'parent' IS NOT NULL THEN
        sql := sql || ' AND t.tree_path @> ARRAY[$1->>''parent''] AND t.id <> $1->>''parent''';
        IF args->>'child' IS NOT NULL THEN
            sql := sql || ' AND $1->>''parent'' = ANY (' || ancestors || ')';
        END IF;
    ELSIF args->>'child' IS NOT NULL THEN
        sql := sql || ' AND t.id = ANY (' || ancestors || ')';
    END IF;
    IF dissolved IS NOT NULL THEN
        args := args || jsonb_build_object('today',
                    (pg_catalog.now() AT TIME ZONE linkedevents._setting('time_zone'))::date);
        sql := sql || CASE WHEN dissolved
            THEN ' AND t.dissolution_date <= ($1->>''today'')::date'
            ELSE ' AND (t.dissolution_date > ($1->>''today'')::date OR t.dissolution_date IS NULL)' END;
    END IF;

    RETURN linkedevents._list_page('organization', sql, 't.tree_path', args, req, 20, 100, base_url);
END
$$;
COMMENT ON FUNCTION linkedevents.organization_list(text, text) IS
    'GET /v1/organization/?<query> (SPEC 5.6): child (ancestors), parent (descendants), dissolved (today in linkedevents.time_zone); tree order; pages of 20 (max 100)';

CREATE FUNCTION linkedevents.organization_detail(id text, query text DEFAULT '', base_url text DEFAULT NULL)
    RETURNS json
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
DECLARE
    req linkedevents._request := linkedevents._decode_request(query);
BEGIN
    PERFORM linkedevents._format(req.params), linkedevents._srid(req.params);
    RETURN linkedevents._detail_document('organization', id, req, base_url);
END
$$;
COMMENT ON FUNCTION linkedevents.organization_detail(text, text, text) IS
    'GET /v1/organization/<id>/?<query> (SPEC 4.13): 404 when unknown';
