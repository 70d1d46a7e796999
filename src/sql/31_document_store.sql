-- The document store (src/jsonld_store.c): a template of the document of
-- every event, place and keyword, rewritten by the statement that changes
-- anything the document shows, so an event list page is served by copying
-- templates instead of reading every related row. Never stale: a template
-- changes in the same transaction as its data. A page the templates cannot
-- serve is written from the tables, with the same output.

CREATE TABLE linkedevents.event_document (
    id  text COLLATE "C" PRIMARY KEY REFERENCES linkedevents.event ON UPDATE CASCADE ON DELETE CASCADE,
    doc text
) WITH (toast_tuple_target = 8160);
CREATE TABLE linkedevents.place_document (
    id  text COLLATE "C" PRIMARY KEY REFERENCES linkedevents.place ON UPDATE CASCADE ON DELETE CASCADE,
    doc text
) WITH (toast_tuple_target = 8160);
CREATE TABLE linkedevents.keyword_document (
    id  text COLLATE "C" PRIMARY KEY REFERENCES linkedevents.keyword ON UPDATE CASCADE ON DELETE CASCADE,
    doc text
) WITH (toast_tuple_target = 8160);
-- Pages read templates by id through these (the primary keys serve the
-- triggers' upserts): a hash probe reads fewer pages than a B-tree descent.
CREATE INDEX event_document_id_hash ON linkedevents.event_document USING hash (id);
CREATE INDEX place_document_id_hash ON linkedevents.place_document USING hash (id);
CREATE INDEX keyword_document_id_hash ON linkedevents.keyword_document USING hash (id);
COMMENT ON TABLE linkedevents.event_document IS
    'document templates of events, kept by triggers (README "Document store"); '
    'doc NULL when it cannot be stored; kept uncompressed in line up to 8 kB; ids in '
    'the C collation: looked up by equality only, which then compares bytes';
COMMENT ON TABLE linkedevents.place_document IS
    'document templates of places, embedded by include=location; as event_document';
COMMENT ON TABLE linkedevents.keyword_document IS
    'document templates of keywords, embedded by include=keywords,audience; as event_document';

CREATE FUNCTION linkedevents._jsonld_templates(resource text, ids text[])
    RETURNS TABLE (id text, doc text)
    AS 'MODULE_PATHNAME', 'le_jsonld_templates'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents._jsonld_templates(text, text[]) IS
    'the templates of the existing objects of ids (event, place or keyword) for the document store';

CREATE FUNCTION linkedevents.refresh_documents(resource text, ids text[] DEFAULT NULL)
    RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp AS
$$
BEGIN
    IF resource NOT IN ('event', 'place', 'keyword') THEN
        RAISE EXCEPTION 'no stored documents for resource "%"', resource
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Use event, place or keyword.';
    END IF;
    IF ids IS NULL THEN
        EXECUTE format('SELECT array_agg(id) FROM linkedevents.%I', resource) INTO ids;
    END IF;
    -- after other writers of what the documents show (04_derived_writes)
    PERFORM linkedevents._lock_derived_writes();
    -- distinct: one statement may not rewrite a row twice
    EXECUTE format('INSERT INTO linkedevents.%I AS d (id, doc)
                    SELECT t.id, t.doc
                      FROM linkedevents._jsonld_templates($1,
                               ARRAY(SELECT DISTINCT x FROM unnest($2) x WHERE x IS NOT NULL)) t
                    ON CONFLICT (id) DO UPDATE SET doc = excluded.doc',
                   resource || '_document')
        USING resource, ids;
END
$$;
COMMENT ON FUNCTION linkedevents.refresh_documents(text, text[]) IS
    'rewrite the stored documents of these events, places or keywords (resource event, place or '
    'keyword; all of them when ids is NULL); the triggers call it, and so may a load that ran '
    'with triggers disabled';

-- A statement trigger: TG_ARGV[0] is the resource whose documents to
-- rewrite, TG_ARGV[1] a query giving their ids from "changed", the
-- statement's old and new rows. Both are fixed text of this file. The
-- transition tables are only visible in the trigger function itself, hence
-- EXECUTE here.
CREATE FUNCTION linkedevents._documents_changed() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    changed text := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT * FROM new_rows'
        WHEN 'DELETE' THEN 'SELECT * FROM old_rows'
        ELSE 'SELECT * FROM new_rows UNION ALL SELECT * FROM old_rows' END;
    ids text[];
BEGIN
    EXECUTE format('WITH changed AS (%s) SELECT array_agg(x) FROM (%s) s(x)', changed, TG_ARGV[1])
        INTO ids;
    IF ids IS NOT NULL THEN
        PERFORM linkedevents.refresh_documents(TG_ARGV[0], ids);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION linkedevents._documents_changed() IS
    'trigger: rewrites the documents a statement changed (arguments: resource, query over "changed")';

-- TRUNCATE has no transition tables: every document of TG_ARGV[0].
CREATE FUNCTION linkedevents._documents_truncated() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp AS
$$
BEGIN
    PERFORM linkedevents.refresh_documents(TG_ARGV[0]);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION linkedevents._documents_truncated() IS
    'trigger: rewrites every document of a resource after a TRUNCATE of what it shows';

-- The triggers: per table, the documents that show its rows.
DO $$
DECLARE
    t record;
    op text;
BEGIN
    -- After TRUNCATE of a table a document shows, all of the resource's
    -- documents (those of a truncated event, place or keyword go with it:
    -- TRUNCATE ... CASCADE).
    FOR t IN SELECT * FROM (VALUES ('offer', 'event'), ('offer_price_group', 'event'),
                                   ('event_link', 'event'), ('event_video', 'event'),
                                   ('event_image', 'event'), ('registration', 'event'),
                                   ('place_division', 'place')) AS v(tab, resource)
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON linkedevents.%I
                        FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._documents_truncated(%L)',
                       t.resource || '_documents_truncate', t.tab, t.resource);
    END LOOP;
    FOR t IN SELECT * FROM (VALUES
        -- table, resource, ids of the documents that show "changed", operations
        ('event', 'event',
         'SELECT id FROM changed UNION ALL SELECT super_event FROM changed', 'INSERT,UPDATE'),
        -- a deleted event's own document goes by the foreign key; deletes of
        -- referenced rows matter while deferred foreign keys are pending
        ('event', 'event', 'SELECT super_event FROM changed', 'DELETE'),
        ('offer', 'event', 'SELECT event FROM changed', 'INSERT,UPDATE,DELETE'),
        ('offer_price_group', 'event',
         'SELECT o.event FROM changed c JOIN linkedevents.offer o ON o.id = c.offer',
         'INSERT,UPDATE,DELETE'),
        ('event_link', 'event', 'SELECT event FROM changed', 'INSERT,UPDATE,DELETE'),
        ('event_video', 'event', 'SELECT event FROM changed', 'INSERT,UPDATE,DELETE'),
        ('event_image', 'event', 'SELECT event FROM changed', 'INSERT,UPDATE,DELETE'),
        ('registration', 'event', 'SELECT event FROM changed', 'INSERT,UPDATE,DELETE'),
        ('image', 'event',
         'SELECT ei.event FROM changed c JOIN linkedevents.event_image ei ON ei.image = c.id',
         'INSERT,UPDATE,DELETE'),
        ('license', 'event',
         'SELECT ei.event FROM changed c JOIN linkedevents.image i ON i.license = c.id
            JOIN linkedevents.event_image ei ON ei.image = i.id', 'INSERT,UPDATE,DELETE'),
        -- has_user_editable_resources of events and their images; private
        -- hides sub events from their super event
        ('data_source', 'event',
         'SELECT e.id FROM changed c JOIN linkedevents.event e ON e.data_source = c.id
          UNION ALL
          SELECT e.super_event FROM changed c JOIN linkedevents.event e ON e.data_source = c.id
          UNION ALL
          SELECT ei.event FROM changed c JOIN linkedevents.image i ON i.data_source = c.id
            JOIN linkedevents.event_image ei ON ei.image = i.id', 'INSERT,UPDATE,DELETE'),
        ('place', 'place', 'SELECT id FROM changed', 'INSERT,UPDATE'),
        ('place_division', 'place', 'SELECT place FROM changed', 'INSERT,UPDATE,DELETE'),
        ('division', 'place',
         'SELECT pd.place FROM changed c JOIN linkedevents.place_division pd ON pd.division = c.ocd_id',
         'INSERT,UPDATE,DELETE'),
        ('data_source', 'place',
         'SELECT p.id FROM changed c JOIN linkedevents.place p ON p.data_source = c.id',
         'INSERT,UPDATE,DELETE'),
        ('keyword', 'keyword', 'SELECT id FROM changed', 'INSERT,UPDATE'),
        ('data_source', 'keyword',
         'SELECT k.id FROM changed c JOIN linkedevents.keyword k ON k.data_source = c.id',
         'INSERT,UPDATE,DELETE')
        ) AS v(tab, resource, ids, ops)
    LOOP
        FOREACH op IN ARRAY string_to_array(t.ops, ',') LOOP
            EXECUTE format('CREATE TRIGGER %I AFTER %s ON linkedevents.%I REFERENCING %s
                            FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._documents_changed(%L, %L)',
                           t.resource || '_documents_' || t.tab || '_' || lower(op), op, t.tab,
                           CASE op WHEN 'INSERT' THEN 'NEW TABLE AS new_rows'
                                   WHEN 'DELETE' THEN 'OLD TABLE AS old_rows'
                                   ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
                           t.resource, t.ids);
        END LOOP;
    END LOOP;
END
$$;
