"""Engines: the offline classical pipeline and the Claude engine, behind one port."""

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
)

__all__ = [
    "ConceptDraft",
    "Engine",
    "ExerciseCheck",
    "Explanation",
    "ExplanationStyle",
    "Grade",
    "GroundedAnswer",
    "Hint",
    "LearnerContext",
]
