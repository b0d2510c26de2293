"""What may be asked now: the day's exercise budget, retired items, resting concepts.

The teach graph asks only exercises that still test something:

- an exercise is posed at most :data:`MAX_POSES_PER_DAY` times a day ("Try again" included);
- an exercise answered right is not posed again that day (a second time it tests
  recognition), nor a binary item (true/false, two options) answered wrong (a coin toss);
- an exercise given up on is *retired* for the rest of the day, with the items of its kind
  whose key the reveal shows (the concept's name, for every "which term" item of the
  concept): asked later, they would test reading, not knowing; so is one missed on its last
  try of the day, whose worked answer is shown (:func:`used_up_after_miss`);
- an exercise whose key stands in a message already shown since the learner's last attempt
  (the feedback, a reveal, a notice) is not asked next: that text cannot be taken back;
- a concept *rests* after repeated errors or a long run of exercises on it
  (:data:`MAX_RUN`): other material is taught for :data:`REST_FOR` exercises, then it comes
  back;
- a concept known well enough to build on but not yet proven (:mod:`tutor.learner.evidence`)
  waits for a later day when nothing of a new origin is left to ask about it today.

The day's record rides in the lesson's exercise log (:func:`today`), started afresh when the
day changes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tutor.answers import reveals_answer
from tutor.course import Course, Exercise, ExerciseKind
from tutor.learner import evidence
from tutor.learner.model import LearnerModel
from tutor.teach import policy
from tutor.teach.state import LessonState

MAX_POSES_PER_DAY = 2
"""Times one exercise may be posed in a day."""
MAX_RUN = 6
"""Exercises in a row on one concept before it rests, when other material is ready."""
REST_FOR = 3
"""Exercises on other material before a resting concept comes back."""


RETAUGHT = "retaught"
"""The outcome once a concept given up on was taught again with nothing of it left to ask
today: the lesson goes on to other material."""

RETIRED = 9
"""The day's mark of an exercise not to be posed again that day."""


def today(state: LessonState, now: datetime) -> dict[str, Any]:
    """The day's record of posed and retired exercises: ``{"day", "fresh", "log"}``. The marks
    ride in the exercise log the lesson keeps anyway (``[times, right, mark]``, the mark
    counting the day's posings or :data:`RETIRED`), valid for ``log_day`` only: every step of
    the lesson checkpoints the log, so a record of its own would cost bytes each turn."""
    day = now.date().isoformat()
    return {"day": day, "fresh": pace(state).get("day") != day,
            "log": state.get("exercise_log", {})}


def pace(state: LessonState) -> dict[str, Any]:
    """The lesson's pacing, one state field (every field is a checkpointed channel):
    ``{"day"`` (of the exercise log's marks), ``"asked"`` (exercises posed in the lesson),
    ``"run"`` (``[concept_id, n]``: the last ``n`` posed were on it), ``"resting"`` (concept id
    -> the ``asked`` count until which it rests), ``"exposed"`` (the current exercise was posed
    straight after the sentence it tests was shown)``}``."""
    return dict(state.get("pace") or {})


def _mark(record: dict[str, Any], exercise_id: str) -> int:
    if record["fresh"]:
        return 0
    entry = record["log"].get(exercise_id) or []
    return int(entry[2]) if len(entry) > 2 else 0


def times_posed(record: dict[str, Any], exercise_id: str) -> int:
    """How many times ``exercise_id`` was posed on the record's day."""
    return min(_mark(record, exercise_id), MAX_POSES_PER_DAY)


def is_retired(record: dict[str, Any], exercise_id: str) -> bool:
    """Whether ``exercise_id`` is not to be posed again on the record's day."""
    return _mark(record, exercise_id) >= RETIRED


def _marked(record: dict[str, Any], changes: dict[str, int]) -> dict[str, Any]:
    """``record`` with the marks of ``changes`` set (a new day's stale marks dropped first)."""
    log = {k: list(v[:2]) if record["fresh"] else list(v) for k, v in record["log"].items()}
    for exercise_id, mark in changes.items():
        entry = log.setdefault(exercise_id, [0, 0])
        log[exercise_id] = [*entry[:2], mark]
    return {**record, "fresh": False, "log": log}


def retire(record: dict[str, Any], exercise_ids: list[str]) -> dict[str, Any]:
    """``record`` with ``exercise_ids`` retired for the day."""
    return _marked(record, dict.fromkeys(exercise_ids, RETIRED))


def posed(record: dict[str, Any], exercise_id: str) -> dict[str, Any]:
    """``record`` with one more posing of ``exercise_id`` (counted in the log's times too)."""
    mark = _mark(record, exercise_id)
    marked = _marked(record, {exercise_id: mark if mark >= RETIRED else mark + 1})
    marked["log"][exercise_id][0] += 1
    return marked


