"""How manuals say what a thing is: the phrasings the map and the writers read as definitions,
and headings that name a task rather than a thing."""

from __future__ import annotations

from tutor.engine.offline.definitions.defining_signs import Candidate, features
from tutor.engine.offline.definitions.descriptions import (
    describe,
    describes_command,
    plainly_defines,
)
from tutor.engine.offline.definitions.patterns import heading_terms


def test_a_command_named_by_what_it_does_is_described_by_its_own_verb() -> None:
    terms = ["print", "prints"]
    assert describes_command("The print command prints the value of one or more expressions.",
                             terms)
    assert describes_command("The fit command fits a user-supplied expression to data.",
                             ["fit", "fits"])
    assert not describes_command("Use print to print the value.", terms)


def test_like_a_known_thing_except_defines() -> None:
    sentence = ("The xerrorbars style is only relevant to 2D data plots. xerrorbars is like "
                "points, except that a horizontal error bar is also drawn.")
    assert plainly_defines(sentence, ["xerrorbars"])
    assert not plainly_defines("The xerrorbars style is like the others.", ["xerrorbars"])


def test_what_we_mean_by_the_term_defines_it() -> None:
    sentence = "By the mode of an object we mean the basic type of its fundamental constituents."
    assert plainly_defines(sentence, ["mode"])
    assert describe(sentence, ["mode"]) == "the basic type of its fundamental constituents"
    assert features("mode", Candidate(sentence))["predicate"] == 1.0
    assert features("object", Candidate(sentence))["predicate"] == 0.0


def test_what_it_is_after_a_sentence_on_the_thing() -> None:
    terms = ["boxerrorbars"]
    sentence = ("The boxerrorbars style is only relevant to 2D data plotting. It is a "
                "combination of the boxes and yerrorbars styles.")
    assert plainly_defines(sentence, terms)
    assert describe(sentence, terms) == "a combination of the boxes and yerrorbars styles"
    only_where = "The filledcurves style is only used for 2D plotting. It has three variants."
    assert not plainly_defines(only_where, ["filledcurves"])
    judged = "The boxes style is only relevant to 2D plotting. It is a good choice for counts."
    assert not plainly_defines(judged, ["boxes"])


def test_a_heading_that_names_a_task_gives_no_concept() -> None:
    assert heading_terms("B.1 Invoking R") == []
    assert heading_terms("7 Reading data from files") == []
    assert heading_terms("1.7 Getting help with functions and features") == []
    assert heading_terms("3.2 Changing the length of an object") == []
    assert heading_terms("3.3 Getting and setting attributes") == []
    assert heading_terms("Plotting styles") == ["Plotting styles"]
    assert heading_terms("Using graphics parameters") == ["graphics parameters"]


def test_a_likeness_with_its_difference_is_no_list_of_examples() -> None:
    from tutor.engine.offline.definitions.descriptions import only_examples

    assert not only_examples("exactly like the style steps except that the area is filled")
    assert only_examples("Expressions like 'no one', 'everyone', and 'anyone'")


def test_a_manual_says_what_a_set_command_does() -> None:
    assert describes_command("The command set bmargin sets the size of the bottom margin.",
                             ["bmargin"])
    assert describes_command("Set key autotitle causes each plot to be identified in the key.",
                             ["autotitle"])
    assert describes_command("Minor tic marks along the y axis are controlled by set mytics.",
                             ["mytics"])
    assert describes_command('The "cubehelix" option defines a family of palettes.',
                             ["cubehelix"])
    assert describes_command("The volatile keyword in a plot command indicates that the data "
                             "may not be available for re-reading.", ["volatile"])
    assert describes_command("The bins option to a plot command first assigns the data to "
                             "equal width bins.", ["bins"])
    assert not describes_command("The angle setting also applies to 3D mapping.", ["angle"])
    assert not describes_command("Set xtics 5 set logscale y", ["xtics"])


def test_a_name_that_holds_its_kind_is_described_by_what_it_does() -> None:
    assert describes_command("The set statement declares a set.",
                             ["set statement", "set statements"])
    assert describes_command("The MySQL table driver allows connecting to MySQL databases.",
                             ["MySQL table driver"])
    assert not describes_command("The xBASE table driver assumes that the data table is stored "
                                 "in the .dbf file format.", ["xBASE table driver"])
    assert not describes_command("The set statement depends on the data.", ["set statement"])
    assert not describes_command("The transposed data record has the following form.",
                                 ["transposed data record"])
    # a name without its kind is read as before: "The shape ... declares" says nothing of it
    assert not describes_command("The shape declares a set.", ["shape"])


