"""What a function gives on special values, as a numerics manual states it ("mpfr_sin on −0
gives −0", "• pow(-Inf, y) returns −0 for y a negative odd integer."): the call asked, keyed
to the stated value, the other sign and the neighbouring cases' results as options; refused
for two cases in one, a hedge, an argument nothing pins down, or two results for one call."""

from __future__ import annotations

from tests.factories import checked_on_pages, manual_pages
from tutor.course import Citation, Concept, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.code_output.special_values import stated_cases, write_special_values
from tutor.study.showcases import showcase_passages

SIGNED_ZERO = Concept(id="signed-zero", name="signed zero",
                      definition="A signed zero is a zero with a sign, +0 or −0.",
                      citations=[Citation(source="m.pdf", page=1)])
PROSE = ("When the result is equal to 0, its sign is determined by the limit, so a signed zero "
         "comes out: if one approaches 0 from above (resp. below), the result is +0 (resp. "
         "−0); for example, mpfr_sin on −0 gives −0 and mpfr_acos on 1 gives +0 (in all "
         "rounding modes). When the input point is not in the closure of the domain, the "
         "result is NaN. Example: mpfr_sqrt on −17 gives NaN.\n")
LIST = ("Special values of pow follow the signed zero rules of IEEE 754:\n"
        "• pow(-Inf, y) returns −0 for y a negative odd integer.\n"
        "• pow(-Inf, y) returns +0 for y negative and not an odd integer.\n"
        "• pow(-Inf, y) returns −Inf for y a positive odd integer.\n"
        "• pow(±0, y) returns ±Inf for y a negative odd integer.\n")


def _items(text: str) -> list:  # type: ignore[type-arg]
    return checked_on_pages(write_special_values, SIGNED_ZERO, ("4.5 Special Numbers", text))


def test_a_case_stated_in_prose_asks_what_the_call_gives_with_the_other_sign_as_an_option() -> None:
    items = _items(PROSE)
    first = items[0]
    assert first.kind is ExerciseKind.MULTIPLE_CHOICE
    assert first.origin is ExerciseOrigin.WORKED_EXAMPLE and first.checked_by == "page"
    assert first.prompt == "Special values: what does `mpfr_sin` give on -0?"
    assert first.answer == "-0 (negative zero)"
    assert first.choices is not None and "+0 (positive zero)" in first.choices
    assert "NaN" in first.choices  # the neighbouring case's result
    assert [e.answer for e in items] == ["-0 (negative zero)", "+0 (positive zero)", "NaN"]


def test_a_list_of_cases_carries_its_condition_and_leaves_out_two_cases_in_one() -> None:
    items = _items(LIST)
    assert [e.prompt for e in items] == [
        "Special values: what does `pow(-Inf, y)` return for y a negative odd integer?",
        "Special values: what does `pow(-Inf, y)` return for y negative and not an odd integer?",
        "Special values: what does `pow(-Inf, y)` return for y a positive odd integer?"]
    assert items[0].answer == "-0 (negative zero)"
    assert set(items[0].choices or []) >= {"+0 (positive zero)", "-Inf (negative infinity)"}
    assert all("±" not in e.prompt for e in items)


def test_hedged_open_or_doubly_stated_cases_are_refused() -> None:
    assert stated_cases("On some systems mpfr_foo on −0 gives +0.") == []
    assert stated_cases("• pow(x, y) returns NaN.") == []  # x and y pinned down by nothing
    assert stated_cases("atan2(+0, -0) returns +π.") == []  # a sign no option matcher keeps
    twice = "For example, f on 1 gives +0. Elsewhere f on 1 gives −0."
    assert stated_cases(twice) == []
    assert _items("This page names signed zero but states no case at all.\n") == []


def test_the_case_goes_to_the_concept_named_before_it() -> None:
    chunks = manual_pages(("Intro", "Nothing here."), ("4.5 Numbers", LIST))
    concepts = [{"id": "signed-zero", "name": "signed zero", "aliases": [], "citations": []}]
    # with the passage before it, as every showcase
    assert [c.page for c in showcase_passages(concepts, chunks)["signed-zero"]] == [1, 2]
