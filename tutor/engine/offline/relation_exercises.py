"""How a concept stands to the kind of thing it is: "Every decrement is an update. Is every
update a decrement?"

A definition of the form "Y is an X that ..." (a decrement "is an update that decreases the
value of a variable") places Y under a broader idea of the course, X, and says what sets it
apart among the X's. Knowing the link means knowing its direction (every Y is an X, not every
X is a Y), what an X needs to be a Y, and what else falls under X: the course's own sibling
under the same head ("increment: an update that increases the value of a variable"). The
exercise asks for all three; the key is Y's description read as the condition ("only an update
that decreases the value of a variable is a decrement") and the sibling's description, each
cited on its defining page.

An item is written only when the link is the book's own: Y must have a description that says
what it is (:func:`~tutor.engine.offline.descriptions.says_what_it_is`) and opens with an
indefinite head naming X ("an update that ...", "a boolean variable used to ...", "one of
the operators that ..."), not X only as a word inside ("an integer value": a value, not an
integer), nor as the head of "X of ..." ("a named sequence of statements" is no sequence, the
data type). X must have a description of its own that stands alone, says what X is and does not
name Y, and is not a definite role ("condition: the boolean expression after if" is no kind
that an invariant falls under); the sibling must open with the same head, differ from Y in
what follows, and neither name the other (a synonym, "element ... also called items", is no
other kind). Without a sibling whose page can be cited, the item asks the direction and what
sets Y apart only; it is not asked of a name that reads as an adjective ("linear") or of one
built-in thing ("zip").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tutor.course import Chunk, Citation, Concept, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.book_definition import described_siblings
from tutor.engine.offline.checking import canonical, mentions, term_variants, words
from tutor.engine.offline.descriptions import (
    compiled_pattern,
    describe,
    says_what_it_is,
    stands_alone,
)
from tutor.engine.offline.exercise_material import Material, Sibling
from tutor.text import STOPWORDS, stem

MAX_ITEMS = 2
"""Relation items on one concept (its own description and its glossary entry)."""
MAX_DESCRIPTION_WORDS = 45
"""Longer descriptions are glossary entries run on into the next (or whole paragraphs)."""
MAX_MODIFIERS = 2
"""Words allowed before the head ("a boolean variable", "a program development plan")."""
MIN_DIFFERENTIA_WORDS = 2
"""What follows the head must say something ("an operator, denoted //, that divides ...")."""

_OPENING = re.compile(r"^\W*(?P<one>one\s+of\s+the|an?)\s+", re.I)
_DIFFERENTIA = re.compile(
    r"^\s*,?\s*(?:that|which|who|whose|where|in\s+which|with|without|used|denoted|based|for|"
    r"from|to|in|on|at|like|intended|meant|made|written|defined|associated)\b", re.I)


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


@dataclass(frozen=True)
class Placement:
    """A description read as "an X that ...": its head X and what sets it apart."""

    modifiers: str
    """Words before the head ("boolean " in "a boolean variable used to ..."), with a space."""
    differentia: str
    """What follows the head ("that decreases the value of a variable")."""

    def condition(self, head: str) -> str:
        """The description as a condition on an X: "an update that decreases the value of a
        variable" (also for "one of the operators that ...": "an operator that ...")."""
        noun = f"{self.modifiers}{head}"
        return f"{article(noun)} {noun}{self.differentia}".rstrip(" .")


def placement(description: str, head: Sequence[str]) -> Placement | None:
    """How the description places its concept under the head named by ``head`` (the head's
    names), or ``None`` when it does not open with that head followed by what sets it apart."""
    opening = _OPENING.match(description)
    if opening is None or not head:
        return None
    group = "|".join(re.escape(n) for n in sorted(head, key=len, reverse=True))
    found = compiled_pattern(r"(?P<mods>(?:[\w'-]+\s+){0," + str(MAX_MODIFIERS) + r"}?)(?:"
                             + group + r")(?:e?s)?\b", re.I).match(description[opening.end():])
    if found is None:
        return None
    modifiers = found.group("mods")
    if any(w.lower() in STOPWORDS for w in modifiers.split()):
        return None  # "a function or method argument": not one head with its modifiers
    rest = description[opening.end() + found.end():]
    if re.match(r"^\s+of\b", rest, re.I) or not _DIFFERENTIA.match(rest):
        return None  # "a sequence of statements", or the head is a word inside a longer noun
    if len(words(rest)) < MIN_DIFFERENTIA_WORDS:
        return None
    return Placement(modifiers=modifiers.lower(), differentia=rest.rstrip())


def article(noun: str) -> str:
    return "an" if re.match(r"[aeiou]", noun.strip().lower()) else "a"


def broader_by_name(concept: Concept, related: Sequence[Concept]) -> list[Sibling]:
    """Related concepts whose name ends the concept's name ("argument" for "keyword
    argument", "loop" for "infinite loop"): the ranking of near concepts leaves them out (the
    names alone would tell the two apart), yet they are what the concept may be a kind of."""
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
    m: Material, siblings: Sequence[Sibling], passages: Sequence[Chunk],
    heads: Sequence[Sibling] = (),
) -> list[Exercise]:
    """The "is every X a Y?" item on the broader idea the concept's description opens with
    (a near concept, or one of ``heads``, :func:`broader_by_name`), asking for another kind of
    that idea the course defines when one can be cited; none when the description places it
    under no idea of the course."""
    if not says_what_it_is(m) or not fits(m.description) or m.concept.name[:1].isupper():
        return []  # a capitalised name is one named thing (a survey, a dataset), not a kind
    description = m.description or ""
    pages = {(p.source, p.page) for p in passages}
    alone: list[Exercise] = []
    for broader in [*described_siblings(list(heads), passages), *siblings]:
        names = term_variants(broader.concept.name, broader.concept.aliases)
        found = placement(description, names) if names else None
        if found is None or not _states_a_kind(broader, m, siblings):
            continue
        for other in _other_kinds(m, found, broader, names, siblings):
            cited = _cited([broader, other], pages)
            if cited is not None:
                return [_exercise(m, broader, found, other, cited)]
        cited = _cited([broader], pages)
        if cited is not None and not alone and not _one_thing(m):
            alone.append(_exercise(m, broader, found, None, cited))
    return alone


