"""What a lesson teaches from: the course restricted to concepts that have exercises, and the
passages that teach each concept (or answer a free question).

The lesson facade (:mod:`tutor.teach.lesson`) and the per-process course cache
(:mod:`tutor.teach.shared_course`) both build these; the teach graph only sees the lookups.
"""

from __future__ import annotations

from collections.abc import Callable

from tutor.course import Chunk, Concept, Course, Prerequisite
from tutor.engine.offline.tutoring.answering import content_terms
from tutor.engine.offline.tutoring.explaining import mention_pattern
from tutor.index.passages import notation_ranking
from tutor.text import symbol_phrase

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
        # Reading order, the chunks by page, and the lower-case text of the plain-ASCII ones:
        # what finds a concept's first passages without searching the whole book (for_concept).
        self._reading = sorted(range(len(self.chunks)),
                               key=lambda i: (self.chunks[i].order, self.chunks[i].id))
        self._place = {i: place for place, i in enumerate(self._reading)}
        self._on_page: dict[tuple[str, int], list[int]] = {}
        for i, chunk in enumerate(self.chunks):
            self._on_page.setdefault((chunk.source, chunk.page), []).append(i)
        self._lowered = [c.text.lower() if c.text.isascii() else None for c in self.chunks]

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
        pages = {(c.source, c.page) for c in concept.citations}
        cited = sorted({i for page in pages for i in self._on_page.get(page, [])},
                       key=self._place.__getitem__)
        found = [self.chunks[i] for i in cited[:MAX_CONCEPT_PASSAGES]]
        mentions = self._mentions(concept)
        for i in self._reading:  # the first mentions in reading order: no need to read on
            if len(found) >= MAX_CONCEPT_PASSAGES:
                break
            if i not in cited and mentions(i):
                found.append(self.chunks[i])
        self._by_concept[concept.id] = found
        return found

    def _mentions(self, concept: Concept) -> Callable[[int], bool]:
        """Whether chunk ``i`` mentions the concept (:func:`mention_pattern`). A plain-ASCII
        chunk that holds none of the (plain-ASCII) names in lower case cannot match, and is
        not searched."""
        pattern = mention_pattern(concept)
        names = [n.lower() for n in {concept.name, *concept.aliases} if n.strip()]
        plain = all(n.isascii() for n in names)

        def mentions(i: int) -> bool:
            lowered = self._lowered[i]
            if plain and lowered is not None and not any(n in lowered for n in names):
                return False
            return bool(pattern.search(self.chunks[i].text))

        return mentions

    def search(self, query: str, k: int) -> list[Chunk]:
        """Passages sharing the most content words with ``query``; for a query that is
        notation (``:=``: :func:`tutor.text.symbol_phrase`), those that write it, ranked as
        the passage index ranks them (:func:`tutor.index.passages.notation_ranking`)."""
        if symbol_phrase(query):
            return [self.chunks[i] for i in notation_ranking(self.chunks, query)[:k]]
        wanted = set(content_terms(query))
        scored = [
            (len(wanted & terms), -chunk.order, chunk)
            for chunk, terms in zip(self.chunks, self._terms, strict=True)
            if wanted & terms
        ]
        scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
        return [chunk for _, _, chunk in scored[:k]]
