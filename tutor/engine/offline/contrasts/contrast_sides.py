"""What each side of a contrast says its concept is, when the map's sentence gives no noun.

A book without a glossary often defines a property, not a thing: "An argument is valid if it
is impossible for the premises to be true and the conclusion false; it is invalid otherwise",
"If a set of sentences could not all be true at the same time, they are said to be
inconsistent", "Given a conditional and its antecedent, the consequent follows. This is called
modus ponens." None of these has the "X is a ..." shape a description is cut from, yet each
says what its concept is, and the alternatives a teacher would set side by side (valid and
invalid, consistent and inconsistent, logically and provably equivalent, modus ponens and
disjunctive syllogism) are defined just so. This module reads such a side from the passages:
the whole property statement, cut at its first clause; "<the kind of thing> that ..." from the
"if ..., they are said to be X" form; the other side of "...; it is X otherwise"; the sentence a
naming points back at. Each side carries the kind of thing it is said of (its genus), so that
only alternatives of one kind are contrasted, and the passage it was read from, for the citation
and for judging whether the book introduces two concepts side by side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tutor.course import Chunk, Citation
from tutor.engine.offline.definitions.descriptions import stands_alone, term_pattern
from tutor.engine.offline.terms import content_stems, words
from tutor.engine.offline.writing.exercise_material import prose_sentences
from tutor.text import STOPWORDS

MAX_SIDE_WORDS = 45
MIN_SIDE_STEMS = 3
NEAR_SENTENCES = 3
"""Sentences apart within one passage from which two definitions stand side by side."""

_MARK = "\x01"
_M = re.escape(_MARK)
_LEAD = r"^\W*(?:[\d.]+\s+(?:[A-Z\x01][\w-]*\s+){0,4})?(?:(?:so|conversely|formally|thus)\s*,?\s+|to\s+be\s+precise\s*,\s+|for\s+instance\s*:\s*)?"
"""What may come before the subject: a heading run in ("1.4 Deductive validity"), a
connective ("So", "Conversely, ")."""
_SUBJECT = r"(?P<subject>(?:a|an|two|the)\s+(?:(?!(?:is|are)\b)[\w-]+\s+){0,5}?(?!(?:is|are)\b)[\w-]+)"
_PROPERTY = re.compile(
    _LEAD + _SUBJECT + r"\s+(?P<verb>is|are)\s+(?:\(?(?:deductively|logically|said\s+to\s+be)\)?\s+){0,2}"
    + _M + r"(?P<scope>\s+in\s+(?:sl|ql|english))?\s*,?\s+if\s+(?:and\s+(?:only\s+)?if\s+)?"
    r"(?P<condition>.+)$", re.I)
"""A property defined by its condition: "An argument is (deductively) valid if ...". """
_IF_SAID = re.compile(
    r"^\W*(?:if|when)\s+" + _SUBJECT + r"\s+(?P<predicate>(?:\w+ly\s+)?(?:could|can|cannot|"
    r"can't|must|is|are|has|have|does|do|would|were|was)\b[^,]{8,}?)\s*,(?:\s+(?:like|such\s+as)"
    r"\s+[^,]+,)?\s+(?:we\s+say\s+that\s+)?(?:they|it)\s+(?:is|are)\s+(?:said\s+to\s+be\s+|"
    r"called\s+)?" + _M + r"\W*$", re.I)
"""A property named after its condition: "If a set of sentences could not all be true at the
same time, like B1-B2, they are said to be inconsistent"; "When two sentences necessarily have
the same truth value, we say that they are logically equivalent." """
_PLAIN = re.compile(
    _LEAD + r"(?:(?:we\s+(?:can\s+|will\s+)?)?define\s+)?(?:(?:a|an|the)\s+)?" + _M
    + r"\s+(?:is|are|as)\s+(?P<description>(?:a|an|any|one)\s+.+|(?P<denied>neither|not)\s.+)$",
    re.I)
"""A definition whose description runs on past its first clause ("A theorem is a sentence
that is derivable without any premises; i.e., T is a theorem if ..."), or "we can define X
as a ..."."""
_CALLED = re.compile(
    r"^\W*(?:(?:when|if|in|for)\s[^,]{3,60},\s+)?(?P<description>(?:a|an|the)\s+[^,;]{8,}?)\s+"
    r"(?:is|are)\s+(?:called|known\s+as)\s+(?:(?:a|an|the)\s+)?" + _M + r"\W*$", re.I)
"""A naming after its description, past an opening clause: "When we talk about a language,
the language that we are talking about is called the object language"."""
_OTHERWISE = re.compile(r";\s*(?:it|they)\s+(?:is|are)\s+" + _M + r"(?:\s+in\s+(?:sl|ql))?"
                        r"\s+otherwise\b", re.I)
