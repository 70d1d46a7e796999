-- `full_text` + `full_text_language` (SPEC 1.11, D18) and the legacy
-- `local_ongoing_text` (SPEC 1.9) over the per-language documents of
-- event_search.
--
-- A query is a tsquery[] with one slot per language, in the order fi, sv,
-- en, zh_hans, ru, ar; NULL where a language is not asked for. The event
-- list computes it once (bind it as a parameter, or compute it in a
-- MATERIALIZED CTE) and uses, with s = linkedevents.event_search joined on
-- s.event = e.id:
--   filter:        linkedevents.full_text_matches(s, $q)
--   default order: linkedevents.full_text_rank(s, $q) DESC, e.id
-- Both have SQL-standard bodies and are inlined: the filter becomes an OR of
-- per-language @@ conditions, answered by a BitmapOr of the GIN indexes.

-- The slots of a query, in order.
CREATE FUNCTION linkedevents._full_text_slots() RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN '{fi,sv,en,zh_hans,ru,ar}'::text[];
COMMENT ON FUNCTION linkedevents._full_text_slots() IS
    'languages of the slots of a full_text query array, in order';

-- full_text_language: comma-separated (no trimming), duplicates removed in
-- order of first appearance; NULL or empty means fi (an empty parameter is
-- an absent one, SPEC 0.5). An unknown language is the API's 400.
CREATE FUNCTION linkedevents.full_text_languages(value text) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS
$$
DECLARE
    languages text[];
    invalid text;
BEGIN
    IF value IS NULL OR value = '' THEN
        RETURN '{fi}';
    END IF;
    SELECT array_agg(l ORDER BY n) INTO languages
      FROM (SELECT l, min(n) AS n
              FROM unnest(string_to_array(value, ',')) WITH ORDINALITY AS u(l, n)
             GROUP BY l) first;
    SELECT string_agg(l, ', ' ORDER BY n) INTO invalid
      FROM unnest(languages) WITH ORDINALITY AS u(l, n)
     WHERE l <> ALL (linkedevents._full_text_slots());
    IF invalid IS NOT NULL THEN
        RAISE EXCEPTION 'full_text_language: Invalid language(s): %. full_text supports the following languages: fi, sv, en, zh_hans, ru, ar', invalid
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN languages;
END
$$;
COMMENT ON FUNCTION linkedevents.full_text_languages(text) IS
    'full_text_language parameter to its languages (default fi); SQLSTATE 22023 with the '
    'API message for a language other than fi, sv, en, zh_hans, ru, ar';

-- One language's query: non-word characters become spaces, every word is
-- analysed as in the documents, and all must match. NULL when nothing
-- searchable is left (only punctuation, or only stop words).
CREATE FUNCTION linkedevents.full_text_query(value text, language text) RETURNS tsquery
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE WHEN to_tsvector(q.config, q.words) <> ''::tsvector
                THEN plainto_tsquery(q.config, q.words) END
      FROM (SELECT linkedevents.text_search_config(language) AS config,
                   regexp_replace(value, '\W', ' ', 'g') AS words) q;
END;
COMMENT ON FUNCTION linkedevents.full_text_query(text, text) IS
    'full_text query in one language: words of the value (non-word characters as spaces) '
    'analysed like the documents and ANDed; NULL if no word is left';

CREATE FUNCTION linkedevents.full_text_queries(value text, languages text DEFAULT NULL)
    RETURNS tsquery[]
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT array_agg(CASE WHEN slot = ANY (linkedevents.full_text_languages(languages))
                          THEN linkedevents.full_text_query(value, slot) END
                     ORDER BY n)
      FROM unnest(linkedevents._full_text_slots()) WITH ORDINALITY AS u(slot, n);
END;
COMMENT ON FUNCTION linkedevents.full_text_queries(text, text) IS
    'full_text + full_text_language (NULL = fi) to a query array, one tsquery per language '
    'slot (fi, sv, en, zh_hans, ru, ar), NULL for languages not asked for; raises the API''s '
    '400 (SQLSTATE 22023) for an invalid language';

CREATE FUNCTION linkedevents.full_text_matches(s linkedevents.event_search, q tsquery[])
    RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN s.fi @@ q[1] OR s.sv @@ q[2] OR s.en @@ q[3]
        OR s.zh_hans @@ q[4] OR s.ru @@ q[5] OR s.ar @@ q[6];
COMMENT ON FUNCTION linkedevents.full_text_matches(linkedevents.event_search, tsquery[]) IS
    'true when the document matches the query in any of its languages (NULL otherwise); '
    'inlined into per-language @@ conditions that use the GIN indexes';

CREATE FUNCTION linkedevents.full_text_rank(s linkedevents.event_search, q tsquery[])
    RETURNS real
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN greatest(ts_rank(s.fi, q[1]), ts_rank(s.sv, q[2]), ts_rank(s.en, q[3]),
                    ts_rank(s.zh_hans, q[4]), ts_rank(s.ru, q[5]), ts_rank(s.ar, q[6]));
COMMENT ON FUNCTION linkedevents.full_text_rank(linkedevents.event_search, tsquery[]) IS
    'full_text rank: the greatest ts_rank over the languages asked for (weights A-D as '
    'SPEC 1.11); order by it DESC, then id';

-- local_ongoing_text: the value's words (commas separate words like any
-- non-word character) in the language of the `language` parameter (fi when absent), which must be fi, sv or en.
-- The event list combines the query with the rest of SPEC 1.9:
--   linkedevents.full_text_matches(s, $q) AND e.end_time >= now()
--   AND NOT e.deleted AND (e.location LIKE '%internet' OR e.local)
CREATE FUNCTION linkedevents.local_ongoing_text_queries(value text, language text DEFAULT NULL)
    RETURNS tsquery[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
DECLARE
    lang text := coalesce(nullif(language, ''), 'fi');
BEGIN
    IF lang NOT IN ('fi', 'sv', 'en') THEN
        RAISE EXCEPTION '% not supported. Supported options are: finnish swedish english', lang
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN ARRAY(
        SELECT CASE WHEN slot = lang
                    THEN linkedevents.full_text_query(value, slot) END
          FROM unnest(linkedevents._full_text_slots()) WITH ORDINALITY AS u(slot, n)
         ORDER BY n);
END
$$;
COMMENT ON FUNCTION linkedevents.local_ongoing_text_queries(text, text) IS
    'local_ongoing_text + language (NULL = fi) to a query array for full_text_matches; '
    'SQLSTATE 22023 with the API message unless the language is fi, sv or en';
