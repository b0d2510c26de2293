"""Prerequisite edges a teacher would draw, from the material alone.

Evidence that ``A`` is needed to understand ``B`` (each 0..1, mixed into a weight):

- **definition**: ``B``'s defining sentence uses ``A`` (its key points count half);
- **name**: ``B``'s name builds on ``A``'s (``"variable"`` -> ``"local variable"``);
- **structure**: ``B`` is introduced in a section whose heading names ``A`` (a subsection's
  concept builds on its section's), or ``A`` is the concept the chapter explained last before
  ``B`` among those ``B``'s introduction uses (a chapter builds each idea on the one before);
- **reference distance** (RefD): passages that mention ``B`` mention ``A`` more often than
  passages that mention ``A`` mention ``B`` (weak support only).

The weight is scaled by ``A``'s specificity: a concept that most definitions use ("value",
"sentence") says little about any one of them, so it does not become everyone's
prerequisite. The map is kept sparse: edges are accepted strongest first while the concept
has fewer than ``max_parents`` prerequisites and ``A`` is a direct prerequisite of fewer than
:data:`MAX_DEPENDENT_SHARE` of the concepts. Edges only go from a concept introduced earlier
in reading order to one introduced later, so the graph is acyclic by construction, and an
edge implied by a two-step path is dropped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from tutor.course import Chunk, Concept, Prerequisite
from tutor.engine.offline.book_matter import is_chapter_heading
from tutor.engine.offline.definitions import heading_terms
from tutor.engine.offline.text import MentionIndex, key_tokens, term_key
from tutor.text import normalize

MAX_PARENTS = 3
"""Direct prerequisites per concept, at most: a teacher's map has one or two, and most
concepts get fewer than the cap. Chosen by ``bench/concept_map.py`` (``link_rotations``):
calibrated on any two of the three books, the third held out, each rotation picks 3 or 4."""
MAX_DEPENDENT_SHARE = 0.1
"""No concept is a direct prerequisite of more than this share of the course."""
MIN_WEIGHT = 0.25
"""Edges weaker than this are not kept."""
EVIDENCE = {"definition": 0.6, "name": 0.6, "section": 0.35, "refd": 0.25}
"""How much each kind of evidence adds to an edge's weight (before specificity)."""


def _keys(concept: Concept) -> list[str]:
    keys = {term_key(concept.name)}
    keys.update(term_key(a) for a in concept.aliases if len(a) > 2)
    return [k for k in keys if k]


def _uses(texts: Sequence[str], keys: Sequence[list[str]]) -> np.ndarray:
    """``uses[a, b]``: text ``b`` mentions concept ``a`` (by name or alias). The longest name
    wins: "function call" in a text is a mention of *function call*, not of *function*."""
    n = len(keys)
    owner: dict[tuple[str, ...], int] = {}
    for a, ks in enumerate(keys):
        for key in ks:
            owner.setdefault(tuple(key.split()), a)
    longest = max((len(k) for k in owner), default=1)
    out = np.zeros((n, n), dtype=bool)
    for b, text in enumerate(texts):
        tokens = key_tokens(normalize(text))
        start = 0
        while start < len(tokens):
            for size in range(min(longest, len(tokens) - start), 0, -1):
                a = owner.get(tuple(tokens[start : start + size]), -1)
                if a >= 0:
                    if a != b:
                        out[a, b] = True
                    start += size
                    break
            else:
                start += 1
    return out


