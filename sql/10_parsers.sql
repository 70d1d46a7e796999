SELECT le_test_reset();
-- err(sql): runs a query and shows "SQLSTATE: message" for its error.
CREATE FUNCTION pg_temp.err(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE query;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- Query strings: pairs in order, repeats kept; "+" is a space; keys without
-- "=" get an empty value; empty pieces are skipped.
SELECT * FROM linkedevents.parse_query('keyword=yso%3Ap1%2Cyso%3Ap2&keyword%21=x&text=a+b&keyword=b&&flag&empty=');
SELECT * FROM linkedevents.parse_query('');
SELECT * FROM linkedevents.parse_query('q=%C3%A4iti&bad=%C3&start=2020-02-19T11:22:33%2B02:00&raw=2020-02-19T11:22:33+02:00');
SELECT linkedevents.query_params('page=2&text=a&page=3&empty=&flag&x=%3D%26');
SELECT linkedevents.query_params('');
-- Malformed escapes and NUL.
SELECT pg_temp.err($$SELECT linkedevents.parse_query('a=%')$$);
SELECT pg_temp.err($$SELECT linkedevents.parse_query('a=%4')$$);
SELECT pg_temp.err($$SELECT linkedevents.query_params('a=1&b=%ZZ')$$);
SELECT pg_temp.err($$SELECT linkedevents.query_params('text=ab%00cd')$$);
SELECT pg_temp.err($$SELECT linkedevents.parse_query('x=1&k%00ey=v')$$);
