"""Hostile course sources for the limit tests: PDFs whose page content is deflated text that
inflates a thousand-fold, written by hand (no PDF library involved)."""

from __future__ import annotations

import zlib
from pathlib import Path

from tests.pdf_maker import raw_pdf

LINE = b"(" + b"a" * 75 + b") Tj T*\n"


def bomb_pdf(path: Path, text_bytes: int, pages: int = 1) -> Path:
    """A PDF of ``pages`` pages that all show one deflated content stream of about
    ``text_bytes`` characters of text (so the text is ``pages`` times that)."""
    content = b"BT /F1 10 Tf 12 TL 72 720 Td\n" + LINE * (text_bytes // 75) + b"ET\n"
    stream = zlib.compress(content, 9)
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
        b"/Resources << /Font << /F1 4 0 R >> >> >>"
    ] * pages
    path.write_bytes(raw_pdf(objects))
    return path
