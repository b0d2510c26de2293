"""What is wrong with a definition a rater would refuse: the classes blind ratings of real
manuals sorted them into.

- **a list** ("There are seven kinds of expansion performed: • brace expansion • ..."):
  :func:`lists_things`;
- **a fragment**: a sentence cut before its end (:func:`cut_short`), or one that leans on the
  sentence before it ("Either process is known as metafying the k key"): :func:`is_fragment`;
- **an entry's action** done to the concept ("Begin saving the characters typed into the
  current keyboard macro."): :func:`acted_on`;
- **one thing of the kind** named in apposition ("The parameter, transactions, is ..."):
  :func:`one_named`.

:func:`real_definition` is a sentence that says what the concept is with none of these;
:func:`broken` is no sentence about the concept at all (two entries run together too).
:mod:`~tutor.engine.offline.definitions.real_definitions` reads each draft's definition with them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.engine.offline.definitions.defining_anywhere import tells_what
from tutor.engine.offline.definitions.descriptions import term_pattern
from tutor.engine.offline.terms import COMMON_VERBS
from tutor.sentences import split_sentences
from tutor.text import STOPWORDS

OPENING_WORDS = 5
"""A "this"/"these" among a sentence's first words points back; later it may point at a
noun of its own sentence ("an elliptic curve is a group of points, and computing logarithms
in this group ...")."""
_ENTRY_RESIDUE = re.compile(r"[)/]\s+[A-Z][a-z]+[\w-]*\s+[a-z]|\[(?:Function|Macro|Variable|"
                            r"Command|Data type)\]|\b[a-z]+_[a-z_]+\s*\(")
"""A reference entry's name or key binding run into its text ("call-last-kbd-macro (C-x e)
Re-execute the last keyboard macro", "s/old/new/ Substitute new for ..."), or its signature
("int mpfr_frexp (...) [Function] Set exp ...")."""
_POINTS_BACK_ANYWHERE = re.compile(r"\b(?:of|in|to|by|from|with|for|between|among|on|at|"
                                   r"about|into|under)\s+(?:these|those)\s"
                                   r"(?!(?:for|of|that|which|who|in|with)\b)", re.I)
"""A plural that stands for what was said before, anywhere in the sentence ("backslashes that
are followed by one of these characters")."""
_BULLET = re.compile(r"[•●▪◦]")
_FOLLOWING = re.compile(r"^\W*(?:the\s+)?following\b|\b(?:the following|as follows)\b[^.]*:",
                        re.I)
"""A sentence that announces a list ("The following hash algorithm tests are run ...:")."""
_ENDED = re.compile(r"[.!?][\"'’”)\]]*$|[.!?]\s*\(\s*p\.\s*\d+\s*\)\.?$")
_CANNOT_END = STOPWORDS | frozenset(
    "form type following instance example like such than using via is are was were be".split())
"""Words a whole sentence does not end on."""
_TRAILING_EXAMPLE = re.compile(r",?\s*(?:for\s+instance|for\s+example|e\.g\.|as\s+follows|like\s+this)"
                               r"\s*:?$", re.I)
"""An example announced at the end, the example itself left on the page ("..., for
instance")."""
_OF_THE_FORM = re.compile(r"\b(?:of|has|takes)\s+the\s+(?:general\s+)?form\b|\bsyntax\b", re.I)
"""A sentence announcing a form, its code following without a full stop."""
_ONE_NAMED = re.compile(r"^\W*the\s+\x02\s*,\s*[\w.]+\s*,\s*(?:is|are|was|holds|contains)\b",
                        re.I)
_THE_DOCUMENT = frozenset("book chapter section manual document context".split())
"""Nouns of "this book", "in this context": the text itself, not a thing said before."""
_POINTS_BACK = re.compile(
    r"\b(?:either|this|these|those|such)\s+(?!(?:is|are|was|were|way|case|means|as|that|"
    r"a|an|the)\b)(?P<noun>[a-z][\w-]*)", re.I)
"""A noun phrase that stands for something said before ("such files", "this procedure",
"either process", "in these cases")."""
_IMPERATIVE = re.compile(r"^\W*([A-Z][a-z]+)\s+(?!(?:is|are|was|were|of|and|or)\b)[a-z]")
_ACTIONS = COMMON_VERBS | frozenset(
    "begin map move set return store fill copy convert print write read delete kill insert "
    "accept abort clear reset register release save load start stop run open close undo yank "
    "transpose search list display drop".split())
"""Verbs an entry opens with when it says what a command or a function does."""
IMPERATIVE_ACTION = re.compile(_IMPERATIVE.pattern.replace(
    "([A-Z][a-z]+)", "(" + "|".join(sorted(w.capitalize() for w in _ACTIONS)) + ")"))
"""A sentence opening on an action with no subject ("Convert op to a float ...")."""


def lists_things(text: str, terms: Sequence[str]) -> bool:
    """Whether the definition is a list rather than a sentence about the concept: bullets, or a
    sentence announcing what follows, whose lead does not name the concept ("There are seven
    kinds of expansion performed: • ..." for *filename expansion*; not "Most time series
    analysis is based on the assumption that the series is the sum of three components: •
    Trend ...")."""
    found = _BULLET.search(text) or _FOLLOWING.search(text)
    if found is None:
        return False
    lead = text[:found.start()] if _BULLET.search(text) is found else text
    lead = lead.split(":")[0]
    return term_pattern(terms).search(lead) is None


def is_fragment(text: str, terms: Sequence[str]) -> bool:
    """Whether the definition is cut before its end, or its first sentence leans on what was
    said before it: "such" anything ("a simple way to read such files"), or among its first
    words a "this"/"these"/"either" whose noun is none of the concept's own ("If this procedure
    finds the executable, we call ... the invocation directory"; "This function ..." of a
    function is its own)."""
    text = text.strip()
    if not text or cut_short(text):
        return True
    own = {w.lower().rstrip("s") for t in terms for w in re.findall(r"[\w-]+", t)}
    text = (split_sentences(text) or [text])[0]  # a later sentence may point at the first
    if _POINTS_BACK_ANYWHERE.search(text):
        return True
    opening = len(" ".join(text.split()[:OPENING_WORDS]))
    for match in _POINTS_BACK.finditer(text):
        if (match.group(0).lower().startswith("either")
                and re.search(r"\bor\b", text[match.end():])):
            continue  # "either expressions or assignments": a choice, not a reference
        if match.group("noun").lower() in _THE_DOCUMENT:
            continue
        if match.group(0).lower().startswith("such") or (
                match.start() < opening and match.group("noun").lower().rstrip("s") not in own):
            return True  # "such" is always of a kind said before
    return False


def cut_short(text: str) -> bool:
    """Whether the sentence stops before its end: no full stop, unless the rest was an example
    or the code of a form the sentence announces and its last word may end a sentence ("A
    function definition is of the form function ( arglist ) body", "..., for instance"); not
    "A compound expression is of the form", nor "... that the corresponding conversion
    function"."""
    text = text.strip()
    if _ENDED.search(text) or _TRAILING_EXAMPLE.search(text):
        return False
    words = re.findall(r"[\w']+", text.lower())
    return not words or words[-1] in _CANNOT_END or _OF_THE_FORM.search(text) is None


def real_definition(text: str, terms: Sequence[str]) -> bool:
    """Whether the definition says what the concept is or does, as one whole sentence that
    reads alone, and is not an entry's action done to the concept."""
    return (tells_what(text, terms) and not lists_things(text, terms)
            and not is_fragment(text, terms) and not acted_on(text, terms))


def acted_on(text: str, terms: Sequence[str]) -> bool:
    """Whether the sentence is a command's or a function's entry, an action with no subject,
    whose object the concept is ("Begin saving the characters typed into the current keyboard
    macro.", "Map the MAC algorithm id algo to a string ..."): it says what the entry does."""
    match = IMPERATIVE_ACTION.match(text)
    if match is None:
        return False
    found = term_pattern(terms).search(text)
    return (found is not None and found.start() > match.end()
            and "," not in text[match.end():found.start()])  # not "Put the other way round,


def one_named(text: str, terms: Sequence[str]) -> bool:
    """Whether the sentence is about one thing of the concept's kind named in apposition ("The
    parameter, transactions, is a DataFrame ..."), not about the kind."""
    marked = term_pattern(terms).sub("\x02", text)
    return _ONE_NAMED.match(marked) is not None


def broken(text: str, terms: Sequence[str]) -> bool:
    """Whether the definition is no sentence about the concept at all: a list, a fragment, an
    entry's action done to it, or two entries run together (any sentence of its own section
    that says what it is, is better)."""
    return (lists_things(text, terms) or is_fragment(text, terms) or acted_on(text, terms)
            or _ENTRY_RESIDUE.search(text) is not None)
