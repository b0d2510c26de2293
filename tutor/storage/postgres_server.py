"""The server backend: the learner store and lesson checkpoints in PostgreSQL.

Named by ``TUTOR_DATABASE_URL`` (``postgresql://user@host:5432/db``). Each process keeps one
psycopg 3 connection pool per URL, shared by every lesson and learner store in it (a web app
process serves many learners, each in its own thread); the learner tables and LangGraph's
``PostgresSaver`` draw from the same pool. The schema is created, or migrated to
:data:`tutor.storage.tables.SCHEMA_VERSION`, once per process on first use, under an advisory
lock, so app replicas starting together never race on ``CREATE TABLE``.

Transactions are retried on serialization failures and deadlocks; a server that cannot be
reached is a one-line :class:`tutor.errors.StorageError` naming the server without its
credentials.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from tutor.errors import StorageError
from tutor.safety.urls import redacted_url, without_credentials
from tutor.storage.server_transcripts import TRANSCRIPT_TABLE, ServerLessonStorage
from tutor.storage.tables import LEARNER_TABLES, SCHEMA_VERSION

T = TypeVar("T")
POOL_SIZE = 10
"""Connections one process may hold to the server (lessons wait for a free one)."""
POOL_WAIT_S = 60.0
"""How long a lesson waits for a free connection before the store reports the server busy."""
CONNECT_TIMEOUT_S = 10
_RETRIES = 5
_SCHEMA_LOCK = 72_413_001
"""Advisory lock id under which one process at a time creates or migrates the schema."""

_pools: dict[str, Any] = {}
_ready: set[str] = set()
_guard = threading.Lock()


def _unreachable(url: str, exc: BaseException) -> StorageError:
    reason = without_credentials(" ".join(str(exc).split()))[:160] or type(exc).__name__
    return StorageError(f"cannot reach the database at {redacted_url(url)} ({reason}); check "
                        "TUTOR_DATABASE_URL and that the server is running")


def _to_server(sql: str) -> str:
    """The store's ``?`` placeholders as psycopg's ``%s``."""
    return sql.replace("%", "%%").replace("?", "%s")


def pool_for(url: str) -> Any:
    """This process's pool for ``url``, opened (and the schema made ready) on first use."""
    with _guard:
        if url not in _ready:  # one direct connection first: an unreachable server fails fast
            _prepare_schema(url)
            _ready.add(url)
        pool = _pools.get(url)
        if pool is None:
            pool = _open_pool(url)
            _pools[url] = pool
        return pool


def _open_pool(url: str) -> Any:
    from psycopg.rows import dict_row
    from psycopg_pool import ConnectionPool

    # autocommit, no prepared statements, dict rows: what LangGraph's PostgresSaver expects.
    pool = ConnectionPool(
        url, min_size=1, max_size=POOL_SIZE, timeout=POOL_WAIT_S, open=False,
        kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row,
                "connect_timeout": CONNECT_TIMEOUT_S},
        name="tutor",
    )
    try:
        pool.open(wait=True, timeout=CONNECT_TIMEOUT_S + 5)
    except Exception as exc:
        pool.close()
        raise _unreachable(url, exc) from None
    return pool


def _prepare_schema(url: str) -> None:
    """Create or migrate the learner tables and the checkpoint tables, one process at a time."""
    import psycopg
    from langgraph.checkpoint.postgres import PostgresSaver
    from psycopg.rows import dict_row

    try:
        with psycopg.connect(url, autocommit=True, prepare_threshold=0, row_factory=dict_row,
                             connect_timeout=CONNECT_TIMEOUT_S) as connection:
            connection.execute("SELECT pg_advisory_lock(%s)", (_SCHEMA_LOCK,))
            try:
                with connection.transaction():
                    connection.execute("CREATE TABLE IF NOT EXISTS learner_schema "
                                       "(version INTEGER NOT NULL)")
                    row = connection.execute("SELECT max(version) AS v FROM learner_schema"
                                             ).fetchone()
                    version = (row or {}).get("v") or 0
                    if version < 1:
                        for statement in LEARNER_TABLES:
                            connection.execute(statement.format(
                                sequence=",\n        seq BIGSERIAL"))
                    if version < SCHEMA_VERSION:
                        connection.execute("INSERT INTO learner_schema (version) VALUES (%s)",
                                           (SCHEMA_VERSION,))
                PostgresSaver(connection).setup()  # LangGraph's own migrations
                connection.execute(TRANSCRIPT_TABLE)  # the lessons' whole transcripts
            finally:
                connection.execute("SELECT pg_advisory_unlock(%s)", (_SCHEMA_LOCK,))
    except (psycopg.OperationalError, psycopg.ProgrammingError) as exc:
        raise _unreachable(url, exc) from None


class _ServerSession:
    def __init__(self, connection: Any) -> None:
        self._connection = connection

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        from psycopg.rows import tuple_row

        with self._connection.cursor(row_factory=tuple_row) as cursor:
            cursor.execute(_to_server(sql), tuple(params))
            return int(cursor.rowcount)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        from psycopg.rows import tuple_row

        with self._connection.cursor(row_factory=tuple_row) as cursor:
            cursor.execute(_to_server(sql), tuple(params))
            return list(cursor.fetchall())


class PostgresLearnerTables:
    """The learner tables on a PostgreSQL server (connections from the process's pool)."""

    backend = "postgres"
    sequence = "seq"

    def __init__(self, url: str) -> None:
        self.url = url
        self.location = redacted_url(url)
        self._pool = pool_for(url)

    def transaction(self, body: Callable[[_ServerSession], T]) -> T:
        import psycopg
        from psycopg import errors

        delay = 0.02
        for attempt in range(_RETRIES):
            try:
                with self._pool.connection() as connection, connection.transaction():
                    return body(_ServerSession(connection))
            except (errors.SerializationFailure, errors.DeadlockDetected):
                if attempt == _RETRIES - 1:
                    raise
                time.sleep(delay)
                delay *= 2
            except psycopg.OperationalError as exc:
                raise _unreachable(self.url, exc) from None
        raise AssertionError("unreachable")

    def read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        import psycopg

        try:
            with self._pool.connection() as connection:
                return _ServerSession(connection).rows(sql, params)
        except psycopg.OperationalError as exc:
            raise _unreachable(self.url, exc) from None

    def close(self) -> None:
        """Nothing to close per store: the pool is the process's (see :func:`close_pools`)."""


class PostgresCheckpoints:
    """Lesson checkpoints through LangGraph's ``PostgresSaver`` on the process's pool."""

    backend = "postgres"

    def __init__(self, url: str) -> None:
        from langgraph.checkpoint.postgres import PostgresSaver

        from tutor.teach.lesson_storage import checkpoint_serde

        self.location = redacted_url(url)
        pool = pool_for(url)
        self._saver = PostgresSaver(pool, serde=checkpoint_serde())
        self.storage = ServerLessonStorage(pool)

    @property
    def saver(self) -> Any:
        return self._saver

    def close(self) -> None:
        """The pool outlives a lesson; nothing to close here."""


def close_pools() -> None:
    """Close every pool of this process (at exit, or between tests)."""
    with _guard:
        for pool in _pools.values():
            pool.close()
        _pools.clear()
        _ready.clear()
