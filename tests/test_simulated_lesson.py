"""The simulated lesson (``ours``) runs the lesson's own day-pool rules: the reveal after the
day's last try at an item, and the step past a prerequisite whose worked answer was shown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.factories import sampling_course
from tutor.course import Course
from tutor.evals.simulated_lesson import LessonPolicy
from tutor.learner.model import ConceptMastery, LearnerModel
from tutor.teach import exercise_pool as pool
from tutor.testing.courses import branching_course

NOW = datetime(2026, 1, 5, 9, tzinfo=UTC)


def _pooled_course() -> Course:
    """Two concepts (``pooled`` builds on ``sample``); ``sample`` has two multiple-choice items
    keyed by the same term, ``pooled`` one."""
    return sampling_course(
        ("sample-mc1", "sample", "Which term names part of a population?",
         "sample"),
        ("sample-mc2", "sample", "What do you draw to survey a few people?",
         "sample"),
        ("pooled-mc", "pooled", "Which estimate combines two samples?",
         "pooled estimate"),
    )


def test_an_item_missed_on_its_last_try_is_revealed_and_retired_with_what_the_reveal_gives_away(
) -> None:
    course = _pooled_course()
    model = LearnerModel(learner_id="simulated", course="sampling")
    policy = LessonPolicy(course)
    posed: list[str] = []
    for _ in range(3):
        assert policy.next_concept(model, NOW) == "sample"
        exercise = policy.exercise_for("sample")
        assert exercise is not None
        posed.append(exercise.id)
        policy.observe(model, "sample", False, NOW)
    # As the lesson's "Try again" (choosing.waiting_exercise): the item missed, not another;
    # after the second miss a hint on it, answered again without a new posing.
    assert posed == ["sample-mc1", "sample-mc1", "sample-mc1"]
    assert pool.times_posed(pool.today(policy.pool, NOW), "sample-mc1") == 2
    record = pool.today(policy.pool, NOW)
    # As the lesson's give-up step after the last try: the item is retired, and so is the
    # other item whose key ("sample") the worked answer shows, though never posed.
    assert pool.is_retired(record, "sample-mc1") and pool.is_retired(record, "sample-mc2")
    assert policy.askable("sample", NOW) == []


def test_the_day_goes_one_step_past_a_prerequisite_whose_answer_was_shown() -> None:
    course = branching_course()
    model = LearnerModel(learner_id="simulated", course="synthetic", concepts={
        "a0": ConceptMastery(concept_id="a0", p_known=0.3, attempts=2, correct=0,
                             last_seen=NOW, last_correct=False)})
    policy = LessonPolicy(course)
    # a0's items shown and retired for the day (a give-up, or the last try's worked answer).
    policy.retire([e.id for e in course.exercises_for("a0")], NOW)
    # As the lesson (exercise_pool.past_shown): a1, which builds on a0, comes next, rather
    # than the day ending; a2, two steps past the reveal, does not.
    assert policy.next_concept(model, NOW) == "a1"
    assert pool.past_shown(policy.pool, course, model, ["a0"], set(), NOW) == ["a1"]


def test_a_concept_on_a_long_run_is_not_opened_past_what_was_cleared() -> None:
    course = branching_course()
    model = LearnerModel(learner_id="simulated", course="synthetic", concepts={
        "a0": ConceptMastery(concept_id="a0", p_known=0.5, attempts=2, correct=1,
                             last_seen=NOW, last_correct=True)})
    policy = LessonPolicy(course)
    policy.retire([e.id for e in course.exercises_for("a0")], NOW)  # a0: all shown today
    assert policy.next_concept(model, NOW) == "a1"  # past a0, cleared (policy.past_cleared)
    policy = LessonPolicy(course)
    policy.retire([e.id for e in course.exercises_for("a0")], NOW)
    policy.run = ("a1", pool.MAX_RUN)
    # As the lesson: a concept opened, not ready, gets no comeback after a long run on it.
    assert policy.next_concept(model, NOW) is None


def test_the_textbook_order_keeps_the_lessons_day_and_its_mastery_rule() -> None:
    from tutor.evals.teaching_policies import TextbookPolicy

    course = _pooled_course()
    model = LearnerModel(learner_id="simulated", course="sampling")
    policy = TextbookPolicy(course)
    posed: list[str] = []
    while (concept := policy.next_concept(model, NOW)) is not None:
        exercise = policy.exercise_for(concept)
        assert exercise is not None and len(posed) < 9
        posed.append(exercise.id)
        policy.observe(model, concept, False, NOW)
    # Under the lesson's day, as ours: each item at most twice, the lesson's choice of item,
    # the last try's worked answer retiring the item whose key it shows; then, its concept
    # not mastered and nothing of it left today, the book is read on (``pooled``) rather than
    # the learner sent home; the day ends when no concept not mastered has anything left.
    assert posed[:3] == ["sample-mc1", "sample-mc2", "sample-mc1"]
    assert policy.askable("sample", NOW) == []
    assert posed[3:] and set(posed[3:]) == {"pooled-mc"}
    assert policy.chosen_by == "read_on"
    assert policy.askable("pooled", NOW) == []
    # The mastery rule: a new day starts again with the first concept not mastered.
    assert policy.next_concept(model, NOW + timedelta(days=1)) == "sample"
    assert policy.chosen_by == "frontier"


def test_the_textbook_order_comes_back_to_its_first_concept_not_mastered_when_it_can() -> None:
    from tutor.evals.teaching_policies import TextbookPolicy

    course = _pooled_course()
    model = LearnerModel(learner_id="simulated", course="sampling")
    policy = TextbookPolicy(course)
    assert policy.next_concept(model, NOW) == "sample"
    first = policy.exercise_for("sample")
    assert first is not None
    policy.observe(model, "sample", True, NOW)  # right: that item is not asked again today
    # ``sample`` still has its other item today: the mastery rule keeps the book there.
    assert policy.next_concept(model, NOW) == "sample"
    second = policy.exercise_for("sample")
    assert second is not None and second.id != first.id
    policy.observe(model, "sample", True, NOW)
    # Nothing of ``sample`` is left today and it is not mastered: on to ``pooled``.
    assert policy.next_concept(model, NOW) == "pooled"


def test_spending_counts_each_exercise_by_what_the_learner_knew_and_why_it_was_chosen() -> None:
    import random

    from tutor.evals.simulated_learners import SimulatedLearner
    from tutor.evals.simulated_spending import Spending

    course = branching_course()

    class Always:
        chosen_by = "past_cleared"

        def next_concept(self, model: LearnerModel, now: datetime) -> str | None:
            return "a1"  # builds on a0

        def observe(self, model: LearnerModel, concept_id: str, correct: bool,
                    now: datetime) -> None:
            return None

    learner = SimulatedLearner.draw(course, "bkt", random.Random(3))
    learner.known = dict.fromkeys(learner.known, False)
    watched = Spending(Always(), learner)  # type: ignore[arg-type]
    model = LearnerModel(learner_id="simulated", course="synthetic")
    watched.next_concept(model, NOW)  # a0 not known: a1 cannot be learnt yet
    learner.known["a0"] = True
    watched.next_concept(model, NOW + timedelta(days=1))
    learner.known["a1"] = True
    watched.next_concept(model, NOW + timedelta(days=1))
    found = watched.summary()
    assert found["blocked"] == 1 and found["learnable"] == 1 and found["known"] == 1
    assert found["blocked:past_cleared"] == 1 and found["by:past_cleared"] == 3
    assert found["exercises"] == 3 and found["days"] == 2 and found["short_days"] == 1
