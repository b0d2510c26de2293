"""Two ideas the book puts one under the other are never opposed: no case, no mix-up, no
distractor of one for the other, since the book supports both answers."""

from __future__ import annotations

import pytest

from tests.factories import book_chunk as _chunk
from tests.factories import book_concept as _concept
from tutor.course import Chunk, Concept, Exercise
from tutor.engine.offline.contrasts.contrast_exercises import write_contrast
from tutor.engine.offline.contrasts.nested_ideas import (
    instance_named_as,
    nesting_passages,
    nesting_sentence,
)
from tutor.engine.offline.contrasts.relation_exercises import write_relation
from tutor.engine.offline.definitions.descriptions import describe
from tutor.engine.offline.examples.example_use_exercises import write_example_use
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.exercise_material import Sibling, gather


def _contrasts(concept: Concept, other: Concept, passages: list[Chunk]) -> list[Exercise]:
    m = gather(concept, term_variants(concept.name), passages)
    return write_contrast(m, [Sibling(other, 0.8, describe(other.definition, [other.name]))],
                          passages)


def _opposed(items: list[Exercise], first: str, second: str) -> list[Exercise]:
    return [e for e in items if all(n in f"{e.prompt} {e.answer}".lower() for n in (first, second))]


@pytest.mark.parametrize(("narrow", "broad", "sentence"), [
    ("method", "function", "A method is a function that is associated with an object."),
    ("exponential distribution", "analytic distribution",
     "We model it with an analytic continuous distribution (like exponential or normal)."),
    ("tuple", "immutable type", "Python has immutable types such as strings and tuples."),
    ("R2", "test statistic", "In that case, the test statistic is R 2 and the null "
     "hypothesis is that there is no relationship."),
    ("variance", "central moment", "When k = 2 the result is the second central moment, "
     "which you might recognize as variance."),
    ("tail", "distribution", "• mode: The most frequent value. • tail: The part of a "
     "distribution at the high and low extremes."),
    ("histogram", "counter", "The name of the function is histogram, which is a statistical "
     "term for a collection of counters."),
    ("quartile", "percentile", "The 25th percentile, a quartile, is often reported."),
])
def test_the_book_puts_one_idea_under_the_other(narrow: str, broad: str, sentence: str) -> None:
    passages = [_chunk(sentence, 5)]
    assert nesting_sentence(term_variants(narrow), term_variants(broad), passages)
    assert nesting_sentence(term_variants(broad), term_variants(narrow), passages)


@pytest.mark.parametrize(("first", "second", "sentence"), [
    ("standard deviation", "variance", "The square root of the variance is the standard "
     "deviation."),
    ("list", "string", "A list of strings is a sequence that is easy to sort."),
    ("function", "iterator", "A function is a thing that returns an iterator."),
    ("class attribute", "instance attribute", "Any function designed to work with an "
     "instance of a parent class, like a Deck, will also work with a Hand."),
    ("variance", "mean", "The variance and the mean are both summary statistics."),
])
def test_a_relation_or_a_mere_mention_puts_neither_under_the_other(
        first: str, second: str, sentence: str) -> None:
    assert nesting_sentence(term_variants(first), term_variants(second),
                            [_chunk(sentence, 5)]) is None


GLOSSARY = _chunk("• analytic distribution: A distribution whose CDF is an analytic function. "
                  "• exponential distribution: The distribution whose CDF is 1 − e^(−λx).",
                  page=40)
ANALYTIC = _concept("analytic distribution", "analytic distribution: A distribution whose "
                    "CDF is an analytic function.", page=40)
EXPONENTIAL = _concept("exponential distribution", "exponential distribution: The "
                       "distribution whose CDF is 1 − e^(−λx).", page=40)
CASE = _chunk("The mean of an exponential distribution is 1/λ, so the mean time between "
              "births is 32.7 minutes.", page=42)
LIKE = _chunk("This chapter fits an analytic continuous distribution (like exponential or "
              "normal) to the data and estimates its parameters.", page=60)


def test_an_instance_the_book_lists_under_the_other_idea_gets_no_case() -> None:
    before = _contrasts(EXPONENTIAL, ANALYTIC, [GLOSSARY, CASE])
    assert any("case from the course" in e.prompt for e in before)  # the case alone is asked
    after = _contrasts(EXPONENTIAL, ANALYTIC, [GLOSSARY, CASE, LIKE])
    assert not _opposed(after, "analytic distribution", "exponential distribution")


def test_nor_a_mix_up_between_them() -> None:
    before = _contrasts(ANALYTIC, EXPONENTIAL, [GLOSSARY])
    assert _opposed(before, "analytic distribution", "exponential distribution")
    assert not _contrasts(ANALYTIC, EXPONENTIAL, [GLOSSARY, LIKE])


DETERMINATION = _concept("coefficient of determination", "coefficient of determination: A "
                         "statistic intended to quantify goodness of fit.", page=70)
