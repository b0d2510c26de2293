"""What follows from a result: the book's result shown, the conclusion it draws keyed."""

from __future__ import annotations

from tests.factories import written_on_pages
from tutor.course import Chunk, Citation, Concept, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.examples.drawn_conclusions import NOTHING_FOLLOWS, write_conclusions
from tutor.engine.offline.tutoring.grading import grade
from tutor.engine.offline.writing.checking import check_exercise
from tutor.study.showcases import showcase_passages

SKEWNESS = Concept(id="skewness", name="skewness",
                   definition="Skewness is a property that describes the shape of a "
                              "distribution, whether it is symmetric or skewed left or right.",
                   aliases=["skew"], citations=[Citation(source="m.pdf", page=1)])
CDF = Concept(id="cdf", name="CDF", definition="The CDF is the function that maps from a value "
              "to its percentile rank.", citations=[Citation(source="m.pdf", page=1)])
DRAWN = ("Figure 6.3 shows the result. The mean, 7.27 lbs, is a bit less than the median, "
         "7.38 lbs, so that is consistent with left skew. Sure enough, the tails agree.")


def _written(concept: Concept, text: str) -> tuple[list[Exercise], list[Chunk]]:
    """The items written on a page holding ``text``, and the page's passages."""
    return written_on_pages(write_conclusions, concept, ("", text))


def _items(concept: Concept, text: str) -> list[Exercise]:
    return _written(concept, text)[0]


def test_the_result_is_shown_and_the_conclusion_the_book_draws_is_keyed() -> None:
    (item,), passages = _written(SKEWNESS, DRAWN)
    assert item.kind is ExerciseKind.MULTIPLE_CHOICE
    assert item.origin is ExerciseOrigin.WORKED_EXAMPLE and item.tests_use
    assert ("\u201cThe mean, 7.27 lbs, is a bit less than the median, 7.38 lbs.\u201d Which "
            "follows from that?") in item.prompt
    assert "skew" not in item.prompt  # the conclusion is what is asked
    assert item.answer == "It is consistent with left skew."
    # beside the conclusion the result rules out: the two share every word but one
    assert sorted(item.choices) == ["It is consistent with left skew.",
                                    "It is consistent with right skew.", NOTHING_FOLLOWS]
    assert check_exercise(item, SKEWNESS, passages).ok
    assert grade(item, "It is consistent with left skew.").correct
    assert not grade(item, "It is consistent with right skew.").correct
    # the idea named only in the conclusion: "the CDF in this range is flat"
    (flat,) = _items(CDF, "There are few values below 30 weeks, so the CDF in this range is "
                          "flat.")
    assert flat.answer == "The CDF in this range is flat."
    assert "The CDF in this range is steep." in flat.choices


def test_no_conclusion_item_when_unsure() -> None:
    refused = [
        "This range includes more than 99% of the CDF values, so we don't worry about them.",
        "If the CDF is 0 at 30 weeks, so is everything below it, and so on.",
        "The mean of the CDF is 1/x, so the mean time between births is 32.7 minutes.",
        "Adding the next CDF value costs 1 unit, so the total so far is 6 units of work.",
        "The CDF has 3 steps, so that we can read it by eye at a glance.",
        "The CDF is flat, so the values are rare in this part of the range.",
        "R^2 6.1e-06 The CDF of agepreg is 0.5, which suggests that older mothers have boys.",
        "The CDF at 30 is 0.1, so the CDF at 30 is 0.1.",
        # no opposite a learner could be asked to rule out
        "The CDF of ages runs from 14 to 44 years, so the CDF gives a snapshot of women at "
        "different stages in their lives.",
    ]
    for text in refused:
        assert _items(CDF, text) == [], text


def test_a_conclusion_drawn_far_from_the_definition_goes_to_the_concepts_it_names() -> None:
    concepts = [{"id": "skewness", "name": "skewness", "aliases": ["skew"]},
                {"id": "histogram", "name": "histogram"}]
    far = Chunk(id="book.pdf#p90-0", source="book.pdf", page=90, order=90,
                text="Here is the histogram of the weights. " + DRAWN)
    routed = showcase_passages(concepts, [far])
    assert far in routed["skewness"]


def test_a_judgement_of_the_value_is_a_conclusion_too() -> None:
    p_value = Concept(id="p-value", name="p-value", definition="The p-value is the probability "
                      "of an effect as big as the one observed if the null hypothesis is true.",
                      citations=[Citation(source="m.pdf", page=1)])
    (item,) = _items(p_value, "The p-value is 0.09, which is not statistically significant.")
    assert "\u201cThe p-value is 0.09.\u201d" in item.prompt
    assert item.answer == "It is not statistically significant."
    assert "It is statistically significant." in item.choices
    # "which is" that says what the thing is, not how the value is judged, is no conclusion
    assert _items(p_value, "The p-value is 0.09, which is the chance of seeing such an effect "
                           "by accident.") == []


def test_a_concept_named_in_passing_or_numbers_given_as_instances_make_no_item() -> None:
    variable = Concept(id="variable", name="variable", definition="A variable is a quantity "
                       "measured for each member of a sample.",
                       citations=[Citation(source="m.pdf", page=1)])
    strong = ("The correlation of height and weight is 0.51, which is a strong correlation "
              "compared to similar human-related variables.")
    assert _items(variable, strong) == []  # the item is on correlation, not on variables
    instances = ("A CDF step can be a simple number, like 52, a range, like 5..7 or a star, "
                 "which indicates that the CDF can have any number of steps.")
    assert _items(CDF, instances) == []


def test_a_conclusion_denied_is_a_distinct_option_and_the_item_passes_the_checker() -> None:
    plot = Concept(id="normal-probability-plot", name="normal probability plot",
                   definition="A normal probability plot is a plot of the values in a sample "
                              "versus random values from a standard normal distribution.",
                   citations=[Citation(source="m.pdf", page=1)])
    (item,), passages = _written(plot, "With n=1, the distribution of the sum is still "
                                       "exponential, so the normal probability plot is not a "
                                       "straight line.")
    assert "The normal probability plot is a straight line." in item.choices
    assert check_exercise(item, plot, passages).ok  # one option denies the other: two options
