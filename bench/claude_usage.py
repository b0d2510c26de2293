"""Recorded Claude usage: calls and tokens per course page built and per teaching turn.

Runs the Claude engine (real SDK path) against the local fake Messages API, which echoes
token counts the way the API reports them (about four characters per token; the system prefix
up to the last cache breakpoint is written to the cache once, then read; prefixes under
1,024 tokens are not cached, as with the real API). The course is ``courses/probability-basics``.

Build = extract concepts, merge, link prerequisites, write exercises per concept, check each
exercise. Teaching, per concept: one streamed explanation, two graded answers (one right, one
wrong), one hint; a "turn" is one graded answer. Cost uses list prices per million tokens given
in ``PRICES`` (an assumption to check against the current price list).

    .venv/bin/python bench/claude_usage.py
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tutor.course import Course  # noqa: E402
from tutor.engine.claude import UsageLog, UsageTotals  # noqa: E402
from tutor.engine.claude.batch import BatchRunner  # noqa: E402
from tutor.engine.port import ExplanationStyle, LearnerContext  # noqa: E402
from tutor.ingest import chunk_pages, find_sources, read_source  # noqa: E402
from tutor.lessons import generate_lessons_batch  # noqa: E402
from tutor.testing.claude_replies import TutorResponder, claude_engine  # noqa: E402
from tutor.testing.fake_anthropic import FakeAnthropic  # noqa: E402

COURSE = REPO / "courses" / "probability-basics"
TEACH_CONCEPTS = 8
TURNS_PER_HOUR = 40
"""Assumed graded answers per learner-hour, for the cost estimate."""
PRICES = {  # USD per million tokens: input, output, cache write (5 min), cache read
    "claude-sonnet-4-6": (3.00, 15.00, 3.75, 0.30),
    "claude-haiku-4-5": (1.00, 5.00, 1.25, 0.10),
}


def cost(records) -> float:
    total = 0.0
    for r in records:
        p_in, p_out, p_write, p_read = PRICES[r.model]
        scale = 0.5 if r.batch else 1.0
        total += scale * (r.input_tokens * p_in + r.output_tokens * p_out
                          + r.cache_write_tokens * p_write + r.cache_read_tokens * p_read) / 1e6
    return total


def per(totals: UsageTotals, n: int) -> dict[str, float]:
    return {
        "calls": round(totals.calls / n, 2),
        "input_tokens": round(totals.input_tokens / n, 1),
        "output_tokens": round(totals.output_tokens / n, 1),
        "cache_read_tokens": round(totals.cache_read_tokens / n, 1),
        "cache_write_tokens": round(totals.cache_write_tokens / n, 1),
    }


def main() -> dict:
    chunks = []
    pages = 0
    for path in find_sources(COURSE):
        text = read_source(path)
        pages += len(text.pages)
        chunks.extend(chunk_pages(text.pages, start_order=len(chunks)))

    with FakeAnthropic(TutorResponder(), min_cache_tokens=1024) as fake:
        build_log = UsageLog()
        engine = claude_engine(fake, usage=build_log)
        started = time.perf_counter()
        concepts = engine.merge_concepts(engine.extract_concepts(chunks))
        edges = engine.link_prerequisites(concepts, chunks)
        exercises = []
        for concept in concepts:
            pages_of = {(c.source, c.page) for c in concept.citations}
            passages = [c for c in chunks if (c.source, c.page) in pages_of][:4]
            related = [c for c in concepts if c.id != concept.id][:4]
            written = engine.write_exercises(concept, related, passages)
            exercises += [e for e in written
                          if engine.check_exercise(e, concept, passages).ok]
        build_seconds = time.perf_counter() - started
        course = Course(title="Probability basics", concepts=concepts, prerequisites=edges,
                        exercises=exercises)

        teach_log = UsageLog()
        teacher = claude_engine(fake, usage=teach_log).with_course(course).for_learner("ana")
        turns = 0
        taught = [course.concept(cid) for cid in course.teaching_order()][:TEACH_CONCEPTS]
        for concept in taught:
            pages_of = {(c.source, c.page) for c in concept.citations}
            passages = [c for c in chunks if (c.source, c.page) in pages_of][:4]
            "".join(teacher.explain_stream(concept, ExplanationStyle.DEFINITION, passages, [],
                                           LearnerContext(summary="new to probability")))
            for exercise in course.exercises_for(concept.id)[:1]:
                wrong = next((c for c in exercise.choices or [] if c != exercise.answer), "no")
                teacher.grade(exercise, wrong)
                teacher.hint(exercise, concept, 1)
                teacher.grade(exercise, exercise.answer)
                turns += 2
        lesson_log = UsageLog()
        writer = claude_engine(fake, usage=lesson_log).with_course(course)
        with tempfile.TemporaryDirectory() as tmp:
            runner = BatchRunner(writer.client, Path(tmp) / "state.json", usage=lesson_log,
                                 sleep=lambda s: None)
            lessons = generate_lessons_batch(course, writer, Path(tmp) / "lessons", chunks,
                                             runner)
        build, teach = build_log.totals(), teach_log.totals()
        lesson_totals = lesson_log.totals()
        teach_records = teach_log.records()
        cached_share = teach.cache_read_tokens / max(
            1, teach.cache_read_tokens + teach.input_tokens + teach.cache_write_tokens)
        result = {
            "conditions": "fake Messages API on 127.0.0.1 echoing ~4 chars/token usage; "
            "cache minimum 1024 tokens; course courses/probability-basics",
            "course": {"pages": pages, "chunks": len(chunks), "concepts": len(concepts),
                       "prerequisites": len(edges), "exercises_kept": len(exercises),
                       "exercises_dropped": engine.exercises_dropped},
            "build": {"calls": build.calls, "per_page": per(build, max(1, pages)),
                      "usd_total_at_list_price": round(cost(build_log.records()), 4),
                      "usd_per_page": round(cost(build_log.records()) / max(1, pages), 5),
                      "fallbacks": len(engine.fallbacks),
                      "seconds_against_fake": round(build_seconds, 2)},
            "teaching": {"concepts_taught": len(taught), "turns": turns,
                         "calls": teach.calls, "per_turn": per(teach, max(1, turns)),
                         "prefix_tokens_read_from_cache_share": round(cached_share, 3),
                         "usd_per_turn": round(cost(teach_records) / max(1, turns), 5),
                         f"usd_per_learner_hour_at_{TURNS_PER_HOUR}_turns":
                             round(cost(teach_records) / max(1, turns) * TURNS_PER_HOUR, 3),
                         "fallbacks": len(teacher.fallbacks)},
            "lessons_batch": {"lessons": len(lessons.lessons), "calls": lesson_totals.calls,
                              "per_lesson": per(lesson_totals, max(1, len(lessons.lessons))),
                              "usd_total_at_half_price": round(cost(lesson_log.records()), 4),
                              "fallbacks": lessons.fallbacks},
        }
    out = REPO / "bench" / "results" / "claude_usage.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
