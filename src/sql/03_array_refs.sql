-- Referential integrity for id arrays (event.keywords, event.audience,
-- event.in_language, keyword_set.keywords), which a foreign key cannot
-- express. Checked once per statement over its transition table, so a bulk
-- load pays one anti-join; not deferrable, so writers (import included)
-- write keywords and languages before the rows that refer to them.

CREATE FUNCTION linkedevents._check_event_refs() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    bad record;
BEGIN
    SELECT n.id, r.ref, r.kind INTO bad
      FROM new_rows n,
           LATERAL (SELECT k, 'keyword' FROM unnest(n.keywords) k
                    UNION ALL SELECT a, 'keyword' FROM unnest(n.audience) a
                    UNION ALL SELECT l, 'language' FROM unnest(n.in_language) l) AS r(ref, kind)
     WHERE (r.kind = 'keyword' AND NOT EXISTS (SELECT 1 FROM linkedevents.keyword k WHERE k.id = r.ref))
        OR (r.kind = 'language' AND NOT EXISTS (SELECT 1 FROM linkedevents.language l WHERE l.id = r.ref))
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'event "%" refers to % "%", which does not exist', bad.id, bad.kind, bad.ref
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION linkedevents._check_keyword_set_refs() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    bad record;
BEGIN
    SELECT n.id, k.ref INTO bad
      FROM new_rows n, unnest(n.keywords) AS k(ref)
     WHERE NOT EXISTS (SELECT 1 FROM linkedevents.keyword w WHERE w.id = k.ref)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'keyword set "%" refers to keyword "%", which does not exist', bad.id, bad.ref
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;

-- A keyword or language that is removed (or renamed) must not be in use.
CREATE FUNCTION linkedevents._check_keyword_unused() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    bad record;
BEGIN
    SELECT o.id AS ref, u.user_id, u.kind INTO bad
      FROM old_rows o,
           LATERAL (SELECT e.id, 'event' FROM linkedevents.event e
                     WHERE e.keywords @> ARRAY[o.id] OR e.audience @> ARRAY[o.id]
                    UNION ALL
                    SELECT s.id, 'keyword set' FROM linkedevents.keyword_set s
                     WHERE s.keywords @> ARRAY[o.id]
                    LIMIT 1) AS u(user_id, kind)
     WHERE NOT EXISTS (SELECT 1 FROM linkedevents.keyword k WHERE k.id = o.id)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'keyword "%" is still referred to by % "%"', bad.ref, bad.kind, bad.user_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION linkedevents._check_language_unused() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    bad record;
BEGIN
    SELECT o.id AS ref, e.id AS event_id INTO bad
      FROM old_rows o JOIN linkedevents.event e ON e.in_language @> ARRAY[o.id]
     WHERE NOT EXISTS (SELECT 1 FROM linkedevents.language l WHERE l.id = o.id)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'language "%" is still referred to by event "%"', bad.ref, bad.event_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER event_refs_insert AFTER INSERT ON linkedevents.event
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._check_event_refs();
CREATE TRIGGER event_refs_update AFTER UPDATE ON linkedevents.event
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._check_event_refs();
CREATE TRIGGER keyword_set_refs_insert AFTER INSERT ON linkedevents.keyword_set
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._check_keyword_set_refs();
CREATE TRIGGER keyword_set_refs_update AFTER UPDATE ON linkedevents.keyword_set
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._check_keyword_set_refs();
CREATE TRIGGER keyword_unused_delete AFTER DELETE ON linkedevents.keyword
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._check_keyword_unused();
CREATE TRIGGER keyword_unused_update AFTER UPDATE ON linkedevents.keyword
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._check_keyword_unused();
CREATE TRIGGER language_unused_delete AFTER DELETE ON linkedevents.language
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._check_language_unused();
CREATE TRIGGER language_unused_update AFTER UPDATE ON linkedevents.language
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._check_language_unused();
