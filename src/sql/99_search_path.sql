-- Pin search_path on every SQL and PL/pgSQL function of the extension that
-- is not already bound at creation (a SQL-standard body is), so that no
-- caller's search_path can capture a name they use. PostGIS lives wherever
-- it was installed; its schema is looked up here, once.
DO $$
DECLARE
    postgis_schema text;
    fn regprocedure;
BEGIN
    SELECT n.nspname INTO postgis_schema
      FROM pg_catalog.pg_extension e
      JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'postgis';
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
            'ALTER FUNCTION %s SET search_path = pg_catalog, linkedevents, %I, pg_temp',
            fn, postgis_schema);
    END LOOP;
END
$$;
