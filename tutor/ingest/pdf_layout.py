"""PDF page layout from one text-extraction pass: lines with their fonts, then paragraphs.

:class:`PageCollector` is the ``visitor_text`` callback given to pypdf's ``extract_text``: it
sees every piece of text with its font and position, so lines, font sizes and bold/italic runs
come for free with the text (no second pass over the file). :func:`lay_out` then works on the
whole document: it drops running headers and footers, finds headings (larger or bold type,
and the outline when the PDF has one), collects emphasised terms, and renders each page as
paragraphs (prose lines joined, code lines kept as they are).
"""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from tutor.ingest.cleaning import join_lines, looks_like_code, paragraphs_text, vocabulary
from tutor.text import STOPWORDS, fix_characters

_BOLD = re.compile(r"bold|black|heavy|semibold|demi|cmbx|cmssbx|cmb\d|[-,](bd|b)$|[-,]medi(?!um)", re.I)
"""Bold weights by name; URW's free Times and Helvetica call their bold "Medi"
("NimbusRomNo9L-Medi", "NimbusRomNo9L-MediItal"), so a heading set in it is bold."""
_ITALIC = re.compile(r"ital|oblique|cmti|cmsl|cmbxti|[-,]it$|medi", re.I)
_SMALLCAPS = re.compile(r"cmcsc|smallcaps|-sc$|caps", re.I)
_MONO = re.compile(r"mono|courier|cmtt|typewriter|consol|code|menlo|sfmono", re.I)
_MATH = re.compile(r"math|cmmi|cmsy|cmex|msam|msbm|symbol|stix|chancery|eufm|rsfs", re.I)
_PAGE_NUMBER = re.compile(r"^\s*(\d{1,4}|[ivxlcdm]{1,7})\s*$", re.I)
_LEAD_NUMBER = re.compile(r"^(\d{1,4})\s+\S")
_TRAIL_NUMBER = re.compile(r"\S\s+(\d{1,4})$")
_LABEL = re.compile(r"^(chapter|part|appendix|lecture|unit|lesson|module)\s+[\w.]+$", re.I)
_BULLET = re.compile(r"^(•|–|◦|▪|\*|\d{1,2}[.)]|\([a-z0-9]\))\s")
_TERM_STRIP = " \t\n.,;:!?()[]{}\"'“”‘’`"
HEADING_RATIO = 1.15
"""A line in type at least this much larger than the body text is a heading candidate."""


_SECTION_NUMBER = re.compile(r"^\d+(?:\.\d+)+\s+[A-Z]")
"""A numbered subsection's line: "7.6.2 PBKDF2", "5.4 The array() function"."""
NUMBERED_RATIO = 1.05
"""A numbered subsection's line set wholly in bold needs only this much larger type than the
body text: a manual may set "2.1 Lexical conventions" in 12 pt bold over an 11 pt body."""
_CHAPTER_NUMBER = re.compile(r"^\d+(?:\.\d+)*\s+[A-Z]")
"""A numbered heading's line, chapter or section: "4 Using camlidl", "4.3 The ... script"."""


class ExtractionTimeout(Exception):
    """Raised from inside the visitor when a source's time limit has passed."""


@lru_cache(maxsize=512)
def font_style(name: str) -> tuple[bool, bool, bool]:
    """``(emphasised, bold, monospaced)`` from a font's name (subset prefix removed)."""
    base = name.split("+", 1)[-1].lstrip("/")
    if not base or _MATH.search(base):
        return False, False, False
    mono = bool(_MONO.search(base))
    bold = bool(_BOLD.search(base))
    emphasised = not mono and (bold or bool(_ITALIC.search(base) or _SMALLCAPS.search(base)))
    return emphasised, bold, mono


@dataclass
class Line:
    """One line of a page as pypdf laid it out."""

    text: str = ""
    y: float | None = None
    sizes: Counter[float] = field(default_factory=Counter)
    bold: int = 0
    mono: int = 0
    chars: int = 0
    spans: list[list[int]] = field(default_factory=list)
    """``[start, end)`` character ranges in bold, italic or small capitals."""

    @property
    def size(self) -> float:
        return self.sizes.most_common(1)[0][0] if self.sizes else 0.0

    def add(self, part: str, y: float, size: float, style: tuple[bool, bool, bool]) -> None:
        emphasised, bold, mono = style
        visible = len(part) - part.count(" ")
        if visible and self.y is None:
            self.y = y
        start = len(self.text)
        self.text += part
        if visible:
            self.sizes[round(size * 2) / 2] += visible
            self.chars += visible
            self.bold += visible if bold else 0
            self.mono += visible if mono else 0
        if emphasised and part.strip():
            lead = len(part) - len(part.lstrip())
            begin, end = start + lead, start + len(part.rstrip())
            if self.spans and not self.text[self.spans[-1][1] : begin].strip():
                self.spans[-1][1] = end
            else:
                self.spans.append([begin, end])


