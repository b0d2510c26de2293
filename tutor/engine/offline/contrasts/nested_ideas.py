"""Two ideas the book puts one under the other: no item may oppose them.

A case item asks "Is the missing idea X or Y?" and a mix-up item says a note gave X the
description of Y. Both assume the two ideas exclude each other. When the book itself says one
is a kind, an instance, a part or another name of the other, a case of the one is a case of
the other too, and a learner who answers with the other idea is right by the book: "an
analytic continuous distribution (like exponential or normal)" makes every exponential
distribution an analytic one; "the test statistic is R2" makes the coefficient of
determination a test statistic; "a histogram is a collection of counters" makes a histogram's
count a counter. Such a pair gets no case, no mix-up and no distractor of one for the other
(a relation item, "how are they related?", stays: it asks for the tie, not for a side).

The shapes read (A and B the two ideas' names, in either order): "A is a(n) ... B", "A is
the B", "the B is A", "Bs (like A ...)", "Bs such as A", "A, a(n) B,", "a B of As" and "A is a
collection (set, kind, ...) of Bs". A name in a list after "like" or "such as" may drop the
head word it shares with the broader idea ("exponential" for exponential distribution
beside "distribution"). Only sentences of the passages the writer already has are read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from tutor.course import Chunk
from tutor.engine.offline.definitions.descriptions import compiled_pattern
from tutor.engine.offline.terms import term_variants, words
from tutor.engine.offline.writing.exercise_material import prose_sentences
from tutor.text import STOPWORDS, may_name

MAX_WORDS = 60
"""A longer "sentence" is a list or a page run together, not one statement."""

_A, _B = "\x01", "\x02"
_FUNCTION_WORD = (r"(?:that|which|who|whose|where|when|of|to|for|with|in|on|at|by|from|and|or|"
                  r"not|the|a|an|is|are|was|were|be|it|its|this|these)\b")
_ADJ = r"(?:(?!" + _FUNCTION_WORD + r")[\w-]+\s+){0,3}?"
"""Up to three words between an article and the broader name ("an analytic continuous
distribution"); never "of", which makes a relation ("the square root of")."""
_COLLECTIVE = (r"(?:collection|set|sequence|list|group|series|kind|type|sort|form|family|"
               r"class|instance|example|case|variety|special\s+case)")
_PART = r"(?:part|portion|piece|component|subset|member|element|region|section)"
_COPULA = r"\s+(?:is|are|was|were)\s+(?:also\s+|just\s+|simply\s+|really\s+|always\s+)?"
_SUBJECT = r"(?<!of )(?<!of the )(?<!of an )(?<!of a )"
"""A name that is the subject, not the object of a relation ("the square root of variance
is the standard deviation" does not say variance is the standard deviation)."""
_ENDS = r"(?=\s*(?:[.,;:)]|$)|\s+(?:and|but|so|which|because|when|where)\b)"
_IS = r"(?:\s*,\s*which" + _COPULA + r"|" + _COPULA + r")"
_TERM_FOR = r"(?:(?:[\w-]+\s+){0,2}?(?:term|word|name)\s+for\s+(?:(?:a|an|the)\s+)?)?"
""""histogram, which is a statistical term for a collection of counters"."""
_LIKE = r"\s*(?:\(|,)?\s*(?:like|such\s+as|e\.\s?g\.,?|including|for\s+example,?)\s+(?:[^.;:()]{0,80}?[,\s])?"


def _shapes(a: str) -> tuple[re.Pattern[str], ...]:
    """The shapes in which the book puts the idea ``a`` matches under the one marked B."""
    return tuple(re.compile(shape, re.I) for shape in (
        # "A is a(n) (adjectives) B", "A, which is a B": a kind
        _SUBJECT + a + _IS + r"(?:a|an|one)\s+(?!(?:\w+\s+){0,3}?of\b)" + _ADJ + _B,
        # "A is the B" (not "the B of ..."): another name
        _SUBJECT + a + _COPULA + r"the\s+" + _B + r"(?!\s+of\b)" + _ENDS,
        # "the B is A": "the test statistic is R2"
        _SUBJECT + r"\bthe\s+" + _B + _COPULA + r"(?:the\s+)?" + a + _ENDS,
        # "Bs (like A ...)", "Bs such as A", "B, e.g. A": an instance
        _B + _LIKE + a,
        # "A, a(n) B,": apposition
        _SUBJECT + a + r"\s*,\s*(?:a|an)\s+" + _ADJ + _B + r"\s*[,.;)]",
        # "A is a collection of Bs", "a kind of B", "a term for a collection of Bs"
        _SUBJECT + a + _IS + r"(?:a|an|one)\s+" + _TERM_FOR + _ADJ + _COLLECTIVE
        + r"\s+of\s+(?:\w+\s+){0,2}?" + _B,
        # "A: the part of a B", "A is a subset of B": a part
        _SUBJECT + a + r"(?:\s*:|" + _IS + r")\s*(?:a|an|the|one)\s+" + _PART
        + r"\s+of\s+(?:(?:a|an|the)\s+)?" + _B,
        # "A, which you might recognize as B", "A, also called B", "A (also known as B)"
        _SUBJECT + a + r"\s*[,(]\s*(?:which|that)\s+(?:\w+\s+){0,3}?(?:recogni[sz]e|know|"
        r"call)\s+as\s+(?:(?:a|an|the)\s+)?" + _B,
        _SUBJECT + a + r"\s*[,(]?\s*(?:is\s+|are\s+)?(?:also\s+|often\s+|sometimes\s+)?"
        r"(?:called|known\s+as|named)\s+(?:(?:a|an|the)\s+)?" + _B,
    ))


_SHAPES = _shapes(_A)
_ANYTHING = (_shapes(r"(?<![\w-])(?:[A-Za-z]\d|[A-Z][A-Za-z]*\d\w*)(?![\w-])")[2],
             _shapes(r"(?<![\w-])(?!(?:this|that|it|which|there|here|what|each|one|all)\b)"
                     r"[A-Za-z][\w-]*")[5])
"""The shapes in which a book names a thing by the idea marked B: a symbol ("the test
statistic is R2") or a collection of it ("histogram, which is a statistical term for a
collection of counters"); not "this is a function", nor "the mean is 5"."""
_SHORT = "\x03"
_LIKE_SHORT = re.compile(_B + _LIKE + _SHORT, re.I)
"""A list after "like" that names the narrower idea without its head word ("an analytic
continuous distribution (like exponential or normal)")."""


def nesting_sentence(first: Sequence[str], second: Sequence[str],
                     passages: Sequence[Chunk]) -> str | None:
    """The first sentence of the passages that puts one of the two ideas (each given by its
    names) under the other, as a kind, an instance, a part or another name; ``None`` when
    none does."""
    found = _first_nesting(first, second, passages)
    return None if found is None else found[1]


def _first_nesting(first: Sequence[str], second: Sequence[str],
                   passages: Sequence[Chunk]) -> tuple[Chunk, str] | None:
    """:func:`nesting_sentence` and the passage it is in."""
    if not first or not second:
        return None
    first, second = tuple(first), tuple(second)
    markers = None  # the patterns, made when a sentence first may name both
    look_first, look_second = _look(first), _look(second)
    for chunk in passages:
        folded = _folded(chunk.text)
        if not (_may(folded, look_first) and _may(folded, look_second)):
            continue
        for plain, folded_plain in _folded_statements(chunk.text):
            if not (_may(folded_plain, look_first) and _may(folded_plain, look_second)):
                continue  # a cheap look before the patterns run
            if markers is None:
                markers = _marker(first, second), _marker(second, first)
            ours, theirs = markers
            if _nests(plain, ours, theirs) or _nests(plain, theirs, ours):
                return chunk, plain
    return None


@lru_cache(maxsize=8192)
def _look(names: tuple[str, ...]) -> tuple[str, ...] | None:
    """What to look for before an idea's patterns run, worked out once per idea: the first
    words of its names, case folded (:func:`~tutor.text.may_name`); ``None`` when any text
    may name it (a symbol the page may print apart, "R 2" for R2, or no name with a word)."""
    if any(_SYMBOL.fullmatch(n) for n in names):
        return None
    return tuple(n.split()[0].casefold() for n in names if n.split()) or None


def _may(folded: str, look: tuple[str, ...] | None) -> bool:
    """Whether the case-folded text may name the idea whose :func:`_look` is given."""
    return look is None or any(first in folded for first in look)


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return text.casefold()


@lru_cache(maxsize=4096)
def _folded_statements(text: str) -> tuple[tuple[str, str], ...]:
    """:func:`_statements` with each one's case-folded form (the pairs of a build read the
    same passages' sentences again and again)."""
    return tuple((plain, plain.casefold()) for plain in _statements(text))


@lru_cache(maxsize=4096)
def _statements(text: str) -> tuple[str, ...]:
    """The passage's prose sentences, a glossary run together split into its entries, a
    symbol read apart from its exponent joined again ("R 2" is R2)."""
    found = []
    for sentence in prose_sentences(text):
        for part in _ENTRY.split(sentence):
            plain = _SYMBOL.sub(r"\1\2", " ".join(part.split()))
            if plain and len(plain.split()) <= MAX_WORDS:
                found.append(plain)
    return tuple(found)


_ENTRY = re.compile(r"\s*[\u2022\u25cf]\s*")


def nested(first: Sequence[str], second: Sequence[str], passages: Sequence[Chunk]) -> bool:
    """Whether the book puts one idea under the other (:func:`nesting_sentence`)."""
    return nesting_sentence(first, second, passages) is not None


def instance_named_as(case: str, rival: Sequence[str], passages: Sequence[Chunk],
                      shown: Sequence[str] = ()) -> str | None:
    """The sentence of the passages that names a thing the ``case`` shows with the ``rival``
    idea's name, as its kind, part or another name ("a histogram is a collection of counters"
    for "The histogram hist is being used as a(n) _____", opposed to counter; "the test
    statistic is R2" for a case of R 2 = ρ 2, opposed to test statistic); ``None`` when none
    does. The things a case shows are its words and symbols beside the ``shown`` idea's
    names and the rival's."""
    drop = {w for n in [*rival, *shown] for w in words(n)}
    for thing in _things(case):
        if thing.lower() in drop:
            continue
        found = nesting_sentence([thing], rival, passages)
        if found is not None:
            return found
    return None


_SYMBOL = re.compile(r"(?<![\w.])([A-Za-z])\s?(\d)(?![\w.])")
"""A symbol with its exponent or index, spaced apart when read from the page ("R 2")."""


def _things(case: str) -> list[str]:
    """The words and symbols a case names: content words of four letters or more, and
    symbols such as R2."""
    found = [f"{a}{b}" for a, b in _SYMBOL.findall(case)]
    found += [w for w in words(case) if len(w) >= MIN_THING_LETTERS and w not in STOPWORDS
              and not w.isdigit()]
    return list(dict.fromkeys(found))


MIN_THING_LETTERS = 4


def _named_in(text: str, names: tuple[str, ...]) -> bool:
    return may_name(text, names) and _pattern(names).search(text) is not None


def _nests(plain: str, a: tuple[re.Pattern[str], re.Pattern[str] | None],
           b: tuple[re.Pattern[str], re.Pattern[str] | None]) -> bool:
    """Whether the sentence says the idea ``a`` names stands under the one ``b`` names (each
    its names' pattern, and that of its names without the head word the two share)."""
    (a_full, a_short), (b_full, _) = a, b
    if not b_full.search(plain) or not (a_full.search(plain) or (
            a_short is not None and a_short.search(plain))):
        return False
    marked = b_full.sub(_B, plain)
    marked_a = a_full.sub(_A, marked)
    # every shape holds both marks: where B's name took A's place, none is searched
    if _A in marked_a and any(shape.search(marked_a) for shape in _SHAPES):
        return True
    return a_short is not None and _LIKE_SHORT.search(a_short.sub(_SHORT, marked)) is not None


@lru_cache(maxsize=8192)
def _marker(names: tuple[str, ...], other: tuple[str, ...]) -> tuple[
        re.Pattern[str], re.Pattern[str] | None]:
    """The idea's names as a pattern, and the shortened forms a list after "like" or "such
    as" uses: the name without the head word it shares with the other idea ("exponential"
    for "exponential distribution" beside "analytic distribution")."""
    full = _pattern(tuple(term_variants(names[0], names[1:])))
    heads = {words(n)[-1] for n in other if words(n)}
    short = {" ".join(found[:-1]) for found in map(words, names)
             if len(found) > 1 and found[-1] in heads | {h + "s" for h in heads}}
    return full, _pattern(tuple(sorted(short, key=len, reverse=True))) if short else None


def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Mentions of the names, a plural ending allowed, and one word more inside a name of
    several ("analytic continuous distribution" for analytic distribution)."""
    inside = r"(?:[\s\-]+|\s+(?!" + _FUNCTION_WORD + r")[\w-]+\s+)"
    group = "|".join(inside.join(re.escape(w) for w in n.split()) for n in names if n.split())
    return compiled_pattern(r"(?<![\w-])(?:" + group + r")(?:e?s)?(?![\w-])", re.I)


def nesting_passages(concepts: Sequence[dict[str, Any]], related: dict[str, list[str]],
                     chunks: Sequence[Chunk]) -> dict[str, list[Chunk]]:
    """For each concept (by id), the passages anywhere in the book in which a sentence puts
    it under one of its ``related`` concepts or one of them under it ("an analytic
    continuous distribution (like exponential or normal)" in another chapter), or names
    something as a kind or a part of a related concept ("a histogram is a collection of
    counters"): the writers read them to refuse items that oppose two ideas the book does
    not keep apart. Found once per build, by the chunks that may name each concept."""
    names = {str(c["id"]): tuple(term_variants(str(c["name"]), [
        str(a) for a in c.get("aliases") or []])) for c in concepts}
    by_word: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        for word in set(_TOKEN.findall(chunk.text.casefold())):
            by_word.setdefault(word, []).append(chunk)
    naming = {cid: _naming(terms, by_word, chunks) for cid, terms in names.items()}
    pages = {str(c["id"]): [int(p["page"]) for p in c.get("citations") or []] for c in concepts}
    broader: dict[str, list[Chunk]] = {}
    may_name_under = {c.id for c in chunks if _MAY_NAME_UNDER.search(c.text)}  # once a book
    nesting: dict[frozenset[str], Chunk | None] = {}  # the pair's first nesting passage
    found: dict[str, list[Chunk]] = {}
    for cid, others in related.items():
        if cid not in names:
            continue
        kept: dict[str, Chunk] = {}
        for other in others:
            if other not in names or other == cid:
                continue
            if other not in broader:
                broader[other] = [c for c in naming[other] if c.id in may_name_under
                                  and _names_under(c.text, names[other])]
            near = sorted(broader[other], key=lambda c: min(
                (abs(c.page - page) for page in pages.get(cid, ())), default=0))
            kept.update((c.id, c) for c in near[:MAX_BROADER])
            pair = frozenset((cid, other))
            if pair not in nesting:  # the same passage either way round (both are looked for)
                theirs = {chunk.id for chunk in naming[other]}
                both = [chunk for chunk in naming[cid] if chunk.id in theirs]
                first_hit = _first_nesting(names[cid], names[other], both)
                nesting[pair] = None if first_hit is None else first_hit[0]
            if (hit := nesting[pair]) is not None:
                kept[hit.id] = hit
        if kept:
            found[cid] = list(kept.values())
    return found


MAX_BROADER = 2
"""Passages naming something as a kind or a part of a near concept, per near concept: those
nearest the concept's own pages."""


_TOKEN = re.compile(r"[\w'-]+")


def _naming(names: tuple[str, ...], by_word: dict[str, list[Chunk]],
            chunks: Sequence[Chunk]) -> list[Chunk]:
    """The chunks that may name the idea: those holding the first word of one of its names
    (all of them for a symbol a page may print apart, "R 2"), in reading order."""
    if any(_SYMBOL.fullmatch(n) for n in names):
        return list(chunks)
    found = {c.id: c for n in names if n.split()
             for c in by_word.get(n.split()[0].casefold(), [])}
    return [c for c in chunks if c.id in found]


_MAY_NAME_UNDER = re.compile(r"\b" + _COLLECTIVE + r"\s+of\b|\bis\s+[A-Za-z]\s?\d", re.I)
"""Words without which no sentence names a thing by an idea (:data:`_ANYTHING`)."""


def _names_under(text: str, names: tuple[str, ...]) -> bool:
    """Whether a sentence of the text names something as a kind or a part of the idea."""
    if not _MAY_NAME_UNDER.search(text):
        return False
    pattern = _pattern(names)
    for plain in _statements(text):
        if pattern.search(plain):
            marked = pattern.sub(_B, plain)
            if any(shape.search(marked) for shape in _ANYTHING):
                return True
    return False
