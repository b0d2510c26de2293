"""Definitions lent by a synonym: a concept the book only names after another one.

A book often introduces a second name for a thing it has already defined ("Often, logical
proofs are called derivations", "Quantified logic is also sometimes called predicate logic").
Chosen as a definition, such a sentence gives a learner a name and nothing else: it says what
the thing is called, not what it is. When the other name is itself a concept of the course
with a definition that says what it is, the naming is completed with that definition: "Often,
logical proofs are called derivations. A proof is a sequence of sentences ..." The concept then
also cites the page where the lent words are.

A naming whose subject describes the thing ("Wrapping a piece of code up in a function is
called encapsulation") already says what it is and is left alone, as is a definition of
several sentences (it says more than the name).

A term that modifies a longer concept's name, introduced by a sentence that leans on the text
before it ("Conditional statements give us this ability."), takes that concept's definition
when its genus is the kind the longer name adds ("conditional statement: A statement that
controls the flow of execution ..."): :func:`lend_kind_definitions`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.engine.offline.definitions.plain_definitions import ORDINAL_SUBJECT
from tutor.engine.offline.definitions.self_contained import leans
from tutor.engine.offline.terms import DETERMINERS, term_key
from tutor.engine.port import ConceptDraft

_NAMING = re.compile(
    r"^(?:[A-Z][a-z]+(?:ly)?,\s+)?(?P<a>[^,;:()]+?)\s+(?:is|are)\s+"
    r"(?:(?:also|often|sometimes|usually|traditionally|commonly|just)\s+)*"
    r"(?:called|known as|referred to as|termed|named)\s+(?P<b>[^,;:.()]+?)"
    r"\s*(?=[,;.]|\s+(?:because|since|for short|instead)\b|$)")
"""A sentence that gives a thing a name: "[Adverb,] A is [also] called B[, because ...]"."""
_MAX_SIDE_WORDS = 5
"""A side of the naming longer than this describes the thing rather than naming it."""
_ADVERBS = frozenset("also often sometimes usually traditionally commonly logical formal "
                     "simply just".split())
"""Words before a name that are not part of it ("logical proofs" names proofs)."""
_ANAPHORIC = re.compile(r"^(?:[A-Z][a-z]+(?:ly)?,\s+)?(?:the|this|that|it)\s+\S+$", re.IGNORECASE)
"""A side that points at the thing the text just described ("The connective"), not a name."""
MAX_CITATIONS = 5


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z'\"(])", text.strip()) if s]


def _names(phrase: str) -> list[str]:
    """Term keys a side of a naming may stand for, longest first ("logical proofs" ->
    "logical proof", "proof")."""
    words = [w.strip("'\"") for w in phrase.split()]
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    keys = [term_key(" ".join(words))]
    while len(words) > 1 and words[0].lower() in _ADVERBS:
        words = words[1:]
        keys.append(term_key(" ".join(words)))
    return keys


def _mentions_any(text: str, keys: set[str]) -> bool:
    """The text uses one of the keys (the lent definition would be circular: "A class is a
    programmer-defined type" for *programmer-defined type*)."""
    words = term_key(text)
    return any(re.search(rf"\b{re.escape(key)}\b", words) for key in keys)


def _says_what(definition: str) -> bool:
    """A definition that could lend its words: it stands alone and is not itself a naming
    of another name."""
    parts = _sentences(definition)
    if not parts or leans(parts[0]):
        return False
    match = _NAMING.match(parts[0])
    return match is None or len(match.group("a").split()) > _MAX_SIDE_WORDS


def lend_synonym_definitions(drafts: Sequence[ConceptDraft]) -> None:
    """Complete, in place, each definition that only names the concept after another concept
    (or another name after it) with that concept's own definition."""
    by_key: dict[str, ConceptDraft] = {}
    for draft in drafts:
        for name in (draft.name, *draft.aliases):
            by_key.setdefault(term_key(name), draft)
    lent: dict[int, str] = {}
    for number, draft in enumerate(drafts):
        parts = _sentences(draft.definition)
        match = _NAMING.match(parts[0]) if len(parts) == 1 else None
        if match is None or leans(parts[0]):
            continue
        sides = [match.group("a"), match.group("b")]
        if any(len(side.split()) > _MAX_SIDE_WORDS for side in sides):
            continue  # the subject describes the thing: the naming says what it is
        own = {term_key(name) for name in (draft.name, *draft.aliases)}
        for mine, other in ((sides[1], sides[0]), (sides[0], sides[1])):
            if not own & set(_names(mine)):
                continue
            if _ANAPHORIC.match(other):
                break  # "The connective is called a conditional": the one just described
            source = next((by_key[key] for key in _names(other)
                           if key in by_key and by_key[key] is not draft), None)
            if (source is not None and _says_what(source.definition)
                    and not _mentions_any(source.definition, own)):
                lent[number] = source.definition
                _cite(draft, source)
            break
    for number, words in lent.items():
        drafts[number].definition = f"{drafts[number].definition} {words}"


def lend_kind_definitions(drafts: Sequence[ConceptDraft]) -> None:
    """Replace, in place, a definition that leans on the text before it ("Conditional
    statements give us this ability.", "The previous test, using both sides, is two-sided.") for a term that is the modifier of a longer concept's
    name whose definition says what that kind of thing is ("conditional statement: A
    statement that controls the flow of execution ..."): the book's words for the kind, cited
    on their page."""
    by_name = {draft.name.lower(): draft for draft in drafts}
    for draft in drafts:
        parts = _sentences(draft.definition)
        if len(draft.name.split()) > 2 or not parts or not any(
                leans(p) or ORDINAL_SUBJECT.match(p) for p in parts):
            continue
        for name, other in by_name.items():
            head = name[len(draft.name) + 1:] if name.startswith(draft.name.lower() + " ") else ""
            if (not head or " " in head or other is draft
                    or not re.match(rf"^(?:an?\s+)?{re.escape(head)}s?\b", other.definition,
                                    re.IGNORECASE)
                    or not _says_what(other.definition)):
                continue  # the longer name must be the kind its definition's genus names
            draft.definition = other.definition
            _cite(draft, other)
            break


def _cite(draft: ConceptDraft, source: ConceptDraft) -> None:
    """The page of the lent words among the concept's citations, after its own first one."""
    if not source.citations:
        return
    page = source.citations[0]
    if any((c.source, c.page) == (page.source, page.page) for c in draft.citations):
        return
    draft.citations = [*draft.citations[:1], page, *draft.citations[1:]][:MAX_CITATIONS]
