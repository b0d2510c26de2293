""""How does X differ from Y?" exercises for a concept and a near sibling.

Knowing a definition by heart is not knowing where one idea ends and the next begins. The
sibling must be one the learner could confuse with the concept (ranked by similarity), both
must have a definition that does not name the other, and the sibling must be defined on a page
the concept's passages include, so the key points of both definitions are checked against
pages the exercise cites. The reference answer states both definitions side by side; the key
points are one idea from each.
"""

from __future__ import annotations

from collections.abc import Sequence

from tutor.course import Chunk, Citation, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.checking import mentions, same_option, term_variants
from tutor.engine.offline.exercise_material import (
    Material,
    Sibling,
    clauses,
    lower_first,
)

MIN_SIMILARITY = 0.35
"""Siblings less similar than this are not ones a learner mixes up with the concept."""
MAX_DEFINITION_WORDS = 45
MAX_ITEMS = 2


def write_contrast(
    m: Material, siblings: Sequence[Sibling], passages: Sequence[Chunk]
) -> list[Exercise]:
    """Contrast items with the nearest fit siblings, at most :data:`MAX_ITEMS`."""
    if not m.description or len(m.description.split()) > MAX_DEFINITION_WORDS:
        return []
    pages = {(p.source, p.page) for p in passages}
    found: list[Exercise] = []
    for sibling in siblings:
        other = sibling.concept
        if sibling.similarity < MIN_SIMILARITY or not sibling.description:
            continue
        if len(sibling.description.split()) > MAX_DEFINITION_WORDS:
            continue
        own_terms = term_variants(other.name, other.aliases)
        if mentions(m.description, own_terms) or mentions(sibling.description, m.terms):
            continue
        if same_option(m.description, sibling.description):
            continue
        cited = [c for c in other.citations[:1] if (c.source, c.page) in pages]
        if not cited:
            continue
        found.append(_exercise(m, sibling, cited[0], len(found) + 1))
        if len(found) == MAX_ITEMS:
            break
    return found


def _capital(name: str) -> str:
    return name[:1].upper() + name[1:]


def _exercise(m: Material, sibling: Sibling, page: Citation, n: int) -> Exercise:
    concept, other = m.concept, sibling.concept
    own = lower_first(m.description or "")
    theirs = lower_first(sibling.description or "")
    reference = f"{_capital(concept.name)}: {own}. {_capital(other.name)}, by contrast: {theirs}."
    points = [f"{concept.name}: {c}" for c in clauses(m.description or "")[:2]]
    points += [f"{other.name}: {c}" for c in clauses(sibling.description or "")[:1]]
    citations = list(m.citations)
    if page not in citations:
        citations.append(page)
    return Exercise(
        id=f"{concept.id}-contrast-{n}",
        concept_id=concept.id,
        kind=ExerciseKind.SHORT_ANSWER,
        prompt=(f"How does {concept.name} differ from {other.name}? Say what each one is "
                f"and what sets {concept.name} apart."),
        answer=reference,
        key_points=points,
        misconceptions={},
        explanation=(f"The course keeps them apart: {reference} "
                     f"({'; '.join(dict.fromkeys(c.label() for c in citations))})"),
        citations=citations,
        difficulty=round(min(0.9, 0.5 + 0.4 * sibling.similarity), 2),
        origin=ExerciseOrigin.CONTRAST,
    )
