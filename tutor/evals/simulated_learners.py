"""Simulated learners: a hidden true knowledge state over a course's concept graph.

A simulated learner answers exercises from what it truly knows (with guesses and slips), may
learn a concept from an exercise, and, in some families, forgets over time. The tutor never
sees the hidden state; the evaluation compares it with what the policy achieved.

Families (each learner's parameters are drawn from a seeded random generator):

``bkt``
    Learning needs prerequisites: an exercise on a concept teaches it with probability
    ``p_learn`` only when all its prerequisites are truly known (otherwise with
    ``p_learn * BLOCKED_LEARNING``). Answers follow guess and slip. No forgetting.
    ``p_learn`` ~ U(0.1, 0.35), slip ~ U(0.02, 0.1), guess = chance for the exercise kind,
    each concept already known at the start with probability ~ U(0, 0.15).
``forgetting``
    Same need for prerequisites, but noisier and slower learners that forget: a known
    concept is lost after ``t`` days with probability ``1 - exp(-rate * t / strength)``
    (exponential forgetting, ``rate`` ~ U(0.1, 0.5) per day per learner); each exercise on a
    known concept makes its memory 1.5 times stronger, whatever the timing.
    ``p_learn`` ~ U(0.05, 0.3), slip ~ U(0.1, 0.2), guess = chance + U(0, 0.1), no prior
    knowledge.
"""

from __future__ import annotations

import math
import random
from typing import Literal

from pydantic import BaseModel, Field

from tutor.course import Course, Exercise, ExerciseKind, ExerciseOrigin

Family = Literal["bkt", "forgetting", "spacing"]
FAMILIES: tuple[Family, ...] = ("bkt", "forgetting", "spacing")
BLOCKED_LEARNING = 0.05
"""Relative chance of learning a concept whose prerequisites are not all known."""
STRENGTHENING = 1.5
"""Factor by which an exercise on a known concept strengthens its memory (forgetting family)."""
RIGHT_AFTER = 1.0 / 24.0
"""Days within which an exercise counts as right after the concept was last shown."""
RECOGNITION = frozenset({ExerciseKind.TRUE_FALSE, ExerciseKind.MULTIPLE_CHOICE})
SPACED_STRENGTHENING = {"massed": 1.1, "same_day": 1.6, "later_day": 2.5}
"""Memory strengthening of an exercise on a known concept by the time since it was last seen
(spacing family)."""


def exposure_effect(exercise: Exercise | None, gap_days: float | None) -> float:
    """How much one exercise teaches relative to ``p_learn`` (spacing family): by what it asks
    (recognition or production), where it comes from (the definition or beyond) and how long
    since the concept was last shown (``None``: never practised, i.e. just explained)."""
    soon = gap_days is None or gap_days < RIGHT_AFTER
    recognition = exercise is not None and exercise.kind in RECOGNITION
    if recognition:
        effect = 0.25 if soon else 0.6
    else:
        effect = 0.8 if soon else 1.1
    if exercise is not None and exercise.origin != ExerciseOrigin.DEFINITION:
        effect *= 1.3
    if gap_days is not None and gap_days >= 1.0:
        effect *= 1.5
    return effect


def spaced_strengthening(gap_days: float | None) -> float:
    if gap_days is None or gap_days < RIGHT_AFTER:
        return SPACED_STRENGTHENING["massed"]
    return SPACED_STRENGTHENING["same_day" if gap_days < 1.0 else "later_day"]


TRAIT_RANGES: dict[str, dict[str, tuple[float, float]]] = {
    "bkt": {"p_learn": (0.1, 0.35), "slip": (0.02, 0.1), "prior": (0.0, 0.15)},
    "forgetting": {"p_learn": (0.05, 0.3), "slip": (0.1, 0.2), "extra_guess": (0.0, 0.1),
                   "forget_rate": (0.1, 0.5)},
    "spacing": {"p_learn": (0.1, 0.35), "slip": (0.05, 0.15), "extra_guess": (0.0, 0.05),
                "forget_rate": (0.05, 0.3), "prior": (0.0, 0.1)},
}
"""Per family, the range each trait of :class:`LearnerTraits` is drawn from, in the order the
draws are made (uniformly; a trait not listed keeps its default)."""


class LearnerTraits(BaseModel):
    """The hidden parameters of one simulated learner."""

    family: Family
    p_learn: float
    slip: float
    extra_guess: float = 0.0
    """Added to the chance of guessing right (noisier answers)."""
    forget_rate: float = 0.0
    """Per-day forgetting rate of a concept of memory strength 1 (0: never forgets)."""
    prior: float = 0.0
    """Probability that a concept is already known at the start."""


