"""The learner model: what the tutor believes one learner knows in one course.

Per concept: the knowledge-tracing probability (:mod:`tutor.learner.bkt`), attempts, last seen,
an FSRS card for spaced review (:mod:`tutor.learner.review`) and the misconceptions observed.
Per learner: the explanation styles that worked or did not, the time spent, and a short
running summary. :func:`apply_attempt` is the one way the model learns from an answer; it is
pure and returns a new model.

Evidence spread: a wrong answer on a concept whose direct prerequisite is weak (not known well
enough to build on, :func:`builds_on`) is also evidence against that prerequisite: its
``p_known`` is multiplied by ``1 - PREREQUISITE_SPREAD`` (0.1: small, because the answer is
mainly about the concept itself). A prerequisite held at
:data:`~tutor.learner.evidence.READY` only for want of proof keeps its belief: its own answers
put it there (held below what knowledge tracing says), and one miss on what builds on it would
otherwise undo that and send the lesson back to re-teach it. A right answer never changes a
prerequisite, so no prerequisite reaches mastery without evidence of its own.

Per learner, the recall record (:mod:`tutor.learner.retention`) scales FSRS's forgetting
curve: :meth:`LearnerModel.recall` and :meth:`LearnerModel.due_reviews` use it.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field, field_validator

from tutor.clock import as_utc
from tutor.course import Course, ExerciseKind
from tutor.errors import LearnerError
from tutor.learner import evidence
from tutor.learner import retention as retaining
from tutor.learner.bkt import MASTERY, MAX_GUESS, BKTParams, params_for, update_bkt
from tutor.learner.evidence import READY, reviewed_today
from tutor.learner.review import new_card, rating_for, review

PREREQUISITE_SPREAD = 0.1
"""Relative drop of a weak prerequisite's ``p_known`` when a dependent concept is failed."""
P_INIT = BKTParams().p_init
"""Belief that an unseen concept is known."""
HINT_GUESS = 0.1
"""Each hint used adds this much to the guess probability of a right answer (capped at 0.3)."""


class ConceptMastery(BaseModel):
    """What the tutor believes about one concept for one learner."""

    concept_id: str
    p_known: float = Field(default=P_INIT, ge=0.0, le=1.0)
    """BKT probability that the learner knows the concept."""
    attempts: int = 0
    correct: int = 0
    last_seen: datetime | None = None
    last_correct: bool = False
    """The latest answer on the concept was right (not given up)."""
    card: dict | None = None
    """FSRS card (``fsrs.Card.to_dict()``); None until the first attempt."""
    due: datetime | None = None
    """When the concept is next due for review (UTC); None until the first attempt."""
    misconceptions: dict[str, int] = Field(default_factory=dict)
    """Misconception text -> times it was observed."""
    origins: list[str] = Field(default_factory=list)
    """Origins of the exercises answered right on the first try, not straight after their
    sentence was shown (:mod:`tutor.learner.evidence`)."""
    first_right_at: datetime | None = None
    """When such an answer was first given."""
    recalled_later: bool = False
    """Such an answer was given again on a later day: a recall."""
    used: bool | None = None
    """Such an answer was given to an item that tests use of the idea
    (:attr:`tutor.course.Exercise.tests_use`); None in records kept before the judgement, read
    then as "an origin beyond the definition" (:func:`tutor.learner.evidence.used`)."""
    recalls: int = 0
    """First tries on a later day than the concept was last seen, when it was then known well
    enough to build on, that were right: the learner remembered
    (:func:`tutor.learner.evidence.recall_record`)."""
    lapses: int = 0
    """Such first tries that were wrong: forgotten (or a slip)."""
    evidence_tracked: bool = False
    """Attempts on this concept carry their exercise's origin, so the evidence rule holds it
    short of mastery until proven (attempts without one, e.g. simulated, are not held)."""

    @property
    def mastered(self) -> bool:
        return self.p_known >= MASTERY


def builds_on(mastery: ConceptMastery) -> bool:
    """Known well enough to build on: mastered, or held at
    :data:`~tutor.learner.evidence.READY` only for want of proof of mastery."""
    return mastery.mastered or (mastery.p_known >= READY and not evidence.proven(mastery)
                                and bool(mastery.evidence_tracked))


