-- Import, part 2: finding the objects of a document.
--
-- A document is one object, an array of objects or a list page
-- {"meta": ..., "data": [...]}. Each top-level object's kind comes from its
-- @type or from the resource argument; objects embedded in reference fields
-- (an included location, an event's images, a super event ...) are found
-- recursively and imported too.

CREATE FUNCTION linkedevents._import_error(message text) RETURNS text
    LANGUAGE plpgsql VOLATILE AS
$$
BEGIN
    RAISE EXCEPTION '%', message USING ERRCODE = 'invalid_parameter_value';
END
$$;
COMMENT ON FUNCTION linkedevents._import_error(text) IS 'raises an import input error (22023)';

-- The kind of the n-th top-level object: its @type, else the resource argument.
CREATE FUNCTION linkedevents._import_kind(o jsonb, resource text, n bigint) RETURNS text
    LANGUAGE plpgsql VOLATILE AS
$$
DECLARE
    kind text;
BEGIN
    IF jsonb_typeof(o) <> 'object' THEN
        PERFORM linkedevents._import_error(format('element %s of the document is not an object but %s',
                                                  n, jsonb_typeof(o)));
    END IF;
    IF NOT o ? '@type' THEN
        IF resource IS NULL THEN
            PERFORM linkedevents._import_error(format(
                'element %s of the document has no "@type"; give the resource argument', n));
        END IF;
        RETURN resource;
    END IF;
    kind := CASE o ->> '@type'
                WHEN 'Event/LinkedEvent' THEN 'event'
                WHEN 'Event' THEN 'event'
                WHEN 'Place' THEN 'place'
                WHEN 'Keyword' THEN 'keyword'
                WHEN 'KeywordSet' THEN 'keyword_set'
                WHEN 'Organization' THEN 'organization'
                WHEN 'ImageObject' THEN 'image'
                WHEN 'Language' THEN 'language'
                WHEN 'Registration' THEN 'registration'
            END;
    IF kind IS NULL THEN
        PERFORM linkedevents._import_error(format('unknown "@type" %s in element %s of the document',
                                                  o -> '@type', n));
    END IF;
    IF kind <> resource THEN
        PERFORM linkedevents._import_error(format(
            'element %s of the document is a %s ("@type" %s), not a %s', n, kind, o -> '@type', resource));
    END IF;
    RETURN kind;
END
$$;
COMMENT ON FUNCTION linkedevents._import_kind(jsonb, text, bigint) IS
    'import: the resource a top-level object is, from its @type or the resource argument';

-- An object's id as text: a non-empty string, or an integer for images and
-- registrations.
CREATE FUNCTION linkedevents._import_id(kind text, o jsonb, n bigint, top boolean) RETURNS text
    LANGUAGE sql VOLATILE
    RETURN CASE
               WHEN kind IN ('image', 'registration') AND jsonb_typeof(o -> 'id') = 'number'
                    AND (o ->> 'id') ~ '^[0-9]{1,9}$' THEN o ->> 'id'
               WHEN kind NOT IN ('image', 'registration') AND jsonb_typeof(o -> 'id') = 'string'
                    AND (o ->> 'id') <> '' THEN o ->> 'id'
               ELSE linkedevents._import_error(
                   format('%s %s of the document ', CASE WHEN top THEN 'the ' || kind || ' in element'
                                                         ELSE 'a ' || kind || ' embedded in element' END, n)
                   || CASE WHEN o ? 'id' THEN format('has an invalid "id" %s: expected ', o -> 'id')
                           ELSE 'has no "id": expected ' END
                   || CASE WHEN kind IN ('image', 'registration') THEN 'an integer' ELSE 'a non-empty string' END)
           END;
COMMENT ON FUNCTION linkedevents._import_id(text, jsonb, bigint, boolean) IS
    'import: the id of an object, checked for its type';

-- An embedded object is an object with an "id"; {"@id": URL} is only a reference.
CREATE FUNCTION linkedevents._import_is_embedded(v jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN jsonb_typeof(v) = 'object' AND v ? 'id';
COMMENT ON FUNCTION linkedevents._import_is_embedded(jsonb) IS
    'import: whether a reference value is an embedded object';

-- The objects embedded one level down in an object of the given kind. An
-- embedded registration without "event" belongs to the embedding event.
CREATE FUNCTION linkedevents._import_embedded(owner_kind text, o jsonb, OUT kind text, OUT obj jsonb)
    RETURNS SETOF record
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT e.kind, e.obj
      FROM (SELECT 'place', o -> 'location' WHERE owner_kind = 'event'
            UNION ALL
            SELECT 'event', o -> 'super_event' WHERE owner_kind = 'event'
            UNION ALL
            SELECT 'registration',
                   CASE WHEN (o -> 'registration') ? 'event' THEN o -> 'registration'
                        ELSE (o -> 'registration') || jsonb_build_object('@owner', o -> 'id') END
             WHERE owner_kind = 'event' AND linkedevents._import_is_embedded(o -> 'registration')
            UNION ALL
            SELECT 'event', o -> 'event' WHERE owner_kind = 'registration'
            UNION ALL
            SELECT l.kind, v
              FROM (VALUES ('event', 'keywords', 'keyword'), ('event', 'audience', 'keyword'),
                           ('event', 'in_language', 'language'), ('event', 'images', 'image'),
                           ('keyword_set', 'keywords', 'keyword')) AS l(owner, field, kind),
                   jsonb_array_elements(CASE WHEN jsonb_typeof(o -> l.field) = 'array' THEN o -> l.field END) AS v
             WHERE l.owner = owner_kind) AS e(kind, obj)
     WHERE linkedevents._import_is_embedded(e.obj);
END;
COMMENT ON FUNCTION linkedevents._import_embedded(text, jsonb) IS
    'import: the objects embedded in reference fields of an object';
