"""What the course says about one concept, gathered for writing exercises on it.

The defining sentence (the concept's definition when it names the term, else the passage
sentence of a defining shape that agrees with it), the definition without its term (the
"description" a term question shows, taken out by :mod:`~tutor.engine.offline.definitions.descriptions`,
which also judges whether a sentence says what the concept is), the parts of the definition (key points), and the
sibling concepts fit to serve as distractors, ranked by embedding similarity; and what every
item on it shares (its id, seed, difficulty, the sentence with the term blanked, the
description with the name masked).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from tutor.course import Chunk, Citation, Concept, ExerciseKind
from tutor.engine.offline.definitions.descriptions import (
    DEFINING_VERB,
    compiled_pattern,
    describe,
    term_group,
    term_pattern,
)
from tutor.engine.offline.terms import content_stems, term_variants
from tutor.engine.offline.writing.checking import BLANK, NEAR_DUPLICATE, canonical, negates
from tutor.engine.offline.writing.giveaways import cut_short
from tutor.name_masking import description_without_name
from tutor.sentences import sentences
from tutor.text import code_marks, normalize, without_period

CODE_TOKEN = re.compile(r"\b[a-z_]\w*\.[a-z_]\w*\b|\b[A-Z][a-z]+[A-Z]\w*\b|\b\w+_\w+\b")
"""A dotted name, a CamelCase class or a snake_case name: code in a sentence."""
MAX_CODE_NAMES = 2
"""Code names from which a sentence speaks of a listing, not of an idea."""
DUPLICATE_SIMILARITY = 0.95
"""Embedding cosine from which a sibling is taken for the same concept and left out."""
MAX_SENTENCE = 300


@dataclass
class Sibling:
    """A near concept that may stand beside the concept as a distractor or a swapped term."""

    concept: Concept
    similarity: float
    """Cosine similarity of the two concepts' name and definition (MiniLM), 4 decimals."""
    description: str | None
    """Its definition without its own name, when that can be had."""
    cited: Citation | None = None
    """Where the description was found, when not on the concept's own defining page."""


@dataclass
class Material:
    """What the course says about one concept, gathered once for all kinds."""

    concept: Concept
    terms: list[str]
    pattern: re.Pattern[str]
    ordered: list[Chunk]
    sentence: str | None = None
    """The defining sentence, naming the concept."""
    defines: bool = False
    """Whether the sentence has a defining shape ("X is ...", "... is called X")."""
    description: str | None = None
    """The definition without the term ("a collection where ...")."""
    citations: list[Citation] = field(default_factory=list)
    found_elsewhere: bool = False
    """Whether the definition was found among the passages, not the map's sentence
    (:mod:`tutor.engine.offline.definitions.book_definition`): the map's key points do not go with it."""

    @property
    def label(self) -> str:
        return self.citations[0].label()

    @property
    def definition_text(self) -> str:
        """The definition as one sentence: the defining sentence, else "name: gloss"."""
        if self.sentence and (self.defines or not self.description):
            return self.sentence
        return f"{self.concept.name}: {self.description}"


def arranged(concept: Concept, terms: list[str], passages: Sequence[Chunk]) -> Material:
    """The concept's passages in the order :func:`gather` reads them (those on its defining
    page first) and its name pattern, without what ``gather`` works out from them: all that
    looking for its definition in the book needs (:mod:`~tutor.engine.offline.definitions.book_definition`
    does so for every near concept of every task)."""
    defining = {(c.source, c.page) for c in concept.citations[:1]}
    ordered = sorted(passages, key=lambda p: ((p.source, p.page) not in defining, p.order, p.id))
    return Material(concept, terms, term_pattern(terms), ordered)


def gather(concept: Concept, terms: list[str], passages: Sequence[Chunk]) -> Material:
    """The material for one concept; passages on its defining page are read first."""
    material = arranged(concept, terms, passages)
    ordered = material.ordered
    definition = " ".join(normalize(concept.definition).split())
    source: Chunk | None = None
    if definition and material.pattern.search(definition) and len(definition) <= MAX_SENTENCE:
        material.sentence, material.defines = definition, True
        source = source_of(definition, ordered)
    else:
        found = _find_defining_sentence(material, definition)
        if found:
            material.sentence, source, material.defines = found
    if definition and not material.pattern.search(definition):
        material.description = without_period(definition)  # a gloss: cited where it is
        source = source or source_of(definition, ordered)
    elif material.sentence:
        material.description = describe(material.sentence, terms)
    cites = ([source.citation()] if source else []) + list(concept.citations[:1])
    if not cites:
        cites = [p.citation() for p in ordered if material.pattern.search(p.text)][:1]
    material.citations = list({(c.source, c.page): c for c in cites}.values())
    return material


