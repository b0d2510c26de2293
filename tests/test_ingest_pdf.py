"""Reading PDFs: page numbers, headings, emphasis, clean text, and every bad-source error."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pdf_maker import BODY, BOLD, ITALIC, body, heading, lines_of, make_pdf
from tutor.errors import SourceError
from tutor.ingest import read_source

SORTING = (
    "Sorting puts the items of a list in order. Many algorithms exist, and they differ in "
    "how many comparisons they make and how much memory they need while they work."
)


def course_pdf(path: Path, *, outline: bool = False) -> Path:
    pages = [
        [
            heading("Searching"),
            [(BODY, "A "), (BOLD, "binary search"), (BODY, " halves the interval at every step.")],
            *lines_of("It needs a sorted list. Each comparison discards half of the remaining "
                      "items, so the number of steps grows with the logarithm of the size."),
            [(BODY, "The "), (ITALIC, "loop invariant"), (BODY, " says where the target can be.")],
        ],
        [
            heading("Sorting"),
            *lines_of(SORTING),
            [(BODY, "A sort is "), (BOLD, "stable"), (BODY, " when equal items keep their order.")],
            body("The first pass of a merge sort splits the list; this is a typical exam-"),
            body("ple of divide and conquer."),
        ],
        [
            *lines_of("Merging two sorted lists takes linear time, which is why merge sort "
                      "runs in n log n steps even in the worst case."),
        ],
    ]
    titles = [(0, "Searching"), (1, "Sorting")] if outline else None
    return make_pdf(path, pages, header="Algorithms notes, page", outline=titles)


def test_pages_keep_their_numbers_headings_and_emphasis(tmp_path: Path) -> None:
    text = read_source(course_pdf(tmp_path / "algo.pdf"))
    assert text.source.kind == "pdf" and text.source.pages == 3
    assert [p.number for p in text.pages] == [1, 2, 3]
    first, second, third = text.pages
    assert first.headings == ["Searching"]
    assert second.headings == ["Sorting"]
    assert third.headings == []
    assert first.emphasized == ["binary search", "loop invariant"]
    assert second.emphasized == ["stable"]
    assert "halves the interval" in first.text
    assert first.text.startswith("Searching\n\n")


def test_text_is_cleaned(tmp_path: Path) -> None:
    pages = read_source(course_pdf(tmp_path / "algo.pdf")).pages
    second = pages[1].text
    assert "example of divide and conquer" in second  # line-end hyphen undone
    for page in pages:  # running header and page-number footer dropped
        assert "Algorithms notes" not in page.text
        assert not any(line.strip().isdigit() for line in page.text.splitlines())


def test_outline_titles_are_used(tmp_path: Path) -> None:
    pages = read_source(course_pdf(tmp_path / "algo.pdf", outline=True)).pages
    assert pages[0].headings == ["Searching"] and pages[1].headings == ["Sorting"]


def test_code_lines_stay_on_their_lines(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "code.pdf", [[
        *lines_of("Here is a function that adds one to its argument, as an example:"),
        [(("Courier", 11), "def add_one(x):")],
        [(("Courier", 11), "    return x + 1")],
        *lines_of("It returns a new value."),
    ]])
    text = read_source(pdf).pages[0].text
    assert "def add_one(x):\nreturn x + 1" in text
    assert "as an example:\n\ndef add_one" in text


def test_encrypted_with_empty_password_is_read(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(course_pdf(tmp_path / "plain.pdf")))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    writer.write(tmp_path / "locked.pdf")
    assert read_source(tmp_path / "locked.pdf").pages[0].headings == ["Searching"]


def _error(path: Path, **kwargs: float) -> str:
    with pytest.raises(SourceError) as info:
        read_source(path, **kwargs)  # type: ignore[arg-type]
    message = str(info.value)
    assert "\n" not in message and message.startswith(f"{path.name}: ")
    return message


def test_encrypted_with_password(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(course_pdf(tmp_path / "plain.pdf")))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    writer.write(tmp_path / "locked.pdf")
    message = _error(tmp_path / "locked.pdf")
    assert "encrypted" in message and "remove the password" in message


def test_not_a_pdf(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_text("just some words, not a PDF at all")
    assert "is not a PDF" in _error(tmp_path / "notes.pdf")


def test_damaged_pdf(tmp_path: Path) -> None:
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    message = _error(tmp_path / "broken.pdf")
    assert "damaged" in message and "export it again" in message


def test_truncated_pdf(tmp_path: Path) -> None:
    data = course_pdf(tmp_path / "whole.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[:200])
    assert "damaged" in _error(tmp_path / "cut.pdf")


def test_empty_file_and_pdf_without_text(tmp_path: Path) -> None:
    (tmp_path / "empty.pdf").write_bytes(b"")
    assert "is empty" in _error(tmp_path / "empty.pdf")
    from reportlab.pdfgen import canvas

    blank = canvas.Canvas(str(tmp_path / "blank.pdf"))
    blank.rect(100, 100, 200, 200)
    blank.showPage()
    blank.save()
    said = _error(tmp_path / "blank.pdf")
    assert "contains no text" in said and "OCR" in said  # a scan drawn as vector paths, say


def test_scanned_pdf(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("RGB", (200, 100), "white")
    scan = canvas.Canvas(str(tmp_path / "scan.pdf"))
    scan.drawImage(ImageReader(image), 50, 50, 400, 200)
    scan.showPage()
    scan.save()
    message = _error(tmp_path / "scan.pdf")
    assert "no text layer" in message and "run OCR first" in message


def test_unsupported_suffix(tmp_path: Path) -> None:
    (tmp_path / "slides.pptx").write_bytes(b"PK\x03\x04")
    assert "not a supported kind of source" in _error(tmp_path / "slides.pptx")


def test_time_limit_and_page_cap(tmp_path: Path) -> None:
    pdf = course_pdf(tmp_path / "algo.pdf")
    assert "took longer than 0 s" in _error(pdf, timeout_s=0)
    assert "more than the 2 one source may have" in _error(pdf, max_pages=2)


def test_heading_sizes_relative_to_body(tmp_path: Path) -> None:
    # headings are found by size against the body text, whatever the absolute sizes
    big = ("Helvetica", 30)
    pdf = make_pdf(tmp_path / "big.pdf", [[
        [(big, "Graphs")],
        *lines_of("A graph has vertices and edges. " * 4),
        body("Plain closing line."),
    ]])
    assert read_source(pdf).pages[0].headings == ["Graphs"]