def saved(state: LessonState, record: dict[str, Any]) -> dict[str, Any]:
    """The state update that keeps ``record`` (the pacing only when the day changed)."""
    update: dict[str, Any] = {"exercise_log": record["log"]}
    if pace(state).get("day") != record["day"]:
        update["pace"] = {**pace(state), "day": record["day"]}
    return update


def retire_revealed(record: dict[str, Any], course: Course, given_up: Exercise,
                    revealed: str) -> dict[str, Any]:
    """``record`` with ``given_up`` retired for the day, and every exercise of its concept and
    kind whose key ``revealed`` (the give-up's reveal) contains. An item of another kind keeps:
    asked once something else has come between (:mod:`tutor.teach.deferring`), it tests the
    idea from another side."""
    return retire(record, [given_up.id] + [
        e.id for e in course.exercises_for(given_up.concept_id)
        if e.kind is given_up.kind and reveals_answer(revealed, e)])


def emitted_since_attempt(state: LessonState) -> str:
    """The text of the messages shown since the learner's last action (they cannot be
    taken back: the next exercise's key must not stand in them); the tutor's own framing
    words hold no key."""
    texts: list[str] = []
    for message in reversed(list(state.get("transcript", []))):
        if message.get("kind") == "learner":
            break
        if not message.get("framing"):
            texts.append(str(message.get("text", "")))
    return "\n".join(t for t in texts if t)


def binary(exercise: Exercise) -> bool:
    """A true/false or a two-option item: a second try after a miss is a coin toss."""
    return exercise.kind is ExerciseKind.TRUE_FALSE or len(exercise.choices or []) == 2


def askable(state: LessonState, course: Course, concept_id: str, now: datetime,
            leak_free: bool = False) -> list[Exercise]:
    """The exercises of ``concept_id`` that may be posed now: under the day's budget, not
    retired; with ``leak_free``, also none whose key stands in a message shown since the
    last attempt (without it, such an exercise is posed only with its key masked in those
    messages: :func:`tutor.teach.withholding.remask_emitted`)."""
    record = today(state, now)
    shown = emitted_since_attempt(state) if leak_free else ""
    return [
        e for e in course.exercises_for(concept_id)
        if times_posed(record, e.id) < MAX_POSES_PER_DAY and not is_retired(record, e.id)
        and not (shown and reveals_answer(shown, e))
    ]


def resting(state: LessonState) -> set[str]:
    """Concepts resting now (after repeated errors or a long run), to come back to later."""
    asked = pace(state).get("asked", 0)
    return {cid for cid, until in (pace(state).get("resting") or {}).items() if asked < until}


def rest(state: LessonState, concept_id: str,
         resting_now: dict[str, int] | None = None) -> dict[str, int]:
    """The ``resting`` map (``resting_now``, else the state's) with ``concept_id`` resting for
    :data:`REST_FOR` exercises."""
    asked = pace(state).get("asked", 0)
    base = pace(state).get("resting") or {} if resting_now is None else resting_now
    kept = {cid: until for cid, until in base.items() if asked < until}
    return {**kept, concept_id: asked + REST_FOR}


def long_run(state: LessonState, concept_id: str) -> bool:
    """Whether the last :data:`MAX_RUN` exercises were all on ``concept_id``."""
    run = pace(state).get("run") or ["", 0]
    return run[0] == concept_id and run[1] >= MAX_RUN


def worth_asking(state: LessonState, course: Course, model: LearnerModel, now: datetime,
                 concept_id: str, leak_free: bool = False) -> bool:
    """Whether ``concept_id`` has something worth asking today: an askable exercise and, for a
    concept known well enough to build on but not proven whose first right answer was today,
    one that could complete its proof (:func:`tutor.learner.evidence.would_prove`: a new
    origin, and an item of use among the evidence); else tomorrow will: any exercise answered
    right then is a recall, and proof."""
    return bool(proof_worthy(model, concept_id,
                             askable(state, course, concept_id, now, leak_free), now))


def proof_worthy(model: LearnerModel, concept_id: str, found: list[Exercise],
                 now: datetime) -> list[Exercise]:
    """Of the askable ``found``, those worth asking today (:func:`worth_asking`): all of them,
    but for a concept known well enough to build on, not proven, whose first right answer was
    today, only those that could complete its proof. The lesson and the simulated lesson
    both filter with it."""
    if (found and model.is_ready(concept_id) and not model.is_mastered(concept_id)
            and evidence.recall_awaited(model.mastery(concept_id), now)):
        mastery = model.mastery(concept_id)
        found = [e for e in found if evidence.would_prove(mastery, e.origin.value, e.tests_use)]
    return found


