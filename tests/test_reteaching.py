"""After a shown answer with nothing of the concept left to ask today: a step back the same day
to a prerequisite still being learnt, taught again and asked with an item not posed today
(the lesson, and its replay for simulated learners)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.factories import COURSE, Driver, make_course, seed
from tutor.course import Course, Exercise, ExerciseKind
from tutor.evals.simulated_lesson import LessonPolicy
from tutor.learner.model import ConceptMastery, LearnerModel
from tutor.teach.choosing import choose_exercise
from tutor.teach.exercise_pool import posed, saved, today
from tutor.teach.reteaching import fresh_items, step_back_after_reveal
from tutor.testing.courses import branching_course

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


WHY = Exercise(
    id="array-why", concept_id="array", kind=ExerciseKind.MULTIPLE_CHOICE,
    prompt="What lets an array reach its tenth element as fast as its first?",
    answer="address arithmetic", choices=["address arithmetic", "a search", "a hash"])
"""An item of array whose key neither its name nor its definition holds."""


def _one_item_sorting() -> Course:
    """The demo course with sorting down to one item (its choice): a reveal leaves nothing of
    it to ask that day; array has a third item, which its explanation does not give away."""
    course = make_course()
    return course.model_copy(update={"exercises": [
        e for e in course.exercises if e.id != "sorting-tf"] + [WHY]})


def _learning(p_known: float, day: datetime) -> dict:
    """A concept right once on ``day``, held short of mastery for want of proof."""
    return {"p_known": p_known, "attempts": 1, "correct": 1, "last_seen": day,
            "last_correct": True, "origins": ["definition"], "first_right_at": day,
            "evidence_tracked": True}


def test_after_a_reveal_the_lesson_steps_back_to_a_prerequisite_with_a_fresh_item(
    tmp_path: Path,
) -> None:
    driver = Driver(tmp_path, course=_one_item_sorting())
    yesterday = datetime.now(UTC) - timedelta(days=1)
    seed(driver.store, "ana", array=_learning(0.92, yesterday))  # ready, not proven
    driver.start()
    assert driver.exercise.id == "sorting-mc"
    reply = driver.act("give_up")
    kinds = [m.kind for m in reply]
    assert kinds[0] == "reveal" and kinds[1] == "explanation"  # sorting taught again
    # Nothing of sorting left today: back to array, which it builds on, with an item of it not
    # posed today, rather than on to other material (the hash table was ready too).
    step = next(m for m in reply if m.kind == "info" and "builds on" in m.text)
    assert "**array**" in step.text and "**sorting**" in step.text
    assert driver.exercise.concept_id == "array"
    assert kinds[-1] == "exercise" and kinds[-2] == "explanation"
    assert driver.values["reason"] == "step_back" and driver.values["return_to"] == []
    assert all(m.kind != "done" for m in reply)


def test_only_items_not_posed_today_and_only_prerequisites_not_mastered() -> None:
    course = _one_item_sorting()
    model = LearnerModel(learner_id="ana", course=COURSE, concepts={
        "array": ConceptMastery(concept_id="array", **_learning(0.92, NOW - timedelta(days=1))),
    })
    # The cloze and array-why answered right on an earlier day; the choice asked once today,
    # missed.
    before = {"exercise_log": {"array-cloze": [3, 1], "array-why": [2, 1]},
              "pace": {"day": "2026-03-01"}}
    record = posed(today(before, NOW), "array-mc")  # type: ignore[arg-type]
    state = {**before, **saved(before, record)}  # type: ignore[arg-type]
    assert [e.id for e in fresh_items(state, course, "array", NOW)] == [  # type: ignore[arg-type]
        "array-cloze", "array-why"]
    assert step_back_after_reveal(state, course, model, NOW, "sorting") == "array"  # type: ignore[arg-type]
    # Only array-why counts: the cloze's key ("array") is its name, which the step back shows.
    plain = make_course()
    assert step_back_after_reveal(state, plain, model, NOW, "sorting") is None  # type: ignore[arg-type]
    # The lesson asks among those only, though the item asked today ranks first otherwise
    # (the others were answered right before).
    assert choose_exercise(state, course, "array", NOW).id == "array-mc"  # type: ignore[arg-type,union-attr]
    fresh = fresh_items(state, course, "array", NOW)  # type: ignore[arg-type]
    assert choose_exercise(state, course, "array", NOW, fresh).id == "array-why"  # type: ignore[arg-type,union-attr]
    both = {**before, **saved(before, posed(record, "array-why"))}  # type: ignore[arg-type]
    assert step_back_after_reveal(both, course, model, NOW, "sorting") is None  # type: ignore[arg-type]
    known = model.model_copy(update={"concepts": {"array": ConceptMastery(
        concept_id="array", p_known=0.99, attempts=3, correct=3, recalled_later=True,
        evidence_tracked=True)}})
    assert step_back_after_reveal(state, course, known, NOW, "sorting") is None  # type: ignore[arg-type]
    # A prerequisite whose every item the concept's explanation (taught again) shows: none.
    told = {**state, "explanation": {"text": "an array, by address arithmetic"}}
    assert step_back_after_reveal(told, course, model, NOW, "sorting") is None  # type: ignore[arg-type]


def test_the_replay_steps_back_after_a_reveal_as_the_lesson_does() -> None:
    course = branching_course()  # a0 -> a1 -> a2 ..., a1 -> b1
    yesterday = NOW - timedelta(days=1)
    model = LearnerModel(learner_id="simulated", course="synthetic", concepts={
        "a0": ConceptMastery(concept_id="a0", p_known=0.99, attempts=3, correct=3,
                             recalled_later=True, evidence_tracked=True),
        "a1": ConceptMastery(concept_id="a1", **_learning(0.92, yesterday)),
        "a2": ConceptMastery(concept_id="a2", p_known=0.3, attempts=1, last_seen=yesterday),
    })
    policy = LessonPolicy(course)
    policy.retire(["b1-mc"], NOW)  # b1 down to its true/false today
    assert policy.next_concept(model, NOW) == "b1"
    # Missed: a binary item is not asked again, so that was its last try today: the worked
    # answer, and nothing of b1 left today.
    policy.observe(model, "b1", False, NOW)
    assert policy.askable("b1", NOW) == []
    # Not a2 (the policy's next choice, least known), but a1, which b1 builds on, with an item
    # not posed today.
    assert policy.next_concept(model, NOW) == "a1"
    assert policy.chosen_by == "reveal_step_back"
    exercise = policy.exercise_for("a1")
    assert exercise is not None and exercise.id in {"a1-mc", "a1-tf"}
