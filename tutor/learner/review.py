"""Spaced review of concepts with FSRS (the ``fsrs`` package).

Each practised concept carries an FSRS card, stored as the JSON-able dict of
``fsrs.Card.to_dict()``. Every graded attempt is one review: the rating comes from the answer
(:func:`rating_for`) and FSRS returns the next due date. Reviews are scheduled at the scale of
days: the scheduler has no minute-scale learning steps, because practice within a lesson is
already driven by the knowledge-tracing probability, and a concept review is a short exercise in
a later session. Fuzzing is off so that a schedule is reproducible.

Datetimes are checked at the boundary: naive datetimes raise :class:`ValueError`; aware ones are
converted to UTC.
"""

from __future__ import annotations

from datetime import datetime

from fsrs import Card, Rating, Scheduler

from tutor.clock import as_utc

SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
"""The one scheduler: day-scale intervals, 90% desired retention, no fuzz."""


def new_card(now: datetime, card_id: int = 1) -> dict:
    """A fresh card, due at ``now``, as a JSON-able dict."""
    now = as_utc(now)
    return dict(Card(card_id=card_id, due=now).to_dict())


def rating_for(correct: bool, hints_used: int = 0, gave_up: bool = False) -> Rating:
    """The FSRS rating of one attempt.

    Gave up or wrong: Again. Right after two or more hints: Hard. Right after one hint: Good.
    Right with no hint: Good (Easy is not inferred: a single right answer can be a guess).
    """
    if gave_up or not correct:
        return Rating.Again
    if hints_used >= 2:
        return Rating.Hard
    return Rating.Good


def review(card: dict, rating: Rating, now: datetime) -> tuple[dict, datetime]:
    """Review ``card`` at ``now``; returns the new card dict and its next due date (UTC)."""
    now = as_utc(now)
    reviewed, _log = SCHEDULER.review_card(Card.from_dict(card), Rating(rating), now)  # type: ignore[arg-type]
    due = as_utc(reviewed.due)
    return dict(reviewed.to_dict()), due


def retrievability(card: dict, now: datetime) -> float:
    """FSRS's predicted probability of recall at ``now`` (0 for a card never reviewed)."""
    return float(
        SCHEDULER.get_card_retrievability(Card.from_dict(card), as_utc(now))  # type: ignore[arg-type]
    )


DECAY = -float(SCHEDULER.parameters[20])
"""FSRS-6's forgetting-curve exponent (its last parameter, negated)."""
FACTOR = 0.9 ** (1.0 / DECAY) - 1.0
"""Chosen so that recall after ``stability`` days is 0.9."""


def forgetting_curve(elapsed_days: float, stability_days: float) -> float:
    """FSRS's predicted recall ``elapsed_days`` after the last review of a memory of
    ``stability_days`` (the formula of :func:`retrievability`, for any stability)."""
    if stability_days <= 0.0:
        return 0.0
    return float((1.0 + FACTOR * max(0.0, elapsed_days) / stability_days) ** DECAY)


def stability(card: dict) -> float:
    """The card's FSRS stability in days (0 for a card never reviewed)."""
    try:
        return float(card.get("stability") or 0.0)
    except (TypeError, ValueError):
        return 0.0


def last_review(card: dict | None) -> datetime | None:
    """When the card was last reviewed (UTC); None when never (or unreadable)."""
    found = (card or {}).get("last_review")
    if not found:
        return None
    try:
        return as_utc(datetime.fromisoformat(found))
    except (TypeError, ValueError):
        return None
