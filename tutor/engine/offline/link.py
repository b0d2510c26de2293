"""Prerequisite edges a teacher would draw, from the material alone.

The evidence (:mod:`tutor.engine.offline.link_evidence`: the defining sentence, the name, the
book's sections, reference distance) is mixed into one weight per pair, scaled by the
prerequisite's specificity: a concept that most definitions use ("value", "sentence") says
little about any one of them, so it does not become everyone's prerequisite. The map is kept
sparse: edges are accepted in rounds (each concept's strongest prerequisite first, then its
second, ...) while the concept has fewer than ``max_parents`` prerequisites and the
prerequisite is a direct prerequisite of fewer than :data:`MAX_DEPENDENT_SHARE` of the
concepts. Edges only go from a concept earlier in the teaching rank to a later one, so the
graph is acyclic by construction, and an edge implied by a two-step path is dropped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from tutor.course import Chunk, Concept, Prerequisite
from tutor.engine.offline.link_evidence import gather_evidence

MAX_PARENTS = 3
"""Direct prerequisites per concept, at most: a teacher's map has one or two, and most
concepts get fewer than the cap. Chosen by ``bench/concept_map.py`` (``link_rotations``):
calibrated on any two of the three books, the third held out."""
MAX_DEPENDENT_SHARE = 0.1
"""No concept is a direct prerequisite of more than this share of the course."""
MIN_WEIGHT = 0.25
"""Edges weaker than this are not kept."""
EVIDENCE = {"definition": 0.6, "name": 0.6, "section": 0.35, "refd": 0.25}
"""How much each kind of evidence adds to an edge's weight (before specificity)."""
REASONS = ("definition", "name", "section")
"""Evidence a teacher would give as a reason; co-mention (reference distance) alone is not."""


def link_prerequisites(
    concepts: Sequence[Concept], chunks: Sequence[Chunk], max_parents: int | None = None
) -> list[Prerequisite]:
    """Weighted, explained prerequisite edges; acyclic; sparse; no hubs. ``max_parents``
    defaults to :data:`MAX_PARENTS` as it is when called."""
    parents_cap = MAX_PARENTS if max_parents is None else max_parents
    concepts = list(concepts)
    n = len(concepts)
    if n < 2:
        return []
    candidates, rank = weigh_pairs(concepts, chunks)
    chosen = _sparse(candidates, n, parents_cap)
    edges = [
        Prerequisite(prerequisite=concepts[a].id, concept=concepts[b].id, weight=w, rationale=why)
        for (a, b), (w, why) in chosen.items()
    ]
    position = {c.id: i for i, c in enumerate(concepts)}
    edges.sort(key=lambda e: (rank[position[e.concept]], -e.weight))
    return edges


def weigh_pairs(
    concepts: Sequence[Concept], chunks: Sequence[Chunk]
) -> tuple[list[tuple[float, int, int, str]], dict[int, int]]:
    """Every pair some evidence names, weighted: ``(weight, a, b, why)`` for ``a`` needed by
    ``b`` (concept positions), with the teaching rank the edges follow."""
    evidence = gather_evidence(concepts, chunks)
    candidates: list[tuple[float, int, int, str]] = []
    for (a, b), found in evidence.pairs.items():
        if not any(found.get(kind) for kind in REASONS):
            continue  # co-mention alone is not a reason a teacher would give
        weight = sum(EVIDENCE.get(kind, 0.0) * value for kind, value in found.items())
        weight = min(1.0, weight) * evidence.specificity[a]
        if weight < MIN_WEIGHT:
            continue
        why = _rationale(concepts[a], concepts[b], found)
        candidates.append((round(weight, 3), a, b, why))
    return candidates, evidence.rank


def _sparse(
    candidates: list[tuple[float, int, int, str]], n: int, max_parents: int
) -> dict[tuple[int, int], tuple[float, str]]:
    """Accept edges in rounds: each concept's strongest prerequisite first (all concepts,
    strongest first), then each one's second, and so on, within the per-concept and
    per-prerequisite caps, so that a prerequisite most concepts use spends its cap on the
    concepts it matters most to; an edge a two-step path already implies is passed over (it
    would add no path and only use up the caps); at the end, drop edges a later two-step path
    implies."""
    cap = max(2, int(MAX_DEPENDENT_SHARE * n))
    parents: dict[int, int] = {}
    children: dict[int, int] = {}
    chosen: dict[tuple[int, int], tuple[float, str]] = {}
    out_of: dict[int, set[int]] = {}
    into: dict[int, set[int]] = {}
    offered: dict[int, int] = defaultdict(int)
    rounds: list[list[tuple[float, int, int, str]]] = []
    for item in sorted(candidates, key=lambda t: (-t[0], t[2], t[1])):
        place = offered[item[2]]
        offered[item[2]] += 1
        while len(rounds) <= place:
            rounds.append([])
        rounds[place].append(item)
    for weight, a, b, why in (item for batch in rounds for item in batch):
        if parents.get(b, 0) >= max_parents or children.get(a, 0) >= cap:
            continue
        if out_of.get(a, set()) & into.get(b, set()):
            continue  # a -> x -> b is already there
        chosen[(a, b)] = (weight, why)
        parents[b] = parents.get(b, 0) + 1
        children[a] = children.get(a, 0) + 1
        out_of.setdefault(a, set()).add(b)
        into.setdefault(b, set()).add(a)
    return {
        (a, c): value for (a, c), value in chosen.items()
        if not any(c in out_of.get(b, ()) for b in out_of[a] if b != c)
    }


def _rationale(a: Concept, b: Concept, found: dict[str, float]) -> str:
    by_definition, by_name, by_section = (found.get(k, 0.0) for k in REASONS)
    page = f" (p. {a.citations[0].page})" if a.citations else ""
    if by_definition == 1.0:
        return f"The definition of {b.name} uses {a.name}, which is introduced earlier{page}."
    if by_name:
        return f"{b.name[:1].upper()}{b.name[1:]} builds on {a.name}, introduced earlier{page}."
    if by_section:
        return f"{b.name[:1].upper()}{b.name[1:]} is introduced in the section on {a.name}{page}."
    return f"What the course says about {b.name} uses {a.name}, introduced earlier{page}."
