"""A use item for a concept whose only items would recall its definition.

A concept the book defines and then only names again (no session, no worked example, no
practice exercise, no sibling the contrast writer sets it apart from) would be asked nothing
but its defining sentence: recognition. Where the book uses the idea on a concrete case (a
number, a piece of code, a formula, a named instance: "The default value of num is 10", "In
∀xHx, the scope of the universal quantifier is Hx"), that sentence with the idea's name left
out is asked as a case to classify against a near concept the learner could take for it: "Is
the missing idea scope or extension? Say which, and what in the case makes it that one."
Naming the idea and saying what in the case makes it that one applies the definition to an
instance; the definition item recalls it.

The case is the concept's own (:func:`~tutor.engine.offline.contrasts.contrast_cases.case_item`
with ``own_only``: the same judge of a concrete case, never the defining sentence or one that
restates either definition, never a case that names the rival, one blank). The rival is read
from the concept's near concepts, nearest first (:data:`MAX_RIVALS`), and must not fit the
case too: of the same kind of thing (a condition beside a condition, a thing beside a thing),
neither said through the other nor put under the other by the book, neither name holding the
other's words ("function" for "pure function" fits any case of it), not given by the course
as another name for it, each side saying something of its own, and the case's words no nearer
the rival's definition than the concept's own (:func:`_fits_the_rival`). The item's origin is
``contrast`` (the issue's list: it tells two ideas apart, here on a case), keyed and graded
like the contrast writer's cases; it cites the case's page and both defining pages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Chunk, Concept, Exercise
from tutor.engine.offline.contrasts import contrast_exercises as contrasts
from tutor.engine.offline.contrasts.contrast_cases import case_item
from tutor.engine.offline.contrasts.contrast_questions import sets_apart
from tutor.engine.offline.contrasts.contrast_sides import Said, without_asides
from tutor.engine.offline.contrasts.nested_ideas import nested
from tutor.engine.offline.contrasts.relating_sentences import relating_sentence
from tutor.engine.offline.definitions.descriptions import describe
from tutor.engine.offline.examples.example_use_exercises import another_name
from tutor.engine.offline.terms import content_stems, mentions, term_variants
from tutor.engine.offline.writing.checking import BLANK, same_option
from tutor.engine.offline.writing.exercise_material import Material, Sibling, dice
from tutor.sentences import split_sentences
from tutor.text import without_period

MAX_RIVALS = 8
"""Near concepts tried as the rival, nearest first: past them, a concept is too far from the
idea for a learner to take one for the other."""
CASE_QUESTION = "\n\nIs the missing idea "
"""Where a case item's question follows its case."""
USE_CASE_MARK = "-use-case-"
"""The id mark of the use item (``<concept_id>-use-case-1``)."""


def write_use_case(m: Material, siblings: Sequence[Sibling], passages: Sequence[Chunk],
                   related: Sequence[Concept] = ()) -> Exercise | None:
    """The use item on the concept's first case the book shows, against the nearest fair
    rival; ``None`` when the book uses the idea on no concrete case, or no near concept is a
    rival that does not fit the case too. A case whose blank, filled, names a longer concept
    of ``related`` ("an infinite _____" for loop) shows that concept, not this one."""
    longer = [c for c in related if c.id != m.concept.id and len(c.name) > len(m.concept.name)
              and m.concept.name.lower() in c.name.lower()]
    own = contrasts._own_side(m) or first_sentence_side(m.concept, m.description)
    if own is None:
        return None
    for sibling in siblings[:MAX_RIVALS]:
        other = sibling.concept
        theirs = contrasts._sibling_side(sibling, passages) or first_sentence_side(
            other, sibling.description)
        if theirs is None or not fair_rival(m, own, sibling, theirs, passages):
            continue
        cited = [theirs.cited] if theirs.cited else other.citations[:1]
        if not cited:
            continue  # the key's other side is read nowhere the item can cite
        # the rival's definition goes into the key only from a page the item's passages hold
        # (the checker reads the key there); the rival's page is cited either way
        readable = (cited[0].source, cited[0].page) in {(p.source, p.page) for p in passages}
        own_said, their_said = without_asides(own.description), without_asides(theirs.description)
        tie = relating_sentence(m.terms, term_variants(other.name, other.aliases), m.ordered)

        def fits(quote: str, shown: str, ours: str = own_said,
                 theirs_said: str = their_said) -> bool:
            """A case asked against this rival: its words no nearer the rival's definition
            and, filled, no longer concept named (a part of the name spelled in it is
            passed over by ``case_item`` for every case item)."""
            filled = shown.replace(BLANK, m.concept.name)
            return not _fits_the_rival(quote, ours, theirs_said) and not any(
                mentions(filled, term_variants(c.name, c.aliases), fuzzy=False) for c in longer)

        item = case_item(m, own_said, other, their_said, passages,
                         contrasts._citations(m, own, cited[0]),
                         f"{m.concept.id}{USE_CASE_MARK}1", [s.concept for s in siblings],
                         tie, own_only=True, key_rival=readable, instances=True, fits=fits)
        if item is not None:
            return item
    return None


