"""Choosing the sentence that defines a concept, by the scores of a small classifier.

Among the sentences that mention a term where the course introduces it, the defining one is
the first that :mod:`tutor.engine.offline.definitions.defining_signs` scores as a real definition (the
features a reader would check: the term as subject of a copula to a class, a naming, a
property with its condition; against: openers, remarks, announcements, judgements, code).

A sentence that leans on the text before it ("This process is called X", "Connectives that work
in this way are called ...") loses points; a real definition that stands alone is preferred to
it, else it takes the sentences it points back at (:mod:`tutor.engine.offline.definitions.self_contained`). When only the
book's glossary defines a term, its words are used and the glossary's page is cited; a
"Label: question?" line is no glossary entry. When no sentence defines the term, the best one
of the passage that sets it in emphasis (where the book introduces it) is used. A definition
that names only the genus takes the next sentence that goes on describing the thing
(:func:`tutor.engine.offline.definitions.self_contained.with_continuation`); an item of a bulleted list run
into one sentence is taken alone. A definition given by an example is restated in general, or
the term's words are found under its abbreviation or in a later plain statement
(:mod:`tutor.engine.offline.definitions.restating`).

:data:`WEIGHTS` are set by hand from these rules; :data:`MIN_DEFINING` is the score a sentence
needs to count as a real definition (``bench/concept_map.py --rotations`` calibrates it on two
books and reports the third). :func:`clean_definition` tidies the chosen sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from tutor.engine.offline.concepts.candidates import Sentence, TermCandidate
from tutor.engine.offline.concepts.glossary import GLOSSARY_STRENGTH, states_something
from tutor.engine.offline.definitions.defining_signs import (
    BOILERPLATE,
    OPENERS,
    THIS_IS,
    WEIGHTS,
    Candidate,
    definition_score,
    features,
    property_forms,
    says_what,
)
from tutor.engine.offline.definitions.definition_cleaning import clean_definition, short
from tutor.engine.offline.definitions.patterns import Definition
from tutor.engine.offline.definitions.plain_definitions import plain_definition
from tutor.engine.offline.definitions.referring import (
    formally_named,
    is_subject,
    named_after_claim,
    named_for_purpose,
    named_then_said,
    refers_back,
    resolved_nearby,
    standing,
    without_example_symbols,
)
from tutor.engine.offline.definitions.restating import (
    EXAMPLE_BOUND,
    GENUS_ONLY,
    NAMED_IN_PASSING,
    restate,
    said_elsewhere,
)
from tutor.engine.offline.definitions.self_contained import (
    leans,
    with_antecedent,
    with_continuation,
    with_description,
)
from tutor.engine.offline.terms import mentions_key

__all__ = [
    "MIN_DEFINING", "WEIGHTS", "Candidate", "Defining", "choose_definition", "clean_definition",
    "definition_score", "features", "says_what", "short",
]

MIN_DEFINING = 2.0
"""A sentence scoring at least this is taken as a real definition of its term."""

@dataclass
class Defining:
    """The sentence chosen to define a candidate, where it is, and its classifier score."""

    text: str
    chunk: int
    position: int
    """Index in the course's sentence list (-1 for a glossary line)."""
    score: float
    source: int | None = None
    """The chunk whose words ``text`` are, when not ``chunk`` (a glossary entry's words for a
    term the body introduces without saying plainly what it is)."""
    book_words: str = ""
    """The book's sentences ``text`` restates in general words, when it does (see
    :mod:`tutor.engine.offline.definitions.referring`): no key point repeats them."""


MENTION_CHUNKS = 6
"""Passages, from the first mention on, whose sentences may define a term."""
NEAR_PASSAGES = 1
"""A section devoted to a term that never plainly says what it is gives way to a real
definition at most this many passages after its start (a chapter named for the term
defines it in its first section)."""
NEAR_ALONE = 1
"""A sentence that says on its own what the term is replaces a leaning, property or example
sentence at most this many passages after it (so the definition is still cited where the book
introduces the term)."""


