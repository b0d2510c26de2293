"""A concept whose sentence only describes it is labelled so, and used honestly: explanations
say the course does not define it, no definition item is keyed to its sentence, the author
sees which concepts lack a definition, and an author's own definition lifts the label."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.factories import manual_pages
from tutor.course import Citation, Concept, Course, DefinitionKind
from tutor.engine.offline.concepts.extract import extract_concepts
from tutor.engine.offline.concepts.merge import merge_concepts
from tutor.engine.offline.definitions.definition_kind import defines
from tutor.engine.offline.tutoring.explaining import explain
from tutor.engine.offline.writing.choice_exercises import wrong_option_glosses
from tutor.engine.offline.writing.exercise_material import Sibling
from tutor.engine.offline.writing.exercises import write_exercises
from tutor.engine.port import ConceptDraft, ExplanationStyle, LearnerContext

SPSS = "SPSS variables with value labels are optionally converted to R factors."


@pytest.mark.parametrize(("name", "text"), [
    ("locale", "A locale is a description of the local environment of the user, including the "
               "preferred language and the encoding of characters."),
    ("subshell", "A subshell is a copy of the shell process."),
    ("ATLAS", 'ATLAS (https://math-atlas.sourceforge.net/) is a "tuned" BLAS that runs on a '
              "wide range of Unix-alike platforms."),
    ("multilib", "For some Linux distributions, there is an alternative mechanism for mixing "
                 "32-bit and 64-bit libraries known as multilib."),
    ("auto-multiple-choice-imprime", "The auto-multiple-choice imprime command prints selected "
                                     "copies from an AMC answer sheet."),
    ("universal introduction", "The universal introduction rule (UI) lets you infer UxAx "
                               "from Ac."),
    ("valid", "An argument is valid if it is logically impossible for the premises to be true "
              "and the conclusion false."),
    ("argument", "To be perfectly general, we can define an argument as a series of sentences."),
    ("atomic formula", "An atomic formula of QL is an n-place predicate followed by n terms."),
    ("reserved word", "Reserved words are words that have special meaning to the shell."),
])
def test_a_sentence_that_says_what_the_concept_is_defines_it(name, text):
    assert defines(text, [name])


@pytest.mark.parametrize(("name", "text"), [
    ("SPSS", SPSS),
    ("byte-compilation", "Byte-compilation can be controlled on a per-package basis by the "
                         "'ByteCompile' field in the DESCRIPTION file."),
    ("syntactic name", "A syntactic name is a string the parser interprets as this type of "
                       "expression."),
    ("WINDOWSNT", "In GNU Emacs, for instance, we use 'w32' in file names of Windows-specific "
                  "files, but the macro for Windows conditionals is called WINDOWSNT."),
    ("Job Control Builtins options", "The Job Control Builtins options are the command-line "
                                     "options of Job Control Builtins: -l (list process ids)"),
    ("byte-compilation", "Byte-compilation makes the installation slower but the loading of "
                         "packages faster."),
    ("XML", "XML provides a way to specify the file's encoding, e.g."),
    ("package", "If you have only a source package that is known to work with current R, you "
                "could make use of the building service."),
])
def test_a_sentence_about_the_concept_only_describes_it(name, text):
    assert not defines(text, [name])


def test_the_map_labels_each_concept_and_prefers_a_defining_sentence_elsewhere():
    chunks = manual_pages(
        ("2.1 Byte-compilation", "Byte-compilation can be controlled on a per-package basis by "
         "the 'ByteCompile' field in the DESCRIPTION file. Byte-compilation is on by default."),
        ("2.2 Locales", "Locales are set with environment variables. A locale is a description "
         "of the local environment of the user, including the preferred language, the encoding "
         "of characters and the currency used. The locale of a session decides how numbers "
         "are printed."),
    )
    drafts = {d.name.lower(): d for d in extract_concepts(chunks)}
    assert drafts["byte-compilation"].definition_kind is DefinitionKind.DESCRIPTION
    assert drafts["locale"].definition_kind is DefinitionKind.DEFINITION
    assert drafts["locale"].definition.startswith("A locale is a description")
    concepts = {c.name.lower(): c for c in merge_concepts(list(drafts.values()), use_embeddings=False)}
    assert not concepts["byte-compilation"].defined
    assert concepts["locale"].defined


def test_old_course_files_load_with_every_concept_taken_for_defined(tmp_path: Path):
    course = Course(title="T", concepts=[Concept(id="a", name="a", definition="An a is a b.")])
    data = json.loads(course.to_json())
    del data["concepts"][0]["definition_kind"]  # a file written before the field existed
    path = tmp_path / "course.json"
    path.write_text(json.dumps(data))
    loaded = Course.load(path)
    assert loaded.concepts[0].definition_kind is DefinitionKind.DEFINITION
    assert loaded.concepts[0].defined


def _spss(kind: DefinitionKind = DefinitionKind.DESCRIPTION) -> Concept:
    return Concept(id="spss", name="SPSS", definition=SPSS, definition_kind=kind,
                   citations=[Citation(source="m.pdf", page=1)])


def test_an_explanation_never_presents_a_description_as_a_definition():
    chunks = manual_pages(("3.1 SPSS", SPSS + " Function read.spss can read such files."))
    for style in ExplanationStyle:
        text = explain(_spss(), style, chunks, [], LearnerContext()).text
        assert f"**SPSS**: {SPSS}" not in text and "**SPSS** — " not in text, style
    text = explain(_spss(), ExplanationStyle.DEFINITION, chunks, [], LearnerContext()).text
    assert f"The course doesn't define **SPSS** outright; it says: {SPSS}" in text
    defined = explain(_spss(DefinitionKind.DEFINITION), ExplanationStyle.DEFINITION, chunks, [],
                      LearnerContext()).text
    assert defined.startswith(f"**SPSS**: {SPSS}")


def test_a_prerequisite_recap_says_when_the_course_only_describes_it():
    concept = Concept(id="x", name="factor", definition="A factor is a vector of categories.",
                      citations=[Citation(source="m.pdf", page=1)])
    text = explain(concept, ExplanationStyle.PREREQUISITES, [], [_spss()], LearnerContext()).text
    assert "doesn't define **SPSS** outright" in text


def _asn1(kind: DefinitionKind) -> tuple[Concept, list[Concept], list]:
    chunks = manual_pages(
        ("3 Encoding", "The output file is a binary file with the DER encoding. You can read "
         "it back with the decoder."),
        ("4 Terms", "A structure is a tree of ASN.1 nodes built from a definitions file. A tag "
         "is a number that marks the class of an ASN.1 value. The decoder is a program that "
         "reads DER data into a structure."))

    def concept(cid: str, name: str, text: str, page: int,
                kind: DefinitionKind = DefinitionKind.DEFINITION) -> Concept:
        return Concept(id=cid, name=name, definition=text, definition_kind=kind,
                       citations=[Citation(source="m.pdf", page=page)])

    related = [concept("structure", "structure", "A structure is a tree of ASN.1 nodes built "
                       "from a definitions file.", 2),
               concept("tag", "tag", "A tag is a number that marks the class of an ASN.1 "
                       "value.", 2),
               concept("decoder", "decoder", "The decoder is a program that reads DER data "
                       "into a structure.", 2)]
    return (concept("output-file", "output file", "The output file is a binary file with the "
                    "DER encoding.", 1, kind), related, chunks)


def test_no_definition_item_is_keyed_to_a_description():
    concept, related, chunks = _asn1(DefinitionKind.DEFINITION)
    assert any(e.origin == "definition" for e in write_exercises(concept, related, chunks))
    concept, related, chunks = _asn1(DefinitionKind.DESCRIPTION)
    assert not [e for e in write_exercises(concept, related, chunks) if e.origin == "definition"]


def test_feedback_glosses_a_wrong_option_only_from_a_definition():
    # '"post correcting" is the point here is that ...': a sentence about a concept is not
    # what the concept is.
    _, related, _ = _asn1(DefinitionKind.DEFINITION)
    tag = next(c for c in related if c.id == "tag")
    gloss = "a number that marks the class of an ASN.1 value"
    defined = Sibling(concept=tag, similarity=0.5, description=gloss)
    described = Sibling(concept=tag.model_copy(update={"definition_kind": "description"}),
                        similarity=0.5, description=gloss)
    assert wrong_option_glosses([defined]) == f'"tag" is {gloss}.'
    assert wrong_option_glosses([described]) == ""


def test_an_authors_definition_lifts_the_label(tmp_path: Path):
    from tutor.overlay import ConceptEdit, Edits, apply_edits

    course = Course(title="T", concepts=[_spss()])
    edited = apply_edits(course, Edits(concepts={"spss": ConceptEdit(
        definition="SPSS is a statistics package whose data files R can read.")}))
    assert edited.concepts[0].defined
    assert not course.concepts[0].defined


def test_the_outline_marks_concepts_without_a_definition():
    from tutor.cli.course_commands import outline

    course = Course(title="T", concepts=[_spss(), Concept(
        id="locale", name="locale", definition="A locale is a description of the user's "
        "environment.")])
    text = outline(course)
    assert "1 concept(s) the course describes but never defines" in text
    assert f"(no definition; the course says) {SPSS}" in text
    assert "   A locale is a description" in text


def test_a_draft_carries_its_kind_through_the_merge():
    draft = ConceptDraft(name="SPSS", definition=SPSS, evidence=["heading"],
                         definition_kind=DefinitionKind.DESCRIPTION,
                         citations=[Citation(source="m.pdf", page=1)])
    assert merge_concepts([draft], use_embeddings=False)[0].definition_kind is DefinitionKind.DESCRIPTION


def test_a_mix_up_asks_what_the_course_says_of_a_concept_it_only_describes():
    chunks = manual_pages(
        ("3 Encoding", "The output file is a binary file with the DER encoding. You can read "
         "it back with the decoder."),
        ("4 Terms", "A structure is a tree of ASN.1 nodes built from a definitions file. A "
         "definitions file is a text file that declares ASN.1 types. The decoder is a program "
         "that reads DER data into a structure."))
    related = [Concept(id=cid, name=name, definition=text,
                       citations=[Citation(source="m.pdf", page=2)]) for cid, name, text in (
        ("structure", "structure", "A structure is a tree of ASN.1 nodes built from a "
         "definitions file."),
        ("definitions-file", "definitions file", "A definitions file is a text file that "
         "declares ASN.1 types."),
        ("decoder", "decoder", "The decoder is a program that reads DER data into a "
         "structure."))]
    prompts = {}
    for kind in DefinitionKind:
        concept = Concept(id="output-file", name="output file", definition_kind=kind,
                          definition="The output file is a binary file with the DER encoding.",
                          citations=[Citation(source="m.pdf", page=1)])
        prompts[kind] = [e.prompt for e in write_exercises(concept, related, chunks)
                         if "mixed up" in e.prompt]
    assert any(p.endswith("say what output file is.") for p in prompts[DefinitionKind.DEFINITION])
    assert prompts[DefinitionKind.DESCRIPTION]
    assert all(p.endswith("say what the course says about output file.")
               for p in prompts[DefinitionKind.DESCRIPTION])


def test_a_description_gives_way_to_the_defining_sentence_of_its_own_section():
    chunks = manual_pages(
        ("2.1 Byte-compilation", "As from R 3.6.0, all packages are by default byte-compiled. "
         "Byte-compilation can be controlled on a per-package basis by the 'ByteCompile' field "
         "in the DESCRIPTION file. In R, byte-compilation is the translation of the R code of "
         "a package into byte code for a virtual machine."),
        ("2.2 Locales", "A locale is a description of the local environment of the user, "
         "including the preferred language and the encoding of characters. Locales are set "
         "with environment variables."))
    draft = {d.name.lower(): d for d in extract_concepts(chunks)}["byte-compilation"]
    assert draft.definition == ("In R, byte-compilation is the translation of the R code of a "
                                "package into byte code for a virtual machine.")
    assert draft.definition_kind is DefinitionKind.DEFINITION


def test_a_glossary_gloss_after_a_name_and_its_abbreviation_defines():
    from tutor.engine.offline.concepts.candidates import Sentence
    from tutor.engine.offline.definitions.definition_kind import judge_definitions

    chunks = manual_pages(("Glossary", "probability density function (PDF): The derivative of "
                           "a continuous CDF, a function that maps a value to its probability "
                           "density."))
    draft = ConceptDraft(name="probability density function", aliases=["PDF"],
                         definition="The derivative of a continuous CDF, a function that maps a "
                         "value to its probability density.",
                         citations=[Citation(source="m.pdf", page=1)])
    judge_definitions([draft], [Sentence(chunks[0].text, 0, 0, "Glossary")], chunks)
    assert draft.definition_kind is DefinitionKind.DEFINITION


def _judged(draft: ConceptDraft, chunks: list) -> DefinitionKind:
    from tutor.engine.offline.concepts.candidates import Sentence
    from tutor.engine.offline.definitions.definition_kind import judge_definitions

    judge_definitions([draft], [Sentence(c.text, i, i, c.heading) for i, c in enumerate(chunks)],
                      chunks)
    return draft.definition_kind


def test_a_glossary_gloss_that_uses_the_word_or_has_a_clause_of_its_own_defines():
    gloss = "A count of how widely the readings of a sensor vary."
    assert not defines(gloss, ["vary"])  # prose that happens to use the word
    assert defines(gloss, ["vary"], glossary=True)
    cohort = "A set of patients we follow over time. A cohort shares an entry date."
    assert not defines(cohort, ["cohort"])
    assert defines(cohort, ["cohort"], glossary=True)
    assert not defines("The cohort is followed for two years.", ["cohort"], glossary=True)


def test_a_glossary_entry_on_another_page_with_the_books_own_quotes_is_found():
    definition = 'A set of patients we follow over time. "Cohort" often means patients, too.'
    chunks = manual_pages(
        ("1.2 Studies", "We follow a cohort of patients for two years."),
        ("1.9 Glossary", "• cohort: A set of patients we follow over time. “Cohort” often "
         "means patients, too. • trial: A study that assigns treatments."))
    draft = ConceptDraft(name="cohort", definition=definition,
                         citations=[Citation(source="m.pdf", page=1)])
    assert _judged(draft, chunks) is DefinitionKind.DEFINITION
    elsewhere = ConceptDraft(name="cohort", definition=definition,
                             citations=[Citation(source="m.pdf", page=1)])
    assert _judged(elsewhere, chunks[:1]) is DefinitionKind.DESCRIPTION  # no glossary entry


def test_a_glossary_entry_is_found_in_any_case_and_punctuation_after_its_colon():
    # The judge looks only at passages where a colon opens with the gloss's words: that look
    # must take the words in any case and with any punctuation between them, as the pattern.
    definition = "A set of patients we follow over time."
    for entry in ("cohort:  A SET of,  patients -- WE follow over time.",
                  "COHORT (C): (a) set of patients we follow over time.",
                  "cohort: a set of patients we follow over time, at the caf\u00e9."):
        chunks = manual_pages(("1.2 Studies", "We follow a cohort of patients for two years."),
                              ("1.9 Glossary", "Terms used: " + entry))
        draft = ConceptDraft(name="cohort", definition=definition,
                             citations=[Citation(source="m.pdf", page=1)])
        assert _judged(draft, chunks) is DefinitionKind.DEFINITION, entry
    other = manual_pages(("1.9 Glossary", "cohort: a set of trials we run over time."))
    draft = ConceptDraft(name="cohort", definition=definition,
                         citations=[Citation(source="m.pdf", page=1)])
    assert _judged(draft, other) is DefinitionKind.DESCRIPTION


@pytest.mark.parametrize(("name", "text", "verdict"), [
    ("cohort", "So we follow a group of patients from one clinic called a cohort.", True),
    ("print", "You can show the value with a function called print.", False),
    ("queue", "The library offers another container, called a queue, that hands items out in "
              "the order they came.", True),
    ("local name", "We call a name that is bound inside a block a local name.", True),
    ("argument", "We call a function with an argument.", False),
    ("median", "If you have n readings sorted by size, the median, m, is the reading in the "
               "middle.", True),
    ("length", "If x is a list, the length is the number of its elements.", True),
    ("installation", "If the file is big, the installation is a slow process.", False),
    ("installation", "When the package is large, the installation takes minutes.", False),
])
def test_a_naming_and_a_definition_under_a_condition_define(name, text, verdict):
    assert defines(text, [name]) is verdict


def test_a_bracketed_gloss_in_another_section_replaces_a_description():
    chunks = manual_pages(
        ("4.3 Questions", "Simple questions (questions for which one and only one answer is "
         "correct) begin with a * at the beginning of the line."),
        ("5.4.3.1 Simple questions", "For simple questions (a single correct answer), one uses "
         "the following model."))
    draft = ConceptDraft(name="simple question", definition="For simple questions (a single "
                         "correct answer), one uses the following model.",
                         citations=[Citation(source="m.pdf", page=2)])
    assert _judged(draft, chunks) is DefinitionKind.DEFINITION
    assert draft.definition.startswith("Simple questions (questions for which one and only one")
    assert draft.citations[0].page == 1


def test_a_relational_definition_a_stated_law_and_a_naming_at_the_end_define() -> None:
    assert defines("The complement of an event A is the event made of all outcomes of the "
                   "sample space that are not in A.", ["complement"])
    assert defines("The union of two events A and B is the event containing every outcome "
                   "that lies in A, in B, or in both.", ["union"])
    assert not defines("The size of the table is the default for new rows.", ["size"])
    assert defines("The law of total probability states that the probability of an event "
                   "equals the sum of its probabilities over the parts.", ["total probability"])
    assert defines("The complement rule states that the probability of the complement equals "
                   "one minus the probability of the event.", ["complement rule"])
    assert defines("The empty event is the event that contains no outcomes at all. It can "
                   "never occur, so it is also called the impossible event.",
                   ["impossible event"])
    assert defines("A single outcome forms an event of its own, called an elementary event, "
                   "and the whole sample space is the sure event.", ["elementary event"])
    assert not defines("We wrote a function called print.", ["print"])
    assert not defines("For large samples, S2 is an adequate estimator, but for small samples "
                       "it tends to be too low. Because of this unfortunate property, it is "
                       "called a biased estimator.", ["biased estimator"])  # one case named
