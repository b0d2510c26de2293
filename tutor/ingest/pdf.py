"""Read a PDF into pages: text, headings and emphasised terms, in one extraction pass.

Every failure a user can cause (not a PDF, damaged, encrypted, empty, scanned, too slow)
becomes a :class:`tutor.errors.SourceError` naming the file and what to do.

Two readers, each where it is the better tool. pypdf opens the file (damage and encryption
are told apart there), gives the outline and bounds each page's content before it is read
(:mod:`tutor.ingest.limits`); PDFium (:mod:`tutor.ingest.pdfium_text`) reads the text and the
fonts, about ten times faster. A file PDFium cannot open is read by pypdf's text visitor.

pypdf's page tree is most of the reading's cost left (about 0.6 CPU-s for Think Python,
which keeps its pages in object streams that pypdf parses whole), and it stays because the
content bound needs it: PDFium loads a page's content in one call, with no limit (30 MB of
content took 0.95 CPU-s and 500 MB of memory), and its API tells no page's content size.
A scan of the file's bytes cannot stand in for it: PDFium finds objects through the
cross-reference table, so a hostile file can hide a stream from any scan of its bytes.

Time limit. Neither reader can be interrupted from outside, so the limit is checked
cooperatively: before every page and while a page's characters (or pypdf's text pieces) are
collected, plus a cap on the number of pages. A single operation that never returns (say,
one enormous compressed stream) is not covered; the readers' own decompression limits guard
against those.
"""

from __future__ import annotations

import io
import logging
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from tutor.errors import SourceError
from tutor.ingest.limits import (
    MAX_SOURCE_CHARS,
    OversizePage,
    check_page,
    oversize_refusal,
    refuse_too_much_text,
    too_much_text,
)
from tutor.ingest.pdf_layout import ExtractionTimeout, Line, PageCollector, lay_out
from tutor.ingest.pdfium_text import open_document, page_lines
from tutor.text import fix_characters

for _name in ("pypdf", "fontTools"):
    logging.getLogger(_name).setLevel(logging.ERROR)

MAX_OUTLINE_ENTRIES = 5000
UNLOCK = "remove the password (e.g. `qpdf --decrypt in.pdf out.pdf`) and add it again"
RUN_OCR = "run OCR first (e.g. `ocrmypdf in.pdf out.pdf`) and add the result"


def _why(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:80]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _open(path: Path, data: bytes) -> Any:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError

    if b"%PDF-" not in data[:1024]:
        head = data[:8].decode("latin-1").strip() or "nothing"
        raise SourceError(
            path,
            f"is not a PDF (it starts with {head!r}, not %PDF-)",
            "check the file, or give it the suffix of what it really is",
        )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")
            except DependencyError as exc:
                raise SourceError(path, "is encrypted with a cipher this tutor cannot open",
                                  UNLOCK) from exc
            if unlocked == PasswordType.NOT_DECRYPTED:
                raise SourceError(path, "is encrypted with a password", UNLOCK)
        len(reader.pages)
    except SourceError:
        raise
    except Exception as exc:
        raise SourceError(
            path, f"is damaged or truncated ({_why(exc)})", "download or export it again"
        ) from exc
    return reader


def _outline(reader: Any) -> dict[int, list[str]]:
    """Bookmark titles by 0-based page index, top of the page first. Best effort."""
    found: dict[int, list[tuple[float, str]]] = defaultdict(list)
    count = 0

    def walk(items: Any, depth: int) -> None:
        nonlocal count
        for item in items:
            if count >= MAX_OUTLINE_ENTRIES or depth > 8:
                return
            if isinstance(item, list):
                walk(item, depth + 1)
                continue
            count += 1
            try:
                page = reader.get_destination_page_number(item)
                title = " ".join(fix_characters(str(item.title)).split())
                top = float(item.top) if getattr(item, "top", None) is not None else 1e6
            except Exception:
                continue
            if page is not None and page >= 0 and title:
                found[page].append((-top, title))

    try:
        walk(reader.outline, 0)
    except Exception:
        return {}
    return {page: [title for _, title in sorted(items)] for page, items in found.items()}


