-- Derived rows (event_search, the document store's templates, 71_ and 31_)
-- are rewritten by triggers from what their queries' snapshots show. Two
-- transactions changing related rows at once (a data source's flag and a new
-- event of it; an event and its place) would each write from a snapshot
-- without the other's change, and the later one's derived rows would stay
-- without it. So every statement writing a table derived rows come from
-- first takes one lock, held to commit: such writers run one at a time, and
-- a trigger's queries, taking their snapshots after it, see every earlier
-- writer's changes. Under REPEATABLE READ or SERIALIZABLE a transaction
-- whose snapshot predates another writer's commit gets a serialization
-- failure (40001) instead, to retry. Tests: specs/*_concurrency.spec.

CREATE TABLE linkedevents.derived_writes (
    id boolean PRIMARY KEY DEFAULT true CHECK (id)
);
COMMENT ON TABLE linkedevents.derived_writes IS
    'one row, updated (to itself) by every statement that writes a table derived rows come '
    'from: the lock that serializes those writers (README "Document store")';

-- An upsert, not an UPDATE: a TRUNCATE of every table leaves no row to
-- lock. The update writes a new version of the row, which is what a
-- REPEATABLE READ writer that started before it conflicts with; its value
-- stays, so the lock changes no data. Once this transaction wrote the row,
-- later calls (every statement, and refresh_* inside its triggers) only
-- lock it again: ON CONFLICT locks the row even when its WHERE is false.
CREATE FUNCTION linkedevents._lock_derived_writes() RETURNS void
    LANGUAGE sql VOLATILE
BEGIN ATOMIC
    INSERT INTO linkedevents.derived_writes AS w (id) VALUES (true)
        ON CONFLICT (id) DO UPDATE SET id = true
        WHERE w.xmin OPERATOR(pg_catalog.<>) pg_catalog.xid(pg_catalog.pg_current_xact_id());
END;
COMMENT ON FUNCTION linkedevents._lock_derived_writes() IS
    'waits for the other writers of the sources of derived rows, and holds them off to commit';

CREATE FUNCTION linkedevents._lock_derived_writes_trigger() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp AS
$$
BEGIN
    PERFORM linkedevents._lock_derived_writes();
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION linkedevents._lock_derived_writes_trigger() IS
    'trigger: _lock_derived_writes before a statement writes a source of derived rows';

DO $$
DECLARE
    source text;
BEGIN
    FOREACH source IN ARRAY '{event,offer,offer_price_group,event_link,event_video,event_image,
                              registration,image,license,data_source,place,place_division,division,
                              keyword}'::text[] LOOP
        EXECUTE format('CREATE TRIGGER lock_derived_writes
                            BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON linkedevents.%I
                            FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._lock_derived_writes_trigger()',
                       source);
    END LOOP;
END
$$;
