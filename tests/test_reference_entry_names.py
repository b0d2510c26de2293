"""A reference entry is named by the identifier it documents, never by an argument or a
qualifier, and a question or deprecation notice is not said of it as a definition
(reference_entries, reference_concepts)."""

from __future__ import annotations

import pytest

from tests.factories import manual_pages
from tutor.course import Chunk, Citation
from tutor.engine.offline.concepts.entry_names import name_and_qualifier, without_arguments
from tutor.engine.offline.concepts.reference_concepts import entry_concepts, said_of
from tutor.engine.offline.concepts.reference_entries import (
    ReferenceEntry,
    describing_sentence,
    find_entries,
)
from tutor.engine.offline.definitions.definition_kind import defines
from tutor.engine.port import ConceptDraft
from tutor.text import is_deprecation, is_question


def _typeset(*entries: str) -> list[Chunk]:
    """A typeset Lisp reference: "name args [Function]" then the description."""
    return manual_pages(("3 Strings", "3 Strings\nThese functions work on text."),
                        ("3 Strings", "\n".join(entries)), source="lib.pdf")


def _labelled(*entries: str) -> list[Chunk]:
    """The same reference in its plain-text layout: "— Function: name args"."""
    return manual_pages(("3 Strings", "3 Strings\nThese functions work on text."),
                        ("3 Strings", "\n".join(entries)), source="lib.pdf")


TYPESET = _typeset(
    "trim-cr x [Function]", "Remove any ending carriage return from the string x.",
    "lexorder<= less p q [Function]", "Compare two lists in order using the function less.",
    "glue-words words &key separator [Function]", "Join the words with the separator between.",
    "word-p s [Function]", "Does s hold a single word only?",
    "old-glue words [Function]", "Please use glue-words instead.",
    "textlib:pad-left text width &optional fill [Function]",
    "Pad the text on the left to the given width.",
    "count-words text &key [Function]", "by Count the words of the text.",
    "split-lines text &key max [Function]", "separator", "Split the text into lines.",
)

LABELLED = _labelled(
    "\u2014 Function: trim-cr x", "Remove any ending carriage return from the string x.",
    "\u2014 Function: lexorder<= less p q",
    "Compare two lists in order using the function less.",
    "\u2014 Function: glue-words words &key separator",
    "Join the words with the separator between.",
    "\u2014 Function: word-p s", "Does s hold a single word only?",
    "\u2014 Function: old-glue words", "Please use glue-words instead.",
    "\u2014 Function: textlib:pad-left text width &optional fill",
    "Pad the text on the left to the given width.",
)


@pytest.mark.parametrize("chunks", [TYPESET, LABELLED], ids=["typeset", "labelled"])
def test_an_entry_is_named_by_its_identifier_never_by_an_argument(chunks):
    names = {e.name: e for e in find_entries(chunks)}
    assert {"trim-cr", "lexorder<=", "glue-words", "word-p", "old-glue", "pad-left"} <= set(names)
    assert not {"x", "q", "separator", "s", "words", "fill", "textlib"} & set(names)
    assert names["trim-cr"].parameters == {"x"}
    assert names["lexorder<="].parameters == {"less", "p", "q"}
    assert names["pad-left"].qualified == "textlib:pad-left"


def test_the_definition_is_said_of_the_name_not_of_an_argument():
    drafts = {d.name: d for d in entry_concepts(find_entries(TYPESET), TYPESET)}
    assert drafts["trim-cr"].definition == (
        "The trim-cr function removes any ending carriage return from the string x.")
    assert "x" not in drafts


def test_a_qualified_name_is_named_by_its_last_part_with_the_qualified_form_an_alias():
    chunks = _labelled(*LABELLED[1].text.split("\n")[-2:], "\u2014 Function: trim-cr x",
                       "Remove any ending carriage return from the string x.",
                       "\u2014 Function: word-p s", "Does s hold a single word only?")
    drafts = {d.name: d for d in entry_concepts(find_entries(chunks), chunks)}
    assert "pad-left" in drafts and "textlib" not in drafts
    assert "textlib:pad-left" in drafts["pad-left"].aliases
    assert name_and_qualifier("Kettle::boil (int minutes)", True) == ("boil", "Kettle::boil")
    assert name_and_qualifier("uiop::strcat &rest strings", True) == ("strcat", "uiop::strcat")


