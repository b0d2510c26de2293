"""Whether a description says what a term is: not a sentence said about the thing, not a
general or vague kind, not only the term's kind."""

from __future__ import annotations

from tutor.engine.offline.terms import PREPOSITIONS
from tutor.engine.offline.writing.what_it_is import (
    says_only_a_kind,
    sentence_not_description,
    vague,
    what_it_is_problems,
)


def test_a_subject_holding_between_has_its_own_verb() -> None:
    # "between" is a preposition for the checker as for concept extraction (one list): the
    # "the" after it opens no second subject, so the sentence is about the thing, not what
    # it is.
    assert sentence_not_description("The gap between the groups has narrowed")
    assert "between" in PREPOSITIONS
    assert not sentence_not_description("The object a method is invoked on")


def test_a_description_saying_only_that_it_is_of_some_kind_is_too_vague() -> None:
    assert vague("a special construct") and vague("another kind of data storage")
    assert vague("the usual plotting behaviour")
    assert not vague("a special value that marks the end of a list")  # a clause tells it
    assert not vague("The derivative of a CDF") and not vague("A meaningful expression")
    assert what_it_is_problems("a special construct") == [
        "the description is too vague to tell one term"]


def test_a_sentence_saying_only_that_the_term_is_of_some_kind_is_too_general() -> None:
    assert says_only_a_kind("The canvas size is the usual plotting behaviour.", "canvas size")
    assert not says_only_a_kind("The canvas size is the area the terminal draws on, in "
                                "pixels.", "canvas size")
