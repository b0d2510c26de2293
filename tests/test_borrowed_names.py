"""Names a manual uses that are no concept of it: one parameter of a routine, another book's
title; a heading that leads with the name, or a module's reading of a devoted part, keeps it."""

from __future__ import annotations

from tutor.engine.offline.concepts.borrowed_names import (
    another_book,
    one_parameter,
    without_borrowed_names,
)
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.port import ConceptDraft


def test_one_parameter_is_a_role_word_and_one_name() -> None:
    assert one_parameter("parameter P")
    assert one_parameter("argument n")
    assert one_parameter("parameter v_cut")
    assert not one_parameter("parameter passing")  # a word, not a parameter's name
    assert not one_parameter("default parameter value")
    assert not one_parameter("parameter")


def test_another_book_is_mostly_cited_after_a_section_title() -> None:
    texts = ['Section "Tempo" in Style Guide, Section "Meter" in Style Guide.',
             'See Section "Beams" in Style Guide.',
             "The Style Guide is a separate manual."]
    assert another_book("Style Guide", texts)
    assert not another_book("Style Guide", texts[:1])  # cited once only
    assert not another_book("beam", ["A beam joins the stems of notes.",
                                      'Section "Beams" in Style Guide.'])


def test_borrowed_names_go_unless_devoted() -> None:
    sentences = [Sentence('Section "Tempo" in Style Guide.', 0, 0, "1 Tempo"),
                 Sentence('Section "Meter" in Style Guide.', 0, 0, "1 Tempo"),
                 Sentence("The parameter P is the problem object.", 1, 0, "2 glp_build"),
                 Sentence("The parameter Q is the graph.", 2, 0, "3 parameter Q")]
    drafts = [ConceptDraft(name="Style Guide", definition="x", evidence=["emphasis"]),
              ConceptDraft(name="parameter P", definition="y", evidence=["definition"]),
              ConceptDraft(name="parameter Q", definition="z", evidence=["definition"]),
              ConceptDraft(name="parameter R", definition="w", evidence=["reference"]),
              ConceptDraft(name="tempo", definition="v", evidence=["heading"])]
    kept = [d.name for d in without_borrowed_names(drafts, sentences)]
    assert kept == ["parameter Q", "parameter R", "tempo"]
