""""Which idea does the course build X on?" from how the course defines X.

A concept whose definition uses another concept of the course (a stack "is a collection...",
a parameter "is a name used inside a function...") depends on it: that is the evidence the
prerequisite graph takes too. The exercise asks which of a few near concepts the definition
builds on; the key is named in the defining sentence on the cited page, and no distractor
appears in that sentence or in the concept's defining passage, so the text supports only the
key. A related concept that shares a word with the concept's name is left out (the name alone
would give it away).

The other way round, "which of these does the course explain in terms of X?" asks what
follows from X: the key is a near concept whose definition names X, cited on its defining
page; no distractor's definition names X.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from tutor.course import Chunk, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.checking import mentions, term_variants, words
from tutor.engine.offline.exercise_material import Material, Sibling, source_of
from tutor.text import STOPWORDS, stem

MIN_DISTRACTORS = 2
MAX_DISTRACTORS = 3


def first_sentence(text: str) -> str:
    """The text up to its first sentence end: a definition read from a glossary can run on
    into the next entries ("... on the screen. operator: A special symbol ...")."""
    return re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0]


def _stems(name: str) -> set[str]:
    """The stems of the name's content words ("disjunctive", "disjunction": "disjunct")."""
    return {stem(w) for w in words(name) if w not in STOPWORDS}


def write_follows(
    m: Material, siblings: Sequence[Sibling], passages: Sequence[Chunk]
) -> Exercise | None:
    """One "which builds on X" item, or ``None`` when no near concept's definition names X."""
    pages = {(p.source, p.page) for p in passages}
    own = _stems(m.concept.name)
    key: Sibling | None = None
    others: list[Sibling] = []
    for sibling in siblings:
        other = sibling.concept
        if not other.definition.strip() or own & _stems(other.name):
            continue
        if mentions(other.name, m.terms, fuzzy=False) or mentions(m.definition_text,
                                                                   [other.name], fuzzy=False):
            continue  # named in the concept's own definition: it comes before, not after
        if mentions(first_sentence(other.definition), m.terms, fuzzy=False):
            cited = other.citations[:1]
            if key is None and cited and (cited[0].source, cited[0].page) in pages:
                key = sibling
        elif not mentions(other.definition, m.terms):
            others.append(sibling)
    if key is None:
        return None
    exercise_id = f"{m.concept.id}-follows-1"
    picked = _options(key, others, exercise_id)
    if picked is None:
        return None
    choices, chosen = picked
    definition = first_sentence(key.concept.definition)
    return Exercise(
        id=exercise_id,
        concept_id=m.concept.id,
        kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt=(f"Which of these ideas does the course explain in terms of {m.concept.name}?"),
        answer=key.concept.name,
        choices=choices,
        misconceptions={s.concept.name: f"does not see what builds on {m.concept.name}"
                        for s in chosen},
        explanation=(f"The course defines {key.concept.name} using {m.concept.name}: "
                     f"{definition} ({key.concept.citations[0].label()})"),
        citations=list(key.concept.citations[:1]),
        difficulty=0.55,
        origin=ExerciseOrigin.RELATION,
    )


def write_relation(
    m: Material, siblings: Sequence[Sibling], passages: Sequence[Chunk]
) -> Exercise | None:
    """One relation item, or ``None`` when the definition names no other concept."""
    if not m.description:
        return None  # only a definition that says what the concept is shows what it builds on
    definition = m.definition_text
    source = source_of(definition, m.ordered)
    around = f"{definition} {source.text if source else ''}"
    own = _stems(m.concept.name)
    key: Sibling | None = None
    others: list[Sibling] = []
    for sibling in siblings:
        names = term_variants(sibling.concept.name, sibling.concept.aliases)
        if not names or own & _stems(sibling.concept.name):
            continue
        if mentions(first_sentence(m.description), names, fuzzy=False):
            key = key or sibling
        elif not mentions(around, names, fuzzy=False):
            others.append(sibling)
    if key is None:
        return None
    exercise_id = f"{m.concept.id}-relation-1"
    picked = _options(key, others, exercise_id)
    if picked is None:
        return None
    choices, chosen = picked
    return Exercise(
        id=exercise_id,
        concept_id=m.concept.id,
        kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt=(f"The course explains {m.concept.name} in terms of another idea of the course. "
                f"Which one does it build on?"),
        answer=key.concept.name,
        choices=choices,
        misconceptions={s.concept.name: f"does not see what {m.concept.name} is built on"
                        for s in chosen},
        explanation=(f"The course defines {m.concept.name} using {key.concept.name}: "
                     f"{definition} ({m.label})"),
        citations=list(m.citations[:1]),
        difficulty=0.5,
        origin=ExerciseOrigin.RELATION,
    )


def _options(key: Sibling, others: list[Sibling],
             exercise_id: str) -> tuple[list[str], list[Sibling]] | None:
    """The choices (the key's name and up to :data:`MAX_DISTRACTORS` others sharing no word
    stem with it, shuffled by the exercise id) and those others; ``None`` with fewer than
    :data:`MIN_DISTRACTORS`."""
    chosen = [s for s in others if not _stems(s.concept.name) & _stems(key.concept.name)]
    chosen = chosen[:MAX_DISTRACTORS]
    if len(chosen) < MIN_DISTRACTORS:
        return None
    choices = [key.concept.name, *(s.concept.name for s in chosen)]
    random.Random(exercise_id).shuffle(choices)
    return choices, chosen
