"""Common words a manual says something about, which are not concepts of its subject.

A manual's sentences say things of "the result", "the value", "the base", "the response" of
one call or one model: "The value is a vector of function results, labelled by the levels
...". The sentence has a definition's shape, but it is said of one instance ("the value" of
this function), not of the kind, and the word is one of the commonest of English: no teacher
lists it. Likewise a participle set in emphasis ("Components are always *numbered*") or an
adjective of a longer name ("*high-level* plotting commands"). Such a word is a concept only
when the book marks it as one: a glossary entry or a section heading names it, or a sentence
defines it in general, "A value is ...", "Values are ...", "... is called a value", or the
book's printed index lists it (where it has one: "The mean of a sample is ..." is said of the
kind in a textbook, which lists "mean" in its index).
"""

from __future__ import annotations

import re

from tutor.text import general_zipf

COMMON_ZIPF = 5.0
"""From this frequency in general English (Zipf scale) a word is among the commonest ~1,000."""
PARTICIPLE_ZIPF = 3.5
"""A past participle this common ("ordered", "numbered") is an adjective, not a name."""
MARKS = frozenset({"glossary", "heading"})


def instance_word(key: str, evidence: set[str], definition: str,
                  indexed: bool | None = None) -> bool:
    """Whether a one-word candidate is a common word the book never marks as a concept nor
    defines in general (see the module's docstring). ``indexed``: whether the book's printed
    index lists it (None: the book has none). A textbook says "the mean ... is" of the kind,
    so a common noun goes only when the book has an index and it does not list the word;
    a participle goes whatever the index says."""
    if " " in key or evidence & MARKS:
        return False
    zipf = general_zipf(key)
    if key.endswith("ed") and zipf >= PARTICIPLE_ZIPF:
        return not _defined_in_general(key, definition)
    if zipf < COMMON_ZIPF or indexed is not False:
        return False
    return not _defined_in_general(key, definition)


def _defined_in_general(key: str, definition: str) -> bool:
    word = re.escape(key).replace(r"\ ", r"[\s-]")
    general = (rf"^\W*(?:an?\s+)?{word}(?:s|es)?\s+(?:is|are|refers?\s+to|means?|denotes?)\b"
               rf"|\b(?:called|known\s+as|termed|referred\s+to\s+as)\s+(?:an?\s+)?{word}\b")
    return re.search(general, definition, re.IGNORECASE) is not None
