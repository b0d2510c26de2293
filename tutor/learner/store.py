"""The learner store: learners, their learner models and their attempts, in SQLite.

One file (``<data>/learners.sqlite`` by default) in WAL mode, so that readers never block the
writer; a busy timeout plus a few retries absorb "database is locked" when several processes
(e.g. several web app instances) write at once. Within a process one connection is shared
behind a lock, so the store is safe to use from many threads.

Every query is scoped by the learner id (except :meth:`LearnerStore.course_attempts`, the
course-wide attempts behind the author's counts), and learner ids are checked (a lower-case
slug), so a learner can never reach another learner's rows or a path outside the data folder. Recording an
attempt is idempotent: the attempt id is the primary key, and a second record of the same id is
ignored without touching the model. Passphrases are stored as salted scrypt hashes.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

from tutor.clock import Clock, system_clock
from tutor.database import open_database
from tutor.errors import LearnerError
from tutor.learner.model import Attempt, LearnerModel
from tutor.safety.names import clean_profile_name, profile_id_for
from tutor.safety.passphrases import check_new_passphrase, limiter_in

if TYPE_CHECKING:
    from tutor.context import TutorContext

_LEARNER_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_RETRIES = 5
STATEMENT_WAIT_S = 2.0
"""How long one statement waits for another writer before a retry: with :data:`_RETRIES`, a
learner waits about 11 s at most for a store another program keeps locked, then reads a
one-line message (a write by another learner takes milliseconds)."""
T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS learners (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    passphrase TEXT
);
CREATE TABLE IF NOT EXISTS models (
    learner_id TEXT NOT NULL,
    course TEXT NOT NULL,
    data TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (learner_id, course)
);
CREATE TABLE IF NOT EXISTS attempts (
    id TEXT PRIMARY KEY,
    learner_id TEXT NOT NULL,
    course TEXT NOT NULL,
    at TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS attempts_by_learner ON attempts (learner_id, course, at);
CREATE INDEX IF NOT EXISTS attempts_by_course ON attempts (course, at);
"""


class Learner(BaseModel):
    """Someone who learns with the tutor."""

    id: str
    """Lower-case slug made from the name; the key of everything stored about the learner."""
    name: str
    created_at: datetime
    has_passphrase: bool


def learner_id_for(name: str) -> str:
    """The learner id for a display name (see :func:`tutor.safety.names.profile_id_for`)."""
    return profile_id_for(name)


def check_learner_id(learner_id: str) -> str:
    """Return ``learner_id`` if it is a safe id, else raise :class:`LearnerError`."""
    if not isinstance(learner_id, str) or not _LEARNER_ID.fullmatch(learner_id):
        raise LearnerError(
            f"{learner_id!r} is not a valid learner id; use lower-case letters, digits and dashes"
        )
    return learner_id


