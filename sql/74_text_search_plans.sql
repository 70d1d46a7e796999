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

-- The event list's own statements, with the values bound as it binds them;
-- only the nodes that show index use (join strategies vary with the costs).
SELECT line FROM linkedevents._event_query_explain('text=c4ca4238') line
 WHERE line ~ 'InitPlan|Index|Bitmap|Seq Scan on event' AND line !~ 'data_source';
SELECT le_ids('text=c4ca4238');
SELECT line FROM linkedevents._event_query_explain('full_text=sana17&full_text_language=fi,en') line
 WHERE line ~ 'InitPlan|Index|Bitmap|Seq Scan on event' AND line !~ 'data_source';
SELECT le_ids('full_text=sana17 toinen17&full_text_language=fi,en');
SELECT line FROM linkedevents._event_query_explain('combined_text=c4ca4238,tapahtuma') line
 WHERE line ~ 'InitPlan|Index|Bitmap|Seq Scan on event' AND line !~ 'data_source';
SELECT le_ids('combined_text=c4ca4238,tapahtuma');
SELECT line FROM linkedevents._event_query_explain('local_ongoing_text=sana17') line
 WHERE line ~ 'InitPlan|Index|Bitmap|Seq Scan on event' AND line !~ 'data_source';
