-- GET /v1/place/ and /v1/place/<id>/ (SPEC 5.4, 4.13, D20).

-- The list's default order over the places it shows by default and with
-- has_upcoming_events, so that a page is read in order and counted from
-- the index, not sorted and counted over every place (the reference has
-- indexes on these columns too).
CREATE INDEX place_list_order_idx ON linkedevents.place
    (n_events DESC, data_source DESC, (name ->> 'fi'), id) WHERE n_events > 0 AND NOT deleted;
CREATE INDEX place_upcoming_order_idx ON linkedevents.place
    (n_events DESC, data_source DESC, (name ->> 'fi'), id) WHERE has_upcoming_events;

CREATE FUNCTION linkedevents.place_list(query text DEFAULT '', base_url text DEFAULT NULL)
    RETURNS json
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
DECLARE
    req linkedevents._request := linkedevents._decode_request(query);
    p jsonb := req.params;
    srid integer;
    text_value text := coalesce(linkedevents._param(p, 'text'), linkedevents._param(p, 'filter'));
    sql text := 'FROM linkedevents.place t WHERE true';
    args jsonb := '{}';
BEGIN
    PERFORM linkedevents._format(p);
    srid := linkedevents._srid(p);

    IF linkedevents._param(p, 'data_source') IS NOT NULL THEN
        args := args || jsonb_build_object('data_source',
                    linkedevents._csv(lower(linkedevents._param(p, 'data_source'))));
        sql := sql || ' AND t.data_source IN (SELECT jsonb_array_elements_text($1->''data_source''))';
    END IF;
    IF linkedevents._bool_param(p, 'has_upcoming_events') THEN
        sql := sql || ' AND t.has_upcoming_events';
        PERFORM linkedevents._bool_param(p, 'show_all_places'),
                linkedevents._bool_param(p, 'show_deleted');
    ELSE
        IF NOT coalesce(linkedevents._bool_param(p, 'show_all_places'), false) THEN
            sql := sql || ' AND t.n_events > 0';
        END IF;
        IF NOT coalesce(linkedevents._bool_param(p, 'show_deleted'), false) THEN
            sql := sql || ' AND NOT t.deleted';
        END IF;
    END IF;
    IF text_value IS NOT NULL THEN
        args := args || jsonb_build_object('text', linkedevents._contains_pattern(text_value));
        sql := sql || ' AND (linkedevents._translation_like(t.name, $1->>''text'')'
                   || ' OR linkedevents._translation_like(t.street_address, $1->>''text''))';
    END IF;
    IF linkedevents._param(p, 'division') IS NOT NULL THEN
        args := args || jsonb_build_object('division',
                    linkedevents._divisions(linkedevents._csv(linkedevents._param(p, 'division'))));
        sql := sql || ' AND EXISTS (SELECT 1 FROM linkedevents.place_division pd'
                   || ' WHERE pd.place = t.id'
                   || ' AND pd.division IN (SELECT jsonb_array_elements_text($1->''division'')))';
    END IF;
    IF linkedevents._bool_param(p, 'no_parent') THEN
        sql := sql || ' AND t.parent IS NULL';
    END IF;
    IF linkedevents._bool_param(p, 'is_address') THEN
        sql := sql || ' AND t.data_source = ''osoite''';
    END IF;

    RETURN linkedevents._list_page('place', sql,
        linkedevents._order_by(linkedevents._param(p, 'sort'),
            '{n_events, id, name, data_source, street_address, postal_code}',
            '{t.n_events, t.id, t.name->>''fi'', t.data_source, t.street_address->>''fi'', t.postal_code}',
            't.n_events DESC, t.data_source DESC, t.name->>''fi'''),
        args, req, 20, 100, base_url, srid);
END
$$;
COMMENT ON FUNCTION linkedevents.place_list(text, text) IS
    'GET /v1/place/?<query> (SPEC 5.4): filters data_source, has_upcoming_events, show_all_places, show_deleted, text/filter, division, no_parent, is_address; sort; srid; pages of 20 (max 100)';

CREATE FUNCTION linkedevents.place_detail(id text, query text DEFAULT '', base_url text DEFAULT NULL)
    RETURNS json
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
DECLARE
    req linkedevents._request := linkedevents._decode_request(query);
    srid integer;
    place record;
BEGIN
    PERFORM linkedevents._format(req.params);
    srid := linkedevents._srid(req.params);
    SELECT t.deleted, t.replaced_by INTO place FROM linkedevents.place t WHERE t.id = place_detail.id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'Not found.' USING ERRCODE = 'undefined_object';
    ELSIF place.deleted AND place.replaced_by IS NOT NULL THEN
        PERFORM linkedevents._redirect('place', linkedevents._replacement_end('place', id), req, base_url);
    ELSIF place.deleted THEN
        RAISE EXCEPTION 'Place has been deleted.' USING ERRCODE = 'LE410';
    END IF;
    RETURN linkedevents._detail_document('place', id, req, base_url, srid);
END
$$;
COMMENT ON FUNCTION linkedevents.place_detail(text, text, text) IS
    'GET /v1/place/<id>/?<query> (SPEC 4.13): 404 unknown, 301 (LE301) deleted and replaced, 410 (LE410) deleted';
