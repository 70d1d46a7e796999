-- The kwquery type: a boolean query over keyword ids (kwquery_*.c), its @@
-- operator over text[], combinators, and the GIN operator class kwquery_ops.

CREATE TYPE linkedevents.kwquery;

CREATE FUNCTION linkedevents.kwquery_in(cstring) RETURNS linkedevents.kwquery
    AS 'MODULE_PATHNAME', 'le_kwquery_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION linkedevents.kwquery_out(linkedevents.kwquery) RETURNS cstring
    AS 'MODULE_PATHNAME', 'le_kwquery_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION linkedevents.kwquery_recv(internal) RETURNS linkedevents.kwquery
    AS 'MODULE_PATHNAME', 'le_kwquery_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION linkedevents.kwquery_send(linkedevents.kwquery) RETURNS bytea
    AS 'MODULE_PATHNAME', 'le_kwquery_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE linkedevents.kwquery (
    INPUT = linkedevents.kwquery_in,
    OUTPUT = linkedevents.kwquery_out,
    RECEIVE = linkedevents.kwquery_recv,
    SEND = linkedevents.kwquery_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended
);
COMMENT ON TYPE linkedevents.kwquery IS
    'boolean query over keyword ids, e.g. (yso:p1235 | yso:p1947) & !yso:p4354; '
    '! binds tighter than &, & tighter than |';

-- Matching -----------------------------------------------------------------

CREATE FUNCTION linkedevents.kwquery_match(text[], linkedevents.kwquery) RETURNS boolean
    AS 'MODULE_PATHNAME', 'le_kwquery_match' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.kwquery_match(text[], linkedevents.kwquery) IS
    'does the array satisfy the query (implements @@)';
CREATE FUNCTION linkedevents.kwquery_rmatch(linkedevents.kwquery, text[]) RETURNS boolean
    AS 'MODULE_PATHNAME', 'le_kwquery_rmatch' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.kwquery_rmatch(linkedevents.kwquery, text[]) IS
    'does the array satisfy the query (implements ~~, @@ reversed)';

CREATE FUNCTION linkedevents.kwquery_matchsel(internal, oid, internal, integer)
    RETURNS float8
    AS 'MODULE_PATHNAME', 'le_kwquery_matchsel' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.kwquery_matchsel(internal, oid, internal, integer) IS
    'restriction selectivity of @@ and ~~ from most-common-element statistics';

CREATE OPERATOR linkedevents.@@ (
    LEFTARG = text[], RIGHTARG = linkedevents.kwquery,
    FUNCTION = linkedevents.kwquery_match,
    COMMUTATOR = OPERATOR(linkedevents.~~),
    RESTRICT = linkedevents.kwquery_matchsel, JOIN = matchingjoinsel
);
COMMENT ON OPERATOR linkedevents.@@ (text[], linkedevents.kwquery) IS
    'array satisfies keyword query';
CREATE OPERATOR linkedevents.~~ (
    LEFTARG = linkedevents.kwquery, RIGHTARG = text[],
    FUNCTION = linkedevents.kwquery_rmatch,
    COMMUTATOR = OPERATOR(linkedevents.@@),
    RESTRICT = linkedevents.kwquery_matchsel, JOIN = matchingjoinsel
);
COMMENT ON OPERATOR linkedevents.~~ (linkedevents.kwquery, text[]) IS
    'keyword query is satisfied by array';

-- Building queries without going through text --------------------------------

CREATE FUNCTION linkedevents.kwquery_and(linkedevents.kwquery, linkedevents.kwquery)
    RETURNS linkedevents.kwquery
    AS 'MODULE_PATHNAME', 'le_kwquery_and' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.kwquery_and(linkedevents.kwquery, linkedevents.kwquery) IS
    'a & b (implements &&)';
CREATE FUNCTION linkedevents.kwquery_or(linkedevents.kwquery, linkedevents.kwquery)
    RETURNS linkedevents.kwquery
    AS 'MODULE_PATHNAME', 'le_kwquery_or' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.kwquery_or(linkedevents.kwquery, linkedevents.kwquery) IS
    'a | b (implements ||)';
CREATE FUNCTION linkedevents.kwquery_not(linkedevents.kwquery)
    RETURNS linkedevents.kwquery
    AS 'MODULE_PATHNAME', 'le_kwquery_not' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.kwquery_not(linkedevents.kwquery) IS
    '!a (implements !!)';

