"""Terms a prose book introduces in running text ("the notion of graphical objects", "a
so-called plug-in", "a group called 'Voice context'") and explains there become concepts;
a term named in passing, an everyday word or a quoted modifier does not, nor does anything in
a book that defines its terms."""

from __future__ import annotations

from tests.factories import manual_pages
from tutor.course import Chunk
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.concepts.introduced_terms import (
    INTRODUCED_EVIDENCE,
    add_introduced_terms,
    defines_little,
    introductions,
    is_term,
)

_PROSE = ("The program reads the input and writes pages. Layout should be pretty. The result "
          "pleases the eye of the reader. Musicians read the page while they play. A careful "
          "distribution of white space helps them. Readers notice the distance between notes. ")
"""Essay prose that defines nothing: enough of it keeps the book below the defining share."""


def _sentences(chunks: list[Chunk]) -> list[Sentence]:
    return [Sentence(text.strip() + ".", i, 0, chunk.heading)
            for i, chunk in enumerate(chunks) for text in chunk.text.split(".") if text.strip()]


def _names(*sections: tuple[str, str]) -> dict[str, str]:
    chunks = manual_pages(("1 Essay", _PROSE * 12), *sections)
    added = add_introduced_terms([], _sentences(chunks), chunks)
    assert all(INTRODUCED_EVIDENCE in d.evidence for d in added)
    return {d.name: d.definition for d in added}


def test_a_term_after_an_introducing_phrase_and_taken_up_again_is_a_concept() -> None:
    names = _names(("2 Architecture", "The current formatting architecture is built around the "
                    "notion of graphical objects, described by variables and functions. Many "
                    "graphical objects have a direction variable that encodes up or down."))
    assert names["graphical object"].startswith("The current formatting architecture is built")


def test_a_term_the_sentence_goes_on_to_explain_is_a_concept() -> None:
    names = _names(("2 Representation", "The structure is formed by the concept of music "
                    "expressions: by combining small fragments of music into larger ones, "
                    "complex music can be expressed"))
    assert "music expression" in names


def test_a_term_named_in_passing_is_no_concept() -> None:
    names = _names(("2 Architecture", "The program was rewritten around the notion of "
                    "graphical objects, in the end. The rest of the program stayed as it was."))
    assert names == {}


def test_a_naming_in_quotes_and_a_so_called_term_are_concepts() -> None:
    names = _names(("2 Contexts", "Every type of symbol is handled by a separate module, a "
                    "so-called plug-in. Each plug-in is modular and independent. The engravers "
                    "for note heads and stems go into a group called 'Voice context'. A single "
                    "staff holds more than one Voice context."))
    assert {"plug-in", "voice context"} <= names.keys()


def test_a_quoted_modifier_and_a_term_only_ever_quoted_are_no_concepts() -> None:
    names = _names(("2 Output", "The option gives the formats to use for the 'tall page' "
                    "image in the output. The tall page image holds all the music."),
                   ("3 Targets", "Running 'make install' should never recompile the program "
                    "at all. Users should run 'make install' only once."))
    assert names == {}


def test_a_multi_word_term_plainly_defined_once_is_a_concept() -> None:
    names = _names(("2 Notation", "Common music notation is a system of recording music that "
                    "has evolved over the past 1000 years. Hence, common music notation "
                    "encompasses some 500 years of music."))
    assert names["common music notation"].startswith("Common music notation is a system")


def test_an_everyday_word_is_no_introduced_term() -> None:
    assert not is_term("time") and not is_term("structure")
    assert is_term("plug-in") and is_term("graphical objects")
    found = introductions([Sentence("We keep to the notion of time in the whole book.", 0, 0,
                                    "1 Time")])
    assert [f.term for f in found] == ["time"] and not is_term(found[0].term)


def test_a_book_that_defines_its_terms_gets_no_introduced_concepts() -> None:
    textbook = ("A list is a sequence of values. A tuple is a sequence of values. A string is "
                "a sequence of characters. A dictionary is a mapping from keys to values. ")
    chunks = manual_pages(("1 Values", textbook * 2),
                          ("2 Architecture", "The program is built around the notion of "
                           "graphical objects, described by variables. Many graphical objects "
                           "have a direction."))
    assert not defines_little(_sentences(chunks))
    assert add_introduced_terms([], _sentences(chunks), chunks) == []


def test_a_sentence_speaking_to_the_reader_explains_no_term() -> None:
    names = _names(("2 Fonts", "If you do not know what a so-called font encoding is about, "
                    "ignore this command! A font encoding maps codes to glyphs in the output."),
                   ("3 Targets", "Note that the term 'data block' may also name inline data. "
                    "Each data block holds rows of numbers for a plot."))
    assert "font encoding" not in names and "data block" not in names


def test_a_quoted_command_line_is_no_term_a_quoted_name_after_an_article_is() -> None:
    names = _names(("2 Terminals", "These terminal types now invoke 'set monochrome' when "
                    "their mono option is present. The set monochrome command keeps colours."),
                   ("3 Grids", "An 'image point' is constructed at the center of the grid "
                    "patch. Each image point takes the average of its four neighbours."))
    assert "set monochrome" not in names and "image point" in names


_GRAPHS = ("1 Basic drawing", "A node is created when its name first appears in the file. "
           "Within a main graph, a subgraph defines a subset of nodes and edges. "
           "A common problem is that a large drawing yields unreadable labels.")


def test_a_basic_object_a_sentence_opens_on_and_the_book_uses_again_is_a_concept() -> None:
    # a tutorial never writes "A node is a ...": its objects open the sentences about them
    names = _names(_GRAPHS,
                   ("2 Shapes", "Each node has a shape. The subgraph keeps its own nodes."),
                   ("3 Ports", "An edge may end at a port of a node inside a subgraph."),
                   ("4 Ranks", "The node of a subgraph takes a rank."))
    assert names["node"] == "A node is created when its name first appears in the file."
    assert names["subgraph"].startswith("Within a main graph, a subgraph defines")
    assert "common problem" not in names  # a phrase of one paragraph, never used again


def test_a_subject_used_in_fewer_passages_or_joined_by_or_is_no_concept() -> None:
    names = _names(_GRAPHS, ("2 Shapes", "A node or edge is drawn in black. Each node has a "
                             "shape. A subgraph is drawn like any graph."))
    assert "node" not in names and "subgraph" not in names  # in two passages only
    assert "node or edge" not in names


def test_an_everyday_word_or_a_term_of_few_passages_opening_a_sentence_is_no_concept() -> None:
    # "line" comes back everywhere but is an everyday word; "olink" is in 3 of 40 passages
    pages = [("1 Lines", "Each line is expected to hold numbers. An olink is considered "
              "external when its target is set.")]
    pages += [(f"{n} Data", "The line holds numbers. The olink points elsewhere."
               if n < 4 else "The line holds numbers.") for n in range(2, 40)]
    names = _names(*pages)
    assert "line" not in names and "olink" not in names


def test_a_subject_sentence_deep_in_the_book_introduces_nothing() -> None:
    # the book used "node" in many passages before a sentence opens on it
    pages = [(f"{n} Drawing", "The node keeps its name. Each graph is drawn with its node.")
             for n in range(1, 6)]
    pages += [("6 Files", "A node is created when its name first appears in the file.")]
    names = _names(*pages)
    assert "node" not in names
