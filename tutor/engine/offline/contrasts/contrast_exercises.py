"""Contrast exercises: which near sibling a concept is set apart from, and a case against the
nearest fair rival when no sibling passed.

Knowing a definition by heart is not knowing where one idea ends and the next begins. The
sibling must be one the learner could confuse with the concept (ranked by similarity;
:mod:`~tutor.engine.offline.contrasts.confusable_pairs`), both must have a definition that does
not name the other, and the sibling must be defined on a page the concept's passages include,
so the key points of both definitions are checked against pages the exercise cites. How the
item is asked and keyed (the tie the book states between the two, or a mix-up to diagnose) is
:mod:`~tutor.engine.offline.contrasts.contrast_questions`. A concept no sibling passes those
tests with is still asked the book's case of it (or of a near concept) against the nearest near
concept of one kind (:func:`_rival_case`): telling a case apart with a reason uses both ideas,
where a definition item only recalls one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Chunk, Citation, Concept, Exercise
from tutor.engine.offline.contrasts.confusable_pairs import (
    confusable,
    denied,
    description_genus,
    is_kind,
)
from tutor.engine.offline.contrasts.contrast_cases import case_item, shown_case
from tutor.engine.offline.contrasts.contrast_questions import contrast_item, sets_apart
from tutor.engine.offline.contrasts.contrast_sides import Said, find_side, without_asides
from tutor.engine.offline.contrasts.nested_ideas import nested
from tutor.engine.offline.contrasts.relating_sentences import relating_sentence
from tutor.engine.offline.definitions.descriptions import (
    only_examples,
    stands_alone,
)
from tutor.engine.offline.terms import content_stems, mentions, term_variants, words
from tutor.engine.offline.writing.checking import same_option
from tutor.engine.offline.writing.exercise_material import (
    Material,
    Sibling,
)

MAX_DEFINITION_WORDS = 45
MAX_ITEMS = 2


def write_contrast(
    m: Material, siblings: Sequence[Sibling], passages: Sequence[Chunk]
) -> list[Exercise]:
    """Contrast items with the nearest fit siblings, at most :data:`MAX_ITEMS`."""
    own = _own_side(m)
    if own is None:
        return []
    pages = {(p.source, p.page) for p in passages}
    found: list[Exercise] = []
    for sibling in siblings:
        other = sibling.concept
        theirs = _sibling_side(sibling, passages)
        if theirs is None or not real_sides(m, own, sibling, theirs) or not confusable(
                m, own, sibling, theirs, passages):
            continue
        own_terms = term_variants(other.name, other.aliases)
        if _leans_on(own.description, own_terms) or _leans_on(theirs.description, m.terms):
            continue  # said through the other ("the sequence of statements inside a function")
        if same_option(own.description, theirs.description) or _same_idea(
                own.description, theirs.description, [*m.terms, *own_terms]):
            continue  # "contingent sentence" and "contingent in QL": one idea, two languages
        if nested(m.terms, own_terms, passages):
            continue  # the book puts one under the other ("Ys (like X ...)"): no side to pick
        cited = [c for c in ([theirs.cited] if theirs.cited else other.citations[:1])
                 if (c.source, c.page) in pages]
        if not cited:
            continue
        relating = relating_sentence(m.terms, own_terms, m.ordered)
        if relating is None and not (
                sets_apart(own, theirs, m.concept.name, other.name)
                and sets_apart(theirs, own, other.name, m.concept.name)):
            continue  # one side says nothing the other does not: no key to set them apart
        # the book's case of either idea to classify, else the tie or a mix-up to diagnose
        item = case_item(m, without_asides(own.description), other,
                         without_asides(theirs.description), passages,
                         _citations(m, own, cited[0]), f"{m.concept.id}-contrast-{len(found) + 1}",
                         [s.concept for s in siblings], relating,
                         [q for e in found if (q := shown_case(e))])
        item = item or contrast_item(m, own, sibling, theirs, cited[0], len(found) + 1,
                                     relating)
        if item is None:
            continue
        found.append(item)
        if len(found) == MAX_ITEMS:
            break
    if len(found) < MAX_ITEMS and not any(shown_case(e) for e in found):
        case = _rival_case(m, own, siblings, passages, len(found) + 1,
                           [q for e in found if (q := shown_case(e))])
        if case is not None:
            found.append(case)
    return found


RIVAL_SIMILARITY = 0.3
"""Embedding cosine from which a near concept of the same kind of thing is a fair rival for a
case (the case is to be told, with a reason, as one idea or the other)."""
MAX_RIVALS = 4
"""Near concepts tried as the rival of a case: the nearest ones, most similar first."""


def _rival_case(m: Material, own: Said, siblings: Sequence[Sibling],
                passages: Sequence[Chunk], n: int, quoted: Sequence[str]) -> Exercise | None:
    """A case item for a concept no sibling passed the contrast's tests with: the book's case
    of the concept (or of a near concept) and the nearest near concept as the rival, when both
    say what they are, neither is said through the other or under the other, the two say
    different things and are of one kind (or very close). A learner who tells a case apart,
    with a reason, uses both ideas; the mix-up to diagnose is not written for such a pair (it
    needs the tests the loop above applies)."""
    pages = {(p.source, p.page) for p in passages}
    for sibling in siblings[:MAX_RIVALS]:
        other = sibling.concept
        theirs = _sibling_side(sibling, passages)
        if theirs is None or not real_sides(m, own, sibling, theirs) or not _rival(
                own, sibling, theirs, m.concept.name):
            continue
        own_terms = term_variants(other.name, other.aliases)
        if _leans_on(own.description, own_terms) or _leans_on(theirs.description, m.terms):
            continue
        if same_option(own.description, theirs.description) or _same_idea(
                own.description, theirs.description, [*m.terms, *own_terms]):
            continue
        if nested(m.terms, own_terms, passages):
            continue
        cited = [c for c in ([theirs.cited] if theirs.cited else other.citations[:1])
                 if (c.source, c.page) in pages]
        if not cited or not (sets_apart(own, theirs, m.concept.name, other.name)
                             and sets_apart(theirs, own, other.name, m.concept.name)):
            continue
        item = case_item(m, without_asides(own.description), other,
                         without_asides(theirs.description), passages,
                         _citations(m, own, cited[0]), f"{m.concept.id}-contrast-{n}",
                         [s.concept for s in siblings],
                         relating_sentence(m.terms, own_terms, m.ordered), quoted)
        if item is not None:
            return item
    return None


def real_sides(m: Material, own: Said, sibling: Sibling, theirs: Said) -> bool:
    """Whether both sides of a contrast are concepts the course defines, each side read from
    a definition of its own concept: the map's definition (:attr:`Concept.defined`), a
    defining sentence found in the book (the material's, or the sibling's cited one), or a
    statement in a definition's shape (:mod:`~tutor.engine.offline.contrasts.contrast_sides`).
    A concept the map only describes gives no side: its sentence says something of another
    thing ("Scheme can be used to do calculations." for *calculations in Scheme*, a section's
    title; "A music function must return a music expression." for *void music function*),
    and a classmate's note or a case built on it asks the learner to tell apart what the
    book never set apart."""
    ours = m.concept.defined or (m.found_elsewhere and m.defines) or own.side is not None
    other = sibling.concept.defined or sibling.cited is not None or theirs.side is not None
    return ours and other


def _rival(own: Said, sibling: Sibling, theirs: Said, name: str) -> bool:
    """Whether the near concept is a fair rival for a case of the concept named ``name``: of
    the same kind of thing, near enough in meaning, neither a condition beside a thing nor a
    thing beside its own kind."""
    if own.condition != theirs.condition or sibling.similarity < RIVAL_SIMILARITY:
        return False
    if is_kind(own.genus, sibling.concept.name) or is_kind(theirs.genus, name):
        return False
    if sibling.similarity >= NEAR_RIVAL:
        return True
    kinds = {description_genus(own.description, role=False), own.genus}
    return bool(own.genus) and bool(kinds & {description_genus(theirs.description, role=False),
                                             theirs.genus})


NEAR_RIVAL = 0.45
"""Embedding cosine from which a near concept is a fair rival whatever kind of thing its
definition names ("mode", a value, beside "median", a measure)."""


def _citations(m: Material, own: Said, page: Citation) -> list[Citation]:
    """Where a contrast's sides are read: the concept's side first, then the sibling's page."""
    citations = list(m.citations)
    if own.cited is not None:
        citations = [own.cited, *(c for c in citations if c != own.cited)]
    return citations if page in citations else [*citations, page]