CREATE OPERATOR linkedevents.&& (
    LEFTARG = linkedevents.kwquery, RIGHTARG = linkedevents.kwquery,
    FUNCTION = linkedevents.kwquery_and
);
COMMENT ON OPERATOR linkedevents.&& (linkedevents.kwquery, linkedevents.kwquery) IS 'AND';
CREATE OPERATOR linkedevents.|| (
    LEFTARG = linkedevents.kwquery, RIGHTARG = linkedevents.kwquery,
    FUNCTION = linkedevents.kwquery_or
);
COMMENT ON OPERATOR linkedevents.|| (linkedevents.kwquery, linkedevents.kwquery) IS 'OR';
CREATE OPERATOR linkedevents.!! (
    RIGHTARG = linkedevents.kwquery,
    FUNCTION = linkedevents.kwquery_not
);
COMMENT ON OPERATOR linkedevents.!! (NONE, linkedevents.kwquery) IS 'NOT';

CREATE FUNCTION linkedevents.kwquery_any(ids text[]) RETURNS linkedevents.kwquery
    AS 'MODULE_PATHNAME', 'le_kwquery_any' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.kwquery_any(text[]) IS
    'the query id1 | id2 | ... (NULL for an empty array); ids must be valid kwquery ids';

-- GIN ----------------------------------------------------------------------

CREATE FUNCTION linkedevents.kwquery_gin_extract_query(text[], internal, int2, internal,
                                                       internal, internal, internal)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'le_kwquery_gin_extract_query' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.kwquery_gin_extract_query(text[], internal, int2, internal,
                                                           internal, internal, internal) IS
    'GIN support of kwquery_ops: keys of a query (the first argument is a kwquery for @@)';
CREATE FUNCTION linkedevents.kwquery_gin_consistent(internal, int2, text[], integer, internal,
                                                    internal, internal, internal)
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'le_kwquery_gin_consistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.kwquery_gin_consistent(internal, int2, text[], integer,
                                                        internal, internal, internal, internal) IS
    'GIN support of kwquery_ops: does an item with these keys match';
CREATE FUNCTION linkedevents.kwquery_gin_triconsistent(internal, int2, text[], integer,
                                                       internal, internal, internal)
    RETURNS "char"
    AS 'MODULE_PATHNAME', 'le_kwquery_gin_triconsistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.kwquery_gin_triconsistent(internal, int2, text[], integer,
                                                           internal, internal, internal) IS
    'GIN support of kwquery_ops: three-valued consistent';

CREATE OPERATOR CLASS linkedevents.kwquery_ops FOR TYPE text[] USING gin AS
    OPERATOR 1 pg_catalog.&& (anyarray, anyarray),
    OPERATOR 2 pg_catalog.@> (anyarray, anyarray),
    OPERATOR 3 pg_catalog.<@ (anyarray, anyarray),
    OPERATOR 5 linkedevents.@@ (text[], linkedevents.kwquery),
    FUNCTION 1 pg_catalog.bttextcmp(text, text),
    FUNCTION 2 pg_catalog.ginarrayextract(anyarray, internal, internal),
    FUNCTION 3 linkedevents.kwquery_gin_extract_query(text[], internal, int2, internal,
                                                      internal, internal, internal),
    FUNCTION 4 linkedevents.kwquery_gin_consistent(internal, int2, text[], integer, internal,
                                                   internal, internal, internal),
    FUNCTION 6 linkedevents.kwquery_gin_triconsistent(internal, int2, text[], integer,
                                                      internal, internal, internal),
    STORAGE text;
COMMENT ON OPERATOR CLASS linkedevents.kwquery_ops USING gin IS
    'text[] keyed by element: @@ kwquery, &&, @>, <@';

CREATE FUNCTION linkedevents.kwquery_gin_keys(query linkedevents.kwquery,
                                              OUT keys text[], OUT match_all boolean)
    AS 'MODULE_PATHNAME', 'le_kwquery_gin_keys' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.kwquery_gin_keys(linkedevents.kwquery) IS
    'the index keys kwquery_ops looks up for @@ query, and whether it must also '
    'visit the arrays holding none of them (a query true without any of its ids)';

-- The event list answers every keyword parameter with one condition on
-- keywords and audience together: (keywords || audience) @@ query.
CREATE INDEX event_keywords_audience_idx ON linkedevents.event
    USING gin ((keywords OPERATOR(pg_catalog.||) audience) linkedevents.kwquery_ops);
