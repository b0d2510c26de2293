"""Prerequisite linking: direction, acyclicity, in-degree cap, weights and rationales."""

from __future__ import annotations

from tutor.course import Chunk, Citation, Concept, Course
from tutor.engine.offline.concepts.extract import extract_concepts
from tutor.engine.offline.concepts.merge import merge_concepts
from tutor.engine.offline.prerequisites.link import link_prerequisites

PAGES = [
    "A value is one of the basic things a program works with, like a letter or a number. "
    "Every value has a type, and a program can print a value.",
    "A variable is a name that refers to a value. A variable holds one value at a time, and "
    "the value of a variable can change.",
    "An assignment statement is a statement that gives a value to a variable. After an "
    "assignment statement runs, the variable refers to the new value.",
]


def chunks(pages: list[str]) -> list[Chunk]:
    return [
        Chunk(id=f"notes.md#p{i}-0", source="notes.md", page=i, text=text, order=i - 1)
        for i, text in enumerate(pages, start=1)
    ]


def concept(cid: str, order: int, definition: str, name: str = "") -> Concept:
    return Concept(
        id=cid, name=name or cid.replace("-", " "), definition=definition, first_order=order,
        citations=[Citation(source="notes.md", page=order + 1)],
    )


def test_three_concepts_link_forward_and_acyclic() -> None:
    passages = chunks(PAGES)
    concepts = merge_concepts(extract_concepts(passages))
    ids = {c.name: c.id for c in concepts}
    assert {"value", "variable", "assignment statement"} <= set(ids)
    edges = link_prerequisites(concepts, passages)
    pairs = {(e.prerequisite, e.concept) for e in edges}
    assert (ids["value"], ids["variable"]) in pairs
    assert (ids["variable"], ids["assignment statement"]) in pairs
    order = {c.id: c.first_order for c in concepts}
    assert all(order[e.prerequisite] <= order[e.concept] for e in edges)
    course = Course(title="t", concepts=concepts, prerequisites=edges)
    assert course.teaching_order().index(ids["value"]) < course.teaching_order().index(
        ids["assignment statement"]
    )
    names = {c.id: c.name for c in concepts}
    for edge in edges:
        assert 0.0 < edge.weight <= 1.0
        assert edge.rationale.endswith(".")
        assert names[edge.prerequisite] in edge.rationale and names[edge.concept] in edge.rationale


def test_later_concepts_never_point_back() -> None:
    concepts = [
        concept("alpha", 0, "Alpha is the first idea, it needs beta."),
        concept("beta", 1, "Beta is built on alpha."),
    ]
    edges = link_prerequisites(concepts, chunks(["alpha beta", "beta alpha alpha"]))
    assert [(e.prerequisite, e.concept) for e in edges] == [("alpha", "beta")]


def test_in_degree_is_capped_strongest_first() -> None:
    bases = [f"base{letter}" for letter in "abcdef"]
    concepts = [concept(b, i, f"{b} is a basic idea.") for i, b in enumerate(bases)]
    # "target" is built on all six; "basea" and "baseb" also share its name's head word.
    concepts.append(
        concept("target", 10, "A target combines " + ", ".join(bases) + ".", name="target")
    )
    pages = [f"{b} is a basic idea." for b in bases] + [
        "The target uses " + " and ".join(bases) + ".",
        "The target again needs basea and baseb.",
        "Once more the target rests on basea and baseb.",
    ]
    edges = link_prerequisites(concepts, chunks(pages), max_parents=4)
    into_target = [e for e in edges if e.concept == "target"]
    assert len(into_target) == 4
    weights = sorted((e.weight for e in edges if e.concept == "target"), reverse=True)
    assert [e.weight for e in into_target] == weights
    assert {"basea", "baseb"} <= {e.prerequisite for e in into_target}


def test_fewer_than_two_concepts_have_no_edges() -> None:
    assert link_prerequisites([concept("alone", 0, "Alone.")], chunks(["alone"])) == []


def test_same_passage_order_follows_definitions() -> None:
    # Both introduced in one passage: "outcome" is defined through "random experiment", so
    # the experiment comes first even though "outcome" is the shorter name.
    concepts = [
        concept("outcome", 0, "An outcome is a possible result of a random experiment."),
        concept("random-experiment", 0, "A random experiment is a process with unsure results."),
    ]
    page = ("A random experiment is a process with unsure results. An outcome is a possible "
            "result of a random experiment.")
    edges = link_prerequisites(concepts, chunks([page, page]))
    assert [(e.prerequisite, e.concept) for e in edges] == [("random-experiment", "outcome")]
