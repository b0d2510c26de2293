"""A free question is read for what it asks (a definition, a comparison, a way, a reason) and
what it is about; the answer quotes sentences on that, or says the course does not cover it."""

from __future__ import annotations

from tutor.course import Chunk
from tutor.engine.offline.tutoring.answering import answer_question, uncovered_words
from tutor.engine.offline.tutoring.question_reading import (
    COMPARISON,
    DEFINITION,
    HOW,
    OTHER,
    WHY,
    answer_form,
    names_in,
    passages_for_question,
    question_words,
    read_question,
)
from tutor.text import symbol_phrase


def _chunk(page: int, text: str, heading: str = "") -> Chunk:
    return Chunk(id=f"book.pdf#p{page}-0", source="book.pdf", page=page, order=page * 10,
                 heading=heading, text=text)


LOGIC = [
    _chunk(10, "A logically true sentence is called a tautology. A logically false sentence is "
               "called a contradiction. These are logical notions we will need."),
    _chunk(5, "Logic is the business of evaluating arguments, sorting good ones from bad ones. "
              "We will study it with care.", heading="What is logic?"),
]


def test_the_form_and_the_subjects_of_a_question() -> None:
    assert read_question("What is a logic?") == read_question("what is a logic")
    assert read_question("What is a logic?").form == DEFINITION
    assert read_question("What is a logic?").subjects == ("logic",)
    compared = read_question("what is the difference between nodesep and ranksep?")
    assert (compared.form, compared.subjects) == (COMPARISON, ("nodesep", "ranksep"))
    assert read_question("How does a list differ from a vector?").subjects == ("list", "vector")
    assert read_question("what does ranksep control?").subjects == ("ranksep",)
    how = read_question("How do I exit a loop early?")
    assert (how.form, how.subjects) == (HOW, ("exit a loop early",))
    assert read_question("why is the domain never empty?").form == WHY
    assert read_question("tell me more").form == OTHER


def test_names_the_learner_typed() -> None:
    assert names_in("what is Bayes' theorem?") == ("Bayes",)
    assert names_in("how do I read a CSV file with ggplot2 on Windows?") == (
        "CSV", "ggplot2", "Windows")
    assert names_in("What is a cluster? I ask") == ()


def test_a_definition_is_the_sentence_that_defines_the_subject_not_one_using_its_word() -> None:
    answer = answer_question("what is a logic?", LOGIC)
    assert answer.found
    first = answer.text.split("\n\n")[1]
    assert "business of evaluating arguments" in first
    assert "called a tautology" not in answer.text


def test_a_definition_stated_as_a_naming_counts() -> None:
    chunks = [_chunk(6, "To be perfectly general, we can define an argument as a series of "
                        "sentences. An argument can be weak in two ways. Arguments are common "
                        "in everyday talk and in many books.")]
    answer = answer_question("what is an argument?", chunks)
    assert "define an argument as a series of sentences" in answer.text.split("\n\n")[1]


def test_a_comparison_quotes_each_side() -> None:
    chunks = [
        _chunk(12, "Two attributes matter for the size of a drawing. The nodesep attribute is "
                   "the least distance between two nodes on the same rank. Spacing is in "
                   "inches."),
        _chunk(13, "Ranks are the layers of the drawing. The ranksep attribute is the least "
                   "space between two ranks. Large ranksep values make tall drawings."),
    ]
    answer = answer_question("what is the difference between nodesep and ranksep?", chunks)
    assert "nodesep attribute is the least distance" in answer.text
    assert "ranksep attribute is the least space" in answer.text
    assert [c.page for c in answer.citations] == [12, 13]


def test_a_name_the_course_never_uses_is_said_not_covered() -> None:
    answer = answer_question("what is a Turing machine?", [
        _chunk(36, "In a machine, '1' might mean that a register is switched on.")])
    assert not answer.found and answer.citations == []
    assert "Turing" in answer.text and "does not seem to cover" in answer.text
    # a rare word of what is asked about, absent from the course, says the same
    assert uncovered_words("how do I draw a pie chart?", ["dot draws directed graphs."]) == [
        "pie", "chart"]


