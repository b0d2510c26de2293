"""The project's exception hierarchy.

Every error a user can cause (a bad PDF, an unknown course, an empty answer, a missing key)
is a :class:`TutorError` whose message says what happened and what to do about it. The CLI
and the web app print ``str(error)`` as it is, on one line.

    TutorError
    ├── SourceError        a course source cannot be read (corrupt, encrypted, empty, scanned)
    ├── CourseError        an unknown or badly named course, a course.json that fails validation
    ├── LearnerError       an unknown or unsafe learner id, a wrong passphrase
    ├── AccessError        an action that needs the author role, without it
    ├── AnswerError        an answer the tutor cannot take (e.g. empty)
    ├── EngineError        an engine step failed (bad model output, unreachable API)
    │   └── EngineUnavailable  the engine cannot run here (no key, not installed)
    └── PromptError        a prompt template is missing or lacks a variable
"""

from __future__ import annotations

from pathlib import Path


class TutorError(Exception):
    """Base class: an error the user can act on. ``str(err)`` is a one-line message."""


class SourceError(TutorError):
    """A course source file cannot be turned into text."""

    def __init__(self, path: Path | str, problem: str, remedy: str) -> None:
        self.path = Path(path)
        self.problem = problem
        self.remedy = remedy
        from tutor.safety.names import shown_name  # here: that module imports this one

        super().__init__(f"{shown_name(self.path.name)}: {problem}; {remedy}")


class CourseError(TutorError):
    """An unknown course, an unsafe course name, or a course file that does not validate."""


class LearnerError(TutorError):
    """An unknown or unsafe learner id, or a wrong passphrase."""


class StorageError(TutorError):
    """A database file that cannot be opened: locked for too long, corrupt, or unreadable."""


class AccessError(TutorError):
    """An action only an author may take (see :mod:`tutor.roles`), tried without the role."""


class AnswerError(TutorError):
    """An answer the tutor cannot grade, such as an empty one."""


class StaleExerciseError(AnswerError):
    """An action names an exercise that is no longer the one waiting (a stale tab, a late
    line): it is refused, never graded against the exercise now shown."""


class EngineError(TutorError):
    """An engine step failed: unusable model output, or an API that cannot be reached."""


class EngineUnavailable(EngineError):
    """The engine cannot run here, e.g. the Claude engine with no ANTHROPIC_API_KEY."""


class PromptError(TutorError):
    """A prompt template is missing, or a variable it needs was not given."""


class BudgetError(EngineError):
    """Author-time Claude work would go past the course's token budget."""
