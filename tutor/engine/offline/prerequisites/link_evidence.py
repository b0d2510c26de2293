"""The evidence a teacher reads a prerequisite from, gathered for the pairs some evidence names.

For concepts ``a`` and ``b`` (positions in the concept list, ``a`` introduced first in the
teaching rank), each kind of evidence is a number from 0 to 1:

- ``definition``: ``b``'s defining sentence uses ``a`` (1); its key points (0.5); the passage
  that introduces ``b`` (0.25) or the passages right after it (:data:`INTRODUCTION`);
- ``name``: ``b``'s name builds on ``a``'s (1 for a kind of it, ``"variable"`` ->
  ``"local variable"``; 0.5 when it contains it elsewhere, ``"list"`` -> ``"list method"``);
- ``section``: ``b`` is introduced in a section whose heading names ``a``, in the section after
  the one named for ``a`` in one chapter, or ``a`` is the concept the chapter explained last
  among those ``b``'s introduction uses (1); ``b``'s chapter heading names ``a`` (0.6); both
  are introduced in one section (:data:`SAME_SECTION`);
- ``refd``: passages that mention ``b`` mention ``a`` more often than the other way round
  (reference distance; weak support only).

Alongside, per concept, the teaching rank edges follow (reading order, refined inside one
passage) and a specificity (1 when few definitions use the concept, towards 0.5 when all do).

Cost stays near-linear in the book: pairs are only scored when some evidence names them
(mentions found by one pass over each text, names through an index of their words, sections
by grouping), never all pairs of concepts.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tutor.course import Chunk, Concept
from tutor.engine.offline.concepts.book_matter import is_chapter_heading
from tutor.engine.offline.definitions.patterns import heading_terms
from tutor.engine.offline.terms import MentionIndex, key_tokens, term_key
from tutor.text import normalize

SAME_SECTION = 0.6
"""Section evidence (of 1) when both concepts are introduced in one section, the
prerequisite first: a section builds its later ideas on its earlier ones."""
PREDECESSOR = 1.0
"""Section evidence (of 1) when the prerequisite is the concept introduced just before, in
the same section: a section explains each idea in terms of the one before."""
INTRODUCTION = 0.15
"""Definition evidence (of 1) when the passages right after the one that introduces the
concept use the prerequisite: the explanation goes on past its first passage."""
INTRODUCTION_PASSAGES = 2
"""How many passages after the introducing one count as its explanation."""

SIBLING = 0.75
"""Name evidence (of 1) when the prerequisite is the latest concept before of the same kind
(the same head noun: "analytic distribution" -> "exponential distribution"): a book
introduces a family member against the one it has just explained."""

Pair = tuple[int, int]
Pairs = set[Pair]


@dataclass
class LinkEvidence:
    """What the book says about each candidate pair, and the order edges must follow."""

    pairs: dict[Pair, dict[str, float]]
    """``(a, b)`` -> evidence kind -> strength (0..1); only pairs with ``rank[a] < rank[b]``."""
    rank: dict[int, int]
    specificity: list[float]


def concept_keys(concept: Concept) -> list[str]:
    keys = {term_key(concept.name)}
    keys.update(term_key(a) for a in concept.aliases if len(a) > 2)
    return [k for k in keys if k]


class ConceptNames:
    """Finds which concepts a text mentions, longest name first: "function call" in a text is
    a mention of *function call*, not of *function*; a head noun shared by coordinated
    modifiers counts for each ("hazard and survival functions")."""

    def __init__(self, keys: Sequence[list[str]]) -> None:
        self.owner: dict[tuple[str, ...], int] = {}
        for a, ks in enumerate(keys):
            for key in ks:
                self.owner.setdefault(tuple(key.split()), a)
        self.longest = max((len(k) for k in self.owner), default=1)
        sizes: dict[str, set[int]] = {}
        for name in self.owner:
            if name:
                sizes.setdefault(name[0], set()).add(len(name))
        self._sizes = {first: sorted(ns, reverse=True) for first, ns in sizes.items()}
        """The lengths of the names that start with each word, longest first: only those
        can match where the word is."""
        self._cache: dict[str, frozenset[int]] = {}

    def in_text(self, text: str) -> frozenset[int]:
        if text in self._cache:
            return self._cache[text]
        tokens = key_tokens(normalize(text))
        found: set[int] = set()
        start = 0
        while start < len(tokens):
            for size in self._sizes.get(tokens[start], ()):
                if size > len(tokens) - start:
                    continue
                a = self.owner.get(tuple(tokens[start : start + size]), -1)
                if a >= 0:
                    found.add(a)
                    start += size
                    break
            else:
                start += 1
        found.update(self._coordinated(tokens))
        self._cache[text] = frozenset(found)
        return self._cache[text]

    def _coordinated(self, tokens: list[str]) -> set[int]:
        """Concepts named by sharing a head noun with the next: "hazard and survival
        functions" names *hazard function* too."""
        found: set[int] = set()
        for k in range(1, len(tokens) - 2):
            if tokens[k] in ("and", "or"):
                for size in range(2, min(self.longest, len(tokens) - k - 1) + 1):
                    head = tuple(tokens[k + 2 : k + 1 + size])
                    a = self.owner.get((tokens[k - 1], *head), -1)
                    if a >= 0:
                        found.add(a)
        return found

    def uses(self, texts: Sequence[str]) -> Pairs:
        """``(a, b)``: text ``b`` mentions concept ``a`` (by name or alias)."""
        return {(a, b) for b, text in enumerate(texts) for a in self.in_text(text) if a != b}


