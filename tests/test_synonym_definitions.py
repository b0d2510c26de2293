"""Definitions lent by a synonym: a concept the book only names after another one."""

from __future__ import annotations

from tutor.course import Citation
from tutor.engine.offline.definitions.synonym_definitions import (
    lend_kind_definitions,
    lend_synonym_definitions,
)
from tutor.engine.port import ConceptDraft


def _draft(name: str, definition: str, page: int) -> ConceptDraft:
    return ConceptDraft(name=name, definition=definition,
                        citations=[Citation(source="book.pdf", page=page)])


def test_a_second_name_takes_the_first_names_definition_and_its_page() -> None:
    proof = _draft("proof", "Formally, a proof is a sequence of sentences.", 100)
    derivation = _draft("derivation", "Often, logical proofs are called derivations.", 124)
    lend_synonym_definitions([proof, derivation])
    assert derivation.definition == ("Often, logical proofs are called derivations. "
                                     "Formally, a proof is a sequence of sentences.")
    assert [c.page for c in derivation.citations] == [124, 100]
    assert proof.definition == "Formally, a proof is a sequence of sentences."


def test_the_term_as_subject_takes_its_other_names_definition() -> None:
    other = _draft("predicate logic", "Predicate logic is logic whose units are predicates.", 5)
    named = _draft("quantified logic", "Quantified logic is also called predicate logic.", 46)
    lend_synonym_definitions([other, named])
    assert named.definition.endswith("Predicate logic is logic whose units are predicates.")


def test_describing_pointing_back_or_circular_namings_are_left_alone() -> None:
    describing = _draft("encapsulation", "Wrapping a piece of code up in a function is called "
                        "encapsulation.", 3)
    function = _draft("function", "A function is a named sequence of statements.", 2)
    connective = _draft("connective", "A connective joins sentences.", 20)
    pointing = _draft("conditional", "The connective is called a conditional.", 21)
    klass = _draft("class", "A class is a programmer-defined type.", 30)
    circular = _draft("programmer-defined type", "A programmer-defined type is also called a "
                      "class.", 31)
    drafts = [describing, function, connective, pointing, klass, circular]
    before = [d.definition for d in drafts]
    lend_synonym_definitions(drafts)
    assert [d.definition for d in drafts] == before


def test_a_leaning_modifier_takes_the_definition_of_the_kind_it_names() -> None:
    modifier = _draft("conditional", "We need the ability to check conditions. Conditional "
                      "statements give us this ability.", 63)
    kind = _draft("conditional statement", "A statement that controls the flow of execution "
                  "depending on some condition.", 70)
    other = _draft("conditional probability", "The chance of an event given another.", 80)
    lend_kind_definitions([modifier, other, kind])
    assert modifier.definition == kind.definition
    assert [c.page for c in modifier.citations] == [63, 70]


def test_a_modifier_that_stands_alone_or_a_kind_named_otherwise_is_left_alone() -> None:
    plain = _draft("conditional", "A conditional is a statement with a test.", 63)
    kind = _draft("conditional statement", "A statement that controls the flow.", 70)
    lend_kind_definitions([plain, kind])
    assert plain.definition == "A conditional is a statement with a test."
    leaning = _draft("sample", "This is called a sample.", 5)
    other = _draft("sample mean", "The mean of a sample.", 9)
    lend_kind_definitions([leaning, other])
    assert leaning.definition == "This is called a sample."


def test_a_modifier_said_of_the_example_before_by_its_place_takes_its_kinds_words() -> None:
    modifier = _draft("two-sided", "The previous test, using both sides, is two-sided.", 135)
    kind = _draft("two-sided test", "A test that asks about an effect in either direction.", 145)
    lend_kind_definitions([modifier, kind])
    assert modifier.definition == kind.definition
    assert [c.page for c in modifier.citations] == [135, 145]
