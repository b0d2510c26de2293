"""Offline answers to free questions: extractive, cited, honest when nothing is found."""

from __future__ import annotations

from tests.factories import make_chunks
from tutor.engine.offline.answering import answer_question

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


