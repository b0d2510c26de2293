"""Concepts the course has no exercise on are taught by reading (tutor.teach.reading): in their
place in prerequisite order, with a notice that there is no exercise on them, recorded read
(never mastered), shown so by the progress views; a rebuild that drops a concept's last
exercise moves the lesson on to reading it."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.factories import COURSE, ExactEngine, make_chunks, make_course
from tutor.cli.main import app
from tutor.clock import system_clock
from tutor.context import TutorContext
from tutor.course import Course, Prerequisite
from tutor.learner.model import LearnerModel
from tutor.teach.lesson import CoursePassages, Lesson, TutorMessage
from tutor.teach.reading import MAX_READINGS_PER_TURN

NOTICE = "o exercise on **"  # the first notice of a lesson and the shorter later ones


def _without_exercises(course: Course, concept_id: str) -> Course:
    return course.model_copy(update={"exercises": [e for e in course.exercises
                                                   if e.concept_id != concept_id]})


def _write(context: TutorContext, course: Course) -> None:
    folder = Path(context.home) / "courses" / COURSE
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "course.json").write_text(course.to_json(), encoding="utf-8")


@pytest.fixture
def context(tutor_home: Path) -> TutorContext:
    """The demo course with no exercise on *sorting*, which binary search builds on."""
    ctx = TutorContext.from_env(engine="offline")
    _write(ctx, _without_exercises(make_course(), "sorting"))
    return ctx


def _open(context: TutorContext, learner: str = "ana") -> Lesson:
    course = Course.load(Path(context.home) / "courses" / COURSE / "course.json")
    return Lesson(COURSE, learner, context=context, engine=ExactEngine(),
                  passages=CoursePassages(course, make_chunks()))


def _strong(lesson: Lesson, turns: int) -> list[list[TutorMessage]]:
    """The replies to a learner who answers every exercise right, for ``turns`` answers."""
    replies = [lesson.start()]
    for _ in range(turns):
        pending = lesson.pending
        if pending is None:
            break
        replies.append(lesson.answer(lesson.course.exercise(pending.id).answer,
                                     exercise_id=pending.id))
    return replies


def test_a_concept_without_exercises_is_taught_in_order_with_the_notice(
        context: TutorContext) -> None:
    with _open(context) as lesson:
        replies = _strong(lesson, 12)
        said = [m for reply in replies for m in reply]
        explained = [m for m in said if m.kind == "explanation"]
        sorting = next(i for i, m in enumerate(said) if m.kind == "explanation"
                       and "Sorting is arranging" in m.text)
        # The notice follows its explanation, and no exercise on it is posed.
        assert NOTICE in said[sorting + 1].text and "**sorting**" in said[sorting + 1].text
        assert said[sorting].citations  # its passages, cited
        assert not any(m.exercise is not None and m.exercise.concept_id == "sorting"
                       for m in said)
        # After what it builds on (array), before what builds on it (binary search).
        first = {c: min(i for i, m in enumerate(said) if m.exercise is not None
                        and m.exercise.concept_id == c) for c in ("array", "binary-search")}
        assert first["array"] < sorting < first["binary-search"]
        assert sum(1 for m in explained if "Sorting is arranging" in m.text) == 1  # read once
        # The lesson goes on in the same turn: the reply that reads it ends with an exercise.
        turn = next(t for t in replies if any(m is said[sorting] for m in t))
        assert turn[-1].kind == "exercise" and turn[-1].exercise is not None


def test_a_read_concept_shows_as_read_not_mastered(context: TutorContext) -> None:
    with _open(context) as lesson:
        _strong(lesson, 12)
        model = lesson.progress()
    assert model.is_read("sorting")
    assert not model.is_mastered("sorting") and not model.is_ready("sorting")
    assert model.standing("sorting") == "read"
    assert model.standing("hash-table") in ("mastered", "practising", "not started")
    result = CliRunner().invoke(app, ["progress", COURSE, "--learner", "ana", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    rows = {r["concept_id"]: r for r in report["progress"]}
    assert rows["sorting"]["standing"] == "read" and not rows["sorting"]["mastered"]
    assert report["read"] == 1
    assert "sorting" not in [r["concept_id"] for r in report["progress"] if r["mastered"]]


def test_reading_counts_for_order_not_for_mastery() -> None:
    model = LearnerModel(learner_id="ana", course=COURSE)
    now = system_clock()
    read = model.with_read("sorting", now)
    assert read.is_read("sorting") and not read.is_mastered("sorting")
    assert not read.is_ready("sorting") and read.p_known("sorting") == model.p_known("sorting")
    again = read.with_read("sorting", now + timedelta(days=7))
    assert again.read["sorting"] == read.read["sorting"]  # the first reading is kept
    assert model.standing("sorting") == "not started"


def test_a_rebuild_that_drops_a_concepts_last_exercise_moves_the_lesson_on(
        tutor_home: Path) -> None:
    ctx = TutorContext.from_env(engine="offline")
    _write(ctx, make_course())
    with _open(ctx) as lesson:
        lesson.start()
        pending = lesson.pending
        assert pending is not None and pending.concept_id == "array"
    # Rebuilt: the concept in hand lost its last exercise.
    _write(ctx, _without_exercises(make_course(), "array"))
    with _open(ctx) as lesson:
        replies = lesson.start()
        texts = [m.text for m in replies]
        assert any("course was rebuilt" in t for t in texts)
        assert any(NOTICE in t and "**array**" in t for t in texts)  # now read
        after = lesson.pending
        assert after is not None and after.concept_id != "array"
        assert lesson.progress().standing("array") == "read"


def _with_extra_ideas(course: Course, n: int) -> Course:
    """The course with ``n`` more concepts, each a remark on arrays that needs "array"."""
    extras = [course.concepts[0].model_copy(update={
        "id": f"extra-{i}", "name": f"extra idea {i}", "first_order": 1 + i,
        "definition": f"Extra idea {i} is a remark number {i} about arrays.", "aliases": []})
        for i in range(n)]
    return course.model_copy(update={
        "concepts": [*course.concepts, *extras],
        "prerequisites": [*course.prerequisites, *(
            Prerequisite(prerequisite="array", concept=e.id) for e in extras)]})


def test_a_turn_reads_at_most_a_few_concepts(tutor_home: Path) -> None:
    ctx = TutorContext.from_env(engine="offline")
    course = _with_extra_ideas(make_course(), MAX_READINGS_PER_TURN + 1)
    _write(ctx, course)
    with _open(ctx) as lesson:
        replies = _strong(lesson, 10)
        read = lesson.progress().read
    per_turn = [sum(NOTICE in m.text for m in reply) for reply in replies]
    assert max(per_turn) == MAX_READINGS_PER_TURN  # the cap, reached
    extras = {c.id for c in course.concepts if c.id.startswith("extra-")}
    assert sum(per_turn) == len(extras) == MAX_READINGS_PER_TURN + 1 and set(read) == extras


def test_the_end_of_the_day_counts_the_concepts_read_too(context: TutorContext) -> None:
    with _open(context) as lesson:
        replies = _strong(lesson, 40)
        assert lesson.pending is None  # the day's practice is done
    done = [m for reply in replies for m in reply if m.kind == "done"]
    assert done, "the day did not end"
    total = len(make_course().concepts) - 1  # sorting has no exercise
    assert "concepts with exercises in **" in done[-1].text
    assert f"of {total} concepts with exercises" in done[-1].text
    assert "(read 1 of the 1 without)" in done[-1].text


def test_a_course_with_every_concept_exercised_keeps_the_plain_count(tutor_home: Path) -> None:
    ctx = TutorContext.from_env(engine="offline")
    _write(ctx, make_course())
    with _open(ctx) as lesson:
        replies = _strong(lesson, 40)
    done = [m for reply in replies for m in reply if m.kind == "done"]
    assert done and f"of {len(make_course().concepts)} concepts of **" in done[-1].text
    assert "without" not in done[-1].text


def test_reading_a_concept_reads_the_learners_model_from_the_tables_once_at_most(
        context: TutorContext, monkeypatch: pytest.MonkeyPatch) -> None:
    import inspect

    from tutor.learner.store import LearnerStore

    loads: list[bool] = []
    load = LearnerStore.load  # the tables' read (a run's RunStore keeps what it read)

    def counted(self: LearnerStore, learner_id: str, course: str) -> LearnerModel:
        loads.append(any(f.function == "read_concept" for f in inspect.stack()))
        return load(self, learner_id, course)

    monkeypatch.setattr(LearnerStore, "load", counted)
    with _open(context) as lesson:
        said = [m for reply in _strong(lesson, 4) for m in reply]
        assert any(NOTICE in m.text and "**sorting**" in m.text for m in said)  # sorting read
        assert lesson.store.load("ana", COURSE).is_read("sorting")
    # One reading: its step and marking the concept read share the run's model.
    assert loads.count(True) <= 1


def test_a_course_says_whether_it_has_a_concept() -> None:
    course = make_course()
    assert course.has_concept("sorting") and not course.has_concept("heap")
    fewer = _without_exercises(course, "sorting").model_copy(
        update={"concepts": [c for c in course.concepts if c.id != "sorting"]})
    assert not fewer.has_concept("sorting")  # the index follows a replaced list


def test_the_full_notice_is_said_once_a_lesson_and_later_ones_are_short(
        tutor_home: Path) -> None:
    ctx = TutorContext.from_env(engine="offline")
    course = _with_extra_ideas(make_course(), 2)
    _write(ctx, course)
    with _open(ctx) as lesson:
        said = [m.text for reply in _strong(lesson, 12) for m in reply if m.kind == "info"]
    notices = [t for t in said if NOTICE in t]
    assert len(notices) >= 2
    assert sum(t.startswith("There is no exercise on") for t in notices) == 1
    assert len(set(notices)) == len(notices)  # each names its concept
