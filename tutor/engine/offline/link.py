"""Prerequisite edges between concepts, from the material alone.

Evidence that ``A`` must come before ``B`` (each scored 0..1, then mixed into a weight):

- **definition**: ``B``'s definition or key points mention ``A``;
- **name**: ``B``'s name builds on ``A``'s (``"variable"`` -> ``"local variable"``);
- **reference distance** (RefD): passages that mention ``B`` mention ``A`` more often than
  passages that mention ``A`` mention ``B``.

Edges only go from a concept introduced earlier in reading order to one introduced later, so
the graph is acyclic by construction. Weak edges implied by a two-step path are dropped, and
each concept keeps at most ``max_parents`` prerequisites, strongest first.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tutor.course import Chunk, Concept, Prerequisite
from tutor.engine.offline.text import MentionIndex, normalize, term_key

MAX_PARENTS = 4
MIN_WEIGHT = 0.3
"""Edges weaker than this are not kept."""
STRONG = 0.7
"""Edges at least this strong are kept even when a two-step path implies them."""


def _keys(concept: Concept) -> list[str]:
    keys = {term_key(concept.name)}
    keys.update(term_key(a) for a in concept.aliases if len(a) > 2)
    return [k for k in keys if k]


def link_prerequisites(
    concepts: Sequence[Concept], chunks: Sequence[Chunk], max_parents: int = MAX_PARENTS
) -> list[Prerequisite]:
    """Weighted, explained prerequisite edges; acyclic; at most ``max_parents`` per concept."""
    concepts = list(concepts)
    n = len(concepts)
    if n < 2:
        return []
    keys = [_keys(c) for c in concepts]
    words = [term_key(c.name).split() for c in concepts]
    all_keys = {k for ks in keys for k in ks}

    defining = MentionIndex(
        [normalize(" ".join([c.definition, *c.key_points])) for c in concepts], all_keys
    )
    in_definition = np.zeros((n, n), dtype=bool)
    for a, ks in enumerate(keys):
        for key in ks:
            for b in defining.counts(key):
                if b != a:
                    in_definition[a, b] = True
    # A strict total order, so that edges along it can never form a cycle: reading order;
    # among concepts introduced in the same passage, those whose definitions need fewer of
    # the others first, then shorter names ("list" before "list method"), then name.
    definitions_only = MentionIndex([normalize(c.definition) for c in concepts], all_keys)
    needs = np.zeros(n, dtype=int)
    for a, ks in enumerate(keys):
        for b in {b for key in ks for b in definitions_only.counts(key)}:
            if b != a and concepts[a].first_order == concepts[b].first_order:
                needs[b] += 1
    ordered = sorted(
        range(n),
        key=lambda i: (concepts[i].first_order, int(needs[i]), len(words[i]), concepts[i].name.lower()),
    )
    rank = {concepts[i].id: r for r, i in enumerate(ordered)}

    passages = MentionIndex([normalize(c.text) for c in chunks], all_keys)
    seen = np.zeros((n, max(1, len(chunks))), dtype=np.float32)
    for i, ks in enumerate(keys):
        for key in ks:
            for chunk_index in passages.counts(key):
                seen[i, chunk_index] = 1.0
    shared = seen @ seen.T
    size = np.clip(np.diag(shared), 1.0, None)
    refers = shared / size[None, :]
    """refers[a, b]: share of b's passages that mention a."""
    refd = refers - refers.T

    candidates: dict[tuple[int, int], tuple[float, str]] = {}
    for b in range(n):
        b_words = words[b]
        for a in range(n):
            if a == b or rank[concepts[a].id] >= rank[concepts[b].id]:
                continue
            by_name = _builds_on(words[a], b_words)
            # B defined in terms of A; weaker when A's definition also needs B (mutual).
            by_definition = float(in_definition[a, b]) * (0.7 if in_definition[b, a] else 1.0)
            by_refd = float(max(0.0, min(1.0, refd[a, b] * 2.0)))
            if shared[a, b] < 2:
                by_refd = 0.0
            weight = min(1.0, 0.5 * by_definition + 0.4 * by_name + 0.4 * by_refd)
            if by_definition and by_refd > 0:  # both kinds of evidence agree
                weight = min(1.0, weight + 0.1)
            if weight < MIN_WEIGHT:
                continue
            candidates[(a, b)] = (
                round(weight, 3),
                _rationale(concepts[a], concepts[b], by_definition, by_name, refers[a, b],
                           refers[b, a]),
            )
    kept = _drop_implied(candidates)
    edges: list[Prerequisite] = []
    for b in range(n):
        parents = sorted(
            ((w, a, why) for (a, bb), (w, why) in kept.items() if bb == b), key=lambda t: -t[0]
        )
        for weight, a, why in parents[:max_parents]:
            edges.append(
                Prerequisite(
                    prerequisite=concepts[a].id, concept=concepts[b].id, weight=weight,
                    rationale=why,
                )
            )
    edges.sort(key=lambda e: (rank[e.concept], -e.weight))
    return edges


def _builds_on(a: list[str], b: list[str]) -> bool:
    """True when name ``b`` contains name ``a`` as a run of words (``"variable"`` in
    ``"local variable"``)."""
    if len(a) >= len(b):
        return False
    return any(b[i : i + len(a)] == a for i in range(len(b) - len(a) + 1))


def _drop_implied(
    edges: dict[tuple[int, int], tuple[float, str]],
) -> dict[tuple[int, int], tuple[float, str]]:
    """Drop a weak edge ``a -> c`` when ``a -> b -> c`` holds with edges at least as strong."""
    out_of: dict[int, list[int]] = {}
    for a, b in edges:
        out_of.setdefault(a, []).append(b)
    kept = {}
    for (a, c), (weight, why) in edges.items():
        if weight < STRONG and any(
            (b, c) in edges and min(edges[(a, b)][0], edges[(b, c)][0]) >= weight
            for b in out_of.get(a, [])
            if b != c
        ):
            continue
        kept[(a, c)] = (weight, why)
    return kept


def _rationale(
    a: Concept, b: Concept, by_definition: float, by_name: bool, a_in_b: float, b_in_a: float
) -> str:
    page = f" (p. {a.citations[0].page})" if a.citations else ""
    if by_definition:
        return f"The definition of {b.name} uses {a.name}, which is introduced earlier{page}."
    if by_name:
        return f"{b.name[:1].upper()}{b.name[1:]} builds on {a.name}, introduced earlier{page}."
    return (
        f"Passages on {b.name} mention {a.name} ({a_in_b:.0%} of them) far more than passages "
        f"on {a.name} mention {b.name} ({b_in_a:.0%}), and {a.name} comes first{page}."
    )
