-- GET /v1/organization/ (SPEC 5.6, D24) and /v1/organization/<id>/ (SPEC 4.13).
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

-- a
-- |- a:1 (dissolved yesterday)
-- |  `- a:1:x
-- `- a:2 (dissolves tomorrow)
--    |- a:2:a
--    `- a:2:b
-- b
SET linkedevents.time_zone = 'Pacific/Kiritimati';
INSERT INTO linkedevents.organization (id, parent, name, dissolution_date) VALUES
    ('a', NULL, 'A', NULL),
    ('a:2', 'a', 'A2', (now() AT TIME ZONE 'Pacific/Kiritimati')::date + 1),
    ('a:1', 'a', 'A1', (now() AT TIME ZONE 'Pacific/Kiritimati')::date - 1),
    ('a:2:b', 'a:2', 'A2B', NULL),
    ('a:2:a', 'a:2', 'A2A', (now() AT TIME ZONE 'Pacific/Kiritimati')::date),
    ('a:1:x', 'a:1', 'A1X', NULL),
    ('b', NULL, 'B', NULL);

-- Tree order: depth first from the roots, siblings by id.
SELECT pg_temp.ids(linkedevents.organization_list());
-- child: the ancestors, root first, not the organization itself.
SELECT pg_temp.ids(linkedevents.organization_list('child=a:2:b'));
SELECT pg_temp.ids(linkedevents.organization_list('child=a'));
SELECT pg_temp.ids(linkedevents.organization_list('child=nobody'));
-- parent: the descendants in tree order, not the organization itself.
SELECT pg_temp.ids(linkedevents.organization_list('parent=a'));
SELECT pg_temp.ids(linkedevents.organization_list('parent=a:2'));
SELECT pg_temp.ids(linkedevents.organization_list('parent=b'));
SELECT pg_temp.ids(linkedevents.organization_list('parent=nobody'));
-- Both: parent must be an ancestor of child; then all of parent's descendants.
SELECT pg_temp.ids(linkedevents.organization_list('child=a:2:b&parent=a'));
SELECT pg_temp.ids(linkedevents.organization_list('child=a:2:b&parent=a:2'));
SELECT pg_temp.ids(linkedevents.organization_list('child=a:2:b&parent=a:1'));
SELECT pg_temp.ids(linkedevents.organization_list('child=a:2:b&parent=a:2:b'));
-- dissolved: dissolution_date <= today in linkedevents.time_zone (true), or
-- later or none (false).
SELECT pg_temp.ids(linkedevents.organization_list('dissolved=true'));
SELECT pg_temp.ids(linkedevents.organization_list('dissolved=0'));
SELECT pg_temp.ids(linkedevents.organization_list('dissolved=false&parent=a'));
-- A re-parented subtree moves in the order at once.
UPDATE linkedevents.organization SET parent = 'b' WHERE id = 'a:1';
SELECT pg_temp.ids(linkedevents.organization_list());
SELECT pg_temp.ids(linkedevents.organization_list('child=a:1:x'));
SELECT linkedevents.organization_list('page_size=1&page=2&format=api&child=a:2:b&sort=x', 'https://x.example/v1/')->'meta';
SELECT pg_temp.try($$SELECT linkedevents.organization_list('dissolved=yes')$$);
SELECT pg_temp.try($$SELECT linkedevents.organization_list('dissolved=2&page=9')$$);
SELECT pg_temp.try($$SELECT linkedevents.organization_list('page=9')$$);
SELECT pg_temp.try($$SELECT linkedevents.organization_list('format=jsonld')$$);
SELECT pg_temp.try($$SELECT linkedevents.organization_list('srid=4326x')$$);

-- Detail: 404 when unknown.
SELECT linkedevents.organization_detail('a:2', 'format=json-ld')->>'@id';
SELECT linkedevents.organization_detail('a:2')->'sub_organizations';
SELECT pg_temp.try($$SELECT linkedevents.organization_detail('c')$$);
SELECT pg_temp.try($$SELECT linkedevents.organization_detail('a', 'format=txt')$$);
RESET linkedevents.time_zone;
