"""Per-course analytics for authors: where learners stall and which wrong answers are common.

Works on the attempts of all learners of a course (``LearnerStore.course_attempts``); reports
counts only, never who answered what.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from pydantic import BaseModel, Field

from tutor.course import Course


class ConceptStall(BaseModel):
    concept_id: str
    name: str
    learners: int
    attempts: int
    wrong: int
    gave_up: int
    error_rate: float


class CommonWrongAnswer(BaseModel):
    exercise_id: str
    concept_id: str
    prompt: str
    answer: str
    """The wrong answer as typed or chosen (normalised to lower case)."""
    count: int
    misconception: str = ""


class CourseAnalytics(BaseModel):
    learners: int = 0
    attempts: int = 0
    stalls: list[ConceptStall] = Field(default_factory=list)
    """Concepts ordered by how often learners fail them (most first)."""
    wrong_answers: list[CommonWrongAnswer] = Field(default_factory=list)


def course_analytics(course: Course, attempts: Iterable[object], top: int = 10) -> CourseAnalytics:
    """Aggregate attempts (objects with the fields of ``tutor.learner.model.Attempt``)."""
    names = {c.id: c.name for c in course.concepts}
    prompts = {e.id: e.prompt for e in course.exercises}
    per_concept: dict[str, dict[str, int]] = defaultdict(lambda: Counter())
    concept_learners: dict[str, set[str]] = defaultdict(set)
    wrong: Counter[tuple[str, str, str]] = Counter()
    misconception: dict[tuple[str, str, str], str] = {}
    learners: set[str] = set()
    total = 0
    for attempt in attempts:
        concept_id = str(getattr(attempt, "concept_id", ""))
        if concept_id not in names:
            continue
        total += 1
        learner = str(getattr(attempt, "learner_id", ""))
        learners.add(learner)
        concept_learners[concept_id].add(learner)
        stats = per_concept[concept_id]
        stats["attempts"] += 1
        if getattr(attempt, "gave_up", False):
            stats["gave_up"] += 1
        elif not getattr(attempt, "correct", False):
            stats["wrong"] += 1
            text = " ".join(str(getattr(attempt, "answer", "")).lower().split())[:200]
            if text:
                key = (str(getattr(attempt, "exercise_id", "")), concept_id, text)
                wrong[key] += 1
                if getattr(attempt, "misconception", ""):
                    misconception[key] = str(attempt.misconception)  # type: ignore[attr-defined]
    stalls = [
        ConceptStall(
            concept_id=cid, name=names[cid], learners=len(concept_learners[cid]),
            attempts=s["attempts"], wrong=s["wrong"], gave_up=s["gave_up"],
            error_rate=(s["wrong"] + s["gave_up"]) / s["attempts"] if s["attempts"] else 0.0,
        )
        for cid, s in per_concept.items()
    ]
    stalls.sort(key=lambda s: (-(s.wrong + s.gave_up), -s.error_rate, s.concept_id))
    common = [
        CommonWrongAnswer(exercise_id=ex, concept_id=cid, prompt=prompts.get(ex, ""), answer=ans,
                          count=n, misconception=misconception.get((ex, cid, ans), ""))
        for (ex, cid, ans), n in wrong.most_common(top)
    ]
    return CourseAnalytics(learners=len(learners), attempts=total, stalls=stalls[:top],
                           wrong_answers=common)
