"""A concept whose one item uses the idea gets a second of another kind from its definition
items: checked, with enough key points to grade, never beside recall only."""

from __future__ import annotations

from tests.factories import book_page
from tutor.course import Citation, Concept, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.writing import exercise_mix
from tutor.engine.offline.writing.exercise_mix import (
    MIN_EXPLAIN_POINTS,
    distinct_points,
    with_a_second_angle,
)
from tutor.engine.offline.writing.exercises import write_definition_exercises, write_exercises
from tutor.engine.port import ExerciseCheck

_TEXTS = {
    "tuple": "A tuple is a sequence of values that cannot be changed after it is created.",
    "dictionary": "A dictionary is a mapping from keys to values that supports fast lookup.",
    "string": "A string is a sequence of characters enclosed in quotation marks.",
    "integer": "An integer is a whole number without a fractional part, which can be "
               "positive, negative or zero.",
}


def _setting() -> tuple[Concept, list[Exercise], list]:  # type: ignore[type-arg]
    concepts = [Concept(id=n, name=n, definition=t, citations=[Citation(source="b.pdf", page=i)])
                for i, (n, t) in enumerate(_TEXTS.items(), 1)]
    pages = [book_page(t, page=i) for i, t in enumerate(_TEXTS.values(), 1)]
    integer = concepts[3]
    return integer, write_definition_exercises(integer, concepts[:3], pages), pages


def _use(kind: ExerciseKind, origin: ExerciseOrigin = ExerciseOrigin.CODE_OUTPUT) -> Exercise:
    return Exercise(id=f"integer-{origin.value}-1", concept_id="integer", kind=kind,
                    prompt="What does Python print for type(7)?", answer="<class 'int'>",
                    origin=origin, citations=[Citation(source="b.pdf", page=4)])


def _of(written: list[Exercise], kind: ExerciseKind) -> Exercise:
    return next(e for e in written if e.kind is kind and (
        kind is not ExerciseKind.MULTIPLE_CHOICE or e.answer == "integer"))


def test_beside_one_item_of_use_the_definition_is_asked_from_the_other_side() -> None:
    integer, written, pages = _setting()
    question, explain = _of(written, ExerciseKind.MULTIPLE_CHOICE), _of(
        written, ExerciseKind.SHORT_ANSWER)
    assert len(explain.key_points) >= MIN_EXPLAIN_POINTS
    code = _use(ExerciseKind.CLOZE)
    assert with_a_second_angle([code], written, integer, pages) == [code, explain]
    # beside a short answer (a case, a contrast), the question on the term: another kind
    case = _use(ExerciseKind.SHORT_ANSWER, ExerciseOrigin.CONTRAST)
    assert with_a_second_angle([case], written, integer, pages) == [case, question]


def test_no_second_item_beside_recall_only_or_beside_two_items() -> None:
    integer, written, pages = _setting()
    question = _of(written, ExerciseKind.MULTIPLE_CHOICE)
    # the definition again would be recognition twice
    assert with_a_second_angle([question], written, integer, pages) == [question]
    relation = _use(ExerciseKind.SHORT_ANSWER, ExerciseOrigin.RELATION)
    assert with_a_second_angle([relation], written, integer, pages) == [relation]
    code, other = _use(ExerciseKind.CLOZE), _use(ExerciseKind.CLOZE, ExerciseOrigin.WORKED_EXAMPLE)
    assert with_a_second_angle([code, other], written, integer, pages) == [code, other]
    # the same concept through the writer: nothing beyond the definition, one item only
    concepts = [Concept(id=n, name=n, definition=t, citations=[Citation(source="b.pdf", page=i)])
                for i, (n, t) in enumerate(_TEXTS.items(), 1)]
    pages_all = [book_page(t, page=i) for i, t in enumerate(_TEXTS.values(), 1)]
    assert len(write_exercises(concepts[3], concepts[:3], pages_all)) == 1


def test_an_explanation_graded_on_one_point_is_no_second_item() -> None:
    integer, written, pages = _setting()
    thin = [e.model_copy(update={"key_points": e.key_points[:1]})
            if e.kind is ExerciseKind.SHORT_ANSWER else e for e in written]
    code = _use(ExerciseKind.CLOZE)
    second = with_a_second_angle([code], thin, integer, pages)
    assert [e.kind for e in second] == [ExerciseKind.CLOZE, ExerciseKind.MULTIPLE_CHOICE]


def test_a_second_item_the_checker_refuses_is_not_added(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    integer, written, pages = _setting()
    refused = ExerciseCheck(exercise_id="x", ok=False, problems=["refused"])
    monkeypatch.setattr(exercise_mix, "check_exercise", lambda *_: refused)
    code = _use(ExerciseKind.CLOZE)
    assert with_a_second_angle([code], written, integer, pages) == [code]


def test_no_second_item_beside_a_note_to_diagnose() -> None:
    integer, written, pages = _setting()
    note = Exercise(id="integer-contrast-1", concept_id="integer", kind=ExerciseKind.SHORT_ANSWER,
                    prompt='A classmate writes: "integer: a mapping." What has she mixed up?',
                    answer="a mix-up", key_points=["dictionary: the note describes dictionary",
                                                   "integer: a whole number"],
                    origin=ExerciseOrigin.CONTRAST, citations=[Citation(source="b.pdf", page=4)])
    assert with_a_second_angle([note], written, integer, pages) == [note]


def test_a_glossary_entry_and_its_description_are_one_key_point() -> None:
    integer, written, pages = _setting()
    explain = _of(written, ExerciseKind.SHORT_ANSWER)
    echoed = [e.model_copy(update={"key_points": ["integer: A whole number.", "A whole number."]})
              if e.kind is ExerciseKind.SHORT_ANSWER else e for e in written]
    assert distinct_points(echoed[written.index(explain)].key_points, "integer") == 1
    assert distinct_points(explain.key_points, "integer") == 2
    code = _use(ExerciseKind.CLOZE)
    # graded on one point said twice: the question on the term instead
    assert [e.kind for e in with_a_second_angle([code], echoed, integer, pages)] == [
        ExerciseKind.CLOZE, ExerciseKind.MULTIPLE_CHOICE]


def test_an_aside_is_no_key_point_of_the_explanation() -> None:
    aside = ("By the way, a positional argument is an argument that doesn't have a parameter "
             "name; that is, it is not a keyword argument.")
    glossary = ("positional argument: An argument that does not include a parameter name, so it "
                "is not a keyword argument.")
    concept = Concept(id="positional-argument", name="positional argument", definition=aside,
                      key_points=[aside, glossary], citations=[Citation(source="b.pdf", page=1)])
    pages = [book_page(aside, page=1), book_page(glossary, page=2)]
    explain = next(e for e in write_definition_exercises(concept, [], pages)
                   if e.kind is ExerciseKind.SHORT_ANSWER)
    assert explain.key_points and not any(p.startswith("By the way") for p in explain.key_points)
