"""What a value the book reports means: the learner reads a statistic in its case.

A book that computes a statistic on its data often says at once what the number tells:
"For all live births, the mean pregnancy length is 38.6 weeks, the standard deviation is 2.7
weeks, which means we should expect deviations of 2-3 weeks to be common", "The p-value for
this data is 0.13, which means that if the die is fair we expect to see the observed total
deviation, or more, about 13% of the time". The learner cannot compute the number (the data
are not on the page), but can say what it means, which is using the idea: the item shows the
statement up to the value and asks what it tells, keyed to the reading the book gives.

Found by the book's own signal: a result stated of the concept (the rule of
:mod:`~tutor.engine.offline.examples.worked_examples`: the concept after a determiner, not inside a
longer name or a phrase about another idea) followed at once by ", which means (that) ...",
a reading of at least :data:`MIN_READING_WORDS` words that ends the sentence, in a statement
that stands on its own (not "the p-value for this data is 0.13"; a leading clause pointing
back, "When I ran this code, the RMSE ... was 0.41", is left out).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Chunk, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.examples.worked_examples import (
    named_terms,
    result_pattern,
    stated_by_subject,
)
from tutor.engine.offline.writing.exercise_material import Material
from tutor.sentences import passage_sentences

MAX_ITEMS = 2
"""Readings asked per concept."""
MIN_READING_WORDS = 6
"""A reading shorter than this ("which means it is small") says too little to key."""
_MEANS = re.compile(r"^\s*,?\s*which\s+means\s+(?:that\s+)?(?P<reading>.+?)\s*[.!]?\s*$", re.I)
_RUN_IN = re.compile(r"(?<=\d)\s+(?=[A-Z][a-z]+\s)")
_LEANS = re.compile(r"\b(?:this|these|those)\s+(?!is\b|was\b|means\b)[a-z]+", re.I)
"""A statement pointing at what the page said before it ("for this data", "when I ran this
code"): the item would not stand on its own."""
_SETTING = re.compile(r"^(?:When|After|If|As|Once)\b[^,]{0,60},\s*(?=the\b)", re.I)
"""A leading clause saying how the value was obtained ("When I ran this code, ...")."""
_CODE = re.compile(r">>>|\bdef |\bimport |\breturn |[\w)\]]\.[a-z_]+\(|==|\w\[|\w\(\)")


def find_readings(m: Material, passages: Sequence[Chunk]) -> list[tuple[str, str, Chunk]]:
    """(statement, reading, passage) for each value stated of the concept whose meaning the
    book gives right after it: the statement up to the value (and its unit), the reading."""
    terms = named_terms(m)
    if not terms:
        return []
    pattern: re.Pattern[str] | None = None  # compiled when a passage reads a value at all
    found: list[tuple[str, str, Chunk]] = []
    seen: set[str] = set()
    for chunk in passages:
        if "which means" not in chunk.text:
            continue
        pattern = pattern or result_pattern(tuple(terms))
        for sentence in passage_sentences(chunk.text):
            if "which means" not in sentence or _CODE.search(sentence):
                continue
            for match in pattern.finditer(sentence):
                meaning = _MEANS.match(sentence[match.end():])
                if meaning is None or not stated_by_subject(sentence, match):
                    continue
                reading = meaning["reading"].rstrip(" .")
                # a table's last cell run into the sentence ("R^2 6.144e-06 The parameter")
                statement = _RUN_IN.split(sentence[: match.end()].strip())[-1]
                setting = _SETTING.match(statement)
                if setting and _LEANS.search(setting.group()):
                    # "When I ran this code, the RMSE ... was 0.41": the value stands alone
                    rest = statement[setting.end():]
                    statement = f"{rest[:1].upper()}{rest[1:]}"
                if (len(reading.split()) < MIN_READING_WORDS or statement in seen
                        or _LEANS.search(statement)):
                    continue
                seen.add(statement)
                found.append((statement, reading, chunk))
    return found


def write_readings(m: Material, passages: Sequence[Chunk]) -> list[Exercise]:
    """Up to :data:`MAX_ITEMS` items asking what a value the book reports means, keyed to the
    reading it gives and cited on its page."""
    items: list[Exercise] = []
    for statement, reading, chunk in find_readings(m, passages)[:MAX_ITEMS]:
        citation = chunk.citation()
        key = f"{reading[0].upper()}{reading[1:]}."
        items.append(Exercise(
            id=f"{m.concept.id}-reading-{len(items) + 1}",
            concept_id=m.concept.id, kind=ExerciseKind.SHORT_ANSWER,
            prompt=(f"The course reports: \u201c{statement}.\u201d What does that value tell "
                    "you here? Say what it means in this case."),
            answer=key, key_points=[reading],
            explanation=(f"The course reads it: {statement}, which means {reading} "
                         f"({citation.label()})."),
            citations=[citation], difficulty=0.6, origin=ExerciseOrigin.WORKED_EXAMPLE,
        ))
    return items
