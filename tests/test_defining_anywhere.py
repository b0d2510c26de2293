"""Where the book says what a concept is, anywhere it names it; and concepts it never explains
(a last pass over the map's drafts)."""

from __future__ import annotations

from tests.factories import manual_pages
from tutor.course import Chunk, Citation
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.definitions.defining_anywhere import (
    define_anywhere,
    found_definition,
    tells_what,
    unexplained,
)
from tutor.engine.port import ConceptDraft


def _sentences(chunks: list[Chunk]) -> list[Sentence]:
    return [Sentence(c.text, i, 0, c.heading) for i, c in enumerate(chunks)]


def _draft(name: str, definition: str, evidence: list[str], page: int = 1) -> ConceptDraft:
    return ConceptDraft(name=name, definition=definition, evidence=evidence,
                        citations=[Citation(source="m.pdf", page=page)],
                        key_points=[definition])


def test_what_says_what_a_concept_is_or_does() -> None:
    assert tells_what("Tokens are the elementary building blocks of a language.", ["token"])
    assert tells_what("An R list is an object consisting of an ordered collection of objects.",
                      ["list"])  # a proper name before the concept's name
    assert tells_what("A value far from the central tendency.", ["outlier"])  # a gloss
    assert tells_what("In R free variables are resolved where the function was created. This "
                      "is called lexical scope.", ["lexical scope"])
    assert tells_what("Option nooffset stands for offset 0.", ["nooffset"])
    assert tells_what("The pointinterval controls the spacing between points.", ["pointinterval"])
    assert tells_what("A sentence is contingent if it is neither a tautology nor a "
                      "contradiction.", ["contingent"])
    assert tells_what("A definition builds things from parts. Definitions like this are called "
                      "recursive.", ["recursive definition"])  # the kind, by its modifier
    assert tells_what("The universal introduction rule (UI) lets you infer UxAx from Ac.",
                      ["universal introduction"])
    assert tells_what("Separated dependencies simply refers to listing the prerequisite of a "
                      "target.", ["separated dependency"])
    assert tells_what("Minor tic marks are controlled by by set mttics.", ["mttics"])  # a typo
    # a gloss with a subject of its own is about something else
    assert not tells_what("The format string is used to write the date and time.", ["timestamp"])
    # a naming in passing, a use, a behaviour
    assert not tells_what("The class of an object determines how it is treated by what are "
                          "known as generic functions.", ["generic function"])
    assert not tells_what("Character vectors are used frequently in R, for example as plot "
                          "labels.", ["character vector"])
    assert not tells_what("If so, we may wish to make it a matrix binary operator.",
                          ["binary operator"])


def test_a_sentence_found_elsewhere_must_have_the_concept_as_its_subject() -> None:
    assert found_definition("Put the other way round, a generic function performs a task on "
                            "its arguments specific to their class.", ["generic function"])
    assert found_definition("The command set timestamp places the date in the plot margin.",
                            ["timestamp"])
    assert found_definition("Similarly, the keyword nocontours will turn off contouring for a "
                            "plot.", ["nocontours"])  # an option by its kind, after a clause
    assert found_definition("If two scans differ, the option ftriangles specifies whether "
                            "triangles are drawn.", ["ftriangles"])
    assert not found_definition("The keyword nocontours is rarely used.", ["nocontours"])
    assert not found_definition("In all of those cases, the compiler is passed -lfoo.",
                                ["compiler"])
    assert not found_definition("Secondly, missing types are defined using #define.", ["type"])
    assert not found_definition("The show plot command shows the current plotting command.",
                                ["plot"])  # the name inside a longer command's
    assert not found_definition("The set mouse format command specifies a format string.",
                                ["format"])
    assert not found_definition("The every keyword allows a periodic sampling.", ["keyword"])
    assert found_definition("The set ytics command controls major tics on the y axis.", ["ytics"])
    assert not found_definition("LaTeX is the default.", ["latex"])
    assert not found_definition("The dumb terminal driver plots into a text block.",
                                ["terminal"])  # of one terminal, not what a terminal is
    assert not found_definition("The VWS terminal driver supports the VAX Windowing System.",
                                ["terminal"])
    assert not found_definition("A positive offset expands the axis range.", ["offset"])


def test_a_draft_that_does_not_say_what_it_is_takes_the_books_sentence() -> None:
    chunks = manual_pages(
        ("Introduction", "The class of an object determines how it is treated by what are "
                         "known as generic functions."),
        ("Packages", "Other generic functions are listed in the index."),
        ("Classes, generic functions", "Put the other way round, a generic function performs "
                                       "a task on its arguments specific to their class."),
    )
    draft = _draft("generic function", chunks[0].text, ["definition", "emphasis"])
    kept = define_anywhere([draft], _sentences(chunks), chunks)
    assert kept == [draft]
    assert draft.definition.startswith("Put the other way round, a generic function performs")
    assert draft.citations[0].page == 3  # cited where the book says it
    assert draft.key_points[:2] == [draft.definition, chunks[0].text]


