"""The lesson facade: resume after a restart, answer withholding, learner isolation."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.factories import (
    COURSE,
    ExactEngine,
    make_chunks,
    make_course,
    open_lesson,
)
from tutor.context import TutorContext
from tutor.course import Course
from tutor.engine.offline.tutoring.hints import reveals_answer
from tutor.errors import AnswerError, CourseError
from tutor.teach.lesson import CoursePassages, Lesson, teachable
from tutor.teach.state import TutorMessage

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def context(demo_context: TutorContext) -> TutorContext:
    return demo_context


def test_resume_in_a_new_lesson_object_shows_the_same_question(context: TutorContext) -> None:
    first = open_lesson(context)
    shown = first.start()
    assert shown[-1].kind == "exercise"
    first.answer("wrong")
    pending = first.pending
    assert pending is not None
    first.close()

    again = open_lesson(context)
    resumed = again.start()
    assert resumed[0].kind == "info" and resumed[-1].exercise is not None
    assert resumed[-1].exercise.id == pending.id
    assert again.pending == pending
    reply = again.answer(again.course.exercise(pending.id).answer)
    assert reply[0].kind == "feedback" and reply[0].correct
    assert [a.correct for a in again.store.attempts("ana", COURSE)] == [False, True]
    transcript = again.transcript
    assert any(m.kind == "explanation" for m in transcript)
    # The learner's own words are in the transcript (for a chat view), not in the replies.
    assert [m.text for m in transcript if m.kind == "learner"][0] == "wrong"
    assert all(m.kind != "learner" for m in reply)
    again.close()


@pytest.mark.e2e
def test_resume_after_the_process_is_killed(context: TutorContext) -> None:
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(REPO)!r})
        from tests.factories import open_lesson
        from tutor.context import TutorContext
        lesson = open_lesson(TutorContext.from_env(engine="offline"))
        lesson.start()
        lesson.answer("not it")
        print(lesson.pending.id, flush=True)
        os._exit(9)  # killed mid-lesson: no clean shutdown
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 9, done.stderr
    pending_id = done.stdout.strip().splitlines()[-1]
    lesson = open_lesson(context)
    resumed = lesson.start()
    assert resumed[-1].exercise is not None and resumed[-1].exercise.id == pending_id
    assert len(lesson.store.attempts("ana", COURSE)) == 1
    lesson.close()


def _texts_before_reveal(messages: list[TutorMessage]) -> list[str]:
    out = []
    for message in messages:
        if message.kind == "reveal":
            break
        out.append(message.text)
    return out


def test_the_answer_is_withheld_until_attempt_and_hint_ladder(context: TutorContext) -> None:
    lesson = open_lesson(context)
    said = lesson.start()
    exercise = lesson.course.exercise(lesson.pending.id)  # type: ignore[union-attr]
    assert exercise.id == "array-cloze"
    said += lesson.answer("just tell me the answer")  # rung 1 of the hint ladder
    said += lesson.ask("What's the answer?")  # rung 2
    said += lesson.ask("What is stored next to each other?")
    assert said[-2].kind == "answer"
    said += lesson.hint()  # rung 3: the last
    assert said[-1].kind == "hint" and said[-1].text.startswith("Hint 3")
    said += lesson.hint()  # ladder done but no real attempt yet: still no answer
    assert said[-1].kind == "info"
    said += lesson.answer("a list")
    reply = lesson.hint()  # attempt made and ladder used: now the answer may be shown
    assert reply[0].kind == "reveal" and exercise.answer in reply[0].text
    said += reply
    before = _texts_before_reveal(said)
    assert len(before) > 8
    leaks = [text for text in before if reveals_answer(text, exercise)]
    assert leaks == []
    assert [m.kind for m in said].count("hint") == 3
    attempts = lesson.store.attempts("ana", COURSE)
    # The reveal after a real attempt and the whole ladder is not a second attempt.
    assert [(a.correct, a.gave_up) for a in attempts] == [(False, False)]
    lesson.close()


def test_giving_up_reveals_and_is_recorded(context: TutorContext) -> None:
    lesson = open_lesson(context)
    said = lesson.start()
    exercise = lesson.course.exercise(lesson.pending.id)  # type: ignore[union-attr]
    reply = lesson.give_up()
    assert reply[0].kind == "reveal" and exercise.answer in reply[0].text
    assert not any(reveals_answer(m.text, exercise) for m in said)
    (attempt,) = lesson.store.attempts("ana", COURSE)
    assert attempt.gave_up and not attempt.correct and attempt.exercise_id == exercise.id
    assert lesson.progress().mastery("array").attempts == 1
    lesson.close()


def test_learners_are_isolated(context: TutorContext) -> None:
    ana, ben = open_lesson(context, "ana"), open_lesson(context, "ben")
    ana.start()
    ana.answer(ana.course.exercise(ana.pending.id).answer)  # type: ignore[union-attr]
    ben_said = ben.start()
    assert ben_said[0].kind == "explanation"  # a fresh lesson, not ana's resume
    assert ben.progress().concepts == {}
    assert ana.progress().mastery("array").attempts == 1
    assert ben.store.attempts("ben", COURSE) == []
    assert len(ana.transcript) > len(ben.transcript)
    ana.close()
    ben.close()


def test_free_question_is_cited_and_the_lesson_continues(context: TutorContext) -> None:
    lesson = open_lesson(context)
    lesson.start()
    pending = lesson.pending
    reply = lesson.ask("How does a hash table find a value?")
    assert reply[0].kind == "answer" and reply[0].citations
    assert reply[0].citations[0].label() == "notes.md p. 4"
    assert lesson.pending == pending
    lesson.close()


def test_empty_answers_and_unknown_courses_are_user_errors(context: TutorContext) -> None:
    lesson = open_lesson(context)
    lesson.start()
    with pytest.raises(AnswerError):
        lesson.answer("  ")
    lesson.close()
    with pytest.raises(CourseError):
        Lesson("no-such-course", "ana", context=context, engine=ExactEngine())


def test_default_wiring_teaches_from_definitions_without_an_index(context: TutorContext) -> None:
    lesson = Lesson(COURSE, "cleo", context=context, engine=ExactEngine())
    said = lesson.start()
    assert said[0].kind == "explanation" and said[0].citations[0].label() == "notes.md p. 1"
    assert json.loads(said[1].model_dump_json())["exercise"]["kind"] in {"cloze", "true_false"}
    lesson.close()


def test_teachable_drops_concepts_without_exercises_and_keeps_order() -> None:
    course = make_course()
    course = course.model_copy(
        update={"exercises": [e for e in course.exercises if e.concept_id != "sorting"]}
    )
    trimmed = teachable(course)
    assert "sorting" not in {c.id for c in trimmed.concepts}
    assert trimmed.prerequisites_of("binary-search") == ["array"]


def test_a_new_lesson_thread_never_reuses_attempt_ids(context: TutorContext) -> None:
    lesson = open_lesson(context)
    lesson.start()
    lesson.answer("a list")
    lesson.close()
    (Path(context.data) / "lessons.sqlite").unlink()  # the lesson is reset, the learner kept
    again = open_lesson(context)
    again.start()
    again.answer("a vector")
    assert [a.answer for a in again.store.attempts("ana", COURSE)] == ["a list", "a vector"]
    assert again.progress().mastery("array").attempts == 2
    again.close()


class FlakyEngine(ExactEngine):
    """Fails to grade once, like an engine that lost its connection."""

    def __init__(self) -> None:
        self.failures = 1

    def grade(self, exercise, answer):  # type: ignore[no-untyped-def]
        if self.failures:
            self.failures -= 1
            raise RuntimeError("engine down")
        return super().grade(exercise, answer)


def test_a_failed_step_is_retried_and_counted_once(context: TutorContext) -> None:
    course = Course.load(Path(context.home) / "courses" / COURSE / "course.json")
    lesson = Lesson(COURSE, "ana", context=context, engine=FlakyEngine(),
                    passages=CoursePassages(course, make_chunks()))
    lesson.start()
    with pytest.raises(RuntimeError):
        lesson.answer("a list")
    assert lesson.pending is None  # stuck on the failed grade, not waiting
    retried = lesson.start()
    assert retried[0].kind == "feedback" and retried[0].correct is False
    assert lesson.pending is not None
    assert len(lesson.store.attempts("ana", COURSE)) == 1
    lesson.close()


@pytest.mark.e2e
def test_a_built_passage_index_feeds_explanations_and_questions(context: TutorContext) -> None:
    from tutor.index.passages import PassageIndex

    folder = Path(context.home) / "courses" / COURSE
    PassageIndex.build(make_chunks(), folder / ".build")
    lesson = Lesson(COURSE, "ana", context=context, engine=ExactEngine())
    assert len(lesson.passages.chunks) == len(make_chunks())
    said = lesson.start()
    assert said[0].kind == "explanation" and "are the simplest structure" in said[0].text
    reply = lesson.ask("Why do collisions happen in a hash table?")
    assert reply[0].kind == "answer" and "Collisions happen" in reply[0].text
    assert reply[0].citations[0].label() == "notes.md p. 4"
    lesson.close()


def test_answers_the_engine_refuses_or_too_long_are_answer_errors(context: TutorContext) -> None:
    course = make_course()  # the first exercise is multiple choice here
    course = course.model_copy(
        update={"exercises": [e for e in course.exercises if e.id != "array-cloze"]}
    )
    lesson = Lesson(COURSE, "ana", context=context, engine=ExactEngine(),
                    passages=CoursePassages(course, make_chunks()))
    lesson.course = course
    lesson.deps.course = course
    lesson.start()
    with pytest.raises(AnswerError, match="no option 9"):
        lesson.answer("9")
    with pytest.raises(AnswerError, match="keep it under"):
        lesson.answer("x" * 100_000)
    assert lesson.store.attempts("ana", COURSE) == []
    assert lesson.pending is not None and lesson.pending.id == "array-mc"
    assert lesson.hint()[0].kind == "hint"  # the refusal does not linger
    lesson.close()
