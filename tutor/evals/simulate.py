"""Simulated learners taught by each teaching policy (runs of ``tutor eval simulate``).

Each policy teaches the same simulated learners (same seeds, see
:mod:`tutor.evals.simulated_learners`) through the real learner model: every answer goes
through :func:`tutor.learner.model.apply_attempt`, and a concept counts as done when the model
says it is mastered. Policies:

``ours``
    What a lesson does (:class:`tutor.evals.simulated_lesson.LessonPolicy`): the policy's
    choice (reviews whose recall dropped, then the frontier, then other due reviews) among
    concepts with something left to ask today, and :func:`tutor.teach.policy.route_after_grade`
    after every answer (stay on the concept after a wrong answer, step back to a prerequisite
    after repeated ones and return after a right answer there, rest a concept after repeated
    errors), with the day's exercise pool of :mod:`tutor.teach.exercise_pool`. When nothing is
    left to ask today the session ends until the next day. Hints are not simulated. Its
    attempts carry their exercise's origin and whether it tests use (as a lesson records
    them), so the evidence rule of :mod:`tutor.learner.evidence` holds; a right answer is never *weak* here (an exercise
    takes two minutes, past the exposure window).
``textbook``
    The first concept in ``course.teaching_order()`` that the model does not consider mastered
    and that has something left to ask today (when the first one has nothing left today, the
    book is read on in order); when all are mastered, a review pass through the book in order,
    one exercise per concept. Its attempts carry no origin (knowledge tracing alone).
``random``
    A random concept the model does not consider mastered; when all are, a random concept.

Every policy runs under the lesson's day (:class:`tutor.evals.simulated_day.SimulatedDay`):
the day's exercise pool (an item posed at most twice a day, not again once right, retired with
its worked answer after its last try) and the lesson's choice of the exercise within a
concept, so that the policies differ only in which concept they choose. Every policy teaches
on while something is left to ask today (the audit's rule for a lesson: a learner is not sent
home after two questions); in the families that never forget, a day of rest would cost nothing
and go uncounted, so a baseline that rested would be spared what going on costs ours.

Simulated time: an exercise takes two minutes, a session holds at most 20 exercises, and the
next session starts a day after the previous one. A run ends when the hidden state knows every
concept, or at the cap of exercises (the run is then *censored*), or after 60 idle days. Runs
of the families whose learners forget (:data:`MEASURED_AT_CAP`) always go on to the cap, and
the comparison is then of the share of concepts not known after it (``unknown_at_end``): the
same effort for both policies, judged by what it left.

Metrics per learner: exercises until the hidden state knows every concept (censored runs count
at the cap), share of concepts truly known after ``N = 2 * concepts`` exercises (1.0 for a run
that reached full mastery sooner), over-practice (exercises on concepts the learner already
truly knew, reviews included), and the share known at the end. Concepts without exercises
cannot be practised and are left out (:func:`teachable_course`).

How the policies are compared (paired by learner), and how to read the results:
:mod:`tutor.evals.policy_comparison`.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel

from tutor.course import Course
from tutor.errors import CourseError
from tutor.evals.simulated_learners import Family, SimulatedLearner
from tutor.evals.statistics import (
    Estimate,
    mean_ci,
    share_ci,
)
from tutor.evals.teaching_policies import (
    PolicyName,
    TeachingPolicy,
    make_policy,
)
from tutor.learner.model import Attempt, LearnerModel, apply_attempt
from tutor.teach.teaching_material import teachable

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
EXERCISE_TIME = timedelta(minutes=2)
SESSION_EXERCISES = 20
MAX_IDLE_DAYS = 60
CAP_PER_CONCEPT = 40
"""The exercise cap of a run is this times the number of concepts."""
MEASURED_AT_CAP: frozenset[Family] = frozenset({"forgetting", "spacing"})
"""Families whose learners forget, so whose runs always spend the whole exercise cap (the same
effort for both policies) and are judged by what is known after its last exercise: a learner
who forgets almost never knows a whole course at once (on the sample course, 95% of the
textbook order's runs of these families stopped at the cap; on forall x every run of both
policies did, and compared equal)."""


class LearnerRun(BaseModel):
    """What happened to one simulated learner under one policy."""

    exercises_to_mastery: int | None
    """Exercises until the hidden state knew every concept; None when censored."""
    exercises: int
    """Exercises given in the run."""
    learned_after_n: float
    over_practice: int
    final_share: float


class SimulationResult(BaseModel):
    """One policy on one simulator family over many learners."""

    family: Family
    policy: PolicyName
    n_learners: int
    seed: int
    n_concepts: int
    cap: int
    n_check: int
    """N of "share learned after N exercises"."""
    whole_cap: bool = False
    """Every run spent the whole cap (families in :data:`MEASURED_AT_CAP`); else runs went on
    to full true mastery or the cap."""
    runs: list[LearnerRun]
    exercises: Estimate
    """Exercises to full true mastery (censored runs counted at the cap)."""
    censored: int
    learned_after_n: Estimate
    over_practice: Estimate
    final_share: Estimate


def teachable_course(course: Course) -> Course:
    """The course restricted to concepts that have exercises, prerequisite edges bridged
    (A -> X -> B becomes A -> B): the same course the lessons teach
    (:func:`tutor.teach.teaching_material.teachable`)."""
    return teachable(course)


def run_learner(
    course: Course,
    learner: SimulatedLearner,
    policy: TeachingPolicy,
    rng: random.Random,
    cap: int,
    n_check: int,
    whole_cap: bool = False,
) -> LearnerRun:
    """Teach one simulated learner with ``policy`` until full true mastery or the cap; with
    ``whole_cap``, until the cap whatever is known along the way (``final_share`` is then
    what is known after the cap's last exercise)."""
    slug = course.slug or "course"
    model = LearnerModel(learner_id="simulated", course=slug)
    exercises_by_concept = {c.id: course.exercises_for(c.id) for c in course.concepts}
    used: dict[str, int] = {}
    tracks_evidence = bool(getattr(policy, "tracks_evidence", False))
    now, session_start, in_session = START, START, 0
    given = over_practice = idle_days = 0
    learned_after_n = learner.share_known()
    done_at: int | None = 0 if learner.knows_all() else None
    def going_on() -> bool:
        stop_at_mastery = done_at is not None and not whole_cap
        return not stop_at_mastery and given < cap and idle_days <= MAX_IDLE_DAYS

    while going_on():
        concept_id = policy.next_concept(model, now) if in_session < SESSION_EXERCISES else None
        if concept_id is None:
            if in_session == 0:
                idle_days += 1
            session_start += timedelta(days=1)
            learner.elapse((session_start - now).total_seconds() / 86400.0, rng)
            now, in_session = session_start, 0
            continue
        idle_days = 0
        choices = exercises_by_concept[concept_id]
        chosen = getattr(policy, "exercise_for", None)
        exercise = (chosen(concept_id) if chosen else None) or choices[
            used.get(concept_id, 0) % len(choices)]
        used[concept_id] = used.get(concept_id, 0) + 1
        over_practice += learner.knows(concept_id)
        correct = learner.answer(exercise, rng)
        learner.practise(concept_id, rng, exercise)
        attempt = Attempt(
            id=f"{given}",
            learner_id=model.learner_id,
            course=slug,
            concept_id=concept_id,
            exercise_id=exercise.id,
            answer="",
            correct=correct,
            score=1.0 if correct else 0.0,
            at=now,
            origin=exercise.origin.value if tracks_evidence else "",
            tests_use=exercise.tests_use if tracks_evidence else None,
        )
        model = apply_attempt(
            model, course, attempt, exercise.kind, len(exercise.choices or [])
        )
        policy.observe(model, concept_id, correct, now)
        given += 1
        in_session += 1
        learner.elapse(EXERCISE_TIME.total_seconds() / 86400.0, rng)
        now += EXERCISE_TIME
        if given == n_check:
            learned_after_n = learner.share_known()
        if done_at is None and learner.knows_all():
            done_at = given
    if given < n_check:
        learned_after_n = learner.share_known() if done_at is None else 1.0
    return LearnerRun(
        exercises_to_mastery=done_at,
        exercises=given,
        learned_after_n=learned_after_n,
        over_practice=over_practice,
        final_share=learner.share_known(),
    )


def simulate(
    course: Course,
    family: Family,
    policy: PolicyName,
    n_learners: int = 200,
    seed: int = 7,
    prerequisites: dict[str, list[str]] | None = None,
) -> SimulationResult:
    """Run ``policy`` on ``n_learners`` simulated learners of ``family``.

    Learner ``i`` is the same for every policy: its traits, starting state and random stream
    come from ``(seed, family, i)``. ``prerequisites`` are the learners' true ones (concept id
    -> ids it needs), default the course's.
    """
    course = teachable_course(course)
    if not course.concepts:
        raise CourseError("the course has no exercises to simulate; build its exercises first")
    try:
        course.teaching_order()
    except ValueError as exc:
        raise CourseError(
            "the course's prerequisite edges contain a cycle; fix the graph and rebuild"
        ) from exc
    n = len(course.concepts)
    cap, n_check = CAP_PER_CONCEPT * n, 2 * n
    whole_cap = family in MEASURED_AT_CAP
    runs = []
    for index in range(n_learners):
        learner = SimulatedLearner.draw(course, family, random.Random(f"{seed}:{family}:{index}"),
                                        prerequisites)
        rng = random.Random(f"{seed}:{family}:{index}:answers")
        chooser = make_policy(policy, course, random.Random(f"{seed}:{family}:{index}:policy"))
        runs.append(run_learner(course, learner, chooser, rng, cap, n_check, whole_cap))
    return SimulationResult(
        family=family,
        policy=policy,
        n_learners=n_learners,
        seed=seed,
        n_concepts=n,
        cap=cap,
        n_check=n_check,
        whole_cap=whole_cap,
        runs=runs,
        exercises=mean_ci([counted_exercises(r, cap) for r in runs]),
        censored=sum(r.exercises_to_mastery is None for r in runs),
        learned_after_n=share_ci([r.learned_after_n for r in runs]),
        over_practice=mean_ci([float(r.over_practice) for r in runs]),
        final_share=share_ci([r.final_share for r in runs]),
    )


def counted_exercises(run: LearnerRun, cap: int) -> float:
    """Exercises the run took to full true mastery, a censored run counted at the cap."""
    return float(run.exercises_to_mastery if run.exercises_to_mastery is not None else cap)
