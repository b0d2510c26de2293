"""Reliability: many learners taking lessons at once against one learner store and one
checkpoint database (SQLite files shared by several processes, each running several threads).

Every learner answers a fixed number of exercises through the :class:`Lesson` facade, each
lesson with its own connections (as separate web app sessions and instances would). Afterwards
every answer must be stored exactly once, each learner model must count exactly its learner's
attempts, and no call may have failed (in particular not with "database is locked").
Throughput (turns per second) is measured by ``bench/concurrency.py``, not asserted here.
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

import pytest

from tests.test_teach_graph import ExactEngine
from tutor.context import TutorContext
from tutor.course import Chunk, Citation, Concept, Course, Exercise, ExerciseKind, Prerequisite
from tutor.learner.store import LearnerStore
from tutor.teach.lesson import CoursePassages, Lesson

REPO = Path(__file__).resolve().parent.parent
COURSE = "stress"
WORDS = ["array", "list", "stack", "queue", "heap", "tree", "graph", "hash", "trie", "deque",
         "tuple", "record", "matrix", "vector", "set", "map", "bag", "ring", "rope", "table"]


def synthetic_course(concepts: int = 12) -> tuple[Course, list[Chunk]]:
    """A course of ``concepts`` concepts in a prerequisite chain, two exercises each, with one
    passage per concept: long enough that nobody masters it in a few dozen answers."""
    items, edges, exercises, chunks = [], [], [], []
    for i in range(concepts):
        word = WORDS[i % len(WORDS)] + ("" if i < len(WORDS) else str(i))
        cid = f"c{i:02d}-{word}"
        cite = [Citation(source="notes.md", page=i + 1)]
        definition = f"A {word} is structure number {i} that keeps elements in its own way."
        items.append(Concept(id=cid, name=word, definition=definition, first_order=i * 10,
                             section=word.title(), citations=cite,
                             key_points=[f"structure number {i}"]))
        if i:
            edges.append(Prerequisite(prerequisite=items[i - 1].id, concept=cid))
        others = [w for w in WORDS if w != word][:2]
        exercises += [
            Exercise(id=f"{cid}-cloze", concept_id=cid, kind=ExerciseKind.CLOZE,
                     prompt=f"Structure number {i}, which keeps elements in its own way, is a "
                     "____.", answer=word, citations=cite),
            Exercise(id=f"{cid}-mc", concept_id=cid, kind=ExerciseKind.MULTIPLE_CHOICE,
                     prompt=f"Which structure is number {i}?", answer=word,
                     choices=[word, *others], citations=cite),
        ]
        chunks.append(Chunk(id=f"notes.md#p{i + 1}-0", source="notes.md", page=i + 1,
                            heading=word.title(), order=i * 10,
                            text=f"{definition} For example, a {word} can hold 3, 8 and 5."))
    course = Course(title="Stress course", slug=COURSE, concepts=items, prerequisites=edges,
                    exercises=exercises)
    return course, chunks


def install_course(home: Path, concepts: int = 12) -> None:
    folder = home / "courses" / COURSE
    folder.mkdir(parents=True, exist_ok=True)
    course = synthetic_course(concepts)[0]
    (folder / "course.json").write_text(course.to_json(), encoding="utf-8")


def drive_learner(context: TutorContext, learner: str, answers: int, seed: int) -> dict[str, Any]:
    """One learner: start (or resume) the lesson, then answer ``answers`` exercises, right
    with probability 0.7. Returns what happened, errors included (never raises)."""
    rng = random.Random(seed)
    course, chunks = synthetic_course()
    result: dict[str, Any] = {"learner": learner, "answers": 0, "feedback": 0, "turns": 0,
                              "errors": [], "seconds": 0.0}
    started = time.perf_counter()
    lesson = None
    try:
        lesson = Lesson(COURSE, learner, context=context, engine=ExactEngine(),
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
    code = "from tests.test_reliability_concurrency import child_main; child_main()"
    started = time.perf_counter()
    children = [
        subprocess.Popen([sys.executable, "-c", code, json.dumps(part), str(answers)],
                         cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
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
            attempts = store.attempts(learner, COURSE)
            assert len(attempts) == answers, (learner, len(attempts))
            assert {a.learner_id for a in attempts} == {learner}
            ids = {a.id for a in attempts}
            assert len(ids) == answers and not ids & total_ids
            total_ids |= ids
            model = store.load(learner, COURSE)
            assert sum(m.attempts for m in model.concepts.values()) == answers
            assert sum(m.correct for m in model.concepts.values()) == sum(
                a.correct for a in attempts)
        rows = store._db.execute("SELECT count(*) FROM attempts").fetchone()[0]
        assert rows == answers * len(results)
    finally:
        store.close()


def test_learners_in_threads_of_one_process(tutor_home: Path) -> None:
    install_course(tutor_home)
    context = TutorContext.from_env(engine="offline")
    learners = [f"learner-{i}" for i in range(6)]
    results = run_in_threads(context, learners, answers=5, threads=6)
    check_store(Path(context.data), results, answers=5)


def test_learners_in_two_processes_sharing_the_files(tutor_home: Path) -> None:
    install_course(tutor_home)
    data = tutor_home / ".tutor"
    results, _ = run_in_processes(tutor_home, data, learners=8, answers=5, processes=2)
    check_store(data, results, answers=5)


@pytest.mark.e2e
def test_fifty_learners_twenty_exercises_each(tutor_home: Path) -> None:
    install_course(tutor_home)
    data = tutor_home / ".tutor"
    results, _ = run_in_processes(tutor_home, data, learners=50, answers=20, processes=5)
    check_store(data, results, answers=20)