class PageCollector:
    """The ``visitor_text`` callback: builds the lines of one page while pypdf extracts it."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.lines: list[Line] = [Line()]

    def __call__(self, text: str, cm: Any, tm: Any, font: Any, font_size: float) -> None:
        if time.monotonic() > self.deadline:
            raise ExtractionTimeout
        if not text:
            return
        name = font.get("/BaseFont", "") if font is not None else ""
        style = font_style(str(name))
        scale = abs((tm[0] * tm[3] - tm[1] * tm[2]) * (cm[0] * cm[3] - cm[1] * cm[2])) ** 0.5
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        size = font_size * scale
        current = self.lines[-1]
        if current.y is not None and text.strip() and not text.startswith("\n"):
            # pypdf sometimes runs two lines together; a clear drop in y starts a new one
            drop = abs(current.y - y)
            if drop > 0.6 * size and drop > 0.6 * current.size:
                self.lines.append(Line())
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if i:
                self.lines.append(Line())
            if part:
                self.lines[-1].add(fix_characters(part), y, size, style)

    def finish(self) -> list[Line]:
        return [line for line in self.lines if line.text.strip()]


@dataclass
class LaidOutPage:
    text: str
    headings: list[str]
    emphasized: list[str]


def norm(text: str) -> str:
    """Lower-case words only, for comparing headings with lines."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def body_size(pages: list[list[Line]]) -> float:
    """The most common font size, weighted by characters: the size of the body text."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            sizes.update(line.sizes)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def drop_running_lines(pages: list[list[Line]], body: float) -> int:
    """Remove running headers and footers (first/last lines repeated across pages, and page
    numbers); returns how many lines were removed. Lines in heading type are kept."""
    candidates: list[tuple[int, Line]] = []
    for index, lines in enumerate(pages):
        ends = lines[:1] + lines[-1:] if len(lines) > 1 else lines
        candidates.extend((index, line) for line in ends if line.size < body * HEADING_RATIO)
    keys = Counter(re.sub(r"\d+", "#", norm(line.text)) for _, line in candidates)
    offsets: Counter[int] = Counter()
    for index, line in candidates:
        for pattern in (_LEAD_NUMBER, _TRAIL_NUMBER):
            match = pattern.search(line.text.strip())
            if match:
                offsets[index - int(match.group(1))] += 1
    offset = None
    if offsets:
        best, count = offsets.most_common(1)[0]
        if count >= max(3, len(pages) // 5):
            offset = best
    frequent = max(4, len(pages) // 4)
    removed = 0
    for index, line in candidates:
        text = line.text.strip()
        key = re.sub(r"\d+", "#", norm(text))
        running = bool(_PAGE_NUMBER.match(text))
        if len(text) <= 100:
            running = running or (keys[key] >= 3 and "#" in key) or keys[key] >= frequent
            if offset is not None:
                for pattern in (_LEAD_NUMBER, _TRAIL_NUMBER):
                    match = pattern.search(text)
                    running = running or bool(match and index - int(match.group(1)) == offset)
        if running and line in pages[index]:
            pages[index].remove(line)
            removed += 1
    return removed


def _is_heading(line: Line, body: float) -> bool:
    """A line in heading type: larger than the body text and bold (or much larger), not code.
    A numbered section's line counts in the size of its number when the whole line is bold
    ("7.6.2 PBKDF2", its name set in small capitals), and is not code for the brackets of a
    function it names ("5.4 The array() function"); set wholly in bold (a program's name in
    typewriter aside: "4.3 The camlidldll script") it needs only :data:`NUMBERED_RATIO`."""
    numbered = _SECTION_NUMBER.match(line.text) is not None
    # "4 Using camlidl": a numbered heading naming a program in typewriter, the rest bold
    names_code = (_CHAPTER_NUMBER.match(line.text) is not None and line.bold > 0
                  and line.bold + line.mono >= line.chars)
    size = line.size
    if numbered and line.bold >= line.chars and line.sizes:
        size = max(size, max(line.sizes))
    ratio = NUMBERED_RATIO if numbered and (line.bold >= line.chars or names_code) else HEADING_RATIO
    if size < body * ratio or len(line.text) > 120:
        return False
    letters = sum(ch.isalpha() for ch in line.text)
    if letters < 2 or (line.mono > line.chars / 2 and not names_code) or (
            looks_like_code(line.text) and not (numbered and line.bold >= line.chars / 2)):
        return False
    return line.bold >= line.chars / 2 or size >= body * 1.3 or names_code


def _page_blocks(lines: list[Line], body: float) -> list[tuple[str, list[Line]]]:
    """Group a page's lines into heading, code and prose blocks."""
    gaps = [
        a.y - b.y
        for a, b in zip(lines, lines[1:], strict=False)
        if a.y is not None and b.y is not None and 0.5 * body < a.y - b.y < 3 * body
    ]
    spacing = statistics.median(gaps) if gaps else body * 1.2
    blocks: list[tuple[str, list[Line]]] = []
    previous: Line | None = None
    for line in lines:
        if _is_heading(line, body):
            kind = "heading"
        elif line.mono > line.chars * 0.6 or looks_like_code(line.text):
            kind = "code"
        else:
            kind = "prose"
        new_block = not blocks or blocks[-1][0] != kind
        if not new_block and previous is not None and previous.y is not None and line.y is not None:
            gap = previous.y - line.y
            if kind == "heading":
                new_block = abs(previous.size - line.size) > 0.6 or gap > 2.5 * line.size
            elif kind == "prose":
                item = bool(_BULLET.match(line.text)) and previous.text.rstrip()[-1:] in ".:;!?"
                new_block = gap > spacing * 1.35 or gap < -body or item
        if new_block:
            blocks.append((kind, [line]))
        else:
            blocks[-1][1].append(line)
        previous = line
    return _merge_labels(blocks)


