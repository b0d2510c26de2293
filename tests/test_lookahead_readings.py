"""The look-ahead predicts what the lesson does next when that is a reading: a concept without
exercises (tutor.teach.reading) read before the next concept is taught. On any engine, the move
planned for the verdict is the explanation the lesson then writes; on the Claude engine, the
reading is written by the turn's one call and served, not asked for again."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from tests.claude_lesson_support import tasks_sent, write_course
from tests.factories import COURSE, ExactEngine, make_chunks, make_course
from tutor.context import TutorContext
from tutor.course import Chunk, Concept, Course, Exercise
from tutor.engine.port import (
    Explanation,
    ExplanationStyle,
    Grade,
    LearnerContext,
    TextSink,
    TurnPlan,
)
from tutor.teach.lesson import CoursePassages, Lesson
from tutor.testing.claude_replies import TutorResponder, claude_engine
from tutor.testing.fake_anthropic import FakeAnthropic, task_of


def _without_sorting_items() -> Course:
    """The demo course with no exercise on *sorting*, which binary search builds on."""
    course = make_course()
    return course.model_copy(update={"exercises": [e for e in course.exercises
                                                   if e.concept_id != "sorting"]})


class PlanningEngine(ExactEngine):
    """The exact-match offline engine that takes the look-ahead's plan with each grade (as an
    engine that plans turns does) and records the plan and every explanation it writes."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, object]] = []

    def grade_turn(self, exercise: Exercise, answer: str, plan: TurnPlan,
                   shown: TextSink | None = None) -> Grade:
        grade = self.grade(exercise, answer)
        self.events.append(("plan", plan.if_right if grade.correct else plan.if_wrong))
        return grade

    def explain(self, concept: Concept, style: ExplanationStyle, passages: Sequence[Chunk],
                prerequisites: Sequence[Concept], learner: LearnerContext) -> Explanation:
        self.events.append(("explain", (concept.id, ExplanationStyle(style),
                                        [p.id for p in prerequisites])))
        return super().explain(concept, style, passages, prerequisites, learner)


def test_the_planned_move_is_the_explanation_written_next_a_reading_too(
        tutor_home: Path) -> None:
    course = write_course(tutor_home, _without_sorting_items())
    engine = PlanningEngine()
    with Lesson(COURSE, "ana", context=TutorContext.from_env(engine="offline"), engine=engine,
                passages=CoursePassages(course, make_chunks())) as lesson:
        lesson.start()
        for _ in range(12):
            pending = lesson.pending
            if pending is None:
                break
            lesson.answer(lesson.course.exercise(pending.id).answer, exercise_id=pending.id)
    checked: list[str] = []
    for n, (kind, planned) in enumerate(engine.events):
        if kind != "plan" or planned is None:
            continue
        written = next((v for k, v in engine.events[n + 1:] if k == "explain"), None)
        assert planned.kind == "explain" and written == (  # type: ignore[attr-defined]
            planned.concept.id, planned.style,  # type: ignore[attr-defined]
            [p.id for p in planned.prerequisites])  # type: ignore[attr-defined]
        checked.append(planned.concept.id)  # type: ignore[attr-defined]
    assert "sorting" in checked  # the reading was planned, and was what came next


@pytest.fixture
def fake() -> Iterator[FakeAnthropic]:
    with FakeAnthropic(TutorResponder()) as server:
        yield server


def test_the_claude_turn_writes_the_reading_the_lesson_shows_next(
        tutor_home: Path, fake: FakeAnthropic) -> None:
    course = write_course(tutor_home, _without_sorting_items())
    with Lesson(COURSE, "ana", context=TutorContext.from_env(engine="offline"),
                engine=claude_engine(fake),
                passages=CoursePassages(course, make_chunks())) as lesson:
        lesson.start()
        for _ in range(8):
            pending = lesson.pending
            assert pending is not None
            sent = len(fake.message_requests())
            said = lesson.answer(lesson.course.exercise(pending.id).answer,
                                 exercise_id=pending.id)
            if any("no exercise on **sorting**" in m.text for m in said):
                break
        else:
            pytest.fail("sorting was never read")
    turn = fake.message_requests()[sent].body["messages"][0]["content"]
    assert tasks_sent(fake, sent)[0] == "teach_turn"
    # The turn's reply wrote sorting's explanation, and the lesson served it: no call of its
    # own explains sorting (the concept taught after it is explained by a call of its own).
    assert "concept with id 'sorting'" in turn
    later = fake.message_requests()[sent + 1:]
    explains = [r.body["messages"][0]["content"] for r in later if task_of(r.body) == "explain"]
    assert len(explains) == 1 and '"id": "binary-search"' in explains[0]
    assert not any('"id": "sorting"' in text for text in explains)
    reading = next(m for m in said if m.kind == "explanation")
    assert "no exercise on **sorting**" in said[said.index(reading) + 1].text
