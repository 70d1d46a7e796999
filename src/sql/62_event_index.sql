-- The event index (src/event_index.h): every event's filter and sort
-- columns packed in segments of 512 slots, kept by statement triggers, read
-- into each backend's memory by the event list. Derived from event,
-- registration and offer; refresh_event_index() rebuilds it.

CREATE TABLE linkedevents.event_index_slot (
    event text PRIMARY KEY,
    slot  integer NOT NULL UNIQUE
);
COMMENT ON TABLE linkedevents.event_index_slot IS
    'the event index slot of each event, fixed for the event''s life';

CREATE TABLE linkedevents.event_index_segment (
    segment integer PRIMARY KEY,
    version bigint NOT NULL,
    live    integer NOT NULL CHECK (live BETWEEN 0 AND 512),
    records bytea NOT NULL
);
-- Segments are patched and decoded whole: compression would cost more than
-- the bytes it saves.
ALTER TABLE linkedevents.event_index_segment ALTER COLUMN records SET STORAGE EXTERNAL;
-- Where writers look for free slots.
CREATE INDEX event_index_segment_free_idx ON linkedevents.event_index_segment (segment)
    WHERE live < 512;
COMMENT ON TABLE linkedevents.event_index_segment IS
    'the event index: records of up to 512 slots per row, version new at each rewrite';

CREATE SEQUENCE linkedevents.event_index_segment_number AS integer MINVALUE 0 START 0;
CREATE SEQUENCE linkedevents.event_index_version;

CREATE FUNCTION linkedevents._event_index_events() RETURNS trigger
    LANGUAGE c SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'le_event_index_events';
COMMENT ON FUNCTION linkedevents._event_index_events() IS
    'trigger: rewrites the event index records of the events a statement changed';

CREATE FUNCTION linkedevents._event_index_children() RETURNS trigger
    LANGUAGE c SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'le_event_index_children';
COMMENT ON FUNCTION linkedevents._event_index_children() IS
    'trigger: rewrites the event index records of the events whose registration or offers changed';

CREATE FUNCTION linkedevents._event_index_truncated() RETURNS trigger
    LANGUAGE c SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'le_event_index_truncated';
COMMENT ON FUNCTION linkedevents._event_index_truncated() IS
    'trigger: rebuilds the event index after a TRUNCATE of a table it reads';

CREATE FUNCTION linkedevents.refresh_event_index() RETURNS bigint
    LANGUAGE c VOLATILE SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'le_refresh_event_index';
COMMENT ON FUNCTION linkedevents.refresh_event_index() IS
    'rebuilds the event index from the tables; returns the number of events';

CREATE FUNCTION linkedevents._event_index_records(OUT event text, OUT record bytea)
    RETURNS SETOF record
    LANGUAGE c STABLE SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'le_event_index_records';
COMMENT ON FUNCTION linkedevents._event_index_records() IS
    'the stored event index records without their slots, for tests';

CREATE FUNCTION linkedevents._event_index_answers(query text) RETURNS boolean
    LANGUAGE c STABLE SET search_path = pg_catalog, pg_temp
    AS 'MODULE_PATHNAME', 'le_event_index_answers';
COMMENT ON FUNCTION linkedevents._event_index_answers(text) IS
    'whether the event index answers the event list of a query string, for tests';

CREATE TRIGGER event_index_insert AFTER INSERT ON linkedevents.event
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._event_index_events();
CREATE TRIGGER event_index_update AFTER UPDATE ON linkedevents.event
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._event_index_events();
CREATE TRIGGER event_index_delete AFTER DELETE ON linkedevents.event
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._event_index_events();
CREATE TRIGGER event_index_truncate AFTER TRUNCATE ON linkedevents.event
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._event_index_truncated();

-- The argument: the columns of the table that a record reads.
DO $$
DECLARE
    child record;
BEGIN
    FOR child IN SELECT * FROM (VALUES
        ('registration', 'event, enrolment_start_time, enrolment_end_time, '
                         'remaining_attendee_capacity, remaining_waiting_list_capacity'),
        ('offer', 'event, is_free')) c(tab, cols)
    LOOP
        EXECUTE format('CREATE TRIGGER event_index_insert AFTER INSERT ON linkedevents.%1$I
                            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
                            EXECUTE FUNCTION linkedevents._event_index_children(%2$L)
                        ; CREATE TRIGGER event_index_update AFTER UPDATE ON linkedevents.%1$I
                            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
                            EXECUTE FUNCTION linkedevents._event_index_children(%2$L)
                        ; CREATE TRIGGER event_index_delete AFTER DELETE ON linkedevents.%1$I
                            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
                            EXECUTE FUNCTION linkedevents._event_index_children(%2$L)
                        ; CREATE TRIGGER event_index_truncate AFTER TRUNCATE ON linkedevents.%1$I
                            FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._event_index_truncated()',
                       child.tab, child.cols);
    END LOOP;
END
$$;
