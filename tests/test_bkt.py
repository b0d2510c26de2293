"""Knowledge tracing: golden values computed by hand, bounds enforced."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tutor.course import ExerciseKind
from tutor.learner.bkt import MASTERY, BKTParams, p_correct, params_for, posterior, update_bkt

PARAMS = BKTParams(p_init=0.1, p_learn=0.2, p_guess=0.25, p_slip=0.1)


def test_right_answer_golden_value() -> None:
    # posterior = 0.1 * 0.9 / (0.1 * 0.9 + 0.9 * 0.25) = 0.09 / 0.315 = 2/7
    assert posterior(0.1, True, PARAMS) == pytest.approx(2 / 7)
    # learning: 2/7 + (1 - 2/7) * 0.2 = 2/7 + 1/7 = 3/7
    assert update_bkt(0.1, True, PARAMS) == pytest.approx(3 / 7)


def test_wrong_answer_golden_value() -> None:
    # posterior = 0.1 * 0.1 / (0.1 * 0.1 + 0.9 * 0.75) = 0.01 / 0.685
    after = 0.01 / 0.685
    assert posterior(0.1, False, PARAMS) == pytest.approx(0.0145985, abs=1e-7)
    # learning: 0.0145985 + 0.9854015 * 0.2 = 0.2116788
    assert update_bkt(0.1, False, PARAMS) == pytest.approx(after + (1 - after) * 0.2)
    assert update_bkt(0.1, False, PARAMS) == pytest.approx(0.2116788, abs=1e-7)


def test_mastery_after_four_right_answers_not_three() -> None:
    # 3/7 -> posterior 0.385714 / (0.385714 + 0.142857) = 0.729730 -> learn 0.783784
    # -> posterior 0.705405 / (0.705405 + 0.054054) = 0.928826 -> learn 0.943061 (< 0.95)
    # -> posterior 0.848755 / (0.848755 + 0.014235) = 0.983505 -> learn 0.986804 (>= 0.95)
    p = 0.1
    values = []
    for _ in range(4):
        p = update_bkt(p, True, PARAMS)
        values.append(p)
    assert values[1] == pytest.approx(0.783784, abs=1e-6)
    assert values[2] == pytest.approx(0.943061, abs=1e-6)
    assert values[2] < MASTERY <= values[3]
    assert values[3] == pytest.approx(0.986804, abs=1e-6)


def test_wrong_answer_lowers_a_high_belief() -> None:
    # 0.97 * 0.1 / (0.097 + 0.03 * 0.75) = 0.097 / 0.1195 = 0.811715; learn -> 0.849372
    assert update_bkt(0.97, False, PARAMS) == pytest.approx(0.849372, abs=1e-6)


def test_p_correct() -> None:
    # 0.5 * 0.9 + 0.5 * 0.25 = 0.575
    assert p_correct(0.5, PARAMS) == pytest.approx(0.575)


@pytest.mark.parametrize("field,value", [("p_guess", 0.31), ("p_slip", 0.11), ("p_learn", 1.5)])
def test_bounds_are_validated(field: str, value: float) -> None:
    with pytest.raises(ValidationError):
        BKTParams(**{field: value})


def test_update_rejects_non_probabilities() -> None:
    with pytest.raises(ValueError):
        update_bkt(1.2, True, PARAMS)


def test_params_for_each_kind() -> None:
    assert params_for(ExerciseKind.MULTIPLE_CHOICE, 4).p_guess == pytest.approx(0.25)
    assert params_for(ExerciseKind.MULTIPLE_CHOICE, 2).p_guess == pytest.approx(0.3)  # capped
    assert params_for(ExerciseKind.MULTIPLE_CHOICE, 5).p_guess == pytest.approx(0.2)
    assert params_for(ExerciseKind.MULTIPLE_CHOICE).p_guess == pytest.approx(0.25)
    assert params_for("true_false").p_guess == pytest.approx(0.3)
    assert params_for(ExerciseKind.CLOZE).p_guess == pytest.approx(0.05)
    assert params_for(ExerciseKind.SHORT_ANSWER).p_guess == pytest.approx(0.1)
    assert all(params_for(k, 3).p_slip <= 0.1 for k in ExerciseKind)
