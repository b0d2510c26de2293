"""How a contrast between two concepts is asked, and what its key says.

"Say what each one is" asks for two definitions, and a learner who recites them has shown
recall, not that they can keep the two apart. A contrast is asked the way a teacher tests the
line between two ideas. When the book states how the two are related in one sentence ("it's
just the complement of the CDF", "the second central moment, which you might recognize as
variance"), that relation is what the item asks for and the core of its key, cited on its
page (:mod:`~tutor.engine.offline.contrasts.relating_sentences`); both sides' descriptions go with it.
Otherwise the item is a mix-up to diagnose: a classmate's note gives the concept the
sibling's description, and the learner names the idea the note describes and says what the
concept is. A pair where one side says nothing the other does not ("a measure of estimation
error") gets no item: its key could not say what sets the two apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.answers import CASE_ASKED
from tutor.course import NOTE_DESCRIBES, Citation, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.contrasts.contrast_sides import Said, without_asides
from tutor.engine.offline.contrasts.relating_sentences import Relating
from tutor.engine.offline.terms import content_stems, mentions, term_variants, words
from tutor.engine.offline.writing.exercise_material import Material, Sibling
from tutor.negation import has_negation
from tutor.text import as_statement, lower_first, stem


def _capital(name: str) -> str:
    return name[:1].upper() + name[1:]


def sets_apart(own: Said, theirs: Said, own_name: str, their_name: str) -> bool:
    """Whether a side says something of its own: beyond its name and its kind, at least
    :data:`MIN_OWN_WORDS` content words, or a word or a "not" the other side lacks.
    "mean squared error: a measure of estimation error" beside "standard error: a measure of
    how far we expect the estimate to be off" says nothing of its own, and a teacher would
    call a key built on it incomplete; "an event: a set of outcomes of an experiment" beside
    the sample space, "the set of all possible outcomes ...", does; so do parallel definitions
    that differ in one word or its place ("the last item added is the first one removed")."""
    if has_negation(own.description) != has_negation(theirs.description):
        return True  # "a set of sentences that could not all be true": the "not" sets it apart
    mine = content_stems(own.description, set(words(own_name))) - {stem(own.genus)}
    if len(mine) >= MIN_OWN_WORDS:
        return True
    return bool(mine - content_stems(theirs.description, set(words(their_name))))


MIN_OWN_WORDS = 2
"""Content words beyond a side's name and kind from which it says what the thing is."""


def _side_point(name: str, description: str) -> str:
    return f"{name}{SIDE_MARK}{description}"


SIDE_MARK = ": "
"""Between a concept's name and what it is in a contrast's key points (:func:`pair_of`)."""


def pair_of(origin: str, prompt: str, key_points: Sequence[str]) -> tuple[str, str] | None:
    """The two concepts an item on a pair sets side by side, in order (from the item's
    ``origin`` value, prompt and key points): a contrast's (from its
    last two key points, each "<name>: <what it is>") or a relation item's (from its prompt,
    "How are X and Y related?"); ``None`` for any other item. Items on one pair, written from
    either side, ask one question."""
    names: list[str] = []
    if origin == ExerciseOrigin.CONTRAST.value and (case := CASE_ASKED.search(prompt)):
        names = [case["first"].strip().lower(), case["second"].strip().lower()]
    elif origin == ExerciseOrigin.CONTRAST.value and len(key_points) >= 2 and all(
            SIDE_MARK in p for p in key_points[-2:]):  # another writer's points: no pair read
        names = [p.split(SIDE_MARK, 1)[0].strip().lower() for p in key_points[-2:]]
    elif origin == ExerciseOrigin.RELATION.value:
        asked = _RELATED.match(prompt)
        names = [n.strip().lower() for n in asked.groups()] if asked else []
    return (names[0], names[1]) if len(names) == 2 and all(names) and (
        names[0] != names[1]) else None


_RELATED = re.compile(r"^How are (.+?) and (.+?) related\b")



