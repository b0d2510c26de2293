"""Worked examples the book computes: the case is shown, the learner works out the result."""

from __future__ import annotations

from collections.abc import Sequence

from tests.factories import written_on_pages
from tutor.answers import key_verdict, same_number
from tutor.course import Chunk, Citation, Concept, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.examples.worked_examples import write_worked_examples
from tutor.engine.offline.tutoring.grading import grade
from tutor.engine.offline.writing.checking import check_exercise
from tutor.study.showcases import MAX_SHOWCASES, showcase_passages


def _chunk(text: str, page: int = 5, order: int = 0) -> Chunk:
    return Chunk(id=f"book.pdf#p{page}-{order}", source="book.pdf", page=page, text=text,
                 order=order)


def _concept(cid: str, name: str, definition: str, aliases: Sequence[str] = ()) -> Concept:
    return Concept(id=cid, name=name, definition=definition, aliases=list(aliases),
                   citations=[Citation(source="m.pdf", page=1)])


MEAN = _concept("mean", "mean", "The mean is the sum of the values divided by their count.")
SAMPLE = _concept("sample", "sample", "A sample is a set of values drawn from a population.")
WORKED = ("The mean is the sum of the values divided by their count. Suppose a shop sells "
          "bags of apples weighing 4, 9, 2, 7 and 3 kilograms. The mean of these weights is 5 "
          "kilograms, which is a fair summary of a typical bag.")


def _written(concept: Concept, *texts: str) -> tuple[list[Exercise], list[Chunk]]:
    """The items written on pages holding ``texts`` (one page each), and the passages."""
    return written_on_pages(write_worked_examples, concept, *(("", t) for t in texts))


def _items(concept: Concept, *texts: str) -> list[Exercise]:
    return _written(concept, *texts)[0]


def test_the_case_is_shown_and_the_result_asked_keyed_to_the_number_the_book_states() -> None:
    (item,), passages = _written(MEAN, WORKED)
    assert item.origin is ExerciseOrigin.WORKED_EXAMPLE and item.kind is ExerciseKind.CLOZE
    assert item.answer == "5"
    assert "4, 9, 2, 7 and 3 kilograms" in item.prompt
    assert item.prompt.endswith("The mean of these weights is _____ kilograms.")
    assert "fair summary" not in item.prompt  # what the book says after the result
    assert [c.page for c in item.citations] == [1]
    assert check_exercise(item, MEAN, passages).ok
    assert item.tests_use


def test_a_result_the_case_gives_or_with_no_case_to_compute_from_is_no_worked_example() -> None:
    read_off = "For example, if the values are 2, 8 and 14, the mean of the values is 8."
    no_cue = "Bags weigh 4, 9, 2, 7 and 5 kilograms. The mean of these weights is 5 kilograms."
    one_number = "Suppose every bag weighs 6 kilograms. Then the mean is 6 kilograms."
    no_case = "In the survey data, the mean is 5 kilograms."
    code = "For example, >>> mean([4, 9, 2]) and the mean of that list is 4."
    table = ("For example, in this table 1 4 2 8 3 9 4 1 5 3 6 2 of counts, the mean "
             "count is 3.5.")
    for text in (read_off, no_cue, one_number, no_case, code, table):
        assert _items(MEAN, text) == [], text


def test_the_result_must_be_stated_of_the_concept_not_of_a_phrase_around_it() -> None:
    # "the mean of these weights" is no result of sample, nor "total sample" one of sample
    assert _items(SAMPLE, WORKED) == []
    total = "Suppose 3 shops each sell 40 bags. The total sample is 120 bags."
    assert _items(SAMPLE, total) == []
    clause = ("Suppose bags weigh 4, 9 and 2 kilograms. We compute the mean, and report "
              "that the typical bag is 4 kilograms.")
    assert _items(MEAN, clause) == []


def test_a_shorter_alias_made_of_the_names_words_is_another_idea() -> None:
    rank = _concept("percentile-rank", "percentile rank",
                    "The percentile rank is the share of values at or below a value.",
                    aliases=["rank"])
    text = "For example, in the list [3, 8, 12, 20] the rank of the value 12 is 3."
    assert _items(rank, text) == []


