"""Where the teach graph goes next: the route after each step of :mod:`tutor.teach.graph`.

Each route reads the lesson state (and, after a grade, the teaching policy through
:func:`~tutor.teach.detours.next_move` and the day's exercise pool) and names the next node.
"""

from __future__ import annotations

from langgraph.graph import END
from langgraph.runtime import Runtime

from tutor.teach.context import TeachDeps
from tutor.teach.detours import READ, next_move, still_there
from tutor.teach.exercise_pool import RETAUGHT, askable, leaves_concept, used_up_after_miss
from tutor.teach.reteaching import STEPPED_BACK
from tutor.teach.state import LessonState
from tutor.teach.step_chain import WAIT
from tutor.teach.withholding import answer_earned, asks_for_answer, gives_up


def after_start(state: LessonState) -> str:
    """A start that carries a ``focus`` action teaches that concept; any other chooses one."""
    focused = (state.get("action") or {}).get("kind") == "focus"
    return "focus_concept" if focused else "choose_concept"


def after_choice(state: LessonState) -> str:
    if state.get("concept_id") is None:
        return END
    if state.get("reason") == READ:  # no exercise on it (tutor.teach.reading)
        return "read_concept"
    again = state.get("reason") == "frontier" and state["concept_id"] in state.get("explained", [])
    return "ask" if again else "explain"


def after_ask(state: LessonState) -> str:
    """The learner's turn once an exercise is posed; a concept whose question waits
    (:mod:`tutor.teach.deferring`) gives way to the one taught instead, and one taught again
    after a give-up with nothing left to ask today to the next choice."""
    if state.get("exercise_id"):
        return WAIT
    if state.get("outcome") == STEPPED_BACK:  # a prerequisite taught again after a reveal
        return "explain"
    return "choose_concept" if state.get("outcome") == RETAUGHT else after_choice(state)


def after_action(state: LessonState) -> str:
    action = state.get("action") or {}
    kind, text = action.get("kind", "answer"), str(action.get("text", "")).strip()
    pleads = kind in ("answer", "question") and asks_for_answer(text)
    if kind == "hint" or pleads:
        # After the last hint, "I don't know" is a give-up: the answer, then other material
        # (a hint asked for by name gets the reminder that the ladder is done).
        done = answer_earned(state) or (pleads and state.get("hint_last", False))
        return "give_up" if done else "give_hint"
    if kind == "give_up" or (kind == "answer" and gives_up(text)):
        return "give_up"
    if kind == "question":
        return "answer_question" if text else "nudge"
    if kind == "focus":
        return "focus_concept"
    if kind == "answer" and text:
        return "grade"
    return "nudge"


def after_give_up(state: LessonState, runtime: Runtime[TeachDeps]) -> str:
    """After a reveal (a give-up, or the answer shown after the day's last try at the item),
    routed as a wrong answer, except that the idea is taught again from another angle whenever
    the lesson would leave it (the ask step then goes on to other material, or asks another
    kind of item on it): a reveal alone teaches little."""
    route = after_grade(state, runtime)
    return "explain" if route == "choose_concept" else route


def leaves_after_reveal(state: LessonState, deps: TeachDeps) -> bool:
    """Whether the lesson, having shown the answer and taught the idea again, goes on to other
    material rather than ask another item on the concept: nothing of it is left to ask today
    whose key the reveal does not hold, or the policy rests it, or the run on it is long. A step
    back to a prerequisite with nothing left to ask today is no reason to leave: the concept's other
    items stay."""
    concept_id = state.get("concept_id") or ""
    now = deps.clock()
    if not askable(state, deps.course, concept_id, now, leak_free=True):
        return True  # (an item whose key the reveal holds waits: it would be masked there)
    route = next_move(state, deps)
    if route.action == "step_back" and not askable(state, deps.course, route.concept_id or "",
                                                   now):
        return leaves_concept(state, deps.course, "reexplain", concept_id, now)
    stay_on = route.concept_id or concept_id
    return leaves_concept(state, deps.course, route.action, stay_on, now)


def after_grade(state: LessonState, runtime: Runtime[TeachDeps]) -> str:
    if state.get("outcome") == "unusable":
        return "wait_for_learner"
    deps = runtime.context
    route = after_graded(state, deps)
    if route != "give_hint" and used_up_after_miss(state, deps.course, deps.clock()):
        return "give_up"  # the day's last try at the item: its worked answer, then on
    return route


def after_graded(state: LessonState, deps: TeachDeps) -> str:
    """The policy's route after a graded answer (:func:`after_grade` before the day's last
    try at an item is answered by its worked answer)."""
    route = next_move(state, deps)
    if route.action == "advance":  # back to a concept left behind, if a rebuild kept it
        return "return_to_concept" if still_there(state, deps) else "choose_concept"
    stay_on = route.concept_id or state.get("concept_id") or ""
    if leaves_concept(state, deps.course, route.action, stay_on, deps.clock()):
        return "choose_concept"  # rest, nothing left there today, or a long run: elsewhere
    if route.action == "hint":
        return "give_hint"
    if route.action == "step_back":
        return "step_back"
    return "explain"
