-- The derived columns n_events and has_upcoming_events of keyword and place
-- (SPEC 4.4, 4.6, D25), kept correct after every statement that changes
-- events, places or keywords:
--
--   keyword.n_events             distinct events using it in keywords or
--                                audience (deleted and drafts included)
--   keyword.has_upcoming_events  not deprecated, and some event using it in
--                                keywords ends at or after now()
--   place.n_events               events located there (deleted and drafts
--                                included)
--   place.has_upcoming_events    not deleted, and some event there ends at
--                                or after now()
--
-- Event statements adjust n_events by the difference the statement made
-- (old rows count -1, new rows +1): a bulk load costs one pass over its own
-- rows, never a recount of a popular keyword's events, and concurrent
-- writers add up correctly under row locks. has_upcoming_events turns true
-- when an upcoming use arrives and is re-checked only where one left.
-- Inserted (or re-identified) keywords and places, and places whose deleted
-- flag or keywords whose deprecated flag changes, are counted from scratch:
-- with deferred foreign keys an import may write events before their place.
-- As time passes events stop being upcoming: refresh_upcoming() re-evaluates
-- the flags for a periodic job.

-- The changes of one event statement, as (sign, keywords, audience, location,
-- end_time) rows over its transition tables, are turned into per-keyword and
-- per-place differences. The transition tables are only visible in the
-- trigger function itself, hence one EXECUTE of a fixed text here.
CREATE FUNCTION linkedevents._event_counters() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    changes text := CASE TG_OP
        WHEN 'INSERT' THEN
            'SELECT 1 AS sign, keywords, audience, location, end_time FROM new_rows'
        WHEN 'DELETE' THEN
            'SELECT -1 AS sign, keywords, audience, location, end_time FROM old_rows'
        -- Only rows whose counted columns changed; an id change counts as
        -- the old row leaving and the new one arriving.
        ELSE $changes$
            SELECT s.sign, s.keywords, s.audience, s.location, s.end_time
              FROM old_rows o FULL JOIN new_rows n ON n.id = o.id,
                   LATERAL (VALUES (-1, o.keywords, o.audience, o.location, o.end_time, o.id),
                                   (1, n.keywords, n.audience, n.location, n.end_time, n.id))
                           AS s(sign, keywords, audience, location, end_time, id)
             WHERE s.id IS NOT NULL
               AND (o.id IS NULL OR n.id IS NULL
                    OR (o.keywords, o.audience, o.location, o.end_time)
                       IS DISTINCT FROM (n.keywords, n.audience, n.location, n.end_time))
        $changes$ END;
BEGIN
    EXECUTE pg_catalog.format($sql$
        WITH changes AS MATERIALIZED (%s),
        keyword_delta AS (
            SELECT u.id,
                   sum(c.sign) AS delta,
                   bool_or(c.sign > 0 AND u.upcoming) AS gained,
                   bool_or(c.sign < 0 AND u.upcoming) AS lost
              FROM changes c,
                   LATERAL (SELECT DISTINCT k,
                                   k = ANY (c.keywords) AND c.end_time >= pg_catalog.now()
                              FROM unnest(c.keywords || c.audience) AS k) AS u(id, upcoming)
             GROUP BY u.id
        ),
        place_delta AS (
            SELECT c.location AS id,
                   sum(c.sign) AS delta,
                   bool_or(c.sign > 0 AND c.end_time >= pg_catalog.now()) AS gained,
                   bool_or(c.sign < 0 AND c.end_time >= pg_catalog.now()) AS lost
              FROM changes c
             WHERE c.location IS NOT NULL
             GROUP BY c.location
        ),
        keyword_update AS (
            UPDATE linkedevents.keyword k
               SET n_events = k.n_events + d.delta,
                   has_upcoming_events = NOT k.deprecated AND CASE
                       WHEN d.gained THEN true
                       WHEN d.lost THEN EXISTS (
                           SELECT 1 FROM linkedevents.event e
                            WHERE e.keywords @> ARRAY[k.id]
                              AND e.end_time >= pg_catalog.now())
                       ELSE k.has_upcoming_events END
              FROM keyword_delta d
             WHERE k.id = d.id AND (d.delta <> 0 OR d.gained OR d.lost)
        )
        UPDATE linkedevents.place p
           SET n_events = p.n_events + d.delta,
               has_upcoming_events = NOT p.deleted AND CASE
                   WHEN d.gained THEN true
                   WHEN d.lost THEN EXISTS (
                       SELECT 1 FROM linkedevents.event e
                        WHERE e.location = p.id AND e.end_time >= pg_catalog.now())
                   ELSE p.has_upcoming_events END
          FROM place_delta d
         WHERE p.id = d.id AND (d.delta <> 0 OR d.gained OR d.lost)
        $sql$, changes);
    RETURN NULL;
