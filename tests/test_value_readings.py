"""What a value the book reports means: the statement shown, the book's reading keyed."""

from __future__ import annotations

from collections.abc import Sequence

from tutor.course import Chunk, Citation, Concept, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.examples.value_readings import write_readings
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.exercise_material import gather
from tutor.study.showcases import showcase_passages

P_VALUE = Concept(id="p-value", name="p-value",
                  definition="The p-value is the probability of an effect as big as the one "
                             "observed if the null hypothesis is true.",
                  citations=[Citation(source="book.pdf", page=5)])
READ = ("The slope is positive, which suggests that older mothers have heavier babies, but the "
        "p-value is 0.78, which means that the apparent effect could easily be due to chance.")


def _chunk(text: str, page: int = 5, order: int = 0) -> Chunk:
    return Chunk(id=f"book.pdf#p{page}-{order}", source="book.pdf", page=page, text=text,
                 order=order)


def _items(passages: Sequence[Chunk]) -> list[Exercise]:
    m = gather(P_VALUE, term_variants(P_VALUE.name, P_VALUE.aliases), passages)
    return write_readings(m, passages)


def test_the_statement_is_shown_and_the_books_reading_of_the_value_keyed() -> None:
    passages = [_chunk(READ)]
    (item,) = _items(passages)
    assert item.kind is ExerciseKind.SHORT_ANSWER
    assert item.origin is ExerciseOrigin.WORKED_EXAMPLE and item.tests_use
    assert "but the p-value is 0.78.\u201d What does that value tell you" in item.prompt
    assert "due to chance" not in item.prompt  # the reading is what is asked
    assert item.answer == "The apparent effect could easily be due to chance."
    assert item.key_points == ["the apparent effect could easily be due to chance"]
    assert check_exercise(item, P_VALUE, passages).ok


def test_no_reading_item_without_the_books_reading_or_leaning_on_the_page() -> None:
    no_reading = "The p-value is 0.78, so we stop here."
    short = "The p-value is 0.78, which means it is large."
    leaning = ("The p-value for this data is 0.13, which means that if the die is fair we "
               "expect a deviation this big 13% of the time.")
    of_another = ("The mean of the p-value samples is 0.5, which means that half of them fall "
                  "below it in most of the runs.")
    for text in (no_reading, short, leaning, of_another):
        assert _items([_chunk(text)]) == [], text


def test_a_table_cell_run_into_the_sentence_is_left_out_of_the_statement() -> None:
    (item,) = _items([_chunk("R^2 6.1e-06 " + READ)])
    assert "R^2" not in item.prompt and "\u201cThe slope is positive" in item.prompt


def test_a_value_the_book_reads_goes_to_the_concept_it_is_stated_of() -> None:
    concepts = [{"id": "p-value", "name": "p-value"}, {"id": "slope", "name": "slope"}]
    read = _chunk(READ, page=40, order=40)
    routed = showcase_passages(concepts, [read])
    assert read in routed["p-value"] and read not in routed.get("slope", [])


def test_a_leading_clause_pointing_back_is_left_out_of_the_statement() -> None:
    text = ("When I ran this code, the p-value of the test was 0.41, which means that a "
            "difference this big would often appear by chance alone.")
    (item,) = _items([_chunk(text)])
    assert "\u201cThe p-value of the test was 0.41.\u201d" in item.prompt
    assert "ran this code" not in item.prompt
