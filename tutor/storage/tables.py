"""What the learner store sees of a database: transactions over its three tables.

The learner store (:mod:`tutor.learner.store`) writes its SQL once, with ``?`` placeholders and
statements both SQLite and PostgreSQL accept (``INSERT ... ON CONFLICT ... DO NOTHING``,
``ON CONFLICT ... DO UPDATE``). A backend runs that SQL: it opens connections, creates or
migrates the schema on start, retries what is worth retrying, and turns its driver's errors
about an unreachable or damaged database into a one-line :class:`tutor.errors.StorageError`.

Recording an attempt exactly once rests on the database, not on the process: the attempt id is
the primary key and the insert and the model update share one transaction, so two processes
replaying the same turn store one row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

T = TypeVar("T")

SCHEMA_VERSION = 1
"""The learner tables' schema version; a backend migrates an older database on start."""

LEARNER_TABLES = (
    """CREATE TABLE IF NOT EXISTS learners (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        passphrase TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS models (
        learner_id TEXT NOT NULL,
        course TEXT NOT NULL,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (learner_id, course)
    )""",
    # {sequence} is the backend's insertion-order column (SQLite has rowid already).
    """CREATE TABLE IF NOT EXISTS attempts (
        id TEXT PRIMARY KEY,
        learner_id TEXT NOT NULL,
        course TEXT NOT NULL,
        at TEXT NOT NULL,
        data TEXT NOT NULL{sequence}
    )""",
    "CREATE INDEX IF NOT EXISTS attempts_by_learner ON attempts (learner_id, course, at)",
    "CREATE INDEX IF NOT EXISTS attempts_by_course ON attempts (course, at)",
)
"""Version 1 of the learner tables, in SQL both backends accept."""


class Session(Protocol):
    """One transaction's view of the database."""

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Execute one statement; the number of rows it changed."""
        ...

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Execute one query; its rows."""
        ...


class LearnerTables(Protocol):
    """The learner store's tables in one backend."""

    backend: str
    """``"sqlite"`` or ``"postgres"``."""
    location: str
    """Where the tables are, for messages (a file path, or a server URL without credentials)."""
    sequence: str
    """Column that orders attempts by insertion (``rowid`` or ``seq``)."""

    def transaction(self, body: Callable[[Session], T]) -> T:
        """Run ``body`` in one transaction (retried as a whole when the database is busy);
        committed when it returns, rolled back when it raises."""
        ...

    def read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of one query, outside any write transaction."""
        ...

    def close(self) -> None: ...


class Checkpoints(Protocol):
    """The lesson checkpointer (a LangGraph saver) and what closing it takes."""

    backend: str
    location: str

    storage: Any
    """The lesson's transcript and checkpoint pruning (``record``, ``transcript``, ``count``,
    ``latest``, ``prune``): :class:`tutor.teach.lesson_storage.LessonStorage` for the file,
    :class:`tutor.storage.server_transcripts.ServerLessonStorage` on a server."""

    @property
    def saver(self) -> Any:
        """The LangGraph checkpoint saver to compile the teach graph with."""
        ...

    def close(self) -> None: ...
