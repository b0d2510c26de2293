"""Offline explanations: choose among the course's own passages, in one of four styles.

- ``definition``: the defining passage (the concept's first cited page), stated plainly.
- ``simpler``: the shortest clear sentences of the material that mention the concept.
- ``example``: a passage with an example ("for example", "e.g.", code, numbers).
- ``prerequisites``: a recap of the prerequisites' definitions, then the concept and the
  sentence of the material that connects them.

Every explanation cites the pages it drew from, and it adapts to the learner: when the learner
has just made a mistake on this concept, the explanation starts from that mistake.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.answers import mix_up_note
from tutor.course import Chunk, Citation, Concept
from tutor.engine.port import ANSWERED, Explanation, ExplanationStyle, LearnerContext
from tutor.sentences import is_whole_sentence, passage_sentences
from tutor.text import words

_EXAMPLE = re.compile(
    r"\bfor example\b|\bfor instance\b|\be\.g\.|\bsuch as\b|\bconsider\b|\bsuppose\b|"
    r"\bexample\b|```|`[^`]+`|\b\d+(?:\.\d+)?\b",
    re.IGNORECASE,
)
_STRONG_EXAMPLE = re.compile(r"\bfor example\b|\bfor instance\b|\be\.g\.|```|\bexample\b", re.I)
MAX_SENTENCE_CHARS = 320


def mention_pattern(concept: Concept) -> re.Pattern[str]:
    """Matches the concept's name or an alias as whole words (plural forms too)."""
    names = sorted({concept.name, *concept.aliases}, key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names if n.strip())
    return re.compile(rf"\b(?:{alternatives})(?:e?s)?\b", re.IGNORECASE)