def choose_definition(
    cand: TermCandidate,
    mentioned: dict[int, int],
    sentences: Sequence[Sentence],
    by_chunk: dict[int, list[int]],
) -> Defining | None:
    """The first sentence that the classifier takes for a real definition of the term (the
    best one of a section devoted to the term, when that section comes first and says what
    the term is, or the book has no glossary entry for it); when none is, the glossary's
    entry, else the best-scoring one. Candidates: the pattern matches, and the sentences of the
    first passages that mention the term."""
    options: dict[tuple[int, int], Candidate] = {}
    glossary: list[Definition] = []
    for found in cand.definitions:
        if not 0 <= found.position < len(sentences):
            if states_something(found):
                glossary.append(found)
            continue
        section = sentences[found.position].section
        if not _is_glossary(section):
            options[(found.chunk, found.position)] = Candidate(
                _list_item(found.sentence, [cand.key]), section, found.strength,
                found.chunk in cand.emphasized_in)
    glossary.sort(key=lambda entry: (entry.strength < GLOSSARY_STRENGTH, entry.chunk))
    forms = [cand.key, *property_forms(cand.key)]  # "soundness": "A system is sound if ..."
    for chunk in sorted(mentioned)[:MENTION_CHUNKS]:
        for position in by_chunk.get(chunk, []):
            sentence = sentences[position]
            if ((chunk, position) not in options and not _is_glossary(sentence.section)
                    and any(mentions_key(sentence.text, form) for form in forms)):
                options[(chunk, position)] = Candidate(
                    _list_item(sentence.text, forms), sentence.section, 0.0,
                    chunk in cand.emphasized_in)
    term = cand.surfaces.most_common(1)[0][0] if cand.surfaces else cand.key
    scored = sorted((definition_score(term, option), place) for place, option in options.items())
    real = [item for item in scored if item[0] >= MIN_DEFINING]
    if glossary:  # the glossary closes the section that introduces the term: look before it
        real = [item for item in real if item[1][0] < glossary[0].chunk]
    devoted = [item for item in scored if options[item[1]].section
               and mentions_key(options[item[1]].section, cand.key)]
    if devoted:  # the first section devoted to it
        first = options[min(devoted, key=lambda t: t[1])[1]].section
        devoted = [item for item in devoted if options[item[1]].section == first]
    start = min(devoted, key=lambda t: t[1])[1][0] if devoted else 0
    near = [item for item in real if start <= item[1][0] <= start + NEAR_PASSAGES]
    if devoted and (max(devoted)[0] < MIN_DEFINING and (glossary or near)
                    or max(devoted)[0] <= 0):
        devoted = []  # a section that names the term but never says what it is
    if devoted and (not real or min(devoted, key=lambda t: t[1])[1] < min(t[1] for t in real)):
        # A section devoted to the term explains it before any later, plainer definition.
        score, (chunk, position) = max(devoted, key=lambda t: (t[0], -t[1][0], -t[1][1]))
        option = options[(chunk, position)]
    elif real:  # the first passage that defines it; its plainest definition
        first_chunk = min(item[1][0] for item in real)
        score, (chunk, position) = max(
            (item for item in real if item[1][0] == first_chunk),
            key=lambda t: (_sign_strength(term, options[t[1]]), not leans(options[t[1]].text),
                           t[0], -t[1][1]))
        option = options[(chunk, position)]
    elif glossary:
        # The book's own glossary defines it. The text explains it before; its best sentence
        # is used when it says what the term is, else the glossary's own words with the
        # glossary's page: a definition is always cited where its words are.
        entry = glossary[0]
        earlier = [item for item in scored if item[1][0] < entry.chunk] or scored
        best = max(earlier, key=lambda t: (t[0], -t[1][0]), default=None)
        if best is not None and best[0] >= MIN_DEFINING:
            score, (chunk, position) = best
            option = options[(chunk, position)]
        else:  # the glossary's words, cited first where the body introduces the term
            chunk = _introduced(earlier, options, entry.chunk)
            score = definition_score(term, Candidate(entry.sentence, "", entry.strength))
            return Defining(clean_definition(short(_gloss(entry))), chunk, -1, round(score, 3),
                            entry.chunk if chunk != entry.chunk else None)
    elif scored:
        # No sentence defines it: the best of the passage that sets it in emphasis where the
        # book introduces it, else the best of all.
        marked = [item for item in scored if options[item[1]].emphasized]
        introduced = min(item[1][0] for item in marked) if marked else -1
        pool = [item for item in marked if item[1][0] == introduced] or scored
        score, (chunk, position) = max(pool, key=lambda t: (t[0], -t[1][0]))
        option = options[(chunk, position)]
        if _sign_strength(term, option) == 0:
            # It only mentions the term: a later sentence of its passages that names the term
            # or says what it is, though weakly, says more.
            signed = [item for item in scored if item[0] > score and item[1][1] >= 0
                      and _sign_strength(term, options[item[1]]) > 0
                      and not leans(options[item[1]].text)]
            if signed:
                score, (chunk, position) = min(signed, key=lambda t: t[1])
                option = options[(chunk, position)]
    else:
        return None
    marks = features(term, option)
    plain_naming = (marks["named_object"] or marks["appositive"]) and not leans(option.text)
    if position >= 0 and not plain_naming and not says_what(term, option):
        # A sentence that leans on earlier text, or states a property, a use or an example,
        # gives way to one that says on its own what the term is, when the book has one.
        alone = [item for item in real if item[1][1] >= 0 and item[1][0] <= chunk + NEAR_ALONE
                 and says_what(term, options[item[1]])]
        if alone:
            score, (chunk, position) = min(alone, key=lambda t: (t[1][0], -t[0]))
            option = options[(chunk, position)]
    judged = replace(option, text=clean_definition(option.text))  # as a learner reads it
    if (glossary and glossary[0].strength >= GLOSSARY_STRENGTH and position >= 0
            and not (plain_definition(term, judged, chosen=True)
                     and not GENUS_ONLY.search(judged.text)
                     and (says_what(term, judged) or not NAMED_IN_PASSING.search(judged.text)))):
        # The body names or uses the term where it introduces it; the book's glossary says
        # plainly what it is: its words, cited after the page that introduces the term.
        return Defining(clean_definition(short(_gloss(glossary[0]))), chunk, position,
                        round(score, 3), glossary[0].chunk)
    if position >= 0 and not plain_definition(term, judged, chosen=True):
        # A sentence elsewhere among the term's passages that says plainly what it is: its
        # words, cited after the page that introduces the term.
        # The first such sentence in reading order (read in order, not all of them judged).
        for elsewhere in sorted(place for _, place in scored):
            if (elsewhere[1] < 0 or elsewhere == (chunk, position)
                    or not plain_definition(term, options[elsewhere])):
                continue
            stands = standing([term, *forms], elsewhere[1], options[elsewhere].text, sentences)
            if not stands:
                continue
            text = clean_definition(short(stands))
            if text:
                return Defining(text, chunk, position, round(score, 3), elsewhere[0])
            break
    def elsewhere_said(subject: bool = False) -> tuple[str, int] | None:
        return said_elsewhere(term, cand.surfaces, forms, sorted(mentioned), MENTION_CHUNKS,
                              sentences, by_chunk, MIN_DEFINING,
                              lambda s: not _is_glossary(s.section) and not refers_back(s.text)
                              and (not subject or is_subject(forms, s.text))
                              and plain_definition(term, Candidate(s.text, s.section)))

    if position >= 0 and not plain_definition(term, judged, chosen=True):
        words = None if (not leans(option.text) and not EXAMPLE_BOUND.match(option.text)
                         and not refers_back(option.text)
                         and _sign_strength(term, option) >= 2) else elsewhere_said()
        if words is not None:  # its words, cited after the page that introduces the term
            return Defining(words[0], chunk, position, round(score, 3), words[1])
    if position >= 0 and refers_back(option.text):
        # "The other sentences are premises of the argument.", "... summarized on p. 151": a
        # sentence of the term's passages whose reference the sentences before it resolve,
        # else one that says plainly what it is, says it alone.
        restated_at = resolved_nearby([term, *forms], position, sorted(mentioned)[:MENTION_CHUNKS],
                                sentences, by_chunk) or elsewhere_said(subject=True)
        if restated_at is not None:
            return Defining(restated_at[0], chunk, position, round(score, 3), restated_at[1])
    text = option.text
    if THIS_IS.match(text) and ":" in text:  # "This is the X rule (XE): <its schema>"
        text = text.split(":", 1)[0].rstrip() + "."
    text, start = with_antecedent(text, position, sentences, BOILERPLATE)
    text = with_continuation(text, position, sentences, BOILERPLATE)
    text = with_description(text, position, sentences, BOILERPLATE,
                            lambda words: any(mentions_key(words, form) for form in forms))
    if start != position:  # cited where the definition starts
        chunk = sentences[start].chunk
    book_words = text
    names = [term, *forms]
    text = (named_after_claim(names, text) or named_then_said(names, text)
            or named_for_purpose(names, text) or formally_named(names, text)
            or without_example_symbols(text))
    text = standing([term, *forms], position, text, sentences) or text
    text = restate(term, text, lambda words: any(mentions_key(words, form) for form in forms))
    restated = text != book_words
    text = clean_definition(short(text))
    if not text:
        return None
    return Defining(text, chunk, position, round(score, 3),
                    book_words=book_words if restated else "")


