""""Why do you need X to understand Y?" from how the course defines Y.

A concept whose definition uses another concept of the course (a stack "is a collection...",
a parameter "is a name used inside a function...") depends on it: that is the evidence the
prerequisite graph takes too. The exercise names both and asks the learner to say how the one
rests on the other; the key is the sentence of Y's definition that uses X together with what
X is, each cited on its defining page, and the key points are one from each definition.

Only an edge the defining sentence supports is asked: Y must have a description that says
what it is (:func:`~tutor.engine.offline.descriptions.says_what_it_is`), X must be named
in its first sentence and have a definition of its own that stands alone and does not name Y,
and X's defining page must be among the pages the exercise can cite. A near concept that
shares a word with Y's name is left out (the names alone would tell the link).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Chunk, Citation, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.checking import mentions, term_variants, words
from tutor.engine.offline.descriptions import lower_first, says_what_it_is, stands_alone
from tutor.engine.offline.exercise_material import Material, Sibling
from tutor.text import STOPWORDS, stem

MAX_ITEMS = 2
"""Relation items on one concept (ideas its definition uses, nearest first)."""
MAX_DESCRIPTION_WORDS = 45
"""Longer descriptions are glossary entries run on into the next (or whole paragraphs)."""


def first_sentence(text: str) -> str:
    """The text up to its first sentence end: a definition read from a glossary can run on
    into the next entries ("... on the screen. operator: A special symbol ...")."""
    return re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0]


def _stems(name: str) -> set[str]:
    """The stems of the name's content words ("disjunctive", "disjunction": "disjunct")."""
    return {stem(w) for w in words(name) if w not in STOPWORDS}


def fits(description: str | None) -> bool:
    """A description short enough to state beside another, one sentence that stands alone."""
    return stands_alone(description) and len((description or "").split()) <= (
        MAX_DESCRIPTION_WORDS) and first_sentence(description or "") == (description or "")


def write_relation(
    m: Material, siblings: Sequence[Sibling], passages: Sequence[Chunk]
) -> list[Exercise]:
    """Up to :data:`MAX_ITEMS` "why do you need X to understand Y" items; none when the
    definition names no other concept fit to ask about."""
    if not says_what_it_is(m) or not fits(m.description):
        return []
    items: list[Exercise] = []
    description = m.description or ""
    pages = {(p.source, p.page) for p in passages}
    own = _stems(m.concept.name)
    for sibling in siblings:
        other = sibling.concept
        names = term_variants(other.name, other.aliases)
        if not names or own & _stems(other.name) or not fits(sibling.description):
            continue
        if not mentions(description, names, fuzzy=False):
            continue
        if not rests_on(description, names) or not describes_itself(sibling, siblings):
            continue
        if mentions(sibling.description or "", m.terms, fuzzy=False):
            continue  # each defined by the other: no direction to ask about
        cited = [c for c in ([sibling.cited] if sibling.cited else other.citations[:1])
                 if (c.source, c.page) in pages]
        if cited:
            items.append(_exercise(m, sibling, cited, len(items) + 1))
            if len(items) == MAX_ITEMS:
                break
    return items


def rests_on(description: str, names: Sequence[str]) -> bool:
    """Whether the description uses the other idea itself: not only as the head of a longer
    noun phrase ("a named sequence of statements" is no sequence, the data type), and not as
    another name for the concept ("one of the values in a list, also called items")."""
    group = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    also = re.compile(r"\b(?:also\s+)?(?:called|known\s+as|named)\s+(?:an?\s+|the\s+)?"
                      r"(?:" + group + r")(?:e?s)?\b", re.I)
    if also.search(description):
        return False
    used = re.compile(r"\b(?:" + group + r")(?:e?s)?\b(?!\s+of\b)", re.I)
    return bool(used.search(description))


def describes_itself(sibling: Sibling, siblings: Sequence[Sibling]) -> bool:
    """Whether the sibling's description says what the sibling is, not what a longer-named
    concept containing its name is ("hypothesis" described as the null hypothesis, "cohort"
    by the cohort effect's gloss) nor what a concept built on it is ("sentence": "a
    contradiction in SL if ...", where a contradiction is a sentence)."""
    description = sibling.description or ""
    own = _stems(sibling.concept.name)
    for other in siblings:
        if other.concept.id == sibling.concept.id:
            continue
        names = term_variants(other.concept.name, other.concept.aliases)
        if not names:
            continue
        group = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        if re.match(r"^\W*(?:(?:a|an|the)\s+)?(?:" + group + r")\b", description, re.I) \
                and mentions(other.description or "", term_variants(
                    sibling.concept.name, sibling.concept.aliases), fuzzy=False):
            return False  # its subject is a concept defined by it: the other one's gloss
        if own < _stems(other.concept.name) and mentions(description, names, fuzzy=False):
            return False  # the longer-named concept's gloss
    return True


def _exercise(m: Material, sibling: Sibling, cited: list[Citation], n: int) -> Exercise:
    concept, other = m.concept, sibling.concept
    own = lower_first(m.description or "")
    theirs = lower_first(sibling.description or "")
    reference = (f"The course defines {concept.name} as {own}, so it is built on "
                 f"{other.name}, which is {theirs}.")
    citations = list(m.citations[:1])
    citations += [c for c in cited if c not in citations]
    return Exercise(
        id=f"{concept.id}-relation-{n}",
        concept_id=concept.id,
        kind=ExerciseKind.SHORT_ANSWER,
        prompt=(f"The course's definition of {concept.name} uses the idea of {other.name}. "
                f"Why do you need {other.name} to understand {concept.name}? Say what each "
                f"one is and where {other.name} comes into {concept.name}."),
        answer=reference,
        key_points=[f"{concept.name}: {own}", f"{other.name}: {theirs}"],
        misconceptions={},
        explanation=(f"{reference} "
                     f"({'; '.join(dict.fromkeys(c.label() for c in citations))})"),
        citations=citations,
        difficulty=0.55,
        origin=ExerciseOrigin.RELATION,
    )
