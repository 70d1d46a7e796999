-- The text and full_text predicates are answered from the indexes on a
-- table of regression size (20k events). Documents are generated directly
-- (the event trigger is off while the events are written) to keep the test
-- fast; VACUUM flushes the GIN pending lists as autovacuum would.
SELECT le_test_reset();
INSERT INTO linkedevents.data_source (id) VALUES ('gen');
ALTER TABLE linkedevents.event DISABLE TRIGGER event_search_insert;
INSERT INTO linkedevents.event (id, data_source, name)
SELECT 'gen:' || g, 'gen', jsonb_build_object('fi', 'tapahtuma ' || g) FROM generate_series(1, 20000) g;
ALTER TABLE linkedevents.event ENABLE TRIGGER event_search_insert;
INSERT INTO linkedevents.event_search (event, text_doc, fi, sv, en, zh_hans, ru, ar)
SELECT 'gen:' || g, 'tapahtuma ' || g || E'\x1f' || md5(g::text),
       to_tsvector('simple', 'sana' || g % 2000 || ' toinen' || g % 300),
       to_tsvector('simple', 'ord' || g % 2000), to_tsvector('simple', 'word' || g % 2000),
       '', '', ''
  FROM generate_series(1, 20000) g;
VACUUM ANALYZE linkedevents.event, linkedevents.event_search;

-- text, with the term bound as the event list binds it (generic plan).
SET plan_cache_mode = force_generic_plan;
PREPARE text_filter(text) AS
    SELECT e.id FROM linkedevents.event e
     WHERE EXISTS (SELECT FROM linkedevents.event_search s
                    WHERE s.event = e.id AND s.text_doc LIKE linkedevents.text_pattern($1));
EXPLAIN (costs off) EXECUTE text_filter('c4ca4238');
EXECUTE text_filter('c4ca4238');

-- full_text: the query array bound once; filter and default order.
PREPARE full_text_filter(tsquery[]) AS
    SELECT e.id FROM linkedevents.event e JOIN linkedevents.event_search s ON s.event = e.id
     WHERE linkedevents.full_text_matches(s, $1)
     ORDER BY linkedevents.full_text_rank(s, $1) DESC, e.id;
EXPLAIN (costs off) EXECUTE full_text_filter(linkedevents.full_text_queries('sana17', 'fi,en'));
EXECUTE full_text_filter(linkedevents.full_text_queries('sana17 toinen17', 'fi,en'));

-- combined_text: each term through the trigram and keyword indexes.
PREPARE combined_text_filter(text) AS
    SELECT e.id FROM linkedevents.event e
     WHERE e.id IN (SELECT m FROM linkedevents.combined_text_events($1) m);
EXPLAIN (costs off) EXECUTE combined_text_filter('c4ca4238,tapahtuma');
EXECUTE combined_text_filter('c4ca4238,tapahtuma');
RESET plan_cache_mode;
