"""Opening the learner's databases with a one-line message when one is damaged.

``learners.sqlite`` (the learner store) and ``lessons.sqlite`` (lesson checkpoints) are
SQLite files under the data folder. A file that is not a database any more (a disk error, a
copy cut short, another program writing into it) makes SQLite raise at the first statement;
the app and the CLI would print a traceback. These helpers turn that into a
:class:`tutor.errors.StorageError` that names the file and says what to do (the same
kind of error :func:`tutor.database.open_database` raises for a file locked too long).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tutor.errors import StorageError

if TYPE_CHECKING:
    from tutor.context import TutorContext
    from tutor.learner.store import LearnerStore

T = TypeVar("T")


def damaged(path: Path, exc: BaseException) -> StorageError:
    """The one-line error for a database file SQLite cannot use."""
    reason = " ".join(str(exc).split())[:80] or type(exc).__name__
    if "locked" in reason or "busy" in reason:
        return StorageError(f"{path} is locked by another program ({reason}); close it, or "
                            "stop the other tutor using this data folder, and retry")
    return StorageError(
        f"{path} is damaged ({reason}); move it aside (e.g. `mv {path} {path}.damaged`) and "
        "restart to begin afresh, or put a backup in its place"
    )


def opened(path: Path, open_it: Callable[[], T]) -> T:
    """``open_it()``, with SQLite's errors about ``path`` as one-line :class:`StorageError`."""
    try:
        return open_it()
    except sqlite3.DatabaseError as exc:
        raise damaged(path, exc) from exc


def open_store(context: TutorContext) -> LearnerStore:
    """The learner store under the context's data folder (see :func:`opened`)."""
    from tutor.learner.store import LearnerStore

    path = Path(context.data) / "learners.sqlite"
    return opened(path, lambda: _checked(LearnerStore.default(context)))


def _checked(store: LearnerStore) -> LearnerStore:
    store.list_learners()  # the first read is where a damaged file shows
    return store


def open_lesson(course: str | Path, learner_id: str, *, context: TutorContext, **kwargs: Any) -> Any:
    """A :class:`tutor.teach.lesson.Lesson`, with a damaged ``lessons.sqlite`` reported in
    one line."""
    from tutor.teach.lesson import Lesson

    path = Path(context.data) / "lessons.sqlite"
    return opened(path, lambda: Lesson(course, learner_id, context=context, **kwargs))