def hash_passphrase(passphrase: str) -> str:
    """``scrypt$<salt hex>$<hash hex>`` with a fresh random salt."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def passphrase_matches(stored: str, passphrase: str) -> bool:
    try:
        scheme, salt_hex, digest_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(
        passphrase.encode("utf-8"), salt=bytes.fromhex(salt_hex), dklen=32, **_SCRYPT
    )
    return hmac.compare_digest(digest.hex(), digest_hex)


class LearnerStore:
    """Learners, learner models and attempts in one SQLite file."""

    def __init__(self, path: Path, *, clock: Clock = system_clock) -> None:
        self.path = Path(path)
        self.clock = clock
        self._lock = threading.RLock()
        self._db = open_database(self.path, autocommit=True, busy_timeout_s=STATEMENT_WAIT_S)
        self._retry(lambda: self._db.executescript(_SCHEMA))

    @classmethod
    def default(cls, context: TutorContext) -> LearnerStore:
        """The store under the context's data folder, on the context's clock."""
        return cls(Path(context.data) / "learners.sqlite", clock=context.clock)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- plumbing ----------------------------------------------------------------------------
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
                        f"the learner store {self.path} stays locked by another program; close "
                        "it (or stop the other tutor using this data folder) and retry"
                    ) from exc
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    def _transaction(self, body: Callable[[sqlite3.Connection], T]) -> T:
        def run() -> T:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                result = body(self._db)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            return result

        return self._retry(run)

    # -- learners ----------------------------------------------------------------------------
    def create_learner(self, name: str, passphrase: str | None = None) -> Learner:
        """A new learner whose id is the slug of ``name``; LearnerError if it is taken."""
        learner_id = learner_id_for(name)
        name = clean_profile_name(name)
        created = self.clock()
        hashed = hash_passphrase(check_new_passphrase(passphrase)) if passphrase else None

        def insert(db: sqlite3.Connection) -> None:
            try:
                db.execute(
                    "INSERT INTO learners (id, name, created_at, passphrase) VALUES (?, ?, ?, ?)",
                    (learner_id, name.strip(), created.isoformat(), hashed),
                )
            except sqlite3.IntegrityError as exc:
                raise LearnerError(
                    f"a learner called {learner_id!r} already exists; pick another name"
                ) from exc

        self._transaction(insert)
        return Learner(
            id=learner_id, name=name.strip(), created_at=created, has_passphrase=bool(hashed)
        )

    def get_learner(self, learner_id: str) -> Learner:
        check_learner_id(learner_id)
        row = self._retry(
            lambda: self._db.execute(
                "SELECT id, name, created_at, passphrase FROM learners WHERE id = ?",
                (learner_id,),
            ).fetchone()
        )
        if row is None:
            raise LearnerError(f"no learner {learner_id!r}; create one first")
        return _learner(row)

    def ensure_learner(self, name: str) -> Learner:
        """The learner with this name's id, created (without passphrase) when new."""
        learner_id = learner_id_for(name)
        try:
            return self.get_learner(learner_id)
        except LearnerError:
            pass
        try:
            return self.create_learner(name)
        except LearnerError:
            return self.get_learner(learner_id)  # created meanwhile by another thread

    def verify_passphrase(self, learner_id: str, passphrase: str | None) -> bool:
        """True when the passphrase is right, or when the learner has none."""
        check_learner_id(learner_id)
        row = self._retry(
            lambda: self._db.execute(
                "SELECT passphrase FROM learners WHERE id = ?", (learner_id,)
            ).fetchone()
        )
        if row is None:
            raise LearnerError(f"no learner {learner_id!r}; create one first")
        if not row[0]:
            return True
        stored = row[0]
        limiter = limiter_in(self.path.parent, self.clock)  # shared by every process
        return limiter.attempt(  # wrong attempts are limited per learner
            f"learner:{self.path.name}:{learner_id}",
            lambda: passphrase is not None and passphrase_matches(stored, passphrase),
        )

    def list_learners(self) -> list[Learner]:
        rows = self._retry(
            lambda: self._db.execute(
                "SELECT id, name, created_at, passphrase FROM learners ORDER BY id"
            ).fetchall()
        )
        return [_learner(row) for row in rows]

    # -- learner models ----------------------------------------------------------------------
    def load(self, learner_id: str, course: str) -> LearnerModel:
        """The stored model of this learner in this course, or a fresh one."""
        check_learner_id(learner_id)
        row = self._retry(
            lambda: self._db.execute(
                "SELECT data FROM models WHERE learner_id = ? AND course = ?",
                (learner_id, course),
            ).fetchone()
        )
        if row is None:
            return LearnerModel(learner_id=learner_id, course=course)
        return LearnerModel.model_validate_json(row[0])

    def save(self, model: LearnerModel) -> None:
        check_learner_id(model.learner_id)
        self._transaction(lambda db: _save_model(db, model, self.clock()))

    def record(self, attempt: Attempt, model: LearnerModel) -> bool:
        """Store the attempt and the model in one transaction.

        Returns False (and saves nothing) when an attempt with this id was recorded before.
        """
        check_learner_id(attempt.learner_id)
        if (attempt.learner_id, attempt.course) != (model.learner_id, model.course):
            raise LearnerError(
                f"attempt of {attempt.learner_id!r} in {attempt.course!r} does not match the "
                f"model of {model.learner_id!r} in {model.course!r}"
            )

        def insert(db: sqlite3.Connection) -> bool:
            cursor = db.execute(
                "INSERT OR IGNORE INTO attempts (id, learner_id, course, at, data) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    attempt.id,
                    attempt.learner_id,
                    attempt.course,
                    attempt.at.isoformat(),
                    attempt.model_dump_json(),
                ),
            )
            if cursor.rowcount == 0:
                return False
            _save_model(db, model, self.clock())
            return True

        return self._transaction(insert)

    def attempts(self, learner_id: str, course: str) -> list[Attempt]:
        """This learner's attempts in this course, oldest first."""
        check_learner_id(learner_id)
        rows = self._retry(
            lambda: self._db.execute(
                "SELECT data FROM attempts WHERE learner_id = ? AND course = ? "
                "ORDER BY at, rowid",
                (learner_id, course),
            ).fetchall()
        )
        return [Attempt.model_validate_json(row[0]) for row in rows]

    def course_attempts(self, course: str) -> list[Attempt]:
        """Every learner's attempts in this course, oldest first: for the author's analytics,
        which report counts only (the one query not scoped by a learner id)."""
        rows = self._retry(
            lambda: self._db.execute(
                "SELECT data FROM attempts WHERE course = ? ORDER BY at, rowid", (course,)
            ).fetchall()
        )
        return [Attempt.model_validate_json(row[0]) for row in rows]


def _save_model(db: sqlite3.Connection, model: LearnerModel, now: datetime) -> None:
    db.execute(
        "INSERT INTO models (learner_id, course, data, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (learner_id, course) DO UPDATE SET data = excluded.data, "
        "updated_at = excluded.updated_at",
        (model.learner_id, model.course, model.model_dump_json(), now.isoformat()),
    )


def _learner(row: tuple) -> Learner:
    return Learner(
        id=row[0],
        name=row[1],
        created_at=datetime.fromisoformat(row[2]),
        has_passphrase=bool(row[3]),
    )
