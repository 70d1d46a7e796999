-- How many events each combination of the visibility columns has, so that
-- the event list counts a request without filters (the default list, page=N,
-- include=...) by summing a few dozen rows instead of scanning every event.
-- Its WHERE clause is the event list's own visibility base (SPEC 1.2, D22)
-- when that reads only these columns: not for a signed-in user's show_all or
-- admin_user, which depend on the publisher (the event index counts those).
-- Kept by statement-level triggers that add each statement's differences,
-- like 50_counters.sql.
CREATE TABLE linkedevents.event_count (
    data_source        text NOT NULL,
    type_id            text NOT NULL,
    publication_status text NOT NULL,
    deleted            boolean NOT NULL,
    n                  bigint NOT NULL,
    UNIQUE (data_source, type_id, publication_status, deleted)
);
COMMENT ON TABLE linkedevents.event_count IS
    'number of events per (data_source, type_id, publication_status, deleted); '
    'the event list''s count when a request has no filter beyond visibility';

-- The transition tables are only visible in the trigger function itself,
-- hence one EXECUTE of a fixed text per operation.
CREATE FUNCTION linkedevents._event_count_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    columns text := 'data_source, type_id, publication_status, deleted';
    changes text := CASE TG_OP
        WHEN 'INSERT' THEN format('SELECT 1 AS sign, %s FROM new_rows', columns)
        WHEN 'DELETE' THEN format('SELECT -1 AS sign, %s FROM old_rows', columns)
        ELSE format('SELECT 1 AS sign, %1$s FROM new_rows UNION ALL SELECT -1, %1$s FROM old_rows',
                    columns)
    END;
BEGIN
    EXECUTE format($sql$
        INSERT INTO linkedevents.event_count AS c
               (data_source, type_id, publication_status, deleted, n)
        SELECT x.data_source, x.type_id, x.publication_status, x.deleted, sum(x.sign)
          FROM (%s) x
         GROUP BY 1, 2, 3, 4
        HAVING sum(x.sign) <> 0
        ON CONFLICT (data_source, type_id, publication_status, deleted)
           DO UPDATE SET n = c.n + excluded.n
        $sql$, changes);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION linkedevents._event_count_changed() IS
    'trigger: adds an event statement''s differences to event_count';

CREATE FUNCTION linkedevents._event_count_truncated() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    DELETE FROM linkedevents.event_count;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION linkedevents._event_count_truncated() IS
    'trigger: empties event_count after TRUNCATE event';

CREATE TRIGGER event_count_insert AFTER INSERT ON linkedevents.event
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._event_count_changed();
CREATE TRIGGER event_count_update AFTER UPDATE ON linkedevents.event
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._event_count_changed();
CREATE TRIGGER event_count_delete AFTER DELETE ON linkedevents.event
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._event_count_changed();
CREATE TRIGGER event_count_truncate AFTER TRUNCATE ON linkedevents.event
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._event_count_truncated();