def test_the_concepts_own_section_comes_first() -> None:
    chunks = manual_pages(
        ("Margin", "The format string is used to write the date and time."),
        ("Labels", "The timestamp is a label of the plot margin."),
        ("Timestamp", "The command set timestamp places the current time and date in the plot "
                      "margin."),
    )
    draft = _draft("timestamp", chunks[0].text, ["heading"])
    define_anywhere([draft], _sentences(chunks), chunks)
    assert draft.definition.startswith("The command set timestamp places")


def test_a_draft_that_already_says_what_it_is_is_left_alone() -> None:
    chunks = manual_pages(("Lists", "An R list is an object consisting of an ordered collection of "
                               "objects."),
                     ("More", "R also operates on objects called lists, which are of mode list."))
    draft = _draft("list", chunks[0].text, ["definition"])
    define_anywhere([draft], _sentences(chunks), chunks)
    assert draft.definition == chunks[0].text and draft.citations[0].page == 1


def test_a_concept_nothing_explains_is_dropped_unless_other_evidence_keeps_it() -> None:
    chunks = manual_pages(("Scans", "You may try to switch between scansforward and scansbackward "
                               "to force the first scan to be plotted first."),
                     ("Surfaces", "Scansforward is handy with surfaces."))
    said = chunks[0].text
    keyword = _draft("scansforward", said, ["emphasis"])
    section = _draft("contour", "Contours are drawn on the base.", ["heading"])
    section.definition = "Contours can be drawn on the base."
    entry = _draft("reference entry", said.replace("scansforward", "reference entry"),
                   ["reference"])  # another module's evidence: not judged here
    termed = _draft("binary operator", "If so, we may wish to make it a matrix binary operator.",
                    ["emphasis", "keyphrase"])  # a term of words set in emphasis stays
    kept = define_anywhere([keyword, section, entry, termed], _sentences(chunks), chunks)
    assert kept == [section, entry, termed]
    assert unexplained(keyword) and not unexplained(section) and not unexplained(entry)
    assert not unexplained(termed)


def test_a_cross_reference_gives_way_to_the_concepts_own_section() -> None:
    chunks = manual_pages(("Plot", "See colorspec (p. 2)."),
                     ("Colorspec", "Many commands let you give a line an explicit color."))
    draft = _draft("colorspec", chunks[0].text, ["heading", "emphasis"])
    define_anywhere([draft], _sentences(chunks), chunks)
    assert draft.definition.startswith("Many commands let you")
    assert draft.citations[0].page == 2


def test_a_placeholder_joined_by_hyphens_is_one_word() -> None:
    placeholder = _draft("type-or-expr", "Define SIZEOF_type-or-expr to be its size.",
                         ["emphasis"])
    assert unexplained(placeholder)


def test_another_name_a_bracketed_gloss_and_still_say_what_it_is() -> None:
    assert found_definition("A chart or plot is an object which is placed on a drawing; it is "
                            "not itself a drawing.", ["chart"])
    assert tells_what("A chart or plot is an object which is placed on a drawing.", ["chart"])
    assert not found_definition("If x or y is missing, nothing is drawn.", ["x"])
    assert found_definition("However, LaTeX is still the native language for questionnaire "
                            "descriptions.", ["LaTeX"])
    simple = ("Simple questions (questions for which one and only one answer is correct) begin "
              "with a * at the beginning of the line.")
    assert found_definition(simple, ["simple question", "simple questions"])
    assert tells_what(simple, ["simple question", "simple questions"])
    assert not found_definition("For simple questions (a single correct answer), one uses "
                                "the following model.", ["simple question", "simple questions"])


def test_a_sentence_glued_after_code_is_read_without_the_code() -> None:
    chunks = manual_pages(
        ("2.1 Text", "A program creates a text object from the canvas using beginText and "
                     "then formats text by invoking textobject methods."),
        ("The text object methods", "textobject = canvas.beginText(x, y) canvas.drawText(t) "
                                    "Text objects are used to format text in ways the canvas "
                                    "interface does not support."),
    )
    draft = _draft("text object", chunks[0].text, ["definition"])
    draft.aliases = ["text objects"]
    define_anywhere([draft], _sentences(chunks), chunks)
    assert draft.definition == ("Text objects are used to format text in ways the canvas "
                                "interface does not support.")
    assert draft.citations[0].page == 2
