"""Looking through all of a concept's passages for where the book says what it is.

The concept map picks one sentence per concept, and the exercise bank keys a definition item
only to a sentence that really defines (:func:`~tutor.engine.offline.writing.exercise_material.
says_what_it_is`). When the map's sentence only mentions the term ("The other sentences are
premises of the argument"), the book often defines it elsewhere among the passages the
concept's writing task reads: a glossary entry ("nested list: A list that is an element of
another list."), a sentence the map's own classifier takes for a definition
(:func:`tutor.engine.offline.definitions.defining.definition_score` at least
:data:`~tutor.engine.offline.definitions.defining.MIN_DEFINING`, of a definition's shape and not leaning on
the text before), or a naming that points back ("This process is called resampling.") read
together with the sentence it points back at. One judge decides what defines: the map's
classifier, so the bank and the map agree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from tutor.course import Chunk
from tutor.engine.offline.concepts.glossary import (
    GlossaryEntry,
    glossary_entries,
    reads_as_glossary,
)
from tutor.engine.offline.definitions.defining import (
    MIN_DEFINING,
    Candidate,
    definition_score,
    features,
)
from tutor.engine.offline.definitions.descriptions import (
    a_case_or_a_sign,
    compiled_pattern,
    describe,
    glossed_within_a_phrase,
    plainly_defines,
    stands_alone,
    term_group,
)
from tutor.engine.offline.definitions.self_contained import leans
from tutor.engine.offline.terms import content_stems, mentions, term_variants, words
from tutor.engine.offline.writing.checking import canonical
from tutor.engine.offline.writing.exercise_material import (
    Material,
    Sibling,
    arranged,
    prose_sentences,
    usable,
)

MAX_KEY_POINTS = 4
MAX_GLOSS = 300
"""Characters of a glossary gloss's first sentence (longer: entries run together)."""
_NAMING_BACK = r"\b(?:is|are)\s+(?:also\s+|often\s+|sometimes\s+)?(?:called|known\s+as)\s+"
_POINTS_BACK = re.compile(r"^\W*(?:this|that|these|those|such|it(?!\s+is\s+\w+\s+to\b)|they)\b",
                          re.I)
"""A sentence leaning on the one before ("It is possible to ..." does not)."""
_DEMONSTRATIVE = re.compile(r"\b(?:this|these|those|such)\b", re.I)
"""A naming of what the text around described ("Formally, this is a set ...; this set is
called the extension"): it needs that text."""
_SIGNS = ("subject_copula", "subject_verb", "named_object")
"""The classifier's signs that the term is what the sentence defines."""


@dataclass(frozen=True)
class BookDefinition:
    """What the book says a concept is, found among its passages."""

    text: str
    """The defining sentence (with the sentence it points back at), or ``"name: gloss"``."""
    description: str | None
    """The definition without its term, when it can be had."""
    chunk: Chunk
    naming: bool = False
    """Whether ``text`` names the term in its last sentence (no description to ask on)."""


def find_book_definition(m: Material) -> BookDefinition | None:
    """The book's best definition of the concept among the material's passages: a sentence
    the classifier takes for a definition that gives a description standing on its own, else
    a glossary entry, else such a sentence without one, else a naming with its antecedent."""
    defining: list[tuple[float, int, str, str | None, Chunk]] = []
    glossary: list[BookDefinition] = []
    namings: list[BookDefinition] = []
    name = m.concept.name
    for order, chunk in enumerate(m.ordered):
        glossary += _glossary_entries(chunk, m)
        sentences = prose_sentences(chunk.text)
        for i, sentence in enumerate(sentences):
            if not m.pattern.search(sentence) or a_case_or_a_sign(sentence, m.terms):
                continue  # "For example, the 50th percentile is ...": a case, not what it is
            if not usable(sentence) and not (_POINTS_BACK.match(sentence) and usable(
                    "A " + sentence)):  # "This process is called X" is read with its antecedent
                continue
            score = definition_score(name, Candidate(sentence))
            if score < MIN_DEFINING:
                continue
            signs = features(name, Candidate(sentence))
            defines = plainly_defines(sentence, m.terms) or (
                any(signs.get(k) for k in _SIGNS) and not _DEMONSTRATIVE.search(sentence))
            if defines and not leans(sentence) and not _POINTS_BACK.match(sentence):
                gist = describe(sentence, m.terms)
                defining.append((score, -order, sentence,
                                 gist if stands_alone(gist) else None, chunk))
            elif (appositive := _appositive(sentence, m)) is not None:
                defining.append((score, -order, sentence, appositive, chunk))
            elif i > 0 and (found := _with_antecedent(sentences[i - 1], sentence, m)):
                namings.append(BookDefinition(found, None, chunk, naming=True))
    described = [d for d in defining if d[3]]
    if described:
        _, _, text, description, chunk = max(described, key=lambda d: (d[0], d[1]))
        return BookDefinition(text, description, chunk)
    if glossary:
        return glossary[0]
    if defining:
        _, _, text, _, chunk = max(defining, key=lambda d: (d[0], d[1]))
        return BookDefinition(text, None, chunk)
    return namings[0] if namings else None


