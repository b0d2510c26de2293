"""Engines for tests and benchmarks: the offline engine with an exact-match grader.

The teach graph's behaviour, not the grader's, is what such runs look at, so grading here is a
plain normalised comparison with the key (an option's number picks that option).
"""

from __future__ import annotations

import re
import unicodedata

from tutor.course import Exercise
from tutor.engine.offline import OfflineEngine
from tutor.engine.port import Grade
from tutor.errors import AnswerError


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[^a-z0-9 -]", "", text).strip()


class ExactEngine(OfflineEngine):
    """The offline engine with an exact-match grader (numbers pick options)."""

    def grade(self, exercise: Exercise, answer: str) -> Grade:
        given = _norm(answer)
        if exercise.choices and given.isdigit() and not 1 <= int(given) <= len(exercise.choices):
            raise AnswerError(f"there is no option {given}; answer with an option's number")
        if exercise.choices and given.isdigit() and 1 <= int(given) <= len(exercise.choices):
            given = _norm(exercise.choices[int(given) - 1])
        right = given in {_norm(a) for a in [exercise.answer, *exercise.accepted]}
        return Grade(
            exercise_id=exercise.id, correct=right, score=1.0 if right else 0.0,
            feedback="Well done." if right else "That is not it: look at the definition again.",
            misconception=exercise.misconceptions.get(answer, ""),
        )