def _find_defining_sentence(
    material: Material, definition: str
) -> tuple[str, Chunk, bool] | None:
    """The passage sentence that best defines the concept: one of a defining shape that
    agrees with the definition, else one that shares most of its words."""
    cue: re.Pattern[str] | None = None  # compiled when a sentence first needs it
    best: tuple[float, str, Chunk, bool] | None = None
    for chunk in material.ordered:
        for sentence in prose_sentences(chunk.text):
            if not usable(sentence) or not material.pattern.search(sentence):
                continue
            overlap = dice(definition, sentence) if definition else 0.0
            cue = cue or defining_cue(material.terms)
            defines = cue.search(sentence) is not None
            if not (defines and (not definition or overlap >= 0.25)) and overlap < 0.6:
                continue
            score = overlap + 0.5 * defines
            if best is None or score > best[0]:
                best = (score, sentence, chunk, defines)
    return (best[1], best[2], best[3]) if best else None


def defining_cue(terms: Sequence[str]) -> re.Pattern[str]:
    """Sentences of a defining shape: "X is ...", "X, the ..., refers to", "... called X"."""
    group = term_group(terms)
    return compiled_pattern(
        r"^\W*(?:(?:a|an|the)\s+)?" + group + r"\s*(?:,[^,]{0,60},\s*)?" + DEFINING_VERB + r"\b"
        + r"|\b(?:called|known\s+as)\s+(?:(?:a|an|the)\s+)?" + group,
        re.I,
    )


def prose_sentences(text: str) -> list[str]:
    """The sentences of a passage's prose (code and tables left out)."""
    return list(_prose_sentences(text))


@lru_cache(maxsize=4096)
def _prose_sentences(text: str) -> tuple[str, ...]:
    """:func:`prose_sentences`, remembered: each concept's writers read its passages, and
    most passages are read for several concepts."""
    return tuple(sentences(text))


@lru_cache(maxsize=16384)
def usable(sentence: str) -> bool:
    """A sentence fit to quote in an exercise: plain prose of sane length, no section number,
    link, code or first-person aside. Remembered: the writers of every concept a passage
    names ask about its sentences again."""
    if not 20 <= len(sentence) <= MAX_SENTENCE or sentence.endswith(("?", ":")):
        return False
    if cut_short(sentence):
        return False  # "... is an alternative that": the rest is over a page break
    if re.match(r"^\d+(?:\.\d+)+\s", sentence) or re.search(r"https?:|www\.", sentence):
        return False
    if code_marks(sentence) > 2:
        return False
    if len(CODE_TOKEN.findall(sentence)) >= MAX_CODE_NAMES:
        return False  # "return test_stat DiffMeansOneSided inherits MakeModel ...": code
    if sentence.split()[0].lower() in ("it", "they", "this", "these", "those", "he", "she"):
        return False
    return re.search(r"(?:^|\s)I(?:\s|'m)", sentence) is None


def dice(first: str, second: str) -> float:
    """Dice overlap of the two texts' content stems, 0..1."""
    a, b = content_stems(first), content_stems(second)
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def source_of(text: str, chunks: Sequence[Chunk]) -> Chunk | None:
    """The first passage that contains the text (nearly word for word)."""
    target = normalize(text).lower()
    for chunk in chunks:
        flat = _flat(chunk.text)
        # word for word is a full match, found without the fuzzy comparison's cost
        if (target and target in flat) or fuzz.partial_ratio(target, flat) >= 90:
            return chunk
    return None


@lru_cache(maxsize=4096)
def _flat(text: str) -> str:
    """A passage's text normalised, lower case, on one line: worked out once per passage
    (:func:`source_of` looks through a concept's passages for each of its sentences)."""
    return " ".join(normalize(text).lower().split())


def rank_siblings(concept: Concept, related: Sequence[Concept], terms: list[str]) -> list[Sibling]:
    """Sibling concepts fit to stand beside this one, most similar first."""
    own = {canonical(t) for t in terms}
    candidates: list[Concept] = []
    seen: set[str] = set()
    for other in related:
        key = canonical(other.name)
        if other.id == concept.id or not key or key in seen:
            continue
        names = {key, *(canonical(a) for a in other.aliases)}
        nested = any(f" {k} " in f" {n} " or f" {n} " in f" {k} " for k in own for n in names)
        if nested or any(fuzz.ratio(n, k) >= NEAR_DUPLICATE and not negates(n, k)
                         for k in own for n in names):
            continue
        seen.add(key)
        candidates.append(other)
    if not candidates:
        return []
    similarities = _similarities(concept, candidates)
    siblings = [
        Sibling(c, round(s, 4), _description(c.definition, c.name, tuple(c.aliases)))
        for c, s in zip(candidates, similarities, strict=True)
        if s < DUPLICATE_SIMILARITY
    ]
    return sorted(siblings, key=lambda s: (-s.similarity, s.concept.name.lower(), s.concept.id))


