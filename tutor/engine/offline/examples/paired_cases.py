"""Two cases a manual works in one sentence: one shown, the other to work out from it.

A reference manual often shows a rule at work on two inputs side by side: "For instance, 85
is displayed as '8e+1' and 95 is displayed as '1e+2' with the format specification
"%.0RNe"", "in base 16 for example '1p2' represents 4 whereas '1@2' represents 256",
"division of integers truncates: 5/2 = 2; division of reals does not: 5.0/2.0 = 2.5". The
first case is a worked example; the second asks the learner to apply the same rule to a new
input, and the manual states its result. The item quotes the sentence with the second result
left out and asks what fills it (origin ``worked_example``, keyed to the page).

Only a sentence stating exactly two such cases with one verb ("is displayed as", "represents",
"=", "gives", "yields", "is rounded to", "evaluates to", "expands to"), two different inputs
and two different literal results (a number or a short quoted string), nothing hedged
("or", "may", "on some systems") and no list left open (". . ."). The special-value cases
(:mod:`special_values`) are asked there instead.

The options are the first case's result (the learner who copies the worked case), and the
key's number moved the way a slip moves it (the other rounding, one more or less, doubled or
halved); none equals the key.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tutor.course import Chunk, Citation, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.code_output.special_values import stated_cases
from tutor.engine.offline.terms import mentions
from tutor.engine.offline.writing.checking import BLANK, same_option
from tutor.engine.offline.writing.exercise_material import Material, item_seed, with_leads
from tutor.sentences import sentences
from tutor.text import normalize

MAX_ITEMS = 2
NEAR_TEXT_CHARS = 400
MAX_SENTENCE_CHARS = 320
MIN_DISTRACTORS = 2
MAX_DISTRACTORS = 3

_LITERAL = (r"(?:[‘'\"][^‘’'\"\n]{1,24}[’'\"]|(?<![\w.])[+\-−]?\d+(?:\.\d+)?(?:e[+-]?\d+)?"
            r"(?!\w|\.\d))")
_INPUT = rf"(?:{_LITERAL}|[+\-−]?\d+(?:\.\d+)?(?:e\d+)?\s*(?:\*\*|[-+*/%^])\s*[+\-−]?\d+(?:\.\d+)?(?:e\d+)?)"
_VERB = (r"(?:is\s+displayed\s+as|represents|(?:is|will\s+be)\s+rounded\s+to|gives|yields|"
         r"evaluates\s+to|expands\s+to|=)")
_CASE = re.compile(rf"(?P<input>{_INPUT})\s+(?P<verb>{_VERB})\s+(?P<result>{_LITERAL})")
_HEDGED = re.compile(r"\b(?:or|may|might|usually|typically|depend\w*|some\s+systems?|either|"
                     r"about|approximately)\b|\.\s\.\s\.|\.\.\.", re.I)


@dataclass(frozen=True)
class PairedCase:
    """A sentence working two cases: the sentence, where the second result stands in it,
    and the two results."""

    sentence: str
    start: int
    end: int
    shown: str
    """The first case's result (worked for the learner)."""
    asked: str
    """The second case's result (the key)."""


def paired_cases(text: str) -> list[PairedCase]:
    """The sentences of a passage working two cases with one verb."""
    return list(_paired(text))


_VERB_WORDS = ("displayed", "represents", "rounded", "gives", "yields", "evaluates", "expands",
               "=")
"""A word every :data:`_VERB` holds: a passage without one has no case (its sentences are
not read; most passages)."""


@lru_cache(maxsize=4096)
def _paired(text: str) -> tuple[PairedCase, ...]:
    found: list[PairedCase] = []
    read = normalize(text)  # what its sentences are cut from
    if not any(word in read for word in _VERB_WORDS):
        return ()
    for sentence in sentences(text):
        if len(sentence) > MAX_SENTENCE_CHARS or _HEDGED.search(sentence):
            continue
        cases = list(_CASE.finditer(sentence))
        if len(cases) != 2 or stated_cases(sentence):
            continue
        first, second = cases
        if first.group("verb") != second.group("verb"):
            continue
        inputs = {re.sub(r"\s", "", c.group("input")) for c in cases}
        results = {c.group("result").strip("‘’'\"") for c in cases}
        if len(inputs) < 2 or len(results) < 2:
            continue
        found.append(PairedCase(sentence, second.start("result"), second.end("result"),
                                first.group("result"), second.group("result")))
    return tuple(found)


