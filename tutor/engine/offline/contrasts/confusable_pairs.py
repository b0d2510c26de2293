"""Whether a learner could mix two concepts up: the test a sibling passes before a contrast
item sets the two apart.

Two concepts are alternatives when they are of one kind (the kind a description names,
:func:`description_genus`: "a statistic based on ..." is a statistic) and near in meaning or
defined in parallel, when their names end in the same word or one negates the other ("valid",
"invalid"), when the book introduces them side by side, or when one sentence of the book sets
one apart from the other ("unlike lists, ..."). Never two different kinds of thing, nor a thing
beside its own kind, nor a condition beside a thing unless the condition denies it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from tutor.course import Chunk
from tutor.engine.offline.contrasts.contrast_sides import Said
from tutor.engine.offline.definitions.descriptions import compiled_pattern, term_group
from tutor.engine.offline.terms import mentions, term_variants, words
from tutor.engine.offline.writing.checking import negates
from tutor.engine.offline.writing.exercise_material import (
    Material,
    Sibling,
    clauses,
    dice,
    prose_sentences,
)
from tutor.text import STOPWORDS, may_name, stem

CLOSE_SIMILARITY = 0.6
"""Embedding cosine from which two concepts are close enough to mix up whatever their names."""
SAME_KIND_SIMILARITY = 0.35
"""Embedding cosine from which two definitions of the same kind of thing are alternatives."""
PARALLEL = 0.45
"""Dice overlap of two definitions' content words from which they are written in parallel."""
NEAR_NAMESAKES = 0.7
"""Embedding cosine from which two concepts whose names share a word are alternatives even
though their definitions name different kinds of thing."""


def denied(terms: Sequence[str]) -> re.Pattern[str]:
    return compiled_pattern(r"\b(?:not|neither|nor|unlike|never)\s+(?:(?:a|an|the)\s+)?"
                            + term_group(terms), re.I)


def _denies(description: str, terms: Sequence[str]) -> bool:
    """Whether a description names the other concept to deny it ("neither a tautology")."""
    return denied(terms).search(description) is not None


@lru_cache(maxsize=8192)
def description_genus(description: str, role: bool = True) -> str:
    """The head of the description's first phrase: "a statistic based on..." -> "statistic",
    "a value you can assign ..." -> "value", "any one of the languages ..." -> "languages",
    "values collected and recorded ..." -> "values", "a moment-based statistic" -> "statistic",
    "a form of regression used when ..." -> "regression"; the role it is given when ``role``
    ("the square root of variance, also used as a measure of spread" -> "measure", else
    "root")."""
    head = clauses(description)[0] if clauses(description) else description
    head = re.sub(r"^\W*(?:(?:any|each)\s+)?one\s+of\s+", "", head, flags=re.I)
    head = _SORT_OF.sub("", head)  # "a form of regression used when ..." is a regression
    kind = re.search(r"\bas\s+(?:a|an)\s+([\w-]+)", head) if role else None
    if kind and kind.group(1).lower() not in STOPWORDS:
        return kind.group(1).lower()  # "a representation of a distribution as a function"
    head = re.split(r"\s+(?:of|for|to|in|on|by|with|based|that|which|used|intended|meant|"
                    r"designed|defined|given|computed|chosen)\b", head)[0]
    found = words(re.sub(r"\b\w+-(?=\w)", "", head))
    start = 1 if found and found[0] in _DETERMINERS else 0
    for n in range(start, len(found)):
        word = found[n]
        if word not in STOPWORDS and (
                n + 1 == len(found) or found[n + 1] in STOPWORDS or found[n + 1].endswith("ed")):
            return word  # the noun before a clause that qualifies it
    return found[-1] if found else ""


_SORT_OF = re.compile(r"^\W*(?:(?:a|an|the|any|one)\s+)?(?:(?:special|particular|common|simple)\s+)?"
                      r"(?:form|kind|type|sort|variety|variant|version)\s+of\s+", re.I)
"""A description opening "a form of X": the kind is X."""
_DETERMINERS = frozenset({"a", "an", "the", "any", "each", "one", "some", "every"})


