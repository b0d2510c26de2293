"""Mastery that means something: two origins or a later-day recall, weak evidence straight after
the sentence, FSRS reviews first tries only, one a day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.factories import COURSE, Driver, make_course
from tutor.course import ExerciseKind
from tutor.learner.bkt import MASTERY
from tutor.learner.evidence import READY, recall_awaited
from tutor.learner.model import Attempt, LearnerModel, apply_attempt
from tutor.teach.exercise_pool import worth_asking

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _attempt(n: int, *, at: datetime = NOW, correct: bool = True, origin: str = "definition",
             first_try: bool = True, weak: bool = False) -> Attempt:
    return Attempt(id=f"a{n}", learner_id="ana", course="demo", concept_id="array",
                   exercise_id=f"array-{n}", answer="x", correct=correct,
                   score=float(correct), at=at, origin=origin, first_try=first_try, weak=weak)


def _after(*attempts: Attempt) -> LearnerModel:
    model = LearnerModel(learner_id="ana", course="demo")
    for attempt in attempts:
        model = apply_attempt(model, make_course(), attempt, ExerciseKind.CLOZE)
    return model


def test_definition_items_alone_are_held_short_of_mastery_but_enough_to_build_on() -> None:
    model = _after(*[_attempt(n, at=NOW + timedelta(minutes=n)) for n in range(8)])
    assert model.p_known("array") == READY
    assert not model.is_mastered("array") and model.is_ready("array")


def test_a_second_origin_beyond_the_definition_proves_mastery() -> None:
    rights = [_attempt(n, at=NOW + timedelta(minutes=n)) for n in range(3)]
    model = _after(*rights, _attempt(9, origin="example", at=NOW + timedelta(minutes=9)))
    assert model.mastery("array").origins == ["definition", "example"]
    assert model.p_known("array") >= MASTERY and model.is_mastered("array")


def test_a_recall_on_a_later_day_proves_mastery() -> None:
    rights = [_attempt(n, at=NOW + timedelta(minutes=n)) for n in range(3)]
    model = _after(*rights, _attempt(9, at=NOW + timedelta(days=2)))
    assert model.mastery("array").recalled_later and model.is_mastered("array")


def test_weak_and_retried_answers_prove_nothing() -> None:
    weak = [_attempt(n, weak=True, origin="example" if n % 2 else "definition",
                     at=NOW + timedelta(days=n)) for n in range(6)]
    retried = [_attempt(10 + n, first_try=False, origin="example",
                        at=NOW + timedelta(days=n)) for n in range(6)]
    for model in (_after(*weak), _after(*retried)):
        assert model.mastery("array").origins == [] and not model.is_mastered("array")
    # weak evidence moves knowledge tracing less than the same answer given from memory
    assert _after(_attempt(0, weak=True)).p_known("array") < _after(_attempt(0)).p_known("array")


def test_fsrs_reviews_first_tries_only_one_a_day() -> None:
    first = _after(_attempt(0))
    card = first.mastery("array").card
    same_day = _after(_attempt(0), _attempt(1, at=NOW + timedelta(hours=2)))
    retry = _after(_attempt(0), _attempt(1, first_try=False, at=NOW + timedelta(days=3)))
    assert same_day.mastery("array").card == card and retry.mastery("array").card == card
    next_day = _after(_attempt(0), _attempt(1, at=NOW + timedelta(days=3)))
    assert next_day.mastery("array").card != card


def test_attempts_without_an_origin_are_not_held() -> None:
    untracked = [_attempt(n, origin="", at=NOW + timedelta(minutes=n)) for n in range(8)]
    model = _after(*untracked)
    assert model.is_mastered("array")  # e.g. the simulated learners: nothing to judge by


def test_a_quick_right_answer_straight_after_the_explanation_is_recorded_as_weak(
    tmp_path: Path,
) -> None:
    driver = Driver(tmp_path)
    shown = driver.start()
    assert [m.kind for m in shown] == ["explanation", "exercise"]
    driver.answer_right()
    (attempt,) = driver.store.attempts("ana", COURSE)
    assert attempt.weak and attempt.first_try and attempt.origin == "definition"
    model = driver.store.load("ana", COURSE)
    assert model.mastery(attempt.concept_id).origins == []  # counts towards no origin


def test_a_held_concept_with_definition_items_only_is_asked_again_on_a_later_day() -> None:
    course = make_course()
    model = _after(*[_attempt(n, at=NOW + timedelta(minutes=n)) for n in range(3)])
    assert model.is_ready("array") and not model.is_mastered("array")
    state: dict = {"exercise_log": {}, "transcript": []}
    same_day = NOW + timedelta(hours=1)
    # Today another definition item proves nothing more: only a recall tomorrow will.
    assert recall_awaited(model.mastery("array"), same_day)
    assert not worth_asking(state, course, model, same_day, "array")  # type: ignore[arg-type]
    # Tomorrow any of its exercises may give that recall (it is not left waiting forever).
    tomorrow = NOW + timedelta(days=1)
    assert not recall_awaited(model.mastery("array"), tomorrow)
    assert worth_asking(state, course, model, tomorrow, "array")  # type: ignore[arg-type]


def test_later_day_first_tries_at_a_known_concept_are_recorded_as_recalls_or_lapses() -> None:
    learnt = [_attempt(n, at=NOW + timedelta(minutes=n)) for n in range(3)]  # held at READY
    model = _after(*learnt, _attempt(7, at=NOW + timedelta(minutes=30)),  # same day: nothing
                   _attempt(8, at=NOW + timedelta(days=2)),
                   _attempt(9, at=NOW + timedelta(days=5), correct=False),
                   _attempt(10, at=NOW + timedelta(days=5, minutes=5)),  # same day again
                   _attempt(11, at=NOW + timedelta(days=9), first_try=False))  # a retry
    assert (model.mastery("array").recalls, model.mastery("array").lapses) == (1, 1)
    # a concept not yet known well enough to build on has nothing to remember: no record
    unknown = _after(_attempt(0, correct=False), _attempt(1, at=NOW + timedelta(days=2)))
    assert (unknown.mastery("array").recalls, unknown.mastery("array").lapses) == (0, 0)
    # nor do attempts without an origin (the rule is not held to them)
    plain = _after(*learnt, _attempt(8, origin="", at=NOW + timedelta(days=2)))
    assert plain.mastery("array").recalls == 0