def _gloss(entry: Definition) -> str:
    """A glossary entry's words without its term ("term: A gloss." -> "A gloss.")."""
    return entry.sentence.split(": ", 1)[-1]


def _introduced(
    scored: Sequence[tuple[float, tuple[int, int]]], options: dict[tuple[int, int], Candidate],
    fallback: int,
) -> int:
    """The passage where the body introduces a term it never plainly defines: the one with
    its best sentence (the first of equals), else ``fallback``."""
    best = max(scored, key=lambda t: (t[0], -t[1][0]), default=None)
    return best[1][0] if best is not None else fallback


_SIGNS = ("subject_copula", "subject_verb", "named_object", "appositive", "predicate", "inverse")


def _sign_strength(term: str, option: Candidate) -> int:
    """2 for a sentence that says what the term is or names it where the book introduces it
    ("A list is a sequence of values", "... is called refactoring", "A set is consistent if
    ..."), 1 for one that only says something of it with the term as subject ("Each attribute
    refers to a number"), 0 for one that only sits where the book emphasises the term ("In
    this case, the comment appears on a line by itself")."""
    marks = features(term, option)
    first = option.text.split()[0].lower().strip("\"'(,") if option.text.split() else ""
    discourse = first in OPENERS and not leans(option.text)  # "So if we ..., we define ..."
    if not discourse and (says_what(term, option) or marks["named_object"]
                          or marks["predicate"]):
        return 2
    return 1 if any(marks[name] for name in _SIGNS) else 0


