"""What is never a definition, whatever it says: the sentences blind raters refused on real
manuals for their shape, not their content (issue 11).

- **a list of cross-references** ("Music Glossary: Section "pitch" in Music Glossary, Section
  "interval" in Music Glossary", "See Section 1.4 [Command line setup], page 13."): once the
  pointers are taken out, hardly a word is left (:func:`points_elsewhere`);
- **a sentence that leans on the text before it**: it opens on a connective ("Again, ...",
  "In fact, ..."), compares with no "than" ("... is more interesting."), stands for an action
  said before ("... does this naively"), points at earlier lines ("The last commands
  illustrate ...", "computing these quantities") or announces what follows ("... is stated as
  follows.") (:func:`leans_on_before`);
- **a sentence about another thing**: its subject, before its verb, does not name the concept
  but names something else by a name of its own: another concept of the course, a quoted term,
  an identifier ("The parameter v_cut specifies ..." for *node*, "The mfcosets command lists
  all right cosets ..." for *cosets*), or a longer name holding the concept's ("The
  right-padding property ..." for *padding property*) (:func:`about_another`).

:func:`refused` is any of them. A sentence refused here is no first choice and no second one:
:mod:`~tutor.engine.offline.definitions.real_definitions` looks for another sentence only
among those that pass the same test, and a concept none passes for has no definition.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from tutor.engine.offline.definitions.descriptions import term_pattern
from tutor.engine.offline.terms import mentions_key, term_key
from tutor.text import STOPWORDS

MIN_WORDS_LEFT = 4
"""Fewer content words than this left once the cross-references are out: a list of pointers
with, at most, a label ("Music Glossary:")."""
_CROSS_REFERENCE = re.compile(
    r"(?:\b[Ss]ee\s+(?:also\s+)?)?\bSection\s+(?:[\"“][^\"”]*[\"”]|[\dA-Z][\d.]*\s*\[[^\]]*\])"
    r"(?:\s+in\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?(?:,\s*page\s+\d+)?"
    r"|\b[Ss]ee\s+(?:also\s+)?|\bpages?\s+\d+")
"""A pointer to another part of the book or to another book: a section by its title or
number, "see", a page."""
_CONNECTIVE = re.compile(
    r"^\W*(?:again|also|similarly|likewise|moreover|furthermore|however|conversely|hence|thus|"
    r"therefore|besides|nevertheless|in\s+addition|in\s+contrast|on\s+the\s+other\s+"
    r"hand|as\s+before|as\s+above|but|finally|the\s+same\b(?!.*\bas\b))\b(?!\s+(?:of|to)\b)",
    re.I)
"""An opening connective: the sentence goes on from the one before it."""
_COMPARATIVE = re.compile(
    r"\b(?:is|are|was|were|seems?|becomes?)\s+(?:(?:much|even|far|a\s+bit|a\s+little)\s+)?"
    r"(?:(?:more|less)\s+(?!than\b)[a-z]+|better|worse|easier|simpler|harder|faster|slower)\b", re.I)
"""A comparison; with no "than" in its sentence it compares with what was said before."""
_PRO_VERB = re.compile(r"\b(?:does|do|did)\s+(?:this|that|so)\b", re.I)
"""An action said before, stood for ("The mfsearch command does this naively")."""
_EARLIER = re.compile(
    r"\b(?:the|these)\s+(?:previous|preceding|above|last)\s+(?:\w+\s+)?"
    r"(?:examples?|commands?|lines?|calls?|sessions?|paragraphs?|sentences?|sections?|cells?|"
    r"figures?|tables?|outputs?)\b|\bthe\s+above\b"
    r"|\b[a-z]+ing\s+(?:these|those)\s+[a-z]+", re.I)
"""Lines or things shown before ("The last commands illustrate ...", "computing these
quantities")."""
_FOLLOWS = re.compile(r"\b(?:as\s+follows|the\s+following)\s*[.:]?\s*$|:\s*$", re.I)
"""A sentence that announces what comes after it and says nothing itself."""
_SUBJECT = re.compile(
    r"^\W*(?:(?:the|an?)\s+)?(?P<subject>[^,;:.]{1,60}?)\s+(?:is|are|was|were|has|have|lists?|"
    r"specif(?:y|ies)|contains?|describes?|returns?|gives?|computes?|affects?|introduces?|"
    r"stores?|sets?|defines?|controls?|determines?|holds?|means|can|may|must|should|will|does|do)\b",
    re.I)
"""A sentence that opens on a noun phrase and its verb: the noun phrase is its subject."""
_PREDICATE = re.compile(r"\s*(?:(?:said\s+to\s+be|called|known\s+as|termed|named)\s+)?"
                        r"(?:(?:the|an?)\s+)?")
"""What comes between a subject's verb and the concept it names as its predicate."""
_NAMING = re.compile(r"\b(?:called|known\s+as|termed|named|said\s+to\s+be|we\s+call)\s+"
                     r"(?:(?:the|an?)\s+)?[\"“'‘]?\x02")
"""A naming of the concept anywhere in the text: the sentence says what it names."""
_OWN_NAME = re.compile(r"[\"“'‘][^\"”'’]{2,40}[\"”'’]|\b[a-z]+_\w+|\b[A-Za-z]+\d\w*")
"""A name of its own in a subject: a quoted term, an identifier."""


def refused(text: str, terms: Sequence[str], others: Collection[str] = ()) -> bool:
    """Whether the text is never the concept's definition: a list of cross-references, a
    sentence that leans on the text before it, or one about another thing (``others``: the
    names of the course's other concepts)."""
    return (points_elsewhere(text) or leans_on_before(text)
            or about_another(text, terms, others))


def points_elsewhere(text: str) -> bool:
    """Whether the text is a list of pointers to other sections or books, with hardly a word of
    its own."""
    if _CROSS_REFERENCE.search(text) is None:
        return False
    rest = _CROSS_REFERENCE.sub(" ", text)
    words = [w for w in re.findall(r"[A-Za-z]{3,}", rest) if w.lower() not in STOPWORDS]
    return len(words) < MIN_WORDS_LEFT


def leans_on_before(text: str) -> bool:
    """Whether the first sentence goes on from the text before it, compares with it, stands
    for an action or lines shown before, or only announces what follows."""
    first = text.strip()
    comparing = _COMPARATIVE.search(first)
    return bool(_CONNECTIVE.match(first) or _PRO_VERB.search(first) or _EARLIER.search(first)
                or _FOLLOWS.search(first)
                or (comparing and not re.search(r"\bthan\b", first[comparing.end():])))


def about_another(text: str, terms: Sequence[str], others: Collection[str] = ()) -> bool:
    """Whether the sentence's subject leaves the concept out and names another thing: another
    concept of the course, a quoted term, an identifier, or a longer name holding the
    concept's ("right-padding property" for *padding property*)."""
    match = _SUBJECT.match(text.strip())
    if match is None:
        return False
    subject = match.group("subject")
    pattern = term_pattern(terms)
    if subject.split()[0].lower() in STOPWORDS or _NAMING.search(pattern.sub("\x02", text)):
        return False  # no noun phrase opens it ("When the events ..."), or it names the
        # concept ("The empty event ... It can never occur, so it is also called X.")
    predicate = _PREDICATE.sub("", text.strip()[match.end():], count=1)
    if pattern.search(subject) or pattern.match(predicate):
        return False  # about it, or naming it as what the subject is ("... is linear if")
    if any(re.search(r"[\w-]-" + re.escape(t) + r"\b", subject, re.I) for t in terms if t):
        return True  # a longer name holding the concept's
    own = {term_key(t) for t in terms}
    if any(key and key not in own and mentions_key(subject, key) for key in others):
        return True
    return _OWN_NAME.search(subject) is not None