def _one_thing(m: Material) -> bool:
    """Whether the concept is no kind to ask "is every X one?" about: a name that reads as an
    adjective ("every linear is an algorithm") or one built-in thing ("zip: a built-in
    function that ...": no function but zip is zip)."""
    name = m.concept.name.lower()
    if " " not in name and re.search(r"(?:able|ible|ic|ive|ous|ar)$", name):
        return True
    return re.match(r"^\W*(?:a|an|the)\s+built-?in\b", m.description or "", re.I) is not None


def _states_a_kind(broader: Sibling, m: Material, siblings: Sequence[Sibling]) -> bool:
    """Whether the broader idea's description (its first sentence: the key does not quote it)
    says what kind of thing it is and stands apart from the concept: short, alone, not a
    definite role ("the boolean expression after if"), not naming the concept, and about
    itself, not a longer-named concept."""
    description = first_sentence(broader.description or "")  # a glossary entry may run on
    if not fits(description) or re.match(r"^\W*the\b", description, re.I):
        return False
    if mentions(description, m.terms, fuzzy=False):
        return False  # each defined by the other: no direction to ask about
    return describes_itself(broader, siblings)


def _other_kinds(m: Material, found: Placement, broader: Sibling, names: Sequence[str],
                 siblings: Sequence[Sibling]) -> list[Sibling]:
    """Siblings the course places under the same head and sets apart otherwise."""
    others: list[Sibling] = []
    for other in siblings:
        if other.concept.id in (m.concept.id, broader.concept.id) or not fits(
                other.description):
            continue
        theirs = placement(other.description or "", names)
        if theirs is None or canonical(theirs.differentia) == canonical(found.differentia):
            continue  # the same words: another name, not another kind
        other_names = term_variants(other.concept.name, other.concept.aliases)
        if mentions(other.description or "", m.terms, fuzzy=False) or mentions(
                m.description or "", other_names, fuzzy=False):
            continue  # another name for the concept, or one defined by the other
        if _stems(m.concept.name) <= _stems(other.concept.name) or _stems(
                other.concept.name) <= _stems(m.concept.name):
            continue  # a narrower or broader name of the concept itself
        others.append(other)
    return others


def _cited(siblings: Sequence[Sibling], pages: set[tuple[str, int]]) -> list[Citation] | None:
    """Each sibling's defining page, when every one is among the pages the item can cite."""
    cited: list[Citation] = []
    for sibling in siblings:
        found = [c for c in ([sibling.cited] if sibling.cited else sibling.concept.citations[:1])
                 if (c.source, c.page) in pages]
        if not found:
            return None
        cited += found
    return cited


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
        if compiled_pattern(r"^\W*(?:(?:a|an|the)\s+)?(?:" + group + r")\b", re.I).match(
                description) \
                and mentions(other.description or "", term_variants(
                    sibling.concept.name, sibling.concept.aliases), fuzzy=False):
            return False  # its subject is a concept defined by it: the other one's gloss
        if own < _stems(other.concept.name) and mentions(description, names, fuzzy=False):
            return False  # the longer-named concept's gloss
    return True


def _exercise(m: Material, broader: Sibling, found: Placement, other: Sibling | None,
              cited: list[Citation]) -> Exercise:
    """The item; with ``other``, the sibling kind is asked for too."""
    concept, head = m.concept.name, broader.concept.name
    a_concept, a_head = f"{article(concept)} {concept}", f"{article(head)} {head}"
    condition = found.condition(head)
    reference = f"No. Every {concept} is {a_head}, but only {condition} is {a_concept}."
    prompt = (f"In the course, every {concept} is {a_head}. Is every {head} {a_concept}? "
              f"Say what {a_head} must be or do to be {a_concept}")
    key_points = [f"not every {head} is {a_concept}", f"{a_concept} is {condition}"]
    if other is not None:
        kin = other.concept.name
        theirs = placement(other.description or "", term_variants(head, broader.concept.aliases))
        kin_condition = theirs.condition(head) if theirs else (other.description or "")
        reference += f" One other kind of {head} the course defines is {kin}: {kin_condition}."
        prompt += f", and name another kind of {head} that the course defines"
        key_points.append(f"{kin} is another kind of {head}: {kin_condition}")
    citations = list(m.citations[:1])
    citations += [c for c in cited if c not in citations]
    return Exercise(
        id=f"{m.concept.id}-relation-1",
        concept_id=m.concept.id,
        kind=ExerciseKind.SHORT_ANSWER,
        prompt=f"{prompt}.",
        answer=reference,
        key_points=key_points,
        misconceptions={},
        explanation=(f"{reference} "
                     f"({'; '.join(dict.fromkeys(c.label() for c in citations))})"),
        citations=citations,
        difficulty=0.6,
        origin=ExerciseOrigin.RELATION,
    )
