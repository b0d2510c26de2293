"""The teach graph: choose a concept, explain it, ask, wait for the learner, grade, adapt.

    START -> choose_concept --new concept or review--> explain -> ask -> wait_for_learner
                |   '--same concept, already explained--------------^   (interrupt)
                '--everything mastered, nothing due--> END
    wait_for_learner --answer---> grade --right--> choose_concept (or return_to_concept)
                                        --wrong--> explain (another style) | give_hint
                                                   | step_back (policy.route_after_grade)
                     --hint-----> give_hint -> wait   (ladder done + a real attempt: give_up)
                     --question-> answer_question -> wait
                     --give_up--> give_up (reveal) -> routed like a wrong answer, new exercise
                     --empty----> nudge -> wait
    step_back -> explain (weakest prerequisite) -> ask ... right -> return_to_concept -> explain

Dependencies (course, engine, learner store, passage lookup, clock) come in the run's context
(:class:`TeachDeps`), never from globals. Withholding is done here, in code: while the learner
has not earned the current exercise's answer (a real attempt and the whole hint ladder, or an
explicit give-up), every message passes through :func:`mask_answer`, and requests such as
"just tell me the answer" get the next hint.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime
from langgraph.types import interrupt

from tutor.course import Chunk, Concept, Course, Exercise
from tutor.engine.offline.hints import mask_answer, reveals_answer
from tutor.engine.port import Engine, ExplanationStyle, LearnerContext
from tutor.errors import AnswerError
from tutor.learner.model import Attempt, LearnerModel, apply_attempt
from tutor.learner.store import LearnerStore
from tutor.teach import policy
from tutor.teach.state import ExerciseView, LessonState, TutorMessage

MAX_LEARNER_TEXT = 4000
"""Longest learner text kept in the lesson state (the facade refuses longer answers)."""
MAX_STEP_BACK_DEPTH = 3
"""Step backs that may nest (a prerequisite of a prerequisite...) before re-explaining instead."""
STYLE_ORDER = [
    ExplanationStyle.DEFINITION,
    ExplanationStyle.EXAMPLE,
    ExplanationStyle.SIMPLER,
    ExplanationStyle.PREREQUISITES,
]
_ATTEMPT_IDS = uuid.UUID("6f1c2a9e-4b7d-4c1e-9a51-7d3e2b8c0f11")
_ASKS_FOR_ANSWER = re.compile(
    r"\b(tell|give|show)\s+me\s+(the\s+|your\s+)?(right\s+|correct\s+)?(answer|solution)"
    r"|\bwhat('?s|\s+is)\s+the\s+(right\s+|correct\s+)?(answer|solution)"
    r"|\bjust\s+tell\s+me\b|\bthe\s+answer\s+please\b"
    r"|^\s*(i\s+(really\s+)?(don'?t|do\s+not|have\s+no)\s+(know|idea|clue)|idk|dunno"
    r"|no\s+(idea|clue))\b"
    r"|^\s*answer\s*[.!?]*\s*$",
    re.IGNORECASE,
)

_GIVES_UP = re.compile(r"^\s*(/?give\s*up|i\s+give\s+up|i\s+quit\s+this\s+one)\s*[.!]*\s*$", re.I)


@dataclass
class TeachDeps:
    """What the nodes need, given with each run (``graph.invoke(..., context=deps)``)."""

    course: Course
    engine: Engine
    store: LearnerStore
    passages: Callable[[Concept], list[Chunk]]
    """The passages that teach a concept."""
    retrieve: Callable[[str, int], list[Chunk]]
    """The passages that best match a free question (``query, k``)."""
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    learner_name: str = ""


def asks_for_answer(text: str) -> bool:
    """True for "just tell me the answer", "what's the answer?", "I don't know"..."""
    return bool(_ASKS_FOR_ANSWER.search(text or ""))


# -- helpers ---------------------------------------------------------------------------------
def _say(state: LessonState, deps: TeachDeps, messages: list[TutorMessage]) -> dict[str, Any]:
    """State update that shows ``messages``, masking the current exercise's answer unless the
    learner has earned it."""
    exercise = _current_exercise(state, deps)
    dumped = []
    for message in messages:
        if exercise is not None and not state.get("revealed", False) and message.kind != "reveal":
            message = message.model_copy(update={"text": mask_answer(message.text, exercise)})
        dumped.append(message.model_dump(mode="json"))
    return {"transcript": dumped, "said": state.get("said", 0) + len(dumped)}


def _current_exercise(state: LessonState, deps: TeachDeps) -> Exercise | None:
    exercise_id = state.get("exercise_id")
    return deps.course.exercise(exercise_id) if exercise_id else None


def _learner_context(state: LessonState, deps: TeachDeps, model: LearnerModel) -> LearnerContext:
    worked: list[str] = []
    failed: list[str] = []
    for name, counts in model.styles.items():
        (worked if counts.get("worked", 0) > counts.get("failed", 0) else failed).append(name)
    mistakes = list(state.get("mistakes", []))[-3:]
    concept_id = state.get("concept_id")
    if not mistakes and concept_id:
        seen = model.mastery(concept_id).misconceptions
        mistakes = [text for text, _ in sorted(seen.items(), key=lambda i: -i[1])[:1]]
    return LearnerContext(
        name=deps.learner_name,
        summary=model.summary,
        styles_that_worked=worked,
        styles_that_failed=failed,
        recent_mistakes=mistakes,
    )


def _pick_style(state: LessonState, deps: TeachDeps, model: LearnerModel) -> ExplanationStyle:
    concept_id = state["concept_id"] or ""
    usable = [
        s
        for s in STYLE_ORDER
        if s is not ExplanationStyle.PREREQUISITES or deps.course.prerequisites_of(concept_id)
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


def _choose_exercise(state: LessonState, deps: TeachDeps, concept_id: str) -> Exercise | None:
    """Prefer exercises not yet answered right, asked least, whose answer the explanation just
    given does not contain, of a kind not yet asked on this concept."""
    exercises = deps.course.exercises_for(concept_id)
    if not exercises:
        return None
    log = state.get("exercise_log", {})
    draft = (state.get("explanation") or {}).get("text", "")
    kinds_asked = {e.kind for e in exercises if log.get(e.id, [0, 0])[0] > 0}
    previous = state.get("exercise_id")

    def rank(pair: tuple[int, Exercise]) -> tuple:
        position, exercise = pair
        asked, right = log.get(exercise.id, [0, 0])
        return (
            right > 0,
            exercise.id == previous and len(exercises) > 1,
            asked,
            bool(draft) and reveals_answer(draft, exercise),
            exercise.kind in kinds_asked,
            position,
        )

    return min(enumerate(exercises), key=rank)[1]


# -- nodes -----------------------------------------------------------------------------------
def choose_concept(state: LessonState, runtime: Runtime[TeachDeps]) -> dict[str, Any]:
    deps = runtime.context
    model = deps.store.load(state["learner_id"], state["course"])
    step = policy.choose_next(deps.course, model, deps.clock())
    base: dict[str, Any] = {
        "styles_tried": [],
        "next_style": "",
        "fails": 0,
        "mistakes": [],
        "explanation": None,
        "return_to": [],
    }
    if "exercise_log" not in state:  # a new thread: what this learner answered before
        log: dict[str, list[int]] = {}
        for attempt in deps.store.attempts(state["learner_id"], state["course"]):
            counts = log.setdefault(attempt.exercise_id, [0, 0])
            counts[0] += 1
            counts[1] += int(attempt.correct and not attempt.gave_up)
        base["exercise_log"] = log
    if step.concept_id is None:
        mastered = sum(1 for c in deps.course.concepts if model.is_mastered(c.id))
        total = len(deps.course.concepts)
        done = TutorMessage(
            kind="done",
            text=f"You have mastered {mastered} of {total} concepts of **{deps.course.title}** "
            "and no review is due. Come back later for spaced reviews.",
        )
        cleared: LessonState = {**state, "exercise_id": None}
        return {**base, **_say(cleared, deps, [done]), "concept_id": None, "reason": "done",
                "exercise_id": None}
    return {**base, "concept_id": step.concept_id, "reason": step.reason}


def explain(state: LessonState, runtime: Runtime[TeachDeps]) -> dict[str, Any]:
    deps = runtime.context
    concept = deps.course.concept(state["concept_id"] or "")
    model = deps.store.load(state["learner_id"], state["course"])
    style = _pick_style(state, deps, model)
    prerequisites = [deps.course.concept(p) for p in deps.course.prerequisites_of(concept.id)]
    explanation = deps.engine.explain(
        concept, style, deps.passages(concept), prerequisites, _learner_context(state, deps, model)
    )
    tried = [s for s in state.get("styles_tried", []) if s != style.value] + [style.value]
    explained = [c for c in state.get("explained", []) if c != concept.id] + [concept.id]
    return {
        "explained": explained[-100:],
        "explanation": explanation.model_dump(mode="json"),
        "style": style.value,
        "styles_tried": tried,
        "next_style": "",
    }


def ask(state: LessonState, runtime: Runtime[TeachDeps]) -> dict[str, Any]:
    deps = runtime.context
    concept = deps.course.concept(state["concept_id"] or "")
    keep = (
        state.get("exercise_id")
        and state.get("outcome") == "wrong"
        and not state.get("revealed", False)
        and deps.course.exercise(state["exercise_id"] or "").concept_id == concept.id
    )
    update: dict[str, Any] = {}
    if keep:
        exercise = deps.course.exercise(state["exercise_id"] or "")
    else:
        chosen = _choose_exercise(state, deps, concept.id)
        if chosen is None:
            raise ValueError(f"concept {concept.id!r} has no exercise; teach a teachable course")
        exercise = chosen
        update = {"hints_used": 0, "hint_last": False, "real_attempts": 0, "revealed": False}
    log = {k: list(v) for k, v in state.get("exercise_log", {}).items()}
    log.setdefault(exercise.id, [0, 0])[0] += 1
    messages = []
    draft = state.get("explanation")
    if draft:
        messages.append(
            TutorMessage(kind="explanation", text=draft["text"], citations=draft["citations"])
        )
    lead = "Try again:" if keep else ("Review:" if state.get("reason") == "review" else "Your turn:")
    messages.append(
        TutorMessage(
            kind="exercise",
            text=f"{lead} {exercise.prompt}",
            exercise=ExerciseView.of(exercise, concept.name),
        )
    )
    now_state: LessonState = {**state, **update, "exercise_id": exercise.id}  # type: ignore[typeddict-item]
    return {
        **update,
        **_say(now_state, deps, messages),
        "exercise_id": exercise.id,
        "explanation": None,
        "outcome": "",
        "exercise_log": log,
        "asked_at": deps.clock().isoformat(),
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
    said = [TutorMessage(kind="learner", text=text).model_dump(mode="json")] if text else []
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
    exercise = _current_exercise(state, deps)
    assert exercise is not None
    if state.get("hint_last", False):
        text = (
            "That was the last hint. Have a go: any honest answer counts, and after it you can "
            "ask to see the answer. Or type /giveup."
        )
        return _say(state, deps, [TutorMessage(kind="info", text=text)])
    concept = deps.course.concept(exercise.concept_id)
    level = state.get("hints_used", 0) + 1
    found = deps.engine.hint(exercise, concept, level)
    message = TutorMessage(kind="hint", text=f"Hint {found.level}: {found.text}")
    return {**_say(state, deps, [message]), "hints_used": level, "hint_last": found.last}


def answer_question(state: LessonState, runtime: Runtime[TeachDeps]) -> dict[str, Any]:
    deps = runtime.context
    question = str((state.get("action") or {}).get("text", "")).strip()
    answer = deps.engine.answer_question(question, deps.retrieve(question, 5))
    messages = [TutorMessage(kind="answer", text=answer.text, citations=answer.citations)]
    if state.get("exercise_id"):
        messages.append(TutorMessage(kind="info", text="Back to the exercise."))
    return _say(state, deps, messages)


def _record(
    state: LessonState, deps: TeachDeps, exercise: Exercise, answer: str, correct: bool,
    score: float, misconception: str, gave_up: bool,
) -> LearnerModel:
    """Update the learner model with one attempt and store both; a replay changes nothing."""
    now = deps.clock()
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
    )
    model = deps.store.load(state["learner_id"], state["course"])
    if state.get("style"):
        model = model.record_style(state["style"], correct)
    model = apply_attempt(
        model, deps.course, attempt, exercise.kind, len(exercise.choices or [])
    )
    if deps.store.record(attempt, model):
        return model
    return deps.store.load(state["learner_id"], state["course"])


def grade(state: LessonState, runtime: Runtime[TeachDeps]) -> dict[str, Any]:
    deps = runtime.context
    exercise = _current_exercise(state, deps)
    assert exercise is not None
    answer = str((state.get("action") or {}).get("text", "")).strip()
    try:
        result = deps.engine.grade(exercise, answer)
    except AnswerError as exc:  # e.g. an option that does not exist: nothing to record
        return {**_say(state, deps, [TutorMessage(kind="info", text=str(exc))]),
                "outcome": "unusable"}
    _record(state, deps, exercise, answer, result.correct, result.score, result.misconception,
            gave_up=False)
    log = {k: list(v) for k, v in state.get("exercise_log", {}).items()}
    if result.correct:
        log.setdefault(exercise.id, [1, 0])[1] += 1
    text = result.feedback
    if result.correct and exercise.explanation and exercise.explanation not in text:
        text += f"\n\n{exercise.explanation}"
    feedback = TutorMessage(
        kind="feedback", text=text, correct=result.correct, citations=exercise.citations
    )
    graded: LessonState = {**state, "revealed": state.get("revealed", False) or result.correct}  # type: ignore[typeddict-item]
    mistakes = list(state.get("mistakes", []))
    if not result.correct:
        quoted = answer if len(answer) <= 80 else answer[:79] + "…"
        mistakes.append(result.misconception or f"you answered “{quoted}”")
    return {
        **_say(graded, deps, [feedback]),
        "revealed": graded["revealed"],
        "outcome": "correct" if result.correct else "wrong",
        "real_attempts": state.get("real_attempts", 0) + 1,
        "fails": 0 if result.correct else state.get("fails", 0) + 1,
        "mistakes": mistakes[-5:],
        "exercise_log": log,
    }


def give_up(state: LessonState, runtime: Runtime[TeachDeps]) -> dict[str, Any]:
    deps = runtime.context
    exercise = _current_exercise(state, deps)
    assert exercise is not None
    action = state.get("action") or {}
    explicit = action.get("kind") == "give_up" or bool(_GIVES_UP.match(action.get("text", "")))
    if explicit:  # an explicit give-up is an attempt (failed); a reveal after a real attempt
        # and the whole hint ladder is not: that attempt was already recorded.
        _record(state, deps, exercise, "", False, 0.0, "", gave_up=True)
    text = f"The answer is **{exercise.answer}**."
    if exercise.explanation:
        text += f"\n\n{exercise.explanation}"
    text += "\n\nLet's look at the idea again, then try another question."
    reveal = TutorMessage(kind="reveal", text=text, citations=exercise.citations)
    return {
        **_say({**state, "revealed": True}, deps, [reveal]),  # type: ignore[typeddict-item]
        "revealed": True,
        "outcome": "gave_up",
        "fails": state.get("fails", 0) + int(explicit),
        "mistakes": list(state.get("mistakes", []))[-4:],
    }


def step_back(state: LessonState, runtime: Runtime[TeachDeps]) -> dict[str, Any]:
    deps = runtime.context
    concept_id = state["concept_id"] or ""
    prerequisite = _route(state, deps).concept_id or ""
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


def return_to_concept(state: LessonState, runtime: Runtime[TeachDeps]) -> dict[str, Any]:
    deps = runtime.context
    stack = list(state.get("return_to", []))
    top = stack.pop()
    back = deps.course.concept(top["concept_id"])
    message = TutorMessage(kind="info", text=f"Good. Now back to **{back.name}**.")
    pending = top.get("exercise_id")
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


# -- routes ----------------------------------------------------------------------------------
def after_choice(state: LessonState) -> str:
    if state.get("concept_id") is None:
        return END
    again = state.get("reason") == "frontier" and state["concept_id"] in state.get("explained", [])
    return "ask" if again else "explain"


def after_action(state: LessonState) -> str:
    action = state.get("action") or {}
    kind, text = action.get("kind", "answer"), str(action.get("text", "")).strip()
    wants_hint = kind == "hint" or (kind in ("answer", "question") and asks_for_answer(text))
    if wants_hint:
        earned = state.get("hint_last", False) and state.get("real_attempts", 0) >= 1
        return "give_up" if earned else "give_hint"
    if kind == "give_up" or (kind == "answer" and _GIVES_UP.match(text)):
        return "give_up"
    if kind == "question":
        return "answer_question" if text else "nudge"
    if kind == "answer" and text:
        return "grade"
    return "nudge"


def _route(state: LessonState, deps: TeachDeps) -> policy.Route:
    """The policy's move after a graded answer (the same rule the simulated learners meet)."""
    concept_id = state.get("concept_id") or ""
    model = deps.store.load(state["learner_id"], state["course"])
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


