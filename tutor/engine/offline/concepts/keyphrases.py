"""Keyphrase statistics: noun-like word runs that a course uses far more than general English.

Phrases are runs of up to three words between function words, frequent verbs, punctuation and
code; each is scored by its specificity (course frequency against general-English frequency,
both on the Zipf scale), how often it sits where a noun goes (after a determiner or a
preposition, or before "is"), and in how many passages it occurs.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tutor.engine.offline.terms import (
    COMMON_VERBS,
    DETERMINERS,
    DOTTED_NAME,
    NOUN_LIKE_VERBS,
    PREPOSITIONS,
    term_key,
    zipf,
)
from tutor.text import STOPWORDS, general_zipf

_IDENTIFIER = re.compile(r"\b([A-Za-z_]\w*)\(|\.([A-Za-z_]\w*)\b|\b([A-Za-z_]\w*)\.(?=[a-z_])")
_PLAIN_WORD = re.compile(r"^[A-Za-z](?:[A-Za-z'\-]*[A-Za-z])?$")
_AFTER_NOUN = frozenset("is are was were has have can will does".split())
_BEFORE_VERB = frozenset(
    "to we you they i it he she can will would should could must may might does do did".split()
)


@dataclass
class WordStats:
    """Word statistics of the course's prose."""

    prose: Counter[str]
    """Occurrences of each word run (key form) in prose sentences."""
    total_words: int
    n_chunks: int = 0
    capitalized: Counter[str] = field(default_factory=Counter)
    """Occurrences inside a sentence written with a capital (names, class names)."""
    code: Counter[str] = field(default_factory=Counter)
    """Uses of each word as a code identifier (``len(``, ``.append``, ``math.pi``)."""


def specificity(count: int, key: str, total_words: int) -> float:
    """How much more the course uses a term than general English does (Zipf difference)."""
    return zipf(count, total_words) - general_zipf(key)


def is_proper(key: str, stats: WordStats) -> bool:
    """Mostly written with capitals inside sentences: a name, not a common noun."""
    return stats.capitalized[key] >= max(1.0, 0.5 * stats.prose[key])


def keyphrases(sentences: Iterable[tuple[str, int]]) -> tuple[dict[str, float], WordStats]:
    """Noun-like phrases (1-3 words) that recur across passages, scored 0..1 by how much more
    the course uses them than general English, how often a determiner or preposition precedes
    them (a cheap sign of a noun phrase), and in how many chunks they occur."""
    freq: Counter[str] = Counter()
    noun_context: Counter[str] = Counter()
    spread: dict[str, set[int]] = defaultdict(set)
    surface: dict[str, str] = {}
    total_words = 0
    capitalized: Counter[str] = Counter()
    word_count: Counter[str] = Counter()
    verb_context: Counter[str] = Counter()
    for text, chunk in sentences:
        words = _phrase_tokens(text)
        total_words += len(words)
        lowers = [w.lower() for w in words]
        for i in range(1, len(lowers)):
            word_count[lowers[i]] += 1
            if lowers[i - 1] in _BEFORE_VERB:
                verb_context[lowers[i]] += 1
        keys = [term_key(w) if w else "" for w in lowers]
        # Each word's marks, once per word rather than once per phrase it is in.
        capital = [w[:1].isupper() and not w.isupper() for w in words]
        after_marker = [False] + [w in DETERMINERS or w in PREPOSITIONS for w in lowers[:-1]]
        before_marker = [w in _AFTER_NOUN for w in lowers]
        start = 0
        for end in range(len(words) + 1):
            if end < len(words) and words[end] and not _breaks_phrase(lowers[end]):
                continue
            for n in (1, 2, 3):
                for i in range(start, end - n + 1):
                    key = " ".join(keys[i : i + n])
                    freq[key] += 1
                    spread[key].add(chunk)
                    if i > 0:
                        if key not in surface or surface[key][:1].isupper():
                            surface[key] = " ".join(words[i : i + n])
                        if any(capital[i : i + n]):
                            capitalized[key] += 1
                    if after_marker[i] or i + n < len(words) and before_marker[i + n]:
                        noun_context[key] += 1
            start = end + 1
    def verb_like(word: str) -> bool:
        """Used after "to", a modal or a pronoun often enough to be a verb here."""
        return verb_context[word] >= max(2.0, 0.25 * word_count[word])

    scores: dict[str, float] = {}
    for key, count in freq.items():
        if count < 3 or len(spread[key]) < 2:
            continue
        first, last = surface.get(key, key).lower().split()[0], key.rsplit(" ", 1)[-1]
        if verb_like(first) or (" " in key and last.endswith("ed")):
            continue  # "generates simulated data", "summary statistic intended"
        noun_ratio = noun_context[key] / count
        if noun_ratio < (0.3 if " " not in key else 0.1):
            continue
        special = specificity(count, key, total_words)
        if special <= 0.5:
            continue
        scores[key] = (
            min(1.0, (special - 0.5) / 2.5)
            * (0.6 + 0.4 * min(1.0, 2 * noun_ratio))
            * min(1.0, math.log1p(len(spread[key])) / math.log(10))
        )
    # A phrase that occurs almost only inside a longer one is not a term of its own.
    for key in list(scores):
        words = key.split()
        for n in range(1, len(words)):
            for i in range(len(words) - n + 1):
                sub = " ".join(words[i : i + n])
                if sub in scores and freq[key] >= 0.7 * freq[sub]:
                    scores[sub] = 0.0
    stats = WordStats(prose=freq, total_words=total_words, capitalized=capitalized)
    return {surface.get(key, key): s for key, s in scores.items() if s > 0}, stats


def _phrase_tokens(text: str) -> list[str]:
    """Words of a sentence, with ``""`` where a phrase cannot continue: punctuation, numbers
    and code (``math.pi``, ``words.txt``, ``len(``, ``snake_case``)."""
    tokens: list[str] = []
    for raw in text.split():
        core = raw.strip("\"'([{")
        if core != raw:
            tokens.append("")
        word = core.rstrip(",;:.!?)]}\"'")
        if not word or not (_PLAIN_WORD.match(word) or DOTTED_NAME.fullmatch(word)):
            tokens.append("")
            continue
        tokens.append(word)
        if word != core:
            tokens.append("")
    return tokens


def identifiers(texts: Sequence[str]) -> Counter[str]:
    """How often each word is used as code: called, or before or after a dot."""
    found: Counter[str] = Counter()
    for text in texts:
        for match in _IDENTIFIER.finditer(text):
            found[(match.group(1) or match.group(2) or match.group(3)).lower()] += 1
    return found


def _breaks_phrase(lower: str) -> bool:
    return (
        lower in STOPWORDS
        or (lower in COMMON_VERBS and lower not in NOUN_LIKE_VERBS)
        or lower.endswith("ly")
    )


