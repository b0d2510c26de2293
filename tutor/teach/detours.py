"""Detours: leaving the concept in hand for a prerequisite, and coming back to it.

After repeated failure the policy (:func:`tutor.teach.policy.route_after_grade`) may send the
learner back to the weakest prerequisite; :func:`next_move` applies it with the graph's limits
(nested step backs, an exhausted hint ladder). :func:`step_back` pushes the concept left behind
on the ``return_to`` stack, and :func:`return_to_concept` resumes it once the prerequisite is
answered right, explained this time in the light of its prerequisites.

The learner may also take a detour of their own: :func:`focus_concept` (the ``focus`` action)
drops the pending exercise and teaches the concept they picked, or first its weakest
prerequisite not mastered, coming back to the picked concept after it.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from tutor.engine.port import ExplanationStyle
from tutor.learner.model import LearnerModel
from tutor.teach import policy
from tutor.teach.attempts import exercise_log
from tutor.teach.context import TeachDeps
from tutor.teach.state import LessonState, TutorMessage
from tutor.teach.withholding import say

MAX_STEP_BACK_DEPTH = 3
"""Step backs that may nest (a prerequisite of a prerequisite...) before re-explaining instead."""


def _say(state: LessonState, deps: TeachDeps, messages: list[TutorMessage]) -> dict[str, Any]:
    return say(state, deps.current_exercise(state), messages, deps.engine_notices())


def next_move(state: LessonState, deps: TeachDeps,
              model: LearnerModel | None = None) -> policy.Route:
    """The policy's move after a graded answer (the same rule the simulated learners meet);
    ``model``: the learner model to judge by (default: the stored one)."""
    concept_id = state.get("concept_id") or ""
    model = model or deps.store.load(state["learner_id"], state["course"])
    route = policy.route_after_grade(
        deps.course,
        model,
        concept_id,
        state.get("outcome") == "correct",
        state.get("fails", 0),
        state.get("hints_used", 0),
        now=deps.clock(),
    )
    if route.action == "step_back" and (
        len(state.get("return_to", [])) >= MAX_STEP_BACK_DEPTH or route.concept_id == concept_id
    ):
        return policy.Route(action="reexplain", concept_id=concept_id, reason="step-back limit")
    if route.action == "hint" and (state.get("hint_last", False) or state.get("revealed", False)):
        return policy.Route(action="reexplain", concept_id=concept_id, reason="no hint left")
    return route



def step_back(state: LessonState, runtime: Runtime[TeachDeps]) -> dict[str, Any]:
    deps = runtime.context
    concept_id = state["concept_id"] or ""
    prerequisite = next_move(state, deps).concept_id or ""
    stack = list(state.get("return_to", [])) + [
        {
            "concept_id": concept_id,
            "exercise_id": None if state.get("revealed") else state.get("exercise_id"),
            "styles_tried": list(state.get("styles_tried", [])),
        }
    ]
    names = deps.course.concept(prerequisite).name, deps.course.concept(concept_id).name
    message = TutorMessage(
        kind="info",
        text=f"Let's step back to **{names[0]}**, which **{names[1]}** builds on. "
        f"We will come back to **{names[1]}** after it.",
    )
    return {
        **_say(state, deps, [message]),
        "return_to": stack,
        "concept_id": prerequisite,
        "reason": "step_back",
        "styles_tried": [],
        "next_style": "",
        "fails": 0,
        "mistakes": [],
    }


def still_there(state: LessonState, deps: TeachDeps) -> list[dict[str, Any]]:
    """The ``return_to`` stack without the concepts a rebuild of the course removed."""
    known = {c.id for c in deps.course.concepts}
    return [top for top in state.get("return_to", []) if top.get("concept_id") in known]


def return_to_concept(state: LessonState, runtime: Runtime[TeachDeps]) -> dict[str, Any]:
    deps = runtime.context
    stack = still_there(state, deps)
    top = stack.pop()
    back = deps.course.concept(top["concept_id"])
    message = TutorMessage(kind="info", text=f"Good. Now back to **{back.name}**.")
    pending = top.get("exercise_id")
    if pending and pending not in {e.id for e in deps.course.exercises_for(back.id)}:
        pending = None  # gone with a rebuild: a new exercise of the concept instead
    return {
        **_say({**state, "exercise_id": None}, deps, [message]),  # type: ignore[typeddict-item]
        "return_to": stack,
        "concept_id": back.id,
        "reason": "step_back" if stack else "return",
        "styles_tried": list(top.get("styles_tried", [])),
        "next_style": ExplanationStyle.PREREQUISITES.value,
        "fails": 0,
        "mistakes": [],
        "exercise_id": pending,
        # Asked again as a fresh exercise: a new ladder, answer withheld again.
        "outcome": "wrong" if pending else "",
        "hints_used": 0,
        "hint_last": False,
        "real_attempts": 0,
        "revealed": False,
    }


READ = "read"
"""The lesson state's ``reason`` while a concept without exercises is taught
(:mod:`tutor.teach.reading`), as the lesson reaches it or the learner picks it."""


def focus_concept(state: LessonState, runtime: Runtime[TeachDeps]) -> dict[str, Any]:
    """The learner asked to learn a concept now (the ``focus`` action, its id as the text).

    The pending exercise is dropped without counting an attempt. A concept whose prerequisites
    are not all mastered waits on the ``return_to`` stack behind its weakest missing
    prerequisite, taught first; otherwise the concept itself is explained and asked.
    """
    deps = runtime.context
    concept_id = str((state.get("action") or {}).get("text", "")).strip()
    whole = deps.whole or deps.course
    try:
        concept = whole.concept(concept_id)
    except KeyError:  # the facade checks ids first; a stale one leaves the lesson as it was
        text = f"There is no concept {concept_id!r} to learn in this course."
        return {**_say(state, deps, [TutorMessage(kind="info", text=text)]), "action": None}
    model = deps.store.load(state["learner_id"], state["course"])
    read = concept.id not in {c.id for c in deps.course.concepts}  # no exercise on it
    missing = None if read else policy.weakest_prerequisite(deps.course, model, concept.id)
    asked = TutorMessage(kind="learner", text=f"Teach me {concept.name} now.")
    update: dict[str, Any] = {
        "action": None,
        "concept_id": concept.id,
        "reason": "focus",
        "return_to": [],
        "styles_tried": [],
        "next_style": "",
        "fails": 0,
        "mistakes": [],
        "explanation": None,
        "exercise_id": None,
        "outcome": "focused",
        "hints_used": 0,
        "hint_last": False,
        "real_attempts": 0,
        "revealed": False,
    }
    if "exercise_log" not in state:  # a new thread: what this learner answered before
        update["exercise_log"] = exercise_log(deps.store, state["learner_id"], state["course"])
    if read:  # taught as a reading, then the lesson chooses again (tutor.teach.reading)
        update["reason"] = READ
        told = TutorMessage(kind="info", text=f"Let's read **{concept.name}** now.")
    elif missing is None:
        told = TutorMessage(kind="info", text=f"Let's learn **{concept.name}** now.")
    else:
        first = deps.course.concept(missing)
        told = TutorMessage(
            kind="info",
            text=f"**{concept.name}** builds on **{first.name}**, which you have not mastered "
            f"yet. Let's learn **{first.name}** first, then come back to **{concept.name}**.",
        )
        stay: dict[str, Any] = {"concept_id": concept.id, "exercise_id": None, "styles_tried": []}
        update.update(concept_id=first.id, reason="step_back", return_to=[stay])
    cleared: LessonState = {**state, "exercise_id": None}  # type: ignore[typeddict-item]
    return {**update, **_say(cleared, deps, [asked, told])}


def after_focus(state: LessonState) -> str:
    """Teach the focused concept (or its missing prerequisite; one without exercises is
    read); an unknown id changes nothing."""
    if state.get("outcome") == "focused":
        return "read_concept" if state.get("reason") == READ else "explain"
    return "wait_for_learner" if state.get("exercise_id") else "choose_concept"