END
$$;

-- Counts from scratch, for keywords and places that appear or whose own
-- flag changed. Rows already right are not written.
CREATE FUNCTION linkedevents._keyword_counters_recount(ids text[]) RETURNS void
    LANGUAGE sql AS
$$
    UPDATE linkedevents.keyword k
       SET n_events = c.n_events,
           has_upcoming_events = NOT k.deprecated AND c.upcoming
      FROM (SELECT i.id,
                   (SELECT count(*) FROM linkedevents.event e
                     WHERE e.keywords @> ARRAY[i.id] OR e.audience @> ARRAY[i.id]) AS n_events,
                   EXISTS (SELECT 1 FROM linkedevents.event e
                            WHERE e.keywords @> ARRAY[i.id]
                              AND e.end_time >= pg_catalog.now()) AS upcoming
              FROM unnest(ids) AS i(id)) c
     WHERE k.id = c.id
       AND (k.n_events, k.has_upcoming_events)
           IS DISTINCT FROM (c.n_events, NOT k.deprecated AND c.upcoming);
$$;

CREATE FUNCTION linkedevents._place_counters_recount(ids text[]) RETURNS void
    LANGUAGE sql AS
$$
    UPDATE linkedevents.place p
       SET n_events = c.n_events,
           has_upcoming_events = NOT p.deleted AND c.upcoming
      FROM (SELECT i.id,
                   (SELECT count(*) FROM linkedevents.event e WHERE e.location = i.id) AS n_events,
                   EXISTS (SELECT 1 FROM linkedevents.event e
                            WHERE e.location = i.id
                              AND e.end_time >= pg_catalog.now()) AS upcoming
              FROM unnest(ids) AS i(id)) c
     WHERE p.id = c.id
       AND (p.n_events, p.has_upcoming_events)
           IS DISTINCT FROM (c.n_events, NOT p.deleted AND c.upcoming);
$$;

