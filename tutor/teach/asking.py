"""The ask step of the teach graph: the exercise posed after an explanation.

The exercise asked again after a wrong answer keeps its place (``Try again``); otherwise one is
chosen (:func:`tutor.teach.choosing.choose_exercise`). An explanation is never blanked to pose
it: when every item of the concept holds a key the explanation shows, its question waits
(:mod:`tutor.teach.deferring`) and another exercise comes between, an item of a concept taught
earlier or the next concept the policy offers, taught first. After a give-up, the concept is
taught again; with nothing of it left to ask today, the lesson goes on to other material.
Only when nothing can come between is the key masked in what was shown (the last resort).
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from tutor.course import Exercise
from tutor.teach import deferring
from tutor.teach.choosing import choose_exercise, waiting_exercise
from tutor.teach.context import TeachDeps
from tutor.teach.exercise_pool import RETAUGHT, askable, pace, posed, today
from tutor.teach.reteaching import (
    REASON,
    STEPPED_BACK,
    fresh_items,
    other_items,
    step_back_after_reveal,
)
from tutor.teach.routes import leaves_after_reveal
from tutor.teach.state import ExerciseView, LessonState, TutorMessage
from tutor.teach.withholding import exposed, remask_emitted, say


def _say(state: LessonState, deps: TeachDeps, messages: list[TutorMessage]) -> dict[str, Any]:
    return say(state, deps.current_exercise(state), messages, deps.engine_notices())


def _explanation_message(draft: dict[str, Any]) -> TutorMessage:
    return TutorMessage(kind="explanation", text=draft["text"], citations=draft["citations"])


def _teach_first(state: LessonState, deps: TeachDeps, concept_id: str,
                 instead: str) -> dict[str, Any]:
    """Show the explanation of ``concept_id`` whole and go on to teach ``instead``; the
    question on ``concept_id`` waits until an exercise has come between (:mod:`deferring`)."""
    later = TutorMessage(kind="info", framing=True,
                         text="More first: a question on this comes a little later.")
    cleared: LessonState = {**state, "exercise_id": None}  # type: ignore[typeddict-item]
    return {
        **_say(cleared, deps, [_explanation_message(state["explanation"] or {}), later]),
        "pace": {**pace(state), "waiting": deferring.wait(state, concept_id)},
        "concept_id": instead, "reason": "frontier", "explanation": None, "exercise_id": None,
        "styles_tried": [], "next_style": "", "fails": 0, "mistakes": [], "outcome": "",
    }


def _after_reveal(state: LessonState, deps: TeachDeps, concept_id: str) -> dict[str, Any]:
    """The concept taught again after its answer was shown, with nothing of it left to ask
    today: its explanation, then a step back to a prerequisite with an item not posed today
    (:func:`tutor.teach.reteaching.step_back_after_reveal`), else other material."""
    model = deps.store.load(state["learner_id"], state["course"])
    back = step_back_after_reveal(state, deps.course, model, deps.clock(), concept_id)
    messages = [_explanation_message(state["explanation"] or {})]
    cleared: LessonState = {**state, "exercise_id": None}  # type: ignore[typeddict-item]
    if back is None:
        return {**_say(cleared, deps, messages), "explanation": None, "exercise_id": None,
                "outcome": RETAUGHT}
    names = deps.course.concept(back).name, deps.course.concept(concept_id).name
    messages.append(TutorMessage(
        kind="info", text=f"**{names[1]}** builds on **{names[0]}**. Let's go back to "
        f"**{names[0]}** first, with a question you have not seen today."))
    return {**_say(cleared, deps, messages), "explanation": None, "exercise_id": None,
            "outcome": STEPPED_BACK, "concept_id": back, "reason": "step_back",
            "return_to": [], "styles_tried": [], "next_style": "", "fails": 0,
            "mistakes": []}


def ask(state: LessonState, runtime: Runtime[TeachDeps]) -> dict[str, Any]:
    deps = runtime.context
    concept = deps.course.concept(state["concept_id"] or "")
    now = deps.clock()
    record = today(state, now)
    keep = (None if state.get("reason") == REASON  # taught again: a different item
            else waiting_exercise(state, deps.course, concept.id, now))
    update: dict[str, Any] = {}
    waits = deferring.asked_now(state, concept.id)
    if keep:
        exercise = keep
    elif (state.get("reason") in ("return", "step_back") and state.get("explanation")
          and not askable(state, deps.course, concept.id, now)):
        # Back from a step back (or on one) to a concept with nothing left to ask today (its
        # item posed the day's maximum, its answer shown): taught again, not asked a third
        # time; a prerequisite with an item not posed today, else other material, next.
        return _after_reveal(state, deps, concept.id)
    elif state.get("outcome") == "gave_up" and leaves_after_reveal(state, deps):
        # Taught again after its answer was shown, nothing of it left to ask today (or it
        # rests): a step back to a prerequisite with an item not posed today, else other
        # material next (reteaching).
        return _after_reveal(state, deps, concept.id)
    else:
        if deferring.may_wait(state):
            model = deps.store.load(state["learner_id"], state["course"])
            ahead = deferring.run_goes_on(state, deps.course, model, now, concept.id)
            if ahead is not None:  # taught first; the question that waited comes after it
                return {"concept_id": ahead, "reason": "frontier", "explanation": None,
                        "exercise_id": None, "styles_tried": [], "next_style": "", "fails": 0,
                        "mistakes": [], "outcome": ""}
        fresh = (fresh_items(state, deps.course, concept.id, now)
                 if state.get("outcome") == STEPPED_BACK else None)
        if state.get("reason") == REASON:  # taught again: a different item (reteaching)
            fresh = (other_items(state, deps.course, concept.id, now, state.get("exercise_id"))
                     or fresh_items(state, deps.course, concept.id, now))
        chosen = choose_exercise(state, deps.course, concept.id, now, fresh)
        if chosen is None:
            raise ValueError(f"concept {concept.id!r} has no exercise; teach a teachable course")
        exercise = chosen
        update = {"hints_used": 0, "hint_last": False, "real_attempts": 0, "revealed": False}
        other = None  # an earlier concept's item asked between, when the chosen one waits
        if (not state.get("return_to")  # not on a detour: a step back is asked at once
                and deferring.feedback_gives_away(state, chosen)):
            # The feedback just given holds the key of the item chosen, and of every item as
            # good (a case keyed like the one just answered): not blanked; an earlier
            # concept's item comes between when there is one (else the key is masked, the
            # last resort).
            model = deps.store.load(state["learner_id"], state["course"])
            other = deferring.intervening_exercise(state, deps.course, model, now, concept.id)
        elif (deferring.may_wait(state)
                and deferring.gives_all_away(state, deps.course, concept.id, chosen, now)):
            # The explanation is never blanked: its question waits for another to come between.
            model = deps.store.load(state["learner_id"], state["course"])
            other = deferring.intervening_exercise(state, deps.course, model, now, concept.id)
            if other is None:
                instead = deferring.concept_instead(state, deps.course, model, now, concept.id)
                if instead is not None:
                    return _teach_first(state, deps, concept.id, instead)
                other = deferring.taught_just_before(state, deps.course, now, concept.id)
        if other is not None:
            waits = deferring.asked_now({**state, "pace": {  # type: ignore[typeddict-item]
                **pace(state), "waiting": deferring.wait(state, concept.id)}}, other.concept_id)
            exercise, concept = other, deps.course.concept(other.concept_id)
            update.update(concept_id=concept.id, reason="review", styles_tried=[],
                          next_style="", fails=0, mistakes=[])
    messages = []
    draft = state.get("explanation")
    if state.get("reason") == REASON and not keep:
        messages.append(TutorMessage(
            kind="info", framing=True, text="Let's go over this once more, another way, with a "
            "question you have not seen today."))
    if draft:
        messages.append(_explanation_message(draft))
        if concept.id != state.get("concept_id"):
            messages.append(TutorMessage(kind="info", framing=True,
                                         text=earlier_notice(state, exercise)))
            draft = None  # the exercise was not posed straight after its own explanation
    lead = "Try again:" if keep else ("Review:" if state.get("reason") == "review" else "Your turn:")
    messages.append(
        TutorMessage(
            kind="exercise",
            text=f"{lead} {exercise.prompt}",
            exercise=ExerciseView.of(exercise, concept.name),
        )
    )
    now_state: LessonState = {**state, **update, "exercise_id": exercise.id}  # type: ignore[typeddict-item]
    shown = _say(now_state, deps, messages)
    # Only when no exercise was left whose key the messages already shown leave out: mask the
    # key (the term only) in those messages too, before they reach the learner.
    shown["transcript"] = remask_emitted(state, exercise) + shown["transcript"]
    run = pace(state).get("run") or ["", 0]
    after = posed(record, exercise.id)  # asked once more (in all, and today)
    return {
        **update,
        **shown,
        "exercise_id": exercise.id,
        "explanation": None,
        "outcome": "",
        "exercise_log": after["log"],
        "pace": {
            **pace(state),
            "day": after["day"],
            "asked": pace(state).get("asked", 0) + 1,
            "run": [concept.id, run[1] + 1 if run[0] == concept.id else 1],
            "exposed": exposed(exercise, concept, draft, state),
            "waiting": waits,
        },
        "asked_at": now.isoformat(),
    }



EARLIER = "First, a question on something from earlier; the one on this comes after it."
BACK = "First, back to the question you just had; the one on this comes after it."


def earlier_notice(state: LessonState, exercise: Exercise) -> str:
    """What is said when an explanation is followed by a question on an earlier concept: the
    learner's own item again is no "something from earlier" to them."""
    return BACK if exercise.id == state.get("exercise_id") else EARLIER
