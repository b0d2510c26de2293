"""Reliability: many learners taking lessons at once against one learner store and one
checkpoint database (SQLite files shared by several processes, each running several threads).

Every learner answers a fixed number of exercises through the :class:`Lesson` facade, each
lesson with its own connections (as separate web app sessions and instances would). Afterwards
every answer must be stored exactly once, each learner model must count exactly its learner's
attempts, and no call may have failed (in particular not with "database is locked").
Throughput (turns per second) is measured by ``bench/concurrency.py``, not asserted here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.context import TutorContext
from tutor.testing.courses import install_stress_course as install_course
from tutor.testing.load import check_store, run_in_processes, run_in_threads

REPO = Path(__file__).resolve().parent.parent
def test_learners_in_threads_of_one_process(tutor_home: Path) -> None:
    install_course(tutor_home)
    context = TutorContext.from_env(engine="offline")
    learners = [f"learner-{i}" for i in range(6)]
    results = run_in_threads(context, learners, answers=5, threads=6)
    check_store(Path(context.data), results, answers=5)


@pytest.mark.e2e
def test_learners_in_two_processes_sharing_the_files(tutor_home: Path) -> None:
    install_course(tutor_home)
    data = tutor_home / ".tutor"
    results, _ = run_in_processes(tutor_home, data, learners=8, answers=5, processes=2)
    check_store(data, results, answers=5)


@pytest.mark.soak
def test_fifty_learners_twenty_exercises_each(tutor_home: Path) -> None:
    install_course(tutor_home)
    data = tutor_home / ".tutor"
    results, _ = run_in_processes(tutor_home, data, learners=50, answers=20, processes=5)
    check_store(data, results, answers=20)
