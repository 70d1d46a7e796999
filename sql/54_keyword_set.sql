-- GET /v1/keyword_set/ (SPEC 5.3, D24) and /v1/keyword_set/<id>/ (SPEC 4.13).
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

INSERT INTO linkedevents.data_source (id) VALUES ('helsinki');
INSERT INTO linkedevents.keyword (id, data_source, name) VALUES
    ('yso:1', 'helsinki', '{"fi": "juusto"}'), ('yso:2', 'helsinki', '{"fi": "kala"}');
INSERT INTO linkedevents.keyword_set (id, data_source, name, usage, keywords) VALUES
    ('helsinki:topics', 'helsinki', '{"fi": "Aiheet", "sv": "Ämnen", "en": "Topics"}', 'keyword', '{yso:2,yso:1}'),
    ('helsinki:audiences', 'helsinki', '{"fi": "Kohderyhmät", "en": "Audiences"}', 'audience', '{}'),
    ('kk:x_1', 'helsinki', '{"en": "Extra"}', 'any', '{yso:1}');

-- Default order id (D24).
SELECT pg_temp.ids(linkedevents.keyword_set_list());
-- text: comma list, any item in the fi, en or sv name or the id, case-insensitive.
SELECT pg_temp.ids(linkedevents.keyword_set_list('text=ÄMNEN'));
SELECT pg_temp.ids(linkedevents.keyword_set_list('text=kohde,extra'));
SELECT pg_temp.ids(linkedevents.keyword_set_list('text=x_'));
SELECT pg_temp.ids(linkedevents.keyword_set_list('text=x%25'));
SELECT pg_temp.ids(linkedevents.keyword_set_list('text=nothing'));
SELECT pg_temp.ids(linkedevents.keyword_set_list('text=nothing,'));
-- sort: name (Finnish; NULL last), id, usage and their '-' forms.
SELECT pg_temp.ids(linkedevents.keyword_set_list('sort=name'));
SELECT pg_temp.ids(linkedevents.keyword_set_list('sort=-name'));
SELECT pg_temp.ids(linkedevents.keyword_set_list('sort=usage'));
SELECT pg_temp.ids(linkedevents.keyword_set_list('sort=-usage,-id'));
-- Anything else in sort is a 400 listing the allowed values (sorted; the
-- reference prints a Python set in arbitrary order); items are not trimmed.
SELECT pg_temp.try($$SELECT linkedevents.keyword_set_list('sort=name, id')$$);
SELECT pg_temp.try($$SELECT linkedevents.keyword_set_list('sort=data_source')$$);
SELECT pg_temp.try($$SELECT linkedevents.keyword_set_list('sort=id,')$$);
SELECT pg_temp.try($$SELECT linkedevents.keyword_set_list('sort=bad&page=7')$$);
-- include=keywords embeds the keywords, in the set's order.
SELECT json_agg(k->>'id') FROM json_array_elements(
    linkedevents.keyword_set_list('include=keywords&text=topics')->'data'->0->'keywords') k;
SELECT linkedevents.keyword_set_list('text=topics')->'data'->0->'keywords';
SELECT linkedevents.keyword_set_list('page_size=1&page=last&format=api', 'https://x.example/v1/')->'meta';
SELECT pg_temp.try($$SELECT linkedevents.keyword_set_list('page=3')$$);
SELECT pg_temp.try($$SELECT linkedevents.keyword_set_list('format=csv')$$);
SELECT pg_temp.try($$SELECT linkedevents.keyword_set_list('srid=-1')$$);

-- Detail: 404 unknown; text and sort apply to it too.
SELECT linkedevents.keyword_set_detail('helsinki:topics', 'format=json')->>'@id';
SELECT json_agg(k->>'@type') FROM json_array_elements(
    linkedevents.keyword_set_detail('helsinki:topics', 'include=keywords')->'keywords') k;
SELECT linkedevents.keyword_set_detail('helsinki:topics', 'text=aihe')->>'id';
SELECT pg_temp.try($$SELECT linkedevents.keyword_set_detail('helsinki:topics', 'text=kohde')$$);
SELECT pg_temp.try($$SELECT linkedevents.keyword_set_detail('helsinki:topics', 'sort=x')$$);
SELECT pg_temp.try($$SELECT linkedevents.keyword_set_detail('helsinki:none')$$);
