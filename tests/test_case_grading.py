"""A case item asks which of two ideas the book's case shows, and why: an answer that names the
right idea in the learner's own words, or bare, is right; one that names the other is wrong;
one whose reason goes against the case is told so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factories import book_chunk as _chunk
from tests.factories import book_concept as _concept
from tests.test_contrast_cases import CASE, FALSE_NEGATIVE, FALSE_POSITIVE, GLOSSARY
from tutor.answers import reversed_diagnosis
from tutor.course import Chunk, Concept, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.claude import UsageLog
from tutor.engine.offline.contrasts.contrast_exercises import write_contrast
from tutor.engine.offline.definitions.descriptions import describe
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.tutoring.case_answers import read_case_answer
from tutor.engine.offline.tutoring.grading import grade
from tutor.engine.offline.writing.exercise_material import Sibling, gather
from tutor.testing.claude_replies import TutorResponder, claude_engine
from tutor.testing.fake_anthropic import FakeAnthropic, user_text


def _case_item(concept: Concept, other: Concept, passages: list[Chunk]) -> Exercise:
    m = gather(concept, term_variants(concept.name, concept.aliases), passages)
    sibling = Sibling(other, 0.8, describe(other.definition, [other.name]))
    (item,) = write_contrast(m, [sibling], passages)
    return item


@pytest.fixture(scope="module")
def item() -> Exercise:
    return _case_item(FALSE_NEGATIVE, FALSE_POSITIVE, [GLOSSARY, CASE])


def test_the_right_idea_in_own_words_with_a_reason_is_right(item: Exercise) -> None:
    said = ("It is a false positive: with a single test there is roughly a 1 in 20 chance of "
            "calling an effect real when it came from chance.")
    result = grade(item, said)
    assert result.correct and result.score == 1.0
    assert result.matched_points == item.key_points[:2]  # both points met, naming and reason
    assert "fits the case" in result.feedback


@pytest.mark.parametrize("said", ["false positive", "False positives.", "a false-positive"])
def test_the_bare_name_is_right_and_asks_for_the_reason(item: Exercise, said: str) -> None:
    result = grade(item, said)
    assert result.correct
    assert result.missing_points == [item.key_points[1]]
    assert "say what in the case shows it" in result.feedback


@pytest.mark.parametrize("said", ["False negative, about 1 in 20.",
                                  "I think it is the false negative, not the false positive."])
def test_naming_the_other_idea_is_wrong(item: Exercise, said: str) -> None:
    assert reversed_diagnosis(item, said)
    result = grade(item, said)
    assert not result.correct and "other idea" in result.feedback
    assert "false positive" not in result.feedback.lower()  # the key stays withheld


def test_the_other_idea_denied_is_the_right_one_named(item: Exercise) -> None:
    case = read_case_answer(item, "Not a false negative but a false positive, since the test "
                                  "finds an effect that is not there.")
    assert case is not None and case.names == "right"
    assert "false" not in case.reason.lower()  # the names are out of the reason


def test_a_reason_that_says_the_opposite_of_the_case_is_told_so(item: Exercise) -> None:
    result = grade(item, "False positive, because one hypothesis test never has a chance of "
                         "about 1 in 20.")
    assert not result.correct
    assert "does not fit the case" in result.feedback and "opposite" in result.feedback


def test_a_reason_with_a_word_turned_into_its_opposite_is_told_so() -> None:
    median = _concept("median", "median: A measure of the central tendency of a distribution.",
                      50)
    spread = _concept("interquartile range", "interquartile range: The difference between the "
                      "75th and 25th percentiles, used as a measure of spread.", 50)
    glossary = _chunk("• median: A measure of the central tendency of a distribution. "
                      "• interquartile range: The difference between the 75th and 25th "
                      "percentiles, used as a measure of spread.", 50)
    case = _chunk("The mean, 7.27 lbs, is a bit less than the median, 7.38 lbs, so that is "
                  "consistent with left skew.", 52)
    item = _case_item(median, spread, [glossary, case])
    assert grade(item, "Median, because the mean is less than it and that fits left skew."
                 ).correct
    turned = grade(item, "Median, because the mean is bigger than it.")
    assert not turned.correct and "does not fit the case" in turned.feedback


def test_a_reason_that_gives_the_other_ideas_account_is_told_so() -> None:
    integer = _concept("integer", "integer: A type that represents whole numbers.", 20)
    floating = _concept("floating-point", "floating-point: A type that represents numbers "
                        "with fractional parts.", 20)
    glossary = _chunk("• integer: A type that represents whole numbers. • floating-point: A "
                      "type that represents numbers with fractional parts.", 20)
    case = _chunk("When you type a large integer, you might be tempted to use commas between "
                  "groups of digits, as in 1,000,000.", 21)
    item = _case_item(integer, floating, [glossary, case])
    result = grade(item, "Integer, because the number has a decimal point and fractional parts.")
    assert not result.correct and "describes the other idea" in result.feedback
    assert grade(item, "Integer: 1,000,000 is a whole number, the commas only group digits."
                 ).correct


def test_a_not_that_sets_the_other_idea_apart_is_no_contradiction(item: Exercise) -> None:
    assert grade(item, "A false positive: with one hypothesis test the chance is 1 in 20 of "
                       "calling it real, not of an effect due to chance being missed.").correct


def test_a_name_the_course_states_for_the_idea_is_accepted() -> None:
    item = Exercise(
        id="element-contrast-1", concept_id="element", kind=ExerciseKind.SHORT_ANSWER,
        prompt=('Here is a case from the course, with one idea left out:\n\n"A list that '
                'contains no _____ is called an empty list."\n\nIs the missing idea attribute '
                "or element? Say which, and what in the case makes it that one and not the "
                "other."),
        answer=("Element. Element: one of the values in a list, also called items; attribute, "
                "by contrast: one of the named values associated with an object."),
        key_points=["element: the case shows element",
                    "element: one of the values in a list, also called items"],
        origin=ExerciseOrigin.CONTRAST)
    assert grade(item, "items: an empty list has none of them").correct
    assert not grade(item, "attribute").correct


def test_a_name_inside_the_other_name_is_no_naming() -> None:
    item = Exercise(
        id="variable-contrast-1", concept_id="variable", kind=ExerciseKind.SHORT_ANSWER,
        prompt=('Here is a case from the course, with one idea left out:\n\n"Inside the '
                'function, count is a(n) _____ that disappears when the function ends."\n\nIs '
                "the missing idea global variable or local variable? Say which, and what in "
                "the case makes it that one and not the other."),
        answer=("Local variable. Local variable: a variable defined inside a function; global "
                "variable, by contrast: a variable defined outside any function."),
        key_points=["local variable: the case shows local variable",
                    "local variable: a variable defined inside a function"],
        origin=ExerciseOrigin.CONTRAST)
    case = read_case_answer(item, "a global variable")
    assert case is not None and case.names == "other"
    assert grade(item, "local variable, it lives inside the function").correct


def test_an_item_that_is_no_case_is_not_read_as_one(item: Exercise) -> None:
    plain = item.model_copy(update={"key_points": ["mean: x", "mode: y"]})
    assert read_case_answer(plain, "false positive") is None


@pytest.fixture
def fake() -> Iterator[FakeAnthropic]:
    with FakeAnthropic(TutorResponder()) as server:
        yield server


def test_the_claude_engine_is_told_to_grade_case_items_the_same_way(
        fake: FakeAnthropic, tmp_path: Path, item: Exercise) -> None:
    engine = claude_engine(fake, usage=UsageLog(tmp_path / "usage.sqlite"))
    engine.grade(item, "false positive")
    sent = user_text(fake.message_requests()[0].body)
    assert "names the idea the case shows" in sent and "goes against what the case says" in sent
