"""A contrast asked on the book's case of one of the two ideas: the learner classifies it and
says why, instead of matching a description to a definition they just read."""

from __future__ import annotations

from tests.factories import book_chunk as _chunk
from tests.factories import book_concept as _concept
from tutor.answers import mix_up_sides, reversed_diagnosis
from tutor.course import Chunk, Concept, Exercise, ExerciseOrigin
from tutor.engine.offline.contrasts.contrast_cases import shown_case
from tutor.engine.offline.contrasts.contrast_exercises import write_contrast
from tutor.engine.offline.contrasts.contrast_questions import pair_of
from tutor.engine.offline.definitions.descriptions import describe
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.exercise_bank import write_beyond_definition
from tutor.engine.offline.writing.exercise_material import Sibling, gather

GLOSSARY = _chunk("• false positive: The conclusion that an effect is real when it is not. "
                  "• false negative: The conclusion that an effect is due to chance when it "
                  "is not.", page=40)
FALSE_POSITIVE = _concept("false positive", "false positive: The conclusion that an effect "
                          "is real when it is not.", page=40)
FALSE_NEGATIVE = _concept("false negative", "false negative: The conclusion that an effect "
                          "is due to chance when it is not.", page=40)
CASE = _chunk("If you run one hypothesis test, the chance of a false positive is about 1 in "
              "20, which might be acceptable.", page=42)


def _contrasts(concept: Concept, other: Concept, passages: list[Chunk]) -> list[Exercise]:
    m = gather(concept, term_variants(concept.name, concept.aliases), passages)
    sibling = Sibling(other, 0.8, describe(other.definition, [other.name]))
    return write_contrast(m, [sibling], passages)


def test_a_case_of_either_idea_is_asked_to_classify() -> None:
    (item,) = _contrasts(FALSE_NEGATIVE, FALSE_POSITIVE, [GLOSSARY, CASE])
    assert item.origin is ExerciseOrigin.CONTRAST
    assert "the chance of a(n) _____ is about 1 in 20" in item.prompt
    assert "Is the missing idea false negative or false positive?" in item.prompt
    assert "classmate" not in item.prompt  # no description to match in the stem
    assert "real when it is not" not in item.prompt and "due to chance" not in item.prompt
    assert item.answer.startswith("False positive.")  # the case shows the sibling
    assert item.citations[0].page == 42  # the case's page first, then the definitions
    assert {c.page for c in item.citations} == {40, 42}
    assert pair_of(item.origin.value, item.prompt, item.key_points) == (
        "false negative", "false positive")
    assert mix_up_sides(item) == ("false positive", "false negative")
    assert shown_case(item) == CASE.text
    assert check_exercise(item, FALSE_NEGATIVE, [GLOSSARY, CASE]).ok


def test_naming_the_other_idea_in_the_answer_is_wrong() -> None:
    (item,) = _contrasts(FALSE_NEGATIVE, FALSE_POSITIVE, [GLOSSARY, CASE])
    assert reversed_diagnosis(item, "It is a false negative: the test said no effect.")
    assert not reversed_diagnosis(item, "False positive. The test finds an effect that is "
                                  "not real, about 1 time in 20.")


def test_without_a_case_the_mix_up_stays() -> None:
    (item,) = _contrasts(FALSE_NEGATIVE, FALSE_POSITIVE, [GLOSSARY])
    assert "classmate" in item.prompt


def test_a_case_that_does_not_show_the_idea_at_work_is_not_asked() -> None:
    not_cases = [
        # both ideas named: nothing to classify
        "A false positive at 1 in 20 is worse than a false negative at 1 in 5.",
        # a definition's shape, with numbers
        "A false positive is called a type 1 error in 2 of the 3 books.",
        # history: the only number is a year
        "The term false positive was first used in medicine around 1950.",
        # no concrete case at all
        "A false positive can be costly when many tests are run.",
        # cut at a page break
        "If you run 20 tests, the chance of at least one false positive is",
        # about the book's parts
        "In the next section, we compute the false positive rate for 20 tests.",
        # a listing run in after a colon: printed output, not a sentence
        "The output of this test is: 0 no 1 no 2 yes If the chance of a false positive is "
        "1 in 20, you expect one.",
    ]
    for text in not_cases:
        items = _contrasts(FALSE_NEGATIVE, FALSE_POSITIVE, [GLOSSARY, _chunk(text, 42)])
        assert all("case from the course" not in e.prompt for e in items), text


def test_a_formula_that_ends_the_case_is_no_listing_run_in() -> None:
    case = _chunk("For example, the chance of a false positive in one test is: p = 1 / 20.",
                  page=42)
    (item,) = _contrasts(FALSE_NEGATIVE, FALSE_POSITIVE, [GLOSSARY, case])
    assert "case from the course" in item.prompt and ": p = 1 / 20." in item.prompt


def test_a_case_is_found_by_the_name_not_a_looser_alias() -> None:
    rank = _concept("percentile rank", "percentile rank: The percentage of values in a "
                    "distribution that are less than or equal to a given value.", page=40,
                    aliases=("rank",))
    percentile = _concept("percentile", "percentile: The value associated with a given "
                          "percentile rank.", page=40)
    glossary = _chunk(f"• {rank.definition} • {percentile.definition}", page=40)
    case = _chunk("For example, in the sample [1, 2, 5, 7] the rank of the value 5 is 3, "
                  "because it appears third in the sorted list.", page=42)
    items = _contrasts(rank, percentile, [glossary, case])
    assert all("case from the course" not in e.prompt for e in items)


