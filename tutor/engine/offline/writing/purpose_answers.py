""""What is X used for?" answered in the learner's own words (origin ``purpose``; issue 12).

A concept the course only describes gets its two choice items on its purpose
(:mod:`~tutor.engine.offline.writing.purpose_exercises`) only when three sibling concepts have a
purpose of their own that the pages keep apart from it; in a manual written as prose that is
rare, and the concept was left with no item although the course says what it is for. Then
the learner says it: a short answer keyed to the purpose the course states ("To read a file
from a Web resource via FTP or HTTP ... and write it to a file."), each action it joins a key
point of its own ("read a file ...", "write it to a file"), graded by the short-answer grader
(:mod:`tutor.engine.offline.tutoring.grading`), which names a sibling whose purpose the
learner gave instead (the item's misconceptions: the siblings' purposes).

The prompt names the thing the course says the purpose of (the concept, or the thing its
topic heading names: "What is download.file used for?" for *Using download.file*), and the
checker asks of the key what it asks of a purpose option (:func:`what_for_problems`): it reads
alone and says more than the name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Chunk, Concept, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.definitions.descriptions import term_pattern
from tutor.engine.offline.terms import content_stems, mentions, term_variants
from tutor.engine.offline.writing.exercise_material import Material, source_of
from tutor.engine.offline.writing.purpose_readings import (
    ACTION_VERBS,
    own_sentence_terms,
    reads_alone,
    states_a_use,
    subject_terms,
    thing_named,
)
from tutor.engine.offline.writing.purposes import Purpose, name_words

PROMPT = "What {subject} used for?"
_PROMPT = re.compile(r"^What (?:is|are) (?P<subject>.+) used for\?$")
MISCONCEPTIONS = 3
"""Siblings' purposes the grader checks an answer against (a sibling's given for this one)."""
_JOINED = re.compile(r",?\s+and\s+(?=([a-z]+)\b)")
_CUT = re.compile(r"\b(?:e\.?\s?g|i\.?\s?e|etc|cf|viz)\.?$", re.I)
"""An action cut where an abbreviation's period ended the sentence ("... encoding, e.g")."""


def write_what_for(m: Material, own: Purpose, others: Sequence[Purpose],
                   passages: Sequence[Chunk], entry: str = "") -> Exercise | None:
    """The short answer on the concept's purpose, or None when the purpose does not read
    alone. ``entry``: the kind of the concept's reference entry ("macro") when the purpose is
    what that entry says it does (:mod:`.entry_purposes`): a function's or command's entry
    states its use by its layout, without naming it, and the question names it with its
    kind ("What is the with-mutex macro used for?")."""
    concept = m.concept
    terms = _terms(concept, own.sentence)
    if not (entry or states_a_use(own.sentence, terms)) or key_problem(
            own.action, terms, concept.name):
        return None
    found = source_of(own.sentence, m.ordered)
    citations = ([found.citation()] if found else []) + list(m.citations)
    return Exercise(
        id=f"{concept.id}-{ExerciseKind.SHORT_ANSWER.value}-purpose-1",
        concept_id=concept.id,
        kind=ExerciseKind.SHORT_ANSWER,
        prompt=PROMPT.format(subject=f"is the {concept.name} {entry}" if entry else asked_name(
            concept.name, terms, own.sentence)),
        answer=_to(own.action),
        key_points=key_points(own.action),
        misconceptions={_to(o.action): f"confuses {concept.name} with {o.name}"
                        for o in [o for o in others if o.action and (
                            o.name.lower() != concept.name.lower())][:MISCONCEPTIONS]},
        explanation=f'The course ({m.label}): "{own.sentence}"',
        citations=list({(c.source, c.page): c for c in citations}.values())[:3],
        difficulty=0.55,
        origin=ExerciseOrigin.PURPOSE,
    )


def asked_name(name: str, terms: Sequence[str], sentence: str) -> str:
    """The concept as the question names it, with its verb, as the sentence says it: in the
    plural when the sentence is ("are HTML-like labels"), a common noun with its article
    ("is a promise object"), a name of code or a proper name bare ("is download.file", "is
    XML")."""
    thing = thing_named(name)
    said = term_pattern(list(terms)).search(sentence)
    surface = said.group(0) if said else thing
    if surface[1:] == surface[1:].lower():  # capitalised only where the sentence starts
        surface = surface[:1].lower() + surface[1:] if said and said.start() == 0 else surface
    plural = said is not None and surface.lower().endswith("s") and not any(
        surface.lower() == t.lower() for t in (thing, name))
    if plural:
        return f"are {surface}"
    the = said is not None and re.search(r"\bthe\s+$", sentence[:said.start()], re.I)
    if the and surface[:1].islower():
        return f"is the {surface}"  # "The tsp attribute is used to ..."
    if re.fullmatch(r"[a-z][a-z -]*", surface):
        return f"is {'an' if surface[0] in 'aeiou' else 'a'} {surface}"
    return f"is {surface}"


def key_problem(action: str, terms: Sequence[str], name: str) -> str | None:
    """Why an action is no key: it does not read alone (:func:`.reads_alone`), or it was cut
    where an abbreviation's period ended the sentence."""
    if _CUT.search(action):
        return "the purpose is a fragment"
    verb = action.split()[0] if action.split() else ""
    if content_stems(verb) & name_words(thing_named(name)):
        return "answer given away by the words of its name"  # the merge tool: "To merge ..."
    return reads_alone(action, terms, name)


def _to(action: str) -> str:
    return f"To {action}."


def _terms(concept: Concept, sentence: str) -> list[str]:
    """The names the sentence may give the concept: more when it is the concept's own."""
    if " ".join(sentence.split()) == " ".join(concept.definition.split()):
        return own_sentence_terms(concept.name, concept.aliases, sentence)
    return subject_terms(concept.name, concept.aliases)


def key_points(action: str) -> list[str]:
    """The actions the purpose joins ("read a file ... and write it to a file" -> two), each
    a point the answer should make; one point when it joins none."""
    parts: list[str] = []
    rest = action
    while (joined := _JOINED.search(rest)) is not None and joined.group(1) in ACTION_VERBS and (
            len(rest[:joined.start()].split()) >= 2):
        parts.append(rest[:joined.start()].strip())
        rest = rest[joined.end():]
    parts.append(rest.strip())
    return parts if all(len(p.split()) >= 2 for p in parts) else [action]


def is_what_for(exercise: Exercise) -> bool:
    """Whether the item is the short answer on a purpose."""
    return exercise.origin is ExerciseOrigin.PURPOSE and exercise.kind is ExerciseKind.SHORT_ANSWER


def what_for_problems(exercise: Exercise, concept: Concept) -> list[str]:
    """The checker's reasons against the short answer on a purpose: a key that does not read
    alone or only restates the name, or a prompt asking of another thing."""
    terms = [*_terms(concept, concept.definition), *term_variants(concept.name, concept.aliases)]
    action = re.sub(r"^To\s+", "", exercise.answer.strip()).rstrip(".")
    problems: list[str] = []
    problem = key_problem(action, terms, concept.name)
    if problem:
        problems.append(problem)
    asked = _PROMPT.match(exercise.prompt.strip())
    if asked is None or not mentions(asked.group("subject"), terms, fuzzy=False):
        problems.append("the question asks of another thing than the concept")
    if not exercise.key_points:
        problems.append("short answer has no key points")
    return problems
