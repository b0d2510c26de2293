"""SQLite files are set up once: WAL when a file is created, a busy timeout on every
connection, and opening an existing file never asks to change its journal mode."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tutor import database
from tutor.database import BUSY_TIMEOUT_S, open_database
from tutor.engine.claude.usage import UsageLog, UsageRecord
from tutor.learner.store import LearnerStore


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement run on connections that tutor.database opens."""
    seen: list[str] = []
    real_connect = sqlite3.connect

    def traced(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        connection = real_connect(*args, **kwargs)
        connection.set_trace_callback(seen.append)
        return connection

    monkeypatch.setattr(database.sqlite3, "connect", traced)
    return seen


def _mode_changes(statements: list[str]) -> int:
    return sum(1 for s in statements if s.replace(" ", "").lower() == "pragmajournal_mode=wal")


def test_wal_is_set_when_the_file_is_created_and_only_then(tmp_path: Path, statements) -> None:
    path = tmp_path / "data" / "lessons.sqlite"
    first = open_database(path)
    assert first.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert _mode_changes(statements) == 1
    for _ in range(5):
        again = open_database(path)
        assert again.execute("PRAGMA busy_timeout").fetchone()[0] == int(BUSY_TIMEOUT_S * 1000)
        again.close()
    assert _mode_changes(statements) == 1  # five more lessons opened, no lock taken for it
    first.close()


def test_a_file_made_elsewhere_in_another_mode_is_switched_once(tmp_path, statements) -> None:
    path = tmp_path / "old.sqlite"
    legacy = sqlite3.connect(path)
    legacy.execute("CREATE TABLE t (x)")
    legacy.commit()
    legacy.close()
    open_database(path).close()
    open_database(path).close()
    assert _mode_changes(statements) == 1
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_store_and_the_usage_log_open_through_one_place(tmp_path, statements) -> None:
    store = LearnerStore(tmp_path / "learners.sqlite")
    store.ensure_learner("ana")
    store.close()
    store = LearnerStore(tmp_path / "learners.sqlite")
    assert store.get_learner("ana").name == "ana"
    store.close()
    log = UsageLog(tmp_path / "usage.sqlite")
    log.record(UsageRecord(task="grade", model="m", learner_id="ana", input_tokens=10))
    log.record(UsageRecord(task="grade", model="m", learner_id="ana", input_tokens=5))
    assert log.totals("ana").input_tokens == 15
    assert _mode_changes(statements) == 2  # one per file, at creation
    assert any("busy_timeout" in s for s in statements)
