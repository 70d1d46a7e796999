-- What the list and detail endpoints of place, keyword, keyword_set,
-- organization, image and language share (SPEC 0.5, 3, 4.13): decoding the
-- request once, the common parameters (format, srid, page, page_size, sort),
-- D2 booleans, and running a list query.
--
-- A list function validates every parameter first (filter errors win over
-- page errors), turns the values it needs into one jsonb of arguments, and
-- runs a query text assembled only from fixed fragments: every value from the
-- request reaches SQL as that bound jsonb ($1), never as SQL text; sort keys
-- choose among fixed expressions.

-- The decoded query string: its pairs in order (for the pagination links)
-- and an object of the last value of each key.
CREATE TYPE linkedevents._request AS (keys text[], vals text[], params jsonb);
COMMENT ON TYPE linkedevents._request IS
    'a decoded query string: keys and vals in order, params = the last value of each key';

-- PL/pgSQL, so that parse_query (src/sql/1x) is looked up when called.
CREATE FUNCTION linkedevents._decode_request(query text) RETURNS linkedevents._request
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
DECLARE
    req linkedevents._request;
BEGIN
    SELECT coalesce(array_agg(q.key ORDER BY q.ord), '{}'),
           coalesce(array_agg(q.value ORDER BY q.ord), '{}'),
           coalesce(jsonb_object_agg(q.key, coalesce(q.value, '') ORDER BY q.ord), '{}')
      INTO req.keys, req.vals, req.params
      FROM linkedevents.parse_query(coalesce(query, '')) WITH ORDINALITY AS q(key, value, ord);
    RETURN req;
END
$$;
COMMENT ON FUNCTION linkedevents._decode_request(text) IS
    'decodes a raw query string (SPEC 0.5) into a _request';

