"""A thing the book defines by what it is like and how it differs gets a contrast item."""

from __future__ import annotations

from factories import book_page

from tutor.course import Citation, Concept, ExerciseOrigin
from tutor.engine.offline.contrasts.likeness_exercises import likeness, write_likeness
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.exercise_material import gather
from tutor.engine.offline.writing.exercises import write_exercises

LIKE = ("The xerrorbars style is only relevant to 2D data plots. xerrorbars is like points, "
        "except that a horizontal error bar is also drawn.")


def _concept(name: str, definition: str) -> Concept:
    return Concept(id=name, name=name, definition=definition,
                   citations=[Citation(source="m.pdf", page=3)])


def _material(concept: Concept, text: str):  # type: ignore[no-untyped-def]
    return gather(concept, term_variants(concept.name, concept.aliases), [book_page(text)])


def test_a_likeness_and_its_difference_are_read() -> None:
    concept = _concept("xerrorbars", LIKE)
    assert likeness(_material(concept, LIKE)) == ("points", "a horizontal error bar is also drawn")
    it = ("The boxxyerror plot style is only relevant to 2D data plotting. It is similar to the "
          "xyerrorbars style except that it draws rectangular areas rather than crosses.")
    assert likeness(_material(_concept("boxxyerror", it), it)) == (
        "xyerrorbars", "it draws rectangular areas rather than crosses")
    plain = "The boxes style draws a box centred about each x coordinate."
    assert likeness(_material(_concept("boxes", plain), plain)) is None


def test_the_item_asks_how_the_two_differ_only_when_both_are_concepts() -> None:
    concept = _concept("xerrorbars", LIKE)
    points = _concept("points", "The points style displays a small symbol at each point.")
    [item] = write_likeness(_material(concept, LIKE), [points])
    assert item.origin is ExerciseOrigin.CONTRAST
    assert "differ from points" in item.prompt and "horizontal error bar" not in item.prompt
    assert item.key_points == ["a horizontal error bar is also drawn"]
    assert write_likeness(_material(concept, LIKE), [_concept("lines", "Lines are lines.")]) == []
    written = write_exercises(concept, [points], [book_page(LIKE)])
    assert any(e.id == "xerrorbars-likeness-1" for e in written)