def test_a_function_named_with_its_arguments_is_described_by_what_it_does() -> None:
    assert describes_command("The function str2time(s, f) converts a character string to the "
                             "calendar time.", ["str2time"])
    assert describes_command("The function NumRealRoots(p) returns the number of real roots "
                             "of p.", ["NumRealRoots"])
    assert not describes_command("The function str2time(s, f) is rarely needed.", ["str2time"])
    # one case of a call (a value among its arguments) is no definition of what it does
    assert not describes_command('The command plot(. . . , "no Rescale") scales the graphs.',
                                 ["plot"])
    # a bare kind word is a general concept, not a thing named with its kind
    assert not describes_command("The function dimensionless finds a basis for the "
                                 "dimensionless quantities.", ["function", "functions"])


def test_what_any_pair_has_is_defined_after_its_condition() -> None:
    sentence = ("If a and b are two numeric arrays, their outer product is an array whose "
                "dimension vector is obtained by concatenating their two dimension vectors.")
    assert plainly_defines(sentence, ["outer product"])
    assert describe(sentence, ["outer product"]).startswith("an array whose dimension vector")
    assert features("outer product", Candidate(sentence))["subject_copula"] == 1.0
    assert not plainly_defines("If you have two lists, their length is 5.", ["length"])


def test_what_it_does_after_a_sentence_on_the_thing() -> None:
    steps = ("The steps style is only relevant to 2D plotting. It connects consecutive points "
             "with two line segments.")
    assert plainly_defines(steps, ["steps"])
    assert describe(steps, ["steps"]) == "connects consecutive points with two line segments"
    needs = ("The financebars style is only relevant for 2D data plotting. It requires 1 x "
             "coordinate and 4 y values.")
    assert not plainly_defines(needs, ["financebars"])


def test_a_section_opening_on_the_thing_then_saying_what_it_does_defines_it() -> None:
    from tutor.course import Chunk, Citation
    from tutor.engine.offline.concepts.candidates import Sentence
    from tutor.engine.offline.definitions.section_definitions import define_from_sections
    from tutor.engine.port import ConceptDraft

    first = "The break command is only meaningful inside the clause of a do statement."
    then = "It causes the remaining statements inside the clause to be skipped."
    chunks = [Chunk(id="m.pdf#p1-0", source="m.pdf", page=1, text=f"{first} {then}",
                    heading="Break", order=0)]
    sentences = [Sentence(first, 0, 0, "Break"), Sentence(then, 0, 0, "Break")]
    draft = ConceptDraft(name="break", definition=first, key_points=[first],
                         citations=[Citation(source="m.pdf", page=1)])
    define_from_sections([draft], sentences, chunks)
    assert draft.definition == f"{first} {then}"
    needs = ConceptDraft(name="break", definition=first, key_points=[first],
                         citations=[Citation(source="m.pdf", page=1)])
    define_from_sections([needs], [Sentence(first, 0, 0, "Break"),
                                   Sentence("It has three variants.", 0, 0, "Break")], chunks)
    assert needs.definition == first


def test_a_heading_or_syntax_run_into_a_sentence_is_taken_off() -> None:
    from tutor.engine.offline.definitions.section_definitions import without_run_in

    assert without_run_in("Sbezier The smooth sbezier option first renders the data monotonic.",
                          ["sbezier"]) == "The smooth sbezier option first renders the data monotonic."
    assert without_run_in("Transpose Shorthand notation for scan=yx or scan=yxz.",
                          ["transpose"]) == "Shorthand notation for scan=yx or scan=yxz."
    assert without_run_in("Set datafile missing NaN show datafile missing The set datafile "
                          "missing command tells gnuplot which string marks a missing entry.",
                          ["set datafile missing"]).startswith("The set datafile missing command")
    assert without_run_in("Python is a language.", ["Python"]) == "Python is a language."
    kept = "Lists are mutable. The list command does this."
    assert without_run_in(kept, ["list"]) == kept


def test_what_a_thing_can_be_used_for_defines_it() -> None:
    terms = ["low-level plotting command", "low-level plotting commands"]
    assert plainly_defines("In this case, low-level plotting commands can be used to add extra "
                           "information to the current plot.", terms)
    assert not plainly_defines("Low-level plotting commands can be long.", terms)
