"""Questions that wait in a run: each explanation shown whole, its question one explanation
later (:mod:`tutor.teach.deferring`); the lesson audit counts what is still blanked."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.factories import COURSE
from tutor.course import Citation, Concept, Course, Exercise, ExerciseKind, Prerequisite
from tutor.evals.lesson_audit import audit_course
from tutor.learner.model import ConceptMastery, LearnerModel
from tutor.teach import deferring
from tutor.teach.exercise_pool import RETIRED

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TOPICS = [
    ("tide", "A tide is the regular rise and fall of the sea caused by the moon."),
    ("estuary", "An estuary is the wide mouth of a river where fresh and salt water mix."),
    ("lagoon", "A lagoon is a shallow body of water cut off from the sea by a bar of sand."),
    ("delta", "A delta is a fan of silt laid down where a slow river meets still water."),
    ("fjord", "A fjord is a long narrow inlet carved by a glacier between steep cliffs."),
    ("atoll", "An atoll is a ring of coral around a central pool of water."),
]


def _concept(name: str, definition: str, order: int) -> Concept:
    return Concept(id=name, name=name, first_order=order, section=name.title(),
                   definition=definition, citations=[Citation(source="coast.md", page=order + 1)])


def _term_item(name: str, definition: str) -> Exercise:
    """A "which term" item: its key (the name) is in every explanation of the concept."""
    body = definition.split(" is ", 1)[1].rstrip(".")
    return Exercise(id=f"{name}-cloze", concept_id=name, kind=ExerciseKind.CLOZE,
                    prompt=f"____ is {body}.", answer=name,
                    citations=[Citation(source="coast.md", page=1)])


def chained_course(topics: list[tuple[str, str]] = TOPICS) -> Course:
    """Concepts in a line, each the prerequisite of the next, each with one item keyed to its
    name: every explanation gives its own item away."""
    concepts = [_concept(n, d, i) for i, (n, d) in enumerate(topics)]
    return Course(
        title="Coasts", slug=COURSE, concepts=concepts,
        prerequisites=[Prerequisite(prerequisite=a.id, concept=b.id)
                       for a, b in zip(concepts, concepts[1:], strict=False)],
        exercises=[_term_item(n, d) for n, d in topics],
    )


def _audit(home: Path, course: Course) -> dict:
    folder = home / "courses" / COURSE
    folder.mkdir(parents=True)
    (folder / "course.json").write_text(course.to_json(), encoding="utf-8")
    return audit_course(folder)


def test_a_run_of_concepts_that_give_their_items_away_blanks_one_explanation(
        tutor_home: Path) -> None:
    report = _audit(tutor_home, chained_course())
    strong = report["learners"]["strong"]
    # Every concept is asked about, nothing shown before an attempt holds its key, and only
    # the first explanation of the run is blanked: each later one is shown whole and its
    # question comes after the next explanation (each concept waits on the one before).
    assert strong["concepts_reached"] == len(TOPICS)
    assert report["leaks"] == 0
    assert strong["masked_explanations"] == 1
    assert report["most_times_one_item_posed"] <= 2


def test_a_lone_concept_that_gives_its_item_away_is_still_blanked_and_counted(
        tutor_home: Path) -> None:
    # Nothing can come between its teaching and its question: the key is masked (the last
    # resort), and the audit counts it.
    report = _audit(tutor_home, chained_course(TOPICS[:1]))
    strong = report["learners"]["strong"]
    assert strong["concepts_reached"] == 1 and report["leaks"] == 0
    assert strong["masked_explanations"] == 1


def _state(explained: list[str], waiting: list[list]) -> dict:
    return {"explained": explained, "transcript": [{"kind": "learner", "text": "x"}],
            "exercise_log": {}, "pace": {"asked": 3, "waiting": waiting}}


def test_the_next_in_line_goes_past_a_prerequisite_answered_right_and_done_for_today() -> None:
    course = chained_course(TOPICS[:3])
    course = course.model_copy(update={"prerequisites": [
        *course.prerequisites, Prerequisite(prerequisite="tide", concept="lagoon")]})
    # tide was answered right and its one item is done for today, though not yet known well
    # enough to build on; estuary was just taught, its question still to come.
    model = LearnerModel(learner_id="ana", course=COURSE, concepts={
        "tide": ConceptMastery(concept_id="tide", p_known=0.3, attempts=1, correct=1,
                               last_correct=True)})
    state = _state(["tide", "estuary"], [])
    state["exercise_log"] = {"tide-cloze": [1, 1, RETIRED]}
    state["pace"]["day"] = NOW.date().isoformat()
    assert deferring.next_in_line(state, course, model, NOW, "estuary") == ["lagoon"]  # type: ignore[arg-type]
    # A prerequisite neither ready nor answered right holds it back.
    wrong = model.model_copy(update={"concepts": {"tide": ConceptMastery(
        concept_id="tide", p_known=0.3, attempts=1, last_correct=False)}})
    assert deferring.next_in_line(state, course, wrong, NOW, "estuary") == []  # type: ignore[arg-type]


def test_the_concept_taught_first_does_not_show_the_key_of_the_question_that_waits() -> None:
    topics = [TOPICS[0],
              ("estuary", "An estuary is where a river meets the tide of the sea."),
              ("lagoon", "A lagoon is a shallow body of water cut off from the sea.")]
    course = chained_course(topics)
    course = course.model_copy(update={"prerequisites": [
        Prerequisite(prerequisite="tide", concept="estuary"),
        Prerequisite(prerequisite="tide", concept="lagoon")]})
    model = LearnerModel(learner_id="ana", course=COURSE)
    state = _state(["tide"], [])
    state["explanation"] = {"text": f"**tide**: {TOPICS[0][1]}", "citations": []}
    # estuary comes first in line, but its explanation names the tide: lagoon is taught
    # first instead, and the question on the tide comes between it and its own question.
    assert deferring.next_in_line(state, course, model, NOW, "tide")[0] == "estuary"  # type: ignore[arg-type]
    assert deferring.concept_instead(state, course, model, NOW, "tide") == "lagoon"  # type: ignore[arg-type]


def test_the_question_asked_first_in_a_run_is_on_the_concept_taught_before_the_last(
        tutor_home: Path) -> None:
    from tutor.answers import MASK
    from tutor.context import TutorContext
    from tutor.learner.opening import open_lesson, open_store

    folder = tutor_home / "courses" / COURSE
    folder.mkdir(parents=True)
    (folder / "course.json").write_text(chained_course().to_json(), encoding="utf-8")
    context = TutorContext.from_env(engine="offline")
    store = open_store(context)
    try:
        who = store.ensure_learner("ana")
        with open_lesson(folder, who.id, context=context, store=store) as lesson:
            shown = lesson.start()
    finally:
        store.close()
    explanations = [m for m in shown if m.kind == "explanation"]
    asked = [m for m in shown if m.kind == "exercise"]
    # The tide is taught, then the estuary (whole); the tide's question comes after the
    # estuary's explanation (the estuary's waits for the next), not the estuary's question
    # straight after its own explanation.
    assert len(explanations) == 2 and len(asked) == 1
    assert asked[0].exercise is not None and asked[0].exercise.id == "tide-cloze"
    assert MASK not in explanations[1].text and "estuary" in explanations[1].text
