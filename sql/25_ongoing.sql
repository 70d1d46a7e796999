-- linkedevents.ongoing_match: the fuzzy term search of *_ongoing_* (SPEC 1.9,
-- D3, D4).
SELECT le_test_reset();

-- The fuzzy facts of SPEC 1.9: terms of 8+ characters allow one edit, the
-- match starts at a word boundary and is a prefix match.
SELECT term, document, linkedevents.ongoing_match(document, term, false) AS match
  FROM (VALUES ('musiikki', 'musiikki'), ('musiikki', 'muziikki'), ('musiikki', 'usiikki'),
               ('musiikki', 'musiikk'), ('musiikki', 'musiikkix'), ('musiikki', 'muziikxi'),
               ('musiikki', 'amusiikki'), ('musiikki', 'pikkumusiikki'),
               ('musiikki', 'mmusiikki'), ('musiikki', 'musiiikki'), ('musiikki', 'xusiikki'),
               ('musiikki', 'Klassista MUSIIKKIA'), ('musiikki', 'x-usiikki'),
               ('lapsi', 'lapsi'), ('lapsi', 'lapsille'), ('lapsi', 'pikkulapsi'), ('lapsi', '_lapsi'),
               ('lapsi', '5lapsi'), ('lapsi', 'x-lapsi'), ('lapsi', 'lapsu'), ('lapsi', 'lapi'),
               ('lapsi', 'Lasten LAPSI'), ('keyword', 'keyword2'), ('konsertti', 'konsertit'),
               ('konsertti', 'konsert'), ('konsertt', 'konsert'), ('konsert', 'konser')) AS t (term, document);

-- Case folding is Unicode simple folding: Ä/ä, Ö/ö, Å/å, Cyrillic fold;
-- ß does not become ss. Non-ASCII letters are word characters.
SELECT term, document, linkedevents.ongoing_match(document, term, false) AS match
  FROM (VALUES ('äiti', 'ÄITI'), ('ÄITI', 'äitienpäivä'), ('öljy', 'Öljyvärimaalaus'),
               ('åbo', 'ÅBO AKADEMI'), ('музыка', 'МУЗЫКА для детей'), ('музыка', 'Рок-музыка'),
               ('музыкант', 'музыкнт'), ('straße', 'STRASSE'), ('strasse', 'Straße'),
               ('straße', 'STRAẞE'), ('ä', 'pää'), ('äiti', 'isoäiti'), ('σοφία', 'ΣΟΦΊΑ'),
               ('lapsi', 'äälapsi'), ('lapsi', 'ä lapsi')) AS t (term, document);

-- Comma-separated terms, not trimmed; an empty term matches any text with a
-- word boundary. all_terms false: any term; true: every term somewhere (D3).
SELECT terms, document, linkedevents.ongoing_match(document, terms, false) AS any_term,
       linkedevents.ongoing_match(document, terms, true) AS all_terms
  FROM (VALUES ('lapsi,musiikki', 'lapsi musiikki'), ('lapsi,musiikki', 'lapsi-musiikki'),
               ('lapsi,musiikki', 'musiikki lapsi'), ('lapsi,musiikki', 'lapsimusiikki'),
               ('musiikki,lapsi', 'musiikki lapsi'), ('musiikki,lapsi', 'musiikki  lapsi'),
               ('konsertti,musiikki', 'konsertti, musiikki'), ('lapsi,lapsi', 'lapsi lapsi'),
               ('lapsi,teatteri', 'lapsille'), ('jazz, blues', 'jazz blues'),
               ('jazz, blues', 'jazzblues'), (' blues', 'jazz blues'), ('blues ', 'blues'),
               ('', 'abc'), ('', ''), ('', ' - '), ('lapsi,', 'lapsi'), ('xyz,', 'abc'),
               (',', '...'), ('a', '')) AS t (terms, document);