-- A parameter's value; empty means absent (SPEC 0.5).
CREATE FUNCTION linkedevents._param(params jsonb, name text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN NULLIF(params ->> name, '');
COMMENT ON FUNCTION linkedevents._param(jsonb, text) IS
    'the value of a request parameter, NULL when absent or empty';

-- D2: true/True/TRUE/1 and false/False/FALSE/0; anything else is a 400.
CREATE FUNCTION linkedevents._bool_param(params jsonb, name text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN linkedevents.parse_param(name, linkedevents._param(params, name))::boolean;
COMMENT ON FUNCTION linkedevents._bool_param(jsonb, text) IS
    'a boolean parameter (SPEC D2): NULL when absent, else true or false; another value raises 22023 with the API message';

-- A Python int() literal (SPEC 0.5), by the layer-1 parser.
CREATE FUNCTION linkedevents._python_int(value text) RETURNS bigint
    AS 'MODULE_PATHNAME', 'le_python_int_sql'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents._python_int(text) IS
    'the value of a Python int() literal, NULL when it is not one or is out of bigint range';

-- A comma list, not trimmed, empty items kept (SPEC 0.5).
CREATE FUNCTION linkedevents._csv(value text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN string_to_array(value, ',');
COMMENT ON FUNCTION linkedevents._csv(text) IS 'the items of a comma list, untrimmed';

-- A case-insensitive substring test: the LIKE pattern of a literal.
CREATE FUNCTION linkedevents._contains_pattern(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN '%' || regexp_replace(value, '([\\%_])', '\\\1', 'g') || '%';
COMMENT ON FUNCTION linkedevents._contains_pattern(text) IS
    'the ILIKE pattern matching text that contains value literally';

-- format (D21): json, json-ld and api; another value is a 404.
CREATE FUNCTION linkedevents._format(params jsonb) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS
$$
DECLARE
    value text := linkedevents._param(params, 'format');
BEGIN
    IF value IS NULL OR value IN ('json', 'json-ld', 'api') THEN
        RETURN value;
    END IF;
    RAISE EXCEPTION 'Not found.' USING ERRCODE = 'undefined_object';
END
$$;
COMMENT ON FUNCTION linkedevents._format(jsonb) IS
    'the format parameter (SPEC D21), NULL when absent; an unknown value raises 42704 (404)';

-- srid (SPEC 0.5): the output SRS of positions, 4326 by default.
CREATE FUNCTION linkedevents._srid(params jsonb) RETURNS integer
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
DECLARE
    value text := linkedevents._param(params, 'srid');
    wanted integer := linkedevents.parse_param('srid', value)::integer;
BEGIN
    IF value IS NULL THEN
        RETURN 4326;
    ELSIF NOT EXISTS (SELECT 1 FROM spatial_ref_sys s WHERE s.srid = wanted) THEN
        RAISE EXCEPTION 'SRID % not found (try 4326 for GPS coordinate system)', wanted
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN wanted;
END
$$;
COMMENT ON FUNCTION linkedevents._srid(jsonb) IS
    'the srid parameter (SPEC 0.5), 4326 when absent; a non-integer or unknown SRID raises 22023';

-- sort (SPEC 1.22): comma list of keys, each optionally prefixed with '-',
-- trimmed; unknown keys dropped. Returns the ORDER BY list of the fixed
-- expressions the kept keys name, or default_order when none is kept, with
-- the tie-breaker id last (D19). names and exprs are the endpoint's fixed
-- whitelist; only the choice among them comes from the request.
CREATE FUNCTION linkedevents._order_by(sort text, names text[], exprs text[],
                                       default_order text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
    SELECT coalesce(string_agg(exprs[array_position(names, ltrim(k.item, '-'))]
                               || CASE WHEN k.item LIKE '-%' THEN ' DESC' ELSE '' END,
                               ', ' ORDER BY s.ord),
                    default_order) || ', t.id'
      FROM unnest(string_to_array(sort, ',')) WITH ORDINALITY AS s(raw, ord),
           LATERAL (SELECT btrim(s.raw, E' \t\n\r\f\v')) AS k(item)
     WHERE ltrim(k.item, '-') = ANY (names)
       AND k.item !~ '^--';
$$;
COMMENT ON FUNCTION linkedevents._order_by(text, text[], text[], text) IS
    'the ORDER BY list for a sort parameter over an endpoint''s whitelisted keys (SPEC 1.22, D19)';

-- page_size (SPEC 3): above the maximum means the maximum; 0, negative or
-- not an integer means the default.
CREATE FUNCTION linkedevents._page_size(params jsonb, default_size integer,
                                        max_size integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN linkedevents._python_int(linkedevents._param(params, 'page_size')) >= 1
        THEN least(linkedevents._python_int(linkedevents._param(params, 'page_size')), max_size)
        ELSE default_size END;
COMMENT ON FUNCTION linkedevents._page_size(jsonb, integer, integer) IS
    'the page_size parameter (SPEC 3): capped at max_size, default_size when absent or not positive';

-- page (SPEC 3): 1 by default, "last" for the last page; an empty result has
-- one empty page. Anything else out of range is a 404.
CREATE FUNCTION linkedevents._page(params jsonb, total bigint, page_size integer) RETURNS integer
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS
$$
DECLARE
    value text := linkedevents._param(params, 'page');
    last_page bigint := greatest(1, (total + page_size - 1) / page_size);
    page bigint := CASE WHEN value = 'last' THEN last_page
                        ELSE coalesce(linkedevents._python_int(value), -1) END;
BEGIN
    IF value IS NULL THEN
        RETURN 1;
    ELSIF page < 1 OR page > last_page THEN
        RAISE EXCEPTION 'Invalid page.' USING ERRCODE = 'undefined_object';
    END IF;
    RETURN page;
END
$$;
COMMENT ON FUNCTION linkedevents._page(jsonb, bigint, integer) IS
    'the page parameter (SPEC 3) checked against the result size; raises 42704 "Invalid page." when out of range';

-- One list page. from_where: "FROM linkedevents.<table> t WHERE ..." built
-- from fixed fragments, reading its arguments from $1 (args); order_by: from
-- _order_by. Counts, checks the page, fetches that page's ids in order and
-- has the serializer write the envelope.
CREATE FUNCTION linkedevents._list_page(resource text, from_where text, order_by text,
                                        args jsonb, req linkedevents._request,
                                        default_size integer, max_size integer,
                                        base_url text, srid integer DEFAULT 4326)
    RETURNS json
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
DECLARE
    total bigint;
    page integer;
    page_size integer := linkedevents._page_size(req.params, default_size, max_size);
    ids text[];
BEGIN
    EXECUTE 'SELECT count(*) ' || from_where INTO total USING args;
    page := linkedevents._page(req.params, total, page_size);
    EXECUTE 'SELECT ARRAY(SELECT t.id::text ' || from_where || ' ORDER BY ' || order_by
            || ' LIMIT $2 OFFSET $3)'
       INTO ids USING args, page_size, (page - 1)::bigint * page_size;
    RETURN linkedevents._jsonld_list(resource, ids, total, page, page_size,
                                     req.keys, req.vals,
                                     ARRAY[coalesce(req.params ->> 'include', '')],
                                     base_url, srid);
END
$$;
COMMENT ON FUNCTION linkedevents._list_page(text, text, text, jsonb, linkedevents._request, integer, integer, text, integer) IS
    'runs a list query (fixed SQL text, request values bound as $1) and returns the page the request asks for (SPEC 3)';

-- The document of one object for a detail endpoint, or 404.
CREATE FUNCTION linkedevents._detail_document(resource text, id text, req linkedevents._request,
                                              base_url text, srid integer DEFAULT 4326)
    RETURNS json
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
DECLARE
    doc json := linkedevents._jsonld_object(resource, id,
                                            ARRAY[coalesce(req.params ->> 'include', '')],
                                            base_url, linkedevents._format(req.params), srid,
                                            coalesce(linkedevents._bool_param(req.params, 'use_image_proxy'), false));
BEGIN
    IF doc IS NULL THEN
        RAISE EXCEPTION 'Not found.' USING ERRCODE = 'undefined_object';
    END IF;
    RETURN doc;
END
$$;
COMMENT ON FUNCTION linkedevents._detail_document(text, text, linkedevents._request, text, integer) IS
    'the document of one object for a detail endpoint; raises 42704 "Not found." when there is none';

-- The end of a replacement chain (replaced_by followed to a row that is not
-- replaced; on a cycle, the last row before it closes). resource is one of
-- the tables with replaced_by, never request input.
CREATE FUNCTION linkedevents._replacement_end(resource text, id text) RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
DECLARE
    chain_end text;
BEGIN
    IF resource NOT IN ('event', 'place', 'keyword', 'organization') THEN
        RAISE EXCEPTION 'no replacement chain for resource "%"', resource;
    END IF;
    EXECUTE pg_catalog.format($sql$
        WITH RECURSIVE chain(id, replaced_by, depth) AS (
            SELECT t.id, t.replaced_by, 1 FROM linkedevents.%1$I t WHERE t.id = $1
            UNION ALL
            SELECT t.id, t.replaced_by, c.depth + 1
              FROM chain c JOIN linkedevents.%1$I t ON t.id = c.replaced_by
        ) CYCLE id SET on_cycle USING path
        SELECT id FROM chain WHERE NOT on_cycle ORDER BY depth DESC LIMIT 1
    $sql$, resource) INTO chain_end USING id;
    RETURN chain_end;
END
$$;
COMMENT ON FUNCTION linkedevents._replacement_end(text, text) IS
    'the id at the end of the replacement chain from id (event, place, keyword or organization)';

-- A 301 to the detail URL of another object (SPEC 4.13): SQLSTATE LE301
-- with the absolute URL, format included, as DETAIL. The URL is the one the
-- serializer writes as that object's @id.
CREATE FUNCTION linkedevents._redirect(resource text, id text, req linkedevents._request, base_url text)
    RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
BEGIN
    RAISE EXCEPTION 'Moved Permanently.' USING ERRCODE = 'LE301',
        DETAIL = linkedevents._jsonld_object(resource, id, '{}', base_url,
                                             linkedevents._format(req.params)) ->> '@id';
END
$$;
COMMENT ON FUNCTION linkedevents._redirect(text, text, linkedevents._request, text) IS
    'raises SQLSTATE LE301 (301) with the detail URL of resource id as DETAIL';

-- Text search helpers shared by the list filters.
CREATE FUNCTION linkedevents._translation_like(value jsonb, pattern text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN EXISTS (SELECT 1 FROM jsonb_each_text(value) AS x WHERE x.value ILIKE pattern);
COMMENT ON FUNCTION linkedevents._translation_like(jsonb, text) IS
    'true when some translation of a multilingual field matches the ILIKE pattern';

-- Python str.title(): a letter is upper-cased after a character that is not
-- a letter (or at the start), lower-cased otherwise ("vallila2x" -> "Vallila2X").
CREATE FUNCTION linkedevents._title_case(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT coalesce(string_agg(CASE WHEN r.run[1] ~ '^[[:alpha:]]'
                                            THEN upper(left(r.run[1], 1)) || lower(substr(r.run[1], 2))
                                            ELSE r.run[1] END, '' ORDER BY r.ord), '')
              FROM regexp_matches(value, '([[:alpha:]]+|[^[:alpha:]]+)', 'g') WITH ORDINALITY AS r(run, ord));
COMMENT ON FUNCTION linkedevents._title_case(text) IS 'Python str.title() of a text';

-- division (SPEC 1.8): the ocd_ids an item list names. Items with ':' are
-- OCD ids, completed to full ids; others are names, title-cased and matched
-- exactly against any translation of a division's name.
CREATE FUNCTION linkedevents._divisions(items text[]) RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE AS
$$
    WITH ids AS (
        SELECT CASE WHEN i LIKE 'ocd-division%' THEN i
                    ELSE 'ocd-division/' || CASE WHEN i LIKE 'country%' THEN i
                         ELSE 'country:fi/' || CASE WHEN i LIKE 'kunta%' THEN i
                                                    ELSE 'kunta:helsinki/' || i END END END AS ocd_id
          FROM unnest(items) AS i WHERE i LIKE '%:%'
    ), names AS (
        SELECT linkedevents._title_case(i) AS name FROM unnest(items) AS i WHERE i NOT LIKE '%:%'
    )
    SELECT coalesce(array_agg(d.ocd_id), '{}')
      FROM linkedevents.division d
     WHERE d.ocd_id IN (SELECT ocd_id FROM ids)
        OR EXISTS (SELECT 1 FROM jsonb_each_text(d.name) AS n
                    WHERE n.value IN (SELECT name FROM names));
$$;
COMMENT ON FUNCTION linkedevents._divisions(text[]) IS
    'the ocd_ids of the divisions a division parameter names (SPEC 1.8)';
