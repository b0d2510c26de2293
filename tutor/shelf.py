"""A shelf: answers one build of a course keeps for the next build of it, by content.

Work that gives the same answer for the same input (embedding a short text, replaying a book
session, reading a PDF with the same reader) is put on a shelf by a key made from that input;
``stored`` holds what the course's previous build left, ``kept`` what this build asked for
(found or worked out), which is what it leaves for the next. A shelf is bound to one build
through a context variable (:func:`shelved`): LangGraph's tasks inherit it, and work done in
another thread of the same process (a lesson in the app) never touches it. Reading and writing
the shelves is :mod:`tutor.study.carried_over`'s.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Generic, TypeVar

Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value")


class Shelf(Generic[Key, Value]):
    """What an earlier build left (``stored``) and what this one used (``kept``)."""

    def __init__(self, stored: dict[Key, Value] | None = None) -> None:
        self.stored: dict[Key, Value] = stored or {}
        self.kept: dict[Key, Value] = {}
        self._lock = threading.Lock()

    def get(self, key: Key) -> Value | None:
        return self.stored.get(key)

    def keep(self, key: Key, value: Value) -> None:
        with self._lock:
            self.kept[key] = value


@contextmanager
def shelved(binding: ContextVar[Shelf[Key, Value] | None],
            shelf: Shelf[Key, Value]) -> Iterator[Shelf[Key, Value]]:
    """``binding`` holds ``shelf`` within this block and the tasks it starts."""
    token = binding.set(shelf)
    try:
        yield shelf
    finally:
        binding.reset(token)
