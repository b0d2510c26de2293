"""One clock: lessons, the learner store, reviews and the Claude budget all run on the injected
clock, so the tutor behaves the same whatever the calendar says (here: a year ahead)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.factories import COURSE, cloze_first_course, open_lesson
from tutor.clock import ManualClock, as_utc, system_clock, today
from tutor.context import TutorContext
from tutor.engine.claude import ClaudeEngine, make_client
from tutor.learner.store import LearnerStore
from tutor.testing.claude_replies import TutorResponder
from tutor.testing.fake_anthropic import FakeAnthropic

A_YEAR = timedelta(days=365)


@pytest.fixture
def ahead(tutor_home: Path) -> tuple[TutorContext, ManualClock]:
    clock = ManualClock(system_clock() + A_YEAR)
    folder = tutor_home / "courses" / COURSE
    folder.mkdir(parents=True)
    (folder / "course.json").write_text(cloze_first_course().to_json(), encoding="utf-8")
    return TutorContext.from_env(engine="offline", clock=clock), clock


def test_a_lesson_a_year_ahead_stamps_and_schedules_on_the_clock(ahead) -> None:
    context, clock = ahead
    started = clock()
    lesson = open_lesson(context)
    lesson.start()
    pending = lesson.pending
    assert pending is not None
    clock.advance(seconds=40)
    lesson.answer(lesson.course.exercise(pending.id).answer)
    attempts = lesson.store.attempts("ana", COURSE)
    assert [a.at for a in attempts] == [started + timedelta(seconds=40)]
    assert attempts[0].seconds == pytest.approx(40.0)  # time to answer, from the same clock
    model = lesson.store.load("ana", COURSE)
    practised = model.mastery(attempts[0].concept_id)
    assert practised.last_seen == clock()
    assert practised.due is not None and practised.due > clock()
    assert model.due_reviews(clock()) == []
    clock.set(practised.due)  # the review falls due on the clock's calendar, not the machine's
    assert model.due_reviews(clock()) == [attempts[0].concept_id]
    assert lesson.store.get_learner("ana").created_at == started
    lesson.close()


def test_the_store_default_takes_the_context_clock(ahead) -> None:
    context, clock = ahead
    store = LearnerStore.default(context)
    try:
        assert store.create_learner("Bea").created_at == clock()
    finally:
        store.close()


def test_claude_usage_and_budget_days_follow_the_context_clock(ahead, tutor_home) -> None:
    context, clock = ahead
    clock.set(clock().replace(hour=23, minute=50))
    with FakeAnthropic(TutorResponder()) as fake:
        client = make_client("test-key", fake.url, timeout=10, max_retries=0)
        settings = context.model_copy(update={"daily_token_budget": 100})
        engine = ClaudeEngine.from_context(settings, client=client).for_learner("ana")
        lesson_course = cloze_first_course()
        exercise = lesson_course.exercises[0]
        engine.grade(exercise, exercise.answer)
        records = engine.usage.records("ana")
        assert [r.at for r in records] == [clock()]
        assert engine.notice() is not None  # 100 tokens are spent on this (future) day
        clock.advance(minutes=15)  # the next UTC day
        assert today(clock) == (records[0].at + timedelta(days=1)).date()
        assert engine.notice() is None


def test_manual_clock_refuses_naive_times_and_moves_only_when_told() -> None:
    clock = ManualClock(system_clock())
    first = clock()
    assert clock() == first
    assert clock.advance(days=2) == first + timedelta(days=2)
    with pytest.raises(ValueError, match="time zone"):
        as_utc(first.replace(tzinfo=None))


def test_review_flags_are_stamped_by_the_clock(tmp_path: Path) -> None:
    from tutor.engine.claude.review_flags import ReviewFlag, ReviewFlags

    clock = ManualClock(system_clock() + A_YEAR)
    flags = ReviewFlags.in_folder(tmp_path, clock=clock)
    flags.add(ReviewFlag(exercise_id="e", concept_id="c", answer="a", claude_correct=True,
                         claude_score=1.0, offline_correct=False, offline_score=0.0,
                         verdict=False))
    assert [f.at for f in flags.all()] == [clock()]
