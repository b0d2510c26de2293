"""A page's characters read in one call must be the characters PDFium gives one by one."""

from __future__ import annotations

from typing import Any

from tests.factories import PDF_LINES, write_pdf
from tutor.ingest.pdfium_text import _text, open_document


class _Page:
    """A text page as PDFium's raw API shows it: ``true`` codes one by one, ``text`` in one
    call (PDFium writes its hyphen mark, code 2, as 0xFFFE there, and may leave some out)."""

    def __init__(self, true: list[int], text: list[int]) -> None:
        self.true, self.text = true, text

    def FPDFText_GetUnicode(self, _page: Any, i: int) -> int:  # noqa: N802 - PDFium's name
        return self.true[i]

    def FPDFText_GetText(self, _page: Any, _start: int, count: int, buffer: Any) -> int:  # noqa: N802
        for i, unit in enumerate(self.text[:count]):
            buffer[i] = unit
        return min(len(self.text), count) + 1


def _chars(codes: list[int]) -> str:
    return "".join(chr(code) for code in codes)


def test_hyphen_marks_and_pages_that_do_not_line_up_get_the_codes_one_by_one() -> None:
    true = [ord("a"), 2, ord("b"), 0xFFFE, ord("c")]
    read = _text(_Page(true, [ord("a"), 0xFFFE, ord("b"), 0xFFFE, ord("c")]), None, 5)
    assert read == _chars(true)
    short = _Page(true, [ord("a"), ord("b"), ord("c")])  # two characters left out
    assert _text(short, None, 5) == _chars(true)
    astral = [ord("x"), 0x1D400]
    assert _text(_Page(astral, [ord("x"), 0xD835]), None, 2) == _chars(astral)  # half a pair
    pair = [0x1D400, ord("y")]  # a whole pair takes two units for one character
    assert _text(_Page(pair, [0xD835, 0xDC00]), None, 2) == _chars(pair)
    assert _text(_Page([], []), None, 0) == ""


def test_a_character_given_as_the_two_halves_of_its_pair_reads_as_that_character() -> None:
    halves = [ord("n"), 0xD835, 0xDC41, ord("-")]  # U+1D441 given one half per index
    read = _text(_Page(halves, halves), None, 4)
    assert read == "n\U0001d441\ufffe-"
    read.encode()  # text the rest of the build can write and hash
    lone = [ord("a"), 0xDC41, ord("b"), 0xD835]
    assert _text(_Page(lone, lone), None, 4) == "a\ufffeb\ufffe"


def test_a_real_page_reads_the_same_in_one_call(tmp_path) -> None:
    import pypdfium2.raw as raw

    document = open_document(write_pdf(tmp_path / "a.pdf", [PDF_LINES]).read_bytes())
    page = document[0]
    textpage = page.get_textpage()
    try:
        count = raw.FPDFText_CountChars(textpage.raw)
        assert count > 20
        one_by_one = [raw.FPDFText_GetUnicode(textpage.raw, i) for i in range(count)]
        assert _text(raw, textpage.raw, count) == _chars(one_by_one)
    finally:
        textpage.close()
        page.close()
