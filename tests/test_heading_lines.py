"""A PDF line in heading type is a heading: a numbered section's line counts in the type of its
number, and the brackets of a function it names do not make it code."""

from __future__ import annotations

from collections import Counter

from tutor.ingest.pdf_layout import Line, _is_heading, font_style, lay_out

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


def test_a_numbered_line_wholly_bold_a_little_larger_than_the_body_is_a_heading() -> None:
    # "2.1 Lexical conventions" in 12 pt bold over an 11 pt body
    assert _is_heading(_line("2.1 Lexical conventions", {12.0: 21}, bold=21), BODY)
    # the same type unnumbered, or numbered but not bold, is body text
    assert not _is_heading(_line("Lexical conventions", {12.0: 18}, bold=18), BODY)
    assert not _is_heading(_line("2.1 Lexical conventions", {12.0: 21}, bold=0), BODY)


def test_a_numbered_heading_naming_a_program_in_typewriter_is_a_heading() -> None:
    # "4 Using camlidl": "camlidl" in typewriter, the rest bold, in chapter type
    chapter = _line("4 Using camlidl", {14.5: 13}, bold=6)
    chapter.mono = 7
    assert _is_heading(chapter, BODY)
    section = _line("4.3 The camlidldll script", {12.0: 22}, bold=12)
    section.mono = 10
    assert _is_heading(section, BODY)
    # a line mostly in typewriter with no bold word is code
    code = _line("4 camlidl foo", {14.5: 11}, bold=0)
    code.mono = 10
    assert not _is_heading(code, BODY)


def test_the_free_times_bold_named_medi_is_bold() -> None:
    # URW's Times ("NimbusRomNo9L-Medi") sets "2.1 Node Shapes" in 12 pt over an 11 pt body
    assert font_style("ALWLRF+NimbusRomNo9L-Medi") == (True, True, False)
    assert font_style("NimbusRomNo9L-MediItal")[1]
    assert not font_style("NimbusRomNo9L-Regu")[1]
    assert not font_style("Helvetica-Medium")[1]


def test_a_heading_broken_over_two_lines_is_joined_like_prose() -> None:
    # "5.7 Inverse trigonometric func-" / "tions": the word the line end broke is whole again
    body = ["Inverse trigonometric functions are computed by various methods. To compute",
            "the arctangent, one uses a series whose terms fall off quickly for small values,",
            "and the other functions follow from it by the usual identities of trigonometry."]
    lines = [_line("5.7 Inverse trigonometric func-", {14.0: 28}, bold=28),
             _line("tions", {14.0: 5}, bold=5)]
    lines += [_line(text, {BODY: 70}, bold=0) for text in body]
    for y, line in zip(range(700, 0, -16), lines, strict=False):
        line.y = float(y)
    page = lay_out([lines], {})[0]
    assert page.headings == ["5.7 Inverse trigonometric functions"]
