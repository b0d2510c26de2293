"""Definitions lent by a synonym: a concept the book only names after another one."""

from __future__ import annotations

from tutor.course import Citation
from tutor.engine.offline.synonym_definitions import lend_synonym_definitions
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