def after_grade(state: LessonState, runtime: Runtime[TeachDeps]) -> str:
    if state.get("outcome") == "unusable":
        return "wait_for_learner"
    route = _route(state, runtime.context)
    if route.action == "advance":
        return "return_to_concept" if state.get("return_to") else "choose_concept"
    if route.action == "step_back":
        return "step_back"
    if route.action == "hint":
        return "give_hint"
    return "explain"


builder = StateGraph(LessonState, context_schema=TeachDeps)
# Pick what to teach: a due review first, else the frontier (policy.choose_next).
builder.add_node("choose_concept", choose_concept)
# Write an explanation of the concept in a style chosen from what worked for this learner.
builder.add_node("explain", explain)
# Show the explanation (answer masked) and an exercise, preferring ones not yet answered.
builder.add_node("ask", ask)
# Pause the graph until the learner acts: answer, hint, give up or free question.
builder.add_node("wait_for_learner", wait_for_learner)
# Remind the learner what they can do (empty answer, unknown action).
builder.add_node("nudge", nudge)
# Next rung of the hint ladder (also the reply to "just tell me the answer").
builder.add_node("give_hint", give_hint)
# Answer a free question from the course passages, with citations; then back to the exercise.
builder.add_node("answer_question", answer_question)
# Grade the answer and update the learner model (one idempotent attempt).
builder.add_node("grade", grade)
# Reveal the answer after an explicit give-up (or an exhausted ladder), recorded as an attempt.
builder.add_node("give_up", give_up)
# Repeated failure: teach the weakest prerequisite, remembering where to come back.
builder.add_node("step_back", step_back)
# The prerequisite was answered right: return to the concept left behind.
builder.add_node("return_to_concept", return_to_concept)

builder.add_edge(START, "choose_concept")
builder.add_conditional_edges("choose_concept", after_choice, ["explain", "ask", END])
builder.add_edge("explain", "ask")
builder.add_edge("ask", "wait_for_learner")
builder.add_conditional_edges(
    "wait_for_learner", after_action, ["grade", "give_hint", "give_up", "answer_question", "nudge"]
)
builder.add_edge("nudge", "wait_for_learner")
builder.add_edge("give_hint", "wait_for_learner")
builder.add_edge("answer_question", "wait_for_learner")
for source in ("grade", "give_up"):
    builder.add_conditional_edges(
        source,
        after_grade,
        ["return_to_concept", "choose_concept", "give_hint", "step_back", "explain",
         "wait_for_learner"],
    )
builder.add_edge("step_back", "explain")
builder.add_edge("return_to_concept", "explain")

graph = builder.compile()
graph.name = "teach_graph"


def build_graph(checkpointer: Any = None) -> Any:
    """The teach graph compiled with a checkpointer (e.g. ``SqliteSaver``) for resumable
    lessons."""
    compiled = builder.compile(checkpointer=checkpointer)
    compiled.name = "teach_graph"
    return compiled
