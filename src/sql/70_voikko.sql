-- Finnish base forms for full-text search (SPEC D18): the text search
-- template linkedevents.voikko (src/voikko_dict.c) reduces each word to its
-- base forms with libvoikko, loaded on first use; without libvoikko or its
-- dictionary it warns once per backend and stems with snowball instead.

CREATE FUNCTION linkedevents._voikko_init(internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'le_voikko_init'
    LANGUAGE C STRICT;
CREATE FUNCTION linkedevents._voikko_lexize(internal, internal, internal, internal)
    RETURNS internal
    AS 'MODULE_PATHNAME', 'le_voikko_lexize'
    LANGUAGE C STRICT;

CREATE TEXT SEARCH TEMPLATE linkedevents.voikko (
    INIT = linkedevents._voikko_init,
    LEXIZE = linkedevents._voikko_lexize
);
COMMENT ON TEXT SEARCH TEMPLATE linkedevents.voikko IS
    'words to lower-cased base forms with libvoikko, compounds also to their parts; '
    'options Library (file name, default libvoikko.so.1) and Language (default fi); '
    'falls back to snowball finnish_stem with a WARNING when Voikko cannot be loaded';

CREATE TEXT SEARCH DICTIONARY linkedevents.voikko_fi (TEMPLATE = linkedevents.voikko);
COMMENT ON TEXT SEARCH DICTIONARY linkedevents.voikko_fi IS
    'Finnish base forms with libvoikko: kirjastossa -> kirjasto, lastenkirjasto -> lastenkirjasto, lapsi, kirjasto';

-- The snowball configuration with Voikko in place of the stemmer: words go
-- through voikko_fi, numbers, URLs and the like through simple.
CREATE TEXT SEARCH CONFIGURATION linkedevents.finnish (COPY = pg_catalog.finnish);
ALTER TEXT SEARCH CONFIGURATION linkedevents.finnish
    ALTER MAPPING REPLACE pg_catalog.finnish_stem WITH linkedevents.voikko_fi;
COMMENT ON TEXT SEARCH CONFIGURATION linkedevents.finnish IS
    'Finnish with Voikko base forms (parser default; words through voikko_fi, numbers through simple)';
