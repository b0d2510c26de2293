"""Concept candidates: the evidence gathered for a term, and the rules that keep one.

A term becomes a concept because the book defines or explains it: a defining sentence (see
:mod:`tutor.engine.offline.defining`), a glossary entry, a section devoted to it, or the term
set in emphasis where it is introduced. Keyphrase statistics only support. In a book a concept
is also used again after it is introduced; a word that mostly modifies longer concept names, a
proper name and a common English word need the book to mark them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from tutor.engine.offline.definitions import Definition
from tutor.text import general_zipf

EMPHASIS_COUNTS = True
"""Whether a term set in emphasis where it is introduced counts as explained."""
EMPHASIS_PASSAGES = 2
"""A term emphasised in at most this many passages, among its first mentions, is taken as
introduced there."""
EXPLAINED = frozenset({"glossary", "heading"})
"""A candidate is kept only when the book defines or explains it: a defining sentence (see
:mod:`tutor.engine.offline.defining`), a glossary entry or a section devoted to it. Emphasis and
keyphrase statistics alone only support."""


@dataclass
class Sentence:
    """A prose sentence of the course, where it is and under which heading."""

    text: str
    chunk: int
    """Index of the chunk in the input."""
    block: int
    """Index of the paragraph within the chunk."""
    section: str


@dataclass
class TermCandidate:
    """Everything found about one term (by its key) before it is kept or not."""

    key: str
    surfaces: Counter[str] = field(default_factory=Counter)
    evidence: set[str] = field(default_factory=set)
    definitions: list[Definition] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    emphasized_in: set[int] = field(default_factory=set)
    """Chunks that set the term in bold or italics."""
    first_signal: int = 1 << 30
    """Chunk index of the first definition/emphasis/heading signal."""
    keyphrase: float = 0.0


MODIFIER_SHARE = 0.6
"""A single word whose mentions are mostly inside longer concept names it starts is their
modifier ("inductive" in "inductive argument"), not a concept of its own."""


def modifiers(drafts: Sequence[tuple[float, TermCandidate, dict[int, int]]]) -> set[str]:
    total = {cand.key: sum(mentions.values()) for _, cand, mentions in drafts}
    inside: Counter[str] = Counter()
    for key, count in total.items():
        words = key.split()
        if len(words) > 1 and words[0] in total:
            inside[words[0]] += count
    return {w for w, n in inside.items() if n >= MODIFIER_SHARE * max(1, total[w])}


MIN_PASSAGES = 2
"""A concept is used again after it is introduced: passages outside a glossary that mention
it, at least (unless a section is devoted to it)."""
BOOK_PASSAGES = 50
"""From this many passages on (about 20 pages) a course is a book, where a concept is used
again after it is introduced; a short text may introduce a term once."""
STRUCTURAL = frozenset({"heading", "glossary"})
GENERIC_ZIPF = 5.0
"""A single word at least this common in general English ("result", "effect", "word") is a
concept only when the book marks it (glossary, heading or emphasis) or defines it plainly
(a defining pattern as well as the classifier's threshold), not for a sentence that happens to
say what it is."""


def is_generic(cand: TermCandidate) -> bool:
    return (" " not in cand.key and general_zipf(cand.key) >= GENERIC_ZIPF
            and not cand.evidence & {"glossary", "heading", "emphasis"})


def introduced_in_emphasis(cand: TermCandidate, mentions: dict[int, int]) -> bool:
    """True when the book sets the term in bold or italics where it introduces it (among its
    first mentions), and not as a style wherever it appears: emphasis on most of a term's
    mentions marks a family of keywords or names, not a definition."""
    if not cand.emphasized_in:
        return False
    if len(cand.emphasized_in) > max(EMPHASIS_PASSAGES, len(mentions) / 2):
        return False
    return min(cand.emphasized_in) in sorted(mentions)[: EMPHASIS_PASSAGES + 1]


def weakly_supported(cand: TermCandidate, score: float, min_defining: float) -> bool:
    """False for a candidate whose only marks are weak and whose best sentence does not make
    up for them: found by keyphrase statistics alone (no pattern, emphasis, heading or
    glossary) it needs a plainly defining sentence; named only by a heading, a sentence that
    at least says something of it."""
    marks = cand.evidence - {"keyphrase"}
    if not marks:
        return score >= min_defining + 1.0
    if marks == {"heading"}:
        return score >= min_defining - 1.0
    return True
