"""The next exercise: no key just shown, no missed true/false again; the lesson audit."""

from __future__ import annotations

from pathlib import Path

from tests.factories import COURSE, cloze_first_course, make_course
from tutor.course import ExerciseKind
from tutor.evals.lesson_audit import audit_course
from tutor.teach.choosing import choose_exercise


def _concept_with_kinds():  # type: ignore[no-untyped-def]
    course = make_course()
    for concept in course.concepts:
        kinds = {e.kind for e in course.exercises_for(concept.id)}
        if ExerciseKind.TRUE_FALSE in kinds and len(kinds) >= 2:
            return course, concept
    raise AssertionError("the demo course has a concept with a true/false and another kind")


def test_a_missed_true_false_is_not_asked_again() -> None:
    course, concept = _concept_with_kinds()
    tf = next(e for e in course.exercises_for(concept.id) if e.kind is ExerciseKind.TRUE_FALSE)
    state = {"exercise_log": {tf.id: [1, 0]}, "exercise_id": "elsewhere", "transcript": []}
    chosen = choose_exercise(state, course, concept.id)  # type: ignore[arg-type]
    assert chosen is not None and chosen.id != tf.id


def test_an_exercise_whose_key_was_just_shown_waits_for_another() -> None:
    course = make_course()
    cloze, other = course.exercises_for("array")[:2]
    quiet = {"transcript": [{"kind": "learner", "text": "x"}]}
    assert choose_exercise(quiet, course, "array").id == cloze.id  # type: ignore[arg-type,union-attr]
    shown = {"kind": "feedback", "text": f"Right: the answer is {cloze.answer}."}
    told = {"transcript": [{"kind": "learner", "text": "x"}, shown]}
    assert choose_exercise(told, course, "array").id == other.id  # type: ignore[arg-type,union-attr]


def test_when_every_item_is_on_screen_a_term_is_masked_rather_than_the_definition() -> None:
    # "**outcome**: […]": an "explain in your own words" item, keyed to the definition the
    # explanation teaches, blanked all of it where the concept's cloze would mask one word.
    from tutor.answers import masks_a_sentence
    from tutor.course import Exercise

    course = make_course()
    concept = course.concept("array")
    explain = Exercise(id="array-explain", concept_id="array", kind=ExerciseKind.SHORT_ANSWER,
                       prompt="Explain array in your own words.", answer=concept.definition)
    cloze = course.exercise("array-cloze")
    course = course.model_copy(update={"exercises": [explain, cloze]})
    assert masks_a_sentence(explain) and not masks_a_sentence(cloze)
    taught = {"transcript": [{"kind": "learner", "text": "x"}],
              "explanation": {"text": f"**array**: {concept.definition}"}}
    assert choose_exercise(taught, course, "array").id == cloze.id  # type: ignore[arg-type,union-attr]
    quiet = {"transcript": [{"kind": "learner", "text": "x"}]}
    assert choose_exercise(quiet, course, "array").id == explain.id  # type: ignore[arg-type,union-attr]


def test_the_audit_runs_real_lessons_and_counts_what_it_sees(tutor_home: Path) -> None:
    folder = tutor_home / "courses" / COURSE
    folder.mkdir(parents=True)
    (folder / "course.json").write_text(cloze_first_course().to_json(), encoding="utf-8")
    report = audit_course(folder)
    assert set(report["learners"]) == {"strong", "weak", "fishing"}
    strong = report["learners"]["strong"]
    assert strong["exercises_posed"] > 3
    assert abs(sum(strong["share_by_origin"].values()) - 1) < 0.01
    assert report["most_times_one_item_posed"] >= 1
    assert report["leaks"] == sum(r["leaks"] for r in report["learners"].values())
    # The course's one root has one item, keyed to its name, and nothing else is ready: its
    # explanation is shown with the term masked (the last resort), and the audit counts it.
    assert strong["masked_explanations"] >= 1
