"""What the teach graph's nodes are given with each run: the course, the engine, the learner
store, the passage lookups and the clock (``graph.invoke(..., context=TeachDeps(...))``).

Nothing here is a global: the lesson facade builds one :class:`TeachDeps` per lesson, tests
build their own with a fake engine and a fixed clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tutor.clock import Clock, system_clock
from tutor.course import Chunk, Concept, Course, Exercise
from tutor.engine.port import Engine
from tutor.learner.store import LearnerStore
from tutor.teach.state import LessonState


@dataclass
class TeachDeps:
    """What the nodes need, given with each run (``graph.invoke(..., context=deps)``)."""

    course: Course
    engine: Engine
    store: LearnerStore
    passages: Callable[[Concept], list[Chunk]]
    """The passages that teach a concept."""
    retrieve: Callable[[str, int], list[Chunk]]
    """The passages that best match a free question (``query, k``)."""
    clock: Clock = system_clock
    learner_name: str = ""
    stream_turns: bool = False
    """Whether this run streams a turn's text as it is written (:mod:`tutor.teach.streaming`)."""
    engine_notices: Callable[[], list[str]] = lambda: []
    """Notices to show with the next message: steps the engine's fallback did (see
    :mod:`tutor.teach.fallback_notices`)."""

    def current_exercise(self, state: LessonState) -> Exercise | None:
        """The exercise the learner is working on, if any."""
        exercise_id = state.get("exercise_id")
        return self.course.exercise(exercise_id) if exercise_id else None
