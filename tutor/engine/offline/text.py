"""Shared text utilities for the offline engine: normalising PDF text, splitting prose from
code, sentences, tokens, stopwords, light singularisation and term keys.

Everything here is plain Python (regular expressions and small word lists of general English),
so it is fast, deterministic and has no model or data files. Other offline modules (exercises,
grading, explanations) may import it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

STOPWORDS = frozenset(
    """
    a about above after again against all almost along already also although always am among an
    and another any anybody anyone anything anyway are around as at away be became because become
    becomes been before being below besides between both but by can cannot could did do does doing
    done down during each either else enough etc even ever every everyone everything few for from
    further had has have having he her here hers herself him himself his how however i if in into
    is it its itself just least less let like likely many may me might mine more most mostly much
    must my myself neither never nevertheless no nobody none nor not nothing now of off often on
    once one only onto or other others otherwise our ours ourselves out over own per perhaps quite
    rather really same several shall she should since so some somebody someone something sometimes
    somewhat still such than that the their theirs them themselves then there thereby therefore
    these they this those though through thus to together too toward towards under unless until up
    upon us usually very via was we well were what whatever when whenever where whereas wherever
    whether which while who whoever whom whose why will with within without would yet you your
    yours yourself yourselves e.g i.e vs cf
    """.split()
)
"""Function words of general English."""

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

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
           "\u2014": " - ", "\u00a0": " "}
_HYPHEN_BREAK = re.compile(r"([A-Za-z]+)-\n([a-z]+)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "cf.", "fig.", "eq.", "no.", "dr.", "mr.",
                  "ms.", "al.", "ch.", "sec.", "p.", "pp.")
_CODE_LINE = re.compile(r"[=<>{}\[\]#$%^*+|\\;_@~`]")
_NOT_LETTER = re.compile(r"[^A-Za-z\s]")
_ORDINAL_START = frozenset(
    "first second third fourth fifth last next previous following same other new whole entire "
    "certain different various many several few own such possible corresponding positive "
    "negative appropriate particular specific given actual current".split()
)
_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten hundred".split())
_CODE_CHARS = set("=(){}[]<>#$%^*+|\\/;_@~`")

_IRREGULAR = {
    "children": "child", "indices": "index", "indexes": "index", "vertices": "vertex",
    "matrices": "matrix", "analyses": "analysis", "hypotheses": "hypothesis", "axes": "axis",
    "people": "person", "men": "man", "women": "woman", "feet": "foot", "mice": "mouse",
    "criteria": "criterion", "phenomena": "phenomenon", "theses": "thesis", "caches": "cache",
    "leaves": "leaf", "halves": "half", "lives": "life", "knives": "knife",
}
_INVARIANT = frozenset(
    "series species news physics mathematics statistics economics ethics this is was has does "
    "its his always perhaps whereas alias bias atlas canvas gas lens status bus thus plus minus "
    "various previous analysis basis axis thesis corpus virus focus bonus census radius".split()
)


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Text from a PDF or Markdown made regular: ligatures, quotes and dashes made plain,
    words broken at the end of a line joined again, Unicode NFKC."""
    for bad, good in _LIGATURES.items():
        text = text.replace(bad, good)
    for bad, good in _QUOTES.items():
        text = text.replace(bad, good)
    text = unicodedata.normalize("NFKC", text)
    return _HYPHEN_BREAK.sub(_join_broken_word, text)


def _join_broken_word(match: re.Match[str]) -> str:
    """``"sys-\ntem"`` -> ``"system"``, but ``"programmer-\ndefined"`` keeps its hyphen: both
    halves are English words and the joined form is not."""
    left, right = match.group(1), match.group(2)
    if (len(left) >= 4 and general_zipf(left.lower()) >= 2.5
            and general_zipf(right.lower()) >= 2.5
            and general_zipf((left + right).lower()) < 1.5):
        return f"{left}-{right}"
    return left + right


