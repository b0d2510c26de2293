"""How much one course source may hold, so that a small file cannot make a build explode.

A PDF is a compressed container: 30 KB of deflated page content can inflate to 30 MB of text,
and pypdf's own decompression caps (75 MB per stream) are far above what a course page needs.
These limits are checked while reading, before the expensive step, and a source over one of
them is refused with a one-line :class:`tutor.errors.SourceError`:

- :data:`MAX_SOURCE_CHARS` characters of text per source (PDF, Markdown or text). About 2,000
  pages of a dense textbook; a Markdown or text file is checked on its size before parsing.
- :data:`MAX_PAGE_CONTENT_BYTES` of decompressed drawing instructions per PDF page, checked
  before the page's text is extracted (extraction costs about 2 s and 15 MB per MB of
  content). Such a page is skipped like an unreadable one; when no page is left, the source is
  refused with this reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tutor.errors import SourceError

MAX_SOURCE_CHARS = 4_000_000
"""Characters of text one source may yield."""
MAX_PAGE_CONTENT_BYTES = 4 * 1024 * 1024
"""Decompressed content-stream bytes one PDF page may have."""
MAX_TEXT_FILE_BYTES = 4 * MAX_SOURCE_CHARS
"""A Markdown or text file larger than this is refused before it is decoded (UTF-8 takes up
to four bytes a character)."""


def _mb(count: int) -> str:
    return f"{count / (1024 * 1024):.1f} MB"


def too_much_text(path: Path, limit: int = MAX_SOURCE_CHARS) -> SourceError:
    """The error for a source with more than ``limit`` characters of text."""
    return SourceError(
        path, f"holds more than {limit:,} characters of text (the limit for one source)",
        "split it into smaller files",
    )


def refuse_too_much_text(path: Path, chars: int, limit: int = MAX_SOURCE_CHARS) -> None:
    """:class:`SourceError` when a source yields more than ``limit`` characters of text."""
    if chars > limit:
        raise too_much_text(path, limit)


def check_text_file(path: Path, data: bytes, limit: int = MAX_SOURCE_CHARS) -> None:
    """Refuse a Markdown or text file whose bytes alone exceed the limit, before decoding."""
    if len(data) > 4 * limit:
        raise SourceError(
            path, f"is {_mb(len(data))}, more than a source of {limit:,} characters can be",
            "split it into smaller files",
        )


def page_content_bytes(page: Any) -> int:
    """Decompressed size of a pypdf page's content streams (0 when it has none).

    Decoding is bounded by pypdf's own per-stream cap; the operators are not parsed here.
    """
    contents = page.get_contents()
    if contents is None:
        return 0
    return len(contents.get_data())


class OversizePage(Exception):
    """A PDF page whose content is over :data:`MAX_PAGE_CONTENT_BYTES` (skipped)."""

    def __init__(self, number: int, size: int) -> None:
        super().__init__(number, size)
        self.number = number
        self.size = size


def check_page(page: Any, number: int, limit: int = MAX_PAGE_CONTENT_BYTES) -> None:
    """Raise :class:`OversizePage` for a page over the content limit."""
    size = page_content_bytes(page)
    if size > limit:
        raise OversizePage(number, size)


def oversize_refusal(path: Path, pages: list[OversizePage]) -> SourceError:
    """The error for a PDF none of whose pages could be read, some for their size."""
    first = pages[0]
    more = f" and {len(pages) - 1} other page(s)" if len(pages) > 1 else ""
    return SourceError(
        path,
        f"page {first.number}{more}: {_mb(first.size)} of page content once inflated, over "
        f"the {_mb(MAX_PAGE_CONTENT_BYTES)} one page may have (a decompression bomb?)",
        "export it again as a normal PDF",
    )
