"""Remarks: a sentence that comments on a concept (an attitude, a frequency, an empty subject, a
judgement) is no definition; the concept takes its own passage's statement about it, else keeps
the remark without an opener that only says how the author feels."""

from __future__ import annotations

from tests.factories import manual_pages
from tutor.course import Chunk, Citation
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.definitions.remarks import is_label, is_remark, replace_remarks
from tutor.engine.port import ConceptDraft
from tutor.sentences import split_sentences


def _sentences(chunks: list[Chunk]) -> list[Sentence]:
    return [Sentence(text, i, 0, c.heading) for i, c in enumerate(chunks)
            for text in split_sentences(c.text)]


def _draft(name: str, definition: str, section: str, page: int = 1) -> ConceptDraft:
    return ConceptDraft(name=name, definition=definition, section=section,
                        evidence=["emphasis", "keyphrase"],
                        citations=[Citation(source="m.pdf", page=page)], key_points=[definition])


def test_remarks_are_told_from_statements() -> None:
    for name, text in [
        ("pivot table", "Unfortunately, pivot tables in this release are slow on large sheets."),
        ("macro", "Sometimes it is easy to record a macro instead of writing one."),
        ("named range", "It is possible that you want some cells to keep their names."),
        ("chart", "Charts are a useful tool, and most spreadsheets offer them."),
        ("array formula", "Editing an array formula by hand can be cumbersome in the editor."),
        ("filter", "However, most filter dialogs hide the rows that do not match."),
        ("lookup", "There are three standard ways to do a lookup in a sheet."),
        ("startup add-in", "Startup Add-ins It is possible that you want add-ins loaded early."),
    ]:
        assert is_remark(text, [name, name + "s"]), text
    for name, text in [
        ("pivot table", "A pivot table summarises the rows of a sheet by the values of a column."),
        ("chart", "Charts are useful for showing how a value changes over time."),
        ("macro", "In general, a macro is a recorded list of actions that can be replayed."),
        ("sheet", "Sheets are a grid of cells that hold values and formulas."),
        ("style", "A style is a named set of formats that has become popular with designers."),
    ]:
        assert not is_remark(text, [name, name + "s"]), text


def test_a_heading_kept_as_the_definition_is_only_a_label() -> None:
    assert is_label("Initial Conditions", ["initial condition", "initial conditions"])
    assert not is_label("Initial conditions are given before the equations are solved.",
                        ["initial condition", "initial conditions"])


def test_a_remark_gives_way_to_a_statement_of_its_own_section() -> None:
    chunks = manual_pages(
        ("Startup cells", "It is possible that you want some cells run when the sheet opens. "
         "A command marks a cell as a startup cell. Startup cells behave like other cells, "
         "except that they all run when the sheet is opened."),
        ("Charts", "Charts are a useful tool, and most spreadsheets offer them. "
         "Unfortunately the chart editor is slow. If the chart type is not given, a bar "
         "chart is drawn. Charts drawn by sheet.plot(data) keep their own scale and colours."),
    )
    startup = _draft("startup cell", "It is possible that you want some cells run when the "
                     "sheet opens.", "Startup cells")
    chart = _draft("chart", "Charts are a useful tool, and most spreadsheets offer them.",
                   "Charts", page=2)
    assumed = _draft("assume command", "Fortunately, the tool provides an assume command which "
                     "records what a variable may be.", "Charts", page=2)
    replace_remarks([startup, chart, assumed], _sentences(chunks), chunks)
    assert startup.definition.startswith("Startup cells behave like other cells")
    assert "It is possible" in startup.key_points[1]  # the remark is kept as a key point
    assert chart.definition.startswith("Charts are a useful tool")  # no statement (a remark,
    # a case, code) of its own: kept
    assert assumed.definition.startswith("The tool provides an assume command")


def test_a_heading_run_into_the_definition_is_taken_off() -> None:
    chunks = manual_pages(("Blank cells", "Blank cells By default blank cells are read as zero."))
    blank = _draft("blank cell", "Blank cells By default blank cells are read as zero, unless "
                   "an option says otherwise.", "Blank cells")
    replace_remarks([blank], _sentences(chunks), chunks)
    assert blank.definition.startswith("By default blank cells are read as zero")


def test_the_sentences_are_indexed_by_section_once_and_only_a_remarks_sections_read(
        monkeypatch) -> None:
    from tutor.engine.offline.definitions import remarks

    chunks = manual_pages(
        ("Startup cells", "It is possible that you want some cells run when the sheet opens. "
         "Startup cells behave like other cells, except that they all run when the sheet "
         "is opened."),
        ("Charts", "Charts are a useful tool, and most spreadsheets offer them. Charts show "
         "the values of a column as bars whose heights follow the values."),
        ("Elsewhere", "Startup cells keep a flag in the file that the sheet reads on opening."),
    )
    startup = _draft("startup cell", "It is possible that you want some cells run when the "
                     "sheet opens.", "Startup cells")
    chart = _draft("chart", "Charts are a useful tool, and most spreadsheets offer them.",
                   "Charts", page=2)
    indexed: list[int] = []
    sections_of = remarks.sections_of
    monkeypatch.setattr(remarks, "sections_of",
                        lambda sentences: indexed.append(len(sentences)) or sections_of(sentences))
    sentences = _sentences(chunks)
    replace_remarks([startup, chart], sentences, chunks)
    assert len(indexed) == 1  # once for both remarks
    assert startup.definition.startswith("Startup cells behave like other cells")
    assert chart.definition.startswith("Charts show the values")
    # a sentence of a section neither devoted to the concept nor its own is not read
    index = remarks.sections_of(sentences)
    lone = _draft("startup cell", "It is possible that you want some cells run.", "Nowhere")
    assert remarks.said_of_it(lone, sentences, {}, index) is None
