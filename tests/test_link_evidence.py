"""Prerequisite evidence beyond the defining sentence, and the sparse, capped selection."""

from __future__ import annotations

import pytest

from tutor.course import Chunk, Citation, Concept, Prerequisite
from tutor.engine.offline.prerequisites import link, link_evidence
from tutor.engine.offline.prerequisites.link import link_prerequisites


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


def test_rounds_give_each_concept_its_best_prerequisite_before_a_hub_fills_up() -> None:
    # Hub 0 may have two dependents (20 concepts); 3 has no other prerequisite, 1 and 2 do.
    candidates = [(0.9, 0, 1, ""), (0.8, 0, 2, ""), (0.5, 0, 3, ""), (0.95, 4, 1, ""),
                  (0.95, 5, 2, "")]
    chosen = link._sparse(candidates, n=20, max_parents=3)
    assert (0, 3) in chosen
    assert sum(1 for a, _b in chosen if a == 0) == 2


def test_an_edge_any_longer_path_implies_is_dropped() -> None:
    chosen = link._sparse([(0.9, 0, 1, ""), (0.8, 1, 2, ""), (0.7, 2, 3, ""), (0.95, 0, 3, "")],
                          n=20, max_parents=3)
    assert set(chosen) == {(0, 1), (1, 2), (2, 3)}


def test_no_concept_needs_more_than_its_share_of_the_course(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(link, "MAX_ANCESTOR_SHARE", 0.3)
    chain = [(0.9, i, i + 1, "") for i in range(19)]  # 0 -> 1 -> ... -> 19
    chosen = link._sparse(chain, n=20, max_parents=3)
    ancestors = {b: {b - 1} for _a, b in chosen}
    for b in sorted(ancestors):
        ancestors[b] |= ancestors.get(b - 1, set())
    assert chosen and max(len(a) for a in ancestors.values()) <= 6
    assert len(chosen) < 19


def test_the_latest_concept_of_the_same_kind_in_a_chapter_is_a_prerequisite() -> None:
    names = ["analytic distribution", "exponential distribution", "normal distribution",
             "pareto distribution"]
    concepts = [Concept(id=n.replace(" ", "-"), name=n, definition=f"The {n} is a model.",
                        first_order=i + 1, citations=[Citation(source="n.md", page=i + 2)])
                for i, n in enumerate(names)]
    texts = ["Chapter 5: Modeling", *(c.definition for c in concepts), "Chapter 6: Other",
             "The pareto distribution is a model."]
    headings = ["Chapter 5: Modeling"] * 5 + ["Chapter 6: Other"] * 2
    concepts[3] = concepts[3].model_copy(update={"first_order": 6})
    evidence = link_evidence.gather_evidence(concepts, chunks(texts, headings))
    assert evidence.pairs[(0, 1)]["name"] == link_evidence.SIBLING
    assert evidence.pairs[(1, 2)]["name"] == link_evidence.SIBLING
    assert (0, 2) not in evidence.pairs  # only the latest of the kind
    assert (2, 3) not in evidence.pairs  # another chapter, and a one-word head


def test_a_heading_names_the_concept_it_mentions() -> None:
    concepts = [
        concept("truth-functional", 1, "Connectives like this are called truth-functional.",
                "3.1 Truth-functional connectives"),
        concept("complete-truth-table", 2, "A complete truth table has a row for each case.",
                "3.2 Complete truth tables"),
        concept("pearson-correlation", 4, "This value is called Pearson's correlation.",
                "7.5 Pearson\u2019s correlation"),
        concept("spearman-rank-correlation", 5, "It is called Spearman's rank correlation.",
                "7.6 Spearman\u2019s rank correlation"),
    ]
    headings = ["Chapter 3: Truth tables", "3.1 Truth-functional connectives",
                "3.2 Complete truth tables", "Chapter 7: Relationships",
                "7.5 Pearson\u2019s correlation", "7.6 Spearman\u2019s rank correlation"]
    texts = ["Tables.", *(c.definition for c in concepts[:2]), "Relations.",
             *(c.definition for c in concepts[2:])]
    evidence = link_evidence.gather_evidence(concepts, chunks(texts, headings))
    assert evidence.pairs[(0, 1)]["section"] == 1.0  # the section after the one named for it
    assert evidence.pairs[(2, 3)]["section"] == 1.0


def test_the_concept_just_before_in_a_section_is_evidence() -> None:
    concepts = [concept("premise", 0, "A premise is where an argument starts.", "Rules"),
                concept("inference-rule", 1, "An inference rule gives a conclusion.", "Rules"),
                concept("modus-ponens", 2, "Modus ponens is a rule of inference.", "Rules")]
    evidence = link_evidence.gather_evidence(concepts, chunks(PASSAGES, ["Rules", "", "", ""]))
    assert evidence.pairs[(1, 2)]["section"] == link_evidence.PREDECESSOR
    assert evidence.pairs[(0, 2)]["section"] == link_evidence.SAME_SECTION


def test_coordinated_modifiers_share_their_head_noun() -> None:
    names = link_evidence.ConceptNames([["hazard function"], ["survival function"],
                                        ["estimation"]])
    assert names.in_text("An algorithm for estimation of hazard and survival functions.") == {
        0, 1, 2}
    assert names.in_text("The hazard and the curve.") == frozenset()
