"""``tutor course build --engine claude --batch``: the study graph's Claude work (finding,
merging and linking concepts; per concept, writing and checking exercises) as Message Batches,
with a cost estimate before submitting, the course token budget, and a resumed batch after a
crash. Against the local fake Messages API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tutor.context import TutorContext
from tutor.engine.claude.batch import BatchProgress
from tutor.errors import BudgetError
from tutor.study.build import BatchOptions, build_course
from tutor.testing.claude_replies import TutorResponder, claude_engine, sample_chunks
from tutor.testing.fake_anthropic import FakeAnthropic, task_of

COURSE = "searching"


@pytest.fixture
def folder(tutor_home: Path) -> Path:
    course = tutor_home / "courses" / COURSE
    course.mkdir()
    text = "\n\n".join(c.text for c in sample_chunks())
    (course / "notes.md").write_text(text, encoding="utf-8")
    return course


@pytest.fixture
def fake() -> Iterator[FakeAnthropic]:
    with FakeAnthropic(TutorResponder()) as server:
        yield server


def _batches_created(fake: FakeAnthropic) -> list[list[str]]:
    """The tasks of each submitted batch."""
    return [[task_of(item["params"]) for item in r.body["requests"]]
            for r in fake.requests if r.method == "POST" and r.path == "/v1/messages/batches"]


STEPS = [{"extract_concepts"}, {"merge_concepts"}, {"link_prerequisites"},
         {"write_exercises"}, {"check_exercise"}]


def test_the_build_goes_out_as_batches_each_after_a_cost_estimate(
    folder: Path, fake: FakeAnthropic
) -> None:
    told: list[tuple[str, Any, int]] = []
    options = BatchOptions(poll_seconds=0.0, on_estimate=lambda what, cost: told.append(
        (what, cost, len(_batches_created(fake)))))
    engine = claude_engine(fake)
    result = build_course(COURSE, context=TutorContext.from_env(engine="claude"),
                          engine=engine, batch=options)
    assert result.course is not None and result.course.exercises
    batches = _batches_created(fake)
    assert [set(tasks) for tasks in batches] == STEPS
    assert len(batches[3]) == len(result.course.concepts)  # one writing request per concept
    # Each estimate came before its batch was submitted, and bounds what it cost.
    assert [(what, submitted) for what, _, submitted in told] == [
        ("concepts", 0), ("merge", 1), ("prerequisites", 2), ("exercises", 3), ("checks", 4)]
    assert fake.message_requests() == []  # nothing at full price
    batch_records = [r for r in engine.usage.records() if r.batch]
    assert len(batch_records) == sum(len(tasks) for tasks in batches)
    spent = sum(r.input_tokens + r.cache_read_tokens + r.cache_write_tokens
                for r in batch_records if r.task == "batch_exercises")
    assert 0 < spent <= told[3][1].input_tokens
    assert result.course.report.engine == "claude" and engine.fallbacks == []


def test_a_batch_over_the_course_budget_is_not_submitted(
    folder: Path, fake: FakeAnthropic
) -> None:
    context = TutorContext.from_env(engine="claude").model_copy(
        update={"course_token_budget": 2_000})
    with pytest.raises(BudgetError, match="course budget"):
        build_course(COURSE, context=context, engine=claude_engine(fake),
                     batch=BatchOptions(poll_seconds=0.0))
    assert _batches_created(fake) == []
    assert not (folder / "course.json").exists()


class Crash(Exception):
    pass


def test_a_build_started_again_after_a_crash_resumes_the_same_batch(
    folder: Path, fake: FakeAnthropic
) -> None:
    fake.batch_polls = 2  # the first poll finds the batch still in progress

    def crash(progress: BatchProgress) -> None:  # while the exercises are being written
        if progress.status != "ended" and len(_batches_created(fake)) == 4:
            raise Crash(progress.batch_id)

    context = TutorContext.from_env(engine="claude")
    with pytest.raises(Crash):
        build_course(COURSE, context=context, engine=claude_engine(fake),
                     batch=BatchOptions(poll_seconds=0.0, on_progress=crash))
    assert len(_batches_created(fake)) == 4
    result = build_course(COURSE, context=context, engine=claude_engine(fake),
                          batch=BatchOptions(poll_seconds=0.0))
    batches = _batches_created(fake)
    # Saved results were reused and the batch in flight picked up: nothing was paid twice.
    assert [set(tasks) for tasks in batches] == STEPS
    assert result.course is not None and result.course.exercises


def test_the_command_says_the_estimate_and_builds(
    folder: Path, fake: FakeAnthropic, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tutor.cli.main import main

    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake.url)
    code = main(["course", "build", COURSE, "--engine", "claude", "--batch", "--quiet",
                 "--poll-seconds", "0"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "batch of exercises:" in err and "at batch price" in err
    assert len(_batches_created(fake)) == len(STEPS) and (folder / "course.json").exists()


def test_batch_needs_the_claude_engine(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tutor.cli.main import main

    assert main(["course", "build", COURSE, "--engine", "offline", "--batch", "--quiet"]) == 2
    assert "--batch needs the Claude engine" in capsys.readouterr().err
