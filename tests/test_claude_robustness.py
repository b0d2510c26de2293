"""The Claude engine when things go wrong: retries, timeouts, bad replies, budget, batches."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tutor.clock import ManualClock, system_clock
from tutor.course import Concept, Exercise, ExerciseKind
from tutor.engine.claude import BUDGET_NOTICE, TokenBudget, UsageLog, make_client
from tutor.engine.claude.batch import BatchProgress, BatchRunner
from tutor.engine.port import ExplanationStyle, LearnerContext
from tutor.testing.claude_replies import TutorResponder, claude_engine, sample_chunks
from tutor.testing.fake_anthropic import FakeAnthropic, Reply

CONCEPT = Concept(id="array", name="array", definition="An array is a sequence of elements.")
CLOZE = Exercise(id="a-1", concept_id="array", kind=ExerciseKind.CLOZE,
                 prompt="An ____ is a sequence of elements stored next to each other.",
                 answer="array")
GOOD_GRADE = {"correct": True, "score": 1, "feedback": "Right.", "matched_points": [],
              "missing_points": [], "misconception": ""}


@pytest.fixture
def fake() -> Iterator[FakeAnthropic]:
    with FakeAnthropic(TutorResponder()) as server:
        yield server


@pytest.mark.parametrize("status", [429, 529, 503])
def test_overload_and_rate_limits_are_retried_with_backoff(fake, status):
    fake.enqueue_status(status, times=2, **{"retry-after-ms": "20"})
    engine = claude_engine(fake, max_retries=2)
    grade = engine.grade(CLOZE, "array")
    assert grade.correct and engine.fallbacks == []
    retries = [r.headers["x-stainless-retry-count"] for r in fake.message_requests()]
    assert retries == ["0", "1", "2"]


def test_errors_left_after_retries_fall_back_and_are_recorded(fake):
    fake.enqueue_status(529, times=2, **{"retry-after-ms": "10"})
    engine = claude_engine(fake, max_retries=1)
    grade = engine.grade(CLOZE, "array")
    assert grade.correct  # the offline engine graded it
    assert [(f.task, f.reason) for f in engine.fallbacks] == [("grade", "api")]
    assert "overloaded (529)" in engine.fallbacks[0].detail


def test_a_timeout_is_retried_then_succeeds(fake):
    fake.enqueue(Reply(text='{"x": 1}', delay=1.5))
    engine = claude_engine(fake, max_retries=1, timeout=0.4)
    assert engine.grade(CLOZE, "array").correct
    assert engine.fallbacks == []
    assert len(fake.message_requests()) == 2


def test_a_timeout_without_retries_left_falls_back(fake):
    fake.enqueue(Reply(delay=1.5))
    engine = claude_engine(fake, max_retries=0, timeout=0.4)
    hint = engine.hint(CLOZE, CONCEPT, 1)
    assert hint.text and "array" not in hint.text.lower().split()
    assert engine.fallbacks[0].reason == "api" and "in time" in engine.fallbacks[0].detail


def test_malformed_json_is_retried_once(fake):
    fake.enqueue("{not json", GOOD_GRADE)
    engine = claude_engine(fake)
    assert engine.grade(CLOZE, "array").feedback == "Right."
    assert engine.fallbacks == [] and len(fake.message_requests()) == 2


def test_malformed_json_twice_falls_back_and_is_recorded(fake):
    fake.enqueue("{not json", '{"correct": "maybe"}')
    engine = claude_engine(fake)
    grade = engine.grade(CLOZE, "arrays")
    assert grade.exercise_id == CLOZE.id
    assert [(f.task, f.reason) for f in engine.fallbacks] == [("grade", "malformed")]
    assert len(fake.message_requests()) == 2
    assert engine.usage.totals().calls == 2  # the failed replies still cost tokens


def test_a_refusal_is_retried_once_then_falls_back(fake):
    fake.enqueue(Reply(text="", stop_reason="refusal"), Reply(text="", stop_reason="refusal"))
    engine = claude_engine(fake)
    answer = engine.answer_question("What is an array?", sample_chunks())
    assert answer.question == "What is an array?"
    assert [(f.task, f.reason) for f in engine.fallbacks] == [("answer_question", "refused")]


@pytest.mark.parametrize("days_ahead", [0, 365])
def test_budget_exhaustion_falls_back_and_says_so(fake, tmp_path, days_ahead):
    # Late in a UTC day, today or a year from now: the budget's day is the clock's day.
    start = system_clock().replace(hour=23, minute=30) + timedelta(days=days_ahead)
    clock = ManualClock(start)
    usage = UsageLog(tmp_path / "usage.sqlite", clock=clock)
    budget = TokenBudget(usage, daily_limit=300)
    engine = claude_engine(fake, usage=usage, budget=budget)
    ana = engine.for_learner("ana")
    ana.grade(CLOZE, "array")  # spends more than 300 tokens (prefix written to cache)
    assert budget.spent("ana") > 300
    assert ana.notice() == BUDGET_NOTICE
    sent = len(fake.message_requests())
    explanation = ana.explain(CONCEPT, ExplanationStyle.DEFINITION, sample_chunks(), [],
                              LearnerContext())
    assert BUDGET_NOTICE not in explanation.text  # the lesson says it, once (fallback_notices)
    assert len(fake.message_requests()) == sent  # no Claude call past the budget
    assert [(f.task, f.reason) for f in ana.fallbacks] == [("explain", "budget")]
    engine.for_learner("ben").grade(CLOZE, "array")  # another learner is not affected
    assert len(fake.message_requests()) == sent + 1
    clock.advance(hours=1)  # past midnight UTC: a new day, a new budget
    assert ana.notice() is None
    assert {r.at.date() for r in usage.records("ana") if r.at} == {start.date()}


def test_author_work_is_not_limited_by_the_learner_budget(fake, tmp_path):
    usage = UsageLog()
    engine = claude_engine(fake, usage=usage, budget=TokenBudget(usage, daily_limit=1))
    engine.extract_concepts(sample_chunks())
    engine.extract_concepts(sample_chunks())
    assert engine.fallbacks == []


def _requests(n: int) -> dict[str, dict]:
    return {
        f"item-{i}": {"model": "claude-haiku-4-5", "max_tokens": 50,
                      "messages": [{"role": "user", "content": f"Say {i}"}]}
        for i in range(n)
    }


def test_batch_is_resumed_after_the_process_restarts(tmp_path):
    state = tmp_path / "lessons.batch.json"
    seen: list[BatchProgress] = []

    class Interrupted(Exception):
        pass

    def stop_after_first_poll(progress: BatchProgress) -> None:
        seen.append(progress)
        raise Interrupted

    with FakeAnthropic(lambda body: f"reply to {body['messages'][0]['content']}",
                       batch_polls=3) as fake:
        first = BatchRunner(make_client("k", fake.url, max_retries=0), state,
                            progress=stop_after_first_poll, sleep=lambda s: None)
        with pytest.raises(Interrupted):
            first.run(_requests(3))
        assert seen[0].status == "in_progress" and seen[0].total == 3
        # A new process: new client, new runner, same state file.
        usage = UsageLog()
        second = BatchRunner(make_client("k", fake.url, max_retries=0), state, usage=usage,
                             progress=seen.append, sleep=lambda s: None)
        results = second.run(_requests(3))
        creates = [r for r in fake.requests if r.method == "POST"]
        assert len(creates) == 1  # the batch was not paid for twice
        assert {cid: r.text for cid, r in results.items()} == {
            f"item-{i}": f"reply to Say {i}" for i in range(3)}
        assert seen[-1].status == "ended" and seen[-1].done == 3
        assert usage.totals().calls == 3 and all(r.batch for r in usage.records())
        # Everything is done: running again reads the state file and sends nothing.
        assert second.run(_requests(3)) == results
        assert len([r for r in fake.requests if r.method == "POST"]) == 1


def test_failed_batch_items_are_retried_in_a_new_batch(tmp_path):
    with FakeAnthropic(lambda body: "fine") as fake:
        fake.fail_items = {"item-1"}
        runner = BatchRunner(make_client("k", fake.url, max_retries=0), tmp_path / "s.json",
                             sleep=lambda s: None)
        results = runner.run(_requests(3))
        assert all(r.ok for r in results.values())
        second_batch = [r for r in fake.requests if r.method == "POST"][1].body
        assert [item["custom_id"] for item in second_batch["requests"]] == ["item-1"]


def test_batch_items_failing_every_attempt_are_reported(tmp_path):
    with FakeAnthropic(lambda body: "fine") as fake:
        runner = BatchRunner(make_client("k", fake.url, max_retries=0), tmp_path / "s.json",
                             sleep=lambda s: None, max_attempts=2)
        fake.fail_items = {"item-0"}
        original = fake._batch_results

        def always_fail(batch: dict) -> bytes:
            fake.fail_items.add("item-0")
            return original(batch)

        fake._batch_results = always_fail  # type: ignore[method-assign]
        results = runner.run(_requests(2))
        assert results["item-1"].ok and not results["item-0"].ok
        assert "scripted failure" in results["item-0"].error
        assert len([r for r in fake.requests if r.method == "POST"]) == 2


def test_a_changed_request_set_starts_a_new_batch(tmp_path):
    state = tmp_path / "s.json"
    with FakeAnthropic(lambda body: "fine") as fake:
        client = make_client("k", fake.url, max_retries=0)
        BatchRunner(client, state, sleep=lambda s: None).run(_requests(2))
        BatchRunner(client, state, sleep=lambda s: None).run(_requests(3))
        assert len([r for r in fake.requests if r.method == "POST"]) == 2
    assert Path(state).exists()
