"""A concept is kept because the book defines or explains it: a defining sentence, a glossary
entry or a section devoted to it; a term only met on the way gives its sentence to the concept it
is about, and a name ending on an adverb is no concept."""

from __future__ import annotations

from tutor.course import Citation, DefinitionKind
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.concepts.concept_evidence import (
    ends_on_adverb,
    explained,
    keep_explained,
    whole_topics,
)
from tutor.engine.offline.concepts.guide_books import GUIDE_EVIDENCE
from tutor.engine.port import ConceptDraft

REMARK = ("In some cases where the equation doesn't have constant coefficients, ode2 will "
          "attempt to use a simple transformation to reduce it.")


def _draft(name: str, definition: str, evidence: list[str], section: str = "",
           kind: DefinitionKind = DefinitionKind.DESCRIPTION,
           aliases: tuple[str, ...] = ()) -> ConceptDraft:
    return ConceptDraft(name=name, definition=definition, evidence=evidence, section=section,
                        aliases=list(aliases),
                        citations=[Citation(source="m.pdf", page=1)], key_points=[definition],
                        definition_kind=kind)


def _sentences(*sections: str) -> list[Sentence]:
    return [Sentence("Some prose of the section.", i, 0, s) for i, s in enumerate(sections)]


def test_a_term_met_in_a_remark_gives_its_sentence_to_the_concept_it_is_about() -> None:
    ode2 = _draft("ode2", "The ode2 command solves first and second order equations.",
                  ["taught"], section="Differential equations")
    passing = _draft("coefficient", REMARK, ["keyphrase"],
                     section="Differential equations", aliases=("Coefficients",))
    kept = keep_explained([ode2, passing], _sentences("Differential equations"))
    assert [d.name for d in kept] == ["ode2"]
    assert REMARK in ode2.key_points


def test_a_sentence_whose_subject_names_no_concept_goes_to_the_section_s_own_concept() -> None:
    cells = _draft("cell", "A cell is a region of the buffer that Maxima evaluates.",
                   ["heading", "section"], section="Cells", kind=DefinitionKind.DEFINITION)
    passing = _draft("noshow", "It is possible that you want certain cells evaluated "
                     "whenever you open the file; those are cells marked noshow.",
                     ["emphasis"], section="Cells")
    kept = keep_explained([cells, passing], _sentences("Cells"))
    assert kept == [cells]
    assert passing.definition in cells.key_points


def test_the_evidence_that_keeps_a_concept() -> None:
    topics = whole_topics(["7.2 Macros", "Raise and lower", ""])
    assert topics == {"macro", "raise"}
    assert whole_topics(["Part II: Plotting styles", "Method 2: argument reduction",
                         "Bernoulli numbers and polynomials"]) == {
        "plotting style", "argument reduction", "bernoulli number"}
    assert whole_topics(["3.3.2 Border(), buildmesh()"]) == {"border", "buildmesh"}
    remark = "Expansion does not occur inside either single or double quotes."
    assert explained(_draft("macro", remark, ["heading"]), topics)  # its own section
    assert not explained(_draft("lower", remark, ["heading"]), topics)  # one of two
    assert explained(_draft("control set", remark, ["glossary"]), topics)
    assert explained(_draft("break loop", remark, ["definition", "emphasis"]), topics)
    assert explained(_draft("vector arithmetic", remark, ["heading", "section"]), topics)
    assert explained(_draft("nfinit", remark, ["taught"]), topics)
    assert explained(_draft("quoting", remark, ["emphasis"], kind=DefinitionKind.DEFINITION),
                     topics)
    assert explained(_draft("acsplines", "The smooth acsplines option approximates the data "
                            "with a natural smoothing spline.", ["emphasis"]), topics)
    assert not explained(_draft("coefficient", REMARK, ["emphasis"],
                                aliases=("Coefficients",)), topics)
    assert explained(_draft("constant coefficient", REMARK, ["emphasis"],
                            aliases=("Constant Coefficients",)), topics)  # set apart
    assert explained(_draft("initialization cell", "Initialization cells behave like regular "
                            "cells, except that they are evaluated first.", ["emphasis"]), topics)
    assert not explained(_draft("GCD", "We return a trivial result because the notion of GCD "
                                "for inexact polynomials makes little sense.", ["introduced"]),
                         topics)


def test_a_name_ending_on_an_adverb_is_no_concept() -> None:
    assert ends_on_adverb("gnuplot simply")
    assert ends_on_adverb("invoked non-interactively")
    assert ends_on_adverb("standards for interfaces generally")
    assert not ends_on_adverb("inline assembly")
    assert not ends_on_adverb("power supply")
    assert not ends_on_adverb("relatively prime")
    assert not ends_on_adverb("early")
    draft = _draft("gnuplot simply", "Gnuplot simply refers to the font by name in the output "
                   "file.", ["definition"], kind=DefinitionKind.DEFINITION)
    assert keep_explained([draft], _sentences()) == []


def test_a_section_topic_its_prose_never_names_is_a_label_not_a_concept() -> None:
    text = ("Most serious users of Maxima find that they are repeatedly using the same "
            "programs, and need to save them for another day.")
    label = _draft("serious business", text, ["heading", "section"], section="Serious business")
    verbose = _draft("controlling verbosity", "The compiler can be quite verbose in its "
                     "diagnostic reporting.", ["heading", "section"],
                     section="Controlling Verbosity")
    sentences = [Sentence(label.definition, 0, 0, label.section),
                 Sentence(verbose.definition, 1, 0, verbose.section)]
    assert keep_explained([label, verbose], sentences) == [verbose]  # "verbose" names it
    task = _draft("commenting work", "Every program should start with a comment saying what "
                  "it is for.", ["heading", "section"], section="Commenting your work")
    assert keep_explained([task], [Sentence(task.definition, 0, 0, task.section)]) == [task]
    label.evidence.append(GUIDE_EVIDENCE)  # a guide's section teaches the practice it names
    assert keep_explained([label], sentences) == [label]


def test_a_common_word_in_the_subject_takes_no_key_point() -> None:
    value = _draft("value", "A value is a datum a command returns.", ["definition"],
                   kind=DefinitionKind.DEFINITION)
    passing = _draft("lambda", "The startup value of the damping factor is normally "
                     "calculated automatically from the matrix.", ["keyphrase"])
    assert keep_explained([value, passing], _sentences()) == [value]
    assert passing.definition not in value.key_points
