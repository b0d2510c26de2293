"""Contrast exercises: which near sibling a concept is set apart from, and a case against the
nearest fair rival when no sibling passed.

Knowing a definition by heart is not knowing where one idea ends and the next begins. The
sibling must be one the learner could confuse with the concept (ranked by similarity), both
must have a definition that does not name the other, and the sibling must be defined on a page
the concept's passages include, so the key points of both definitions are checked against
pages the exercise cites. How the item is asked and keyed (the tie the book states between the
two, or a mix-up to diagnose) is :mod:`~tutor.engine.offline.contrasts.contrast_questions`.
A concept no sibling passes those tests with is still asked the book's case of it (or of a near
concept) against the nearest near concept of one kind (:func:`_rival_case`): telling a case
apart with a reason uses both ideas, where a definition item only recalls one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from tutor.course import Chunk, Citation, Concept, Exercise
from tutor.engine.offline.contrasts.contrast_cases import case_item, shown_case
from tutor.engine.offline.contrasts.contrast_questions import contrast_item, sets_apart
from tutor.engine.offline.contrasts.contrast_sides import Said, find_side, without_asides
from tutor.engine.offline.contrasts.nested_ideas import nested
from tutor.engine.offline.contrasts.relating_sentences import relating_sentence
from tutor.engine.offline.definitions.descriptions import (
    compiled_pattern,
    only_examples,
    stands_alone,
    term_group,
)
from tutor.engine.offline.terms import content_stems, mentions, term_variants, words
from tutor.engine.offline.writing.checking import negates, same_option
from tutor.engine.offline.writing.exercise_material import (
    Material,
    Sibling,
    clauses,
    dice,
    prose_sentences,
)
from tutor.text import STOPWORDS, may_name, stem

CLOSE_SIMILARITY = 0.6
"""Embedding cosine from which two concepts are close enough to mix up whatever their names."""
SAME_KIND_SIMILARITY = 0.35
"""Embedding cosine from which two definitions of the same kind of thing are alternatives."""
PARALLEL = 0.45
"""Dice overlap of two definitions' content words from which they are written in parallel."""
NEAR_NAMESAKES = 0.7
"""Embedding cosine from which two concepts whose names share a word are alternatives even
though their definitions name different kinds of thing."""
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
        if theirs is None or not _confusable(m, own, sibling, theirs, passages):
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
        if theirs is None or not _rival(own, sibling, theirs, m.concept.name):
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


