"""A PDF line in heading type is a heading: a numbered section's line counts in the type of its
number, and the brackets of a function it names do not make it code."""

from __future__ import annotations

from collections import Counter

from tutor.ingest.pdf_layout import Line, _is_heading

BODY = 11.0


def _line(text: str, sizes: dict[float, int], bold: int) -> Line:
    return Line(text=text, y=100.0, sizes=Counter(sizes), bold=bold,
                chars=sum(c.isalnum() for c in text))


def test_a_numbered_line_in_bold_counts_in_the_type_of_its_number() -> None:
    # "7.6.2 PBKDF2": the number in 13 pt, the name in 11 pt small capitals, all bold
    assert _is_heading(_line("7.6.2 PBKDF2", {11.0: 6, 13.0: 5}, bold=11), BODY)
    # the same sizes on a line that is not bold, or not numbered, stay body text
    assert not _is_heading(_line("7.6.2 PBKDF2", {11.0: 6, 13.0: 5}, bold=0), BODY)
    assert not _is_heading(_line("Salt PBKDF2", {11.0: 6, 13.0: 5}, bold=10), BODY)


def test_a_numbered_heading_naming_a_function_is_no_code() -> None:
    assert _is_heading(_line("5.4 The array() function", {13.0: 20}, bold=20), BODY)
    assert _is_heading(_line("7.1 The read.table() function", {13.0: 25}, bold=25), BODY)
    # an unnumbered line of code in large bold type is still code
    assert not _is_heading(_line("x = f(a) (b)", {13.0: 6}, bold=6), BODY)
