"""Front and back matter: the parts of a book that are about the book, not the subject.

A table of contents, an index, a bibliography, a licence or copyright page, release notes, a
preface, a contributor list and the solutions to exercises name many terms, but they never
introduce one: no concept and no definition comes from them (the printed index can still serve
as evidence elsewhere). Passages are recognised three ways:

- **by heading**: a section titled like matter ("Index", "References", "Release notes",
  "Solutions to selected exercises", "Preface"...) is matter down to the next chapter-level
  heading that is not;
- **by position**: when the course has numbered chapters or sections, what comes before the
  first of them is front matter (title pages, contents, preface), except an introduction or
  overview, which is always body;
- **by content**: a page of dot leaders or page numbers (contents, index), of citation-like
  lines (bibliography), of licence wording or of version and "Fixed"/"Added" lines (release
  notes).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Chunk

_TITLE_NUMBER = r"^(?:(?:chapter|appendix|part)\s+)?(?:[A-Z0-9]{1,3}[.:]?\s+)?"
"""What a title may open with before its words ("Appendix B.", "3 ")."""
_NUMBERED = re.compile(_TITLE_NUMBER, re.IGNORECASE)
_MATTER_TITLE = re.compile(
    _TITLE_NUMBER + r"(?:"
    # titles that are matter only on their own ("Index", not "Indexing lists")
    r"(?:(?:table of )?contents|(?:[a-z]+ (?:and [a-z]+ )?)?index|bibliography|references"
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
_CITE_KEY = r"\[(?:\d+|[A-Z][A-Za-z]{0,7}\+?\d{2,4}[a-z]?)\]"
"""An entry's citation key: numbered ("[12]") or by authors and year ("[AAC93]", "[ABC+88]",
"[Knu97b]")."""
_CITATION_LINE = re.compile(
    r"(?:\(\d{4}[a-z]?\)|\b(?:19|20)\d{2}[a-z]?[.,]|\bpp?\.\s*\d|\bdoi\b|\bISBN\b|\bvol\.|"
    r"\b(?:Press|Publishing|Proceedings|Journal|University)\b|" + _CITE_KEY + r"|https?://)")
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
    entries = [p for p in re.split(r"\n\s*\n|\n(?=" + _CITE_KEY + r"|[A-Z][a-z]+, [A-Z]\.)", text)
               if p.strip()]
    if len(entries) < 3:
        return False
    cited = sum(1 for entry in entries if len(_CITATION_LINE.findall(entry)) >= 2)
    return cited >= 0.6 * len(entries)


def is_licence(text: str) -> bool:
    """True for a copyright or licence notice: several of its set phrases in a short text.
    Each phrase counts once: a guide's chapter on legal matters says "copyright" in every
    sentence ("keep a proper copyright notice in each file ...") and is no notice; a notice
    says several different ones ("Copyright ... Permission is granted ... under the terms of
    ...")."""
    hits = len({hit.lower() for hit in _LICENCE.findall(text)})
    return (hits >= 3 or (hits >= 2 and len(text.split()) < 120)
            or len({hit.lower() for hit in _LICENCE_SELF.findall(text)}) >= 3)


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


_INTRODUCTION = re.compile(
    r"(?:(?:chapter\s+)?\d{1,2}[.:]?\s+(?:an?\s+)?(?:introduction|overview)\b(?!.*(?:\.\s?){4})"
    r"|(?:introduction|overview)[.:]?$)",
    re.IGNORECASE)
"""An introduction chapter's title: numbered ("1 Introduction and preliminaries", "2
Overview of the library"), or the bare word ("Introduction", "Overview"); not a contents line
naming it ("1 Introduction . . . . 1") nor a book's title ("An Introduction to R")."""


def is_introduction(heading: str) -> bool:
    """True for the title of a book's introduction or overview chapter: it is the body of the
    book, even before the first numbered chapter and whatever it mentions in passing."""
    return bool(_INTRODUCTION.match(heading.strip()))


def is_chapter_heading(heading: str) -> bool:
    """True for a heading at chapter level: "Chapter 3: ...", "Appendix B ...", "3 Loops"."""
    return bool(_CHAPTER_LEVEL.match(heading.strip()))


def matter_chunks(chunks: Sequence[Chunk]) -> set[int]:
    """Indices of the passages that are front or back matter.

    A title opens a stretch of matter whose end depends on what it names
    (:func:`_matter_kind`): a list or a notice (an index, references, a licence) holds no
    sections of its own, so it goes on only through passages that read as matter, and it
    opens only where its own passage does, at chapter level, or at either end of the book
    (a reference manual's "Index" option, in the middle, is a section like any other); a
    preface ends at the first numbered section too ("1.1 The environment": its chapter heading
    may share a page with it); release notes go on through headings about what is new or
    changed; the rest (solutions, a quick reference) until the next chapter-level heading.
    An introduction or overview (:func:`is_introduction`, numbered or not) is the body of the
    book: it ends a stretch of front matter, counts as body even before the first numbered
    chapter, and only a contents page under its title is matter by content (the licence a
    manual's introduction names in passing is not)."""
    matter: set[int] = set()
    starts = [i for i, c in enumerate(chunks) if c.heading and _FIRST_NUMBERED.match(c.heading)
              and not is_reference_matter(c.text)]
    first_main = starts[0] if starts else 0
    ends = max(1, len(chunks) // 10)
    kind = ""
    previous = ""
    for index, chunk in enumerate(chunks):
        heading = chunk.heading.strip()
        introduction = is_introduction(heading)
        # an introduction speaks of the book's subject; a licence or a release it mentions in
        # passing does not make it matter (a contents page under its title still is)
        by_content = (is_reference_matter(chunk.text) if introduction
                      else _matter_by_content(chunk.text))
        if heading and heading != previous:
            opened = "" if introduction else _matter_kind(heading)
            if opened == _LIST and not (by_content or is_chapter_heading(heading)
                                        or index < ends or index >= len(chunks) - ends):
                opened = ""
            if opened:
                kind = opened
            elif introduction:
                kind = ""  # the body of the book starts here, even before chapter 1
            elif kind and _goes_on(kind, heading, _section_text(chunks, index)
                                   if kind == _LICENCE_KIND else chunk.text, by_content,
                                   index >= first_main, _next_sections(chunks, index)):
                pass
            else:
                kind = ""
            previous = heading
        if kind or (index < first_main and not introduction) or by_content:
            matter.add(index)
    return matter


_LIST, _FRONT, _RELEASE, _LICENCE_KIND, _SECTIONS = "list", "front", "release", "licence", "other"
_LIST_TITLE = re.compile(
    r"(?:table of )?contents|(?:[\w ]+ )?index|bibliography|references|works cited"
    r"|further reading|colophon|dedication|list of (?:figures|tables)|errata", re.IGNORECASE)
_LICENCE_TITLE = re.compile(
    r"(?:[A-Z][\w.-]* ){0,5}(?:(?i:licen[cs]e|copyright|legal notice))")
"""A licence's own title ("GNU Free Documentation License", "Copyright")."""
_FRONT_TITLE = re.compile(
    r"preface|foreword|acknowledge?ments?|contributors?(?: list)?|about (?:the|this) "
    r"(?:authors?|book)", re.IGNORECASE)
_RELEASE_TITLE = re.compile(
    r"release notes|release history|change ?log|changes|revision history|version history"
    r"|what'?s new"
    r"|notes? on (?:the|this) (?:edition|release)|(?:new )?features (?:introduced |added )?in "
    r"(?:version )?v?\d[\w.]*|changes (?:in|since) (?:version )?v?\d[\w.]*"
    r"|differences between versions\b.*", re.IGNORECASE)
_RELEASE_WORD = re.compile(
    r"\b(?:new|changes?|changed|improvements?|deprecated|obsolete|features?|versions?"
    r"|differences|removed|added)\b", re.IGNORECASE)
_RELEASE_NEWS = re.compile(
    r"\b(?:new|now|no longer|deprecated|obsolete|introduced|supersedes?|superseded"
    r"|(?:has|have) been (?:added|removed|changed|extended|improved|replaced))\b"
    r"|\bversions?\s+v?\d+(?:\.\d+)*", re.IGNORECASE)
"""What a release note says of a feature under its own heading ("Gnuplot now supports ...")."""
NEWS_AHEAD = 2
"""How many sections ahead a release note's stretch looks for news before it ends."""
NEWS_WORDS = 40
"""How far into a section's first passage a release note says what is new."""
_NUMBERED_SECTION = re.compile(r"^\d{1,2}\.\d{1,2}\.?\s+[A-Z]")
_LICENCE_SELF = re.compile(
    r"(?i:\bthis licen[cs]e\b|\binvariant sections?\b|\bcover texts?\b|\blicensee\b"
    r"|\bwarranty\b|\bcopyright\b|\bverbatim cop)|\bthe Document\b|\bModified Versions?\b")
"""A licence's words about itself and the work it covers (a licence's own clauses)."""


def is_licence_title(heading: str) -> bool:
    """True for a licence's own title ("GNU Free Documentation License", "Appendix A
    Copyright"), not for a section on licences ("License Notices for Code")."""
    return bool(_LICENCE_TITLE.fullmatch(_NUMBERED.sub("", heading.strip()).strip(" .:")))


def _matter_kind(heading: str) -> str:
    """What a matter title names, which decides where its matter ends; "" for no title."""
    bare = _NUMBERED.sub("", heading.strip()).strip(" .:")
    if _RELEASE_TITLE.fullmatch(bare):
        return _RELEASE
    if is_licence_title(heading):
        return _LICENCE_KIND
    if not is_matter_title(heading):
        return ""
    if _LIST_TITLE.fullmatch(bare):
        return _LIST
    if _FRONT_TITLE.fullmatch(bare):
        return _FRONT
    return _RELEASE if _RELEASE_TITLE.match(bare) else _SECTIONS


def is_news(heading: str, text: str) -> bool:
    """Whether a section is a release note's: its heading is about what changed ("New plot
    styles") or its opening says a feature is new ("Gnuplot now supports ...")."""
    return (_RELEASE_WORD.search(heading) is not None
            or _RELEASE_NEWS.search(" ".join(text.split()[:NEWS_WORDS])) is not None)


def _goes_on(kind: str, heading: str, text: str, by_content: bool, main: bool,
             following: Sequence[tuple[str, str]] = ()) -> bool:
    """Whether a stretch of matter of ``kind`` goes on under a new heading that is no title
    (``following``: the next sections' headings and texts; a release note's section that does
    not say it is new goes on when one of the next :data:`NEWS_AHEAD` does)."""
    if by_content:
        return True
    if kind == _LICENCE_KIND:
        return len(_LICENCE_SELF.findall(text)) >= 2  # the licence's numbered clauses
    if kind == _LIST:
        return False
    if main and is_chapter_heading(heading):
        return False
    if kind == _FRONT:
        return not (main and _NUMBERED_SECTION.match(heading))
    if kind == _RELEASE:  # "New plot styles", or a feature said to be new: "Voxel grids"
        return is_news(heading, text) or any(is_news(*section) for section in following)
    return True


def _section_text(chunks: Sequence[Chunk], index: int) -> str:
    """The text of the section that opens at ``index``: its passages up to the next heading (a
    licence's "Preamble" says "this License" and "copyright" somewhere in it, not always in
    its first passage)."""
    heading = chunks[index].heading.strip()
    texts = []
    for chunk in chunks[index:]:
        if chunk.heading.strip() != heading:
            break
        texts.append(chunk.text)
    return "\n".join(texts)


def _next_sections(chunks: Sequence[Chunk], index: int) -> list[tuple[str, str]]:
    """The headings and first texts of the :data:`NEWS_AHEAD` sections after ``index``'s."""
    found: list[tuple[str, str]] = []
    previous = chunks[index].heading.strip()
    for chunk in chunks[index + 1:]:
        heading = chunk.heading.strip()
        if heading and heading != previous:
            found.append((heading, chunk.text))
            previous = heading
            if len(found) == NEWS_AHEAD:
                break
    return found


def _matter_by_content(text: str) -> bool:
    return (is_reference_matter(text) or is_bibliography(text) or is_licence(text)
            or is_release_notes(text))
