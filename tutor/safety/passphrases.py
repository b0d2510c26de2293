"""Passphrase rules shared by learner profiles and author accounts: a minimum length, and a
limit on wrong attempts.

After :data:`FREE_ATTEMPTS` wrong passphrases for one account, each further attempt must wait
(:data:`FIRST_WAIT_S` seconds, doubling with each failure up to :data:`MAX_WAIT_S`); a right
passphrase clears the count. The counts live in the data folder
(``passphrase_attempts.sqlite``), so every process serving it (app replicas, the CLI, a
restarted server) sees them: guessing through the tutor is slowed to a few attempts an hour.
It is no defence against someone who can read the database files themselves (the hashes are
scrypt, which is).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from tutor.clock import Clock, system_clock
from tutor.database import open_database
from tutor.errors import LearnerError

MIN_PASSPHRASE = 8
"""Characters a new passphrase must have at least."""
FREE_ATTEMPTS = 5
FIRST_WAIT_S = 30.0
MAX_WAIT_S = 3600.0


def check_new_passphrase(passphrase: str) -> str:
    """The passphrase, or :class:`LearnerError` when it is shorter than the minimum."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise LearnerError(
            f"a passphrase needs at least {MIN_PASSPHRASE} characters (a few words are best)"
        )
    return passphrase


_SCHEMA = """
CREATE TABLE IF NOT EXISTS failures (
    account TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    locked_until TEXT NOT NULL
);
"""
ATTEMPTS_FILE = "passphrase_attempts.sqlite"


class AttemptLimiter:
    """Counts wrong passphrases per account and refuses attempts while one is locked.

    With a ``path`` the counts live in that SQLite file, shared by every process that uses the
    data folder (several app replicas, a restarted server): a guesser gains nothing by
    switching processes or waiting for a restart. Without one they live in memory (tests).
    Times come from the tutor's clock."""

    def __init__(self, path: Path | None = None, clock: Clock = system_clock) -> None:
        self.path = path
        self._clock = clock
        self._lock = threading.Lock()
        self._memory: dict[str, tuple[int, datetime]] = {}
        self._db = None
        if path is not None:
            self._db = open_database(path, autocommit=True, busy_timeout_s=5.0)
            self._db.executescript(_SCHEMA)

    def _read(self, account: str) -> tuple[int, datetime] | None:
        if self._db is None:
            return self._memory.get(account)
        row = self._db.execute(
            "SELECT count, locked_until FROM failures WHERE account = ?", (account,)
        ).fetchone()
        return (int(row[0]), datetime.fromisoformat(row[1])) if row else None

    def check(self, account: str) -> None:
        """:class:`LearnerError` when ``account`` must wait before its next attempt."""
        with self._lock:
            found = self._read(account)
        wait = (found[1] - self._clock()).total_seconds() if found else 0.0
        if wait > 0:
            raise LearnerError(
                f"too many wrong passphrases; try again in {int(wait) + 1} s"
            )

    def record(self, account: str, right: bool) -> None:
        with self._lock:
            if self._db is None:
                self._memory_record(account, right)
                return
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if right:
                    self._db.execute("DELETE FROM failures WHERE account = ?", (account,))
                else:
                    found = self._read(account)
                    count, until = self._next(found)
                    self._db.execute(
                        "INSERT INTO failures (account, count, locked_until) VALUES (?, ?, ?) "
                        "ON CONFLICT (account) DO UPDATE SET count = excluded.count, "
                        "locked_until = excluded.locked_until",
                        (account, count, until.isoformat()),
                    )
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _memory_record(self, account: str, right: bool) -> None:
        if right:
            self._memory.pop(account, None)
        else:
            self._memory[account] = self._next(self._memory.get(account))

    def _next(self, found: tuple[int, datetime] | None) -> tuple[int, datetime]:
        """The count and lock after one more failure."""
        now = self._clock()
        count = (found[0] if found else 0) + 1
        over = count - FREE_ATTEMPTS
        until = now + timedelta(seconds=min(MAX_WAIT_S, FIRST_WAIT_S * 2**over)) if over >= 0 \
            else now
        return count, until

    def attempt(self, account: str, verify: Callable[[], bool]) -> bool:
        """Check the lock, run ``verify`` and record its outcome."""
        self.check(account)
        right = verify()
        self.record(account, right)
        return right


_SHARED: dict[Path | None, AttemptLimiter] = {}
_SHARED_LOCK = threading.Lock()


def limiter_for(data: Path | None, clock: Clock = system_clock) -> AttemptLimiter:
    """The limiter whose counts live in the data folder ``data`` (one per folder and process).
    A store on a database server has no shared folder (``data=None``): its counts live in this
    process."""
    path = (Path(data) / ATTEMPTS_FILE).resolve() if data is not None else None
    with _SHARED_LOCK:
        limiter = _SHARED.get(path)
        if limiter is None or limiter._clock is not clock:
            limiter = _SHARED[path] = AttemptLimiter(path, clock)
        return limiter
