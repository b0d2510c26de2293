"""A section devoted to one topic makes the topic a concept: named by its topic, defined by
the section's opening, cited on its first page, never twice, never for matter or examples."""

from __future__ import annotations

from tests.factories import manual_pages
from tutor.course import Chunk, Citation
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.concepts.extract import extract_concepts
from tutor.engine.offline.concepts.section_concepts import (
    SECTION_EVIDENCE,
    add_section_concepts,
    adjective_participles,
    section_definition,
    topic_name,
)
from tutor.engine.port import ConceptDraft


def _sentences(chunks: list[Chunk]) -> list[Sentence]:
    return [Sentence(text.strip() + ".", i, 0, chunk.heading)
            for i, chunk in enumerate(chunks) for text in chunk.text.split(".") if text.strip()]


def test_a_heading_names_its_topic() -> None:
    assert topic_name("2.2 Vector arithmetic") == ("vector arithmetic", [])
    assert topic_name("2.3 Generating regular sequences") == (
        "regular sequence", ["generating regular sequences"])  # the book's own title too
    assert topic_name("6.3.5 Managing the search path") == (
        "search path", ["managing the search path"])
    assert topic_name("1.7 Getting help with functions and features") == (
        "getting help", ["getting help with functions and features"])
    assert topic_name("10 Writing your own functions") == (
        "writing functions", ["writing your own functions"])
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


def test_a_numbered_label_names_no_topic_and_the_topic_after_it_is_named() -> None:
    # "Method 2", "Case B" or a variable's case ("Large n") is a label, not a topic
    for heading in ("Method 2", "Case B", "Large n", "Step IV"):
        assert topic_name(heading) is None, heading
    assert topic_name("Method 2: Horner scheme") == ("horner scheme", [])
    assert topic_name("Step 3: Sorting the records") == (
        "sorting records", ["sorting the records"])  # not the label "step 3"


