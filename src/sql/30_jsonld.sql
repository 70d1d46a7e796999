-- The JSON-LD serializer (SPEC 3, 4): C functions in src/jsonld_*.c.
--
-- Every function reads settings (linkedevents.base_url, .languages,
-- .time_zone, .user_id, .user_organizations), hence STABLE. Related rows are
-- read with one query per relation for the whole batch.

CREATE FUNCTION linkedevents.to_jsonld(resource_row linkedevents.event,
                                       include text[] DEFAULT '{}',
                                       base_url text DEFAULT NULL)
    RETURNS json AS 'MODULE_PATHNAME', 'le_to_jsonld'
    LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION linkedevents.to_jsonld(resource_row linkedevents.place,
                                       include text[] DEFAULT '{}',
                                       base_url text DEFAULT NULL)
    RETURNS json AS 'MODULE_PATHNAME', 'le_to_jsonld'
    LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION linkedevents.to_jsonld(resource_row linkedevents.keyword,
                                       include text[] DEFAULT '{}',
                                       base_url text DEFAULT NULL)
    RETURNS json AS 'MODULE_PATHNAME', 'le_to_jsonld'
    LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION linkedevents.to_jsonld(resource_row linkedevents.keyword_set,
                                       include text[] DEFAULT '{}',
                                       base_url text DEFAULT NULL)
    RETURNS json AS 'MODULE_PATHNAME', 'le_to_jsonld'
    LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION linkedevents.to_jsonld(resource_row linkedevents.organization,
                                       include text[] DEFAULT '{}',
                                       base_url text DEFAULT NULL)
    RETURNS json AS 'MODULE_PATHNAME', 'le_to_jsonld'
    LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION linkedevents.to_jsonld(resource_row linkedevents.image,
                                       include text[] DEFAULT '{}',
                                       base_url text DEFAULT NULL)
    RETURNS json AS 'MODULE_PATHNAME', 'le_to_jsonld'
    LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION linkedevents.to_jsonld(resource_row linkedevents.language,
                                       include text[] DEFAULT '{}',
                                       base_url text DEFAULT NULL)
    RETURNS json AS 'MODULE_PATHNAME', 'le_to_jsonld'
    LANGUAGE C STABLE PARALLEL SAFE;

COMMENT ON FUNCTION linkedevents.to_jsonld(linkedevents.event, text[], text) IS
    'the API document of an event (SPEC 4.2): include embeds location, keywords, audience, in_language, sub_events, super_event; a deleted event gives its 5-key form; base_url NULL = linkedevents.base_url';
COMMENT ON FUNCTION linkedevents.to_jsonld(linkedevents.place, text[], text) IS
    'the API document of a place (SPEC 4.4), position in EPSG:4326';
COMMENT ON FUNCTION linkedevents.to_jsonld(linkedevents.keyword, text[], text) IS
    'the API document of a keyword (SPEC 4.6)';
COMMENT ON FUNCTION linkedevents.to_jsonld(linkedevents.keyword_set, text[], text) IS
    'the API document of a keyword set (SPEC 4.7); include {keywords} embeds its keywords';
COMMENT ON FUNCTION linkedevents.to_jsonld(linkedevents.organization, text[], text) IS
    'the API document of an organization (SPEC 4.9)';
COMMENT ON FUNCTION linkedevents.to_jsonld(linkedevents.image, text[], text) IS
    'the API document of an image (SPEC 4.5)';
COMMENT ON FUNCTION linkedevents.to_jsonld(linkedevents.language, text[], text) IS
    'the API document of a language (SPEC 4.8)';

CREATE FUNCTION linkedevents._jsonld_page_data(resource text, ids text[],
                                               include text[] DEFAULT '{}',
                                               base_url text DEFAULT NULL,
                                               format text DEFAULT NULL,
                                               srid integer DEFAULT 4326)
    RETURNS json AS 'MODULE_PATHNAME', 'le_jsonld_page_data'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents._jsonld_page_data(text, text[], text[], text, text, integer) IS
    'the "data" list of a list page: the objects of ids (resource event, place, keyword, keyword_set, organization, image (integer ids as text) or language) in the order of ids, ids that do not exist left out. include: the include items (each may itself be a comma list; trimmed, unknown ignored). base_url NULL = linkedevents.base_url. format: when not NULL or empty, ?format=<value> is added to every URL. srid: SRS of place positions (4326 by default). Related rows are read with one query per relation for the whole page';

CREATE FUNCTION linkedevents._jsonld_object(resource text, id text,
                                            include text[] DEFAULT '{}',
                                            base_url text DEFAULT NULL,
                                            format text DEFAULT NULL,
                                            srid integer DEFAULT 4326,
                                            image_proxy boolean DEFAULT false)
    RETURNS json AS 'MODULE_PATHNAME', 'le_jsonld_object'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents._jsonld_object(text, text, text[], text, text, integer, boolean) IS
    'the document of one object by id for detail endpoints (arguments as _jsonld_page_data; image_proxy: use_image_proxy, image urls become <base>image/<id>/file/); NULL when there is no such object';

CREATE FUNCTION linkedevents._jsonld_list(resource text, ids text[], count bigint,
                                          page integer, page_size integer,
                                          query_keys text[], query_values text[],
                                          include text[] DEFAULT '{}',
                                          base_url text DEFAULT NULL,
                                          srid integer DEFAULT 4326)
    RETURNS json AS 'MODULE_PATHNAME', 'le_jsonld_list'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION linkedevents._jsonld_list(text, text[], bigint, integer, integer, text[], text[], text[], text, integer) IS
    'a whole list page (SPEC 3): {"meta": {"count", "next", "previous"}, "data": [objects of ids, as _jsonld_page_data]}. count: total matching rows; page (1-based) and page_size: the page served; next exists when page * page_size < count, previous when page > 1. query_keys/query_values: the request''s decoded query parameters, in order, repeats kept (NULL value = empty); the links keep them all, set page (removed for page 1), sort by key (stable) and form-encode them. The last format parameter, if any, is echoed into every URL. The caller validates page against count (Invalid page) before calling';