def gather_evidence(concepts: Sequence[Concept], chunks: Sequence[Chunk]) -> LinkEvidence:
    """The evidence for every pair some of it names (see the module docstring)."""
    n = len(concepts)
    keys = [concept_keys(c) for c in concepts]
    words = [term_key(c.name).split() for c in concepts]
    names = ConceptNames(keys)
    in_definition = names.uses([c.definition for c in concepts])
    in_points = names.uses([" ".join(c.key_points) for c in concepts])
    in_section = names.uses([c.section for c in concepts])
    chapters = _chapters(concepts, chunks)
    in_chapter = names.uses(chapters)
    in_parent = names.uses(parent_sections(concepts, chunks))
    by_order = {c.order: c.text for c in chunks}
    in_passage = names.uses([by_order.get(c.first_order, "") for c in concepts])
    following = sorted(by_order)
    after = {o: following[k + 1 : k + 1 + INTRODUCTION_PASSAGES]
             for k, o in enumerate(following)}
    in_introduction = names.uses([" ".join(by_order[o] for o in after.get(c.first_order, []))
                                  for c in concepts])
    follows = _section_sequence(concepts, chunks, names)
    rank = _teaching_rank(concepts, words, in_definition)
    recent = _latest_mentioned(in_definition | in_points | in_passage, chapters, rank)
    together = _same_section(concepts)
    just_before = _section_predecessor(concepts, rank)
    specificity = _specificity(in_definition | in_points, n)
    kin = _latest_sibling(words, chapters, rank)
    named = (kin | in_definition | in_points | in_passage | in_introduction | in_section | in_chapter
             | in_parent
             | follows | recent | together | name_pairs(words))
    refd = _reference_distance(keys, chunks, named)
    pairs: dict[Pair, dict[str, float]] = {}
    for a, b in named:
        if a == b or rank[a] >= rank[b]:
            continue
        pairs[(a, b)] = {
            "definition": (1.0 if (a, b) in in_definition else 0.5 if (a, b) in in_points
                           else 0.25 if (a, b) in in_passage
                           else INTRODUCTION if (a, b) in in_introduction else 0.0),
            "name": builds_on(words[a], words[b]) or (SIBLING if (a, b) in kin else 0.0),
            "section": (1.0 if (a, b) in in_section or (a, b) in in_parent or (a, b) in follows
                        or (a, b) in recent
                        else PREDECESSOR if (a, b) in just_before
                        else 0.6 if (a, b) in in_chapter
                        else SAME_SECTION if (a, b) in together else 0.0),
            "refd": max(0.0, min(1.0, refd.get((a, b), 0.0) * 2.0)),
        }
    return LinkEvidence(pairs=pairs, rank=rank, specificity=specificity)