def _clip(sentence: str) -> str:
    if len(sentence) <= MAX_SENTENCE_CHARS:
        return sentence
    return sentence[: MAX_SENTENCE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _defining_passage(concept: Concept, passages: Sequence[Chunk]) -> Chunk | None:
    pattern = mention_pattern(concept)
    mentioning = [p for p in passages if pattern.search(p.text)]
    for citation in concept.citations[:1]:
        for passage in mentioning:
            if passage.source == citation.source and passage.page == citation.page:
                return passage
    if mentioning:
        return min(mentioning, key=lambda p: (p.order, p.id))
    return None


def _sentences_about(concept: Concept, passages: Sequence[Chunk]) -> list[tuple[str, Chunk]]:
    pattern = mention_pattern(concept)
    return [
        (sentence, passage)
        for passage in sorted(passages, key=lambda p: (p.order, p.id))
        for sentence in passage_sentences(passage.text)
        if pattern.search(sentence)
    ]


def _fallback_citations(concept: Concept) -> list[Citation]:
    return list(concept.citations[:1])


def _repeats(sentence: str, reference: str) -> bool:
    """True when most of the sentence's words are already in ``reference``."""
    mine = set(words(sentence))
    return len(mine & set(words(reference))) / max(len(mine), 1) >= 0.8


def stated(concept: Concept, text: str | None = None) -> str:
    """The concept with what the course gives for it (``text``, else its definition): "**X**:
    ..." for a definition; for a description, that the course does not define it outright and
    what it says, so that a sentence about X is never presented as what X is."""
    said = (concept.definition if text is None else text).strip()
    if concept.defined:
        return f"**{concept.name}**: {said}"
    return f"The course doesn't define **{concept.name}** outright; it says: {said}"


def _definition(concept: Concept, passages: Sequence[Chunk]) -> tuple[str, list[Citation]]:
    lines = [stated(concept)]
    citations = _fallback_citations(concept)
    passage = _defining_passage(concept, passages)
    if passage is not None:
        extra = []
        for sentence in passage_sentences(passage.text):
            if mention_pattern(concept).search(sentence) and not _repeats(
                sentence, concept.definition
            ):
                extra.append(_clip(sentence))
            if len(extra) == 2:
                break
        if extra:
            lines.append(" ".join(extra))
        citations = [passage.citation()]
    return "\n\n".join(lines), citations


def _readability(sentence: str, concept: Concept) -> float:
    """Lower is simpler: short sentences of short words, with the concept as the subject."""
    tokens = [t for t in words(sentence) if not t.isdigit()]
    if not tokens:
        return float("inf")
    mean_word = sum(len(t) for t in tokens) / len(tokens)
    found = mention_pattern(concept).search(sentence)
    subject = found is not None and len(sentence[: found.start()].split()) <= 2
    return len(tokens) / 12 + mean_word / 2 + (0.0 if subject else 1.5)


def _simpler(concept: Concept, passages: Sequence[Chunk]) -> tuple[str, list[Citation]]:
    about = [(s, p) for s, p in _sentences_about(concept, passages)
             if 4 <= len(words(s)) <= 30 and is_whole_sentence(s)]  # no fragment as a point
    if not about:
        first = passage_sentences(concept.definition)[:1] or [concept.definition]
        return (
            f"In short: {stated(concept, _clip(first[0]))}" if not concept.defined
            else f"In short: **{concept.name}** — {_clip(first[0])}",
            _fallback_citations(concept),
        )
    cited = {(c.source, c.page) for c in concept.citations}
    about.sort(
        key=lambda pair: _readability(pair[0], concept)
        + (0.0 if (pair[1].source, pair[1].page) in cited else 0.5)
    )
    chosen = about[:2]
    citations: list[Citation] = []
    for _, passage in chosen:
        if passage.citation() not in citations:
            citations.append(passage.citation())
    text = f"In short, about **{concept.name}**:\n\n" + "\n\n".join(
        f"- {_clip(s)}" for s, _ in chosen
    )
    return text, citations


def _example(concept: Concept, passages: Sequence[Chunk]) -> tuple[str, list[Citation]]:
    pattern = mention_pattern(concept)
    best: tuple[float, Chunk, list[str]] | None = None
    for passage in sorted(passages, key=lambda p: (p.order, p.id)):
        sentences = passage_sentences(passage.text)
        marked = [i for i, s in enumerate(sentences) if _EXAMPLE.search(s)]
        if not marked:
            continue
        strong = sum(1 for i in marked if _STRONG_EXAMPLE.search(sentences[i]))
        score = 2.0 * strong + len(marked) + (3.0 if pattern.search(passage.text) else 0.0)
        start = marked[0] - 1 if marked[0] > 0 else 0
        excerpt = sentences[start : marked[0] + 2]
        if best is None or score > best[0]:
            best = (score, passage, excerpt)
    if best is None or not pattern.search(best[1].text):
        # No example in the material: walk through the idea point by point instead.
        points = concept.key_points or passage_sentences(concept.definition)
        bullets = "\n".join(f"{n}. {_clip(p)}" for n, p in enumerate(points[:4], start=1))
        return (
            f"The material has no worked example of **{concept.name}**, so let's take it "
            f"step by step:\n\n{bullets}",
            _fallback_citations(concept),
        )
    _, passage, excerpt = best
    clipped = _clip(concept.definition.strip())
    remember = clipped if concept.defined else stated(concept, clipped)
    text = (
        f"**{concept.name}** by example. Remember: {remember}\n\n"
        + "\n".join(f"> {_clip(s)}" for s in excerpt)
    )
    return text, [passage.citation()]


def _prerequisites(
    concept: Concept, passages: Sequence[Chunk], prerequisites: Sequence[Concept]
) -> tuple[str, list[Citation]]:
    if not prerequisites:
        text, citations = _definition(concept, passages)
        return f"**{concept.name}** does not build on other ideas of the course.\n\n{text}", citations
    recap = "\n".join(
        f"- {stated(p, _clip((passage_sentences(p.definition) or [p.definition])[0]))}"
        for p in prerequisites
    )
    citations = [c for p in prerequisites for c in p.citations[:1]]
    lines = [
        f"**{concept.name}** builds on ideas you have met:\n\n{recap}",
        f"With those in mind: **{concept.name}** — {concept.definition.strip()}" if concept.defined
        else f"With those in mind: {stated(concept)}",
    ]
    patterns = [mention_pattern(p) for p in prerequisites]
    for sentence, passage in _sentences_about(concept, passages):
        if _repeats(sentence, concept.definition):
            continue
        if any(p.search(sentence) for p in patterns):
            lines.append(f"How they connect: {_clip(sentence)}")
            citations.append(passage.citation())
            break
    citations.extend(_fallback_citations(concept))
    unique: list[Citation] = []
    for citation in citations:
        if citation not in unique:
            unique.append(citation)
    return "\n\n".join(lines), unique


def _opening(learner: LearnerContext) -> str:
    """The line that ties a re-explanation to the wrong answer just given: the idea the
    answer took the concept for ("confuses X with Y": Y only, X may be the key still
    withheld), the mix-up the answer showed, or, for a wrong answer that shows no named
    mix-up, only that the idea comes another way. Nothing after a give-up, a shown answer or
    on a concept met afresh: there is no last answer to speak of."""
    if not learner.recent_mistakes or not learner.just_missed:
        return ""
    last = learner.recent_mistakes[-1].strip()
    if last.startswith(ANSWERED):
        return "Let's look at it another way.\n\n"
    confused = mix_up_note(last)
    if confused is not None:
        return (f"Your last answer took it for *{_clip(confused[1].strip())}*, a different "
                "idea. Let's look at it another way.\n\n")
    return f"Your last answer suggested a mix-up (*{_clip(last)}*). Let's look at it another way.\n\n"


def explain(
    concept: Concept,
    style: ExplanationStyle,
    passages: Sequence[Chunk],
    prerequisites: Sequence[Concept],
    learner: LearnerContext,
) -> Explanation:
    """An explanation of ``concept`` in ``style`` built from the course passages, cited."""
    style = ExplanationStyle(style)
    if style is ExplanationStyle.SIMPLER:
        body, citations = _simpler(concept, passages)
    elif style is ExplanationStyle.EXAMPLE:
        body, citations = _example(concept, passages)
    elif style is ExplanationStyle.PREREQUISITES:
        body, citations = _prerequisites(concept, passages, prerequisites)
    else:
        body, citations = _definition(concept, passages)
    if citations:
        body += "\n\n*Source: " + "; ".join(c.label() for c in citations) + "*"
    return Explanation(
        concept_id=concept.id,
        style=style,
        text=_opening(learner) + body,
        citations=citations,
    )