@lru_cache(maxsize=8192)
def _description(definition: str, name: str, aliases: tuple[str, ...]) -> str | None:
    """A sibling's description, worked out once per concept: a concept stands beside each of
    the concepts it is near to."""
    return describe(definition, term_variants(name, aliases))


def _similarities(concept: Concept, others: Sequence[Concept]) -> list[float]:
    from tutor.index.embeddings import concept_gist

    texts = [concept_gist(c.name, c.definition) for c in [concept, *others]]
    try:
        from tutor.index.embeddings import embed

        vectors = embed(texts)  # embed() remembers short texts, so each concept is embedded once
        return [float(v) for v in vectors[1:] @ vectors[0]]
    except (ImportError, OSError, RuntimeError):
        base = content_stems(texts[0])
        return [len(base & content_stems(t)) / max(1, len(base | content_stems(t))) for t in texts[1:]]


_CLAUSE = re.compile(
    r";\s*|,\s*but\s+|\s+(?:where|which|that|whose|so\s+that|such\s+that|in\s+which)\s+", re.I
)


def clauses(text: str) -> list[str]:
    """The parts of a definition: its genus and each qualifying clause, ``"a collection"``,
    ``"where the last item added is the first one removed"``; a clause of fewer than two
    content words joins the part before it."""
    cuts = [0, *(match.start() for match in _CLAUSE.finditer(text)), len(text)]
    parts: list[str] = []
    for begin, end in zip(cuts, cuts[1:], strict=False):
        piece = text[begin:end].strip(" ;,.")
        if parts and (len(content_stems(piece)) < 2 or not content_stems(parts[-1])):
            parts[-1] = f"{parts[-1]} {piece}".strip()
        elif piece:
            parts.append(piece)
    return [p for i, p in enumerate(parts) if len(content_stems(p)) >= 2 - (i == 0)]


_CLAUSE_END = re.compile(r";|,\s+(?:and|but|so|i\.\s?e\.|that\s+is)\b|\s+\(?i\.\s?e\.")


def one_mention(sentence: str, pattern: re.Pattern[str]) -> str | None:
    """The sentence up to the end of the clause that names the term, when it names it again
    later ("A theorem is a sentence derivable without premises; i.e., T is a theorem if
    ..."): one blank to fill. None when the term comes twice within that clause."""
    found = list(pattern.finditer(sentence))
    if len(found) <= 1:
        return sentence
    end = _CLAUSE_END.search(sentence, found[0].end())
    if end is None or end.start() > found[1].start():
        return None
    clause = sentence[: end.start()].rstrip(" ,;")
    return clause + "." if len(clause.split()) >= 5 else None


def with_leads(m: Material, passages: Sequence[Chunk]) -> Iterator[tuple[Chunk, str, list[Citation]]]:
    """Each passage in reading order with the passage just before it as its lead (its text,
    or "" when the two are not consecutive) and what an item on it cites: the passage, and
    the lead too when the concept is named only before the page turned."""
    previous: Chunk | None = None
    for chunk in sorted(passages, key=lambda c: (c.source, c.order)):
        joined = previous is not None and previous.source == chunk.source and (
            previous.order == chunk.order - 1)
        lead = previous.text if joined and previous is not None else ""
        cited = [chunk.citation()]
        if joined and previous is not None and previous.page != chunk.page and not (
                m.pattern.search(chunk.text) or m.pattern.search(chunk.heading)):
            cited.append(previous.citation())  # named only before the page turned
        previous = chunk
        yield chunk, lead, cited


def item_id(concept: Concept, kind: ExerciseKind, n: int) -> str:
    return f"{concept.id}-{kind.value}-{n}"


SHORT_SEED = 4
"""Bytes of an item's seed for the procedure, option and purpose writers, which have always
shuffled with four (the others with eight): another width would reorder their choices."""


def item_seed(text: str, width: int = 8) -> int:
    """A seed made from an item's id (the first ``width`` bytes of its SHA-256), the same on
    every run: what shuffles an item's choices and picks among its forms."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:width], "big")


def item_difficulty(value: float) -> float:
    return round(min(0.95, max(0.05, value)), 2)


def blank_term(sentence: str, pattern: re.Pattern[str]) -> tuple[str, str]:
    """The sentence with every mention of the term blanked, and the first mention."""
    first = pattern.search(sentence)
    blanked = pattern.sub(BLANK, sentence)
    blanked = re.sub(r"\b([Aa])n?(\s+)" + BLANK, r"\1(n)\2" + BLANK, blanked)
    return blanked, first.group(0) if first else ""


def described(m: Material) -> str | None:
    """The description an item asking for the term quotes: the course's, with the words it
    shares with the concept's names masked, or None when what is left says too little to tell
    the term (:func:`tutor.name_masking.description_without_name`, the Claude engine's path
    too: "a(n) [...] whose outcome cannot be predicted" for *random experiment*)."""
    if not m.description:
        return None
    return description_without_name(m.description, m.terms)
