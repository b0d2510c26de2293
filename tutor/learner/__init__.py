"""The learner model and its store: what the tutor remembers about each learner.

- :mod:`tutor.learner.bkt`: knowledge tracing (probability that a concept is known)
- :mod:`tutor.learner.evidence`: which right answers prove mastery
- :mod:`tutor.learner.review`: FSRS spaced review of concepts
- :mod:`tutor.learner.retention`: the learner's own retention scale on FSRS's forgetting curve
- :mod:`tutor.learner.model`: the per-learner model and :func:`apply_attempt`
- :mod:`tutor.learner.store`: SQLite persistence of learners, models and attempts
"""

from tutor.learner.bkt import MASTERY, BKTParams, params_for, update_bkt
from tutor.learner.model import Attempt, ConceptMastery, LearnerModel, apply_attempt
from tutor.learner.review import new_card, rating_for, review
from tutor.learner.store import Learner, LearnerStore

__all__ = [
    "MASTERY",
    "Attempt",
    "BKTParams",
    "ConceptMastery",
    "Learner",
    "LearnerModel",
    "LearnerStore",
    "apply_attempt",
    "new_card",
    "params_for",
    "rating_for",
    "review",
    "update_bkt",
]
