"""A kept candidate written up as a concept draft: its display name, definition, key points
(the book's glossary entry among them), up to five page citations (the defining sentence's
page first, then where the definition's words are, then the pages that use the term most),
its section, and where in reading order the course introduces it.
"""

from __future__ import annotations

from collections.abc import Sequence

from tutor.course import Chunk, Citation
from tutor.engine.offline.concepts.candidates import Sentence, TermCandidate, display_name
from tutor.engine.offline.definitions.defining import Defining, key_points
from tutor.engine.port import ConceptDraft


def draft_concept(
    score: float,
    cand: TermCandidate,
    defining: Defining,
    mentions: dict[int, int],
    chunks: Sequence[Chunk],
    sentences: Sequence[Sentence],
    by_position: dict[tuple[int, int], list[int]],
    by_chunk: dict[int, list[int]],
    proper: bool,
) -> ConceptDraft:
    name = display_name(cand, proper)
    define_chunk = defining.chunk
    points = key_points(cand.key, defining, sentences, by_position, by_chunk)
    entry = next((d.sentence for d in cand.definitions if d.position < 0 and d.strength >= 2), "")
    if entry and entry != defining.text and entry not in points:
        points = [points[0], entry, *points[1:]][:4]  # the book's glossary entry says it too
    citations = [chunks[define_chunk].citation()]
    seen = {(chunks[define_chunk].source, chunks[define_chunk].page)}
    if defining.source is not None:  # where the definition's words are, when elsewhere
        words_at = chunks[defining.source]
        if (words_at.source, words_at.page) not in seen:
            seen.add((words_at.source, words_at.page))
            citations.append(words_at.citation())
    for chunk_index, _ in sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0])):
        page = (chunks[chunk_index].source, chunks[chunk_index].page)
        if page not in seen and len(citations) < 5:
            seen.add(page)
            citations.append(Citation(source=page[0], page=page[1]))
    first_sentence = by_chunk.get(define_chunk, [])
    section = sentences[first_sentence[0]].section if first_sentence else ""
    aliases = sorted({s for s in cand.surfaces if s != name} | cand.aliases)
    return ConceptDraft(
        name=name,
        definition=defining.text,
        aliases=aliases,
        citations=citations,
        first_order=introduced_at(defining, mentions, chunks),
        section=section,
        score=round(score, 3),
        evidence=sorted(cand.evidence),
        key_points=points,
    )


def introduced_at(defining: Defining, mentions: dict[int, int], chunks: Sequence[Chunk]) -> int:
    """Where in reading order the course introduces the concept: its defining sentence, or,
    for a term defined by the glossary's words, the first passage that uses it (a glossary
    closes a chapter; what it defines was introduced before)."""
    if defining.position >= 0 or not mentions:
        return chunks[defining.chunk].order
    return min(chunks[defining.chunk].order, min(chunks[i].order for i in mentions))