def _leans_on(description: str, terms: Sequence[str]) -> bool:
    """Whether a description names the other concept other than to deny it: "a sentence that
    is neither a tautology nor a contradiction" sets the contingent sentence apart from the
    tautology; "the sequence of statements inside a function definition" leans on it."""
    if not mentions(description, terms, fuzzy=False):
        return False  # "consistent" is not a mention of inconsistent
    return mentions(denied(terms).sub(" ", description), terms, fuzzy=False)


def _same_idea(first: str, second: str, names: Sequence[str]) -> bool:
    """Whether the two sides say the same once the names (and the language each is said of)
    are left out: one idea under two names, nothing to tell apart. Parallel definitions that
    differ in one word ("the last item added", "the first item added") are the best contrasts
    and stay."""
    drop = {w for n in names for w in words(n)} | {"sl", "ql", "english"}
    a, b = content_stems(first, drop), content_stems(second, drop)
    return bool(a) and a == b


def _own_side(m: Material) -> Said | None:
    """The concept's side: its description when it tells what the concept is, else what the
    passages say in a property's shape (:mod:`~tutor.engine.offline.contrasts.contrast_sides`)."""
    if _telling(m.description):
        return Said(m.description or "", _genus_of(m.concept, m.description or ""), None)
    side = find_side(m.terms, m.ordered)
    return Said(side.description, side.genus, side.cited, side) if side else None


