"""How two ideas of the course are tied: "How are standard deviation and variance related?"

Some concepts are defined through others by an operation or a part: the standard deviation is
"the square root of variance", the survival curve "just the complement of the CDF", the
variance "the second central moment", a sample "the subset of a population used to collect
data", "The complement of gather is scatter". Knowing such a tie is more than knowing either
definition: the learner must say what one is in terms of the other. The item is written only
where the book states the tie in one sentence (:mod:`~tutor.engine.offline.contrasts.relating_sentences`,
an operation or a part named between the two), and is keyed to that sentence, cited on its page.

A concept placed under a broader one ("a nested list is a list that is an element of another
list") gets no relation item: "is every list a nested list?" has an obvious answer, and the
definition item already asks what sets it apart. Nor does a pair the contrast writer sets
apart (the same sentence is the core of that key), nor a name inside the other ("argument",
"keyword argument").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from tutor.course import Concept, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.contrasts.contrast_cases import case_item
from tutor.engine.offline.contrasts.relating_sentences import Relating, relating_sentence
from tutor.engine.offline.definitions.descriptions import describe, stands_alone
from tutor.engine.offline.terms import term_variants, words
from tutor.engine.offline.writing.checking import canonical
from tutor.engine.offline.writing.exercise_material import Material, Sibling
from tutor.text import STOPWORDS, stem

MAX_DESCRIPTION_WORDS = 45
"""Longer descriptions are glossary entries run on into the next (or whole paragraphs)."""


def first_sentence(text: str) -> str:
    """The text up to its first sentence end: a definition read from a glossary can run on
    into the next entries ("... on the screen. operator: A special symbol ...")."""
    return re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0]


def fits(description: str | None) -> bool:
    """A description short enough to state beside another, one sentence that stands alone."""
    return stands_alone(description) and len((description or "").split()) <= (
        MAX_DESCRIPTION_WORDS) and first_sentence(description or "") == (description or "")


def _stems(name: str) -> set[str]:
    return {stem(w) for w in words(name) if w not in STOPWORDS}


def broader_by_name(concept: Concept, related: Sequence[Concept]) -> list[Sibling]:
    """Related concepts whose name ends the concept's name ("argument" for "keyword
    argument", "loop" for "infinite loop"): the ranking of near concepts leaves them out (the
    names alone would tell the two apart), yet the book may say how the two are tied."""
    own = canonical(concept.name)
    found: list[Sibling] = []
    for other in related:
        name = canonical(other.name)
        if other.id != concept.id and name and own.endswith(f" {name}"):
            terms = term_variants(other.name, other.aliases)
            found.append(Sibling(other, 1.0, describe(other.definition, terms) if terms
                                 else None))
    return found


def write_relation(
    m: Material, siblings: Sequence[Sibling], heads: Sequence[Sibling] = (),
    taken: Collection[str] = (), quoted: Sequence[str] = (),
) -> list[Exercise]:
    """The item on the first near concept (``heads`` first, then ``siblings``; none of the
    ids in ``taken``) that the book ties to the concept by an operation or a part, keyed to
    the sentence that says so; none when the book states no such tie."""
    own = _stems(m.concept.name)
    for sibling in [*heads, *siblings]:
        other = sibling.concept
        if other.id == m.concept.id or other.id in taken:
            continue
        theirs = _stems(other.name)
        if not theirs or theirs <= own or own <= theirs:
            continue  # "keyword argument" and "argument": the name says how they are tied
        names = term_variants(other.name, other.aliases)
        found = relating_sentence(m.terms, names, m.ordered, operations=True)
        if found is None:
            continue
        # two ideas tied by an operation are told apart on a case of either, when the book
        # shows one; else the tie is asked
        case = case_item(m, m.description or "", other, sibling.description or "",
                         m.ordered, [found.cited, *m.citations[:1]],
                         f"{m.concept.id}-relation-1", (), found, quoted)
        return [case or _exercise(m, other, found)]
    return []


def _exercise(m: Material, other: Concept, found: Relating) -> Exercise:
    """The item; its prompt names the two in one order whichever concept it is written for,
    so the pair is asked once (:func:`tutor.study.exercise_steps._asked_once`)."""
    first, second = sorted([m.concept.name, other.name], key=str.lower)
    citations = [found.cited, *(c for c in m.citations[:1] if c != found.cited)]
    return Exercise(
        id=f"{m.concept.id}-relation-1",
        concept_id=m.concept.id,
        kind=ExerciseKind.SHORT_ANSWER,
        prompt=(f"How are {first} and {second} related? Say what one is in terms of the "
                "other, as the course states it."),
        answer=found.sentence,
        key_points=[found.sentence],
        misconceptions={},
        explanation=(f"The course ties them so: {found.sentence} "
                     f"({'; '.join(dict.fromkeys(c.label() for c in citations))})"),
        citations=citations,
        difficulty=0.6,
        origin=ExerciseOrigin.RELATION,
    )
