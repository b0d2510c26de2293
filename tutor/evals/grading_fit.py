"""Small numpy fitters and metrics for grading calibration (no scikit-learn needed).

Binary and multinomial logistic regression with L2 regularisation on standardised features,
fitted by Newton / gradient steps; macro-F1 and Pearson correlation.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tutor.engine.offline.tutoring.answer_similarity import LogisticModel


def _standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    return mean, scale


def fit_logistic(
    x: np.ndarray,
    y: np.ndarray,
    names: Sequence[str],
    l2: float = 1.0,
    sample_weight: np.ndarray | None = None,
) -> LogisticModel:
    """Binary logistic regression; ``y`` may hold soft targets in 0..1. Newton's method."""
    mean, scale = _standardise(x)
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    weight = np.ones(len(x)) if sample_weight is None else sample_weight
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(30):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -40, 40)))
        grad = z.T @ (weight * (p - y)) + penalty * w
        hess = (z * (weight * p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return LogisticModel(
        features=list(names),
        mean=mean.tolist(),
        scale=scale.tolist(),
        weights=w[:-1].tolist(),
        bias=float(w[-1]),
    )


class SoftmaxModel:
    """Multinomial logistic regression over standardised features."""

    def __init__(self, classes: Sequence[str], mean: np.ndarray, scale: np.ndarray,
                 weights: np.ndarray) -> None:
        self.classes = list(classes)
        self.mean, self.scale, self.weights = mean, scale, weights

    def predict(self, x: np.ndarray) -> list[str]:
        z = np.hstack([(x - self.mean) / self.scale, np.ones((len(x), 1))])
        return [self.classes[i] for i in np.argmax(z @ self.weights, axis=1)]


def fit_softmax(
    x: np.ndarray, labels: Sequence[str], classes: Sequence[str], l2: float = 1.0,
    balanced: bool = True, steps: int = 500,
) -> SoftmaxModel:
    """Multinomial logistic regression by gradient descent (class-balanced if asked)."""
    mean, scale = _standardise(x)
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    index = {c: i for i, c in enumerate(classes)}
    y = np.zeros((len(x), len(classes)))
    y[np.arange(len(x)), [index[label] for label in labels]] = 1.0
    weight = np.ones(len(x))
    if balanced:
        counts = y.sum(axis=0)
        weight = (len(x) / (len(classes) * np.maximum(counts, 1)))[y.argmax(axis=1)]
    w = np.zeros((z.shape[1], len(classes)))
    rate = 0.5
    for _ in range(steps):
        logits = z @ w
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad = z.T @ (weight[:, None] * (p - y)) / len(x)
        grad[:-1] += l2 * w[:-1] / len(x)
        w -= rate * grad
    return SoftmaxModel(classes, mean, scale, w)


def _binary_macro_f1(predicted: np.ndarray, gold: np.ndarray) -> float:
    f1s = []
    for p, g in ((predicted, gold), (~predicted, ~gold)):
        tp = float(np.sum(p & g))
        denominator = float(np.sum(p) + np.sum(g))
        f1s.append(2 * tp / denominator if denominator else 0.0)
    return float(np.mean(f1s))


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> float:
    """The pass threshold that maximises 2-way macro-F1 on the (training) data."""
    gold = np.asarray(labels, dtype=bool)
    candidates = np.round(np.linspace(0.2, 0.8, 61), 2)
    f1s = [_binary_macro_f1(np.asarray(scores) >= t, gold) for t in candidates]
    return float(candidates[int(np.argmax(f1s))])


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Mean F1 over the classes present in the gold labels."""
    scores = []
    for cls in sorted(set(gold)):
        tp = sum(g == cls and p == cls for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != cls and p == cls for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == cls and p != cls for g, p in zip(gold, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return float(np.mean(scores)) if scores else 0.0


def pearson(a: Sequence[float] | np.ndarray, b: Sequence[float] | np.ndarray) -> float:
    x, y = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if x.std() == 0 or y.std() == 0:
        return 0.0
    return float(np.corrcoef(x, y)[0, 1])
