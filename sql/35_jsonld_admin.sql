-- created_by and last_modified_by (SPEC 4.1, D22): shown in event, place,
-- keyword and image documents to a signed-in user (linkedevents.user_id)
-- who administers the publisher, i.e. whose linkedevents.user_organizations
-- meet the publisher's tree_path; never to anyone else, never for an object
-- without a publisher. Through to_jsonld, embedded objects, and the list and
-- detail endpoints.
SELECT le_test_reset();
SET linkedevents.base_url = 'https://api.example/v1/';
SET timezone = 'UTC';

INSERT INTO linkedevents.data_source (id, user_editable_resources) VALUES ('helsinki', true);
INSERT INTO linkedevents.organization (id, data_source, parent) VALUES
    ('org:root', 'helsinki', NULL), ('org:a', 'helsinki', 'org:root'), ('org:a1', 'helsinki', 'org:a'),
    ('org:b', 'helsinki', NULL);
INSERT INTO linkedevents.image (id, data_source, publisher, url, created_time, last_modified_time,
                                created_by, last_modified_by) VALUES
    (7, 'helsinki', 'org:a1', 'https://img.example/7.jpg', '2021-01-01', '2021-01-02', 'alice', 'bob'),
    (8, 'helsinki', NULL, 'https://img.example/8.jpg', '2021-01-01', '2021-01-02', 'alice', 'bob');
INSERT INTO linkedevents.place (id, data_source, publisher, name, created_time, last_modified_time,
                                created_by, last_modified_by) VALUES
    ('helsinki:p1', 'helsinki', 'org:a1', '{"fi": "Paikka"}', '2021-01-01', '2021-01-02', 'alice', 'bob');
INSERT INTO linkedevents.keyword (id, data_source, publisher, name, created_time, last_modified_time,
                                  created_by, last_modified_by) VALUES
    ('helsinki:k1', 'helsinki', 'org:a1', '{"fi": "Avainsana"}', '2021-01-01', '2021-01-02', 'alice', NULL);
INSERT INTO linkedevents.event (id, data_source, publisher, location, keywords, publication_status, deleted,
                                name, created_time, last_modified_time, created_by, last_modified_by) VALUES
    ('helsinki:a1', 'helsinki', 'org:a1', 'helsinki:p1', '{helsinki:k1}', 'public', false, '{"fi": "A1"}',
     '2021-01-01', '2021-01-02', 'alice', 'bob'),
    ('helsinki:a', 'helsinki', 'org:a', NULL, '{}', 'draft', false, '{"fi": "A"}',
     '2021-01-01', '2021-01-02', 'carol', NULL),
    ('helsinki:b', 'helsinki', 'org:b', NULL, '{}', 'public', false, '{"fi": "B"}',
     '2021-01-01', '2021-01-02', 'dave', 'dave'),
    ('helsinki:none', 'helsinki', NULL, NULL, '{}', 'public', false, '{"fi": "-"}',
     '2021-01-01', '2021-01-02', 'alice', 'alice'),
    ('helsinki:gone', 'helsinki', 'org:a1', NULL, '{}', 'public', true, '{"fi": "X"}',
     '2021-01-01', '2021-01-02', 'alice', 'bob');
INSERT INTO linkedevents.event_image (event, image, position) VALUES ('helsinki:a1', 7, 1), ('helsinki:a1', 8, 2);

-- The users an object shows ("-" when the keys are absent), and whether an
-- event shows publication_status (which follows the same rule).
CREATE FUNCTION pg_temp.users(doc json) RETURNS text LANGUAGE sql AS $$
    SELECT CASE WHEN doc::jsonb ? 'created_by' OR doc::jsonb ? 'last_modified_by'
                THEN concat_ws('/', coalesce(doc->>'created_by', 'null'), coalesce(doc->>'last_modified_by', 'null'))
                     || CASE WHEN doc::jsonb ? 'publication_status' THEN ' +status' ELSE '' END
                WHEN doc::jsonb ? 'publication_status' THEN '- +status'
                ELSE '-' END
