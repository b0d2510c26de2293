"""A section devoted to one topic makes the topic a concept: named by its topic, defined by
the section's opening, cited on its first page, never twice, never for matter or examples."""

from __future__ import annotations

from tutor.course import Chunk, Citation
from tutor.engine.offline.candidates import Sentence
from tutor.engine.offline.extract import extract_concepts
from tutor.engine.offline.section_concepts import (
    SECTION_EVIDENCE,
    add_section_concepts,
    section_definition,
    topic_name,
)
from tutor.engine.port import ConceptDraft


def _chunks(*pages: tuple[str, str]) -> list[Chunk]:
    return [Chunk(id=f"m.pdf#p{i}-0", source="m.pdf", page=i, text=text, heading=heading,
                  order=i - 1) for i, (heading, text) in enumerate(pages, start=1)]


def _sentences(chunks: list[Chunk]) -> list[Sentence]:
    return [Sentence(text.strip() + ".", i, 0, chunk.heading)
            for i, chunk in enumerate(chunks) for text in chunk.text.split(".") if text.strip()]


def test_a_heading_names_its_topic() -> None:
    assert topic_name("2.2 Vector arithmetic") == ("vector arithmetic", [])
    assert topic_name("2.3 Generating regular sequences") == ("regular sequence", [])
    assert topic_name("6.3.5 Managing the search path") == ("search path", [])
    assert topic_name("1.7 Getting help with functions and features") == ("getting help", [])
    assert topic_name("10 Writing your own functions") == ("writing function", [])
    assert topic_name("9.2.1 Conditional execution: if statements") == (
        "conditional execution", [])
    assert topic_name("5.2 Array indexing. Subsections of an array") == (
        "array indexing", ["Subsections of an array"])
    assert topic_name("7.1.1.1 SHA256") == ("SHA256", [])
    assert topic_name("7.4 Authenticated Encryption") == ("authenticated encryption", [])
    assert topic_name("1.1 The R environment") == ("R environment", [])


def test_a_heading_about_the_book_or_a_common_word_names_no_topic() -> None:
    for heading in ("1 Introduction", "Index", "5.1 Options", "7 Reference", "4 Examples",
                    "4.1 ToASCII example", "7.10 Miscellaneous functions", "Copyright",
                    "1.8 R commands, case sensitivity, etc.", "GNU Free Documentation License"):
        assert topic_name(heading) is None, heading


def test_the_opening_that_says_what_the_topic_is_defines_it() -> None:
    opening = [Sentence("SHA256 is a member of the SHA2 family.", 0, 0, "7.1.1.1 SHA256"),
               Sentence("The internal block size of SHA256.", 0, 1, "7.1.1.1 SHA256")]
    found = section_definition(opening, ["SHA256"], "7.1.1.1 SHA256")
    assert found is not None and found[1] == "SHA256 is a member of the SHA2 family."
    rule = [Sentence("This is the first thing to know.", 0, 0, "2.2 Vector arithmetic"),
            Sentence("Vectors can be used in arithmetic expressions, in which case the "
                     "operations are performed element by element.", 0, 0, "2.2 Vector arithmetic")]
    found = section_definition(rule, ["vector arithmetic"], "2.2 Vector arithmetic")
    assert found is not None and found[1].startswith("Vectors can be used in arithmetic")


def test_code_a_gloss_without_a_verb_or_an_example_defines_nothing() -> None:
    heading = "7.5.1 HMAC-SHA1"
    opening = [Sentence("void hmac_sha1_digest (struct hmac sha1 ctx *ctx) [Function] Extracts "
                        "the MAC.", 0, 0, heading),
               Sentence("The internal block size of HMAC-SHA1, in octets.", 0, 0, heading),
               Sentence("For example, HMAC-SHA1 is used by many protocols.", 0, 0, heading)]
    assert section_definition(opening, ["HMAC-SHA1"], heading) is None


def test_a_section_adds_a_concept_cited_on_its_first_page_marked_as_a_section() -> None:
    chunks = _chunks(("2.1 Vectors", "A vector is an ordered collection of numbers. We use "
                                     "vectors everywhere in this manual."),
                     ("2.2 Vector arithmetic", "Vectors can be used in arithmetic expressions, "
                                               "in which case the operations are performed "
                                               "element by element. Shorter vectors are "
                                               "recycled to the length of the longest one."))
    vector = ConceptDraft(name="vector", definition="A vector is an ordered collection of "
                          "numbers.", citations=[Citation(source="m.pdf", page=1)],
                          evidence=["definition"], first_order=0)
    result = add_section_concepts([vector], _sentences(chunks), chunks)
    assert [d.name for d in result] == ["vector", "vector arithmetic"]
    added = result[1]
    assert added.definition.startswith("Vectors can be used in arithmetic expressions")
    assert added.citations[0].page == 2 and added.section == "2.2 Vector arithmetic"
    assert SECTION_EVIDENCE in added.evidence and SECTION_EVIDENCE not in vector.evidence
    assert added.key_points[0] == added.definition and len(added.key_points) == 2


def test_a_section_on_a_concept_already_found_adds_nothing() -> None:
    chunks = _chunks(("6.3 Data frames", "Data frames can be built from lists of columns "
                                         "with the same number of rows."),
                     ("6.5 The outer product of two arrays", "Outer products are computed "
                                                             "by the outer function for "
                                                             "any two arrays."))
    known = [ConceptDraft(name="data frame", definition="A data frame is a list.",
                          aliases=["data frames"]),
             ConceptDraft(name="outer product", definition="The outer product is an array.")]
    assert add_section_concepts(known, _sentences(chunks), chunks) == known


def test_an_api_entry_heading_is_left_to_the_reference_entries() -> None:
    chunks = _chunks(("idn2 to ascii 8z", "int idn2_to_ascii_8z (const char * input) "
                                          "[Function]. Converts a domain name to its ASCII "
                                          "form and returns a status code."))
    assert add_section_concepts([], _sentences(chunks), chunks) == []


def test_the_map_of_a_manual_gets_its_section_topics() -> None:
    chunks = _chunks(
        ("1 Vectors", "A vector is an ordered collection of numbers. Vectors hold numbers "
                      "and vectors hold strings too."),
        ("2 Generating regular sequences", "The colon operator generates regular sequences of numbers "
                                "counting up or down. The seq function generalises it."),
        ("3 Index", "vector, 1\nregular sequence, 2\nseq, 2\ncolon, 2\nnumber, 1"))
    drafts = {d.name: d for d in extract_concepts(chunks)}
    assert "regular sequence" in drafts
    assert SECTION_EVIDENCE in drafts["regular sequence"].evidence
    assert drafts["regular sequence"].citations[0].page == 2
    assert not any(name.lower() == "index" for name in drafts)


def test_a_group_of_reference_entries_names_no_topic() -> None:
    assert topic_name("7.4.1.1 General EAX interface") is None
    assert topic_name("7.4.1.2 EAX helper macros") is None


def test_an_opening_that_goes_on_from_the_sentence_before_defines_nothing() -> None:
    heading = "10.4 The ‘...’ argument"
    opening = [Sentence("This can be done by including an extra argument, literally '...', of "
                        "the function, which may then be passed on.", 0, 0, heading)]
    assert section_definition(opening, ["‘...’ argument"], heading) is None
