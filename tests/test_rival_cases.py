"""A case for a concept no sibling passed the contrast's tests with: the book's case of it
or of the nearest near concept, told apart from that near concept with a reason."""

from __future__ import annotations

from tests.factories import book_chunk, book_concept
from tutor.course import Chunk, Concept, Exercise
from tutor.engine.offline.contrasts.contrast_cases import shown_case
from tutor.engine.offline.contrasts.contrast_exercises import write_contrast
from tutor.engine.offline.definitions.descriptions import describe
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.exercise_material import Sibling, gather

GLOSSARY = book_chunk("• mode: The most frequent value in a sample, or one of the most "
                      "frequent values. • median: The 50th percentile, often used as a measure "
                      "of central tendency.", page=30)
MODE = book_concept("mode", "mode: The most frequent value in a sample, or one of the most "
                    "frequent values.", page=30)
MEDIAN = book_concept("median", "median: The 50th percentile, often used as a measure of "
                      "central tendency.", page=30)
CASE = book_chunk("The mean, 7.27 lbs, is a bit less than the median, 7.38 lbs, so that is "
                  "consistent with left skew.", page=31)


def _contrasts(concept: Concept, other: Concept, similarity: float,
               passages: list[Chunk]) -> list[Exercise]:
    m = gather(concept, term_variants(concept.name, concept.aliases), passages)
    sibling = Sibling(other, similarity, describe(other.definition, [other.name]))
    return write_contrast(m, [sibling], passages)


def test_a_near_concept_of_another_kind_is_the_rival_of_a_case() -> None:
    # a value and a percentile, not named alike, not set apart by the book: no mix-up to
    # diagnose, but the case of the median is told from the mode with a reason
    (item,) = _contrasts(MODE, MEDIAN, 0.5, [GLOSSARY, CASE])
    assert not item.is_mix_up and item.tests_use
    assert "Is the missing idea median or mode?" in item.prompt
    assert "a bit less than the _____, 7.38 lbs" in item.prompt
    assert item.answer.startswith("Median.")
    assert shown_case(item) == CASE.text
    assert check_exercise(item, MODE, [GLOSSARY, CASE]).ok


def test_a_far_concept_is_no_rival_and_no_case_no_item() -> None:
    assert _contrasts(MODE, MEDIAN, 0.2, [GLOSSARY, CASE]) == []
    assert _contrasts(MODE, MEDIAN, 0.5, [GLOSSARY]) == []  # no case: no note either
