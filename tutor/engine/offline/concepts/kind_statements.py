"""Sentences that say what a term is by its kind or its class, which the definition classifier
scores as a sentence merely about the term.

A manual introduces the things it documents by their kind and what they do: "The ranksep
attribute sets the rank separation, in inches.", "The dimen attribute specifies the dimension of
n-tuples ...", "The xdot format is a strict extension of the dot format."
(:func:`~tutor.engine.offline.definitions.descriptions.describes_command`, which the last pass
over the map, ``defining_anywhere``, also reads), the kind said after the name, not part of
it. It says what a plural term is with a class the classifier's copula rule misses for its modifiers: "Attributes are name-value pairs of
character strings.", "Clusters are subgraphs whose names begin with cluster." A term found by
keyphrase statistics alone (or set only in emphasis, or missing from the printed index) needs
a plainly defining sentence to be kept (``candidates.weakly_supported``); such a sentence is
one, so the keep rules of ``extract.py`` read it as :data:`STRENGTH` (:func:`states_kind`).

Never a sentence leaning on another ("This attribute sets ...": the term is not its subject),
a requirement or a tendency ("The configure script needs to ..."), a judgement ("Lists are
very flexible"), how often ("Objects are always ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.definitions.defining import MENTION_CHUNKS, Defining
from tutor.engine.offline.definitions.definition_cleaning import clean_definition, short
from tutor.engine.offline.definitions.descriptions import describes_command
from tutor.engine.offline.definitions.self_contained import leans
from tutor.engine.offline.terms import mentions_key, term_key

STRENGTH = 1.0
"""How far above the classifier's bar (``MIN_DEFINING``) such a sentence counts."""

_NOT_A_CLASS = frozenset("is was has does this its his thus less unless always sometimes "
                         "perhaps".split())
"""Words ending in -s that are no plural class (nor a modifier of one)."""
_PLURAL_CLASS = re.compile(
    r"^are\s+(?P<mods>(?:[a-z][a-z-]*\s+){0,2})(?P<noun>[a-z][a-z-]*[a-z](?<!ss)(?<!us)"
    r"(?<!ous)(?<!is)s)(?=\s+(?:of|that|which|with|in|for|used|whose)\b|\s*[,.;:]|\s*$)")
"""The copula of a plural term to a plural class with up to two modifiers ("are name-value
pairs of ...", "are small integers that ...")."""


def kind_definition(key: str, chosen: Defining, mentions: dict[int, int],
                    sentences: Sequence[Sentence],
                    by_chunk: dict[int, list[int]]) -> Defining | None:
    """The chosen sentence when it states what the term is by its kind or class, else the
    first sentence that does among those of the term's first passages (read as the
    classifier's bar plus :data:`STRENGTH` by the keep rules), else None."""
    if states_kind(key, chosen.text):
        return chosen
    for chunk in sorted(mentions)[:MENTION_CHUNKS]:
        for position in by_chunk.get(chunk, ()):
            text = sentences[position].text
            if mentions_key(text, key) and not leans(text) and states_kind(key, text):
                cleaned = clean_definition(short(text))
                if cleaned:
                    return Defining(cleaned, chunk, position, chosen.score)
    return None


def states_kind(key: str, sentence: str) -> bool:
    """True when ``sentence`` says what the term ``key`` is: what it does, named by its kind
    ("The ranksep attribute sets ..."), or, opening the sentence as a plural, its plural class
    ("Attributes are name-value pairs of ...")."""
    text = sentence.strip()
    if not key or not text:
        return False
    if describes_command(text, [key]):
        said = _said_of(key, text)
        return (said is not None and _KIND.match(said[0].strip(",;:.").lower()) is not None
                and _PASSIVE.match(" ".join(said[1:])) is None)
    return plural_class(key, text)


_KIND = re.compile(r"^(?:command|style|option|terminal|setting|modifier|keyword|function|"
                   r"operator|statement|directive|macro|filter|attribute|parameter|property|"
                   r"format)s?$")
"""The kinds ``describes_command`` reads after a name: a name said with its kind is one the
manual documents ("the ranksep attribute"); a kind that is part of the term's own name ("the
bracket operator indexes ...") makes a sentence about it, which the classifier judges."""


def _said_of(key: str, text: str) -> list[str] | None:
    """The words after the term's first mention in ``text`` (None when it has none)."""
    words = text.split()
    size = len(key.split())
    for start in range(len(words) - size):
        if term_key(" ".join(words[start:start + size])) == key:
            return words[start + size:]
    return None


_PASSIVE = re.compile(r"^(?:is|are)\s+(?:\w+ly\s+)?(?!used\s+(?:to|for)\b)\w+(?:ed|en)\b")
"""A passive after the term's kind: something is done to it ("The taskid parameter is ignored
when ...", "The style option is specified by ..."), which says nothing of what it is; "is used
to" says what it is for."""


def plural_class(key: str, text: str) -> bool:
    """The sentence opens on the term in the plural, capitalised, and says it is a plural class
    with at most two modifiers, none of them an adverb."""
    words = text.split()
    size = len(key.split())
    if len(words) <= size + 2 or not words[0][:1].isupper():
        return False
    span = words[:size]
    if (any(w[-1:] in ",;:." for w in span) or not span[-1].lower().endswith("s")
            or term_key(" ".join(span)) != key):
        return False
    found = _PLURAL_CLASS.match(" ".join(words[size:]))
    return (found is not None and found.group("noun") not in _NOT_A_CLASS
            and not any(w.endswith("ly") or w in _NOT_A_CLASS
                        for w in found.group("mods").split()))
