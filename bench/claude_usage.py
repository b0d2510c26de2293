"""Recorded Claude usage: a course build (interactive and batched) and teaching through Lesson.

Runs the Claude engine (real SDK path) against the local fake Messages API, which echoes
token counts the way the API reports them (about four characters per token; the system prefix
up to the last cache breakpoint is written to the cache once, then read; prefixes under
1,024 tokens are not cached, as with the real API). The course is ``courses/probability-basics``,
copied into a temporary TUTOR_HOME.

- Build: ``build_course`` (the study graph) interactively, then again with ``--batch``
  semantics (writing and checking exercises as Message Batches), each against a fresh fake
  server (no cache carried over); ``batch_cost_ratio`` = batch cost / interactive cost.
- Teaching: a :class:`tutor.teach.lesson.Lesson` on the built course; a turn is one answer
  (every third one wrong). Calls and tokens are counted per turn; the cache-read share is over
  the prompt tokens of every call after the lesson's first.
- Struggling: a learner who asks for the concept with the most prerequisites and answers two
  wrong in every three, so that the tutor steps back and comes back; calls per turn there.
- Streaming: time to the first text the learner reads vs the whole turn (``Lesson.answer``
  with a sink), the fake server sending SSE events ``STREAM_DELAY`` seconds apart.
- Budget: a second learner with a small daily budget; the run reports whether any call was made
  once the budget was spent, and whether the lesson said so.

Cost uses list prices per million tokens (:mod:`tutor.engine.claude.pricing`, an assumption
to check against the current price list).

    .venv/bin/python bench/claude_usage.py [--json]
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tutor.context import TutorContext  # noqa: E402
from tutor.engine.claude import BUDGET_NOTICE, TokenBudget, UsageLog, UsageTotals  # noqa: E402
from tutor.engine.claude.batch import BatchRunner  # noqa: E402
from tutor.engine.claude.pricing import cost_usd  # noqa: E402
from tutor.lessons import generate_lessons_batch  # noqa: E402
from tutor.study.build import BatchOptions, build_course  # noqa: E402
from tutor.teach.lesson import Lesson  # noqa: E402
from tutor.testing.claude_replies import TutorResponder, claude_engine  # noqa: E402
from tutor.testing.fake_anthropic import FakeAnthropic, task_of  # noqa: E402

SOURCE = REPO / "courses" / "probability-basics"
SLUG = "probability-basics"
TURNS = 30
BUDGET_TURNS = 12
TURNS_PER_HOUR = 40
"""Assumed graded answers per learner-hour, for the cost estimate."""
MIN_CACHE_TOKENS = 1024
STREAM_DELAY = 0.01
"""Seconds between a streamed reply's SSE events on the fake server (a word each)."""
STREAM_TURNS = 8


def per(totals: UsageTotals, n: int) -> dict[str, float]:
    return {
        "calls": round(totals.calls / n, 3),
        "input_tokens": round(totals.input_tokens / n, 1),
        "output_tokens": round(totals.output_tokens / n, 1),
        "cache_read_tokens": round(totals.cache_read_tokens / n, 1),
        "cache_write_tokens": round(totals.cache_write_tokens / n, 1),
    }


def _copy_course(home: Path, slug: str) -> None:
    shutil.copytree(SOURCE, home / "courses" / slug,
                    ignore=shutil.ignore_patterns("course.json", ".build"))


def _answer_for(lesson: Lesson, turn: int) -> str:
    exercise = lesson.course.exercise(lesson.pending.id)  # type: ignore[union-attr]
    if turn % 3 != 2:
        return exercise.answer
    others = [c for c in exercise.choices or [] if c != exercise.answer]
    return others[0] if others else "I am not sure"


def build(home: Path, context: TutorContext) -> dict[str, Any]:
    """The course built interactively and in batches, each against a fresh fake server."""
    runs: dict[str, Any] = {}
    for mode in ("interactive", "batch"):
        slug = SLUG if mode == "interactive" else f"{SLUG}-batch"
        _copy_course(home, slug)
        log = UsageLog()
        with FakeAnthropic(TutorResponder(), min_cache_tokens=MIN_CACHE_TOKENS) as fake:
            engine = claude_engine(fake, usage=log)
            options = BatchOptions(poll_seconds=0.0) if mode == "batch" else None
            result = build_course(slug, context=context, engine=engine, batch=options)
            interactive_calls = len(fake.message_requests())
        assert result.course is not None
        runs[mode] = {"calls": log.totals().calls, "interactive_calls": interactive_calls,
                      "batched_requests": sum(1 for r in log.records() if r.batch),
                      "usd_at_list_price": round(cost_usd(log.records()), 4),
                      "pages": result.report.pages,
                      "usd_per_page": round(cost_usd(log.records()) / max(1, result.report.pages),
                                            5),
                      "concepts": len(result.course.concepts),
                      "exercises": len(result.course.exercises),
                      "fallbacks": len(engine.fallbacks)}
    runs["batch_cost_ratio"] = round(runs["batch"]["usd_at_list_price"]
                                     / runs["interactive"]["usd_at_list_price"], 3)
    return runs