def glossary_entry(m: Material) -> BookDefinition | None:
    """The concept's own glossary entry among the material's passages, if any."""
    for chunk in m.ordered:
        if entries := _glossary_entries(chunk, m):
            return entries[0]
    return None


@lru_cache(maxsize=4096)
def _glossary_of(text: str) -> tuple[GlossaryEntry, ...]:
    """The glossary entries of a passage, none when it is no glossary; remembered, as each
    passage is read for every concept (and sibling) whose task it belongs to."""
    entries = glossary_entries(text)
    return tuple(entries) if reads_as_glossary(entries) else ()


def _glossary_entries(chunk: Chunk, m: Material) -> list[BookDefinition]:
    """``"term: A gloss."`` entries for the concept in a passage, read by the build's one
    glossary reader (:mod:`tutor.engine.offline.concepts.glossary`)."""
    entries = _glossary_of(chunk.text)
    if not entries:
        return []  # not a glossary: "Python shows: ..." is no entry
    own = {canonical(t) for t in m.terms}
    name = set(words(m.concept.name))
    found: list[BookDefinition] = []
    for entry in entries:
        if canonical(entry.term) not in own:
            continue
        term = set(words(entry.term))
        if term < name or name < term:
            continue  # "cohort" given as an alias of cohort effect: its entry is another idea
        gloss = entry.first_sentence.rstrip(".!? ")
        if (len(gloss) > MAX_GLOSS or mentions(gloss, m.terms) or len(content_stems(gloss)) < 2
                or ";" in gloss):
            continue  # "them" in a gloss points inside it: the glossary stands alone
        found.append(BookDefinition(f"{m.concept.name}: {gloss}.", gloss, chunk))
    return found


def _appositive(sentence: str, m: Material) -> str | None:
    """``"..., seasonality, which is periodic behavior."`` -> ``"periodic behavior"``."""
    match = compiled_pattern(
        term_group(m.terms) + r",\s+which\s+(?:is|are|means)\s+(?P<d>[^,;.]+)", re.I,
    ).search(sentence)
    if not match or glossed_within_a_phrase(sentence, m.terms):
        return None  # "... as a categorical variable, which means ..." glosses another term
    description = match.group("d").strip()
    if mentions(description, m.terms) or not stands_alone(description):
        return None
    return description


def _with_antecedent(before: str, sentence: str, m: Material) -> str | None:
    """``"<what it is>. This process is called X."``: the naming with the sentence it points
    back at, when that one stands alone and does not name the term itself."""
    naming = compiled_pattern(_NAMING_BACK + r"(?:(?:a|an|the)\s+)?" + term_group(m.terms),
                              re.I).search(sentence)
    if not naming or not _POINTS_BACK.match(sentence) and not re.match(
            r"^\W*[\w-]+\s+(?:like|of)\s+th(?:is|ese|at|ose)\b", sentence, re.I):
        return None
    if (not usable(before) or _POINTS_BACK.match(before) or leans(before)
            or mentions(before, m.terms) or before.endswith((":", "?"))):
        return None
    if len(content_stems(before)) < 4:
        return None
    return f"{before} {sentence}"


