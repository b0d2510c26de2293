"""A practice part that asks a yes/no question, then an open follow-up: the question alone is
posed, keyed to the book's solution, and goes to a concept its case names."""

from __future__ import annotations

from tests.factories import book_chunk, book_concept
from tutor.course import Chunk, Concept, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.book_exercises import write_book_exercises
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.exercise_material import gather

PRACTICE = book_chunk(
    "Practice Exercises\n"
    "? Part D Which of the following is possible? If it is possible, give an example. If it "
    "is not possible, explain why.\n"
    "1. A valid argument that has a false conclusion 2. A tautology that is contingent "
    "3. A valid argument, the conclusion of which is a contradiction\n", page=15)
SOLUTIONS = book_chunk("Chapter B: Solutions to selected exercises\n"
                       "Chapter 1 Part D 1 and 3 are possible.\n", page=137)
VALID = book_concept("valid argument", "An argument is valid if it is impossible for the "
                     "premises to be true and the conclusion false.", page=14)
TAUTOLOGY = book_concept("tautology", "A tautology is a sentence that must be true, as a "
                         "matter of logic.", page=14)


def _items(concept: Concept, passages: list[Chunk]) -> list:  # type: ignore[type-arg]
    m = gather(concept, term_variants(concept.name, concept.aliases), passages)
    return write_book_exercises(m, passages)


def test_the_yes_no_question_before_an_open_follow_up_is_posed() -> None:
    passages = [PRACTICE, SOLUTIONS]
    first, second = _items(VALID, passages)
    assert first.kind is ExerciseKind.TRUE_FALSE and first.origin is ExerciseOrigin.BOOK_EXERCISE
    assert first.prompt.startswith("True or false: the following is possible: A valid "
                                   "argument that has a false conclusion")
    assert (first.answer, second.answer) == ("True", "True")  # "1 and 3 are possible"
    assert "give an example" not in first.prompt and "explain" not in first.prompt
    (item,) = _items(TAUTOLOGY, passages)  # the case that names it
    assert item.answer == "False" and "A tautology that is contingent" in item.prompt
    assert check_exercise(first, VALID, passages).ok


def test_an_open_question_alone_is_still_not_posed() -> None:
    open_part = book_chunk(
        "? Part D Explain why each of the following is possible.\n"
        "1. A valid argument that has a false conclusion 2. A tautology that is contingent\n",
        page=15)
    assert _items(VALID, [open_part, SOLUTIONS]) == []
    # a question whose follow-up is not "if it is ...": not taken apart
    other = book_chunk(
        "? Part D Which of the following is possible? Give an example of each.\n"
        "1. A valid argument that has a false conclusion 2. A tautology that is contingent\n",
        page=15)
    assert _items(VALID, [other, SOLUTIONS]) == []


def test_a_heading_run_into_the_last_item_is_not_posed() -> None:
    run_in = book_chunk(
        "? Part D Which of the following is possible? If it is possible, give an example.\n"
        "1. A valid argument that has a false conclusion 2. A valid argument with a true "
        "conclusion Practice Exercises\n", page=15)
    solutions = book_chunk("Chapter 1 Part D 1 and 2 are possible.\n", page=137)
    (item,) = _items(VALID, [run_in, solutions])
    assert "false conclusion" in item.prompt
