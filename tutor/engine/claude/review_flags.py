"""Items flagged for the author: where Claude's verdict and the offline grader disagree strongly.

Claude grades with judgement, the offline grader by rules; when they disagree strongly on an
answer, one of them is wrong, or the exercise is ambiguous (a missing accepted spelling, an
option that could also be right), or the answer tried to talk the model into a verdict. The
Claude engine records such an answer as a :class:`ReviewFlag`; authors read them (``<data>/
review_flags.jsonl``) and fix the exercise or its accepted answers.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel

from tutor.clock import Clock, system_clock

REVIEW_FILE = "review_flags.jsonl"
STRONG_GAP = 0.6
"""Score gap (0..1) between the two graders that counts as a strong disagreement."""


class ReviewFlag(BaseModel):
    """One answer the two graders judged differently."""

    exercise_id: str
    concept_id: str
    answer: str
    claude_correct: bool
    claude_score: float
    offline_correct: bool | None
    """``None`` when the offline grader could not take the answer (no option picked)."""
    offline_score: float
    verdict: bool
    """What the learner was told."""
    learner_id: str = ""
    at: datetime | None = None
    """When it was flagged; stamped from the flags' clock when added without one."""


def strongly_disagree(claude_correct: bool, claude_score: float, offline_correct: bool | None,
                      offline_score: float) -> bool:
    """Opposite verdicts with scores far apart (or no offline verdict at all)."""
    if offline_correct is None:
        return claude_correct
    return claude_correct != offline_correct and abs(claude_score - offline_score) >= STRONG_GAP


class ReviewFlags:
    """Flags in a JSON-lines file (``path``) or in memory (``path=None``). Thread-safe."""

    def __init__(self, path: Path | None = None, *, clock: Clock = system_clock) -> None:
        self.path = path
        self.clock = clock
        self._lock = threading.Lock()
        self._memory: list[ReviewFlag] = []

    @classmethod
    def in_folder(cls, data: Path, *, clock: Clock = system_clock) -> ReviewFlags:
        return cls(Path(data) / REVIEW_FILE, clock=clock)

    def add(self, flag: ReviewFlag) -> None:
        if flag.at is None:
            flag = flag.model_copy(update={"at": self.clock()})
        with self._lock:
            if self.path is None:
                self._memory.append(flag)
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as out:
                out.write(flag.model_dump_json() + "\n")

    def all(self) -> list[ReviewFlag]:
        """Every flag, oldest first (unreadable lines are skipped)."""
        with self._lock:
            if self.path is None:
                return list(self._memory)
            if not self.path.exists():
                return []
            lines = self.path.read_text("utf-8").splitlines()
        flags = []
        for line in lines:
            try:
                flags.append(ReviewFlag.model_validate_json(line))
            except ValueError:
                continue
        return flags
