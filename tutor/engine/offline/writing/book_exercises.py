"""The book's own practice exercises, keyed to the book's own solutions.

Some books end a chapter with practice exercises in parts ("Part A Determine whether each
sentence is a tautology, a contradiction, or a contingent sentence. 1. A → A 2. ...") and give
short answers at the back ("Chapter 3 Part A 1. tautology 2. contradiction ..." or "Chapter 3
Part B 2, 3 and 5 are logically equivalent."). Only answers that come from a small set named by
the part's instructions are used, so each item is a choice among those answers and its key is
the book's. A solution block is matched to a part by the part's letter, the answers its
instructions name and its number of items; when two parts fit, neither is used. An item goes
to the concept its key names ("tautology"), or for a yes/no part to the concept the property
names ("logically equivalent"), or, when the property is no concept ("possible"), to the
concepts the item's case names ("A valid argument that has a false conclusion"). Open
questions ("explain why") are never posed; a yes/no question followed by an open one ("Which of
the following is possible? If it is possible, give an example.") is posed alone.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tutor.course import Chunk, Citation, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.terms import mentions
from tutor.engine.offline.writing.checking import canonical
from tutor.engine.offline.writing.exercise_material import Material

MAX_ITEMS = 12
MAX_ITEM_CHARS = 160
MAX_ANSWER_WORDS = 3
MAX_CHOICES = 4

_PART = re.compile(r"(?:^|\s)(?:\?\s*)?Part\s+([A-Z])\s+(?=[A-Z])")
_SOLUTION = re.compile(r"Chapter\s+(\d+)\s+Part\s+([A-Z])\b")
_NUMBER = re.compile(r"(?:^|\s)(\d{1,2})\.\s+")
_LISTED = re.compile(r"^\s*((?:\d{1,2}\s*,?\s*(?:and\s+)?)+)\s+(?:are|is)\s+([a-z][a-z\s-]{2,40}?)\s*\.",
                     re.I)
_OPEN = re.compile(r"\b(?:explain|why|give an example|translate|symbolize|provide|write|show|"
                   r"look back|on p\.|"
                   r"construct|justify your answer with(?! a complete or partial))\b", re.I)
_GARBLED = re.compile(r"\?|(?:^|\s)-(?:\s|$)")
"""A question mark or a lone dash in an item: a symbol the PDF text lost."""
_RUN_IN = re.compile(r"\b(?:Practice\s+)?Exercises\b")
"""A heading run into the last item of a part ("... contains a tautology Practice Exercises")."""
_NOUN = re.compile(r"\beach\s+((?:pair|set)\s+of\s+sentences|sentence|argument|pair|set)\b",
                   re.I)


@dataclass
class Part:
    """One part of a practice exercise: its letter, instructions, items and where it is."""

    letter: str
    instructions: str
    items: list[str]
    citation: Citation


def _numbered(text: str) -> list[str]:
    """The items of a numbered run "1. ... 2. ...", or [] when the numbers do not run 1..n."""
    marks = list(_NUMBER.finditer(text))
    items: list[str] = []
    expected = 1
    starts: list[tuple[int, int]] = []
    for mark in marks:
        if int(mark.group(1)) == expected:
            starts.append((mark.start(), mark.end()))
            expected += 1
    if not starts:
        return []
    for (_, begin), (end, _) in zip(starts, [*starts[1:], (len(text), len(text))], strict=True):
        items.append(" ".join(text[begin:end].split()))
    return items


def parts(chunks: Sequence[Chunk]) -> list[Part]:
    """The practice exercise parts in the passages (a part may run over a page)."""
    found: list[Part] = []
    ordered = sorted(chunks, key=lambda c: (c.source, c.order))
    text, owners = "", list[tuple[int, Chunk]]()
    for chunk in ordered:
        if _SOLUTION.search(chunk.text):
            continue
        owners.append((len(text), chunk))
        text += chunk.text + "\n"
    marks = list(_PART.finditer(text))
    for mark, following in zip(marks, [*marks[1:], None], strict=False):
        body = text[mark.end(): following.start() if following else len(text)]
        numbers = _NUMBER.search(body)
        if numbers is None:
            continue
        instructions = " ".join(body[: numbers.start()].split())
        items = _numbered(body[numbers.start():])
        chunk = next(c for start, c in reversed(owners) if start <= mark.start())
        found.append(Part(mark.group(1), instructions, items, chunk.citation()))
    return found


@dataclass
class Solution:
    """The book's answers to one part: per item, or the numbers that have the property."""

    chapter: str
    letter: str
    answers: dict[int, str]
    listed: tuple[set[int], str] | None
    citation: Citation


def solutions(chunks: Sequence[Chunk]) -> list[Solution]:
    """The solution blocks in the passages ("Chapter 3 Part A 1. tautology ..."); a block
    may run on over the next passage."""
    found: list[Solution] = []
    text, owners = "", list[tuple[int, Chunk]]()
    for chunk in sorted(chunks, key=lambda c: (c.source, c.order)):
        if _SOLUTION.search(chunk.text) or (owners and owners[-1][1].order == chunk.order - 1
                                            and owners[-1][1].source == chunk.source):
            owners.append((len(text), chunk))
            text += chunk.text + "\n"
    marks = list(_SOLUTION.finditer(text))
    for mark, following in zip(marks, [*marks[1:], None], strict=False):
        body = text[mark.end(): following.start() if following else len(text)]
        cited = next(c for start, c in reversed(owners) if start <= mark.start()).citation()
        listed = _LISTED.match(body)
        if listed:
            numbers = {int(n) for n in re.findall(r"\d+", listed.group(1))}
            found.append(Solution(mark.group(1), mark.group(2), {},
                                  (numbers, " ".join(listed.group(2).split())), cited))
            continue
        answers = dict(enumerate(_numbered(body), start=1))
        if answers:
            found.append(Solution(mark.group(1), mark.group(2), answers, None, cited))
    return found


