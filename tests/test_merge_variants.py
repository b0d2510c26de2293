"""Merging forms of one name: derivations and inflections are one concept, related words are
not."""

from __future__ import annotations

from tutor.course import Citation
from tutor.engine.offline.concepts.merge import merge_concepts
from tutor.engine.port import ConceptDraft


def draft(name: str, order: int) -> ConceptDraft:
    return ConceptDraft(name=name, definition=f"{name} is an idea.", first_order=order,
                        citations=[Citation(source="b.pdf", page=order + 1)],
                        evidence=["definition"], score=3.0)


def names(*drafted: str) -> list[list[str]]:
    concepts = merge_concepts([draft(n, i) for i, n in enumerate(drafted)], use_embeddings=False)
    return sorted(sorted([c.name, *c.aliases]) for c in concepts)


def test_forms_of_one_word_are_one_concept() -> None:
    assert names("valid", "validity") == [["valid", "validity"]]
    assert names("logically equivalent", "logical equivalence") == [
        ["logical equivalence", "logically equivalent"]]
    assert names("hypothesis test", "hypothesis testing") == [
        ["hypothesis test", "hypothesis testing"]]


def test_related_words_stay_apart() -> None:
    assert len(names("condition", "conditional", "sample", "sampling", "operator",
                     "operand", "estimate", "estimation")) == 8


def test_one_defining_sentence_one_concept() -> None:
    sentence = "Sentences like this are called contingent sentences."
    drafts = [draft("contingent", 0), draft("contingent sentence", 0), draft("tautology", 1)]
    drafts = [d.model_copy(update={"definition": sentence}) if i < 2 else d
              for i, d in enumerate(drafts)]
    concepts = merge_concepts(drafts, use_embeddings=False)
    assert len(concepts) == 2


def test_a_name_defined_as_the_kind_that_ends_a_longer_name_is_that_name() -> None:
    def defined(name: str, definition: str, order: int) -> ConceptDraft:
        return draft(name, order).model_copy(update={"definition": definition})

    concepts = merge_concepts([
        defined("assignment", "A statement that assigns a value to a variable.", 0),
        defined("assignment statement", "An assignment statement creates a new variable.", 1),
        defined("autocorrelation", "A more general term for a serial correlation with any lag.", 2),
        defined("autocorrelation function", "A function that maps from lag to correlation.", 3),
        defined("update", "A statement that changes a value.", 4),
    ], use_embeddings=False)
    assert sorted(sorted([c.name, *c.aliases]) for c in concepts) == [
        ["assignment", "assignment statement"], ["autocorrelation"],
        ["autocorrelation function"], ["update"]]
