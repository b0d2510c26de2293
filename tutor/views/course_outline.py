"""A course's concepts at book scale: chapters and sections, search, and a concept's
neighbourhood, so that a map of 150 to 350 concepts can be read a part at a time.

Chapters come from the book's own numbering when the sections carry it ("3.2 Keyword
arguments" and "Chapter 3: Functions" are chapter 3), else from the source files of a course of
several files, else each section is its own chapter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from tutor.course import Course
from tutor.text import fold

FULL_MAP_MAX = 60
"""Up to this many concepts the whole graph is drawn; above it, one node per chapter."""
_HEAD = re.compile(r"^\s*(?:chapter|appendix|part|lecture|unit)\s+(\d{1,2}|[A-Z])\b", re.I)
"""A chapter's own heading: "Chapter 3: Functions", "Appendix B"."""
_NUMBERED = re.compile(r"^\s*(\d{1,2}|[A-Z](?=\.\d))((?:\.\d+)*)\.?\s+\S")
"""A numbered section title: "3 Functions", "3.2 Keyword arguments", "B.1 Order of growth"."""


@dataclass
class Section:
    title: str
    concepts: list[str] = field(default_factory=list)
    """Concept ids in reading order."""


@dataclass
class Chapter:
    key: str
    """Stable key for a picker (the chapter number, file or section title)."""
    title: str
    sections: list[Section] = field(default_factory=list)

    @property
    def concepts(self) -> list[str]:
        return [cid for section in self.sections for cid in section.concepts]


def _numbering(section: str) -> tuple[str, tuple[int, ...]] | None:
    """(chapter key, section numbers) of a numbered title; ``None`` when it has no number.
    A chapter's own heading has no section numbers."""
    head = _HEAD.match(section)
    if head:
        return head.group(1).upper(), ()
    numbered = _NUMBERED.match(section)
    if numbered:
        rest = tuple(int(n) for n in numbered.group(2).split(".") if n)
        return numbered.group(1), rest
    return None


def _chapter_order(key: str) -> tuple[int, int, str]:
    """Numbered chapters by number, lettered appendices after them (unnumbered ones last)."""
    return (0, int(key), "") if key.isdigit() else (1, 0, key)


def chapters(course: Course) -> list[Chapter]:
    """The course's concepts grouped by chapter and section.

    When most concepts sit in numbered sections, chapters and sections follow the numbers
    (a glossary printed at a chapter's end stays at its end) and the few concepts of unnumbered
    sections come last; otherwise a course of several files has a chapter per file, and a
    single file a chapter per section, in reading order. Concepts are in reading order."""
    ordered = sorted(course.concepts, key=lambda c: (c.first_order, c.name.lower()))
    numbering = {c.id: _numbering(c.section) for c in ordered}
    numbered = sum(1 for n in numbering.values() if n is not None) > len(ordered) / 2
    several = len({c.citations[0].source for c in ordered if c.citations}) > 1
    by_key: dict[str, Chapter] = {}
    titles: dict[str, str] = {}
    for concept in ordered:
        section_title = concept.section or "Other concepts"
        found = numbering[concept.id] if numbered else None
        if found is not None:
            key, title = found[0], f"Chapter {found[0]}"
            if not found[1]:
                titles.setdefault(key, section_title)
        elif several:
            key = concept.citations[0].source if concept.citations else ""
            title = key.rsplit(".", 1)[0] or "Other concepts"
        else:
            key = title = section_title
        chapter = by_key.setdefault(key, Chapter(key=key, title=title))
        section = next((s for s in chapter.sections if s.title == section_title), None)
        if section is None:
            section = Section(section_title)
            chapter.sections.append(section)
        section.concepts.append(concept.id)
    out = list(by_key.values())
    if numbered:
        for chapter in out:
            chapter.title = titles.get(chapter.key, chapter.title)
            chapter.sections.sort(key=lambda s: (_numbering(s.title) or ("", (10**6,)))[1])
        keys = {n[0] for n in numbering.values() if n is not None}
        out.sort(key=lambda c: _chapter_order(c.key) if c.key in keys else (2, 0, ""))
    return out


def chapter_of(course: Course) -> dict[str, str]:
    """Concept id -> the key of its chapter."""
    return {cid: chapter.key for chapter in chapters(course) for cid in chapter.concepts}


def neighbourhood(course: Course, concept_id: str) -> list[str]:
    """The concept, its direct prerequisites and its direct dependents (ids, each once)."""
    around = [concept_id, *course.prerequisites_of(concept_id), *course.dependents_of(concept_id)]
    return list(dict.fromkeys(around))


def _matches(text: str, phrase: str, words: list[str]) -> int | None:
    """0: ``text`` starts with the phrase; 1: contains it; 2: every word starts one of its
    words; ``None``: no match."""
    if text.startswith(phrase):
        return 0
    if phrase in text:
        return 1
    own = text.split()
    if all(any(o.startswith(w) for o in own) for w in words):
        return 2
    return None


def search(course: Course, query: str, limit: int = 50) -> list[str]:
    """Concept ids whose name or alias matches ``query`` (case, punctuation and hyphens
    ignored): names that start with it, then names that contain it, then names with every
    word of it at a word start, then aliases the same way; each in reading order. Empty for an
    empty query."""
    phrase = fold(query)
    if not phrase:
        return []
    words = phrase.split()
    ranked: list[tuple[int, int, str]] = []
    for concept in course.concepts:
        rank = _matches(fold(concept.name), phrase, words)
        if rank is None:
            alias_ranks = [r for a in concept.aliases
                           if (r := _matches(fold(a), phrase, words)) is not None]
            rank = 3 + min(alias_ranks) if alias_ranks else None
        if rank is not None:
            ranked.append((rank, concept.first_order, concept.id))
    return [cid for _, _, cid in sorted(ranked)[:limit]]


def chapter_links(course: Course, strongest: int | None = None) -> dict[tuple[str, str], int]:
    """(prerequisite chapter, dependent chapter) -> number of prerequisite edges between
    concepts of the two chapters (edges inside a chapter are left out); with ``strongest``,
    only that many links into each chapter, those with the most edges."""
    where = chapter_of(course)
    counts: dict[tuple[str, str], int] = {}
    for edge in course.prerequisites:
        a, b = where.get(edge.prerequisite), where.get(edge.concept)
        if a and b and a != b:
            counts[(a, b)] = counts.get((a, b), 0) + 1
    if strongest is None:
        return counts
    kept: dict[tuple[str, str], int] = {}
    for target in {b for _, b in counts}:
        into = sorted(((n, a) for (a, b), n in counts.items() if b == target), reverse=True)
        kept.update({(a, target): n for n, a in into[:strongest]})
    return kept


def mastered_share(chapter: Chapter, mastery: Mapping[str, float], bar: float = 0.95) -> float:
    """Share of the chapter's concepts whose mastery is at least ``bar``."""
    concepts = chapter.concepts
    if not concepts:
        return 0.0
    return sum(1 for cid in concepts if mastery.get(cid, 0.0) >= bar) / len(concepts)
