"""The same wrong answer twice in a row on one item does not get the same feedback twice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.factories import Driver, make_course
from tutor.teach import attempts
from tutor.teach.state import TutorMessage


def _wrong(tutor: Driver) -> str:
    exercise = tutor.exercise
    if exercise.choices:
        return str(next(i for i, c in enumerate(exercise.choices) if c != exercise.answer) + 1)
    return "a linked list"


def _feedback(messages: list[TutorMessage]) -> TutorMessage:
    return next(m for m in messages if m.kind == "feedback")


def test_the_same_wrong_answer_again_is_told_so_not_given_the_same_feedback(
        tmp_path: Path) -> None:
    tutor = Driver(tmp_path)
    tutor.start()
    exercise_id, wrong = tutor.exercise.id, _wrong(tutor)
    first = _feedback(tutor.act("answer", wrong))
    assert tutor.exercise.id == exercise_id  # asked again
    second = _feedback(tutor.act("answer", wrong))
    assert first.correct is False and second.correct is False
    assert second.text != first.text
    assert "again" in second.text or "last time" in second.text


def test_feedback_is_kept_when_it_differs_or_the_item_is_another() -> None:
    course = make_course()
    cloze, choice = course.exercise("array-cloze"), course.exercise("array-mc")
    state: Any = {"last_feedback": attempts.remembered_feedback(cloze, "x", "Not it.")}
    assert attempts.reworded_feedback(state, cloze, "x", "Not it, look.") == "Not it, look."
    assert attempts.reworded_feedback(state, choice, "x", "Not it.") == "Not it."
    assert attempts.reworded_feedback(state, cloze, "X!", "Not it.") == (
        attempts.SAME_ANSWER)
    assert attempts.reworded_feedback(state, cloze, "y", "Not it.") == (
        attempts.SAME_SHORTFALL)
    state = {"last_feedback": attempts.remembered_feedback(choice, "2", "Not it.")}
    assert attempts.reworded_feedback(state, choice, "2", "Not it.") == (
        attempts.SAME_OPTION.format(number=2))


def test_the_item_just_answered_posed_again_after_another_explanation_is_not_from_earlier(
        ) -> None:
    from tutor.teach.asking import BACK, EARLIER, earlier_notice
    course = make_course()
    item = course.exercise("array-cloze")
    assert earlier_notice({"exercise_id": "array-cloze"}, item) == BACK
    assert earlier_notice({"exercise_id": "array-mc"}, item) == EARLIER
    assert "just had" in BACK
