"""The teaching policy: which concept to teach next, and where to go after a graded answer.

:func:`choose_next` picks a due review whose predicted recall has dropped (below
:data:`REVIEW_FIRST_BELOW`), else the frontier: the least-mastered concept that is not mastered
yet and whose prerequisites are all known well enough to build on (``is_ready``: mastered, or
held short of mastery only for want of proof, :mod:`tutor.learner.evidence`; ties in teaching
order). A review that is due but still fresh waits while anything is left to learn; once the
course is mastered it comes next, and with nothing due the concept practised longest ago is
reviewed early. Recall and due dates are the learner's own: FSRS's forgetting curve scaled by
their recall record (:mod:`tutor.learner.retention`), so a learner who keeps what they learn
is reviewed less often, and one who forgets fast sooner.
:func:`route_after_grade` is the routing rule of the teach graph after a grade, kept here as a
pure function so that the simulated-learner evaluation runs exactly the rule the tutor runs:
right -> advance; first wrong -> re-explain in another style; repeated wrong -> step back to the
weakest prerequisite not yet known, or to a direct one not practised today whose predicted recall
(the learner's own) has dropped below :data:`CHECK_BELOW` (never to one the learner knows and
remembers), else, after
:data:`REST_AFTER` wrong answers in a row, rest the concept (other material, then back), else
the next hint, else re-explain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel

from tutor.clock import as_utc
from tutor.course import Course
from tutor.learner import evidence
from tutor.learner.model import LearnerModel

STEP_BACK_AFTER = 2
"""Wrong answers in a row on one concept before stepping back to a prerequisite."""
REST_AFTER = 3
"""Wrong answers in a row on one concept (no prerequisite left to step back to) before the
concept rests: other material is taught for a while, then the lesson comes back to it."""
MAX_STEP_BACK_DEPTH = 3
"""Nested step-backs allowed before re-explaining instead (the teach graph's limit)."""
MAX_HINTS = 3
"""Rungs of the hint ladder offered before re-explaining again."""
REVIEW_FIRST_BELOW = 0.7
"""A due review goes ahead of new concepts only once its predicted recall (FSRS
retrievability, at the learner's own retention scale) has fallen below this; a review that is
due but still fresh waits while anything is left to learn. FSRS marks a card due when recall falls to 0.9; a review taken a little later
costs the same one exercise and strengthens memory more (FSRS's stability gain grows as recall
falls). Not lower: FSRS's forgetting curve has a long flat tail (one right answer 60 days ago
still predicts 0.6), so a lower bar would let old material wait behind new material for months."""

CHECK_BELOW = 0.97
"""After repeated errors on a concept whose prerequisites all count as known, a direct
prerequisite not practised today is checked (one exercise) when FSRS predicts its recall below
this: somewhat faded, possibly forgotten. Not at FSRS's own due mark (0.9): a learner who
forgets fast is below it long before FSRS says so; not always: a learner whose recalls keep
succeeding grows FSRS stability, and a check of a fresh card is an exercise spent on something
known. Set on seed 7 of ``tutor eval simulate`` (0.93 and 0.97 tried)."""


REMEMBERED = 0.9
"""Predicted recall (FSRS retrievability) at or above which a concept with proven mastery
counts as remembered: FSRS's own target retention, the point at which a review falls due."""


class NextStep(BaseModel):
    """What to teach next."""

    concept_id: str | None
    reason: Literal["review", "frontier", "reteach", "done"]
    """``reteach``: a concept missed today, taught again another way with an item not posed
    today, when nothing ready is left (:func:`tutor.teach.reteaching.teach_again_today`)."""


class Route(BaseModel):
    """Where the lesson goes after a graded answer."""

    action: Literal["advance", "reexplain", "hint", "step_back", "rest"]
    """advance: choose the next concept; reexplain / hint: stay on the concept;
    step_back: teach ``concept_id`` (a prerequisite), then return; rest: leave ``concept_id``
    for other material, and come back to it later."""
    concept_id: str | None
    """The concept to work on next; None for ``advance`` (ask :func:`choose_next`)."""
    reason: str = ""


def teaching_order(course: Course) -> list[str]:
    """``course.teaching_order()``, remembered for the last few courses seen.

    The policy runs after every answer; the order only changes when the course does. The
    memo is keyed by the course object and its sizes, and holds the course itself so that its
    id cannot be reused while remembered.
    """
    return _remembered(course)[0]


def _prerequisite_map(course: Course) -> dict[str, list[str]]:
    """Concept id -> its direct prerequisites, remembered like :func:`teaching_order`."""
    return _remembered(course)[1]


def _remembered(course: Course) -> tuple[list[str], dict[str, list[str]]]:
    key = (id(course), len(course.concepts), len(course.prerequisites))
    found = _ORDERS.get(key)
    if found is not None and found[0] is course:
        return found[1], found[2]
    order = course.teaching_order()
    needs = {cid: course.prerequisites_of(cid) for cid in order}
    if len(_ORDERS) >= 8:
        _ORDERS.pop(next(iter(_ORDERS)))
    _ORDERS[key] = (course, order, needs)
    return order, needs


_ORDERS: dict[tuple[int, int, int], tuple[Course, list[str], dict[str, list[str]]]] = {}


def choose_next(course: Course, model: LearnerModel, now: datetime,
                skip: frozenset[str] | set[str] = frozenset()) -> NextStep:
    """A review whose recall has dropped, else the frontier, else any due review; ``done``
    when all is mastered and nothing is due. Concepts in ``skip`` (nothing left to ask today,
    resting after repeated errors) are passed over.

    Reviews are due (most overdue first) when FSRS predicts recall at or below its target;
    one goes ahead of new material only once its recall has fallen below
    :data:`REVIEW_FIRST_BELOW` (or cannot be predicted). The frontier is the least-mastered
    concept that is not mastered and whose prerequisites all are (ties in teaching order).
    """
    for step in candidates(course, model, now, skip):
        return step
    return NextStep(concept_id=None, reason="done")


def candidates(course: Course, model: LearnerModel, now: datetime,
               skip: frozenset[str] | set[str] = frozenset()) -> list[NextStep]:
    """Every concept :func:`choose_next` could pick, best first: what the lesson walks down
    when the best has nothing left to ask today (one pass over the course, not one per
    concept passed over)."""
    order = teaching_order(course)
    known = set(order) - set(skip)
    needs = _prerequisite_map(course)
    ready: dict[str, bool] = {}

    def prerequisites_ready(concept_id: str) -> bool:
        for prerequisite in needs.get(concept_id, ()):
            if prerequisite not in ready:
                ready[prerequisite] = model.is_ready(prerequisite)
            if not ready[prerequisite]:
                return False
        return True

    due = [cid for cid in model.due_reviews(now) if cid in known and prerequisites_ready(cid)]
    faded = [cid for cid in due if _recall(model, cid, now) < REVIEW_FIRST_BELOW]
    rank = {cid: i for i, cid in enumerate(order)}
    frontier = sorted(
        (cid for cid in order
         if cid in known and not model.is_mastered(cid) and prerequisites_ready(cid)),
        key=lambda cid: (model.p_known(cid), rank[cid]),
    )
    steps = [NextStep(concept_id=cid, reason="review") for cid in faded]
    steps += [NextStep(concept_id=cid, reason="frontier") for cid in frontier]
    if not all(model.is_mastered(cid) for cid in order):
        return steps  # a fresh review waits while something is left to learn
    steps += [NextStep(concept_id=cid, reason="review") for cid in due if cid not in faded]
    if not steps:
        # The course is mastered and no review is due: what was practised longest ago comes
        # early (a learner who comes to study is not sent away while something can be checked).
        ahead = sorted((cid for cid in order if cid in known and model.mastery(cid).attempts),
                       key=lambda cid: (_last_seen(model, cid), rank[cid]))
        steps = [NextStep(concept_id=cid, reason="review") for cid in ahead]
    return steps


def _last_seen(model: LearnerModel, concept_id: str) -> datetime:
    found = model.mastery(concept_id).last_seen
    return as_utc(found) if found is not None else datetime.min.replace(tzinfo=UTC)


def _recall(model: LearnerModel, concept_id: str, now: datetime) -> float:
    """The learner's predicted recall of ``concept_id`` at ``now`` (FSRS's curve at their own
    retention scale, :meth:`LearnerModel.recall`); 0 when it cannot be predicted."""
    return model.recall(concept_id, now)


def weakest_prerequisite(course: Course, model: LearnerModel, concept_id: str) -> str | None:
    """The prerequisite (direct or transitive) not known well enough to build on, with the
    lowest ``p_known``.

    Ties go to the prerequisite nearest the concept, then to teaching order. None when every
    prerequisite is known (mastered, or only awaiting proof of mastery).
    """
    depth = _ancestors(course, concept_id)
    weak = [cid for cid in depth if not model.is_ready(cid)]
    if not weak:
        return None
    rank = {cid: i for i, cid in enumerate(teaching_order(course))}
    return min(weak, key=lambda cid: (model.p_known(cid), depth[cid], rank.get(cid, 0)))


def route_after_grade(
    course: Course,
    model: LearnerModel,
    concept_id: str,
    correct: bool,
    failures_in_row: int,
    hints_used: int = 0,
    *,
    step_back_after: int = STEP_BACK_AFTER,
    rest_after: int = REST_AFTER,
    max_hints: int = MAX_HINTS,
    now: datetime | None = None,
) -> Route:
    """The next move after a graded answer on ``concept_id``.

    ``model`` is the learner model already updated with this answer; ``failures_in_row``
    counts the wrong answers in a row on this concept, this one included; ``hints_used`` the
    hints already given on the current exercise; ``now`` (UTC), when given, lets a direct
    prerequisite that is due for review (recall dropped) count as possibly forgotten.
    """
    if correct:
        return Route(action="advance", concept_id=None, reason="right answer")
    if failures_in_row >= step_back_after:
        # Only to a prerequisite not known (or not remembered): re-asking what the learner
        # knows and remembers teaches nothing.
        target = weakest_prerequisite(course, model, concept_id)
        if target is not None:
            return Route(
                action="step_back", concept_id=target, reason="weakest prerequisite not mastered"
            )
        faded = faded_prerequisite(course, model, concept_id, now) if now else None
        if faded is not None:  # known once, not checked today: it may be forgotten
            return Route(action="step_back", concept_id=faded,
                         reason="prerequisite not checked today: it may be forgotten")
        if failures_in_row >= rest_after:
            return Route(action="rest", concept_id=concept_id,
                         reason="repeated errors: other material first, then back")
        if hints_used < max_hints:
            return Route(action="hint", concept_id=concept_id, reason="repeated errors")
    return Route(action="reexplain", concept_id=concept_id, reason="wrong answer")


def faded_prerequisite(course: Course, model: LearnerModel, concept_id: str,
                       now: datetime) -> str | None:
    """The direct prerequisite most likely forgotten (lowest predicted recall) among those not
    practised today whose predicted recall is below :data:`CHECK_BELOW`; None when there is
    none.

    Repeated errors on a concept whose prerequisites all count as known point at the concept
    itself or at a prerequisite that has faded since it was last answered; one exercise on
    the prerequisite tells which, and is asked at most once a day (a right answer there
    today already said it is remembered)."""
    day = as_utc(now).date()
    stale = [cid for cid in course.prerequisites_of(concept_id)
             if model.mastery(cid).attempts > 0
             and ((last := model.mastery(cid).last_seen) is None or as_utc(last).date() < day)]
    stale = [cid for cid in stale if _recall(model, cid, now) < CHECK_BELOW
             and not well_evidenced(model, cid, now)]
    if not stale:
        return None
    return min(stale, key=lambda cid: _recall(model, cid, now))


def back_to_blocker(course: Course, model: LearnerModel, now: datetime,
                    passed: Iterable[str], skip: frozenset[str] | set[str],
                    worth_asking: Callable[[str], bool]) -> str | None:
    """A direct prerequisite of a concept the lesson had to pass over today (``passed``:
    nothing left to ask about it) after a miss (its latest answer wrong) that may have faded
    since it was last practised (:func:`faded_prerequisite`), not in ``skip`` and with
    something ``worth_asking`` today: the one check that tells whether the concept or what it
    builds on is in the way. A concept passed over after a right answer is not in the way of
    anything: its prerequisites are not checked. None when there is none (the day is then
    done: a recall tomorrow teaches more than more of the same). The lesson and the simulated
    lesson pass their own ``worth_asking`` (the day's exercise pool, or its replay)."""
    for concept_id in passed:
        if model.mastery(concept_id).last_correct:
            continue
        back = faded_prerequisite(course, model, concept_id, now)
        if back is not None and back not in skip and worth_asking(back):
            return back
    return None


def past_cleared(course: Course, model: LearnerModel, cleared: list[str] | set[str],
                 skip: frozenset[str] | set[str] = frozenset(),
                 now: datetime | None = None) -> list[str]:
    """Concepts not yet ready to learn only because of prerequisites in ``cleared`` (nothing
    left to ask about them today) whose latest answer was right, in teaching order: what the
    lesson teaches next when the concepts ready have nothing left for today. The learner
    showed today all that can be shown of those prerequisites, and got there (after hints or
    tries, perhaps): a teacher moves on and comes back to them on a later day, whose recall
    will prove them. A prerequisite whose latest answer was a miss or a give-up (never right,
    or a lucky right answer followed by a miss) holds its dependants back: the day ends
    instead, and tomorrow starts with it. With ``now``, a dependant
    already tried that day and missed (:func:`missed_today`) is not opened again: the miss
    says the prerequisite is not there yet, and more of the same would be practice on what
    cannot be learnt before it is."""
    shown = {cid for cid in cleared if model.mastery(cid).last_correct}
    return opened_past(course, model, shown, skip, now) if shown else []


def opened_past(course: Course, model: LearnerModel, cleared: set[str],
                skip: frozenset[str] | set[str] = frozenset(), now: datetime | None = None,
                through: set[str] | None = None) -> list[str]:
    """Concepts, in teaching order, neither ready nor mastered nor in ``skip``, whose
    prerequisites not yet ready are all in ``cleared`` (and, with ``through``, at least one of
    them in it): what :func:`past_cleared` and the lesson's step past a revealed prerequisite
    open. With ``now``, not one tried and missed that day (:func:`missed_today`)."""
    needs = _prerequisite_map(course)
    found = []
    for cid in teaching_order(course):
        if cid in skip or model.is_mastered(cid) or model.is_ready(cid) or cid in cleared:
            continue
        if now is not None and missed_today(model, cid, now):
            continue
        waiting = [p for p in needs.get(cid, ()) if not model.is_ready(p)]
        if waiting and all(p in cleared for p in waiting) and (
                through is None or any(p in through for p in waiting)):
            found.append(cid)
    return found


def missed_today(model: LearnerModel, concept_id: str, now: datetime) -> bool:
    """Whether ``concept_id`` was tried on ``now``'s day and has never been answered right
    (what :func:`past_cleared` opens is new: its first tries are today's)."""
    found = model.concepts.get(concept_id)
    if found is None or found.last_seen is None:
        return False
    return as_utc(found.last_seen).date() == as_utc(now).date() and found.correct == 0


def well_evidenced(model: LearnerModel, concept_id: str, now: datetime) -> bool:
    """Whether ``concept_id`` has strong, recent evidence: mastery proven by the evidence rule
    (right first tries from two origins, one an item of use, or a recall on a later day:
    :func:`tutor.learner.evidence.proven`) and a predicted recall still at or above
    :data:`REMEMBERED`. A check of such a concept is an exercise spent on what is known."""
    found = model.concepts.get(concept_id)
    return (found is not None and found.evidence_tracked and evidence.proven(found)
            and _recall(model, concept_id, now) >= REMEMBERED)


def prerequisites_by_distance(course: Course, concept_id: str) -> dict[str, int]:
    """Every prerequisite of ``concept_id``, direct or transitive, with its distance."""
    return _ancestors(course, concept_id)


def _ancestors(course: Course, concept_id: str) -> dict[str, int]:
    """Every prerequisite of ``concept_id``, direct or transitive, with its distance."""
    depth: dict[str, int] = {}
    frontier = [(p, 1) for p in course.prerequisites_of(concept_id)]
    while frontier:
        current, distance = frontier.pop(0)
        if current in depth and depth[current] <= distance:
            continue
        depth[current] = distance
        frontier.extend((p, distance + 1) for p in course.prerequisites_of(current))
    return depth