def confusable(m: Material, own: Said, sibling: Sibling, theirs: Said,
               passages: Sequence[Chunk]) -> bool:
    """Whether a learner could mix the two up, as alternatives of one kind: their names end in
    the same word or one negates the other (valid, invalid), their definitions name the same
    kind of thing, the book introduces them side by side, they are very close in meaning, or
    the book sets them apart in one sentence. Never two different kinds of thing (survival
    analysis, a set of methods, and survival curve, a function), nor a thing beside its own
    kind ("zip returns an iterator")."""
    genus, theirs_genus = own.genus, theirs.genus
    if genus != theirs_genus and description_genus(
            own.description, role=False) == description_genus(theirs.description, role=False):
        # the same kind under another role ("the square root of variance, also used as a
        # measure of spread" beside "the square root of MSE")
        genus = theirs_genus = description_genus(own.description, role=False)
    if own.condition != theirs.condition:
        # "an estimator is unbiased if ..." is no alternative to a kind of estimator; "a
        # sentence is contingent if it is neither a tautology nor ..." denies the other
        condition, other = (own, sibling.concept) if own.condition else (theirs, m.concept)
        return _denies(condition.description, term_variants(other.name, other.aliases))
    if is_kind(genus, sibling.concept.name) or is_kind(theirs_genus, m.concept.name):
        return False
    if _set_apart(m, sibling, passages):
        # the book itself sets them apart ("unlike lists, you can't use an index to select an
        # element from an iterator")
        return True
    if genus and theirs_genus and stem(genus) != stem(theirs_genus):
        # a function and an object (zip, iterator): not alternatives, however near; unless
        # their names share a word and they are nearly one idea (sampling bias, an error,
        # and sampling error, a variation)
        return _share_a_word(m.concept.name, sibling.concept.name) and (
            sibling.similarity >= NEAR_NAMESAKES)
    if _within_head(own.description, sibling.concept.name) or _within_head(
            theirs.description, m.concept.name):
        return False  # "regression: one of several processes for estimating ..." is estimation
    if _named_alike(m.concept.name, sibling.concept.name):
        return True
    if genus and genus == theirs_genus and genus not in STOPWORDS:
        # two of one kind, not too far apart in meaning (a conditional expression and a list
        # comprehension are both expressions, and no alternatives), or defined in parallel
        # ("a function that maps from values to their cumulative probabilities", "a function
        # that maps from a time, t, to the probability of surviving past t")
        return sibling.similarity >= SAME_KIND_SIMILARITY or dice(
            own.description, theirs.description) >= PARALLEL
    if own.side is not None and theirs.side is not None and own.side.beside(theirs.side):
        return True  # "Given a conditional ... This is called modus ponens." beside its sibling
    return sibling.similarity >= CLOSE_SIMILARITY


def _within_head(description: str, name: str) -> bool:
    """Whether the head of a description (its first phrase) names the other concept, in any
    form: "one of several related processes for estimating parameters" for estimation."""
    parts = clauses(description)
    head = " ".join(stem(w) for w in words(parts[0] if parts else description))
    named = " ".join(stem(w) for w in words(name))
    return bool(named) and f" {named} " in f" {head} "


def _share_a_word(first: str, second: str) -> bool:
    return bool((set(words(first)) & set(words(second))) - STOPWORDS)


def _named_alike(first: str, second: str) -> bool:
    """Names of alternatives: the same head word ("syntax error", "semantic error"), or one
    the negation of the other ("valid", "invalid"); not a shared modifier ("survival
    analysis", "survival curve")."""
    a, b = words(first), words(second)
    if not a or not b:
        return False
    if a[-1] == b[-1] and a[-1] not in STOPWORDS and len(a) + len(b) > 2:
        return True
    return negates(first, second)


_CUE = (r"\b(?:unlike|whereas|instead\s+of|rather\s+than|not\s+to\s+be\s+confused\s+with|"
        r"as\s+opposed\s+to|in\s+contrast\s+to|similar\s+to)")
"""Words with which a book sets an idea apart from another named right after them ("Unlike
local variables, which disappear when their function ends, global variables persist ...")."""
_ANY_CUE = compiled_pattern(_CUE + r"\b", re.I)
MAX_CUE_WORDS = 40
"""A longer "sentence" is a list or a glossary run together, not one statement."""


def is_kind(genus: str, name: str) -> bool:
    """Whether a description's head names the other concept ("an iterator" for iterator)."""
    return bool(genus) and " ".join(stem(w) for w in words(name)) == stem(genus)


def _set_apart(m: Material, sibling: Sibling, passages: Sequence[Chunk]) -> bool:
    """Whether one sentence of the passages names both concepts and sets the one apart from
    the other, named right after the cue ("unlike lists, ..."; not "... unlike lists, you
    can't use an index to select an element": the element is no alternative)."""
    parts = [part for passage in passages for part in _cue_parts(passage.text)]
    if not parts:
        return False
    other = sibling.concept
    names = term_variants(other.name, other.aliases)
    after = r"\s+(?:(?:a|an|the|other|normal|ordinary)\s+)?"
    # a cue pattern is compiled only when a piece names the concept it does not hold
    # (a piece without the first word of the name the pattern looks for cannot match it:
    # most pairs then compile none)
    ours_named = [part for part in parts if m.pattern.search(part) and may_name(part, names)]
    if ours_named:
        theirs = compiled_pattern(_CUE + after + term_group(names), re.I)
        if any(theirs.search(part) for part in ours_named):
            return True
    theirs_named = [part for part in parts if may_name(part, m.terms)
                    and mentions(part, names, fuzzy=False)]
    if not theirs_named:
        return False
    ours = compiled_pattern(_CUE + after + term_group(m.terms), re.I)
    return any(ours.search(part) for part in theirs_named)


@lru_cache(maxsize=4096)
def _cue_parts(text: str) -> tuple[str, ...]:
    """The pieces of a passage's prose sentences (split at bullets) that hold a cue and are
    short enough to be one statement: found once per passage, not once per pair of concepts
    whose tasks read it (the scan for cues was most of the contrast writer's CPU)."""
    if not _ANY_CUE.search(text):
        return ()
    return tuple(part for sentence in prose_sentences(text)
                 for part in re.split(r"\s*[•\u25cf]\s*", sentence)
                 if len(part.split()) <= MAX_CUE_WORDS and _ANY_CUE.search(part))
