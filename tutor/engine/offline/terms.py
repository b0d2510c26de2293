"""Terms for the offline engine: what may name a concept, term keys, and where terms occur.

Word lists of general English that concept extraction needs beyond :mod:`tutor.text` (generic
words, common verbs, determiners, prepositions, pronouns), the key two spellings of a term share, the
junk-term test and an index of term mentions (:func:`mentions_key`: a term's exact key in a text).
The word helpers the writers and the checker share sit here too, so writer and checker agree on what
counts as a leak: :func:`words`, :func:`term_variants` (a name's singular and plural forms),
:func:`mentions` (a term named in a text, misspellings within :data:`TERM_FUZZ` allowed),
:func:`content_stems` and :func:`support`. The stopword list, the singular and the PDF
normaliser are the toolkit's (:mod:`tutor.text`), the sentence splitter its :mod:`tutor.sentences`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import accumulate

from rapidfuzz import fuzz

from tutor.text import STOPWORDS, general_zipf, normalize, singular
from tutor.text import content_stems as stems_of_content

GENERIC_WORDS = frozenset(
    """
    able actual actually additional almost already alternative appropriate arbitrary available
    bad basic best better big certain chapter clear close common complete complex correct current
    different difficult easy entire equal exact exactly example examples exercise exercises fact
    far fig figure final fine first following former full general given good great hard high
    important instance interesting it's kind large last later latter least left little long lot
    low main major many minor more most much necessary new next nice normal note number numbers
    obvious old original particular possible previous real reason right same second section see
    short similar simple single small so-called special specific standard start step sure third
    thing things time times true typical useful usual various version way ways whole wrong
    """.split()
)
"""General-English words that are never a concept on their own (adjectives, vague nouns)."""

COMMON_VERBS = frozenset(
    """
    add adds added allow allows apply applies ask asks asked become becomes begin begins call calls
    change changes check checks choose come comes compute computes consider contain contains could
    create creates define defines describe describes do does find finds follow follows get gets
    give gives go goes happen happens help helps include includes keep keeps know knows learn
    learns look looks make makes mean means need needs provide provides put puts read reads
    represent represents require requires return returns run runs say says seem seems show shows
    take takes tell tells think thinks try tries turn turns use uses used using want wants work
    works write writes written called named known defined given
    """.split()
)
"""Frequent verb forms, to keep them out of single-word concept candidates."""

NOUN_LIKE_VERBS = frozenset(
    "call calls change changes check checks help return returns run runs turn work".split()
)
"""Verbs of :data:`COMMON_VERBS` that are also nouns inside terms ("return value")."""

DETERMINERS = frozenset(
    "a an the this that these those each every any another its their our your his her some".split()
)

COMMAND_KINDS = ("command", "function", "operator", "macro", "procedure", "routine", "statement",
                 "option", "flag", "switch", "keyword", "construct", "construction", "form")
"""What a book calls the commands it teaches ("the kill command", "the function ev")."""
MIN_PROSE_WORDS = 6
"""Words a sentence of prose has at least: one that explains a command, or what is left of a
sentence after a heading run into it."""

PREPOSITIONS = frozenset("of in to for with on by from into about as at between".split())
"""The prepositions that open a phrase after a noun ("the difference between ..."): a word
after one is not a subject or a verb of its own."""
CLAUSE_PREPOSITIONS = (PREPOSITIONS - {"of", "for", "as", "between"}) | frozenset(
    "above across after against along among around before behind below beneath beside beyond "
    "during inside near off onto outside over past since through throughout toward towards under "
    "underneath until upon within without".split())
"""The prepositions a phrase of the prose opens on ("Inside the layout", "With care"): a
heading that opens on one is no name; "for" and the other prepositions of :data:`PREPOSITIONS`
left out do open names ("for loop")."""
PRONOUNS = frozenset(
    "i i'm we you he she it they that which who whom whose what how why when where".split())
"""Pronouns and relative words: a phrase that holds one ("objects that look like functions",
"I'm hearing voices") is a clause, not a name."""

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]")
_JOINER = re.compile(r"[-_/]")
DOTTED_NAME = re.compile(r"(?:[A-Z][A-Za-z]+(?:\.\d+)+|[A-Z]\.\d{3,}(?:\.\d+)*)(?![\w.]*\w)")
"""A name with inner dots, a standard or a notation ("ASN.1", "X.509", "H.264"): a term like
any word, not a section or figure label ("A.1", "B.12"), a number or code (``math.pi``)."""
_KEY_WORD = re.compile(
    r"[a-z][a-z]+(?:\.\d+)+(?![\w.]*\w)|[a-z]\.\d{3,}(?:\.\d+)*(?![\w.]*\w)"
    r"|[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]")
"""A word of a term key: :data:`_WORD`, or a dotted name in lower case ("asn.1")."""
_GLUED = re.compile(r"[a-z][A-Z]")
_ORDINAL_START = frozenset(
    "first second third fourth fifth last next previous following same other new whole entire "
    "certain different various many several few own such possible corresponding positive "
    "negative appropriate particular specific given actual current".split()
)
_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten hundred".split())
_CODE_CHARS = set("=(){}[]<>#$%^*+|\\/;_@~`")


def tokenize(text: str) -> list[str]:
    """Word tokens (letters, inner hyphens and apostrophes), case kept."""
    return _WORD.findall(text)


@lru_cache(maxsize=65536)
def term_key(phrase: str) -> str:
    """The key two spellings of one term share: lower case, hyphens and underscores as spaces,
    leading articles dropped, every word singular. ``"Floating-point numbers"`` ->
    ``"floating point number"``."""
    words = _JOINER.sub(" ", phrase.lower()).replace("'s ", " ").split()
    words = [w.strip(".,;:!?\"'()[]") for w in words]
    words = [w for w in words if w]
    while words and words[0] in ("a", "an", "the"):
        words = words[1:]
    return " ".join(singular(w) for w in words)


def key_tokens(text: str) -> list[str]:
    """Tokens of a passage as they appear in :func:`term_key` (lower case, singular), so that
    n-grams of them can be looked up against term keys."""
    return list(_key_tokens(text))


@lru_cache(maxsize=16384)
def _key_tokens(text: str) -> tuple[str, ...]:
    # A build tokenizes each passage and sentence for several indexes: once is enough.
    words = _KEY_WORD.findall(_JOINER.sub(" ", text.lower()))
    return tuple(map(_key_word, words))


@lru_cache(maxsize=65536)
def _key_word(word: str) -> str:
    """One lower-case word as it appears in a term key (singular, no possessive): remembered
    per word, so a passage's words are mapped without a Python call each."""
    return singular(word[:-2] if word.endswith("'s") else word.strip("'"))


