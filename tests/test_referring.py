"""Definitions that refer to the passage just read (tutor.engine.offline.definitions.referring) and
example words that are no concept (candidates.example_statement)."""

from __future__ import annotations

from collections import Counter

from tests.factories import map_definitions, notes_pages
from tutor.engine.offline.concepts.candidates import (
    TermCandidate,
    example_statement,
    is_generic,
    of_code_variable,
    of_example_symbol,
)
from tutor.engine.offline.concepts.extract import extract_concepts
from tutor.engine.offline.definitions.referring import (
    formally_named,
    named_after_claim,
    named_for_purpose,
    refers_back,
    resolved,
    without_example_symbols,
)

SERIES = [
    "The sentences at the beginning of the series are premises.",
    "To be perfectly general, we can define an argument as a series of sentences.",
]


def test_references_to_the_passage_are_recognised():
    assert refers_back("The final sentence in the series is the conclusion.")
    assert refers_back("The other sentences are premises of the argument.")
    assert refers_back("Like sentence 47, it makes an existence claim.")
    assert refers_back("Rules that work in this way are called derived.")
    assert not refers_back("The conclusion is the final sentence of an argument.")


def test_a_part_of_the_thing_defined_before_is_restated_with_the_term_as_subject():
    text = "The final sentence in the series is the conclusion."
    assert resolved(["conclusion"], text, SERIES) == (
        "The conclusion is the final sentence of an argument.")
    plural = "The sentences at the beginning of the series are premises."
    assert resolved(["premise"], plural, SERIES[1:]) == (
        "Premises are the sentences at the beginning of an argument.")


def test_an_unresolved_reference_is_not_restated():
    text = "The final sentence in the series is the conclusion."
    assert resolved(["conclusion"], text, ["The weather was fine."]) is None
    assert resolved(["conclusion"], text, ["We define a proof as a list of lines."]) is None
    assert resolved(["premise"], text, SERIES) is None  # names another term


def test_a_naming_of_an_examples_claim_is_restated_in_general():
    text = ("Like sentence 47, it makes an existence claim and a uniqueness claim; it just "
            "denies the claim of predication. This is called narrow-scope negation.")
    assert named_after_claim(["narrow-scope negation"], text) == (
        "A narrow-scope negation makes an existence claim and a uniqueness claim; it just "
        "denies the claim of predication.")
    specific = "Like sentence 47, it says that sentence 12 is false. This is called narrow-scope negation."
    assert named_after_claim(["narrow-scope negation"], specific) is None


def _candidate(key: str) -> TermCandidate:
    return TermCandidate(key=key, surfaces=Counter({key: 3}), evidence={"emphasis"})


def test_statements_of_an_example_are_no_definition_of_a_concept():
    lower = {"the", "is", "a", "surgeon", "skilled", "chimera"}
    assert example_statement(_candidate("skilled surgeon"), "27. Adina is a skilled surgeon.",
                             True, lower)
    assert example_statement(_candidate("surgeon"), "All surgeons are greedy.", True, lower)
    assert not example_statement(_candidate("surgeon"), "All surgeons are greedy.", False,
                                 lower)  # a sentence that defines it well enough
    assert not example_statement(_candidate("surgeon"),
                                 "A surgeon is a doctor who operates on patients.", True, lower)
    assert not example_statement(_candidate("chimera"), "Chimera is a mythological creature.",
                                 True, lower)  # the word is written in lower case elsewhere


def test_the_map_names_the_thing_a_definition_refers_to() -> None:
    chunks = notes_pages(
        ("Arguments", "Here is an argument. The three dots mean therefore, and they indicate "
         "that the final sentence is the conclusion of the argument. The other sentences are "
         "premises of the argument.", ["premises", "conclusion"]),
        ("Arguments in general", "To be perfectly general, we can define an argument as a "
         "series of sentences. The sentences at the beginning of the series are premises. "
         "The final sentence in the series is the conclusion.", []),
        ("Validity", "An argument is valid if the premises cannot be true while the conclusion "
         "is false. A valid argument with true premises has a true conclusion.", []),
    )
    found = map_definitions(chunks)
    assert found["premise"] == "Premises are the sentences at the beginning of an argument."
    assert found["conclusion"] == "The conclusion is the final sentence of an argument."


def test_the_map_restates_a_kind_named_after_an_example() -> None:
    chunks = notes_pages(
        ("Proofs", "Suppose there is a greatest natural number A. Then A + 1 is greater. So "
         "there is no greatest natural number. This argument form is traditionally called a "
         "reductio. In a reductio, we assume something for the sake of argument - for "
         "example, that there is a greatest number.", ["reductio"]),
        ("More proofs", "A reductio needs a contradiction. Every reductio ends by rejecting "
         "its assumption.", []),
    )
    reductio = next(d for d in extract_concepts(chunks) if d.name == "reductio")
    assert reductio.definition == (
        "A reductio is an argument form in which we assume something for the sake of "
        "argument.")
    # no key point says again what the definition restates
    assert not any(point.startswith("In a reductio") for point in reductio.key_points)