def _choices_of(part: Part, solution: Solution) -> list[str] | None:
    """The answers to choose from when the solution fits the part, else None."""
    said = part.instructions.lower()
    if solution.listed is not None:
        numbers, prop = solution.listed
        if not numbers or max(numbers) > len(part.items) or prop.lower() not in said:
            return None
        return [prop, f"not {prop}"]
    if len(solution.answers) != len(part.items):
        return None
    distinct = list(dict.fromkeys(a.strip(" .").lower() for a in solution.answers.values()))
    if not 2 <= len(distinct) <= MAX_CHOICES:
        return None
    for answer in distinct:
        if len(answer.split()) > MAX_ANSWER_WORDS or not re.fullmatch(r"[a-z][a-z\s-]*", answer):
            return None
        if answer not in said and answer.rstrip("t") not in said:
            return None
    return distinct


_CLOSED_ASK = re.compile(r"^(?P<ask>Which\s+of\s+the\s+following\s+(?:is|are)\s+"
                         r"(?P<prop>[a-z][a-z\s-]{2,40}?)\?)\s+(?P<rest>.*)$", re.I)
"""A part that asks a yes/no question, then an open follow-up ("Which of the following is
possible? If it is possible, give an example. If it is not possible, explain why.")."""


def closed_part(part: Part) -> Part | None:
    """The part as asked: its instructions when they ask nothing open; the yes/no question
    alone when an open follow-up comes after it (the book's solutions key the question, and
    only the question is posed); ``None`` for an open part."""
    if not _OPEN.search(part.instructions):
        return part
    asked = _CLOSED_ASK.match(part.instructions)
    if asked is None or _OPEN.search(asked["ask"]) or not _FOLLOW_UP.match(asked["rest"]):
        return None
    return Part(part.letter, asked["ask"], part.items, part.citation)


_FOLLOW_UP = re.compile(r"^If\s+(?:it|they)\s+(?:is|are)\b", re.I)
"""The open follow-up of a yes/no question: "If it is possible, give an example."."""


def write_book_exercises(m: Material, passages: Sequence[Chunk]) -> list[Exercise]:
    """Up to :data:`MAX_ITEMS` practice items whose key is the concept (or, for a yes/no
    part, whose property is the concept, or, when the property is no concept of the course
    ("possible"), whose case names the concept: "A valid argument that has a false
    conclusion"), keyed to the book's solutions."""
    book_parts = [p for part in parts(passages) if part.items
                  and (p := closed_part(part)) is not None]
    answers = solutions(passages)
    items: list[Exercise] = []
    for part in book_parts:
        fitting = [(s, c) for s in answers if s.letter == part.letter
                   and (c := _choices_of(part, s)) is not None]
        if len(fitting) != 1:
            continue  # no solution, or two parts it could be: not used
        solution, choices = fitting[0]
        for n, item in enumerate(part.items, start=1):
            if solution.listed is not None:
                numbers, prop = solution.listed
                key = prop if n in numbers else f"not {prop}"
                ours = _names(prop, m) or (part.instructions.endswith("?") and mentions(
                    item, m.terms, fuzzy=False))  # "A valid argument that ...": is it possible?
            else:
                key = solution.answers[n].strip(" .").lower()
                ours = _names(key, m)
            if not ours or not 1 <= len(item) <= MAX_ITEM_CHARS or _GARBLED.search(item) or (
                    _RUN_IN.search(item)):
                continue
            items.append(_exercise(m, part, solution, n, item, key, choices, len(items) + 1))
            if len(items) == MAX_ITEMS:
                return items
    return items


def _names(answer: str, m: Material) -> bool:
    """Whether the answer names the concept ("contingent" for "contingent sentence")."""
    return mentions(answer, m.terms, fuzzy=False) or mentions(m.concept.name, [answer],
                                                               fuzzy=False)


def _exercise(m: Material, part: Part, solution: Solution, n: int, item: str, key: str,
              choices: list[str], count: int) -> Exercise:
    noun_match = _NOUN.search(part.instructions)
    noun = noun_match.group(1).lower() if noun_match else "item"
    exercise_id = f"{m.concept.id}-book-{count}"
    cited = [part.citation] + ([solution.citation] if solution.citation != part.citation else [])
    source = (f"(practice exercise {n} of part {part.letter}, chapter {solution.chapter} of "
              f"the course)")
    explanation = f"The course's solutions give: {key} ({cited[-1].label()})."
    if solution.listed is not None:  # a yes/no part: a statement to judge
        prop = solution.listed[1]
        what = f"following {noun}" if noun_match else "following"
        return Exercise(
            id=exercise_id, concept_id=m.concept.id, kind=ExerciseKind.TRUE_FALSE,
            prompt=f"True or false: the {what} is {prop}: {item} {source}",
            answer="True" if key == prop else "False", choices=["True", "False"],
            misconceptions={}, explanation=explanation, citations=cited, difficulty=0.6,
            origin=ExerciseOrigin.BOOK_EXERCISE,
        )
    shuffled = list(choices)
    random.Random(exercise_id).shuffle(shuffled)
    return Exercise(
        id=exercise_id,
        concept_id=m.concept.id,
        kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt=f"Which describes this {noun} {source}?\n\n{item}",
        answer=next(c for c in shuffled if canonical(c) == canonical(key)),
        choices=shuffled,
        misconceptions={},
        explanation=explanation,
        citations=cited,
        difficulty=0.6,
        origin=ExerciseOrigin.BOOK_EXERCISE,
    )