def is_prose_line(line: str) -> bool:
    """True for a line of running text; false for code, formulas, tables and labels."""
    stripped = line.strip()
    if not stripped or stripped.startswith((">>>", "...", "$ ", "def ", "class ", "import ")):
        return False
    words = _WORD.findall(stripped)
    if len(words) < 2:
        return False
    letters = len(_NOT_LETTER.sub("", stripped))
    code = len(_CODE_LINE.findall(stripped))
    return letters / len(stripped) >= 0.75 and code <= max(1, len(stripped) // 30)


def prose_blocks(text: str) -> list[str]:
    """Runs of consecutive prose lines joined into paragraphs (code and tables dropped)."""
    blocks: list[str] = []
    current: list[str] = []
    for line in normalize(text).split("\n"):
        if is_prose_line(line):
            current.append(line.strip())
            continue
        if current:
            blocks.append(" ".join(current))
            current = []
    if current:
        blocks.append(" ".join(current))
    return [re.sub(r"\s+", " ", b) for b in blocks]


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; common abbreviations do not end a sentence."""
    pieces = _SENTENCE_END.split(text.strip())
    sentences: list[str] = []
    for piece in pieces:
        last_word = sentences[-1].rsplit(None, 1)[-1].lower() if sentences else ""
        if last_word.lstrip("([\"'") in _ABBREVIATIONS:
            sentences[-1] = f"{sentences[-1]} {piece}"
        elif piece.strip():
            sentences.append(piece.strip())
    return sentences


def sentences(text: str) -> Iterator[str]:
    """All prose sentences of a passage, in order."""
    for block in prose_blocks(text):
        yield from split_sentences(block)


def tokenize(text: str) -> list[str]:
    """Word tokens (letters, inner hyphens and apostrophes), case kept."""
    return _WORD.findall(text)


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """A light, rule-based singular of an English noun (lower-case in, lower-case out)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word in _INVARIANT or word.endswith(("ss", "us", "is", "ics", "ias")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("'s"):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def term_key(phrase: str) -> str:
    """The key two spellings of one term share: lower case, hyphens and underscores as spaces,
    leading articles dropped, every word singular. ``"Floating-point numbers"`` ->
    ``"floating point number"``."""
    words = re.sub(r"[-_/]", " ", phrase.lower()).replace("'s ", " ").split()
    words = [w.strip(".,;:!?\"'()[]") for w in words]
    words = [w for w in words if w]
    while words and words[0] in ("a", "an", "the"):
        words = words[1:]
    return " ".join(singular(w) for w in words)


def key_tokens(text: str) -> list[str]:
    """Tokens of a passage as they appear in :func:`term_key` (lower case, singular), so that
    n-grams of them can be looked up against term keys."""
    words = _WORD.findall(re.sub(r"[-_/]", " ", text.lower()))
    return [singular(w[:-2] if w.endswith("'s") else w.strip("'")) for w in words]


def is_junk_term(phrase: str, max_words: int = 4) -> bool:
    """True when a phrase cannot be a concept name: code, numbers, labels, stopword edges,
    too long, or made only of generic words."""
    phrase = phrase.strip()
    if not phrase or len(phrase) > 48 or len(phrase) < 2:
        return True
    if any(ch.isdigit() or ch in _CODE_CHARS or ch in '.,;:!?"' for ch in phrase):
        return True
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
    return any(re.search(r"[a-z][A-Z]", w) for w in words)


# -- general-English rarity ----------------------------------------------------------------


@lru_cache(maxsize=65536)
def general_zipf(phrase: str) -> float:
    """How common a word or phrase is in general English, on the Zipf scale (about 7 for
    "the", 5 for "problem", 3.5 for "interpreter", 0 when unknown); 4.0 when the word list is
    not installed."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a declared dependency
        return 4.0
    # A phrase is much rarer than its rarest word; wordfreq's estimate for phrases is close to
    # the rarest word's frequency, so take one Zipf point off per extra word.
    return float(zipf_frequency(phrase, "en")) - phrase.count(" ")


def zipf(count: int, total_words: int) -> float:
    """The Zipf value of a count: log10 of occurrences per billion words."""
    return math.log10(max(count, 1) / max(total_words, 1) * 1e9)


class MentionIndex:
    """Where terms occur: counts of each term key per chunk, matched on singular lower-case
    word n-grams (so "Lists" counts for "list", "floating-point" for "floating point")."""

    def __init__(self, texts: Sequence[str], keys: Iterable[str]) -> None:
        self.keys = set(keys)
        lengths = {len(k.split()) for k in self.keys} or {1}
        firsts = {k.split(" ", 1)[0] for k in self.keys}
        self._counts: dict[str, dict[int, int]] = {}
        for index, text in enumerate(texts):
            tokens = key_tokens(text)
            for start, token in enumerate(tokens):
                if token not in firsts:
                    continue
                for n in lengths:
                    gram = " ".join(tokens[start : start + n])
                    if start + n <= len(tokens) and gram in self.keys:
                        per_chunk = self._counts.setdefault(gram, {})
                        per_chunk[index] = per_chunk.get(index, 0) + 1

    def counts(self, key: str) -> dict[int, int]:
        """Chunk index -> number of mentions of ``key``."""
        return self._counts.get(key, {})


@lru_cache(maxsize=16384)
def _key_text(text: str) -> str:
    return f" {' '.join(key_tokens(text))} "


def mentions(text: str, key: str) -> bool:
    """True when ``text`` mentions the term whose :func:`term_key` is ``key``."""
    return f" {key} " in _key_text(text)
