"""Notes to diagnose are recall: the mix keeps one beside items that use the idea, and one at
most where nothing else teaches the concept."""

from __future__ import annotations

from tests.factories import book_page
from tutor.answers import NOTE_DESCRIBES
from tutor.course import Citation, Concept, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.writing.exercise_mix import with_one_recall
from tutor.engine.offline.writing.exercises import write_exercises


def _note(n: int) -> Exercise:
    return Exercise(id=f"x-contrast-{n}", concept_id="x", kind=ExerciseKind.SHORT_ANSWER,
                    prompt='A classmate writes in her notes: "X: a thing." What has she mixed up?',
                    answer="The note gives the course's description of y. X: another thing.",
                    key_points=[f"y: {NOTE_DESCRIBES} y", "x: another thing"],
                    origin=ExerciseOrigin.CONTRAST,
                    citations=[Citation(source="book.pdf", page=1)])


def _item(n: int, origin: ExerciseOrigin) -> Exercise:
    return Exercise(id=f"x-{origin.value}-{n}", concept_id="x", kind=ExerciseKind.CLOZE,
                    prompt="Python shows: _____", answer="42", origin=origin,
                    citations=[Citation(source="book.pdf", page=1)])


def test_a_note_to_diagnose_is_recall_and_one_is_kept_beside_use() -> None:
    note, other_note = _note(1), _note(2)
    assert note.is_mix_up and not note.tests_use
    code = _item(3, ExerciseOrigin.CODE_OUTPUT)
    assert [e.id for e in with_one_recall([note, other_note, code])] == [
        "x-contrast-1", "x-code_output-3"]
    # nothing else teaches it: its recall items stay, but one note to diagnose only
    definition = _item(4, ExerciseOrigin.DEFINITION)
    assert [e.id for e in with_one_recall([definition, note, other_note])] == [
        "x-definition-4", "x-contrast-1"]


def test_a_note_to_diagnose_stands_in_for_the_definition_item_never_beside_it() -> None:
    """Beside the definition item a note would give the mastery rule two origins of recall in
    one day: recognition twice, taken for mastery."""
    chunk = book_page("A postcondition is a requirement that the function satisfies before it "
                      "ends. A precondition is a requirement that the caller satisfies first.")
    post = Concept(id="postcondition", name="postcondition",
                   definition="A postcondition is a requirement that the function satisfies "
                              "before it ends.", citations=[Citation(source="book.pdf", page=3)])
    pre = Concept(id="precondition", name="precondition",
                  definition="A precondition is a requirement that the caller satisfies first.",
                  citations=[Citation(source="book.pdf", page=3)])
    items = write_exercises(post, [pre], [chunk])
    assert [e.origin for e in items] == [ExerciseOrigin.CONTRAST] and items[0].is_mix_up