def link_prerequisites(
    concepts: Sequence[Concept], chunks: Sequence[Chunk], max_parents: int = MAX_PARENTS
) -> list[Prerequisite]:
    """Weighted, explained prerequisite edges; acyclic; sparse; no hubs."""
    concepts = list(concepts)
    n = len(concepts)
    if n < 2:
        return []
    keys = [_keys(c) for c in concepts]
    words = [term_key(c.name).split() for c in concepts]
    in_definition = _uses([c.definition for c in concepts], keys)
    in_points = _uses([" ".join(c.key_points) for c in concepts], keys)
    in_section = _uses([c.section for c in concepts], keys)
    in_chapter = _uses(_chapters(concepts, chunks), keys)
    by_order = {c.order: c.text for c in chunks}
    in_passage = _uses([by_order.get(c.first_order, "") for c in concepts], keys)
    follows = _section_sequence(concepts, chunks, keys)
    # A strict total order, so that edges along it can never form a cycle: reading order;
    # among concepts introduced in the same passage, those whose definitions need fewer of
    # the others first, then shorter names ("list" before "list method"), then name.
    needs = [0] * n
    for a, b in zip(*np.nonzero(in_definition), strict=True):
        if concepts[int(a)].first_order == concepts[int(b)].first_order:
            needs[int(b)] += 1
    ordered = sorted(
        range(n),
        key=lambda i: (concepts[i].first_order, int(needs[i]), len(words[i]), concepts[i].name.lower()),
    )
    rank = {i: r for r, i in enumerate(ordered)}
    recent = _latest_mentioned(in_definition | in_points | in_passage,
                               _chapters(concepts, chunks), rank)
    refers = _reference_shares(keys, chunks)
    refd = refers - refers.T
    specificity = _specificity(in_definition | in_points)

    candidates: list[tuple[float, int, int, str]] = []
    for b in range(n):
        for a in range(n):
            if a == b or rank[a] >= rank[b]:
                continue
            by_definition = (1.0 if in_definition[a, b] else 0.5 if in_points[a, b]
                             else 0.25 if in_passage[a, b] else 0.0)
            by_name = _builds_on(words[a], words[b])
            by_section = (1.0 if in_section[a, b] or (a, b) in follows or (a, b) in recent
                          else 0.6 if in_chapter[a, b] else 0.0)
            by_refd = float(max(0.0, min(1.0, refd[a, b] * 2.0)))
            if not (by_definition or by_name or by_section):
                continue  # co-mention alone is not a reason a teacher would give
            weight = (EVIDENCE["definition"] * by_definition + EVIDENCE["name"] * by_name
                      + EVIDENCE["section"] * by_section + EVIDENCE["refd"] * by_refd)
            weight = min(1.0, weight) * specificity[a]
            if weight < MIN_WEIGHT:
                continue
            why = _rationale(concepts[a], concepts[b], by_definition, by_name, by_section)
            candidates.append((round(weight, 3), a, b, why))
    chosen = _sparse(candidates, n, max_parents)
    edges = [
        Prerequisite(prerequisite=concepts[a].id, concept=concepts[b].id, weight=w, rationale=why)
        for (a, b), (w, why) in chosen.items()
    ]
    edges.sort(key=lambda e: (rank[_index(concepts, e.concept)], -e.weight))
    return edges


def _section_sequence(
    concepts: Sequence[Concept], chunks: Sequence[Chunk], keys: Sequence[list[str]]
) -> set[tuple[int, int]]:
    """``(a, b)`` when ``b`` names a section that follows the section named by ``a`` in the
    same chapter: within a chapter, a section builds on the one before it."""
    owner = {key: i for i, ks in enumerate(keys) for key in ks}
    named: list[tuple[str, int | None]] = []  # (chapter, concept the section is named for)
    chapter = ""
    previous = ""
    for chunk in sorted(chunks, key=lambda c: c.order):
        if not chunk.heading or chunk.heading == previous:
            continue
        previous = chunk.heading
        if is_chapter_heading(chunk.heading):
            chapter = chunk.heading
        terms = [term_key(t) for t in heading_terms(chunk.heading)]
        named.append((chapter, next((owner[t] for t in terms if t in owner), None)))
    pairs = set()
    for (chapter_a, a), (chapter_b, b) in zip(named, named[1:], strict=False):
        if a is not None and b is not None and a != b and chapter_a == chapter_b:
            if concepts[a].first_order <= concepts[b].first_order:
                pairs.add((a, b))
    return pairs


def _latest_mentioned(
    uses: np.ndarray, chapters: Sequence[str], rank: dict[int, int]
) -> set[tuple[int, int]]:
    """``(a, b)`` when ``a`` is the concept introduced last before ``b`` in the same chapter
    among those that ``b``'s introduction (its definition, key points or passage) uses: a
    chapter builds each idea on the one it has just explained."""
    pairs = set()
    for b in range(uses.shape[0]):
        if not chapters[b]:
            continue
        used = [a for a in np.nonzero(uses[:, b])[0].tolist()
                if a != b and rank[a] < rank[b] and chapters[a] == chapters[b]]
        if used:
            pairs.add((max(used, key=lambda a: rank[a]), b))
    return pairs