def _teaching_rank(
    concepts: Sequence[Concept], words: Sequence[list[str]], uses: Pairs
) -> dict[int, int]:
    """A strict total order, so that edges along it can never form a cycle: reading order;
    among concepts introduced in one passage, one whose definition uses another (and not the
    other way round) comes after it, then the shorter name ("list" before "list method"),
    then the name. (Reordering whole sections by their definitions was tried: no pair of the
    teachers' maps gained, and edges would no longer follow reading order.)"""
    def natural(i: int) -> tuple[int, int, str]:
        return concepts[i].first_order, len(words[i]), concepts[i].name.lower()

    runs: list[list[int]] = []  # concepts introduced in one passage
    for i in sorted(range(len(concepts)), key=natural):
        last = runs[-1][-1] if runs else None
        if last is not None and concepts[i].first_order == concepts[last].first_order:
            runs[-1].append(i)
        else:
            runs.append([i])
    ordered: list[int] = []
    for group in runs:
        inside = set(group)
        before: dict[int, set[int]] = {i: set() for i in group}
        for a, b in uses:
            if a in inside and b in inside and (b, a) not in uses:
                before[b].add(a)
        while group:  # the earliest concept all of whose needs are placed; else the earliest
            left = set(group)
            ready = next((i for i in group if not before[i] & left), group[0])
            ordered.append(ready)
            group.remove(ready)
    return {i: r for r, i in enumerate(ordered)}


def _section_key(concept: Concept) -> str:
    """The section a concept is introduced in, numbering aside ("2.2 Connectives" and
    "Connectives" are one section)."""
    return term_key(concept.section.lstrip("0123456789. ")) if concept.section else ""


def name_pairs(words: Sequence[list[str]]) -> Pairs:
    """``(a, b)`` when ``b``'s name contains ``a``'s, found through an index of name words."""
    by_word: dict[str, list[int]] = defaultdict(list)
    for b, ws in enumerate(words):
        for word in set(ws):
            by_word[word].append(b)
    pairs: Pairs = set()
    for a, ws in enumerate(words):
        if ws:
            pairs.update((a, b) for b in by_word[ws[0]] if builds_on(ws, words[b]))
    return pairs


def builds_on(a: list[str], b: list[str]) -> float:
    """1 when name ``b`` ends with name ``a`` (``"variable"`` -> ``"local variable"``: a kind
    of it), 0.5 when it contains it elsewhere (``"list"`` -> ``"list method"``), else 0."""
    if len(a) >= len(b):
        return 0.0
    if b[-len(a):] == a:
        return 1.0
    return 0.5 if any(b[i : i + len(a)] == a for i in range(len(b) - len(a))) else 0.0


def _latest_sibling(
    words: Sequence[list[str]], chapters: Sequence[str], rank: dict[int, int]
) -> Pairs:
    """``(a, b)`` when ``a`` is the concept introduced last before ``b`` of the same kind: a
    name with the same head noun and another modifier, in the same chapter ("analytic
    distribution" -> "exponential distribution"), or anywhere when they share a head of two
    words or more, which is specific enough ("characteristic truth table" -> "complete
    truth table")."""
    latest: dict[tuple[str, ...], int] = {}
    pairs: Pairs = set()
    for b in sorted(rank, key=rank.__getitem__):
        heads: list[tuple[str, ...]] = [(chapters[b], words[b][-1])] if len(words[b]) > 1 else []
        heads += [("", *words[b][-size:]) for size in range(2, len(words[b]))]
        for head in heads:
            a = latest.get(head)
            if a is not None and words[a][: -len(head) + 1] != words[b][: -len(head) + 1]:
                pairs.add((a, b))
            latest[head] = b
    return pairs


def _section_predecessor(concepts: Sequence[Concept], rank: dict[int, int]) -> Pairs:
    """``(a, b)`` when ``a`` is the concept introduced just before ``b`` in its section."""
    latest: dict[str, int] = {}
    pairs: Pairs = set()
    for b in sorted(rank, key=rank.__getitem__):
        key = _section_key(concepts[b])
        if key in latest:
            pairs.add((latest[key], b))
        if key:
            latest[key] = b
    return pairs


def _same_section(concepts: Sequence[Concept]) -> Pairs:
    """``(a, b)`` for concepts introduced in one section (both ways; order is checked later)."""
    by_section: dict[str, list[int]] = defaultdict(list)
    for i, concept in enumerate(concepts):
        if concept.section:
            by_section[_section_key(concept)].append(i)
    return {(a, b) for group in by_section.values() for a in group for b in group if a != b}


def _section_sequence(
    concepts: Sequence[Concept], chunks: Sequence[Chunk], names: ConceptNames
) -> Pairs:
    """``(a, b)`` when ``b`` names a section that follows the section named by ``a`` in the
    same chapter: within a chapter, a section builds on the one before it."""
    named: list[tuple[str, int | None]] = []  # (chapter, concept the section is named for)
    chapter = ""
    previous = ""
    for chunk in sorted(chunks, key=lambda c: c.order):
        if not chunk.heading or chunk.heading == previous:
            continue
        previous = chunk.heading
        if is_chapter_heading(chunk.heading):
            chapter = chunk.heading
        named.append((chapter, _named_for(chunk.heading, concepts, names)))
    pairs: Pairs = set()
    for (chapter_a, a), (chapter_b, b) in zip(named, named[1:], strict=False):
        if a is not None and b is not None and a != b and chapter_a == chapter_b:
            if concepts[a].first_order <= concepts[b].first_order:
                pairs.add((a, b))
    return pairs


