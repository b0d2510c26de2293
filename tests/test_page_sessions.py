"""Sessions that need the book's own library: keyed to the page when everything is literal."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from tests.factories import book_page
from tutor.course import Citation, Concept, ExerciseOrigin
from tutor.engine.offline.code_output.code_exercises import write_code_output
from tutor.engine.offline.code_output.code_listings import sessions
from tutor.engine.offline.code_output.page_sessions import (
    from_literals,
    missing_libraries,
    page_value,
    predictable,
)
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.exercise_material import gather

PMF = Concept(id="pmf", name="probability mass function", aliases=["PMF", "Pmf"],
              definition="A PMF maps each value to its probability.",
              citations=[Citation(source="book.pdf", page=3)])
LIBRARY_SESSION = (
    "A Pmf maps each value to its probability. Here is an example with a simple list:\n"
    ">>> import statlib\n"
    ">>> pmf = statlib.Pmf([1, 2, 2, 3, 5])\n"
    "To look up the probability associated with a value, use Prob:\n"
    ">>> pmf.Prob(2)\n"
    "0.4\n"
    "You can modify a Pmf by incrementing the probability of a value:\n"
    ">>> pmf.Incr(2, 0.2)\n"
    ">>> pmf.Prob(2)\n"
    "0.6\n"
)


_chunk = book_page


def _items(text: str, run=None):  # type: ignore[no-untyped-def]
    chunk = _chunk(text)
    m = gather(PMF, term_variants(PMF.name, PMF.aliases), [chunk])

    def never(statements: Sequence[str]) -> list[str] | None:
        pytest.fail(f"a session needing a library the sandbox lacks was replayed: {statements}")

    return write_code_output(m, [chunk], run=run or never)


def test_a_literal_session_on_the_books_library_is_keyed_to_the_page_and_says_so() -> None:
    items = _items(LIBRARY_SESSION)
    assert [i.answer for i in items] == ["0.4", "0.6"]
    first, second = items
    assert first.origin is ExerciseOrigin.CODE_OUTPUT and first.checked_by == "page"
    assert "statlib" in first.prompt and "the book prints" in first.prompt
    assert "checked against the page, not by running it" in first.explanation
    # the same line in a new state (after Incr) is another question, shown with what changed it
    assert ">>> pmf.Incr(2, 0.2)\n>>> pmf.Prob(2)" in second.prompt
    assert ">>> pmf = statlib.Pmf([1, 2, 2, 3, 5])" in second.prompt
    assert check_exercise(first, PMF, [_chunk(LIBRARY_SESSION)]).ok


def test_a_session_reading_data_drawing_at_random_or_unpredictable_gives_no_page_item() -> None:
    reads = ("A Pmf of the survey:\n>>> import statlib\n>>> pmf = statlib.ReadPmf()\n"
             ">>> pmf.Prob(2)\n0.4\n")
    named_file = ("A Pmf of the survey:\n>>> import statlib\n"
                  ">>> pmf = statlib.Pmf('survey.csv')\n>>> pmf.Prob(2)\n0.4\n")
    drawn = ("A Pmf of a sample:\n>>> import statlib\n"
             ">>> pmf = statlib.Pmf(statlib.randn(5))\n>>> pmf.Prob(2)\n0.4\n")
    unsorted = ("A Pmf of a list:\n>>> import statlib\n>>> pmf = statlib.Pmf([1, 2, 2])\n"
                "Values returns an unsorted list of the values in the Pmf:\n"
                ">>> pmf.Values()\n[2, 1]\n")
    not_a_value = ("A Pmf of a list:\n>>> import statlib\n>>> pmf = statlib.Pmf([1, 2, 2])\n"
                   ">>> pmf\nPmf({1: 0.33, 2: 0.67})\n")
    printing_import = "A Pmf module that prints when imported:\n>>> import pmfcount\n7\n"
    for text in (reads, named_file, drawn, unsorted, not_a_value, printing_import):
        assert _items(text) == [], text


def test_a_session_on_the_standard_library_is_still_replayed_and_dropped_on_a_mismatch() -> None:
    text = "A Pmf needs a square root:\n>>> import math\n>>> math.sqrt(16)\n4.0\n"
    assert _items(text, run=lambda statements: ["", "5.0\n"]) == []
    (item,) = _items(text, run=lambda statements: ["", "4.0\n"])
    assert item.checked_by == "execution" and item.answer == "4.0"
    assert "the book prints" not in item.prompt


def test_what_counts_as_literal_as_a_plain_value_and_as_a_missing_library() -> None:
    assert missing_libraries(["import math", "import numpy as np", "from scipy import stats"]) \
        == ["numpy", "scipy"]
    assert from_literals(["import lib", "t = lib.Hist([1, 2])", "t.Freq(2)", "t[1:2]"])
    assert not from_literals(["import lib", "t = lib.Load()"])  # a library call given nothing
    assert not from_literals(["t.Freq(2)"])  # a name the session never bound
    assert not from_literals(["import lib", "for x in [1]:\n    lib.f(x)"])
    assert page_value("0.4") == "0.4" and page_value("[1, 2]") == "[1, 2]"
    assert page_value("-3") == "-3" and page_value("'ab'") == "'ab'"
    for shown in ("Hist({1: 1})", "0 1\n1 2", "<object at 0x1f>", "None", "0.4 is the answer"):
        assert page_value(shown) is None, shown
    assert not predictable("Values returns an unsorted list:") and predictable("Use Prob:")


def test_a_value_set_after_a_blank_line_with_text_run_into_it_is_the_output() -> None:
    text = (">>> hist = lib.Hist([1, 2, 2])\n"
            "To look up the frequency of a value, use Freq as shown here:\n"
            ">>> hist.Freq(2)\n\n2 The bracket operator does the same thing:\n"
            ">>> hist.Total()\n5\nTo renormalize, call Normalize:\n>>> hist.Normalize()\n"
            ">>> print('And now for something completely different')\n"
            "And now for something completely different\n")
    steps = [s for session in sessions(text) for s in session.steps]
    assert [(s.source, s.output) for s in steps] == [
        ("hist = lib.Hist([1, 2, 2])", ""), ("hist.Freq(2)", "2"), ("hist.Total()", "5"), ("hist.Normalize()", ""),
        ("print('And now for something completely different')",
         "And now for something completely different")]
