"""Negation: the one reading of whether, and how many times, a text says "not".

Every part of the tutor that asks whether a text negates another reads negation here, so an
answer, an option and a case clause are turned around the same way:

- :data:`NEGATIONS`: the words that negate ("not", "no", "never", "cannot", "without", any
  ``n't`` contraction: "isn't", "doesn't", "can't");
- :func:`plain_negation`: a text with each negating phrase said plainly: "no longer" and an
  opening "it is not true that" as "not", "neither ... nor" as one negation, "no more than"
  (a bound) as none;
- :func:`negation_count` and :func:`has_negation`: how many negations a text holds, read
  through :func:`plain_negation`;
- :data:`NEGATING_PREFIX`, :func:`prefix_negates` and :func:`sense_turns`: the prefixes that
  turn a word around ("immutable"), and how many times one text turns another's sense.

Callers keep their own decisions on top (the grader's share of shared words, the checker's
duplicate options); only the reading of "not" lives here.
"""

from __future__ import annotations

import re

NEGATIONS = frozenset(
    "not no never none nothing neither nor cannot cant can't isn't aren't wasn't weren't "
    "doesn't don't didn't won't wouldn't shouldn't couldn't without hasn't haven't".split()
)
"""Words that turn a statement around: the one negation list (any word ending in ``n't``
counts too, see :func:`negation_count`)."""

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
"""A word as the toolkit's content words read it (an apostrophe keeps a contraction whole)."""

_NEGATING_PHRASE = re.compile(
    r"\bno\s+(?:longer|more)\b(?!\s+than\b)"
    r"|^\W*(?:it\s+is|it's)\s+(?:not|never)\s+(?:true|the\s+case)\s+that\b"
    r"|^\W*(?:it\s+is|it's)\s+(?:false|untrue)\s+that\b", re.I)
""""No longer", and a frame around the whole text ("It is not true that ..."; one the text
quotes, "the connective 'it is not the case that'", is no frame)."""
_NOR = re.compile(r"(?<=\bneither\b)(.*?)\bnor\b", re.I | re.S)
_NO_MORE_THAN = re.compile(r"\bno\s+(?:more|less|fewer|later|earlier)\s+than\b", re.I)
"""A bound, not a negation ("no more than five")."""
_ANY_MORE = re.compile(r"\bany\s+(?:longer|more)\b", re.I)


def plain_negation(text: str) -> str:
    """``text`` with each negating phrase said as a bare "not" ("no longer", an opening "it is
    not true that"; "any longer" after a "not" left out), "neither ... nor" as one negation
    ("neither ... or") and "no more than" as no negation ("within"). Applying it twice gives
    the same text."""
    text = _NO_MORE_THAN.sub("within", text)
    return _NOR.sub(r"\1or", _ANY_MORE.sub("", _NEGATING_PHRASE.sub("not", text)))


def negation_count(text: str) -> int:
    """How many negations ``text`` has: words of :data:`NEGATIONS` and any ``n't`` word (a
    curly apostrophe too), read through :func:`plain_negation` ("neither A nor B" is one,
    "no more than five" none)."""
    plain = plain_negation(text).lower().replace("\u2019", "'")
    return sum(w in NEGATIONS or w.endswith("n't") for w in _WORD.findall(plain))


def has_negation(text: str) -> bool:
    """True when ``text`` says "not" in any form (:func:`negation_count`)."""
    return negation_count(text) > 0


NEGATING_PREFIX = re.compile(r"^(?:in|un|non-?|im|il|ir|dis)(?=\w{4})")
"""A prefix that makes a word its opposite ("invalid", "unsatisfiable", "non-empty",
"immutable"): the one list, for telling two names apart and for grading an answer."""
_WORD_WITH_HYPHENS = re.compile(r"[a-z][a-z-]*[a-z]")


def prefix_negates(first: str, second: str) -> bool:
    """Whether one word (or name) is the other with a negating prefix ("valid", "invalid")."""
    return first != second and (NEGATING_PREFIX.sub("", first) == second
                                or NEGATING_PREFIX.sub("", second) == first)


def sense_turns(said: str, key: str) -> int:
    """How many times ``said`` turns ``key``'s sense around: each negation one has more than
    the other (:func:`negation_count`), and each word one has with a negating prefix where the
    other has it bare ("mutable" against "immutable"). An odd count says the opposite; "is
    not valid" against "is invalid" turns twice, and says the same."""
    count = abs(negation_count(said) - negation_count(key))
    mine = set(_WORD_WITH_HYPHENS.findall(said.lower()))
    theirs = set(_WORD_WITH_HYPHENS.findall(key.lower()))
    for one, other in ((mine, theirs), (theirs, mine)):
        count += sum(1 for w in one - other
                     if (bare := NEGATING_PREFIX.sub("", w)) != w and bare in other - one)
    return count