-- Long documents: linear time, a match at the very end, and terms longer
-- than one 64-bit word.
SELECT linkedevents.ongoing_match(repeat('sana ', 200000) || 'musiikkia', 'muziikki', false) AS at_end,
       linkedevents.ongoing_match(repeat('a ', 500000), 'a a a a a bb', false) AS two_edits_away,
       linkedevents.ongoing_match(repeat('ab', 100) || ' x', repeat('ab', 99) || 'xb', false) AS long_term_one_edit,
       linkedevents.ongoing_match(repeat('ab', 100), repeat('ab', 98) || 'xbxb', false) AS long_term_two_edits,
       linkedevents.ongoing_match(repeat('ä', 70), repeat('Ä', 71), false) AS long_term_deletion;
-- NULL in, NULL out.
SELECT linkedevents.ongoing_match(NULL, 'a', false) IS NULL AS strict;

-- Occurrences that overlap: the first is not at a boundary, the second is
-- (an exact term; the first half of a fuzzy term, its second half edited).
SELECT linkedevents.ongoing_match('ba a a', 'a a', false) AS exact_overlap,
       linkedevents.ongoing_match('xa a a bcXe', 'a a bcde', false) AS head_overlap,
       linkedevents.ongoing_match('xa a a bcXX', 'a a bcde', false) AS head_overlap_two_edits;

-- Folding grows a text by at most half (Ⱥ, two bytes, folds to ⱥ, three),
-- and folding a long text sixteen bytes at a time folds as one character
-- at a time does, over planes 0 and 1.
SELECT linkedevents.ongoing_fold(repeat('Ⱥ', 100000)) = repeat('ⱥ', 100000) AS grows,
       linkedevents.ongoing_match(repeat('xȺ', 50000) || ' ȺȺȺȺⱥⱥⱥⱥ', repeat('ⱥ', 8), false) AS grown_match;
SELECT linkedevents.ongoing_fold(string_agg(c, '' ORDER BY cp))
       = string_agg(linkedevents.ongoing_fold(c), '' ORDER BY cp) AS long_text_folds_alike
  FROM (SELECT cp, chr(cp) FROM generate_series(1, 131071) cp
         WHERE cp NOT BETWEEN 55296 AND 57343) t(cp, c);

-- One call over a 30 MB document with many terms stops soon after a
-- statement timeout, on every path: exact terms whose occurrences are not
-- at boundaries, a term that never occurs, fuzzy terms read near their
-- halves, long terms read through, long halves, empty terms.
CREATE TEMP TABLE huge AS
SELECT repeat('xaaaaaaaa ', 3000000) AS doc, repeat('- ', 15000000) AS no_words;
CREATE FUNCTION pg_temp.interrupted(doc text, terms text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    started timestamptz := clock_timestamp();
BEGIN
    PERFORM linkedevents.ongoing_match(doc, terms, false);
    RETURN 'finished';
EXCEPTION WHEN query_canceled THEN
    RETURN CASE WHEN clock_timestamp() - started < interval '5 s' THEN 'canceled' ELSE 'canceled late' END;
END
$$;
CREATE FUNCTION pg_temp.copies(term text) RETURNS text LANGUAGE sql AS $$
    SELECT string_agg(term, ',') FROM generate_series(1, 10000)
$$;
SET statement_timeout = '300ms';
SELECT pg_temp.interrupted(doc, pg_temp.copies('aaaa')) AS exact FROM huge;
SELECT pg_temp.interrupted(doc, pg_temp.copies('qqqq')) AS absent FROM huge;
SELECT pg_temp.interrupted(doc, pg_temp.copies('xaaaaaaaabb')) AS near_halves FROM huge;
SELECT pg_temp.interrupted(doc, pg_temp.copies('øø' || repeat('xaaaaaaaa ', 7))) AS read_through FROM huge;
SELECT pg_temp.interrupted(doc, pg_temp.copies(repeat('q', 300))) AS long_halves FROM huge;
SELECT pg_temp.interrupted(no_words, pg_temp.copies('')) AS empty FROM huge;
RESET statement_timeout;
