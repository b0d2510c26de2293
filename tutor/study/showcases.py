"""Which concept each worked passage of the book shows.

A concept's own passages are those on the pages it cites; but a book shows a concept at work
far from where it defines it: a session at the ``>>>`` prompt a few pages on, an example list
("types such as strings and tuples") in another chapter. Each such showcase belongs to the
concept the text names last before it (the nearest mention, within a few hundred
characters, else the section heading; for an example, or a worked example's stated result
("suppose ... The mean of this sample is 100 pounds", or of the symbol the book gives it, "x̄
is 0.155"), a concept its sentence names), so that
one session feeds one concept's exercises
rather than every concept on the page. The passage before a showcase goes with it, since
code shown at the prompt often uses a function the book defined just before.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from tutor.course import Chunk
from tutor.engine.offline.code_output.annotated_results import annotated_starts
from tutor.engine.offline.code_output.convention_steps import answerable_convention_starts
from tutor.engine.offline.code_output.prompt_conventions import (
    PromptConvention,
    book_conventions,
)
from tutor.engine.offline.code_output.special_values import stated_case_starts
from tutor.engine.offline.code_output.stated_results import stated_starts
from tutor.engine.offline.code_output.transcripts import SESSION_START, answerable_starts
from tutor.engine.offline.examples.drawn_conclusions import drawn_starts
from tutor.engine.offline.examples.paired_cases import paired_starts
from tutor.engine.offline.examples.worked_examples import CLAUSE, stated_of, symbols_given

NEAR_CHARS = 400
"""How far before a showcase the text may name its concept."""
EXAMPLE_NEAR_CHARS = 0
"""Marks an example cue: its concept is one named in the same sentence."""
EXAMPLE_TAKERS = 2
"""Concepts one example sentence may go to (each blanks its own name)."""
MAX_SHOWCASES = 4
"""Showcases given to one concept; a showcase goes to the next nearest concept named when
the nearest has its share (so "function" does not take every session of the book)."""

MAX_WORKED = 3
"""Worked examples given to one concept, besides its showcases."""

_SESSION = re.compile(r"^>>>", re.M)
_EXAMPLE = re.compile(r"\b(?:such\s+as|for\s+example|for\s+instance|e\.\s?g\.)", re.I)
_RESULT = re.compile(r"\b(?:is|was|would\s+be)\s+(?:about\s+|approximately\s+)?-?\d+(?:\.\d+)?"
                     r"(?![\w:/]|\.\d)")
"""A stated number: with a case before it, the result of a worked example."""
_READ = re.compile(r"(?:\s*%|\s+[a-z]+)?\s*,\s*which\s+means\b", re.I)
"""A stated number the book says the meaning of."""
_CASE = re.compile(r"\b(?:for\s+example|for\s+instance|as\s+an\s+example|suppose|"
                   r"in\s+(?:this|the)\s+example|if)\b", re.I)


def _name_pattern(concept: dict[str, Any]) -> re.Pattern[str] | None:
    names = [n.strip() for n in [concept["name"], *concept.get("aliases", [])] if len(n.strip()) > 2]
    if not names:
        return None
    alternatives = sorted({r"[\s\-]+".join(re.escape(w) for w in n.split()) for n in names},
                          key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?:e?s)?(?![\w-])", re.I)


_WORD = re.compile(r"\w+")


def _cue_words(concept: dict[str, Any]) -> list[list[set[str]]] | None:
    """For each of the concept's names, the words (lower case) a text must contain for the
    name's pattern to match it: each set names the forms one word may take (a one-word
    name's last word may take a plural ending; a word with symbols, its leading word
    characters only when it comes first). None when a name starts with a symbol or is not
    ASCII: its pattern is always run."""
    names: list[list[set[str]]] = []
    for name in [concept["name"], *concept.get("aliases", [])]:
        words = [w.lower() for w in name.split()]
        if len(name.strip()) <= 2:
            continue
        if not name.isascii() or _WORD.match(words[0]) is None:
            return None
        required: list[set[str]] = []
        for position, word in enumerate(words):
            head = _WORD.match(word)
            if head is not None and head.group() == word:
                last = position == len(words) - 1
                required.append({word, word + "s", word + "es"} if last else {word})
            elif position == 0 and head is not None:
                required.append({head.group()})
        names.append(required)
    return names


_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")
"""The only characters that case-insensitive matching pairs with ASCII letters (dotted and
dotless i, long s, the Kelvin sign): a text holding one is searched with every pattern."""


class _NameFinder:
    """The concepts' name patterns, and which of them can match a text: only those whose cue
    words the text contains are run (the others could not match)."""

    def __init__(self, concepts: Sequence[dict[str, Any]]) -> None:
        self.patterns = [(c["id"], p) for c in concepts if (p := _name_pattern(c)) is not None]
        cues = {c["id"]: _cue_words(c) for c in concepts}
        self._cues = [cues[concept_id] for concept_id, _ in self.patterns]
        self._always: list[int] = []
        self._by_word: dict[str, list[int]] = defaultdict(list)
        for i, names in enumerate(self._cues):
            if names is None:
                self._always.append(i)
            for word in {w for required in names or () for w in required[0]}:
                self._by_word[word].append(i)

    def candidates(self, text: str) -> list[tuple[str, re.Pattern[str]]]:
        """The patterns that may match ``text``, in the concepts' order."""
        if not text.isascii() and not _FOLDS_TO_ASCII.isdisjoint(text):
            return self.patterns
        words = set(_WORD.findall(text.lower()))
        found = set(self._always)
        for word in words:
            for i in self._by_word.get(word, ()):
                names = self._cues[i]
                if names is not None and any(all(forms & words for forms in required)
                                             for required in names):
                    found.add(i)
        return [self.patterns[i] for i in sorted(found)]


