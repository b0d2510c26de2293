"""When nothing ready is left today, a concept the learner missed today is taught again another
way with an item not posed today (or its missing prerequisite first), rather than the day
ending (``reteaching.teach_again_today``): the lesson's choice, its ask step, and its replay for
simulated learners, which agree on a scripted run."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.factories import Driver, sampling_course
from tutor.course import Course, Exercise, ExerciseKind
from tutor.engine.port import ExplanationStyle
from tutor.evals.simulated_lesson import LessonPolicy
from tutor.learner.model import ConceptMastery, LearnerModel
from tutor.teach import exercise_pool as pool
from tutor.teach.choosing import pick_style
from tutor.teach.reteaching import REASON, missed_today, teach_again_today

NOW = datetime(2026, 1, 5, 9, tzinfo=UTC)


def _course() -> Course:
    """``pooled`` builds on ``sample``; ``sample`` has one item, ``pooled`` two whose keys
    differ (the worked answer of one does not give the other away)."""
    return sampling_course(
        ("sample-mc", "sample", "Which term names part of a population?",
         "sample"),
        ("pooled-mc", "pooled", "Which estimate combines two samples?",
         "pooled estimate"),
        ("pooled-why", "pooled", "Why combine two samples into one estimate?",
         "less variance"),
    )


def _model(sample_right: bool = True) -> LearnerModel:
    """``sample`` answered today (right: opened ``pooled`` past it, not yet ready), ``pooled``
    tried today and missed."""
    return LearnerModel(learner_id="simulated", course="sampling", concepts={
        "sample": ConceptMastery(concept_id="sample", p_known=0.5, attempts=1,
                                 correct=int(sample_right), last_seen=NOW,
                                 last_correct=sample_right),
        "pooled": ConceptMastery(concept_id="pooled", p_known=0.2, attempts=2, correct=0,
                                 last_seen=NOW, last_correct=False)})


def _day(course: Course, retired: list[str], posed: list[str] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    """A lesson state whose day's pool has ``posed`` posed once and ``retired`` retired."""
    state: dict[str, Any] = {"exercise_log": {}, "pace": {}}
    record = pool.today(state, NOW)  # type: ignore[arg-type]
    for exercise_id in [*retired, *posed]:
        record = pool.posed(record, exercise_id)
    record = pool.retire(record, retired)
    return {**state, **pool.saved(state, record)}  # type: ignore[arg-type]


def test_a_concept_missed_today_with_an_unseen_item_is_taught_again() -> None:
    course = _course()
    model = _model()
    # sample right and used up; pooled's first item missed on its last try (revealed, retired)
    state = _day(course, ["sample-mc", "pooled-mc"])
    assert missed_today(model, course, NOW) == ["pooled"]

    def worth(cid: str) -> bool:
        return pool.worth_asking(state, course, model, NOW, cid)  # type: ignore[arg-type]

    assert teach_again_today(state, course, model, NOW, set(), worth) == "pooled"  # type: ignore[arg-type]
    # The lesson's choice: nothing ready is left (sample used up, pooled tried and missed, so
    # not opened again past sample): pooled again, another way, not the end of the day.
    step, _ = pool.choose_concept_today(state, course, model, NOW)  # type: ignore[arg-type]
    assert (step.concept_id, step.reason) == ("pooled", REASON)
    # Never the item revealed (retired), nor the one just answered: with its only other item
    # just answered, the day ends; posed once earlier today and missed, it is asked again.
    spent = {**_day(course, ["sample-mc", "pooled-mc"], ["pooled-why"]),
             "exercise_id": "pooled-why"}
    assert teach_again_today(spent, course, model, NOW, set(), worth, "pooled-why") is None  # type: ignore[arg-type]
    step, _ = pool.choose_concept_today(spent, course, model, NOW)  # type: ignore[arg-type]
    assert step.reason == "done"
    assert teach_again_today(spent, course, model, NOW, set(), worth, "sample-mc") == "pooled"  # type: ignore[arg-type]
    # Nor one posed the day's maximum.
    twice = _day(course, ["sample-mc", "pooled-mc"], ["pooled-why", "pooled-why"])
    assert teach_again_today(twice, course, model, NOW, set(), worth) is None  # type: ignore[arg-type]
    # Not a concept resting (in skip), nor one whose latest answer was right.
    assert teach_again_today(state, course, model, NOW, {"pooled"}, worth) is None  # type: ignore[arg-type]
    right = model.model_copy(update={"concepts": {**model.concepts, "pooled": ConceptMastery(
        concept_id="pooled", p_known=0.4, attempts=2, correct=1, last_seen=NOW,
        last_correct=True)}})
    assert teach_again_today(state, course, right, NOW, set(), worth) is None  # type: ignore[arg-type]


def test_for_a_concept_not_ready_its_missing_prerequisite_with_an_unseen_item_comes_first(
) -> None:
    course = _course().model_copy(update={"exercises": [*_course().exercises, Exercise(
        id="sample-why", concept_id="sample", kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt="Why survey a few people instead of everyone?", answer="it costs less",
        choices=["it costs less", "it is exact", "it is required", "it is faster to print"])]})
    model = _model()
    state = _day(course, ["sample-mc", "pooled-mc"])

    def worth(cid: str) -> bool:
        return pool.worth_asking(state, course, model, NOW, cid)  # type: ignore[arg-type]

    # pooled is not ready: sample, which it builds on, has an item not posed today.
    assert teach_again_today(state, course, model, NOW, set(), worth) == "sample"  # type: ignore[arg-type]


