"""The learner model: attempts update knowledge tracing, review, misconceptions, summary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tutor.course import Concept, Course, Exercise, ExerciseKind, Prerequisite
from tutor.errors import LearnerError
from tutor.learner.bkt import params_for, update_bkt
from tutor.learner.model import (
    PREREQUISITE_SPREAD,
    Attempt,
    ConceptMastery,
    LearnerModel,
    apply_attempt,
)

NOW = datetime(2026, 1, 1, 10, 0, tzinfo=UTC)


def course() -> Course:
    """events -> probability -> conditional-probability."""
    names = ["events", "probability", "conditional-probability"]
    return Course(
        title="Probability",
        slug="probability",
        concepts=[
            Concept(id=n, name=n.replace("-", " "), definition=f"{n} is ...", first_order=i)
            for i, n in enumerate(names)
        ],
        prerequisites=[
            Prerequisite(prerequisite="events", concept="probability"),
            Prerequisite(prerequisite="probability", concept="conditional-probability"),
        ],
        exercises=[
            Exercise(
                id=f"{n}-1",
                concept_id=n,
                kind=ExerciseKind.MULTIPLE_CHOICE,
                prompt="?",
                answer="a",
                choices=["a", "b", "c", "d"],
            )
            for n in names
        ],
    )


def attempt(concept: str, correct: bool, **extra: object) -> Attempt:
    values: dict[str, object] = {
        "id": f"{concept}-{correct}-{extra.get('at', NOW)}",
        "learner_id": "ada",
        "course": "probability",
        "concept_id": concept,
        "exercise_id": f"{concept}-1",
        "answer": "a" if correct else "b",
        "correct": correct,
        "score": 1.0 if correct else 0.0,
        "at": NOW,
    }
    values.update(extra)
    return Attempt.model_validate(values)


def fresh() -> LearnerModel:
    return LearnerModel(learner_id="ada", course="probability")


MC = ExerciseKind.MULTIPLE_CHOICE


def test_unseen_concept_has_the_prior() -> None:
    model = fresh()
    mastery = model.mastery("events")
    assert mastery.p_known == pytest.approx(0.1)
    assert not mastery.mastered and mastery.attempts == 0 and mastery.card is None
    assert model.p_known("events") == pytest.approx(0.1)


def test_right_answer_updates_bkt_review_and_counts() -> None:
    model = fresh()
    after = apply_attempt(model, course(), attempt("events", True, seconds=12.5), MC, 4)
    mastery = after.mastery("events")
    assert mastery.p_known == pytest.approx(3 / 7)  # see tests/test_bkt.py
    assert (mastery.attempts, mastery.correct) == (1, 1)
    assert mastery.last_seen == NOW
    assert mastery.card is not None and mastery.card["stability"] == pytest.approx(2.3065)
    assert mastery.due == NOW + timedelta(days=2)
    assert after.time_spent_seconds == pytest.approx(12.5)
    assert model.concepts == {}  # pure: the input model is unchanged


def test_misconceptions_are_counted() -> None:
    model = fresh()
    for minute in range(2):
        model = apply_attempt(
            model,
            course(),
            attempt(
                "events",
                False,
                misconception="confuses outcomes and events",
                at=NOW + timedelta(minutes=minute),
            ),
            MC,
            4,
        )
    assert model.mastery("events").misconceptions == {"confuses outcomes and events": 2}
    assert "confuses outcomes and events" in model.summary


def test_failure_lowers_a_weak_prerequisite_by_the_documented_factor() -> None:
    model = fresh().model_copy(
        update={"concepts": {"probability": ConceptMastery(concept_id="probability", p_known=0.6)}}
    )
    after = apply_attempt(model, course(), attempt("conditional-probability", False), MC, 4)
    assert after.p_known("probability") == pytest.approx(0.6 * (1 - PREREQUISITE_SPREAD))
    assert after.p_known("events") == pytest.approx(0.1)  # only direct prerequisites


def test_failure_leaves_a_mastered_prerequisite_alone() -> None:
    model = fresh().model_copy(
        update={"concepts": {"probability": ConceptMastery(concept_id="probability", p_known=0.97)}}
    )
    after = apply_attempt(model, course(), attempt("conditional-probability", False), MC, 4)
    assert after.p_known("probability") == pytest.approx(0.97)


def test_failure_leaves_a_prerequisite_held_only_for_want_of_proof_alone() -> None:
    # known well enough to build on (its own answers put it at READY), not yet proven
    held = ConceptMastery(concept_id="probability", p_known=0.9, evidence_tracked=True)
    model = fresh().model_copy(update={"concepts": {"probability": held}})
    assert model.is_ready("probability")
    after = apply_attempt(model, course(), attempt("conditional-probability", False), MC, 4)
    assert after.p_known("probability") == pytest.approx(0.9)
    assert after.is_ready("probability")  # its dependant still stands on it


def test_the_latest_answer_is_remembered() -> None:
    model = apply_attempt(fresh(), course(), attempt("events", True), MC, 4)
    assert model.mastery("events").last_correct
    later = NOW + timedelta(minutes=2)
    model = apply_attempt(model, course(), attempt("events", False, at=later), MC, 4)
    assert not model.mastery("events").last_correct and model.mastery("events").correct == 1


def test_success_never_raises_a_prerequisite() -> None:
    model = fresh().model_copy(
        update={"concepts": {"probability": ConceptMastery(concept_id="probability", p_known=0.6)}}
    )
    after = model
    for minute in range(6):
        after = apply_attempt(
            after,
            course(),
            attempt("conditional-probability", True, at=NOW + timedelta(minutes=minute)),
            MC,
            4,
        )
    assert after.is_mastered("conditional-probability")
    assert after.p_known("probability") == pytest.approx(0.6)


def test_hints_weaken_the_evidence_of_a_right_answer() -> None:
    plain = apply_attempt(fresh(), course(), attempt("events", True), MC, 4)
    hinted = apply_attempt(fresh(), course(), attempt("events", True, hints_used=1), MC, 4)
    assert hinted.p_known("events") < plain.p_known("events")
    guess = params_for(MC, 4).model_copy(update={"p_guess": 0.3})  # 0.25 + 0.1, capped at 0.3
    assert hinted.p_known("events") == pytest.approx(update_bkt(0.1, True, guess))


def test_giving_up_counts_as_a_wrong_answer() -> None:
    gave_up = apply_attempt(fresh(), course(), attempt("events", True, gave_up=True), MC, 4)
    wrong = apply_attempt(fresh(), course(), attempt("events", False), MC, 4)
    assert gave_up.p_known("events") == pytest.approx(wrong.p_known("events"))
    assert gave_up.mastery("events").correct == 0
    assert gave_up.mastery("events").due == NOW + timedelta(days=1)


def test_due_reviews_most_overdue_first() -> None:
    model = fresh()
    model = apply_attempt(model, course(), attempt("events", True), MC, 4)  # due +2 days
    model = apply_attempt(
        model, course(), attempt("probability", False, at=NOW + timedelta(hours=1)), MC, 4
    )  # due +1 day 1 hour
    assert model.due_reviews(NOW) == []
    assert model.due_reviews(NOW + timedelta(days=1, hours=2)) == ["probability"]
    assert model.due_reviews(NOW + timedelta(days=3)) == ["probability", "events"]
    with pytest.raises(ValueError):
        model.due_reviews((NOW + timedelta(days=4)).replace(tzinfo=None))  # naive: refused


def test_record_style_and_preferences() -> None:
    model = fresh().record_style("example", True).record_style("example", True)
    model = model.record_style("definition", False)
    assert model.styles == {
        "example": {"worked": 2, "failed": 0},
        "definition": {"worked": 0, "failed": 1},
    }
    assert model.preferred_styles() == ["example", "definition"]
    assert fresh().styles == {}


def test_summary_mentions_progress_and_work() -> None:
    model = apply_attempt(fresh(), course(), attempt("events", False), MC, 4)
    assert model.summary.startswith("Mastered 0 of 3 concepts.")
    assert "events" in model.summary


def test_attempt_of_another_learner_is_refused() -> None:
    with pytest.raises(LearnerError):
        apply_attempt(fresh(), course(), attempt("events", True, learner_id="bob"), MC, 4)


def test_attempt_time_must_be_aware() -> None:
    with pytest.raises(ValueError):
        attempt("events", True, at=NOW.replace(tzinfo=None))  # naive: refused


def test_model_round_trips_through_json() -> None:
    model = apply_attempt(
        fresh(), course(), attempt("events", False, misconception="x"), MC, 4
    ).record_style("example", True)
    again = LearnerModel.model_validate_json(model.model_dump_json())
    assert again == model
    assert again.mastery("events").due == model.mastery("events").due
