"""Lesson.focus: the learner picks a concept to learn now (the course map's "Learn this
concept now"): prerequisites first when they are not mastered, no attempt counted for the
dropped exercise, checkpointed like every action."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import COURSE, Driver, ExactEngine, make_chunks, make_course, seed
from tutor.context import TutorContext
from tutor.course import Course
from tutor.errors import CourseError
from tutor.teach.lesson import CoursePassages, Lesson

MASTERED = {"p_known": 0.99, "attempts": 3, "correct": 3}


@pytest.fixture
def context(tutor_home: Path) -> TutorContext:
    ctx = TutorContext.from_env(engine="offline")
    folder = tutor_home / "courses" / COURSE
    folder.mkdir(parents=True)
    course = make_course()
    # A concept with no exercise: on the course, but not teachable.
    course.concepts.append(
        course.concepts[0].model_copy(update={"id": "linked-list", "name": "linked list"})
    )
    (folder / "course.json").write_text(course.to_json(), encoding="utf-8")
    return ctx


def open_lesson(context: TutorContext, learner: str = "ana") -> Lesson:
    course = Course.load(Path(context.home) / "courses" / COURSE / "course.json")
    return Lesson(
        COURSE, learner, context=context, engine=ExactEngine(),
        passages=CoursePassages(course, make_chunks()),
    )


def test_focus_with_prerequisites_mastered_explains_and_asks_it(context: TutorContext) -> None:
    lesson = open_lesson(context)
    seed(lesson.store, "ana", array=MASTERED, sorting=MASTERED)
    lesson.start()
    before = lesson.pending
    assert before is not None and before.concept_id == "binary-search"  # the frontier

    replies = lesson.focus("hash-table")

    assert [m.kind for m in replies] == ["info", "explanation", "exercise"]
    assert "hash table" in replies[0].text
    exercise = replies[-1].exercise
    assert exercise is not None and exercise.concept_id == "hash-table"
    assert lesson.pending == exercise
    assert lesson.store.attempts("ana", COURSE) == []  # the dropped exercise is not an attempt
    said = [m.text for m in lesson.transcript if m.kind == "learner"]
    assert said[-1] == "Teach me hash table now."
    reply = lesson.answer(lesson.course.exercise(exercise.id).answer)
    assert reply[0].kind == "feedback" and reply[0].correct
    assert [a.concept_id for a in lesson.store.attempts("ana", COURSE)] == ["hash-table"]
    lesson.close()


def test_focus_teaches_the_weakest_missing_prerequisite_first_then_returns(
    context: TutorContext,
) -> None:
    lesson = open_lesson(context)
    seed(lesson.store, "ana", array=MASTERED, sorting={"p_known": 0.4, "attempts": 1})
    lesson.start()
    lesson.answer("surely not this")  # one real attempt on the pending exercise
    attempts = len(lesson.store.attempts("ana", COURSE))

    replies = lesson.focus("binary-search")

    assert replies[0].kind == "info"
    assert "**binary search** builds on **sorting**" in replies[0].text
    assert replies[-1].exercise is not None and replies[-1].exercise.concept_id == "sorting"
    assert len(lesson.store.attempts("ana", COURSE)) == attempts  # dropped, not counted
    back = lesson.answer(lesson.course.exercise(replies[-1].exercise.id).answer)
    assert back[0].correct
    assert any("back to **binary search**" in m.text for m in back)
    assert back[-1].exercise is not None and back[-1].exercise.concept_id == "binary-search"
    lesson.close()


def test_focus_before_the_lesson_started_starts_at_that_concept(context: TutorContext) -> None:
    lesson = open_lesson(context)
    replies = lesson.focus("hash-table")  # a new learner: its prerequisite (array) comes first
    assert "**hash table** builds on **array**" in replies[0].text
    assert replies[-1].exercise is not None and replies[-1].exercise.concept_id == "array"
    lesson.close()

    other = open_lesson(context, "bea")
    replies = other.focus("array")
    assert [m.kind for m in replies] == ["info", "explanation", "exercise"]
    assert replies[-1].exercise is not None and replies[-1].exercise.concept_id == "array"
    other.close()


def test_a_restart_resumes_at_the_focused_exercise(context: TutorContext) -> None:
    lesson = open_lesson(context)
    seed(lesson.store, "ana", array=MASTERED)
    lesson.start()
    focused = lesson.focus("sorting")[-1].exercise
    assert focused is not None and focused.concept_id == "sorting"
    lesson.close()

    again = open_lesson(context)
    resumed = again.start()
    assert resumed[0].text.startswith("Welcome back")
    assert resumed[-1].exercise == focused
    assert again.pending == focused
    again.close()


def test_unknown_concepts_are_refused_and_change_nothing(context: TutorContext) -> None:
    lesson = open_lesson(context)
    lesson.start()
    pending = lesson.pending
    with pytest.raises(CourseError, match="no concept 'queues' in course 'demo'"):
        lesson.focus("queues")
    assert lesson.pending == pending
    lesson.close()


def test_focus_on_a_concept_without_exercises_reads_it_then_goes_on(
    context: TutorContext,
) -> None:
    lesson = open_lesson(context)
    lesson.start()
    assert not lesson.progress().is_read("linked-list")

    replies = lesson.focus("linked-list")

    kinds = [m.kind for m in replies]
    assert kinds[:3] == ["info", "explanation", "info"]
    assert "Let's read **linked list** now." == replies[0].text
    assert replies[1].citations  # the same explain step: its passages, cited
    assert "There is no exercise on **linked list**" in replies[2].text
    # Then the lesson goes on in the same turn, with an exercise on a concept that has one.
    assert kinds[-1] == "exercise"
    exercise = replies[-1].exercise
    assert exercise is not None and exercise.concept_id != "linked-list"
    assert lesson.pending == exercise
    model = lesson.progress()
    assert model.standing("linked-list") == "read" and not model.is_mastered("linked-list")
    assert lesson.store.attempts("ana", COURSE) == []
    lesson.close()


def test_the_graph_ignores_a_focus_on_an_unknown_concept(tmp_path: Path) -> None:
    tutor = Driver(tmp_path)
    tutor.start()
    pending = tutor.values["exercise_id"]
    replies = tutor.act("focus", "queues")
    assert [m.kind for m in replies] == ["info"]
    assert "no concept 'queues'" in replies[0].text
    assert tutor.values["exercise_id"] == pending
    assert tutor.graph.get_state(tutor.config).interrupts  # still waiting for the learner
    reply = tutor.answer_right()
    assert reply[0].correct


def test_focus_after_the_course_is_done_teaches_that_concept_again(tmp_path: Path) -> None:
    tutor = Driver(tmp_path)
    known = {"p_known": 0.99}  # mastered, never practised: nothing to review early
    seed(tutor.store, "ana", array=known, sorting=known, binary_search=known, hash_table=known)
    assert [m.kind for m in tutor.start()] == ["done"]
    start = {"learner_id": "ana", "course": COURSE, "action": {"kind": "focus", "text": "sorting"}}
    replies = tutor._run(start)
    assert [m.kind for m in replies] == ["info", "explanation", "exercise"]
    assert replies[-1].exercise is not None and replies[-1].exercise.concept_id == "sorting"
    assert tutor.values["action"] is None  # a later plain start chooses as usual
