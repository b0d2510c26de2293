"""Candidates that name one setting's value or one thing of the book, not a kind to teach.

A reference manual says what each parameter may be set to: "Zero is an acceptable value",
"The period is the default value", "The other choices are yes, which means ...", "can be
'start', 'middle', 'end' or 'numeric'", "The default is the C preprocessor". Each sentence has
a definition's shape ("X is ..."), so its subject became a concept; but *zero*, *period*,
*yes*, *middle* and "the default" of one option are values of a setting, and the sentence
means nothing without the setting's name. Likewise a common word said of the one thing the
passage is about: "The file is a well-formed XML file ..." (the file a parameter names), "The
exception is when ..." (an exception to the rule just stated), "Empty value means that ...".
No teacher teaches these as concepts. A name that opens with a preposition ("for convert-ly
options") or ends before the "to" its last word asks for ("comment prior") is a fragment of a
longer phrase.

The test reads a finished draft: its name, its chosen sentence and what found it. A draft
that has absorbed longer names (aliases that contain its name, such as "grouped expression"
for "expression") is a concept the book uses beyond that sentence and is kept; so is a common
word the book marks (a heading, a glossary entry, emphasis) when the only sign against it is
an instance sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.engine.offline.terms import PREPOSITIONS, term_key
from tutor.engine.port import ConceptDraft

_ALLOWED = ("default", "acceptable", "valid", "allowed", "permitted", "permissible", "legal",
            "possible", "recommended")
"""Adjectives of "an acceptable value", "the default value": what a setting may be set to."""
_MARKS = frozenset({"heading", "glossary", "emphasis"})
_ONE_QUOTED = r"['‘\"“][^'’\"”]{1,30}['’\"”]"
_QUOTED_LIST = re.compile(rf"{_ONE_QUOTED}(?:\s*(?:,|\bor\b|\band\b|\|)\s*(?:or\s+|and\s+)?"
                          rf"{_ONE_QUOTED})+")
"""Quoted words in a row, joined by commas, "or", "and" ("'start', 'middle', 'end' or
'numeric'")."""
_QUOTED = re.compile(r"['‘\"“]([^'’\"”]{1,30})['’\"”]")
QUOTED_ALTERNATIVES = 3
"""Quoted words in one such row from which they read as a setting's list of values (a term
quoted beside its spelled-out name, '"MRO" stands for "method resolution order"', is none)."""


def _name_pattern(name: str) -> str:
    return re.escape(name).replace(r"\ ", r"[\s-]+")


def setting_value(name: str, sentence: str) -> bool:
    """Whether the sentence presents the name as a value a setting takes: a one-word name
    said to be "the default" or "an acceptable value", listed after "the choices are", or
    quoted among a setting's quoted alternatives."""
    word = _name_pattern(name)
    allowed = "|".join(_ALLOWED)
    if " " not in name.strip() and re.search(
            rf"^\W*(?:the\s+)?['‘\"“]?{word}['’\"”]?\s+(?:is|are)\s+(?:the\s+default\b|"
            rf"(?:the|an?)\s+(?:\w+\s+)?(?:{allowed})\s+(?:value|setting|choice)s?\b)",
            sentence, re.IGNORECASE):
        return True
    words = name.lower().split()
    if len(words) == 2 and words[1] == "value" and re.search(
            rf"^\W*{word}\s+means\b", sentence, re.IGNORECASE):
        return True  # "Empty value means that you are not using TeX math at all."
    if len(name.split()) <= 2 and re.search(
            rf"\b(?:choices|values|settings)\s+(?:are|include)\s*:?\s+"
            rf"(?:['‘\"“]?[\w.-]+['’\"”]?(?:,\s+|\s+(?:or|and)\s+)){{0,4}}['‘\"“]?{word}\b",
            sentence, re.IGNORECASE):
        return True  # the name is one item of the list "the choices are" opens
    for row in _QUOTED_LIST.finditer(sentence):
        quoted = [q.strip().lower() for q in _QUOTED.findall(row.group())]
        if len(quoted) >= QUOTED_ALTERNATIVES and name.strip().lower() in quoted:
            return True
    return False


def one_default(name: str, sentence: str) -> bool:
    """Whether a name "default" ("default value", "default setting") is defined by what one
    setting's default is ("The default is the C preprocessor.", "Default value is the empty
    string"), not by what a default is ("A default value is ...")."""
    words = term_key(name).split()
    if not words or words[0] != "default" or len(words) > 2:
        return False
    if len(words) == 2 and words[1] not in {"value", "setting"}:
        return False
    return re.search(rf"^\W*(?:the\s+)?{_name_pattern(name)}s?\s+(?:is|are|was)\b",
                     sentence, re.IGNORECASE) is not None


def one_instance(name: str, sentence: str) -> bool:
    """Whether a one-word name is said of the one thing the passage is about: "The file is a
    well-formed XML file" (its kind is the word itself), "The exception is when ..." (a clause,
    no kind at all)."""
    if " " in name.strip():
        return False
    word = _name_pattern(name)
    return re.search(
        rf"^\W*the\s+{word}\s+(?:is|are)\s+(?:(?:an?|the)\s+(?:[\w.\-]+\s+){{0,3}}{word}s?\b"
        rf"|(?:when|where|if|that)\b)", sentence, re.IGNORECASE) is not None


_NEEDS_COMPLEMENT = frozenset({"prior", "due", "according", "owing", "rather", "instead"})
"""Words that never end a name: each asks for the "to" or "of" that follows it ("prior to")."""


def fragment_name(name: str) -> bool:
    """A name of several words that opens with a preposition ("for convert-ly options") or
    ends before the "to" its last word needs ("comment prior", of "called comment prior to
    DocBook 4.0")."""
    words = name.lower().split()
    return len(words) > 1 and (words[0] in PREPOSITIONS or words[-1] in _NEEDS_COMPLEMENT)


def _used_beyond(draft: ConceptDraft) -> bool:
    """The draft answers to longer names that contain its own ("grouped expression")."""
    key = term_key(draft.name)
    return any(key in term_key(alias) and term_key(alias) != key
               and len(term_key(alias).split()) > len(key.split()) for alias in draft.aliases)


def not_a_concept(draft: ConceptDraft) -> bool:
    """The module's test on one finished draft."""
    if fragment_name(draft.name):
        return True
    if _used_beyond(draft) or "glossary" in draft.evidence:
        return False  # the book's glossary lists it: a term of the book, whatever else it says
    sentence = draft.definition
    if setting_value(draft.name, sentence) or one_default(draft.name, sentence):
        return True
    return not set(draft.evidence) & _MARKS and one_instance(draft.name, sentence)


def without_setting_values(drafts: Sequence[ConceptDraft]) -> list[ConceptDraft]:
    """The drafts less those that name a setting's value, one instance, or a fragment."""
    return [draft for draft in drafts if not not_a_concept(draft)]