def is_junk_term(phrase: str, max_words: int = 4) -> bool:
    """True when a phrase cannot be a concept name: code, numbers, labels, stopword edges,
    too long, or made only of generic words."""
    phrase = phrase.strip()
    if not phrase or len(phrase) > 48 or len(phrase) < 2:
        return True
    if any(ch.isdigit() or ch in _CODE_CHARS or ch in '.,;:!?"'
           for ch in DOTTED_NAME.sub("", phrase)):
        return True  # a dotted name ("ASN.1") is a word; other digits and dots are not
    if "http" in phrase or "www" in phrase:
        return True
    words = phrase.split()
    if len(words) > max_words:
        return True
    lower = [w.lower() for w in words]
    if lower[0] in STOPWORDS or lower[-1] in STOPWORDS or lower[-1] in DETERMINERS:
        return True
    if any(len(w) <= 2 and not w.isupper() and w.lower() not in STOPWORDS for w in words):
        return True  # "xs", "np", "pi xi": symbols and code, not terms
    if len(words) == 1 and (lower[0] in _NUMBER_WORDS or (
            len(lower[0]) <= 3 and not words[0].isupper() and general_zipf(lower[0]) < 3.0)):
        return True
    if lower[0] in ("figure", "fig", "table", "exercise", "chapter", "section", "listing",
                    "equation", "appendix", "page", "example", "step", "part"):
        return True
    if lower[0].endswith("est") and len(lower[0]) > 6 and lower[0] not in ("interest", "request"):
        return True  # a superlative: "simplest", "largest"
    if len(words) > 1 and (lower[0] in _ORDINAL_START or lower[0] in _NUMBER_WORDS):
        return True  # "first line", "two words", "simplest form"
    if any(w in STOPWORDS and w not in ("of", "and") for w in lower[1:-1]):
        return True  # a clause, not a name: "strings are immutable", "size of the input"
    if any(w in ("kind", "sort", "way", "lot") for w in lower):
        return True
    if all(w in GENERIC_WORDS or w in STOPWORDS or w in COMMON_VERBS for w in lower):
        return True
    if len(words) == 1 and (lower[0].endswith("ly") or lower[0] in COMMON_VERBS):
        return True
    # Identifiers: camelCase or words glued with underscores are code, not concepts.
    return any(_GLUED.search(w) for w in words)


