"""The learner store: learners, their learner models and their attempts.

The tables live in a backend (:mod:`tutor.storage`): by default one SQLite file
(``<data>/learners.sqlite``, WAL, shared behind a lock within a process), or a PostgreSQL server
when ``TUTOR_DATABASE_URL`` is set. The SQL below is the same for both; the backend runs it in
transactions and retries what is worth retrying.

Every query is scoped by the learner id (except :meth:`LearnerStore.course_attempts`, the
course-wide attempts behind the author's counts), and learner ids are checked (a lower-case
slug), so a learner can never reach another learner's rows or a path outside the data folder.
Recording an attempt is idempotent: the attempt id is the primary key, and a second record of the
same id is ignored without touching the model, in one transaction, so two processes replaying the
same turn store one row. Passphrases are stored as salted scrypt hashes.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from tutor.clock import Clock, system_clock
from tutor.errors import LearnerError
from tutor.learner.model import Attempt, LearnerModel
from tutor.safety.names import clean_profile_name, profile_id_for
from tutor.safety.passphrases import check_new_passphrase, limiter_for
from tutor.storage.tables import LearnerTables, Session

if TYPE_CHECKING:
    from tutor.context import TutorContext

_LEARNER_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


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
    """Learners, learner models and attempts, in a SQLite file or a PostgreSQL server."""

    def __init__(self, path: Path | None = None, *, clock: Clock = system_clock,
                 tables: LearnerTables | None = None) -> None:
        """The store in the SQLite file at ``path``, or in ``tables`` (any backend)."""
        if tables is None:
            if path is None:
                raise ValueError("give the store a path or its tables")
            from tutor.storage.sqlite_files import SqliteLearnerTables

            tables = SqliteLearnerTables(Path(path))
        self.tables = tables
        self.backend = tables.backend
        self.location = tables.location
        self.path = Path(path) if path is not None else getattr(tables, "path", None)
        """The SQLite file (None on a server)."""
        self.clock = clock

    @classmethod
    def default(cls, context: TutorContext) -> LearnerStore:
        """The store the context names (``TUTOR_DATABASE_URL``, else the data folder's file),
        on the context's clock."""
        from tutor.storage.choice import open_learner_tables

        return cls(tables=open_learner_tables(context), clock=context.clock)

    @property
    def _db(self) -> Any:
        """The SQLite connection (tests of the file backend reach into it)."""
        return getattr(self.tables, "connection", None)

    def close(self) -> None:
        self.tables.close()

    # -- learners ----------------------------------------------------------------------------
    def create_learner(self, name: str, passphrase: str | None = None) -> Learner:
        """A new learner whose id is the slug of ``name``; LearnerError if it is taken."""
        learner_id = learner_id_for(name)
        name = clean_profile_name(name)
        created = self.clock()
        hashed = hash_passphrase(check_new_passphrase(passphrase)) if passphrase else None

        def insert(db: Session) -> int:
            return db.run(
                "INSERT INTO learners (id, name, created_at, passphrase) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (id) DO NOTHING",
                (learner_id, name.strip(), created.isoformat(), hashed),
            )

        if self.tables.transaction(insert) == 0:
            raise LearnerError(
                f"a learner called {learner_id!r} already exists; pick another name"
            )
        return Learner(
            id=learner_id, name=name.strip(), created_at=created, has_passphrase=bool(hashed)
        )

    def get_learner(self, learner_id: str) -> Learner:
        check_learner_id(learner_id)
        row = _first(self.tables.read(
            "SELECT id, name, created_at, passphrase FROM learners WHERE id = ?", (learner_id,)))
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
        row = _first(self.tables.read("SELECT passphrase FROM learners WHERE id = ?",
                                      (learner_id,)))
        if row is None:
            raise LearnerError(f"no learner {learner_id!r}; create one first")
        if not row[0]:
            return True
        stored = row[0]
        limiter = limiter_for(self.path.parent if self.path else None, self.clock)
        return limiter.attempt(  # wrong attempts are limited per learner
            f"learner:{self.location}:{learner_id}",
            lambda: passphrase is not None and passphrase_matches(stored, passphrase),
        )

    def list_learners(self) -> list[Learner]:
        rows = self.tables.read("SELECT id, name, created_at, passphrase FROM learners ORDER BY id")
        return [_learner(row) for row in rows]

    # -- learner models ----------------------------------------------------------------------
    def load(self, learner_id: str, course: str) -> LearnerModel:
        """The stored model of this learner in this course, or a fresh one."""
        check_learner_id(learner_id)
        row = _first(self.tables.read(
            "SELECT data FROM models WHERE learner_id = ? AND course = ?", (learner_id, course)))
        if row is None:
            return LearnerModel(learner_id=learner_id, course=course)
        return LearnerModel.model_validate_json(row[0])

    def save(self, model: LearnerModel) -> None:
        check_learner_id(model.learner_id)
        self.tables.transaction(lambda db: _save_model(db, model, self.clock()))

    def mark_read(self, learner_id: str, course: str, concept_id: str, at: datetime) -> None:
        """Record that ``concept_id`` was taught by reading only (no exercise on it); a
        second reading changes nothing."""
        model = self.load(learner_id, course)
        if not model.is_read(concept_id):
            self.save(model.with_read(concept_id, at))

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

        def insert(db: Session) -> bool:
            inserted = db.run(
                "INSERT INTO attempts (id, learner_id, course, at, data) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                (
                    attempt.id,
                    attempt.learner_id,
                    attempt.course,
                    attempt.at.isoformat(),
                    attempt.model_dump_json(),
                ),
            )
            if inserted == 0:
                return False
            _save_model(db, model, self.clock())
            return True

        return self.tables.transaction(insert)

    def attempts(self, learner_id: str, course: str) -> list[Attempt]:
        """This learner's attempts in this course, oldest first."""
        check_learner_id(learner_id)
        rows = self.tables.read(
            "SELECT data FROM attempts WHERE learner_id = ? AND course = ? "
            f"ORDER BY at, {self.tables.sequence}",
            (learner_id, course),
        )
        return [Attempt.model_validate_json(row[0]) for row in rows]

    def course_attempts(self, course: str) -> list[Attempt]:
        """Every learner's attempts in this course, oldest first: for the author's analytics,
        which report counts only (the one query not scoped by a learner id)."""
        rows = self.tables.read(
            f"SELECT data FROM attempts WHERE course = ? ORDER BY at, {self.tables.sequence}",
            (course,),
        )
        return [Attempt.model_validate_json(row[0]) for row in rows]

    def attempt_count(self) -> int:
        """Attempts stored for every learner and course (what a load check compares)."""
        return int(self.tables.read("SELECT count(*) FROM attempts")[0][0])


def _first(rows: list[tuple[Any, ...]]) -> tuple[Any, ...] | None:
    return rows[0] if rows else None


def _save_model(db: Session, model: LearnerModel, now: datetime) -> None:
    db.run(
        "INSERT INTO models (learner_id, course, data, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (learner_id, course) DO UPDATE SET data = excluded.data, "
        "updated_at = excluded.updated_at",
        (model.learner_id, model.course, model.model_dump_json(), now.isoformat()),
    )


def _learner(row: tuple[Any, ...]) -> Learner:
    return Learner(
        id=row[0],
        name=row[1],
        created_at=datetime.fromisoformat(row[2]),
        has_passphrase=bool(row[3]),
    )
