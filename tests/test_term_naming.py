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


def test_a_name_with_inner_dots_is_a_term_and_a_section_label_is_not() -> None:
    from tutor.engine.offline.terms import is_junk_term, key_tokens

    assert key_tokens("An X.509 certificate, per ASN.1; see A.1 and 2.3.") == [
        "an", "x.509", "certificate", "per", "asn.1", "see", "a", "and"]
    assert not is_junk_term("ASN.1") and not is_junk_term("X.509 certificate")
    assert is_junk_term("A.1") and is_junk_term("3.14")
    course = _course(
        "X.509 is a standard that defines the format of public key certificates. A "
        "certificate binds a public key to a name.",
        "Every X.509 certificate carries a validity period. The library reads an X.509 "
        "certificate from a file and checks it.",
        "To verify an X.509 certificate, the library checks the signature of its issuer. "
        "Revoked X.509 certificates are refused.",
        "Appendix A.1 lists the error codes. The X.509 format is described by its standard.",
    )
    assert "X.509" in _names(course)
