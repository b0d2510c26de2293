"""Held-out calibration of the concept map's constants, for ``bench/concept_map.py``.

``rotations``: the defining-sentence threshold and the passages a concept must be used in,
chosen on two books from a small grid, the third book reported with them. ``link_rotations``:
the same for the link step's constants, on concepts extracted once. Each is run for the three
choices of held-out book.
"""

from __future__ import annotations

from typing import Any

from concept_map import EVAL, cached_chunks, load_map, score, understand

from tutor.course import Chunk, Concept, Prerequisite

GRID = [(d, p) for d in (1.5, 2.0, 2.5, 3.0) for p in (1, 2, 3)]
"""Pairs tried in calibration: the defining-sentence threshold
(:data:`tutor.engine.offline.defining.MIN_DEFINING`) and the passages a concept must be used in
(:data:`tutor.engine.offline.candidates.MIN_PASSAGES`)."""


def _objective(result: dict[str, Any]) -> float:
    """What calibration maximises: recall, right pages and forward pairs, less the size over
    3x the map."""
    return (result["recall"] + result["definition_page"] + result["pairs_forward"]
            - max(0.0, result["size_ratio"] - 3.0))


def _with_constants(
    values: tuple[float, int], chunks: list[Chunk]
) -> tuple[list[Concept], list[Prerequisite]]:
    from tutor.engine.offline import candidates, defining

    saved = defining.MIN_DEFINING, candidates.MIN_PASSAGES
    defining.MIN_DEFINING = values[0]
    candidates.MIN_PASSAGES = values[1]
    try:
        return understand(chunks)
    finally:
        defining.MIN_DEFINING = saved[0]
        candidates.MIN_PASSAGES = saved[1]


def rotations(books: list[str]) -> dict[str, Any]:
    """Calibrate the two constants on two books, report the third (held out), for each of the
    three choices of held-out book."""
    chunks = {b: cached_chunks(EVAL / "pdfs" / f"{b}.pdf") for b in books}
    scores = {
        (b, v): score(load_map(b), *_with_constants(v, chunks[b])) for b in books for v in GRID
    }
    out: dict[str, Any] = {}
    for held_out in books:
        tuned = [b for b in books if b != held_out]
        best = max(GRID, key=lambda v: sum(_objective(scores[(b, v)]) for b in tuned))
        result = dict(scores[(held_out, best)])
        result.pop("details")
        out[held_out] = {"calibrated_on": tuned, "min_defining": best[0],
                         "min_passages": best[1], "held_out": result}
    return out


LINK_GRID = [(p, w) for p in (2, 3, 4, 5) for w in (0.2, 0.25, 0.3)]
"""Pairs tried in the link calibration: direct prerequisites per concept
(:data:`tutor.engine.offline.link.MAX_PARENTS`) and the weakest edge kept
(:data:`tutor.engine.offline.link.MIN_WEIGHT`)."""


def _link_objective(result: dict[str, Any]) -> float:
    """Forward pairs, less a large penalty for each target the map misses: reversed pairs over
    5%, a hub over 10%, ancestors over 20% of the course, more than two direct prerequisites
    per concept on average (a teacher's map has one or two)."""
    over = (max(0.0, result["pairs_reversed"] - 0.05) + max(0.0, result["max_dependent_share"] - 0.1)
            + max(0.0, result["mean_ancestor_share"] - 0.2)
            + 0.1 * max(0.0, result["edges_per_concept"] - 2.0))
    return result["pairs_forward"] - 10.0 * over


def link_rotations(books: list[str]) -> dict[str, Any]:
    """Calibrate the link step's two constants on two books (concepts extracted once with the
    shipped constants, only the link step repeated), report the third."""
    from tutor.engine.offline import link
    from tutor.engine.offline.engine import OfflineEngine
    from tutor.study.rules import acyclic_prerequisites

    engine = OfflineEngine()
    scores: dict[tuple[str, tuple[int, float]], dict[str, Any]] = {}
    saved = link.MIN_WEIGHT
    try:
        for book in books:
            chunks = cached_chunks(EVAL / "pdfs" / f"{book}.pdf")
            concepts = [c for c in engine.merge_concepts(engine.extract_concepts(chunks))
                        if c.citations]
            for parents, weight in LINK_GRID:
                link.MIN_WEIGHT = weight
                edges = acyclic_prerequisites(
                    link.link_prerequisites(concepts, chunks, parents), [c.id for c in concepts])
                result = score(load_map(book), concepts, edges)
                result.pop("details")
                scores[(book, (parents, weight))] = result
    finally:
        link.MIN_WEIGHT = saved
    out: dict[str, Any] = {}
    for held_out in books:
        tuned = [b for b in books if b != held_out]
        best = max(LINK_GRID, key=lambda v: (sum(_link_objective(scores[(b, v)]) for b in tuned),
                                             -v[0], v[1]))
        held = scores[(held_out, best)]
        out[held_out] = {"calibrated_on": tuned, "max_parents": best[0], "min_weight": best[1],
                         "held_out": {k: held[k] for k in ("pairs_forward", "pairs_reversed",
                                                           "max_dependent_share",
                                                           "mean_ancestor_share",
                                                           "edges_per_concept")}}
    return out
