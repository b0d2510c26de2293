"""Telling the learner when a step of the lesson was done by the fallback engine.

The Claude engine records every step it could not do (a refused or malformed reply, an API
failure, a spent daily budget) and hands it to its fallback, the offline engine, whose grading
is stricter about wording and whose explanations are plainer. The learner should know that
the standards changed: :class:`FallbackNotices` turns the fallbacks recorded since it last
looked into short notices, which the teach graph shows right after the first message of its next
reply.

Engines that never fall back (no ``fallbacks`` list) produce no notices.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

STEP_NAMES = {
    "explain": "the explanation",
    "hint": "the hint",
    "grade": "grading your answer",
    "answer_question": "answering your question",
}

FALLBACK_NOTICE = (
    "The offline tutor stood in for Claude on {step}: its grading is stricter about wording "
    "and its explanations are plainer."
)


def fallback_notice(task: str) -> str:
    """The one-sentence notice for a step ``task`` done by the offline engine."""
    return FALLBACK_NOTICE.format(step=STEP_NAMES.get(task, "this step"))


class FallbackNotices:
    """Notices for the fallbacks ``engine`` recorded since the last call (thread-safe).

    A spent budget is said once per lesson (in the engine's own words, :meth:`notice`); any
    other fallback is said each time it happens, once per step kind and turn.
    """

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._seen = len(self._fallbacks())
        self._told_budget = False

    def _fallbacks(self) -> Sequence[Any]:
        found = getattr(self._engine, "fallbacks", None)
        return found if isinstance(found, list) else []

    def __call__(self) -> list[str]:
        with self._lock:
            fallbacks = self._fallbacks()
            fresh, self._seen = list(fallbacks[self._seen:]), len(fallbacks)
            notices: list[str] = []
            for fallback in fresh:
                if getattr(fallback, "reason", "") == "budget":
                    if self._told_budget:
                        continue
                    self._told_budget = True
                    notice = getattr(self._engine, "notice", lambda: None)()
                    text = notice or fallback_notice(getattr(fallback, "task", ""))
                else:
                    text = fallback_notice(getattr(fallback, "task", ""))
                if text not in notices:
                    notices.append(text)
            return notices
