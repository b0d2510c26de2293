"""Where a policy's exercises go, for simulated learners (``bench/simulate.py --spending``).

Each exercise a policy poses is counted twice, from the learner's hidden state just before it
and from why the policy chose its concept:

- what it was for the learner: ``learnable`` (not known, every true prerequisite known: what
  can be learnt), ``blocked`` (not known, a true prerequisite not known: learning is rare),
  ``known`` (already known, the model not yet convinced) or ``review`` (known and mastered in
  the model's eyes);
- why it was chosen (:attr:`tutor.evals.simulated_day.SimulatedDay.chosen_by`): ``frontier``
  or ``review`` (the policy's choice), ``again`` (the same concept after a miss),
  ``step_back`` and ``return``, ``blocker`` (the check of what blocks), ``past_cleared`` and
  ``past_shown`` (the day going on past prerequisites), ``read_on`` (the textbook order going
  on in the book past its first concept not mastered), ``resting`` (a resting concept back),
  ``reteach`` (a concept missed today taught again with a different item, or its missing
  prerequisite, when nothing ready is left: :func:`tutor.teach.reteaching.teach_again_today`),
  ``reveal_step_back`` (a prerequisite taught again after a worked answer was shown:
  :mod:`tutor.teach.reteaching`);
- ``after_reveal``: on a concept whose latest answer was missed on the item's last try of the
  day (its worked answer shown);
- the days a run took, and the days that ended before the session's exercises were spent.

The counts are per learner, averaged over the learners, from the same learners and seeds as
:func:`tutor.evals.simulate.simulate`.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime

from tutor.course import Course
from tutor.evals.simulate import (
    CAP_PER_CONCEPT,
    MEASURED_AT_CAP,
    SESSION_EXERCISES,
    run_learner,
    teachable_course,
)
from tutor.evals.simulated_learners import Family, SimulatedLearner
from tutor.evals.teaching_policies import PolicyName, TeachingPolicy, make_policy
from tutor.learner.model import LearnerModel
from tutor.teach import exercise_pool as pool


class Spending:
    """A policy watched: each exercise it poses counted by what it was for the learner and
    why it was chosen."""

    def __init__(self, inner: TeachingPolicy, learner: SimulatedLearner) -> None:
        self.inner, self.learner = inner, learner
        self.tracks_evidence = getattr(inner, "tracks_evidence", False)
        self.counts: Counter[str] = Counter()
        self.per_day: Counter[str] = Counter()
        self.revealed: set[str] = set()

    def exercise_for(self, concept_id: str):  # type: ignore[no-untyped-def]
        chosen = getattr(self.inner, "exercise_for", None)
        return chosen(concept_id) if chosen else None

    def next_concept(self, model: LearnerModel, now: datetime) -> str | None:
        concept_id = self.inner.next_concept(model, now)
        if concept_id is None:
            return None
        learner = self.learner
        if learner.knows(concept_id):
            kind = "review" if model.is_mastered(concept_id) else "known"
        elif all(learner.knows(p) for p in learner.prerequisites.get(concept_id, [])):
            kind = "learnable"
        else:
            kind = "blocked"
        why = getattr(self.inner, "chosen_by", "") or "other"
        self.counts.update([kind, f"by:{why}", f"{kind}:{why}"])
        if concept_id in self.revealed:
            self.counts["after_reveal"] += 1
        self.per_day[now.date().isoformat()] += 1
        return concept_id

    def observe(self, model: LearnerModel, concept_id: str, correct: bool, now: datetime) -> None:
        self.inner.observe(model, concept_id, correct, now)
        exercise = self.exercise_for(concept_id)
        day = getattr(self.inner, "pool", None)
        if correct:
            self.revealed.discard(concept_id)
        elif exercise is not None and day is not None and pool.is_retired(
                pool.today(day, now), exercise.id) and not pool.binary(exercise):
            self.revealed.add(concept_id)

    def summary(self) -> Counter[str]:
        found = Counter(self.counts)
        found["exercises"] = sum(self.per_day.values())
        found["days"] = len(self.per_day)
        found["short_days"] = sum(n < SESSION_EXERCISES for n in list(self.per_day.values())[:-1])
        return found


def spending(course: Course, family: Family, policy: PolicyName, n_learners: int, seed: int,
             prerequisites: dict[str, list[str]] | None = None) -> dict[str, float]:
    """Per-learner means of :class:`Spending`'s counts for ``policy`` on ``family``."""
    course = teachable_course(course)
    n = len(course.concepts)
    total: Counter[str] = Counter()
    for index in range(n_learners):
        learner = SimulatedLearner.draw(course, family, random.Random(f"{seed}:{family}:{index}"),
                                        prerequisites)
        rng = random.Random(f"{seed}:{family}:{index}:answers")
        chooser = make_policy(policy, course, random.Random(f"{seed}:{family}:{index}:policy"))
        watched = Spending(chooser, learner)
        run_learner(course, learner, watched, rng, CAP_PER_CONCEPT * n, 2 * n,
                    family in MEASURED_AT_CAP)
        total.update(watched.summary())
    return {key: round(value / n_learners, 2) for key, value in sorted(total.items())}
