"""A lesson's transcript and checkpoint pruning on a PostgreSQL server.

The same duties as :class:`tutor.teach.lesson_storage.LessonStorage` has for ``lessons.sqlite``
(the whole transcript beside the light checkpoints, the latest checkpoint of a thread, pruning
of older ones), on the tables LangGraph's ``PostgresSaver`` keeps (``checkpoints``,
``checkpoint_writes``) plus ``lesson_transcript``, made with the rest of the schema
(:func:`tutor.storage.postgres_server._prepare_schema`). Pruning deletes older checkpoints and
their pending writes; the per-channel blobs they shared with the latest checkpoint stay.
"""

from __future__ import annotations

import json
from typing import Any

TRANSCRIPT_TABLE = """
CREATE TABLE IF NOT EXISTS lesson_transcript (
    thread_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (thread_id, seq)
)
"""


class ServerLessonStorage:
    """Transcript rows and checkpoint pruning through the process's connection pool."""

    def __init__(self, pool: Any) -> None:
        self.pool = pool

    def _rows(self, sql: str, params: tuple[Any, ...]) -> list[Any]:
        with self.pool.connection() as connection:
            return list(connection.execute(sql, params).fetchall())

    # -- the transcript ---------------------------------------------------------------------
    def record(self, thread_id: str, said: int, recent: list[dict[str, Any]]) -> None:
        """Store the messages of ``recent`` (the last ``len(recent)`` of the ``said`` said so
        far) that the table does not hold yet."""
        first = said - len(recent)
        with self.pool.connection() as connection, connection.transaction():
            row = connection.execute(
                "SELECT coalesce(max(seq), -1) AS top FROM lesson_transcript "
                "WHERE thread_id = %s", (thread_id,)).fetchone()
            stored = row["top"] if row else -1
            for i, message in enumerate(recent):
                if first + i > stored:
                    connection.execute(
                        "INSERT INTO lesson_transcript (thread_id, seq, message) "
                        "VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                        (thread_id, first + i, json.dumps(message, ensure_ascii=False)))

    def transcript(self, thread_id: str, limit: int | None = None) -> list[dict[str, Any]]:
        """The thread's messages, oldest first: all of them, or the last ``limit``."""
        rows = self._rows(
            "SELECT message FROM lesson_transcript WHERE thread_id = %s "
            "ORDER BY seq DESC LIMIT %s", (thread_id, limit))
        return [json.loads(row["message"]) for row in reversed(rows)]

    def count(self, thread_id: str) -> int:
        rows = self._rows("SELECT count(*) AS n FROM lesson_transcript WHERE thread_id = %s",
                          (thread_id,))
        return int(rows[0]["n"]) if rows else 0

    # -- checkpoints --------------------------------------------------------------------------
    def latest(self, thread_id: str) -> tuple[str | None, int]:
        """The thread's latest checkpoint id and how many writes are pending on it."""
        with self.pool.connection() as connection:
            row = connection.execute(
                "SELECT max(checkpoint_id) AS latest FROM checkpoints WHERE thread_id = %s "
                "AND checkpoint_ns = ''", (thread_id,)).fetchone()
            latest = row["latest"] if row else None
            writes = connection.execute(
                "SELECT count(*) AS n FROM checkpoint_writes WHERE thread_id = %s "
                "AND checkpoint_ns = '' AND checkpoint_id = %s", (thread_id, latest)).fetchone()
        return latest, int(writes["n"]) if writes else 0

    def prune(self, thread_id: str) -> None:
        """Delete the thread's checkpoints older than its latest one (per namespace), and the
        writes pending on them."""
        with self.pool.connection() as connection, connection.transaction():
            for table in ("checkpoints", "checkpoint_writes"):
                connection.execute(
                    f"DELETE FROM {table} t WHERE t.thread_id = %s AND t.checkpoint_id < ("
                    "SELECT max(c.checkpoint_id) FROM checkpoints c WHERE c.thread_id = %s "
                    "AND c.checkpoint_ns = t.checkpoint_ns)", (thread_id, thread_id))
