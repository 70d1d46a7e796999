-- linkedevents.keyword_query: the keyword parameters of the event list as
-- one kwquery (SPEC 1.10, D5, D12).
SELECT le_test_reset();

-- Keywords: old -> mid -> new is a replacement chain, loop1 <-> loop2 a cycle.
INSERT INTO linkedevents.data_source (id) VALUES ('yso');
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO linkedevents.keyword (id, replaced_by) VALUES
    ('yso:a', NULL), ('yso:b', NULL), ('yso:c', NULL), ('yso:d', NULL),
    ('yso:old', 'yso:mid'), ('yso:mid', 'yso:new'), ('yso:new', NULL),
    ('yso:loop1', 'yso:loop2'), ('yso:loop2', 'yso:loop1');
COMMIT;
INSERT INTO linkedevents.keyword_set (id, keywords) VALUES
    ('set:ab', '{yso:a,yso:b}'), ('set:bc', '{yso:b,yso:c}'), ('set:empty', '{}'),
    ('set:old', '{yso:old}');

-- One parameter at a time: (parameter, value) -> (query, matches_nothing).
CREATE FUNCTION pg_temp.kq(param text, value text) RETURNS TABLE (query text, matches_nothing boolean)
LANGUAGE sql AS $$
    SELECT query::text, matches_nothing FROM linkedevents.keyword_query(
        keyword => CASE param WHEN 'keyword' THEN value END,
        keyword_or => CASE param WHEN 'keyword_OR' THEN value END,
        keyword_and => CASE param WHEN 'keyword_AND' THEN value END,
        keyword_not => CASE param WHEN 'keyword!' THEN value END,
        keyword_or_sets => CASE param WHEN 'keyword_OR_set' THEN string_to_array(value, ';') END,
        keyword_set_and => CASE param WHEN 'keyword_set_AND' THEN value END,
        keyword_set_or => CASE param WHEN 'keyword_set_OR' THEN value END)
$$;
SELECT param, value, r.*
  FROM (VALUES
    -- absent: NULL or empty
    ('keyword', NULL), ('keyword', ''),
    -- keyword / keyword_OR: any found id; unknown dropped; none found -> nothing;
    -- replacements to the end of the chain, duplicates collapse
    ('keyword', 'yso:a,yso:b'), ('keyword', 'yso:a,unknown'), ('keyword', 'unknown'),
    ('keyword', ','), ('keyword', 'yso:old'), ('keyword', 'yso:mid,yso:new,yso:a'),
    ('keyword', 'yso:loop1'), ('keyword_OR', 'yso:c,yso:old'), ('keyword_OR', 'unknown'),
    -- keyword_AND: every id must exist (duplicates ignored), then all of them
    ('keyword_AND', 'yso:a,yso:b'), ('keyword_AND', 'yso:a,yso:a'), ('keyword_AND', 'yso:a,unknown'),
    ('keyword_AND', 'yso:a,'), ('keyword_AND', 'yso:old,yso:mid'), ('keyword_AND', 'yso:old,yso:c'),
    -- keyword!: none of the found ids; unknown ignored; all unknown -> no filter
    ('keyword!', 'yso:a'), ('keyword!', 'yso:a,yso:old,unknown'), ('keyword!', 'unknown'),
    -- keyword_OR_setN (values in set-number order, ';' separates them here):
    -- each non-empty set ORs, sets AND; replacements resolved (D12)
    ('keyword_OR_set', 'yso:a,yso:b;yso:c'), ('keyword_OR_set', ';yso:c;'),
    ('keyword_OR_set', 'yso:old'), ('keyword_OR_set', 'yso:a;unknown'), ('keyword_OR_set', ';'),
    -- keyword_set_AND: each found set must be met; unknown sets ignored; a
    -- found empty set -> nothing; set keywords taken verbatim
    ('keyword_set_AND', 'set:ab,set:bc'), ('keyword_set_AND', 'set:ab,unknown'),
    ('keyword_set_AND', 'unknown'), ('keyword_set_AND', 'set:ab,set:empty'),
    ('keyword_set_AND', 'set:old'),
    -- keyword_set_OR: any keyword of the found sets; none found -> nothing
    ('keyword_set_OR', 'set:ab,set:bc'), ('keyword_set_OR', 'set:ab,unknown'),
    ('keyword_set_OR', 'unknown'), ('keyword_set_OR', 'set:empty'), ('keyword_set_OR', 'set:empty,set:bc')
  ) AS t (param, value), pg_temp.kq(param, value) AS r;

-- All together: one conjunction, in a fixed order.
SELECT * FROM linkedevents.keyword_query('yso:a,yso:b', 'yso:c', 'yso:d,yso:old', 'yso:b',
                                         '{"yso:a,yso:c",yso:d}', 'set:ab', 'set:bc');
-- keyword and keyword_OR are ANDed; one matching nothing makes the whole nothing.
SELECT * FROM linkedevents.keyword_query('yso:a', 'unknown', NULL, NULL, NULL, NULL, NULL);

-- The queries select the right events through keywords or audience.
INSERT INTO linkedevents.event (id, data_source, keywords, audience) VALUES
    ('yso:1', 'yso', '{yso:a}', '{}'), ('yso:2', 'yso', '{yso:b}', '{yso:c}'),
    ('yso:3', 'yso', '{}', '{yso:new}'), ('yso:4', 'yso', '{yso:c,yso:d}', '{}'),
    ('yso:5', 'yso', '{}', '{}');
SELECT param, value,
       (SELECT string_agg(e.id, ',' ORDER BY e.id) FROM linkedevents.event e
         WHERE NOT k.matches_nothing
           AND (k.query IS NULL OR (e.keywords || e.audience) OPERATOR(linkedevents.@@) k.query)) AS events
  FROM (VALUES ('keyword', 'yso:old'), ('keyword', 'yso:b,yso:d'), ('keyword_AND', 'yso:b,yso:c'),
               ('keyword!', 'yso:a,yso:c'), ('keyword_OR_set', 'yso:a,yso:b;yso:c'),
               ('keyword_set_AND', 'set:bc'), ('keyword_set_OR', 'set:ab'), ('keyword', 'unknown'),
               ('keyword!', 'unknown')) AS t (param, value),
       LATERAL (SELECT r.query::linkedevents.kwquery AS query, r.matches_nothing
                  FROM pg_temp.kq(param, value) AS r) AS k;

-- A stored keyword id the text form cannot hold is refused, not misread.
INSERT INTO linkedevents.keyword (id) VALUES ('yso:x | yso:a');
DO $$
BEGIN
    PERFORM linkedevents.keyword_query('yso:x | yso:a', NULL, NULL, NULL, NULL, NULL, NULL);
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE '%: %', SQLSTATE, SQLERRM;
END $$;