def test_the_ask_step_teaches_it_another_way_with_an_item_not_posed_today() -> None:
    course = _course()
    state = {"concept_id": "pooled", "reason": REASON, "styles_tried": []}
    model = LearnerModel(learner_id="simulated", course="sampling")
    # From what it builds on (it has a prerequisite), not the definition shown first.
    assert pick_style(state, course, model) is ExplanationStyle.PREREQUISITES  # type: ignore[arg-type]
    root = {"concept_id": "sample", "reason": REASON, "styles_tried": []}
    assert pick_style(root, course, model) is ExplanationStyle.SIMPLER  # type: ignore[arg-type]


def test_the_replay_teaches_it_again_as_the_lesson_does() -> None:
    course = _course()
    model = _model()
    policy = LessonPolicy(course)
    policy.retire(["sample-mc", "pooled-mc"], NOW)
    assert policy.next_concept(model, NOW) == "pooled"
    assert policy.chosen_by == REASON
    exercise = policy.exercise_for("pooled")
    assert exercise is not None and exercise.id == "pooled-why"  # never the one revealed
    policy.observe(model, "pooled", False, NOW)
    policy.retire(["pooled-why"], NOW)
    assert policy.next_concept(model, NOW) is None  # no unseen item left, no prerequisite


def _lesson_state(policy: LessonPolicy) -> dict[str, Any]:
    """The replay's day as a lesson state: the exercise log, the pacing (posed count, run,
    resting)."""
    run = list(policy.run)
    return {**policy.pool, "transcript": [], "pace": {
        **pool.pace(policy.pool), "asked": policy.asked, "run": run,
        "resting": dict(policy.resting)}}


def test_the_lesson_and_its_replay_choose_alike_on_a_scripted_run() -> None:
    """The replay's choices (when no move of the last answer decides) are the lesson's own
    (:func:`exercise_pool.choose_concept_today`) on the same day, through a scripted run that
    ends with a concept missed today taught again."""
    from tutor.learner.model import Attempt, apply_attempt

    course = _three_item_course()
    policy = LessonPolicy(course)
    model = LearnerModel(learner_id="simulated", course="sampling")
    script = [True, False, False, False, False, False]
    chosen: list[tuple[str, str]] = []
    for turn, correct in enumerate(script):
        if policy.focus is None:
            step, _ = pool.choose_concept_today(_lesson_state(policy), course, model, NOW)  # type: ignore[arg-type]
            concept_id = policy.next_concept(model, NOW)
            assert concept_id == step.concept_id
            if concept_id is None:
                break
            assert (policy.chosen_by == REASON) == (step.reason == REASON)
        else:
            concept_id = policy.next_concept(model, NOW)
            assert concept_id is not None
        exercise = policy.exercise_for(concept_id)
        assert exercise is not None
        chosen.append((exercise.id, policy.chosen_by))
        attempt = Attempt(id=str(turn), learner_id="simulated", course="sampling",
                          concept_id=concept_id, exercise_id=exercise.id, answer="",
                          correct=correct, score=float(correct), at=NOW,
                          origin=exercise.origin.value)
        model = apply_attempt(model, course, attempt, exercise.kind, 4)
        policy.observe(model, concept_id, correct, NOW)
    # pooled-mc missed twice (its "Try again"), its worked answer, pooled-why after it, missed:
    # pooled rests, the step back to sample has nothing left today, nothing is ready. The day
    # goes on: pooled taught again with its item not yet posed, then with pooled-why (not the
    # item just answered), each within the day's two posings.
    assert chosen == [("sample-mc", "frontier"), ("pooled-mc", "past_cleared"),
                      ("pooled-mc", "again"), ("pooled-why", "again"), ("pooled-use", REASON),
                      ("pooled-why", REASON)]
    assert all(n <= pool.MAX_POSES_PER_DAY for n in policy.times.values())


def test_the_lesson_teaches_a_concept_missed_today_again_rather_than_end_the_day(
    tmp_path: Path,
) -> None:
    """Through the teach graph: sample right (it opens pooled), pooled's first item missed to
    its worked answer, its second missed too: pooled rests, nothing is ready. The lesson says
    it goes over pooled once more, another way, and asks an item of it other than the one just
    answered, rather than sending the learner home."""
    course = _three_item_course()
    driver = Driver(tmp_path, course=course)
    driver.start()
    assert driver.exercise.id == "sample-mc"
    driver.answer_right()
    assert driver.exercise.concept_id == "pooled"
    seen: list[str] = [driver.exercise.id]
    replies: list[Any] = []
    for _ in range(8):
        wrong = next(c for c in driver.exercise.choices or [] if c != driver.exercise.answer)
        replies = driver.act("answer", wrong)
        if driver.values.get("reason") == REASON or driver.values.get("exercise_id") is None:
            break
        seen.append(driver.exercise.id)
    assert all(m.kind != "done" for m in replies)
    assert any(m.kind == "info" and "once more, another way" in m.text for m in replies)
    assert driver.values["reason"] == REASON and driver.exercise.concept_id == "pooled"
    shown = [m.text for m in driver.said if m.kind == "reveal"]
    revealed = {e for e in seen if any(course.exercise(e).answer in text for text in shown)}
    assert revealed  # an item of pooled had its worked answer shown today
    assert driver.exercise.id != seen[-1] and driver.exercise.id not in revealed


def _three_item_course() -> Course:
    return _course().model_copy(update={"exercises": [*_course().exercises, Exercise(
        id="pooled-use", concept_id="pooled", kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt="Two surveys of 50 people each: what gives one estimate from both?",
        answer="pooling them", choices=["pooling them", "a census", "a histogram", "a mode"])]})
