"""Whether what an exercise quotes, and the key it gives, read on their own.

The writers quote the course: a sentence around a blank ("Which term fills the blank: ..."),
a description ("Which term matches this description: ..."), a definition as the key of
"Explain X in your own words". A learner sees the quote without the page, so the checker
(:mod:`tutor.engine.offline.writing.checking`) refuses one that cannot be read alone. Each question
has one judge, and these reuse them:

- a sentence that leans on the text before it ("Instead, we will develop what is called
  ...", "And this inverse function ... is called ...") is :func:`self_contained.leans`, or
  opens as a narrative does (:data:`checking.NARRATIVE`); a quote that starts with the
  sentence it leans on reads alone;
- a sentence cut short ("... will be treated by what") is :func:`giveaways.cut_short`;
- a PDF artefact (a stray backquote, an empty bracket, the next glossary entry run on,
  a web address or a file path) is :func:`artefact`;
- a key that names the concept says what it is when it has a definition's shape with the
  term as its subject (:func:`descriptions.plainly_defines`): not a longer name ("A dimension
  vector is ..." for vector), nor how the thing is made or used ("Device drivers are started
  by calling ..."); or, in a manual, what a command does (:func:`descriptions.describes_command`).
"""

from __future__ import annotations

import re

from tutor.course import Exercise, ExerciseKind, ExerciseOrigin
from tutor.text import split_sentences

_FILLS = re.compile(r'^Which term fills the blank: "(?P<quote>.*)"\?\s*$', re.S)
_DESCRIPTION = re.compile(r'^Which term matches this description: "(?P<quote>.*)"\?\s*$', re.S)
_EXPLAIN = "Explain {name} in your own words."
_EXAMPLE_QUOTE = re.compile(r'one idea left out:\s*"(?P<quote>.*)"\s*Which idea', re.S)
"""The course's example an example item quotes ("This example from the course has one idea
left out: "..." Which idea fills the blank?")."""
_ARTEFACT = re.compile(
    r"`|https?://|\bwww\.|\b\w+\.(?:html?|pdf|txt|org|com)\b"
    r"|(?:^|\s)/?\w+/\w+/|(?<=[.!?])\s+[a-z][\w\-]{0,30}:\s+[A-Z]")
"""What the PDF's text leaves in a sentence that no sentence holds: a backquote where a symbol
was, a web address or a path, the next "term: Definition" entry of a glossary run on after
this one."""
_OWN_REFERENT = re.compile(r"^(?:If|When|Whenever|Because|Since|Where)\s+(?:a|an|the|two|some|"
                           r"any|every|each)\s+[^,]{3,}?,\s+(?:it|they)\s")
"""A leading clause that names what the pronoun after it stands for ("If a set of sentences
could not all be true at the same time, they are said to be inconsistent.")."""


def artefact(text: str) -> bool:
    """Whether the text holds a piece of the page that is not prose (:data:`_ARTEFACT`), or a
    bracket the page closed or opened outside the quote ("... and end point)")."""
    return _ARTEFACT.search(text) is not None or any(
        text.count(opening) != text.count(closing) for opening, closing in ("()", "[]"))


def quoted_sentence(exercise: Exercise, name: str) -> str | None:
    """The course's sentence an item on the definition, or on an example of the concept,
    quotes around its blank, with the concept's name in the blank; None for an item that
    quotes none."""
    from tutor.engine.offline.writing.checking import BLANKS, FILL_IN

    example = _EXAMPLE_QUOTE.search(exercise.prompt)
    if exercise.origin is ExerciseOrigin.EXAMPLE and example is not None:
        return BLANKS.sub(name, example.group("quote"))
    if exercise.origin is not ExerciseOrigin.DEFINITION:
        return None
    if exercise.kind is ExerciseKind.CLOZE:
        body = FILL_IN.sub("", exercise.prompt.strip())
    elif exercise.kind is ExerciseKind.MULTIPLE_CHOICE and (
            found := _FILLS.match(exercise.prompt.strip())):
        body = found.group("quote")
    else:
        return None
    if body.lower().startswith("the term for "):  # "the term for "<description>" is _____."
        return None
    return BLANKS.sub(name, body)


