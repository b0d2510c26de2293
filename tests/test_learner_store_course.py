"""LearnerStore.course_attempts: every learner's attempts of one course, for the author."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tutor.learner.model import Attempt, LearnerModel
from tutor.learner.store import LearnerStore

NOW = datetime(2026, 1, 1, 10, 0, tzinfo=UTC)


def _attempt(id: str, learner: str, course: str, minute: int, correct: bool = True) -> Attempt:
    return Attempt(
        id=id,
        learner_id=learner,
        course=course,
        concept_id="events",
        exercise_id="events-1",
        answer="a",
        correct=correct,
        score=1.0 if correct else 0.0,
        at=NOW + timedelta(minutes=minute),
    )


def _record(store: LearnerStore, attempt: Attempt) -> None:
    model = LearnerModel(learner_id=attempt.learner_id, course=attempt.course)
    assert store.record(attempt, model)


def test_course_attempts_gathers_every_learner_oldest_first(tmp_path: Path) -> None:
    store = LearnerStore(tmp_path / "learners.sqlite")
    for learner in ("ada", "bob"):
        store.create_learner(learner)
    _record(store, _attempt("a2", "ada", "probability", 2, correct=False))
    _record(store, _attempt("b1", "bob", "probability", 1))
    _record(store, _attempt("a3", "ada", "probability", 3))
    _record(store, _attempt("x1", "ada", "algebra", 0))

    found = store.course_attempts("probability")

    assert [a.id for a in found] == ["b1", "a2", "a3"]
    assert {a.learner_id for a in found} == {"ada", "bob"}
    assert all(a.course == "probability" for a in found)
    assert [a.correct for a in found] == [True, False, True]
    assert found[1] == _attempt("a2", "ada", "probability", 2, correct=False)
    assert [a.id for a in store.course_attempts("algebra")] == ["x1"]
    assert store.course_attempts("no-such-course") == []
    # A replayed attempt is stored once, so it is counted once.
    assert not store.record(_attempt("b1", "bob", "probability", 1), LearnerModel(
        learner_id="bob", course="probability"))
    assert len(store.course_attempts("probability")) == 3
    store.close()


def test_course_attempts_is_indexed_by_course(tmp_path: Path) -> None:
    store = LearnerStore(tmp_path / "learners.sqlite")
    store.close()
    with sqlite3.connect(tmp_path / "learners.sqlite") as db:
        plan = db.execute(
            "EXPLAIN QUERY PLAN SELECT data FROM attempts WHERE course = ? ORDER BY at, rowid",
            ("probability",),
        ).fetchall()
    assert any("attempts_by_course" in str(row) for row in plan)
