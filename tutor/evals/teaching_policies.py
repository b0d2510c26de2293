"""The teaching policies a simulated learner can be taught with (``tutor eval simulate``).

``ours`` is the lesson's own policy (:class:`tutor.evals.simulated_lesson.LessonPolicy`);
``textbook`` and ``random`` are the baselines it is compared with. The textbook baseline's
attempts carry no exercise origin: it runs on knowledge tracing alone, as it always has.
"""

from __future__ import annotations

import random
from datetime import datetime
from typing import Literal, Protocol

from tutor.course import Course
from tutor.evals.simulated_lesson import LessonPolicy
from tutor.learner.model import LearnerModel

PolicyName = Literal["ours", "textbook", "random"]
POLICIES: tuple[PolicyName, ...] = ("ours", "textbook", "random")


class TeachingPolicy(Protocol):
    def next_concept(self, model: LearnerModel, now: datetime) -> str | None: ...

    def observe(
        self, model: LearnerModel, concept_id: str, correct: bool, now: datetime
    ) -> None: ...


class TextbookPolicy:
    """Teaching order with the mastery rule; a review pass in order once all is mastered."""

    def __init__(self, course: Course) -> None:
        self.order = course.teaching_order()
        self.review_at = 0

    def next_concept(self, model: LearnerModel, now: datetime) -> str | None:
        for concept_id in self.order:
            if not model.is_mastered(concept_id):
                return concept_id
        concept_id = self.order[self.review_at % len(self.order)]
        self.review_at += 1
        return concept_id

    def observe(self, model: LearnerModel, concept_id: str, correct: bool, now: datetime) -> None:
        return None


class RandomPolicy:
    """A random concept not yet mastered (any concept once all are)."""

    def __init__(self, course: Course, rng: random.Random) -> None:
        self.ids = [c.id for c in course.concepts]
        self.rng = rng

    def next_concept(self, model: LearnerModel, now: datetime) -> str | None:
        open_ids = [cid for cid in self.ids if not model.is_mastered(cid)]
        return self.rng.choice(open_ids or self.ids)

    def observe(self, model: LearnerModel, concept_id: str, correct: bool, now: datetime) -> None:
        return None


def make_policy(name: PolicyName, course: Course, rng: random.Random) -> TeachingPolicy:
    if name == "ours":
        return LessonPolicy(course)
    if name == "textbook":
        return TextbookPolicy(course)
    if name == "random":
        return RandomPolicy(course, rng)
    raise ValueError(f"unknown policy {name!r}; use one of {POLICIES}")
