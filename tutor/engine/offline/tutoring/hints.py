"""The offline hint ladder, and the masking that keeps answers out of learner-facing text.

Three rungs, each a little more telling, none with the answer:

1. where to look (section and page) and a key idea, with the answer masked: a sentence on
   the concept that still says something masked and that the question does not say already;
2. a partial clue: first letter and length for a cloze (for a number to work out, how to get
   it), one wrong option struck out for
   multiple choice, what to check for true/false, the start of a key point for short answers;
3. the cited passage itself with the answer masked (``last=True``).

:func:`mask_answer` (from :mod:`tutor.answers`, shared by both engines) is also what the teach
graph runs over every message it shows while an exercise's answer is still withheld.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.answers import MASK, answer_strings, mask_answer, reveals_answer, same_number
from tutor.course import Citation, Concept, Exercise, ExerciseKind
from tutor.engine.port import Hint
from tutor.sentences import passage_sentences
from tutor.text import content_stems, words

__all__ = ["MASK", "RUNGS", "answer_strings", "hint", "mask_answer", "reveals_answer"]

RUNGS = 3


SECTION_PAGES = 2
"""A concept's section is named with a page from its first page to the next (a section running
over a page break); an item citing a page further off (the session a "what does this show?"
item quotes) is pointed to by its page alone, not to a section that is elsewhere."""


def _in_section(cited: Citation, concept: Concept) -> bool:
    """Whether ``cited`` can be in the section that introduces ``concept`` (where its first
    citation is)."""
    if not concept.citations:
        return True
    first = concept.citations[0]
    return cited.source == first.source and 0 <= cited.page - first.page < SECTION_PAGES


def _where(exercise: Exercise, concept: Concept) -> str:
    citations = exercise.citations or concept.citations
    section = concept.section
    if section and reveals_answer(section, exercise):
        section = ""  # a title that is the answer says nothing once masked ("*3.1 […]*")
    if section and citations and not _in_section(citations[0], concept):
        section = ""  # "section 1.1 (p. 18)" sends the learner to two places
    place = (f"the section *{section}*" if section else
             "the page" if citations else "the material")
    if citations:
        place += f" ({citations[0].label()})"
    return place


def _key_idea(exercise: Exercise, concept: Concept) -> str:
    """A sentence on the concept the hint can say: of its key points (those naming it) and
    its definition's sentences, the first that still says something once the answer is
    masked and is not what the question already says; ``""`` when none does (a hint of nothing but "[…]", the
    question's own description again, or a sentence on another idea helps no one)."""
    asked = set(content_stems(exercise.prompt))
    named = set(content_stems(" ".join([concept.name, *concept.aliases])))
    candidates = [(p, True) for p in concept.key_points]  # a key point must name it
    candidates += [(s, False) for s in passage_sentences(concept.definition)]
    for sentence, must_name in candidates:
        said = set(content_stems(sentence))
        left = content_stems(mask_answer(sentence, exercise).replace(MASK, " "))
        if (must_name and not said & named) or len(set(left) - named) < 3 or (
                said <= asked | named):
            continue
        return sentence
    return ""


def _clue(exercise: Exercise, concept: Concept, tried: Sequence[int] = ()) -> str:
    if exercise.kind is ExerciseKind.CLOZE:
        answer = exercise.answer.strip()
        if same_number(answer, answer):  # a worked result: how to get it, not its digits
            return ("The answer is a number: work it out from the values the question gives, "
                    "with the idea above, then round it the way the course does.")
        parts = answer.split()
        shape = f"{len(answer)} characters" if len(parts) == 1 else f"{len(parts)} words"
        return f"The missing term has {shape} and starts with **{answer[0].upper()}**."
    if exercise.kind is ExerciseKind.MULTIPLE_CHOICE and exercise.choices:
        wrong = [c for number, c in enumerate(exercise.choices)  # one picked is out already
                 if c.strip().lower() != exercise.answer.strip().lower() and number not in tried]
        with_misconception = [c for c in wrong if c in exercise.misconceptions]
        struck = (with_misconception or wrong or [""])[0]
        if struck:
            number = exercise.choices.index(struck) + 1
            why = exercise.misconceptions.get(struck, "")
            reason = f" ({why})" if why else ""
            return f"You can rule out option {number}: *{struck}*{reason}."
        if tried:  # every wrong option picked already: nothing left to strike
            return ("You have tried every other option: read the one left against the "
                    "question, and say why it fits.")
    if exercise.kind is ExerciseKind.TRUE_FALSE:
        return (
            f"Check the term the statement uses: does the course say this of "
            f"**{concept.name}**, or of something else?"
        )
    points = exercise.key_points or concept.key_points
    if points:
        opening = " ".join(points[0].split()[:3])
        return f"A complete answer covers {len(points)} idea(s). One of them starts: *{opening}…*"
    return f"Think about what **{concept.name}** is for, and say it in one or two sentences."


def _hide_key_words(text: str, exercise: Exercise, concept: Concept) -> str:
    """For short answers: the passage with the key points' longer words cut to a letter."""
    key_words = {
        w for point in (exercise.key_points or concept.key_points) for w in words(point) if len(w) >= 5
    }
    for word in sorted(key_words, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(word)}\b", word[0] + "…", text, flags=re.IGNORECASE)
    return text


def _passage(exercise: Exercise, concept: Concept) -> str:
    citations = exercise.citations or concept.citations
    label = f" ({citations[0].label()})" if citations else ""
    passage = concept.definition.strip()
    if exercise.kind is ExerciseKind.SHORT_ANSWER:
        passage = _hide_key_words(passage, exercise, concept)
    return f"Here is what the source says{label}, with the answer hidden:\n\n> {passage}"


def hint(exercise: Exercise, concept: Concept, level: int, tried: Sequence[int] = ()) -> Hint:
    """Rung ``level`` (1..3) of the ladder for ``exercise``; never the answer. ``tried``: the
    options the learner already picked, never the one a clue strikes out (they know it is
    wrong)."""
    level = min(max(level, 1), RUNGS)
    if level == 1:
        idea = _key_idea(exercise, concept)
        text = f"Look again at {_where(exercise, concept)}." + (
            f" The key idea: {idea}" if idea else
            " Read it again, and compare it with the question.")
    elif level == 2:
        text = _clue(exercise, concept, tried)
    else:
        text = _passage(exercise, concept)
    return Hint(
        exercise_id=exercise.id, level=level, text=mask_answer(text, exercise), last=level >= RUNGS
    )
