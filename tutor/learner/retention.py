"""How well one learner retains: a per-learner scale on FSRS's forgetting curve.

FSRS's default parameters describe an average learner. A learner who keeps what they learn
should not be reviewed as one who forgets, and one who forgets fast should be reviewed sooner.
The learner's own recall record says which: every first try on a later day at a concept then
known well enough to build on (:func:`tutor.learner.evidence.recall_record`) is a trial of the
forgetting curve, right (remembered) or wrong (a lapse).

The model: the learner's memory of every concept fades as FSRS predicts, slowed by one factor
``scale`` for the learner (``scale`` times FSRS's stability: recall after ``t`` days is FSRS's
recall after ``t / scale`` days). A right first try comes from remembering (unless a slip) or
from a lucky guess, so a single lapse of a learner who retains well is not read as forgetting.
The belief about ``scale`` is kept on a fixed grid (:data:`SCALES`, log-spaced) as a
log-likelihood per grid point; the estimate is the posterior mean of ``log2(scale)`` under a
normal prior centred on FSRS's own schedule (``scale`` 1, :data:`PRIOR_SD` doublings wide),
so a short record moves it little.

The scale is used where the tutor predicts recall (:func:`recall`) and where it decides that a
review is due (:func:`due`): a learner with scale 3 is reviewed at three times FSRS's
intervals. Nothing here changes the FSRS card itself.
"""

from __future__ import annotations

import math
from datetime import datetime

from pydantic import BaseModel, Field

from tutor.clock import as_utc
from tutor.learner.bkt import MAX_SLIP
from tutor.learner.review import forgetting_curve, last_review, stability

SCALES: tuple[float, ...] = tuple(2.0 ** (k / 2.0) for k in range(-4, 9))
"""Grid of retention scales: 1/4 to 16, a half-doubling apart."""
PRIOR_SD = 1.5
"""Width of the prior on ``log2(scale)``, in doublings (centred on FSRS's schedule). Set on
seed 7 of ``tutor eval simulate`` and the synthetic course."""
SLIP = MAX_SLIP
"""Chance of a wrong first try at a concept still remembered (knowledge tracing's bound)."""


class RetentionRecord(BaseModel):
    """The learner's recall record, summed as a log-likelihood per grid scale."""

    log_likelihood: list[float] = Field(default_factory=lambda: [0.0] * len(SCALES))
    """Log-likelihood of the record at each scale of :data:`SCALES`."""
    trials: int = 0
    """Later-day first tries observed."""
    estimate: float = 1.0
    """:func:`scale` of this record (kept with it: the policy asks for it at every choice)."""


def observe(record: RetentionRecord, card: dict | None, at: datetime, remembered: bool,
            guess: float) -> RetentionRecord:
    """``record`` after one later-day first try at ``at`` on a concept whose FSRS ``card``
    (before this try) predicts its recall; ``guess``: the chance of a lucky right answer
    (the exercise kind's). A card never reviewed tells nothing and leaves the record as is."""
    days = _elapsed_days(card, at)
    if days is None or card is None:
        return record
    held = stability(card)
    sums = []
    for factor, total in zip(SCALES, _sums(record), strict=True):
        kept = forgetting_curve(days, held * factor)
        right = (1.0 - SLIP) * kept + guess * (1.0 - kept)
        chance = right if remembered else 1.0 - right
        sums.append(total + math.log(max(chance, 1e-9)))
    found = RetentionRecord(log_likelihood=sums, trials=record.trials + 1)
    return found.model_copy(update={"estimate": scale(found)})


def scale(record: RetentionRecord | None) -> float:
    """The learner's retention scale: ``2 ** E[log2(scale)]`` under the posterior (1.0 for no
    record: FSRS's schedule)."""
    if record is None or record.trials == 0:
        return 1.0
    logs = [math.log2(s) for s in SCALES]
    weights = [total - (log ** 2) / (2.0 * PRIOR_SD ** 2)
               for log, total in zip(logs, _sums(record), strict=True)]
    top = max(weights)
    mass = [math.exp(w - top) for w in weights]
    return float(2.0 ** (sum(m * log for m, log in zip(mass, logs, strict=True)) / sum(mass)))


def recall(card: dict | None, now: datetime, factor: float) -> float:
    """Predicted recall at ``now`` of a concept with FSRS ``card``, for a learner of retention
    scale ``factor``; 0 for a card never reviewed (or unreadable)."""
    days = _elapsed_days(card, now)
    if days is None or card is None:
        return 0.0
    return forgetting_curve(days, stability(card) * factor)


def due(card: dict | None, scheduled: datetime | None, factor: float) -> datetime | None:
    """When a review falls due for a learner of retention scale ``factor``: FSRS's interval
    (``scheduled`` minus the last review) times ``factor``. ``scheduled`` as is when the card
    has no review."""
    if scheduled is None:
        return None
    last = last_review(card)
    if last is None or factor == 1.0:
        return scheduled
    return last + (as_utc(scheduled) - last) * factor


def _elapsed_days(card: dict | None, at: datetime) -> int | None:
    """Whole days since the card's last review (as FSRS counts them); None without one."""
    last = last_review(card)
    if last is None or stability(card or {}) <= 0.0:
        return None
    return max(0, (as_utc(at) - last).days)


def _sums(record: RetentionRecord) -> list[float]:
    sums = list(record.log_likelihood)
    return sums if len(sums) == len(SCALES) else [0.0] * len(SCALES)
