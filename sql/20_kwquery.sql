-- The kwquery type: text form, @@, combinators, limits.
SELECT le_test_reset();

-- Parsing and the canonical text form (SPEC D23): ! over & over |,
-- parentheses only where the tree needs them, ids are any other characters.
SELECT q AS input, q::linkedevents.kwquery AS canonical
  FROM (VALUES ('(yso:p1235 | yso:p1947) & (yso:p14004 | yso:p11185) & !yso:p4354'),
               ('a|b&c'), ('(a|b)&c'), ('a&b|c'), ('a&(b|c)'), ('a & b & c'),
               ('a & (b & c)'), ('a | (b | c)'), ('(a | b) | c'), ('!a&!b'), ('!(a&b)'),
               ('!!a'), ('!(!a)'), ('((((a))))'), ('  a	&
b  '), ('a & !(b | !c)'), ('helsinki:agggfz67ay'), ('ä-ö/x.y:z_1'), ('a#$%^*'))
       AS t (q);
-- The output re-parses to the same query.
SELECT q, q::linkedevents.kwquery::text::linkedevents.kwquery::text = q::linkedevents.kwquery::text AS same
  FROM (VALUES ('a | (b | c) & !(d & e)'), ('!(a | b) & (c | d) | e'), ('a & (b & (c & d))')) AS t (q);

-- Malformed input: 22P02 with the character position.
CREATE FUNCTION pg_temp.try(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE result text;
BEGIN
    EXECUTE sql INTO result;
    RETURN result;
EXCEPTION WHEN OTHERS THEN
    DECLARE state text; msg text; detail text;
    BEGIN
        GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL;
        RETURN state || ': ' || msg || ' ' || detail;
    END;
END $$;
SELECT q AS input, pg_temp.try(format('SELECT %L::linkedevents.kwquery', q)) AS result
  FROM (VALUES (''), ('   '), ('a &'), ('& a'), ('a & & b'), ('a | | b'), ('a b'), ('(a'),
               ('a)'), ('(a | b))'), ('((a)'), ('()'), ('a & ()'), ('!'), ('a !b'), ('a (b)'),
               ('ä & (ö |'), ('ä ö')) AS t (q);

-- @@ and its mirror ~~: does the array satisfy the query?
SELECT a, q, a OPERATOR(linkedevents.@@) q::linkedevents.kwquery AS match,
       q::linkedevents.kwquery OPERATOR(linkedevents.~~) a AS rmatch
  FROM (VALUES ('{a,b}'::text[], 'a'), ('{a,b}', 'c'), ('{a,b}', 'a & b'), ('{a}', 'a & b'),
               ('{a}', 'a | b'), ('{c}', 'a | b'), ('{}', '!a'), ('{a}', '!a'), ('{b}', '!a'),
               ('{NULL,b}', 'b & !a'), ('{c,a}', '(a | b) & c & !d'), ('{c,a,d}', '(a | b) & c & !d'),
               ('{{a,b},{c,d}}', 'a & d'), ('{x}', '!!x'), ('{A}', 'a')) AS t (a, q);
-- NULL arguments give NULL (strict).
SELECT NULL::text[] OPERATOR(linkedevents.@@) 'a'::linkedevents.kwquery AS null_array,
       '{a}'::text[] OPERATOR(linkedevents.@@) NULL::linkedevents.kwquery AS null_query;

-- Combinators build queries without text; kwquery_any refuses ids the text
-- form cannot hold.
SELECT linkedevents.kwquery_any('{a,b,c}') AS any_of,
       linkedevents.kwquery_any('{a,NULL}') AS skips_null,
       linkedevents.kwquery_any('{}') IS NULL AS empty_is_null,
       'a | b'::linkedevents.kwquery OPERATOR(linkedevents.&&) 'c'::linkedevents.kwquery AS and_op,
       'a'::linkedevents.kwquery OPERATOR(linkedevents.||) 'b & c'::linkedevents.kwquery AS or_op,
       'c'::linkedevents.kwquery OPERATOR(linkedevents.&&) 'a & b'::linkedevents.kwquery AS and_nested,
       OPERATOR(linkedevents.!!) 'a | b'::linkedevents.kwquery AS not_op;
SELECT pg_temp.try($$SELECT linkedevents.kwquery_any(ARRAY['a', 'b c'])$$) AS space,
       pg_temp.try($$SELECT linkedevents.kwquery_any(ARRAY[''])$$) AS empty;

-- Binary send/receive round trip (COPY BINARY).
CREATE TEMP TABLE queries (q linkedevents.kwquery);
INSERT INTO queries VALUES ('(a | b) & !c'), ('ä | x:1');
CREATE TEMP TABLE queries2 (q linkedevents.kwquery);
DO $$
DECLARE
    file text := current_setting('data_directory') || '/le_kwquery_test.bin';
BEGIN
    EXECUTE format('COPY queries TO %L WITH (FORMAT binary)', file);
    EXECUTE format('COPY queries2 FROM %L WITH (FORMAT binary)', file);
END $$;
SELECT q FROM queries2;

-- Big inputs: a 100k-term query, 10k nested parentheses and a 100k-deep
-- chain of ! parse, print and evaluate without recursion.
SELECT length(q::text) AS length,
       '{t99999}'::text[] OPERATOR(linkedevents.@@) q AS last_found,
       '{x}'::text[] OPERATOR(linkedevents.@@) q AS none_found
  FROM (SELECT string_agg('t' || i, ' | ')::linkedevents.kwquery AS q
          FROM generate_series(0, 99999) AS i) AS t;
SELECT (repeat('(', 10000) || 'a' || repeat(')', 10000))::linkedevents.kwquery AS nested;
SELECT length(q::text) AS length, '{a}'::text[] OPERATOR(linkedevents.@@) q AS even_nots
  FROM (SELECT (repeat('!', 100000) || 'a')::linkedevents.kwquery AS q) AS t;
SELECT length(q::text) AS length, '{x}'::text[] OPERATOR(linkedevents.@@) q AS match
  FROM (SELECT (repeat('!(x & ', 20000) || 'a' || repeat(')', 20000))::linkedevents.kwquery AS q) AS t;
SELECT right(pg_temp.try(format('SELECT %L::linkedevents.kwquery',
                                repeat('(', 10000) || 'a' || repeat(')', 9999))), 30) AS unbalanced;
