-- GET /v1/image/ (SPEC 5.1) and /v1/image/<id>/ (SPEC 4.13).
SELECT le_test_reset();
-- count, then the ids of the page in order
CREATE FUNCTION pg_temp.ids(doc json) RETURNS text LANGUAGE sql AS $$
    SELECT (doc->'meta'->>'count') || ': '
           || coalesce((SELECT string_agg(d->>'id', ' ') FROM json_array_elements(doc->'data') d), '')
$$;
CREATE FUNCTION pg_temp.try(call text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE call;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

INSERT INTO linkedevents.data_source (id) VALUES ('helsinki'), ('kulke'), ('Caps');
-- org:old was replaced by org:new; org:x is unrelated.
INSERT INTO linkedevents.organization (id) VALUES ('org:new'), ('org:x');
INSERT INTO linkedevents.organization (id, replaced_by) VALUES ('org:old', 'org:new');
INSERT INTO linkedevents.image (id, data_source, publisher, name, alt_text, url, last_modified_time, created_by) VALUES
    (1, 'helsinki', 'org:old', 'Concert', NULL, 'https://x/1.jpg', '2024-01-01', 'u1'),
    (2, 'helsinki', 'org:new', 'Theatre', 'Stage 50%', 'https://x/2.jpg', '2024-03-01', 'u2'),
    (3, 'kulke', 'org:x', 'Dance', 'concert hall', 'https://x/3.jpg', '2024-02-01', 'u1'),
    (4, 'Caps', NULL, '', NULL, 'https://x/4.jpg', '2024-02-01', NULL),
    (10, NULL, NULL, 'Zoo', NULL, 'https://x/10.jpg', '2023-01-01', NULL);

-- Default: all images, -last_modified_time, then id.
SELECT pg_temp.ids(linkedevents.image_list());
-- publisher: lower-cased comma list; an organization's replacement and the
-- organizations it replaced count as it.
SELECT pg_temp.ids(linkedevents.image_list('publisher=org:old'));
SELECT pg_temp.ids(linkedevents.image_list('publisher=ORG:NEW'));
SELECT pg_temp.ids(linkedevents.image_list('publisher=org:x,nobody'));
-- data_source: lower-cased comma list.
SELECT pg_temp.ids(linkedevents.image_list('data_source=KULKE,helsinki'));
SELECT pg_temp.ids(linkedevents.image_list('data_source=Caps'));
-- text: name or alt text, case-insensitive, wildcards literal.
SELECT pg_temp.ids(linkedevents.image_list('text=CONCERT'));
SELECT pg_temp.ids(linkedevents.image_list('text=50%25'));
SELECT pg_temp.ids(linkedevents.image_list('text=5_'));
-- created_by: none for an anonymous caller, the user's own images otherwise (D22).
SELECT pg_temp.ids(linkedevents.image_list('created_by=1'));
SET linkedevents.user_id = 'u1';
SELECT pg_temp.ids(linkedevents.image_list('created_by=true'));
RESET linkedevents.user_id;
-- sort: last_modified_time, id, name.
SELECT pg_temp.ids(linkedevents.image_list('sort=name'));
SELECT pg_temp.ids(linkedevents.image_list('sort=-id'));
SELECT pg_temp.ids(linkedevents.image_list('sort=last_modified_time'));
SELECT pg_temp.ids(linkedevents.image_list('sort=url'));
-- Pages of 1000 by default and at most.
SELECT linkedevents.image_list('page_size=2&page=2&format=api', 'https://x.example/v1/')->'meta';
SELECT pg_temp.ids(linkedevents.image_list('page_size=5000'));
INSERT INTO linkedevents.image (id, name) SELECT i, 'bulk' FROM generate_series(100, 1199) i;
SELECT json_array_length(linkedevents.image_list()->'data'),
       linkedevents.image_list()->'meta'->>'next';
SELECT json_array_length(linkedevents.image_list('page_size=2000')->'data');
SELECT json_array_length(linkedevents.image_list('page=2')->'data');
SELECT pg_temp.try($$SELECT linkedevents.image_list('page=3')$$);
DELETE FROM linkedevents.image WHERE name = 'bulk';
-- use_image_proxy is a boolean (D2).
SELECT pg_temp.ids(linkedevents.image_list('use_image_proxy=false'));
SELECT pg_temp.try($$SELECT linkedevents.image_list('use_image_proxy=maybe')$$);
SELECT pg_temp.try($$SELECT linkedevents.image_list('format=png')$$);
SELECT pg_temp.try($$SELECT linkedevents.image_list('srid=1_')$$);

-- Detail: integer ids; anything else is a 404.
SELECT linkedevents.image_detail('2', 'format=json')->>'@id';
SELECT linkedevents.image_detail('02')->>'id';
SELECT pg_temp.try($$SELECT linkedevents.image_detail('5')$$);
SELECT pg_temp.try($$SELECT linkedevents.image_detail('x')$$);
SELECT pg_temp.try($$SELECT linkedevents.image_detail('99999999999')$$);
SELECT pg_temp.try($$SELECT linkedevents.image_detail('-1')$$);
SELECT pg_temp.try($$SELECT linkedevents.image_detail('1', 'use_image_proxy=x')$$);
-- use_image_proxy (SPEC 1.21, 5.1): the url becomes the API's own address of
-- the file, with ?format= like every URL; false keeps the stored url.
SELECT d->>'id' AS id, d->>'url' AS url
  FROM json_array_elements(linkedevents.image_list('use_image_proxy=true&sort=id&page_size=2',
                                                   'https://api.example/v1/')->'data') d;
SELECT linkedevents.image_detail('2', 'use_image_proxy=True&format=json', 'https://api.example/v1/')->>'url' AS proxied,
       linkedevents.image_detail('2', 'use_image_proxy=0')->>'url' AS stored;
