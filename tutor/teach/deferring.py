"""Questions that wait: a concept whose explanation gives away every item it has.

An explanation is never blanked to pose a question. When every item of the concept in hand
holds a key the explanation just showed (a "which term fills the blank" item keyed to the
concept's own name, an "explain in your own words" keyed to the definition it quotes), the
explanation is shown whole and the concept's question *waits*: another exercise comes between,
and once the learner has attempted it the lesson comes back to the concept and asks its item,
without explaining it again (nothing shown between the end of one exercise and the first
attempt at the next holds the next one's key). What comes between:

- :func:`intervening_exercise`: an item of a concept taught earlier in the lesson (one whose
  question waits first), whose key nothing shown since the last attempt holds: retrieval of
  earlier material between the teaching and its question;
- :func:`concept_instead`: failing that, the next concept the policy offers whose own
  explanation is not expected to give all its items away (it is explained and asked, and the
  waiting concept's question follows).

A question that waits is asked as soon as an attempt has come between, unless the next new
concept's explanation will give all of its own items away (:func:`needs_between`): that
concept is taught first and the waiting question comes between its teaching and its own
question, so a run of such concepts is taught one behind the other, each question one
exercise after its explanation.

Failing both (e.g. the course's one root concept, nothing else ready), or on a detour or a
review (a step back to a prerequisite, a concept the learner picked, a due review: asked at
once), the item is posed with
its key masked in what was shown, the last resort. Which concepts wait rides in the lesson's
pacing (``pace["waiting"]``: ``[concept_id, asked, style]``, the exercises posed when it began
to wait and the style it was explained in); :func:`waiting_due` says which may be asked now.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tutor.answers import reveals_answer
from tutor.course import Course, Exercise
from tutor.learner.model import LearnerModel
from tutor.teach import policy
from tutor.teach.exercise_pool import (
    askable,
    emitted_since_attempt,
    pace,
    resting,
    worth_asking,
)
from tutor.teach.state import LessonState

MAX_WAITING = 8
"""Concepts whose question may wait at once (older ones are dropped: taught again later)."""


def waiting(state: LessonState) -> list[list[Any]]:
    """The concepts whose question waits, oldest first: ``[concept_id, asked, style]``."""
    return [list(entry) for entry in pace(state).get("waiting") or []]


def wait(state: LessonState, concept_id: str) -> list[list[Any]]:
    """The waiting list with ``concept_id`` added (its question waits from now), with the
    style it was just explained in (taught again, it is taught another way)."""
    kept = [e for e in waiting(state) if e[0] != concept_id]
    entry = [concept_id, pace(state).get("asked", 0), state.get("style", "")]
    return (kept + [entry])[-MAX_WAITING:]


def styles_tried(state: LessonState, concept_id: str) -> list[str]:
    """The style ``concept_id`` was explained in before its question began to wait."""
    for entry in waiting(state):
        if entry[0] == concept_id and len(entry) > 2 and entry[2]:
            return [str(entry[2])]
    return []


def asked_now(state: LessonState, concept_id: str) -> list[list[Any]]:
    """The waiting list once an item of ``concept_id`` is posed (it waits no more)."""
    return [e for e in waiting(state) if e[0] != concept_id]


def _shown(state: LessonState) -> str:
    draft = (state.get("explanation") or {}).get("text", "")
    return "\n".join(t for t in (emitted_since_attempt(state), draft) if t)


def may_wait(state: LessonState) -> bool:
    """Whether the question on the concept in hand may wait: a concept taught from the
    frontier or taught again after a give-up, not on a detour (a step back to a prerequisite, a
    concept the learner picked) nor a review (its reminder leads into the recall it asks for)."""
    return not state.get("return_to") and (state.get("reason") == "frontier"
                                           or state.get("outcome") == "gave_up")


def gives_all_away(state: LessonState, course: Course, concept_id: str, chosen: Exercise,
                   now: datetime) -> bool:
    """Whether ``chosen`` (the best item of ``concept_id`` after the explanation in the state)
    holds a key that explanation shows, and so does every other item that may be asked."""
    draft = (state.get("explanation") or {}).get("text", "")
    if not draft or not reveals_answer(draft, chosen):
        return False
    shown = _shown(state)
    return all(reveals_answer(shown, e) for e in askable(state, course, concept_id, now))


def feedback_gives_away(state: LessonState, chosen: Exercise) -> bool:
    """Whether, with no explanation to show, what was said since the last attempt (its
    feedback, the answer shown) holds the key of ``chosen``, the best item of its concept
    (:func:`tutor.teach.choosing.choose_exercise` prefers one whose key it does not hold):
    posed now, the learner's own feedback would be blanked."""
    if state.get("explanation"):
        return False
    said = emitted_since_attempt(state)
    return bool(said) and reveals_answer(said, chosen)