def _sibling_side(sibling: Sibling, passages: Sequence[Chunk]) -> Said | None:
    """The sibling's side: its description, cited where the exercise can cite it, else what
    the passages say of it (a summary page restating the definition is as good)."""
    other = sibling.concept
    given = None
    if _telling(sibling.description):
        given = Said(sibling.description or "",
                      _genus_of(other, sibling.description or ""), sibling.cited)
        pages = {(p.source, p.page) for p in passages}
        if sibling.cited or any((c.source, c.page) in pages for c in other.citations[:1]):
            return given
    terms = term_variants(other.name, other.aliases)
    if not terms:
        return given
    defining = {(c.source, c.page) for c in other.citations[:1]}
    ordered = sorted(passages, key=lambda p: ((p.source, p.page) not in defining, p.order, p.id))
    side = find_side(terms, ordered)
    return Said(side.description, side.genus, side.cited, side) if side else given


def _telling(description: str | None) -> bool:
    """A description that says what the thing is: one sentence short enough to compare, at
    least three content words, not merely another name ("also called a class")."""
    if not description or len(description.split()) > MAX_DEFINITION_WORDS:
        return False
    if re.match(r"^(?:also|or)\s+(?:called|known)\b", description, re.I):
        return False
    if re.search(r"[.!?]\s+\S", description.strip()):
        return False  # more than one sentence: a glossary definition run on into the next
    return (len(content_stems(description)) >= 3 and stands_alone(description)
            and not only_examples(description))


_STATES = re.compile(r"\bstates\s+that\b", re.I)


def _genus_of(concept: Concept, description: str) -> str:
    """The kind of thing a description names; a law ("The law of total probability states
    that the probability of an event equals ...") is a law, not the quantity it speaks of."""
    return "law" if _STATES.search(concept.definition) else description_genus(description)
