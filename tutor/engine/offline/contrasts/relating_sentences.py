"""The sentence in which the book says how two of its concepts stand to each other.

Two ideas a learner keeps apart by their definitions alone are often tied by one statement
of the book: "finding the survival curve is easy; it's just the complement of the CDF:
S(t) = 1 - CDF(t)", "the second central moment, which you might recognize as variance", "The
square root of variance, S, is the standard deviation", "standard error: The RMSE of an
estimate". Such a sentence is what a teacher asks about when the two are set side by side: a
key that gives both definitions and leaves it out is incomplete. This module finds it among a
concept's passages: one concept is said to be a definite function of the other, "X is the
<relation> (of) Y" or "the <relation> (of) Y is X", a glossary entry "X: the <relation> Y",
or a formula "X ... = 1 - Y". A kind ("a nested list is a list that ..."), a mere naming ("X is
the Y", one idea under two names), a superlative ("the most common summary statistic is the
mean") or a sentence that only names both ("standard errors and confidence intervals") is no
such statement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tutor.course import Chunk, Citation
from tutor.engine.offline.definitions.descriptions import term_pattern
from tutor.engine.offline.terms import content_stems, words
from tutor.engine.offline.writing.exercise_material import prose_sentences
from tutor.engine.offline.writing.giveaways import cut_short
from tutor.text import STOPWORDS, code_marks

MAX_WORDS = 45
"""Longer sentences are a paragraph run together, not one statement."""
MAX_CODE_MARKS = 8
"""Brackets and signs allowed: a formula ("S(t) = 1 - CDF(t)") yes, a listing no."""

_A, _B = "\x01", "\x02"
_REL = r"(?P<rel>(?:[^\x01\x02\s.;:!?\u2022]+\s+){0,8}?)"
_NEAR_REL = r"(?P<rel>(?:(?!the\b)[^\x01\x02\s.,;:!?\u2022]+\s+){0,5}?)"
_COPULA = (r"\s*(?:\([^)]{1,20}\)\s*)?(?:,\s*[^\s,;]{1,6}\s*,\s*)?(?:,\s*)?(?:which\s+|that\s+)?"
           r"(?:(?:is|are)\s+\w+\s*;\s*it\s*)?(?:is|are|['’]s|=|equals|:)\s+"
           r"(?:(?:just|simply|also|exactly|then|always)\s+)?")
_FORWARD = re.compile(_A + _COPULA + r"(?P<det>the|1\s*[−–-])\s+" + _REL + r"\s*" + _B
                      + r"(?P<after>\s+of\b)?", re.I)
"""The concept is the <relation> of the other: "the survival curve is easy; it's just the
complement of the CDF", "standard error: The RMSE of an estimate"."""
_BACKWARD = re.compile(r"\bthe\s+" + _NEAR_REL + r"\s*" + _B + r"(?P<after>\s+of\b)?"
                       r"(?:\s*,\s*[^\s,;]{1,6}\s*,)?\s*(?:,\s*which\s+(?:\w+\s+){0,3}?"
                       r"(?:recognize|know|see)\s+as|(?:is|are))\s+(?:the\s+)?" + _A, re.I)
"""The <relation> of the other is the concept: "The square root of variance, S, is the
standard deviation", "the second central moment, which you might recognize as variance"."""
_LEANS = re.compile(r"\b(?:previous|following|above|below|this|these|those)\b", re.I)
"""A sentence that points at the text around it ("computed with the previous formula")."""
_ENTRIES = re.compile(r"\s*[\u2022\u25cf]\s*|(?<=[.!?])\s+(?=[a-z][\w -]{0,30}:\s)")
"""Where a glossary run together parts into its entries ("... changed. traverse: To ...")."""
_INSTRUCTION = re.compile(r"^\W*(?:compute|transform|plot|write|use|make|generate|find|run|try|"
                          r"define|read|print|draw|choose|select|test|check|suppose|imagine)\b",
                          re.I)
"""A sentence that tells the reader to do something (an exercise), not how ideas stand."""
_CODE = re.compile(r"https?:|www\.|\bdef\s|\breturn\s|>>>|\w_\w|\b[A-Z]?[a-z]+[A-Z]\w*")
"""Links, listings and the names code gives ("weight_g", "ReadBabyBoom")."""
OPERATIONS = frozenset({
    "complement", "inverse", "reverse", "opposite", "converse", "negation", "square", "root",
    "sum", "difference", "product", "ratio", "quotient", "fraction", "percentage",
    "proportion", "mean", "average", "total", "count", "number", "derivative", "integral",
    "logarithm", "log", "exponent", "limit", "half", "double", "twice", "part", "subset",
    "superset", "member", "component", "union", "intersection", "composition", "second",
    "third", "fourth", "fifth", "maximum", "minimum", "range", "distance", "deviation",
    "deviations", "weight", "weighted", "probability", "rate", "size", "length"})
"""Words naming an operation on a quantity or a part of a whole: a tie between two concepts
that takes understanding, unlike a kind ("the process of", "the property of")."""
_NOT_RELATIONS = frozenset({"most", "least", "best", "worst", "simplest", "common", "usual",
                            "main", "important", "same", "first", "next", "previous", "other",
                            "following", "above", "below", "new", "only", "one", "two",
                            "example", "name", "result", "way", "thing", "case", "idea"})
"""Words that make "the ... Y" a ranking, a pointer or a plain naming, not a relation."""


