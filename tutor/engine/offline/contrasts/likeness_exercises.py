"""A thing the book defines by what it is like and how it differs: a contrast item.

Manuals often say what a command or a style is by a sibling the reader already knows and the
one thing that differs: "xerrorbars is like points, except that a horizontal error bar is
also drawn", "The boxxyerror plot style is only relevant to 2D data plotting. It is similar to
the xyerrorbars style except that it draws rectangular areas rather than crosses." When the
sibling is a concept the course teaches, a teacher asks how the two differ: the learner must
hold both ideas and name the difference, which is more than recalling the sentence that
defines either. The key is the book's difference, cited where the sentence is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Concept, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.terms import term_key
from tutor.engine.offline.writing.exercise_material import Material
from tutor.sentences import split_sentences
from tutor.text import normalize, without_period

_TERM = "\x01"
_KIND = r"(?:\s+(?:style|plot\s+style|command|option|function|terminal|keyword))?"
_LIKE = (r"\s+(?:is|are)\s+(?:exactly\s+|just\s+)?(?:like|similar\s+to)\s+(?:the\s+)?"
         r"(?:(?:style|command|option|function)\s+)?(?P<other>[\w-]+(?:\s+[\w-]+)??)" + _KIND
         + r",?\s+except\s+(?:that\s+)?(?P<diff>[^.;]{8,}?)\W*$")
_SAID_OF_IT = re.compile(r"^\W*(?:(?:a|an|the)\s+)?" + _TERM + _KIND + _LIKE, re.I)
_IT = re.compile(r"^\W*it" + _LIKE, re.I)
_ON_THE_TERM = re.compile(r"^\W*(?:(?:a|an|the)\s+)?" + _TERM, re.I)
_NEXT = re.compile(r"(?<=[.!?])\s+(?=\x01)")
"""A sentence that opens on the term in lower case ("... 2D data plots. xerrorbars is like
...") starts where the one before ends."""
MIN_DIFFERENCE_WORDS = 4
"""A difference shorter than this ("except colour") says too little to ask about."""


def likeness(m: Material) -> tuple[str, str] | None:
    """The sibling's name and the difference, when the concept's defining sentence says it is
    like that sibling except for something ("... like points, except that a horizontal error
    bar is also drawn" -> ("points", "a horizontal error bar is also drawn")); else None."""
    if not m.sentence:
        return None
    marked = m.pattern.sub(_TERM, " ".join(normalize(m.sentence).split()))
    parts = [p for s in split_sentences(marked) for p in _NEXT.split(s)]
    for at, part in enumerate(parts):
        found = _SAID_OF_IT.match(part)
        if found is None and at and _ON_THE_TERM.match(parts[at - 1]):
            found = _IT.match(part)  # "The boxxyerror style is ... It is similar to ..."
        if found is not None and _TERM not in found.group("diff"):
            difference = without_period(found.group("diff"))
            if len(difference.split()) >= MIN_DIFFERENCE_WORDS:
                return found.group("other"), difference
    return None


def write_likeness(m: Material, related: Sequence[Concept]) -> list[Exercise]:
    """How the concept differs from the concept the book likens it to, when that one is a
    concept of the course (:func:`likeness`); at most one item."""
    found = likeness(m)
    if found is None:
        return []
    named, difference = found
    other = next((c for c in related if term_key(named) in {
        term_key(n) for n in (c.name, *c.aliases)}), None)
    if other is None or other.id == m.concept.id:
        return []
    name, like = m.concept.name, named  # the book's own word for the other ("points")
    answer = f"{name[:1].upper()}{name[1:]} is like {like}, except that {difference}."
    return [Exercise(
        id=f"{m.concept.id}-likeness-1",
        concept_id=m.concept.id,
        kind=ExerciseKind.SHORT_ANSWER,
        prompt=(f"The course describes {name} by comparing it with {like}. How does "
                f"{name} differ from {like}?"),
        answer=answer,
        key_points=[difference],
        misconceptions={},
        explanation=f"{answer} ({'; '.join(c.label() for c in m.citations)})",
        citations=list(m.citations),
        difficulty=0.5,
        origin=ExerciseOrigin.CONTRAST,
    )]
