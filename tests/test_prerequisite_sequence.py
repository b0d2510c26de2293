"""A chapter builds each idea on the one it has just explained; a glossary-defined concept is
introduced where the text first uses it, not where the glossary closes the chapter."""

from __future__ import annotations

from tutor.course import Chunk, Citation, Concept
from tutor.engine.offline.concepts.extract import extract_concepts
from tutor.engine.offline.prerequisites.link import link_prerequisites


def _concept(name: str, order: int, definition: str, points: list[str]) -> Concept:
    return Concept(
        id=name.replace(" ", "-"), name=name, definition=definition, first_order=order,
        key_points=points, citations=[Citation(source="n.md", page=order + 1)],
    )


def _chunks(texts: list[str], headings: list[str]) -> list[Chunk]:
    return [Chunk(id=f"n.md#p{i + 1}-0", source="n.md", page=i + 1, text=t, heading=h, order=i)
            for i, (t, h) in enumerate(zip(texts, headings, strict=True))]


def test_the_concept_just_explained_in_the_chapter_is_a_prerequisite() -> None:
    concepts = [
        _concept("kernel", 0, "A kernel is a weighting function.", []),
        _concept("bandwidth", 1, "A bandwidth is a width.", ["Each kernel has a bandwidth."]),
        _concept("smoother", 2, "A smoother is a procedure that averages nearby points.",
                 ["A smoother weights points with a kernel and a bandwidth."]),
    ]
    texts = [c.definition + " " + " ".join(c.key_points) for c in concepts]
    edges = link_prerequisites(concepts, _chunks(texts, ["Chapter 3 Smoothing", "", ""]))
    assert ("bandwidth", "smoother") in {(e.prerequisite, e.concept) for e in edges}
    elsewhere = link_prerequisites(
        concepts, _chunks(texts, ["Chapter 3 Smoothing", "Chapter 4 Bandwidths", "Chapter 5 "
                                                                                 "Smoothers"]))
    assert ("bandwidth", "smoother") not in {(e.prerequisite, e.concept) for e in elsewhere}


def test_a_glossary_defined_concept_is_introduced_where_the_text_uses_it() -> None:
    course = _chunks([
        "Each of the functions below keeps an accumulator. The accumulator grows as the loop "
        "runs over the list.",
        "The loop adds each item to the accumulator in turn, and the total is the sum.",
        "A running total is a sum of the items seen so far. A running total is an "
        "accumulator.",
        "accumulator: A variable used in a loop to add up or accumulate a result.",
    ], ["3.1 Loops", "3.2 Sums", "3.3 Totals", "3.9 Glossary"])
    drafts = {d.name.lower(): d for d in extract_concepts(course)}
    accumulator = drafts["accumulator"]
    assert accumulator.definition.startswith("A variable used in a loop")  # the glossary's
    assert accumulator.citations[0].page != 4  # cited first where the body explains it
    assert 4 in [c.page for c in accumulator.citations]  # and where its words are
    assert accumulator.first_order == 0
