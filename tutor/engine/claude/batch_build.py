"""Building a course with the study graph's per-concept work in Message Batches.

:class:`BatchBuild` is the Claude engine as the study graph sees it during ``tutor course build
--engine claude --batch``. Understanding the material (concepts, merging, prerequisites) stays
interactive: each step needs the one before. The per-concept work is what batches well: when
the graph fans out, it hands the whole set of jobs to :meth:`prepare_exercises` (then
:meth:`prepare_checks`), which

1. builds every request, estimates its cost (:func:`~tutor.engine.claude.pricing.estimate_cost`)
   and says so (``on_estimate``) before anything is submitted;
2. refuses (:class:`~tutor.errors.BudgetError`) when what the build has spent plus the
   estimate would pass the course's token budget (``TutorContext.course_token_budget``);
3. runs the set through :class:`~tutor.engine.claude.batch.BatchRunner` (half price; its state
   is saved under the course's ``.build/``, so a build started again after a crash picks up
   the same batch instead of paying for a new one).

The per-concept graph tasks then find their results here. An item the batch could not do
(errored, expired, malformed) is done interactively by the engine, with its usual fallback.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tutor.course import Chunk, Concept, Exercise, Prerequisite
from tutor.engine.claude import studying
from tutor.engine.claude.batch import BatchItem, BatchProgress, BatchRunner
from tutor.engine.claude.calls import StepFailed
from tutor.engine.claude.engine import ClaudeEngine, Fallback
from tutor.engine.claude.pricing import CostEstimate, estimate_cost
from tutor.engine.claude.schemas import SolutionReply
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

WritingJob = tuple[Concept, Sequence[Concept], Sequence[Chunk]]
CheckingJob = tuple[Exercise, Concept, Sequence[Chunk]]


def _custom_id(kind: str, number: int, key: str) -> str:
    """A batch ``custom_id`` (letters, digits, ``-`` and ``_``, at most 64), stable per job."""
    return f"{kind}-{number:05d}-{hashlib.sha256(key.encode()).hexdigest()[:12]}"


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
        requests = {cid: studying.check_request(self.engine, exercise, passages)
                    for cid, (exercise, passages) in ids.items()}
        for cid, item in self._run("checks", requests).items():
            exercise, _ = ids[cid]
            if item.ok:
                try:
                    reply = SolutionReply.model_validate_json(item.text)
                except ValidationError:
                    continue  # checked interactively when the graph asks
                self._checks[exercise.id] = studying.check_from(reply, exercise)

    # -- the port (per-concept work from the batches, the rest from the engine) ---------------
    def write_exercises(self, concept: Concept, related: Sequence[Concept],
                        passages: Sequence[Chunk]) -> list[Exercise]:
        found = self._exercises.pop(concept.id, None)
        if found is not None:
            return found
        return self.engine.write_exercises(concept, related, passages)

    def check_exercise(self, exercise: Exercise, concept: Concept,
                       passages: Sequence[Chunk]) -> ExerciseCheck:
        found = self._checks.pop(exercise.id, None)
        if found is not None:
            return self.engine.note_check(found)
        return self.engine.check_exercise(exercise, concept, passages)

    def extract_concepts(self, chunks: Sequence[Chunk]) -> list[ConceptDraft]:
        return self.engine.extract_concepts(chunks)

    def merge_concepts(self, drafts: Sequence[ConceptDraft]) -> list[Concept]:
        return self.engine.merge_concepts(drafts)

    def link_prerequisites(self, concepts: Sequence[Concept],
                           chunks: Sequence[Chunk]) -> list[Prerequisite]:
        return self.engine.link_prerequisites(concepts, chunks)

    def explain(self, concept: Concept, style: ExplanationStyle, passages: Sequence[Chunk],
                prerequisites: Sequence[Concept], learner: LearnerContext) -> Explanation:
        return self.engine.explain(concept, style, passages, prerequisites, learner)

    def hint(self, exercise: Exercise, concept: Concept, level: int) -> Hint:
        return self.engine.hint(exercise, concept, level)

    def grade(self, exercise: Exercise, answer: str) -> Grade:
        return self.engine.grade(exercise, answer)

    def answer_question(self, question: str, passages: Sequence[Chunk]) -> GroundedAnswer:
        return self.engine.answer_question(question, passages)
