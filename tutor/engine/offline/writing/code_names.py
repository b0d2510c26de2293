"""Whether a concept is a name in the book's code rather than an idea.

Books name the variables of their listings in prose ("computes observed, which is a list of
frequencies ...", "the value of result is the product of n and recurse"). The concept map
may take such a name for a concept; an exercise on it asks for trivia about one listing, not
for an idea. A concept is taken for a code name when its one lower-case word is assigned or
read as an attribute in the passages and its defining sentence speaks of code, or when what
the definition says of it is made of names the listings assign.
"""

from __future__ import annotations

import re

from tutor.engine.offline.definitions.descriptions import compiled_pattern
from tutor.engine.offline.writing.exercise_material import CODE_TOKEN, Material
from tutor.text import STOPWORDS

_CODE_COMMENT = re.compile(r"(?:^|\s)#\s*(?:class|def)\b")
"""A listing run into the sentence: its comment naming a class or function."""


def names_code(m: Material) -> bool:
    """Whether the concept is a name in the book's code, not an idea ("observed" in
    "ChiSquared ... computes observed, which is a list of frequencies corresponding to
    self.values"): one lower-case word, assigned or read as an attribute (not called) in the
    passages, whose defining sentence speaks of code."""
    name = m.concept.name
    sentence = m.sentence or ""
    if " " in name or not name.islower():
        return False
    if _CODE_COMMENT.search(sentence):
        return True  # "..., called random: # class Cdf": the name of a listing's method
    if not CODE_TOKEN.search(sentence):
        return False
    if compiled_pattern(r"\b(?:a|an|the|this|each|every|of)\s+(?:[\w-]+\s+)?"
                        + re.escape(name) + r"\b", re.I).search(sentence):
        return False  # "A simple filename, like memo.txt": the idea, named as a noun
    used = compiled_pattern(r"\b" + re.escape(name) + r"\s*=[^=]|\b(?:self|[a-z]\w*)\."
                            + re.escape(name) + r"\b(?!\()")
    return any(used.search(p.text) for p in m.ordered)


MIN_CODE_NAMES = 2
"""Names assigned in the listings from which a description speaks of one listing's code."""
_ASSIGNED = re.compile(r"^\s*(?:>>>\s*|\.\.\.\s*)?([A-Za-z_]\w*)\s*=[^=]", re.M)
_PARAMETERS = re.compile(r"\bdef\s+\w+\s*\(([^)]*)\)")


def described_by_code(m: Material) -> bool:
    """Whether the concept's description is made of the listings' own names ("the product
    of n and recurse" for "value of result"): at least :data:`MIN_CODE_NAMES` of its words
    are assigned, or taken as parameters, in the code of its passages."""
    description = m.description or ""
    if not description:
        return False
    assigned = {name for p in m.ordered for name in _ASSIGNED.findall(p.text)}
    assigned |= {name for p in m.ordered for group in _PARAMETERS.findall(p.text)
                 for name in re.findall(r"[A-Za-z_]\w*", group)}
    said = {w for w in re.findall(r"[A-Za-z_]\w*", description) if w.lower() not in STOPWORDS}
    return len(said & assigned) >= MIN_CODE_NAMES
