-- The baseline's full-text index (test/bench/requests.sql includes it when
-- linkedevents has text search): one weighted Finnish tsvector per event,
-- A = event and place name, B = keyword and audience names, C = short
-- description, D = description, as the reference's search index.
CREATE TABLE baseline.event_fts AS
SELECT e.id AS event,
       setweight(to_tsvector('finnish', concat_ws(' ', e.name ->> 'fi', p.name ->> 'fi')), 'A')
       || setweight(to_tsvector('finnish', coalesce((SELECT string_agg(k.name ->> 'fi', ' ')
                                                       FROM (SELECT keyword FROM baseline.event_keywords
                                                              WHERE event = e.id
                                                             UNION ALL
                                                             SELECT keyword FROM baseline.event_audience
                                                              WHERE event = e.id) x
                                                       JOIN baseline.keyword k ON k.id = x.keyword), '')), 'B')
       || setweight(to_tsvector('finnish', coalesce(e.short_description ->> 'fi', '')), 'C')
       || setweight(to_tsvector('finnish', coalesce(e.description ->> 'fi', '')), 'D') AS v
  FROM baseline.event e LEFT JOIN baseline.place p ON p.id = e.location;
ALTER TABLE baseline.event_fts ADD PRIMARY KEY (event);
CREATE INDEX ON baseline.event_fts USING gin (v);
ANALYZE baseline.event_fts;