def with_book_definition(m: Material) -> Material:
    """The material keyed to the book's definition found among its passages, when there is
    one (the map's sentence and key points set aside); else the material as it was."""
    found = find_book_definition(m)
    if found is None:
        return m
    glossary = found.text.startswith(f"{m.concept.name}: ")
    m.sentence = None if glossary else found.text
    m.defines = not glossary
    m.description = found.description
    m.citations = [found.chunk.citation()]
    m.found_elsewhere = True
    return m


ABOUT_PROMPT = "What does the course say about {name}? Answer in your own words."
"""The last-resort item older builds wrote on a concept the book uses but never defines; the
checker still judges such items in course files."""


def states_about(text: str, name: str) -> bool:
    """Whether a sentence says something of the term itself (the term is its subject, or what
    it names), on its own: no pointing back, no sentence that only mentions the term in
    passing ("A logical argument is structured to give someone a reason to believe some
    conclusion"). The checker refuses a last-resort item keyed otherwise."""
    if _POINTS_BACK.match(text) or leans(text) or text.rstrip().endswith(("?", ":")):
        return False
    if re.search(r"\b(?:this|these|those)\b|^\W*\(|\d+\.\d", text, re.I):
        return False  # "Overall, these distributions ...", "(Hint: ...)", the book's numbers
    if re.match(r"^\W*(?i:" + re.escape(name) + r")s?\s+(?:[A-Z]\w*|[∀∃])\s", text):
        return False  # a heading run into its first sentence ("Inductive arguments There ...")
    signs = features(name, Candidate(text))
    if signs.get("question") or signs.get("modal") or signs.get("evaluative"):
        return False  # "The syntax is the same as for strings": a comparison, not the thing
    if re.search(r"\b(?:is|are)\s+(?:the\s+)?(?:same|similar|different|like|not)\b", text,
                 re.I):
        return False
    if any(signs.get(k) for k in _SIGNS):
        return True
    # a property of the term itself, the term opening the sentence ("A sorting algorithm
    # that ..." is about sorting algorithms)
    return bool(signs.get("subject_only")) and re.match(
        r"^\W*(?:(?:a|an|the)\s+)?" + re.escape(name) + r"s?\b", text, re.I) is not None


DESCRIBED_SIBLINGS = 8
"""Nearest siblings whose definition is looked up among the passages when the map's gives no
description (contrast and relation items need one on each side)."""


def described_siblings(siblings: list[Sibling], passages: Sequence[Chunk]) -> list[Sibling]:
    """The siblings, the nearest ones without a description given the book's definition found
    among the passages (a glossary entry, a defining sentence), cited where it was found."""
    out: list[Sibling] = []
    for n, sibling in enumerate(siblings):
        if n < DESCRIBED_SIBLINGS and not stands_alone(sibling.description):
            other = sibling.concept
            terms = term_variants(other.name, other.aliases)
            found = find_book_definition(arranged(other, terms, passages)) if terms else None
            if found is not None and found.description:
                sibling = replace(sibling, description=found.description,
                                  cited=found.chunk.citation())
        out.append(sibling)
    return out


def named_siblings_described(m: Material, siblings: Sequence[Sibling],
                             passages: Sequence[Chunk]) -> list[Sibling]:
    """The siblings, those the concept's definition names (its defining sentence, its
    description, the map's gloss) given the book's definition found among the passages when
    they have none, however far down the ranking they are: a relation item needs both."""
    said = " ".join(t for t in (m.sentence, m.description, m.concept.definition) if t)
    out: list[Sibling] = []
    for sibling in siblings:
        other = sibling.concept
        terms = term_variants(other.name, other.aliases)
        if terms and not stands_alone(sibling.description) and mentions(said, terms,
                                                                        fuzzy=False):
            found = find_book_definition(arranged(other, terms, passages))
            if found is not None and found.description:
                sibling = replace(sibling, description=found.description,
                                  cited=found.chunk.citation())
        out.append(sibling)
    return out