def graded_today(state: LessonState, exercise: Exercise, correct: bool,
                 now: datetime) -> dict[str, Any]:
    """The day's record after a graded answer: an item answered right, or a binary item
    answered wrong, is not posed again today."""
    record = today(state, now)
    if correct or binary(exercise):  # recognition the second time; a coin toss
        record = retire(record, [exercise.id])
    return record


def used_up_after_miss(state: LessonState, course: Course, now: datetime) -> bool:
    """Whether the answer just graded wrong was the day's last try at its item: posed the
    day's maximum, or a binary item (not asked again after a miss) on a concept with nothing
    else left to ask today. Its worked answer is shown then (as after a give-up) and the
    lesson goes on: the learner will not meet the item again today."""
    exercise_id = state.get("exercise_id")
    if state.get("outcome") != "wrong" or state.get("revealed", False) or not exercise_id:
        return False
    try:
        exercise = course.exercise(exercise_id)
    except KeyError:  # removed by a rebuild
        return False
    record = today(state, now)
    if not is_retired(record, exercise.id):
        return times_posed(record, exercise.id) >= MAX_POSES_PER_DAY
    return binary(exercise) and not askable(state, course, exercise.concept_id, now)


def leaves_concept(state: LessonState, course: Course, action: str, concept_id: str,
                   now: datetime) -> bool:
    """Whether a move that would stay on ``concept_id`` (re-explain, step back to it) goes to
    other material instead: the policy says rest, nothing is left to ask there today, or the
    run on it is long."""
    if action == "rest":
        return True
    if action == "hint":
        return False
    if not askable(state, course, concept_id, now):
        return True
    return action == "reexplain" and long_run(state, concept_id)


def before_choice(state: LessonState) -> LessonState:
    """``state`` as the choice of the next concept sees it: a concept left after repeated
    errors (:data:`tutor.teach.policy.REST_AFTER`) rests."""
    concept_id = state.get("concept_id")
    if (concept_id and state.get("outcome") in ("wrong", "gave_up", RETAUGHT)
            and state.get("fails", 0) >= policy.REST_AFTER):
        rested = {**pace(state), "resting": rest(state, concept_id)}
        return {**state, "pace": rested}  # type: ignore[typeddict-item]
    return state


def choose_concept_today(state: LessonState, course: Course, model: LearnerModel,
                         now: datetime) -> tuple[policy.NextStep, dict[str, int]]:
    """The policy's choice (:func:`tutor.teach.policy.choose_next`) among the concepts worth
    asking today, preferring one with an exercise whose key nothing just shown gives away
    (rather than masking it), resting ones only when nothing else is; and the ``resting`` map
    after it (a concept on a long run rests when other material is ready).

    When no concept the policy offers has anything worth asking today, the lesson goes back to
    what blocks the way on (:func:`tutor.teach.policy.back_to_blocker`); failing that, to a
    concept missed today that can be taught another way with an item not posed today, or its
    missing prerequisite (:func:`tutor.teach.reteaching.teach_again_today`, ``reteach``);
    failing that, it goes on to
    a concept held back only by prerequisites the learner has shown all they can today
    (:func:`tutor.teach.policy.past_cleared`) or one step past a prerequisite whose worked answer
    was shown today (:func:`past_shown`), neither on a long run; failing that, a resting concept
    comes back; failing that, the day is done (``done``: the lesson says to come back tomorrow). It
    never previews a concept whose prerequisites are not known: that teaches little."""
    from tutor.teach.deferring import needs_between, waiting_due  # built on this pool

    held = waiting_due(state, course, model, now)
    if held is None:
        return _policy_choice(state, course, model, now)
    # What comes next besides the question that waited (held back for this choice only).
    aside = {**pace(state).get("resting", {}), held: pace(state).get("asked", 0) + 1}
    step, resting_now = _policy_choice(
        {**state, "pace": {**pace(state), "resting": aside}},  # type: ignore[typeddict-item]
        course, model, now)
    resting_now.pop(held, None)
    if (step.concept_id not in (None, held) and step.reason == "frontier"
            and needs_between(state, course, model, now, step.concept_id or "")):
        # A new concept whose explanation will give its items away goes first: the question
        # that waited comes between its teaching and its own question.
        return step, resting_now
    # A question that waited for another to come between: now.
    return policy.NextStep(concept_id=held, reason="frontier"), resting_now


