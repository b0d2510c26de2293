"""The one sentence splitter, and prose told from code in a PDF's text."""

from __future__ import annotations

from tutor.sentences import is_prose_line, passage_sentences, sentences, split_sentences


def test_abbreviations_do_not_end_a_sentence() -> None:
    text = "Some types, e.g. integers, are numbers. Strings are not. See Fig. 3 and p. 4 too."
    assert split_sentences(text) == [
        "Some types, e.g. integers, are numbers.", "Strings are not.",
        "See Fig. 3 and p. 4 too."]


def test_a_persons_initials_do_not_end_a_sentence() -> None:
    text = ("Salsa20 is a stream cipher designed by D. J. Bernstein. It is fast. RSA is due to "
            "Adi Shamir and L.M. Adleman. See Appendix A. The value is X. Then it ends.")
    assert split_sentences(text) == [
        "Salsa20 is a stream cipher designed by D. J. Bernstein.", "It is fast.",
        "RSA is due to Adi Shamir and L.M. Adleman.", "See Appendix A.", "The value is X.",
        "Then it ends."]


def test_an_abbreviation_must_be_a_whole_word() -> None:
    # "p." after a space is the page abbreviation; "heap." is a word that ends a sentence.
    assert split_sentences("See e.g. the heap. It is fast! Is it? Yes.") == [
        "See e.g. the heap.", "It is fast!", "Is it?", "Yes."]


def test_decimals_and_dotted_code_names_stay_inside_a_sentence() -> None:
    text = ("The value of pi is about 3.14159. Call math.sqrt(2) to get 1.41. "
            "The method str.upper returns a copy. 2 is prime.")
    assert split_sentences(text) == [
        "The value of pi is about 3.14159.", "Call math.sqrt(2) to get 1.41.",
        "The method str.upper returns a copy.", "2 is prime."]


def test_a_lower_case_word_after_a_full_stop_does_not_start_a_sentence() -> None:
    assert split_sentences("Use the file obj. read() returns text.") == [
        "Use the file obj. read() returns text."]


def test_closing_quotes_and_brackets_stay_with_their_sentence() -> None:
    text = 'He said "Stop." Then he left. (It was late.) `x` is a name.'
    assert split_sentences(text) == [
        'He said "Stop."', "Then he left.", "(It was late.)", "`x` is a name."]


def test_passage_sentences_split_at_blank_lines_and_headings() -> None:
    assert passage_sentences("One idea. Two ideas!\n\nThree") == [
        "One idea.", "Two ideas!", "Three"]
    text = "Random variables\nA random variable is a function.\nIt maps outcomes to numbers."
    assert passage_sentences(text) == [
        "A random variable is a function.", "It maps outcomes to numbers."]
    assert passage_sentences(text, headings=True)[0] == "Random variables"


def test_prose_sentences_leave_code_lines_out() -> None:
    text = ("A list holds values. It can grow.\n>>> xs = [1, 2, 3]\nx = {a: b} + [c]\n"
            "Lists are mutable.")
    assert list(sentences(text)) == ["A list holds values.", "It can grow.", "Lists are mutable."]
    assert is_prose_line("A variable is a name that refers to a value and can change.")
    assert not is_prose_line(">>> n = 17")
