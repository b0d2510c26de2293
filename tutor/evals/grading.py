"""Evaluation and calibration of the offline short-answer grader.

* **Beetle** (SemEval-2013 Task 7): 2-way (correct vs not) and 3-way (correct /
  contradictory / incorrect) macro-F1 on the unseen-answers (UA) and unseen-questions (UQ)
  test sets. Everything is fitted on the training split only.
* **Mohler** (UNT v2): Pearson correlation of our 0..1 score with the human average on the
  held-out half of the questions (see :func:`tutor.evals.grading_data.mohler_split`).

Two graders are measured: the *reference* grader (the product's: only the reference answer,
the prompt and the key points; this is ``grading_model.json``), and, for UA, a *history*
grader that also compares the answer with answers graded before for the same question
(nearest neighbours among the labelled training answers), which is what a deployed tutor has
once a question has been answered by earlier learners.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field

from tutor.engine.offline.tutoring.answer_guards import keyword_salad, negates
from tutor.engine.offline.tutoring.answer_similarity import (
    REFERENCE_FEATURES,
    AnswerKey,
    GradingModel,
    LogisticModel,
    answer_signals,
    clean_answer,
    signal_matrix,
)
from tutor.evals.grading_data import (
    GradedAnswer,
    load_beetle,
    load_mohler,
    mohler_split,
    three_way,
)
from tutor.evals.grading_fit import best_threshold, fit_logistic, fit_softmax, macro_f1, pearson

HISTORY_FEATURES = ["knn_correct", "knn_wrong", "knn_contra", "knn_vote"]
THREE_WAY = ["correct", "contradictory", "incorrect"]


class GradingReport(BaseModel):
    """The numbers ``tutor eval grading`` prints."""

    beetle: dict[str, float] = Field(default_factory=dict)
    """Macro-F1 by ``<grader>/<2way|3way>/<UA|UQ>``."""
    mohler_pearson: float = 0.0
    """Held-out Pearson of the reference grader's score with the human average."""
    mohler_pearson_train: float = 0.0
    counts: dict[str, int] = Field(default_factory=dict)
    calibration: str = ""
    seconds: float = 0.0
    adversarial: dict[str, float] = Field(default_factory=dict)
    """Shares of answers built to fool the grader that it rejects, from the teachers' maps
    (:mod:`tutor.evals.adversarial_answers`); ``faithful_accepted`` is the control."""


class _Embeddings:
    """Embeddings of one run, cached in memory by text."""

    def __init__(self) -> None:
        self.cache: dict[str, np.ndarray] = {}

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        from tutor.index.embeddings import embed

        todo = sorted({t for t in texts if t not in self.cache})
        if todo:
            for text, vector in zip(todo, embed(todo), strict=True):
                self.cache[text] = vector
        return np.array([self.cache[t] for t in texts])


def reference_features(
    answers: Sequence[GradedAnswer], embed: _Embeddings, point_threshold: float
) -> np.ndarray:
    """The product grader's features for each answer (one row per answer)."""
    keys: dict[str, AnswerKey] = {}
    for a in answers:
        if a.question_id not in keys:
            keys[a.question_id] = AnswerKey(references=[a.reference], prompt=a.question)
    for key in keys.values():
        key.vectors = embed(key.texts())
    cleaned = [clean_answer(a.answer) or "-" for a in answers]
    vectors = embed(cleaned)
    rows = [
        answer_signals(keys[a.question_id], text, vec, point_threshold).values
        for a, text, vec in zip(answers, cleaned, vectors, strict=True)
    ]
    return signal_matrix(rows, REFERENCE_FEATURES)


def history_features(
    answers: Sequence[GradedAnswer],
    history: Sequence[GradedAnswer],
    embed: _Embeddings,
    k: int = 5,
) -> np.ndarray:
    """Similarity to earlier graded answers of the same question (the answer itself left
    out): best match among correct / wrong / contradictory ones, and a weighted vote."""
    by_question: dict[str, list[int]] = defaultdict(list)
    for i, h in enumerate(history):
        by_question[h.question_id].append(i)
    hist_vecs = embed([clean_answer(h.answer) or "-" for h in history])
    vecs = embed([clean_answer(a.answer) or "-" for a in answers])
    rows = []
    for a, vec in zip(answers, vecs, strict=True):
        idx = [i for i in by_question.get(a.question_id, []) if history[i].id != a.id]
        if not idx:
            rows.append([0.0, 0.0, 0.0, 0.5])
            continue
        sims = hist_vecs[idx] @ vec
        labels = [three_way(history[i].label) for i in idx]

        def best(cls: str, sims: np.ndarray = sims, labels: list[str] = labels) -> float:
            vals = [s for s, lab in zip(sims, labels, strict=True) if lab == cls]
            return float(max(vals)) if vals else 0.0

        top = np.argsort(-sims)[:k]
        w = np.clip(sims[top], 1e-3, None) ** 4
        vote = float(sum(w[j] for j, t in enumerate(top) if labels[t] == "correct") / w.sum())
        rows.append([best("correct"), max(best("incorrect"), best("contradictory")),
                     best("contradictory"), vote])
    return np.array(rows, dtype=np.float64)