$$;
-- The caller, for the rest of the transaction.
CREATE FUNCTION pg_temp.sign_in(user_id text, organizations text) RETURNS void LANGUAGE sql AS $$
    SELECT set_config('linkedevents.user_id', user_id, true),
           set_config('linkedevents.user_organizations', organizations, true)
$$;
-- Every object of the data, one line: to_jsonld of each row, and the place,
-- keyword and images embedded in helsinki:a1.
CREATE FUNCTION pg_temp.shown() RETURNS text LANGUAGE sql AS $$
    SELECT string_agg(what || ' ' || pg_temp.users(doc), ', ' ORDER BY o, what)
      FROM (SELECT 1, e.id, linkedevents.to_jsonld(e) FROM linkedevents.event e
            UNION ALL SELECT 2, p.id, linkedevents.to_jsonld(p) FROM linkedevents.place p
            UNION ALL SELECT 3, k.id, linkedevents.to_jsonld(k) FROM linkedevents.keyword k
            UNION ALL SELECT 4, 'image ' || i.id, linkedevents.to_jsonld(i) FROM linkedevents.image i
            UNION ALL SELECT 5, 'in a1: ' || x.k, x.v
                        FROM linkedevents.event e,
                             LATERAL (SELECT 'location', linkedevents.to_jsonld(e, '{location,keywords}')->'location'
                                      UNION ALL SELECT 'keyword', linkedevents.to_jsonld(e, '{keywords}')->'keywords'->0
                                      UNION ALL SELECT 'image ' || (im->>'id'), im
                                                  FROM json_array_elements(linkedevents.to_jsonld(e)->'images') im) x(k, v)
                       WHERE e.id = 'helsinki:a1') s(o, what, doc)
$$;

