"""``tutor eval load``: simulated learners through real lessons from several processes, and
the comparison of what they submitted with what the store holds."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.factories import COURSE, cloze_first_course, make_chunks
from tutor.clock import system_clock
from tutor.context import TutorContext
from tutor.evals.load import LoadReport, Tally, Turn, compare_with_store, run_load
from tutor.index.passages import PassageIndex
from tutor.learner.model import Attempt, LearnerModel
from tutor.learner.store import LearnerStore

REPO = Path(__file__).resolve().parent.parent


def install_course(home: Path, chroma_url: str = "") -> None:
    folder = home / "courses" / COURSE
    folder.mkdir(parents=True)
    (folder / "course.json").write_text(cloze_first_course().to_json(), encoding="utf-8")
    PassageIndex.build(make_chunks(), folder / ".build", chroma_url=chroma_url)


def stored(store: LearnerStore, learner: str, exercise: str, answer: str) -> None:
    store.ensure_learner(learner)
    attempt = Attempt(id=uuid.uuid4().hex, learner_id=learner, course=COURSE, concept_id="c",
                      exercise_id=exercise, answer=answer, correct=False, score=0.0,
                      at=system_clock())
    store.record(attempt, LearnerModel(learner_id=learner, course=COURSE))


def test_lost_and_duplicated_attempts_are_counted_against_the_store(tutor_home: Path) -> None:
    (tutor_home / "courses" / COURSE).mkdir()
    (tutor_home / "courses" / COURSE / "course.json").write_text(
        cloze_first_course().to_json(), encoding="utf-8")
    context = TutorContext.from_env()
    store = LearnerStore.default(context)
    stored(store, "ana", "e1", "one")
    stored(store, "ana", "e2", "two")
    stored(store, "ana", "e2", "two")  # the same answer stored twice
    stored(store, "bob", "e1", "x")  # bob submitted nothing that went through
    store.close()
    tally = Tally([Turn("ana", "answer", 1.0, "e1", "one"), Turn("ana", "answer", 1.0, "e2", "two"),
                   Turn("ana", "answer", 1.0, "e3", "three"),  # never stored
                   Turn("ana", "refused", 1.0, "e4", "?"),  # refused: not an attempt
                   Turn("bob", "answer", 1.0, "e1", "x", error="StorageError: down")])
    assert compare_with_store(context, COURSE, tally) == (1, 2)


@pytest.mark.e2e
def test_learners_from_two_processes_on_the_sqlite_files(tutor_home: Path) -> None:
    install_course(tutor_home)
    report = run_load(TutorContext.from_env(engine="offline"), COURSE, learners=6,
                      processes=2, answers=3)
    assert report.backend == "sqlite" and report.learners == 6
    assert (report.errors, report.lost_attempts, report.duplicated_attempts) == (0, 0, 0)
    assert report.turns == 6 * (2 + 3)  # start, one question, three answers each
    store = LearnerStore.default(TutorContext.from_env())
    assert store.attempt_count() == 6 * 3
    assert 0 < report.p50_ms <= report.p95_ms


@pytest.mark.e2e
def test_learners_from_two_processes_on_postgres_and_a_chroma_server(
        tutor_home: Path, postgres_url: str, chroma_url: str) -> None:
    install_course(tutor_home, chroma_url)
    context = TutorContext.from_env(engine="offline", database_url=postgres_url,
                                    chroma_url=chroma_url)
    report = run_load(context, COURSE, learners=8, processes=2, answers=3)
    assert report.backend == "postgres"
    assert (report.errors, report.lost_attempts, report.duplicated_attempts) == (0, 0, 0)
    assert report.turns == 8 * (2 + 3)
    assert LearnerStore.default(context).attempt_count() == 8 * 3
    assert not (tutor_home / ".tutor" / "learners.sqlite").exists()


@pytest.mark.e2e
def test_the_command_prints_the_report_as_json(tutor_home: Path) -> None:
    install_course(tutor_home)
    done = subprocess.run(
        [sys.executable, "-m", "tutor.cli.main", "eval", "load", COURSE, "--learners", "3",
         "--processes", "2", "--answers", "2", "--json"],
        capture_output=True, text=True, timeout=600, cwd=REPO)
    assert done.returncode == 0, done.stderr[-2000:]
    printed = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(printed) == {"backend", "learners", "turns", "turns_per_s", "p50_ms", "p95_ms",
                            "lost_attempts", "duplicated_attempts", "errors"}
    assert LoadReport.model_validate(printed).turns == 3 * 4
