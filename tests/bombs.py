"""Hostile course sources for the limit tests: PDFs whose page content is deflated text that
inflates a thousand-fold, written by hand (no PDF library involved)."""

from __future__ import annotations

import zlib
from pathlib import Path

LINE = b"(" + b"a" * 75 + b") Tj T*\n"


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


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
    path.write_bytes(_pdf(objects))
    return path
