-- linkedevents install script, assembled by the Makefile from src/sql/NN_*.sql
-- in name order. Edit the parts, not the assembled file.

\echo Use "CREATE EXTENSION linkedevents CASCADE" to load this file. \quit

CREATE FUNCTION linkedevents._setting(name text) RETURNS text
    AS 'MODULE_PATHNAME', 'le_setting'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents._setting(text) IS
    'value of the setting linkedevents.<name>; loads the module so its defaults exist';

-- A multilingual field: an object of language id -> string (SPEC 0.6).
CREATE FUNCTION linkedevents._is_translation(value jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN value IS NULL
        OR (pg_catalog.jsonb_typeof(value) = 'object'
            AND NOT pg_catalog.jsonb_path_exists(value, '$.* ? (@.type() != "string")'));