"""The other side of a property: "...; it is inconsistent otherwise"."""
_CLAUSE_END = re.compile(r"\s*(?:;|,?\s+i\.\s?e\.|\.\s|\s\.\s*$|\.$)", re.I)
_NAMED = re.compile(r"^\W*(?:this|these|such)\s+(?:[\w-]+\s+){0,2}(?:is|are)\s+(?:also\s+|"
                    r"often\s+|traditionally\s+)?(?:called|known\s+as)\s+(?:(?:a|an|the)\s+)?"
                    + _M + r"(?:\s*\([^)]*\))?\W*$", re.I)
"""A naming that points back at what the sentence before described."""
_EXAMPLE_ASIDE = re.compile(r"\s*\((?:[^()]{0,30}\bexample\b[^()]*|[A-Z]\d?|(?:wait|see|recall|"
                            r"note|hint|remember)\b[^()]{0,30})\)", re.I)
"""An aside tied to the book's running example ("(R in this example)", "(B)") or spoken to
the reader ("a summary statistic intended to describe (wait for it) the size of an effect")."""
_LEANS = re.compile(r"\b(?:such\s+(?:a|an)?|this|these|those|above|below|previous|following)\b",
                    re.I)
_SUBJECT_END = re.compile(r"\s+(?:of|in|on|for|with|[A-Z]\b)")


@dataclass(frozen=True)
class Side:
    """What one side of a contrast says its concept is."""

    description: str
    genus: str
    """The kind of thing it is said of ("argument", "set", "sentence"); "" when unknown."""
    chunk: Chunk
    position: int
    """The sentence's place in its passage (for "side by side")."""
    condition: bool = False
    """Whether it says when something has a property ("an argument is valid if ..."), not
    what a thing is: only another property is its alternative."""

    @property
    def cited(self) -> Citation:
        return self.chunk.citation()

    def beside(self, other: Side) -> bool:
        """Whether the two sides are read from one passage a few sentences apart: concepts the
        book introduces side by side."""
        return (self.chunk.id == other.chunk.id
                and abs(self.position - other.position) <= NEAR_SENTENCES)


def without_asides(description: str) -> str:
    """The description without asides tied to the book's running example ("(B)")."""
    return _EXAMPLE_ASIDE.sub("", description).strip(" ,;:")


def subject_genus(subject: str) -> str:
    """The head noun of a subject: "a set of sentences in English" -> "set"; a property of
    two things is a relation between them ("two sentences" -> "pair"), not a property of one."""
    if re.match(r"^\W*two\b", subject, re.I):
        return "pair"
    head = _SUBJECT_END.split(subject, maxsplit=1)[0]
    found = [w for w in words(head) if w not in STOPWORDS and not w.isdigit()]
    return found[-1] if found else ""


def find_side(terms: Sequence[str], passages: Sequence[Chunk]) -> Side | None:
    """The first passage sentence, in the passages' order, that says what the concept is in
    one of the shapes above; None when none does."""
    pattern = term_pattern(terms)
    for chunk in passages:
        if not pattern.search(chunk.text):
            continue
        found = _side_in(chunk.text, tuple(terms))
        if found is not None:
            description, genus, position, said = found
            return Side(description, genus, chunk, position, said)
    return None


@lru_cache(maxsize=8192)
def _side_in(text: str, terms: tuple[str, ...]) -> tuple[str, str, int, bool] | None:
    """The side a passage gives the concept, read once per (passage, concept) for the build."""
    pattern = term_pattern(terms)
    sentences = prose_sentences(text)
    for i, sentence in enumerate(sentences):
        if not pattern.search(sentence):
            continue
        plain = " ".join(sentence.split())
        marked = pattern.sub(_MARK, plain)
        said = _property(marked) or _if_said(marked) or _otherwise(marked)
        surface = pattern.search(plain)
        found = said or _plain(marked, surface.group(0) if surface else "") or _called(marked) or _named(marked, sentences, i,
                                                                     pattern)
        if found is not None:
            description, genus = found
            description = _unmark(description, marked, plain, pattern)
            description = _EXAMPLE_ASIDE.sub("", description).strip(" ,;:.")
            description = re.sub(r"\(\s*(?:deductively|logically)\s*\)\s*", "", description)
            if _fit(description, pattern, said is not None):
                return description[:1].lower() + description[1:], genus, i, said is not None
    return None


def _property(marked: str) -> tuple[str, str] | None:
    match = _PROPERTY.match(marked)
    if not match or match.group("scope"):
        return None  # "contingent in SL" said of contingent: another concept's definition
    condition = _CLAUSE_END.split(match.group("condition"), maxsplit=1)[0]
    return (marked[match.start("subject"):match.start("condition")] + condition,
            subject_genus(match.group("subject")))


