"""Concepts the course has no exercise on: taught by reading, in their place in prerequisite
order.

The teach graph's policy works on the teachable course (:func:`tutor.teach.teaching_material.
teachable`: the concepts that have exercises). A concept without one is still part of the
course the learner sees on the map, so the lesson teaches it too: before the concept the policy
chose next, an unread concept without exercises that comes earlier in the whole course's
teaching order (its prerequisites taught: known, last answered right, or read) or that the chosen concept builds on is
explained (the same explain step, its passages and citations), with a plain notice that there
is no exercise on it, and the lesson goes on in the same turn. The learner may ask about it
(``/ask``) at any time. Such a concept is *read* (:meth:`tutor.learner.model.LearnerModel.
is_read`), never mastered: a read concept lets what builds on it be taught, nothing more.

A turn reads at most :data:`MAX_READINGS_PER_TURN` concepts; the rest wait for the next turn.
When the day's practice is done, the next concept whose prerequisites are taught is read.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from langgraph.runtime import Runtime

from tutor.engine.port import NextMove
from tutor.learner.model import LearnerModel
from tutor.teach import policy
from tutor.teach.choosing import explanation_move
from tutor.teach.context import TeachDeps
from tutor.teach.detours import READ
from tutor.teach.exercise_pool import pace
from tutor.teach.state import LessonState, TutorMessage
from tutor.teach.streaming import write_explanation
from tutor.teach.withholding import say

__all__ = ["MAX_READINGS_PER_TURN", "READ", "next_reading", "read_concept", "reading_before",
           "reading_move"]

MAX_READINGS_PER_TURN = 3
"""Concepts without exercises read in one turn at most (each is an explanation to read)."""


def _readings_this_turn(state: LessonState) -> int:
    turn, count = pace(state).get("read") or [-1, 0]
    return int(count) if turn == state.get("turn", 0) else 0


def reading_before(state: LessonState, deps: TeachDeps, model: LearnerModel,
                   step: policy.NextStep) -> str | None:
    """The concept to read before the policy's ``step`` (:func:`next_reading`): only before a
    new concept (``frontier``) or when the day's practice is done, never before a review or a
    reteach. The one gate for the teach graph and the look-ahead."""
    if step.concept_id is not None and step.reason != "frontier":
        return None
    return next_reading(state, deps, model, step.concept_id)


def next_reading(state: LessonState, deps: TeachDeps, model: LearnerModel,
                 before: str | None) -> str | None:
    """The concept without exercises to read before teaching ``before`` (the policy's next
    concept; None when the day's practice is done), or None.

    In the whole course's teaching order: an unread concept the course has no exercise on that
    ``before`` builds on, or that comes before ``before`` with its prerequisites all taught
    (:func:`_taught`: read, known, or last answered right). With ``before`` None, the
    first such concept anywhere in the order."""
    whole = deps.whole
    if whole is None or _readings_this_turn(state) >= MAX_READINGS_PER_TURN:
        return None
    if len(deps.course.concepts) == len(whole.concepts):  # every concept taught with exercises
        return None
    below = set(policy.prerequisites_by_distance(whole, before)) if before else set()
    for concept_id in policy.teaching_order(whole):
        if concept_id == before:
            break
        if deps.course.has_concept(concept_id) or model.is_read(concept_id):
            continue
        if concept_id in below or all(_taught(model, p) for p in whole.prerequisites_of(concept_id)):
            return concept_id
    return None


def _taught(model: LearnerModel, concept_id: str) -> bool:
    """Whether what builds on ``concept_id`` may be taught now: it is read, known well enough
    to build on, or its latest answer was right (the lesson goes past such a prerequisite too:
    :func:`tutor.teach.policy.past_cleared`)."""
    return (model.is_read(concept_id) or model.is_ready(concept_id)
            or model.mastery(concept_id).last_correct)


def reading_move(deps: TeachDeps, state: LessonState, model: LearnerModel) -> NextMove:
    """The explanation :func:`read_concept` writes for ``state``'s concept (in the whole
    course; no exercise is asked after it). The look-ahead plans the same move when the lesson
    reads before it teaches (:mod:`tutor.teach.lookahead`)."""
    return explanation_move(replace(deps, course=deps.whole or deps.course), state, model)


NOTICE = ("There is no exercise on **{name}** in this course, so this one is read, not "
          "checked. Ask about it any time with /ask.")
"""Said after the explanation of the lesson's first concept without exercises."""

NOTICE_AGAIN = "No exercise on **{name}** either: it is read too."
"""Said after each later one: the full notice, word for word each time, says nothing new."""


def read_concept(state: LessonState, runtime: Runtime[TeachDeps]) -> dict[str, Any]:
    """Explain the concept without exercises in hand, say there is no exercise on it, and
    record it read; the lesson then chooses again (:func:`tutor.teach.graph.choose_concept`)."""
    deps = runtime.context
    whole = deps.whole or deps.course
    concept = whole.concept(state["concept_id"] or "")
    model = deps.store.load(state["learner_id"], state["course"])
    told = bool(pace(state).get("read_told"))  # the full notice, once a lesson
    reading = replace(deps, course=whole)
    explanation = write_explanation(reading, reading_move(deps, state, model), None)
    messages = [
        TutorMessage(kind="explanation", text=explanation.text,
                     citations=explanation.citations),
        TutorMessage(kind="info", text=(NOTICE_AGAIN if told else NOTICE).format(
            name=concept.name)),
    ]
    deps.store.mark_read(state["learner_id"], state["course"], concept.id, deps.clock())
    cleared: LessonState = {**state, "exercise_id": None}  # type: ignore[typeddict-item]
    turn = state.get("turn", 0)
    return {
        **say(cleared, None, messages, deps.engine_notices()),
        "pace": {**pace(state), "read": [turn, _readings_this_turn(state) + 1],
                 "read_told": True},
        "explanation": None,
    }