def _named_for(heading: str, concepts: Sequence[Concept], names: ConceptNames) -> int | None:
    """The concept a heading is named for: the one concept a term of it mentions ("3.2
    Complete truth tables"), else the longest-named concept it mentions ("Truth-functional
    connectives" names *truth-functional* and *connective*)."""
    mentioned = [names.in_text(term) for term in heading_terms(heading)]
    exact = [next(iter(m)) for m in mentioned if len(m) == 1]
    if exact:
        return exact[0]
    found = [a for m in mentioned for a in m]
    return max(found, key=lambda a: (len(concepts[a].name), -a)) if found else None


def _latest_mentioned(uses: Pairs, chapters: Sequence[str], rank: dict[int, int]) -> Pairs:
    """``(a, b)`` when ``a`` is the concept introduced last before ``b`` in the same chapter
    among those that ``b``'s introduction (its definition, key points or passage) uses: a
    chapter builds each idea on the one it has just explained."""
    latest: dict[int, int] = {}
    for a, b in uses:
        if chapters[b] and rank[a] < rank[b] and chapters[a] == chapters[b]:
            if b not in latest or rank[a] > rank[latest[b]]:
                latest[b] = a
    return {(a, b) for b, a in latest.items()}


def _reference_distance(
    keys: Sequence[list[str]], chunks: Sequence[Chunk], pairs: Iterable[Pair]
) -> dict[Pair, float]:
    """For the given pairs, ``refers(a, b) - refers(b, a)``, where ``refers(a, b)`` is the
    share of the passages mentioning ``b`` that also mention ``a`` (0 under two shared)."""
    passages = MentionIndex([normalize(c.text) for c in chunks], {k for ks in keys for k in ks})
    seen = [frozenset(i for key in ks for i in passages.counts(key)) for ks in keys]
    out = {}
    for a, b in pairs:
        shared = len(seen[a] & seen[b])
        if shared >= 2:
            out[(a, b)] = shared / max(1, len(seen[b])) - shared / max(1, len(seen[a]))
    return out


def _specificity(uses: Pairs, n: int) -> list[float]:
    """Per concept, 1 when few other concepts' definitions use it, falling towards 0.5 as it
    is used by all of them (an inverse document frequency over definitions)."""
    used_by = [0] * n
    for a, _b in uses:
        used_by[a] += 1
    return [0.5 + 0.5 * math.log((n + 1) / (u + 1)) / math.log(n + 1) for u in used_by]


_SECTION_NUMBER = re.compile(r"^(\d+(?:\.\d+)+)\.?\s")


def parent_sections(concepts: Sequence[Concept], chunks: Sequence[Chunk]) -> list[str]:
    """For each concept, the heading of the section its own numbered section belongs to
    ("7.1 Hash functions" for a concept of "7.1.1.1 SHA256", the nearest numbered ancestor
    met before it; "" when its section is not numbered below chapter level)."""
    latest: dict[str, str] = {}  # section number -> heading, as read so far
    parent_at: dict[int, str] = {}
    parent = ""
    for chunk in sorted(chunks, key=lambda c: c.order):
        numbered = _SECTION_NUMBER.match(chunk.heading)
        if numbered:
            number = numbered.group(1)
            latest[number] = chunk.heading
            parts = number.split(".")
            parent = next((latest[".".join(parts[:k])] for k in range(len(parts) - 1, 0, -1)
                           if ".".join(parts[:k]) in latest), "")
        parent_at[chunk.order] = parent
    return [parent_at.get(c.first_order, "") for c in concepts]


def _chapters(concepts: Sequence[Concept], chunks: Sequence[Chunk]) -> list[str]:
    """For each concept, the heading of the chapter it is introduced in ("" when unknown)."""
    chapter_at: dict[int, str] = {}
    chapter = ""
    for chunk in sorted(chunks, key=lambda c: c.order):
        if chunk.heading and is_chapter_heading(chunk.heading):
            chapter = chunk.heading
        chapter_at[chunk.order] = chapter
    return [chapter_at.get(c.first_order, "") for c in concepts]