def _has_images(reader: Any, pages: int = 20) -> bool:
    for page in reader.pages[:pages]:
        try:
            xobjects = page["/Resources"].get_object().get("/XObject")
            if xobjects is None:
                continue
            for ref in xobjects.get_object().values():
                if ref.get_object().get("/Subtype") == "/Image":
                    return True
        except Exception:
            continue
    return False


class TooMuchText(Exception):
    """The pages read so far hold more text than one source may have."""


def _read_range(
    reader: Any, pages: range, deadline: float, char_limit: int = MAX_SOURCE_CHARS,
    document: Any = None,
) -> tuple[list[list[Line]], list[int], int | None, list[tuple[int, int]]]:
    """Lines of each page in ``pages``, the 1-based pages that failed, the page where the
    time limit stopped the reading (None when it did not), and the ``(page, bytes)`` of pages
    skipped for their oversized content. :class:`TooMuchText` past ``char_limit``. The text
    comes from PDFium's ``document`` when there is one (:mod:`tutor.ingest.pdfium_text`), else
    from pypdf's text visitor."""
    collected: list[list[Line]] = []
    skipped: list[int] = []
    oversize: list[tuple[int, int]] = []
    chars = 0
    for index in pages:
        collector = PageCollector(deadline)
        try:
            if time.monotonic() > deadline:
                raise ExtractionTimeout
            page = reader.pages[index]
            check_page(page, index + 1)
            if document is not None:
                collector.lines = page_lines(document, index, deadline)
            else:
                page.extract_text(visitor_text=collector)
        except ExtractionTimeout:
            return collected, skipped, index + 1, oversize
        except OversizePage as big:
            oversize.append((big.number, big.size))
            skipped.append(index + 1)
            collected.append([])
            continue
        except Exception:
            skipped.append(index + 1)
            collected.append([])
            continue
        lines = collector.finish()
        chars += sum(len(line.text) for line in lines)
        if chars > char_limit:
            raise TooMuchText
        collected.append(lines)
    return collected, skipped, None, oversize


def _pdfium(data: bytes) -> Any:
    """PDFium's view of the file, or None when PDFium cannot open it (pypdf reads it then)."""
    try:
        return open_document(data)
    except Exception:
        return None


def read_pdf(
    path: Path, data: bytes, *, timeout_s: float, max_pages: int
) -> tuple[list[tuple[int, str, list[str], list[str]]], list[int]]:
    """``([(page number, text, headings, emphasised terms)], skipped page numbers)``."""
    started = time.monotonic()
    deadline = started + timeout_s
    reader = _open(path, data)
    total = len(reader.pages)
    if total == 0:
        raise SourceError(path, "has no pages", "check the file, or export it again")
    if total > max_pages:
        raise SourceError(
            path, f"has {total} pages, more than the {max_pages} one source may have",
            "split it into smaller files",
        )
    outline = _outline(reader)
    collected: list[list[Line]] = []
    skipped: list[int] = []
    oversize: list[OversizePage] = []
    try:
        # One pass over the file, in this process: a second reader process cost a third more
        # CPU for no wall-time gain when the cores are busy, and re-ran a caller's script.
        parts = [_read_range(reader, range(0, total), deadline, document=_pdfium(data))]
    except TooMuchText as exc:
        raise too_much_text(path) from exc
    for part_lines, part_skipped, stopped_at, part_oversize in parts:
        if stopped_at is not None:
            raise SourceError(
                path,
                f"took longer than {timeout_s:g} s to read (stopped at page {stopped_at} of "
                f"{total})",
                "split it, or export it again as a simpler PDF",
            )
        collected.extend(part_lines)
        skipped.extend(part_skipped)
        oversize.extend(OversizePage(number, size) for number, size in part_oversize)
    refuse_too_much_text(path, sum(len(line.text) for lines in collected for line in lines))
    if len(skipped) == total:
        if oversize:
            raise oversize_refusal(path, oversize)
        raise SourceError(path, "is damaged: no page could be read", "download or export it again")
    laid = lay_out(collected, outline)
    if not any(page.text.strip() for page in laid):
        if _has_images(reader):
            raise SourceError(path, "has no text layer (scanned pages?)", RUN_OCR)
        raise SourceError(path, "contains no text",
                          f"if it is a scan, {RUN_OCR}; else check the file, or remove it")
    pages = [
        (index + 1, page.text, page.headings, page.emphasized) for index, page in enumerate(laid)
    ]
    return pages, skipped