def teach(home: Path, context: TutorContext) -> dict[str, Any]:
    """A learner taught through Lesson: calls and tokens per turn, cache-read share."""
    log = UsageLog()
    with FakeAnthropic(TutorResponder(), min_cache_tokens=MIN_CACHE_TOKENS) as fake:
        engine = claude_engine(fake, usage=log)
        calls_per_turn: list[int] = []
        with Lesson(SLUG, "ana", context=context, engine=engine) as lesson:
            lesson.start()
            first_calls = len(fake.message_requests())
            for turn in range(TURNS):
                if lesson.pending is None:
                    break
                sent = len(fake.message_requests())
                lesson.answer(_answer_for(lesson, turn))
                calls_per_turn.append(len(fake.message_requests()) - sent)
            tasks = [task_of(r.body) for r in fake.message_requests()]
        records = log.records()
    turns = len(calls_per_turn)
    turn_records = records[first_calls:]
    turn_totals = UsageTotals()
    for record in turn_records:
        turn_totals.add(record)
    later = records[1:]
    read = sum(r.cache_read_tokens for r in later)
    prompt = sum(r.cache_read_tokens + r.input_tokens + r.cache_write_tokens for r in later)
    usd = cost_usd(turn_records)
    return {
        "path": "Lesson",
        "turns": turns,
        "calls": len(records),
        "calls_before_first_turn": first_calls,
        "per_turn": per(turn_totals, max(1, turns)),
        "max_calls_in_a_turn": max(calls_per_turn, default=0),
        "tasks": {t: tasks.count(t) for t in sorted(set(tasks))},
        "prefix_tokens_read_from_cache_share": round(read / max(1, prompt), 3),
        "usd_per_turn": round(usd / max(1, turns), 5),
        f"usd_per_learner_hour_at_{TURNS_PER_HOUR}_turns":
            round(usd / max(1, turns) * TURNS_PER_HOUR, 3),
        "fallbacks": len(engine.fallbacks),
    }


def struggle(home: Path, context: TutorContext) -> dict[str, Any]:
    """A learner who asks for a concept far down the graph and answers two wrong in every
    three: the tutor steps back to prerequisites and comes back. Calls per turn there."""
    with FakeAnthropic(TutorResponder(), min_cache_tokens=MIN_CACHE_TOKENS) as fake:
        engine = claude_engine(fake, usage=UsageLog())
        with Lesson(SLUG, "cy", context=context, engine=engine) as lesson:
            course = lesson.course
            deepest = max(course.concepts, key=lambda c: (len(course.prerequisites_of(c.id)),
                                                          c.first_order))
            lesson.focus(deepest.id)
            calls_per_turn: list[int] = []
            said: list[str] = []
            for turn in range(TURNS):
                if lesson.pending is None:
                    break
                sent = len(fake.message_requests())
                exercise = lesson.course.exercise(lesson.pending.id)
                wrong = [c for c in exercise.choices or [] if c != exercise.answer]
                answer = exercise.answer if turn % 3 == 2 else (wrong or ["I am not sure"])[0]
                said += [m.text for m in lesson.answer(answer)]
                calls_per_turn.append(len(fake.message_requests()) - sent)
    return {"focused": deepest.id, "turns": len(calls_per_turn),
            "steps_back": sum("step back to" in t for t in said),
            "returns": sum("Now back to" in t for t in said),
            "calls_per_turn": round(sum(calls_per_turn) / max(1, len(calls_per_turn)), 3),
            "max_calls_in_a_turn": max(calls_per_turn, default=0)}