def intervening_exercise(state: LessonState, course: Course, model: LearnerModel,
                         now: datetime, concept_id: str) -> Exercise | None:
    """An item of a concept taught earlier in the lesson (those whose question waits first,
    then the most recently explained) that may be asked today and whose key nothing shown
    since the last attempt holds; None when there is none."""
    from tutor.teach.choosing import choose_exercise  # choosing builds on the day's pool

    shown = _shown(state)
    earlier = [e[0] for e in waiting(state)] + list(reversed(state.get("explained", [])))
    seen: set[str] = {concept_id}
    rest = resting(state)
    for other in earlier:
        if other in seen or other in rest:
            continue
        seen.add(other)
        try:
            course.concept(other)
        except KeyError:  # gone with a rebuild
            continue
        if not worth_asking(state, course, model, now, other):
            continue
        chosen = choose_exercise(state, course, other, now)
        if chosen is not None and not reveals_answer(shown, chosen) and chosen.id in {
                e.id for e in askable(state, course, other, now)}:
            return chosen
    return None


def concept_instead(state: LessonState, course: Course, model: LearnerModel, now: datetime,
                    concept_id: str) -> str | None:
    """The first concept the policy offers (not ``concept_id``, not resting, not explained
    yet) with an item to ask today whose key neither what was shown since the last attempt
    nor its own name and definition (what its explanation will show) holds; failing that, the
    first one offered whose own explanation does not show the key of ``concept_id``'s item
    (``chosen``): a run of concepts whose explanations give their items away begins, each
    question asked one explanation later (:func:`taught_just_before`). None when there is
    none, or when a question already waits for an attempt to come between (one such detour
    at a time)."""
    asked = pace(state).get("asked", 0)
    if any(entry[1] >= asked for entry in waiting(state)):
        return None
    shown = _shown(state)
    offered = next_in_line(state, course, model, now, concept_id, runs_only=True)
    for other in offered:
        concept = course.concept(other)
        told = f"{shown}\n{concept.name}\n{concept.definition}"
        if any(not reveals_answer(told, e) for e in askable(state, course, other, now)):
            return other
    from tutor.teach.choosing import choose_exercise  # choosing builds on the day's pool

    held = choose_exercise(state, course, concept_id, now)
    for other in offered:
        if held is not None and not _teaching_shows(course, other, held):
            return other
    return None


def _teaching_shows(course: Course, concept_id: str, exercise: Exercise) -> bool:
    """Whether the explanation of ``concept_id`` (its name and definition) will hold the key
    of ``exercise``, a question that waits to be asked after it."""
    concept = course.concept(concept_id)
    return reveals_answer(f"{concept.name}\n{concept.definition}", exercise)


def next_in_line(state: LessonState, course: Course, model: LearnerModel, now: datetime,
                 concept_id: str, runs_only: bool = False) -> list[str]:
    """The concepts that may be taught after ``concept_id`` while its question (and those
    that wait) is still to come, best first: those the policy offers (its frontier), then, in
    teaching order, those held back only by ``concept_id`` or a concept whose question waits
    (taught, its question to come: the run goes on without waiting for each answer), their
    other prerequisites ready or answered right with nothing left to ask today (as the lesson
    goes past them: :func:`tutor.teach.policy.past_cleared`). Only concepts not resting, not
    explained yet and with something worth asking today; with ``runs_only``, of those held
    back only those whose own explanation will give all their items away (a run goes on:
    one with an item to ask straight after its teaching waits for its place in the policy's
    order)."""
    taught = {concept_id} | {str(e[0]) for e in waiting(state)}
    skip = resting(state) | taught | set(state.get("explained", []))
    offered = [step.concept_id or "" for step in policy.candidates(course, model, now, skip)
               if step.reason == "frontier"]
    cleared: dict[str, bool] = {}

    def behind(prerequisite: str) -> bool:  # ready, or answered right with nothing left today
        if prerequisite not in cleared:
            cleared[prerequisite] = model.is_ready(prerequisite) or (
                bool(model.mastery(prerequisite).last_correct)
                and not worth_asking(state, course, model, now, prerequisite))
        return cleared[prerequisite]

    for other in policy.teaching_order(course):
        if other in skip or other in offered or model.is_mastered(other):
            continue
        needs = course.prerequisites_of(other)
        if (any(p in taught for p in needs) and all(p in taught or behind(p) for p in needs)
                and not (runs_only and not needs_between(state, course, model, now, other))):
            offered.append(other)
    return [c for c in offered if c not in skip and worth_asking(state, course, model, now, c)]


