"""Offline answers to free questions: extractive, cited, honest when nothing is found."""

from __future__ import annotations

from tests.factories import make_chunks
from tutor.engine.offline.tutoring.answering import answer_question

CHUNKS = make_chunks()


def test_answers_from_the_best_passage_with_its_page() -> None:
    answer = answer_question("What is a hash table?", CHUNKS)
    assert answer.found
    assert "stores key-value pairs" in answer.text
    assert [c.label() for c in answer.citations][0] == "notes.md p. 4"
    assert "*(notes.md p. 4)*" in answer.text


def test_definitional_questions_prefer_defining_sentences() -> None:
    answer = answer_question("What does binary search mean?", CHUNKS)
    first = answer.text.split("\n\n")[1]
    assert "Binary search is a method" in first


def test_nothing_relevant_is_said_honestly() -> None:
    answer = answer_question("Who painted the Mona Lisa?", CHUNKS)
    assert not answer.found and answer.citations == []
    assert "could not find" in answer.text


def test_no_passages_or_no_content_words() -> None:
    assert not answer_question("What is a hash table?", []).found
    assert not answer_question("what is it?", CHUNKS).found




def test_a_code_example_after_a_chosen_sentence_comes_whole() -> None:
    from tutor.course import Chunk

    text = ("Lists\nA list holds values in order. To read one value, write its position in "
            "brackets after the list:\n>>> values = [3, 8, 5]\n>>> values[1]\n8\n"
            "Positions start at 0.")
    chunk = Chunk(id="lists.md#p1-0", source="lists.md", page=1, text=text, heading="Lists",
                  order=0)
    answer = answer_question("How do I read one value of a list by its position?", [chunk])
    assert answer.found
    assert "```\n>>> values = [3, 8, 5]\n>>> values[1]\n8\n```" in answer.text
    assert "(lists.md p. 1)" in answer.text


def test_answers_cite_each_passage_they_quote() -> None:
    answer = answer_question("How does binary search use a sorted array?", make_chunks())
    pages = {c.page for c in answer.citations}
    assert len(pages) >= 2 and all(f"p. {page}" in answer.text for page in pages)