def _labels_2way(answers: Sequence[GradedAnswer]) -> list[str]:
    return ["correct" if a.label == "correct" else "incorrect" for a in answers]


def _labels_3way(answers: Sequence[GradedAnswer]) -> list[str]:
    return [three_way(a.label) for a in answers]


class _TrainingData:
    """Features and targets of the training splits: Beetle train and the Mohler training
    questions (human average / 5 as a soft target)."""

    def __init__(self, root: Path, embed: _Embeddings, point_threshold: float) -> None:
        beetle = load_beetle(root)["train"]
        train_q, _ = mohler_split(root)
        mohler = [a for a in load_mohler(root) if a.question_id in train_q]
        self.n_beetle, self.n_mohler, self.n_mohler_questions = (
            len(beetle), len(mohler), len(train_q))
        self.point_threshold = point_threshold
        self.x = np.vstack([reference_features(beetle, embed, point_threshold),
                            reference_features(mohler, embed, point_threshold)])
        self.y = np.array([a.score for a in beetle] + [a.score / 5.0 for a in mohler])
        self.is_beetle = np.arange(len(self.y)) < len(beetle)
        questions = sorted({a.question_id for a in beetle}) + sorted(train_q)
        fold_of = {q: i % CV_FOLDS for i, q in enumerate(questions)}
        self.fold = np.array([fold_of[a.question_id] for a in [*beetle, *mohler]])

    def fit(self, mohler_weight: float, l2: float, rows: np.ndarray) -> LogisticModel:
        weight = np.where(self.is_beetle, 1.0, mohler_weight)[rows]
        keep = weight > 0
        model = fit_logistic(self.x[rows][keep], self.y[rows][keep], REFERENCE_FEATURES,
                             l2=l2, sample_weight=weight[keep])
        beetle_rows = rows & self.is_beetle
        model.threshold = best_threshold(model.probabilities(self.x[beetle_rows]),
                                         self.y[beetle_rows] > 0.5)
        return model

    def cross_validate(self, mohler_weight: float, l2: float) -> tuple[float, float]:
        """Question-grouped cross-validation: Beetle 2-way macro-F1 and Mohler Pearson."""
        f1s, rs = [], []
        for fold in range(CV_FOLDS):
            model = self.fit(mohler_weight, l2, self.fold != fold)
            held = self.fold == fold
            b, m = held & self.is_beetle, held & ~self.is_beetle
            predicted = model.probabilities(self.x[b]) >= model.threshold
            f1s.append(macro_f1(["c" if v else "i" for v in self.y[b] > 0.5],
                                ["c" if v else "i" for v in predicted]))
            rs.append(pearson(model.probabilities(self.x[m]), self.y[m]))
        return float(np.mean(f1s)), float(np.mean(rs))


CV_FOLDS = 5
CANDIDATES = [(w, l2) for w in (0.0, 0.3, 1.0) for l2 in (1.0, 10.0)]
"""(weight of a Mohler answer relative to a Beetle one, L2 penalty) tried by calibration."""
POINT_THRESHOLDS = (0.5, 0.6, 0.7)
"""Embedding similarities tried as the bar for "this key point is covered"."""


def calibrate(root: Path, embed: _Embeddings | None = None) -> GradingModel:
    """Fit the product's reference-only model on the training splits only.

    The Mohler weight, the L2 penalty and the key-point similarity bar are chosen by a
    question-grouped 5-fold
    cross-validation on the training data (mean of Beetle 2-way macro-F1 and Mohler
    Pearson); the pass threshold maximises 2-way macro-F1 on the Beetle training split."""
    embed = embed or _Embeddings()
    results: dict[tuple[float, float, float], tuple[float, float]] = {}
    datasets = {}
    for point_threshold in POINT_THRESHOLDS:
        datasets[point_threshold] = data = _TrainingData(root, embed, point_threshold)
        for weight, l2 in CANDIDATES:
            results[(point_threshold, weight, l2)] = data.cross_validate(weight, l2)
    best = max(results, key=lambda c: sum(results[c]))
    data = datasets[best[0]]
    model = data.fit(best[1], best[2], rows=np.ones(len(data.y), dtype=bool))
    f1, r = results[best]
    return GradingModel(
        point_threshold=best[0],
        short_answer=model,
        trained_on=(
            f"logistic regression on {data.n_beetle} Beetle training answers (correct=1) and "
            f"{data.n_mohler} answers to the {data.n_mohler_questions} Mohler training "
            f"questions (score/5, weight {best[1]}), L2 {best[2]}, key-point similarity bar "
            f"{best[0]}; these three chosen by "
            f"question-grouped {CV_FOLDS}-fold CV on training data (CV Beetle 2-way F1 "
            f"{f1:.3f}, Mohler r {r:.3f}); threshold = best 2-way macro-F1 on Beetle train"
        ),
    )