TEST_STATISTIC = _concept("test statistic", "test statistic: A statistic used to quantify an "
                          "effect size.", page=70)
STATISTICS = _chunk(f"• {DETERMINATION.definition} • {TEST_STATISTIC.definition}", page=70)
R2_CASE = _chunk("There is a simple relationship between the coefficient of determination "
                 "and Pearson's correlation: R 2 = ρ 2 .", page=71)  # no "coefficient" beside
# the blank: a case spelling a word of the name is no case (giveaways.told_by_its_parts)
R2_TESTED = _chunk("In that case, the test statistic is R2 and the null hypothesis is that "
                   "there is no relationship between the variables.", page=72)


def test_a_case_whose_instance_the_book_names_with_the_other_idea_is_not_asked() -> None:
    before = _contrasts(DETERMINATION, TEST_STATISTIC, [STATISTICS, R2_CASE])
    assert any("R 2 = ρ 2" in e.prompt for e in before)
    after = _contrasts(DETERMINATION, TEST_STATISTIC, [STATISTICS, R2_CASE, R2_TESTED])
    assert not any("R 2 = ρ 2" in e.prompt for e in after)
    assert instance_named_as(R2_CASE.text, term_variants("test statistic"), [R2_TESTED],
                             term_variants("coefficient of determination"))


def test_a_part_is_asked_as_a_relation_not_a_case() -> None:
    distribution = _concept("distribution", "distribution: The values that appear in a sample "
                            "and the frequency of each.", page=30)
    tail = _concept("tail", "tail: The part of a distribution at the high and low extremes.",
                    page=30)
    glossary = _chunk(f"• {distribution.definition} • {tail.definition}", page=30)
    case = _chunk("The left tail of the pregnancy lengths is longer than the right; only 2 "
                  "of 9148 pregnancies go past 43 weeks.", page=31)
    m = gather(tail, ["tail", "tails"], [glossary, case])
    sibling = Sibling(distribution, 0.8, describe(distribution.definition, ["distribution"]))
    (item,) = write_relation(m, [sibling])
    assert item.prompt.startswith("How are distribution and tail related?")


def test_a_distractor_the_book_puts_over_the_key_is_not_offered() -> None:
    normal = _concept("normal distribution", "normal distribution: The distribution whose "
                      "PDF is the Gaussian curve.", page=40)
    empirical = _concept("empirical distribution", "empirical distribution: The distribution "
                         "of values in a sample.", page=40)
    uniform = _concept("uniform distribution", "uniform distribution: A distribution in which "
                       "all values have the same frequency.", page=40)
    example = _chunk("Interarrival times are often modelled this way. For example, if the "
                     "mean of an exponential distribution is 2 minutes, its rate is 0.5 per "
                     "minute.", page=42)

    def distractors(passages: list[Chunk]) -> set[str]:
        m = gather(EXPONENTIAL, term_variants(EXPONENTIAL.name), passages)
        siblings = [Sibling(c, 0.8, describe(c.definition, [c.name]))
                    for c in (ANALYTIC, normal, empirical, uniform)]
        return {c for e in write_example_use(m, siblings, passages) for c in e.choices}

    assert "analytic distribution" in distractors([GLOSSARY, example])
    assert "analytic distribution" not in distractors([GLOSSARY, example, LIKE])


def test_a_nesting_far_from_the_concept_reaches_its_task() -> None:
    concepts = [{"id": c.id, "name": c.name, "aliases": [], "citations": [
        {"source": "book.pdf", "page": c.citations[0].page}]} for c in (ANALYTIC, EXPONENTIAL)]
    found = nesting_passages(concepts, {EXPONENTIAL.id: [ANALYTIC.id]},
                             [GLOSSARY, CASE, LIKE])
    assert [c.page for c in found[EXPONENTIAL.id]] == [60]


def test_an_example_of_a_kind_of_the_concept_is_no_distractor() -> None:
    from tutor.engine.offline.examples.example_exercises import write_example

    concepts = {name: _concept(name, f"{name}: {text}", page=10) for name, text in (
        ("number", "A quantity used to count or measure."),
        ("integer", "A whole number without a fractional part."),
        ("statement", "A unit of code that has an effect."),
        ("operator", "A special symbol that represents a computation."))}
    lists = _chunk("Python knows numbers such as pi and tau. It knows integers such as zero "
                   "and forty. It has statements such as print and import. It has operators "
                   "such as plus and minus.", page=10)
    kind = _chunk("An integer is a number without a fractional part.", page=11)

    def choices(passages: list[Chunk]) -> list[str]:
        concept = concepts["number"]
        m = gather(concept, term_variants(concept.name), passages)
        siblings = [Sibling(c, 0.8, describe(c.definition, [c.name]))
                    for name, c in concepts.items() if name != "number"]
        item = write_example(m, siblings, passages)
        return item.choices if item else []

    assert "zero" in choices([lists])  # an integer offered as what is no number
    assert "zero" not in choices([lists, kind])
