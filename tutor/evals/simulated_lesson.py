"""The tutor's own policy as a lesson runs it, for simulated learners (``ours``).

The teach graph picks a concept with :func:`tutor.teach.exercise_pool.choose_concept_today`
(the policy's :func:`~tutor.teach.policy.candidates`, among concepts with something left to ask
today, a concept on a long run resting) and routes every graded answer with
:func:`~tutor.teach.policy.route_after_grade`. This class replays those rules without a lesson
state, so that the simulation grades the policy the learners meet:

- the day's exercise pool (:mod:`tutor.teach.exercise_pool`, kept as the lesson keeps it, in
  an exercise log, and read and marked by the pool's own functions): an exercise is posed at
  most ``MAX_POSES_PER_DAY`` times a day, not again that day once answered right, nor a binary
  item once missed; one missed on its last try of the day has its worked answer shown and is
  retired with the items of its kind that answer gives away
  (:func:`~tutor.teach.exercise_pool.used_up_after_miss`,
  :func:`~tutor.teach.exercise_pool.retire_revealed`); a concept with nothing left to ask
  today gives way to other material;
- ``rest``: the concept is left for ``REST_FOR`` exercises of other material, then comes back
  (also after ``MAX_RUN`` exercises in a row on one concept, when other material is ready);
- ``step_back`` to a prerequisite, at most ``MAX_STEP_BACK_DEPTH`` deep, and back to the
  concept after a right answer there; to a prerequisite with nothing left to ask today, no
  step back (as :func:`tutor.teach.exercise_pool.leaves_concept`): other material comes next
  and the concept does not wait on the return stack; ``reexplain`` and ``hint`` stay on the
  concept;
- after a worked answer shown with nothing of the concept left to ask today, the lesson's
  same-day step back (:func:`tutor.teach.reteaching.step_back_after_reveal`): a prerequisite
  not mastered yet, asked with an item not posed today;
- when no concept ready has anything worth asking today: a check of a faded prerequisite of
  one passed over (:func:`~tutor.teach.policy.back_to_blocker`, the lesson's own function
  with this replay's "worth asking"), else a concept missed today taught again with an item not
  posed today, or its missing prerequisite
  (:func:`~tutor.teach.reteaching.teach_again_today`, ``reteach``), else a concept past prerequisites shown today and not
  missed today (:func:`~tutor.teach.policy.past_cleared`) or one step past a prerequisite
  whose worked answer was shown today (:func:`~tutor.teach.exercise_pool.past_shown`), neither
  on a long run, else a resting concept, else the day ends (never a preview of a concept not
  ready);
- a concept held short of mastery for want of proof is asked, on the day of its first right
  answer, only with exercises that could complete the proof (a new origin, and an item of
  use among the evidence: :func:`tutor.learner.evidence.would_prove`).

Hints are not simulated: every turn is one exercise. Exercises are chosen as the lesson
chooses them: not answered right today, asked least, of an origin and a kind not yet asked.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from tutor.course import Course, Exercise
from tutor.evals.simulated_day import SimulatedDay
from tutor.learner.model import LearnerModel
from tutor.teach import exercise_pool as pool
from tutor.teach.exercise_pool import REST_FOR
from tutor.teach.policy import (
    MAX_STEP_BACK_DEPTH,
    REST_AFTER,
    Route,
    back_to_blocker,
    candidates,
    past_cleared,
    route_after_grade,
)
from tutor.teach.reteaching import (
    REASON,
    fresh_items,
    other_items,
    step_back_after_reveal,
    teach_again_today,
)


class LessonPolicy(SimulatedDay):
    """``choose_concept_today`` and ``route_after_grade``, with the day's pool, rests and the
    step-back stack of a lesson."""

    tracks_evidence = True
    """Attempts carry their exercise's origin, as a lesson records them
    (:func:`tutor.teach.attempts.evidence_of`), so the evidence rule of
    :mod:`tutor.learner.evidence` holds a concept short of mastery until proven."""

    def __init__(self, course: Course) -> None:
        super().__init__(course)
        self.focus: str | None = None
        self.failures: dict[str, int] = {}
        self.return_to: list[str] = []
        self.resting: dict[str, int] = {}
        self.focus_reason = ""
        """Why ``focus`` comes next: ``step_back``, ``return`` or ``again`` (the same concept
        after a miss)."""

    def _resting_now(self) -> set[str]:
        return {cid for cid, until in self.resting.items() if self.asked < until}

    # -- choosing ----------------------------------------------------------------------------
    def worth_asking(self, model: LearnerModel, concept_id: str,
                     now: datetime) -> list[Exercise]:
        """As :func:`tutor.teach.exercise_pool.worth_asking`: the askable exercises, and for a
        concept known well enough to build on but not proven whose first right answer was
        today, only those that could complete its proof (a later day's recall will prove it)."""
        return pool.proof_worthy(model, concept_id, self.askable(concept_id, now), now)

    def _worth(self, model: LearnerModel, now: datetime, found: dict[str, list[Exercise]],
               concept_id: str) -> bool:
        """Whether :meth:`worth_asking` finds anything, kept in ``found`` for the exercise then
        posed (asked once per concept)."""
        found[concept_id] = self.worth_asking(model, concept_id, now)
        return bool(found[concept_id])

    def next_concept(self, model: LearnerModel, now: datetime) -> str | None:
        if self.focus is not None:
            focus, self.focus = self.focus, None
            if self.focus_reason == "reveal_step_back":
                found_focus = fresh_items(self.pool, self.course, focus, now)
            elif self.focus_reason == "hint":
                return self._answer_again(focus, "again")
            elif self.focus_reason == "again" and self._tried_again(focus, now):
                # As the lesson's "Try again" (choosing.waiting_exercise): the item missed.
                found_focus = [self.current] if self.current is not None else []
            else:
                found_focus = self.askable(focus, now)
            if found_focus:
                return self._pose(focus, found_focus, now, self.focus_reason)
        passed: list[str] = []
        just_asked = self.current.id if self.current is not None else None
        for allow_resting in (False, True):
            skip = set() if allow_resting else self._resting_now()
            for step in candidates(self.course, model, now, skip):
                concept_id = step.concept_id or ""
                if concept_id in skip:
                    continue
                open_ = self.worth_asking(model, concept_id, now)
                if not open_:
                    if step.reason == "frontier" and concept_id not in passed:
                        passed.append(concept_id)
                    continue
                if not allow_resting and self._long_run(concept_id):
                    self.resting[concept_id] = self.asked + REST_FOR
                    skip.add(concept_id)
                    continue
                return self._pose(concept_id, open_, now,
                                  "resting" if allow_resting else step.reason)
            if not allow_resting:  # the lesson's way back to what blocks
                found: dict[str, list[Exercise]] = {}  # asked once per concept, then posed
                back = back_to_blocker(self.course, model, now, passed, skip,
                                       partial(self._worth, model, now, found))
                if back is not None:
                    return self._pose(back, found[back], now, "blocker")
                again = teach_again_today(
                    self.pool, self.course, model, now, skip,
                    lambda cid: not self._long_run(cid) and bool(self.worth_asking(model, cid,
                                                                                   now)),
                    just_asked)
                if again is not None:  # as the lesson: a concept missed today, taught again
                    among = (other_items(self.pool, self.course, again, now, just_asked)
                             or fresh_items(self.pool, self.course, again, now))
                    return self._pose(again, among, now, REASON)
                day = now.date()
                used_up = passed + [
                    cid for cid, found in model.concepts.items()
                    if cid not in passed and found.last_seen is not None
                    and found.last_seen.date() == day and not model.is_mastered(cid)
                    and not self.worth_asking(model, cid, now)]
                cleared = past_cleared(self.course, model, used_up, skip, now)
                opened = cleared + [c for c in pool.past_shown(self.pool, self.course, model,
                                                               used_up, skip, now)
                                    if c not in cleared]
                for concept_id in opened:
                    if self._long_run(concept_id):  # as the lesson: no comeback after a rest
                        continue
                    if open_ := self.worth_asking(model, concept_id, now):
                        why = "past_cleared" if concept_id in cleared else "past_shown"
                        return self._pose(concept_id, open_, now, why)
        again = teach_again_today(  # as the lesson: resting or not, nothing else is left
            self.pool, self.course, model, now, set(),
            lambda cid: not self._long_run(cid) and bool(self.worth_asking(model, cid, now)),
            just_asked)
        if again is not None:
            among = (other_items(self.pool, self.course, again, now, just_asked)
                     or fresh_items(self.pool, self.course, again, now))
            return self._pose(again, among, now, REASON)
        return None  # nothing worth asking today: the session ends

    def _tried_again(self, concept_id: str, now: datetime, hinted: bool = False) -> bool:
        """Whether the lesson would pose the item just missed again (its ``Try again``): an
        item of ``concept_id``, not binary, not revealed, under the day's posings; with
        ``hinted``, whether a hint on it is answered (posed the day's maximum or not)."""
        exercise = self.current
        if exercise is None or exercise.concept_id != concept_id or pool.binary(exercise):
            return False
        record = pool.today(self.pool, now)
        return not pool.is_retired(record, exercise.id) and (
            hinted or pool.times_posed(record, exercise.id) < pool.MAX_POSES_PER_DAY)

    # -- routing -----------------------------------------------------------------------------
    def observe(self, model: LearnerModel, concept_id: str, correct: bool, now: datetime) -> None:
        self.failures[concept_id] = 0 if correct else self.failures.get(concept_id, 0) + 1
        fails = self.failures[concept_id]
        route = route_after_grade(self.course, model, concept_id, correct, fails, now=now)
        revealed = self._graded(correct, now, reveal=route.action != "hint")
        if route.action == "step_back" and (
            len(self.return_to) >= MAX_STEP_BACK_DEPTH or route.concept_id == concept_id
        ):
            route = Route(action="reexplain", concept_id=concept_id, reason="step-back limit")
        if route.action == "step_back" and not self.askable(route.concept_id or "", now):
            # As the lesson (exercise_pool.leaves_concept): no step back to a prerequisite with
            # nothing left to ask today; other material comes next and nothing waits to return.
            # After a worked answer, though, the idea is taught again and another item of it
            # asked while one is left (routes.leaves_after_reveal).
            self.focus = None
            if revealed and self.askable(concept_id, now) and not self._long_run(concept_id):
                self.focus, self.focus_reason = concept_id, "again"
            elif fails >= REST_AFTER or self._long_run(concept_id):
                self.resting[concept_id] = self.asked + REST_FOR
        elif route.action == "step_back" and route.concept_id is not None:
            self.return_to.append(concept_id)
            self.failures[route.concept_id] = 0
            self.focus, self.focus_reason = route.concept_id, "step_back"
        elif route.action == "advance":
            self.focus = self.return_to.pop() if self.return_to else None
            self.focus_reason = "return"
            if self.focus is not None:
                self.failures[self.focus] = 0
        elif route.action == "rest" or (
            route.action == "reexplain"
            and (not self.askable(concept_id, now) or self._long_run(concept_id))
        ):
            self.focus = None  # other material first, then back
            if route.action == "rest" or fails >= REST_AFTER or self._long_run(concept_id):
                self.resting[concept_id] = self.asked + REST_FOR
        elif route.action == "hint" and self._tried_again(concept_id, now, hinted=True):
            # As the lesson: a hint on the item in hand, answered again without a new posing.
            self.focus, self.focus_reason = concept_id, "hint"
        else:
            self.focus, self.focus_reason = route.concept_id, "again"
        if revealed and self.focus is None:
            # As the lesson (reteaching): taught again with nothing of it left to ask today,
            # a step back the same day to a prerequisite with an item not posed today.
            back = step_back_after_reveal(self.pool, self.course, model, now, concept_id)
            if back is not None:
                self.focus, self.focus_reason = back, "reveal_step_back"
                self.failures[back] = 0
