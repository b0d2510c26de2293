"""The web app's answer turn under Streamlit's AppTest, at a short and at a long transcript,
and the memory each further session adds beyond the shared course.

    .venv/bin/python bench/app_turn.py --home HOME --course NAME   # prints JSON, writes results

Two sessions run side by side in one process (as on one server): one whose lesson has said
about ``--short`` messages, one about ``--long`` (grown with free questions before timing).
Their answer turns alternate (interleaved, so load on the shared machine hits both alike); a
turn is "pick or type an answer, press Submit, the script re-runs", timed in wall-clock time,
and the medians and their ratio are reported, with the process CPU time of the same turns
(less sensitive to other jobs). Before each turn the lesson's background preparation of the
exercise is awaited (the learner's reading time, as in ``bench/teach_turn.py``). Memory per
session: further lessons on the same
course are opened and started, and the growth of the process (resident set and Python
allocations, tracemalloc) is divided by their number.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

RESULTS = REPO / "bench" / "results" / "app_turn.json"
TARGET_LONG_MS = 100.0
TARGET_RATIO = 1.5
TARGET_SESSION_MB = 2.0


def _lesson(at: Any) -> Any:
    return at.session_state["lesson"][1]


def _count(lesson: Any) -> int:
    counted = getattr(lesson, "message_count", None)
    return counted() if counted else len(lesson.transcript)


def _session(name: str, messages: int) -> Any:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=300).run()
    at.sidebar.text_input(key="new_name").set_value(name)
    at.sidebar.button(key="create_profile").click().run()
    lesson = _lesson(at)
    topics = [c.name for c in lesson.course.concepts]
    i = 0
    while _count(lesson) < messages:
        lesson.ask(f"What is {topics[i % len(topics)]}?")
        i += 1
    return at.run()


def _answer_turn(at: Any, *beside: Any) -> tuple[float, float]:
    """(wall ms, process CPU ms) of one answer turn of ``at`` (``beside``: the other sessions
    of the process)."""
    lesson = _lesson(at)
    # The learners' reading and typing time, during which each lesson prepares its
    # short-answer exercise in the background (as in bench/teach_turn.py; capped at 2 s, not
    # timed): no session's preparation runs into the turn timed.
    for waiting in (at, *beside):
        _lesson(waiting).wait_prepared(2.0)
    exercise = lesson.pending
    if exercise is None:
        raise RuntimeError("no exercise is waiting")
    key = lesson.course.exercise(exercise.id).answer
    if exercise.choices:
        at.radio(key="choice").set_value(key)
    elif exercise.kind == "short_answer":
        at.text_area(key="free_text").set_value(key)
    else:
        at.text_input(key="free_text").set_value(key)
    submit = next(b for b in at.button if b.label == "Submit answer")
    start, cpu_start = time.perf_counter(), time.process_time()
    submit.click().run()
    elapsed = (time.perf_counter() - start) * 1000
    cpu = (time.process_time() - cpu_start) * 1000
    if at.exception:
        raise RuntimeError(str(at.exception))
    return elapsed, cpu


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def session_memory(home: Path, course: str, sessions: int) -> dict[str, float]:
    """MB added per further lesson (opened and started) on an already loaded course."""
    from tutor.context import TutorContext
    from tutor.learner.opening import open_lesson, open_store

    context = TutorContext.from_env()
    store = open_store(context)
    warm = open_lesson(course, "memory-warm", context=context, store=store)
    warm.start()
    gc.collect()
    tracemalloc.start()
    rss_before, traced_before = _rss_mb(), tracemalloc.get_traced_memory()[0]
    held = []
    for i in range(sessions):
        lesson = open_lesson(course, f"memory-{i}", context=context, store=store)
        lesson.start()
        held.append(lesson)
    gc.collect()
    rss_after, traced_after = _rss_mb(), tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    for lesson in [*held, warm]:
        lesson.close()
    return {
        "sessions": sessions,
        "rss_mb_per_session": round((rss_after - rss_before) / sessions, 3),
        "python_heap_mb_per_session": round((traced_after - traced_before) / sessions / 2**20, 3),
    }


def app_turns(home: Path, course: str, short: int = 10, long: int = 160,
              turns: int = 8, sessions: int = 20) -> dict[str, object]:
    """Interleaved answer turns of a short and a long session, and memory per session."""
    os.environ["TUTOR_HOME"] = str(home)
    os.environ["TUTOR_DATA"] = str(home / ".tutor")
    os.environ["TUTOR_ENGINE"] = "offline"
    small, large = _session("Short", short), _session("Long", long)
    counts = {"short_at_start": _count(_lesson(small)), "long_at_start": _count(_lesson(large))}
    _answer_turn(small), _answer_turn(large)  # warm-up
    small_ms, large_ms, small_cpu, large_cpu = [], [], [], []
    for _ in range(turns):
        for at, other, wall, cpu in ((small, large, small_ms, small_cpu),
                                     (large, small, large_ms, large_cpu)):
            elapsed, used = _answer_turn(at, other)
            wall.append(elapsed)
            cpu.append(used)
    counts |= {"short_at_end": _count(_lesson(small)), "long_at_end": _count(_lesson(large))}
    short_p50, long_p50 = statistics.median(small_ms), statistics.median(large_ms)
    memory = session_memory(home, course, sessions)
    return {
        "course": course,
        "messages": counts,
        "timed_turns_each": turns,
        "short_turn_ms_p50": round(short_p50, 1),
        "long_turn_ms_p50": round(long_p50, 1),
        "long_over_short": round(long_p50 / short_p50, 2),
        "short_turn_cpu_ms_p50": round(statistics.median(small_cpu), 1),
        "long_turn_cpu_ms_p50": round(statistics.median(large_cpu), 1),
        "short_turn_ms": [round(v, 1) for v in small_ms],
        "long_turn_ms": [round(v, 1) for v in large_ms],
        "memory": memory,
        "targets": {"long_turn_ms": TARGET_LONG_MS, "long_over_short": TARGET_RATIO,
                    "session_mb": TARGET_SESSION_MB},
        "meets_targets": long_p50 <= TARGET_LONG_MS
        and long_p50 / short_p50 <= TARGET_RATIO
        and memory["rss_mb_per_session"] <= TARGET_SESSION_MB,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True, help="a tutor home with the course")
    parser.add_argument("--course", required=True)
    parser.add_argument("--turns", type=int, default=8)
    args = parser.parse_args()
    load = round(os.getloadavg()[0], 2)
    with tempfile.TemporaryDirectory() as tmp:  # learner data of the run stays out of --home
        home = Path(tmp) / "home"
        shutil.copytree(args.home, home, ignore=shutil.ignore_patterns(".tutor"))
        result = {
            "conditions": {"cpus": os.cpu_count(), "load_average_1m_at_start": load},
            **app_turns(home, args.course, turns=args.turns),
        }
    result["conditions"]["load_average_1m_at_end"] = round(os.getloadavg()[0], 2)  # type: ignore[index]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
