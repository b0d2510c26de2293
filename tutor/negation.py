"""Negation: the one reading of whether, and how many times, a text says "not".

Every part of the tutor that asks whether a text negates another reads negation here, so an
answer, an option and a case clause are turned around the same way:

- :data:`NEGATIONS`: the words that negate ("not", "no", "never", "cannot", "without", any
  ``n't`` contraction: "isn't", "doesn't", "can't");
- :func:`plain_negation`: a text with each negating phrase said plainly: "no longer" and an
  opening "it is not true that" as "not", "neither ... nor" and "not ... nor" as one negation,
  "no more than" (a bound) as none; :func:`joint_negation`: "not A and not B" read as one
  negation, against a text that says "neither A nor B" (the same claim);
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
_NEGATOR = r"(?:not|never|cannot|\w+n['’]t)"
_AUXILIARY = (r"(?:(?:also|does|do|did|is|are|was|were|can|could|will|would|shall|should|"
              r"may|might|must|has|have|had)\s+)?")
_AND_NOT = re.compile(r"(\b" + _NEGATOR + r"\b[^.;:!?()]{1,80}?(?:,\s*|\s+))"
                      r"and(\s+" + _AUXILIARY + r")(" + _NEGATOR + r")\b", re.I)
"""A negation taken up again in one clause: "not A and not B", "does not A and does not B",
"isn't A and isn't B" (the claim "neither A nor B" makes); "A is not sorted and B is not
hashable" says two things of two subjects and is left as it is."""
_NOT_NOR = re.compile(r"\b(" + _NEGATOR + r")\b([^.;:!?()]{1,80}?)\bnor\b", re.I)
""""not A nor B": "neither A nor B" said another way."""
_NEITHER = re.compile(r"\bneither\b", re.I)
_UNSAID = {"not": "", "never": "", "cannot": "can", "can't": "can", "won't": "will",
           "shan't": "shall"}


def _unsaid(word: str) -> str:
    """A negating word without its negation ("isn't" -> "is", "cannot" -> "can", "not" -> "")."""
    word = word.lower().replace("\u2019", "'")
    return _UNSAID.get(word, word[:-3] if word.endswith("n't") else word)


def _neither(found: re.Match[str]) -> str:
    """ "not A nor B" as "neither A or B", "isn't A nor B" as "is neither A or B"."""
    bare = _unsaid(found.group(1))
    return (f"{bare} " if bare else "") + f"neither{found.group(2)}or"


def _one_negation(found: re.Match[str]) -> str:
    """ "not A and not B" as "not A and B", "isn't A and isn't B" as "isn't A and is B": the
    second negation said once, by the first."""
    return (found.group(1) + "and" + found.group(2) + _unsaid(found.group(3))).rstrip()


def joint_negation(text: str) -> str:
    """``text`` with each negation taken up again in one clause said once ("not A and not B"
    as "not A and B"): how it reads against a text that says "neither A nor B", which denies
    both with one negation (:func:`sense_turns`)."""
    while (once := _AND_NOT.sub(_one_negation, text)) != text:  # "not A and not B and not C"
        text = once
    return text


def plain_negation(text: str) -> str:
    """``text`` with each negating phrase said as a bare "not" ("no longer", an opening "it is
    not true that"; "any longer" after a "not" left out), "neither ... nor" as one negation
    ("neither ... or"; "not A nor B" too, as "neither A or B") and "no more than" as no
    negation ("within"). Applying it twice gives the same text."""
    text = _NO_MORE_THAN.sub("within", text)
    text = _NOR.sub(r"\1or", _ANY_MORE.sub("", _NEGATING_PHRASE.sub("not", text)))
    return _NOT_NOR.sub(_neither, text)


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
    not valid" against "is invalid" turns twice, and says the same. Against "neither A nor
    B", "not A and not B" counts one negation (:func:`joint_negation`); against anything else
    two ("A is not sorted and not hashed" turns "A is sorted and not hashed" around)."""
    said_plain, key_plain = plain_negation(said), plain_negation(key)
    if bool(_NEITHER.search(said_plain)) != bool(_NEITHER.search(key_plain)):
        # "not A and not B" against "neither A nor B": one claim, one negation each
        said_plain, key_plain = joint_negation(said_plain), joint_negation(key_plain)
    count = abs(negation_count(said_plain) - negation_count(key_plain))
    mine = set(_WORD_WITH_HYPHENS.findall(said.lower()))
    theirs = set(_WORD_WITH_HYPHENS.findall(key.lower()))
    for one, other in ((mine, theirs), (theirs, mine)):
        count += sum(1 for w in one - other
                     if (bare := NEGATING_PREFIX.sub("", w)) != w and bare in other - one)
    return count
