"""The Claude engine: the port's tasks done by Claude, each step falling back to offline.

Requests follow one shape (see :mod:`tutor.engine.claude.calls`): persona + reading rules and
the course context as a cached prefix, then the task prompt from ``prompts/<task>.md`` with the
material and the learner's text as delimited data. Structured steps reply in JSON validated by
pydantic; a malformed or refused reply is asked again once, then the step is done by the
fallback engine (the offline engine by default) and a :class:`Fallback` is recorded. Past a
learner's daily token budget every step falls back, and :meth:`ClaudeEngine.notice` says so.
Study-time tasks live in :mod:`tutor.engine.claude.studying`; a teaching turn in
:mod:`tutor.engine.claude.turns`; an explanation, a hint and a free answer written apart from a
turn (streamed when the lesson shows them as they are written) in
:mod:`tutor.engine.claude.teaching`.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import anthropic
from pydantic import BaseModel

from tutor.course import Chunk, Concept, Course, Exercise, Prerequisite
from tutor.engine.claude import exercise_checking, studying, teaching, turns
from tutor.engine.claude import rendering as r
from tutor.engine.claude.budget import TokenBudget
from tutor.engine.claude.calls import ClaudeCalls, StepFailed
from tutor.engine.claude.client import client_from_context
from tutor.engine.claude.grading import grade_from
from tutor.engine.claude.prefix import prefix_parts
from tutor.engine.claude.review_flags import ReviewFlags
from tutor.engine.claude.schemas import GradeReply
from tutor.engine.claude.shown_text import kept_feedback
from tutor.engine.claude.turns import TurnMemo
from tutor.engine.claude.usage import UsageLog
from tutor.engine.port import (
    ConceptDraft,
    Engine,
    ExerciseCheck,
    Explanation,
    ExplanationStyle,
    Grade,
    GroundedAnswer,
    Hint,
    LearnerContext,
    NextMove,
    TextSink,
    TurnPlan,
)
from tutor.errors import AnswerError
from tutor.home import prompts_dir
from tutor.prompts import load_prompt

if TYPE_CHECKING:
    from tutor.context import TutorContext
    from tutor.engine.port import PromptConvention

Result = TypeVar("Result")
EXPLANATION_WORDS = 250
MATERIAL_IN_PREFIX_CHARS = 60_000
"""A course whose passages total at most this many characters has them all in the cached
prefix; requests then name passages by id instead of repeating them."""


class Fallback(BaseModel):
    """A step the fallback engine did instead of Claude."""

    task: str
    reason: str
    """``malformed``, ``refused``, ``budget`` or ``api``."""
    detail: str = ""


class ClaudeEngine:
    """The :class:`tutor.engine.port.Engine` port on Anthropic's Messages API."""

    name = "claude"

    def __init__(
        self,
        client: anthropic.Anthropic,
        *,
        model: str = "claude-sonnet-4-6",
        fast_model: str = "claude-haiku-4-5",
        fallback: Engine | None = None,
        usage: UsageLog | None = None,
        budget: TokenBudget | None = None,
        review_flags: ReviewFlags | None = None,
        daily_token_budget: int = 0,
        learner_id: str = "",
        course: Course | None = None,
        prompts: Path | None = None,
        request_timeout: float = 60.0,
    ) -> None:
        if fallback is None:
            from tutor.engine.offline import OfflineEngine

            fallback = OfflineEngine()
        self.client = client
        self.model = model
        self.fast_model = fast_model
        self.fallback = fallback
        self.usage = usage or UsageLog()
        self.budget = budget or TokenBudget(self.usage, daily_token_budget)
        self.calls = ClaudeCalls(client, self.usage, self.budget)
        self.review_flags = review_flags or ReviewFlags()
        """Answers where Claude and the offline grader disagreed strongly (for the author)."""
        self.learner_id = learner_id
        self.request_timeout = request_timeout
        self.prompts = prompts or prompts_dir()
        self.fallbacks: list[Fallback] = []
        self.drop_reasons: dict[str, int] = {}
        """Why checked exercises were rejected, with counts."""
        self._dropped = [0]
        """Exercises rejected by the checker (a list, so that views share the count)."""
        self._lock = threading.Lock()
        self._prefix: list[str] = []
        self.course = course
        self._material: list[Chunk] = []
        self._material_ids: set[str] = set()
        self._course_passages: list[Chunk] = []
        """Every passage of the course (what citations are checked against)."""
        self.turns = TurnMemo()
        """Moves a teaching turn's reply wrote ahead (see :mod:`tutor.engine.claude.turns`)."""
        self._build_prefix()

    @classmethod
    def from_context(
        cls,
        context: TutorContext,
        *,
        fallback: Engine | None = None,
        learner_id: str = "",
        course: Course | None = None,
        client: anthropic.Anthropic | None = None,
    ) -> ClaudeEngine:
        """The engine the settings describe: key, base URL, models, timeout and budget.
        Raises :class:`tutor.errors.EngineUnavailable` when no API key is set."""
        usage = UsageLog.in_folder(context.data, clock=context.clock)
        engine = cls(
            client or client_from_context(context),
            model=context.claude_model,
            fast_model=context.claude_fast_model,
            fallback=fallback,
            usage=usage,
            budget=TokenBudget(usage, context.daily_token_budget),
            review_flags=ReviewFlags.in_folder(context.data, clock=context.clock),
            learner_id=learner_id,
            course=course,
            prompts=context.prompts_folder(),
            request_timeout=context.request_timeout,
        )
        engine.calls.author_limit = max(0, context.course_token_budget)
        return engine

    # -- views --------------------------------------------------------------------------------
    def for_learner(self, learner_id: str) -> ClaudeEngine:
        """The same engine (client, usage log, budget, course) working for ``learner_id``."""
        view = copy.copy(self)
        view.learner_id = learner_id
        view.turns = TurnMemo()
        return view

    def with_course(self, course: Course, passages: Sequence[Chunk] = ()) -> ClaudeEngine:
        """The same engine with ``course``'s concept list in the cached prefix, and its
        ``passages`` too when they are short enough (:data:`MATERIAL_IN_PREFIX_CHARS`)."""
        view = copy.copy(self)
        view.course = course
        view.turns = TurnMemo()
        fits = sum(len(c.text) for c in passages) <= MATERIAL_IN_PREFIX_CHARS
        view._material = sorted(passages, key=lambda c: (c.order, c.id)) if fits else []
        view._material_ids = {c.id for c in view._material}
        view._course_passages = list(passages)
        view._build_prefix()
        return view

    def _build_prefix(self) -> None:
        self._prefix = prefix_parts(self.prompts, self.course, self._material)

    def passages_text(self, passages: Sequence[Chunk]) -> str:
        """The content of a request's ``<course_material>`` block: the passages themselves, or
        their ids when they are all in the cached prefix already."""
        if passages and all(c.id in self._material_ids for c in passages):
            ids = ", ".join(f'"{r.defuse(c.id)}"' for c in passages)
            return f"(the passages with ids {ids} of the course material given above)"
        return r.passages_block(passages)

    def passages_for(self, exercise: Exercise, given: Sequence[Chunk] = ()) -> list[Chunk]:
        """The passages a reply about ``exercise`` may cite: those ``given`` in the request,
        the course material in the cached prefix, and the pages the exercise cites (named in
        every request about it)."""
        pages = {(c.source, c.page) for c in exercise.citations}
        cited = [c for c in self._course_passages if (c.source, c.page) in pages]
        return list({c.id: c for c in [*given, *self._material, *cited]}.values())

    @property
    def prefix_parts(self) -> list[str]:
        """The cached prefix (system prompt parts), identical for every call of this view."""
        return list(self._prefix)

    # -- the plumbing every step uses ---------------------------------------------------------
    def request(self, task: str, model: str, max_tokens: int,
                reply_model: type[BaseModel] | None = None, **values: object) -> dict[str, Any]:
        """Parameters of the request for ``task`` (also used for Message Batches)."""
        prompt = load_prompt(task, self.prompts).render(**values)
        return ClaudeCalls.params(model, self._prefix, prompt, max_tokens, reply_model)

    def long_timeout(self, max_tokens: int) -> float:
        """Seconds to allow a reply of up to ``max_tokens`` (about 40 tokens a second)."""
        return max(self.request_timeout, max_tokens / 40.0)

    def step(self, task: str, attempt: Callable[[], Result],
             fallback: Callable[[Engine], Result]) -> Result:
        """``attempt()``; when it fails, ``fallback(self.fallback)``, recorded."""
        try:
            return attempt()
        except StepFailed as failed:
            self.record_fallback(task, failed)
            return fallback(self.fallback)

    def record_fallback(self, task: str, failed: StepFailed) -> None:
        with self._lock:
            self.fallbacks.append(Fallback(task=task, reason=failed.reason, detail=failed.detail))

    def count_drop(self, problems: Sequence[str]) -> None:
        with self._lock:
            for problem in problems or ["rejected"]:
                key = problem.split(":")[0]
                self.drop_reasons[key] = self.drop_reasons.get(key, 0) + 1

    @property
    def exercises_dropped(self) -> int:
        """Exercises :meth:`check_exercise` rejected so far (each counted once)."""
        return self._dropped[0]

    def notice(self) -> str | None:
        """A sentence for the learner when their daily budget is used up, else ``None``."""
        return self.budget.notice(self.learner_id) if self.learner_id else None

    # -- understanding the material -----------------------------------------------------------
    def extract_concepts(self, chunks: Sequence[Chunk]) -> list[ConceptDraft]:
        return studying.extract_concepts(self, chunks)

    def merge_concepts(self, drafts: Sequence[ConceptDraft]) -> list[Concept]:
        return studying.merge_concepts(self, drafts)

    def link_prerequisites(
        self, concepts: Sequence[Concept], chunks: Sequence[Chunk]
    ) -> list[Prerequisite]:
        return studying.link_prerequisites(self, concepts, chunks)

    def write_exercises(
        self, concept: Concept, related: Sequence[Concept], passages: Sequence[Chunk],
        conventions: Sequence[PromptConvention] | None = None,
    ) -> list[Exercise]:
        return studying.write_exercises(self, concept, related, passages, conventions)

    def check_exercise(
        self, exercise: Exercise, concept: Concept, passages: Sequence[Chunk]
    ) -> ExerciseCheck:
        return self.note_check(exercise_checking.check_exercise(self, exercise, concept, passages))

    def note_check(self, check: ExerciseCheck) -> ExerciseCheck:
        """Count a rejected exercise and why (:attr:`exercises_dropped`, drop reasons)."""
        if not check.ok:
            with self._lock:
                self._dropped[0] += 1
            self.count_drop(check.problems)
        return check

    # -- teaching -----------------------------------------------------------------------------
    def explain_request(self, concept: Concept, style: ExplanationStyle,
                        passages: Sequence[Chunk], prerequisites: Sequence[Concept],
                        learner: LearnerContext) -> dict[str, Any]:
        return self.request(
            "explain", self.model, 1200,
            max_words=EXPLANATION_WORDS,
            style_instructions=r.STYLE_INSTRUCTIONS[ExplanationStyle(style)],
            concept=r.data_json(r.concept_record(concept)),
            prerequisites=r.data_json([r.concept_record(p) for p in prerequisites]),
            learner=r.learner_record(learner),
            passages=r.passages_block(passages),
        )

    def explain(self, concept: Concept, style: ExplanationStyle, passages: Sequence[Chunk],
                prerequisites: Sequence[Concept], learner: LearnerContext) -> Explanation:
        move = NextMove(kind="explain", concept=concept, style=ExplanationStyle(style),
                        passages=list(passages), prerequisites=list(prerequisites),
                        learner=learner)
        return teaching.explain(self, move, None, None)

    def explain_streamed(self, move: NextMove, waiting: Exercise | None = None,
                         shown: TextSink | None = None) -> Explanation:
        """The explanation ``move`` names, shown to ``shown`` while it is written (the keys
        of ``move.withheld`` and the ``waiting`` exercise's answer held back)."""
        return teaching.explain(self, move, waiting, shown)

    def hint(self, exercise: Exercise, concept: Concept, level: int,
             tried: Sequence[int] = ()) -> Hint:
        return teaching.hint(self, exercise, concept, level, None, tried)

    def hint_streamed(self, exercise: Exercise, concept: Concept, level: int,
                      shown: TextSink | None = None, tried: Sequence[int] = ()) -> Hint:
        """A hint, shown to ``shown`` while it is written (the answer withheld)."""
        return teaching.hint(self, exercise, concept, level, shown, tried)

    def grade(self, exercise: Exercise, answer: str) -> Grade:
        if not answer.strip():
            raise AnswerError("the answer is empty; type an answer, or ask for a hint")

        def attempt() -> Grade:
            params = self.request(
                "grade", self.fast_model, 700, GradeReply,
                exercise=r.data_json(r.exercise_record(exercise, with_answer=False)),
                reference=r.data_json(r.exercise_record(exercise, with_answer=True)),
                learner_answer=r.defuse(answer.strip()),
            )
            reply = self.calls.structured("grade", GradeReply, params, self.learner_id)
            return grade_from(reply, exercise, answer, self.offline_grade,
                              self.review_flags.add, self.learner_id,
                              cite=kept_feedback(self.passages_for(exercise)))

        return self.step("grade", attempt, lambda e: e.grade(exercise, answer))

    def grade_turn(self, exercise: Exercise, answer: str, plan: TurnPlan,
                   shown: TextSink | None = None) -> Grade:
        """Grade ``answer`` and write the move ``plan`` names for the verdict, in one call
        (streamed to ``shown`` when given)."""
        if not answer.strip():
            raise AnswerError("the answer is empty; type an answer, or ask for a hint")
        return turns.grade_turn(self, exercise, answer, plan, shown)

    def offline_grade(self, exercise: Exercise, answer: str) -> Grade | None:
        """The fallback engine's grade, to check Claude's against (``None``: it cannot take
        the answer)."""
        try:
            return self.fallback.grade(exercise, answer)
        except AnswerError:
            return None

    def answer_question(self, question: str, passages: Sequence[Chunk]) -> GroundedAnswer:
        return teaching.answer_question(self, question, passages, None, None)

    def answer_streamed(self, question: str, passages: Sequence[Chunk],
                        waiting: Exercise | None = None,
                        shown: TextSink | None = None) -> GroundedAnswer:
        """The answer to a free question, shown to ``shown`` while it is written (the
        ``waiting`` exercise's key held back)."""
        return teaching.answer_question(self, question, passages, waiting, shown)
