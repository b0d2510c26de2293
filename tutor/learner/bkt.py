"""Bayesian Knowledge Tracing: the probability that a learner knows a concept.

After each answer the probability is first conditioned on the answer (Bayes' rule with the
guess and slip probabilities), then the learning transition is applied: a learner who did not
know the concept may have learnt it from the exercise, with probability ``p_learn``.
The concept counts as mastered at ``p_known >= MASTERY`` (0.95, the usual convention).
Guess is bounded by 0.3 and slip by 0.1; larger values make the model unidentifiable (a wrong
answer would say little, a right one nothing).
"""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

from tutor.course import ExerciseKind

MASTERY = 0.95
"""``p_known`` at or above which a concept counts as mastered."""
MAX_GUESS = 0.3
MAX_SLIP = 0.1


class BKTParams(BaseModel):
    """The four BKT parameters of one concept (or exercise kind)."""

    p_init: float = Field(default=0.1, ge=0.0, le=1.0)
    """Prior probability that the learner already knows the concept."""
    p_learn: float = Field(default=0.2, ge=0.0, le=1.0)
    """Probability of learning the concept from one exercise."""
    p_guess: float = Field(default=0.2, ge=0.0, le=MAX_GUESS)
    """Probability of a right answer without knowing the concept (at most 0.3)."""
    p_slip: float = Field(default=0.1, ge=0.0, le=MAX_SLIP)
    """Probability of a wrong answer despite knowing the concept (at most 0.1)."""

    @model_validator(mode="after")
    def _identifiable(self) -> BKTParams:
        if self.p_guess + self.p_slip >= 1.0:
            raise ValueError("p_guess + p_slip must stay below 1")
        return self


def posterior(p_known: float, correct: bool, params: BKTParams) -> float:
    """P(known | answer): Bayes' rule with guess and slip, before any learning."""
    if correct:
        known = p_known * (1.0 - params.p_slip)
        unknown = (1.0 - p_known) * params.p_guess
    else:
        known = p_known * params.p_slip
        unknown = (1.0 - p_known) * (1.0 - params.p_guess)
    total = known + unknown
    return known / total if total > 0 else p_known


def update_bkt(p_known: float, correct: bool, params: BKTParams) -> float:
    """The new ``p_known`` after one answer: the posterior, then the learning transition."""
    if not 0.0 <= p_known <= 1.0:
        raise ValueError(f"p_known must be a probability, got {p_known}")
    after = posterior(p_known, correct, params)
    return after + (1.0 - after) * params.p_learn


def p_correct(p_known: float, params: BKTParams) -> float:
    """Predicted probability of a right answer on the next exercise."""
    return p_known * (1.0 - params.p_slip) + (1.0 - p_known) * params.p_guess


GUESS_BY_KIND: dict[ExerciseKind, float] = {
    ExerciseKind.TRUE_FALSE: MAX_GUESS,
    ExerciseKind.CLOZE: 0.05,
    ExerciseKind.SHORT_ANSWER: 0.1,
}
"""Guess probability for kinds whose chance of a lucky answer does not depend on choices.
True/false would be 0.5 by chance; it is capped at 0.3 (the bound above)."""


def params_for(kind: ExerciseKind | str, n_choices: int = 0) -> BKTParams:
    """BKT parameters for one exercise kind: the guess follows the chance of a lucky answer.

    Multiple choice: ``1 / n_choices`` capped at 0.3 (0.25 when the count is unknown).
    """
    kind = ExerciseKind(kind)
    if kind == ExerciseKind.MULTIPLE_CHOICE:
        guess = 1.0 / n_choices if n_choices >= 2 else 0.25
    else:
        guess = GUESS_BY_KIND[kind]
    return BKTParams(p_guess=min(guess, MAX_GUESS))
