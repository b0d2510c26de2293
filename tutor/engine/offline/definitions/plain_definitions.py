"""Whether a sentence says on its own, plainly, what a term is.

The concept map prefers, for a term the book introduces by naming it in passing, by an example
or in words that lean on the text before, a sentence elsewhere in its passages that a learner
can read alone as the term's definition. :func:`plain_definition` is that test: the term as
subject of a copula to a class, a property with its condition, or a naming whose subject
describes the thing; no pointing back, no remark, no judgement, no supposition.
"""

from __future__ import annotations

import re

from tutor.engine.offline.definitions.defining_signs import OPENERS, Candidate, features, says_what
from tutor.engine.offline.definitions.restating import EXAMPLE_BOUND
from tutor.engine.offline.definitions.self_contained import is_prose, leans


def plain_definition(term: str, option: Candidate, chosen: bool = False) -> bool:
    """A sentence that says on its own, plainly, what the term is: the term as subject of a
    copula to a class ("A list is a sequence of values"), a property with its condition ("A
    proof system is sound if ..."), or a naming whose subject describes the thing ("Wrapping
    a piece of code up in a function is called encapsulation"); no pointing back, no remark,
    no judgement. The sentence ``chosen`` where the book introduces the term may open with
    an adverb ("Conversely, a sentence is a contradiction in SL if ..."); one looked for
    elsewhere must also read as prose (no formula)."""
    text = option.text.strip()
    if chosen:
        text = _ADVERB_OPENING.sub("", text)
        option = Candidate(text, option.section, option.pattern_strength, option.emphasized)
    elif not is_prose(text):
        return False
    if (leans(text) or text.endswith("?") or _SUPPOSING.match(text) or EXAMPLE_BOUND.match(text)
            or ORDINAL_SUBJECT.match(text)):
        return False  # "So if we want to talk about people in Chicago, we define the UD ..."
    marks = features(term, option)
    if marks["opener"] or marks["evaluative"] or marks["modal"] or marks["announcement"]:
        return False
    words = text.split()
    if not words:
        return False  # a sentence that cleans to nothing (a listing line) defines nothing
    first = words[0].lower().strip("\"'(,")
    if first in OPENERS - _CONCLUDING or words[0].endswith("ly,"):
        return False  # "Similarly, Card is a class object", "Fortunately, a sentence is ..."
    if marks["predicate"]:
        return True  # "So we will say that a sentence is something that can be true or false"
    if (says_what(term, Candidate(text, option.section, 3.0, option.emphasized))
            and not (first.endswith("ing") and not term.lower().startswith(first))
            and not _CONDITIONED.search(re.split(r";|,\s*(?:i\.e\.|that is)", text)[0])):
        return True  # not "Adopting notational conventions is a compromise", nor "a sentence
        # is a contradiction if ...", which defines the contradiction
    if marks["named_object"]:
        subject = re.split(r"\b(?:is|are)\s+(?:also\s+|often\s+|sometimes\s+|usually\s+)?"
                           r"(?:called|known as|referred to as|termed|named)\b", text)[0]
        words = [w for w in re.findall(r"[A-Za-z][\w'-]+", subject)
                 if w.lower() not in _LIGHT_WORDS]
        return len(words) >= NAMING_WORDS
    return False


_SUPPOSING = re.compile(r"^(?:\w+,?\s+)?(?:if|when|suppose|given)\b", re.IGNORECASE)
_CONDITIONED = re.compile(r"\b(?:if|iff|just in case|whenever)\b")
ORDINAL_SUBJECT = re.compile(
    r"^(?:The|This|That)\s+(?:first|second|third|fourth|former|latter|previous|preceding|"
    r"last|other)\s+[a-z]+\b(?!\s+(?:of|in)\b)")
"""A subject that points at the text before by its place ("The second approach, which this
section demonstrates, is called data mining.", "The previous test, using both sides, is
two-sided."): what it names is said elsewhere."""
_ADVERB_OPENING = re.compile(r"^[A-Z][a-z]+ly,\s+(?=[a-z])")
_CONCLUDING = frozenset({"so", "thus", "hence"})
"""Openers that draw a definition from what came before ("So we will say that ...")."""
NAMING_WORDS = 4
"""Content words the subject of a naming needs to describe the thing it names ("The result is
also called the return value" describes nothing)."""
_LIGHT_WORDS = frozenset(
    "a an the this that these those it they of in on to for with by and or is are be as "
    "such some any one".split())