class SimulatedLearner(BaseModel):
    """A learner with a hidden true knowledge state."""

    traits: LearnerTraits
    prerequisites: dict[str, list[str]]
    known: dict[str, bool]
    strength: dict[str, float] = Field(default_factory=dict)
    clock: float = 0.0
    """Days since the start (advanced by :meth:`elapse`)."""
    last_seen: dict[str, float] = Field(default_factory=dict)
    """When each concept was last practised (``clock`` days)."""

    # -- construction ------------------------------------------------------------------------
    @classmethod
    def draw(
        cls,
        course: Course,
        family: Family,
        rng: random.Random,
        prerequisites: dict[str, list[str]] | None = None,
    ) -> SimulatedLearner:
        """A learner of ``family`` with parameters and starting state drawn from ``rng``.
        ``prerequisites`` (concept -> the concepts it needs) are the true ones, when known
        better than the course's extracted graph (a teacher's map); else the course's."""
        ranges = TRAIT_RANGES.get(family)
        if ranges is None:
            raise ValueError(f"unknown simulator family {family!r}; use one of {FAMILIES}")
        traits = LearnerTraits.model_validate(
            {"family": family, **{trait: rng.uniform(low, high)
                                  for trait, (low, high) in ranges.items()}})
        ids = [c.id for c in course.concepts]
        known = {cid: rng.random() < traits.prior for cid in ids}
        needs = prerequisites if prerequisites is not None else {
            cid: course.prerequisites_of(cid) for cid in ids}
        return cls(
            traits=traits,
            prerequisites={cid: list(needs.get(cid, [])) for cid in ids},
            known=known,
            strength={cid: 1.0 for cid in ids if known[cid]},
        )

    # -- behaviour ---------------------------------------------------------------------------
    def guess(self, exercise: Exercise) -> float:
        """Chance of a right answer without knowing the concept."""
        if exercise.kind == ExerciseKind.MULTIPLE_CHOICE:
            chance = 1.0 / len(exercise.choices) if exercise.choices else 0.25
        elif exercise.kind == ExerciseKind.TRUE_FALSE:
            chance = 0.5
        elif exercise.kind == ExerciseKind.CLOZE:
            chance = 0.02
        else:
            chance = 0.05
        return min(1.0, chance + self.traits.extra_guess)

    def answer(self, exercise: Exercise, rng: random.Random) -> bool:
        """Whether the learner answers ``exercise`` right, from the hidden state."""
        if self.known.get(exercise.concept_id, False):
            return rng.random() >= self.traits.slip
        return rng.random() < self.guess(exercise)

    def practise(
        self, concept_id: str, rng: random.Random, exercise: Exercise | None = None
    ) -> None:
        """The learning transition after one exercise (``exercise``) on ``concept_id``."""
        spacing = self.traits.family == "spacing"
        last = self.last_seen.get(concept_id)
        gap = None if last is None else self.clock - last
        self.last_seen[concept_id] = self.clock
        if self.known.get(concept_id, False):
            factor = spaced_strengthening(gap) if spacing else STRENGTHENING
            self.strength[concept_id] = self.strength.get(concept_id, 1.0) * factor
            return
        ready = all(self.known.get(p, False) for p in self.prerequisites.get(concept_id, []))
        chance = self.traits.p_learn * (1.0 if ready else BLOCKED_LEARNING)
        if spacing:
            chance = min(0.95, chance * exposure_effect(exercise, gap))
        if rng.random() < chance:
            self.known[concept_id] = True
            self.strength[concept_id] = 1.0

    def elapse(self, days: float, rng: random.Random) -> None:
        """Let ``days`` pass: known concepts may be forgotten (families that forget)."""
        if days > 0.0:
            self.clock += days
        if self.traits.forget_rate <= 0.0 or days <= 0.0:
            return
        for concept_id, is_known in self.known.items():
            if not is_known:
                continue
            strength = self.strength.get(concept_id, 1.0)
            if rng.random() < 1.0 - math.exp(-self.traits.forget_rate * days / strength):
                self.known[concept_id] = False
                self.strength.pop(concept_id, None)

    def knows(self, concept_id: str) -> bool:
        return self.known.get(concept_id, False)

    def share_known(self) -> float:
        return sum(self.known.values()) / len(self.known) if self.known else 1.0

    def knows_all(self) -> bool:
        return all(self.known.values())
