"""The "explain in your own words" item and its key points.

A short answer is graded on its key points, so each must be a part of what the concept is:
the map's key points that restate part of the definition (or say what the concept is, as a
glossary entry does), else the clauses of the definition, with at most one more sentence of
the passages that defines the concept. A sentence beside the definition ("Python provides
functions that convert values ..." under return value) or one defining a longer term that
contains the name ("... is called operator overloading" under operator) is never a key point:
a learner who explains the concept well would be marked down for leaving it out.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from tutor.course import Chunk, Exercise, ExerciseKind
from tutor.engine.offline.definitions.descriptions import describe, plainly_defines, stands_alone
from tutor.engine.offline.terms import content_stems, mentions, support, words
from tutor.engine.offline.writing.exercise_material import (
    Material,
    Sibling,
    clauses,
    defining_cue,
    dice,
    prose_sentences,
    source_of,
    usable,
)
from tutor.text import as_statement

EXPLAIN_PROMPT = "Explain {name} in your own words."
"""The prompt of the item, the one place its wording is written (read back by
:func:`explained_name`)."""
_EXPLAINED = re.compile("^" + re.escape(EXPLAIN_PROMPT).replace(re.escape("{name}"), "(?P<name>.+)")
                        + "$")


def explained_name(prompt: str) -> str | None:
    """The name an "explain in your own words" ``prompt`` asks about, else ``None``."""
    match = _EXPLAINED.match(prompt.strip())
    return match["name"] if match else None

MAX_KEY_POINTS = 4
MAX_DISTRACTORS = 3


def write_explain(m: Material, siblings: list[Sibling]) -> Exercise | None:
    """"Explain X in your own words", keyed to the definition and its parts."""
    concept = m.concept
    reference = m.definition_text
    points = [] if m.found_elsewhere else [
        point for k in concept.key_points if k.strip()
        if _defining_point(point := " ".join(k.split()), m, reference)][:MAX_KEY_POINTS]
    citations = list(m.citations)
    if len(points) < 2:
        for text, chunk in _derived_points(m, points, reference)[: MAX_KEY_POINTS - len(points)]:
            points.append(text)
            if chunk is not None and chunk.citation() not in citations:
                citations.append(chunk.citation())
    return Exercise(
        id=f"{concept.id}-{ExerciseKind.SHORT_ANSWER.value}-1",
        concept_id=concept.id,
        kind=ExerciseKind.SHORT_ANSWER,
        prompt=EXPLAIN_PROMPT.format(name=concept.name),
        answer=reference,
        key_points=points,
        misconceptions={  # a sibling's definition given for this one: named in feedback
            as_statement(s.description): f"confuses {concept.name} with {s.concept.name}"
            for s in siblings[:MAX_DISTRACTORS]
            if s.description and len(s.description.split()) >= 4
            and not mentions(s.description, m.terms)
        },
        explanation=f"The course explains {concept.name} so ({m.label}): {reference}",
        citations=citations,
        difficulty=round(0.5 + 0.05 * len(points), 2),  # at most four points: 0.5 to 0.7
    )


def _derived_points(
    m: Material, points: list[str], reference: str
) -> list[tuple[str, Chunk | None]]:
    """Key points from the course: the parts of the definition, then at most one more
    defining sentence from the passages."""
    source = source_of(m.definition_text, m.ordered)
    found: list[tuple[str, Chunk | None]] = []
    if not points:
        found = [(c, source) for c in clauses(m.description or reference)[:MAX_KEY_POINTS]]
    taken = [*points, reference, *(text for text, _ in found)]
    cue = defining_cue(m.terms)
    for chunk in m.ordered:
        for sentence in prose_sentences(chunk.text):
            if not usable(sentence) or not m.pattern.search(sentence):
                continue
            if not cue.search(sentence) and dice(reference, sentence) < 0.4:
                continue
            if not _defining_point(sentence, m, reference):
                continue
            if any(fuzz.token_set_ratio(sentence, t) >= 85 for t in taken):
                continue
            return [*found, (sentence, chunk)]
    return found


MIN_POINT_STEMS = 2
"""Content words a key point needs beside the concept's name to say a part of what it is."""
KEY_POINT_OVERLAP = 0.8
"""Share of a key point's content words found in the definition from which it restates a
part of it."""


def _defining_point(point: str, m: Material, reference: str) -> bool:
    """Whether a key point comes from the concept's definition: a part of the defining
    sentence, or another sentence that says what the concept is (a glossary entry). A
    sentence beside the definition ("Python provides functions that convert values ...")
    or one defining a longer term that contains the name ("... is called operator
    overloading") is not what the concept is, nor one saying what happens to it ("Inside the
    function, the arguments are assigned to ..."): what it is starts with a noun phrase."""
    from tutor.engine.offline.writing.checking import NARRATIVE  # checking imports the writers

    if NARRATIVE.match(point) or _ASIDE.match(point):
        return False  # "By the way, a positional argument is ...": leans on the text around it
    name = {w for t in m.terms for w in words(t)}
    if len(content_stems(point, name)) < MIN_POINT_STEMS:
        return False  # "Yet they must have the same truth-value": the name and nothing of it
    if support(point, reference, name) >= KEY_POINT_OVERLAP:
        return True
    if not plainly_defines(point, m.terms):
        return False
    described = describe(point, m.terms)
    return (described is not None and _WHAT_IT_IS.match(described) is not None
            and stands_alone(described))  # not "a big topic"


_ASIDE = re.compile(r"^\W*(?:by\s+the\s+way|incidentally|in\s+passing)\b", re.I)
"""An aside's opener: the sentence leans on the text it interrupts."""
_WHAT_IT_IS = re.compile(r"^\W*(?:(?i:a|an|the|one|any|each|some)\b|[A-Z])")
"""The first word of a description saying what a thing is: an article, or (a glossary
entry) a capital."""
