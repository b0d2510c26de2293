"""Opening the tutor's SQLite files: one way, set up once.

Every SQLite file the tutor writes (the learner store, lesson checkpoints, the Claude usage log)
is opened with :func:`open_database`. Each connection gets a busy timeout, so a writer in
another process makes it wait rather than fail, and ``synchronous = NORMAL`` (with WAL a commit
does not wait for the disk: a killed process loses nothing, a power cut may lose the last
step and never corrupts the file).

Write-ahead logging is a property of the file, not of the connection: it is switched on once,
when the file is new (or still in another mode), under an exclusive lock with retries. Opening
an existing WAL file only reads the mode, so many lessons opening at once never queue for the
lock that changing the mode takes ("database is locked" under load).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from tutor.errors import StorageError

BUSY_TIMEOUT_S = 30.0
"""How long a connection waits for another writer before SQLite reports the file busy."""
_MODE_RETRIES = 8


def open_database(path: Path, *, autocommit: bool = False,
                  busy_timeout_s: float = BUSY_TIMEOUT_S) -> sqlite3.Connection:
    """A connection to the SQLite file at ``path`` (created with its folder when missing), in
    WAL mode, with a busy timeout; usable from several threads behind the caller's lock.

    ``autocommit=True`` leaves transactions to the caller (``BEGIN IMMEDIATE`` ... ``COMMIT``);
    ``busy_timeout_s`` is how long one statement waits for another writer.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(
        path,
        timeout=busy_timeout_s,
        check_same_thread=False,
        isolation_level=None if autocommit else "DEFERRED",
    )
    connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
    _ensure_wal(connection, path)
    connection.execute("PRAGMA synchronous = NORMAL")
    return connection


def _ensure_wal(connection: sqlite3.Connection, path: Path) -> None:
    delay = 0.05
    for attempt in range(_MODE_RETRIES):
        try:
            mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() == "wal":
                return
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise StorageError(f"cannot open {path.name}: {exc}") from exc
            if attempt == _MODE_RETRIES - 1:
                raise StorageError(
                    f"{path.name} stays locked by another process; close other tutor "
                    "windows and retry"
                ) from exc
            time.sleep(delay)
            delay *= 2
