"""The learner store: learners, models and attempts in SQLite, isolated and idempotent."""

from __future__ import annotations

import sqlite3
import threading
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tutor.context import TutorContext
from tutor.errors import LearnerError
from tutor.learner.model import Attempt, ConceptMastery, LearnerModel
from tutor.learner.store import LearnerStore, check_learner_id, learner_id_for

NOW = datetime(2026, 1, 1, 10, 0, tzinfo=UTC)


def attempt(learner: str, concept: str = "events", *, id: str = "", minute: int = 0) -> Attempt:
    return Attempt(
        id=id or uuid.uuid4().hex,
        learner_id=learner,
        course="probability",
        concept_id=concept,
        exercise_id=f"{concept}-1",
        answer="a",
        correct=True,
        score=1.0,
        at=NOW + timedelta(minutes=minute),
    )


def model(learner: str, p_known: float = 0.5) -> LearnerModel:
    return LearnerModel(
        learner_id=learner,
        course="probability",
        concepts={"events": ConceptMastery(concept_id="events", p_known=p_known, attempts=1)},
        summary=f"summary of {learner}",
    )


@pytest.fixture
def store(tmp_path: Path) -> LearnerStore:
    return LearnerStore(tmp_path / "learners.sqlite")


def test_default_store_lives_in_the_data_folder(tutor_home: Path) -> None:
    store = LearnerStore.default(TutorContext.from_env())
    assert store.path == tutor_home / ".tutor" / "learners.sqlite"
    assert store.path.exists()


def test_wal_mode(store: LearnerStore) -> None:
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_create_get_list_and_ensure(store: LearnerStore) -> None:
    ada = store.create_learner("Ada Lovelace")
    assert ada.id == "ada-lovelace" and ada.name == "Ada Lovelace" and not ada.has_passphrase
    assert store.get_learner("ada-lovelace") == ada
    assert store.ensure_learner("Ada Lovelace") == ada
    bob = store.ensure_learner("bob")
    assert [learner.id for learner in store.list_learners()] == ["ada-lovelace", "bob"]
    assert bob.created_at.tzinfo is not None
    with pytest.raises(LearnerError, match="already exists"):
        store.create_learner("ada lovelace")
    with pytest.raises(LearnerError, match="no learner"):
        store.get_learner("carol")


def test_passphrase_is_stored_as_salted_scrypt(store: LearnerStore) -> None:
    store.create_learner("ada", passphrase="correct horse")
    store.create_learner("bob", passphrase="correct horse")
    assert store.get_learner("ada").has_passphrase
    assert store.verify_passphrase("ada", "correct horse")
    assert not store.verify_passphrase("ada", "wrong")
    assert not store.verify_passphrase("ada", None)
    store.create_learner("carol")
    assert store.verify_passphrase("carol", None)
    with sqlite3.connect(store.path) as db:
        rows = dict(db.execute("SELECT id, passphrase FROM learners").fetchall())
    assert rows["ada"].startswith("scrypt$") and "correct horse" not in rows["ada"]
    assert rows["ada"] != rows["bob"]  # a random salt per learner


@pytest.mark.parametrize("bad", ["../x", "a/b", "Ada", "", "x" * 65, "-a", "a b", "a\x00"])
def test_unsafe_learner_ids_are_refused(store: LearnerStore, bad: str) -> None:
    with pytest.raises(LearnerError):
        check_learner_id(bad)
    with pytest.raises(LearnerError):
        store.load(bad, "probability")
    with pytest.raises(LearnerError):
        store.attempts(bad, "probability")
    with pytest.raises(LearnerError):
        store.get_learner(bad)


def test_learner_names_become_safe_ids() -> None:
    assert learner_id_for("../Ada/..") == "ada"
    with pytest.raises(LearnerError):
        learner_id_for("../..")


def test_load_fresh_then_round_trip(store: LearnerStore) -> None:
    fresh = store.load("ada", "probability")
    assert fresh == LearnerModel(learner_id="ada", course="probability")
    store.save(model("ada", 0.7))
    assert store.load("ada", "probability") == model("ada", 0.7)
    store.save(model("ada", 0.9))
    assert store.load("ada", "probability").p_known("events") == pytest.approx(0.9)


def test_record_is_idempotent(store: LearnerStore) -> None:
    first = attempt("ada", id="a" * 32)
    assert store.record(first, model("ada", 0.6))
    assert not store.record(first, model("ada", 0.99))  # same id: ignored, model not saved
    assert store.attempts("ada", "probability") == [first]
    assert store.load("ada", "probability").p_known("events") == pytest.approx(0.6)