def sentence_problems(exercise: Exercise, name: str) -> list[str]:
    """Why the sentence quoted around the blank cannot be read alone (none when it can)."""
    sentence = quoted_sentence(exercise, name)
    if sentence is None:
        return []
    from tutor.engine.offline.definitions.self_contained import leans
    from tutor.engine.offline.writing.checking import NARRATIVE
    from tutor.engine.offline.writing.giveaways import cut_short

    first = (split_sentences(sentence) or [sentence])[0]  # a naming after the sentence it
    # leans on ("... returns an integer. Dictionaries use these integers, called X") reads alone
    narrative = exercise.origin is ExerciseOrigin.DEFINITION and NARRATIVE.match(first)
    if narrative or leans(first) and not _OWN_REFERENT.match(first):  # an example may open
        # "For example, ...", not "We could go on in this way ..."
        return ["the sentence leans on the text around it"]
    if artefact(sentence):
        return ["the sentence holds a piece of the page that is not prose"]
    if cut_short(sentence.rstrip(".")):
        return ["the quoted sentence is cut short"]
    return []


def description_problems(exercise: Exercise) -> list[str]:
    """Why the description a "which term" item quotes is no description (none when it is)."""
    if exercise.origin is not ExerciseOrigin.DEFINITION:
        return []
    found = _DESCRIPTION.match(exercise.prompt.strip())
    if found is None:
        return []
    from tutor.engine.offline.definitions.self_contained import leans
    from tutor.engine.offline.writing.giveaways import cut_short

    description = found.group("quote")
    if leans(description[:1].upper() + description[1:]):  # "it is unlikely to have occurred
        return ["the description leans on the text around it"]  # by chance": what is "it"?
    if cut_short(description.rstrip(".")):
        return ["the description is cut short"]
    if artefact(description):
        return ["the description holds a piece of the page that is not prose"]
    return []


def key_problems(exercise: Exercise, name: str, terms: list[str]) -> list[str]:
    """Why the key of "Explain X in your own words" does not say what X is: a key that names
    the concept must have a definition's shape, the term its subject."""
    if (exercise.origin is not ExerciseOrigin.DEFINITION
            or exercise.kind is not ExerciseKind.SHORT_ANSWER
            or exercise.prompt.strip() != _EXPLAIN.format(name=name)):
        return []
    from tutor.engine.offline.definitions.descriptions import describes_command, plainly_defines
    from tutor.engine.offline.definitions.self_contained import leans
    from tutor.engine.offline.writing.checking import mentions
    from tutor.engine.offline.writing.giveaways import cut_short

    key = exercise.answer.strip()
    if artefact(key):
        return ["the key holds a piece of the page that is not prose"]
    if cut_short(key):
        return ["the key is cut short"]
    if not mentions(key, terms, fuzzy=False):
        return []  # a gloss that does not name the term: judged when it was chosen
    if leans(key) or not (plainly_defines(key, terms) or describes_command(key, terms)):
        return [f"the key does not say what {name} is"]
    return []


_ON_THE_PAGE = re.compile(
    r"^\W*the\s+(?:first|second|third|fourth|fifth|next|last|final|previous)\s+step\b|"
    r"\b(?:lighter|darker|shaded|dashed|dotted|solid|gr[ae]y)\s+(?:region|line|area|curve|"
    r"band)s?\b", re.I)
"""What only the page shows: a step of a procedure told before ("The third step is to compute
a p-value, ..."), a part of a figure ("The lighter region shows ...")."""


def relation_key_problems(exercise: Exercise) -> list[str]:
    """Why the sentence a relation item is keyed to ("How are X and Y related?") cannot be read
    alone: it leans on the text before it or points at what only the page shows."""
    if exercise.origin is not ExerciseOrigin.RELATION:
        return []
    from tutor.engine.offline.definitions.self_contained import leans

    key = exercise.answer.strip()
    first = (split_sentences(key) or [key])[0]
    if leans(first) or _ON_THE_PAGE.search(first):
        return ["the key leans on the text around it"]
    return []


def standing_problems(exercise: Exercise, name: str, terms: list[str]) -> list[str]:
    """Every reason the item's quote or key cannot be read on its own."""
    return [*sentence_problems(exercise, name), *description_problems(exercise),
            *key_problems(exercise, name, terms), *relation_key_problems(exercise)]
