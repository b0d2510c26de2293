"""Choosing the engine for a run (offline, Claude, or ``auto``: Claude when a key is set), and
binding it to the learner and the course it works for.

An engine that keeps per-learner state (the Claude engine: daily token budget, usage per
learner, the course context in its cached prompt prefix) offers ``with_course(course)`` and
``for_learner(learner_id)``, each returning a view of the same engine. :func:`bind_engine` is
what the lesson facade calls, so that every front end (web app, terminal, ``tutor lesson``)
teaches through a bound engine; an engine without those views is used as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from tutor.context import TutorContext
from tutor.engine.port import Engine
from tutor.errors import EngineUnavailable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tutor.course import Chunk, Course


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


def bind_engine(engine: Engine, *, learner_id: str = "", course: Course | None = None,
                passages: Sequence[Chunk] = ()) -> Engine:
    """``engine`` working for ``learner_id`` on ``course``: the budget and the usage log count
    against that learner, and the course (with its ``passages``, when short enough) is in the
    cached prefix. Engines without learner or course views (the offline engine) are returned
    unchanged."""
    bound = engine
    with_course = getattr(bound, "with_course", None)
    if course is not None and callable(with_course):
        bound = cast(Engine, with_course(course, passages) if passages else with_course(course))
    for_learner = getattr(bound, "for_learner", None)
    if learner_id and callable(for_learner):
        bound = cast(Engine, for_learner(learner_id))
    return bound