def test_record_refuses_a_model_of_someone_else(store: LearnerStore) -> None:
    with pytest.raises(LearnerError):
        store.record(attempt("ada"), model("bob"))
    assert store.attempts("ada", "probability") == []


def test_learners_never_see_each_other(store: LearnerStore) -> None:
    store.record(attempt("ada", minute=1), model("ada", 0.3))
    store.record(attempt("bob", minute=2), model("bob", 0.8))
    assert {a.learner_id for a in store.attempts("ada", "probability")} == {"ada"}
    assert {a.learner_id for a in store.attempts("bob", "probability")} == {"bob"}
    assert store.load("ada", "probability").summary == "summary of ada"
    assert store.load("bob", "probability").p_known("events") == pytest.approx(0.8)
    assert store.attempts("ada", "another-course") == []


def test_data_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "learners.sqlite"
    first = LearnerStore(path)
    first.create_learner("ada", passphrase="pw-long-enough")
    first.record(attempt("ada"), model("ada", 0.4))
    first.close()
    second = LearnerStore(path)
    assert second.verify_passphrase("ada", "pw-long-enough")
    assert len(second.attempts("ada", "probability")) == 1
    assert second.load("ada", "probability") == model("ada", 0.4)


def test_attempts_come_back_oldest_first(store: LearnerStore) -> None:
    late, early = attempt("ada", minute=5), attempt("ada", minute=1)
    store.record(late, model("ada"))
    store.record(early, model("ada"))
    assert [a.id for a in store.attempts("ada", "probability")] == [early.id, late.id]


def test_eight_threads_record_without_loss_or_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "learners.sqlite"
    shared = LearnerStore(path)
    other = LearnerStore(path)  # a second connection to the same file, like another process
    learners = [f"learner-{n}" for n in range(8)]
    ids = {name: [uuid.uuid4().hex for _ in range(25)] for name in learners}
    errors: list[BaseException] = []

    def work(index: int, name: str) -> None:
        store = shared if index % 2 else other
        try:
            for minute, attempt_id in enumerate(ids[name]):
                store.record(attempt(name, id=attempt_id, minute=minute), model(name, 0.5))
                # every id is sent twice: the second must be ignored
                store.record(attempt(name, id=attempt_id, minute=minute), model(name, 0.5))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i, n)) for i, n in enumerate(learners)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for name in learners:
        stored = [a.id for a in shared.attempts(name, "probability")]
        assert stored == ids[name]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 8 * 25


def test_a_locked_database_is_retried(store: LearnerStore) -> None:
    store._db.execute("PRAGMA busy_timeout = 0")  # make the lock visible at once
    blocker = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(0.1, lambda: blocker.execute("COMMIT"))
    release.start()
    try:
        assert store.record(attempt("ada"), model("ada"))
    finally:
        release.join()
        blocker.close()
    assert len(store.attempts("ada", "probability")) == 1


def test_a_database_locked_for_long_is_a_learner_error(store: LearnerStore) -> None:
    store._db.execute("PRAGMA busy_timeout = 0")
    blocker = sqlite3.connect(store.path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(LearnerError, match="locked"):
            store.save(model("ada"))
    finally:
        blocker.execute("COMMIT")
        blocker.close()
    store.save(model("ada"))
    assert store.load("ada", "probability") == model("ada")


def test_a_locked_store_gives_up_within_seconds_not_minutes(store: LearnerStore) -> None:
    """The longest a learner can wait on a store another program keeps locked: each try waits
    the connection's busy timeout, then backs off; the sum stays under 15 s (it was 153 s)."""
    from tutor.storage import sqlite_files as store_module

    busy_ms = store._db.execute("PRAGMA busy_timeout").fetchone()[0]
    backoff = sum(0.05 * 2**k for k in range(store_module._RETRIES - 1))
    assert store_module._RETRIES * busy_ms / 1000 + backoff < 15.0


def test_a_database_url_that_is_not_postgresql_is_refused_in_one_line(tutor_home: Path) -> None:
    from tutor.errors import StorageError

    context = TutorContext.from_env(database_url="mysql://root:hunter2@db/tutor")
    with pytest.raises(StorageError) as caught:
        LearnerStore.default(context)
    assert "hunter2" not in str(caught.value) and "\n" not in str(caught.value)
    assert "not a PostgreSQL URL" in str(caught.value)


def test_the_environment_names_the_database_and_the_chroma_server(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTOR_DATABASE_URL", "postgresql://tutor:pw@db:5432/tutor")
    monkeypatch.setenv("TUTOR_CHROMA_URL", "http://chroma:8000")
    context = TutorContext.from_env()
    assert context.database_url == "postgresql://tutor:pw@db:5432/tutor"
    assert context.chroma_url == "http://chroma:8000"
    assert "pw" not in repr(context)