def streaming(home: Path, context: TutorContext) -> dict[str, Any]:
    """Time to the first text the learner reads vs the whole turn, through Lesson.answer with
    a sink, the fake server sending a reply's SSE events STREAM_DELAY seconds apart (a model
    writing). Wall-clock on a shared machine: medians and their ratio, same run."""
    firsts: list[float] = []
    wholes: list[float] = []
    with FakeAnthropic(TutorResponder(), min_cache_tokens=MIN_CACHE_TOKENS,
                       stream_delay=STREAM_DELAY) as fake:
        engine = claude_engine(fake, usage=UsageLog())
        with Lesson(SLUG, "dee", context=context, engine=engine) as lesson:
            lesson.start()
            for turn in range(STREAM_TURNS):
                if lesson.pending is None:
                    break
                first: list[float] = []
                start = time.perf_counter()

                def shown(kind: str, piece: str, first: list[float] = first,
                          start: float = start) -> None:
                    if not first:
                        first.append(time.perf_counter() - start)

                lesson.answer(_answer_for(lesson, turn), shown=shown)
                wholes.append(time.perf_counter() - start)
                firsts.append(first[0] if first else wholes[-1])
    first_ms, whole_ms = statistics.median(firsts) * 1000, statistics.median(wholes) * 1000
    return {"turns": len(wholes), "event_delay_s": STREAM_DELAY,
            "median_first_text_ms": round(first_ms, 1), "median_whole_turn_ms": round(whole_ms, 1),
            "first_text_share_of_turn": round(first_ms / whole_ms, 3),
            "load_average_1min": round(os.getloadavg()[0], 2)}


def budget(home: Path, context: TutorContext) -> dict[str, Any]:
    """A learner whose daily budget runs out mid-lesson."""
    log = UsageLog()
    with FakeAnthropic(TutorResponder(), min_cache_tokens=MIN_CACHE_TOKENS) as fake:
        engine = claude_engine(fake, usage=log)
        probe = TokenBudget(log, 0)
        with Lesson(SLUG, "ben", context=context, engine=engine) as lesson:
            lesson.start()
            limit = probe.spent("ben") * 2  # a few turns past the first call
            engine.budget.daily_limit = limit
            calls_after, exhausted_at, announced = 0, None, 0
            for turn in range(BUDGET_TURNS):
                if lesson.pending is None:
                    break
                spent_before = engine.budget.exhausted("ben")
                sent = len(fake.message_requests())
                said = lesson.answer(_answer_for(lesson, turn))
                if spent_before:
                    exhausted_at = turn if exhausted_at is None else exhausted_at
                    calls_after += len(fake.message_requests()) - sent
                announced += sum(1 for m in said if BUDGET_NOTICE in m.text)
        reasons = sorted({f.reason for f in engine.fallbacks})
    return {"daily_limit_tokens": limit, "budget_spent_before_turn": exhausted_at,
            "calls_after_budget_spent": calls_after, "fallback_announced": announced,
            "fallback_reasons": reasons,
            "budget_enforced": exhausted_at is not None and calls_after == 0 and announced == 1}


def lessons_batch(home: Path) -> dict[str, Any]:
    from tutor.course import Course
    from tutor.ingest import chunk_pages, find_sources, read_source

    course = Course.load(home / "courses" / SLUG / "course.json")
    chunks: list = []
    for path in find_sources(home / "courses" / SLUG):
        chunks.extend(chunk_pages(read_source(path).pages, start_order=len(chunks)))
    log = UsageLog()
    with FakeAnthropic(TutorResponder(), min_cache_tokens=MIN_CACHE_TOKENS) as fake:
        writer = claude_engine(fake, usage=log).with_course(course)
        runner = BatchRunner(writer.client, home / "lessons.batch.json", usage=log,
                             sleep=lambda s: None)
        lessons = generate_lessons_batch(course, writer, home / "lessons", chunks, runner)
    return {"lessons": len(lessons.lessons), "calls": log.totals().calls,
            "usd_total_at_half_price": round(cost_usd(log.records()), 4),
            "fallbacks": lessons.fallbacks}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = sys.argv[1:] if argv is None else argv
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        (home / "courses").mkdir(parents=True)
        os.environ["TUTOR_HOME"] = str(home)
        os.environ["TUTOR_DATA"] = str(home / ".tutor")
        os.environ.setdefault("TUTOR_PROMPTS", str(REPO / "prompts"))
        context = TutorContext.from_env(engine="claude")
        result = {
            "conditions": "fake Messages API on 127.0.0.1 echoing ~4 chars/token usage; cache "
            f"minimum {MIN_CACHE_TOKENS} tokens; course courses/probability-basics",
            "build": build(home, context),
            "teaching": teach(home, context),
        }
        result["teaching"]["struggling"] = struggle(home, context)
        result["teaching"]["streaming"] = streaming(home, context)
        result["teaching"]["budget"] = budget(home, context)
        result["teaching"]["budget_enforced"] = result["teaching"]["budget"]["budget_enforced"]
        result["lessons_batch"] = lessons_batch(home)
    out = REPO / "bench" / "results" / "claude_usage.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    if "--json" not in args:
        print(f"written to {out}", file=sys.stderr)
    return result


if __name__ == "__main__":
    main()