def _starts(text: str, conventions: Sequence[PromptConvention] = ()) -> list[tuple[int, int]]:
    """Where showcases start in a passage, each with how near its concept must be named
    (``conventions``: the book's own prompt conventions)."""
    found: list[tuple[int, int]] = []
    for match in _SESSION.finditer(text):
        if match.start() == 0 or not text[: match.start() - 1].rsplit("\n", 1)[-1].startswith(
                ">>>"):
            found.append((match.start(), NEAR_CHARS))
    if SESSION_START.search(text):  # a transcript of another interpreter with an output
        found += [(start, NEAR_CHARS) for start in answerable_starts(text)]
    found += [(start, NEAR_CHARS)
              for start in answerable_convention_starts(text, list(conventions))]
    # code a manual annotates with its result, results it states for code in prose
    found += [(start, NEAR_CHARS) for start in [*annotated_starts(text), *stated_starts(text),
                                                 *stated_case_starts(text), *paired_starts(text)]]
    found += [(m.start(), EXAMPLE_NEAR_CHARS) for m in _EXAMPLE.finditer(text)]
    # a conclusion drawn from a result: the concepts its sentence names, like an example's
    found += [(start, EXAMPLE_NEAR_CHARS) for start in drawn_starts(text)]
    return found


def _results(text: str) -> list[int]:
    """Where a worked example states its result: a number stated after a case ("suppose
    ...", "in the example, ...") within a few hundred characters, or one the book reads at
    once ("the p-value is 0.13, which means that ...")."""
    return [m.start() for m in _RESULT.finditer(text)
            if _CASE.search(text, max(0, m.start() - NEAR_CHARS), m.start())
            or _READ.match(text, m.end())]


def showcase_passages(
    concepts: Sequence[dict[str, Any]], chunks: Sequence[Chunk],
    conventions: Sequence[PromptConvention] | None = None,
) -> dict[str, list[Chunk]]:
    """For each concept id, the passages that show it at work, with the passage before each;
    ``conventions``: the book's prompt conventions, when the caller has found them
    (:func:`book_conventions`)."""
    names = _NameFinder(concepts)
    ordered = sorted(chunks, key=lambda c: (c.source, c.order))
    symbols = _symbol_owners(ordered, names)
    if conventions is None:
        conventions = book_conventions(ordered)
    picked: dict[str, list[Chunk]] = defaultdict(list)
    shown: Counter[str] = Counter()
    worked: Counter[str] = Counter()
    previous: Chunk | None = None
    for chunk in ordered:
        lead = ""
        if previous is not None and previous.source == chunk.source:
            lead = previous.text[-NEAR_CHARS:] + "\n"
        owners: list[str] = []
        for start, near in _starts(chunk.text, conventions):
            if near == NEAR_CHARS:
                window = (lead + chunk.text[:start])[-near:]
                named = _named(window, chunk.heading, names)
            else:  # an example: the concept named in its sentence, before or after the cue
                named = _named(_sentence_at(chunk.text, start), "", names)
            takers = 1 if near == NEAR_CHARS else EXAMPLE_TAKERS
            fresh = [c for c in named if c not in owners and shown[c] < MAX_SHOWCASES]
            if near == NEAR_CHARS and any(c in owners for c in named):
                fresh = []  # the passage already goes to a concept this session names
            for owner in fresh[:takers]:
                owners.append(owner)
                shown[owner] += 1
        for start in _results(chunk.text):
            # a worked example goes to the concept its result is stated of, on a count of its
            # own (so it takes no session or example list from the concept it shows)
            stated_of = _result_of(chunk.text, start, names) or _symbol_of(
                chunk.text, start, symbols)
            if stated_of is not None and stated_of not in owners and (
                    worked[stated_of] < MAX_WORKED):
                owners.append(stated_of)
                worked[stated_of] += 1
        for owner in owners:
            for passage in (previous, chunk) if lead else (chunk,):
                if passage is not None and passage not in picked[owner]:
                    picked[owner].append(passage)
        previous = chunk
    _add_practice(names.patterns, ordered, picked)
    return dict(picked)