def test_a_kind_named_after_an_example_keeps_the_next_step_said_in_general() -> None:
    chunks = notes_pages(
        ("Proofs", "Suppose there is a greatest natural number A. Then A + 1 is greater. So "
         "there is no greatest natural number. This argument form is traditionally called a "
         "reductio. In a reductio, we assume something for the sake of argument - for "
         "example, that there is a greatest number. Then we show that the assumption leads to "
         "two contradictory sentences - for example, that A is greatest and is not.",
         ["reductio"]),
        ("More proofs", "A reductio needs a contradiction. Every reductio ends by rejecting "
         "its assumption.", []),
    )
    reductio = next(d for d in extract_concepts(chunks) if d.name == "reductio")
    assert reductio.definition == (
        "A reductio is an argument form in which we assume something for the sake of "
        "argument, then we show that the assumption leads to two contradictory sentences.")


def test_a_common_word_only_emphasised_needs_a_plain_definition() -> None:
    person = _candidate("person")
    assert is_generic(person, plainly_defined=False)  # "When people mean to give ..."
    assert not is_generic(person, plainly_defined=True)
    named = TermCandidate(key="child", surfaces=Counter({"child": 3}),
                          evidence={"emphasis", "definition"})
    assert not is_generic(named, plainly_defined=False)  # a defining pattern marks it too


def test_things_introduced_for_a_use_then_named_are_restated_by_their_name() -> None:
    text = ("It will often be useful to translate between quantifiers by adding or subtracting "
            "negations in this way, so we add two derived rules for this purpose. These rules "
            "are called quantifier negation (QN).")
    assert named_for_purpose(["quantifier negation"], text) == (
        "Quantifier negation (QN) names two derived rules used to translate between "
        "quantifiers by adding or subtracting negations.")
    other = text.replace("quantifier negation (QN)", "QN")
    assert named_for_purpose(["quantifier negation"], other) is None  # names another term


def test_a_naming_of_the_symbol_just_introduced_says_what_the_symbol_is_for() -> None:
    before = ["The sentence becomes R \u2192 B.",
              "We will use the symbol '\u2192' to represent logical entailment."]
    assert resolved(["conditional"], "The connective is called a conditional.", before) == (
        "A conditional is the connective '\u2192', used to represent logical entailment.")
    assert resolved(["conditional"], "The connective is called a conditional.",
                    ["The sentence becomes R \u2192 B."]) is None  # no use said before


def test_a_formal_statement_then_named_is_restated_with_the_name_as_subject() -> None:
    text = ("Interpreting Fx to mean 'x fights crime' picks out Batman and other heroes. "
            "Formally, this is a set of members of the UD to which the predicate applies; this "
            "set is called the extension of the predicate.")
    assert formally_named(["extension"], text) == (
        "The extension of a predicate is the set of members of the UD to which the predicate "
        "applies.")
    assert formally_named(["referent"], text) is None


def test_a_parenthesis_naming_the_examples_symbol_is_dropped() -> None:
    text = ("The sentence on the left-hand side of the conditional (R in this example) is "
            "called the antecedent.")
    assert without_example_symbols(text) == (
        "The sentence on the left-hand side of the conditional is called the antecedent.")
    assert without_example_symbols("The right-hand side (B) is called the consequent.") == (
        "The right-hand side is called the consequent.")
    kept = "A sample space (the set of outcomes) is what an experiment can give."
    assert without_example_symbols(kept) == kept


def test_a_value_of_a_variable_the_books_code_assigns_is_no_concept() -> None:
    code = ["def factorial(n):\n    recurse = factorial(n-1)\n    result = n * recurse\n"]
    assert of_code_variable(_candidate("value of result"), code)
    assert not of_code_variable(_candidate("value of result"), ["The result is printed."])
    assert not of_code_variable(_candidate("order of operations"), code)


def test_a_word_named_as_one_of_the_books_functions_is_no_concept() -> None:
    from tutor.engine.offline.concepts.candidates import code_variable

    random = TermCandidate(key="random", surfaces=Counter({"Random": 2, "random": 5}),
                           evidence={"definition"})
    sentence = "Cdf provides an implementation of this algorithm, called Random:"
    code = ["# class Cdf\ndef Random(self):\n    return self.Percentile(random.random())"]
    assert code_variable(random, sentence, code)
    assert not code_variable(random, sentence, ["Random sampling is common."])
    assert not code_variable(random, "A sample chosen by chance is called random.", code)


def test_a_naming_of_the_other_side_takes_the_thing_the_sentence_before_named() -> None:
    left = "The sentence on the left-hand side of the conditional is called the antecedent."
    right = "The sentence on the right-hand side (B) is called the consequent."
    assert refers_back(right) and not refers_back(left)
    assert resolved(["consequent"], right, [left]) == (
        "The sentence on the right-hand side of the conditional is called the consequent.")
    assert resolved(["conditional"], right, [left]) is None  # it names another term
    assert resolved(["consequent"], right, ["A conditional joins two sentences."]) is None


def test_a_thing_of_an_examples_symbol_is_no_concept() -> None:
    assert of_example_symbol(_candidate("extension of L"))
    assert not of_example_symbol(_candidate("extension of a predicate"))
    assert not of_example_symbol(_candidate("law of large numbers"))


def test_the_head_noun_of_a_term_just_introduced_is_read_as_the_term() -> None:
    before = ["So it is important to provide a symbolization key."]
    text = "The key provides an English language sentence for each sentence letter used."
    assert resolved(["symbolization key"], text, before) == (
        "A symbolization key provides an English language sentence for each sentence letter "
        "used.")
    assert resolved(["symbolization key"], text, ["The door was locked."]) is None