def test_a_naming_is_no_case() -> None:
    variance = _concept("variance", "variance: A summary statistic intended to describe the "
                        "variability or spread of a distribution.", page=40)
    deviation = _concept("standard deviation", "standard deviation: The square root of "
                         "variance, also used as a measure of spread.", page=40)
    glossary = _chunk(f"• {variance.definition} • {deviation.definition}", page=40)
    naming = _chunk("When k = 2 the result is the second central moment, which you might "
                    "recognize as variance.", page=41)

    def beyond(passages: list[Chunk]) -> list[Exercise]:
        m = gather(variance, ["variance"], passages)
        sibling = Sibling(deviation, 0.8, describe(deviation.definition, [deviation.name]))
        return write_beyond_definition(m, [sibling], passages)

    (tie,) = beyond([glossary, naming])  # the two tied by an operation: the tie is asked
    assert tie.origin is ExerciseOrigin.RELATION and "case" not in tie.prompt
    formula = _chunk("If you have prior experience, you might have seen a formula for variance "
                     "with n - 1 in the denominator, rather than n.", page=43)
    (case,) = beyond([glossary, naming, formula])
    assert "a formula for _____ with n - 1" in case.prompt
    assert "square root of variance" in case.explanation  # the tie, told after the attempt


def test_a_case_before_the_book_teaches_the_idea_is_not_asked() -> None:
    early = _chunk("If you run one hypothesis test, the chance of a false positive is about 1 "
                   "in 20, which might be acceptable.", page=12)  # before page 40
    items = _contrasts(FALSE_NEGATIVE, FALSE_POSITIVE, [GLOSSARY, early])
    assert all("case from the course" not in e.prompt for e in items)


def test_a_pair_written_from_both_sides_goes_to_the_side_with_a_case() -> None:
    from tutor.study.exercise_steps import _asked_once

    case, = _contrasts(FALSE_NEGATIVE, FALSE_POSITIVE, [GLOSSARY, CASE])
    mix_up, = _contrasts(FALSE_POSITIVE, FALSE_NEGATIVE, [GLOSSARY])
    assert "classmate" in mix_up.prompt
    own = Exercise(id="false-negative-code-1", concept_id="false-negative", kind=case.kind,
                   prompt="What does Python show?", answer="0.05", key_points=["0.05"],
                   citations=case.citations, origin=ExerciseOrigin.CODE_OUTPUT)
    # the case's concept has more questions of its own, yet the case is the one asked
    kept = _asked_once([e.model_dump(mode="json") for e in (mix_up, case, own)])
    assert case.id in [e["id"] for e in kept]
    # the mix-up stays only as all its concept has (the writer left its definition out for it)
    assert [e["id"] for e in kept if e["concept_id"] == "false-positive"] == [mix_up.id]


def test_an_idea_named_by_a_common_word_gets_no_case() -> None:
    listed = _concept("list", "list: An object consisting of an ordered collection of objects "
                      "known as its components.", page=40)
    vector = _concept("numeric vector", "numeric vector: A single entity consisting of an "
                      "ordered collection of numbers.", page=40)
    glossary = _chunk(f"• {listed.definition} • {vector.definition}", page=40)
    everyday = _chunk("There is one such function for every device driver: type help(Devices) "
                      "for a list of them all.", page=42)
    items = _contrasts(listed, vector, [glossary, everyday])
    assert items and all("case from the course" not in e.prompt for e in items)


def test_one_case_is_shown_once_across_concepts() -> None:
    from tutor.study.exercise_steps import _asked_once

    case, = _contrasts(FALSE_NEGATIVE, FALSE_POSITIVE, [GLOSSARY, CASE])
    again = case.model_copy(update={
        "id": "false-positive-contrast-1", "concept_id": "false-positive",
        "prompt": case.prompt.replace("false negative or false positive",
                                      "false positive or type 1 error")})
    own = again.model_copy(update={"id": "false-positive-code-1", "prompt": "What shows?",
                                   "origin": ExerciseOrigin.CODE_OUTPUT})
    kept = _asked_once([e.model_dump(mode="json") for e in (case, again, own)])
    assert [e["id"] for e in kept] == [case.id, own.id]
    # alone on its concept, the repeat stays
    kept = _asked_once([e.model_dump(mode="json") for e in (case, again)])
    assert [e["id"] for e in kept] == [case.id, again.id]


def test_a_case_that_glosses_the_idea_where_it_stands_is_not_asked() -> None:
    """"Plot the _____, which is 1 − CDF(x), on a log-y scale" says what the idea is: naming it
    is recognising that description, as a blind rater judged it."""
    glossary = _chunk("• complementary CDF: A function that maps from a value, x, to the "
                      "fraction of values that exceed x. • inverse CDF: A function that maps "
                      "from a cumulative probability, p, to the corresponding value.", page=60)
    ccdf = _concept("complementary CDF", "complementary CDF: A function that maps from a "
                    "value, x, to the fraction of values that exceed x.", page=60)
    inverse = _concept("inverse CDF", "inverse CDF: A function that maps from a cumulative "
                       "probability, p, to the corresponding value.", page=60)
    glossed = _chunk("One way is to plot the complementary CDF, which is 1 - CDF(x), on a "
                     "log-y scale for these 44 values.", page=62)
    at_work = _chunk("One way is to plot the complementary CDF of the 44 interarrival times "
                     "on a log-y scale to see whether they fall on a straight line.", page=62)
    assert not any("one idea left out" in e.prompt
                   for e in _contrasts(inverse, ccdf, [glossary, glossed]))
    (item,) = _contrasts(inverse, ccdf, [glossary, at_work])
    assert "plot the _____ of the 44 interarrival times" in item.prompt