_BULLET = re.compile(r"\s*[\u2022\u25cf\u25aa]\s+")


def _list_item(text: str, forms: Sequence[str]) -> str:
    """The part of a run-on sentence that defines the term best: an item of a bulleted list
    run into one sentence ("... same distribution. • The third step is to compute a p-value,
    which is ..."), or, in a long run, the words after a sentence start the text lost its full
    stop before ("... therefore, hence, thus, then, so To be perfectly general, we can define
    an argument as ..."), when one says what the term is; else the text."""
    parts = [item.strip() for item in _BULLET.split(text) if item.strip()]
    parts = [piece for part in parts for piece in _run_on_parts(part)]
    if len(parts) < 2:
        return text
    scored = [(definition_score(forms[0], Candidate(part)), -number, part)
              for number, part in enumerate(parts) if any(mentions_key(part, form) for form in forms)]
    best = max(scored, default=None)
    return best[2] if best is not None and best[0] >= MIN_DEFINING else text


_RUN_ON = re.compile(r"(?<=[a-z,;]) (?=(?:To|The|This|These|An|In|We|It|For|If|When|Here|"
                     r"There|Now|So|Thus|Instead)\s)")
"""A sentence start after a lower-case word: where a list or a table lost its full stop."""
RUN_ON_WORDS = 40
"""A sentence this long may be several run together."""


def _run_on_parts(text: str) -> list[str]:
    if len(text.split()) <= RUN_ON_WORDS:
        return [text]
    return [part.strip() for part in _RUN_ON.split(text) if part.strip()]




def _is_glossary(section: str) -> bool:
    return "glossary" in section.lower()


MAX_KEYPOINT_CHARS = 240


def key_points(
    key: str,
    best: Defining,
    sentences: Sequence[Sentence],
    by_position: dict[tuple[int, int], list[int]],
    by_chunk: dict[int, list[int]],
) -> list[str]:
    """The defining sentence and up to three short statements after it: the rest of its
    paragraph, then sentences of the same or the next passage that mention the term. When a
    glossary's words are the definition, the sentence that introduces the term comes first
    (where the book introduces it is what the concepts introduced with it share)."""
    points = [short(best.text)]
    if best.source is not None and 0 <= best.position < len(sentences):
        points.insert(0, sentences[best.position].text)
    if not 0 <= best.position < len(sentences):
        chunk = best.chunk
        paragraph: list[int] = []
    else:
        anchor = sentences[best.position]
        chunk = anchor.chunk
        paragraph = [p for p in by_position.get((chunk, anchor.block), []) if p > best.position]
    nearby = [p for c in (chunk, chunk + 1) for p in by_chunk.get(c, []) if p > best.position]
    for position in [*paragraph, *nearby]:
        text = sentences[position].text
        if (len(points) >= 4 or any(text in point for point in points)
                or text in best.book_words and _restates(best.text, text)):
            continue  # (a definition may have taken the sentence after it, or restated it)
        if position not in paragraph and not mentions_key(text, key):
            continue
        if 5 <= len(text.split()) and len(text) <= MAX_KEYPOINT_CHARS and "?" not in text:
            points.append(text)
    return points


_EXAMPLE_AFTER = re.compile(r"\s*[-\u2014\u2013,;]+\s*for (?:example|instance)\b")


def _restates(definition: str, sentence: str) -> bool:
    """Whether the definition says again what ``sentence`` (one it was made from) says: half
    its content words or more, its example aside ("In a reductio, we assume something for
    the sake of argument - for example, that ..."), are in it."""
    said = set(re.findall(r"[a-z]{4,}", _EXAMPLE_AFTER.split(sentence)[0].lower()))
    return len(said & set(re.findall(r"[a-z]{4,}", definition.lower()))) * 2 >= len(said)
