"""A manual's own structure: a section devoted to a command defines it, common words said of
one instance are no concepts, and the writer says why a concept gets no exercise."""

from __future__ import annotations

import logging

from tests.factories import manual_pages
from tutor.course import Chunk, Citation
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.concepts.common_words import instance_word
from tutor.engine.offline.definitions.descriptions import describes_command, plainly_defines
from tutor.engine.offline.definitions.section_definitions import define_from_sections
from tutor.engine.offline.writing.refusals import NO_MATERIAL, RefusalCount, refuse
from tutor.engine.port import ConceptDraft


def test_what_a_command_does_in_its_own_words_defines_it() -> None:
    assert describes_command("The set grid command allows grid lines to be drawn.", ["grid"])
    assert not plainly_defines("The set grid command allows grid lines to be drawn.", ["grid"])
    assert describes_command("In 2D plots the boxes style draws a rectangle about x.", ["boxes"])
    assert describes_command("The function eigen calculates the eigenvalues of a matrix.",
                           ["eigen"])
    assert not describes_command("The filledcurves style is only used for 2D plots.",
                               ["filledcurves"])
    assert not describes_command("The list contains values.", ["list"])
    assert describes_command("Set cntrparam controls the generation of contours.", ["cntrparam"])
    assert describes_command("The domterm terminal device runs on the DomTerm emulator.",
                             ["domterm"])
    assert describes_command("The color and monochrome options select colored output.",
                             ["monochrome"])
    assert describes_command("The candlesticks style can be used for financial data.",
                             ["candlesticks"])
    assert not describes_command("Boxes do not expand.", ["boxes"])




def test_a_section_devoted_to_a_concept_gives_its_definition() -> None:
    chunks = manual_pages(("Introduction", "Each plot style has its own section."),
                     ("Boxes", "The boxes style draws a box centred about each x coordinate."))
    sentences = [Sentence("Plot data with boxes, sin(x) with lines.", 0, 0, "Introduction"),
                 Sentence("The boxes style draws a box centred about each x coordinate.", 1, 0,
                          "Boxes")]
    draft = ConceptDraft(name="boxes", definition="Plot data with boxes, sin(x) with lines.",
                         citations=[Citation(source="m.pdf", page=1)],
                         key_points=["Plot data with boxes, sin(x) with lines."])
    defined = ConceptDraft(name="lines", definition="A line style is a style of lines.",
                           citations=[Citation(source="m.pdf", page=1)])
    define_from_sections([draft, defined], sentences, chunks)
    assert draft.definition.startswith("The boxes style draws")
    assert draft.citations[0].page == 2 and draft.key_points[0] == draft.definition
    assert defined.definition == "A line style is a style of lines."


def test_a_common_word_said_of_one_instance_is_no_concept() -> None:
    said_of_one = "The value is a vector of function results."
    assert instance_word("value", {"definition", "emphasis"}, said_of_one, indexed=False)
    assert not instance_word("value", {"definition", "emphasis"}, said_of_one, indexed=True)
    assert not instance_word("value", {"definition", "emphasis"}, said_of_one)
    assert not instance_word("value", {"glossary"}, said_of_one, indexed=False)
    assert not instance_word("value", {"definition"}, "A value is one of the units of data.",
                             indexed=False)
    assert not instance_word("value", {"definition"}, "This is called a value.")
    assert instance_word("numbered", {"emphasis"}, "Components are always numbered.")
    assert not instance_word("eigenvalue", {"emphasis"}, "The eigenvalue is a number.")


def test_refusals_are_counted_by_reason() -> None:
    with RefusalCount() as count:
        assert refuse("locale", NO_MATERIAL) == []
    logging.getLogger("tutor.engine.offline.writing.refusals").info("no exercise for %s: %s", "x", "y")
    assert count.by_reason == {NO_MATERIAL: ["locale"]}


def test_the_maps_own_sentence_on_a_command_says_what_it_is() -> None:
    from tutor.course import Concept
    from tutor.engine.offline.definitions.descriptions import says_what_it_is
    from tutor.engine.offline.writing.exercise_material import gather

    page = Chunk(id="m.pdf#p2-0", source="m.pdf", page=2, heading="Grid", order=1,
                 text="The set grid command allows grid lines to be drawn on the plot. "
                      "The type function returns the type of a value.")
    grid = Concept(id="grid", name="grid", citations=[Citation(source="m.pdf", page=2)],
                   definition="The set grid command allows grid lines to be drawn on the plot.")
    assert says_what_it_is(gather(grid, ["grid"], [page]))
    kind = Concept(id="type", name="type", citations=[Citation(source="m.pdf", page=2)],
                   definition="A type is a category of values.")
    other = gather(kind, ["type"], [page])
    other.sentence = "The type function returns the type of a value."
    assert not says_what_it_is(other)
