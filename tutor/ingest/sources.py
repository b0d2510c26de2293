"""Read one source file into pages of text, keeping page numbers, headings and emphasis.

(Minimal first version: plain pypdf text, Markdown sections. To be completed.)
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import BaseModel, Field

from tutor.course import Source, SourceKind
from tutor.errors import SourceError

SUFFIXES = {".pdf": SourceKind.PDF, ".md": SourceKind.MARKDOWN, ".markdown": SourceKind.MARKDOWN,
            ".txt": SourceKind.TEXT}


class Page(BaseModel):
    """One page (PDF) or section (Markdown, text) of a source."""

    source: str
    number: int = Field(ge=1)
    text: str
    headings: list[str] = Field(default_factory=list)
    """Headings that start on this page, in order."""
    emphasized: list[str] = Field(default_factory=list)
    """Terms set in bold or italics on this page."""


class SourceText(BaseModel):
    source: Source
    pages: list[Page]


def find_sources(folder: Path) -> list[Path]:
    """Source files directly in a course folder, in name order."""
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)


def read_source(path: Path) -> SourceText:
    path = Path(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise SourceError(path, "not a PDF, Markdown or text file", "convert it or remove it")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if kind is SourceKind.PDF:
        from pypdf import PdfReader

        reader = PdfReader(path)
        pages = [Page(source=path.name, number=i + 1, text=p.extract_text() or "")
                 for i, p in enumerate(reader.pages)]
    else:
        text = data.decode("utf-8", errors="replace")
        pages = [Page(source=path.name, number=1, text=text)]
    return SourceText(source=Source(name=path.name, kind=kind, pages=len(pages), sha256=digest),
                      pages=pages)
