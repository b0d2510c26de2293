"""The text toolkit: the one stopword list, stemmer and normalisers.

Every part of the tutor that reads words goes through here, so a word is a stopword or a stem
the same way when a book is read, a passage is searched, an exercise is checked
and an answer is graded:

- :data:`STOPWORDS`: function words of general English;
- :func:`stem`: the Snowball English stemmer (PyStemmer), so ``connected``, ``connection`` and
  ``connects`` share ``connect``;
- :func:`singular`: a light singular for nouns, where a stem would be too coarse (term keys);
- (negation, the words and prefixes that turn a statement around, is read in
  :mod:`tutor.negation`);
- (sentences, the one splitter and the reader of prose in PDF text, are the toolkit's
  :mod:`tutor.sentences`);
- normalisers by job: :func:`normalize` makes PDF text regular (ligatures, quotes, words broken
  at a line end); :func:`fold` gives the comparable form of a short text (case and punctuation
  out, spaces collapsed).

Plain Python and word lists only: fast, deterministic, no model or data files beyond the
pinned packages. Nothing here depends on an engine.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Collection, Iterable
from functools import lru_cache

import Stemmer

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
"""Function words of general English: the one stopword list."""

ARTICLES = frozenset({"a", "an", "the"})

GLUE_WORDS = frozenset(
    "a an the is are was were be been am of to in on at by for with from that which who "
    "and or but as it its this these those".split()
)
"""The commonest of the stopwords, those that hold a sentence together (articles, copulas,
prepositions, conjunctions, relative and demonstrative pronouns): a run of words with none of
them has no sentence around its keywords."""

CHARACTER_FIXES = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",  # typographic ligatures
    "\u00ad": "", "\u200b": "", "\ufeff": "",  # soft hyphen, zero-width space, byte-order mark
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ",  # odd spaces
})
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
           "\u2014": " - "}
_HYPHEN_BREAK = re.compile(r"([A-Za-z]+)-\n([a-z]+)")
_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
_CONTENT_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NOT_WORD = re.compile(r"[^\w\s]|_")
_IRREGULAR = {
    "children": "child", "indices": "index", "indexes": "index", "vertices": "vertex",
    "matrices": "matrix", "analyses": "analysis", "hypotheses": "hypothesis", "axes": "axis",
    "people": "person", "men": "man", "women": "woman", "feet": "foot", "mice": "mouse",
    "criteria": "criterion", "phenomena": "phenomenon", "theses": "thesis", "caches": "cache",
    "leaves": "leaf", "halves": "half", "lives": "life", "knives": "knife",
}
_INVARIANT = frozenset(
    "odds series species news physics mathematics statistics economics ethics this is was has does "
    "its his always perhaps whereas alias bias atlas canvas gas lens status bus thus plus minus "
    "various previous analysis basis axis thesis corpus virus focus bonus census radius".split()
)


# -- normalisers -----------------------------------------------------------------------------
def fix_characters(text: str) -> str:
    """Typographic ligatures expanded (``\ufb01`` -> ``fi``), soft hyphens and zero-width
    characters dropped, odd spaces made plain: what every reader does to extracted text."""
    return text.translate(CHARACTER_FIXES)


def normalize(text: str) -> str:
    """Text from a PDF or Markdown made regular: :func:`fix_characters`, quotes and dashes
    made plain, words broken at the end of a line joined again, Unicode NFKC. ASCII without
    a line-end hyphen is regular already (every fix is of a non-ASCII character, or of
    "-\\n"): returned as it is, without the cache, which whole books of sentences would churn."""
    return text if text.isascii() and "-\n" not in text else _normalize(text)


@lru_cache(maxsize=4096)
def _normalize(text: str) -> str:
    text = fix_characters(text)
    for bad, good in _QUOTES.items():
        text = text.replace(bad, good)
    text = unicodedata.normalize("NFKC", text)
    # Most texts have no word broken at a line end, and the pattern, tried at every letter,
    # was most of this function's CPU (about 0.2 s of a book build): look for its "-\n" first.
    return _HYPHEN_BREAK.sub(_join_broken_word, text) if "-\n" in text else text


def _join_broken_word(match: re.Match[str]) -> str:
    """``"sys-\\ntem"`` -> ``"system"``, but ``"programmer-\\ndefined"`` keeps its hyphen."""
    left, right = match.group(1), match.group(2)
    return f"{left}-{right}" if keeps_hyphen(left, right) else left + right


def keeps_hyphen(left: str, right: str) -> bool:
    """Whether a word broken at a line end (``left``-, ``right``) is a compound that keeps its
    hyphen when joined: both halves are English words and the joined form is not
    ("programmer-defined", "higher-order"; not "sys-tem")."""
    return (len(left) >= 4 and general_zipf(left.lower()) >= 2.5
            and general_zipf(right.lower()) >= 2.5
            and general_zipf((left + right).lower()) < 1.5)


def fold(text: str) -> str:
    """The comparable form of a short text: Unicode NFKC, case folded, punctuation and
    underscores as spaces, spaces collapsed (``"Floating-point!"`` -> ``"floating point"``)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NOT_WORD.sub(" ", text).split())


@lru_cache(maxsize=8192)
def _casefolded(text: str) -> str:
    return text.casefold()


_CODE_MARK = re.compile(r"[=(){}\[\]<>#%_\\]")


def code_marks(text: str) -> int:
    """How many characters of code punctuation (``=(){}[]<>#%_\\``) the text holds: a
    sentence with more than a few is code or a formula, not prose to quote."""
    return len(_CODE_MARK.findall(text))


