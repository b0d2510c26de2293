"""The offline engine: each port method delegates to the module of its task."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tutor.course import Chunk, Concept, Exercise, Prerequisite
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

if TYPE_CHECKING:
    from tutor.engine.port import PromptConvention

class OfflineEngine:
    """Classical NLP: headings, emphasis, definitional patterns, keyphrase statistics,
    passage selection, fuzzy and embedding-based grading. Every output cites its pages."""

    name = "offline"

    def extract_concepts(self, chunks: Sequence[Chunk]) -> list[ConceptDraft]:
        from tutor.engine.offline.concepts.extract import extract_concepts

        return extract_concepts(chunks)

    def merge_concepts(self, drafts: Sequence[ConceptDraft]) -> list[Concept]:
        from tutor.engine.offline.concepts.merge import merge_concepts

        return merge_concepts(drafts)

    def link_prerequisites(
        self, concepts: Sequence[Concept], chunks: Sequence[Chunk]
    ) -> list[Prerequisite]:
        from tutor.engine.offline.prerequisites.link import link_prerequisites

        return link_prerequisites(concepts, chunks)

    def write_exercises(
        self, concept: Concept, related: Sequence[Concept], passages: Sequence[Chunk],
        conventions: Sequence[PromptConvention] | None = None,
    ) -> list[Exercise]:
        from tutor.engine.offline.writing.exercises import write_exercises

        return write_exercises(concept, related, passages, conventions)

    def check_exercise(
        self, exercise: Exercise, concept: Concept, passages: Sequence[Chunk]
    ) -> ExerciseCheck:
        from tutor.engine.offline.writing.checking import check_exercise

        return check_exercise(exercise, concept, passages)

    def explain(
        self,
        concept: Concept,
        style: ExplanationStyle,
        passages: Sequence[Chunk],
        prerequisites: Sequence[Concept],
        learner: LearnerContext,
    ) -> Explanation:
        from tutor.engine.offline.tutoring.explaining import explain

        return explain(concept, style, passages, prerequisites, learner)

    def hint(self, exercise: Exercise, concept: Concept, level: int,
             tried: Sequence[int] = ()) -> Hint:
        from tutor.engine.offline.tutoring.hints import hint

        return hint(exercise, concept, level, tried)

    def grade(self, exercise: Exercise, answer: str) -> Grade:
        from tutor.engine.offline.tutoring.grading import grade

        return grade(exercise, answer)

    def answer_question(self, question: str, passages: Sequence[Chunk]) -> GroundedAnswer:
        from tutor.engine.offline.tutoring.answering import answer_question

        return answer_question(question, passages)
