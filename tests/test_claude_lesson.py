"""The Claude engine taught through the lesson facade: bound to the learner and the course
(budget, usage per learner, course context in the cached prefix), and the learner told when a
step falls back to the offline engine. Against the local fake Messages API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.claude_lesson_support import claude_lesson, tasks_sent
from tutor.engine.claude import BUDGET_NOTICE, TokenBudget, UsageLog
from tutor.engine.offline import OfflineEngine
from tutor.engine.select import bind_engine
from tutor.teach.fallback_notices import fallback_notice
from tutor.testing.claude_replies import TutorResponder
from tutor.testing.fake_anthropic import FakeAnthropic


@pytest.fixture
def fake() -> Iterator[FakeAnthropic]:
    with FakeAnthropic(TutorResponder()) as server:
        yield server


def test_the_lesson_binds_the_engine_to_the_learner_and_the_course(
    tutor_home: Path, fake: FakeAnthropic
) -> None:
    usage = UsageLog()
    lesson, engine = claude_lesson(tutor_home, fake, usage=usage)
    with lesson:
        lesson.start()
        lesson.answer("by its key")
    assert engine.learner_id == "" and lesson.engine is not engine  # a view, not a mutation
    records = usage.records()
    assert records and {r.learner_id for r in records} == {"ana"}
    for recorded in fake.message_requests():
        system = recorded.body["system"]
        assert len(system) == 2  # persona + rules, then the course context
        assert "Data structures" in system[1]["text"] and "binary-search" in system[1]["text"]
        assert all(block.get("cache_control") for block in system)


def test_the_learner_budget_stops_claude_mid_lesson_and_the_lesson_says_so(
    tutor_home: Path, fake: FakeAnthropic
) -> None:
    usage = UsageLog()
    budget = TokenBudget(usage, daily_limit=1)
    lesson, engine = claude_lesson(tutor_home, fake, usage=usage, budget=budget)
    with lesson:
        first = lesson.start()  # one call spends the whole budget
        assert len(fake.message_requests()) == 1
        later = lesson.answer("by its key") + lesson.hint()
        transcript = lesson.transcript
    assert len(fake.message_requests()) == 1  # no call once the budget is spent
    assert budget.exhausted("ana") and not budget.exhausted("ben")
    notices = [m.text for m in first + later if m.kind == "info" and BUDGET_NOTICE in m.text]
    assert len(notices) == 1  # said once, not at every step
    assert any(BUDGET_NOTICE in m.text for m in transcript)  # the web app shows it too
    assert {f.reason for f in engine.fallbacks} == {"budget"}


def test_a_step_that_falls_back_is_announced(tutor_home: Path, fake: FakeAnthropic) -> None:
    lesson, engine = claude_lesson(tutor_home, fake)
    with lesson:
        lesson.start()
        before = len(fake.message_requests())
        fake.enqueue_status(529)  # grading fails (no retries in tests)
        said = lesson.answer(lesson.course.exercise(lesson.pending.id).answer)  # type: ignore[union-attr]
    assert [f.task for f in engine.fallbacks] == ["grade"]
    assert tasks_sent(fake, before)[0] == "teach_turn"  # grading is the turn's one call
    assert said[0].kind == "feedback" and said[0].correct  # the offline grader stood in
    assert said[1].kind == "info" and fallback_notice("grade") in said[1].text


def test_without_fallbacks_no_notice_is_shown(tutor_home: Path, fake: FakeAnthropic) -> None:
    lesson, engine = claude_lesson(tutor_home, fake)
    with lesson:
        said = lesson.start()
        said += lesson.answer(lesson.course.exercise(lesson.pending.id).answer)  # type: ignore[union-attr]
    assert engine.fallbacks == []
    assert not any("offline tutor stood in" in m.text for m in said)


def test_engines_without_views_are_used_as_they_are() -> None:
    offline = OfflineEngine()
    assert bind_engine(offline, learner_id="ana") is offline


def test_a_lesson_that_makes_its_own_engine_binds_it_too(
    tutor_home: Path, fake: FakeAnthropic, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the web app and ``tutor learn`` do: no engine given, the settings choose Claude."""
    from tests.claude_lesson_support import write_course
    from tests.factories import COURSE
    from tutor.context import TutorContext
    from tutor.engine.claude import ClaudeEngine
    from tutor.teach.lesson import Lesson

    write_course(tutor_home)
    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake.url)
    context = TutorContext.from_env(engine="claude")
    with Lesson(COURSE, "ana", context=context) as lesson:
        lesson.start()
        engine = lesson.engine
    assert isinstance(engine, ClaudeEngine)
    assert engine.learner_id == "ana" and engine.course is not None
    assert engine.budget.daily_limit == context.daily_token_budget
    assert {r.learner_id for r in UsageLog.in_folder(context.data).records()} == {"ana"}
