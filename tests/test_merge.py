"""Merging concept drafts: spellings, plurals, abbreviations, stable unique ids."""

from __future__ import annotations

from tutor.course import Citation, Concept
from tutor.engine.offline.concepts.merge import merge_concepts
from tutor.engine.port import ConceptDraft


def draft(name: str, page: int = 1, order: int = 0, **fields: object) -> ConceptDraft:
    return ConceptDraft(
        name=name, citations=[Citation(source="book.pdf", page=page)], first_order=order,
        **fields,  # type: ignore[arg-type]
    )


def test_plural_and_case_variants_merge() -> None:
    concepts = merge_concepts(
        [
            draft("list", 3, 3, definition="A list is a sequence of values.", score=5.0,
                  evidence=["definition"], key_points=["A list is a sequence of values."]),
            draft("Lists", 1, 1, score=2.0, evidence=["heading"]),
        ]
    )
    assert len(concepts) == 1
    concept = concepts[0]
    assert concept.name == "list"
    assert "Lists" in concept.aliases
    assert concept.definition == "A list is a sequence of values."
    assert concept.citations[0].page == 3  # the defining page comes first
    assert concept.first_order == 3  # introduced where it is defined
    assert concept.key_points == ["A list is a sequence of values."]


def test_hyphen_space_and_joined_spellings_merge() -> None:
    concepts = merge_concepts(
        [draft("floating-point", score=3.0), draft("floating point", score=1.0),
         draft("file name", score=1.0), draft("filename", score=2.0)]
    )
    assert sorted(c.name for c in concepts) == ["filename", "floating-point"]


def test_abbreviations_merge_with_their_expansion() -> None:
    concepts = merge_concepts(
        [
            draft("natural language processing", aliases=["NLP"], score=4.0),
            draft("NLP", 5, 5, score=1.0),
            draft("greatest common divisor", 2, 2, score=3.0),
            draft("GCD", 6, 6, score=1.0),
        ]
    )
    assert [(c.name, sorted(c.aliases)) for c in concepts] == [
        ("natural language processing", ["NLP"]),
        ("greatest common divisor", ["GCD"]),
    ]


def test_distinct_concepts_stay_apart() -> None:
    concepts = merge_concepts(
        [draft("local variable"), draft("global variable"), draft("shallow copy"),
         draft("deep copy"), draft("variable")]
    )
    assert len(concepts) == 5


def test_ids_are_unique_stable_slugs_in_reading_order() -> None:
    drafts = [draft("C++", 1, 1), draft("C", 2, 2), draft("binary search tree", 3, 3)]
    first = merge_concepts(drafts)
    again = merge_concepts(list(reversed(drafts)))
    assert [c.id for c in first] == ["c", "c-2", "binary-search-tree"]
    assert [c.id for c in again] == [c.id for c in first]
    restored = [Concept.model_validate(c.model_dump(mode="json")) for c in first]
    assert restored == first
