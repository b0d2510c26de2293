"""Small PDFs for the ingestion tests, drawn with reportlab (a dev dependency)."""

from __future__ import annotations

from pathlib import Path

BODY = ("Helvetica", 11)
BOLD = ("Helvetica-Bold", 11)
ITALIC = ("Helvetica-Oblique", 11)
HEADING = ("Helvetica-Bold", 18)

Run = tuple[tuple[str, int], str]
"""(font, text) pieces of one line."""


def make_pdf(
    path: Path,
    pages: list[list[list[Run]]],
    *,
    header: str | None = None,
    outline: list[tuple[int, str]] | None = None,
) -> Path:
    """Draw ``pages`` (lines of font runs) top down; optional running header with the page
    number, and bookmarks ``(page index, title)``."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    for number, lines in enumerate(pages, start=1):
        if header:
            pdf.setFont(*BODY)
            pdf.drawString(72, height - 40, f"{header} {number}")
        for index, title in outline or []:
            if index == number - 1:
                key = f"k{index}-{title}"
                pdf.bookmarkPage(key)
                pdf.addOutlineEntry(title, key, level=0)
        y = height - 80
        for runs in lines:
            size = max(font[1] for font, _ in runs) if runs else BODY[1]
            y -= size * 1.4 + (8 if size > BODY[1] else 0)
            text = pdf.beginText(72, y)
            for font, piece in runs:
                text.setFont(*font)
                text.textOut(piece)
            pdf.drawText(text)
            if size > BODY[1]:
                y -= 8
        pdf.setFont(*BODY)
        pdf.drawString(width / 2, 30, str(number))
        pdf.showPage()
    pdf.save()
    return path


def body(text: str) -> list[Run]:
    return [(BODY, text)]


def heading(text: str) -> list[Run]:
    return [(HEADING, text)]


def lines_of(paragraph: str, width: int = 80) -> list[list[Run]]:
    """A paragraph wrapped into body lines."""
    out: list[list[Run]] = []
    current = ""
    for word in paragraph.split():
        if current and len(current) + len(word) + 1 > width:
            out.append(body(current))
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        out.append(body(current))
    return out
