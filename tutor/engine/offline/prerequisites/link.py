"""Prerequisite edges a teacher would draw, from the material alone.

The evidence (:mod:`tutor.engine.offline.prerequisites.link_evidence`: the defining sentence, the
name, the book's sections, reference distance) is mixed into one weight per pair, scaled by the
prerequisite's specificity: a concept that most definitions use ("value", "sentence") says little
about any one of them, so it does not become everyone's prerequisite.

The map is kept sparse: edges are accepted in rounds (each concept's strongest prerequisite
first, then its second, ...) while the concept has fewer than ``max_parents`` prerequisites,
the prerequisite is a direct prerequisite of fewer than :data:`MAX_DEPENDENT_SHARE` of the
concepts, and no concept would need more than :data:`MAX_ANCESTOR_SHARE` of the course before
it. An edge that adds no path is passed over, and an edge a longer path implies is dropped
(a transitive reduction: what a concept needs, directly or not, stays the same with fewer
edges to read), which frees room for a second pass. Edges only go from a concept earlier in
the teaching rank to a later one, so the graph is acyclic by construction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from tutor.course import Chunk, Concept, Prerequisite
from tutor.engine.offline.prerequisites.link_evidence import gather_evidence

MAX_PARENTS = 3
"""Direct prerequisites per concept, at most: a teacher's map has one or two, and most
concepts get fewer than the cap. This, :data:`MIN_WEIGHT`, :data:`MAX_ANCESTOR_SHARE` and the
evidence constants ``PREDECESSOR`` and ``SIBLING`` of
:mod:`~tutor.engine.offline.prerequisites.link_evidence` are calibrated by
``bench/map_rotations.py`` (``link_rotations``: on any two of the three shared books, the third held
out)."""
MAX_DEPENDENT_SHARE = 0.1
"""No concept is a direct prerequisite of more than this share of the course."""
MIN_WEIGHT = 0.3
"""Edges weaker than this are not kept."""
EVIDENCE = {"definition": 0.6, "name": 0.6, "section": 0.35, "refd": 0.25}
"""How much each kind of evidence adds to an edge's weight (before specificity)."""
MAX_ANCESTOR_SHARE = 0.4
"""No concept needs more than this share of the course before it (its ancestors; in a small
course, at least twice ``max_parents``)."""
PASSES = 2
"""Selection passes: each offers again the caps that dropping implied edges freed."""
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
    strongest first), then each one's second, and so on, within the caps (prerequisites per
    concept, dependents per prerequisite, and ancestors per concept: see :class:`_Closure`),
    so that a prerequisite most concepts use spends its cap on the concepts it matters most
    to. An edge a path already implies is passed over (it would add no path and only use up
    the caps); after each pass the edges a longer path implies are dropped, and the caps they
    free are offered again (at most :data:`PASSES` passes)."""
    cap = max(2, int(MAX_DEPENDENT_SHARE * n))
    most_ancestors = max(2 * max_parents, int(MAX_ANCESTOR_SHARE * n))  # small courses too
    offered: dict[int, int] = defaultdict(int)
    rounds: list[list[tuple[float, int, int, str]]] = []
    for item in sorted(candidates, key=lambda t: (-t[0], t[2], t[1])):
        place = offered[item[2]]
        offered[item[2]] += 1
        while len(rounds) <= place:
            rounds.append([])
        rounds[place].append(item)
    ordered = [item for batch in rounds for item in batch]
    chosen: dict[tuple[int, int], tuple[float, str]] = {}
    closure = _Closure(n)
    for _ in range(PASSES):
        parents: dict[int, int] = defaultdict(int)
        children: dict[int, int] = defaultdict(int)
        out_of: dict[int, set[int]] = defaultdict(set)
        for a, b in chosen:
            parents[b] += 1
            children[a] += 1
            out_of[a].add(b)
        added = False
        for weight, a, b, why in ordered:
            if (a, b) in chosen or parents[b] >= max_parents or children[a] >= cap:
                continue
            if closure.reaches(a, b) or not closure.add(a, b, most_ancestors):
                continue  # a path a -> ... -> b is already there, or b would need too much
            chosen[(a, b)] = (weight, why)
            parents[b] += 1
            children[a] += 1
            out_of[a].add(b)
            added = True
        chosen = {edge: chosen[edge] for edge in _without_implied(out_of)}
        if not added:
            break
    return chosen


class _Closure:
    """Who reaches whom in the map being built, as bit sets, so that an edge is only accepted
    while no concept it gives new ancestors ends up with more than a set number: a concept
    that needs most of the course before it is no map a teacher would draw."""

    def __init__(self, n: int) -> None:
        self.ancestors = [0] * n
        self.descendants = [0] * n

    def reaches(self, a: int, b: int) -> bool:
        return bool(self.descendants[a] >> b & 1)

    def add(self, a: int, b: int, most: int) -> bool:
        """Record ``a -> b`` unless some concept would then have more than ``most``
        ancestors (and then change nothing)."""
        gained = self.ancestors[a] | 1 << a
        below = _members(self.descendants[b] | 1 << b)
        if any((self.ancestors[d] | gained).bit_count() > most for d in below):
            return False
        for d in below:
            self.ancestors[d] |= gained
        reach = self.descendants[b] | 1 << b
        for u in _members(gained):
            self.descendants[u] |= reach
        return True


def _members(bits: int) -> list[int]:
    out = []
    while bits:
        low = bits & -bits
        out.append(low.bit_length() - 1)
        bits ^= low
    return out


def _without_implied(out_of: dict[int, set[int]]) -> set[tuple[int, int]]:
    """The edges no longer path implies (a transitive reduction): every concept keeps
    exactly the same prerequisites, direct or not, with fewer edges to read."""
    kept: set[tuple[int, int]] = set()
    for a, direct in out_of.items():
        further: set[int] = set()  # reached from a through another direct successor
        stack = [c for b in direct for c in out_of.get(b, ())]
        while stack:
            node = stack.pop()
            if node not in further:
                further.add(node)
                stack.extend(out_of.get(node, ()))
        kept.update((a, b) for b in direct if b not in further)
    return kept


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
