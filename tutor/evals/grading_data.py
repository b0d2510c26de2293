"""Readers for the short-answer grading datasets under ``../shared/eval/grading``.

* SemEval-2013 Task 7, Beetle: ``answers.tsv`` (id, question, student answer, reference
  answer) and gold label files (train 5-way; unseen-answers and unseen-questions test sets in
  5-way and 3-way).
* Mohler UNT v2: ``data/raw/<q>`` (one answer per line, prefixed by the question id),
  ``data/raw/{questions,answers}``, ``data/scores/<q>/ave`` (human average, 0..5); the
  questions marked ``#`` in ``data/docs/files`` are left out as in the published work.

The files are read where they are, never copied into the repository.
"""

from __future__ import annotations

import csv
from pathlib import Path

from pydantic import BaseModel

from tutor.errors import TutorError

BEETLE_DIR = "semeval2013_beetle"
MOHLER_DIR = "mohler_unt_v2"


class GradedAnswer(BaseModel):
    """A student answer with its human label, from an evaluation dataset."""

    id: str
    question_id: str
    question: str
    reference: str
    answer: str
    label: str = ""
    """Beetle: the 5-way or 3-way label; Mohler: empty."""
    score: float = 0.0
    """Mohler: the human average on 0..5; Beetle: 1.0 for correct, else 0.0."""


def three_way(label_5way: str) -> str:
    """Beetle 5-way label -> 3-way (correct / contradictory / incorrect)."""
    if label_5way in ("correct", "contradictory"):
        return label_5way
    return "incorrect"


def _read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _require(path: Path) -> Path:
    if not path.exists():
        raise TutorError(
            f"{path}: evaluation data not found; put ../shared/eval beside the repository"
        )
    return path


def load_beetle(root: Path) -> dict[str, list[GradedAnswer]]:
    """Beetle answers by split: ``train`` (5-way labels), ``UA`` and ``UQ`` (5-way labels)."""
    base = _require(Path(root) / BEETLE_DIR)
    texts = {row[0]: row for row in _read_tsv(base / "answers.tsv") if len(row) == 4}
    splits: dict[str, list[GradedAnswer]] = {}
    for split, name in (
        ("train", "train_gold_5way.tsv"),
        ("UA", "test_UA_gold_5way.tsv"),
        ("UQ", "test_UQ_gold_5way.tsv"),
    ):
        answers = []
        for row in _read_tsv(base / name)[1:]:
            answer_id, question_id, label = row[0], row[1], row[-1]
            text = texts[answer_id]
            answers.append(
                GradedAnswer(
                    id=answer_id,
                    question_id=question_id,
                    question=text[1],
                    answer=text[2],
                    reference=text[3],
                    label=label,
                    score=1.0 if label == "correct" else 0.0,
                )
            )
        splits[split] = answers
    return splits


def _keyed_lines(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        key, _, text = line.partition(" ")
        if key:
            out[key] = text.strip()
    return out


def mohler_questions(root: Path) -> list[str]:
    """Ids of the Mohler questions used in the published work (``#`` lines left out)."""
    files = _require(Path(root) / MOHLER_DIR / "data" / "docs" / "files")
    lines = [line.strip() for line in files.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def load_mohler(root: Path) -> list[GradedAnswer]:
    """All 2,273 scored Mohler answers of the 81 questions in use, in question order."""
    data = Path(root) / MOHLER_DIR / "data"
    questions = _keyed_lines(_require(data / "raw" / "questions"))
    references = _keyed_lines(data / "raw" / "answers")
    answers: list[GradedAnswer] = []
    for qid in mohler_questions(root):
        lines = (data / "raw" / qid).read_text(encoding="utf-8", errors="replace").splitlines()
        scores = (data / "scores" / qid / "ave").read_text(encoding="utf-8").split()
        if len(lines) != len(scores):
            raise TutorError(f"{data / 'raw' / qid}: answers and scores differ in number")
        for n, (line, score) in enumerate(zip(lines, scores, strict=True)):
            text = line[len(qid) + 1 :] if line.startswith(qid + " ") else line
            answers.append(
                GradedAnswer(
                    id=f"{qid}.{n}",
                    question_id=qid,
                    question=questions.get(qid, ""),
                    reference=references.get(qid, ""),
                    answer=text.strip(),
                    score=float(score),
                )
            )
    return answers


def mohler_split(root: Path) -> tuple[set[str], set[str]]:
    """Training and held-out Mohler questions: alternate questions in the published order
    (the 1st, 3rd, 5th... train; the 2nd, 4th... are held out), so both halves span every
    assignment and no held-out question is seen in training."""
    ids = mohler_questions(root)
    return set(ids[0::2]), set(ids[1::2])
