"""Small PDFs for the ingestion tests: drawn with reportlab (a dev dependency), or written
object by object (:func:`raw_pdf`) for files no library would make."""

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


def raw_pdf(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF file from numbered object bodies (object i+1 = ``objects[i]``), with a correct
    cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (b"trailer\n<< /Size %d /Root %d 0 R " % (len(objects) + 1, root) + trailer_extra
            + b">>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)
