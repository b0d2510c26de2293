"""Calibration of the defining-sentence classifier on labelled sentences of real books.

Labels come from the teacher's maps in ``../shared/eval/concepts/<book>_map.json`` (README
section 2b): for every map concept, the sentences that mention it in the first passages that
do (the sentences :func:`tutor.engine.offline.definitions.defining.choose_definition` weighs) are
positive when they sit on the map's definition page or one of its alternative pages and share
content words with the map's definition (the annotator's paraphrase; for Think Python also the
book's own glossary entry), negative otherwise. Pages a glossary or the front and back matter cover give no sentence.

The weights of :data:`tutor.engine.offline.definitions.defining.WEIGHTS` are fitted by a class-balanced,
L2-regularised logistic regression over the classifier's features. Held out: for each of the
three books, the weights are fitted on the other two and the third is scored:

- ``auc``: the chance a positive sentence scores above a negative one;
- ``top_on_page``: of the map concepts with at least one positive, the share whose
  best-scoring sentence is a positive (the hand weights are scored the same way).

Run: ``.venv/bin/python bench/defining_calibration.py`` (prints JSON, writes
``bench/results/defining_calibration.json``); ``--all`` also prints the weights fitted on all
three books, which is how the shipped weights were set.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from concept_map import BOOKS, EVAL, cached_chunks, load_map  # noqa: E402

from tutor.engine.offline.concepts.book_matter import matter_chunks  # noqa: E402
from tutor.engine.offline.concepts.extract import read_sentences  # noqa: E402
from tutor.engine.offline.definitions import defining  # noqa: E402
from tutor.engine.offline.definitions.patterns import definitions_in  # noqa: E402
from tutor.engine.offline.terms import MentionIndex, term_key  # noqa: E402
from tutor.engine.offline.tutoring.answer_similarity import content_words  # noqa: E402
from tutor.text import normalize  # noqa: E402

RESULTS = REPO / "bench" / "results" / "defining_calibration.json"
NAMES = list(defining.WEIGHTS)
"""Features, in the order of the weight vector."""
L2 = 0.002
MIN_OVERLAP = 0.2
"""Share of a sentence's content words found in the reference definitions, for a positive."""


def labelled(book: str) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per map concept: the feature rows of its candidate sentences and their labels."""
    gold = load_map(book)
    chunks = cached_chunks(EVAL / "pdfs" / f"{book}.pdf")
    reference = matter_chunks(chunks)
    sentences, _ = read_sentences(chunks)
    keep = [i for i, s in enumerate(sentences) if s.chunk not in reference
            and "glossary" not in s.section.lower()]
    by_chunk: dict[int, list[int]] = {}
    for i in keep:
        by_chunk.setdefault(sentences[i].chunk, []).append(i)
    texts = [normalize(c.text) for c in chunks]
    keys = {term_key(c["name"]) for c in gold["concepts"]}
    glossary: dict[str, str] = {}
    if (EVAL / "concepts" / f"{book}_glossary.jsonl").exists():
        for line in (EVAL / "concepts" / f"{book}_glossary.jsonl").read_text().splitlines():
            row = json.loads(line)
            glossary[term_key(row["term"])] = row["definition"]
    index = MentionIndex(texts, keys)
    groups = []
    for item in gold["concepts"]:
        key = term_key(item["name"])
        good = {item["definition_page"], *item.get("alt_definition_pages", [])}
        reference_words = set(content_words(item["definition"] + " " + glossary.get(key, "")))
        mentioned = sorted(i for i in index.counts(key) if i not in reference)
        rows, labels = [], []
        for chunk in mentioned[: defining.MENTION_CHUNKS]:
            for position in by_chunk.get(chunk, []):
                sentence = sentences[position]
                if " " + key + " " not in " " + " ".join(term_key(sentence.text).split()) + " ":
                    continue
                strength = max((d.strength for d in definitions_in(sentence.text, chunk, position)
                                if term_key(d.term) == key), default=0.0)
                emphasized = any(term_key(t) == key for t in chunks[chunk].emphasized)
                option = defining.Candidate(sentence.text, sentence.section, strength, emphasized)
                values = defining.features(item["name"], option)
                rows.append([values[name] for name in NAMES])
                words = set(content_words(sentence.text)) - set(key.split())
                overlap = len(words & reference_words) / max(1, len(words))
                labels.append(1.0 if chunks[chunk].page in good and overlap >= MIN_OVERLAP
                              else 0.0)
        if rows:
            groups.append((np.array(rows), np.array(labels)))
    return groups


def fit(groups: list[tuple[np.ndarray, np.ndarray]], steps: int = 3000) -> np.ndarray:
    """Class-balanced logistic regression by gradient descent: weights, then the bias."""
    x = np.vstack([g[0] for g in groups])
    y = np.concatenate([g[1] for g in groups])
    x = np.hstack([x, np.ones((len(x), 1))])
    balance = np.where(y == 1, 0.5 / max(1.0, y.sum()), 0.5 / max(1.0, (1 - y).sum()))
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ ((p - y) * balance) + L2 * np.r_[w[:-1], 0.0]
        w -= 1.0 * grad
    return w


def evaluate(groups: list[tuple[np.ndarray, np.ndarray]], w: np.ndarray) -> dict[str, float]:
    pos, neg, top = [], [], []
    for rows, labels in groups:
        scores = rows @ w[: rows.shape[1]]
        pos += scores[labels == 1].tolist()
        neg += scores[labels == 0].tolist()
        if labels.any():
            top.append(bool(labels[int(np.argmax(scores))]))
    p, n = np.array(pos), np.array(neg)
    auc = float(((p[:, None] > n[None, :]).mean() + 0.5 * (p[:, None] == n[None, :]).mean())
                if len(p) and len(n) else 0.0)
    return {"auc": round(auc, 3), "top_on_page": round(sum(top) / max(1, len(top)), 3),
            "sentences": len(p) + len(n), "positives": len(p)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--all", action="store_true", help="print weights fitted on all books")
    args = parser.parse_args()
    data = {b: labelled(b) for b in BOOKS}
    hand = np.array([defining.WEIGHTS[name] for name in NAMES] + [0.0])
    out: dict[str, Any] = {"rotations": {}}
    for held_out in BOOKS:
        tuned = [b for b in BOOKS if b != held_out]
        w = fit([g for b in tuned for g in data[b]])
        out["rotations"][held_out] = {
            "calibrated_on": tuned,
            "fitted": evaluate(data[held_out], w),
            "hand_weights": evaluate(data[held_out], hand),
        }
    if args.all:
        w = fit([g for b in BOOKS for g in data[b]])
        out["weights_all_books"] = {n: round(float(v), 2) for n, v in zip([*NAMES, "bias"], w,
                                                                          strict=True)}
    text = json.dumps(out, indent=2)
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
