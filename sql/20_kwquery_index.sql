-- The GIN operator class kwquery_ops: validation, keys, and index scans that
-- give the same rows as sequential scans, through the event list's index.
SELECT le_test_reset();

SELECT opcname, amvalidate(oid) AS valid FROM pg_opclass WHERE opcname = 'kwquery_ops';
SELECT indexdef FROM pg_indexes WHERE indexname = 'event_keywords_audience_idx';

-- Which keys a query looks up, and whether it must also visit arrays that
-- have none of them (a query that is true without any of its ids).
SELECT q, (linkedevents.kwquery_gin_keys(q::linkedevents.kwquery)).*
  FROM (VALUES ('a'), ('b | a | b'), ('a & !b'), ('!a'), ('a | !b'), ('!(a & b)'),
               ('!(a | b)'), ('!!a')) AS t (q);

-- 300 events over 12 keywords; event i has keyword kN when i % N = 0, and
-- audience aM when i % (M + 10) = 0; some have none at all.
INSERT INTO linkedevents.data_source (id) VALUES ('t');
INSERT INTO linkedevents.keyword (id)
SELECT 'k' || n FROM generate_series(1, 12) AS n
UNION ALL SELECT 'a' || m FROM generate_series(1, 3) AS m;
INSERT INTO linkedevents.event (id, data_source, keywords, audience)
SELECT 't:' || i, 't',
       ARRAY(SELECT 'k' || n FROM generate_series(2, 12) AS n WHERE i % n = 0),
       ARRAY(SELECT 'a' || m FROM generate_series(1, 3) AS m WHERE i % (m + 10) = 0)
  FROM generate_series(1, 300) AS i;
ANALYZE linkedevents.event;

CREATE TEMP TABLE probes (q text, arr text[]);
INSERT INTO probes VALUES
    ('k2', NULL), ('k7 & k3', NULL), ('k11 | a1', NULL), ('k5 & !k2', NULL), ('!k2', NULL),
    ('!(k2 | k3 | k5 | k7 | k11)', NULL), ('a1 | !k2 & !k3', NULL), ('(k2 | k3) & (k5 | a2) & !k10', NULL),
    ('!!k12', NULL), ('nosuch', NULL), ('!nosuch', NULL), ('k3 & k3 | k3', NULL),
    ('&&', '{k11,a3}'), ('@>', '{k2,k3}'), ('<@', '{k2,k3,a1}'), ('<@', '{}');
CREATE FUNCTION pg_temp.matching(q text, arr text[]) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
    IF arr IS NULL THEN
        SELECT count(*) INTO n FROM linkedevents.event
         WHERE (keywords || audience) OPERATOR(linkedevents.@@) q::linkedevents.kwquery;
    ELSE
        EXECUTE format('SELECT count(*) FROM linkedevents.event WHERE (keywords || audience) %s $1', q)
           INTO n USING arr;
    END IF;
    RETURN n;
END $$;

-- Sequential scans first, then the same queries through the index.
SET enable_indexscan = off;
SET enable_bitmapscan = off;
CREATE TEMP TABLE seq AS SELECT q, arr, pg_temp.matching(q, arr) AS n FROM probes;
RESET enable_indexscan;
RESET enable_bitmapscan;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM linkedevents.event
 WHERE (keywords || audience) OPERATOR(linkedevents.@@) '!k2'::linkedevents.kwquery;
EXPLAIN (COSTS OFF) SELECT * FROM linkedevents.event WHERE (keywords || audience) <@ '{k2}';
SELECT s.q, s.arr, s.n AS seqscan, pg_temp.matching(s.q, s.arr) AS indexscan FROM seq s;
-- The mirror operator ~~ uses the index as well.
EXPLAIN (COSTS OFF) SELECT * FROM linkedevents.event
 WHERE 'k7'::linkedevents.kwquery OPERATOR(linkedevents.~~) (keywords || audience);
RESET enable_seqscan;
