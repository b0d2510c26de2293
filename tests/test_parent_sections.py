"""A subsection's concept builds on the concept its parent section is named for."""

from __future__ import annotations

from tutor.course import Chunk, Citation, Concept
from tutor.engine.offline.prerequisites.link import link_prerequisites
from tutor.engine.offline.prerequisites.link_evidence import parent_sections


def _chunk(order: int, heading: str, text: str) -> Chunk:
    return Chunk(id=f"m.pdf#p{order + 1}-0", source="m.pdf", page=order + 1, text=text,
                 heading=heading, order=order)


def _concept(slug: str, name: str, definition: str, section: str, order: int) -> Concept:
    return Concept(id=slug, name=name, definition=definition, section=section,
                   first_order=order, citations=[Citation(source="m.pdf", page=order + 1)])


def test_each_concept_knows_its_numbered_parent_section() -> None:
    chunks = [_chunk(0, "7 Reference", "Functions by family."),
              _chunk(1, "7.1 Hash functions", "A hash function maps strings to digests."),
              _chunk(2, "7.1.1 Recommended ones", "These have no known weakness."),
              _chunk(3, "7.1.1.1 SHA256", "SHA256 is a member of the SHA2 family."),
              _chunk(4, "Unnumbered aside", "More about SHA256 constants.")]
    concepts = [_concept("h", "hash function", "A hash function maps strings.", "", 1),
                _concept("s", "SHA256", "SHA256 is a member of the SHA2 family.", "", 3),
                _concept("c", "constant", "A constant is fixed.", "", 4)]
    assert parent_sections(concepts, chunks) == ["", "7.1.1 Recommended ones",
                                                 "7.1.1 Recommended ones"]


def test_a_subsection_concept_gets_its_parent_section_concept_as_prerequisite() -> None:
    chunks = [_chunk(0, "7.1 Hash functions", "A hash function maps strings to digests of a "
                                              "fixed size."),
              _chunk(1, "7.1.3 Legacy hash functions", "Some of them have weaknesses."),
              _chunk(2, "7.1.3.1 MD5", "MD5 was designed by Rivest and outputs 128 bits.")]
    concepts = [_concept("h", "hash function", "A hash function maps strings to digests.",
                         "7.1 Hash functions", 0),
                _concept("l", "legacy hash function", "Legacy ones have known weaknesses.",
                         "7.1.3 Legacy hash functions", 1),
                _concept("m", "MD5", "MD5 was designed by Rivest and outputs 128 bits.",
                         "7.1.3.1 MD5", 2)]
    edges = {(e.prerequisite, e.concept) for e in link_prerequisites(concepts, chunks)}
    assert ("l", "m") in edges
