"""Offline answers to a learner's free question: the best sentences of the course, cited.

The answer is extractive: the passages (already retrieved for the question) are split into
sentences, each sentence is scored by the question's content words it contains (weighted by
how rare each word is among the passages), with a bonus for defining sentences when the
question asks what something is. The best sentences are returned in reading order with their
page citations. When no sentence shares enough with the question the answer says so honestly
(``found=False``) instead of guessing.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections import Counter
from collections.abc import Sequence

from tutor.course import Chunk, Citation
from tutor.engine.port import GroundedAnswer
from tutor.ingest.cleaning import looks_like_code
from tutor.sentences import is_prose_line, passage_sentences
from tutor.text import content_stems, words

QUESTION_WORDS = frozenset(
    "explain tell mean means meaning define definition please know understand example".split()
)
"""Words of how a question is asked, not of what it is about."""
_DEFINING = re.compile(r"\b(is|are|refers? to|means|is called|are called|denotes|defined as)\b")
_WHAT_IS = re.compile(r"^\s*(what|who)\s+(is|are|does|do)\b|\bdefin|\bmean", re.IGNORECASE)

MIN_SCORE = 1.2
"""Least score (sum of matched word weights) for a sentence to count as an answer. A single
common word does not reach it; one rare content word of the question (or two ordinary ones)
does."""
MAX_SENTENCES = 3
_CODE_MARK = "\x00code\x00"
"""Starts a unit that is a code block (never part of passage text)."""


def content_terms(text: str) -> list[str]:
    """Stemmed words of a question or passage that carry meaning (stopwords and the words of
    asking left out)."""
    return content_stems(text, drop=QUESTION_WORDS)


def _weights(question_terms: set[str], sentences: Sequence[str]) -> dict[str, float]:
    """Inverse sentence frequency of each question term among the candidate sentences."""
    frequency: Counter[str] = Counter()
    for sentence in sentences:
        frequency.update(set(content_terms(sentence)) & question_terms)
    total = max(len(sentences), 1)
    return {t: 1.0 + math.log((total + 1) / (frequency[t] + 0.5)) for t in question_terms}


def passage_units(text: str) -> list[str]:
    """A passage as answer units, in order: its prose sentences, and each block of code (a run
    of program lines, with the output lines after them) whole, lines and indentation kept."""
    units: list[str] = []
    prose: list[str] = []
    code: list[str] = []

    def flush_prose() -> None:
        units.extend(passage_sentences("\n".join(prose)))
        prose.clear()

    def flush_code() -> None:
        if code:
            units.append(_CODE_MARK + textwrap.dedent("\n".join(code)).strip("\n"))
        code.clear()

    for line in text.splitlines():
        if looks_like_code(line) or (code and line.strip() and not is_prose_line(line)):
            flush_prose()
            code.append(line.rstrip())
        else:
            flush_code()
            prose.append(line)
    flush_code()
    flush_prose()
    return units


def _is_code(unit: str) -> bool:
    return unit.startswith(_CODE_MARK)


def _shown(unit: str) -> str:
    """A unit as the answer shows it: a sentence quoted, a code block fenced."""
    if _is_code(unit):
        return "```\n" + unit[len(_CODE_MARK):] + "\n```"
    return f"> {unit}"


def answer_question(question: str, passages: Sequence[Chunk]) -> GroundedAnswer:
    """Answer ``question`` from ``passages`` with the best-matching sentences, cited; a code
    block right after a chosen sentence (its example) comes with it, whole."""
    question_terms = set(content_terms(question))
    candidates: list[tuple[str, Chunk, int]] = []
    following: dict[tuple[str, int], str] = {}
    for chunk in passages:
        units = passage_units(chunk.text)
        for position, unit in enumerate(units):
            candidates.append((unit, chunk, position))
            if position + 1 < len(units) and _is_code(units[position + 1]):
                following[(chunk.id, position)] = units[position + 1]
    if not question_terms or not candidates:
        return _not_found(question)
    weights = _weights(question_terms, [c[0] for c in candidates])
    asks_definition = bool(_WHAT_IS.search(question))
    scored: list[tuple[float, int]] = []
    for index, (unit, _chunk, _position) in enumerate(candidates):
        sentence = unit[len(_CODE_MARK):] if _is_code(unit) else unit
        terms = set(content_terms(sentence))
        matched = terms & question_terms
        if not matched:
            continue
        score = sum(weights[t] for t in matched)
        if asks_definition and _DEFINING.search(sentence.lower()):
            score *= 1.3
        # Prefer sentences of readable length: very long ones dilute the answer.
        score /= 1.0 + max(0, len(words(sentence)) - 40) / 40
        scored.append((score, index))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    if not scored or scored[0][0] < MIN_SCORE:
        return _not_found(question)
    best = scored[0][0]
    chosen = [i for score, i in scored[:MAX_SENTENCES] if score >= 0.6 * best]
    chosen.sort(key=lambda i: (candidates[i][1].order, candidates[i][1].id, candidates[i][2]))
    lines: list[str] = []
    citations: list[Citation] = []
    shown: set[str] = set()
    for i in chosen:
        unit, chunk, position = candidates[i]
        citation = chunk.citation()
        if unit in shown:
            continue
        shown.add(unit)
        lines.append(f"{_shown(unit)}\n*({citation.label()})*" if _is_code(unit)
                     else f"{_shown(unit)} *({citation.label()})*")
        example = following.get((chunk.id, position))
        if example is not None and example not in shown:
            shown.add(example)
            lines.append(_shown(example))
        if citation not in citations:
            citations.append(citation)
    intro = "Here is what the course says:" if len(chosen) > 1 else "The course says:"
    return GroundedAnswer(
        question=question,
        text=intro + "\n\n" + "\n\n".join(lines),
        citations=citations,
        found=True,
    )


def _not_found(question: str) -> GroundedAnswer:
    return GroundedAnswer(
        question=question,
        text=(
            "I could not find an answer to that in the course material. Try asking with the "
            "words the course uses, or ask about one of its concepts."
        ),
        citations=[],
        found=False,
    )