def _index(concepts: Sequence[Concept], concept_id: str) -> int:
    return next(i for i, c in enumerate(concepts) if c.id == concept_id)


def _reference_shares(keys: Sequence[list[str]], chunks: Sequence[Chunk]) -> np.ndarray:
    """``refers[a, b]``: share of the passages mentioning ``b`` that also mention ``a``."""
    n = len(keys)
    passages = MentionIndex([normalize(c.text) for c in chunks], {k for ks in keys for k in ks})
    seen = np.zeros((n, max(1, len(chunks))), dtype=np.float32)
    for i, ks in enumerate(keys):
        for key in ks:
            for chunk_index in passages.counts(key):
                seen[i, chunk_index] = 1.0
    shared = seen @ seen.T
    size = np.clip(np.diag(shared), 1.0, None)
    refers = shared / size[None, :]
    refers[shared < 2] = 0.0
    return refers


def _specificity(uses: np.ndarray) -> np.ndarray:
    """Per concept, 1 when few other concepts' definitions use it, falling towards 0.5 as it
    is used by all of them (an inverse document frequency over definitions)."""
    n = uses.shape[0]
    used_by = uses.sum(axis=1)
    idf = np.log((n + 1) / (used_by + 1)) / math.log(n + 1)
    return np.asarray(0.5 + 0.5 * idf)


def _sparse(
    candidates: list[tuple[float, int, int, str]], n: int, max_parents: int
) -> dict[tuple[int, int], tuple[float, str]]:
    """Accept edges strongest first, within the per-concept and per-prerequisite caps; then
    drop edges a two-step path already implies."""
    cap = max(2, int(MAX_DEPENDENT_SHARE * n))
    parents: dict[int, int] = {}
    children: dict[int, int] = {}
    chosen: dict[tuple[int, int], tuple[float, str]] = {}
    for weight, a, b, why in sorted(candidates, key=lambda t: (-t[0], t[2], t[1])):
        if parents.get(b, 0) >= max_parents or children.get(a, 0) >= cap:
            continue
        chosen[(a, b)] = (weight, why)
        parents[b] = parents.get(b, 0) + 1
        children[a] = children.get(a, 0) + 1
    out_of: dict[int, set[int]] = {}
    for a, b in chosen:
        out_of.setdefault(a, set()).add(b)
    return {
        (a, c): value for (a, c), value in chosen.items()
        if not any(c in out_of.get(b, ()) for b in out_of[a] if b != c)
    }


def _builds_on(a: list[str], b: list[str]) -> float:
    """1 when name ``b`` ends with name ``a`` (``"variable"`` -> ``"local variable"``: a kind
    of it), 0.5 when it contains it elsewhere (``"list"`` -> ``"list method"``), else 0."""
    if len(a) >= len(b):
        return 0.0
    if b[-len(a):] == a:
        return 1.0
    return 0.5 if any(b[i : i + len(a)] == a for i in range(len(b) - len(a))) else 0.0


def _chapters(concepts: Sequence[Concept], chunks: Sequence[Chunk]) -> list[str]:
    """For each concept, the heading of the chapter it is introduced in ("" when unknown)."""
    chapter_at: dict[int, str] = {}
    chapter = ""
    for chunk in sorted(chunks, key=lambda c: c.order):
        if chunk.heading and is_chapter_heading(chunk.heading):
            chapter = chunk.heading
        chapter_at[chunk.order] = chapter
    return [chapter_at.get(c.first_order, "") for c in concepts]


def _rationale(
    a: Concept, b: Concept, by_definition: float, by_name: float, by_section: float
) -> str:
    page = f" (p. {a.citations[0].page})" if a.citations else ""
    if by_definition == 1.0:
        return f"The definition of {b.name} uses {a.name}, which is introduced earlier{page}."
    if by_name:
        return f"{b.name[:1].upper()}{b.name[1:]} builds on {a.name}, introduced earlier{page}."
    if by_section:
        return f"{b.name[:1].upper()}{b.name[1:]} is introduced in the section on {a.name}{page}."
    return f"What the course says about {b.name} uses {a.name}, introduced earlier{page}."
