"""Why the offline writer gives a concept no exercise: one reason per refusal, logged.

A concept the course teaches with no exercise is a gap a teacher notices at once; the writer's
reasons say which stage to look at (no defining sentence in the book, a name of the book's
code, a definition that names the concept only inside a longer name, nothing beyond the
definition the checker kept). Each refusal is logged on :data:`LOGGER` at ``INFO`` with the
concept's name and one of the reasons below, so a build run with that logger on (``bench/
exercise_refusals.py``) can count them; the reasons never change what is written.
"""

from __future__ import annotations

import logging
from typing import Any

LOGGER = logging.getLogger("tutor.engine.offline.writing.refusals")

ONE_CASE = "named after one case of an example"
NO_MATERIAL = "no sentence and no citation"
CODE_NAME = "a name of the book's code"
NOT_DEFINED = "no sentence says what it is, and nothing beyond a definition"
INSIDE_LONGER_NAME = "its definition defines a longer name, and nothing beyond it"
NOTHING_KEPT = "its definition gave no item, and nothing beyond it"

REASONS = (ONE_CASE, NO_MATERIAL, CODE_NAME, NOT_DEFINED, INSIDE_LONGER_NAME, NOTHING_KEPT)


def refuse(concept_name: str, reason: str) -> list[Any]:
    """Log that ``concept_name`` gets no exercise for ``reason``; an empty list to return."""
    LOGGER.info("no exercise for %s: %s", concept_name, reason)
    return []


class RefusalCount(logging.Handler):
    """A logging handler that counts refusals by reason (and keeps the concepts' names)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.by_reason: dict[str, list[str]] = {}

    def emit(self, record: logging.LogRecord) -> None:
        name, reason = record.args if isinstance(record.args, tuple) else ("", "")
        self.by_reason.setdefault(str(reason), []).append(str(name))

    def __enter__(self) -> RefusalCount:
        LOGGER.addHandler(self)
        self._level = LOGGER.level
        LOGGER.setLevel(logging.INFO)
        return self

    def __exit__(self, *exc: object) -> None:
        LOGGER.removeHandler(self)
        LOGGER.setLevel(self._level)
