"""Looking one move ahead: what the tutor will write after the answer being graded.

An engine that can grade and write in one request (:class:`tutor.engine.port.PlansTurns`, the
Claude engine) is given a :class:`TurnPlan` with the grade: for a right answer and for a wrong
one, the move the graph will make next, worked out here by the same rules the graph then
applies (the learner model updated as :func:`~tutor.teach.attempts.record_attempt` will update
it, :func:`~tutor.teach.detours.next_move`, :func:`~tutor.teach.policy.choose_next`,
:func:`~tutor.teach.choosing.pick_style`). When the graph gets there, the engine serves the
text it already wrote, so a teaching turn costs one request: stepping back to a prerequisite
and coming back to the concept left behind are predicted too, and so is a reading (a concept
without exercises read before the next concept is taught, :mod:`tutor.teach.reading`, chosen
by the same :func:`~tutor.teach.reading.reading_before`), so what the turn writes and streams is
what the lesson shows next. An explanation after which a
new exercise is asked names the exercises that may be asked (:attr:`NextMove.withheld`), whose
answers the text streamed to the learner holds back.
"""

from __future__ import annotations

from datetime import datetime

from tutor.course import Exercise
from tutor.engine.port import ExplanationStyle, Grade, NextMove, PlansTurns, TextSink, TurnPlan
from tutor.learner.model import Attempt, LearnerModel, apply_attempt
from tutor.teach.attempts import evidence_of
from tutor.teach.choosing import explanation_move
from tutor.teach.context import TeachDeps
from tutor.teach.detours import next_move, still_there
from tutor.teach.exercise_pool import (
    before_choice,
    choose_concept_today,
    graded_today,
    leaves_concept,
    saved,
    used_up_after_miss,
)
from tutor.teach.reading import READ, reading_before, reading_move
from tutor.teach.state import LessonState


def grade_answer(state: LessonState, deps: TeachDeps, exercise: Exercise, answer: str,
                 shown: TextSink | None = None) -> Grade:
    """The engine's grade of ``answer``; an engine that plans turns also writes the next move
    (shown to ``shown`` while it is written)."""
    if isinstance(deps.engine, PlansTurns):
        return deps.engine.grade_turn(exercise, answer, plan_turn(state, deps, exercise), shown)
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
    if not correct and leaves and used_up_after_miss(graded, deps.course, now):
        return None  # the item's worked answer, then the idea taught again before other
        # material (routes.after_give_up): written then, not planned (streamed = kept)
    if not leaves:
        move = _staying_move(state, graded, deps, exercise, model, route.action,
                             route.concept_id)
        if move is not None or route.action != "advance":
            return move  # an advance with no concept left behind goes on to the next concept
    choosing = before_choice(graded)
    step, _ = choose_concept_today(choosing, deps.course, model, now)
    reading = reading_before(choosing, deps, model, step)  # as graph.choose_concept
    if reading is not None:  # a concept without exercises is read first
        return reading_move(deps, {
            **choosing,  # type: ignore[typeddict-item]
            "concept_id": reading, "reason": READ, "styles_tried": [], "next_style": "",
            "fails": 0, "mistakes": [], "explanation": None, "return_to": [],
        }, model)
    if step.concept_id is None:
        return None  # everything mastered: the lesson says so, nothing to write
    if step.reason == "frontier" and step.concept_id in state.get("explained", []):
        return None  # the same concept goes on with a new exercise, no explanation
    chosen: LessonState = {
        **graded,  # type: ignore[typeddict-item]
        "concept_id": step.concept_id, "reason": step.reason, "styles_tried": [],
        "next_style": "", "mistakes": [], "explanation": None, "return_to": [],
    }
    return explanation_move(deps, chosen, model, asks_next=True)


def _staying_move(state: LessonState, graded: LessonState, deps: TeachDeps, exercise: Exercise,
                  model: LearnerModel, action: str, concept_id: str | None) -> NextMove | None:
    """The move when the lesson does not leave the concept for the day: explain again, a hint,
    a step back to a prerequisite, or back to the concept left behind (``None`` otherwise)."""
    if action == "reexplain":
        return explanation_move(deps, graded, model)
    if action == "hint":
        level = state.get("hints_used", 0) + 1
        concept = deps.course.concept(exercise.concept_id)
        return NextMove(kind="hint", concept=concept, exercise=exercise, level=level)
    if action == "step_back":  # as detours.step_back: the weakest prerequisite, afresh
        back: LessonState = {
            **graded,  # type: ignore[typeddict-item]
            "concept_id": concept_id, "reason": "step_back", "styles_tried": [],
            "next_style": "", "fails": 0, "mistakes": [],
        }
        return explanation_move(deps, back, model, asks_next=True)
    stack = still_there(graded, deps)
    if action != "advance" or not stack:
        return None
    top = stack[-1]  # as detours.return_to_concept: the concept left behind
    pending = top.get("exercise_id")
    if pending not in {e.id for e in deps.course.exercises_for(top["concept_id"])}:
        pending = None  # gone with a rebuild: a new exercise of the concept instead
    again: LessonState = {
        **graded,  # type: ignore[typeddict-item]
        "concept_id": top["concept_id"], "reason": "step_back" if len(stack) > 1 else "return",
        "styles_tried": list(top.get("styles_tried", [])),
        "next_style": ExplanationStyle.PREREQUISITES.value, "fails": 0, "mistakes": [],
        "exercise_id": pending,
    }
    return explanation_move(deps, again, model, asks_next=True, waiting=pending)
