"""``tutor eval load``: many simulated learners through real lessons, from several processes.

Each process (a stand-in for one app replica) runs its share of the learners, one thread per
learner, each with its own :class:`tutor.teach.lesson.Lesson` on the configured backends
(``TUTOR_DATABASE_URL``, ``TUTOR_CHROMA_URL``, else the SQLite files and embedded Chroma). A
learner starts the lesson, asks one free question (a passage search) and answers ``answers``
exercises, right with probability :data:`RIGHT_SHARE`. Every finished turn is written at once as
one JSON line on the process's stdout (what the learner did, how long the tutor took), so a
process killed mid-run has still told what it acknowledged.

Afterwards the store is compared with what the learners were told was taken: an answer whose
turn returned is *submitted*; a submitted answer missing from the learner's stored attempts is
*lost*, a stored attempt beyond what was submitted (same exercise and answer) is *duplicated*.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from tutor.context import TutorContext
from tutor.course import Exercise, ExerciseKind

RIGHT_SHARE = 0.7
"""Share of answers a simulated learner gets right."""
CHILD_TIMEOUT_S = 3600.0


class LoadReport(BaseModel):
    """What ``tutor eval load`` prints."""

    backend: str
    learners: int
    turns: int
    turns_per_s: float
    p50_ms: float
    p95_ms: float
    lost_attempts: int
    duplicated_attempts: int
    errors: int


@dataclass
class Turn:
    """One finished (or failed) turn, as a child process reports it."""

    learner: str
    kind: str
    ms: float
    exercise: str = ""
    answer: str = ""
    error: str = ""

    def line(self) -> str:
        return json.dumps(self.__dict__)


@dataclass
class Tally:
    turns: list[Turn] = field(default_factory=list)

    def submitted(self) -> dict[str, Counter[tuple[str, str]]]:
        """Learner -> (exercise id, answer) -> times the tutor took that answer."""
        out: dict[str, Counter[tuple[str, str]]] = {}
        for turn in self.turns:
            out.setdefault(turn.learner, Counter())
            if turn.kind == "answer" and not turn.error:
                out[turn.learner][(turn.exercise, turn.answer)] += 1
        return out


def simulated_answer(exercise: Exercise, right: bool, rng: random.Random) -> str:
    """The key when ``right``; otherwise a wrong option, the other truth value, or a guess."""
    if right:
        return exercise.answer
    others = [c for c in exercise.choices or [] if c != exercise.answer]
    if exercise.kind == ExerciseKind.MULTIPLE_CHOICE and others:
        return rng.choice(others)
    if exercise.kind == ExerciseKind.TRUE_FALSE:
        return "False" if exercise.answer.strip().lower() == "true" else "True"
    return f"not sure {rng.randrange(1000)}"


def drive_learner(context: TutorContext, course: str, learner: str, answers: int, seed: int,
                  report: Any) -> None:
    """One learner's lesson; each turn is passed to ``report`` as it finishes."""
    from tutor.errors import AnswerError
    from tutor.teach.lesson import Lesson

    rng = random.Random(seed)
    lesson = None

    def timed(kind: str, call: Any, exercise: str = "", answer: str = "") -> bool:
        started = time.perf_counter()
        try:
            call()
        except AnswerError as exc:  # refused (nothing recorded): a turn, not an attempt
            report(Turn(learner, "refused", _ms(started), exercise, answer, ""))
            del exc
            return True
        except Exception as exc:
            report(Turn(learner, kind, _ms(started), exercise, answer,
                        f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"))
            return False
        report(Turn(learner, kind, _ms(started), exercise, answer))
        return True

    try:
        started = time.perf_counter()
        try:
            lesson = Lesson(course, learner, context=context)
        except Exception as exc:
            report(Turn(learner, "open", _ms(started), error=f"{type(exc).__name__}: {exc}"))
            return
        if not timed("start", lesson.start):
            return
        concept = lesson.course.concepts[0].name
        if not timed("ask", lambda: lesson.ask(f"What is {concept}?")):
            return
        for _ in range(answers):
            pending = lesson.pending
            if pending is None:
                report(Turn(learner, "answer", 0.0, error="no exercise pending"))
                return
            exercise = lesson.course.exercise(pending.id)
            text = simulated_answer(exercise, rng.random() < RIGHT_SHARE, rng).strip()
            if not timed("answer", lambda t=text: lesson.answer(t), exercise.id, text):
                return
    finally:
        if lesson is not None:
            lesson.close()


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)


def child_main() -> None:
    """A load process: its learners (JSON in the first argument), one thread each, turns on
    stdout."""
    job = json.loads(sys.argv[1])
    context = TutorContext.from_env(engine="offline")
    lock = threading.Lock()

    def report(turn: Turn) -> None:
        with lock:
            print(turn.line(), flush=True)

    threads = [threading.Thread(target=drive_learner, name=f"learner-{i}",
                                args=(context, job["course"], name, job["answers"],
                                      job["seed"] + i, report))
               for i, name in enumerate(job["learners"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def start_processes(context: TutorContext, course: str, names: list[str], processes: int,
                    answers: int, seed: int) -> list[subprocess.Popen[str]]:
    """One child process per slice of ``names``, all started before any is waited for."""
    env = {**os.environ, "TUTOR_HOME": str(context.home), "TUTOR_DATA": str(context.data),
           "TUTOR_DATABASE_URL": context.database_url, "TUTOR_CHROMA_URL": context.chroma_url,
           "ANONYMIZED_TELEMETRY": "False"}
    children = []
    for part in range(processes):
        share = names[part::processes]
        if not share:
            continue
        job = json.dumps({"course": course, "learners": share, "answers": answers,
                          "seed": seed + part * 100_000})
        children.append(subprocess.Popen(
            [sys.executable, "-c", "from tutor.evals.load import child_main; child_main()",
             job], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    return children


def read_turns(lines: Iterable[str]) -> list[Turn]:
    """The turns in a child's output (a line cut short by a killed process is skipped)."""
    turns = []
    for line in lines:
        try:
            turns.append(Turn(**json.loads(line)))
        except (ValueError, TypeError):
            continue
    return turns


def compare_with_store(context: TutorContext, course: str, tally: Tally,
                       ) -> tuple[int, int]:
    """(lost, duplicated) attempts: what each learner submitted against what is stored."""
    from tutor.catalog import course_key, resolve_course_dir
    from tutor.learner.store import LearnerStore

    key = course_key(resolve_course_dir(course, Path(context.home)))
    store = LearnerStore.default(context)
    lost = duplicated = 0
    try:
        for learner, submitted in tally.submitted().items():
            stored = Counter((a.exercise_id, a.answer.strip())
                             for a in store.attempts(learner, key))
            lost += sum((submitted - stored).values())
            duplicated += sum((stored - submitted).values())
    finally:
        store.close()
    return lost, duplicated


def summarise(backend: str, learners: int, tally: Tally, seconds: float, lost: int,
              duplicated: int) -> LoadReport:
    served = sorted(t.ms for t in tally.turns if not t.error)
    errors = sum(1 for t in tally.turns if t.error)
    return LoadReport(
        backend=backend, learners=learners, turns=len(served),
        turns_per_s=round(len(served) / seconds, 2) if seconds > 0 else 0.0,
        p50_ms=_percentile(served, 0.50), p95_ms=_percentile(served, 0.95),
        lost_attempts=lost, duplicated_attempts=duplicated, errors=errors)


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    return round(values[min(len(values) - 1, int(share * len(values)))], 2)


def learner_names(learners: int) -> list[str]:
    """Fresh learner ids for one run (a run never meets an earlier run's learners)."""
    run = uuid.uuid4().hex[:8]
    return [f"load-{run}-{i:05d}" for i in range(learners)]


def run_load(context: TutorContext, course: str, *, learners: int, processes: int,
             answers: int = 4, seed: int = 7) -> LoadReport:
    """Drive ``learners`` simulated learners from ``processes`` processes; the report."""
    from tutor.storage import backend_name
    from tutor.storage.choice import open_learner_tables

    backend = backend_name(context)
    open_learner_tables(context).close()  # the schema exists before the processes race to it
    names = learner_names(learners)
    started = time.perf_counter()
    children = start_processes(context, course, names, processes, answers, seed)
    tally = Tally()
    failures = []
    for child in children:
        out, err = child.communicate(timeout=CHILD_TIMEOUT_S)
        tally.turns += read_turns(out.splitlines())
        if child.returncode != 0:
            failures.append(err.strip().splitlines()[-1:] or [f"exit {child.returncode}"])
    seconds = time.perf_counter() - started
    lost, duplicated = compare_with_store(context, course, tally)
    report = summarise(backend, learners, tally, seconds, lost, duplicated)
    if failures:  # a process that died is an error of every learner it did not report on
        report.errors += len(failures)
    return report