def _policy_choice(state: LessonState, course: Course, model: LearnerModel,
                   now: datetime) -> tuple[policy.NextStep, dict[str, int]]:
    """:func:`choose_concept_today` before the questions that wait are considered."""
    from tutor.teach.reteaching import teach_again_today  # built on this pool
    resting_now = dict(pace(state).get("resting") or {})
    passed: list[str] = []
    for leak_free, allow_resting in ((True, False), (False, False), (False, True)):
        skip = set() if allow_resting else resting(state) | {
            cid for cid in resting_now if pace(state).get("asked", 0) < resting_now[cid]}
        for step in policy.candidates(course, model, now, skip):
            concept_id = step.concept_id or ""
            if concept_id in skip:
                continue
            if not worth_asking(state, course, model, now, concept_id, leak_free):
                if step.reason == "frontier" and concept_id not in passed:
                    passed.append(concept_id)
                continue
            if (not allow_resting and long_run(state, concept_id)
                    and concept_id not in resting_now):
                resting_now = rest(state, concept_id, resting_now)  # elsewhere first, then back
                skip.add(concept_id)
                continue
            return step, resting_now
        if not leak_free and not allow_resting:
            back = policy.back_to_blocker(
                course, model, now, passed, skip,
                lambda cid: worth_asking(state, course, model, now, cid))
            if back is not None:
                return policy.NextStep(concept_id=back, reason="review"), resting_now
            again = teach_again_today(
                state, course, model, now, skip,
                lambda cid: not long_run(state, cid) and worth_asking(state, course, model,
                                                                      now, cid),
                state.get("exercise_id"))
            if again is not None:  # nothing ready: a concept missed today, taught another way
                return policy.NextStep(concept_id=again, reason="reteach"), resting_now
            used_up = passed + _used_up_today(state, course, model, now, passed)
            opened = policy.past_cleared(course, model, used_up, skip, now)
            opened += [c for c in past_shown(state, course, model, used_up, skip, now) if c not in opened]
            for concept_id in opened:
                if long_run(state, concept_id):  # opened, not ready: no comeback after a rest
                    continue
                if worth_asking(state, course, model, now, concept_id):
                    return policy.NextStep(concept_id=concept_id, reason="frontier"), resting_now
    again = teach_again_today(  # resting or not: nothing else is left today
        state, course, model, now, set(),
        lambda cid: not long_run(state, cid) and worth_asking(state, course, model, now, cid),
        state.get("exercise_id"))
    if again is not None:
        return policy.NextStep(concept_id=again, reason="reteach"), resting_now
    return policy.NextStep(concept_id=None, reason="done"), resting_now


def past_shown(state: LessonState, course: Course, model: LearnerModel, used_up: list[str],
               skip: set[str], now: datetime) -> list[str]:
    """Concepts, in teaching order, not ready only because of prerequisites whose answer the
    learner was shown today, their latest answer not right (the day's last try at an
    item, or a give-up: the item is retired for the day and the idea taught again) or that
    they have done all they can of today (``used_up``) after answering right. The day goes on
    with what builds on a revealed prerequisite rather than ending; the prerequisite stays
    unproven and comes first on a later day. Only one step past a reveal: a revealed
    prerequisite must itself have been taught in order (its own prerequisites ready or
    latest answer right), so a chain of reveals opens nothing further. Not a concept tried and
    missed today."""
    record = today(state, now)
    revealed = {course.exercise(eid).concept_id for eid in record["log"]
                if is_retired(record, eid) and _in_course(course, eid)}

    def taught_in_order(cid: str) -> bool:
        return all(model.is_ready(p) or model.mastery(p).last_correct
                   for p in course.prerequisites_of(cid))

    shown = {cid for cid in revealed  # right once, then given up: its latest answer decides
             if not model.mastery(cid).last_correct and taught_in_order(cid)}
    if not shown:
        return []
    cleared = {cid for cid in used_up if model.mastery(cid).correct > 0} | shown
    return policy.opened_past(course, model, cleared, skip, now, through=shown)


def _in_course(course: Course, exercise_id: str) -> bool:
    try:
        course.exercise(exercise_id)
    except KeyError:  # removed by a rebuild
        return False
    return True


def _used_up_today(state: LessonState, course: Course, model: LearnerModel, now: datetime,
                   known: list[str]) -> list[str]:
    """Concepts practised today (besides ``known``) with nothing left worth asking today: with
    the frontier's, the prerequisites the learner may have shown all they can of today."""
    day = now.date()
    return [cid for cid, found in model.concepts.items()
            if cid not in known and found.last_seen is not None
            and found.last_seen.date() == day and not model.is_mastered(cid)
            and not worth_asking(state, course, model, now, cid)]
