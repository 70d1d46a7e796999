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
