"""Held-out calibration of the concept map's constants, for ``bench/concept_map.py``.

``rotations``: the defining-sentence threshold and the passages a concept must be used in,
chosen on two books from a small grid, the third book reported with them. ``link_rotations``:
the same for the link step's constants, on concepts extracted once. Each is run for the three
choices of held-out book.

Run: ``.venv/bin/python bench/map_rotations.py`` (prints JSON with each rotation's choice and
held-out scores; ``--link`` adds the link rotations, ``--grid`` every book's score at every
grid value).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from typing import Any

from concept_map import BOOKS, EVAL, cached_chunks, load_map, score, understand

from tutor.course import Chunk, Concept, Prerequisite

GRID = [(d, p) for d in (1.5, 2.0, 2.5, 3.0) for p in (1, 2, 3)]
"""Pairs tried in calibration: the defining-sentence threshold
(:data:`tutor.engine.offline.definitions.defining.MIN_DEFINING`) and the passages a concept must be used in
(:data:`tutor.engine.offline.concepts.candidates.MIN_PASSAGES`)."""


MAX_SIZE = 3.0
"""The most concepts a map may have, as a multiple of the teacher's map (issue 11's target)."""
TOLERANCE = 0.02
"""Calibration picks the sparsest setting (most passages required, then the highest threshold)
whose objective, averaged over the two books, is within this of the best: a setting a shade
better on two books but much larger does not carry to a third book that is longer for its
map."""


def _objective(result: dict[str, Any]) -> float:
    """What calibration maximises: recall, right pages and forward pairs, less the size over
    :data:`MAX_SIZE` times the map."""
    return (result["recall"] + result["definition_page"] + result["pairs_forward"]
            - max(0.0, result["size_ratio"] - MAX_SIZE))


def calibrate(scores: dict[tuple[str, tuple[float, int]], dict[str, Any]],
              tuned: list[str]) -> tuple[float, int]:
    """The grid value chosen on the ``tuned`` books: among the values that keep both maps
    within :data:`MAX_SIZE`, the sparsest one within :data:`TOLERANCE` of the best mean
    objective (every value when none keeps the size)."""
    fitting = [v for v in GRID if all(scores[(b, v)]["size_ratio"] <= MAX_SIZE for b in tuned)]
    values = fitting or GRID
    mean = {v: sum(_objective(scores[(b, v)]) for b in tuned) / len(tuned) for v in values}
    best = max(mean.values())
    near = [v for v in values if mean[v] >= best - TOLERANCE]
    return max(near, key=lambda v: (v[1], v[0]))


def _with_constants(
    values: tuple[float, int], chunks: list[Chunk]
) -> tuple[list[Concept], list[Prerequisite]]:
    from tutor.engine.offline.concepts import candidates
    from tutor.engine.offline.definitions import defining

    saved = defining.MIN_DEFINING, candidates.MIN_PASSAGES
    defining.MIN_DEFINING = values[0]
    candidates.MIN_PASSAGES = values[1]
    try:
        return understand(chunks)
    finally:
        defining.MIN_DEFINING = saved[0]
        candidates.MIN_PASSAGES = saved[1]


def grid_scores(books: list[str]) -> dict[tuple[str, tuple[float, int]], dict[str, Any]]:
    """Each book's map scored for each value of :data:`GRID` (without the details)."""
    chunks = {b: cached_chunks(EVAL / "pdfs" / f"{b}.pdf") for b in books}
    scores = {}
    for b in books:
        for v in GRID:
            result = score(load_map(b), *_with_constants(v, chunks[b]))
            result.pop("details")
            scores[(b, v)] = result
    return scores


def rotations(books: list[str],
              scores: dict[tuple[str, tuple[float, int]], dict[str, Any]] | None = None
              ) -> dict[str, Any]:
    """Calibrate the two constants on two books, report the third (held out), for each of the
    three choices of held-out book."""
    scores = scores or grid_scores(books)
    out: dict[str, Any] = {}
    for held_out in books:
        tuned = [b for b in books if b != held_out]
        best = calibrate(scores, tuned)
        result = dict(scores[(held_out, best)])
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
(:data:`tutor.engine.offline.prerequisites.link.MAX_PARENTS`), the weakest edge kept
(:data:`~tutor.engine.offline.prerequisites.link.MIN_WEIGHT`), the section evidence of the concept introduced
just before in one section (:data:`tutor.engine.offline.prerequisites.link_evidence.PREDECESSOR`), the name
evidence of the latest concept of the same kind (:data:`~tutor.engine.offline.prerequisites.link_evidence.SIBLING`)
and the ancestors a concept may have (:data:`~tutor.engine.offline.prerequisites.link.MAX_ANCESTOR_SHARE`)."""
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
    from tutor.engine.offline.engine import OfflineEngine
    from tutor.engine.offline.prerequisites import link, link_evidence
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--link", action="store_true", help="also the link step's rotations")
    parser.add_argument("--grid", action="store_true", help="also every grid value's scores")
    args = parser.parse_args()
    books = BOOKS
    missing = [b for b in books if not (EVAL / "pdfs" / f"{b}.pdf").exists()]
    if missing:
        print(f"evaluation data not found in {EVAL}: {', '.join(missing)}", file=sys.stderr)
        return 1
    out: dict[str, Any] = {"load_average_at_start": [round(x, 2) for x in os.getloadavg()]}
    scores = grid_scores(books)
    out["rotations"] = rotations(books, scores)
    if args.grid:
        keep = ("recall", "definition_page", "pairs_forward", "pairs_reversed", "size_ratio")
        out["grid"] = {f"{b} {v[0]} {v[1]}": {k: r[k] for k in keep}
                       for (b, v), r in scores.items()}
    if args.link:
        out["link_rotations"] = link_rotations(books)
    out["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
