"""A command's purpose line: the line of its entry that says, as an order, what it does, is
the command's definition where the map's sentence was a variant, a remark or the syntax."""

from __future__ import annotations

from tests.factories import manual_pages
from tutor.course import Chunk, Citation, DefinitionKind
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.definitions.definition_kind import judge_definitions
from tutor.engine.offline.definitions.purpose_lines import order_in, purpose_lines
from tutor.engine.port import ConceptDraft

REMARK = "For example, set dash 0.5 0.1 0.1 0.1 looks good."


def _sentences(chunks: list[Chunk]) -> list[Sentence]:
    from tutor.sentences import split_sentences

    return [Sentence(text, i, 0, c.heading) for i, c in enumerate(chunks)
            for text in split_sentences(c.text)]


def _draft(name: str, definition: str, page: int = 1) -> ConceptDraft:
    return ConceptDraft(name=name, definition=definition, evidence=["heading"],
                        citations=[Citation(source="m.pdf", page=page)], key_points=[definition])


def _judged(draft: ConceptDraft, chunks: list[Chunk]) -> ConceptDraft:
    judge_definitions([draft], _sentences(chunks), chunks)
    return draft


def test_the_entrys_order_replaces_a_remark_and_defines_the_command() -> None:
    chunks = manual_pages(
        ("9.3.41.12 set clip", "Control clipping of following drawing commands."),
        ("9.3.41.13 set dash", "Control dash-style for following draw curve and draw line "
         "commands. • set dash Set to dashed line. • set dash off Turn dashing off. " + REMARK))
    draft = _judged(_draft("set dash", REMARK), chunks)
    assert draft.definition == ("Control dash-style for following draw curve and draw line "
                                "commands.")
    assert draft.definition_kind is DefinitionKind.DEFINITION
    assert draft.citations[0].page == 2
    assert REMARK in draft.key_points


def test_the_syntax_line_before_the_order_is_skipped() -> None:
    chunks = manual_pages(("9.3.41.2 set arrow size", "'set arrow size .size. \\"),
                          ("9.3.41.2 set arrow size", "Set the arrow size, half the width of the "
                           "arrowhead, in centimetres. Arrows are drawn with draw arrow."))
    draft = _judged(_draft("set arrow size", "'set arrow size .size. \\"), chunks)
    assert draft.definition == ("Set the arrow size, half the width of the arrowhead, in "
                                "centimetres.")
    assert draft.definition_kind is DefinitionKind.DEFINITION


def test_a_subject_a_remark_or_a_proper_name_is_no_order() -> None:
    proper = " ".join(f"Then Gri reads file {n}." for n in range(12))
    chunks = manual_pages(
        ("9.1 cd", "Normal unix filenames are used, as in the shell. Note the tilde is "
         "expanded. Contrast this with the insert command, which searches a path."),
        ("9.2 open", "Gri opens the named file for reading, in ascii or binary format. "
         + proper))
    drafts = [_draft("cd", "If no directory path is given, go to the home directory."),
              _draft("open", "If the file is missing, an error results.")]
    assert purpose_lines(drafts, _sentences(chunks)) == {}


def test_a_prose_section_is_no_commands_entry() -> None:
    chunks = manual_pages(("Relocation files", "Specify the directory where the relocation "
                           "files are found. The format of such files is simple."))
    draft = _draft("relocation file", "Relocation files should not set a variable twice.")
    assert purpose_lines([draft], _sentences(chunks)) == {}
    assert _judged(draft, chunks).definition_kind is DefinitionKind.DESCRIPTION


def test_the_books_prose_on_the_command_is_kept() -> None:
    said = "The command set beep on makes gri beep on errors and queries."
    chunks = manual_pages(("9.3.41.4 set beep", "Set the bell to ring on errors. " + said))
    draft = _judged(_draft("set beep", said), chunks)
    assert draft.definition == said


def test_an_order_is_a_capitalised_verb_with_no_subject_before_it() -> None:
    order = order_in("Append grid to the end of the named file.")
    assert order is not None and (order.verb, order.rest) == (
        "append", "grid to the end of the named file.")
    assert order_in("Normal unix filenames are used, as in the shell.") is None  # a subject
    assert order_in("Note the tilde is expanded.") is None  # a remark
    assert order_in("Typically used after set clip.") is None  # an adverb
    assert order_in("Line 1 gives the graph name and type.") is None  # a capital or a
    assert order_in("Name Default Values color black node shape.") is None  # number after it
    assert order_in("Gri opens the named file for reading.", frozenset({"gri"})) is None
    assert order_in("Gri opens the named file for reading.") is not None  # a name only by
    # the book's counts (proper_names)