def test_a_case_that_runs_over_a_page_break_is_read_whole_and_cited_on_both_pages() -> None:
    (item,) = _items(MEAN, "The mean splits the sample. As an example, if the weights were 4, 9,",
                     "2, 7 and 3 kilograms, the mean would be 5 kilograms.")
    assert "4, 9, 2, 7 and 3 kilograms" in item.prompt and item.answer == "5"
    assert [c.page for c in item.citations] == [1, 2]


def test_a_numeric_key_takes_any_answer_within_its_rounding() -> None:
    assert same_number("2.6", "2.6") and same_number("2.58", "2.6")
    assert same_number("about 2.6 pounds", "2.6") and same_number("13/5 = 2.6", "2.6")
    assert same_number("1,633", "1633") and same_number("94%", "94")
    assert same_number("0.94", "94%") and same_number("20%", "0.2")
    assert same_number("2.5", "2.6") is False and same_number("99", "100") is False
    assert same_number("0.94", "94") is False  # no percent on either side: no rescaling
    assert same_number("mean", "5") is None and same_number("3 or 4", "3") is None
    assert same_number("5", "mean") is None


def test_the_grader_and_the_key_verdict_compare_a_worked_result_as_a_number() -> None:
    (item,) = _items(MEAN, WORKED)
    assert key_verdict(item, "5.0 kg") is True and key_verdict(item, "4") is False
    assert grade(item, "5.0").correct and grade(item, "it is 5 kilograms").correct
    wrong = grade(item, "7")
    assert not wrong.correct and "5" not in wrong.feedback


def test_a_worked_result_routes_its_passage_to_the_concept_it_is_stated_of() -> None:
    concepts = [{"id": "mean", "name": "mean"}, {"id": "weight", "name": "weight"}]
    chunks = [_chunk(f"A mean is shown by a session:\n>>> m{i}\n3\nProse ends it here.",
                     page=i, order=i) for i in range(1, MAX_SHOWCASES + 2)]
    worked = _chunk(WORKED, page=40, order=40)
    routed = showcase_passages(concepts, [*chunks, worked])
    assert worked in routed["mean"]  # beyond its share of sessions: a count of its own
    assert worked not in routed.get("weight", [])
    plain = _chunk("The mean of the survey is 5 kilograms.", page=41, order=41)
    assert plain not in showcase_passages(concepts, [plain]).get("mean", [])


def test_the_hint_for_a_worked_result_says_how_to_get_it_not_its_digits() -> None:
    from tutor.engine.offline.tutoring.hints import hint

    (item,) = _items(MEAN, WORKED)
    clue = hint(item, MEAN, 2).text
    assert "work it out" in clue and "5" not in clue


CDF = _concept("cdf", "cumulative distribution function",
               "The CDF maps a value to the fraction of values less than or equal to it.",
               aliases=["CDF"])


def test_results_set_as_a_display_after_the_case_are_asked_one_line_at_a_time() -> None:
    text = ("The CDF maps a value to the fraction of values at or below it. As an example, "
            "suppose we collect a sample with the values [1, 2, 2, 3, 5]. Here are some values "
            "from its CDF:\nCDF(0) = 0\nCDF(1) = 0.2\nCDF(2) = 0.6\nCDF(3) = 0.8\nCDF(4) = 0.8\n"
            "CDF(5) = 1\nWe can evaluate the CDF for any value of x.")
    items, passages = _written(CDF, text)
    # the last lines first; one item per value; none whose value the case gives (1)
    assert [(i.prompt.rsplit(" ", 3)[-3], i.answer) for i in items] == [
        ("CDF(4)", "0.8"), ("CDF(2)", "0.6")]
    first = items[0]
    assert first.prompt.endswith("values [1, 2, 2, 3, 5]. CDF(4) = _____.")
    assert "Here are some values" not in first.prompt and "CDF(3)" not in first.prompt
    assert check_exercise(first, CDF, passages).ok
    one_line = ("As an example, suppose the sample is [1, 2, 2, 3, 5]. Its CDF:\nCDF(2) = 0.6\n"
                "We can evaluate the CDF for any value of x.")
    assert _items(CDF, one_line) == []  # one line is no display
    no_case = "Here are some values from the CDF:\nCDF(2) = 0.6\nCDF(4) = 0.8\n"
    assert _items(CDF, no_case) == []