def _plain(marked: str, surface: str) -> tuple[str, str] | None:
    match = _PLAIN.match(marked)
    if not match:
        return None
    description = _CLAUSE_END.split(match.group("description"), maxsplit=1)[0]
    if _MARK in description:
        return None
    if match.group("denied"):  # "A contingent sentence is neither ...": a sentence that is
        kind = surface.split()
        if len(kind) < 2:
            return None
        description = f"a {kind[-1].lower()} that is {description}"
    head = re.split(r"\s+(?:of|for|to|in|on|by|with|that|which|who|whose|where)\b",
                    description, maxsplit=1)[0]
    found = [w for w in words(head) if w not in STOPWORDS]
    return description, found[-1] if found else ""


def _called(marked: str) -> tuple[str, str] | None:
    match = _CALLED.match(marked)
    if not match or _MARK in match.group("description"):
        return None
    description = match.group("description")
    head = re.split(r"\s+(?:of|for|to|in|on|by|with|that|which|who|whose|where)\b",
                    description, maxsplit=1)[0]
    found = [w for w in words(head) if w not in STOPWORDS]
    return description, found[-1] if found else ""


def _if_said(marked: str) -> tuple[str, str] | None:
    match = _IF_SAID.match(marked)
    if not match:
        return None
    subject, predicate = match.group("subject"), match.group("predicate").strip()
    return f"{subject} that {predicate}", subject_genus(subject)


_OTHER_HEAD = re.compile(
    _LEAD + _SUBJECT + r"\s+(?P<verb>is|are)\s+(?:\(?(?:deductively|logically)\)?\s+)?"
    r"(?P<said>[\w-]+(?:\s+[\w-]+)?)\s*,?\s+if\b", re.I)


def _otherwise(marked: str) -> tuple[str, str] | None:
    """``"A set ... is consistent if ...; it is inconsistent otherwise"`` for inconsistent:
    "a set of sentences that is not consistent"."""
    if not _OTHERWISE.search(marked):
        return None
    match = _OTHER_HEAD.match(marked[: marked.index(";")])
    if not match or _MARK in match.group(0):
        return None
    subject = match.group("subject")
    return (f"{subject} that {match.group('verb')} not {match.group('said')}",
            subject_genus(subject))


def _named(marked: str, sentences: Sequence[str], i: int,
           pattern: re.Pattern[str]) -> tuple[str, str] | None:
    """``"Given a conditional and its antecedent, the consequent follows. This is called
    modus ponens."``: the sentence before (after its colon, if it introduces what follows)."""
    if i == 0 or not _NAMED.match(marked):
        return None
    before = " ".join(sentences[i - 1].split())
    if ":" in before:
        before = before.split(":", 1)[1].strip()
    if pattern.search(before) or before.endswith("?"):
        return None
    head = re.match(r"^\W*(?:this|these|such)\s+([\w-]+)\s+(?:is|are)\b", marked, re.I)
    genus = head.group(1).lower() if head and head.group(1).lower() not in STOPWORDS else ""
    return before, genus


def _unmark(text: str, marked: str, plain: str, pattern: re.Pattern[str]) -> str:
    """The marked text with each mark put back as the sentence has it there."""
    surfaces = [m.group(0) for m in pattern.finditer(plain)]
    at = marked.find(text)
    skip = marked[:at].count(_MARK) if at >= 0 else 0
    found = iter(surfaces[skip:])
    return re.sub(_M, lambda _: next(found, surfaces[0] if surfaces else ""), text)


def _fit(description: str, pattern: re.Pattern[str], said_of: bool) -> bool:
    """A side that says what the thing is on its own, short enough to compare. A property
    statement names its own subject, so its "they" points inside it; any other side must
    stand alone."""
    if len(description.split()) > MAX_SIDE_WORDS or len(content_stems(description)) < (
            MIN_SIDE_STEMS - said_of):  # "an argument that is not valid" says enough
        return False
    if _LEANS.search(description) or re.search(r"[.!?]\s+\S", description):
        return False
    if _OPENS_ASIDE.match(description):
        return False  # "it is possible to have a set ...", "6.7 Proof-theoretic ... We will"
    return said_of or stands_alone(pattern.sub(" ", description))


_OPENS_ASIDE = re.compile(r"^\W*(?:\d|(?:it|they|we|you|one|there|here)\b|(?:an?\s+)?(?:alternative|"
                          r"other|another)\b)", re.I)


@dataclass(frozen=True)
class Said:
    """One side of a contrast: what the concept is, its kind, where it was read."""

    description: str
    genus: str
    cited: Citation | None
    side: Side | None = None
    """The statement it was read from, when not the concept's description."""

    @property
    def condition(self) -> bool:
        """Whether it says when a thing has a property, not what a thing is."""
        return self.side is not None and self.side.condition


