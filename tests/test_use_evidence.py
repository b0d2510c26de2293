"""Mastery by recognition alone is not mastery: which items test use of the idea
(:attr:`tutor.course.Exercise.tests_use`), and the evidence rule that asks for one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import make_course
from tutor.course import (
    EXAMPLE_USE_MARK,
    NOTE_DESCRIBES,
    PURPOSE_NEED_MARK,
    Exercise,
    ExerciseKind,
    ExerciseOrigin,
)
from tutor.learner.bkt import MASTERY
from tutor.learner.evidence import READY, would_prove
from tutor.learner.model import Attempt, LearnerModel, apply_attempt
from tutor.teach.exercise_pool import worth_asking

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _item(origin: ExerciseOrigin, item_id: str = "array-1",
          key_points: list[str] | None = None) -> Exercise:
    return Exercise(id=item_id, concept_id="array", kind=ExerciseKind.MULTIPLE_CHOICE,
                    prompt="Which of these?", answer="array", choices=["array", "list"],
                    key_points=key_points or [], origin=origin)


@pytest.mark.parametrize(("item", "uses"), [
    (_item(ExerciseOrigin.DEFINITION), False),
    (_item(ExerciseOrigin.RELATION), False),  # "X builds on Y": one sentence recognised
    (_item(ExerciseOrigin.EXAMPLE, f"array{EXAMPLE_USE_MARK}1"), False),  # fill the blank
    (_item(ExerciseOrigin.EXAMPLE, "array-example-1"), True),  # the example among others'
    (_item(ExerciseOrigin.PURPOSE, "array-multiple_choice-purpose-1"), False),  # "used for?"
    (_item(ExerciseOrigin.PURPOSE, f"array-multiple_choice{PURPOSE_NEED_MARK}1"), True),
    (_item(ExerciseOrigin.CODE_OUTPUT), True),
    (_item(ExerciseOrigin.WORKED_EXAMPLE), True),
    (_item(ExerciseOrigin.BOOK_EXERCISE), True),
    (_item(ExerciseOrigin.PROCEDURE), True),
    (_item(ExerciseOrigin.CONTRAST, key_points=["array: stores by index"]), True),
    (_item(ExerciseOrigin.CONTRAST,  # a classmate's note to diagnose: recall of a definition
           key_points=[f"array: {NOTE_DESCRIBES} array", "list: an ordered sequence"]), False),
])
def test_whether_an_item_tests_use_of_the_idea(item: Exercise, uses: bool) -> None:
    assert item.tests_use is uses


def _attempt(n: int, origin: str, tests_use: bool | None, at: datetime) -> Attempt:
    return Attempt(id=f"a{n}", learner_id="ana", course="demo", concept_id="array",
                   exercise_id=f"array-{n}", answer="x", correct=True, score=1.0, at=at,
                   origin=origin, tests_use=tests_use)


def _after(*attempts: Attempt) -> LearnerModel:
    model = LearnerModel(learner_id="ana", course="demo")
    for attempt in attempts:
        model = apply_attempt(model, make_course(), attempt, ExerciseKind.CLOZE)
    return model


def _recognised_today() -> list[Attempt]:
    """The definition item and "which idea fills the blank" (origin ``example``), then a
    relation item, all right on the first try on one day."""
    return [_attempt(0, "definition", False, NOW),
            _attempt(1, "example", False, NOW + timedelta(minutes=5)),
            _attempt(2, "relation", False, NOW + timedelta(minutes=10))]


def test_two_origins_of_recognition_in_one_day_do_not_prove_mastery() -> None:
    model = _after(*_recognised_today())
    mastery = model.mastery("array")
    assert set(mastery.origins) == {"definition", "example", "relation"}
    assert model.p_known("array") == READY
    assert model.is_ready("array") and not model.is_mastered("array")


def test_recognition_items_prove_mastery_by_a_recall_on_a_later_day() -> None:
    model = _after(*_recognised_today(),
                   _attempt(3, "definition", False, NOW + timedelta(days=1)))
    assert model.mastery("array").recalled_later
    assert model.p_known("array") >= MASTERY and model.is_mastered("array")


def test_an_item_of_use_beside_the_definition_proves_mastery_in_one_day() -> None:
    model = _after(_attempt(0, "definition", False, NOW),
                   _attempt(1, "code_output", True, NOW + timedelta(minutes=5)))
    assert model.mastery("array").used and model.is_mastered("array")
    # the item of use alone is one origin: not yet proof
    assert not _after(_attempt(1, "code_output", True, NOW)).is_mastered("array")


def test_older_records_without_the_judgement_keep_the_rule_by_origin() -> None:
    model = _after(_attempt(0, "definition", None, NOW),
                   _attempt(1, "example", None, NOW + timedelta(minutes=5)))
    assert model.is_mastered("array")


def test_only_an_item_that_could_complete_the_proof_is_worth_asking_today() -> None:
    model = _after(_attempt(0, "definition", False, NOW))
    mastery = model.mastery("array")
    assert not would_prove(mastery, "relation", False)  # recognition: wait for tomorrow
    assert not would_prove(mastery, "definition", True)  # an origin already counted
    assert would_prove(mastery, "code_output", True)
    used = _after(_attempt(0, "code_output", True, NOW)).mastery("array")
    assert would_prove(used, "definition", False)  # the use is in: any new origin proves
    # two origins of recognition in: an item of use proves, even of an origin already counted
    recognised = _after(_attempt(0, "definition", False, NOW),
                        _attempt(1, "example", False, NOW + timedelta(minutes=5)))
    assert would_prove(recognised.mastery("array"), "example", True)
    assert not would_prove(recognised.mastery("array"), "relation", False)
    # proven already: only a new origin adds to it, as before
    proven = _after(_attempt(0, "definition", False, NOW),
                    _attempt(1, "code_output", True, NOW + timedelta(minutes=5))).mastery("array")
    assert not would_prove(proven, "code_output", True)
    assert would_prove(proven, "worked_example", True)


def _course_with(extra: Exercise) -> object:
    course = make_course()
    return course.model_copy(update={"exercises": [
        *[e for e in course.exercises if e.concept_id != "array"],
        course.exercises[0].model_copy(update={"origin": ExerciseOrigin.DEFINITION}), extra]})


def test_the_lesson_waits_for_tomorrow_rather_than_ask_more_recognition_today() -> None:
    model = _after(*[_attempt(n, "definition", False, NOW + timedelta(minutes=n))
                     for n in range(3)])
    assert model.is_ready("array") and not model.is_mastered("array")
    later = NOW + timedelta(hours=1)
    state: dict = {"exercise_log": {}, "transcript": []}
    relation = _item(ExerciseOrigin.RELATION, "array-relation-1")
    code = _item(ExerciseOrigin.CODE_OUTPUT, "array-code-1")
    assert not worth_asking(state, _course_with(relation), model, later,  # type: ignore[arg-type]
                            "array")
    assert worth_asking(state, _course_with(code), model, later, "array")  # type: ignore[arg-type]
    assert worth_asking(state, _course_with(relation), model,  # type: ignore[arg-type]
                        NOW + timedelta(days=1), "array")
