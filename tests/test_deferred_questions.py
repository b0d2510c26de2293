"""A concept whose every item its explanation gives away: the explanation is shown whole, and
its question waits until another exercise has come between."""

from __future__ import annotations

from pathlib import Path

from tests.factories import Driver, make_course
from tutor.answers import MASK, reveals_answer
from tutor.course import Course, Exercise, ExerciseKind, ExerciseOrigin, Prerequisite
from tutor.teach.state import TutorMessage


def _two_roots(array_items: list[Exercise], hash_items: list[Exercise]) -> Course:
    """The demo course with the hash table a root too (nothing before it), and these items."""
    course = make_course()
    prerequisites = [p for p in course.prerequisites if p.concept != "hash-table"]
    kept = [e for e in course.exercises if e.concept_id not in ("array", "hash-table")]
    return course.model_copy(update={
        "prerequisites": [Prerequisite.model_validate(p.model_dump()) for p in prerequisites],
        "exercises": array_items + kept + hash_items,
    })


def _item(course: Course, exercise_id: str) -> Exercise:
    return course.exercise(exercise_id)


def _posed(messages: list[TutorMessage]) -> list[str]:
    return [m.exercise.id for m in messages if m.kind == "exercise" and m.exercise]


def _no_leaks(said: list[TutorMessage], course: Course) -> None:
    """Nothing shown between one attempt and the first attempt at the next item holds its key
    (the options of a choice excepted: they hold it by design)."""
    since: list[TutorMessage] = []
    for message in said:
        if message.kind == "exercise" and message.exercise is not None:
            exercise = course.exercise(message.exercise.id)
            before = [m.text for m in since] + [message.exercise.prompt]
            assert not any(reveals_answer(text, exercise) for text in before), exercise.id
            since = []
            continue
        since.append(message)


def test_a_first_explanation_is_never_masked_another_concept_comes_between(
    tmp_path: Path,
) -> None:
    base = make_course()
    cloze = _item(base, "array-cloze")  # "... is called an ____." -> array: the name
    true_false = _item(base, "hash-tf")
    course = _two_roots([cloze], [_item(base, "hash-mc"), true_false])
    tutor = Driver(tmp_path, course=course)
    opening = tutor.start()
    assert opening[0].kind == "explanation" and "array" in opening[0].text
    assert MASK not in opening[0].text  # the teaching is shown whole
    # Its one item is keyed to the name just shown: another concept's item comes first.
    first = _posed(opening)
    assert first and first[0] != cloze.id
    assert tutor.exercise.concept_id == "hash-table"
    tutor.answer_right()
    # Something came between: now the array's question, without explaining it again.
    assert tutor.values["exercise_id"] == cloze.id
    assert all(MASK not in m.text for m in tutor.said if m.kind == "explanation")
    _no_leaks(tutor.said, course)


def test_a_concept_taught_earlier_can_come_between(tmp_path: Path) -> None:
    base = make_course()
    array_tf = Exercise(
        id="array-tf", concept_id="array", kind=ExerciseKind.TRUE_FALSE,
        prompt="True or false: each element of an array is found by its index.", answer="True",
        choices=["True", "False"], citations=base.exercise("array-cloze").citations,
    )
    hash_cloze = Exercise(
        id="hash-cloze", concept_id="hash-table", kind=ExerciseKind.CLOZE,
        prompt="A structure that stores key-value pairs and finds a value from its key is a "
        "____.", answer="hash table", citations=base.exercise("hash-mc").citations,
    )
    course = _two_roots([_item(base, "array-cloze"), array_tf], [hash_cloze])
    tutor = Driver(tmp_path, course=course)
    tutor.start()
    assert tutor.exercise.id == "array-tf"  # the item the explanation does not give away
    tutor.answer_right()
    explained = [m for m in tutor.said if m.kind == "explanation"]
    assert "hash table" in explained[-1].text and MASK not in explained[-1].text
    # The hash table's only item is keyed to its name: the array's other item comes between.
    assert tutor.exercise.concept_id == "array" and tutor.exercise.id == "array-cloze"
    tutor.answer_right()
    assert tutor.values["exercise_id"] == "hash-cloze"
    _no_leaks(tutor.said, course)