-- Inserted rows, and updated rows whose id or own flag changed. The
-- counters' own updates change neither, so they end here without a write.
CREATE FUNCTION linkedevents._keyword_counters() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    ids text[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(n.id) INTO ids FROM new_rows n;
    ELSE
        SELECT array_agg(n.id) INTO ids
          FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id
         WHERE o.id IS NULL OR o.deprecated <> n.deprecated;
    END IF;
    IF ids IS NOT NULL THEN
        PERFORM linkedevents._keyword_counters_recount(ids);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION linkedevents._place_counters() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    ids text[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(n.id) INTO ids FROM new_rows n;
    ELSE
        SELECT array_agg(n.id) INTO ids
          FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id
         WHERE o.id IS NULL OR o.deleted <> n.deleted;
    END IF;
    IF ids IS NOT NULL THEN
        PERFORM linkedevents._place_counters_recount(ids);
    END IF;
    RETURN NULL;
END
$$;

-- TRUNCATE has no transition tables: no event is left, so nothing is counted.
CREATE FUNCTION linkedevents._event_counters_truncate() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE linkedevents.keyword SET n_events = 0, has_upcoming_events = false
     WHERE n_events <> 0 OR has_upcoming_events;
    UPDATE linkedevents.place SET n_events = 0, has_upcoming_events = false
     WHERE n_events <> 0 OR has_upcoming_events;
    RETURN NULL;
END
$$;

CREATE TRIGGER event_counters_insert AFTER INSERT ON linkedevents.event
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._event_counters();
CREATE TRIGGER event_counters_update AFTER UPDATE ON linkedevents.event
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._event_counters();
CREATE TRIGGER event_counters_delete AFTER DELETE ON linkedevents.event
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._event_counters();
CREATE TRIGGER event_counters_truncate AFTER TRUNCATE ON linkedevents.event
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._event_counters_truncate();
CREATE TRIGGER keyword_counters_insert AFTER INSERT ON linkedevents.keyword
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._keyword_counters();
CREATE TRIGGER keyword_counters_update AFTER UPDATE ON linkedevents.keyword
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._keyword_counters();
CREATE TRIGGER place_counters_insert AFTER INSERT ON linkedevents.place
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._place_counters();
CREATE TRIGGER place_counters_update AFTER UPDATE ON linkedevents.place
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._place_counters();

CREATE FUNCTION linkedevents.refresh_upcoming() RETURNS integer
    LANGUAGE sql VOLATILE AS
$$
    WITH upcoming_keyword AS MATERIALIZED (
        SELECT DISTINCT k.id
          FROM linkedevents.event e, unnest(e.keywords) AS k(id)
         WHERE e.end_time >= pg_catalog.now()
    ),
    upcoming_place AS MATERIALIZED (
        SELECT DISTINCT e.location AS id FROM linkedevents.event e
         WHERE e.end_time >= pg_catalog.now() AND e.location IS NOT NULL
    ),
    keyword_changed AS (
        UPDATE linkedevents.keyword k SET has_upcoming_events = w.upcoming
          FROM (SELECT k.id, NOT k.deprecated AND u.id IS NOT NULL AS upcoming
                  FROM linkedevents.keyword k LEFT JOIN upcoming_keyword u ON u.id = k.id) w
         WHERE k.id = w.id AND k.has_upcoming_events <> w.upcoming
        RETURNING 1
    ),
    place_changed AS (
        UPDATE linkedevents.place p SET has_upcoming_events = w.upcoming
          FROM (SELECT p.id, NOT p.deleted AND u.id IS NOT NULL AS upcoming
                  FROM linkedevents.place p LEFT JOIN upcoming_place u ON u.id = p.id) w
         WHERE p.id = w.id AND p.has_upcoming_events <> w.upcoming
        RETURNING 1
    )
    SELECT ((SELECT count(*) FROM keyword_changed) + (SELECT count(*) FROM place_changed))::integer;
$$;

COMMENT ON FUNCTION linkedevents.refresh_upcoming() IS
    'recomputes keyword and place has_upcoming_events for the current time (events end as time passes; run it periodically); returns the number of rows changed';
COMMENT ON FUNCTION linkedevents._event_counters() IS
    'trigger: adjusts keyword and place counters by the changes of one event statement';
COMMENT ON FUNCTION linkedevents._keyword_counters_recount(text[]) IS
    'counts n_events and has_upcoming_events of these keywords from scratch';
COMMENT ON FUNCTION linkedevents._place_counters_recount(text[]) IS
    'counts n_events and has_upcoming_events of these places from scratch';
COMMENT ON FUNCTION linkedevents._keyword_counters() IS
    'trigger: counts inserted keywords and keywords whose id or deprecated flag changed';
COMMENT ON FUNCTION linkedevents._place_counters() IS
    'trigger: counts inserted places and places whose id or deleted flag changed';
COMMENT ON FUNCTION linkedevents._event_counters_truncate() IS
    'trigger: zeroes every counter after TRUNCATE event';
