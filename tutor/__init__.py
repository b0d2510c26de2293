"""agent-tutor: an agent that reads your course material, builds a concept graph with
exercises, then teaches you one-on-one.

The public API: the course model, the engine port and the error hierarchy. Graphs, the
learner model and the exporters live in their subpackages.
"""

from tutor.course import (
    Chunk,
    Citation,
    Concept,
    Course,
    Exercise,
    ExerciseKind,
    Prerequisite,
    Source,
)
from tutor.errors import (
    AnswerError,
    CourseError,
    EngineError,
    EngineUnavailable,
    LearnerError,
    PromptError,
    SourceError,
    TutorError,
)

__version__ = "0.1.0"

__all__ = [
    "AnswerError",
    "Chunk",
    "Citation",
    "Concept",
    "Course",
    "CourseError",
    "EngineError",
    "EngineUnavailable",
    "Exercise",
    "ExerciseKind",
    "LearnerError",
    "Prerequisite",
    "PromptError",
    "Source",
    "SourceError",
    "TutorError",
    "__version__",
]
