"""The teach graph's state, and the messages it shows the learner.

The state is checkpointed after every step (SQLite, one thread per learner and course), so it
holds only JSON-able values: strings, numbers, lists and plain dicts. Messages are stored as
``TutorMessage.model_dump(mode="json")`` dicts and validated again by the lesson facade.
What the tutor *believes* about the learner is not here: it lives in the learner store and is
loaded by each node that needs it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypedDict

from pydantic import BaseModel, Field

from tutor.course import Citation, Exercise, ExerciseKind

TRANSCRIPT_LIMIT = 20
"""Most messages kept in the checkpointed state: those since the learner's last message (the
whole transcript is in the lesson storage, :mod:`tutor.teach.lesson_storage`; the checkpoint
stays small)."""


class ExerciseView(BaseModel):
    """What the learner may see of an exercise: never the answer, the accepted answers, the
    key points or the explanation."""

    id: str
    concept_id: str
    concept_name: str
    kind: ExerciseKind
    prompt: str
    choices: list[str] | None = None

    @classmethod
    def of(cls, exercise: Exercise, concept_name: str) -> ExerciseView:
        return cls(
            id=exercise.id,
            concept_id=exercise.concept_id,
            concept_name=concept_name,
            kind=exercise.kind,
            prompt=exercise.prompt,
            choices=list(exercise.choices) if exercise.choices else None,
        )


MessageKind = Literal[
    "explanation", "exercise", "feedback", "hint", "reveal", "answer", "info", "done", "learner"
]
"""``learner`` is what the learner said (kept in the transcript for chat views; the lesson's
replies to an action do not include it)."""


class TutorMessage(BaseModel):
    """One thing the tutor says: an explanation, an exercise, feedback, a hint..."""

    kind: MessageKind
    text: str
    """Markdown."""
    citations: list[Citation] = Field(default_factory=list)
    exercise: ExerciseView | None = None
    """Set when ``kind == "exercise"``."""
    correct: bool | None = None
    """Set when ``kind == "feedback"``."""
    framing: bool = False
    """The tutor's own fixed words ("Back to the exercise."), holding no course text: never
    masked, and no key can stand in them (an answer such as *question* is not given away by
    "First, a question on something from earlier")."""

    def unnamed_citations(self) -> list[str]:
        """The labels of the citations the text does not give already (an explanation ends
        with its own "Source: ..." line): those a view shows beside the message."""
        return [label for label in (c.label() for c in self.citations) if label not in self.text]


REPLACE = "replace_last"
"""Kind of the marker that opens an update replacing the last ``count`` messages (masked again
before the learner saw them: :func:`tutor.teach.withholding.remask_emitted`)."""


def joined(left: list[dict[str, Any]], right: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``left`` followed by ``right``; an update opening with a :data:`REPLACE` marker first
    drops the marker's ``count`` last messages (the update carries their new versions)."""
    kept, added = list(left or []), list(right or [])
    if added and added[0].get("kind") == REPLACE:
        count = int(added.pop(0).get("count", 0))
        kept = kept[:len(kept) - count] if count else kept
    return kept + added


def keep_recent(left: list[dict[str, Any]], right: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reducer of the transcript: :func:`joined`, then the messages from the learner's last
    one on (what the steps read: the text shown since the learner last acted; a run's
    messages all come after it), at most the last :data:`TRANSCRIPT_LIMIT`."""
    kept = joined(left, right)
    last = max((i for i, m in enumerate(kept) if m.get("kind") == "learner"), default=0)
    return kept[max(last, len(kept) - TRANSCRIPT_LIMIT):]


class LessonState(TypedDict, total=False):
    """One learner's lesson in one course."""

    learner_id: str
    """The learner being taught (a store id: a lower-case slug)."""
    course: str
    """The course name (its folder under ``courses/``)."""
    concept_id: str | None
    """The concept being taught now; None before the first choice and when all is done."""
    reason: str
    """Why this concept: ``review``, ``frontier``, ``step_back`` (a weak prerequisite of a
    concept the learner keeps failing, or of a concept the learner picked), ``return`` (back from
    a step back), ``focus`` (the learner picked it: ``Lesson.focus``) or ``done``."""
    return_to: list[dict[str, Any]]
    """Stack of concepts left to step back to a prerequisite: ``{"concept_id", "exercise_id",
    "styles_tried"}``; the top is resumed once the prerequisite is answered right."""
    style: str
    """The explanation style in force (an ``ExplanationStyle`` value)."""
    styles_tried: list[str]
    """Styles already used on the current concept during this visit, in order."""
    next_style: str
    """A style requested for the next explanation (e.g. ``prerequisites`` after a step back)."""
    explanation: dict[str, Any] | None
    """The explanation written for the current concept, not yet shown: the ask step shows it
    together with the exercise, with that exercise's answer masked."""
    explained: list[str]
    """Concepts explained in this lesson, most recent last: coming back to one of them after a
    right answer goes straight to the next exercise."""
    exercise_id: str | None
    """The exercise the learner is working on."""
    hints_used: int
    """Rungs of the hint ladder shown for the current exercise."""
    hint_last: bool
    """True once the last rung of the ladder was shown."""
    real_attempts: int
    """Non-empty answers to the current exercise (requests for the answer do not count)."""
    revealed: bool
    """True once the learner may see the current exercise's answer: answered right or gave up."""
    fails: int
    """Wrong answers (and give-ups) on the current concept during this visit."""
    mistakes: list[str]
    """Recent wrong answers or misconceptions on the current concept, newest last."""
    last_feedback: dict[str, Any]
    """The last wrong answer's feedback, as the engine wrote it: ``{"exercise_id", "answer",
    "text"}``, until a right answer (:func:`tutor.teach.attempts.reworded_feedback`: not said
    word for word twice in a row on one item)."""
    outcome: str
    """Result of the last graded step: ``correct``, ``wrong``, ``gave_up``, or ``unusable``
    (the engine could not take the answer, e.g. an option that does not exist); ``focused``
    right after the learner picked a concept to learn."""
    action: dict[str, Any] | None
    """The learner's last action (the interrupt's resume value): ``{"kind": "answer" | "hint" |
    "give_up" | "question" | "focus", "text": str}`` (for ``focus`` the text is a concept id);
    also given with a start to begin at a picked concept."""
    lesson_id: str
    """Random id given when the thread is first started; with ``turn`` it makes the attempt
    ids, so a replayed step records nothing twice and a new thread never reuses an id."""
    turn: int
    """How many actions the learner has taken in this thread."""
    asked_at: str
    """ISO time the current exercise was shown (for the time spent on it)."""
    pace: dict[str, Any]
    """The lesson's pacing: the day of the exercise log's marks, exercises posed, the run on one
    concept, resting concepts, whether the current exercise came straight after its sentence
    (:func:`tutor.teach.exercise_pool.pace`)."""
    exercise_log: dict[str, list[int]]
    """Exercise id -> ``[times asked, times answered right]`` in this lesson, plus the day's
    mark (posings that day, or retired for the day) on the pacing's day."""
    said: int
    """Messages said since the lesson began (the transcript keeps only the recent ones)."""
    transcript: Annotated[list[dict[str, Any]], keep_recent]
    """Recent messages (from the learner's last one on), as ``TutorMessage`` dicts, oldest
    first."""
