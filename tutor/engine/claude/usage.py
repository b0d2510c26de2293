"""Token usage of Claude calls, recorded per call and summed per learner and per day.

Every call the Claude engine makes (and every batch result it reads) adds a
:class:`UsageRecord` to a :class:`UsageLog`, kept in SQLite under the data folder
(``<data>/claude_usage.sqlite``) or in memory for tests and benchmarks. The daily budget
(:mod:`tutor.engine.claude.budget`) reads the per-learner sums from here.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from tutor.clock import Clock, as_utc, system_clock
from tutor.database import open_database

USAGE_FILE = "claude_usage.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS usage (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    day TEXT NOT NULL,
    learner_id TEXT NOT NULL,
    task TEXT NOT NULL,
    model TEXT NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    cache_read_tokens INTEGER NOT NULL,
    cache_write_tokens INTEGER NOT NULL,
    batch INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS usage_learner_day ON usage (learner_id, day);
"""


class UsageRecord(BaseModel):
    """The tokens of one Claude call."""

    task: str
    """Port method or lesson step, e.g. ``"grade"``."""
    model: str
    learner_id: str = ""
    """The learner the call served; empty for author-time work (course building)."""
    input_tokens: int = 0
    """Uncached input tokens."""
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0
    batch: bool = False
    """Made through the Message Batches API (billed at half price)."""
    at: datetime | None = None
    """When the call was made; stamped from the log's clock when recorded without one."""

    @property
    def billable_tokens(self) -> int:
        """Tokens as the budget counts them: cache reads weigh a tenth, like their price."""
        return (
            self.input_tokens
            + self.output_tokens
            + self.cache_write_tokens
            + self.cache_read_tokens // 10
        )

    @classmethod
    def from_usage(cls, usage: Any, *, task: str, model: str, learner_id: str = "",
                   batch: bool = False) -> UsageRecord:
        """Build from the SDK's ``message.usage`` object (missing fields count as 0)."""
        return cls(
            task=task,
            model=model,
            learner_id=learner_id,
            input_tokens=int(getattr(usage, "input_tokens", 0) or 0),
            output_tokens=int(getattr(usage, "output_tokens", 0) or 0),
            cache_read_tokens=int(getattr(usage, "cache_read_input_tokens", 0) or 0),
            cache_write_tokens=int(getattr(usage, "cache_creation_input_tokens", 0) or 0),
            batch=batch,
        )


class UsageTotals(BaseModel):
    """Sums over some records."""

    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0
    billable_tokens: int = 0

    def add(self, record: UsageRecord) -> None:
        self.calls += 1
        self.input_tokens += record.input_tokens
        self.output_tokens += record.output_tokens
        self.cache_read_tokens += record.cache_read_tokens
        self.cache_write_tokens += record.cache_write_tokens
        self.billable_tokens += record.billable_tokens


class UsageLog:
    """Usage records in SQLite (``path``) or in memory (``path=None``). Thread-safe."""

    def __init__(self, path: Path | None = None, *, clock: Clock = system_clock) -> None:
        self.path = path
        self.clock = clock
        self._lock = threading.Lock()
        self._memory: list[UsageRecord] = []
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as db:
                db.executescript(_SCHEMA)

    @classmethod
    def in_folder(cls, data: Path, *, clock: Clock = system_clock) -> UsageLog:
        return cls(Path(data) / USAGE_FILE, clock=clock)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection for one unit of work: committed on success, always closed."""
        assert self.path is not None
        db = open_database(self.path)
        try:
            with db:
                yield db
        finally:
            db.close()

    def record(self, record: UsageRecord) -> None:
        at = record.at if record.at is not None else self.clock()
        record = record.model_copy(update={"at": as_utc(at)})
        with self._lock:
            if self.path is None:
                self._memory.append(record)
                return
            with self._connect() as db:
                db.execute(
                    "INSERT INTO usage (at, day, learner_id, task, model, input_tokens,"
                    " output_tokens, cache_read_tokens, cache_write_tokens, batch)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        at.isoformat(),
                        as_utc(at).date().isoformat(),
                        record.learner_id,
                        record.task,
                        record.model,
                        record.input_tokens,
                        record.output_tokens,
                        record.cache_read_tokens,
                        record.cache_write_tokens,
                        int(record.batch),
                    ),
                )

    def records(self, learner_id: str | None = None, day: date | None = None) -> list[UsageRecord]:
        """Records, oldest first, optionally of one learner and/or one UTC day."""
        with self._lock:
            if self.path is None:
                found = list(self._memory)
            else:
                with self._connect() as db:
                    rows = db.execute(
                        "SELECT at, learner_id, task, model, input_tokens, output_tokens,"
                        " cache_read_tokens, cache_write_tokens, batch FROM usage ORDER BY id"
                    ).fetchall()
                found = [
                    UsageRecord(
                        at=datetime.fromisoformat(r[0]), learner_id=r[1], task=r[2], model=r[3],
                        input_tokens=r[4], output_tokens=r[5], cache_read_tokens=r[6],
                        cache_write_tokens=r[7], batch=bool(r[8]),
                    )
                    for r in rows
                ]
        if learner_id is not None:
            found = [r for r in found if r.learner_id == learner_id]
        if day is not None:
            found = [r for r in found if r.at is not None and r.at.astimezone(UTC).date() == day]
        return found

    def totals(self, learner_id: str | None = None, day: date | None = None) -> UsageTotals:
        totals = UsageTotals()
        for record in self.records(learner_id, day):
            totals.add(record)
        return totals

    def tokens_on(self, learner_id: str, day: date) -> int:
        """Billable tokens spent for ``learner_id`` on the UTC ``day``."""
        if self.path is None:
            return self.totals(learner_id, day).billable_tokens
        with self._lock, self._connect() as db:
            row = db.execute(
                "SELECT COALESCE(SUM(input_tokens + output_tokens + cache_write_tokens"
                " + cache_read_tokens / 10), 0) FROM usage WHERE learner_id = ? AND day = ?",
                (learner_id, day.isoformat()),
            ).fetchone()
        return int(row[0])