_PART = re.compile(r"(?:^|\s)(?:\?\s*)?Part\s+[A-Z]\s+(?=[A-Z])")
_SOLUTION = re.compile(r"\bChapter\s+\d+\s+Part\s+[A-Z]\b")
INSTRUCTION_CHARS = 200


def _add_practice(
    patterns: Sequence[tuple[str, re.Pattern[str]]], ordered: Sequence[Chunk],
    picked: dict[str, list[Chunk]],
) -> None:
    """A practice exercise part goes (with the passage after it, where it may run on) to
    each concept its instructions name; the book's solutions at the back ("Chapter 3 Part A
    1. ...") go to every concept that got a part."""
    solutions: list[Chunk] = []
    for i, chunk in enumerate(ordered):
        if len(_SOLUTION.findall(chunk.text)) >= 2:
            solutions += [c for c in ordered[i: i + 2] if c not in solutions]
            continue
        for mark in _PART.finditer(chunk.text):
            said = chunk.text[mark.end(): mark.end() + INSTRUCTION_CHARS]
            for concept_id, pattern in patterns:
                if pattern.search(said):
                    for passage in ordered[i: i + 2]:
                        if passage not in picked[concept_id]:
                            picked[concept_id].append(passage)
                    picked[concept_id] += [s for s in solutions if s not in picked[concept_id]]
    practising = [c for c, chunks in picked.items() if any(_PART.search(p.text) for p in chunks)]
    for concept_id in practising:
        picked[concept_id] += [s for s in solutions if s not in picked[concept_id]]


_QUALIFIED = re.compile(r"^\s*(?:[(,]|(?:of|in|for|from|on|at|among|based\s+on)\b|$)", re.I)


def _symbol_owners(ordered: Sequence[Chunk], names: _NameFinder) -> dict[str, str]:
    """Each symbol the book gives a concept where it names it ("the mean, x̄, is ..."), with
    the concept: the first the book gives it to."""
    owners: dict[str, str] = {}
    for chunk in ordered:
        for before, symbol in symbols_given(chunk.text):
            if symbol in owners:
                continue
            for concept_id, pattern in names.candidates(before):
                if any(m.end() == len(before) for m in pattern.finditer(before)):
                    owners[symbol] = concept_id
                    break
    return owners


def _symbol_of(text: str, at: int, symbols: dict[str, str]) -> str | None:
    """The concept whose symbol a stated result is of ("In this example, x̄ is 0.155")."""
    subject = text[max(0, at - 40): at].rstrip()
    for symbol, concept_id in symbols.items():
        if subject.endswith(symbol) and not subject[: -len(symbol)][-1:].isalnum():
            return concept_id
    return None


def _result_of(text: str, at: int, names: _NameFinder) -> str | None:
    """The concept a stated result is of: named just before the verb, or before a phrase
    qualifying it ("the mean of this sample is", "my percentile rank in the field is"), not
    inside such a phrase ("of this sample")."""
    begin = max(text.rfind(". ", 0, at), text.rfind("\n\n", 0, at)) + 1
    subject = text[begin:at]
    best: tuple[int, int, str] | None = None
    for concept_id, pattern in names.candidates(subject):
        for match in pattern.finditer(subject):
            between = subject[match.end():]
            if len(between) > 70 or not _QUALIFIED.match(between) or CLAUSE.search(between):
                continue
            if not stated_of(subject[: match.start()]):
                continue  # inside a longer name or a qualifier: "total probability",
                # "the mean of this sample"
            rank = (match.start(), match.end() - match.start(), concept_id)
            if best is None or rank[:2] < best[:2]:
                best = rank
    return best[2] if best else None


def _sentence_at(text: str, at: int) -> str:
    """The sentence around a position (from the end of the one before to the next full
    stop)."""
    begin = max(text.rfind(". ", 0, at), text.rfind("\n\n", 0, at)) + 1
    end = text.find(". ", at)
    return text[begin: end if end != -1 else len(text)]


def _named(window: str, heading: str, names: _NameFinder) -> list[str]:
    """The concepts named in the window, the last named first (the longer name on a tie),
    then those named in the heading."""
    found: list[str] = []
    for text in (window, heading):
        last: dict[str, tuple[int, int]] = {}
        for concept_id, pattern in names.candidates(text):
            for match in pattern.finditer(text):
                last[concept_id] = max(last.get(concept_id, (0, 0)),
                                       (match.end(), match.end() - match.start()))
        found += [c for c in sorted(last, key=lambda c: last[c], reverse=True) if c not in found]
    return found