def test_a_task_completed_by_an_infinitive_names_no_topic() -> None:
    assert topic_name("1.5 Putting LilyPond to work") is None  # not "putting LilyPond"
    assert topic_name("Managing the search path")[0] == "search path"


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
    chunks = manual_pages(("2.1 Vectors", "A vector is an ordered collection of numbers. We use "
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
    chunks = manual_pages(("6.3 Data frames", "Data frames can be built from lists of columns "
                                         "with the same number of rows."),
                     ("6.5 The outer product of two arrays", "Outer products are computed "
                                                             "by the outer function for "
                                                             "any two arrays."))
    known = [ConceptDraft(name="data frame", definition="A data frame is a list.",
                          aliases=["data frames"]),
             ConceptDraft(name="outer product", definition="The outer product is an array.")]
    assert add_section_concepts(known, _sentences(chunks), chunks) == known


def test_an_api_entry_heading_is_left_to_the_reference_entries() -> None:
    chunks = manual_pages(("idn2 to ascii 8z", "int idn2_to_ascii_8z (const char * input) "
                                          "[Function]. Converts a domain name to its ASCII "
                                          "form and returns a status code."))
    assert add_section_concepts([], _sentences(chunks), chunks) == []


def test_the_map_of_a_manual_gets_its_section_topics() -> None:
    chunks = manual_pages(
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


def test_an_it_right_after_the_heading_stands_for_the_topic() -> None:
    heading = "7.1.1.6 SHA3-256"
    opening = [Sentence("It outputs hash values of 256 bits, or 32 octets.", 0, 0, heading)]
    found = section_definition(opening, ["SHA3-256"], heading)
    assert found is not None and found[1] == "SHA3-256 outputs hash values of 256 bits, or 32 octets."
    dummy = [Sentence("It is possible to specify Hershey vector fonts for rendering text.", 0, 0,
                      "12.2.2 Hershey vector fonts")]
    assert section_definition(dummy, ["Hershey vector font"], "12.2.2 Hershey vector fonts") is None
    nothing = [Sentence("It is not really possible for an object to be of this type.", 0, 0,
                        "2.1.12 The Any type")]
    assert section_definition(nothing, ["Any type"], "2.1.12 The Any type") is None


def test_a_plural_subject_and_its_verb_state_the_sections_rule() -> None:
    heading = "3.2 Return values"
    opening = [Sentence("The functions normally return 0 on success and a negative error code "
                        "on failure.", 0, 0, heading)]
    found = section_definition(opening, ["return value"], heading)
    assert found is not None and found[1].startswith("The functions normally return 0")
    own = [Sentence("The hash functions in this section all have some known weaknesses, and "
                    "should be avoided for new applications.", 0, 0, "7.1.3 Legacy hash functions")]
    assert section_definition(own, ["legacy hash function"], "7.1.3 Legacy hash functions")
    # the book speaking of itself is still narration
    book = [Sentence("The examples in this chapter normally run in a few seconds.", 0, 0, heading)]
    assert section_definition(book, ["return value"], heading) is None


def test_a_topic_joining_two_is_spoken_of_under_either_and_by_its_initials() -> None:
    chunks = manual_pages(
        ("7.3.1 Cipher Block Chaining", "When using CBC mode, plaintext blocks are not "
                                        "encrypted independently of each other."),
        ("14.4 Compression and archives", "Archives bundle many files into one file, and "
                                          "most archives can be read by connections."))
    result = {d.name: d for d in add_section_concepts([], _sentences(chunks), chunks)}
    assert result["cipher block chaining"].aliases == ["CBC"]
    assert result["compression and archive"].definition.startswith("Archives bundle many files")


def test_an_opening_leaning_on_a_quantifier_defines_nothing_an_aside_example_may() -> None:
    heading = "13.2 Contributed packages"
    leaning = [Sentence("Some of these packages implement specialized statistical methods.", 0,
                        0, heading),
               Sentence("Some (the recommended packages) are distributed with every binary "
                        "distribution.", 0, 0, heading)]
    assert section_definition(leaning, ["contributed package"], heading) is None
    aside = [Sentence("Character vectors are used frequently in R, for example as plot labels.",
                      0, 0, "2.6 Character vectors")]
    assert section_definition(aside, ["character vector"], "2.6 Character vectors")
    operator = [Sentence("The operator %*% is used for matrix multiplication.", 0, 0,
                         "5.7.1 Matrix multiplication")]
    assert section_definition(operator, ["matrix multiplication"], "5.7.1 Matrix multiplication")


def test_a_task_heading_names_its_action_or_the_term_it_works_on() -> None:
    assert topic_name("3.2 Converting from Unicode to ASCII") == (
        "conversion from Unicode to ASCII", ["converting from unicode to ASCII"])
    assert topic_name("3.3 Getting and setting attributes") == (
        "attribute", ["getting and setting attributes"])
    assert topic_name("7.4 Editing data") == ("editing data", [])  # a common word stays a task
    assert topic_name("7.1 The read.table() function") == (
        "read.table()", ["read.table() function"])
    assert topic_name("12.4.1 Permanent changes: The par() function") == (
        "par()", ["par() function", "permanent change"])


def test_a_word_in_ing_the_book_uses_as_an_adjective_is_no_task() -> None:
    sentences = [Sentence("R relies on the operating system to manipulate files.", 0, 0, "x"),
                 Sentence("Managing the search path is easy.", 0, 1, "x")]
    adjectives = adjective_participles(sentences)
    assert ("operating", "system") in adjectives
    assert topic_name("14.1 Operating system access", adjectives) == (
        "operating system access", [])
    assert topic_name("14.1 Operating system access") == (
        "system access", ["operating system access"])
    assert topic_name("6.3.5 Managing the search path", adjectives) == (
        "search path", ["managing the search path"])


_RECIPE = ("For the serious hacker, here is a recipe for nettle soup. Four servings. One liter "
           "fresh nettles, two tablespoons butter, three tablespoons flour, one liter stock, "
           "half a teaspoon salt, a tad white pepper, some cream or milk. Gather the nettles "
           "wearing gloves. Small tender shoots are preferable. Rinse them very well. Boil "
           "them for ten minutes in lightly salted water. Strain and chop. Melt the butter, "
           "mix in the flour, dilute with stock. Bring to a boil, season with pepper, and serve "
           "with boiled egg halves.")
_CIPHER = ("A block cipher encrypts a block of data with a secret key. The key size and the "
           "block size of the cipher are fixed. Encryption and decryption use the same key. "
           "A mode of operation chains blocks so that a message longer than one block can be "
           "encrypted. Counter mode turns the block cipher into a stream of data. Padding "
           "fills the last block. The ciphertext block depends on the plaintext block, the key "
           "and the nonce. Authentication protects the message from changes by an attacker.")


def test_a_chapter_in_words_foreign_to_the_book_is_no_topic() -> None:
    chunks = manual_pages(("7 Block ciphers", _CIPHER),
                     ("8 Stream ciphers", "A stream cipher encrypts data of any size with a key "
                                          "and a nonce, one block of key stream at a time. "
                                          + _CIPHER),
                     ("9 Traditional Nettle Soup", _RECIPE))
    names = [d.name for d in add_section_concepts([], _sentences(chunks), chunks)]
    assert "stream cipher" in names and "traditional nettle soup" not in names


def test_a_plural_subject_saying_only_where_a_thing_applies_states_no_rule() -> None:
    heading = "8.10 String comparison"
    opening = [Sentence("The relational operators work on strings.", 0, 0, heading)]
    assert section_definition(opening, ["string comparison"], heading) is None


def test_an_opening_that_counts_on_from_a_list_before_defines_nothing() -> None:
    heading = "7.3.1.2 Cipher-specific functions"
    opening = [Sentence("The second reason for poor performance can be addressed by having a "
                        "combined function for cipher-specific modes.", 0, 0, heading)]
    assert section_definition(opening, ["cipher-specific function"], heading) is None
