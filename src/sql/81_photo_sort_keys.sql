-- The photos' derived $sort keys (photo_translation.sort_*, 80_photo_tables.sql)
-- kept right by statement triggers over transition tables, in the statement
-- that changes what they come from: a translation's tag links, its context,
-- a tag's slug in a culture, a tag's source reference. So every order of the
-- photos list is read from an index in order, and a key is never stale: it
-- commits or rolls back with its data. The writers of these tables take the
-- lock of 04_derived_writes.sql first, as the event tables' writers do, so
-- that a trigger's queries see every earlier writer's changes (a tag renamed
-- while a photo is tagged with it).

-- Recomputes the keys of the translations ids (repeats and unknown ids are
-- fine); rows whose keys do not change are not rewritten.
CREATE FUNCTION linkedevents._photo_refresh_sort_keys(ids uuid[]) RETURNS void
    LANGUAGE sql VOLATILE
BEGIN ATOMIC
    UPDATE linkedevents.photo_translation p
       SET (sort_tag_slug_min, sort_tag_slug_max, sort_tag_neutral_slug_min, sort_tag_neutral_slug_max,
            sort_tag_source_min, sort_tag_source_max, sort_context_slug)
         = (k.slug_min, k.slug_max, k.neutral_min, k.neutral_max, k.source_min, k.source_max, k.context_slug)
      FROM (SELECT DISTINCT i.id FROM unnest(ids) AS i(id)) AS i
           CROSS JOIN LATERAL (
               SELECT min(t.slug) AS slug_min, max(t.slug) AS slug_max,
                      min(pt.tag) AS neutral_min, max(pt.tag) AS neutral_max,
                      min(c.external_source_name || ':' || c.external_source_id) AS source_min,
                      max(c.external_source_name || ':' || c.external_source_id) AS source_max,
                      (SELECT ct.slug
                         FROM linkedevents.photo_translation q
                         JOIN linkedevents.content_tag_translation ct
                           ON ct.neutral_slug = q.context AND ct.culture = q.culture
                        WHERE q.translation_id = i.id) AS context_slug
                 FROM linkedevents.photo_tag pt
                 JOIN linkedevents.content_tag_translation t ON t.neutral_slug = pt.tag AND t.culture = pt.culture
                 JOIN linkedevents.content_tag c ON c.neutral_slug = pt.tag
                WHERE pt.translation_id = i.id) AS k
     WHERE p.translation_id = i.id
       AND (p.sort_tag_slug_min, p.sort_tag_slug_max, p.sort_tag_neutral_slug_min, p.sort_tag_neutral_slug_max,
            p.sort_tag_source_min, p.sort_tag_source_max, p.sort_context_slug)
           IS DISTINCT FROM
           (k.slug_min, k.slug_max, k.neutral_min, k.neutral_max, k.source_min, k.source_max, k.context_slug);
END;
COMMENT ON FUNCTION linkedevents._photo_refresh_sort_keys(uuid[]) IS
    'recomputes the derived $sort keys (sort_*) of photo translations';

-- The translations whose keys a statement's rows can move: those of the
-- tag links it changed, or of the links and contexts naming the tag
-- translations or tags it changed (old and new rows of an update), or the
-- translations whose context it changed; every one after a TRUNCATE.
CREATE FUNCTION linkedevents._photo_sort_keys_trigger() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    -- %1$I: a transition table of TG_TABLE_NAME's rows
    affected constant text := CASE TG_TABLE_NAME
        WHEN 'photo_tag' THEN 'SELECT r.translation_id FROM %1$I r'
        WHEN 'content_tag_translation' THEN
            'SELECT pt.translation_id FROM %1$I r JOIN linkedevents.photo_tag pt'
            ' ON pt.tag = r.neutral_slug AND pt.culture = r.culture'
            ' UNION SELECT p.translation_id FROM %1$I r JOIN linkedevents.photo_translation p'
            ' ON p.context = r.neutral_slug AND p.culture = r.culture'
        WHEN 'content_tag' THEN
            'SELECT pt.translation_id FROM %1$I r JOIN linkedevents.photo_tag pt ON pt.tag = r.neutral_slug'
    END;
    ids uuid[];
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        ids := ARRAY(SELECT p.translation_id FROM linkedevents.photo_translation p);
    ELSIF TG_TABLE_NAME = 'photo_translation' AND TG_OP = 'INSERT' THEN
        ids := ARRAY(SELECT r.translation_id FROM changed_rows r WHERE r.context IS NOT NULL);
    ELSIF TG_TABLE_NAME = 'photo_translation' THEN
        -- only a new context: the keys' own updates end here
        ids := ARRAY(SELECT n.translation_id FROM changed_rows n JOIN old_rows o USING (translation_id)
                      WHERE n.context IS DISTINCT FROM o.context);
    ELSE
        EXECUTE 'SELECT ARRAY(' || format(affected, 'changed_rows')
                || CASE WHEN TG_OP = 'UPDATE' THEN ' UNION ' || format(affected, 'old_rows') ELSE '' END
                || ')' INTO ids;
    END IF;
    IF ids <> '{}' THEN
        PERFORM linkedevents._photo_refresh_sort_keys(ids);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION linkedevents._photo_sort_keys_trigger() IS
    'trigger: recomputes the $sort keys of the photo translations a statement''s rows can move';

-- One trigger per event and table (a trigger with transition tables has one
-- event): changed_rows are the new rows (of a delete: the old ones), and an
-- update has old_rows too. A tag translation or tag inserted after the
-- links that name it (foreign keys are deferrable) moves keys too.
DO $$
DECLARE
    source text;
BEGIN
    FOREACH source IN ARRAY '{photo_tag,photo_translation,content_tag_translation,content_tag}'::text[] LOOP
        EXECUTE format('CREATE TRIGGER lock_derived_writes
                            BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON linkedevents.%I
                            FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._lock_derived_writes_trigger()',
                       source);
        EXECUTE format('CREATE TRIGGER photo_sort_keys_insert AFTER INSERT ON linkedevents.%I
                            REFERENCING NEW TABLE AS changed_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._photo_sort_keys_trigger()',
                       source);
        EXECUTE format('CREATE TRIGGER photo_sort_keys_update AFTER UPDATE ON linkedevents.%I
                            REFERENCING NEW TABLE AS changed_rows OLD TABLE AS old_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._photo_sort_keys_trigger()',
                       source);
        IF source <> 'photo_translation' THEN
            EXECUTE format('CREATE TRIGGER photo_sort_keys_delete AFTER DELETE ON linkedevents.%I
                                REFERENCING OLD TABLE AS changed_rows
                                FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._photo_sort_keys_trigger()',
                           source);
            EXECUTE format('CREATE TRIGGER photo_sort_keys_truncate AFTER TRUNCATE ON linkedevents.%I
                                FOR EACH STATEMENT EXECUTE FUNCTION linkedevents._photo_sort_keys_trigger()',
                           source);
        END IF;
    END LOOP;
END
$$;
