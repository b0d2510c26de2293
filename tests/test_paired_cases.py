"""Two cases a manual works in one sentence ("85 is displayed as '8e+1' and 95 is displayed as
'1e+2'"): the second result asked, the first case's result and a slip of the key as options;
refused when the sentence hedges, lists cases open-ended, or states one result twice."""

from __future__ import annotations

from tests.factories import checked_on_pages, manual_pages
from tutor.course import Citation, Concept, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.examples.paired_cases import paired_cases, write_paired_cases
from tutor.study.showcases import showcase_passages

DIVISION = Concept(id="integer-division", name="integer division",
                   definition="Integer division truncates the quotient of two integers.",
                   citations=[Citation(source="m.pdf", page=1)])
TEXT = ("The expression language has integer division and real division. Division of "
        "integers truncates: 5/2 = 2; division of reals does not: 5.0/2.0 = 2.5.\n")


def _items(text: str) -> list:  # type: ignore[type-arg]
    return checked_on_pages(write_paired_cases, DIVISION, ("Expressions", text))


def test_the_second_case_is_asked_with_the_first_as_a_worked_example() -> None:
    [item] = _items(TEXT)
    assert item.kind is ExerciseKind.MULTIPLE_CHOICE
    assert item.origin is ExerciseOrigin.WORKED_EXAMPLE and item.checked_by == "page"
    assert "5/2 = 2; division of reals does not: 5.0/2.0 = _____." in item.prompt
    assert item.answer == "2.5"
    assert item.choices is not None and set(item.choices) == {"2.5", "2", "3"}
    assert item.misconceptions["2"] == "copies the worked case's result"


def test_a_quoted_result_and_its_slips() -> None:
    text = ("With rounding to nearest, a tie is rounded to even. For instance, 85 is "
            "displayed as '8e+1' and 95 is displayed as '1e+2' with the format \"%.0e\".\n")
    [case] = paired_cases(text)
    assert (case.shown, case.asked) == ("'8e+1'", "'1e+2'")


def test_hedged_open_ended_or_one_result_sentences_are_refused() -> None:
    assert paired_cases("Try it: -5/2 yields -3 or -5/2 yields -2 on your system.") == []
    assert paired_cases("Digits count up: 'A' = 10, 'B' = 11, . . ., 'Z' = 35.") == []
    assert paired_cases("Both agree here: 4/2 = 2 and 6/3 = 2 in any mode.") == []
    assert paired_cases("One case only: 5/2 = 2 for integers.") == []
    assert _items("Integer division is explained elsewhere, with no case here.\n") == []


def test_the_sentence_goes_to_the_concept_named_before_it() -> None:
    chunks = manual_pages(("Intro", "Nothing here."), ("Expressions", TEXT))
    concepts = [{"id": "integer-division", "name": "integer division", "aliases": [],
                 "citations": []}]
    assert [c.page for c in showcase_passages(concepts, chunks)["integer-division"]] == [1, 2]


def test_every_verb_is_read_though_passages_without_one_are_skipped() -> None:
    # the passage is read only when it holds a word of a verb: each verb must still be found
    # ("=" is the first test's)
    for verb in ("is displayed as", "represents", "is rounded to", "will be rounded to",
                 "gives", "yields", "evaluates to", "expands to"):
        text = f"In this mode 7/2 {verb} 3 and 9/2 {verb} 4 as the manual shows.\n"
        [case] = paired_cases(text)
        assert (case.shown, case.asked) == ("3", "4"), verb
    assert paired_cases("In this mode 7/2 makes 3 and 9/2 makes 4 as the manual shows.\n") == []
