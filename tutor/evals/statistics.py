"""Means with 95% confidence intervals, for evaluation reports.

:func:`mean_ci` uses the normal approximation over independent units (here: simulated
learners); shares use :func:`share_ci` (Wilson for successes out of n, else a bootstrap), whose
intervals never leave [0, 1]. :func:`paired_reduction` compares two policies run on the same units
with a percentile bootstrap over units, which keeps the pairing.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from pydantic import BaseModel

Z95 = 1.959963984540054
BOOTSTRAP_SAMPLES = 2000


class Estimate(BaseModel):
    """A mean and its 95% confidence interval."""

    mean: float
    low: float
    high: float
    n: int

    def label(self, digits: int = 1, percent: bool = False) -> str:
        scale, unit = (100.0, "%") if percent else (1.0, "")
        return (
            f"{self.mean * scale:.{digits}f}{unit} "
            f"[{self.low * scale:.{digits}f}, {self.high * scale:.{digits}f}]"
        )


def mean_ci(values: Sequence[float]) -> Estimate:
    """The mean with a normal-approximation 95% interval (mean ± 1.96 standard errors)."""
    n = len(values)
    if n == 0:
        raise ValueError("no values to average")
    mean = sum(values) / n
    if n == 1:
        return Estimate(mean=mean, low=mean, high=mean, n=1)
    variance = sum((v - mean) ** 2 for v in values) / (n - 1)
    half = Z95 * math.sqrt(variance / n)
    return Estimate(mean=mean, low=mean - half, high=mean + half, n=n)


def share_ci(values: Sequence[float]) -> Estimate:
    """The mean of shares (each value in [0, 1]) with a 95% interval that stays in [0, 1].

    All-binary values (successes out of n) get the Wilson score interval; other shares a
    percentile bootstrap over the values (fixed seed), which never leaves their range."""
    n = len(values)
    if n == 0:
        raise ValueError("no values to average")
    if any(not 0.0 <= v <= 1.0 for v in values):
        raise ValueError("shares must lie in [0, 1]")
    if all(v in (0.0, 1.0) for v in values):
        return proportion_ci(int(sum(values)), n)
    mean = sum(values) / n
    rng = random.Random(0)
    means = sorted(
        sum(values[rng.randrange(n)] for _ in range(n)) / n for _ in range(BOOTSTRAP_SAMPLES)
    )
    return Estimate(mean=mean, low=min(mean, _percentile(means, 0.025)),
                    high=max(mean, _percentile(means, 0.975)), n=n)


def proportion_ci(successes: int, n: int) -> Estimate:
    """``successes / n`` with the Wilson score 95% interval (inside [0, 1], sensible at 0 and n)."""
    if n <= 0:
        raise ValueError("a proportion needs at least one trial")
    if not 0 <= successes <= n:
        raise ValueError(f"{successes} successes out of {n} trials")
    p = successes / n
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return Estimate(mean=p, low=max(0.0, centre - half), high=min(1.0, centre + half), n=n)


def _percentile(sorted_values: Sequence[float], q: float) -> float:
    position = q * (len(sorted_values) - 1)
    lower = math.floor(position)
    upper = min(lower + 1, len(sorted_values) - 1)
    weight = position - lower
    return sorted_values[lower] * (1 - weight) + sorted_values[upper] * weight


def paired_reduction(
    ours: Sequence[float], baseline: Sequence[float], seed: int = 0
) -> tuple[Estimate, Estimate]:
    """Relative reduction ``1 - mean(ours) / mean(baseline)`` and the mean paired difference
    ``baseline - ours``, each with a 95% percentile-bootstrap interval over the paired units."""
    if len(ours) != len(baseline) or not ours:
        raise ValueError("paired samples must be non-empty and of the same length")
    n = len(ours)
    rng = random.Random(seed)

    def stats(indices: Sequence[int]) -> tuple[float, float]:
        a = sum(ours[i] for i in indices)
        b = sum(baseline[i] for i in indices)
        return (1.0 - a / b if b else 0.0), (b - a) / len(indices)

    point = stats(range(n))
    reductions, differences = [], []
    for _ in range(BOOTSTRAP_SAMPLES):
        sample = [rng.randrange(n) for _ in range(n)]
        r, d = stats(sample)
        reductions.append(r)
        differences.append(d)
    reductions.sort()
    differences.sort()
    return (
        Estimate(
            mean=point[0],
            low=_percentile(reductions, 0.025),
            high=_percentile(reductions, 0.975),
            n=n,
        ),
        Estimate(
            mean=point[1],
            low=_percentile(differences, 0.025),
            high=_percentile(differences, 0.975),
            n=n,
        ),
    )
