"""Every action names its exercise; a rebuild that removes the pending exercise is survived."""

from __future__ import annotations

from pathlib import Path

import pytest
from langgraph.runtime import Runtime

from tests.factories import COURSE, Driver, open_lesson
from tutor.context import TutorContext
from tutor.course import Course
from tutor.errors import StaleExerciseError
from tutor.teach.detours import return_to_concept, still_there
from tutor.teach.graph import after_grade


@pytest.fixture
def context(demo_context: TutorContext) -> TutorContext:
    return demo_context


def test_an_answer_to_another_exercise_is_refused_and_not_recorded(
    context: TutorContext,
) -> None:
    with open_lesson(context) as lesson:
        lesson.start()
        pending = lesson.pending
        assert pending is not None
        right = lesson.course.exercise(pending.id).answer
        with pytest.raises(StaleExerciseError):
            lesson.answer(right, exercise_id="some-older-exercise")
        with pytest.raises(StaleExerciseError):
            lesson.hint(exercise_id="some-older-exercise")
        with pytest.raises(StaleExerciseError):
            lesson.give_up(exercise_id="some-older-exercise")
        assert lesson.store.attempts("ana", COURSE) == []
        assert lesson.pending == pending
        reply = lesson.answer(right, exercise_id=pending.id)
        assert reply[0].kind == "feedback" and reply[0].correct


def test_a_pending_exercise_removed_by_a_rebuild_moves_on_with_a_notice(
    context: TutorContext, tutor_home: Path
) -> None:
    with open_lesson(context) as lesson:
        lesson.start()
        pending = lesson.pending
        assert pending is not None
    path = tutor_home / "courses" / COURSE / "course.json"
    course = Course.load(path)
    course.exercises = [e for e in course.exercises if e.id != pending.id]
    path.write_text(course.to_json(), encoding="utf-8")

    with open_lesson(context) as again:
        shown = again.start()
        assert shown[0].kind == "info" and "rebuilt" in shown[0].text
        now = again.pending
        assert now is not None and now.id != pending.id
        assert again.answer(again.course.exercise(now.id).answer)[0].kind == "feedback"


def test_a_concept_left_behind_and_removed_by_a_rebuild_is_not_returned_to(
    tmp_path: Path,
) -> None:
    driver = Driver(tmp_path)
    driver.start()
    gone = {"concept_id": "no-longer-here", "exercise_id": "gone-1", "styles_tried": []}
    state = {**driver.values, "outcome": "correct", "return_to": [gone]}
    runtime = Runtime(context=driver.deps)
    assert still_there(state, driver.deps) == []  # type: ignore[arg-type]
    assert after_grade(state, runtime) == "choose_concept"  # type: ignore[arg-type]
    kept = {**state, "return_to": [gone, {**gone, "concept_id": "array"}]}
    assert after_grade(kept, runtime) == "return_to_concept"  # type: ignore[arg-type]
    back = return_to_concept(kept, runtime)  # type: ignore[arg-type]
    assert back["concept_id"] == "array" and back["return_to"] == []
    assert back["exercise_id"] is None  # its exercise went with the rebuild: a new one
