"""Building a course with the study graph's Claude work in Message Batches (half price).

:class:`BatchBuild` is the Claude engine as the study graph sees it during ``tutor course build
--engine claude --batch``. Every step's requests go out as a batch: the per-concept work (when
the graph fans out, it hands the whole set of jobs to :meth:`prepare_exercises`, then
:meth:`prepare_checks`), and the understanding steps too (one request per passage group to
find concepts, then one to merge them, one to link prerequisites: each needs the one before,
so each is a batch of its own). For every batch, :meth:`_run`

1. builds every request, estimates its cost (:func:`~tutor.engine.claude.pricing.estimate_cost`)
   and says so (``on_estimate``) before anything is submitted;
2. refuses (:class:`~tutor.errors.BudgetError`) when what the build has spent plus the
   estimate would pass the course's token budget (``TutorContext.course_token_budget``);
3. runs the set through :class:`~tutor.engine.claude.batch.BatchRunner` (half price; its state
   and results are saved under the course's ``.build/``, so a build started again after a
   crash reuses the results it has and picks up the batch in flight instead of paying again).

The graph's tasks then find their results here. An item the batch could not do (errored,
expired, malformed) is done interactively by the engine, with its usual fallback.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from tutor.course import Chunk, Concept, Exercise, Prerequisite
from tutor.engine.claude import exercise_checking, studying
from tutor.engine.claude.batch import BatchItem, BatchProgress, BatchRunner
from tutor.engine.claude.calls import StepFailed
from tutor.engine.claude.engine import ClaudeEngine, Fallback
from tutor.engine.claude.pricing import CostEstimate, estimate_cost
from tutor.engine.claude.schemas import ConceptsReply, EdgesReply, MergeReply, SolutionReply
from tutor.engine.port import (
    ConceptDraft,
    ExerciseCheck,
    Explanation,
    ExplanationStyle,
    Grade,
    GroundedAnswer,
    Hint,
    LearnerContext,
)
from tutor.errors import BudgetError

if TYPE_CHECKING:
    from tutor.engine.port import PromptConvention

Reply = TypeVar("Reply", bound=BaseModel)
WritingJob = tuple[Concept, Sequence[Concept], Sequence[Chunk]]
CheckingJob = tuple[Exercise, Concept, Sequence[Chunk]]


def _custom_id(kind: str, number: int, key: str) -> str:
    """A batch ``custom_id`` (letters, digits, ``-`` and ``_``, at most 64), stable per job."""
    return f"{kind}-{number:05d}-{hashlib.sha256(key.encode()).hexdigest()[:12]}"


def _parsed(item: BatchItem | None, reply_model: type[Reply]) -> Reply | None:
    """A batch result as ``reply_model``, or ``None`` when it failed or does not parse."""
    if item is None or not item.ok or item.stop_reason == "max_tokens":
        return None
    try:
        return reply_model.model_validate_json(item.text)
    except ValidationError:
        return None


class BatchBuild:
    """The Claude engine for a course build, batching the per-concept work."""

    name = "claude"

    def __init__(
        self,
        engine: ClaudeEngine,
        state_dir: Path,
        *,
        course_budget: int = 0,
        on_estimate: Callable[[str, CostEstimate], None] | None = None,
        progress: Callable[[BatchProgress], None] | None = None,
        poll_seconds: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.engine = engine
        self.state_dir = Path(state_dir)
        self.course_budget = course_budget
        """Billable tokens the build may spend; ``0`` or less: no limit."""
        self.on_estimate = on_estimate
        self.progress = progress
        self.poll_seconds = poll_seconds
        self.sleep = sleep
        self.estimates: dict[str, CostEstimate] = {}
        self._before = len(engine.usage.records())
        self._exercises: dict[str, list[Exercise]] = {}
        self._checks: dict[str, ExerciseCheck] = {}

    # -- what the build reports -----------------------------------------------------------
    @property
    def fallbacks(self) -> list[Fallback]:
        return self.engine.fallbacks

    @property
    def drop_reasons(self) -> dict[str, int]:
        return self.engine.drop_reasons

    @property
    def exercises_dropped(self) -> int:
        return self.engine.exercises_dropped

    def spent(self) -> int:
        """Billable tokens this build has spent so far."""
        return sum(r.billable_tokens for r in self.engine.usage.records()[self._before:])

    # -- batches ------------------------------------------------------------------------------
    def _run(self, what: str, requests: dict[str, dict[str, Any]]) -> dict[str, BatchItem]:
        if not requests:
            return {}
        estimate = estimate_cost(requests)
        self.estimates[what] = estimate
        if self.course_budget > 0 and self.spent() + estimate.billable_tokens > \
                self.course_budget:
            raise BudgetError(
                f"the {what} batch may use up to {estimate.billable_tokens:,} tokens and the "
                f"build has spent {self.spent():,} of the course budget of "
                f"{self.course_budget:,}; raise TUTOR_COURSE_TOKEN_BUDGET or build offline"
            )
        if self.on_estimate is not None:
            self.on_estimate(what, estimate)
        runner = BatchRunner(self.engine.client, self.state_dir / f"{what}.batch.json",
                             usage=self.engine.usage, task=f"batch_{what}",
                             poll_seconds=self.poll_seconds, progress=self.progress,
                             sleep=self.sleep)
        return runner.run(requests)

    def prepare_exercises(self, jobs: Sequence[WritingJob]) -> None:
        """Write every concept's exercises in one batch (the graph's writing fan-out)."""
        ids = {_custom_id("write", n, c.id): (c, related, passages)
               for n, (c, related, passages) in enumerate(jobs)}
        requests = {cid: studying.exercises_request(self.engine, *job)
                    for cid, job in ids.items()}
        for cid, item in self._run("exercises", requests).items():
            concept, _, passages = ids[cid]
            if item.ok:
                try:
                    self._exercises[concept.id] = studying.exercises_from_reply(
                        item.text, concept, passages)
                except StepFailed:
                    continue  # written interactively when the graph asks

    def prepare_checks(self, jobs: Sequence[CheckingJob]) -> None:
        """Check every written exercise in one batch (the graph's checking fan-out)."""
        ids = {_custom_id("check", n, e.id): (e, passages)
               for n, (e, _, passages) in enumerate(jobs)}
        requests = {cid: exercise_checking.check_request(self.engine, exercise, passages)
                    for cid, (exercise, passages) in ids.items()}
        for cid, item in self._run("checks", requests).items():
            exercise, _ = ids[cid]
            reply = _parsed(item, SolutionReply)
            if reply is not None:  # else checked interactively when the graph asks
                self._checks[exercise.id] = exercise_checking.check_from(reply, exercise)

    # -- the port (per-concept work from the batches, the rest from the engine) ---------------
    def write_exercises(self, concept: Concept, related: Sequence[Concept],
                        passages: Sequence[Chunk],
                        conventions: Sequence[PromptConvention] | None = None
                        ) -> list[Exercise]:
        found = self._exercises.pop(concept.id, None)
        if found is not None:
            return found
        return self.engine.write_exercises(concept, related, passages, conventions)

    def check_exercise(self, exercise: Exercise, concept: Concept,
                       passages: Sequence[Chunk]) -> ExerciseCheck:
        found = self._checks.pop(exercise.id, None)
        if found is not None:
            return self.engine.note_check(found)
        return self.engine.check_exercise(exercise, concept, passages)

    def extract_concepts(self, chunks: Sequence[Chunk]) -> list[ConceptDraft]:
        groups = {_custom_id("extract", n, group[0].id): group
                  for n, group in enumerate(studying.passage_groups(chunks))}
        items = self._run("concepts", {cid: studying.extract_request(self.engine, group)
                                       for cid, group in groups.items()})
        drafts: list[ConceptDraft] = []
        for cid, group in groups.items():
            reply = _parsed(items.get(cid), ConceptsReply)
            drafts.extend(studying.drafts_from(reply, group) if reply is not None
                          else self.engine.extract_concepts(group))
        return drafts

    def merge_concepts(self, drafts: Sequence[ConceptDraft]) -> list[Concept]:
        if not drafts:
            return []
        cid = _custom_id("merge", 0, str(len(drafts)))
        items = self._run("merge", {cid: studying.merge_request(self.engine, drafts)})
        reply = _parsed(items.get(cid), MergeReply)
        if reply is None:
            return self.engine.merge_concepts(drafts)
        return studying.merged_from(reply, drafts)

    def link_prerequisites(self, concepts: Sequence[Concept],
                           chunks: Sequence[Chunk]) -> list[Prerequisite]:
        if len(concepts) < 2:
            return []
        cid = _custom_id("link", 0, str(len(concepts)))
        items = self._run("prerequisites",
                          {cid: studying.link_request(self.engine, concepts, chunks)})
        reply = _parsed(items.get(cid), EdgesReply)
        if reply is None:
            return self.engine.link_prerequisites(concepts, chunks)
        return studying.edges_from(reply, concepts)

    def explain(self, concept: Concept, style: ExplanationStyle, passages: Sequence[Chunk],
                prerequisites: Sequence[Concept], learner: LearnerContext) -> Explanation:
        return self.engine.explain(concept, style, passages, prerequisites, learner)

    def hint(self, exercise: Exercise, concept: Concept, level: int,
             tried: Sequence[int] = ()) -> Hint:
        return self.engine.hint(exercise, concept, level, tried)

    def grade(self, exercise: Exercise, answer: str) -> Grade:
        return self.engine.grade(exercise, answer)

    def answer_question(self, question: str, passages: Sequence[Chunk]) -> GroundedAnswer:
        return self.engine.answer_question(question, passages)