# -- general-English rarity ----------------------------------------------------------------


def zipf(count: int, total_words: int) -> float:
    """The Zipf value of a count: log10 of occurrences per billion words."""
    return math.log10(max(count, 1) / max(total_words, 1) * 1e9)


class MentionIndex:
    """Where terms occur: counts of each term key per chunk, matched on singular lower-case
    word n-grams (so "Lists" counts for "list", "floating-point" for "floating point")."""

    def __init__(self, texts: Sequence[str], keys: Iterable[str]) -> None:
        self.keys = set(keys)
        # The word counts of the keys that start with each first word: only those n-grams
        # can match there.
        lengths: dict[str, list[int]] = {}
        for key in self.keys:
            lengths.setdefault(key.split(" ", 1)[0], []).append(len(key.split()))
        starting = {first: sorted(set(ns)) for first, ns in lengths.items()}
        self._counts: dict[str, dict[int, int]] = {}
        for index, text in enumerate(texts):
            tokens = _key_tokens(text)
            if starting.keys().isdisjoint(tokens):
                continue  # no key starts here (most sentences): not read word by word
            for start, token in enumerate(tokens):
                for n in starting.get(token, ()):
                    if start + n > len(tokens):
                        break
                    gram = " ".join(tokens[start : start + n])
                    if gram in self.keys:
                        per_chunk = self._counts.setdefault(gram, {})
                        per_chunk[index] = per_chunk.get(index, 0) + 1

    def counts(self, key: str) -> dict[int, int]:
        """Chunk index -> number of mentions of ``key``."""
        return self._counts.get(key, {})


@lru_cache(maxsize=16384)
def _key_text(text: str) -> str:
    return f" {' '.join(_key_tokens(text))} "


def mentions_key(text: str, key: str) -> bool:
    """True when ``text`` mentions the term whose :func:`term_key` is ``key``."""
    return f" {key} " in _key_text(text)


# -- words and mentions, shared by the writers and the checker --------------------------------
TERM_FUZZ = 88.0
"""rapidfuzz ratio from which a run of words in a text counts as a (misspelt) mention of a term."""
_NON_WORD = re.compile(r"[^a-z0-9]+")


def words(text: str) -> list[str]:
    """Lower-case word tokens with punctuation, case and plural endings removed."""
    return list(_words(text))


@lru_cache(maxsize=16384)
def _words(text: str) -> tuple[str, ...]:
    """:func:`words`, remembered: the writers and the checker ask for the same terms and
    sentences many times over in a build."""
    return tuple(singular(w) for w in _NON_WORD.sub(" ", normalize(text).lower()).split())


def plural(term: str) -> str:
    """A light English plural of a term (its last word)."""
    head, _, last = term.rpartition(" ")
    low = last.lower()
    if not last or not last[-1].isalpha():
        return term
    if last.isupper():
        grown = last + "s"
    elif low.endswith(("s", "x", "z", "ch", "sh")):
        grown = last + "es"
    elif low.endswith("y") and len(low) > 2 and low[-2] not in "aeiou":
        grown = last[:-1] + "ies"
    else:
        grown = last + "s"
    return f"{head} {grown}" if head else grown


