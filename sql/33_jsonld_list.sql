-- The list page envelope (SPEC 3): meta.count, next and previous links built
-- from the request's decoded query parameters, and the page's objects.
SELECT le_test_reset();
SET linkedevents.base_url = 'https://api.example/v1/';
INSERT INTO linkedevents.data_source (id) VALUES ('yso');
INSERT INTO linkedevents.keyword (id, data_source, name, created_time, last_modified_time)
    VALUES ('yso:p1', 'yso', '{"fi": "a"}', '2020-01-01 00:00+00', '2020-01-01 00:00+00'),
           ('yso:p2', 'yso', '{"fi": "b"}', '2020-01-01 00:00+00', '2020-01-01 00:00+00');

-- First, middle and last page of 250 rows by 100: next/previous links, page
-- 2's previous link has no page, nothing remains → no '?'.
SELECT page, d->'meta' AS meta
  FROM generate_series(1, 3) page,
       linkedevents._jsonld_list('keyword', '{}', 250, page, 100, '{}', '{}') d;
-- One page: no links; an empty result is page 1 with count 0.
SELECT linkedevents._jsonld_list('keyword', '{yso:p2,yso:p1}', 2, 1, 20, '{}', '{}')->'meta';
SELECT linkedevents._jsonld_list('keyword', '{}', 0, 1, 20, '{}', '{}');

-- All parameters are kept, repeats in their order, sorted by key (stable),
-- page replaced, and form-encoded (space '+', unreserved A-Z a-z 0-9 _ . - ~
-- kept, the rest %XX of UTF-8).
SELECT linkedevents._jsonld_list('event', '{}', 1000, 3, 10,
    '{text,keyword,page,keyword!,keyword,page_size,a,sort,x}',
    ARRAY['a b', 'yso:p1,yso:p2', '9', 'x/y', 'z', '10', 'ä€😀', '-_.~*''()', NULL])->'meta';

-- format is echoed into the links (it is one of the parameters) and into
-- every URL of the data.
SELECT d->'meta'->'next', d->'meta'->'previous', d->'data'->0->'@id'
  FROM linkedevents._jsonld_list('keyword', '{yso:p1}', 41, 2, 20, '{format,page}', '{api,2}') d;

-- The data are the objects of ids in order, as _jsonld_page_data gives
-- them, in the API's key order: meta first.
SELECT d::text LIKE '{"meta":{"count":2,"next":null,"previous":null},"data":[{"id":"yso:p2",%' AS starts,
       (d->'data')::jsonb = linkedevents._jsonld_page_data('keyword', '{yso:p2,yso:p1}')::jsonb AS same_data
  FROM linkedevents._jsonld_list('keyword', '{yso:p2,yso:p1}', 2, 1, 20, '{}', '{}') d;

-- Bad calls.
DO $$ BEGIN PERFORM linkedevents._jsonld_list('keyword', '{}', 1, 1, 20, '{a,b}', '{x}');
EXCEPTION WHEN OTHERS THEN RAISE NOTICE '% %', SQLSTATE, SQLERRM; END $$;
DO $$ BEGIN PERFORM linkedevents._jsonld_list('keyword', '{}', 1, 0, 20, '{}', '{}');
EXCEPTION WHEN OTHERS THEN RAISE NOTICE '% %', SQLSTATE, SQLERRM; END $$;
SELECT linkedevents._jsonld_list('keyword', '{}', NULL, 1, 20, '{}', '{}') IS NULL;
