"""Prerequisite evidence beyond the defining sentence, and the sparse, capped selection."""

from __future__ import annotations

import pytest

from tutor.course import Chunk, Citation, Concept, Prerequisite
from tutor.engine.offline import link, link_evidence
from tutor.engine.offline.link import link_prerequisites


def concept(cid: str, order: int, definition: str, section: str = "") -> Concept:
    return Concept(id=cid, name=cid.replace("-", " "), definition=definition, first_order=order,
                   section=section, citations=[Citation(source="n.md", page=order + 1)])


def chunks(texts: list[str], headings: list[str]) -> list[Chunk]:
    return [Chunk(id=f"n.md#p{i}-0", source="n.md", page=i + 1, text=t, heading=h, order=i)
            for i, (t, h) in enumerate(zip(texts, headings, strict=True))]


PASSAGES = [
    "A premise is a sentence an argument starts from.",
    "An inference rule takes premises to a conclusion.",
    "Modus ponens is a rule: from a conditional and its antecedent, infer the consequent. "
    "Each premise must be on an earlier line.",
    "Filler text about something else.",
]


def test_a_concept_builds_on_one_introduced_earlier_in_its_section() -> None:
    concepts = [concept("premise", 0, "A premise is a sentence an argument starts from.", "Rules"),
                concept("inference-rule", 1, "An inference rule gives a conclusion.", "Rules"),
                concept("modus-ponens", 2, "Modus ponens is a rule of inference.", "Rules")]
    same = link_prerequisites(concepts, chunks(PASSAGES, ["Rules", "", "", ""]))
    assert "modus-ponens" in reachable(same, "premise")  # directly or through the rule
    apart = [c.model_copy(update={"section": f"Section {i}"}) for i, c in enumerate(concepts)]
    other = link_prerequisites(apart, chunks(PASSAGES, ["Rules", "", "", ""]))
    assert "modus-ponens" not in reachable(other, "premise")


def reachable(edges: list[Prerequisite], start: str) -> set[str]:
    seen: set[str] = set()
    stack = [start]
    while stack:
        node = stack.pop()
        for edge in edges:
            if edge.prerequisite == node and edge.concept not in seen:
                seen.add(edge.concept)
                stack.append(edge.concept)
    return seen


def test_max_parents_is_read_when_called(monkeypatch: pytest.MonkeyPatch) -> None:
    bases = [concept(f"base{c}", i, f"base{c} is a basic idea.") for i, c in enumerate("abcd")]
    target = concept("target", 9, "A target combines basea, baseb, basec and based.")
    texts = [c.definition for c in bases] + ["The target uses basea, baseb, basec and based."]
    passages = chunks(texts, [""] * len(texts))
    passages[-1] = passages[-1].model_copy(update={"order": 9})
    monkeypatch.setattr(link, "MAX_PARENTS", 1)
    edges = link_prerequisites([*bases, target], passages)
    assert len([e for e in edges if e.concept == "target"]) == 1
    monkeypatch.setattr(link, "MAX_PARENTS", 4)
    edges = link_prerequisites([*bases, target], passages)
    assert len([e for e in edges if e.concept == "target"]) == 4


def test_an_implied_edge_does_not_use_up_a_hub_cap() -> None:
    # "a" -> "b" -> "c" makes a -> c redundant; it must not count against a's dependents.
    chosen = link._sparse([(0.9, 0, 1, ""), (0.8, 1, 2, ""), (0.7, 0, 2, ""), (0.6, 0, 3, "")],
                          n=20, max_parents=3)
    assert set(chosen) == {(0, 1), (1, 2), (0, 3)}


def test_name_pairs_come_from_an_index_of_name_words() -> None:
    words = [["variable"], ["local", "variable"], ["list"], ["list", "method"], ["loop"]]
    assert link_evidence.name_pairs(words) == {(0, 1), (2, 3)}
