"""A teacher's prerequisite map: sparse, no hubs, by name, definition and section."""

from __future__ import annotations

from tutor.course import Chunk, Citation, Concept
from tutor.engine.offline.prerequisites.link import (
    MAX_DEPENDENT_SHARE,
    MAX_PARENTS,
    link_prerequisites,
)


def concept(name: str, order: int, definition: str, section: str = "") -> Concept:
    return Concept(
        id=name.replace(" ", "-"), name=name, definition=definition, first_order=order,
        section=section, citations=[Citation(source="n.md", page=order + 1)],
    )


def chunks(texts: list[str], headings: list[str] | None = None) -> list[Chunk]:
    headings = headings or [""] * len(texts)
    return [Chunk(id=f"n.md#p{i + 1}-0", source="n.md", page=i + 1, text=t, heading=h, order=i)
            for i, (t, h) in enumerate(zip(texts, headings, strict=True))]


def test_a_ubiquitous_concept_is_no_hub() -> None:
    names = [f"topic{chr(97 + i)}" for i in range(30)]
    concepts = [concept("value", 0, "A value is a thing a program works with.")]
    concepts += [concept(n, i + 1, f"A {n} is a kind of value.") for i, n in enumerate(names)]
    edges = link_prerequisites(concepts, chunks([c.definition for c in concepts]))
    dependents = sum(1 for e in edges if e.prerequisite == "value")
    assert 0 < dependents <= max(2, int(MAX_DEPENDENT_SHARE * len(concepts)))


def test_at_most_max_parents_prerequisites_each() -> None:
    bases = ["alpha", "beta", "gamma", "delta", "epsilon"][: MAX_PARENTS + 2]
    concepts = [concept(b, i, f"An {b} is a basic idea.") for i, b in enumerate(bases)]
    concepts.append(concept("omega", 9, f"An omega combines {', '.join(bases)}."))
    edges = link_prerequisites(concepts, chunks([c.definition for c in concepts]))
    assert 1 <= sum(1 for e in edges if e.concept == "omega") <= MAX_PARENTS


def test_a_kind_of_builds_on_its_head() -> None:
    concepts = [
        concept("sample", 0, "A sample is a subset of the people studied."),
        concept("weight", 1, "A weight is a number attached to each person."),
        concept("representative sample", 2, "Each member of the people studied has the "
                                             "same chance to be chosen."),
    ]
    edges = link_prerequisites(concepts, chunks([c.definition for c in concepts]))
    assert ("sample", "representative-sample") in {(e.prerequisite, e.concept) for e in edges}


def test_a_section_builds_on_the_concept_it_is_named_for() -> None:
    concepts = [
        concept("recursion", 0, "Recursion is when a function calls itself."),
        concept("base case", 1, "A base case is a branch that makes no further call.",
                section="5.8 Recursion"),
    ]
    edges = link_prerequisites(concepts, chunks([c.definition for c in concepts],
                                                ["5.8 Recursion", "5.8 Recursion"]))
    assert [(e.prerequisite, e.concept) for e in edges] == [("recursion", "base-case")]
    assert "section on recursion" in edges[0].rationale


def test_co_mention_alone_is_no_prerequisite() -> None:
    concepts = [
        concept("stack", 0, "A stack is a pile of items."),
        concept("queue", 1, "A queue is a line of items."),
    ]
    text = ["The stack and the queue are both used here."] * 3
    assert link_prerequisites(concepts, chunks(text)) == []


def test_a_section_builds_on_the_section_before_it_in_its_chapter() -> None:
    concepts = [
        concept("histogram", 0, "A histogram shows how often each value occurs.",
                section="2.1 Histograms"),
        concept("outlier", 1, "An outlier is an extreme value far from the others.",
                section="2.2 Outliers"),
        concept("variance", 2, "Variance measures spread around the mean.",
                section="3.1 Variance"),
    ]
    headings = ["Chapter 2: Distributions", "2.1 Histograms", "2.2 Outliers",
                "Chapter 3: Spread", "3.1 Variance"]
    texts = ["Distributions.", concepts[0].definition, concepts[1].definition, "Spread.",
             concepts[2].definition]
    passages = chunks(texts, headings)
    concepts = [c.model_copy(update={"first_order": o}) for c, o in zip(concepts, (1, 2, 4),
                                                                           strict=True)]
    pairs = {(e.prerequisite, e.concept) for e in link_prerequisites(concepts, passages)}
    assert ("histogram", "outlier") in pairs
    assert ("outlier", "variance") not in pairs  # another chapter
