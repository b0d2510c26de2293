"""Split pages into passages (chunks) of a few sentences, keeping page, heading and emphasis.

Rules: a chunk never crosses a page (so its citation is exact); it aims at
:data:`TARGET_CHARS` and stays between about :data:`MIN_CHARS` and :data:`MAX_CHARS`
characters, ending at a paragraph end when it can and at a sentence end otherwise; a heading
starts a new chunk and becomes the chunk's ``heading`` (carried across pages until the next
one); a heading followed at once by another heading is a passage of its own, so that every
section of the book has a passage and sits in the order of sections; code blocks are kept
whole unless they are longer than a chunk. Ids are ``<source>#p<page>-<n>`` and ``order`` is
the global reading order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Chunk
from tutor.ingest.cleaning import looks_like_code
from tutor.ingest.sources import Page
from tutor.sentences import split_sentences
from tutor.text import fold

MIN_CHARS = 300
TARGET_CHARS = 650
MAX_CHARS = 900
MERGE_LIMIT = 1100
"""A short tail at the end of a page is merged into the chunk before it up to this length."""

def _hard_split(text: str, limit: int) -> list[str]:
    """Cut an over-long unit at line or word boundaries."""
    parts: list[str] = []
    separator = "\n" if "\n" in text else " "
    current = ""
    for piece in text.split(separator):
        while len(piece) > limit:  # one enormous token: cut it anywhere
            parts.extend([current] if current else [])
            current = ""
            parts.append(piece[:limit])
            piece = piece[limit:]
        if current and len(current) + len(piece) + 1 > limit:
            parts.append(current)
            current = piece
        else:
            current = f"{current}{separator}{piece}" if current else piece
    if current:
        parts.append(current)
    return parts


def _units(paragraph: str) -> list[str]:
    """The pieces a paragraph may be cut into: sentences, or a whole code block."""
    lines = paragraph.split("\n")
    if len(lines) > 1 or looks_like_code(paragraph):
        units = [paragraph] if len(paragraph) <= MAX_CHARS else _hard_split(paragraph, MAX_CHARS)
        return units
    out: list[str] = []
    for sentence in split_sentences(paragraph):
        out.extend([sentence] if len(sentence) <= MAX_CHARS else _hard_split(sentence, MAX_CHARS))
    return out


def _paragraph(text: str) -> str:
    """A paragraph of page text, stripped; a code block (several lines, or code) keeps the
    indentation of its first line."""
    text = text.strip("\n").rstrip()
    return text if "\n" in text or looks_like_code(text) else text.strip()


def _heading_events(page: Page, paragraphs: list[str]) -> dict[int, list[tuple[str, bool]]]:
    """Where each of the page's headings starts: paragraph index -> [(heading, is_paragraph)].

    A heading is matched to a short paragraph that reads the same; one that cannot be found
    in the text starts where the heading before it did (or at the top of the page).
    """
    events: dict[int, list[tuple[str, bool]]] = {}
    position, used = 0, set()
    for heading in page.headings:
        key = fold(heading)
        match = None
        for index in range(position, len(paragraphs)):
            candidate = fold(paragraphs[index])
            if index in used or not key or not candidate:
                continue
            if len(paragraphs[index]) <= len(heading) + 40 and (
                candidate.endswith(key)
                or (key.endswith(candidate) and len(candidate) >= 0.6 * len(key))
            ):
                match = index
                break
        if match is None:
            events.setdefault(position, []).append((heading, False))
        else:
            used.add(match)
            position = match
            events.setdefault(match, []).append((heading, True))
    return events


def _assign_terms(chunks: list[Chunk], terms: Sequence[str]) -> None:
    """Give each emphasised term of the page to the first chunk of the page that has it."""
    texts = [c.text.casefold() for c in chunks]
    for term in terms:
        # the term in any case is a precondition of both patterns: a page's chunks without
        # it are not searched (and its patterns not compiled)
        having = [c for c, text in zip(chunks, texts, strict=True) if term.casefold() in text]
        if not having:
            continue
        owner = next((c for c in having if _as_word(c.text, term)), None)
        if owner is None:  # in another case only: the pattern is compiled for these few
            folded = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.I)
            owner = next((c for c in having if folded.search(c.text)), None)
        if owner is not None and term not in owner.emphasized:
            owner.emphasized.append(term)


def _as_word(text: str, term: str) -> bool:
    """Whether ``term`` occurs in ``text`` with no word character on either side (what
    ``(?<!\\w)term(?!\\w)`` finds, without compiling a pattern for every term of the book)."""
    start = text.find(term)
    while start >= 0:
        end = start + len(term)
        if (start == 0 or not _word_character(text[start - 1])) and (
                end == len(text) or not _word_character(text[end])):
            return True
        start = text.find(term, start + 1)
    return False


def _word_character(char: str) -> bool:
    """``\\w`` of a ``str`` pattern: a letter, digit or number of any script, or the underscore."""
    return char.isalnum() or char == "_"


def _page_chunks(page: Page, heading: str) -> tuple[list[tuple[str, str]], str, bool]:
    """``([(heading, text)], heading at the end of the page, whether the last passage is a
    heading alone)`` for one page. A heading with no text before the next heading ("4
    Function reference" then "4.1 ...") is a passage of its own: it opens its section."""
    paragraphs = [_paragraph(p) for p in page.text.split("\n\n") if p.strip()]
    events = _heading_events(page, paragraphs)
    pieces: list[tuple[str, str]] = []
    buffer: list[str] = []
    size = 0
    only_heading = False
    bare = False

    def flush() -> None:
        nonlocal size, only_heading, bare
        text = "\n".join(buffer).strip("\n").rstrip()  # code keeps its first indentation
        if text:
            pieces.append((heading, text))
            bare = only_heading
        buffer.clear()
        size = 0
        only_heading = False

    for index in range(len(paragraphs) + 1):
        for title, is_paragraph in events.get(index, []):
            flush()
            heading = title
            if is_paragraph:
                buffer.append(paragraphs[index])
                size = len(paragraphs[index])
                only_heading = True
        if index == len(paragraphs):
            break
        if only_heading and buffer and buffer[-1] == paragraphs[index]:
            continue
        joined: list[str] = []
        for unit in _units(paragraphs[index]):
            if size + len(unit) > MAX_CHARS and size >= MIN_CHARS // 2 and not only_heading:
                if joined:
                    buffer.append(" ".join(joined))
                    joined = []
                flush()
            joined.append(unit)
            size += len(unit) + 1
            only_heading = False
        if joined:
            buffer.append(" ".join(joined) if "\n" not in joined[0] else "\n".join(joined))
        if size >= TARGET_CHARS:
            flush()
    flush()
    if len(pieces) > 1 and len(pieces[-1][1]) < MIN_CHARS // 2:
        (h1, t1), (h2, t2) = pieces[-2], pieces[-1]
        if h1 == h2 and len(t1) + len(t2) < MERGE_LIMIT:
            pieces[-2:] = [(h1, f"{t1}\n{t2}")]
    return pieces, heading, bare


def _opens_with_text(page: Page) -> bool:
    """Whether a page starts with text rather than with a heading (or nothing)."""
    paragraphs = [_paragraph(p) for p in page.text.split("\n\n") if p.strip()]
    return bool(paragraphs) and not _heading_events(page, paragraphs).get(0)


def chunk_pages(pages: Sequence[Page], start_order: int = 0) -> list[Chunk]:
    """Passages of every page, in reading order; ``order`` starts at ``start_order``."""
    chunks: list[Chunk] = []
    heading = ""
    source = None
    for number, page in enumerate(pages):
        if page.source != source:
            source, heading = page.source, ""
        pieces, heading, bare = _page_chunks(page, heading)
        following = pages[number + 1] if number + 1 < len(pages) else None
        if bare and following is not None and following.source == source and _opens_with_text(
                following):
            pieces.pop()  # its text is on the next page, which carries the heading
        page_chunks = [
            Chunk(
                id=f"{page.source}#p{page.number}-{n}",
                source=page.source,
                page=page.number,
                text=text,
                heading=title,
                order=start_order + len(chunks) + n,
            )
            for n, (title, text) in enumerate(pieces)
        ]
        _assign_terms(page_chunks, page.emphasized)
        chunks.extend(page_chunks)
    return chunks
