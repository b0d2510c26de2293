"""How to teach the concept in hand: the explanation style, the next exercise, and what the
engine is told about the learner.

The teaching policy (:mod:`tutor.teach.policy`) decides *which* concept; these pure functions
decide *how* it is taught on this visit, from the lesson state and the learner model:

- :func:`pick_style`: a style not yet tried on this visit, what worked for this learner first;
- :func:`choose_exercise`: an exercise not yet answered right, whose answer nothing shown
  since the last attempt gives away, asked least, of an origin and a kind not yet asked;
- :func:`waiting_exercise`: the exercise asked again after a wrong answer;
- :func:`learner_context`: the styles that worked or failed and the recent mistakes.
"""

from __future__ import annotations

from tutor.answers import answer_strings
from tutor.course import Course, Exercise, ExerciseKind
from tutor.engine.offline.hints import reveals_answer
from tutor.engine.port import ExplanationStyle, LearnerContext
from tutor.learner.model import LearnerModel
from tutor.teach.state import LessonState

STYLE_ORDER = [
    ExplanationStyle.DEFINITION,
    ExplanationStyle.EXAMPLE,
    ExplanationStyle.SIMPLER,
    ExplanationStyle.PREREQUISITES,
]
"""The styles in the order they are tried when nothing is known of the learner."""


def learner_context(state: LessonState, model: LearnerModel, name: str = "") -> LearnerContext:
    """What the engine is told about the learner when it writes an explanation."""
    worked: list[str] = []
    failed: list[str] = []
    for style, counts in model.styles.items():
        (worked if counts.get("worked", 0) > counts.get("failed", 0) else failed).append(style)
    mistakes = list(state.get("mistakes", []))[-3:]
    concept_id = state.get("concept_id")
    if not mistakes and concept_id:
        seen = model.mastery(concept_id).misconceptions
        mistakes = [text for text, _ in sorted(seen.items(), key=lambda i: -i[1])[:1]]
    return LearnerContext(
        name=name,
        summary=model.summary,
        styles_that_worked=worked,
        styles_that_failed=failed,
        recent_mistakes=mistakes,
    )


def pick_style(state: LessonState, course: Course, model: LearnerModel) -> ExplanationStyle:
    """The style of the next explanation of the current concept."""
    concept_id = state["concept_id"] or ""
    usable = [
        s
        for s in STYLE_ORDER
        if s is not ExplanationStyle.PREREQUISITES or course.prerequisites_of(concept_id)
    ]
    requested = state.get("next_style")
    if requested and ExplanationStyle(requested) in usable:
        return ExplanationStyle(requested)
    tried = state.get("styles_tried", [])
    fresh = [s for s in usable if s.value not in tried]
    if not fresh:  # every style was used on this visit: start again from the oldest
        return ExplanationStyle(tried[0]) if tried else usable[0]
    if state.get("reason") == "review" and not tried:
        return ExplanationStyle.SIMPLER if ExplanationStyle.SIMPLER in fresh else fresh[0]
    # What worked for this learner comes first; styles that failed more than they worked last.
    def counts(style: ExplanationStyle) -> tuple[int, int]:
        seen = model.styles.get(style.value, {})
        return seen.get("worked", 0), seen.get("failed", 0)

    fresh_names = {f.value for f in fresh}
    helped = [ExplanationStyle(s) for s in model.preferred_styles() if s in fresh_names]
    helped = [s for s in helped if counts(s)[0] > counts(s)[1]]
    failed = [s for s in fresh if s not in helped and counts(s)[1] > counts(s)[0]]
    neutral = [s for s in fresh if s not in helped and s not in failed]
    return (helped + neutral + failed)[0]


def shown_since_attempt(state: LessonState) -> str:
    """Everything the learner has read since their last attempt (feedback, hints, notices,
    the explanation), which the next exercise's answer must not stand in."""
    texts: list[str] = []
    for message in reversed(list(state.get("transcript", []))):
        if message.get("kind") == "learner":
            break
        texts.append(str(message.get("text", "")))
    texts.append((state.get("explanation") or {}).get("text", ""))
    return "\n".join(t for t in texts if t)


def choose_exercise(state: LessonState, course: Course, concept_id: str) -> Exercise | None:
    """Prefer exercises not yet answered right (and no true/false already missed), not the one
    just asked, whose answer nothing shown since the last attempt contains (the feedback just
    given, the explanation), asked least, of an origin and then a kind not yet asked here."""
    exercises = course.exercises_for(concept_id)
    if not exercises:
        return None
    log = state.get("exercise_log", {})
    shown = shown_since_attempt(state)
    asked = [e for e in exercises if log.get(e.id, [0, 0])[0] > 0]
    kinds_asked = {e.kind for e in asked}
    origins_asked = {e.origin for e in asked}
    previous = state.get("exercise_id")

    def rank(pair: tuple[int, Exercise]) -> tuple:
        position, exercise = pair
        times, _ = log.get(exercise.id, [0, 0])
        return (
            *_standing(exercise, log, previous, len(exercises)),
            bool(shown) and reveals_answer(shown, exercise),
            times,
            exercise.origin in origins_asked,
            exercise.kind in kinds_asked,
            position,
        )

    return min(enumerate(exercises), key=rank)[1]


def _standing(exercise: Exercise, log: dict, previous: str | None, count: int) -> tuple:
    """What ranks an exercise before what the text shown gives away (see :func:`choose_exercise`)."""
    times, right = log.get(exercise.id, [0, 0])
    return (
        right > 0,
        # a true/false missed once is never asked again: a second try is a coin toss
        exercise.kind is ExerciseKind.TRUE_FALSE and times > 0,
        exercise.id == previous and count > 1,
    )


def could_be_asked(state: LessonState, course: Course, concept_id: str) -> list[Exercise]:
    """The exercises :func:`choose_exercise` may pick for ``concept_id`` after an explanation
    not written yet, whichever answers it gives away: those that rank first before what is
    shown counts. Empty when one of them has no answer text can give away (a true/false): one
    is then always left that the explanation does not give away."""
    exercises = course.exercises_for(concept_id)
    log, previous = state.get("exercise_log", {}), state.get("exercise_id")
    standings = [_standing(e, log, previous, len(exercises)) for e in exercises]
    first = min(standings, default=())
    front = [e for e, standing in zip(exercises, standings, strict=True) if standing == first]
    if any(not answer_strings(e) for e in front):
        return []
    return front


def waiting_exercise(state: LessonState, course: Course, concept_id: str) -> Exercise | None:
    """The exercise asked again after an explanation of ``concept_id``: the one answered
    wrongly, not yet revealed, of that concept (else ``None``: a new one is chosen)."""
    exercise_id = state.get("exercise_id")
    if not exercise_id or state.get("outcome") != "wrong" or state.get("revealed", False):
        return None
    exercise = course.exercise(exercise_id)
    return exercise if exercise.concept_id == concept_id else None
