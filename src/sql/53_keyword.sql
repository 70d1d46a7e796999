-- GET /v1/keyword/ and /v1/keyword/<id>/ (SPEC 5.2, 4.13).

-- The list's default order, and sort=-n_events, over the keywords it shows
-- by default and with has_upcoming_events: a page is read in order and
-- counted from the index.
CREATE INDEX keyword_list_order_idx ON linkedevents.keyword
    (data_source DESC, n_events DESC, (name ->> 'fi'), id) WHERE n_events > 0 AND NOT deprecated;
CREATE INDEX keyword_upcoming_order_idx ON linkedevents.keyword
    (data_source DESC, n_events DESC, (name ->> 'fi'), id) WHERE has_upcoming_events;
CREATE INDEX keyword_list_n_events_idx ON linkedevents.keyword (n_events DESC, id)
    WHERE n_events > 0 AND NOT deprecated;

CREATE FUNCTION linkedevents.keyword_list(query text DEFAULT '', base_url text DEFAULT NULL)
    RETURNS json
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
DECLARE
    req linkedevents._request := linkedevents._decode_request(query);
    p jsonb := req.params;
    text_value text := coalesce(linkedevents._param(p, 'text'), linkedevents._param(p, 'filter'));
    free_text text := linkedevents._param(p, 'free_text');
    sql text := 'FROM linkedevents.keyword t WHERE true';
    args jsonb := '{}';
    -- trigram similarity to free_text: the best of the fi, sv and en names,
    -- only fi and sv when free_text has a character in U+00C0..U+00FF
    simile constant text := 'greatest(similarity(t.name->>''fi'', $1->>''free_text''),'
        || ' similarity(t.name->>''sv'', $1->>''free_text''),'
        || ' CASE WHEN $1->>''free_text'' !~ ''[\u00C0-\u00FF]'''
        || ' THEN similarity(t.name->>''en'', $1->>''free_text'') END)';
BEGIN
    PERFORM linkedevents._format(p), linkedevents._srid(p);

    IF linkedevents._param(p, 'data_source') IS NOT NULL THEN
        args := args || jsonb_build_object('data_source',
                    linkedevents._csv(lower(linkedevents._param(p, 'data_source'))));
        sql := sql || ' AND t.data_source IN (SELECT jsonb_array_elements_text($1->''data_source''))';
    END IF;
    IF linkedevents._bool_param(p, 'has_upcoming_events') THEN
        sql := sql || ' AND t.has_upcoming_events';
        PERFORM linkedevents._bool_param(p, 'show_all_keywords'),
                linkedevents._bool_param(p, 'show_deprecated');
    ELSE
        IF NOT coalesce(linkedevents._bool_param(p, 'show_all_keywords'), false) THEN
            sql := sql || ' AND t.n_events > 0';
        END IF;
        IF NOT coalesce(linkedevents._bool_param(p, 'show_deprecated'), false) THEN
            sql := sql || ' AND NOT t.deprecated';
        END IF;
    END IF;
    IF text_value IS NOT NULL THEN
        args := args || jsonb_build_object('text', linkedevents._contains_pattern(text_value));
        sql := sql || ' AND (linkedevents._translation_like(t.name, $1->>''text'')'
                   || ' OR EXISTS (SELECT 1 FROM unnest(t.alt_labels) AS a WHERE a ILIKE $1->>''text''))';
    END IF;
    IF free_text IS NOT NULL THEN
        args := args || jsonb_build_object('free_text', free_text);
        sql := sql || ' AND ' || simile || ' > 0.2';
    END IF;

    RETURN linkedevents._list_page('keyword', sql,
        CASE WHEN free_text IS NULL THEN
            linkedevents._order_by(linkedevents._param(p, 'sort'),
                '{n_events, id, name, data_source}',
                '{t.n_events, t.id, t.name->>''fi'', t.data_source}',
                't.data_source DESC, t.n_events DESC, t.name->>''fi''')
        ELSE
            linkedevents._order_by(linkedevents._param(p, 'sort'),
                '{n_events, id, name, data_source, simile}',
                ARRAY['t.n_events', 't.id', 't.name->>''fi''', 't.data_source', simile],
                simile || ' DESC, t.data_source DESC, t.n_events DESC, t.name->>''fi''')
        END,
        args, req, 20, 100, base_url);
END
$$;
COMMENT ON FUNCTION linkedevents.keyword_list(text, text) IS
    'GET /v1/keyword/?<query> (SPEC 5.2): filters data_source, has_upcoming_events, show_all_keywords, show_deprecated, text/filter, free_text (trigram similarity); sort; pages of 20 (max 100)';

CREATE FUNCTION linkedevents.keyword_detail(id text, query text DEFAULT '', base_url text DEFAULT NULL)
    RETURNS json
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
DECLARE
    req linkedevents._request := linkedevents._decode_request(query);
    keyword record;
BEGIN
    PERFORM linkedevents._format(req.params), linkedevents._srid(req.params);
    SELECT t.deprecated, t.replaced_by INTO keyword FROM linkedevents.keyword t WHERE t.id = keyword_detail.id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'Not found.' USING ERRCODE = 'undefined_object';
    ELSIF keyword.replaced_by IS NOT NULL THEN
        PERFORM linkedevents._redirect('keyword', linkedevents._replacement_end('keyword', id), req, base_url);
    ELSIF keyword.deprecated THEN
        RAISE EXCEPTION 'Keyword has been deprecated.' USING ERRCODE = 'LE410';
    END IF;
    RETURN linkedevents._detail_document('keyword', id, req, base_url);
END
$$;
COMMENT ON FUNCTION linkedevents.keyword_detail(text, text, text) IS
    'GET /v1/keyword/<id>/?<query> (SPEC 4.13): 404 unknown, 301 (LE301) replaced, 410 (LE410) deprecated';
