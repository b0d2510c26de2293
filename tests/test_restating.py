"""Definitions given by an example, restated in general words (or found stated elsewhere)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tests.factories import map_definitions, notes_pages
from tutor.engine.offline.definitions.restating import (
    NAMED_IN_PASSING,
    abbreviation,
    by_abbreviation,
    restate,
    restated,
)


def _uses(term: str):  # type: ignore[no-untyped-def]
    return lambda words: re.search(rf"\b{re.escape(term)}", words, re.IGNORECASE) is not None


def test_a_naming_whose_reason_is_about_the_thing_is_restated_in_general() -> None:
    text = "Sentence 48a is called a wide-scope negation, because it negates the entire sentence."
    assert restate("wide-scope negation", text, _uses("wide-scope negation")) == (
        "A wide-scope negation is a sentence that negates the entire sentence.")
    kind = "This kind of test is called one-sided because it only counts one side of the data."
    assert restate("one-sided", kind, _uses("one-sided")) == (
        "A one-sided test is one that only counts one side of the data.")


def test_a_reason_about_an_example_or_a_plain_subject_is_left_alone() -> None:
    specific = ("This is called a biconditional, because it entails the two conditionals "
                "S → T and T → S.")
    assert restate("biconditional", specific, _uses("biconditional")) == specific
    plain = "Singular terms are called constants because they pick out individuals."
    assert restate("constant", plain, _uses("constant")) == plain


def test_a_pointing_continuation_of_an_introduction_says_what_the_term_is() -> None:
    text = ("Instead, we will introduce a truth value assignment. Formally, this will be a "
            "function that tells us the truth value of all the atomic sentences.")
    assert restate("truth value assignment", text, _uses("truth value assignment")) == (
        "A truth value assignment is a function that tells us the truth value of all the "
        "atomic sentences.")


def test_a_naming_after_a_condition_needs_no_sentence_before_it() -> None:
    text = ("It cannot be the case that both of these sentences are true. If a set of "
            "sentences could not all be true at the same time, like B1-B2, they are said to be "
            "inconsistent.")
    assert restate("inconsistent", text, _uses("inconsistent")) == (
        "If a set of sentences could not all be true at the same time, they are said to be "
        "inconsistent.")


@dataclass
class _S:
    text: str
    chunk: int = 0
    section: str = ""


def test_a_later_general_statement_is_found_and_an_unqualified_one_preferred() -> None:
    sentences = [
        _S("A sentence is contingent in SL if it is 1 on some row and 0 on another."),
        _S("There is no such contingent assignment."),
        _S("A sentence is contingent if it is neither a tautology nor a contradiction."),
        _S("A valid argument, the conclusion of which is contingent 4."),
    ]
    found = restated(["contingent"], range(4), sentences, lambda s: True,
                     lambda text, form: form in text)
    assert found == 2
    assert restated(["contingent"], [1, 3], sentences, lambda s: True,
                    lambda text, form: form in text) is None


def test_an_abbreviation_the_book_declares_names_the_term_in_its_definition() -> None:
    texts = ["We need to specify a universe of discourse— abbreviated UD. The UD is the set."]
    assert abbreviation("universe of discourse", texts) == "UD"
    assert abbreviation("kernel density estimation", ["Kernel density estimation (KDE) is"]) \
        == "KDE"
    assert abbreviation("universe of discourse", ["The UD is the set of things."]) is None
    assert by_abbreviation("universe of discourse", "UD", "The UD is the set of things.") == (
        "The universe of discourse (UD) is the set of things.")


def test_the_map_gives_a_glossary_entry_over_a_naming_in_passing() -> None:
    chunks = notes_pages(
        ("Splitting strings", "The method split breaks a string into words. An optional "
         "argument called a delimiter specifies which characters to use as word boundaries. "
         "A delimiter can be any string of characters.", ["delimiter"]),
        ("More strings", "Each delimiter you pass to split changes the words you get back.",
         []),
        ("Glossary", "delimiter: A character or string used to indicate where a string "
         "should be split.", []),
    )
    assert map_definitions(chunks)["delimiter"] == (
        "A character or string used to indicate where a string should be split.")


def test_the_map_states_a_term_under_its_declared_abbreviation() -> None:
    chunks = notes_pages(
        ("Quantifiers", "Quantifiers need a domain. In order to remove this ambiguity, we "
         "specify a universe of discourse— abbreviated UD. The UD is the set of things that "
         "we are talking about. The quantifiers range over the universe of discourse.",
         ["universe of discourse"]),
        ("Universe of discourse", "Each constant names a member of the universe of "
         "discourse. The universe of discourse must not be empty.", []),
    )
    assert map_definitions(chunks)["universe of discourse"] == (
        "The universe of discourse (UD) is the set of things that we are talking about.")


def test_an_appositive_that_says_what_the_term_is_becomes_the_definition() -> None:
    assert restate("subproof", "What we will do instead is start a subproof, a proof within "
                   "the main proof.", _uses("subproof")) == "A subproof is a proof within the main proof."
    assert restate("seasonality", "The next step is to investigate seasonality, which is "
                   "periodic behavior.", _uses("seasonality")) == "Seasonality is periodic behavior."


def test_an_appositive_of_a_longer_name_or_an_example_is_left_alone() -> None:
    longer = "The second step is to define a null hypothesis, which is a model of the system."
    assert restate("hypothesis", longer, _uses("hypothesis")) == longer
    quantity = "If the elements are in order, you can use a bisection search, which is O(log n)."
    assert restate("bisection search", quantity, _uses("bisection search")) == quantity
    called = "We divide through by n, which is called normalization."
    assert restate("normalization", called, _uses("normalization")) == called


def test_a_naming_of_a_general_statement_just_made_takes_the_name_as_subject() -> None:
    rule = ("Argument B makes use of a valid form: Given a conditional and its antecedent, the "
            "consequent follows. This is called modus ponens.")
    assert restate("modus ponens", rule, _uses("modus ponens")) == (
        "Modus ponens is the rule that, given a conditional and its antecedent, the "
        "consequent follows.")
    thing = "It is possible to have a set with no members in it. This is called the empty set."
    assert restate("empty set", thing, _uses("empty set")) == (
        "The empty set is a set with no members in it.")
    symbol = ("We will use the symbol '`' to indicate that a proof is possible. This symbol is "
              "called the turnstile.")
    assert restate("turnstile", symbol, _uses("turnstile")) == (
        "The turnstile is the symbol '`', used to indicate that a proof is possible.")


def test_a_statement_about_letters_is_not_named_in_general() -> None:
    specific = ("Argument A uses a form: Given A and B, the conclusion C follows. This is "
                "called a weird rule.")
    assert restate("weird rule", specific, _uses("weird rule")) == specific


def test_a_sentence_about_the_example_at_hand_gives_way_to_the_glossary() -> None:
    chunks = notes_pages(
        ("Lists", "Two lists can hold the same numbers. In this case we would say that the "
         "two lists are equivalent, because they have the same elements.", ["equivalent"]),
        ("Objects", "Equivalent lists need not be identical; equivalent objects compare equal.",
         []),
        ("Glossary", "equivalent: Having the same value.", []),
    )
    assert map_definitions(chunks)["equivalent"] == "Having the same value."


def test_a_rule_said_in_words_then_named_is_stated_by_its_name() -> None:
    text = ("It is legitimate to infer Px if you know that something is a P. This is the "
            "existential introduction rule (EI).")
    assert restate("existential introduction", text, _uses("existential introduction")) == (
        "The existential introduction rule (EI) says that it is legitimate to infer Px if you "
        "know that something is a P.")
    pointing = ("If Ma were a premise, then this would not show anything about all y. This is "
                "the schematic form of the universal introduction rule (UI).")
    assert restate("universal introduction", pointing, _uses("universal introduction")) == (
        pointing)


def test_a_comparison_a_bare_genus_or_a_naming_in_passing_gives_way_to_the_glossary() -> None:
    chunks = notes_pages(
        ("Summary statistics", "The mean is the sum divided by the count. Like the mean, the "
         "median is a measure of the central tendency of a distribution. A raw moment is a "
         "kind of statistic. We can shift the series by an interval called a lag, and then "
         "compare the shifted series with the original.", ["median", "raw moment", "lag"]),
        ("More", "The median resists outliers. A raw moment grows fast. A lag of one day is "
         "common; each lag gives a correlation.", []),
        ("Glossary", "median: The 50th percentile of a distribution.\nraw moment: A statistic "
         "based on the sum of data raised to a power.\nlag: The size of the shift in a serial "
         "correlation.", []),
    )
    found = map_definitions(chunks)
    assert found["median"] == "The 50th percentile of a distribution."
    assert found["raw moment"] == "A statistic based on the sum of data raised to a power."
    assert found["lag"] == "The size of the shift in a serial correlation."


def test_a_restatement_has_the_term_as_subject_or_after_its_copula() -> None:
    sentences = [
        _S("Many long sentences of the chapter go on to mention a contingent one is here."),
        _S("Two sentences together are said to be contingent if neither decides the other."),
    ]
    found = restated(["contingent"], [0, 1], sentences, lambda s: True,
                     lambda text, form: form in text)
    assert found == 1


def test_a_plural_naming_with_a_reason_about_the_things_is_restated() -> None:
    has = ("'A piano fell on' is also a predicate. Predicates like these are called one-place "
           "or monadic, because there is only one blank to fill in.")
    assert restate("one-place predicate", has, _uses("one-place predicate")) == (
        "A one-place predicate is a predicate with only one blank to fill in.")
    they = ("We will now introduce some derived rules. These are called rules of replacement, "
            "because they can be used to replace part of a sentence.")
    assert restate("rule of replacement", they, _uses("rules of replacement")) == (
        "Rules of replacement are ones that can be used to replace part of a sentence.")
    letters = "These are called pairs, because they join A and B."
    assert restate("pair", letters, _uses("pairs")) == letters


def test_a_naming_inside_a_sentence_about_something_else_is_in_passing() -> None:
    assert NAMED_IN_PASSING.search("For dictionaries, Python uses an algorithm called a "
                                   "hashtable that has a remarkable property.")
    assert NAMED_IN_PASSING.search("Save code in a file called a script and then run it.")
    assert not NAMED_IN_PASSING.search("Instead we collect data from a subset of the "
                                       "population called a sample.")
    assert not NAMED_IN_PASSING.search("Wrapping a piece of code up in a function is called "
                                       "encapsulation.")


def test_a_variable_of_the_books_code_glossed_in_passing_is_no_concept() -> None:
    chunks = notes_pages(
        ("Chi-squared", "ChiSquared takes a sequence of lengths and computes observed, which is "
         "a list of frequencies. The test compares observed with expected counts.", []),
        ("Code", "observed = hist.Freqs(values)\nexpected = n * probs\nThe observed counts "
         "come from the sample.", []),
        ("More", "Each statistic compares observed and expected values; observed values vary.",
         []),
    )
    assert "observed" not in map_definitions(chunks)
    kept = notes_pages(
        ("Means", "If you have a sample of n values, the mean is the sum of the values divided "
         "by the number of values. The mean describes the centre.", []),
        ("Code", "mean = total / n\nThe mean of the sample is easy to compute.", []),
        ("More", "A mean can mislead when values are skewed; the mean moves with outliers.", []),
    )
    assert "mean" in map_definitions(kept)


def test_an_example_named_as_a_kind_for_a_reason_about_it_is_restated_in_general() -> None:
    text = ("This is an inductive argument, because it generalizes from many cases to a "
            "conclusion about all cases.")
    assert restate("inductive argument", text, _uses("inductive argument")) == (
        "An inductive argument is an argument that generalizes from many cases to a "
        "conclusion about all cases.")
    specific = "This is a valid argument, because it has premise 2 and a conclusion."
    assert restate("valid argument", specific, _uses("valid argument")) == specific
    used = ("The distributions we have used so far are called empirical distributions because "
            "they are based on empirical observations.")
    assert restate("empirical distribution", used, _uses("empirical distribution")) == (
        "Empirical distributions are distributions that are based on empirical observations.")


def test_the_map_restates_an_example_named_as_a_kind() -> None:
    chunks = notes_pages(
        ("Inductive arguments", "There can be good arguments which are not valid. It rained "
         "each January so far. Therefore it rains every January. This is an inductive argument, "
         "because it generalizes from many cases to a conclusion about all cases. Inductive "
         "arguments are not deductively valid.", ["inductive"]),
        ("Other", "Inductive arguments are common in science. An inductive argument can be "
         "strong.", []))
    assert map_definitions(chunks)["inductive argument"] == (
        "An inductive argument is an argument that generalizes from many cases to a "
        "conclusion about all cases.")


def test_a_closing_naming_and_a_concession_are_restated_with_the_term_as_subject() -> None:
    named = ("In the real world, exponential distributions come up when we look at a series of "
             "events and measure the times between events, called interarrival times.")
    assert restate("interarrival time", named, _uses("interarrival time")) == (
        "Interarrival times are the times between events.")
    conceded = ("Although it can be laborious, the truth table method is a purely mechanical "
                "procedure that requires no intuition.")
    assert restate("truth table", conceded, _uses("truth table")) == (
        "The truth table method is a purely mechanical procedure that requires no intuition.")
    other = "Although it is short, a list is a sequence of values."
    assert restate("truth table", other, _uses("truth table")) == other
