-- `text` and `combined_text` (SPEC 1.11): case-insensitive substring
-- search over event_search.text_doc, answered from its trigram index, and
-- for combined_text also the keywords most similar to each term.
--
-- The event list's predicates (e = linkedevents.event):
--   text:          EXISTS (SELECT FROM linkedevents.event_search s
--                           WHERE s.event = e.id
--                             AND s.text_doc LIKE linkedevents.text_pattern($n))
--   combined_text: e.id IN (SELECT m FROM linkedevents.combined_text_events($n) m)
-- Both functions have SQL-standard bodies, so the planner inlines them (the
-- set-returning one when called in FROM, as here) and sees the indexable
-- conditions.

-- The LIKE pattern of a term: lower-cased, wildcards escaped. NULL (matches
-- nothing) for a term holding U+001F, the field separator of text_doc.
-- Not STRICT, so that the planner inlines it.
CREATE FUNCTION linkedevents.text_pattern(term text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN strpos(term, E'\x1f') = 0 THEN
        '%' || replace(replace(replace(lower(term), '\', '\\'), '%', '\%'), '_', '\_') || '%'
    END;
COMMENT ON FUNCTION linkedevents.text_pattern(text) IS
    'LIKE pattern for the text filter: text_doc LIKE text_pattern(term) is a case-insensitive '
    'literal substring test, answered from the trigram index on event_search.text_doc';

-- combined_text's keyword candidates are found by trigram distance, one
-- index per name language.
CREATE INDEX keyword_name_fi_trgm_idx ON linkedevents.keyword
    USING gist ((name->>'fi') gist_trgm_ops);
CREATE INDEX keyword_name_sv_trgm_idx ON linkedevents.keyword
    USING gist ((name->>'sv') gist_trgm_ops);
CREATE INDEX keyword_name_en_trgm_idx ON linkedevents.keyword
    USING gist ((name->>'en') gist_trgm_ops);

-- The (at most) 3 keywords of the whole keyword table most similar to a
-- term: similarity is the greatest over name fi, sv and en (only fi and sv
-- when the term has a character in U+00C0-U+00FF) and must exceed 0.2; ties
-- by id. The global top 3 are among the top 3 of each name language by
-- distance and then id (a keyword above one of them in its language is
-- above it overall), which the trigram indexes find by distance without
-- scanning the table, an incremental sort breaking ties by id.
CREATE FUNCTION linkedevents.combined_text_keywords(term text) RETURNS text[]
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    WITH candidates AS (
        (SELECT k.id FROM linkedevents.keyword k
          ORDER BY (k.name->>'fi') <-> term, k.id LIMIT 3)
        UNION
        (SELECT k.id FROM linkedevents.keyword k
          ORDER BY (k.name->>'sv') <-> term, k.id LIMIT 3)
        UNION
        (SELECT k.id FROM linkedevents.keyword k
          WHERE term !~ '[\u00c0-\u00ff]'
          ORDER BY (k.name->>'en') <-> term, k.id LIMIT 3)
    ), ranked AS (
        SELECT k.id,
               greatest(similarity(term, k.name->>'fi'),
                        similarity(term, k.name->>'sv'),
                        CASE WHEN term !~ '[\u00c0-\u00ff]'
                             THEN similarity(term, k.name->>'en') END) AS similarity
          FROM linkedevents.keyword k JOIN candidates c ON c.id = k.id
         ORDER BY 2 DESC, k.id
         LIMIT 3
    )
    SELECT coalesce(array_agg(id ORDER BY similarity DESC, id), '{}')
      FROM ranked
     WHERE similarity > 0.2;
END;
COMMENT ON FUNCTION linkedevents.combined_text_keywords(text) IS
    'combined_text: ids of the top 3 keywords by trigram similarity to a (lower-cased) term, '
    'greatest over name fi/sv/en (fi/sv only if the term has a U+00C0-U+00FF character), > 0.2';

-- combined_text (value as given, not empty): lower-cased, comma-separated
-- terms, all of which must match; a term matches an event whose text_doc
-- contains it or whose keywords (not audience) hold one of the term's
-- combined_text_keywords.
-- Not STRICT, so that the planner inlines it.
CREATE FUNCTION linkedevents.combined_text_events(value text) RETURNS SETOF text
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    WITH terms AS (
        SELECT DISTINCT t AS term
          FROM unnest(string_to_array(lower(value), ',')) t
    )
    SELECT m.event
      FROM terms CROSS JOIN LATERAL (
            SELECT s.event FROM linkedevents.event_search s
             WHERE s.text_doc LIKE linkedevents.text_pattern(terms.term)
            UNION
            SELECT e.id FROM linkedevents.event e
             WHERE e.keywords && linkedevents.combined_text_keywords(terms.term)) m(event)
     GROUP BY m.event
    HAVING count(*) = (SELECT count(*) FROM terms);
END;
COMMENT ON FUNCTION linkedevents.combined_text_events(text) IS
    'combined_text: ids of events matching every comma-separated term of the value, '
    'by text substring or by one of the term''s combined_text_keywords in keywords';
