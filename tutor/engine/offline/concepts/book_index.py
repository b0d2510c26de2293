"""The printed index of a book: its entries, mapped to physical pages.

A back-of-book index is the author's own list of the terms worth looking up, with the pages
that treat them. It is back matter (:mod:`tutor.engine.offline.concepts.book_matter`), so no concept
comes *from* it, but it is evidence: a candidate the index lists is a term the author marks,
and the first page it gives is where the book starts to treat it.

Entries are read from the index passages as ``term, 12, 45-47`` runs (PDF text often runs the
columns of an index together, so entries are found anywhere, not per line); Roman page numbers
(front matter) are skipped. Printed page numbers are mapped to physical pages by calibration:
the offset (physical - printed) that most entries agree on, counting for each entry the
physical pages that mention its term.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from tutor.course import Chunk
from tutor.engine.offline.concepts.book_matter import is_matter_title, is_reference_matter
from tutor.engine.offline.terms import MentionIndex, term_key
from tutor.text import normalize

_ENTRY = re.compile(
    r"(?P<term>[A-Za-z][A-Za-z'\- ]{1,50}?)(?:,|(?:\s*\.){3,})\s*"
    r"(?P<pages>(?:(?:\d{1,4}(?:\s*-\s*\d{1,4})?|[ivxlc]{1,6})(?:,\s*|\s+|$))+)")
_PAGE = re.compile(r"\d{1,4}")
_GROUP = re.compile(r"[A-Z]|[^\w\s]")
"""A line heading a group of the index's entries: their first letter, or symbols."""
_GROUPED = re.compile(r"^([A-Z])\s+(?=(?i:\1))")
"""The group's letter run into the line of its first entry ("P Precision . . . 7")."""
MIN_ENTRIES = 20
"""Fewer entries than this is not a printed index."""
NEAR_PAGES = 2
"""An index speaks for a page when one of its entries gives a page at most this far from it."""
MAX_PAGES_PER_TERM = 12
"""Terms mentioned on more pages than this say little about the offset."""


def index_entries(chunks: Sequence[Chunk]) -> dict[str, list[int]]:
    """Term key -> printed page numbers, from the passages under an "Index" heading (or,
    without one, from pages of page-number lists in the back half of the course)."""
    half = len(chunks) // 2
    passages = [c for c in chunks if c.heading and is_matter_title(c.heading)
                and "index" in c.heading.lower()]
    if not passages:
        passages = [c for i, c in enumerate(chunks) if i >= half and is_reference_matter(c.text)]
    entries: dict[str, list[int]] = {}
    for chunk in passages:
        lines = [_GROUPED.sub("", line.strip()) for line in normalize(chunk.text).split("\n")
                 if not _GROUP.fullmatch(line.strip())]  # "C": the letter its group opens
        text = " ".join(" ".join(lines).split())
        if text.lower().startswith("index "):
            text = text[6:]
        for match in _ENTRY.finditer(text):
            key = term_key(match.group("term").strip())
            pages = [int(p) for p in _PAGE.findall(match.group("pages"))]
            if key and pages and len(key) > 1:
                entries.setdefault(key, pages)
    return entries if len(entries) >= MIN_ENTRIES else {}


def page_offset(entries: dict[str, list[int]], chunks: Sequence[Chunk]) -> int:
    """Physical minus printed page number, as most index entries have it (0 when unsure)."""
    if not entries:
        return 0
    pages = sorted({c.page for c in chunks})
    texts = {p: [] for p in pages}  # type: dict[int, list[str]]
    for chunk in chunks:
        texts[chunk.page].append(chunk.text)
    page_list = [normalize(" ".join(texts[p])) for p in pages]
    found = MentionIndex(page_list, list(entries))
    votes: Counter[int] = Counter()
    for key, printed in entries.items():
        physical = [pages[i] for i in found.counts(key)]
        if not physical or len(physical) > MAX_PAGES_PER_TERM:
            continue
        for offset in {p - q for p in physical for q in printed}:
            votes[offset] += 1
    if not votes:
        return 0
    offset, count = votes.most_common(1)[0]
    return offset if count >= 3 else 0


class PrintedIndex:
    """The entries of a book's printed index, on physical pages, and a lenient lookup:
    inverted and nested entries ("correlation, Pearson's, 91") still list the term."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self.pages = printed_index(chunks)
        self._given = {p for pages in self.pages.values() for p in pages}
        self._segments: list[set[str]] = []
        for key in self.pages:
            self._segments.append(set(key.split()))

    def __bool__(self) -> bool:
        return bool(self.pages)

    def speaks_for(self, page: int) -> bool:
        """True when the index gives a page near ``page`` (:data:`NEAR_PAGES`): an index of
        one part of the book (the essays' index, treating only the chapters on building and
        documenting) says nothing of the terms the other parts introduce."""
        return any(abs(page - q) <= NEAR_PAGES for q in self._given)

    def lists(self, key: str) -> bool:
        """True when the index has an entry for the term, word order aside, or nests it
        under an entry of its head word."""
        if key in self.pages:
            return True
        words = set(key.split())
        if len(words) < 2:
            return False
        pairs = zip(self._segments, self._segments[1:], strict=False)
        return any(words <= first | second for first, second in pairs)


def printed_index(chunks: Sequence[Chunk]) -> dict[str, list[int]]:
    """Term key -> physical pages the book's printed index gives for it (empty without an
    index)."""
    entries = index_entries(chunks)
    offset = page_offset(entries, chunks)
    last = max((c.page for c in chunks), default=0)
    return {key: [p + offset for p in printed if 1 <= p + offset <= last]
            for key, printed in entries.items()}
