"""How to teach the concept in hand: the explanation style, the next exercise, and what the
engine is told about the learner.

The teaching policy (:mod:`tutor.teach.policy`) decides *which* concept; these pure functions
decide *how* it is taught on this visit, from the lesson state and the learner model:

- :func:`pick_style`: a style not yet tried on this visit, what worked for this learner first;
- :func:`choose_exercise`: among the exercises that may be asked now
  (:mod:`tutor.teach.exercise_pool`), one not yet answered right, whose answer the explanation
  does not give away, asked least, of an origin and a kind not yet asked;
- :func:`could_be_asked`: the exercises that choice may pick after an explanation not yet
  written (the streamed explanation withholds all their keys);
- :func:`waiting_exercise`: the exercise asked again after a wrong answer;
- :func:`learner_context`: the styles that worked or failed and the recent mistakes;
- :func:`explanation_move`: the explanation the explain step writes (the look-ahead plans the
  same one).
"""

from __future__ import annotations

from datetime import datetime

from tutor.answers import answer_strings, masks_a_sentence, reveals_answer
from tutor.clock import system_clock
from tutor.course import Course, Exercise
from tutor.engine.port import ExplanationStyle, LearnerContext, NextMove
from tutor.learner.model import LearnerModel
from tutor.teach.context import TeachDeps
from tutor.teach.exercise_pool import (
    MAX_POSES_PER_DAY,
    askable,
    binary,
    emitted_since_attempt,
    times_posed,
    today,
)
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
        # only an explanation straight after a wrong answer may start from that answer
        just_missed=(state.get("outcome") == "wrong" and not state.get("revealed", False)
                     and bool(state.get("mistakes"))),
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
    if state.get("reason") == "reteach" and not tried:
        # Missed today and taught again: from what it builds on, else more simply.
        for style in (ExplanationStyle.PREREQUISITES, ExplanationStyle.SIMPLER):
            if style in fresh:
                return style
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
    texts = [emitted_since_attempt(state), (state.get("explanation") or {}).get("text", "")]
    return "\n".join(t for t in texts if t)


def choose_exercise(state: LessonState, course: Course, concept_id: str,
                    now: datetime | None = None,
                    among: list[Exercise] | None = None) -> Exercise | None:
    """Among the exercises that may be asked now (:func:`~tutor.teach.exercise_pool.askable`:
    under the day's budget, not retired; any exercise of the concept when none is left), prefer
    ones not yet answered right (and no binary item already missed), not the one just asked,
    whose answer nothing shown since the last attempt contains (else only the term is masked
    in it), nor the explanation about to be shown, asked least, of an origin and then a kind
    not yet asked here. With ``among``, only those (the items not posed today, after a shown
    answer: :mod:`tutor.teach.reteaching`)."""
    exercises = course.exercises_for(concept_id)
    if not exercises:
        return None
    candidates = among or askable(state, course, concept_id, now or system_clock()) or exercises
    log = state.get("exercise_log", {})
    emitted = emitted_since_attempt(state)
    explanation = (state.get("explanation") or {}).get("text", "")
    asked = [e for e in exercises if log.get(e.id, [0])[0] > 0]
    kinds_asked = {e.kind for e in asked}
    origins_asked = {e.origin for e in asked}
    previous = state.get("exercise_id")
    position = {e.id: i for i, e in enumerate(exercises)}

    def rank(exercise: Exercise) -> tuple:
        times = log.get(exercise.id, [0, 0])[0]
        on_screen = bool(emitted) and reveals_answer(emitted, exercise)
        explained = bool(explanation) and reveals_answer(explanation, exercise)
        return (
            *_standing(exercise, log, previous, len(candidates)),
            # its key already shown: posed only with the key masked in what was shown
            on_screen,
            explained,
            # and then better a term masked than the whole definition the lesson teaches
            (on_screen or explained) and masks_a_sentence(exercise),
            times,
            exercise.origin in origins_asked,
            exercise.kind in kinds_asked,
            position[exercise.id],
        )

    return min(candidates, key=rank)


def _standing(exercise: Exercise, log: dict, previous: str | None, count: int) -> tuple:
    """What ranks an exercise before what the text shown gives away (see
    :func:`choose_exercise`)."""
    times, right = log.get(exercise.id, [0, 0])[:2]
    return (
        right > 0,
        # a true/false missed once is never asked again: a second try is a coin toss
        binary(exercise) and times > right,
        exercise.id == previous and count > 1,
    )


def could_be_asked(state: LessonState, course: Course, concept_id: str,
                   now: datetime | None = None) -> list[Exercise]:
    """The exercises :func:`choose_exercise` may pick for ``concept_id`` after an explanation
    not written yet, whichever answers it gives away: those that rank first before what is
    shown counts. Empty when one of them has no answer text can give away (a true/false): one
    is then always left that the explanation does not give away."""
    exercises = course.exercises_for(concept_id)
    if not exercises:
        return []
    candidates = askable(state, course, concept_id, now or system_clock()) or exercises
    log, previous = state.get("exercise_log", {}), state.get("exercise_id")
    standings = [_standing(e, log, previous, len(candidates)) for e in candidates]
    first = min(standings, default=())
    front = [e for e, standing in zip(candidates, standings, strict=True) if standing == first]
    if any(not answer_strings(e) for e in front):
        return []
    return front


def waiting_exercise(state: LessonState, course: Course, concept_id: str,
                     now: datetime | None = None) -> Exercise | None:
    """The exercise asked again after an explanation of ``concept_id``: the one answered
    wrongly, not yet revealed, of that concept, not a binary item (a second try is a coin toss)
    and not yet posed the day's maximum (else ``None``: a new one is chosen)."""
    exercise_id = state.get("exercise_id")
    if not exercise_id or state.get("outcome") != "wrong" or state.get("revealed", False):
        return None
    try:
        exercise = course.exercise(exercise_id)
    except KeyError:  # removed by a rebuild since it was asked
        return None
    if exercise.concept_id != concept_id or binary(exercise):
        return None
    record = today(state, now or system_clock())
    return exercise if times_posed(record, exercise.id) < MAX_POSES_PER_DAY else None


def explanation_move(deps: TeachDeps, state: LessonState, model: LearnerModel,
                     asks_next: bool = False, waiting: str | None = None) -> NextMove:
    """The explanation the explain node will write in ``state``; ``asks_next``: an exercise
    is asked after it (``waiting``, or one chosen then), whose answer the text shown while it
    is written must hold back."""
    concept = deps.course.concept(state["concept_id"] or "")
    withheld: list[Exercise] = []
    if asks_next:
        withheld = ([deps.course.exercise(waiting)] if waiting
                    else could_be_asked(state, deps.course, concept.id, deps.clock()))
    return NextMove(
        kind="explain", concept=concept, style=pick_style(state, deps.course, model),
        passages=deps.passages(concept),
        prerequisites=[deps.course.concept(p) for p in deps.course.prerequisites_of(concept.id)],
        learner=learner_context(state, model, deps.learner_name),
        withheld=withheld,
    )
