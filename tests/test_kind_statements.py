"""A sentence that names a term by its kind and says what it does, or gives a plural term its
plural class, says what the term is: the keep rules take it as a definition."""

from __future__ import annotations

from tutor.course import Chunk
from tutor.engine.offline.concepts.extract import extract_concepts
from tutor.engine.offline.concepts.kind_statements import plural_class, states_kind
from tutor.engine.offline.definitions.defining_signs import Candidate, features
from tutor.engine.offline.terms import term_key


def test_a_term_named_by_its_kind_and_what_it_does() -> None:
    assert states_kind("ranksep", "The ranksep attribute sets the rank separation, in inches.")
    assert not states_kind("bracket operator", "The bracket operator indexes an element.")
    assert states_kind("xdot", "The xdot format is a strict extension of the dot format.")
    assert not states_kind("option", "This option sets the size.")
    assert not states_kind("configure script",
                           "The configure script needs to be able to decode all names.")
    assert not states_kind("rank", "In a top-to-bottom drawing, ranks determine Y coordinates.")


def test_a_plural_term_given_its_plural_class() -> None:
    assert plural_class("attribute", "Attributes are name-value pairs of character strings.")
    assert plural_class("cluster", "Clusters are subgraphs whose names begin with cluster.")
    assert not plural_class("attribute", "Attributes are set off in square brackets.")
    assert not plural_class("object", "Objects are always useful things.")
    assert not plural_class("list", "Lists are very flexible.")
    assert not plural_class("attribute", "attributes are name-value pairs of strings.")


def test_a_hyphenated_modifier_before_the_class_is_still_a_copula_to_a_class() -> None:
    sentence = Candidate("Attributes are name-value pairs of character strings.")
    assert features("attribute", sentence)["subject_copula"]
    assert not features("list", Candidate("Lists are well-known to be slow."))["subject_copula"]


_FILLER = ("The drawing places each node on a level and draws the edges between levels.",
           "Edges are routed between the levels of the drawing as smooth curves.",
           "A drawing may be written to a file in several formats.")


def test_a_keyphrase_the_manual_names_by_its_kind_or_class_is_kept() -> None:
    pages = [
        "The ranksep attribute sets the separation between levels, in inches. " + _FILLER[0],
        "With a larger ranksep the levels of the drawing lie further apart. " + _FILLER[1],
        "Attributes are name-value pairs of character strings. " + _FILLER[2],
        "Edge attributes and node attributes are set in square brackets after the object. "
        "The ranksep value is read once.",
        "Graph attributes apply to the whole drawing; ranksep is one of them. " + _FILLER[0],
    ]
    chunks = [Chunk(id=f"m.pdf#p{i}-0", source="m.pdf", page=i + 1, text=text, order=i,
                    heading="Drawing") for i, text in enumerate(pages)]
    found = {term_key(d.name): d.definition for d in extract_concepts(chunks)}
    assert found["ranksep"] == "The ranksep attribute sets the separation between levels, in inches."
    assert found["attribute"] == "Attributes are name-value pairs of character strings."


def test_a_passive_says_nothing_of_what_the_term_is() -> None:
    assert not states_kind("value", "The style value is specified by the characters after it.")
    # the passive follows the kind word, not the term itself
    assert not states_kind("taskid", "The taskid parameter is ignored when task is NULL.")
    assert not states_kind("ranksep", "The ranksep attribute is given in inches.")
    assert states_kind("rankdir", "The rankdir attribute is used to set the direction of ranks.")
