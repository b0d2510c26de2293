"""The teach graph: choose a concept, explain it, ask, wait for the learner, grade, adapt.

    START -> choose_concept --new concept or review--> explain -> ask -> wait_for_learner
                |--a concept without exercises first--> read_concept -> choose_concept
                |   '--same concept, already explained--------------^   (interrupt)
                '--everything mastered, nothing due--> END
    wait_for_learner --answer---> grade --right--> choose_concept (or return_to_concept)
                                        --wrong--> explain (another style) | give_hint
                                                   | step_back (policy.route_after_grade)
                                        --wrong on the item's last try today--> give_up
                                                   (its worked answer; no give-up recorded)
                     --hint-----> give_hint -> wait   (ladder done + a real attempt: give_up)
                     --question-> answer_question -> wait
                     --give_up--> give_up (reveal) -> explain again (another style), then
                                  another kind of item on it, or other material
                     --empty----> nudge -> wait
                     --focus----> focus_concept -> explain (the picked concept, or first its
                                  weakest prerequisite, then return_to_concept)
    step_back -> explain (weakest prerequisite) -> ask ... right -> return_to_concept -> explain
    START --a start carrying a focus action--> focus_concept -> explain

Those are the steps. The graph's nodes are the wait and the steps the lesson enters by
(``choose_concept``, ``focus_concept`` and the learner's actions): each runs its step and the
steps after it until the learner's turn (:mod:`tutor.teach.step_chain`), so an answer is two
supersteps and two checkpoints, the wait and what follows it.

Dependencies (course, engine, learner store, passage lookup, clock) come in the run's context
(:class:`TeachDeps`), never from globals. Withholding is done here, in code: while the learner
has not earned the current exercise's answer (a real attempt and the whole hint ladder, or an
explicit give-up), every message passes through :func:`~tutor.teach.withholding.withhold`, and
requests such as "just tell me the answer" get the next hint (:mod:`tutor.teach.withholding`).
How the concept in hand is taught (style, exercise) is chosen in :mod:`tutor.teach.choosing`;
attempts are recorded by :mod:`tutor.teach.attempts`; where the lesson goes after each step
is :mod:`tutor.teach.routes`.
"""

from __future__ import annotations

from typing import Any

from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime
from langgraph.types import interrupt

from tutor.engine.offline.tutoring.question_reading import passages_for_question
from tutor.engine.port import ANSWERED, PlansTurns
from tutor.errors import AnswerError
from tutor.learner.model import LearnerModel
from tutor.teach import deferring
from tutor.teach.asking import ask
from tutor.teach.attempts import (
    exercise_log,
    options_tried,
    record_attempt,
    remembered_feedback,
    reworded_feedback,
)
from tutor.teach.choosing import STYLE_ORDER, explanation_move, waiting_exercise
from tutor.teach.context import TeachDeps
from tutor.teach.detours import (
    MAX_STEP_BACK_DEPTH,
    after_focus,
    focus_concept,
    return_to_concept,
    step_back,
)
from tutor.teach.exercise_pool import (
    before_choice,
    choose_concept_today,
    graded_today,
    pace,
    retire_revealed,
    saved,
    today,
)
from tutor.teach.lookahead import grade_answer
from tutor.teach.reading import READ, read_concept, reading_before
from tutor.teach.routes import (
    after_action,
    after_ask,
    after_choice,
    after_give_up,
    after_grade,
    after_start,
)
from tutor.teach.state import LessonState, TutorMessage
from tutor.teach.step_chain import WAIT, Follows, chained
from tutor.teach.streaming import hint_label, node_sink, write_answer, write_explanation, write_hint
from tutor.teach.withholding import (
    answer_earned,
    asks_for_answer,
    gives_up,
    reveal_message,
    say,
    unsure,
)

__all__ = [
    "MAX_LEARNER_TEXT",
    "MAX_STEP_BACK_DEPTH",
    "STYLE_ORDER",
    "TeachDeps",
    "asks_for_answer",
    "build_graph",
    "builder",
    "focus_concept",
    "graph",
    "return_to_concept",
    "step_back",
]

UNSURE_REPLY = "Not being sure is fine: that is what we are here to work on."
"""Said after an answer that only says the learner is not sure (it is no mix-up)."""

MAX_LEARNER_TEXT = 4000
"""Longest learner text kept in the lesson state (the facade refuses longer answers)."""