def run_goes_on(state: LessonState, course: Course, model: LearnerModel, now: datetime,
                concept_id: str) -> str | None:
    """When ``concept_id`` was explained before the last attempt and its question waits, the
    next concept in line (:func:`next_in_line`) if its explanation will give all its own items
    away (:func:`needs_between`): it is taught first and the question on ``concept_id`` comes
    between its teaching and its own question, as spaced retrieval. None otherwise (the
    question is asked now)."""
    asked = pace(state).get("asked", 0)
    if state.get("explanation") or not any(
            e[0] == concept_id and e[1] < asked for e in waiting(state)):
        return None
    from tutor.teach.choosing import choose_exercise  # choosing builds on the day's pool

    held = choose_exercise(state, course, concept_id, now)
    for other in next_in_line(state, course, model, now, concept_id)[:1]:
        if (held is not None and needs_between(state, course, model, now, other)
                and not _teaching_shows(course, other, held)):
            return other
    return None


def taught_just_before(state: LessonState, course: Course, now: datetime,
                       concept_id: str) -> Exercise | None:
    """The item of the concept whose question began to wait in this very turn, taught just
    before ``concept_id`` with nothing attempted since (the first of a run of concepts whose
    explanations give their items away: :func:`concept_instead`), when the explanation of
    ``concept_id`` about to be shown does not hold its key; None otherwise.

    It is posed now with its key masked in its own explanation, shown before: the one
    explanation blanked in the run, where each later one is shown whole and its question
    comes after the next explanation (:func:`intervening_exercise`)."""
    from tutor.teach.choosing import choose_exercise  # choosing builds on the day's pool

    asked = pace(state).get("asked", 0)
    draft = (state.get("explanation") or {}).get("text", "")
    for other, at, *_ in waiting(state):
        if at < asked or other == concept_id:
            continue
        try:
            course.concept(other)
        except KeyError:  # gone with a rebuild
            continue
        chosen = choose_exercise(state, course, other, now)
        if (chosen is not None and not reveals_answer(draft, chosen)
                and chosen.id in {e.id for e in askable(state, course, other, now)}):
            return chosen
    return None


def needs_between(state: LessonState, course: Course, model: LearnerModel, now: datetime,
                  concept_id: str) -> bool:
    """Whether ``concept_id``, not explained yet in the lesson, has nothing to ask today whose
    key its explanation (its name and definition) will not show: its question will have to
    wait for another to come between (a question already waiting serves)."""
    if concept_id in state.get("explained", []):
        return False
    concept = course.concept(concept_id)
    told = f"{concept.name}\n{concept.definition}"
    found = askable(state, course, concept_id, now)
    return bool(found) and all(reveals_answer(told, e) for e in found)


def waiting_due(state: LessonState, course: Course, model: LearnerModel,
                now: datetime) -> str | None:
    """The oldest concept whose question waits and may be asked now: an exercise was posed
    (and attempted) since it began to wait, it is not resting, and it has an item to ask today
    whose key nothing shown since the last attempt holds."""
    asked = pace(state).get("asked", 0)
    rest = resting(state)
    for concept_id, at, *_ in waiting(state):
        if at >= asked or concept_id in rest:
            continue
        try:
            course.concept(concept_id)
        except KeyError:
            continue
        if worth_asking(state, course, model, now, concept_id, leak_free=True):
            return str(concept_id)
    return None
