"""The text toolkit: one stopword list, one stemmer, the normalisers."""

from __future__ import annotations

from tutor.text import (
    STOPWORDS,
    bare_verb,
    code_marks,
    content_stems,
    fix_characters,
    fold,
    listed_verb,
    may_name,
    normalize,
    singular,
    stem,
    words,
)

# -- stems and words -------------------------------------------------------------------------


def test_inflections_share_a_stem() -> None:
    assert stem("connected") == stem("connects") == stem("connection") == stem("connecting")
    assert stem("searches") == stem("searching") == stem("searched") == "search"
    assert stem("queries") == stem("query")
    assert stem("running") == "run"
    assert stem("compare") == stem("comparing") == stem("compares")
    assert stem("table") != stem("tab")


def test_singular_is_lighter_than_a_stem() -> None:
    assert singular("dictionaries") == "dictionary"
    assert singular("classes") == "class"
    assert singular("analysis") == "analysis"
    assert singular("indices") == "index"
    assert singular("this") == "this"


def test_stopwords_are_function_words_only() -> None:
    assert {"the", "of", "is", "which", "would", "themselves"} <= STOPWORDS
    assert not {"variable", "function", "list", "value", "loop"} & STOPWORDS


def test_content_stems_drop_stopwords_and_keep_digits() -> None:
    assert content_stems("The lists were sorted by 2 keys") == ["list", "sort", "2", "key"]
    assert content_stems("It's a floating-point number") == ["float", "point", "number"]
    assert content_stems("not connected", drop=frozenset({"not"})) == ["connect"]


def test_content_stems_are_one_reading_with_the_shortest_word_an_argument() -> None:
    from tutor.engine.offline.terms import content_stems as engine_stems

    text = "The 3d axes of a pi plot don\u2019t show children"
    assert content_stems(text) == ["3d", "axi", "pi", "plot", "dont", "show", "child"]
    assert content_stems(text, min_letters=3) == ["axi", "plot", "dont", "show", "child"]
    assert content_stems("the axis") == content_stems("the axes")  # a plural as its singular
    assert engine_stems(text) == set(content_stems(text, min_letters=3))
    assert engine_stems(text, drop=["child", "plot"]) == {"axi", "dont", "show"}


def test_words_are_lower_case_tokens() -> None:
    assert words("Don't re-read X2!") == ["don't", "re-read", "x2"]


# -- normalisers -----------------------------------------------------------------------------


def test_normalize_fixes_ligatures_quotes_and_broken_words() -> None:
    assert normalize("\ufb01le \u201cquoted\u201d sys-\ntem") == 'file "quoted" system'
    assert fix_characters("e\ufb00ect\u00ad\u00a0x") == "effect x"


def test_normalize_returns_plain_ascii_as_it_is_without_caching_it() -> None:
    from tutor import text

    # The fast path holds because every fix is of a non-ASCII character (or of "-\n").
    assert all(code >= 128 for code in text.CHARACTER_FIXES)
    assert all(not quote.isascii() for quote in text._QUOTES)
    text._normalize.cache_clear()
    plain = "A plain ASCII sentence -- with 'quotes' and a tab\there."
    assert normalize(plain) is plain
    assert text._normalize.cache_info().currsize == 0  # not cached: books would churn it
    assert normalize("sys-\ntem") == "system"  # a line-end hyphen still joined
    assert text._normalize.cache_info().currsize == 1


def test_fold_gives_the_comparable_form() -> None:
    assert fold("  Floating-Point\tNUMBER! ") == "floating point number"
    assert fold("snake_case (x)") == "snake case x"
    assert fold("\uff21BC") == "abc"


def test_may_name_rules_out_only_texts_without_a_first_word_of_the_terms() -> None:
    from tutor.engine.offline.definitions.descriptions import term_pattern

    terms = ["floating point", "Float"]
    assert may_name("A FLOATING-POINT number.", terms)
    assert may_name("We float it.", terms)
    assert not may_name("An integer.", terms)
    assert may_name("Anything at all.", ["  "])  # no word: nothing ruled out
    for text in ["Floating-point values", "the float type", "an int", "FLOAT", "Ｆｌｏａｔ"]:
        if not may_name(text, terms):
            assert term_pattern(terms).search(text) is None, text


def test_code_marks_counts_code_punctuation() -> None:
    assert code_marks("A list is a sequence of values.") == 0
    assert code_marks("t[i] = f(x_1) % 2 # <b> \\ {}") == 13


def test_a_verbs_bare_form_by_its_ending_or_among_listed_verbs() -> None:
    assert [bare_verb(w) for w in ("unwinds", "notifies", "pushes", "push", "class")] == [
        "unwind", "notify", "push", "push", "class"]
    verbs = {"convert", "hash", "verify", "press"}
    assert [listed_verb(w, verbs) for w in ("converts", "hashes", "verifies", "convert")] == [
        "convert", "hash", "verify", "convert"]
    assert listed_verb("presses", verbs) == "press"
    assert listed_verb("unwinds", verbs) == ""  # not among the verbs: no form of it is
    assert listed_verb("press", {"pres"}) == ""  # a double s is no verb said of a thing
