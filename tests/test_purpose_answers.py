"""A described concept's purpose read from more sentence shapes, and "What is X used for?"
answered in the learner's words when no fair options exist."""

from __future__ import annotations

from tests.factories import manual_pages
from tutor.course import Citation, Concept, DefinitionKind, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.tutoring.grading import grade
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.exercise_material import gather
from tutor.engine.offline.writing.purpose_answers import asked_name, key_points
from tutor.engine.offline.writing.purpose_exercises import write_purposes
from tutor.engine.offline.writing.purpose_readings import (
    own_sentence_terms,
    purpose_read,
    read_purpose,
    states_a_use,
    subject_terms,
)

_DOWNLOAD = ("Function download.file is provided to read a file from a Web resource via FTP or "
             "HTTP and write it to a file.")


def _read(name: str, sentence: str) -> str | None:
    found = purpose_read(name, [], [sentence])
    return found.action if found else None


# -- reading the purpose ---------------------------------------------------------------------
def test_a_purpose_is_read_from_the_shapes_a_prose_manual_says_it_in() -> None:
    assert _read("using download.file", _DOWNLOAD) == (
        "read a file from a Web resource via FTP or HTTP and write it to a file")
    assert _read("read.table", "The function read.table is the most convenient way to read "
                 "in a rectangular grid of data.") == "read in a rectangular grid of data"
    assert _read("binary connection", "Binary connections (Chapter 7 [Connections], page 26) "
                 "are now the preferred way to handle binary files.") == "handle binary files"
    assert _read("HTML-like label", "In order to allow a richer collection of attributes at a "
                 "finer granularity, dot accepts HTML-like labels using HTML syntax.") == (
        "allow a richer collection of attributes at a finer granularity")
    assert _read("percentile rank", "Percentile ranks are useful for comparing measurements "
                 "across different groups.") == "compare measurements across different groups"
    assert _read("scoping rules", "The scoping rules are simply the set of rules used by the "
                 "evaluator to find a value for a symbol.") == "find a value for a symbol"
    assert _read("grep", "grep is used for searching files for lines that match a pattern.") == (
        "search files for lines that match a pattern")


def test_a_goal_is_the_concept_s_only_when_the_sentence_gives_it_as_the_means() -> None:
    assert _read("density", "In order to get a probability mass, you have to integrate over "
                 "x. thinkstats2 provides a class that represents a probability density "
                 "function.") is None
    assert _read("HTML-like label", "In order to allow nested tables, the parser reads "
                 "HTML-like labels.") is None


def test_a_sentence_that_says_what_a_thing_holds_or_is_gives_no_purpose() -> None:
    assert _read("promise object", "Promise objects contain three slots: a value, an "
                 "expression, and an environment.") is None
    assert _read("pushback", "Pushback is only available for connections opened for input in "
                 "text mode.") is None
    assert _read("XML", "XML is meant to be used by everyone.") is None  # "to be": no action
    # another thing named with the concept: the XML package is not the markup language
    assert _read("XML", "The XML (https://CRAN.R-project.org/package=XML) package is provided "
                 "to read and write XML documents within R.") is None


def test_a_topic_heading_on_one_thing_names_that_thing() -> None:
    assert "download.file" in subject_terms("using download.file")
    assert read_purpose("XML serves to exchange structured data between systems.",
                        subject_terms("XML")) == "exchange structured data between systems"


def test_a_clause_after_the_purpose_is_cut_only_when_it_is_no_part_of_it() -> None:
    assert _read("settings file", "The settings file is provided to hold the default colours, "
                 "which are read when it opens.") == "hold the default colours"
    # "so that ..." is the purpose's point: leaning on "it", nothing is read
    assert _read("on.exit", "The effect of a call to on.exit is to store the value of the body "
                 "so that it will be executed when the function exits.") is None


def test_only_a_sentence_saying_what_the_thing_is_for_states_a_use() -> None:
    terms = subject_terms("promise object")
    assert not states_a_use("Promise objects contain three slots: a value, an expression, and "
                            "an environment.", terms)
    assert states_a_use("Promise objects are used to delay the evaluation of arguments.", terms)
    assert states_a_use(_DOWNLOAD, subject_terms("using download.file"))


# -- the short answer ------------------------------------------------------------------------
def _concept(name: str, definition: str, page: int) -> Concept:
    return Concept(id=name.replace(" ", "-").replace(".", "-"), name=name, definition=definition,
                   citations=[Citation(source="m.pdf", page=page)], section=name,
                   definition_kind=DefinitionKind.DESCRIPTION)


def _written(name: str, sentence: str):  # type: ignore[no-untyped-def]
    chunks = manual_pages((f"8.2 {name}", sentence),
                          ("8.1 Reading from sockets", "Sockets can be read by read.socket."))
    concept = _concept(name, sentence, 1)
    material = gather(concept, term_variants(concept.name), chunks)
    return write_purposes(material, [], chunks), concept, chunks


