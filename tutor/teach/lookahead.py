"""Looking one move ahead: what the tutor will write after the answer being graded.

An engine that can grade and write in one request (:class:`tutor.engine.port.PlansTurns`, the
Claude engine) is given a :class:`TurnPlan` with the grade: for a right answer and for a wrong
one, the move the graph will make next, worked out here by the same rules the graph then
applies (the learner model updated as :func:`~tutor.teach.attempts.record_attempt` will update
it, :func:`~tutor.teach.detours.next_move`, :func:`~tutor.teach.policy.choose_next`,
:func:`~tutor.teach.choosing.pick_style`). When the graph gets there, the engine serves the
text it already wrote, so a teaching turn costs one request. Moves that are not predicted
(coming back from a step back, stepping back) are written by a request of their own.
"""

from __future__ import annotations

from datetime import datetime

from tutor.course import Exercise
from tutor.engine.port import Grade, NextMove, PlansTurns, TurnPlan
from tutor.learner.model import Attempt, LearnerModel, apply_attempt
from tutor.teach.attempts import evidence_of
from tutor.teach.choosing import learner_context, pick_style
from tutor.teach.context import TeachDeps
from tutor.teach.detours import next_move
from tutor.teach.exercise_pool import (
    before_choice,
    choose_concept_today,
    graded_today,
    leaves_concept,
    saved,
)
from tutor.teach.state import LessonState


def grade_answer(state: LessonState, deps: TeachDeps, exercise: Exercise, answer: str) -> Grade:
    """The engine's grade of ``answer``; an engine that plans turns also writes the next move."""
    if isinstance(deps.engine, PlansTurns):
        return deps.engine.grade_turn(exercise, answer, plan_turn(state, deps, exercise))
    return deps.engine.grade(exercise, answer)


def plan_turn(state: LessonState, deps: TeachDeps, exercise: Exercise) -> TurnPlan:
    """The next move after a right and after a wrong answer to ``exercise``."""
    model = deps.store.load(state["learner_id"], state["course"])
    now = deps.clock()
    return TurnPlan(
        if_right=_move_after(state, deps, exercise, _assume(model, deps, state, exercise, True,
                                                            now), True),
        if_wrong=_move_after(state, deps, exercise, _assume(model, deps, state, exercise, False,
                                                            now), False),
    )


def _assume(model: LearnerModel, deps: TeachDeps, state: LessonState, exercise: Exercise,
            correct: bool, now: datetime) -> LearnerModel:
    """The learner model as recording this answer will leave it (nothing is stored)."""
    if state.get("style"):
        model = model.record_style(state["style"], correct)
    attempt = Attempt(id="lookahead", learner_id=state["learner_id"], course=state["course"],
                      concept_id=exercise.concept_id, exercise_id=exercise.id, answer="",
                      correct=correct, score=float(correct),
                      hints_used=state.get("hints_used", 0), gave_up=False,
                      style=state.get("style", ""), at=now,
                      **evidence_of(state, exercise, correct, now))
    return apply_attempt(model, deps.course, attempt, exercise.kind, len(exercise.choices or []))


def _explain(deps: TeachDeps, state: LessonState, model: LearnerModel) -> NextMove:
    concept = deps.course.concept(state["concept_id"] or "")
    return NextMove(
        kind="explain", concept=concept, style=pick_style(state, deps.course, model),
        passages=deps.passages(concept),
        prerequisites=[deps.course.concept(p) for p in deps.course.prerequisites_of(concept.id)],
        learner=learner_context(state, model, deps.learner_name),
    )


def _move_after(state: LessonState, deps: TeachDeps, exercise: Exercise, model: LearnerModel,
                correct: bool) -> NextMove | None:
    now = deps.clock()
    graded: LessonState = {
        **state,  # type: ignore[typeddict-item]
        "outcome": "correct" if correct else "wrong",
        "fails": 0 if correct else state.get("fails", 0) + 1,
        "revealed": state.get("revealed", False) or correct,
        "real_attempts": state.get("real_attempts", 0) + 1,
        **saved(state, graded_today(state, exercise, correct, now)),  # type: ignore[typeddict-item]
    }
    route = next_move(graded, deps, model)
    stay_on = route.concept_id or state.get("concept_id") or ""
    leaves = route.action != "advance" and leaves_concept(graded, deps.course, route.action,
                                                          stay_on, now)
    if route.action == "reexplain" and not leaves:
        return _explain(deps, graded, model)
    if route.action == "hint" and not leaves:
        level = state.get("hints_used", 0) + 1
        concept = deps.course.concept(exercise.concept_id)
        return NextMove(kind="hint", concept=concept, exercise=exercise, level=level)
    if (route.action != "advance" and not leaves) or (not leaves and state.get("return_to")):
        return None  # a step back, or back to a concept left behind: not predicted
    if route.action == "advance" and state.get("return_to"):
        return None
    step, _ = choose_concept_today(before_choice(graded), deps.course, model, now)
    if step.concept_id is None:
        return None  # everything mastered: the lesson says so, nothing to write
    if step.reason == "frontier" and step.concept_id in state.get("explained", []):
        return None  # the same concept goes on with a new exercise, no explanation
    chosen: LessonState = {
        **graded,  # type: ignore[typeddict-item]
        "concept_id": step.concept_id, "reason": step.reason, "styles_tried": [],
        "next_style": "", "mistakes": [], "explanation": None, "return_to": [],
    }
    return _explain(deps, chosen, model)
