"""Front and back matter: the parts of a book that are about the book, not the subject.

A table of contents, an index, a bibliography, a licence or copyright page, release notes, a
preface, a contributor list and the solutions to exercises name many terms, but they never
introduce one: no concept and no definition comes from them (the printed index can still serve
as evidence elsewhere). Passages are recognised three ways:

- **by heading**: a section titled like matter ("Index", "References", "Release notes",
  "Solutions to selected exercises", "Preface"...) is matter down to the next chapter-level
  heading that is not;
- **by position**: when the course has numbered chapters or sections, what comes before the
  first of them is front matter (title pages, contents, preface);
- **by content**: a page of dot leaders or page numbers (contents, index), of citation-like
  lines (bibliography), of licence wording or of version and "Fixed"/"Added" lines (release
  notes).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Chunk

_MATTER_TITLE = re.compile(
    r"^(?:(?:chapter|appendix|part)\s+)?(?:[A-Z0-9]{1,3}[.:]?\s+)?(?:"
    # titles that are matter only on their own ("Index", not "Indexing lists")
    r"(?:(?:table of )?contents|(?:general |subject |author )?index|bibliography|references"
    r"|works cited|further reading|licen[cs]e|copyright|legal notice|release notes"
    r"|release history|change ?log|revision history|version history|what'?s new|errata"
    r"|solutions?|answers|hints and solutions|quick reference|reference card|cheat ?sheet"
    r"|preface|foreword|acknowledge?ments?|contributors?(?: list)?|colophon|dedication"
    r"|list of (?:figures|tables))\s*[.:]?\s*$"
    # titles that may go on ("Solutions to selected exercises", "About the author")
    r"|(?:solutions?|answers|hints) (?:to|for) (?:selected |the |all )?(?:exercises|problems)"
    r"|about (?:the|this) (?:authors?|book)|notes? on (?:the|this) (?:edition|release))",
    re.IGNORECASE,
)
_CHAPTER_LEVEL = re.compile(
    r"^(?:(?i:chapter|appendix|part|lesson|unit)\s+[A-Z0-9]+\b|(?:\d{1,2}|[A-Z])[.:]?\s+[A-Z])")
_FIRST_NUMBERED = re.compile(
    r"^(?:(?:chapter|lesson|unit|part)\s+(?:1|one|i)\b|1(?:\.1)?[.:]?\s+[A-Z])", re.IGNORECASE)
_DOT_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d+")
_PAGE_LIST = re.compile(r"[a-z]{3,},\s\d{1,4}\b")
_ENDS_WITH_PAGE = re.compile(r"(?:\.\s*){2,}\d+$|[\s,]\d{1,4}$")
_CITATION_LINE = re.compile(
    r"(?:\(\d{4}[a-z]?\)|\b(?:19|20)\d{2}[a-z]?[.,]|\bpp?\.\s*\d|\bdoi\b|\bISBN\b|\bvol\.|"
    r"\b(?:Press|Publishing|Proceedings|Journal|University)\b|\[\d+\]|https?://)")
_LICENCE = re.compile(
    r"copyright|©|\(c\) \d{4}|all rights reserved|licen[cs]ed? under|creative commons|"
    r"permission is granted|without warranty|isbn|gnu free documentation|public license|"
    r"terms of the|redistribut|attribution", re.IGNORECASE)


def is_matter_title(heading: str) -> bool:
    """True for a heading that names front or back matter ("Index", "7 References")."""
    return bool(_MATTER_TITLE.match(heading.strip()))


def is_reference_matter(text: str) -> bool:
    """True for a table of contents or an index page: dot leaders to page numbers, lines that
    end in page numbers, or runs of comma-separated page numbers."""
    if len(_DOT_LEADER.findall(text)) >= 3:
        return True
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    numbered = sum(1 for line in lines if _ENDS_WITH_PAGE.search(line))
    if len(lines) >= 5 and numbered >= 0.6 * len(lines):
        return True
    return len(_PAGE_LIST.findall(text)) >= max(5, 0.05 * len(text.split()))


def is_bibliography(text: str) -> bool:
    """True for a passage made of citation-like entries (years, pages, publishers, links)."""
    entries = [p for p in re.split(r"\n\s*\n|\n(?=\[\d+\]|[A-Z][a-z]+, [A-Z]\.)", text) if p.strip()]
    if len(entries) < 3:
        return False
    cited = sum(1 for entry in entries if len(_CITATION_LINE.findall(entry)) >= 2)
    return cited >= 0.6 * len(entries)


def is_licence(text: str) -> bool:
    """True for a copyright or licence notice: several of its set phrases in a short text."""
    hits = len(_LICENCE.findall(text))
    return hits >= 3 or (hits >= 2 and len(text.split()) < 120)


_RELEASE_LINE = re.compile(
    r"^\s*(?:[-*\u2022]\s*)?(?:v(?:ersion)?\s*\d+\.\d+(?:\.\d+)?|\d+\.\d+\.\d+|"
    r"(?:19|20)\d\d-\d\d-\d\d|(?:fixed|added|removed|changed|deprecated)\b)",
    re.IGNORECASE | re.MULTILINE)


def is_release_notes(text: str) -> bool:
    """True for release notes: lines that open with version numbers, dates, or "Fixed",
    "Added", "Removed" entries."""
    lines = [line for line in text.split("\n") if line.strip()]
    found = len(_RELEASE_LINE.findall(text))
    return found >= 4 and found >= 0.4 * len(lines)


def is_chapter_heading(heading: str) -> bool:
    """True for a heading at chapter level: "Chapter 3: ...", "Appendix B ...", "3 Loops"."""
    return bool(_CHAPTER_LEVEL.match(heading.strip()))


def matter_chunks(chunks: Sequence[Chunk]) -> set[int]:
    """Indices of the passages that are front or back matter."""
    matter: set[int] = set()
    starts = [i for i, c in enumerate(chunks) if c.heading and _FIRST_NUMBERED.match(c.heading)
              and not is_reference_matter(c.text)]
    first_main = starts[0] if starts else 0
    inside = False
    previous = ""
    for index, chunk in enumerate(chunks):
        heading = chunk.heading.strip()
        if heading and heading != previous:
            if is_matter_title(heading):
                inside = True
            elif inside and is_chapter_heading(heading) and index >= first_main:
                inside = False
            previous = heading
        if (inside or index < first_main or is_reference_matter(chunk.text)
                or is_bibliography(chunk.text) or is_licence(chunk.text)
                or is_release_notes(chunk.text)):
            matter.add(index)
    return matter