def test_a_described_concept_with_no_fair_options_gets_a_short_answer_on_its_purpose() -> None:
    items, concept, chunks = _written("using download.file", _DOWNLOAD)
    assert len(items) == 1
    item = items[0]
    assert item.kind is ExerciseKind.SHORT_ANSWER and item.origin is ExerciseOrigin.PURPOSE
    assert item.prompt == "What is download.file used for?"
    assert item.answer.startswith("To read a file from a Web resource")
    assert item.key_points == ["read a file from a Web resource via FTP or HTTP",
                               "write it to a file"]
    assert check_exercise(item, concept, chunks).ok
    assert grade(item, "To read a file from a Web resource over FTP or HTTP and write it to "
                       "a file").correct
    assert not grade(item, "To sort a vector").correct


def test_a_sentence_saying_only_what_a_thing_does_gets_no_short_answer() -> None:
    items, _, _ = _written("promise object", "Promise objects are part of the lazy evaluation "
                           "mechanism. Promise objects hold three slots: a value, an expression, "
                           "and an environment.")
    assert items == []


def test_a_purpose_the_name_gives_away_gets_no_short_answer() -> None:
    items, _, _ = _written("merge tool", "The merge tool is used to merge separate PostScript "
                           "files into one page.")
    assert items == []


def test_the_checker_refuses_a_short_answer_on_another_thing_or_a_cut_key() -> None:
    items, concept, chunks = _written("using download.file", _DOWNLOAD)
    other = items[0].model_copy(update={"prompt": "What is read.socket used for?"})
    assert "the question asks of another thing than the concept" in check_exercise(
        other, concept, chunks).problems
    cut = items[0].model_copy(update={"answer": "To read a file from a Web resource, e.g."})
    assert "the purpose is a fragment" in check_exercise(cut, concept, chunks).problems


def test_the_question_names_the_concept_as_the_sentence_does() -> None:
    assert asked_name("HTML-like Label", subject_terms("HTML-like Label"),
                      "dot accepts HTML-like labels using HTML syntax.") == "are HTML-like labels"
    assert asked_name("layer", subject_terms("layer"), "A layer is used to ...") == "is a layer"
    assert asked_name("XML", subject_terms("XML"), "XML is used to ...") == "is XML"


def test_each_joined_action_is_a_key_point() -> None:
    assert key_points("read a file from the Web and write it to a file") == [
        "read a file from the Web", "write it to a file"]
    assert key_points("compare measurements across groups and years") == [
        "compare measurements across groups and years"]


def test_the_concept_s_own_sentence_may_name_it_with_a_word_before_or_by_its_topic() -> None:
    own = "Logical connectives are used to build complex sentences from atomic components."
    assert _read("connective", own) == "build complex sentences from atomic components"
    # the same sentence among the passages, not the concept's own: another kind of thing
    assert purpose_read("connective", [], ["Connectives join sentences.", own]) is None
    ranks = "Percentile ranks are useful for comparing measurements across different groups."
    assert _read("comparing percentile ranks", ranks) == (
        "compare measurements across different groups")
    # "scoping rules" names no doing: "rules" is not the concept
    assert _read("scoping rules", "Some rules are used to sort the values of a symbol.") is None
    assert asked_name("connective", own_sentence_terms("connective", [], own), own) == (
        "are logical connectives")


def test_the_own_sentence_may_open_on_another_name_with_the_concept_s_head_word() -> None:
    tsp = "The tsp attribute is used to hold parameters of time series, start, end, and frequency."
    assert _read("time series attribute", tsp) == (
        "hold parameters of time series, start, end, and frequency")
    terms = own_sentence_terms("time series attribute", [], tsp)
    assert asked_name("time series attribute", terms, tsp) == "is the tsp attribute"
    # a name holding every word of the concept's is a kind of it: "set grid command"
    assert _read("set command", "The set grid command is used to draw grid lines over the "
                 "whole plot.") is None


def test_a_use_stated_after_a_sentence_saying_what_it_holds_is_asked() -> None:
    items, _, _ = _written("promise object", "Promise objects contain the value of a delayed "
                           "argument. Promise objects are the mechanism used to delay the "
                           "evaluation of function arguments.")
    assert [i.answer for i in items] == ["To delay the evaluation of function arguments."]


def test_one_reading_of_pointer_asides_for_an_action_and_for_a_sentence() -> None:
    from tutor.engine.offline.writing.purposes import tidy, without_pointers

    asides = ["(Chambers, 1998)", "(see https://www.r-project.org)", "(cf. the Language "
              "Definition)", "(e.g. those made by delayedAssign)", "(Section 9.3.41.20 [Set "
              "Font To], page 119)", "(see below)"]
    terms = ["download.file"]
    trailing = ("Function download.file is provided to read a file from a Web resource, see "
                "Section 4.2.1 for details. It is simple.")
    assert without_pointers(trailing) == (
        "Function download.file is provided to read a file from a Web resource. It is simple.")
    assert read_purpose(trailing, terms) == "read a file from a Web resource"
    for aside in asides:
        # the action a purpose item quotes, and the sentence read for a purpose: both without it
        assert tidy(f"read a file from a Web resource {aside}") == (
            "read a file from a Web resource"), aside
        sentence = f"Function download.file {aside} is provided to read a file from a Web resource."
        assert "download.file is provided" in " ".join(without_pointers(sentence).split())
        assert read_purpose(sentence, terms) == "read a file from a Web resource", aside
        assert states_a_use(sentence, terms), aside
    # a parenthesis that is part of what is said stays
    assert without_pointers("draw a box (a rectangle) around it") == (
        "draw a box (a rectangle) around it")
