"""Choosing the engine for a run: offline, Claude, or ``auto`` (Claude when a key is set)."""

from __future__ import annotations

from tutor.context import TutorContext
from tutor.engine.port import Engine
from tutor.errors import EngineUnavailable


def make_engine(context: TutorContext) -> Engine:
    """The engine ``context.engine`` asks for.

    ``auto`` means Claude when ``ANTHROPIC_API_KEY`` is set (read into the context), else the
    offline engine. Raises :class:`EngineUnavailable` when Claude is asked for but cannot run.
    """
    if context.resolved_engine() == "offline":
        from tutor.engine.offline import OfflineEngine

        return OfflineEngine()
    try:
        from tutor.engine.claude import ClaudeEngine  # type: ignore[attr-defined]
    except ImportError as exc:
        if exc.name and not exc.name.startswith("tutor.engine.claude") and exc.name != "tutor":
            raise
        raise EngineUnavailable(
            "the Claude engine is not yet available; use --engine offline"
        ) from exc
    engine: Engine = ClaudeEngine.from_context(context)
    return engine
