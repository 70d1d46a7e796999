-- The fuzzy term matcher of the *_ongoing_* event filters (ongoing_match.c).

CREATE FUNCTION linkedevents.ongoing_match(document text, terms text, all_terms boolean)
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'le_ongoing_match'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents.ongoing_match(text, text, boolean) IS
    'do any (all_terms false) or all (true) of the comma-separated terms occur in document, '
    'each starting at a word boundary, case-insensitively, as a prefix, '
    'with one edit allowed in terms of 8 or more characters (SPEC 1.9, D3, D4)';
