"""The engine port: every task the agent performs, as one typed method.

Two engines implement it: :class:`tutor.engine.offline.OfflineEngine` (classical NLP, no
network, the default) and :class:`tutor.engine.claude.ClaudeEngine` (Anthropic's Messages API).
Inputs and outputs are pydantic models so that both engines can be held to the same contract
tests, and so that results can be stored and replayed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, Protocol, runtime_checkable

from pydantic import BaseModel, Field

from tutor.course import Chunk, Citation, Concept, DefinitionKind, Exercise, Prerequisite


class ConceptDraft(BaseModel):
    """A concept candidate found in the material, before duplicates are merged."""

    name: str
    definition: str = ""
    aliases: list[str] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    first_order: int = 0
    """Reading-order position of the first mention that introduces it."""
    section: str = ""
    score: float = 0.0
    """How strongly the material marks this as a concept (engine-specific scale)."""
    evidence: list[str] = Field(default_factory=list)
    """Which signals found it: ``heading``, ``emphasis``, ``definition``, ``keyphrase``..."""
    key_points: list[str] = Field(default_factory=list)
    """Short statements from the defining passages (become :attr:`Concept.key_points`)."""
    definition_kind: DefinitionKind = DefinitionKind.DEFINITION
    """Whether ``definition`` defines the concept or only describes it
    (:attr:`Concept.definition_kind`)."""


def prompt_shape(token: str) -> str:
    """A session's line-opening token as a :class:`PromptConvention` records it: digits as
    ``#``, white space single (``(%i3)`` -> ``(%i#)``)."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", token.strip()))


@dataclass(frozen=True)
class PromptConvention:
    """How one book sets its interpreter's sessions, found once per build over the whole book
    (the offline engine reads it from the book) and handed to every concept's writer: the
    input token (:func:`prompt_shape`), the output label (or ``""``), and the characters
    inputs and outputs end with when they run over lines."""

    prompt: str
    output_label: str = ""
    input_end: str = ""
    output_end: str = ""
    typeset: bool = False
    """Whether most output labels stand alone on their line: the output is typeset
    mathematics below it, which the PDF's text may have flattened."""

    @property
    def numbered(self) -> bool:
        return "#" in self.prompt

    def reads(self, token: str, output: bool = False) -> bool:
        return prompt_shape(token) == (self.output_label if output else self.prompt)


class ExerciseCheck(BaseModel):
    """The checker's verdict on one exercise."""

    exercise_id: str
    ok: bool
    problems: list[str] = Field(default_factory=list)
    """Why it was rejected, e.g. ``"answer given away by the prompt"``."""


class ExplanationStyle(StrEnum):
    """Ways to explain a concept; the teach graph switches style when one did not work."""

    DEFINITION = "definition"
    """The defining passage, stated plainly."""
    SIMPLER = "simpler"
    """The simplest passage that mentions the concept, in short sentences."""
    EXAMPLE = "example"
    """A worked example or an example passage."""
    PREREQUISITES = "prerequisites"
    """The concept connected to the prerequisites it builds on."""


ANSWERED = "you answered"
"""How a wrong answer that shows no named misconception opens its entry in
:attr:`LearnerContext.recent_mistakes` (``you answered “...”``): the answer, not a mix-up."""


class LearnerContext(BaseModel):
    """What the engine may know of the learner when it writes learner-facing text."""

    name: str = ""
    summary: str = ""
    """Short running summary of the learner."""
    styles_that_worked: list[str] = Field(default_factory=list)
    styles_that_failed: list[str] = Field(default_factory=list)
    recent_mistakes: list[str] = Field(default_factory=list)
    """Recent wrong answers or misconceptions on this concept."""
    just_missed: bool = False
    """The explanation answers a wrong answer given just now (the last of
    ``recent_mistakes``): not after a give-up, a shown answer, a step back or a new concept."""


class Explanation(BaseModel):
    concept_id: str
    style: ExplanationStyle
    text: str
    """Markdown for the learner."""
    citations: list[Citation] = Field(default_factory=list)


class Hint(BaseModel):
    exercise_id: str
    level: int = Field(ge=1)
    """1 = gentlest; the ladder ends when ``last`` is true."""
    text: str
    last: bool = False


class Grade(BaseModel):
    """The grade of one answer, with feedback that names what was right or missing."""

    exercise_id: str
    correct: bool
    score: float = Field(ge=0.0, le=1.0)
    """0..1; for short answers a graded score, else 0 or 1."""
    feedback: str
    """What was right or missing. Never contains the correct answer."""
    matched_points: list[str] = Field(default_factory=list)
    missing_points: list[str] = Field(default_factory=list)
    misconception: str = ""
    """The misconception a wrong answer suggests, when one is known."""


class GroundedAnswer(BaseModel):
    """An answer to a learner's free question, from the course passages."""

    question: str
    text: str
    citations: list[Citation] = Field(default_factory=list)
    found: bool = True
    """False when the course material does not answer the question."""


