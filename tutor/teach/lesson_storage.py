"""What a lesson keeps on disk beside its checkpoints: the whole transcript, and only the
latest checkpoint of each thread.

The teach graph's state carries only the messages since the learner last acted (at most
``state.TRANSCRIPT_LIMIT``) and a count of every message said (``said``), so a checkpoint stays
a few kilobytes however long the lesson runs. The whole transcript lives in the
``lesson_transcript`` table of ``lessons.sqlite``, one row per message numbered by its place in the
lesson: after each run the lesson copies (compressed when long) the messages the state holds that
the table lacks (``INSERT OR IGNORE`` on the number), so a process killed between the checkpoint and
the copy loses nothing; the next run copies them.

A lesson resumes from its latest checkpoint and the writes pending on it; older checkpoints of
the thread are never read again, so :meth:`LessonStorage.prune` deletes them after each run.

Checkpoints and their writes are stored compressed (:func:`checkpoint_serde`): a checkpoint's
version bookkeeping and JSON text shrink about four times with zlib (level 6: a tenth
smaller than the fastest level, for about 0.05 ms more per checkpoint).
Rows written before (no compression marker in their type) load as they are.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import zlib
from typing import Any

from langgraph.checkpoint.serde.encrypted import EncryptedSerializer
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

__all__ = ["LessonStorage", "checkpoint_serde"]

COMPRESS_FROM = 128
"""Serialized values shorter than this (most pending writes) are stored as they are."""


class _Zlib:
    """The envelope of :func:`checkpoint_serde`: zlib for the long values, none for the short.
    (LangGraph's envelope hook is named for ciphers; this one only compresses.)"""

    def encrypt(self, plaintext: bytes) -> tuple[str, bytes]:
        if len(plaintext) < COMPRESS_FROM:
            return "raw", plaintext
        return "zlib", zlib.compress(plaintext, 6)

    def decrypt(self, ciphername: str, ciphertext: bytes) -> bytes:
        if ciphername == "zlib":
            return zlib.decompress(ciphertext)
        if ciphername == "raw":
            return ciphertext
        raise ValueError(f"unknown checkpoint envelope {ciphername!r}")


def _packed(message: dict[str, Any]) -> str | bytes:
    """A transcript row: the message's JSON, zlib-compressed (bytes) when it is long."""
    text = json.dumps(message, separators=(",", ":"), ensure_ascii=False)
    return text if len(text) < COMPRESS_FROM else zlib.compress(text.encode(), 6)


def _unpacked(stored: str | bytes) -> dict[str, Any]:
    data = zlib.decompress(stored).decode() if isinstance(stored, bytes) else stored
    loaded: dict[str, Any] = json.loads(data)
    return loaded


def checkpoint_serde() -> EncryptedSerializer:
    """LangGraph's serializer with the long values compressed (for ``SqliteSaver(serde=...)``)."""
    return EncryptedSerializer(_Zlib(), JsonPlusSerializer())

_SCHEMA = """
CREATE TABLE IF NOT EXISTS lesson_transcript (
    thread_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    message BLOB NOT NULL,
    PRIMARY KEY (thread_id, seq)
)
"""


class LessonStorage:
    """The transcript table and checkpoint pruning on the lesson's connection (the one the
    checkpointer uses; ``lock`` is the checkpointer's, so their statements never interleave)."""

    def __init__(self, connection: sqlite3.Connection, lock: threading.Lock | None = None) -> None:
        self.connection = connection
        self.lock = lock or threading.Lock()
        with self.lock, self.connection:
            self.connection.execute(_SCHEMA)

    # -- the transcript ---------------------------------------------------------------------
    def record(self, thread_id: str, said: int, recent: list[dict[str, Any]]) -> None:
        """Store the messages of ``recent`` (the state's last ``len(recent)`` messages of the
        ``said`` said so far) that the table does not hold yet."""
        first = said - len(recent)
        with self.lock, self.connection:
            stored = self.connection.execute(
                "SELECT coalesce(max(seq), -1) FROM lesson_transcript WHERE thread_id = ?",
                (thread_id,),
            ).fetchone()[0]
            rows = [
                (thread_id, first + i, _packed(message))
                for i, message in enumerate(recent)
                if first + i > stored
            ]
            if rows:
                self.connection.executemany(
                    "INSERT OR IGNORE INTO lesson_transcript (thread_id, seq, message) "
                    "VALUES (?, ?, ?)",
                    rows,
                )

    def transcript(self, thread_id: str, limit: int | None = None) -> list[dict[str, Any]]:
        """The thread's messages, oldest first: all of them, or the last ``limit``."""
        with self.lock:
            rows = self.connection.execute(
                "SELECT message FROM lesson_transcript WHERE thread_id = ? "
                "ORDER BY seq DESC LIMIT ?",
                (thread_id, -1 if limit is None else limit),
            ).fetchall()
        return [_unpacked(row[0]) for row in reversed(rows)]

    def count(self, thread_id: str) -> int:
        """How many messages the table holds for the thread."""
        with self.lock:
            return int(self.connection.execute(
                "SELECT count(*) FROM lesson_transcript WHERE thread_id = ?", (thread_id,)
            ).fetchone()[0])

    # -- checkpoints --------------------------------------------------------------------------
    def latest(self, thread_id: str) -> tuple[str | None, int]:
        """The thread's latest checkpoint id and how many writes are pending on it: what a
        cached view of the state is checked against (another process may have moved on)."""
        with self.lock:
            row = self.connection.execute(
                "SELECT max(checkpoint_id) FROM checkpoints WHERE thread_id = ? "
                "AND checkpoint_ns = ''",
                (thread_id,),
            ).fetchone()
            latest = row[0] if row else None
            writes = self.connection.execute(
                "SELECT count(*) FROM writes WHERE thread_id = ? AND checkpoint_ns = '' "
                "AND checkpoint_id = ?",
                (thread_id, latest),
            ).fetchone()[0]
        return latest, int(writes)

    def prune(self, thread_id: str) -> None:
        """Delete the thread's checkpoints older than its latest one (per namespace), and the
        writes pending on them."""
        with self.lock, self.connection:
            for table in ("checkpoints", "writes"):
                self.connection.execute(
                    f"DELETE FROM {table} WHERE thread_id = ? AND checkpoint_id < ("
                    "SELECT max(c.checkpoint_id) FROM checkpoints c WHERE c.thread_id = ? "
                    f"AND c.checkpoint_ns = {table}.checkpoint_ns)",
                    (thread_id, thread_id),
                )