def contrast_item(m: Material, own_side: Said, sibling: Sibling, theirs_side: Said,
              page: Citation, n: int, relating: Relating | None) -> Exercise | None:
    """The item: how the two are related, when the book says so in one sentence (the key's
    core); else a mix-up to diagnose, the sibling's description given for the concept."""
    concept, other = m.concept, sibling.concept
    own = lower_first(without_asides(own_side.description))
    theirs = lower_first(without_asides(theirs_side.description))
    citations = list(m.citations)
    if own_side.cited is not None:
        citations = [own_side.cited, *(c for c in citations if c != own_side.cited)]
    if page not in citations:
        citations.append(page)
    sides = [_side_point(concept.name, own), _side_point(other.name, theirs)]
    if relating is not None:
        core = relating.sentence
        citations = [relating.cited, *(c for c in citations if c != relating.cited)]
        prompt = (f"How are {concept.name} and {other.name} related, and what sets them "
                  f"apart? Give the relation the course states and what one does that the "
                  f"other does not.")
        reference = (f"{core} {_capital(concept.name)}: {own}. "
                     f"{_capital(other.name)}: {theirs}.")
        points = [core, *sides]
    else:
        mix_up = _mix_up(m, sibling, own, theirs)
        if mix_up is None:
            return None
        prompt, reference, points = mix_up
    return Exercise(
        id=f"{concept.id}-contrast-{n}",
        concept_id=concept.id,
        kind=ExerciseKind.SHORT_ANSWER,
        prompt=prompt,
        answer=reference,
        key_points=points,
        misconceptions={},
        explanation=(f"The course keeps them apart. {reference} "
                     f"({'; '.join(dict.fromkeys(c.label() for c in citations))})"),
        citations=citations,
        difficulty=round(min(0.9, 0.5 + 0.4 * sibling.similarity), 2),
        origin=ExerciseOrigin.CONTRAST,
    )


def _mix_up(m: Material, sibling: Sibling, own: str,
            theirs: str) -> tuple[str, str, list[str]] | None:
    """A classmate's note that gives one concept the other's description: the learner names
    the idea the note describes and says what the concept really is. The sibling's description
    is given for the concept; when that description names the concept ("contingent: neither a
    tautology nor ..." for tautology), the concept's own is given for the sibling. A property
    statement ("a proof system is sound if ...") is given with the other's word in it ("a
    proof system is complete if ..."). Prompt, reference and key points; ``None`` when
    neither way reads as a plausible note."""
    concept, other = m.concept, sibling.concept
    their_terms = term_variants(other.name, other.aliases)
    for said_of, fits, note_text, true_text, said_terms, fit_terms in (
            (concept, other, theirs, own, m.terms, their_terms),
            (other, concept, own, theirs, their_terms, m.terms)):
        note = _note(said_of.name, note_text, said_terms, fit_terms, true_text)
        if note is None:
            continue
        asked = (f"say what {said_of.name} is" if said_of.defined  # a description is no
                 else f"say what the course says about {said_of.name}")  # "what it is"
        prompt = (f'A classmate writes in her notes: "{note}" What has she mixed up? Name the '
                  f"idea her note describes, and {asked}.")
        # the course's description of the other idea (not "it is not true of the concept":
        # a broad kind, "summary statistic", may fit the concept too)
        reference = (f"The note gives the course's description of {fits.name}. "
                     f"{_capital(said_of.name)}: {true_text}.")
        # the learner names the idea the note describes (its description is in the prompt)
        named = f"{NOTE_DESCRIBES} {fits.name}"  # read back by answers.mix_up_sides
        return prompt, reference, [_side_point(fits.name, named),
                                   _side_point(said_of.name, true_text)]
    return None


def _note(name: str, description: str, said_terms: Sequence[str], fit_terms: Sequence[str],
          said_description: str) -> str | None:
    """The note giving ``description`` (another concept's) for the concept named ``name``."""
    statement = _PROPERTY_SHAPE.match(description)
    if statement is not None:
        # "a proof system is sound if ...": the concept's own word put in ("... is complete if")
        own = _PROPERTY_SHAPE.match(said_description)
        if own is None or own.group("word").lower() == statement.group("word").lower():
            return None
        note = (description[:statement.start("word")] + own.group("word")
                + description[statement.end("word"):])
        return as_statement(note)
    if mentions(description, said_terms, fuzzy=False) or mentions(
            description, fit_terms, fuzzy=False):
        return None  # "contingent: neither a tautology ..." given for tautology
    return f"{_capital(name)}: {description}."


_PROPERTY_SHAPE = re.compile(r"^\W*(?:a|an|two|the)\s+(?:[\w-]+\s+){0,6}?(?:is|are)\s+"
                             r"(?:(?:deductively|logically|said\s+to\s+be)\s+)?(?P<word>[\w-]+)"
                             r"(?:\s+in\s+\w+)?\s*,?\s+if\b", re.I)
"""A property stated with its condition: "a proof system is sound if ..."."""
