"""A FAQ's question headings are read as the topics they ask about, and the answer's opening
paragraph as the topic's description."""

from __future__ import annotations

from tests.factories import manual_pages
from tutor.engine.offline.concepts.candidates import read_sentences
from tutor.engine.offline.concepts.question_topics import (
    answer_description,
    asked_named,
    asked_topic,
    is_question,
)
from tutor.engine.offline.concepts.section_concepts import add_section_concepts, reads_alone


def test_a_how_to_question_names_its_task() -> None:
    assert asked_topic("7.10 How do I convert factors to numeric?") == (
        "converting factors to numeric")
    assert asked_topic("7.2 How can I save my workspace?") == "saving the workspace"
    assert asked_topic("9.2 How to report a bug") == "reporting a bug"
    assert asked_topic("8.5 How can I debug S4 methods?") == "debugging S4 methods"
    assert asked_topic("7.32 How can I capture or ignore errors in a long simulation?") == (
        "capturing or ignoring errors in a long simulation")


def test_a_passive_question_names_its_task_and_a_how_works_question_its_thing() -> None:
    assert asked_topic("5.2 How can add-on packages be installed?") == (
        "installing add-on packages")
    assert asked_topic("5.3 How can add-on packages be used?") == "using add-on packages"
    assert asked_topic("7.6 How does autoloading work?") == "autoloading"


def test_a_what_is_question_names_its_thing() -> None:
    assert asked_topic("2.10 What is CRAN?") == "CRAN"
    assert asked_topic("7.12 What are the enclosing and parent environments?") == (
        "enclosing and parent environments")
    assert asked_topic("6.1 Is there Emacs support for R?") == "Emacs support for R"
    assert asked_topic("2.9 What mailing lists exist for R?") == "mailing lists for R"


def test_a_question_of_no_one_topic_and_a_plain_heading_name_none() -> None:
    assert asked_topic("7.28 Why is read.table() so inefficient?") is None
    assert asked_topic("7.26 Where have all the methods gone?") is None
    assert asked_topic("3.3.1 Lexical scoping") is None
    assert not is_question("3.3.1 Lexical scoping")
    assert is_question("2.5.1 How can R be installed (Unix-like)")


def test_a_task_keeps_its_words_and_a_thing_is_named_in_the_singular() -> None:
    assert asked_named("7.27 How can I create rotated axis labels?") == (
        "creating rotated axis labels", [])
    assert asked_named("7.14 What are valid names?") == ("valid name", ["valid names"])


def test_the_answer_is_read_with_its_code_line_inside_the_sentence() -> None:
    text = ("7.10 How do I convert factors to numeric?\nIt may happen that numeric data come "
            "in as factors. If f is such a factor object, you can use\n"
            "as.numeric(as.character(f))\nto get the numbers back.\nMore lines follow here.")
    assert answer_description(text, "7.10 How do I convert factors to numeric?") == (
        "It may happen that numeric data come in as factors. If f is such a factor object, "
        "you can use as.numeric(as.character(f)) to get the numbers back.")
    pointer = "8.2 How can I debug code?\nSee Section \"Debugging\" in the other manual."
    assert answer_description(pointer, "8.2 How can I debug code?") is None


def test_a_question_section_is_a_concept_described_by_its_answer() -> None:
    heading = "7.10 How do I convert factors to numeric?"
    chunks = manual_pages(
        ("7.9 Colors", "7.9 Colors\nA palette is a vector of colors that plots draw from in "
                       "turn."),
        (heading, f"{heading}\nIt may happen that numeric data come in as factors when a "
                  "file is read. If f is such a factor object, you can use\n"
                  "as.numeric(as.character(f))\nto get the numbers back."),
        ("7.11 Why is it slow?", "7.11 Why is it slow?\nReading a large file takes time "
                                 "because every value is checked."))
    sentences, _ = read_sentences(chunks)
    drafts = {d.name: d for d in add_section_concepts([], sentences, chunks)}
    assert "converting factors to numeric" in drafts
    concept = drafts["converting factors to numeric"]
    assert concept.definition.startswith("It may happen that numeric data come in as factors")
    assert "as.numeric(as.character(f)) to get the numbers back." in concept.definition
    assert concept.citations[0].page == 2
    assert not any(name.lower().startswith(("why", "slow")) for name in drafts)


def test_a_long_task_loses_its_trailing_qualifier_and_a_rare_word_alone_is_a_topic() -> None:
    assert asked_named("7.32 How can I capture or ignore errors in a long simulation?") == (
        "capturing or ignoring errors", [])
    assert asked_named("8.1 How should I write summary methods?") == (
        "writing summary methods", [])
    assert asked_named("7.6 How does autoloading work?") == ("autoloading", [])
    assert asked_named("7.42 How does memory work?") is None  # a common English word


def test_an_answer_stops_before_the_code_block_after_its_first_sentence() -> None:
    heading = "7.3 How can I clean up my workspace?"
    text = (f"{heading}\nTo remove all objects in the active environment, you can do\n"
            "rm(list = ls(all.names = TRUE))\n(Without all = TRUE, hidden objects stay.)\n"
            "x <- 1\n")
    assert answer_description(text, heading) == (
        "To remove all objects in the active environment, you can do "
        "rm(list = ls(all.names = TRUE)) (Without all = TRUE, hidden objects stay.)")
    labels = "7.27 How can I rotate labels?"
    ran_on = (f"{labels}\nYou need to use text() rather than mtext() to rotate the labels. "
              "## Increase the margin\npar(mar = c(7, 4, 4, 2))")
    assert answer_description(ran_on, labels) == (
        "You need to use text() rather than mtext() to rotate the labels.")


def test_a_sentence_pointing_elsewhere_describes_no_section() -> None:
    assert not reads_alone("See Section \"Finding entry points\" in Writing R Extensions for "
                           "the whole story.")
    assert reads_alone("Roughly speaking, you start R inside the debugger and set breakpoints.")



def test_sibling_questions_on_one_thing_are_each_a_topic() -> None:
    installed = "5.2 How can add-on packages be installed?"
    removed = "5.4 How can add-on packages be removed?"
    chunks = manual_pages(
        (installed, f"{installed}\nAdd-on packages are installed with the install command, "
                    "which unpacks them into the library tree."),
        (removed, f"{removed}\nUse the remove command to remove the packages from the "
                  "library tree where they were installed."))
    sentences, _ = read_sentences(chunks)
    names = {d.name for d in add_section_concepts([], sentences, chunks)}
    assert {"installing add-on packages", "removing add-on packages"} <= names
