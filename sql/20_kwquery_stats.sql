-- Selectivity of @@ from most-common-element statistics on the event
-- list's index expression (keywords || audience).
SELECT le_test_reset();

-- 50 000 events, deterministic: event i has keyword kN (N = 2..4000) when
-- i % N = 0 -- a Zipf-like 1/N frequency -- and audience aud when i % 7 = 3.
INSERT INTO linkedevents.data_source (id) VALUES ('t');
INSERT INTO linkedevents.keyword (id)
SELECT 'k' || n FROM generate_series(2, 4000) AS n UNION ALL SELECT 'aud';
INSERT INTO linkedevents.event (id, data_source, keywords, audience)
SELECT 't:' || i, 't', coalesce(k.keywords, '{}'),
       CASE WHEN i % 7 = 3 THEN '{aud}'::text[] ELSE '{}' END
  FROM generate_series(1, 50000) AS i
  LEFT JOIN (SELECT m, array_agg('k' || d ORDER BY d) AS keywords
               FROM generate_series(2, 4000) AS d, generate_series(d, 50000, d) AS m
              GROUP BY m) AS k ON k.m = i;
-- A sample of every row makes the statistics, and so the estimates,
-- repeatable; the most-common-elements list then holds 2000 ids.
SET default_statistics_target = 200;
ANALYZE linkedevents.event;
RESET default_statistics_target;

-- The index expression has MCELEM statistics.
SELECT cardinality(most_common_elems) AS mcelems,
       'k1009' = ANY (most_common_elems::text::text[]) AS k1009_listed,
       'k3989' = ANY (most_common_elems::text::text[]) AS k3989_listed
  FROM pg_stats WHERE tablename = 'event_keywords_audience_idx';

CREATE FUNCTION pg_temp.estimate(q linkedevents.kwquery) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE plan json;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) SELECT * FROM linkedevents.event
              WHERE (keywords || audience) OPERATOR(linkedevents.@@) $1' INTO plan USING q;
    RETURN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::bigint;
END $$;
CREATE FUNCTION pg_temp.actual(q linkedevents.kwquery) RETURNS bigint LANGUAGE sql AS $$
    SELECT count(*) FROM linkedevents.event
     WHERE (keywords || audience) OPERATOR(linkedevents.@@) q
$$;

-- Estimates within 3x of the truth: a rare keyword outside the MCELEM list
-- (k3989: 12 events), a rarish one in it (k1009: 49), a common one (k2:
-- 25 000), the audience, and AND, OR, NOT combinations.
SELECT q, pg_temp.actual(q::linkedevents.kwquery) AS actual,
       pg_temp.estimate(q::linkedevents.kwquery)
           BETWEEN pg_temp.actual(q::linkedevents.kwquery) / 3.0
               AND pg_temp.actual(q::linkedevents.kwquery) * 3.0 AS within_3x
  FROM (VALUES ('k3989'), ('k1009'), ('k2'), ('aud'), ('k2 & k3'), ('k2 | k3'), ('!k2'),
               ('k2 & !aud'), ('k5 & (k7 | aud)')) AS t (q);

-- A rare keyword is looked up in the index; a query true for nearly every
-- event is not.
EXPLAIN (COSTS OFF) SELECT id FROM linkedevents.event
 WHERE (keywords || audience) OPERATOR(linkedevents.@@) 'k3989'::linkedevents.kwquery;
EXPLAIN (COSTS OFF) SELECT id FROM linkedevents.event
 WHERE (keywords || audience) OPERATOR(linkedevents.@@) '!k3989'::linkedevents.kwquery;