@dataclass(frozen=True)
class Relating:
    """A sentence of the book that says how a concept stands to another."""

    sentence: str
    chunk: Chunk

    @property
    def cited(self) -> Citation:
        return self.chunk.citation()


def relating_sentence(terms: Sequence[str], other_terms: Sequence[str],
                      passages: Sequence[Chunk], operations: bool = False) -> Relating | None:
    """The first sentence of the passages, in their order, that says what one concept is in
    terms of the other; None when none does. With ``operations``, only a tie by an operation
    or a part (:data:`OPERATIONS`, a formula): "the square root of", not "the process of"."""
    if not terms or not other_terms:
        return None
    ours, other = tuple(terms), tuple(other_terms)
    theirs = term_pattern(other)
    for chunk in passages:
        for plain in _naming(chunk.text, ours):
            if theirs.search(plain) and _ties(plain, ours, other, operations):
                return Relating(_cleaned(plain), chunk)
    return None


@lru_cache(maxsize=16384)
def _naming(text: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    """The statements of a passage fit to key that name the concept, read once per passage
    and concept: the writers ask of them for every near concept in turn."""
    ours = term_pattern(terms)
    if not ours.search(text):
        return ()
    found: list[str] = []
    for sentence in (part for whole in prose_sentences(text) for part in _ENTRIES.split(whole)):
        plain = " ".join(sentence.split())
        if ours.search(plain) and _fit(plain) and not _INSTRUCTION.match(plain):
            found.append(plain)  # not "Transform each value ...": an instruction
    return tuple(found)


@lru_cache(maxsize=16384)
def _ties(plain: str, terms: tuple[str, ...], other: tuple[str, ...], operations: bool) -> bool:
    """Whether a statement naming both concepts says what one is in terms of the other."""
    ours, theirs = term_pattern(terms), term_pattern(other)
    if _overlapping(plain, ours, theirs):
        return False  # "survival curve" inside "survival curves of ..."
    if _named_again(plain, ours, theirs) or _named_again(plain, theirs, ours):
        return False  # "Runtime error: The second type of error is a runtime error": a heading
    return any(_relates(second.sub(_B, first.sub(_A, plain)), operations)
               for first, second in ((ours, theirs), (theirs, ours)))


def _relates(marked: str, operations: bool) -> bool:
    for shape in (_FORWARD, _BACKWARD):
        for match in shape.finditer(marked):
            rel, det = match.group("rel"), match.groupdict().get("det", "the")
            if not _a_relation(rel, bool(match.group("after")), det):
                continue
            if not operations or _by_operation(rel, det):
                return True
    return False


def _by_operation(rel: str, det: str | None) -> bool:
    """Whether the tie is an operation or a part ("square root of", "complement of the",
    "second", "1 - CDF"), not a kind of thing ("process of", "property of")."""
    if det and not det.lower().startswith("the"):
        return True
    return any(w in OPERATIONS or re.fullmatch(r"\d+(?:st|nd|rd|th)|[kn]th", w) is not None
               for w in words(rel))


def _a_relation(rel: str, of_follows: bool, det: str | None) -> bool:
    """Whether the words between "the" and the other concept make a relation: content words
    that are no ranking or pointer ("square root of", "complement of the", "second"), or the
    other concept's own role ("the RMSE of an estimate")."""
    if det and not det.lower().startswith("the"):
        return True  # "1 - CDF(x)"
    found = words(rel)
    if any(w in _NOT_RELATIONS for w in found):
        return False
    if re.search(r"\b(?:is|are|was|were|has|have|called|named)\b", rel, re.I):
        return False  # a clause of its own runs between them
    content = [w for w in found if w not in STOPWORDS]
    return bool(content) or (of_follows and not found)


def _named_again(plain: str, ours: re.Pattern[str], theirs: re.Pattern[str]) -> bool:
    """Whether a concept is named twice, outside the other's names: the sentence is about
    something else, or a heading runs into it."""
    spans = [m.span() for m in theirs.finditer(plain)]
    alone = [m for m in ours.finditer(plain)
             if not any(a <= m.start() and m.end() <= b for a, b in spans)]
    return len(alone) > 1


def _overlapping(plain: str, ours: re.Pattern[str], theirs: re.Pattern[str]) -> bool:
    """Whether every mention of one concept lies inside a mention of the other."""
    spans = [m.span() for m in theirs.finditer(plain)]
    return all(any(a <= m.start() and m.end() <= b for a, b in spans)
               for m in ours.finditer(plain)) or all(
        any(a <= m.start() and m.end() <= b for a, b in (n.span() for n in ours.finditer(plain)))
        for m in theirs.finditer(plain))


def _fit(sentence: str) -> bool:
    """A statement fit to key: one sentence of sane length, no question, link or listing."""
    if len(sentence.split()) > MAX_WORDS or sentence.rstrip().endswith("?"):
        return False
    if cut_short(sentence.rstrip(" .:")) or _LEANS.search(sentence) or _CODE.search(sentence):
        return False
    if code_marks(sentence) > MAX_CODE_MARKS:
        return False
    return len(content_stems(sentence)) >= 3


def _cleaned(sentence: str) -> str:
    """The sentence as a key states it: a heading or a bullet run into it left out."""
    text = re.sub(r"^\W*(?:\d+(?:\.\d+)+\s+(?:[A-Z][\w-]*\s+){0,4}?)(?=[A-Z])", "", sentence)
    text = text.lstrip("•\u25cf ").strip().rstrip(":").rstrip()
    return text if text.endswith((".", "!")) else f"{text}."
