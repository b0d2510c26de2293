"""After a shown answer: teach again, and ask a different item before moving on.

When the lesson shows the worked answer of an item (a give-up, or a miss on the item's last try
of the day), the item is retired for the day with those its answer gives away
(:func:`tutor.teach.exercise_pool.retire_revealed`) and the idea is taught again from another
angle. What comes next is a *different* item, never the one just revealed:

- another item of the concept whose key the reveal does not hold (:mod:`tutor.teach.routes`,
  ``leaves_after_reveal``), asked straight after the concept is taught again;
- failing that, a **step back the same day** (:func:`step_back_after_reveal`): a prerequisite
  of the concept, the one least known first (not yet ready, then the lowest ``p_known``, the
  nearest), with an item not posed today, is taught again and that item asked: a miss on the
  concept may come from what it builds on, and a fresh item there says which;
- failing both, the lesson goes on with other material that is ready.

When nothing ready is left, the day does not end while a concept the learner missed today
(its latest answer wrong: revealed, or failed) can still be taught another way
(:func:`teach_again_today`): the concept again, in another style, with an item not posed today
(never the one revealed), or its missing prerequisite with such an item (that first, when the
concept is not ready); foundational concepts first. The day ends only when no concept missed
today has an unseen item left nor a prerequisite to step back to.

Only a prerequisite not mastered yet is stepped back to (one still being learnt, whose items
the policy would ask again anyway): a mastered one that may have faded is checked by the
policy's own step back after repeated errors (:func:`tutor.teach.policy.faded_prerequisite`),
and asking one the learner knows teaches nothing. The lesson and its replay for simulated
learners (:class:`tutor.evals.simulated_lesson.LessonPolicy`) call the same function.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from tutor.answers import reveals_answer
from tutor.clock import as_utc
from tutor.course import Course, Exercise
from tutor.learner.model import LearnerModel
from tutor.teach import policy
from tutor.teach.exercise_pool import askable, times_posed, today, worth_asking
from tutor.teach.state import LessonState

STEPPED_BACK = "stepped_back"
"""The outcome once a concept whose answer was shown was taught again with nothing of it left
to ask today, and the lesson steps back to a prerequisite with a fresh item."""


def fresh_items(state: LessonState, course: Course, concept_id: str, now: datetime,
                also_shown: str = "") -> list[Exercise]:
    """The items of ``concept_id`` that may be asked now and were not posed today (an item
    is not asked twice in a day after an answer was shown), none whose key stands in what was
    shown since the last attempt or in ``also_shown`` (an explanation about to be shown)."""
    record = today(state, now)
    return [e for e in askable(state, course, concept_id, now, leak_free=True)
            if times_posed(record, e.id) == 0
            and not (also_shown and reveals_answer(also_shown, e))]


def step_back_after_reveal(state: LessonState, course: Course, model: LearnerModel,
                           now: datetime, concept_id: str) -> str | None:
    """The prerequisite (direct or further back) of ``concept_id`` to teach again after its
    worked answer was shown and nothing of it is left to ask today: one not mastered yet, with
    an item not posed today and worth asking whose key neither the concept taught again nor
    the step back (the prerequisite's name and definition) shows, so nothing is blanked to ask
    it; the least known first (not ready, then
    the lowest ``p_known``, then the nearest, then in teaching order). None when there is
    none."""
    draft = (state.get("explanation") or {}).get("text", "")  # the concept taught again
    depth = policy.prerequisites_by_distance(course, concept_id)
    rank = {cid: i for i, cid in enumerate(policy.teaching_order(course))}

    def told(cid: str) -> str:  # what the step back will show: its name and definition
        concept = course.concept(cid)
        return f"{draft}\n{concept.name}\n{concept.definition}"

    found = [cid for cid in depth
             if not model.is_mastered(cid)
             and fresh_items(state, course, cid, now, told(cid))
             and worth_asking(state, course, model, now, cid)]
    if not found:
        return None
    return min(found, key=lambda cid: (model.is_ready(cid), model.p_known(cid), depth[cid],
                                       rank.get(cid, 0)))


REASON = "reteach"
"""The reason a concept missed today is chosen again when nothing ready is left
(:func:`teach_again_today`): taught another way, with an item not posed today."""


def missed_today(model: LearnerModel, course: Course, now: datetime,
                 skip: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Concepts, in teaching order, practised on ``now``'s day whose latest answer was wrong
    (a miss on an item's last try, a give-up, or a miss not retried), not mastered nor in
    ``skip``: what the learner got nothing right on lately."""
    day = as_utc(now).date()
    found = []
    for cid in policy.teaching_order(course):
        mastery = model.concepts.get(cid)
        if (cid in skip or mastery is None or mastery.last_seen is None
                or mastery.last_correct or model.is_mastered(cid)):
            continue
        if as_utc(mastery.last_seen).date() == day:
            found.append(cid)
    return found


def other_items(state: LessonState, course: Course, concept_id: str, now: datetime,
                just_asked: str | None) -> list[Exercise]:
    """The items of ``concept_id`` that may be asked now (under the day's posings, not retired:
    never one whose worked answer was shown), none whose key stands in what was shown since the
    last attempt, and not ``just_asked`` (the item the learner last answered)."""
    return [e for e in askable(state, course, concept_id, now, leak_free=True)
            if e.id != just_asked]


def teach_again_today(state: LessonState, course: Course, model: LearnerModel, now: datetime,
                      skip: set[str] | frozenset[str], worth_asking_now: Callable[[str], bool],
                      just_asked: str | None = None) -> str | None:
    """The concept to teach again when nothing ready is left to ask today: the first concept
    missed today (:func:`missed_today`, foundational first) that has another item to ask
    (:func:`other_items`: not ``just_asked``, never one revealed) and ``worth_asking_now``, or
    a prerequisite of it not mastered with an item not posed today
    (:func:`step_back_after_reveal`). For a concept not ready (opened past its prerequisites)
    the missing prerequisite comes first: what it builds on is the likelier gap; for one that
    is ready, the concept itself. None when there is neither: the day may end. The lesson and
    its replay pass their own ``worth_asking_now``."""
    for cid in missed_today(model, course, now, skip):
        own = (cid if other_items(state, course, cid, now, just_asked) and worth_asking_now(cid)
               else None)
        back = step_back_after_reveal(state, course, model, now, cid)
        if back is not None and (back in skip or not worth_asking_now(back)):
            back = None
        ready = all(model.is_ready(p) for p in course.prerequisites_of(cid))
        found = (own or back) if ready else (back or own)
        if found is not None:
            return found
    return None
