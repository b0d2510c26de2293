"""Read one source file into pages of text, keeping page numbers, headings and emphasis.

PDF pages keep their page numbers; Markdown and text files are cut into sections, numbered
1.. and treated as pages. Whatever goes wrong with a file the user gave us comes out as a
:class:`tutor.errors.SourceError` with a one-line message; nothing else escapes
:func:`read_source`.
"""

from __future__ import annotations

import hashlib
import sys
import time
from contextvars import ContextVar
from pathlib import Path

from pydantic import BaseModel, Field

from tutor.course import Source, SourceKind
from tutor.errors import SourceError
from tutor.ingest.limits import refuse_too_much_text
from tutor.safety.markup import inert_course_text
from tutor.safety.names import has_bad_characters
from tutor.shelf import Shelf

SUFFIXES = {
    ".pdf": SourceKind.PDF,
    ".md": SourceKind.MARKDOWN,
    ".markdown": SourceKind.MARKDOWN,
    ".txt": SourceKind.TEXT,
}
DEFAULT_TIMEOUT_S = 120.0
"""Time limit for reading one source (see :mod:`tutor.ingest.pdf` for how it is enforced)."""
MAX_PAGES = 5000
"""Longest PDF accepted as one source."""


class Page(BaseModel):
    """One page (PDF) or section (Markdown, text) of a source."""

    source: str
    number: int = Field(ge=1)
    text: str
    """Paragraphs separated by blank lines; headings are paragraphs of their own; code keeps
    its line breaks; running headers and footers are removed."""
    headings: list[str] = Field(default_factory=list)
    """Headings that start on this page, in order."""
    emphasized: list[str] = Field(default_factory=list)
    """Terms set in bold or italics on this page."""


class SourceText(BaseModel):
    source: Source
    pages: list[Page]
    skipped_pages: list[int] = Field(default_factory=list)
    """PDF pages whose text could not be extracted (the rest of the file was read)."""
    seconds: float = 0.0
    """How long reading took."""


def find_sources(folder: Path) -> list[Path]:
    """Source files directly in a course folder, in name order."""
    return sorted(
        p
        for p in Path(folder).iterdir()
        if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
    )


def read_source(
    path: Path, timeout_s: float = DEFAULT_TIMEOUT_S, max_pages: int = MAX_PAGES
) -> SourceText:
    """Read a PDF, Markdown or text file; :class:`SourceError` when it cannot be used."""
    started = time.monotonic()
    path = Path(path)
    if has_bad_characters(path.name):
        raise SourceError(path, "has a name with control characters or bytes that are not "
                          "UTF-8", "rename the file (letters, digits, spaces, dashes)")
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise SourceError(
            path, f"{path.suffix or 'no suffix'} is not a supported kind of source",
            "convert it to PDF, Markdown (.md) or text (.txt), or remove it",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, f"cannot be opened ({exc.strerror or exc})",
                          "check that the file exists and is readable") from exc
    if not data.strip():
        raise SourceError(path, "is empty", "add the file again with its content")
    skipped: list[int] = []
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        if kind is SourceKind.PDF:
            raw, skipped = _pdf_pages(path, data, sha256, timeout_s, max_pages)
        elif kind is SourceKind.MARKDOWN:
            from tutor.ingest.markdown import read_markdown

            raw = read_markdown(path, data)
        else:
            from tutor.ingest.plaintext import read_text

            raw = read_text(path, data)
    except SourceError:
        raise
    except RecursionError as exc:
        raise SourceError(path, "is too deeply nested to read", "export it again") from exc
    except Exception as exc:  # a reader bug must not take the whole build down
        raise SourceError(
            path, f"could not be read ({type(exc).__name__}: {' '.join(str(exc).split())[:80]})",
            "export it again, or report the file",
        ) from exc
    refuse_too_much_text(path, sum(len(text) for _, text, _, _ in raw))
    # Content is data: no image, link or HTML survives into the course (tutor.safety.markup).
    pages = [
        Page(source=path.name, number=number, text=inert_course_text(text),
             headings=[inert_course_text(h) for h in headings],
             emphasized=[inert_course_text(t) for t in terms])
        for number, text, headings, terms in raw
    ]
    if not any(page.text.strip() for page in pages):
        raise SourceError(path, "contains no text", "check the file, or remove it")
    source = Source(
        name=path.name, kind=kind, pages=len(pages), sha256=sha256
    )
    return SourceText(
        source=source, pages=pages, skipped_pages=skipped, seconds=time.monotonic() - started
    )


RawPages = tuple[list[tuple[int, str, list[str], list[str]]], list[int]]
"""What :func:`tutor.ingest.pdf.read_pdf` reads: the pages and the skipped page numbers."""

PAGES_SHELF: ContextVar[Shelf[str, RawPages] | None] = ContextVar("tutor_pages", default=None)
"""The shelf of the build running in this context (:mod:`tutor.shelf`): what a PDF's pages
read, by the file's bytes (and the page limit), for the reader that made the shelf
(:func:`reader_version`); a PDF found there is not read again."""


def _pdf_pages(path: Path, data: bytes, sha256: str, timeout_s: float,
               max_pages: int) -> RawPages:
    from tutor.ingest.pdf import read_pdf

    shelf = PAGES_SHELF.get()
    key = f"{sha256}:{max_pages}"
    read = shelf.get(key) if shelf is not None else None
    if read is None:
        read = read_pdf(path, data, timeout_s=timeout_s, max_pages=max_pages)
    if shelf is not None:
        shelf.keep(key, read)
    return read


def reader_version() -> str:
    """What read a shelf's pages: the package's code (every module, so that no change to
    what reading calls goes unseen), the PDF libraries and the interpreter."""
    from importlib.metadata import version

    digest = hashlib.sha256(sys.version.encode())
    for package in ("pypdf", "pypdfium2"):
        digest.update(f"\0{package} {version(package)}".encode())
    root = Path(__file__).resolve().parent.parent
    for module in sorted(root.rglob("*.py")):
        digest.update(b"\0" + str(module.relative_to(root)).encode() + b"\0")
        digest.update(module.read_bytes())
    return digest.hexdigest()[:32]
