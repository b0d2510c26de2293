"""The lesson facade: one learner taking one course, through the teach graph.

The terminal tutor and the web app both talk to a :class:`Lesson`; it never prints. Each call
resumes the graph with the learner's action and returns the messages the tutor says in reply.
The graph is checkpointed (``<data>/lessons.sqlite``, or PostgreSQL when
``TUTOR_DATABASE_URL`` is set: :mod:`tutor.storage`) under the thread
``"<learner_id>:<course>"``, so a new :class:`Lesson` (a restarted process, another app
replica) resumes at the same exercise. The learner model lives in the learner store beside it.
The checkpoints hold only the recent messages; the whole transcript is kept beside them and
older checkpoints are pruned (:mod:`tutor.teach.lesson_storage`).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from langgraph.types import Command

from tutor.catalog import course_key, resolve_course_dir
from tutor.clock import Clock
from tutor.context import TutorContext
from tutor.course import Chunk, Course
from tutor.engine.port import Engine, TextSink
from tutor.errors import AnswerError, CourseError, LearnerError, StaleExerciseError
from tutor.home import COURSE_FILE
from tutor.learner.model import LearnerModel
from tutor.learner.store import LearnerStore, check_learner_id
from tutor.storage.choice import open_checkpoints
from tutor.teach.fallback_notices import FallbackNotices
from tutor.teach.graph import MAX_LEARNER_TEXT, TeachDeps, build_graph
from tutor.teach.passage_upkeep import IndexProgress
from tutor.teach.shared_course import shared_course
from tutor.teach.state import TRANSCRIPT_LIMIT, ExerciseView, TutorMessage
from tutor.teach.streaming import run_streamed, show_unstreamed
from tutor.teach.teaching_material import CoursePassages, teachable

__all__ = ["CoursePassages", "ExerciseView", "Lesson", "TutorMessage", "teachable"]

class Lesson:
    """One learner's lesson in one course; resumable across processes."""

    def __init__(
        self,
        course: str | Path,
        learner_id: str,
        *,
        context: TutorContext,
        engine: Engine | None = None,
        store: LearnerStore | None = None,
        passages: CoursePassages | None = None,
        retrieve: Callable[[str, int], list[Chunk]] | None = None,
        clock: Clock | None = None,
        index_progress: IndexProgress | None = None,
    ) -> None:
        folder = resolve_course_dir(course, Path(context.home))
        course = self.course_name = course_key(folder)
        self.learner_id = check_learner_id(learner_id)
        if passages is None:  # the course and its index as every lesson in this process sees it
            shared = shared_course(folder, context.chroma_url,
                                   build_index=context.build_passages, progress=index_progress)
            self.index_notice = shared.index_notice
            whole, self.course = shared.whole, shared.teachable
            passages, retrieve = shared.passages, retrieve or shared.retrieve
        else:
            self.index_notice = ""
            whole = Course.load(folder / COURSE_FILE)
            self.course = teachable(whole)
        self._taught = frozenset(c.id for c in self.course.concepts)
        self._untaught = {c.id for c in whole.concepts} - self._taught
        if not self.course.concepts:
            raise CourseError(f"course {course!r} has no exercises to teach; rebuild it")
        self._owns_store = store is None
        self.store = store or LearnerStore.default(context)
        try:
            learner = self.store.get_learner(self.learner_id)
        except LearnerError:
            learner = self.store.ensure_learner(self.learner_id)
        self.passages = passages
        from tutor.engine.select import bind_engine, make_engine

        # Bound to this learner and course: their budget and usage, the course in the prefix.
        engine = bind_engine(engine or make_engine(context), learner_id=self.learner_id,
                             course=whole, passages=passages.chunks)
        self.engine = engine
        self.deps = TeachDeps(
            course=self.course,
            engine=engine,
            store=self.store,
            passages=passages.for_concept,
            retrieve=retrieve or passages.search,
            clock=clock or context.clock,
            whole=whole if self._untaught else None,  # concepts without exercises: read
            learner_name=learner.name,
            engine_notices=FallbackNotices(engine),
        )
        self._checkpoints = open_checkpoints(context)
        self._storage = self._checkpoints.storage
        self._graph = build_graph(self._checkpoints.saver)
        self._thread = f"{self.learner_id}:{course}"
        self._config: Any = {"configurable": {"thread_id": self._thread}}
        self._lock = threading.Lock()
        self._preparing: threading.Thread | None = None
        self._last_values: dict[str, Any] = {}
        # The state after this lesson's last run, and the checkpoint it was read at: what
        # `pending` shows without reading the state again while no one else moved the thread.
        self._view: tuple[tuple[str | None, int], dict[str, Any], bool] | None = None

    # -- the learner's actions ---------------------------------------------------------------
    def start(self, shown: TextSink | None = None) -> list[TutorMessage]:
        """Start the lesson, or resume it: a pending exercise is shown again. ``shown`` gets
        the opening explanation while it is written (as for :meth:`answer`)."""
        with self._lock:
            snapshot = self._graph.get_state(self._config)
            said = snapshot.values.get("said", 0)
            if snapshot.next and not snapshot.interrupts:
                return self._run(None, said, shown)  # a step failed last time: retry it
            if snapshot.interrupts and self._vanished(snapshot.values):
                return self._move_on(snapshot.values, said, shown)
            if snapshot.interrupts:
                values = snapshot.values
                # Messages a killed process checkpointed but did not copy to the transcript.
                self._storage.record(self._thread, said, values.get("transcript", []))
                kept = self.recent_messages(TRANSCRIPT_LIMIT)
                exercise = next((m for m in reversed(kept) if m.kind == "exercise"), None)
                pending_id = values.get("exercise_id")
                if pending_id and (exercise is None or exercise.exercise is None
                                   or exercise.exercise.id != pending_id):
                    found = self.course.exercise(pending_id)
                    view = ExerciseView.of(found, self.course.concept(found.concept_id).name)
                    exercise = TutorMessage(kind="exercise", text=found.prompt, exercise=view)
                welcome = TutorMessage(kind="info", text="Welcome back. We were here:")
                return [welcome, exercise] if exercise else [welcome]
            return self._run(self._start_payload(snapshot.values), said, shown)

    def answer(self, text: str, exercise_id: str | None = None,
               shown: TextSink | None = None) -> list[TutorMessage]:
        """Answer the pending exercise (``exercise_id``: the one the learner saw; an answer
        to another one is refused with :class:`StaleExerciseError`). ``shown`` gets the
        turn's text while it is written, ``(kind, piece)``, in this thread
        (:mod:`tutor.teach.streaming`); the messages returned are what the lesson keeps."""
        if not text or not text.strip():
            raise AnswerError("the answer is empty; type an answer, or /hint for a hint")
        if len(text.strip()) > MAX_LEARNER_TEXT:
            raise AnswerError(
                f"the answer is {len(text.strip())} characters long; keep it under "
                f"{MAX_LEARNER_TEXT}"
            )
        replies = self._act("answer", text, exercise_id, shown)
        if self._last_values.get("outcome") == "unusable":
            # The engine could not take it (e.g. no such option): nothing was recorded.
            problem = replies[0].text if replies else "the tutor cannot take that answer"
            raise AnswerError(" ".join(problem.split()))
        return replies

    def hint(self, exercise_id: str | None = None,
             shown: TextSink | None = None) -> list[TutorMessage]:
        """The next rung of the hint ladder (or, once earned, the answer); ``shown`` gets the
        hint while it is written (as for :meth:`answer`)."""
        return self._act("hint", "", exercise_id, shown)

    def give_up(self, exercise_id: str | None = None,
                shown: TextSink | None = None) -> list[TutorMessage]:
        """Show the answer; recorded as a given-up attempt. ``shown``: as for :meth:`answer`
        (the explanation that follows)."""
        return self._act("give_up", "", exercise_id, shown)

    def ask(self, question: str, shown: TextSink | None = None) -> list[TutorMessage]:
        """A free question, answered from the course with citations; the lesson goes on.
        ``shown`` gets the answer while it is written (as for :meth:`answer`)."""
        if not question or not question.strip():
            raise AnswerError("the question is empty; type it after /ask")
        if len(question.strip()) > MAX_LEARNER_TEXT:
            raise AnswerError(f"the question is too long; keep it under {MAX_LEARNER_TEXT} "
                              "characters")
        return self._act("question", question, shown=shown)

    def focus(self, concept_id: str, shown: TextSink | None = None) -> list[TutorMessage]:
        """Learn ``concept_id`` now (e.g. "Learn this concept now" on the course map).

        The pending exercise is dropped without counting an attempt. If the concept's
        prerequisites are not mastered, the tutor says so and teaches the weakest missing one
        first, then comes back to the concept; otherwise it explains the concept and asks one of
        its exercises. A concept the course has no exercise on is taught as a reading (its
        explanation and the notice, :mod:`tutor.teach.reading`), then the lesson goes on. Checkpointed like every action: a restart resumes at that exercise.
        ``shown`` gets the explanation while it is written (as for :meth:`answer`).
        """
        wanted = (concept_id or "").strip()
        if wanted not in self._taught and wanted not in self._untaught:
            raise CourseError(
                f"no concept {wanted!r} in course {self.course_name!r}; pick one on the course map"
            )
        with self._lock:
            snapshot = self._graph.get_state(self._config)
            replies: list[TutorMessage] = []
            if snapshot.next and not snapshot.interrupts:
                replies = self._run(None)  # a step failed last time: finish it first
                snapshot = self._graph.get_state(self._config)
            action = {"kind": "focus", "text": wanted}
            if snapshot.interrupts:
                return replies + self._run(Command(resume=action), shown=shown)
            # Not started, or finished: start the lesson at this concept.
            return replies + self._run({**self._start_payload(snapshot.values), "action": action},
                                       shown=shown)

    # -- what a UI shows ---------------------------------------------------------------------
    @property
    def pending(self) -> ExerciseView | None:
        """The exercise waiting for an answer, if any."""
        values, waiting, _ = self._current()
        exercise_id = values.get("exercise_id")
        if not waiting or not exercise_id:
            return None
        if self._vanished(values):
            return None
        exercise = self.course.exercise(exercise_id)
        return ExerciseView.of(exercise, self.course.concept(exercise.concept_id).name)

    @property
    def transcript(self) -> list[TutorMessage]:
        """The messages of the lesson, oldest first, the learner's own (``kind ==
        "learner"``) included: what a chat view re-renders after a refresh."""
        return self.recent_messages(None)

    def recent_messages(self, limit: int | None) -> list[TutorMessage]:
        """The last ``limit`` messages of the lesson (all of them for None), oldest first."""
        return [TutorMessage.model_validate(m)
                for m in self._storage.transcript(self._thread, limit)]

    def message_count(self) -> int:
        """How many messages the lesson has said (the learner's included)."""
        return self._storage.count(self._thread)

    def wait_prepared(self, timeout: float | None = None) -> None:
        """Wait for the background preparation of the pending exercise (see :meth:`_prepare`)."""
        if self._preparing is not None:
            self._preparing.join(timeout)

    def progress(self) -> LearnerModel:
        return self.store.load(self.learner_id, self.course_name)

    def close(self) -> None:
        """Close the checkpointer (and the learner store, when this lesson opened it)."""
        self.wait_prepared(5.0)
        self._checkpoints.close()
        if self._owns_store:
            self.store.close()

    def __enter__(self) -> Lesson:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ----------------------------------------------------------------------------
    def _act(self, kind: str, text: str, exercise_id: str | None = None,
             shown: TextSink | None = None) -> list[TutorMessage]:
        with self._lock:
            values, interrupted, unfinished = self._current()
            said = values.get("said", 0)
            waiting = values.get("exercise_id") if interrupted else None
            if exercise_id is not None and exercise_id != waiting:
                raise StaleExerciseError(
                    "that exercise is no longer the one waiting; nothing was recorded, "
                    "answer the exercise shown now")
            if interrupted and self._vanished(values):
                return self._move_on(values, said, shown)
            if not interrupted:
                if unfinished:
                    return self._run(None, said, shown)  # a step failed last time: retry it
                # Nothing is waiting for this action (not started, or finished): start instead.
                return self._run(self._start_payload(values), said, shown)
            return self._run(Command(resume={"kind": kind, "text": text.strip()}), said, shown)

    def _current(self) -> tuple[dict[str, Any], bool, bool]:
        """The state's values, whether it waits for the learner, and whether a step is left
        to run (one failed): from this lesson's last run while the thread's latest checkpoint
        is still the one it ended at (a run that ended so left no step), else read."""
        if self._view is not None and self._storage.latest(self._thread) == self._view[0]:
            return self._view[1], self._view[2], False
        snapshot = self._graph.get_state(self._config)
        interrupted = bool(snapshot.interrupts)
        return snapshot.values, interrupted, bool(snapshot.next) and not interrupted

    def _vanished(self, values: dict[str, Any]) -> bool:
        """Whether a rebuild deleted or renamed the pending exercise or its concept."""
        known = self._taught
        exercise_id, concept_id = values.get("exercise_id"), values.get("concept_id")
        if concept_id and concept_id not in known:
            return True
        if not exercise_id:
            return False
        try:
            return self.course.exercise(exercise_id).concept_id not in known
        except KeyError:
            return True

    def _move_on(self, values: dict[str, Any], said: int,
                 shown: TextSink | None = None) -> list[TutorMessage]:
        """Leave an exercise the course no longer has, with a short notice, and go on."""
        notice = TutorMessage(kind="info", text="The course was rebuilt and the exercise you "
                              "were on is gone; here is the next one.")
        return [notice, *self._run(self._start_payload(values), said, shown)]

    def _start_payload(self, values: dict[str, Any]) -> dict[str, Any]:
        payload = {"learner_id": self.learner_id, "course": self.course_name}
        if not values.get("lesson_id"):
            payload["lesson_id"] = uuid.uuid4().hex
        return payload

    def _run(self, payload: Any, before: int | None = None,
             shown: TextSink | None = None) -> list[TutorMessage]:
        if before is None:
            before = self._graph.get_state(self._config).values.get("said", 0)
        self._view = None
        # durability="sync": each step's checkpoint is written before the next step runs, so
        # an attempt is never stored ahead of the turn that made it (see attempts.record_attempt).
        streamed: set[str] = set()
        if shown is None:
            values = self._graph.invoke(payload, self._config, context=self.deps,
                                        durability="sync")
        else:
            values, streamed = run_streamed(self._graph, payload, self._config,
                                            replace(self.deps, stream_turns=True), shown)
        waiting = bool(values.pop("__interrupt__", None))
        self._last_values = values
        transcript = values.get("transcript", [])
        self._storage.record(self._thread, values.get("said", 0), transcript)
        self._storage.prune(self._thread)
        self._view = (self._storage.latest(self._thread), values, waiting)
        said = values.get("said", 0) - before
        fresh = transcript[-said:] if said > 0 else []
        replies = [TutorMessage.model_validate(m) for m in fresh if m["kind"] != "learner"]
        if shown is not None:
            show_unstreamed(replies, streamed, shown)
        if replies and replies[-1].exercise is not None:
            self._prepare(replies[-1].exercise.id)
        return replies

    def _prepare(self, exercise_id: str) -> None:
        """While the learner reads and types, let the offline grader embed the reference side
        of a short-answer exercise (and load its model), so the grade itself is quick."""
        exercise = self.course.exercise(exercise_id)
        if getattr(self.engine, "name", "") != "offline" or exercise.kind != "short_answer":
            return
        from tutor.engine.offline.tutoring.grading import prepare

        def run() -> None:
            try:
                prepare(exercise)
            except Exception:  # only a head start: grading does the same work if this fails
                return

        self._preparing = threading.Thread(target=run, name="prepare-exercise", daemon=True)
        self._preparing.start()