def evaluate(root: Path, model: GradingModel, embed: _Embeddings | None = None) -> GradingReport:
    """Measure ``model`` (and the history grader, fitted here on Beetle train) on the
    held-out data."""
    import time

    start = time.perf_counter()
    embed = embed or _Embeddings()
    beetle = load_beetle(root)
    train = beetle["train"]
    ref = model.short_answer
    report = GradingReport(calibration=model.trained_on)
    x_train = reference_features(train, embed, model.point_threshold)
    h_train = history_features(train, train, embed)
    xh_train = np.hstack([x_train, h_train])
    history_2 = fit_logistic(xh_train, np.array([a.score for a in train]),
                             REFERENCE_FEATURES + HISTORY_FEATURES)
    history_2.threshold = best_threshold(history_2.probabilities(xh_train),
                                         np.array([a.score for a in train]) > 0.5)
    three_ref = fit_softmax(x_train, _labels_3way(train), THREE_WAY)
    three_hist = fit_softmax(xh_train, _labels_3way(train), THREE_WAY)
    for split in ("UA", "UQ"):
        answers = beetle[split]
        report.counts[f"beetle_{split}"] = len(answers)
        x = reference_features(answers, embed, model.point_threshold)
        gold2, gold3 = _labels_2way(answers), _labels_3way(answers)
        pred2 = ["correct" if p >= ref.threshold and not _caught(a) else "incorrect"
                 for p, a in zip(ref.probabilities(x), answers, strict=True)]
        report.beetle[f"reference/2way/{split}"] = macro_f1(gold2, pred2)
        report.beetle[f"reference/3way/{split}"] = macro_f1(gold3, three_ref.predict(x))
        if split == "UA":
            xh = np.hstack([x, history_features(answers, train, embed)])
            pred2 = ["correct" if p >= history_2.threshold else "incorrect"
                     for p in history_2.probabilities(xh)]
            report.beetle["history/2way/UA"] = macro_f1(gold2, pred2)
            report.beetle["history/3way/UA"] = macro_f1(gold3, three_hist.predict(xh))
    report.counts["beetle_train"] = len(train)
    train_q, test_q = mohler_split(root)
    mohler = load_mohler(root)
    for name, qs in (("train", train_q), ("test", test_q)):
        part = [a for a in mohler if a.question_id in qs]
        report.counts[f"mohler_{name}"] = len(part)
        x = reference_features(part, embed, model.point_threshold)
        scores = [min(p, 0.2) if _caught(a) else p
                  for p, a in zip(ref.probabilities(x), part, strict=True)]
        r = pearson(scores, [a.score for a in part])
        if name == "test":
            report.mohler_pearson = r
        else:
            report.mohler_pearson_train = r
    from tutor.evals.adversarial_answers import adversarial_shares, map_files

    if map_files(root):
        report.adversarial = adversarial_shares(root)
    report.seconds = time.perf_counter() - start
    return report


def _caught(answer: GradedAnswer) -> bool:
    """The product grader's guards that need no sibling definitions (negation, salad)."""
    return negates(answer.answer, [answer.reference]) or keyword_salad(
        answer.answer, [answer.reference])


def default_data_root(home: Path | None = None) -> Path:
    """``../shared/eval/grading`` beside the tutor home, else beside the checkout."""
    candidates = [Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "grading"]
    if home is not None:
        candidates.insert(0, Path(home).resolve().parent / "shared" / "eval" / "grading")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def run(root: Path, recalibrate: bool = False) -> tuple[GradingReport, GradingModel]:
    """Evaluate the shipped model, or refit it on the training splits first (and record the
    held-out numbers in it; the caller saves it)."""
    from tutor.engine.offline.tutoring.answer_similarity import grading_model

    embed = _Embeddings()
    model = calibrate(root, embed) if recalibrate else grading_model()
    report = evaluate(root, model, embed)
    if recalibrate:
        model.metrics = {**report.beetle, "mohler/pearson/test": report.mohler_pearson}
    return report, model
