"""Many learners at once through the real :class:`~tutor.teach.lesson.Lesson` facade.

Each learner answers a fixed number of exercises of the stress course, right with probability
0.7, with its own lesson (its own connections, as separate web app sessions would); learners run
in threads of one process, or in threads of several child processes sharing the files.
:func:`check_store` then checks that every answer was stored exactly once. Used by the
reliability tests and by ``bench/concurrency.py``.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tutor.context import TutorContext
from tutor.learner.store import LearnerStore
from tutor.teach.lesson import CoursePassages, Lesson
from tutor.testing.courses import STRESS_COURSE, stress_course
from tutor.testing.engines import ExactEngine


def drive_learner(context: TutorContext, learner: str, answers: int, seed: int) -> dict[str, Any]:
    """One learner: start (or resume) the lesson, then answer ``answers`` exercises, right
    with probability 0.7. Returns what happened, errors included (never raises)."""
    rng = random.Random(seed)
    course, chunks = stress_course()
    result: dict[str, Any] = {"learner": learner, "answers": 0, "feedback": 0, "turns": 0,
                              "errors": [], "seconds": 0.0}
    started = time.perf_counter()
    lesson = None
    try:
        lesson = Lesson(STRESS_COURSE, learner, context=context, engine=ExactEngine(),
                        passages=CoursePassages(course, chunks))
        lesson.start()
        result["turns"] += 1
        while result["answers"] < answers:
            pending = lesson.pending
            if pending is None:
                result["errors"].append("no exercise pending")
                break
            exercise = course.exercise(pending.id)
            text = exercise.answer if rng.random() < 0.7 else f"not sure {rng.randrange(99)}"
            reply = lesson.answer(text)
            result["answers"] += 1
            result["turns"] += 1
            result["feedback"] += sum(1 for m in reply if m.kind == "feedback")
    except Exception as exc:  # reported, and asserted on by the caller
        result["errors"].append(f"{type(exc).__name__}: {exc}\n{traceback.format_exc()[-800:]}")
    finally:
        if lesson is not None:
            lesson.close()
    result["seconds"] = time.perf_counter() - started
    return result


def run_in_threads(context: TutorContext, learners: list[str], answers: int,
                   threads: int) -> list[dict[str, Any]]:
    with ThreadPoolExecutor(max_workers=threads) as pool:
        futures = [pool.submit(drive_learner, context, name, answers, hash(name) % 10_000)
                   for name in learners]
        return [f.result() for f in futures]


def run_in_processes(home: Path, data: Path, learners: int, answers: int, processes: int,
                     ) -> tuple[list[dict[str, Any]], float]:
    """``learners`` learners spread over ``processes`` child processes (one thread per
    learner in each); returns the results and the wall-clock seconds of the whole run."""
    names = [f"learner-{i:03d}" for i in range(learners)]
    slices = [names[p::processes] for p in range(processes)]
    env = {**os.environ, "TUTOR_HOME": str(home), "TUTOR_DATA": str(data)}
    code = "from tutor.testing.load import child_main; child_main()"
    started = time.perf_counter()
    children = [
        subprocess.Popen([sys.executable, "-c", code, json.dumps(part), str(answers)],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
        for part in slices if part
    ]
    results: list[dict[str, Any]] = []
    for child in children:
        out, err = child.communicate(timeout=1800)
        assert child.returncode == 0, err[-3000:]
        results += json.loads(out.strip().splitlines()[-1])
    return results, time.perf_counter() - started


def child_main() -> None:
    """Entry point of a child process: its learners, one thread each, all started together."""
    learners, answers = json.loads(sys.argv[1]), int(sys.argv[2])
    context = TutorContext.from_env(engine="offline")
    print(json.dumps(run_in_threads(context, learners, answers, threads=len(learners))))


def check_store(data: Path, results: list[dict[str, Any]], answers: int) -> None:
    """No failures, and every learner has exactly ``answers`` attempts, each counted once."""
    failures = [(r["learner"], r["errors"]) for r in results if r["errors"]]
    assert failures == []
    assert not any("locked" in e for r in results for e in r["errors"])
    store = LearnerStore(data / "learners.sqlite")
    try:
        total_ids: set[str] = set()
        for result in results:
            learner = result["learner"]
            assert result["answers"] == answers and result["feedback"] == answers, result
            attempts = store.attempts(learner, STRESS_COURSE)
            assert len(attempts) == answers, (learner, len(attempts))
            assert {a.learner_id for a in attempts} == {learner}
            ids = {a.id for a in attempts}
            assert len(ids) == answers and not ids & total_ids
            total_ids |= ids
            model = store.load(learner, STRESS_COURSE)
            assert sum(m.attempts for m in model.concepts.values()) == answers
            assert sum(m.correct for m in model.concepts.values()) == sum(
                a.correct for a in attempts)
        rows = store.attempt_count()
        assert rows == answers * len(results)
    finally:
        store.close()


if __name__ == "__main__":
    child_main()
