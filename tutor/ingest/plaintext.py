"""Read a plain-text source: paragraphs, with sections (the "pages" of a text file).

A section starts at a heading-like line: underlined with ``===``/``---``, in capitals, or
numbered (``2.1 Lists``, ``Chapter 3``). A file without such lines is cut into sections of
about :data:`SECTION_CHARS` characters at paragraph ends, so that citations still point
somewhere useful. Bytes that are not UTF-8 are read as cp1252, else latin-1: never a crash.
"""

from __future__ import annotations

import re
from pathlib import Path

from tutor.errors import SourceError
from tutor.ingest.cleaning import decode_text, looks_binary, looks_like_code
from tutor.ingest.limits import check_text_file, refuse_too_much_text
from tutor.text import fix_characters

SECTION_CHARS = 3000
_UNDERLINE = re.compile(r"^\s*(=+|-+)\s*$")
_NUMBERED = re.compile(r"^(\d+(\.\d+)*\.?|chapter \d+|part [ivx\d]+|appendix [a-z])\s+\S", re.I)
_LIST_ITEM = re.compile(r"^\s*([-*•+]|\d{1,2}[.)])\s+")

RawPage = tuple[int, str, list[str], list[str]]


def decode_source(path: Path, data: bytes) -> str:
    """The text of a text-like source; :class:`SourceError` for binary or empty files."""
    if looks_binary(data):
        raise SourceError(path, "is a binary file, not text", "convert it to text or remove it")
    check_text_file(path, data)
    text = decode_text(data)
    refuse_too_much_text(path, len(text))
    text = fix_characters(text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceError(path, "contains no text", "check the file, or remove it")
    return text


def _heading(lines: list[str]) -> str | None:
    """The heading a paragraph consists of, if it is one."""
    if len(lines) == 2 and _UNDERLINE.match(lines[1]) and lines[0].strip():
        return lines[0].strip()
    if len(lines) != 1:
        return None
    line = lines[0].strip()
    if not 2 <= len(line) <= 80 or line[-1] in ".,;:?!" or looks_like_code(line):
        return None
    letters = [ch for ch in line if ch.isalpha()]
    if len(letters) >= 3 and all(ch.isupper() for ch in letters):
        return line
    return line if _NUMBERED.match(line) and len(line.split()) <= 10 else None


def render_paragraph(lines: list[str]) -> str:
    """Prose lines joined with spaces; code and list items kept on their own lines."""
    out: list[list[str]] = []  # output lines, each as the pieces joined into it
    joinable = False
    for line in lines:
        stripped = line.rstrip()
        keep = bool(
            looks_like_code(stripped) or _LIST_ITEM.match(stripped) or line.startswith("    ")
        )
        if out and not keep and joinable:
            out[-1].append(stripped.strip())
        else:
            out.append([stripped if keep else stripped.strip()])
            joinable = not keep or bool(_LIST_ITEM.match(stripped))
    return "\n".join(" ".join(parts) for parts in out)


def split_sections(paragraphs: list[tuple[str | None, str]]) -> list[tuple[list[str], str]]:
    """``(heading or None, text)`` paragraphs -> ``(headings, text)`` sections.

    Sections start at headings; a heading with nothing under it joins the next section. A
    section without a heading is cut at about :data:`SECTION_CHARS` characters, one with a
    heading at twice that (the heading carries over to the passages that follow).
    """
    sections: list[tuple[list[str], list[str]]] = []
    content = 0
    for heading, text in paragraphs:
        if heading is not None:
            if not sections or content:
                sections.append(([], []))
                content = 0
            sections[-1][0].append(heading)
            sections[-1][1].append(heading)
            continue
        limit = SECTION_CHARS * 2 if sections and sections[-1][0] else SECTION_CHARS
        if not sections or (content and content + len(text) > limit):
            sections.append(([], []))
            content = 0
        sections[-1][1].append(text)
        content += len(text)
    return [(headings, "\n\n".join(body)) for headings, body in sections if body]


def read_text(path: Path, data: bytes) -> list[RawPage]:
    text = decode_source(path, data)
    paragraphs: list[tuple[str | None, str]] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        heading = _heading(lines)
        paragraphs.append((heading, heading if heading else render_paragraph(lines)))
    return [
        (number, body, headings, [])
        for number, (headings, body) in enumerate(split_sections(paragraphs), start=1)
    ]
