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
from collections import Counter
from collections.abc import Sequence

from tutor.course import Chunk, Citation
from tutor.engine.port import GroundedAnswer
from tutor.text import content_stems, passage_sentences, words

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


def answer_question(question: str, passages: Sequence[Chunk]) -> GroundedAnswer:
    """Answer ``question`` from ``passages`` with the best-matching sentences, cited."""
    question_terms = set(content_terms(question))
    candidates: list[tuple[str, Chunk, int]] = []
    for chunk in passages:
        for position, sentence in enumerate(passage_sentences(chunk.text)):
            candidates.append((sentence, chunk, position))
    if not question_terms or not candidates:
        return _not_found(question)
    weights = _weights(question_terms, [c[0] for c in candidates])
    asks_definition = bool(_WHAT_IS.search(question))
    scored: list[tuple[float, int]] = []
    for index, (sentence, _chunk, _position) in enumerate(candidates):
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
    for i in chosen:
        sentence, chunk, _ = candidates[i]
        citation = chunk.citation()
        lines.append(f"{sentence} *({citation.label()})*")
        if citation not in citations:
            citations.append(citation)
    intro = "Here is what the course says:" if len(lines) > 1 else "The course says:"
    return GroundedAnswer(
        question=question,
        text=intro + "\n\n" + "\n\n".join(f"> {line}" for line in lines),
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
