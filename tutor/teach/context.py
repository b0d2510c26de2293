"""What the teach graph's nodes are given with each run: the course, the engine, the learner
store, the passage lookups and the clock (``graph.invoke(..., context=TeachDeps(...))``).

Nothing here is a global: the lesson facade builds one :class:`TeachDeps` per lesson, tests
build their own with a fake engine and a fixed clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from tutor.clock import Clock, system_clock
from tutor.course import Chunk, Concept, Course, Exercise
from tutor.engine.port import Engine
from tutor.learner.model import Attempt, LearnerModel
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
    whole: Course | None = None
    """The course with its concepts that have no exercise too (``course`` is the teachable
    part): what :mod:`tutor.teach.reading` teaches by reading. None: nothing to read."""
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

    def for_one_run(self) -> TeachDeps:
        """These dependencies for one run of the graph's steps (:mod:`tutor.teach.step_chain`),
        the learner model read once in it (:class:`RunStore`)."""
        store = self.store.store if isinstance(self.store, RunStore) else self.store
        return replace(self, store=RunStore(store))


class RunStore(LearnerStore):
    """The learner store as one run of the teach graph's steps uses it, on the same tables: a
    learner's model is read once and kept until the run saves a model (or records an
    attempt: then the model recorded is kept).
    Several steps of a run read the model (grade, the route after it, the choice of the next
    concept, the explanation); none changes a model in place (they make new ones), so the one
    read serves them all."""

    def __init__(self, store: LearnerStore) -> None:  # the store's tables, not new ones
        self.__dict__.update(vars(store))
        self.store = store
        self._models: dict[tuple[str, str], LearnerModel] = {}

    def load(self, learner_id: str, course: str) -> LearnerModel:
        key = (learner_id, course)
        if key not in self._models:
            self._models[key] = self.store.load(learner_id, course)
        return self._models[key]

    def save(self, model: LearnerModel) -> None:
        self._models.clear()
        self.store.save(model)

    def record(self, attempt: Attempt, model: LearnerModel) -> bool:
        self._models.clear()
        stored = self.store.record(attempt, model)
        if stored:  # the model now stored (a replayed attempt stores nothing: read it again)
            self._models[(model.learner_id, model.course)] = model
        return stored
