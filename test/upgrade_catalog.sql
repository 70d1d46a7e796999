-- The extension's catalog as text, one line per object, for comparing a
-- fresh install with an updated one (test/upgrade.sh). Everything the
-- extension owns: functions, types, operators and their classes, tables
-- with columns, constraints, indexes, triggers, sequences, and grants; no
-- OIDs, which differ between the two.
\set ON_ERROR_STOP 1
\pset tuples_only on
\pset format unaligned
WITH ext AS (
    SELECT d.classid, d.objid
      FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
     WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e'
       AND e.extname = 'linkedevents'
), rels AS (
    SELECT c.oid, c.relname, c.relkind FROM pg_catalog.pg_class c JOIN ext ON ext.objid = c.oid
     WHERE ext.classid = 'pg_catalog.pg_class'::regclass
)
SELECT line FROM (
    SELECT 'function ' || p.oid::regprocedure::text || ' returns ' || pg_catalog.pg_get_function_result(p.oid)
           || ' ' || p.provolatile || p.proparallel || CASE WHEN p.proisstrict THEN ' strict' ELSE '' END
           || CASE WHEN p.prosecdef THEN ' definer' ELSE '' END
           || ' cost ' || p.procost || ' rows ' || p.prorows
           || ' config ' || coalesce(p.proconfig::text, '-')
           || ' acl ' || coalesce(p.proacl::text, '-')
           || ' body ' || pg_catalog.md5(coalesce(p.prosrc, '') || coalesce(p.probin, '')
                                        || coalesce(pg_catalog.pg_get_function_sqlbody(p.oid), ''))
      FROM pg_catalog.pg_proc p JOIN ext ON ext.objid = p.oid AND ext.classid = 'pg_catalog.pg_proc'::regclass
    UNION ALL
    SELECT 'type ' || t.oid::regtype::text || ' ' || t.typtype || ' ' || t.typlen || ' ' || t.typalign
      FROM pg_catalog.pg_type t JOIN ext ON ext.objid = t.oid AND ext.classid = 'pg_catalog.pg_type'::regclass
    UNION ALL
    SELECT 'operator ' || o.oid::regoperator::text || ' -> ' || o.oprresult::regtype::text
           || ' ' || o.oprcode::text || ' restrict ' || o.oprrest::text || ' join ' || o.oprjoin::text
           || ' commutator ' || o.oprcom::regoperator::text
      FROM pg_catalog.pg_operator o JOIN ext ON ext.objid = o.oid AND ext.classid = 'pg_catalog.pg_operator'::regclass
    UNION ALL
    SELECT 'opclass ' || oc.opcname || ' ' || am.amname || ' ' || oc.opcintype::regtype::text
           || ' ' || (SELECT pg_catalog.string_agg(ao.amopstrategy || ':' || ao.amopopr::regoperator::text, ' '
                                                ORDER BY ao.amopstrategy)
                        FROM pg_catalog.pg_amop ao WHERE ao.amopfamily = oc.opcfamily)
           || ' / ' || (SELECT pg_catalog.string_agg(ap.amprocnum || ':' || ap.amproc::text, ' ' ORDER BY ap.amprocnum)
                          FROM pg_catalog.pg_amproc ap WHERE ap.amprocfamily = oc.opcfamily)
      FROM pg_catalog.pg_opclass oc JOIN pg_catalog.pg_am am ON am.oid = oc.opcmethod
      JOIN ext ON ext.objid = oc.oid AND ext.classid = 'pg_catalog.pg_opclass'::regclass
    UNION ALL
    SELECT 'relation ' || r.relname || ' ' || r.relkind || ' acl ' || coalesce(c.relacl::text, '-')
           || ' options ' || coalesce(c.reloptions::text, '-')
      FROM rels r JOIN pg_catalog.pg_class c ON c.oid = r.oid
    UNION ALL
    SELECT 'column ' || r.relname || '.' || a.attname || ' #' || a.attnum || ' '
           || pg_catalog.format_type(a.atttypid, a.atttypmod)
           || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
           || coalesce(' default ' || pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), '')
           || ' storage ' || a.attstorage || coalesce(' collate ' || co.collname, '')
      FROM rels r JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
      LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 100
     WHERE r.relkind IN ('r', 'v', 'c')
    UNION ALL
    SELECT 'constraint ' || r.relname || ' ' || cn.conname || ' ' || pg_catalog.pg_get_constraintdef(cn.oid)
      FROM rels r JOIN pg_catalog.pg_constraint cn ON cn.conrelid = r.oid
    UNION ALL
    SELECT 'index ' || pg_catalog.pg_get_indexdef(i.indexrelid)
      FROM rels r JOIN pg_catalog.pg_index i ON i.indrelid = r.oid
    UNION ALL
    SELECT 'trigger ' || pg_catalog.pg_get_triggerdef(tg.oid) || CASE WHEN tg.tgenabled <> 'O' THEN ' ' || tg.tgenabled ELSE '' END
      FROM rels r JOIN pg_catalog.pg_trigger tg ON tg.tgrelid = r.oid AND NOT tg.tgisinternal
    UNION ALL
    SELECT 'sequence ' || r.relname || ' ' || s.seqtypid::regtype::text || ' ' || s.seqstart || ' '
           || s.seqincrement || ' ' || s.seqmin || ' ' || s.seqmax || ' ' || s.seqcache
      FROM rels r JOIN pg_catalog.pg_sequence s ON s.seqrelid = r.oid
    UNION ALL
    SELECT 'comment ' || pg_catalog.pg_describe_object(d.classoid, d.objoid, d.objsubid) || ': ' || d.description
      FROM pg_catalog.pg_description d JOIN ext ON ext.objid = d.objoid AND ext.classid = d.classoid
    UNION ALL
    SELECT 'schema acl ' || coalesce(n.nspacl::text, '-') FROM pg_catalog.pg_namespace n WHERE n.nspname = 'linkedevents'
    UNION ALL
    SELECT 'extension ' || e.extname || ' ' || e.extversion || ' config ' || coalesce(e.extconfig::regclass[]::text, '-')
      FROM pg_catalog.pg_extension e WHERE e.extname = 'linkedevents'
) x(line)
ORDER BY line COLLATE "C";
