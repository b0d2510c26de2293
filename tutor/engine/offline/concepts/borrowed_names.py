"""Names a manual uses that are no concept of it: one parameter of a routine, another book.

- **one parameter** ("parameter P" of "The parameter P is the resultant problem object to be
  built.", "argument n"): a role word and the parameter's own name, one token. What a routine's
  parameter holds belongs to the routine's entry; a teacher teaches the routine, not its
  ``P``. A heading that leads with the name keeps it (:func:`one_parameter`).
- **another book** ("Notation Reference" of 'Section "Writing rests" in Notation Reference'): a
  name the manual mostly writes after a quoted section title and "in", as a cross-reference
  to a book of its own; the concept would be the other book's title
  (:func:`another_book`).

:func:`without_borrowed_names` takes both out of a manual's drafts; a concept the book devotes
a module's reading to (an entry, a table, a section's topic) is another module's judgement and
stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Chunk
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.concepts.concept_evidence import PASSING, whole_topics
from tutor.engine.offline.terms import term_key
from tutor.engine.port import ConceptDraft

_IDENTIFIER = re.compile(r"[A-Za-z]|\w*[_\d]\w*|\w*[A-Z]\w*")
"""A parameter's own name: one letter, or a token with an underscore, a digit or a capital."""
MIN_CITATIONS = 2
"""A name written after a section title this many times, at least, is a book's."""
_ONE_PARAMETER = re.compile(r"^(?:parameters?|arguments?)\s+(?P<own>\S+)$", re.I)


def one_parameter(name: str) -> bool:
    """Whether the name is a role word and one parameter's own name ("parameter P",
    "argument v_cut"): a letter or an identifier, not a word ("parameter passing")."""
    match = _ONE_PARAMETER.match(name.strip())
    return match is not None and _IDENTIFIER.fullmatch(match.group("own")) is not None


def another_book(name: str, texts: Sequence[str]) -> bool:
    """Whether the name is mostly written as the book a quoted section title is in
    ('Section "Writing rests" in Notation Reference'): at least :data:`MIN_CITATIONS` times,
    and in at least half the sentences that name it."""
    escaped = re.escape(name.strip())
    named = re.compile(r"(?<![\w-])" + escaped + r"(?![\w-])", re.I)
    cited = re.compile(r"[\"”]\s+in\s+(?:the\s+)?" + escaped + r"(?![\w-])", re.I)
    naming = [t for t in texts if named.search(t)]
    citing = sum(1 for t in naming if cited.search(t))
    return citing >= MIN_CITATIONS and 2 * citing >= len(naming)


def without_borrowed_names(drafts: list[ConceptDraft], sentences: Sequence[Sentence],
                           chunks: Sequence[Chunk] = ()) -> list[ConceptDraft]:
    """The drafts without a single parameter's or another book's name, unless a module that
    reads a devoted part of the book found it or a heading leads with it."""
    topics = whole_topics([*(s.section for s in sentences), *(c.heading for c in chunks)])
    texts = [s.text for s in sentences]
    kept = []
    for draft in drafts:
        devoted = bool(set(draft.evidence) - PASSING) or any(
            term_key(n) in topics for n in (draft.name, *draft.aliases))
        if not devoted and (one_parameter(draft.name) or another_book(draft.name, texts)):
            continue
        kept.append(draft)
    return kept