# -- helpers ---------------------------------------------------------------------------------
def _say(state: LessonState, deps: TeachDeps, messages: list[TutorMessage]) -> dict[str, Any]:
    """State update that shows ``messages``, masking the current exercise's answer unless the
    learner has earned it."""
    return say(state, deps.current_exercise(state), messages, deps.engine_notices())


# -- nodes -----------------------------------------------------------------------------------
def choose_concept(state: LessonState, runtime: Runtime[TeachDeps]) -> dict[str, Any]:
    deps = runtime.context
    model = deps.store.load(state["learner_id"], state["course"])
    state = before_choice(state)  # repeated errors: the concept rests
    step, resting_now = choose_concept_today(state, deps.course, model, deps.clock())
    base: dict[str, Any] = {
        **({} if resting_now == pace(state).get("resting", {}) else
           {"pace": {**pace(state), "resting": resting_now}}),
        "styles_tried": [],
        "next_style": "",
        "fails": 0,
        "mistakes": [],
        "explanation": None,
        "return_to": [],
    }
    if "exercise_log" not in state:  # a new thread: what this learner answered before
        base["exercise_log"] = exercise_log(deps.store, state["learner_id"], state["course"])
    reading = reading_before(state, deps, model, step)
    if reading is not None:  # a concept without exercises first (tutor.teach.reading)
        return {**base, "concept_id": reading, "reason": READ}
    if step.concept_id is None:
        mastered = sum(1 for c in deps.course.concepts if model.is_mastered(c.id))
        total = len(deps.course.concepts)
        later = ("and no review is due. Come back later for spaced reviews." if mastered == total
                 else "and practised what can be practised today. Come back tomorrow: a "
                 "recall on a later day is what turns practice into mastery.")
        done = TutorMessage(kind="done", text=day_summary(deps, model, mastered) + later)
        cleared: LessonState = {**state, "exercise_id": None}
        return {**base, **_say(cleared, deps, [done]), "concept_id": None, "reason": "done",
                "exercise_id": None}
    # A concept whose question waited keeps the style it was explained in (taught again after
    # a give-up, it is taught another way).
    base["styles_tried"] = deferring.styles_tried(state, step.concept_id)
    return {**base, "concept_id": step.concept_id, "reason": step.reason}


def day_summary(deps: TeachDeps, model: LearnerModel, mastered: int) -> str:
    """The end of the day's opening: concepts mastered of those with exercises and, when the
    course has concepts without one, how many of those were read (:mod:`tutor.teach.reading`)."""
    total, title = len(deps.course.concepts), deps.course.title
    whole = deps.whole.concepts if deps.whole is not None else deps.course.concepts
    if len(whole) <= total:
        return f"You have mastered {mastered} of {total} concepts of **{title}** "
    read = sum(1 for c in whole if model.is_read(c.id))
    return (f"You have mastered {mastered} of {total} concepts with exercises in **{title}** "
            f"(read {read} of the {len(whole) - total} without) ")


def explain(state: LessonState, runtime: Runtime[TeachDeps]) -> dict[str, Any]:
    deps = runtime.context
    model = deps.store.load(state["learner_id"], state["course"])
    waiting = waiting_exercise(state, deps.course, state["concept_id"] or "", deps.clock())
    # The explanation the look-ahead plans too; the keys of what may be asked after it are
    # held back while it is shown (the exercise is chosen after it is written).
    move = explanation_move(deps, state, model, asks_next=waiting is None)
    explanation = write_explanation(deps, move, waiting)
    style, concept = move.style, move.concept
    tried = [s for s in state.get("styles_tried", []) if s != style.value] + [style.value]
    explained = [c for c in state.get("explained", []) if c != concept.id] + [concept.id]
    return {
        "explained": explained[-100:],
        "explanation": explanation.model_dump(mode="json"),
        "style": style.value,
        "styles_tried": tried,
        "next_style": "",
    }


_SAID_BY_LEARNER = {"hint": "Hint, please.", "give_up": "I give up."}


def wait_for_learner(state: LessonState) -> dict[str, Any]:
    action = interrupt({"exercise_id": state.get("exercise_id")})
    if not isinstance(action, dict):
        action = {"kind": "answer", "text": str(action)}
    kind = str(action.get("kind", "answer"))
    action = {"kind": kind, "text": str(action.get("text", "")).strip()[:MAX_LEARNER_TEXT]}
    text = action["text"] or _SAID_BY_LEARNER.get(kind, "")
    # The learner's own words go into the transcript (for a chat view); they are not masked.
    # A focus action's text is a concept id: focus_concept says it in words.
    said = [TutorMessage(kind="learner", text=text).model_dump(mode="json")] if text else []
    if kind == "focus":
        said = []
    return {
        "action": action,
        "outcome": "",
        "turn": state.get("turn", 0) + 1,
        "transcript": said,
        "said": state.get("said", 0) + len(said),
    }


