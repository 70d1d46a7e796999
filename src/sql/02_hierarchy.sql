-- Organization hierarchy: organization.tree_path holds the ids from the root
-- down to the row itself, so "descendants of X" is `tree_path @> ARRAY[X]`
-- (GIN-indexed), "ancestors of X" is X's tree_path, and ORDER BY tree_path is
-- depth-first tree order with siblings by id. The paths are recomputed after
-- each statement that inserts, deletes or re-parents organizations: writes
-- pay for the walk, queries never recurse.

CREATE FUNCTION linkedevents._organization_paths_refresh() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    cyclic text;
BEGIN
    -- A row whose parent is missing (not yet written in a deferred import)
    -- is a root for now; rows on a parent cycle are reached from no root.
    -- The UPDATE runs to completion whatever the outer query reads.
    WITH RECURSIVE tree(id, path) AS (
        SELECT o.id, ARRAY[o.id]
          FROM linkedevents.organization o
         WHERE o.parent IS NULL
            OR NOT EXISTS (SELECT 1 FROM linkedevents.organization p WHERE p.id = o.parent)
        UNION ALL
        SELECT c.id, t.path || c.id
          FROM tree t JOIN linkedevents.organization c ON c.parent = t.id
    ), changed AS (
        UPDATE linkedevents.organization o SET tree_path = t.path
          FROM tree t
         WHERE o.id = t.id AND o.tree_path IS DISTINCT FROM t.path
    )
    SELECT o.id INTO cyclic
      FROM linkedevents.organization o
     WHERE NOT EXISTS (SELECT 1 FROM tree t WHERE t.id = o.id)
     ORDER BY o.id LIMIT 1;

    IF cyclic IS NOT NULL THEN
        RAISE EXCEPTION 'organization "%" is its own ancestor', cyclic
            USING ERRCODE = 'check_violation',
                  HINT = 'Its parent references form a cycle.';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER organization_paths_insert
    AFTER INSERT ON linkedevents.organization
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._organization_paths_refresh();
CREATE TRIGGER organization_paths_update
    AFTER UPDATE OF id, parent ON linkedevents.organization
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._organization_paths_refresh();
CREATE TRIGGER organization_paths_delete
    AFTER DELETE ON linkedevents.organization
    FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._organization_paths_refresh();
