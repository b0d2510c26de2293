"""Read a Markdown source: sections at ``#``/``##`` headings become the "pages".

Headings (ATX ``#`` and underlined) are kept as their own paragraphs and listed per section;
``**bold**``, ``__bold__``, ``*italic*`` and ``_italic_`` become plain text and are recorded as
emphasised terms; links keep their text; raw HTML is reduced to its text (``<script>`` and
``<style>`` blocks are dropped whole); fenced and indented code is kept line by line.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from tutor.ingest.plaintext import RawPage, decode_source, render_paragraph

SECTION_LEVEL = 2
"""Headings at this level or above (``#``, ``##``) start a new section."""

_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_FENCE = re.compile(r"^ {0,3}(```+|~~~+)")
_DROP_OPEN = re.compile(r"<!--|<(script|style)\b", re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>")
# Every inner part is bounded so that unclosed markers cost linear, not quadratic, time.
_IMAGE = re.compile(r"!\[([^\]\n]{0,300})\]\([^)\s]{0,500}\)")
_LINK = re.compile(r"\[([^\]\n]{1,300})\]\([^)\s]{0,500}\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)([^\n]{1,200}?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![*\w])\*(?=[^\s*])([^\n]{1,200}?)(?<=[^\s*])\*(?![*\w])")
_EM_UNDER = re.compile(r"(?<![_\w])_(?=[^\s_])([^\n]{1,200}?)(?<=[^\s_])_(?![_\w])")
_CODE_SPAN = re.compile(r"`+([^`\n]{0,500})`+")
MAX_TERMS = 300
"""Emphasised terms kept per section (a guard against files made of markup)."""
_FRONT_MATTER = re.compile(r"\A---\n.*?\n(---|\.\.\.)\n", re.S)


def _inline(text: str, emphasized: list[str]) -> str:
    """Markdown inline markup to plain text, collecting emphasised terms."""
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)

    def keep(match: re.Match[str]) -> str:
        inner = match.group(2) if match.re is _STRONG else match.group(1)
        term = " ".join(inner.split()).strip(" .,;:")
        if term and len(term) <= 60 and len(term.split()) <= 6 and len(emphasized) < MAX_TERMS:
            if term not in emphasized:
                emphasized.append(term)
        return inner

    for pattern in (_STRONG, _EM_STAR, _EM_UNDER):
        text = pattern.sub(keep, text)
    text = _CODE_SPAN.sub(r"\1", text)
    return html.unescape(text)


def _strip_html(text: str) -> str:
    """Drop comments and script/style blocks (an unclosed one runs to the end, as in a
    browser), then tags; one left-to-right pass, so linear in the text."""
    kept: list[str] = []
    position = 0
    while True:
        match = _DROP_OPEN.search(text, position)
        if match is None:
            kept.append(text[position:])
            break
        kept.append(text[position : match.start()])
        if match.group(1):
            close = re.compile(rf"</{match.group(1)}\s*>", re.I).search(text, match.end())
            position = close.end() if close else len(text)
        else:
            close_at = text.find("-->", match.end())
            position = close_at + 3 if close_at >= 0 else len(text)
    return _TAG.sub("", "".join(kept))


def read_markdown(path: Path, data: bytes) -> list[RawPage]:
    text = _FRONT_MATTER.sub("", decode_source(path, data), count=1)
    lines = text.split("\n")
    blocks: list[tuple[int, str]] = []  # (heading level or 0, text); code kept whole
    emphasized_at: list[list[str]] = []
    buffer: list[str] = []
    code: list[str] | None = None
    fence = ""

    def flush() -> None:
        prose = _strip_html("\n".join(buffer))
        buffer.clear()
        found: list[str] = []
        paragraph = render_paragraph([_inline(line, found) for line in prose.split("\n")])
        if paragraph.strip():
            blocks.append((0, paragraph.strip("\n")))
            emphasized_at.append(found)

    for i, line in enumerate(lines):
        if code is not None:
            if line.strip().startswith(fence):
                blocks.append((0, "\n".join(code)))
                emphasized_at.append([])
                code = None
            else:
                code.append(line.rstrip())
            continue
        fenced = _FENCE.match(line)
        atx = _ATX.match(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if fenced:
            flush()
            code, fence = [], fenced.group(1)[:3]
        elif atx:
            flush()
            found: list[str] = []
            blocks.append((len(atx.group(1)), _inline(_strip_html(atx.group(2)), found).strip()))
            emphasized_at.append([])
        elif line.strip() and not buffer and _SETEXT.match(nxt) and not _SETEXT.match(line):
            flush()
            level = 1 if nxt.strip().startswith("=") else 2
            blocks.append((level, _inline(_strip_html(line.strip()), []).strip()))
            emphasized_at.append([])
        elif _SETEXT.match(line) and blocks and blocks[-1][0] and not buffer:
            continue
        elif not line.strip():
            flush()
        else:
            buffer.append(line)
    if code is not None:
        blocks.append((0, "\n".join(code)))
        emphasized_at.append([])
    flush()
    return _sections(blocks, emphasized_at)


def _sections(blocks: list[tuple[int, str]], emphasized_at: list[list[str]]) -> list[RawPage]:
    """Cut at ``#``/``##`` headings; deeper headings stay inside, listed with the section.

    A heading with nothing under it joins the next section.
    """
    pages: list[RawPage] = []
    headings: list[str] = []
    body: list[str] = []
    terms: list[str] = []
    content = False

    def close() -> None:
        if body:
            text = "\n\n".join(body)
            pages.append((len(pages) + 1, text, list(headings), list(terms)))
        headings.clear()
        body.clear()
        terms.clear()

    for (level, text), found in zip(blocks, emphasized_at, strict=True):
        if not text.strip():
            continue
        if level and level <= SECTION_LEVEL and content:
            close()
            content = False
        if level:
            headings.append(text)
        else:
            content = True
        body.append(text)
        terms.extend(t for t in found if t not in terms and len(terms) < MAX_TERMS)
    close()
    return pages