def _merge_labels(blocks: list[tuple[str, list[Line]]]) -> list[tuple[str, list[Line]]]:
    """``Chapter 2`` followed by its title becomes one heading block."""
    merged: list[tuple[str, list[Line]]] = []
    for kind, lines in blocks:
        if (
            kind == "heading"
            and merged
            and merged[-1][0] == "heading"
            and _LABEL.match(" ".join(line.text.strip() for line in merged[-1][1]))
        ):
            label = merged[-1][1]
            label[-1] = Line(text=label[-1].text.rstrip() + ":", y=label[-1].y)
            merged[-1] = ("heading", label + lines)
        else:
            merged.append((kind, lines))
    return merged


def _terms(lines: list[Line]) -> list[str]:
    """Emphasised runs of prose lines, joined across line ends, filtered to term-like ones."""
    runs: list[str] = []
    passages: set[str] = set()
    carry = ""
    for line in lines:
        spans = line.spans
        emphasised = sum(end - start for start, end in spans)
        if spans and emphasised > 0.6 * len(line.text) and len(line.text.split()) > 6:
            # a whole passage set in italics (an exercise, a quotation): not a term
            passages.update(line.text[start:end] for start, end in spans)
            if carry:
                passages.add(carry)
                carry = ""
            continue
        for i, (start, end) in enumerate(spans):
            piece = line.text[start:end]
            if i == 0 and carry and start == len(line.text) - len(line.text.lstrip()):
                piece = (carry[:-1] + piece) if carry.endswith("-") else f"{carry} {piece}"
                carry = ""
            elif i == 0 and carry:
                runs.append(carry)
                carry = ""
            if end >= len(line.text.rstrip()) and i == len(spans) - 1:
                carry = piece
            else:
                runs.append(piece)
        if not spans and carry:
            runs.append(carry)
            carry = ""
    if carry:
        runs.append(carry)
    terms = []
    for run in runs:
        if run in passages:
            continue
        term = " ".join(run.split()).strip(_TERM_STRIP)
        words = term.split()
        if not 2 <= len(term) <= 60 or not 1 <= len(words) <= 6:
            continue
        if sum(ch.isalpha() for ch in term) < 3 or all(w.lower() in STOPWORDS for w in words):
            continue
        terms.append(term)
    return terms


def lay_out(pages: list[list[Line]], outline: dict[int, list[str]]) -> list[LaidOutPage]:
    """Render every page: paragraphs, headings in page order, emphasised terms."""
    body = body_size(pages)
    drop_running_lines(pages, body)
    words = vocabulary(line.text for lines in pages for line in lines)
    result = []
    for index, lines in enumerate(pages):
        blocks = _page_blocks(lines, body)
        titles = outline.get(index, [])
        headings: list[str] = []
        found: set[str] = set()
        rendered: list[tuple[str, list[str]]] = []
        for kind, block in blocks:
            texts = [line.text.strip() for line in block]
            if kind == "prose" and len(block) == 1 and titles:
                key = norm(texts[0])
                if any(key.endswith(norm(t)) and len(key) <= len(norm(t)) + 12 for t in titles):
                    kind = "heading"
            if kind == "heading":
                if len(texts) > 1 and _LABEL.match(texts[0]) and not texts[0].endswith(":"):
                    texts[0] += ":"
                heading = " ".join(join_lines(texts, words).split())  # "func-" "tions"
                headings.append(heading)
                found.update(t for t in titles if norm(t) and norm(t) in norm(heading))
                rendered.append(("heading", [heading]))
            else:
                rendered.append((kind, texts))
        # Bookmarks not seen in the type: trusted only on pages where the type showed none
        missing = [t for t in titles if t not in found] if not headings else []
        emphasized: list[str] = []
        for kind, block in blocks:
            if kind == "prose":
                emphasized.extend(t for t in _terms(block) if t not in emphasized)
        result.append(
            LaidOutPage(
                text=paragraphs_text(rendered, words),
                headings=missing + headings,
                emphasized=emphasized,
            )
        )
    return result
