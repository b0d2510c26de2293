"""FSRS review of concepts: golden values with fixed UTC dates (fuzzing off)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from fsrs import Rating

from tutor.clock import ManualClock
from tutor.learner.review import SCHEDULER, new_card, rating_for, retrievability, review

CLOCK = ManualClock(datetime(2026, 1, 1, tzinfo=UTC))
DAY0 = CLOCK()  # every time below is relative to this fixed start, whatever today is

# Pinned once from fsrs 6.3.2 with the project's scheduler (default FSRS-6 parameters,
# desired retention 0.9, no learning steps, no fuzz).
GOOD_STABILITY = 2.3065
GOOD_DIFFICULTY = 2.118103970459016
AGAIN_STABILITY = 0.212
AGAIN_DIFFICULTY = 6.4133


def test_scheduler_is_deterministic() -> None:
    assert SCHEDULER.enable_fuzzing is False
    assert SCHEDULER.learning_steps == ()


def test_new_card_is_due_now() -> None:
    card = new_card(DAY0)
    assert card["due"] == "2026-01-01T00:00:00+00:00"
    assert card["stability"] is None and card["last_review"] is None


def test_new_card_good_golden_values() -> None:
    card, due = review(new_card(DAY0), Rating.Good, DAY0)
    assert due == DAY0 + timedelta(days=2)
    assert card["stability"] == pytest.approx(GOOD_STABILITY)
    assert card["difficulty"] == pytest.approx(GOOD_DIFFICULTY)
    assert card["last_review"] == "2026-01-01T00:00:00+00:00"


def test_second_good_review_on_time_golden_values() -> None:
    card, due = review(new_card(DAY0), Rating.Good, DAY0)
    card, due = review(card, Rating.Good, due)
    assert due == DAY0 + timedelta(days=13)
    assert card["stability"] == pytest.approx(10.964332335820698)


def test_lapse_shortens_the_interval() -> None:
    card, due = review(new_card(DAY0), Rating.Good, DAY0)
    card, due = review(card, Rating.Good, due)
    card, due = review(card, Rating.Again, due)
    assert due == DAY0 + timedelta(days=15)
    assert card["stability"] == pytest.approx(1.5383372358832694)
    assert card["difficulty"] == pytest.approx(7.392238132342694)


def test_new_card_again_golden_values() -> None:
    card, due = review(new_card(DAY0), Rating.Again, DAY0)
    assert due == DAY0 + timedelta(days=1)
    assert card["stability"] == pytest.approx(AGAIN_STABILITY)
    assert card["difficulty"] == pytest.approx(AGAIN_DIFFICULTY)


def test_rating_for() -> None:
    assert rating_for(True, 0, False) == Rating.Good
    assert rating_for(True, 1, False) == Rating.Good
    assert rating_for(True, 2, False) == Rating.Hard
    assert rating_for(False, 0, False) == Rating.Again
    assert rating_for(True, 0, True) == Rating.Again  # giving up is a lapse


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        new_card(DAY0.replace(tzinfo=None))
    with pytest.raises(ValueError, match="time zone"):
        review(new_card(DAY0), Rating.Good, DAY0.replace(tzinfo=None))


def test_other_time_zones_are_converted_to_utc() -> None:
    paris = timezone(timedelta(hours=1))
    _, due = review(new_card(DAY0), Rating.Good, (DAY0 + timedelta(hours=1)).replace(tzinfo=paris))
    assert due == DAY0 + timedelta(days=2)
    assert due.tzinfo == UTC


def test_retrievability_falls_with_time() -> None:
    card, _ = review(new_card(DAY0), Rating.Good, DAY0)
    assert retrievability(new_card(DAY0), DAY0) == 0
    assert retrievability(card, DAY0 + timedelta(days=1)) > retrievability(
        card, DAY0 + timedelta(days=10)
    )
