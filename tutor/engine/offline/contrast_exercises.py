""""How does X differ from Y?" exercises for a concept and a near sibling.

Knowing a definition by heart is not knowing where one idea ends and the next begins. The
sibling must be one the learner could confuse with the concept (ranked by similarity), both
must have a definition that does not name the other, and the sibling must be defined on a page
the concept's passages include, so the key points of both definitions are checked against
pages the exercise cites. The reference answer states both definitions side by side; the key
points are one idea from each.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Chunk, Citation, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.checking import (
    content_stems,
    mentions,
    same_option,
    term_variants,
    words,
)
from tutor.engine.offline.descriptions import (
    compiled_pattern,
    lower_first,
    stands_alone,
    term_group,
)
from tutor.engine.offline.exercise_material import Material, Sibling, clauses, prose_sentences
from tutor.text import STOPWORDS, stem

CLOSE_SIMILARITY = 0.6
"""Embedding cosine from which two concepts are close enough to mix up whatever their names."""
MAX_DEFINITION_WORDS = 45
MAX_ITEMS = 2


def write_contrast(
    m: Material, siblings: Sequence[Sibling], passages: Sequence[Chunk]
) -> list[Exercise]:
    """Contrast items with the nearest fit siblings, at most :data:`MAX_ITEMS`."""
    if not _telling(m.description):
        return []
    pages = {(p.source, p.page) for p in passages}
    found: list[Exercise] = []
    for sibling in siblings:
        other = sibling.concept
        if not _telling(sibling.description) or not _confusable(m, sibling, passages):
            continue
        own_terms = term_variants(other.name, other.aliases)
        if mentions(m.description or "", own_terms) or mentions(sibling.description or "",
                                                                 m.terms):
            continue
        if same_option(m.description or "", sibling.description or ""):
            continue
        cited = [c for c in ([sibling.cited] if sibling.cited else other.citations[:1])
                 if (c.source, c.page) in pages]
        if not cited:
            continue
        found.append(_exercise(m, sibling, cited[0], len(found) + 1))
        if len(found) == MAX_ITEMS:
            break
    return found


def _telling(description: str | None) -> bool:
    """A description that says what the thing is: one sentence short enough to compare, at
    least three content words, not merely another name ("also called a class")."""
    if not description or len(description.split()) > MAX_DEFINITION_WORDS:
        return False
    if re.match(r"^(?:also|or)\s+(?:called|known)\b", description, re.I):
        return False
    if re.search(r"[.!?]\s+\S", description.strip()):
        return False  # more than one sentence: a glossary definition run on into the next
    return len(content_stems(description)) >= 3 and stands_alone(description)


def _genus(description: str) -> str:
    """The head of the description's first phrase: "a statistic based on..." -> "statistic"."""
    head = clauses(description)[0] if clauses(description) else description
    head = re.split(r"\s+(?:of|for|to|in|on|by|with|based|that|which|used|intended|meant|"
                    r"designed|defined|given|computed|chosen)\b", head)[0]
    return words(head)[-1] if words(head) else ""


def _confusable(m: Material, sibling: Sibling, passages: Sequence[Chunk]) -> bool:
    """Whether a learner could mix the two up: their names share a word, their definitions
    name the same kind of thing, they are very close in meaning, or the book sets them apart
    in one sentence. Never two different kinds of thing."""
    own = {w for t in m.terms for w in words(t)} - STOPWORDS
    theirs = set(words(sibling.concept.name)) - STOPWORDS
    genus, theirs_genus = _genus(m.description or ""), _genus(sibling.description or "")
    if own & theirs:
        return True
    if genus and genus == theirs_genus and genus not in STOPWORDS:
        return True
    if _set_apart(m, sibling, passages):
        # the book itself sets them apart ("unlike lists, you can't use an index to select an
        # element from an iterator"), unless the one is what the other is ("zip returns an
        # iterator"): a thing beside its own kind
        return not (_is_kind(genus, sibling.concept.name)
                    or _is_kind(theirs_genus, m.concept.name))
    if genus and theirs_genus and stem(genus) != stem(theirs_genus):
        return False  # a function and an object (zip, iterator): not alternatives, however near
    return sibling.similarity >= CLOSE_SIMILARITY


_CUE = (r"\b(?:unlike|whereas|instead\s+of|rather\s+than|not\s+to\s+be\s+confused\s+with|"
        r"as\s+opposed\s+to|in\s+contrast\s+to|similar\s+to)")
"""Words with which a book sets an idea apart from another named right after them ("Unlike
local variables, which disappear when their function ends, global variables persist ...")."""
_ANY_CUE = compiled_pattern(_CUE + r"\b", re.I)
MAX_CUE_WORDS = 40
"""A longer "sentence" is a list or a glossary run together, not one statement."""


def _is_kind(genus: str, name: str) -> bool:
    """Whether a description's head names the other concept ("an iterator" for iterator)."""
    return bool(genus) and " ".join(stem(w) for w in words(name)) == stem(genus)


def _set_apart(m: Material, sibling: Sibling, passages: Sequence[Chunk]) -> bool:
    """Whether one sentence of the passages names both concepts and sets the one apart from
    the other, named right after the cue ("unlike lists, ..."; not "... unlike lists, you
    can't use an index to select an element": the element is no alternative)."""
    other = sibling.concept
    names = term_variants(other.name, other.aliases)
    after = r"\s+(?:(?:a|an|the|other|normal|ordinary)\s+)?"
    theirs = compiled_pattern(_CUE + after + term_group(names), re.I)
    ours = compiled_pattern(_CUE + after + term_group(m.terms), re.I)
    for passage in passages:
        if not _ANY_CUE.search(passage.text):
            continue
        for sentence in prose_sentences(passage.text):
            for part in re.split(r"\s*[•\u25cf]\s*", sentence):
                if len(part.split()) > MAX_CUE_WORDS or not _ANY_CUE.search(part):
                    continue
                if (theirs.search(part) and m.pattern.search(part)) or (
                        ours.search(part) and mentions(part, names, fuzzy=False)):
                    return True
    return False


def _capital(name: str) -> str:
    return name[:1].upper() + name[1:]


def _exercise(m: Material, sibling: Sibling, page: Citation, n: int) -> Exercise:
    concept, other = m.concept, sibling.concept
    own = lower_first(m.description or "")
    theirs = lower_first(sibling.description or "")
    reference = f"{_capital(concept.name)}: {own}. {_capital(other.name)}, by contrast: {theirs}."
    points = [f"{concept.name}: {own}", f"{other.name}: {theirs}"]
    citations = list(m.citations)
    if page not in citations:
        citations.append(page)
    return Exercise(
        id=f"{concept.id}-contrast-{n}",
        concept_id=concept.id,
        kind=ExerciseKind.SHORT_ANSWER,
        prompt=(f"How does {concept.name} differ from {other.name}? Say what each one is "
                f"and what sets {concept.name} apart."),
        answer=reference,
        key_points=points,
        misconceptions={},
        explanation=(f"The course keeps them apart: {reference} "
                     f"({'; '.join(dict.fromkeys(c.label() for c in citations))})"),
        citations=citations,
        difficulty=round(min(0.9, 0.5 + 0.4 * sibling.similarity), 2),
        origin=ExerciseOrigin.CONTRAST,
    )