class Attempt(BaseModel):
    """One graded answer. ``id`` is the idempotency key: recording it twice changes nothing."""

    id: str
    """uuid4 hex."""
    learner_id: str
    course: str
    concept_id: str
    exercise_id: str
    answer: str
    correct: bool
    score: float = Field(ge=0.0, le=1.0)
    hints_used: int = Field(default=0, ge=0)
    gave_up: bool = False
    style: str = ""
    """The explanation style in force when the learner answered."""
    misconception: str = ""
    """The misconception the answer suggests, if any."""
    at: datetime
    """When the answer was given (UTC)."""
    seconds: float = Field(default=0.0, ge=0.0)
    """Time the learner spent on the exercise."""
    origin: str = ""
    """The exercise's origin (``definition``, ``example``...); empty when not known, which
    exempts the attempt from the evidence rule (:mod:`tutor.learner.evidence`)."""
    first_try: bool = True
    """The learner's first answer to this exercise since it was posed."""
    weak: bool = False
    """Answered within seconds of being shown the sentence it tests: weak evidence."""
    tests_use: bool | None = None
    """The exercise tests use of the idea, not recognition of a sentence
    (:attr:`tutor.course.Exercise.tests_use`); None when not known (older records), read
    then as "an origin beyond the definition"."""

    @field_validator("at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return as_utc(value)


class LearnerModel(BaseModel):
    """The tutor's memory of one learner in one course."""

    learner_id: str
    course: str
    concepts: dict[str, ConceptMastery] = Field(default_factory=dict)
    styles: dict[str, dict[str, int]] = Field(default_factory=dict)
    """Explanation style -> {"worked": n, "failed": n}."""
    summary: str = ""
    """A short running summary of the learner, refreshed after every attempt."""
    time_spent_seconds: float = 0.0
    retention: retaining.RetentionRecord = Field(default_factory=retaining.RetentionRecord)
    """The learner's recall record, as the evidence for how well they retain
    (:mod:`tutor.learner.retention`)."""
    read: dict[str, datetime] = Field(default_factory=dict)
    """Concepts the lesson taught with no exercise on them (the course has none): concept id
    -> when first read. Read is not mastered (mastery needs evidence); a read concept only
    lets what builds on it be taught after it (:mod:`tutor.teach.reading`)."""

    def mastery(self, concept_id: str) -> ConceptMastery:
        """The belief about ``concept_id``; a fresh default when the concept was never seen."""
        found = self.concepts.get(concept_id)
        return found if found is not None else ConceptMastery(concept_id=concept_id)

    def p_known(self, concept_id: str) -> float:
        found = self.concepts.get(concept_id)
        return found.p_known if found is not None else P_INIT

    def is_mastered(self, concept_id: str) -> bool:
        return self.p_known(concept_id) >= MASTERY

    def is_read(self, concept_id: str) -> bool:
        """Whether ``concept_id`` was taught by reading only (no exercise on it)."""
        return concept_id in self.read

    def with_read(self, concept_id: str, at: datetime) -> LearnerModel:
        """A new model with ``concept_id`` read at ``at`` (the first reading is kept)."""
        if concept_id in self.read:
            return self
        return self.model_copy(update={"read": {**self.read, concept_id: as_utc(at)}})

    def standing(self, concept_id: str) -> str:
        """How far the learner is with ``concept_id``, as the progress views say it:
        ``mastered``, ``practising`` (answered, not mastered), ``read`` (taught with no
        exercise on it: read, not checked) or ``not started``."""
        if self.is_mastered(concept_id):
            return "mastered"
        if self.mastery(concept_id).attempts:
            return "practising"
        return "read" if self.is_read(concept_id) else "not started"

    def is_ready(self, concept_id: str) -> bool:
        """Known well enough to build on (:func:`builds_on`)."""
        found = self.concepts.get(concept_id)
        return found is not None and builds_on(found)

    def retention_scale(self) -> float:
        """How much longer (or shorter) than FSRS's average learner this learner remembers
        (:func:`tutor.learner.retention.scale`; 1.0 until their record says otherwise)."""
        return self.retention.estimate

    def recall(self, concept_id: str, now: datetime) -> float:
        """Predicted recall of ``concept_id`` at ``now`` for this learner (FSRS's curve at
        the learner's retention scale); 0 when it cannot be predicted."""
        return retaining.recall(self.mastery(concept_id).card, now, self.retention_scale())

    def next_review(self, concept_id: str) -> datetime | None:
        """When ``concept_id`` is next due for review for this learner: FSRS's interval at
        the learner's retention scale (None until the first attempt)."""
        found = self.mastery(concept_id)
        return retaining.due(found.card, found.due, self.retention_scale())

    def due_reviews(self, now: datetime) -> list[str]:
        """Practised concepts whose review is due at ``now`` (:meth:`next_review`), most
        overdue first."""
        now = as_utc(now)
        due = []
        for cid, m in self.concepts.items():
            at = self.next_review(cid) if m.attempts > 0 else None
            if at is not None and as_utc(at) <= now:
                due.append((as_utc(at), cid))
        return [cid for _, cid in sorted(due)]

    def record_style(self, style: str, worked: bool) -> LearnerModel:
        """A new model with one more outcome counted for an explanation style."""
        styles = {name: dict(counts) for name, counts in self.styles.items()}
        counts = styles.setdefault(style, {"worked": 0, "failed": 0})
        outcome = "worked" if worked else "failed"
        counts[outcome] = counts.get(outcome, 0) + 1
        return self.model_copy(update={"styles": styles})

    def preferred_styles(self) -> list[str]:
        """Styles ordered from most to least helpful (smoothed success rate)."""

        def rate(name: str) -> float:
            counts = self.styles[name]
            return (counts.get("worked", 0) + 1) / (
                counts.get("worked", 0) + counts.get("failed", 0) + 2
            )

        return sorted(self.styles, key=lambda name: (-rate(name), name))


def apply_attempt(
    model: LearnerModel,
    course: Course,
    attempt: Attempt,
    kind: ExerciseKind | str,
    n_choices: int = 0,
) -> LearnerModel:
    """The model after one graded attempt (pure: ``model`` is not changed).

    BKT update of the concept (a right answer after hints counts as weaker evidence: each hint
    raises the guess probability; a right answer straight after its sentence was shown is
    treated as a guess), held short of mastery until proven (:mod:`tutor.learner.evidence`),
    an FSRS review for a first try (one per card per day), the misconception counted, the
    evidence spread to weak prerequisites, and the summary refreshed.
    """
    if attempt.learner_id != model.learner_id or attempt.course != model.course:
        raise LearnerError(
            f"attempt of {attempt.learner_id!r} in {attempt.course!r} does not belong to the model "
            f"of {model.learner_id!r} in {model.course!r}; load the right learner model"
        )
    correct = attempt.correct and not attempt.gave_up
    params = params_for(kind, n_choices)
    if correct and attempt.hints_used:
        guess = min(MAX_GUESS, params.p_guess + HINT_GUESS * attempt.hints_used)
        params = params.model_copy(update={"p_guess": guess})
    if correct and attempt.weak:
        params = params.model_copy(update={"p_guess": MAX_GUESS})

    concepts = dict(model.concepts)  # entries are replaced, never changed in place
    before = concepts.get(attempt.concept_id) or ConceptMastery(concept_id=attempt.concept_id)
    card, due = before.card, before.due
    if card is None or (attempt.first_try and not reviewed_today(card, attempt.at)):
        card, due = review(card or new_card(attempt.at),
                           rating_for(correct, attempt.hints_used, attempt.gave_up), attempt.at)
    misconceptions = dict(before.misconceptions)
    if attempt.misconception:
        misconceptions[attempt.misconception] = misconceptions.get(attempt.misconception, 0) + 1
    recalled = evidence.recall_record(before, attempt)
    proof = before.model_copy(update={**evidence.with_evidence(before, attempt), **recalled})
    record = model.retention
    if recalled:  # a later-day first try: a trial of how well this learner retains
        record = retaining.observe(record, before.card, attempt.at, "recalls" in recalled,
                                   params_for(kind, n_choices).p_guess)
    concepts[attempt.concept_id] = proof.model_copy(
        update={
            "p_known": evidence.held(update_bkt(before.p_known, correct, params), proof, attempt),
            "attempts": before.attempts + 1,
            "correct": before.correct + (1 if correct else 0),
            "last_seen": attempt.at,
            "last_correct": correct,
            "card": card,
            "due": due,
            "misconceptions": misconceptions,
            "evidence_tracked": proof.evidence_tracked or bool(attempt.origin),
        }
    )
    if not correct:
        for prerequisite in course.prerequisites_of(attempt.concept_id):
            belief = concepts.get(prerequisite) or ConceptMastery(concept_id=prerequisite)
            if not builds_on(belief):
                concepts[prerequisite] = belief.model_copy(
                    update={"p_known": belief.p_known * (1.0 - PREREQUISITE_SPREAD)}
                )
    updated = model.model_copy(
        update={
            "concepts": concepts,
            "time_spent_seconds": model.time_spent_seconds + attempt.seconds,
            "retention": record,
        }
    )
    return updated.model_copy(update={"summary": summarize(updated, course)})


def summarize(model: LearnerModel, course: Course) -> str:
    """A short running summary: progress, what is being worked on, struggles, preferences."""
    names = {c.id: c.name for c in course.concepts}
    # A concept never practised is not mastered: only the learner's own concepts are looked at.
    mastered = [cid for cid in model.concepts if cid in names and model.is_mastered(cid)]
    parts = [f"Mastered {len(mastered)} of {len(names)} concepts."]
    working = [
        m for cid, m in model.concepts.items() if cid in names and m.attempts and not m.mastered
    ]
    if working:
        weakest = sorted(working, key=lambda m: (m.p_known, m.concept_id))[:3]
        parts.append("Working on: " + ", ".join(names[m.concept_id] for m in weakest) + ".")
    seen: dict[str, int] = {}
    for m in model.concepts.values():
        for text, count in m.misconceptions.items():
            seen[text] = seen.get(text, 0) + count
    if seen:
        top = sorted(seen.items(), key=lambda item: (-item[1], item[0]))[:2]
        parts.append("Misconceptions seen: " + "; ".join(text for text, _ in top) + ".")
    styles = model.preferred_styles()
    if styles:
        parts.append(f"Explanations that help most: {styles[0]}.")
    return " ".join(parts)