def _rival(own: Said, sibling: Sibling, theirs: Said, name: str) -> bool:
    """Whether the near concept is a fair rival for a case of the concept named ``name``: of
    the same kind of thing, near enough in meaning, neither a condition beside a thing nor a
    thing beside its own kind."""
    if own.condition != theirs.condition or sibling.similarity < RIVAL_SIMILARITY:
        return False
    if _is_kind(own.genus, sibling.concept.name) or _is_kind(theirs.genus, name):
        return False
    if sibling.similarity >= NEAR_RIVAL:
        return True
    kinds = {_genus(own.description, role=False), own.genus}
    return bool(own.genus) and bool(kinds & {_genus(theirs.description, role=False),
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


def _denied(terms: Sequence[str]) -> re.Pattern[str]:
    return compiled_pattern(r"\b(?:not|neither|nor|unlike|never)\s+(?:(?:a|an|the)\s+)?"
                            + term_group(terms), re.I)


def _denies(description: str, terms: Sequence[str]) -> bool:
    """Whether a description names the other concept to deny it ("neither a tautology")."""
    return _denied(terms).search(description) is not None


def _leans_on(description: str, terms: Sequence[str]) -> bool:
    """Whether a description names the other concept other than to deny it: "a sentence that
    is neither a tautology nor a contradiction" sets the contingent sentence apart from the
    tautology; "the sequence of statements inside a function definition" leans on it."""
    if not mentions(description, terms, fuzzy=False):
        return False  # "consistent" is not a mention of inconsistent
    return mentions(_denied(terms).sub(" ", description), terms, fuzzy=False)


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


@lru_cache(maxsize=8192)
def _genus(description: str, role: bool = True) -> str:
    """The head of the description's first phrase: "a statistic based on..." -> "statistic",
    "a value you can assign ..." -> "value", "any one of the languages ..." -> "languages",
    "values collected and recorded ..." -> "values", "a moment-based statistic" -> "statistic",
    "a form of regression used when ..." -> "regression"; the role it is given when ``role``
    ("the square root of variance, also used as a measure of spread" -> "measure", else
    "root")."""
    head = clauses(description)[0] if clauses(description) else description
    head = re.sub(r"^\W*(?:(?:any|each)\s+)?one\s+of\s+", "", head, flags=re.I)
    head = _SORT_OF.sub("", head)  # "a form of regression used when ..." is a regression
    kind = re.search(r"\bas\s+(?:a|an)\s+([\w-]+)", head) if role else None
    if kind and kind.group(1).lower() not in STOPWORDS:
        return kind.group(1).lower()  # "a representation of a distribution as a function"
    head = re.split(r"\s+(?:of|for|to|in|on|by|with|based|that|which|used|intended|meant|"
                    r"designed|defined|given|computed|chosen)\b", head)[0]
    found = words(re.sub(r"\b\w+-(?=\w)", "", head))
    start = 1 if found and found[0] in _DETERMINERS else 0
    for n in range(start, len(found)):
        word = found[n]
        if word not in STOPWORDS and (
                n + 1 == len(found) or found[n + 1] in STOPWORDS or found[n + 1].endswith("ed")):
            return word  # the noun before a clause that qualifies it
    return found[-1] if found else ""


_STATES = re.compile(r"\bstates\s+that\b", re.I)
_SORT_OF = re.compile(r"^\W*(?:(?:a|an|the|any|one)\s+)?(?:(?:special|particular|common|simple)\s+)?"
                      r"(?:form|kind|type|sort|variety|variant|version)\s+of\s+", re.I)
"""A description opening "a form of X": the kind is X."""


def _genus_of(concept: Concept, description: str) -> str:
    """The kind of thing a description names; a law ("The law of total probability states
    that the probability of an event equals ...") is a law, not the quantity it speaks of."""
    return "law" if _STATES.search(concept.definition) else _genus(description)


_DETERMINERS = frozenset({"a", "an", "the", "any", "each", "one", "some", "every"})


def _confusable(m: Material, own: Said, sibling: Sibling, theirs: Said,
                passages: Sequence[Chunk]) -> bool:
    """Whether a learner could mix the two up, as alternatives of one kind: their names end in
    the same word or one negates the other (valid, invalid), their definitions name the same
    kind of thing, the book introduces them side by side, they are very close in meaning, or
    the book sets them apart in one sentence. Never two different kinds of thing (survival
    analysis, a set of methods, and survival curve, a function), nor a thing beside its own
    kind ("zip returns an iterator")."""
    genus, theirs_genus = own.genus, theirs.genus
    if genus != theirs_genus and _genus(own.description, role=False) == _genus(
            theirs.description, role=False):
        # the same kind under another role ("the square root of variance, also used as a
        # measure of spread" beside "the square root of MSE")
        genus = theirs_genus = _genus(own.description, role=False)
    if own.condition != theirs.condition:
        # "an estimator is unbiased if ..." is no alternative to a kind of estimator; "a
        # sentence is contingent if it is neither a tautology nor ..." denies the other
        condition, other = (own, sibling.concept) if own.condition else (theirs, m.concept)
        return _denies(condition.description, term_variants(other.name, other.aliases))
    if _is_kind(genus, sibling.concept.name) or _is_kind(theirs_genus, m.concept.name):
        return False
    if _set_apart(m, sibling, passages):
        # the book itself sets them apart ("unlike lists, you can't use an index to select an
        # element from an iterator")
        return True
    if genus and theirs_genus and stem(genus) != stem(theirs_genus):
        # a function and an object (zip, iterator): not alternatives, however near; unless
        # their names share a word and they are nearly one idea (sampling bias, an error,
        # and sampling error, a variation)
        return _share_a_word(m.concept.name, sibling.concept.name) and (
            sibling.similarity >= NEAR_NAMESAKES)
    if _within_head(own.description, sibling.concept.name) or _within_head(
            theirs.description, m.concept.name):
        return False  # "regression: one of several processes for estimating ..." is estimation
    if _named_alike(m.concept.name, sibling.concept.name):
        return True
    if genus and genus == theirs_genus and genus not in STOPWORDS:
        # two of one kind, not too far apart in meaning (a conditional expression and a list
        # comprehension are both expressions, and no alternatives), or defined in parallel
        # ("a function that maps from values to their cumulative probabilities", "a function
        # that maps from a time, t, to the probability of surviving past t")
        return sibling.similarity >= SAME_KIND_SIMILARITY or dice(
            own.description, theirs.description) >= PARALLEL
    if own.side is not None and theirs.side is not None and own.side.beside(theirs.side):
        return True  # "Given a conditional ... This is called modus ponens." beside its sibling
    return sibling.similarity >= CLOSE_SIMILARITY


def _within_head(description: str, name: str) -> bool:
    """Whether the head of a description (its first phrase) names the other concept, in any
    form: "one of several related processes for estimating parameters" for estimation."""
    parts = clauses(description)
    head = " ".join(stem(w) for w in words(parts[0] if parts else description))
    named = " ".join(stem(w) for w in words(name))
    return bool(named) and f" {named} " in f" {head} "


def _share_a_word(first: str, second: str) -> bool:
    return bool((set(words(first)) & set(words(second))) - STOPWORDS)


def _named_alike(first: str, second: str) -> bool:
    """Names of alternatives: the same head word ("syntax error", "semantic error"), or one
    the negation of the other ("valid", "invalid"); not a shared modifier ("survival
    analysis", "survival curve")."""
    a, b = words(first), words(second)
    if not a or not b:
        return False
    if a[-1] == b[-1] and a[-1] not in STOPWORDS and len(a) + len(b) > 2:
        return True
    return negates(first, second)


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
    parts = [part for passage in passages for part in _cue_parts(passage.text)]
    if not parts:
        return False
    other = sibling.concept
    names = term_variants(other.name, other.aliases)
    after = r"\s+(?:(?:a|an|the|other|normal|ordinary)\s+)?"
    # a cue pattern is compiled only when a piece names the concept it does not hold
    # (a piece without the first word of the name the pattern looks for cannot match it:
    # most pairs then compile none)
    ours_named = [part for part in parts if m.pattern.search(part) and may_name(part, names)]
    if ours_named:
        theirs = compiled_pattern(_CUE + after + term_group(names), re.I)
        if any(theirs.search(part) for part in ours_named):
            return True
    theirs_named = [part for part in parts if may_name(part, m.terms)
                    and mentions(part, names, fuzzy=False)]
    if not theirs_named:
        return False
    ours = compiled_pattern(_CUE + after + term_group(m.terms), re.I)
    return any(ours.search(part) for part in theirs_named)


@lru_cache(maxsize=4096)
def _cue_parts(text: str) -> tuple[str, ...]:
    """The pieces of a passage's prose sentences (split at bullets) that hold a cue and are
    short enough to be one statement: found once per passage, not once per pair of concepts
    whose tasks read it (the scan for cues was most of the contrast writer's CPU)."""
    if not _ANY_CUE.search(text):
        return ()
    return tuple(part for sentence in prose_sentences(text)
                 for part in re.split(r"\s*[•\u25cf]\s*", sentence)
                 if len(part.split()) <= MAX_CUE_WORDS and _ANY_CUE.search(part))
