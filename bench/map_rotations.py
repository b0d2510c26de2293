"""Held-out calibration of the concept map's constants, for ``bench/concept_map.py``.

``rotations``: the defining-sentence threshold and the passages a concept must be used in,
chosen on two books from a small grid, the third book reported with them. ``link_rotations``:
the same for the link step's constants, on concepts extracted once. Each is run for the three
choices of held-out book.
"""

from __future__ import annotations

import itertools
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


LINK_CONSTANTS = {
    "max_parents": (2, 3, 4),
    "min_weight": (0.2, 0.25, 0.3),
    "predecessor": (0.6, 1.0),
    "sibling": (0.25, 0.75),
    "max_ancestor_share": (0.3, 0.4, 0.5),
}
"""Values tried in the link calibration: direct prerequisites per concept
(:data:`tutor.engine.offline.link.MAX_PARENTS`), the weakest edge kept
(:data:`~tutor.engine.offline.link.MIN_WEIGHT`), the section evidence of the concept introduced
just before in one section (:data:`tutor.engine.offline.link_evidence.PREDECESSOR`), the name
evidence of the latest concept of the same kind (:data:`~tutor.engine.offline.link_evidence.SIBLING`)
and the ancestors a concept may have (:data:`~tutor.engine.offline.link.MAX_ANCESTOR_SHARE`)."""
LINK_GRID = list(itertools.product(*LINK_CONSTANTS.values()))
_LINK_MODULE = {"max_parents": "link", "min_weight": "link", "max_ancestor_share": "link",
                "predecessor": "link_evidence", "sibling": "link_evidence"}


def _link_objective(result: dict[str, Any]) -> float:
    """Forward pairs, less a penalty for each target the map misses (0.1, as much as four
    teacher pairs, plus ten times the excess): reversed pairs over 5%, a hub over 10%,
    ancestors over 20% of the course; and a tenth of the direct prerequisites per concept
    over two on average (a teacher's map has one or two)."""
    excess = [result["pairs_reversed"] - 0.05, result["max_dependent_share"] - 0.1,
              result["mean_ancestor_share"] - 0.2]
    missed = sum(0.1 + 10.0 * e for e in excess if e > 0)
    return (result["pairs_forward"] - missed
            - max(0.0, result["edges_per_concept"] - 2.0))


def link_scores(books: list[str]) -> dict[tuple[str, tuple[float, ...]], dict[str, Any]]:
    """Each book's map scored for each value of :data:`LINK_GRID` (concepts extracted once
    with the shipped constants, only the link step repeated)."""
    from tutor.engine.offline import link, link_evidence
    from tutor.engine.offline.engine import OfflineEngine
    from tutor.study.rules import acyclic_prerequisites

    modules = {"link": link, "link_evidence": link_evidence}
    engine = OfflineEngine()
    scores: dict[tuple[str, tuple[float, ...]], dict[str, Any]] = {}
    saved = {name: getattr(modules[_LINK_MODULE[name]], name.upper()) for name in LINK_CONSTANTS}
    try:
        for book in books:
            chunks = cached_chunks(EVAL / "pdfs" / f"{book}.pdf")
            concepts = [c for c in engine.merge_concepts(engine.extract_concepts(chunks))
                        if c.citations]
            for values in LINK_GRID:
                for name, value in zip(LINK_CONSTANTS, values, strict=True):
                    setattr(modules[_LINK_MODULE[name]], name.upper(), value)
                edges = acyclic_prerequisites(link.link_prerequisites(concepts, chunks),
                                              [c.id for c in concepts])
                result = score(load_map(book), concepts, edges)
                result.pop("details")
                scores[(book, values)] = result
    finally:
        for name, value in saved.items():
            setattr(modules[_LINK_MODULE[name]], name.upper(), value)
    return scores


def link_rotations(books: list[str]) -> dict[str, Any]:
    """Calibrate the link step's constants on two books, report the third (held out), for
    each choice of held-out book; ties go to fewer prerequisites per concept and a higher
    threshold (the sparser map)."""
    scores = link_scores(books)
    out: dict[str, Any] = {}
    for held_out in books:
        tuned = [b for b in books if b != held_out]
        best = max(LINK_GRID, key=lambda v: (sum(_link_objective(scores[(b, v)]) for b in tuned),
                                             -v[0], v[1], -v[2], -v[3], -v[4]))
        held = scores[(held_out, best)]
        out[held_out] = {"calibrated_on": tuned, **dict(zip(LINK_CONSTANTS, best, strict=True)),
                         "held_out": {k: held[k] for k in ("pairs_forward", "pairs_reversed",
                                                           "max_dependent_share",
                                                           "mean_ancestor_share",
                                                           "edges_per_concept")}}
    return out
