"""Withholding the answer in code: learner-facing text on an unsolved exercise must not contain it.

The prompts already ask the model not to reveal answers; this is the second lock. Hints and
feedback on wrong answers pass through :func:`withhold_answer`, which replaces every whole-word
occurrence of the answer (and of its accepted spellings) with a neutral placeholder.
"""

from __future__ import annotations

import re

from tutor.course import Exercise, ExerciseKind

PLACEHOLDER = "(the answer is held back until you have worked it out)"
_MIN_LENGTH = 1


def _answers(exercise: Exercise) -> list[str]:
    answers = [exercise.answer, *exercise.accepted]
    if exercise.kind == ExerciseKind.SHORT_ANSWER:
        # A reference answer is a sentence: withhold it only when quoted whole.
        answers = [exercise.answer]
    unique = {a.strip() for a in answers if len(a.strip()) >= _MIN_LENGTH}
    return sorted(unique, key=len, reverse=True)


def _pattern(answer: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in answer.split()]
    body = r"\s+".join(words)
    return re.compile(rf"(?<![\w]){body}(?![\w])", re.IGNORECASE)


def reveals_answer(text: str, exercise: Exercise) -> bool:
    """Whether ``text`` contains the exercise's answer as a whole word or phrase."""
    return any(_pattern(a).search(text) for a in _answers(exercise))


def withhold_answer(text: str, exercise: Exercise) -> tuple[str, bool]:
    """``text`` with the answer replaced by a placeholder, and whether anything was replaced."""
    replaced = False
    for answer in _answers(exercise):
        text, count = _pattern(answer).subn(PLACEHOLDER, text)
        replaced = replaced or count > 0
    return text, replaced
