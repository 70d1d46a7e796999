-- The keyword parameters of the event list as one kwquery (SPEC 1.10, D5,
-- D12), to be answered by (keywords || audience) @@ query on the index
-- event_keywords_audience_idx.

-- The found ids among `ids`, each replaced by the end of its replaced_by
-- chain (the last keyword before the chain would repeat itself), without
-- duplicates, in the order of first mention.
CREATE FUNCTION linkedevents._resolve_keywords(ids text[]) RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    WITH RECURSIVE chain (ord, id, replaced_by, seen) AS (
        SELECT g.ord, k.id, k.replaced_by, ARRAY[k.id]
          FROM unnest(ids) WITH ORDINALITY AS g (id, ord)
          JOIN linkedevents.keyword k ON k.id = g.id
        UNION ALL
        SELECT c.ord, k.id, k.replaced_by, c.seen || k.id
          FROM chain c
          JOIN linkedevents.keyword k ON k.id = c.replaced_by
         WHERE k.id <> ALL (c.seen)
    ), chain_end AS (
        SELECT DISTINCT ON (ord) ord, id FROM chain ORDER BY ord, cardinality(seen) DESC
    )
    SELECT coalesce(array_agg(id ORDER BY first_ord), '{}')
      FROM (SELECT id, min(ord) AS first_ord FROM chain_end GROUP BY id) AS d
$$;
COMMENT ON FUNCTION linkedevents._resolve_keywords(text[]) IS
    'existing keyword ids among ids, replaced keywords followed to the end of the chain';

-- a & b, or b alone when a is NULL (nothing yet).
CREATE FUNCTION linkedevents._kwquery_and(a linkedevents.kwquery, b linkedevents.kwquery)
    RETURNS linkedevents.kwquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN coalesce(a OPERATOR(linkedevents.&&) b, b);
COMMENT ON FUNCTION linkedevents._kwquery_and(linkedevents.kwquery, linkedevents.kwquery) IS
    'a && b, or b when a is NULL';

CREATE FUNCTION linkedevents.keyword_query(
    keyword text, keyword_or text, keyword_and text, keyword_not text,
    keyword_or_sets text[], keyword_set_and text, keyword_set_or text,
    OUT query linkedevents.kwquery, OUT matches_nothing boolean)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
    q linkedevents.kwquery;     -- the conjunction so far; NULL = no condition yet
    ids text[];
    set_value text;
    given integer;
    found integer;
    set_keywords text[];
    id text;
BEGIN
    -- Until the end: every early RETURN means "no event matches".
    matches_nothing := true;

    -- keyword_set_AND: each found set must meet keywords ∪ audience; unknown
    -- sets are ignored, a found empty set matches nothing.
    IF keyword_set_and <> '' THEN
        FOR set_keywords IN
            SELECT s.keywords
              FROM unnest(string_to_array(keyword_set_and, ',')) WITH ORDINALITY AS g (id, ord)
              JOIN linkedevents.keyword_set s ON s.id = g.id
             ORDER BY g.ord
        LOOP
            IF cardinality(set_keywords) = 0 THEN
                RETURN;
            END IF;
            q := linkedevents._kwquery_and(q, linkedevents.kwquery_any(set_keywords));
        END LOOP;
    END IF;

    -- keyword_set_OR: any keyword of any found set; no set found, or found
    -- sets without keywords, match nothing.
    IF keyword_set_or <> '' THEN
        SELECT array_agg(k ORDER BY first_seen) INTO ids
          FROM (SELECT k, min(ARRAY[g.ord, kw.ord]) AS first_seen
                  FROM unnest(string_to_array(keyword_set_or, ',')) WITH ORDINALITY AS g (id, ord)
                  JOIN linkedevents.keyword_set s ON s.id = g.id
                 CROSS JOIN unnest(s.keywords) WITH ORDINALITY AS kw (k, ord)
                 GROUP BY k) AS d;
        IF ids IS NULL THEN
            RETURN;
        END IF;
        q := linkedevents._kwquery_and(q, linkedevents.kwquery_any(ids));
    END IF;

    -- keyword_OR_setN, in set-number order (D5): each non-empty set is an OR
    -- of its found, replacement-resolved ids (D12).
    FOREACH set_value IN ARRAY coalesce(keyword_or_sets, '{}') LOOP
        CONTINUE WHEN coalesce(set_value, '') = '';
        ids := linkedevents._resolve_keywords(string_to_array(set_value, ','));
        IF cardinality(ids) = 0 THEN
            RETURN;
        END IF;
        q := linkedevents._kwquery_and(q, linkedevents.kwquery_any(ids));
    END LOOP;

    -- keyword and its alias keyword_OR (ANDed when both are given): any of the
    -- found ids; none found matches nothing.
    FOREACH set_value IN ARRAY ARRAY[keyword, keyword_or] LOOP
        CONTINUE WHEN coalesce(set_value, '') = '';
        ids := linkedevents._resolve_keywords(string_to_array(set_value, ','));
        IF cardinality(ids) = 0 THEN
            RETURN;
        END IF;
        q := linkedevents._kwquery_and(q, linkedevents.kwquery_any(ids));
    END LOOP;

    -- keyword_AND: every id must exist (duplicates ignored, D12), then every
    -- resolved keyword must be there.
    IF keyword_and <> '' THEN
        SELECT count(DISTINCT g.id), count(DISTINCT k.id) INTO given, found
          FROM unnest(string_to_array(keyword_and, ',')) AS g (id)
          LEFT JOIN linkedevents.keyword k ON k.id = g.id;
        IF found <> given THEN
            RETURN;
        END IF;
        FOREACH id IN ARRAY linkedevents._resolve_keywords(string_to_array(keyword_and, ',')) LOOP
            q := linkedevents._kwquery_and(q, linkedevents.kwquery_any(ARRAY[id]));
        END LOOP;
    END IF;

    -- keyword!: none of the found, resolved ids; unknown ids are ignored.
    IF keyword_not <> '' THEN
        ids := linkedevents._resolve_keywords(string_to_array(keyword_not, ','));
        IF cardinality(ids) > 0 THEN
            q := linkedevents._kwquery_and(q, OPERATOR(linkedevents.!!) linkedevents.kwquery_any(ids));
        END IF;
    END IF;

    query := q;
    matches_nothing := false;
END
$$;
COMMENT ON FUNCTION linkedevents.keyword_query(text, text, text, text, text[], text, text) IS
    'the event list''s keyword parameters (keyword, keyword_OR, keyword_AND, keyword!, '
    'keyword_OR_setN values in set-number order, keyword_set_AND, keyword_set_OR; NULL or '
    'empty = absent) as one query on keywords || audience; query NULL with matches_nothing '
    'false means no keyword filter, matches_nothing true means no event can match';
