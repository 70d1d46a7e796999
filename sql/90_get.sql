-- linkedevents.get(path, query, base_url): routing, decoding and statuses
-- (DESIGN "SQL contract", SPEC 0.1, 0.3, D1).
SELECT le_test_reset();
INSERT INTO linkedevents.data_source (id) VALUES ('ds');
INSERT INTO linkedevents.keyword (id, data_source, name, deprecated) VALUES
    ('yso:1', 'ds', '{"fi": "a"}', false), ('yso:2', 'ds', '{"fi": "b"}', true),
    ('ä ö', 'ds', NULL, false);
INSERT INTO linkedevents.keyword (id, data_source, replaced_by) VALUES ('yso:3', 'ds', 'yso:1');
INSERT INTO linkedevents.language (id) VALUES ('fi');
INSERT INTO linkedevents.organization (id) VALUES ('org');
INSERT INTO linkedevents.image (id) VALUES (7);
INSERT INTO linkedevents.keyword_set (id) VALUES ('set');
INSERT INTO linkedevents.place (id, data_source) VALUES ('place:1', 'ds');
INSERT INTO linkedevents.event (id, data_source, keywords, location) VALUES ('ds:1', 'ds', '{yso:1}', 'place:1');
CREATE FUNCTION pg_temp.show(path text, query text DEFAULT '', base_url text DEFAULT NULL)
    RETURNS TABLE (status int, location text, body text) LANGUAGE sql AS $$
    SELECT g.status, g.location,
           left(regexp_replace(g.body::text, '"\d{4}-\d\d-\d\dT[^"]*"', '"<time>"', 'g'), 90)
      FROM linkedevents.get(path, query, base_url) g
$$;

-- Every resource, list and detail; a leading "/" or "/v1/" and a missing
-- trailing slash are accepted.
SELECT * FROM pg_temp.show('place/');
SELECT * FROM pg_temp.show('/v1/keyword', 'show_all_keywords=1');
SELECT * FROM pg_temp.show('/keyword_set/');
SELECT * FROM pg_temp.show('v1/organization/org');
SELECT * FROM pg_temp.show('/v1/image/7/');
SELECT * FROM pg_temp.show('/v1/language/fi');
SELECT * FROM pg_temp.show('/v1/place/place:1/');
SELECT * FROM pg_temp.show('keyword/yso:1/', '', 'https://api.example/v1/');
-- Ids are percent-decoded.
SELECT * FROM pg_temp.show('keyword/yso%3A1/');
SELECT * FROM pg_temp.show('/v1/keyword/%C3%A4%20%C3%B6/');
-- Unknown paths: 404 {"detail": "Not found."}.
SELECT * FROM pg_temp.show('');
SELECT * FROM pg_temp.show('/');
SELECT * FROM pg_temp.show('/v1/');
SELECT * FROM pg_temp.show('/v2/place/');
SELECT * FROM pg_temp.show('places/');
SELECT * FROM pg_temp.show('Place/');
SELECT * FROM pg_temp.show('place//');
SELECT * FROM pg_temp.show('place/a/b/');
SELECT * FROM pg_temp.show('place/a.json');
SELECT * FROM pg_temp.show('place.json');
SELECT * FROM pg_temp.show('place/a%2Fb/');
SELECT * FROM pg_temp.show('place/a%2eb/');
SELECT * FROM pg_temp.show('place/%FF/');
SELECT * FROM pg_temp.show('v1/v1/place/');
SELECT * FROM pg_temp.show('keyword/yso:404/');
SELECT * FROM pg_temp.show('image/x/');
-- 400 for bad values, 404 for a bad page or format, 410 and 301 on details.
SELECT * FROM pg_temp.show('keyword/', 'show_deprecated=maybe');
SELECT * FROM pg_temp.show('keyword/', 'page=9');
SELECT * FROM pg_temp.show('language/', 'format=xml');
SELECT * FROM pg_temp.show('keyword/yso:2/');
SELECT * FROM pg_temp.show('keyword/yso:3/', 'format=api&text=x', 'https://api.example/v1/');
SELECT * FROM pg_temp.show('keyword_set/', 'sort=x');
-- The message is escaped as JSON.
SELECT * FROM pg_temp.show('keyword/', 'show_deprecated=%22%5C%0A' || U&'\2028');
SELECT body::text FROM linkedevents.get('place/', 'show_deleted=x"y');
-- Errors that are not the API's are raised. The event endpoints are written
-- elsewhere: until they exist, the call fails as itself, naming the
-- function the path routes to; once they exist, no error escapes here.
DO $$
BEGIN
    PERFORM linkedevents.get('/v1/event', 'page=1');
    PERFORM linkedevents.get('/v1/event/ds%3A1/', 'page=1');
EXCEPTION WHEN undefined_function THEN
    IF SQLERRM NOT LIKE 'function linkedevents.event_list(text, text) does not exist' THEN
        RAISE;
    END IF;
END $$;
DO $$
BEGIN
    PERFORM linkedevents.get('/v1/event/ds%3A1/', 'page=1');
EXCEPTION WHEN undefined_function THEN
    IF SQLERRM NOT LIKE 'function linkedevents.event_detail(text, text, text) does not exist' THEN
        RAISE;
    END IF;
END $$;
SELECT provolatile FROM pg_proc WHERE oid = 'linkedevents.get'::regproc;
-- Integers past 64 bits are out of range, not an internal error: a page that
-- large is past the last page, a page_size that large is the default.
SELECT status, body FROM linkedevents.get('place/', 'page=999999999999999999_9');
SELECT status, body->'meta'->'count' AS count FROM linkedevents.get('language/', 'page_size=99999999999999999999');
