-- The fuzzy term matcher of the *_ongoing_* event filters (ongoing_match.c).

CREATE FUNCTION linkedevents.ongoing_match(document text, terms text, all_terms boolean)
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'le_ongoing_match'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    -- Far dearer than a LIKE over the same text: the planner then runs the
    -- LIKE prefilter of the *_ongoing_* filters first, and weighs the
    -- trigram index against matching every candidate.
    COST 100;
COMMENT ON FUNCTION linkedevents.ongoing_match(text, text, boolean) IS
    'do any (all_terms false) or all (true) of the comma-separated terms occur in document, '
    'each starting at a word boundary, case-insensitively, as a prefix, '
    'with one edit allowed in terms of 8 or more characters (SPEC 1.9, D3, D4)';

CREATE FUNCTION linkedevents.ongoing_fold(document text)
    RETURNS text
    AS 'MODULE_PATHNAME', 'le_ongoing_fold'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.ongoing_fold(text) IS
    'document under the Unicode simple case folding of ongoing_match, which answers the same '
    'on the folded text; event_search.ongoing_doc holds the folded *_ongoing_* text of each event';
