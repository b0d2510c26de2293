"""Looking one move ahead: what the tutor will write after the answer being graded.

An engine that can grade and write in one request (:class:`tutor.engine.port.PlansTurns`, the
Claude engine) is given a :class:`TurnPlan` with the grade: for a right answer and for a wrong
one, the move the graph will make next, worked out here by the same rules the graph then
applies (the learner model updated as :func:`~tutor.teach.attempts.record_attempt` will update
it, :func:`~tutor.teach.detours.next_move`, :func:`~tutor.teach.policy.choose_next`,
:func:`~tutor.teach.choosing.pick_style`). When the graph gets there, the engine serves the
text it already wrote, so a teaching turn costs one request: stepping back to a prerequisite
and coming back to the concept left behind are predicted too. An explanation after which a
new exercise is asked names the exercises that may be asked (:attr:`NextMove.withheld`), whose
answers the text streamed to the learner holds back.
"""

from __future__ import annotations

from datetime import datetime

from tutor.course import Exercise
from tutor.engine.port import ExplanationStyle, Grade, NextMove, PlansTurns, TextSink, TurnPlan
from tutor.learner.model import Attempt, LearnerModel, apply_attempt
from tutor.teach import policy
from tutor.teach.choosing import could_be_asked, learner_context, pick_style
from tutor.teach.context import TeachDeps
from tutor.teach.detours import next_move
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
                      style=state.get("style", ""), at=now)
    return apply_attempt(model, deps.course, attempt, exercise.kind, len(exercise.choices or []))


def explanation_move(deps: TeachDeps, state: LessonState, model: LearnerModel,
                     asks_next: bool = False, waiting: str | None = None) -> NextMove:
    """The explanation the explain node will write in ``state``; ``asks_next``: an exercise
    is asked after it (``waiting``, or one chosen then), whose answer the text shown while it
    is written must hold back."""
    concept = deps.course.concept(state["concept_id"] or "")
    withheld: list[Exercise] = []
    if asks_next:
        withheld = ([deps.course.exercise(waiting)] if waiting
                    else could_be_asked(state, deps.course, concept.id))
    return NextMove(
        kind="explain", concept=concept, style=pick_style(state, deps.course, model),
        passages=deps.passages(concept),
        prerequisites=[deps.course.concept(p) for p in deps.course.prerequisites_of(concept.id)],
        learner=learner_context(state, model, deps.learner_name),
        withheld=withheld,
    )


def _move_after(state: LessonState, deps: TeachDeps, exercise: Exercise, model: LearnerModel,
                correct: bool) -> NextMove | None:
    graded: LessonState = {
        **state,  # type: ignore[typeddict-item]
        "outcome": "correct" if correct else "wrong",
        "fails": 0 if correct else state.get("fails", 0) + 1,
        "revealed": state.get("revealed", False) or correct,
        "real_attempts": state.get("real_attempts", 0) + 1,
    }
    if correct:
        log = {k: list(v) for k, v in state.get("exercise_log", {}).items()}
        log.setdefault(exercise.id, [1, 0])[1] += 1
        graded["exercise_log"] = log
    route = next_move(graded, deps, model)
    if route.action == "reexplain":
        return explanation_move(deps, graded, model)
    if route.action == "hint":
        level = state.get("hints_used", 0) + 1
        concept = deps.course.concept(exercise.concept_id)
        return NextMove(kind="hint", concept=concept, exercise=exercise, level=level)
    if route.action == "step_back":  # as detours.step_back: the weakest prerequisite, afresh
        back: LessonState = {
            **graded,  # type: ignore[typeddict-item]
            "concept_id": route.concept_id, "reason": "step_back", "styles_tried": [],
            "next_style": "", "fails": 0, "mistakes": [],
        }
        return explanation_move(deps, back, model, asks_next=True)
    if route.action != "advance":
        return None
    if state.get("return_to"):  # as detours.return_to_concept: the concept left behind
        top = state["return_to"][-1]
        again: LessonState = {
            **graded,  # type: ignore[typeddict-item]
            "concept_id": top["concept_id"], "reason": "step_back" if
            len(state["return_to"]) > 1 else "return",
            "styles_tried": list(top.get("styles_tried", [])),
            "next_style": ExplanationStyle.PREREQUISITES.value, "fails": 0, "mistakes": [],
            "exercise_id": top.get("exercise_id"),
        }
        return explanation_move(deps, again, model, asks_next=True, waiting=top.get("exercise_id"))
    step = policy.choose_next(deps.course, model, deps.clock())
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
