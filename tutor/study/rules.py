"""The invariants a built course keeps, whatever the engine returned.

The study graph trusts no engine blindly: prerequisite edges are cut to an acyclic set between
known concepts, exercises that break the course.json contract are dropped with a reason, and
each concept's exercises are written and checked from the passages of the pages it cites.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from tutor.course import Chunk, Exercise, ExerciseKind, Prerequisite


def acyclic_prerequisites(edges: Iterable[Prerequisite], concept_ids: Sequence[str]) -> list[Prerequisite]:
    """The edges between known concepts, without self-loops or duplicates, and without any
    edge that would close a cycle (stronger edges are kept first; ties in the given order)."""
    known = set(concept_ids)
    best: dict[tuple[str, str], Prerequisite] = {}
    for edge in edges:
        key = (edge.prerequisite, edge.concept)
        if edge.prerequisite == edge.concept or not known.issuperset(key):
            continue
        if key not in best or edge.weight > best[key].weight:
            best[key] = edge
    candidates = sorted(best.values(), key=lambda e: -e.weight)
    successors: dict[str, set[str]] = defaultdict(set)
    accepted: set[tuple[str, str]] = set()
    for edge in candidates:
        if _reaches(successors, edge.concept, edge.prerequisite):
            continue  # concept already leads to prerequisite: this edge would close a cycle
        successors[edge.prerequisite].add(edge.concept)
        accepted.add((edge.prerequisite, edge.concept))
    return [e for key, e in best.items() if key in accepted]


def _reaches(successors: dict[str, set[str]], start: str, goal: str) -> bool:
    stack, seen = [start], {start}
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for nxt in successors.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def exercise_problems(exercise: Exercise, concept_id: str) -> list[str]:
    """Breaches of the course.json contract, as short reasons (empty = none)."""
    problems = []
    if exercise.concept_id != concept_id:
        problems.append("written for another concept")
    if not exercise.prompt.strip() or not exercise.answer.strip():
        problems.append("empty prompt or answer")
    if exercise.kind is ExerciseKind.MULTIPLE_CHOICE:
        choices = [_norm(c) for c in exercise.choices or []]
        if len(choices) < 2:
            problems.append("fewer than two choices")
        elif choices.count(_norm(exercise.answer)) != 1:
            problems.append("answer not exactly once among the choices")
        elif len(set(choices)) != len(choices):
            problems.append("duplicate choices")
    if exercise.kind is ExerciseKind.TRUE_FALSE and exercise.answer not in ("True", "False"):
        problems.append("true/false answer is neither True nor False")
    return problems


_WHERE = re.compile(r"\s*\b(?:in|from|on)\s+\S+\s+p\.\s*\d+.*$", re.IGNORECASE)


def reason_category(problem: str) -> str:
    """A checker's problem as a countable reason: without the pages and figures it names
    (``"not answerable from a.pdf p. 3: only 20% ..."`` -> ``"not answerable"``)."""
    head = problem.split(":")[0].strip()
    head = _WHERE.sub("", head).strip()
    return head or "rejected by the checker"


def unique_exercise_ids(exercises: Sequence[Exercise]) -> list[Exercise]:
    """The exercises with duplicate ids renamed ``<id>-2``, ``<id>-3``..."""
    seen: dict[str, int] = {}
    out = []
    for exercise in exercises:
        count = seen.get(exercise.id, 0) + 1
        seen[exercise.id] = count
        out.append(exercise if count == 1 else exercise.model_copy(update={"id": f"{exercise.id}-{count}"}))
    return out


NEIGHBOURS = 3


class PassageLookup:
    """Finds the passages that teach a concept: those on the pages it cites, the ones that
    name the concept first.

    Each passage's text is normalised once, and each concept's passages are found once: the
    writing and the checking fan-outs ask for every concept, and again for each concept as
    a neighbour of its nearest ones."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self.chunks = list(chunks)
        self._by_page: dict[tuple[str, int], list[tuple[Chunk, str]]] = defaultdict(list)
        for chunk in chunks:
            self._by_page[(chunk.source, chunk.page)].append((chunk, _norm(chunk.text)))
        self._found: dict[tuple[str, tuple[str, ...], tuple[tuple[str, int], ...]],
                          list[Chunk]] = {}

    def for_concept(self, concept: dict[str, Any], limit: int) -> list[Chunk]:
        names = [_norm(n) for n in [concept["name"], *concept.get("aliases", [])] if n.strip()]
        pages = tuple((c["source"], c["page"]) for c in concept.get("citations", []))
        key = (concept.get("id", ""), tuple(names), pages)
        found = self._found.get(key)
        if found is None:
            found = self._find(names, pages)
            self._found[key] = found
        return found[:limit]

    def _find(self, names: list[str], pages: Sequence[tuple[str, int]]) -> list[Chunk]:
        naming: list[Chunk] = []
        others: list[Chunk] = []
        seen: set[int] = set()
        for page in pages:
            on_page = self._by_page.get(page, [])
            named = [c for c, text in on_page if any(n in text for n in names)]
            for chunk in named:
                if id(chunk) not in seen:
                    seen.add(id(chunk))
                    naming.append(chunk)
            for chunk, _ in on_page:
                if id(chunk) not in seen:
                    seen.add(id(chunk))
                    others.append(chunk)
        return naming + others

    def with_neighbours(
        self, concept: dict[str, Any], near: Sequence[dict[str, Any]], limit: int
    ) -> list[Chunk]:
        """The concept's passages, then the defining passage of each of its nearest
        :data:`NEIGHBOURS` concepts (what a contrast exercise cites for the other side)."""
        picked = self.for_concept(concept, limit)
        ids = {id(c) for c in picked}
        for other in near[:NEIGHBOURS]:
            for chunk in self.for_concept(other, 1):
                if id(chunk) not in ids:
                    ids.add(id(chunk))
                    picked.append(chunk)
        return picked