def first_sentence_side(concept: Concept, description: str | None) -> Said | None:
    """A concept's side read from the first sentence of its description (or of its
    definition, its name taken out), when that sentence alone says what it is: "A recursion
    that doesn't have a base case, or never reaches it. Eventually, ..." is two sentences the
    contrast writer does not compare, but its first says what an infinite recursion is."""
    text = description or describe(concept.definition,
                                   term_variants(concept.name, concept.aliases)) or ""
    sentences = split_sentences(text)
    first = without_period(sentences[0]) if sentences else ""
    if not contrasts._telling(first):
        return None
    return Said(first, contrasts._genus_of(concept, first), None)


def fair_rival(m: Material, own: Said, sibling: Sibling, theirs: Said,
               passages: Sequence[Chunk]) -> bool:
    """Whether the near concept is a rival a case of the concept can be told from: one the
    course defines, of one kind with it and near in meaning, neither said through nor put under the other, not
    another name for it nor a name holding its words, each side saying something its own."""
    other = sibling.concept
    other_terms = term_variants(other.name, other.aliases)
    if not other_terms or not other.defined or not contrasts._rival(
            own, sibling, theirs, m.concept.name):
        return False  # a rival the course only describes is no idea the learner has met
    if _shape(own.description) != _shape(theirs.description):
        return False  # "a value ..." beside "every member ... has an equal chance": the
        # blank reads as a thing, and a condition or an action does not fit it
    if _holds_the_other(m.concept.name, other.name):
        return False  # "function" fits every case of a "pure function"
    if contrasts._leans_on(own.description, other_terms) or contrasts._leans_on(
            theirs.description, m.terms):
        return False
    if same_option(own.description, theirs.description) or contrasts._same_idea(
            own.description, theirs.description, [*m.terms, *other_terms]):
        return False
    if nested(m.terms, other_terms, passages) or another_name(sibling, m):
        return False  # "Ys (like X ...)", "also called X": the case is the other's too
    return sets_apart(own, theirs, m.concept.name, other.name) and sets_apart(
        theirs, own, other.name, m.concept.name)


_ACTION = re.compile(r"^\W*to\s+[a-z]+", re.I)
_CONDITION = re.compile(r"^\W*(?:every|each|all|if|when|whether|pertaining\s+to|of\s+or)\b|"
                        r"\b(?:is|are)\s+[a-z-]+\s+(?:if|when|iff)\b", re.I)


def _shape(description: str) -> str:
    """What a description makes its idea: an action ("to run a statement ..."), a condition
    ("every member ... has an equal chance ...", "a proof system is sound if ...") or a
    thing ("a value far from ...")."""
    if _ACTION.match(description):
        return "action"
    return "condition" if _CONDITION.search(description) else "thing"


def _holds_the_other(name: str, other: str) -> bool:
    """Whether one name's content words hold the other's ("list" and "nested list")."""
    a, b = content_stems(name), content_stems(other)
    return bool(a) and bool(b) and (a <= b or b <= a)


def _fits_the_rival(quote: str, own_said: str, their_said: str) -> bool:
    """Whether the case's words are nearer the rival's definition than the concept's own: it
    reads as a case of the rival as well, and one right answer is not sure."""
    return dice(quote, their_said) > dice(quote, own_said)