def may_name(text: str, terms: Iterable[str]) -> bool:
    """Whether the text can hold a case-insensitive mention of one of the terms: the first
    word of one occurs in it, in any case. False rules out every pattern made of the terms'
    words (so the pattern need not be compiled or run); True only says "look". A term list
    without a word rules out nothing."""
    firsts = [term.split()[0].casefold() for term in terms if term.split()]
    if not firsts:
        return True
    folded = _casefolded(text)
    return any(first in folded for first in firsts)


_TWO_LETTERS = re.compile(r"[^\W\d_]{2,}")


def symbol_phrase(phrase: str) -> str:
    """``phrase`` without its spaces when it is notation, not words (``:=``, ``#'``,
    ``P(A | B)``, ``<--``: no run of two letters, and a character that is neither a letter, a
    digit nor a space); ``""`` otherwise. Notation has no content words to search for, so it
    is looked for as written (:func:`holds_symbol`)."""
    squeezed = "".join(phrase.split())
    if not squeezed or _TWO_LETTERS.search(squeezed) or not _NOT_WORD.search(squeezed):
        return ""
    return squeezed


def holds_symbol(text: str, symbol: str) -> bool:
    """Whether ``text`` writes ``symbol`` (a :func:`symbol_phrase`), spaces aside."""
    return bool(symbol) and symbol in "".join(text.split())


# -- words -----------------------------------------------------------------------------------
def words(text: str) -> list[str]:
    """Lower-case word tokens (letters and digits, inner apostrophes and hyphens kept)."""
    return _WORD.findall(text.lower())


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


def bare_verb(word: str) -> str:
    """The bare form of a verb said of a thing, lower-case in and out: "unwinds" -> "unwind",
    "notifies" -> "notify", "pushes" -> "push", a bare verb as it is (by its ending; for a
    word checked against a list of verbs, :func:`listed_verb`)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def listed_verb(word: str, verbs: Collection[str]) -> str:
    """The form of a lower-case word that is one of ``verbs``, bare or said of a thing
    ("converts" -> "convert", "hashes" -> "hash", "verifies" -> "verify"); "" when none is."""
    if word in verbs:
        return word
    if not word.endswith("s") or word.endswith("ss"):
        return ""
    return next((bare for bare in (word[:-1], word[:-2], word[:-3] + "y") if bare in verbs), "")


_STEMMERS = threading.local()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball English stem of a lower-case word: ``searching`` and ``searches`` give
    ``search``, ``queries`` gives ``queri``. One stemmer object per thread (they are not
    shared safely)."""
    stemmer = getattr(_STEMMERS, "english", None)
    if stemmer is None:
        stemmer = _STEMMERS.english = Stemmer.Stemmer("english")
    return str(stemmer.stemWord(word))


def content_stems(text: str, drop: Iterable[str] = (), min_letters: int = 2) -> list[str]:
    """Stems of the words of ``text`` that carry meaning, in order: the one reading of a
    text's content words, for the grader (``min_letters`` 2: "pi", "3d" count) and for the
    offline engine's writers and checker (3, :func:`tutor.engine.offline.terms.content_stems`).
    The text is made regular first (:func:`normalize`); hyphens separate words
    (``floating-point`` is two); stopwords, words in ``drop`` (as written or in the
    singular) and words shorter than ``min_letters`` are left out, digits are kept; an
    apostrophe does not make a new word (``it's`` is the stopword ``its``); a plural is
    stemmed as its singular (``axes`` as ``axis``)."""
    dropped = drop if isinstance(drop, (set, frozenset)) else frozenset(drop)
    out = []
    for word in _CONTENT_WORD.findall(normalize(text).lower()):
        bare = word.replace("'", "")
        if bare in STOPWORDS or len(bare) < min_letters and not bare.isdigit():
            continue
        single = singular(bare)
        if dropped and (word in dropped or bare in dropped or single in dropped):
            continue
        out.append(stem(single))
    return out


# -- general-English rarity ------------------------------------------------------------------
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


def without_period(text: str) -> str:
    """The text without its final full stop, semicolon or colon."""
    return text.strip().rstrip(".;: ").strip()


def lower_first(text: str) -> str:
    """``"A list of ..."`` -> ``"a list of ..."``; acronyms (``"CPU ..."``) stay."""
    first = text.split()[0] if text.split() else ""
    if len(first) > 1 and first.isupper():
        return text
    return text[:1].lower() + text[1:]


def as_statement(description: str) -> str:
    """A description as a sentence of its own: capital first letter, final period."""
    return description[:1].upper() + description[1:] + "."


_DEPRECATION = re.compile(
    r"^\W*(?:please\s+)?(?:use|call)\b.*\binstead\b"
    r"|^\W*(?:\S+\s+){0,5}?(?:deprecated|obsolete|superseded)\b", re.I)


def is_question(sentence: str) -> bool:
    """Whether the sentence asks rather than says ("Does the string only contain
    BASE-CHARs?"): what a predicate's entry often says of it, and no definition. A question
    quoted at the end ('A test that asks, "What is the chance ...?"') is reported, not asked."""
    return sentence.rstrip(" )").endswith("?")


def is_deprecation(sentence: str) -> bool:
    """Whether the sentence is a deprecation notice ("Please use parse-unix-namestring
    instead.", "Deprecated: ...", "This macro is obsolete; ..."): it says what to use, not
    what the thing is."""
    return _DEPRECATION.search(sentence) is not None
