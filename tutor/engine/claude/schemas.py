"""The JSON shapes Claude replies in, one per structured task (sent as ``output_config.format``).

They are deliberately flat and model-friendly (passage ids instead of citations, lists of pairs
instead of free-keyed objects); :mod:`tutor.engine.claude.engine` turns them into the port's
domain objects and checks them against the inputs (unknown ids are dropped).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class ConceptItem(BaseModel):
    name: str
    definition: str
    defines: bool = True
    """Whether ``definition`` says what the concept is (false: the material only says
    something about it, a use, a property, a fact)."""
    aliases: list[str] = Field(default_factory=list)
    section: str = ""
    chunk_id: str
    """Id of the passage that introduces the concept."""


class ConceptsReply(BaseModel):
    concepts: list[ConceptItem]


class ConceptGroup(BaseModel):
    name: str
    definition: str
    defines: bool = True
    """Whether ``definition`` says what the concept is, not only something about it."""
    aliases: list[str] = Field(default_factory=list)
    members: list[int]
    """Indices of the candidates merged into this concept."""
    key_points: list[str] = Field(default_factory=list)


class MergeReply(BaseModel):
    groups: list[ConceptGroup]
    rejected: list[int] = Field(default_factory=list)
    """Indices of candidates that are not concepts."""


class EdgeItem(BaseModel):
    prerequisite: str
    concept: str
    rationale: str
    confidence: float


class EdgesReply(BaseModel):
    edges: list[EdgeItem]


class OptionMisconception(BaseModel):
    option: str
    """A wrong option, word for word."""
    misconception: str


class ExerciseItem(BaseModel):
    kind: Literal["multiple_choice", "cloze", "true_false", "short_answer"]
    prompt: str
    answer: str
    choices: list[str] = Field(default_factory=list)
    misconceptions: list[OptionMisconception] = Field(default_factory=list)
    key_points: list[str] = Field(default_factory=list)
    explanation: str = ""
    chunk_id: str
    difficulty: float = 0.5
    origin: Literal["definition", "example", "worked_example", "book_exercise", "code_output",
                    "contrast", "relation", "procedure"] = "definition"
    """What the exercise was written from (see :class:`tutor.course.ExerciseOrigin`)."""
    code: list[str] = Field(default_factory=list)
    """For a code-output exercise on Python: the session, one statement per entry; the answer
    is what the interpreter shows after the last one. It is run before the exercise is kept."""


class ExercisesReply(BaseModel):
    exercises: list[ExerciseItem]


class SolutionReply(BaseModel):
    """The checker's own solution of an exercise, from the cited passages only."""

    answer: str
    answerable: bool
    """The passages are enough to answer it."""
    single_correct: bool
    """Exactly one option is correct (true for non-choice exercises)."""
    gives_answer_away: bool
    reasoning: str = ""


class GradeReply(BaseModel):
    correct: bool
    score: float
    feedback: str
    matched_points: list[str] = Field(default_factory=list)
    missing_points: list[str] = Field(default_factory=list)
    misconception: str = ""


# A teaching turn in one reply: the grade, then the tutor's next move for each verdict. Every
# field is required and none is documented here: the schema is sent with every turn, uncached.
class TurnReply(BaseModel):
    correct: bool
    score: float
    feedback: str
    matched_points: list[str]
    missing_points: list[str]
    misconception: str
    next_if_right: str
    next_if_wrong: str


class AnswerReply(BaseModel):
    text: str
    chunk_ids: list[str] = Field(default_factory=list)
    found: bool = True
