"""Two app processes on PostgreSQL + a Chroma server; one is killed (SIGKILL) mid-load.

The other keeps serving its learners to the end, every answer either process acknowledged is
stored exactly once, and the killed process's learners resume in a new process where they left
off, without an attempt stored twice.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.factories import COURSE
from tutor.context import TutorContext
from tutor.evals.load import (
    Tally,
    Turn,
    compare_with_store,
    learner_names,
    read_turns,
    start_processes,
)
from tutor.index.passages import PassageIndex
from tutor.learner.store import LearnerStore
from tutor.testing.courses import stress_course

pytestmark = pytest.mark.soak
ANSWERS = 8
LEARNERS = 16
KILL_AFTER_ANSWERS = 20
WAIT_S = 600.0


def collect(stream: object, into: list[str]) -> threading.Thread:
    def run() -> None:
        for line in stream:  # type: ignore[attr-defined]
            into.append(line)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_killing_one_app_process_loses_nothing_and_the_other_keeps_serving(
        tutor_home: Path, postgres_url: str, chroma_url: str) -> None:
    folder = tutor_home / "courses" / COURSE
    folder.mkdir(parents=True)
    # Enough exercises that no learner runs out of today's (each is posed at most twice a day)
    course, chunks = stress_course()
    (folder / "course.json").write_text(course.to_json(), encoding="utf-8")
    PassageIndex.build(chunks, folder / ".build", chroma_url=chroma_url)
    context = TutorContext.from_env(engine="offline", database_url=postgres_url,
                                    chroma_url=chroma_url)
    LearnerStore.default(context).close()  # schema made before the two processes start
    names = learner_names(LEARNERS)
    victim, survivor = start_processes(context, COURSE, names, 2, ANSWERS, seed=3)
    victim_lines: list[str] = []
    survivor_lines: list[str] = []
    readers = [collect(victim.stdout, victim_lines), collect(survivor.stdout, survivor_lines)]

    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline and victim.poll() is None:
        if sum(t.kind == "answer" for t in read_turns(list(victim_lines))) >= KILL_AFTER_ANSWERS:
            break
        time.sleep(0.2)
    assert victim.poll() is None, "the victim finished before it could be killed; raise ANSWERS"
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait(timeout=60)
    survivor.wait(timeout=WAIT_S)
    for reader in readers:
        reader.join(timeout=60)
    assert survivor.returncode == 0, survivor.stderr.read()[-2000:] if survivor.stderr else ""

    survived = read_turns(survivor_lines)
    killed = read_turns(victim_lines)
    assert [t.error for t in survived if t.error] == []
    answered = Counter(t.learner for t in survived if t.kind == "answer")
    assert answered == {name: ANSWERS for name in names[1::2]}  # all served to the end
    victims = names[0::2]
    assert 0 < sum(t.kind == "answer" for t in killed) < ANSWERS * len(victims)

    # Every acknowledged answer of both processes is stored once; the victim's learners may
    # have one more stored attempt each: the answer in flight when the process died.
    lost, extra = compare_with_store(context, COURSE, Tally(survived + killed))
    assert lost == 0
    assert extra <= len(victims)
    store = LearnerStore.default(context)
    assert sum(len(store.attempts(n, COURSE)) for n in names[1::2]) == ANSWERS * len(victims)

    # The victim's learners come back in a new process and finish where they left off.
    again = start_processes(context, COURSE, victims, 1, 2, seed=5)[0]
    out, err = again.communicate(timeout=WAIT_S)
    assert again.returncode == 0, err[-2000:]
    resumed = read_turns(out.splitlines())
    assert [t.error for t in resumed if t.error] == []
    everything: list[Turn] = survived + killed + resumed
    lost, extra_after = compare_with_store(context, COURSE, Tally(everything))
    assert lost == 0
    # Resuming finishes a step the kill cut short (its answer stored then, once); beyond
    # that one in-flight answer per learner, nothing is stored that was not acknowledged.
    acknowledged = Tally(everything).submitted()
    for name in victims:
        held = Counter((a.exercise_id, a.answer.strip()) for a in store.attempts(name, COURSE))
        assert sum((held - acknowledged[name]).values()) <= 1, name
    assert extra <= extra_after <= len(victims)
    ids = [a.id for n in names for a in store.attempts(n, COURSE)]
    assert len(ids) == len(set(ids)) == store.attempt_count()
