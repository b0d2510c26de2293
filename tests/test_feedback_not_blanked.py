"""The feedback on an answer is never blanked to pose the next item: when it holds the key of
every item left on the concept (cases keyed like the one just answered), another question
comes between and the concept's item follows it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.factories import Driver, make_course
from tutor.answers import MASK
from tutor.course import Citation, Course, Exercise, ExerciseKind, ExerciseOrigin


def _cases_course() -> Course:
    """The demo course where sorting's two items are cases keyed alike ("ascending")."""
    course = make_course()

    def case(n: int, shown: str) -> Exercise:
        return Exercise(
            id=f"sorting-case-{n}", concept_id="sorting", kind=ExerciseKind.MULTIPLE_CHOICE,
            prompt=f"Which describes this list: {shown}?", answer="ascending",
            choices=["descending", "ascending", "unsorted"], origin=ExerciseOrigin.EXAMPLE,
            citations=[Citation(source="notes.md", page=2)],
            explanation="The course's solutions give: ascending.")

    kept = [e for e in course.exercises if not e.id.startswith("sorting")]
    return course.model_copy(update={"exercises": [*kept, case(1, "[1, 2, 3]"),
                                                   case(2, "[1, 5, 9]")]})


def test_feedback_holding_the_next_items_key_is_shown_whole_and_another_question_comes_between(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tutor.teach import deferring

    driver = Driver(tmp_path, course=_cases_course())
    # an earlier concept's item that may come between (the lesson's own pick is tested with
    # the deferred questions; here: what is done with it)
    between = driver.course.exercise("hash-mc")
    picked: list[str] = []
    lesson_pick = deferring.intervening_exercise

    def intervening(state: Any, course: Any, model: Any, now: Any, concept_id: str) -> Any:
        if concept_id != "sorting":
            return lesson_pick(state, course, model, now, concept_id)
        picked.append(concept_id)
        return between

    monkeypatch.setattr(deferring, "intervening_exercise", intervening)
    driver.start()
    while driver.exercise.id != "sorting-case-1":
        driver.answer_right()
    reply = driver.answer_right()
    feedback = reply[0]
    assert feedback.kind == "feedback" and feedback.correct
    assert "ascending" in feedback.text and MASK not in feedback.text  # not blanked
    assert picked == ["sorting"]
    assert [m.exercise.id for m in reply if m.exercise is not None] == ["hash-mc"]
    driver.answer_right()
    assert driver.exercise.id == "sorting-case-2"  # the concept's item follows


def test_with_nothing_to_come_between_the_key_is_masked_as_the_last_resort(
    tmp_path: Path,
) -> None:
    driver = Driver(tmp_path, course=_cases_course())
    driver.start()
    while driver.exercise.id != "sorting-case-1":
        driver.answer_right()
    reply = driver.answer_right()
    # nothing taught earlier is left to ask: the next case follows, its key masked
    assert driver.exercise.id == "sorting-case-2"
    assert "ascending" not in reply[0].text and MASK in reply[0].text
