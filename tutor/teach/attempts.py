"""The learner's attempts during a lesson: recorded once each, and counted per exercise.

:func:`record_attempt` turns a graded answer (or an explicit give-up) into an
:class:`~tutor.learner.model.Attempt` (with what it proves: :func:`evidence_of`), updates the
learner model and stores both. The attempt
id is derived from the lesson and the learner's turn, so a step replayed after a crash records
nothing twice. :func:`exercise_log` counts what a learner already answered, so a new lesson does
not start with the exercises they got right before.

A wrong answer's feedback that would repeat word for word the feedback the learner's last
wrong answer to the same item got (often the same answer again) reads as if the tutor was not
listening: :func:`reworded_feedback` says instead that it is the same answer, the same option
or the same shortfall as before. The last wrong answer's feedback is kept in the lesson state
(``LessonState.last_feedback``, :func:`remembered_feedback`) until a right answer clears it;
it is reworded only on the item it was given on.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from tutor.answers import chosen_option, normalise
from tutor.course import Course, Exercise
from tutor.learner.evidence import EXPOSURE_SECONDS
from tutor.learner.model import Attempt, LearnerModel, apply_attempt
from tutor.learner.store import LearnerStore
from tutor.teach.state import LessonState

_ATTEMPT_IDS = uuid.UUID("6f1c2a9e-4b7d-4c1e-9a51-7d3e2b8c0f11")

SAME_ANSWER = ("Not quite: that is the answer you gave last time, and it is still not the "
               "right one.")
"""Said instead of the same feedback again after the same wrong answer."""

SAME_OPTION = ("Not quite: option {number} again, and it is still not the right one. Set it "
               "aside and weigh the other options against the idea the question describes.")
"""Said instead of the same feedback again after the same wrong option."""

SAME_SHORTFALL = ("Not yet, and for the same reason as your last answer (see the feedback "
                  "on it above).")
"""Said instead of the same feedback again after another answer that falls short the same way."""


def exercise_log(store: LearnerStore, learner_id: str, course: str) -> dict[str, list[int]]:
    """Exercise id -> ``[times asked, times answered right]`` from the learner's stored
    attempts (a give-up is never a right answer)."""
    log: dict[str, list[int]] = {}
    for attempt in store.attempts(learner_id, course):
        counts = log.setdefault(attempt.exercise_id, [0, 0])
        counts[0] += 1
        counts[1] += int(attempt.correct and not attempt.gave_up)
    return log


def evidence_of(state: LessonState, exercise: Exercise, correct: bool,
                now: datetime) -> dict[str, Any]:
    """What an attempt says as evidence of mastery (:mod:`tutor.learner.evidence`): the
    exercise's origin and whether it tests use of the idea, whether it is the first answer
    since the exercise was posed, and
    whether a right answer came within seconds of its sentence being shown (weak)."""
    asked_at = datetime.fromisoformat(state["asked_at"]) if state.get("asked_at") else now
    quick = (now - asked_at).total_seconds() < EXPOSURE_SECONDS
    return {
        "origin": exercise.origin.value,
        "tests_use": exercise.tests_use,
        "first_try": state.get("real_attempts", 0) == 0,
        "weak": correct and quick and bool((state.get("pace") or {}).get("exposed", False)),
    }


def record_attempt(
    state: LessonState,
    course: Course,
    store: LearnerStore,
    now: datetime,
    exercise: Exercise,
    answer: str,
    correct: bool,
    score: float,
    misconception: str,
    gave_up: bool,
) -> LearnerModel:
    """Update the learner model with one attempt and store both; a replay changes nothing."""
    asked_at = datetime.fromisoformat(state["asked_at"]) if state.get("asked_at") else now
    attempt = Attempt(
        id=uuid.uuid5(
            _ATTEMPT_IDS,
            f"{state['learner_id']}:{state['course']}:{state.get('lesson_id', '')}:"
            f"{state.get('turn', 0)}",
        ).hex,
        learner_id=state["learner_id"],
        course=state["course"],
        concept_id=exercise.concept_id,
        exercise_id=exercise.id,
        answer=answer,
        correct=correct,
        score=score,
        hints_used=state.get("hints_used", 0),
        gave_up=gave_up,
        style=state.get("style", ""),
        misconception=misconception,
        at=now,
        seconds=max(0.0, (now - asked_at).total_seconds()),
        **evidence_of(state, exercise, correct and not gave_up, now),
    )
    model = store.load(state["learner_id"], state["course"])
    if state.get("style"):
        model = model.record_style(state["style"], correct)
    model = apply_attempt(model, course, attempt, exercise.kind, len(exercise.choices or []))
    if store.record(attempt, model):
        return model
    return store.load(state["learner_id"], state["course"])


def remembered_feedback(exercise: Exercise, answer: str, text: str) -> dict[str, Any]:
    """What the lesson keeps of a wrong answer's feedback (``LessonState.last_feedback``)."""
    return {"exercise_id": exercise.id, "answer": normalise(answer), "text": text}


def options_tried(state: LessonState, exercise: Exercise) -> list[int]:
    """The options (0-based) the learner picked for ``exercise`` since it was posed (asked
    again after a wrong answer included), in the order first picked; ``[]`` for an item
    without choices."""
    if not exercise.choices:
        return []
    transcript = list(state.get("transcript", []))
    start = None
    for index in range(len(transcript) - 1, -1, -1):
        message = transcript[index]
        if message.get("kind") == "exercise":
            if (message.get("exercise") or {}).get("id") != exercise.id:
                break
            start = index
    picked: list[int] = []
    for message in transcript[(start if start is not None else len(transcript)) + 1:]:
        if message.get("kind") == "learner":
            option = chosen_option(exercise, str(message.get("text", "")))
            if option is not None and option not in picked:
                picked.append(option)
    return picked


def reworded_feedback(state: LessonState, exercise: Exercise, answer: str, text: str) -> str:
    """``text``, the feedback on a wrong ``answer`` to ``exercise``; when it is word for word
    the feedback the learner's last wrong answer to the same item got, a short reply saying
    so instead (same answer, same option, or the same shortfall)."""
    last = state.get("last_feedback") or {}
    if last.get("exercise_id") != exercise.id or last.get("text") != text:
        return text
    if exercise.choices:  # the same feedback on a choice names the same option
        index = chosen_option(exercise, answer)
        if index is not None:
            return SAME_OPTION.format(number=index + 1)
    return SAME_ANSWER if normalise(answer) == last.get("answer") else SAME_SHORTFALL