def test_with_nothing_else_to_ask_the_term_is_masked_as_before(tmp_path: Path) -> None:
    """The one root with one item keyed to its name and nothing else ready: the last resort
    (the term masked) stays, rather than a question on what builds on it."""
    base = make_course()
    course = base.model_copy(update={"exercises": [e for e in base.exercises
                                                   if e.id != "array-mc"]})
    tutor = Driver(tmp_path, course=course)
    opening = tutor.start()
    assert _posed(opening) == ["array-cloze"]
    assert MASK in opening[0].text


def _which_term(base: Course) -> Exercise:
    return Exercise(
        id="array-which", concept_id="array", kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt="Which idea fills the blank: \"The ____ [3, 8, 5] has the element 8 at index 1.\"",
        answer="array", choices=["array", "hash table", "sorting"],
        citations=base.exercise("array-cloze").citations,
    )


def test_after_a_give_up_the_idea_is_taught_again_and_the_day_goes_on(tmp_path: Path) -> None:
    base = make_course()
    # The hash table's choice comes from another part of the book than its true/false (a
    # concept answered right once today is asked only items of a new origin).
    hash_mc = _item(base, "hash-mc").model_copy(update={"origin": ExerciseOrigin.EXAMPLE})
    course = _two_roots([_item(base, "array-cloze"), _which_term(base)],
                        [hash_mc, _item(base, "hash-tf")])
    tutor = Driver(tmp_path, course=course)
    tutor.start()
    while tutor.exercise.concept_id != "array":
        tutor.answer_right()
    assert tutor.exercise.id == "array-cloze"
    first_style = tutor.values["style"]
    reply = tutor.act("give_up")
    assert reply[0].kind == "reveal"
    # Taught again, from another angle (another style, shown whole) ...
    again = [m for m in reply if m.kind == "explanation"]
    assert again and MASK not in again[0].text and tutor.values["style"] != first_style
    # ... and the day goes on: the other kind of item on the array once something has come
    # between, then what builds on it.
    assert reply[-1].kind == "exercise"
    for _ in range(6):
        if tutor.values.get("exercise_id") in (None, "array-which"):
            break
        tutor.answer_right()
    assert tutor.values["exercise_id"] == "array-which"
    tutor.answer_right()
    assert tutor.values.get("exercise_id") and tutor.said[-1].kind != "done"
    assert all(MASK not in m.text for m in tutor.said if m.kind == "explanation")
    _no_leaks(tutor.said, course)


def test_concepts_that_give_their_items_away_are_taught_one_behind_the_other(
    tmp_path: Path,
) -> None:
    base = make_course()
    hash_cloze = Exercise(
        id="hash-cloze", concept_id="hash-table", kind=ExerciseKind.CLOZE,
        prompt="A structure that stores key-value pairs and finds a value from its key is a "
        "____.", answer="hash table", citations=base.exercise("hash-mc").citations,
    )
    concepts = [c.model_copy(update={"first_order": -1}) if c.id == "hash-table" else c
                for c in base.concepts]
    course = base.model_copy(update={
        "concepts": concepts,  # the hash table first, binary search a root too
        "prerequisites": [p for p in base.prerequisites
                          if p.concept not in ("hash-table", "binary-search")],
        "exercises": [hash_cloze, _item(base, "array-cloze"), _item(base, "bs-mc")],
    })
    tutor = Driver(tmp_path, course=course)
    tutor.start()
    for _ in range(3):
        tutor.answer_right()
    order = [("explained", m.text.split("**")[1]) if m.kind == "explanation" else
             ("asked", m.exercise.id) for m in tutor.said
             if m.kind == "explanation" or (m.kind == "exercise" and m.exercise)]
    # The hash table and the array give their one item away: the binary search comes between
    # the first and its question, the hash table's question between the array's teaching and
    # its own.
    assert order[:6] == [("explained", "hash table"), ("explained", "binary search"),
                         ("asked", "bs-mc"), ("explained", "array"), ("asked", "hash-cloze"),
                         ("asked", "array-cloze")]
    assert all(MASK not in m.text for m in tutor.said if m.kind == "explanation")
    _no_leaks(tutor.said, course)