@pytest.mark.parametrize("signature, doer, name", [
    ("int foo_init (foo_ctx *ctx)", True, "foo_init"),
    ("char *strdup (const char *s)", True, "strdup"),
    ("unsigned int errno", False, "errno"),
    ("foo_rc FOO_OK", False, "FOO_OK"),
    ("html.stylesheet", False, "html.stylesheet"),
    ("*default-encoding*", False, "*default-encoding*"),
    ("find-thing* name &optional error", True, "find-thing*"),
    ("with-lock (&optional) &body body", True, "with-lock"),
    ("featurep x &optional *features*", True, "featurep"),
])
def test_c_and_lisp_signatures_keep_their_documented_names(signature, doer, name):
    assert name_and_qualifier(signature, doer)[0] == name


def test_a_signature_wrapped_onto_the_next_line_is_no_description():
    """"split-lines text &key max" / "separator" / "Split ...": the wrapped argument is the
    signature's, and the description is not read as "The split-lines function separators"."""
    entry = {e.name: e for e in find_entries(TYPESET)}["split-lines"]
    assert entry.signature.endswith("&key max separator")
    assert describing_sentence(entry) == "Split the text into lines."


@pytest.mark.parametrize("chunks", [
    _typeset("word-p s [Function]", "Does s hold a single word only?",
             "old-glue words [Function]", "Please use glue-words instead.",
             "trim-cr x [Function]", "Remove any ending carriage return."),
    _labelled("\u2014 Function: word-p s", "Does s hold a single word only?",
              "\u2014 Function: old-glue words", "Please use glue-words instead.",
              "\u2014 Function: trim-cr x", "Remove any ending carriage return.")],
    ids=["typeset", "labelled"])
def test_a_question_or_a_deprecation_notice_is_not_said_as_a_definition(chunks):
    drafts = {d.name: d for d in entry_concepts(find_entries(chunks), chunks)}
    question = drafts["word-p"].definition
    assert question == "word-p: Does s hold a single word only?"
    assert not defines(question, ["word-p"])  # no definition item is asked on it
    notice = drafts["old-glue"].definition
    assert notice == "old-glue: Please use glue-words instead."
    assert "is a please" not in notice.lower() and not defines(notice, ["old-glue"])


def test_a_deprecation_notice_is_a_key_point_beside_a_real_description():
    entry = ReferenceEntry(name="old-join", kind="function", signature="old-join words",
                           body="Deprecated: use glue-words instead. Join the words with "
                                "spaces between.", chunk=0)
    assert describing_sentence(entry) == "Join the words with spaces between."
    chunks = manual_pages(("Strings", "old-join words [Function]"), source="lib.pdf")
    draft = entry_concepts([entry, *find_entries(_typeset(
        "a-b x [Function]", "Make a thing.", "c-d y [Function]", "Make another thing."))],
        chunks + chunks)[0]
    assert draft.definition == "The old-join function joins the words with spaces between."
    assert "old-join: Deprecated: use glue-words instead." in draft.key_points


def test_said_of_turns_neither_a_question_nor_a_notice_into_a_statement():
    entry = ReferenceEntry(name="emptyp", kind="function", signature="emptyp x", body="",
                           chunk=0)
    assert said_of(entry, "Is x an empty sequence?") == "emptyp: Is x an empty sequence?"
    assert said_of(entry, "Please use empty-p instead.") == (
        "emptyp: Please use empty-p instead.")
    assert is_question("Does pathname represent a file, i.e. has it a name?")
    assert is_deprecation("This function is obsolete; call trim-cr.")
    assert not is_deprecation("Use the separator between words.")
    assert not is_question("Returns true when x is empty.")
    assert not is_question('A test that asks, "What is the chance of an effect this big?"')
    assert not is_question("A test that asks, \u201cWhat is the chance of an effect?\u201d")
    assert defines("one-sided test: A test that asks, \u201cWhat is the chance of an effect "
                   "as big as the observed effect, and with the same sign?\u201d",
                   ["one-sided test"], glossary=True)


def test_a_concept_named_after_an_argument_on_the_entries_pages_gives_way():
    def draft(name: str, page: int) -> ConceptDraft:
        return ConceptDraft(name=name, definition=f"A {name} is something.",
                            citations=[Citation(source="lib.pdf", page=page)],
                            first_order=page, evidence=["definition", "keyphrase"])

    def described(name: str, page: int) -> ConceptDraft:
        said = draft(name, page)
        said.definition = f"If the {name} is empty, nothing is joined."
        return said

    defined = draft("text", 2)
    defined.definition = "A text is a sequence of words that a program reads from a file."
    kept = {d.name for d in without_arguments(
        [described("separator", 2), described("words", 1), described("carriage return", 2),
         defined], find_entries(TYPESET), TYPESET)}
    assert kept == {"words", "carriage return", "text"}  # "words" is said of on page 1