def test_a_common_or_incidental_word_the_course_lacks_does_not_stop_the_answer() -> None:
    loops = [_chunk(19, "The break statement causes an exit from the innermost loop that is "
                        "being executed. Loops repeat their body.")]
    assert answer_question("how do I exit a loop early?", loops).found
    methods = [_chunk(39, "A call to NextMethod calls the next method of the class vector. "
                          "The choice of the next method depends on the class.")]
    assert uncovered_words("how do I call the next method in a class hierarchy?",
                           [methods[0].text]) == []
    assert answer_question("how do I call the next method in a class hierarchy?",
                           methods).found
    lazy = ["Promise objects are part of the lazy evaluation mechanism."]
    assert uncovered_words("why are arguments evaluated lazily?", lazy) == []


def test_captions_and_table_scraps_are_no_answer() -> None:
    chunks = [_chunk(21, "Figure 16: Drawing of records (revisited)\n\n2 31 32 record Mrecord\n\n"
                         "A record shape draws a node as a box of fields, each a port.")]
    answer = answer_question("what is a record shape?", chunks)
    assert "box of fields" in answer.text
    assert "Figure 16" not in answer.text and "31 32" not in answer.text


def test_each_subject_is_searched_alone_too() -> None:
    asked: list[tuple[str, int]] = []
    pages = {"what is the difference between nodesep and ranksep?": [_chunk(2, "Dot draws.")],
             "nodesep": [_chunk(12, "nodesep is a distance."), _chunk(2, "Dot draws.")],
             "ranksep": [_chunk(13, "ranksep is a space.")]}

    def search(query: str, k: int) -> list[Chunk]:
        asked.append((query, k))
        return pages[query][:k]

    found = passages_for_question(search, "what is the difference between nodesep and ranksep?")
    assert [c.page for c in found] == [2, 12, 13]
    assert [q for q, _ in asked] == ["what is the difference between nodesep and ranksep?",
                                     "nodesep", "ranksep"]


def test_one_reading_of_a_questions_words_and_of_what_it_asks() -> None:
    assert question_words("Is C++ like node.js or ggplot2?") == ["Is", "C++", "like", "node.js",
                                                                "or", "ggplot2"]
    assert uncovered_words("How do I install node.js?", ["Install the package first."]) == [
        "node.js"]  # a name typed with a dot is one word the course lacks, not two
    loose = "What does plot return for a matrix"
    assert read_question(loose).form == OTHER
    assert answer_form(read_question(loose), loose) == DEFINITION  # still asks what it does
    assert answer_form(read_question("How do I exit?"), "How do I exit?") == HOW


NOTATION = [
    _chunk(3, "Functions are defined with rules. Each rule has a predicate and a body."),
    _chunk(4, "The shorthand operator := defines a user function: f(x) := x+1 is a call to "
              "Set. In> a := 2 assigns a value."),
    _chunk(5, "We write P(A | B) for the probability of A given B."),
]


def test_a_question_about_notation_is_answered_from_the_sentences_that_write_it() -> None:
    # "what does := do?" has no content word: it used to get "I could not find an answer".
    assert symbol_phrase(":=") == ":=" and symbol_phrase("P(A | B)") == "P(A|B)"
    assert symbol_phrase("rule") == "" and symbol_phrase("x2") == ""
    assert read_question("what does #' mean?").subjects == ("#'",)
    assert read_question('what does ":=" do?').subjects == (":=",)
    said = answer_question("what does := do?", NOTATION)
    assert said.found and "shorthand operator :=" in said.text
    assert [c.page for c in said.citations] == [4]
    said = answer_question("what does P(A|B) mean?", NOTATION)
    assert said.found and "We write P(A | B)" in said.text


def test_a_search_for_notation_finds_the_passages_that_write_it() -> None:
    from tutor.course import Course
    from tutor.teach.teaching_material import CoursePassages

    passages = CoursePassages(Course(title="t", slug="t", concepts=[], exercises=[]), NOTATION)
    assert [c.page for c in passages.search(":=", 3)] == [4]
    assert [c.page for c in passages.search("P(A|B)", 3)] == [5]


def test_a_course_without_a_passage_index_ranks_notation_as_the_index_does() -> None:
    from tutor.course import Course
    from tutor.teach.teaching_material import CoursePassages

    # Code that uses := comes first in the book; the line of prose that says what it does
    # ranks first, as in the passage index (notation_ranking), not the book's order.
    code = _chunk(2, "In> a:=2;\nIn> b:=a+1;")
    said = _chunk(6, "The operator := assigns a value to a variable and returns it.")
    passages = CoursePassages(Course(title="t", slug="t", concepts=[], exercises=[]),
                              [code, said])
    assert [c.page for c in passages.search(":=", 3)] == [6, 2]
    assert passages.search("<--", 3) == []  # notation nobody writes: no passage of words