def paired_starts(text: str) -> list[int]:
    """About where a passage's paired cases start (for :mod:`tutor.study.showcases`): the
    offset of each sentence in the passage as read with its whitespace collapsed."""
    cases = paired_cases(text)
    if not cases:
        return []
    flat = " ".join(normalize(text).split())
    return [at for case in cases if (at := flat.find(case.sentence[:40])) >= 0]


def _number_slips(key: str) -> list[tuple[str, str]]:
    """The key with its last number moved the way a slip moves it."""
    numbers = list(re.finditer(r"\d+(?:\.\d+)?", key))
    if not numbers:
        return []
    last = numbers[-1]
    text = last.group(0)
    value = float(text)
    if "." in text:
        moved = [(str(int(value // 1)), "truncates"), (str(int(value // 1) + 1), "rounds up")]
    else:
        whole = int(text)
        moved = [(str(whole + 1), "is off by one"), (str(whole - 1), "is off by one")]
        if whole >= 4:
            moved = [(str(whole * 2), "doubles it"), (str(whole // 2), "halves it"), *moved]
    return [(key[: last.start()] + m + key[last.end():], why) for m, why in moved]


def _options(case: PairedCase) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for text, why in [(case.shown, "copies the worked case's result"),
                      *_number_slips(case.asked)]:
        if not same_option(text, case.asked) and all(not same_option(text, f) for f, _ in found):
            found.append((text, why))
    return found[:MAX_DISTRACTORS]


def write_paired_cases(m: Material, passages: Sequence[Chunk]) -> list[Exercise]:
    """Up to :data:`MAX_ITEMS` "work out the second case" items on sentences near text naming
    the concept."""
    items: list[Exercise] = []
    asked: set[str] = set()
    for chunk, lead, cited in with_leads(m, passages):
        for case in paired_cases(chunk.text):
            flat = " ".join(normalize(chunk.text).split())
            at = flat.find(case.sentence[:40])
            if at < 0:
                continue  # not found again in the passage: cannot say what is named before
            before = (" ".join(normalize(lead).split()[-80:]) + " " + flat[: at + len(
                case.sentence)])[-NEAR_TEXT_CHARS - len(case.sentence):]
            if case.sentence in asked or not (m.pattern.search(before)
                                              or m.pattern.search(chunk.heading)):
                continue
            item = _item(m, case, cited, len(items) + 1)
            if item is not None:
                asked.add(case.sentence)
                items.append(item)
                if len(items) == MAX_ITEMS:
                    return items
    return items


def _item(m: Material, case: PairedCase, cited: list[Citation], n: int) -> Exercise | None:
    quoted = case.sentence[: case.start] + BLANK + case.sentence[case.end:]
    if mentions(quoted, [case.asked.strip("‘’'\"")], fuzzy=False):
        return None  # the sentence states the result elsewhere
    options = _options(case)
    if len(options) < MIN_DISTRACTORS:
        return None
    exercise_id = f"{m.concept.id}-paired-{n}"
    choices = [case.asked, *(text for text, _ in options)]
    random.Random(item_seed(exercise_id)).shuffle(choices)
    return Exercise(
        id=exercise_id, concept_id=m.concept.id, kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt=f"What fills the blank?\n\n\"{quoted}\"",
        answer=case.asked, choices=choices, misconceptions=dict(options),
        explanation=f"The manual states {case.asked} here ({cited[0].label()}).",
        citations=cited, difficulty=0.6, origin=ExerciseOrigin.WORKED_EXAMPLE,
        checked_by="page")
