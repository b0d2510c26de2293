"""The embedded backend: the learner store and lesson checkpoints in SQLite files.

``<data>/learners.sqlite`` holds the learner tables and ``<data>/lessons.sqlite`` the teach
graph's checkpoints (LangGraph's ``SqliteSaver``). Both are opened by
:func:`tutor.database.open_database` (WAL, busy timeout). Within a process one connection per
file is shared behind a lock, so the tables are safe to use from many threads; a busy timeout
plus a few retries absorb "database is locked" when several processes write at once.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from tutor.database import open_database
from tutor.errors import LearnerError
from tutor.storage.tables import LEARNER_TABLES, SCHEMA_VERSION

T = TypeVar("T")
_RETRIES = 5
STATEMENT_WAIT_S = 2.0
"""How long one statement waits for another writer before a retry: with :data:`_RETRIES`, a
learner waits about 11 s at most for a store another program keeps locked, then reads a
one-line message (a write by another learner takes milliseconds)."""
LEARNERS_FILE = "learners.sqlite"
LESSONS_FILE = "lessons.sqlite"


class _FileSession:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._connection.execute(sql, tuple(params)).rowcount

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._connection.execute(sql, tuple(params)).fetchall()


class SqliteLearnerTables:
    """The learner tables in one SQLite file."""

    backend = "sqlite"
    sequence = "rowid"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self._lock = threading.RLock()
        self.connection = open_database(self.path, autocommit=True,
                                        busy_timeout_s=STATEMENT_WAIT_S)
        script = ";\n".join(s.format(sequence="") for s in LEARNER_TABLES)
        self._retry(lambda: self.connection.executescript(
            f"{script};\nPRAGMA user_version = {SCHEMA_VERSION};"))

    def _retry(self, operation: Callable[[], T]) -> T:
        """Run ``operation`` under the lock, retrying when another process holds the file."""
        delay = 0.05
        for attempt in range(_RETRIES):
            try:
                with self._lock:
                    return operation()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if attempt == _RETRIES - 1:
                    raise LearnerError(
                        f"the learner store {self.path} stays locked by another program; close it (or "
                        "stop the other tutor using this data folder) and retry"
                    ) from exc
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    def transaction(self, body: Callable[[_FileSession], T]) -> T:
        def run() -> T:
            self.connection.execute("BEGIN IMMEDIATE")
            try:
                result = body(_FileSession(self.connection))
            except BaseException:
                self.connection.execute("ROLLBACK")
                raise
            self.connection.execute("COMMIT")
            return result

        return self._retry(run)

    def read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._retry(lambda: self.connection.execute(sql, tuple(params)).fetchall())

    def close(self) -> None:
        with self._lock:
            self.connection.close()


class SqliteCheckpoints:
    """Lesson checkpoints in ``lessons.sqlite`` (one connection per lesson)."""

    backend = "sqlite"

    def __init__(self, path: Path) -> None:
        from langgraph.checkpoint.sqlite import SqliteSaver

        self.path = Path(path)
        self.location = str(self.path)
        # WAL is switched on when the file is created, not by every lesson (tutor.database).
        from tutor.teach.lesson_storage import LessonStorage, checkpoint_serde

        self._connection = open_database(self.path)
        self._saver = SqliteSaver(self._connection, serde=checkpoint_serde())
        self._saver.setup()
        self.storage = LessonStorage(self._connection, self._saver.lock)

    @property
    def saver(self) -> Any:
        return self._saver

    def close(self) -> None:
        self._connection.close()
