"""The passages a procedure item needs beside the concept's own: the manual's other procedures.

A procedure item (:mod:`tutor.engine.offline.procedures.procedure_exercises`) offers, beside
the action the book gives for the goal, actions the manual gives for other goals. The
concept's task passages seldom hold them (its nearest concepts' defining passages are
definitions), so the plan adds, for each concept with a procedure on its defining page or in
its own section, the passages of the procedures nearest to it in reading order on other
pages, those of the same shape first (:data:`OTHERS` of them). Found once per build
(``tutor.study.exercise_steps.plan_exercises``), for both engines' writing and checking tasks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from tutor.course import Chunk
from tutor.engine.offline.procedures.reading import Procedure, find_procedures

OTHERS = 6
"""Other procedures' passages given to a concept with a procedure of its own."""


def procedure_passages(concepts: Sequence[Mapping[str, Any]], chunks: Sequence[Chunk]
                       ) -> dict[str, list[Chunk]]:
    """Concept id -> the passages of other procedures its procedure items may offer."""
    everything = find_procedures(chunks)
    if len(everything) < 3:
        return {}
    out: dict[str, list[Chunk]] = {}
    for concept in concepts:
        own = _own(concept, everything)
        if not own:
            continue
        pages = {(p.chunk.source, p.chunk.page) for p in own}
        others = [p for p in everything if (p.chunk.source, p.chunk.page) not in pages]
        shapes = {p.shape for p in own}
        others.sort(key=lambda p: (p.shape not in shapes,
                                   min(abs(p.chunk.order - o.chunk.order) for o in own)))
        picked = list({p.chunk.id: p.chunk for p in others[:OTHERS]}.values())
        if picked:
            out[str(concept["id"])] = picked
    return out


def _own(concept: Mapping[str, Any], everything: Sequence[Procedure]) -> list[Procedure]:
    """The procedures on the concept's defining page or under its section's heading."""
    cited = concept.get("citations") or []
    first = cited[0] if cited else None
    section = concept.get("section") or ""
    return [p for p in everything
            if (first is not None and (p.chunk.source, p.chunk.page) == (
                first.get("source"), first.get("page")))
            or (section and p.chunk.heading == section)]
