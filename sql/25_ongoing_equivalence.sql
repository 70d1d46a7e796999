-- linkedevents.ongoing_match against a reference written from SPEC 1.9 and
-- decisions D3, D4 alone (LIKE over the boundaries of the folded text), on
-- generated documents and terms: non-ASCII case folding (ä/ö, dotless ı,
-- İ, ß/ẞ, final sigma, Kelvin sign, long s, two bytes that fold to three,
-- four-byte letters), combining marks, empty terms, terms with spaces and
-- punctuation, edits at the start, middle and end of a term, matches at
-- the very end of a document, terms around one and two 64-bit words.
SELECT le_test_reset();

-- The characters of the generated texts: their simple case folding and
-- whether they are word characters (letters, marks, numbers, connector
-- punctuation), from Unicode 14.
CREATE TEMP TABLE alphabet (ch text PRIMARY KEY, folded text NOT NULL, word boolean NOT NULL);
INSERT INTO alphabet VALUES
    ('a', 'a', true), ('A', 'a', true), ('k', 'k', true), ('K', 'k', true),
    (U&'\212A', 'k', true),                          -- KELVIN SIGN
    ('i', 'i', true), ('I', 'i', true),
    (U&'\0131', U&'\0131', true),                    -- dotless ı and İ: Turkish case
    (U&'\0130', U&'\0130', true),                    -- rules are not simple folding
    ('s', 's', true), ('S', 's', true), (U&'\017F', 's', true),     -- LONG S
    ('l', 'l', true), ('L', 'l', true), ('z', 'z', true), ('Z', 'z', true), ('ä', 'ä', true), ('Ä', 'ä', true),
    ('ö', 'ö', true), ('Ö', 'ö', true),
    ('ß', 'ß', true), (U&'\1E9E', 'ß', true),        -- capital sharp s: three bytes to two
    ('σ', 'σ', true), ('Σ', 'σ', true), ('ς', 'σ', true),
    ('ι', 'ι', true), ('Ι', 'ι', true), (U&'\1FBE', 'ι', true),
    (U&'\0345', 'ι', true),                          -- a combining mark that folds to a letter
    (U&'\0308', U&'\0308', true),                    -- combining diaeresis
    (U&'\2C65', U&'\2C65', true), (U&'\023A', U&'\2C65', true),     -- two bytes fold to three
    (U&'\+010428', U&'\+010428', true), (U&'\+010400', U&'\+010428', true),  -- Deseret, four bytes
    (U&'\217B', U&'\217B', true), (U&'\216B', U&'\217B', true),     -- letter numbers
    (U&'\203F', U&'\203F', true),                    -- undertie, connector punctuation
    ('_', '_', true), ('5', '5', true),
    (' ', ' ', false), ('-', '-', false), ('.', '.', false), (',', ',', false),
    ('%', '%', false), ('\', '\', false), ('@', '@', false), ('[', '[', false),
    ('€', '€', false), ('–', '–', false);

-- The table agrees with ongoing_fold and with the empty term, which
-- matches exactly the texts with a word character.
SELECT count(*) AS characters,
       count(*) FILTER (WHERE linkedevents.ongoing_fold(ch) <> folded) AS fold_differs,
       count(*) FILTER (WHERE linkedevents.ongoing_match(ch, '', false) <> word) AS class_differs
  FROM alphabet;

-- The reference. A term matches where a word starts or ends (a boundary)
-- in the folded document: a term under 8 characters as it is, a longer one
-- as any string within one edit (LIKE patterns; never an insertion before
-- its first character), both followed by anything.
CREATE FUNCTION pg_temp.ref_fold(s text) RETURNS text LANGUAGE sql AS $$
    SELECT translate(s, string_agg(ch, '' ORDER BY ch), string_agg(folded, '' ORDER BY ch)) FROM alphabet
$$;

CREATE FUNCTION pg_temp.ref_one_edit(t text) RETURNS text[] LANGUAGE sql AS $$
    WITH chars AS (SELECT array_agg(CASE WHEN ch IN ('\', '%', '_') THEN '\' || ch ELSE ch END ORDER BY i) AS c
                     FROM regexp_split_to_table(t, '') WITH ORDINALITY x(ch, i))
    SELECT array_agg(p || '%')
      FROM chars, LATERAL (
           SELECT array_to_string(c, '')
           UNION ALL
           SELECT array_to_string(c[:i - 1] || c[i + 1:], '') FROM generate_series(1, cardinality(c)) i
           UNION ALL
           SELECT array_to_string(c[:i - 1] || '_'::text || c[i + 1:], '') FROM generate_series(1, cardinality(c)) i
           UNION ALL
           SELECT array_to_string(c[:i] || '_'::text || c[i + 1:], '') FROM generate_series(1, cardinality(c) - 1) i) v(p)
$$;

CREATE FUNCTION pg_temp.ref_match(doc text, terms text, all_terms boolean) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    d text := pg_temp.ref_fold(doc);
    classes text;
    starts int[];
    t text;
    patterns text[];
    found boolean;
BEGIN
    SELECT translate(d, string_agg(ch, '' ORDER BY ch), string_agg(CASE WHEN word THEN 'w' ELSE '.' END, '' ORDER BY ch))
      INTO classes FROM alphabet;
    SELECT coalesce(array_agg(s), '{}') INTO starts
      FROM generate_series(1, length(d) + 1) s
     WHERE (substr(classes, s - 1, 1) = 'w') <> (substr(classes, s, 1) = 'w');
    FOREACH t IN ARRAY CASE WHEN terms = '' THEN ARRAY[''] ELSE string_to_array(terms, ',') END LOOP
        t := pg_temp.ref_fold(t);
        IF length(t) < 8 THEN
            found := EXISTS (SELECT FROM unnest(starts) s WHERE substr(d, s, length(t)) = t);
        ELSE
            patterns := pg_temp.ref_one_edit(t);
            found := EXISTS (SELECT FROM unnest(starts) s WHERE substr(d, s, length(t) + 1) LIKE ANY (patterns));
        END IF;
        IF found <> all_terms THEN
            RETURN found;
        END IF;
    END LOOP;
    RETURN all_terms;
END
$$;

-- Generators, repeatable through setseed.
CREATE FUNCTION pg_temp.pick(a text[]) RETURNS text LANGUAGE sql AS $$
    SELECT a[1 + floor(random() * cardinality(a))::int]
$$;

-- A folded word of n characters, mostly a few letters so that terms recur;
-- some repeat a short piece, so that occurrences overlap.
CREATE FUNCTION pg_temp.chars(n int) RETURNS text LANGUAGE sql AS $$
    SELECT coalesce(string_agg(CASE WHEN random() < 0.12
                                    THEN pg_temp.pick(ARRAY[' ', '-', '.', '%', '\', '@', '[', '€'])
                                    ELSE pg_temp.pick(ARRAY['a', 'k', 'i', 's', 'l', 'z', 'a', 'k', 'i', 's', 'ä', 'ö',
                                                            'ß', U&'\0131', U&'\0130', 'σ', 'ι', U&'\0308',
                                                            U&'\2C65', U&'\+010428', U&'\217B', U&'\203F', '_', '5'])
                               END, ''), '')
      FROM generate_series(1, n)
$$;

CREATE FUNCTION pg_temp.word(n int) RETURNS text LANGUAGE sql AS $$
    SELECT CASE WHEN random() < 0.25 THEN left(repeat(pg_temp.chars(1 + floor(random() * 3)::int), n), n)
                ELSE pg_temp.chars(n) END
$$;

-- Some characters of s replaced by others that fold to them.
CREATE FUNCTION pg_temp.unfold(s text) RETURNS text LANGUAGE sql AS $$
    SELECT coalesce(string_agg(CASE WHEN random() < 0.3
                                    THEN (SELECT pg_temp.pick(array_agg(a.ch)) FROM alphabet a WHERE a.folded = x.ch)
                                    ELSE x.ch END, '' ORDER BY i), '')
      FROM regexp_split_to_table(s, '') WITH ORDINALITY x(ch, i)
$$;

-- t, intact or with a deletion, insertion, substitution or truncation,
-- mostly at its start or end.
CREATE FUNCTION pg_temp.edit(t text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    n int := length(t);
    at int := CASE floor(random() * 3) WHEN 0 THEN 1 WHEN 1 THEN greatest(n, 1)
                                       ELSE 1 + floor(random() * greatest(n, 1))::int END;
BEGIN
    RETURN CASE floor(random() * 6)
        WHEN 0 THEN t
        WHEN 1 THEN overlay(t PLACING '' FROM at FOR 1)
        WHEN 2 THEN overlay(t PLACING pg_temp.word(1) FROM at + floor(random() * 2)::int FOR 0)
        WHEN 3 THEN overlay(t PLACING pg_temp.word(1) FROM at FOR 1)
        WHEN 4 THEN left(t, floor(random() * (n + 1))::int)
        ELSE pg_temp.edit(pg_temp.edit(t))
    END;
END
$$;

-- A term's length: empty, exact (under 8), fuzzy; or around 64 and 128
-- characters, one and two 64-bit words.
CREATE FUNCTION pg_temp.term_length(long boolean) RETURNS int LANGUAGE sql AS $$
    SELECT CASE WHEN long THEN (ARRAY[62, 126])[1 + floor(random() * 2)::int] + floor(random() * 5)::int
                ELSE (ARRAY[0, 1 + floor(random() * 7)::int, 7, 8, 9, 8 + floor(random() * 9)::int,
                            8 + floor(random() * 9)::int])[1 + floor(random() * 7)::int] END
$$;

-- One to three terms.
CREATE FUNCTION pg_temp.terms(long boolean) RETURNS text[] LANGUAGE sql AS $$
    SELECT array_agg(pg_temp.word(pg_temp.term_length(long))) FROM generate_series(1, 1 + floor(random() * 3)::int)
$$;

-- A document of `pieces` pieces: edited terms, terms after a piece of
-- themselves (overlapping occurrences) and other words, between separators
-- that make or take away word boundaries.
CREATE FUNCTION pg_temp.document(terms text[], pieces int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    doc text := '';
    t text;
BEGIN
    FOR i IN 1..pieces LOOP
        t := pg_temp.pick(terms);
        doc := doc || pg_temp.pick(ARRAY['', ' ', ' ', '  ', '-', ', ', '.', '€', 'a', U&'\0308', '–'])
                   || pg_temp.unfold(CASE floor(random() * 5)
                                     WHEN 0 THEN pg_temp.word(1 + floor(random() * 10)::int)
                                     WHEN 1 THEN left(t, floor(random() * length(t))::int) || pg_temp.edit(t)
                                     ELSE pg_temp.edit(t) END);
    END LOOP;
    RETURN doc || pg_temp.pick(ARRAY['', '', ' ', '.']);
END
$$;

SELECT setseed(0.25);
CREATE TEMP TABLE cases AS
SELECT n, pg_temp.document(terms, pieces) AS doc,
       pg_temp.unfold(array_to_string(terms, ',')) AS terms
  FROM (SELECT n, pg_temp.terms(n % 40 = 0) AS terms,
               CASE WHEN n % 40 = 0 THEN 1 + floor(random() * 3)::int
                    WHEN n % 40 = 1 THEN 100 + floor(random() * 100)::int
                    ELSE floor(random() * 8)::int END AS pieces
          FROM generate_series(1, 2400) n) g;

CREATE TEMP TABLE answers AS
SELECT n, doc, terms, all_terms, pg_temp.ref_match(doc, terms, all_terms) AS expected,
       linkedevents.ongoing_match(doc, terms, all_terms) AS got,
       linkedevents.ongoing_match(linkedevents.ongoing_fold(doc), terms, all_terms) AS got_folded
  FROM cases, (VALUES (false), (true)) v(all_terms);

-- What the cases cover, and how many answers differ from the reference.
SELECT count(*) AS answers,
       count(*) FILTER (WHERE expected) AS matches,
       count(*) FILTER (WHERE doc <> linkedevents.ongoing_fold(doc)) AS unfolded_documents,
       count(*) FILTER (WHERE octet_length(doc) > 1000) AS long_documents,
       count(*) FILTER (WHERE expected AND strpos(terms, ',') = 0 AND length(terms) >= 8
                              AND strpos(pg_temp.ref_fold(doc), pg_temp.ref_fold(terms)) = 0) AS one_edit_matches,
       count(*) FILTER (WHERE expected AND strpos(terms, ',') = 0 AND length(terms) > 64) AS two_word_matches,
       count(*) FILTER (WHERE got IS DISTINCT FROM expected) AS differ,
       count(*) FILTER (WHERE got_folded IS DISTINCT FROM expected) AS differ_on_folded_text
  FROM answers;
SELECT n, all_terms, expected, got, got_folded, terms, doc
  FROM answers
 WHERE got IS DISTINCT FROM expected OR got_folded IS DISTINCT FROM expected
 ORDER BY n, all_terms
 LIMIT 10;
