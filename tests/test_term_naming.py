"""Naming a defined term: how much of a matched phrase is the term, and its display form."""

from __future__ import annotations

from tutor.course import Chunk
from tutor.engine.offline.concepts.extract import extract_concepts
from tutor.engine.offline.definitions.patterns import definitions_in


def _course(*texts: str) -> list[Chunk]:
    return [
        Chunk(id=f"notes.md#p{n}-0", source="notes.md", page=n, text=text, heading="",
              order=n - 1)
        for n, text in enumerate(texts, start=1)
    ]


def _names(chunks: list[Chunk]) -> set[str]:
    return {d.name for d in extract_concepts(chunks)}


def test_a_term_named_once_keeps_all_its_words() -> None:
    chunks = _course(
        "An outcome is a single result of an experiment. A single outcome forms an event of "
        "its own, called an elementary event. An event is a set of outcomes.",
        "The empty event contains no outcomes. It can never occur, so it is also called the "
        "impossible event. A lottery ticket is a combination of numbers chosen by a player.",
        "Every outcome belongs to some event, and every event is a set of outcomes.",
    )
    names = _names(chunks)
    assert {"elementary event", "impossible event", "lottery ticket"} <= names
    assert not names & {"elementary", "impossible", "lottery"}


def test_a_verb_after_a_singular_named_term_is_not_part_of_it() -> None:
    found = definitions_in(
        "The split method takes an optional argument called a delimiter specifies which "
        "characters to use.", 0, 0)
    assert "delimiter" in {d.term for d in found}
    assert "delimiter specifies" not in {d.term for d in found}
    plural = definitions_in("Values like these are called floating point numbers.", 0, 0)
    assert "floating point numbers" in {d.term for d in plural}


def test_a_predicate_before_which_is_not_a_defined_term() -> None:
    sentence = ("If one occurs, the other has become impossible, which is a very strong "
                "change in its probability.")
    assert not definitions_in(sentence, 0, 0)
    listed = definitions_in(
        "Python provides operators, which are special symbols that represent computations.",
        0, 0)
    assert "operators" in {d.term for d in listed}


def test_an_of_phrase_is_named_by_its_head_noun_in_the_singular() -> None:
    chunks = _course(
        "The law of large numbers is a theorem saying that the average of many trials gets "
        "close to the expected value. The laws of large numbers come in a weak and a strong form.",
        "By the law of large numbers, a long run of coin tosses shows heads about half the "
        "time.",
        "Casinos rely on the law of large numbers every night.",
    )
    names = _names(chunks)
    assert "law of large numbers" in names
    assert "law of large number" not in names
