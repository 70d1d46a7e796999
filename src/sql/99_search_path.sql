-- Pin search_path on every SQL and PL/pgSQL function of the extension that
-- is not already bound at creation (a SQL-standard body is), so that no
-- caller's search_path can capture a name they use. PostGIS and pg_trgm live
-- wherever they were installed; their schemas are looked up here, once.
DO $$
DECLARE
    required_schemas text;
    fn regprocedure;
BEGIN
    SELECT pg_catalog.string_agg(DISTINCT pg_catalog.quote_ident(n.nspname), ', ')
      INTO required_schemas
      FROM pg_catalog.pg_extension e
      JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname IN ('postgis', 'pg_trgm');
    FOR fn IN
        SELECT p.oid::pg_catalog.regprocedure
          FROM pg_catalog.pg_proc p
          JOIN pg_catalog.pg_language l ON l.oid = p.prolang
         WHERE p.pronamespace = 'linkedevents'::pg_catalog.regnamespace
           AND l.lanname IN ('sql', 'plpgsql')
           AND p.prosqlbody IS NULL
           AND p.proconfig IS NULL
    LOOP
        EXECUTE pg_catalog.format(
            'ALTER FUNCTION %s SET search_path = pg_catalog, linkedevents, %s, pg_temp',
            fn, required_schemas);
    END LOOP;
END
$$;