def term_variants(name: str, aliases: Iterable[str] = ()) -> list[str]:
    """The name, its aliases and their singular and plural forms, longest first."""
    return list(_term_variants(name, tuple(aliases)))


@lru_cache(maxsize=8192)
def _term_variants(name: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    """:func:`term_variants`, worked out once per concept: every writer that stands a
    sibling beside its concept asks for the sibling's names again."""
    seen: dict[str, str] = {}
    for term in [name, *aliases]:
        term = " ".join(term.split())
        if not term:
            continue
        head, _, last = term.rpartition(" ")
        single = singular(last.lower()) if not last.isupper() else last
        single_term = f"{head} {single}".strip() if single != last.lower() else term
        for form in (term, single_term, plural(single_term)):
            seen.setdefault(form.lower(), form)
    return tuple(sorted(seen.values(), key=lambda t: (-len(t), t.lower())))


def mentions(text: str, terms: Iterable[str], fuzzy: bool = True) -> bool:
    """True when the text names one of the terms: same words after normalisation, or (for
    terms of five letters or more) a run of words within :data:`TERM_FUZZ` of the term."""
    return _mentions(text, tuple(terms), fuzzy)


@lru_cache(maxsize=16384)
def _mentions(text: str, terms: tuple[str, ...], fuzzy: bool) -> bool:
    """:func:`mentions`, remembered: the writers ask it of the same sentences and names for
    every concept that stands them side by side."""
    tokens = words(text)
    if not tokens:
        return False
    joined = f" {' '.join(tokens)} "
    ends: list[int] | None = None
    for term in terms:
        key = words(term)
        if not key:
            continue
        if f" {' '.join(key)} " in joined:
            return True
        target = " ".join(key)
        if not fuzzy or len(target) < 5:
            continue
        if ends is None:  # where each token ends in the joined text, for window lengths
            ends = list(accumulate(len(token) + 1 for token in tokens))
        for size in {max(1, len(key) - 1), len(key), len(key) + 1}:
            for start in range(0, max(0, len(tokens) - size) + 1):
                stop = min(start + size, len(tokens))
                length = ends[stop - 1] - (ends[start - 1] if start else 0) - 1
                if not _may_be_near(length, len(target)):
                    continue
                window = " ".join(tokens[start : start + size])
                if fuzz.ratio(window, target) >= TERM_FUZZ:
                    return True
    return False


def _may_be_near(length: int, target: int) -> bool:
    """Whether texts of these lengths can be within :data:`TERM_FUZZ` of each other: the ratio
    is at most ``200 * shorter / (both)``, so most windows are ruled out by length alone."""
    return 200 * min(length, target) / (length + target) >= TERM_FUZZ - 1e-9


def content_stems(text: str, drop: Iterable[str] = ()) -> set[str]:
    """The text toolkit's content stems (:func:`tutor.text.content_stems`) of the words of
    three letters or more, as a set: what the writers and the checker compare."""
    dropped = set(drop)
    if not dropped:
        return set(_content_stems(text))
    return set(stems_of_content(text, dropped, min_letters=3))


@lru_cache(maxsize=16384)
def _content_stems(text: str) -> frozenset[str]:
    """:func:`content_stems` with nothing dropped, worked out once per text: the writers
    compare the same sentences with many definitions."""
    return frozenset(stems_of_content(text, min_letters=3))


def support(claim: str, evidence: str | set[str], drop: Iterable[str] = ()) -> float:
    """Share of the claim's content stems that occur in the evidence (a text, or its
    :func:`content_stems`); 1.0 for an empty claim."""
    wanted = content_stems(claim, drop)
    if not wanted:
        return 1.0
    found = content_stems(evidence) if isinstance(evidence, str) else evidence
    return len(wanted & found) / len(wanted)
