"""A learner's own retention: FSRS's forgetting curve scaled by their recall record."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tutor.course import Concept, Course, Exercise, ExerciseKind
from tutor.learner.model import Attempt, LearnerModel, apply_attempt
from tutor.learner.retention import RetentionRecord, due, observe, recall, scale
from tutor.learner.review import forgetting_curve, new_card, rating_for, retrievability, review

NOW = datetime(2026, 1, 1, 10, 0, tzinfo=UTC)


def card_after(days_ago: int, right: int = 1) -> dict:
    """A card reviewed ``right`` times (Good), the last ``days_ago`` days before NOW."""
    at = NOW - timedelta(days=days_ago)
    card = new_card(at)
    for _ in range(right):
        card, _due = review(card, rating_for(True), at)
    return card


def record(outcomes: list[bool], days_ago: int = 3) -> RetentionRecord:
    found = RetentionRecord()
    for remembered in outcomes:
        found = observe(found, card_after(days_ago), NOW, remembered, guess=0.1)
    return found


def test_the_curve_is_fsrs_own_at_scale_one() -> None:
    card = card_after(0)
    for days in (1, 3, 10, 40):
        at = NOW + timedelta(days=days)
        assert abs(recall(card, at, 1.0) - retrievability(card, at)) < 1e-9
        assert recall(card, at, 3.0) > recall(card, at, 1.0) > recall(card, at, 0.5)
    assert forgetting_curve(0, 2.0) == 1.0
    assert recall(None, NOW, 1.0) == 0.0  # never reviewed: nothing to predict


def test_no_record_keeps_fsrs_schedule() -> None:
    assert scale(None) == 1.0 and scale(RetentionRecord()) == 1.0
    card = card_after(0)
    scheduled = NOW + timedelta(days=2)
    assert due(card, scheduled, 1.0) == scheduled
    assert due(card, scheduled, 3.0) == NOW + timedelta(days=6)  # three times the interval
    assert due(None, None, 3.0) is None


def test_recalls_that_keep_succeeding_lengthen_the_learners_intervals() -> None:
    keeps = record([True] * 30)
    forgets = record([False, True] * 15)
    assert keeps.trials == 30 and keeps.estimate == scale(keeps)
    assert keeps.estimate > 2.0  # remembers far better than FSRS's average learner
    assert forgets.estimate < 0.5  # forgets far faster
    # a short record moves the estimate little: the prior is FSRS's own schedule
    assert 1.0 < record([True] * 3).estimate < keeps.estimate
    # one lapse among many recalls is read as a slip, not as forgetting
    assert record([True] * 29 + [False]).estimate > 1.5


def test_the_model_records_later_day_first_tries_and_schedules_by_them() -> None:
    course = Course(title="C", slug="c", concepts=[
        Concept(id=c, name=c, definition=f"{c} is ...", first_order=i)
        for i, c in enumerate(["array", "list"])],
        exercises=[Exercise(id=f"{c}-1", concept_id=c, kind=ExerciseKind.SHORT_ANSWER,
                            prompt="?", answer="x", origin="example")
                   for c in ["array", "list"]])
    model = LearnerModel(learner_id="ada", course="c")
    at = NOW
    n = 0

    def answer(concept: str, when: datetime, correct: bool = True) -> LearnerModel:
        nonlocal n
        n += 1
        attempt = Attempt(id=str(n), learner_id="ada", course="c", concept_id=concept,
                          exercise_id=f"{concept}-1", answer="x", correct=correct,
                          score=float(correct), at=when, origin="example")
        return apply_attempt(model, course, attempt, ExerciseKind.SHORT_ANSWER)

    for minutes in range(3):  # learnt today: no trial of retention yet
        model = answer("array", at + timedelta(minutes=minutes))
    assert model.retention.trials == 0
    for week in range(1, 13):  # a right first try at every later visit
        model = answer("array", at + timedelta(weeks=week))
    assert model.retention.trials == 12 and model.retention_scale() > 1.0
    # the scale moves the learner's own due dates and predicted recall
    model = answer("list", at + timedelta(weeks=13))
    list_card = model.mastery("list").card
    fsrs_due = model.mastery("list").due
    assert list_card is not None and fsrs_due is not None
    assert model.next_review("list") is not None and model.next_review("list") > fsrs_due
    assert "list" not in model.due_reviews(fsrs_due)
    assert model.recall("list", fsrs_due) > retrievability(list_card, fsrs_due)
    assert model.recall("unseen", NOW) == 0.0