def nudge(state: LessonState, runtime: Runtime[TeachDeps]) -> dict[str, Any]:
    message = TutorMessage(
        kind="info",
        text="Type an answer, or ask for a hint (/hint), ask a question (/ask ...) or give up "
        "(/giveup).",
    )
    return _say(state, runtime.context, [message])


def give_hint(state: LessonState, runtime: Runtime[TeachDeps]) -> dict[str, Any]:
    deps = runtime.context
    exercise = deps.current_exercise(state)
    assert exercise is not None
    if state.get("hint_last", False):
        text = (
            "That was the last hint. Have a go: any honest answer counts, and after it you can "
            "ask to see the answer. Or type /giveup."
        )
        return _say(state, deps, [TutorMessage(kind="info", text=text)])
    concept = deps.course.concept(exercise.concept_id)
    level = state.get("hints_used", 0) + 1
    found = write_hint(deps, exercise, concept, level, options_tried(state, exercise))
    message = TutorMessage(kind="hint", text=hint_label(found.level) + found.text)
    return {**_say(state, deps, [message]), "hints_used": level, "hint_last": found.last}


def answer_question(state: LessonState, runtime: Runtime[TeachDeps]) -> dict[str, Any]:
    deps = runtime.context
    question = str((state.get("action") or {}).get("text", "")).strip()
    waiting = None if state.get("revealed", False) else deps.current_exercise(state)
    passages = passages_for_question(deps.retrieve, question)
    answer = write_answer(deps, question, passages, waiting)
    messages = [TutorMessage(kind="answer", text=answer.text, citations=answer.citations)]
    if state.get("exercise_id"):
        messages.append(TutorMessage(kind="info", text="Back to the exercise.", framing=True))
    return _say(state, deps, messages)


def grade(state: LessonState, runtime: Runtime[TeachDeps]) -> dict[str, Any]:
    deps = runtime.context
    exercise = deps.current_exercise(state)
    assert exercise is not None
    answer = str((state.get("action") or {}).get("text", "")).strip()
    shown = node_sink(deps, {"hint": hint_label(state.get("hints_used", 0) + 1)})
    try:
        result = grade_answer(state, deps, exercise, answer, shown)  # (+ the next move)
    except AnswerError as exc:  # e.g. an option that does not exist: nothing to record
        return {**_say(state, deps, [TutorMessage(kind="info", text=str(exc))]),
                "outcome": "unusable"}
    record_attempt(state, deps.course, deps.store, deps.clock(), exercise, answer,
                   result.correct, result.score, result.misconception, gave_up=False)
    record = graded_today(state, exercise, result.correct, deps.clock())
    if result.correct:
        record["log"].setdefault(exercise.id, [1, 0])[1] += 1
    text = result.feedback
    if not result.correct and not unsure(answer) and not isinstance(deps.engine, PlansTurns):
        # (an engine that plans turns streamed its feedback already, in its own words)
        text = reworded_feedback(state, exercise, answer, text)
    if result.correct and exercise.explanation and exercise.explanation not in text:
        text += f"\n\n{exercise.explanation}"
        if shown is not None:  # after the feedback streamed, as the message has it
            shown.more("feedback", f"\n\n{exercise.explanation}")
    if not result.correct and unsure(answer):
        text += f"\n\n{UNSURE_REPLY}"
        if shown is not None:
            shown.more("feedback", f"\n\n{UNSURE_REPLY}")
    feedback = TutorMessage(
        kind="feedback", text=text, correct=result.correct, citations=exercise.citations
    )
    graded: LessonState = {**state, "revealed": state.get("revealed", False) or result.correct}  # type: ignore[typeddict-item]
    mistakes = list(state.get("mistakes", []))
    if not result.correct and (result.misconception or not unsure(answer)):
        # "I am not sure" is no mix-up: the next explanation does not call it one.
        quoted = answer if len(answer) <= 80 else answer[:79] + "…"
        mistakes.append(result.misconception or f"{ANSWERED} “{quoted}”")
    return {
        **_say(graded, deps, [feedback]),
        "revealed": graded["revealed"],
        "outcome": "correct" if result.correct else "wrong",
        "real_attempts": state.get("real_attempts", 0) + 1,
        "fails": 0 if result.correct else state.get("fails", 0) + 1,
        "mistakes": mistakes[-5:],
        "last_feedback": ({} if result.correct else
                          remembered_feedback(exercise, answer, result.feedback)),
        **saved(state, record),
    }


