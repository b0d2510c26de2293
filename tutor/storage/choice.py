"""Which backend holds the learner store and the lesson checkpoints.

``TutorContext.database_url`` (``TUTOR_DATABASE_URL``) empty: SQLite files under the data
folder (:mod:`tutor.storage.sqlite_files`). A ``postgresql://`` or ``postgres://`` URL: that
PostgreSQL server (:mod:`tutor.storage.postgres_server`). Anything else is refused in one line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tutor.errors import StorageError
from tutor.safety.urls import redacted_url
from tutor.storage.tables import Checkpoints, LearnerTables

if TYPE_CHECKING:
    from tutor.context import TutorContext

_SCHEMES = ("postgresql://", "postgres://")


def backend_name(context: TutorContext) -> str:
    """``"sqlite"`` or ``"postgres"``: where this context keeps learners and lessons."""
    url = context.database_url.strip()
    if not url:
        return "sqlite"
    if url.startswith(_SCHEMES):
        return "postgres"
    raise StorageError(f"TUTOR_DATABASE_URL {redacted_url(url)!r} is not a PostgreSQL URL; "
                       "use postgresql://user@host:5432/db, or unset it for SQLite files")


def open_learner_tables(context: TutorContext) -> LearnerTables:
    """The learner store's tables for this context (schema created or migrated on start)."""
    if backend_name(context) == "postgres":
        from tutor.storage.postgres_server import PostgresLearnerTables

        return PostgresLearnerTables(context.database_url.strip())
    from tutor.storage.sqlite_files import LEARNERS_FILE, SqliteLearnerTables

    return SqliteLearnerTables(Path(context.data) / LEARNERS_FILE)


def open_checkpoints(context: TutorContext) -> Checkpoints:
    """A lesson's checkpointer for this context."""
    if backend_name(context) == "postgres":
        from tutor.storage.postgres_server import PostgresCheckpoints

        return PostgresCheckpoints(context.database_url.strip())
    from tutor.storage.sqlite_files import LESSONS_FILE, SqliteCheckpoints

    return SqliteCheckpoints(Path(context.data) / LESSONS_FILE)
