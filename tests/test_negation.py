"""The one reading of negation: which words and phrases say "not", and how many times."""

from __future__ import annotations

import pytest

from tutor.answers import says_the_opposite
from tutor.engine.offline.tutoring.answer_guards import negates
from tutor.engine.offline.writing.checking import negates as names_negate
from tutor.engine.offline.writing.checking import same_option
from tutor.negation import (
    has_negation,
    negation_count,
    plain_negation,
    prefix_negates,
    sense_turns,
)


@pytest.mark.parametrize("said", [
    "A list isn't immutable", "The loop doesn't end", "You can't assign to it",
    "You cannot assign to it", "You cant assign to it", "A list is not fixed",
    "It has no members", "It never ends", "A set without members",
    "A list isn\u2019t fixed",
])
def test_each_negating_word_and_contraction_is_one_negation(said: str) -> None:
    assert negation_count(said) == 1 and has_negation(said)


def test_words_that_only_look_negated_are_no_negation() -> None:
    assert not has_negation("A notation worth knowing, noted in the index")
    assert negation_count("Nothing, none, never") == 3


def test_neither_nor_is_one_negation() -> None:
    assert negation_count("It is neither mutable nor hashable") == 1
    assert plain_negation("neither A nor B") == "neither A or B"
    # one turn against the same statement said with a single "not"; an odd count against none
    assert sense_turns("It is neither mutable nor hashable", "It is not mutable or hashable") == 0
    assert says_the_opposite("It is neither mutable nor hashable", "It is mutable or hashable")
    assert says_the_opposite("It is mutable or hashable", "It is neither mutable nor hashable")


def test_no_more_than_is_a_bound_not_a_negation() -> None:
    assert negation_count("a sample of no more than five values") == 0
    assert not has_negation("no fewer than two arguments")
    assert not says_the_opposite("at most no more than five values", "at most five values")
    assert not says_the_opposite("at most five values", "at most no more than five values")
    # "no more" with no bound after it does negate
    assert negation_count("The file is no more") == 1


def test_no_longer_is_a_negation() -> None:
    assert plain_negation("The list is no longer sorted") == "The list is not sorted"
    assert says_the_opposite("The list is no longer sorted", "The list is sorted")
    assert says_the_opposite("The list is sorted", "The list is no longer sorted")
    assert not says_the_opposite("The list is no longer sorted", "The list is not sorted")


def test_an_opening_it_is_not_true_that_is_a_negation_a_quoted_one_is_no_frame() -> None:
    framed = "It is not true that the list is sorted"
    assert plain_negation(framed) == "not the list is sorted"
    assert plain_negation("It's false that the list is sorted") == "not the list is sorted"
    assert says_the_opposite(framed, "The list is sorted")
    assert says_the_opposite("The list is sorted", framed)
    quoted = "Negation is the connective 'it is not the case that'"
    assert "case" in plain_negation(quoted)


def test_plain_negation_read_twice_is_read_once() -> None:
    for text in ("neither A nor B", "no more than five", "It is not true that it is no longer "
                 "sorted", "not any longer sorted"):
        assert plain_negation(plain_negation(text)) == plain_negation(text)


def test_prefixes_turn_a_word_around_both_ways() -> None:
    assert prefix_negates("valid", "invalid") and prefix_negates("invalid", "valid")
    assert not prefix_negates("valid", "valid") and not prefix_negates("index", "dex")
    assert names_negate("consistent", "Inconsistent") and not names_negate("list", "lists")
    assert sense_turns("is not valid", "is invalid") == 2


def test_the_matcher_and_the_grader_guard_read_neither_nor_alike() -> None:
    """Against a key that says both, "neither ... nor" turns it around once, for the matcher
    and the grader's guard alike (read as two negations it would turn it twice, and agree)."""
    key = "A tuple is a sequence that is mutable and hashable"
    said = "A tuple is a sequence that is neither mutable nor hashable"
    assert says_the_opposite(said, key) and says_the_opposite(key, said)
    assert negates(said, [key])
    assert not says_the_opposite(said, "A tuple is a sequence that is not mutable or hashable")
    assert not same_option("The plot is not a straight line", "The plot is a straight line")


_BOTH_DENIED = [
    ("A tuple that holds a list is not mutable and not hashable",
     "A tuple that holds a list is neither mutable nor hashable"),
    ("The loop does not stop and does not print", "The loop neither stops nor prints"),
    ("It isn't sorted and isn't hashed", "It is neither sorted nor hashed"),
    ("It is not sorted nor hashed", "It is neither sorted nor hashed"),
]


@pytest.mark.parametrize(("twice", "neither"), _BOTH_DENIED)
def test_not_a_and_not_b_is_the_claim_neither_a_nor_b(twice: str, neither: str) -> None:
    from tutor.answers import chosen_option, key_verdict
    from tutor.course import Exercise, ExerciseKind
    from tutor.engine.offline.tutoring.grading import grade

    for said, key in ((twice, neither), (neither, twice)):
        assert sense_turns(said, key) == 0 and not says_the_opposite(said, key)
        assert not negates(said, [key])  # the grader's guard lets it through
        short = Exercise(id="s", concept_id="c", kind=ExerciseKind.SHORT_ANSWER,
                         prompt="What holds here?", answer=key, key_points=[key])
        assert grade(short, said).correct, (said, key)
        choice = Exercise(id="m", concept_id="c", kind=ExerciseKind.MULTIPLE_CHOICE,
                          prompt="Which holds?", answer=key,
                          choices=[key, "It is mutable", "It is sorted"])
        picked = chosen_option(choice, said)
        assert picked is None or key_verdict(choice, said)  # never the opposite of the key


def test_a_second_not_still_turns_a_statement_that_is_no_neither_nor() -> None:
    # "not A and not B" is one negation only against "neither A nor B": against "A and not B"
    # its first "not" turns the claim around, as the grader's adversarial answers have it
    assert says_the_opposite("A tuple is not mutable and not hashable",
                             "A tuple is mutable and not hashable")
    assert negates("A tuple is not mutable and not hashable",
                   ["A tuple is mutable and not hashable"])
    assert says_the_opposite("It is neither sorted nor hashed", "It is sorted or hashed")
    assert plain_negation("It isn't sorted nor hashed") == "It is neither sorted or hashed"
