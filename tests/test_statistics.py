"""Intervals for shares never leave [0, 1]: Wilson for successes out of n, a bootstrap else."""

from __future__ import annotations

import pytest

from tutor.evals.statistics import mean_ci, proportion_ci, share_ci


@pytest.mark.parametrize("successes,n", [(0, 5), (5, 5), (1, 3), (49, 50), (0, 1), (1, 1)])
def test_wilson_interval_stays_inside_zero_one_and_contains_the_share(successes, n) -> None:
    estimate = proportion_ci(successes, n)
    assert 0.0 <= estimate.low <= estimate.mean <= estimate.high <= 1.0
    assert estimate.mean == successes / n
    assert estimate.high - estimate.low > 0  # never a zero-width interval at 0 or n


def test_wilson_matches_the_textbook_value() -> None:
    # 8 successes out of 10: the Wilson 95% interval is about [0.490, 0.943]
    estimate = proportion_ci(8, 10)
    assert estimate.low == pytest.approx(0.4902, abs=1e-3)
    assert estimate.high == pytest.approx(0.9433, abs=1e-3)


def test_the_normal_approximation_leaves_zero_one_where_share_ci_does_not() -> None:
    values = [1.0] * 19 + [0.6]
    assert mean_ci(values).high > 1.0  # why shares need their own interval
    shares = share_ci(values)
    assert 0.0 <= shares.low <= shares.mean <= shares.high <= 1.0
    assert share_ci([1.0] * 9 + [0.0]) == proportion_ci(9, 10)  # binary values: Wilson


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(ValueError):
        proportion_ci(3, 2)
    with pytest.raises(ValueError):
        share_ci([0.5, 1.5])
    with pytest.raises(ValueError):
        share_ci([])
