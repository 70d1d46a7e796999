-- Helpers shared by the endpoints (SPEC 0.5, 1.8, 3, D2, D19).
SELECT le_test_reset();
-- D2 booleans: absent or empty is NULL.
SELECT v, linkedevents._bool_param(jsonb_build_object('no_parent', v), 'no_parent')
  FROM unnest(ARRAY['true', 'True', 'TRUE', '1', 'false', 'False', 'FALSE', '0', '']) AS v;
SELECT linkedevents._bool_param('{}', 'no_parent');
\set VERBOSITY sqlstate
SELECT linkedevents._bool_param('{"no_parent": "tRue"}', 'no_parent');
SELECT linkedevents._bool_param('{"no_parent": "yes"}', 'no_parent');
\set VERBOSITY default
SELECT linkedevents._bool_param('{"dissolved": " true"}', 'dissolved');
-- Python int(): white space, sign and single underscores between digits,
-- Unicode decimal digits; NULL beyond bigint.
SELECT v, linkedevents._python_int(v)
  FROM unnest(ARRAY['12', ' +12 ', '-3', '1_000', '1__0', '_1', '1_', '2.0', '', 'x',
                    '99999999999999999999', '9223372036854775807', E'\t7\n', '٤٢']) AS v;
-- Python str.title().
SELECT v, linkedevents._title_case(v)
  FROM unnest(ARRAY['malmi', 'itä-pasila', 'vallila2x', 'ÄÄNEKOSKI', 'o''neil', '', '12']) AS v;
-- A literal substring as an ILIKE pattern.
SELECT linkedevents._contains_pattern('50%_a\b');
SELECT 'x50%_a\by' ILIKE linkedevents._contains_pattern('50%_A\b'),
       'x50%za\by' ILIKE linkedevents._contains_pattern('50%_a\b');
-- sort: whitelisted keys only, '-' for descending, trimmed, default when
-- none is kept, id last.
SELECT s, linkedevents._order_by(s, '{a, b}', '{t.a, t.b}', 't.a DESC')
  FROM unnest(ARRAY[NULL, '', 'b', '-b, a', 'x,-a', 'a;drop', '--a', ' - a']) AS s;
-- page_size and page.
SELECT v, linkedevents._page_size(jsonb_build_object('page_size', v), 20, 100)
  FROM unnest(ARRAY['1', '100', '101', '0', '-5', 'x', '']) AS v;
SELECT v, linkedevents._page(jsonb_build_object('page', v), 45, 20)
  FROM unnest(ARRAY['1', '3', 'last', '', ' 2 ']) AS v;
SELECT linkedevents._page('{"page": "last"}', 0, 20);
\set VERBOSITY sqlstate
SELECT linkedevents._page('{"page": "4"}', 45, 20);
SELECT linkedevents._page('{"page": "Last"}', 45, 20);
\set VERBOSITY default
-- format and srid.
SELECT v, linkedevents._format(jsonb_build_object('format', v))
  FROM unnest(ARRAY['json', 'json-ld', 'api', '']) AS v;
SELECT linkedevents._srid('{}'), linkedevents._srid('{"srid": " 3067 "}');
-- Division completion.
INSERT INTO linkedevents.division (ocd_id, type, name) VALUES
    ('ocd-division/country:fi/kunta:helsinki/peruspiiri:malmi', 'district', '{"fi": "Malmi"}'),
    ('ocd-division/country:se/kommun:stockholm', 'muni', '{"sv": "Stockholm"}');
SELECT linkedevents._divisions('{peruspiiri:malmi}'),
       linkedevents._divisions('{country:se/kommun:stockholm}'),
       linkedevents._divisions('{stockholm,malmi}'),
       linkedevents._divisions('{Malmi:x,""}');