class NextMove(BaseModel):
    """What the tutor will write after a graded answer, known before grading: the explanation
    of a concept in a style, or a hint at a level. Built by the teach graph's look-ahead."""

    kind: Literal["explain", "hint"]
    concept: Concept
    style: ExplanationStyle = ExplanationStyle.DEFINITION
    """For ``explain``."""
    passages: list[Chunk] = Field(default_factory=list)
    prerequisites: list[Concept] = Field(default_factory=list)
    learner: LearnerContext = Field(default_factory=LearnerContext)
    exercise: Exercise | None = None
    """For ``hint``: the exercise hinted at."""
    level: int = 1
    """For ``hint``."""
    withheld: list[Exercise] = Field(default_factory=list)
    """For ``explain``: exercises that may be asked right after it whose answers the text
    shown while it is written must not contain (the exercise is chosen after it is written)."""


class TurnPlan(BaseModel):
    """The next move for each verdict (``None``: nothing to write, e.g. the same exercise is
    asked again, or the lesson is done)."""

    if_right: NextMove | None = None
    if_wrong: NextMove | None = None


TextSink = Callable[[str, str], None]
"""Takes ``(kind, piece)`` of text the learner reads while it is written: ``kind`` is the
message's (``feedback``, ``explanation``, ``hint``, ``answer``); the pieces of one kind add up
to it."""


@runtime_checkable
class PlansTurns(Protocol):
    """An engine that can grade an answer and write the next move in one request (the Claude
    engine: one Messages API call per teaching turn). The teach graph uses it when offered;
    the written move is then served by the engine's ``explain`` or ``hint``."""

    def grade_turn(self, exercise: Exercise, answer: str, plan: TurnPlan,
                   shown: TextSink | None = None) -> Grade:
        """Like :meth:`Engine.grade`, also preparing the move ``plan`` names for the verdict.
        ``shown``: where the learner-visible text goes as it is written (the feedback, then
        the move), withheld and checked as the finished text will be."""
        ...


@runtime_checkable
class StreamsText(Protocol):
    """An engine that shows the learner its text while it is written (the Claude engine). The
    teach graph uses these in place of ``explain``, ``hint`` and ``answer_question`` when
    offered, with ``shown`` set when the run is streamed; the text given to ``shown`` is the
    text returned, withheld and checked alike. A move served from an earlier turn's reply
    (which showed it already) is not shown again."""

    def explain_streamed(self, move: NextMove, waiting: Exercise | None = None,
                         shown: TextSink | None = None) -> Explanation:
        """The explanation ``move`` names; ``waiting``: the exercise asked again after it,
        whose answer is held back (``move.withheld``: those that may be asked instead)."""
        ...

    def hint_streamed(self, exercise: Exercise, concept: Concept, level: int,
                      shown: TextSink | None = None, tried: Sequence[int] = ()) -> Hint:
        ...

    def answer_streamed(self, question: str, passages: Sequence[Chunk],
                        waiting: Exercise | None = None,
                        shown: TextSink | None = None) -> GroundedAnswer:
        """The answer to a free question; ``waiting``: the exercise whose key it holds back."""
        ...


@runtime_checkable
class Engine(Protocol):
    """The agent's tasks. Implementations must be safe to call from several threads."""

    name: str

    # -- understanding the material (study graph) -------------------------------------------
    def extract_concepts(self, chunks: Sequence[Chunk]) -> list[ConceptDraft]:
        """Find concept candidates in the passages (whole course, reading order)."""
        ...

    def merge_concepts(self, drafts: Sequence[ConceptDraft]) -> list[Concept]:
        """Merge duplicates and aliases into concepts with stable ids."""
        ...

    def link_prerequisites(
        self, concepts: Sequence[Concept], chunks: Sequence[Chunk]
    ) -> list[Prerequisite]:
        """Prerequisite edges between the concepts; the result must be acyclic."""
        ...

    def write_exercises(
        self, concept: Concept, related: Sequence[Concept], passages: Sequence[Chunk],
        conventions: Sequence[PromptConvention] | None = None,
    ) -> list[Exercise]:
        """Exercises for one concept. ``related``: near concepts (distractor material);
        ``passages``: the passages that teach the concept; ``conventions``: how the book
        sets its interpreter's sessions, found once per build over the whole book (the
        offline writer's; ``None``: found from the passages)."""
        ...

    def check_exercise(
        self, exercise: Exercise, concept: Concept, passages: Sequence[Chunk]
    ) -> ExerciseCheck:
        """One correct option, answer not given away by the prompt, answerable from the
        cited passages."""
        ...

    # -- teaching (teach graph) --------------------------------------------------------------
    def explain(
        self,
        concept: Concept,
        style: ExplanationStyle,
        passages: Sequence[Chunk],
        prerequisites: Sequence[Concept],
        learner: LearnerContext,
    ) -> Explanation:
        """Explain a concept in the requested style, adapted to the learner."""
        ...

    def hint(self, exercise: Exercise, concept: Concept, level: int,
             tried: Sequence[int] = ()) -> Hint:
        """The ``level``-th step of the hint ladder; never the answer itself. ``tried``: the
        options (0-based) the learner already picked for this item, which a clue does not
        strike out again."""
        ...

    def grade(self, exercise: Exercise, answer: str) -> Grade:
        """Grade an answer with feedback that does not reveal the correct answer."""
        ...

    def answer_question(self, question: str, passages: Sequence[Chunk]) -> GroundedAnswer:
        """Answer a free question from the passages, citing pages."""
        ...
