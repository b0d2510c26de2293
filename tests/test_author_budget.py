"""Author-time Claude work (building a course, writing lessons) has a budget per course: past
it every step falls back to the offline engine and no further request is made."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tutor.cli.course_commands import _say_author_budget
from tutor.context import TutorContext
from tutor.engine.claude import ClaudeEngine, TokenBudget, UsageLog, make_client
from tutor.testing.claude_replies import TutorResponder, claude_engine, sample_chunks
from tutor.testing.fake_anthropic import FakeAnthropic


@pytest.fixture
def fake() -> Iterator[FakeAnthropic]:
    with FakeAnthropic(TutorResponder()) as server:
        yield server


def test_author_steps_fall_back_once_the_course_budget_is_spent(fake) -> None:
    usage = UsageLog()
    engine = claude_engine(fake, usage=usage, budget=TokenBudget(usage, daily_limit=0))
    engine.calls.author_limit = 50  # less than one extraction call spends
    first = engine.extract_concepts(sample_chunks())
    assert first and engine.fallbacks == []
    assert engine.calls.author_spent > 50
    sent = len(fake.message_requests())
    second = engine.extract_concepts(sample_chunks())
    assert second  # the offline engine did the step
    assert len(fake.message_requests()) == sent  # and nothing more was sent
    assert [(f.task, f.reason) for f in engine.fallbacks] == [("extract_concepts", "budget")]
    assert "TUTOR_COURSE_TOKEN_BUDGET" in engine.fallbacks[0].detail


def test_learner_calls_are_not_counted_against_the_course_budget(fake) -> None:
    usage = UsageLog()
    engine = claude_engine(fake, usage=usage, budget=TokenBudget(usage, daily_limit=0))
    engine.calls.author_limit = 50
    ana = engine.for_learner("ana")
    from tutor.course import Exercise, ExerciseKind

    cloze = Exercise(id="a-1", concept_id="array", kind=ExerciseKind.CLOZE,
                     prompt="An ____ is a sequence of elements.", answer="array")
    ana.grade(cloze, "array")
    ana.grade(cloze, "array")
    assert engine.calls.author_spent == 0 and ana.fallbacks == []


def test_the_settings_set_the_course_budget_and_the_cli_says_the_worst_case(
    fake, tutor_home, capsys: pytest.CaptureFixture[str]
) -> None:
    context = TutorContext.from_env(engine="claude", anthropic_api_key="test-key",
                                    course_token_budget=1_000_000)
    client = make_client("test-key", fake.url, timeout=10, max_retries=0)
    engine = ClaudeEngine.from_context(context, client=client)
    assert engine.calls.author_limit == 1_000_000
    _say_author_budget(context)
    said = " ".join(capsys.readouterr().err.split())
    assert "at most 1,000,000 billable tokens" in said and "$15.00" in said
