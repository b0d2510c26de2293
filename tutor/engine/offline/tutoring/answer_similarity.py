"""How close a free-text answer is to a reference answer: features and a calibrated model.

A short answer ("explain in your own words") is compared with its :class:`AnswerKey` (the
reference answer, the prompt and the key points) along a few signals: MiniLM embedding
similarity to the reference and to each key point (and to a reference that defines what the
prompt names, without that name), content-word overlap (words the prompt
already gives away count for less), negation agreement, and length. A logistic model maps the
signals to a 0..1 score; its weights and the pass threshold are fitted on labelled training
data by :mod:`tutor.evals.grading` and stored in ``tutor/assets/grading_model.json``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field
from rapidfuzz import fuzz

from tutor.negation import NEGATIONS, has_negation
from tutor.text import content_stems

MODEL_PATH = Path(__file__).resolve().parents[3] / "assets" / "grading_model.json"
MAX_ANSWER_CHARS = 2000
"""Answers are cut to this length before any processing (the embedder reads 256 tokens)."""

REFERENCE_FEATURES = [
    "emb_best",
    "emb_prompt",
    "point_coverage",
    "ref_recall",
    "new_recall",
    "precision",
    "fuzzy",
    "negation_mismatch",
    "log_length",
    "length_ratio",
    "prompt_copy",
]
"""Features computed from the answer key alone (usable for any exercise)."""

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\xa0\xad\u200b-\u200f\u2028-\u202e\ufeff\ufffd]")


def clean_answer(text: str) -> str:
    """The answer as the grader reads it: cut to length, control characters and markup out."""
    text = text[:MAX_ANSWER_CHARS]
    text = re.sub(r"<br\s*/?>", " ", text, flags=re.IGNORECASE)
    text = _UNPRINTABLE.sub(" ", text)
    return " ".join(text.split())


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def content_words(text: str) -> list[str]:
    """Stemmed words that carry meaning (stop words and negations left out)."""
    return content_stems(text, drop=NEGATIONS)


def split_points(reference: str) -> list[str]:
    """Key points of a reference answer that has none listed: its sentences and clauses."""
    parts = re.split(r"(?<=[.!?;])\s+|\s*;\s*|,\s+(?:and|but|so|because)\s+", reference.strip())
    points = [p.strip(" .;,") for p in parts if len(content_words(p)) >= 2]
    return points or [reference.strip()]


_DEFINES = re.compile(r"^\s*(?P<subject>[^.;:!?]{1,80}?)\s+(?:is|are|means|refers to)\s+"
                      r"(?P<predicate>\S.*)$", re.IGNORECASE | re.DOTALL)


def given_subject_left_out(reference: str, prompt_words: set[str]) -> str:
    """What the reference says of its subject, when the prompt names that subject ("the set of
    all outcomes of a random experiment" for "A sample space is the set …" and "Explain
    sample space in your own words"), else ``""``. The learner need not repeat the name the
    prompt gives, and in a short reference the name weighs much in the embedding."""
    match = _DEFINES.match(reference)
    if match is None:
        return ""
    subject = set(content_words(match["subject"]))
    return match["predicate"].strip() if subject and subject <= prompt_words else ""


@lru_cache(maxsize=4096)
def _vectors(texts: tuple[str, ...]) -> np.ndarray:
    from tutor.index.embeddings import embed

    return embed(list(texts))


@dataclass
class AnswerKey:
    """What a free-text answer is compared with: one exercise's reference side."""

    references: list[str]
    prompt: str = ""
    key_points: list[str] = field(default_factory=list)
    vectors: np.ndarray | None = None
    """Unit vectors: references, then the prompt, then the key points, then the
    :attr:`predicates`."""

    def __post_init__(self) -> None:
        self.references = [r for r in self.references if r.strip()] or [" "]
        self.key_points = [p for p in self.key_points if p.strip()] or split_points(
            self.references[0]
        )
        self.ref_words = [set(content_words(r)) for r in self.references]
        self.prompt_words = set(content_words(self.prompt))
        self.point_words = [set(content_words(p)) for p in self.key_points]
        self.negated = [has_negation(r) for r in self.references]
        self.ref_lengths = [max(len(content_words(r)), 1) for r in self.references]
        self.predicates = [p for r in self.references
                           if (p := given_subject_left_out(r, self.prompt_words))]
        """The references that define what the prompt names, without that name."""

    def texts(self) -> list[str]:
        return [*self.references, self.prompt or " ", *self.key_points, *self.predicates]

    def ensure_vectors(self) -> np.ndarray:
        if self.vectors is None:
            self.vectors = _vectors(tuple(self.texts()))
        return self.vectors

    def split(
        self, vectors: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """References, prompt, key points, predicates."""
        n, points = len(self.references), len(self.key_points)
        return (vectors[:n], vectors[n], vectors[n + 1 : n + 1 + points],
                vectors[n + 1 + points :])


@dataclass
class AnswerSignals:
    """The features of one answer plus which key points it covered."""

    values: dict[str, float]
    matched: list[int]
    missing: list[int]


def answer_signals(
    key: AnswerKey, answer: str, vector: np.ndarray, point_threshold: float
) -> AnswerSignals:
    """Features of ``answer`` (already cleaned) whose unit embedding is ``vector``."""
    refs, prompt_vec, point_vecs, predicates = key.split(key.ensure_vectors())
    ref_sims = refs @ vector
    predicate_sims = predicates @ vector if len(predicates) else np.zeros(0)
    best = int(np.argmax(ref_sims))
    words = content_words(answer)
    answer_set = set(words)
    ref_set = key.ref_words[best]
    new_words = ref_set - key.prompt_words
    point_sims = point_vecs @ vector if len(point_vecs) else np.zeros(0)
    matched: list[int] = []
    for i, pw in enumerate(key.point_words):
        overlap = len(pw & answer_set) / len(pw) if pw else 0.0
        if point_sims[i] >= point_threshold or overlap >= 0.6:
            matched.append(i)
    missing = [i for i in range(len(key.key_points)) if i not in matched]
    n_ref = key.ref_lengths[best]
    values = {
        "emb_best": max(float(ref_sims[best]), float(point_sims.max(initial=-1.0)),
                        float(predicate_sims.max(initial=-1.0))),
        "emb_prompt": float(prompt_vec @ vector) if key.prompt.strip() else 0.0,
        "point_coverage": len(matched) / max(len(key.key_points), 1),
        "ref_recall": len(answer_set & ref_set) / max(len(ref_set), 1),
        "new_recall": (
            len(answer_set & new_words) / len(new_words)
            if new_words
            else len(answer_set & ref_set) / max(len(ref_set), 1)
        ),
        "precision": (
            len(answer_set & (ref_set | key.prompt_words)) / len(answer_set) if answer_set else 0.0
        ),
        "fuzzy": fuzz.token_sort_ratio(answer.lower(), key.references[best].lower()) / 100.0,
        "negation_mismatch": float(has_negation(answer) != key.negated[best]),
        "log_length": math.log1p(len(words)),
        "length_ratio": min(len(words) / n_ref, 3.0),
        "prompt_copy": (
            len(answer_set & key.prompt_words) / len(answer_set) if answer_set else 0.0
        ),
    }
    return AnswerSignals(values=values, matched=matched, missing=missing)


class LogisticModel(BaseModel):
    """A standardised logistic regression over named features."""

    features: list[str]
    mean: list[float]
    scale: list[float]
    weights: list[float]
    bias: float
    threshold: float = 0.5
    """Scores at or above this count as correct (chosen on training data)."""

    def probability(self, values: dict[str, float]) -> float:
        x = np.array([values[f] for f in self.features], dtype=np.float64)
        z = (x - np.array(self.mean)) / np.array(self.scale)
        logit = float(z @ np.array(self.weights) + self.bias)
        return 1.0 / (1.0 + math.exp(-max(min(logit, 40.0), -40.0)))

    def probabilities(self, matrix: np.ndarray) -> np.ndarray:
        z = (matrix - np.array(self.mean)) / np.array(self.scale)
        return 1.0 / (1.0 + np.exp(-np.clip(z @ np.array(self.weights) + self.bias, -40, 40)))


class GradingModel(BaseModel):
    """The calibrated short-answer model, as stored in ``grading_model.json``."""

    version: int = 1
    point_threshold: float = 0.6
    """Embedding similarity at which a key point counts as covered."""
    short_answer: LogisticModel
    """Reference-only model: P(correct) from :data:`REFERENCE_FEATURES`."""
    trained_on: str = ""
    """Which training data fitted it, and how."""
    metrics: dict[str, float] = Field(default_factory=dict)
    """Held-out numbers measured when the file was written."""

    def save(self, path: Path = MODEL_PATH) -> None:
        path.write_text(json.dumps(self.model_dump(mode="json"), indent=2) + "\n", "utf-8")


@lru_cache(maxsize=1)
def grading_model() -> GradingModel:
    """The shipped calibrated model (loaded once)."""
    return GradingModel.model_validate_json(MODEL_PATH.read_text(encoding="utf-8"))


@dataclass
class ShortAnswerScore:
    score: float
    correct: bool
    signals: AnswerSignals


def score_answer(
    key: AnswerKey, answer: str, model: GradingModel | None = None
) -> ShortAnswerScore:
    """Score one cleaned, non-empty answer against its key with the calibrated model."""
    model = model or grading_model()
    vector = _vectors((answer,))[0]
    signals = answer_signals(key, answer, vector, model.point_threshold)
    probability = model.short_answer.probability(signals.values)
    return ShortAnswerScore(
        score=probability, correct=probability >= model.short_answer.threshold, signals=signals
    )


def signal_matrix(rows: Sequence[dict[str, float]], names: Sequence[str]) -> np.ndarray:
    return np.array([[row[n] for n in names] for row in rows], dtype=np.float64)
