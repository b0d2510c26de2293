"""What a lesson teaches from: the course restricted to concepts that have exercises, and the
passages that teach each concept (or answer a free question).

The lesson facade (:mod:`tutor.teach.lesson`) and the per-process course cache
(:mod:`tutor.teach.shared_course`) both build these; the teach graph only sees the lookups.
"""

from __future__ import annotations

from tutor.course import Chunk, Concept, Course, Prerequisite
from tutor.engine.offline.answering import content_terms
from tutor.engine.offline.explaining import mention_pattern

__all__ = ["CoursePassages", "teachable"]

MAX_CONCEPT_PASSAGES = 8


def teachable(course: Course) -> Course:
    """The course restricted to concepts that have exercises; prerequisite edges through a
    dropped concept are joined up, so the order is kept."""
    keep = {e.concept_id for e in course.exercises}
    if all(c.id in keep for c in course.concepts):
        return course
    edges: set[tuple[str, str]] = set()
    for concept in course.concepts:
        if concept.id not in keep:
            continue
        seen: set[str] = set()
        frontier = list(course.prerequisites_of(concept.id))
        while frontier:
            current = frontier.pop()
            if current in seen:
                continue
            seen.add(current)
            if current in keep:
                edges.add((current, concept.id))
            else:
                frontier.extend(course.prerequisites_of(current))
    return course.model_copy(
        update={
            "concepts": [c for c in course.concepts if c.id in keep],
            "prerequisites": [Prerequisite(prerequisite=a, concept=b) for a, b in sorted(edges)],
        }
    )


class CoursePassages:
    """Passage lookup over the course's chunks: the passages that teach a concept, and a plain
    lexical search for free questions. With no chunks (an index not built), the concepts'
    definitions stand in as passages, cited at their defining pages."""

    def __init__(self, course: Course, chunks: list[Chunk]) -> None:
        self.course = course
        self.chunks = chunks or self._definition_chunks(course)
        self._terms = [set(content_terms(f"{c.heading} {c.text}")) for c in self.chunks]
        self._by_concept: dict[str, list[Chunk]] = {}

    @staticmethod
    def _definition_chunks(course: Course) -> list[Chunk]:
        out = []
        for concept in course.concepts:
            if not concept.definition or not concept.citations:
                continue
            cite = concept.citations[0]
            out.append(
                Chunk(
                    id=f"{cite.source}#p{cite.page}-{concept.id}",
                    source=cite.source,
                    page=cite.page,
                    text=concept.definition,
                    heading=concept.section,
                    order=concept.first_order,
                )
            )
        return out

    def for_concept(self, concept: Concept) -> list[Chunk]:
        """Cited pages first, then other passages that mention the concept, reading order."""
        if concept.id in self._by_concept:
            return self._by_concept[concept.id]
        pattern = mention_pattern(concept)
        cited = {(c.source, c.page) for c in concept.citations}
        ranked = sorted(
            (c for c in self.chunks if (c.source, c.page) in cited or pattern.search(c.text)),
            key=lambda c: ((c.source, c.page) not in cited, c.order, c.id),
        )
        self._by_concept[concept.id] = ranked[:MAX_CONCEPT_PASSAGES]
        return self._by_concept[concept.id]

    def search(self, query: str, k: int) -> list[Chunk]:
        """Passages sharing the most content words with ``query``."""
        wanted = set(content_terms(query))
        scored = [
            (len(wanted & terms), -chunk.order, chunk)
            for chunk, terms in zip(self.chunks, self._terms, strict=True)
            if wanted & terms
        ]
        scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
        return [chunk for _, _, chunk in scored[:k]]