def test_a_result_drawn_with_so_takes_the_sentence_before_it_as_the_case() -> None:
    rank = _concept("percentile-rank", "percentile rank",
                    "The percentile rank is the share of values at or below a value.")
    text = ("In my age group of 40 to 49 year olds, I came in 26th out of 256 runners. So my "
            "percentile rank in my age group was 90%. That is good.")
    (item,) = _items(rank, text)
    assert item.answer == "90" and "26th out of 256 runners" in item.prompt
    assert item.prompt.endswith("So my percentile rank in my age group was _____%.")
    same_sentence = "I beat or tied 1537 runners out of 1633, so my percentile rank is 94%."
    (item,) = _items(rank, same_sentence)
    assert item.answer == "94" and "1537 runners out of 1633, so my" in item.prompt
    # without "so" (or a cue), the sentence before is no case
    plain = ("I came in 26th out of 256 runners in the group of 40 to 49. My percentile rank "
             "in my age group was 90%.")
    assert _items(rank, plain) == []


def test_the_symbol_the_book_gives_a_concept_names_its_result_stated_with_is_or_equals() -> None:
    determination = _concept("r2", "coefficient of determination",
                             "The coefficient of determination measures goodness of fit.")
    named = ("Another measure is the coefficient of determination, usually denoted R 2 and "
             "called R-squared. There is a simple relationship: R 2 = \u03c1 2 . For example, "
             "if \u03c1 is 0.8 or -0.8, R 2 = 0.64. It is hard to interpret.")
    (item,) = _items(determination, named)
    assert item.answer == "0.64" and item.prompt.endswith("if \u03c1 is 0.8 or -0.8, R 2 = _____.")
    # without the book giving the symbol, "R 2" names nothing of the concept
    unnamed = named.replace(", usually denoted R 2 and called R-squared", "")
    assert _items(determination, unnamed) == []


def test_a_result_pointing_back_at_the_example_takes_the_numbers_given_before_it() -> None:
    text = ("The mean, x\u00af, is the sum of the values divided by their count. I think of a "
            "distribution and here is a sample drawn from it:\n[-0.441, 1.774, -0.101, -1.138, "
            "2.975, -2.138]\nWhat is its mean? One choice is the sample mean, x\u00af. In this "
            "example, x\u00af is 0.155, so a reasonable guess is 0.155.")
    (item,) = _items(MEAN, text)
    assert item.answer == "0.155"
    # the list set on its own line is read into the sentence introducing it
    assert "drawn from it: [-0.441, 1.774, -0.101, -1.138, 2.975, -2.138]. What" in item.prompt
    assert item.prompt.endswith("In this example, x\u00af is _____.")
    far = ("Here is a sample: [-0.441, 1.774, -0.101, -1.138, 2.975, -2.138]. One. Two. Three. "
           "Four. In this example, the mean is 0.155.")
    assert _items(MEAN, far) == []  # the numbers too far back to be its case


def test_a_result_stated_of_a_concepts_symbol_routes_to_the_concept() -> None:
    concepts = [{"id": "mean", "name": "mean"}, {"id": "sample", "name": "sample"}]
    named = _chunk("If you have a sample of n values, the mean, x\u00af, is their sum divided "
                   "by n.", page=43, order=43)
    worked = _chunk("Here is a sample: [1, 2, 6]. In this example, x\u00af is 3, a fair guess.",
                    page=117, order=117)
    routed = showcase_passages(concepts, [named, worked])
    assert worked in routed["mean"] and worked not in routed.get("sample", [])
    assert worked not in showcase_passages(concepts, [worked]).get("mean", [])  # no symbol
