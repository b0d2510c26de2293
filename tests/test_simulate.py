"""Simulated-learner evaluation: learners, policies on the same learners, metrics, CLI."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tutor.cli.main import main
from tutor.course import Prerequisite
from tutor.evals.policy_comparison import compare
from tutor.evals.simulate import (
    make_policy,
    run_learner,
    simulate,
    teachable_course,
)
from tutor.evals.simulated_learners import SimulatedLearner
from tutor.evals.statistics import mean_ci, paired_reduction
from tutor.testing.courses import IDS
from tutor.testing.courses import branching_course as synthetic_course


def test_learning_needs_the_prerequisites() -> None:
    course = synthetic_course()
    learner = SimulatedLearner.draw(course, "bkt", random.Random(1))
    learner.traits = learner.traits.model_copy(update={"p_learn": 1.0})
    rng = random.Random(2)
    blocked = 0
    for _ in range(1000):
        learner.known = {cid: False for cid in IDS}
        learner.practise("a1", rng)  # a0 unknown: learning happens 5% of the time only
        blocked += learner.knows("a1")
    assert 20 < blocked < 90
    learner.known = {cid: False for cid in IDS}
    learner.practise("a0", rng)
    learner.practise("a1", rng)
    assert learner.knows("a0") and learner.knows("a1")


def test_forgetting_family_forgets_and_bkt_family_does_not() -> None:
    course = synthetic_course()
    forgetting = SimulatedLearner.draw(course, "forgetting", random.Random(3))
    remembering = SimulatedLearner.draw(course, "bkt", random.Random(3))
    for learner in (forgetting, remembering):
        learner.known = {cid: True for cid in IDS}
        learner.strength = {cid: 1.0 for cid in IDS}
        learner.elapse(30.0, random.Random(4))
    assert forgetting.share_known() < 0.5
    assert remembering.share_known() == 1.0
    assert 0.1 <= forgetting.traits.slip <= 0.2 and remembering.traits.slip <= 0.1


def test_answers_follow_the_hidden_state() -> None:
    course = synthetic_course()
    learner = SimulatedLearner.draw(course, "bkt", random.Random(5))
    exercise = course.exercise("a0-cloze")
    rng = random.Random(6)
    learner.known["a0"] = True
    knowing = sum(learner.answer(exercise, rng) for _ in range(400))
    learner.known["a0"] = False
    guessing = sum(learner.answer(exercise, rng) for _ in range(400))
    assert knowing > 340 and guessing < 30


def test_same_seed_same_result_and_same_learners_across_policies() -> None:
    course = synthetic_course()
    first = simulate(course, "bkt", "ours", n_learners=8, seed=11)
    again = simulate(course, "bkt", "ours", n_learners=8, seed=11)
    assert first == again
    other_seed = simulate(course, "bkt", "ours", n_learners=8, seed=12)
    assert other_seed.runs != first.runs
    drawn = [
        SimulatedLearner.draw(course, "bkt", random.Random(f"11:bkt:{i}")) for i in range(3)
    ]
    assert len({learner.traits.p_learn for learner in drawn}) == 3


def test_metrics_are_in_range() -> None:
    result = simulate(synthetic_course(), "bkt", "textbook", n_learners=6, seed=3)
    assert result.n_concepts == 10 and result.n_check == 20 and result.cap == 400
    assert not result.whole_cap  # runs go on to full true mastery or the cap
    for run in result.runs:
        assert 0.0 <= run.learned_after_n <= 1.0 and 0.0 <= run.final_share <= 1.0
        assert 0 <= run.over_practice <= run.exercises <= result.cap
        if run.exercises_to_mastery is not None:
            assert run.exercises_to_mastery == run.exercises and run.final_share == 1.0
    assert result.censored == sum(r.exercises_to_mastery is None for r in result.runs)
    assert result.exercises.low <= result.exercises.mean <= result.exercises.high


def test_forgetting_runs_spend_the_whole_cap_and_are_judged_by_what_is_known_after_it() -> None:
    course = synthetic_course()
    result = simulate(course, "forgetting", "textbook", n_learners=6, seed=3)
    assert result.whole_cap
    for run in result.runs:
        # the same effort for every policy, going on after full true mastery (which
        # forgetting can undo)
        assert run.exercises == result.cap
        if run.exercises_to_mastery is not None:
            assert run.exercises_to_mastery < run.exercises
    report = compare(course, n_learners=6, seed=3, families=("forgetting",))
    (comparison,) = report.comparisons
    assert comparison.measure == "unknown_at_end"
    ours, book = (next(r for r in report.results if r.policy == name)
                  for name in ("ours", "textbook"))
    assert all(run.exercises == ours.cap for run in ours.runs)
    unknown_ours = sum(1 - r.final_share for r in ours.runs)
    unknown_book = sum(1 - r.final_share for r in book.runs)
    assert comparison.reduction.mean == pytest.approx(1 - unknown_ours / unknown_book)
    better = sum(o.final_share > b.final_share for o, b in zip(ours.runs, book.runs, strict=True))
    assert comparison.share_better.mean == pytest.approx(better / 6)


def test_our_policy_beats_random_order() -> None:
    course = synthetic_course()
    ours = simulate(course, "bkt", "ours", n_learners=12, seed=7)
    rand = simulate(course, "bkt", "random", n_learners=12, seed=7)
    # Measured: 120.3 exercises against 160.4 (the policy run as a lesson runs it).
    assert ours.exercises.mean < 0.8 * rand.exercises.mean
    assert ours.learned_after_n.mean > rand.learned_after_n.mean
    assert ours.final_share.mean >= rand.final_share.mean


def test_teachable_course_bridges_concepts_without_exercises() -> None:
    course = synthetic_course()
    course = course.model_copy(
        update={"exercises": [e for e in course.exercises if e.concept_id != "a1"]}
    )
    teachable = teachable_course(course)
    assert "a1" not in {c.id for c in teachable.concepts}
    edges = {(p.prerequisite, p.concept) for p in teachable.prerequisites}
    assert {("a0", "a2"), ("a0", "b1")} <= edges
    assert all("a1" not in edge for edge in edges)


def test_statistics() -> None:
    estimate = mean_ci([1.0, 2.0, 3.0, 4.0])
    # sd = sqrt(5/3) = 1.290994; se = 0.645497; half-width = 1.959964 * 0.645497 = 1.265151
    assert estimate.mean == pytest.approx(2.5)
    assert estimate.high - estimate.mean == pytest.approx(1.265151, abs=1e-6)
    reduction, difference = paired_reduction([8.0, 9.0, 7.0, 8.0], [10.0, 10.0, 10.0, 10.0])
    assert reduction.mean == pytest.approx(0.2) and difference.mean == pytest.approx(2.0)
    assert reduction.low <= 0.2 <= reduction.high and difference.low > 0


def test_compare_reports_every_family_and_policy() -> None:
    report = compare(synthetic_course(), n_learners=2, seed=1)
    assert {(r.family, r.policy) for r in report.results} == {
        (f, p) for f in ("bkt", "forgetting", "spacing") for p in ("ours", "textbook", "random")
    }
    assert [c.family for c in report.comparisons] == ["bkt", "forgetting", "spacing"]
    for comparison in report.comparisons:
        assert 0.0 <= comparison.share_better.mean + comparison.share_worse <= 1.0
        gain = comparison.final_share_gain
        assert gain is not None and -1.0 <= gain.low <= gain.mean <= gain.high <= 1.0


def test_cli_json_and_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "synthetic"
    folder.mkdir()
    (folder / "course.json").write_text(synthetic_course().to_json(), encoding="utf-8")
    args = ["eval", "simulate", str(folder), "--learners", "2", "--seed", "2"]
    assert main([*args, "--family", "bkt", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["n_learners"] == 2 and len(report["results"]) == 3
    assert "runs" not in report["results"][0]
    assert main([*args, "--family", "forgetting"]) == 0
    out = capsys.readouterr().out
    assert "textbook" in out and "forgetting" in out


def test_cli_unknown_course_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "simulate", "no-such-course", "--learners", "1"]) == 2
    assert "course.json" in capsys.readouterr().err


def test_our_policy_steps_back_rests_and_returns_like_the_teach_graph() -> None:
    from datetime import UTC, datetime

    from tutor.evals.simulated_lesson import LessonPolicy
    from tutor.learner.model import ConceptMastery, LearnerModel

    course = synthetic_course()
    now = datetime(2026, 1, 5, 9, tzinfo=UTC)
    model = LearnerModel(
        learner_id="simulated",
        course="synthetic",
        concepts={cid: ConceptMastery(concept_id=cid, p_known=0.99) for cid in ("a0", "a1")},
    )
    policy = LessonPolicy(course)
    assert policy.next_concept(model, now) == "a2"
    for _ in range(2):  # prerequisites known and never practised: not stepped back to
        policy.observe(model, "a2", False, now)
        assert policy.next_concept(model, now) == "a2"
    policy.observe(model, "a2", False, now)  # third error in a row: a2 rests
    assert policy.next_concept(model, now) != "a2"
    # a1 weakened (wrong answers on a2 are evidence against it): step back to it, then return.
    weak = model.model_copy(update={"concepts": {
        **model.concepts, "a1": ConceptMastery(concept_id="a1", p_known=0.8)}})
    policy = LessonPolicy(course)
    assert policy.next_concept(weak, now) == "a1"  # the weakest first anyway
    policy = LessonPolicy(course)
    policy.current = None
    policy.observe(weak, "a2", False, now)
    assert policy.next_concept(weak, now) == "a2"  # first error: explained again
    policy.observe(weak, "a2", False, now)
    assert policy.next_concept(weak, now) == "a1"  # repeated: the prerequisite not known
    policy.observe(model, "a1", True, now)  # right on the prerequisite: back to a2
    assert policy.return_to == [] and policy.next_concept(model, now) == "a2"


def test_our_policy_does_not_step_back_to_a_prerequisite_used_up_today() -> None:
    from datetime import UTC, datetime

    from tutor.evals.simulated_lesson import LessonPolicy
    from tutor.learner.model import ConceptMastery, LearnerModel

    course = synthetic_course()
    now = datetime(2026, 1, 5, 9, tzinfo=UTC)
    weak = LearnerModel(learner_id="simulated", course="synthetic", concepts={
        "a0": ConceptMastery(concept_id="a0", p_known=0.99),
        "a1": ConceptMastery(concept_id="a1", p_known=0.8)})
    policy = LessonPolicy(course)
    policy.retire([e.id for e in course.exercises_for("a1")], now)  # a1: nothing left today
    for _ in range(2):
        policy.observe(weak, "a2", False, now)
    # As the teach graph (exercise_pool.leaves_concept): no step back to a1 today, and a2
    # does not wait on the return stack to come back after some later right answer.
    assert policy.return_to == [] and policy.focus is None
    policy.observe(weak, "a2", False, now)  # third miss: a2 rests
    assert policy.return_to == [] and "a2" in policy._resting_now()


def test_the_check_of_what_blocks_asks_worth_asking_once_per_concept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from datetime import UTC, datetime, timedelta

    from tutor.evals import simulated_lesson
    from tutor.evals.simulated_lesson import LessonPolicy
    from tutor.learner.model import ConceptMastery, LearnerModel
    from tutor.learner.review import new_card, rating_for, review

    course = synthetic_course()
    now = datetime(2026, 1, 5, 9, tzinfo=UTC)
    card, due = review(new_card(now - timedelta(days=3)), rating_for(True), now - timedelta(days=3))
    a0 = ConceptMastery(concept_id="a0", p_known=0.99, attempts=2, correct=2, card=card, due=due,
                        last_seen=now - timedelta(days=3))
    model = LearnerModel(learner_id="simulated", course="synthetic", concepts={"a0": a0})
    policy = LessonPolicy(course)
    policy.retire([e.id for e in course.exercises_for("a1")], now)  # a1: nothing left today
    asked: list[str] = []
    real = LessonPolicy.worth_asking

    def counting(self: LessonPolicy, model: LearnerModel, concept_id: str,
                 at: datetime) -> list:
        asked.append(concept_id)
        return real(self, model, concept_id, at)

    monkeypatch.setattr(simulated_lesson.LessonPolicy, "worth_asking", counting)
    assert policy.next_concept(model, now) == "a0"  # the faded prerequisite of a1, checked
    assert asked.count("a0") == 1


def test_our_policy_asks_each_exercise_at_most_twice_a_day_and_not_again_once_right() -> None:
    from datetime import UTC, datetime, timedelta

    from tutor.evals.simulated_lesson import LessonPolicy
    from tutor.learner.model import LearnerModel
    from tutor.teach.exercise_pool import MAX_POSES_PER_DAY

    course = synthetic_course()
    now = datetime(2026, 1, 5, 9, tzinfo=UTC)
    model = LearnerModel(learner_id="simulated", course="synthetic")
    policy = LessonPolicy(course)
    posed: dict[str, int] = {}
    while (concept := policy.next_concept(model, now)) is not None and len(posed) < 99:
        exercise = policy.exercise_for(concept)
        assert exercise is not None
        posed[exercise.id] = posed.get(exercise.id, 0) + 1
        right = posed[exercise.id] == 1 and concept == "a0"
        policy.observe(model, concept, right, now)
        assert not (right and exercise in policy.askable(concept, now))
    assert posed and max(posed.values()) <= MAX_POSES_PER_DAY
    assert policy.next_concept(model, now + timedelta(days=1)) is not None  # a new day


def test_courses_that_cannot_be_simulated_are_course_errors() -> None:
    from tutor.errors import CourseError

    course = synthetic_course()
    with pytest.raises(CourseError, match="no exercises"):
        simulate(course.model_copy(update={"exercises": []}), "bkt", "ours", 1)
    cyclic = course.model_copy(
        update={"prerequisites": [*course.prerequisites, Prerequisite(prerequisite="d", concept="a0")]}
    )
    with pytest.raises(CourseError, match="cycle"):
        simulate(cyclic, "bkt", "ours", 1)


@pytest.mark.e2e
@pytest.mark.parametrize("seed", [7, 8])
def test_our_policy_needs_fewer_exercises_than_textbook_order_for_spacing_learners(
    seed: int,
) -> None:
    # Measured with the policy run as a lesson runs it (day pool, rests, no look ahead into
    # concepts not ready, attempts carrying their origin; 60 learners), spacing learners judged
    # by what they know after the same number of exercises: 80.2% less left unknown
    # [71.7, 87.1] at seed 7, 79.3% [70.5, 86.7] at seed 8. On this course bkt is 14.6%
    # [-4.9, 29.9] and 21.3% [0.6, 36.5] (it was -24% and -14% with the look ahead),
    # forgetting 22.2% and 19.8% (CIs across 0).
    report = compare(
        synthetic_course(), n_learners=60, seed=seed, families=("spacing",),
        policies=("ours", "textbook"),
    )  # fmt: skip
    (comparison,) = report.comparisons
    assert comparison.reduction.mean >= 0.05 and comparison.reduction.low > 0
    ours, book = report.results
    assert ours.final_share.mean >= book.final_share.mean


def test_spacing_family_learns_little_from_recognition_right_after_exposure() -> None:
    from tutor.course import ExerciseKind, ExerciseOrigin
    from tutor.evals.simulated_learners import exposure_effect

    course = synthetic_course()
    recognition = next(e for e in course.exercises if e.kind == ExerciseKind.TRUE_FALSE)
    production = next(e for e in course.exercises if e.kind == ExerciseKind.CLOZE)
    beyond = production.model_copy(update={"origin": ExerciseOrigin.EXAMPLE})
    assert exposure_effect(recognition, None) < exposure_effect(recognition, 0.5)
    assert exposure_effect(recognition, 0.001) < exposure_effect(production, 0.001)
    assert exposure_effect(production, 0.001) < exposure_effect(beyond, 0.001)
    assert exposure_effect(production, 0.5) < exposure_effect(production, 2.0)

    def learned(exercise: object, gap_days: float, n: int = 400) -> int:
        count = 0
        for i in range(n):
            learner = SimulatedLearner.draw(course, "spacing", random.Random(f"s{i}"))
            learner.known["a0"] = False  # a0 needs nothing
            if gap_days:
                learner.last_seen["a0"] = 0.0
                learner.elapse(gap_days, random.Random(0))
            learner.practise("a0", random.Random(f"p{i}"), exercise)  # type: ignore[arg-type]
            count += learner.known["a0"]
        return count

    a0_recognition = recognition.model_copy(update={"concept_id": "a0"})
    a0_production = production.model_copy(update={"concept_id": "a0"})
    assert learned(a0_recognition, 0) < learned(a0_production, 2.0)


def test_teacher_map_prerequisites_replace_the_extracted_ones(tmp_path: Path) -> None:
    from tutor.course import Source, SourceKind
    from tutor.evals.teacher_maps import map_for, teacher_prerequisites

    course = synthetic_course()
    names = {c.id: c.name for c in course.concepts}
    course = course.model_copy(update={"sources": [
        Source(name="book.pdf", kind=SourceKind.PDF, pages=3)]})
    teacher = {
        "book": "book.pdf",
        "concepts": [{"name": names["a2"].upper(), "aliases": []},
                     {"name": "unknown idea", "aliases": [names["a0"]]},
                     {"name": "not in the course", "aliases": []}],
        "prerequisites": [["unknown idea", "not in the course", "why"],
                          ["not in the course", names["a2"].upper(), "why"]],
    }
    (tmp_path / "book_map.json").write_text(json.dumps(teacher), encoding="utf-8")
    path = map_for(course, tmp_path)
    assert path == tmp_path / "book_map.json"
    truth = teacher_prerequisites(course, path)
    assert truth.matched == 2 and truth.needs == {"a2": ["a0"]} and truth.pairs == 1
    report = compare(course, n_learners=2, seed=1, families=("bkt",),
                     policies=("ours", "textbook"), teacher_map=path)
    assert report.true_prerequisites == "book_map.json"
    assert report.true_prerequisite_pairs == 1


def test_our_simulated_attempts_carry_their_exercise_origin_and_the_textbooks_do_not() -> None:
    course = teachable_course(synthetic_course())
    seen: dict[str, list[bool]] = {"ours": [], "textbook": []}

    class Watching:
        def __init__(self, name: str, inner: object) -> None:
            self.name, self.inner = name, inner
            self.tracks_evidence = getattr(inner, "tracks_evidence", False)
            self.exercise_for = getattr(inner, "exercise_for", None)

        def next_concept(self, model, now):  # type: ignore[no-untyped-def]
            return self.inner.next_concept(model, now)  # type: ignore[attr-defined]

        def observe(self, model, concept_id, correct, now):  # type: ignore[no-untyped-def]
            seen[self.name].append(model.mastery(concept_id).evidence_tracked)
            self.inner.observe(model, concept_id, correct, now)  # type: ignore[attr-defined]

    for name in ("ours", "textbook"):
        learner = SimulatedLearner.draw(course, "bkt", random.Random(f"5:{name}"))
        policy = Watching(name, make_policy(name, course, random.Random(5)))  # type: ignore[arg-type]
        run_learner(course, learner, policy, random.Random(6), cap=60, n_check=20)
    # ours is held to the evidence rule as a lesson is; the textbook baseline runs as before
    assert seen["ours"] and all(seen["ours"])
    assert seen["textbook"] and not any(seen["textbook"])
