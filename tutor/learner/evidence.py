"""Evidence of mastery: which right answers say that a learner knows a concept.

Knowledge tracing (:mod:`tutor.learner.bkt`) counts right answers; three rewordings of one
sentence, answered straight after the sentence was shown, would make any concept "mastered".
So a concept is *proven* only with evidence of two kinds:

- right first-try answers to exercises of at least :data:`ORIGINS_NEEDED` origins (what the
  exercise was written from: the definition, an example, code output...), one of them an item
  that tests use of the idea (:attr:`tutor.course.Exercise.tests_use`: code output, a worked
  step, a case to classify, the example among other ideas' examples), not recognition of a
  sentence (the definition, "which idea fills the blank" in a quoted sentence, "X builds on
  Y", "which term matches"): two origins of recognition prove recognition only; or
- a right first-try answer on a later day than the first one (a recall, not a recognition).

A right answer given within :data:`EXPOSURE_SECONDS` of the sentence it tests being shown is
*weak* evidence: knowledge tracing treats it as likely a guess (the guess probability at its
bound) and it counts towards no origin. Until a concept is proven its ``p_known`` stays at
:data:`READY` at most: known well enough to build on (its dependants may be taught) but not
mastered (it stays on the learner's list and comes back on a later day).

Attempts recorded without an origin (older records, the simulated learners) are not held to
this rule: there is nothing to judge them by.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from tutor.clock import as_utc

if TYPE_CHECKING:
    from tutor.learner.model import Attempt, ConceptMastery

READY = 0.9
"""``p_known`` at or above which a concept may be built on (its dependants taught); a concept
without proof of mastery is held here."""
ORIGINS_NEEDED = 2
"""Distinct origins of right first-try answers that prove mastery within one day."""
EXPOSURE_SECONDS = 120.0
"""A right answer this soon after its sentence was shown is weak evidence."""
DEFINITION = "definition"


def strong(attempt: Attempt) -> bool:
    """A right first-try answer that is not weak: evidence that counts."""
    return (attempt.correct and not attempt.gave_up and attempt.first_try
            and not attempt.weak)


def used(mastery: ConceptMastery) -> bool:
    """Whether a counted answer was given to an item that tests use of the idea (records kept
    before that was recorded: whether one was of an origin beyond the definition)."""
    if mastery.used is None:
        return any(origin != DEFINITION for origin in mastery.origins)
    return mastery.used


def attempt_uses(attempt: Attempt) -> bool:
    """Whether ``attempt`` answered an item that tests use of the idea (older records, which
    do not say: whether its origin is beyond the definition)."""
    if attempt.tests_use is None:
        return attempt.origin != DEFINITION
    return attempt.tests_use


def proven(mastery: ConceptMastery) -> bool:
    """Whether the evidence proves mastery (two origins, one of them an item of use, or a
    recall on a later day)."""
    return mastery.recalled_later or (len(set(mastery.origins)) >= ORIGINS_NEEDED
                                      and used(mastery))


def would_prove(mastery: ConceptMastery, origin: str, tests_use: bool) -> bool:
    """Whether a right first-try answer today to an exercise of ``origin`` (testing use of the
    idea or not) adds to the evidence of a concept whose first right answer was today what
    its proof lacks: a new origin, or the first item of use, such that with it the evidence has
    :data:`ORIGINS_NEEDED` origins and an item of use among them. An item that only adds
    recognition waits: tomorrow's recall proves the concept."""
    origins, use = set(mastery.origins), used(mastery)
    adds = origin not in origins or (tests_use and not use)
    return adds and len(origins | {origin}) >= ORIGINS_NEEDED and (use or tests_use)


def recall_awaited(mastery: ConceptMastery, now: datetime) -> bool:
    """Whether only a recall on a later day can add to the evidence of the first right answer:
    it was given today (another exercise of an origin already proven today proves nothing
    more). From the next day on, any exercise of the concept may give the recall."""
    first = mastery.first_right_at
    return first is not None and as_utc(first).date() == as_utc(now).date()


def with_evidence(mastery: ConceptMastery, attempt: Attempt) -> dict[str, object]:
    """The evidence fields of ``mastery`` after ``attempt`` (an update for ``model_copy``)."""
    if not attempt.origin or not strong(attempt):
        return {}
    origins = list(mastery.origins)
    if attempt.origin not in origins:
        origins.append(attempt.origin)
    first = mastery.first_right_at
    later = mastery.recalled_later or (first is not None
                                       and as_utc(attempt.at).date() > as_utc(first).date())
    return {"origins": origins, "first_right_at": first or attempt.at, "recalled_later": later,
            "used": used(mastery) or attempt_uses(attempt)}


def recall_record(mastery: ConceptMastery, attempt: Attempt) -> dict[str, int]:
    """The update of ``mastery``'s recall record after ``attempt``: a first try on a later day
    than the concept was last seen, when it was then known well enough to build on (``p_known``
    at least :data:`READY`), counts as a recall when right and a lapse when wrong (attempts
    with an origin only)."""
    last = mastery.last_seen
    if (not attempt.origin or not attempt.first_try or mastery.p_known < READY
            or last is None or as_utc(attempt.at).date() <= as_utc(last).date()):
        return {}
    if attempt.correct and not attempt.gave_up:
        return {"recalls": mastery.recalls + 1}
    return {"lapses": mastery.lapses + 1}


def held(p_known: float, mastery: ConceptMastery, attempt: Attempt) -> float:
    """``p_known`` held at :data:`READY` while the concept is not proven (attempts with an
    origin only)."""
    if attempt.origin and not proven(mastery):
        return min(p_known, READY)
    return p_known


def reviewed_today(card: dict | None, at: datetime) -> bool:
    """Whether the FSRS card was already reviewed on ``at``'s day (one review per card per
    day: practice within a lesson is knowledge tracing's job, not spaced review's)."""
    last = (card or {}).get("last_review")
    if not last:
        return False
    return as_utc(datetime.fromisoformat(last)).date() == as_utc(at).date()