def give_up(state: LessonState, runtime: Runtime[TeachDeps]) -> dict[str, Any]:
    deps = runtime.context
    exercise = deps.current_exercise(state)
    assert exercise is not None
    action = state.get("action") or {}
    # The answer shown after the day's last try at the item (a wrong answer, already recorded,
    # routes.after_grade) is no give-up either.
    last_try = state.get("outcome") == "wrong"
    explicit = (action.get("kind") == "give_up" or gives_up(action.get("text", ""))
                or not (answer_earned(state) or last_try))  # "I don't know" after the last
    # hint, no try
    if explicit:  # an explicit give-up is an attempt (failed); a reveal after a real attempt
        # and the whole hint ladder is not: that attempt was already recorded.
        record_attempt(state, deps.course, deps.store, deps.clock(), exercise, "", False, 0.0,
                       "", gave_up=True)
    reveal = reveal_message(exercise)
    # The item, and those of its kind keyed by what the reveal shows (the concept's name), are
    # retired for the day; the idea is taught again next (routes.after_give_up).
    record = retire_revealed(today(state, deps.clock()), deps.course, exercise, reveal.text)
    return {
        **_say({**state, "revealed": True}, deps, [reveal]),  # type: ignore[typeddict-item]
        **saved(state, record),
        "revealed": True,
        "outcome": "gave_up",
        "fails": state.get("fails", 0) + int(explicit),
        "mistakes": list(state.get("mistakes", []))[-4:],
    }


STEPS = {
    # Pick what to teach: a due review first, else the frontier (policy.choose_next).
    "choose_concept": choose_concept,
    # Write an explanation of the concept in a style chosen from what worked for this learner.
    "explain": explain,
    # A concept the course has no exercise on: explained, said so, recorded read; on.
    "read_concept": read_concept,
    # Show the explanation (answer masked) and an exercise, preferring ones not yet answered.
    "ask": ask,
    # Remind the learner what they can do (empty answer, unknown action).
    "nudge": nudge,
    # Next rung of the hint ladder (also the reply to "just tell me the answer").
    "give_hint": give_hint,
    # Answer a free question from the course passages, with citations; back to the exercise.
    "answer_question": answer_question,
    # Grade the answer and update the learner model (one idempotent attempt).
    "grade": grade,
    # Reveal the answer after an explicit give-up (or an exhausted ladder), as an attempt.
    "give_up": give_up,
    # Repeated failure: teach the weakest prerequisite, remembering where to come back.
    "step_back": step_back,
    # The prerequisite was answered right: return to the concept left behind.
    "return_to_concept": return_to_concept,
    # The learner picked a concept to learn now: drop the exercise, teach it (or a prerequisite).
    "focus_concept": focus_concept,
}
"""The teach graph's steps, by name."""

FOLLOWS: Follows = {
    "choose_concept": after_choice,
    "explain": "ask",
    "read_concept": "choose_concept",
    "ask": after_ask,
    "nudge": WAIT,
    "give_hint": WAIT,
    "answer_question": WAIT,
    "grade": after_grade,
    "give_up": after_give_up,
    "step_back": "explain",
    "return_to_concept": "explain",
    "focus_concept": after_focus,
}
"""The step after each step: the diagram at the top of this module."""

builder = StateGraph(LessonState, context_schema=TeachDeps)
# Pause the graph until the learner acts: answer, hint, give up, free question or focus.
builder.add_node(WAIT, wait_for_learner)
# Each node below runs its step and the steps after it until the learner's turn (or the end):
# one superstep, one checkpoint (tutor.teach.step_chain).
ACTS = ("grade", "give_hint", "give_up", "answer_question", "nudge", "focus_concept")
for first in ("choose_concept", *ACTS):
    builder.add_node(first, chained(first, STEPS, FOLLOWS), destinations=(WAIT, END))
builder.add_conditional_edges(START, after_start, ["choose_concept", "focus_concept"])
builder.add_conditional_edges(WAIT, after_action, list(ACTS))

graph = builder.compile()
graph.name = "teach_graph"


def build_graph(checkpointer: Any = None) -> Any:
    """The teach graph compiled with a checkpointer (e.g. ``SqliteSaver``) for resumable
    lessons."""
    compiled = builder.compile(checkpointer=checkpointer)
    compiled.name = "teach_graph"
    return compiled