-- Anonymous: never. Organizations without a user do not count. A signed-in
-- user sees the users of the objects whose publisher's subtree they
-- administer: an administrator of org:a1 those of org:a1, not those of its
-- parent org:a; an administrator of org:root all of its subtree. Never the
-- deleted event's reduced form, never objects without a publisher.
CREATE FUNCTION pg_temp.shown_to(user_id text, organizations text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_temp.sign_in(user_id, organizations);
    RETURN pg_temp.shown();
END $$;
SELECT caller, pg_temp.shown_to(u, o) AS shown
  FROM (VALUES (1, 'anonymous', '', ''), (2, 'organizations, no user', '', 'org:root'),
               (3, 'dave of org:b', 'dave', 'org:b'), (4, 'dave, no organizations', 'dave', ''),
               (5, 'alice of org:a1', 'alice', 'org:a1'), (6, 'erin of org:b, org:root', 'erin', 'org:b, org:root'))
       AS v(n, caller, u, o)
 ORDER BY n;

-- Where the keys go (the reference's serializer order): events after
-- end_time, images after last_modified_time, places after image, keywords
-- after data_source; otherwise the anonymous documents unchanged.
BEGIN;
SET LOCAL linkedevents.user_id = 'erin';
SET LOCAL linkedevents.user_organizations = 'org:root';
CREATE TEMP TABLE admin_docs AS
SELECT 'event' AS r, linkedevents.to_jsonld(e) AS doc FROM linkedevents.event e WHERE id = 'helsinki:a1'
UNION ALL SELECT 'place', linkedevents.to_jsonld(p) FROM linkedevents.place p
UNION ALL SELECT 'keyword', linkedevents.to_jsonld(k) FROM linkedevents.keyword k
UNION ALL SELECT 'image', linkedevents.to_jsonld(i) FROM linkedevents.image i WHERE id = 7;
SELECT r, (SELECT string_agg(k, ',') FROM json_object_keys(doc) k) AS keys FROM admin_docs;
COMMIT;
SELECT r, regexp_replace(doc::text, ',"(created_by|last_modified_by|publication_status)":("[^"]*"|null)', '', 'g')
          = CASE r WHEN 'event' THEN (SELECT linkedevents.to_jsonld(e)::text FROM linkedevents.event e
                                       WHERE id = 'helsinki:a1')
                   WHEN 'place' THEN (SELECT linkedevents.to_jsonld(p)::text FROM linkedevents.place p)
                   WHEN 'keyword' THEN (SELECT linkedevents.to_jsonld(k)::text FROM linkedevents.keyword k)
                   WHEN 'image' THEN (SELECT linkedevents.to_jsonld(i)::text FROM linkedevents.image i
                                       WHERE id = 7) END AS anonymous_plus_admin_fields
  FROM admin_docs ORDER BY r;

-- The endpoints, detail and list, through get(): anonymous, then a signed-in
-- non-administrator, then an administrator of the publisher's parent.
CREATE FUNCTION pg_temp.endpoints(user_id text, organizations text)
    RETURNS TABLE (request text, status int, users text) LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_temp.sign_in(user_id, organizations);
    RETURN QUERY
    SELECT r.path || '?' || r.query, g.status,
           CASE WHEN g.body::jsonb ? 'data'
                THEN (SELECT string_agg(d->>'id' || ' ' || pg_temp.users(d), ', ' ORDER BY d->>'id')
                        FROM json_array_elements(g.body->'data') d)
                ELSE pg_temp.users(g.body) END
      FROM (VALUES (1, 'event/helsinki:a1/', ''), (2, 'event/', 'show_all=true'),
                   (3, 'event/', 'ids=helsinki:a1&include=location,keywords'),
                   (4, 'place/helsinki:p1/', ''), (5, 'place/', 'show_all_places=true'),
                   (6, 'keyword/helsinki:k1/', ''), (7, 'keyword/', 'show_all_keywords=true'),
                   (8, 'image/7/', ''), (9, 'image/', '')) AS r(o, path, query),
           linkedevents.get(r.path, r.query) g
     ORDER BY r.o;
END $$;
SELECT * FROM pg_temp.endpoints('', '');
SELECT * FROM pg_temp.endpoints('dave', 'org:b');
SELECT * FROM pg_temp.endpoints('dave', 'org:a');
-- The embedded location and keyword of an admin's event list page, in full.
BEGIN;
SET LOCAL linkedevents.user_id = 'alice';
SET LOCAL linkedevents.user_organizations = 'org:a1';
SELECT body->'data'->0->'location' AS location, body->'data'->0->'keywords' AS keywords
  FROM linkedevents.get('event/', 'ids=helsinki:a1&include=location,keywords');
ROLLBACK;

-- Importing what an administrator is shown (users, publication_status,
-- embedded images) changes nothing.
BEGIN;
SET LOCAL linkedevents.user_id = 'erin';
SET LOCAL linkedevents.user_organizations = 'org:root';
CREATE TEMP TABLE versions AS
SELECT 'event' AS r, id, xmin::text AS v FROM linkedevents.event
UNION ALL SELECT 'place', id, xmin::text FROM linkedevents.place
UNION ALL SELECT 'keyword', id, xmin::text FROM linkedevents.keyword
UNION ALL SELECT 'image', id::text, xmin::text FROM linkedevents.image;
SELECT path, linkedevents.import(g.body::jsonb) AS imported, g.body::jsonb ? 'created_by' AS with_users
  FROM unnest(ARRAY['event/helsinki:a1/', 'event/helsinki:a/', 'place/helsinki:p1/', 'keyword/helsinki:k1/',
                    'image/7/']) path,
       linkedevents.get(path) g;
SELECT count(*) AS rewritten
  FROM versions v
 WHERE v.v IS DISTINCT FROM CASE v.r
           WHEN 'event' THEN (SELECT xmin::text FROM linkedevents.event t WHERE t.id = v.id)
           WHEN 'place' THEN (SELECT xmin::text FROM linkedevents.place t WHERE t.id = v.id)
           WHEN 'keyword' THEN (SELECT xmin::text FROM linkedevents.keyword t WHERE t.id = v.id)
           WHEN 'image' THEN (SELECT xmin::text FROM linkedevents.image t WHERE t.id::text = v.id) END;
ROLLBACK;
