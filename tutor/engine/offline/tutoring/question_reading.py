"""How a learner's free question is read: what kind of question it is and what it is about.

"What is a logic?" asks for a definition of *logic*; "what is the difference between nodesep
and ranksep?" compares two things; "how do I exit a loop early?" asks for a way to do
something; "why is ...?" for a reason. The subjects (the phrases the question is about) lead
both the passage search (:func:`passages_for_question`: the question as typed, then each
subject alone, so a frequent word of the question cannot crowd out the passages on its topic)
and the choice of sentences in :mod:`tutor.engine.offline.tutoring.answering`.

Names the learner typed (a capitalised word after the first, an acronym, a word with digits or
a possessive: *Turing*, *CSV*, *ggplot2*, *Bayes'*) are kept apart: a name the course never
uses says the question is about something the course does not cover.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tutor.course import Chunk
from tutor.text import symbol_phrase

DEFINITION = "definition"
COMPARISON = "comparison"
HOW = "how"
WHY = "why"
OTHER = "other"

_END = r"\s*[?.!]*\s*$"
_ARTICLE = re.compile(r"^(?:a|an|the|some)\s+", re.IGNORECASE)
_COMPARE = (
    re.compile(r"\bdifferen(?:ce|ces|t)\s+between\s+(.+?)\s+and\s+(.+?)" + _END, re.I),
    re.compile(r"\bhow\s+(?:does|do|is|are)\s+(.+?)\s+differ(?:ent)?\s+from\s+(.+?)" + _END,
               re.I),
    re.compile(r"\bcompare\s+(.+?)\s+(?:and|with|to)\s+(.+?)" + _END, re.I),
    re.compile(r"^(?:what\s+about\s+)?(.+?)\s+(?:vs\.?|versus)\s+(.+?)" + _END, re.I),
)
_DEFINE = (
    re.compile(r"^(?:what|who)\s+(?:is|are|was|were)\s+(?:meant\s+by\s+)?(.+?)" + _END, re.I),
    re.compile(r"^what\s+(?:does|do)\s+(.+?)\s+(?:mean|stand\s+for|do|control|denote)" + _END,
               re.I),
    re.compile(r"^(?:define|explain)\s+(.+?)" + _END, re.I),
    re.compile(r"^what\s+(?:is|are)\s+(?:a|an|the)?\s*(.+?)\s+(?:for|used\s+for)" + _END, re.I),
)
_HOW_TO = re.compile(
    r"^how\s+(?:do|can|could|should|would|might|shall)\s+(?:i|you|we|one)\s+(.+?)" + _END, re.I)
_HOW_DOES = re.compile(r"^how\s+(?:does|do|is|are|can)\s+(.+?)" + _END, re.I)
_WHY = re.compile(
    r"^why\s+(?:is|are|was|were|do|does|did|would|should|can|could|must|will|has|have)?\s*"
    r"(.+?)" + _END, re.I)
_ASKS_WHAT = re.compile(r"^\s*(what|who)\s+(is|are|does|do)\b|\bdefin|\bmean", re.IGNORECASE)
"""A question asking what a thing is, does or means in words :data:`_DEFINE` does not read
("What does plot return?", "Give me the definition of a pipe")."""
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+'’-]*")


@dataclass(frozen=True)
class ReadQuestion:
    """A free question as the tutor reads it."""

    form: str
    """:data:`DEFINITION`, :data:`COMPARISON`, :data:`HOW`, :data:`WHY` or :data:`OTHER`."""
    subjects: tuple[str, ...]
    """The phrases the question is about (one, or the two compared), articles dropped."""
    named: tuple[str, ...]
    """Names the learner typed (see the module notes), as typed, possessive dropped."""


_QUOTE_PAIRS = {'"': '"', "'": "'", "`": "`", "“": "”", "‘": "’"}


def _subject(phrase: str) -> str:
    phrase = phrase.strip()
    if symbol_phrase(phrase):  # notation keeps its own quote marks ("#'"), not quotes around it
        if len(phrase) > 2 and _QUOTE_PAIRS.get(phrase[0]) == phrase[-1]:
            phrase = phrase[1:-1].strip()
        return phrase
    phrase = phrase.strip("\"'“”‘’`").strip()
    return _ARTICLE.sub("", phrase).strip()


def question_words(text: str) -> list[str]:
    """The words of a question as typed: a name keeps its inner dots and pluses ("C++",
    "node.js", "ggplot2"), a closing full stop is dropped."""
    return [word.rstrip(".") for word in _TOKEN.findall(text)]


def names_in(question: str) -> tuple[str, ...]:
    """The names typed in ``question``: capitalised words after the first (not "I"), acronyms,
    words mixing letters and digits, possessives."""
    found: list[str] = []
    for position, word in enumerate(question_words(question)):
        bare = re.sub(r"['’]s?$", "", word)
        if not bare or not bare[0].isalpha():
            continue
        possessive = bare != word and len(bare) > 1
        acronym = len(bare) > 1 and bare.isupper()
        digits = any(ch.isdigit() for ch in bare)
        capital = position > 0 and bare[0].isupper() and bare != "I"
        if possessive or acronym or digits or capital:
            found.append(bare)
    return tuple(dict.fromkeys(found))


def read_question(question: str) -> ReadQuestion:
    """The form, subjects and names of ``question`` (:class:`ReadQuestion`)."""
    text = " ".join(question.split())
    named = names_in(text)
    for pattern in _COMPARE:
        match = pattern.search(text)
        if match:
            pair = tuple(s for s in (_subject(match.group(1)), _subject(match.group(2))) if s)
            if len(pair) == 2:
                return ReadQuestion(COMPARISON, pair, named)
    for pattern in _DEFINE:
        match = pattern.search(text)
        if match and _subject(match.group(1)):
            return ReadQuestion(DEFINITION, (_subject(match.group(1)),), named)
    match = _HOW_TO.search(text)
    if match:
        return ReadQuestion(HOW, (_subject(match.group(1)),), named)
    match = _HOW_DOES.search(text)
    if match:
        return ReadQuestion(HOW, (_subject(match.group(1)),), named)
    match = _WHY.search(text)
    if match and _subject(match.group(1)):
        return ReadQuestion(WHY, (_subject(match.group(1)),), named)
    return ReadQuestion(OTHER, (), named)


def answer_form(reading: ReadQuestion, question: str) -> str:
    """The form an answer to the question takes: its reading's, or a definition's for a
    question read as :data:`OTHER` that still asks what a thing is, does or means."""
    if reading.form == OTHER and _ASKS_WHAT.search(question):
        return DEFINITION
    return reading.form


def passages_for_question(search: Callable[[str, int], Sequence[Chunk]], question: str,
                          k: int = 5, per_subject: int = 3) -> list[Chunk]:
    """The passages to answer ``question`` from: ``search``'s best ``k`` for the question as
    typed, then the best ``per_subject`` for each subject alone (those not found already)."""
    found: list[Chunk] = list(search(question, k))
    seen = {chunk.id for chunk in found}
    subjects = read_question(question).subjects
    for subject in subjects:
        if subject.lower() == question.strip().lower():
            continue
        for chunk in search(subject, per_subject):
            if chunk.id not in seen:
                seen.add(chunk.id)
                found.append(chunk)
    return found
