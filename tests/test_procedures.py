"""Procedures in user and administration manuals: reading them, task concepts, case items."""

from __future__ import annotations

from tests.factories import manual_pages, written_on_pages
from tutor.answers import chosen_option, key_verdict
from tutor.course import Citation, Concept, ExerciseOrigin
from tutor.engine.offline.procedures.procedure_exercises import bare_command, write_procedures
from tutor.engine.offline.procedures.procedure_passages import procedure_passages
from tutor.engine.offline.procedures.reading import find_procedures
from tutor.engine.offline.procedures.task_concepts import add_task_concepts, task_name
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.port import ConceptDraft


def _read(text: str, heading: str = "3.2 Checking the build") -> list[tuple[str, str, str]]:
    return [(p.goal, p.action, p.shape)
            for p in find_procedures(manual_pages((heading, text)))]


# -- reading ---------------------------------------------------------------------------------
def test_a_goal_by_running_the_command_on_the_display_line_is_read() -> None:
    found = _read("You can test a build by running\nmake check\nIf a test fails, look.")
    assert found == [("test a build", "make check", "command")]


def test_a_passage_read_again_gives_its_procedures_on_its_own_page() -> None:
    text = "You can test a build by running\nmake check\nIf a test fails, look."
    first, second = manual_pages(("3.2 Checking", text), ("9.1 Again", text))
    for chunk in (first, second, first):  # the same text on two pages, read more than once
        found = find_procedures([chunk])
        assert [(p.goal, p.action, p.chunk.page, p.citation.page) for p in found] == [
            ("test a build", "make check", chunk.page, chunk.page)]
        assert found[0].chunk is chunk


def test_a_passive_goal_is_read_as_an_infinitive() -> None:
    found = _read("The recommended packages can be checked by\nmake check-recommended\n")
    assert found == [("check the recommended packages", "make check-recommended", "command")]


def test_the_display_line_is_cut_where_prose_begins() -> None:
    found = _read("To make PDF versions of the manuals, use\nmake pdf to create PDF versions")
    assert found == [("make PDF versions of the manuals", "make pdf", "command")]


def test_a_goal_leaning_on_the_text_before_it_is_not_read() -> None:
    assert _read("To make these (with fullrefman), use\nmake pdf\n") == []
    assert _read("To get around this, type in preamble:\n\\makeatletter\n") == []


def test_a_menu_path_and_a_macro_in_the_sentence_are_actions() -> None:
    menu = _read("To use PSTricks, you have to configure AMC : Edit → Preferences → Main.")
    macro = _read("To provide explanation for the answers, one can use the \\explain command.")
    assert menu == [("use PSTricks", "Edit → Preferences → Main", "menu")]
    assert macro == [("provide explanation for the answers", "\\explain", "macro")]


def test_an_example_listing_after_the_goal_is_no_action() -> None:
    example = ("To use a strategy for a set of questions, one can define it in a LaTeX "
               "command, as in the following example:\n\\def\\barQmult{haut=3}\n")
    listing = ("To link with Fortran routines, use\n\\begin{questionmult}\n\\scoring{b}\n"
               "\\end{questionmult}\n")
    assert _read(example) == [] and _read(listing) == []


def test_a_label_opening_a_list_of_options_is_no_action() -> None:
    text = ("To use separate answer sheets, consider the following options:\n"
            "SeparateAnswerSheet: If 1, a separate answer sheet will be added.")
    assert _read(text) == []


# -- case items ------------------------------------------------------------------------------
_CHECKING = Concept(id="checking-the-build", name="checking the build",
                    definition="You can test a build by running make check",
                    citations=[Citation(source="m.pdf", page=2)],
                    section="3.2 Checking the build")
_PAGES = (
    ("2.3 Making the manuals", "To make PDF versions of the manuals, use\nmake pdf\n"),
    ("3.2 Checking the build", "3.2 Checking the build\nYou can test a build by running\n"
     "make check\nThe recommended packages can be checked by\nmake check-recommended\n"),
    ("6.5 Removing packages", "To remove an add-on package at a prompt, run\n"
     "R CMD REMOVE pkg\n"),
    ("B.5 Using make", "To see every target of the makefile, type\nmake help-targets\n"),
)


def test_a_procedure_is_asked_as_a_case_with_other_procedures_as_options() -> None:
    written, chunks = written_on_pages(write_procedures, _CHECKING, *_PAGES)
    assert len(written) == 1
    item = written[0]
    assert item.prompt == "You want to test a build. What do you run?"
    assert item.answer == "make check" and item.origin is ExerciseOrigin.PROCEDURE
    assert item.citations == [Citation(source="m.pdf", page=2)]
    assert set(item.choices or []) == {"make check", "make pdf", "R CMD REMOVE pkg",
                                       "make help-targets"}
    assert "make check-recommended" not in (item.choices or [])  # the page supports it too
    assert check_exercise(item, _CHECKING, chunks).ok


def test_a_goal_naming_the_word_that_sets_the_key_apart_is_not_asked() -> None:
    removing = Concept(id="removing-packages", name="removing packages",
                       definition="Packages can be removed.", section="6.5 Removing packages",
                       citations=[Citation(source="m.pdf", page=3)])
    pages = (*_PAGES[:2], ("6.5 Removing packages", "6.5 Removing packages\nTo remove an "
                           "add-on package, run\nmake remove-package\n"), _PAGES[3])
    written, _ = written_on_pages(write_procedures, removing, *pages)
    assert written == []  # "remove" in the goal points at make remove-package alone


def test_a_goal_naming_the_variable_the_key_binds_is_not_asked() -> None:
    vectors = Concept(id="vector", name="vector", definition="A vector is a list of numbers.",
                      citations=[Citation(source="m.pdf", page=2)], section="2.1 Vectors")
    pages = (_PAGES[0], ("2.1 Vectors", "2.1 Vectors\nTo set up a vector named x, use\n"
                         "x <- c(10.4, 5.6)\n"), *_PAGES[2:])
    written, _ = written_on_pages(write_procedures, vectors, *pages)
    assert written == []


def test_the_command_typed_without_its_example_values_picks_the_key() -> None:
    removing = Concept(id="removing-packages", name="removing packages",
                       definition="Packages can be removed.", section="6.5 Removing packages",
                       citations=[Citation(source="m.pdf", page=3)])
    pages = (*_PAGES[:2], ("6.5 Removing packages", "6.5 Removing packages\nTo uninstall "
                           "an add-on, run\nR CMD REMOVE pkg\n"), _PAGES[3])
    written, _ = written_on_pages(write_procedures, removing, *pages)
    item = written[0]
    assert item.answer == "R CMD REMOVE pkg" and item.accepted == ["R CMD REMOVE"]
    assert chosen_option(item, "R CMD REMOVE") == (item.choices or []).index(item.answer)
    assert key_verdict(item, "R CMD REMOVE") is True
    other = next(c for c in item.choices or [] if c != item.answer)
    assert key_verdict(item, other) is False


def test_a_needed_argument_is_never_left_out() -> None:
    assert bare_command("R CMD INSTALL --libs-only pkg") is None  # the option is the point
    assert bare_command("make prefix=/path/to/here install") is None
    assert bare_command("\\AMCaddpagesto{integer}") == "\\AMCaddpagesto"
    assert bare_command("\\usepackage{multicol}") is None


def test_the_plan_gives_a_concept_with_a_procedure_the_other_procedures() -> None:
    chunks = manual_pages(*_PAGES)
    concept = _CHECKING.model_dump(mode="json")
    given = procedure_passages([concept], chunks)
    assert {c.page for c in given["checking-the-build"]} == {1, 3, 4}


# -- task concepts ---------------------------------------------------------------------------
def test_a_task_heading_is_named_as_a_teacher_names_it() -> None:
    assert task_name("6.5 Removing packages") == "removing packages"
    assert task_name("3.3 Testing an Installation") == "testing an installation"
    assert task_name("3.6 Looping Constructs", "Bash supports these looping constructs.") == (
        "looping constructs")
    assert task_name("3.1 Installing on Windows", "Windows has an installer.") == (
        "installing on Windows")
    assert task_name("5.6.3 Using LuaLaTeX") is None  # about LuaLaTeX, not a task
    assert task_name("6 Add-on packages") is None
    assert task_name("4.11 Prototyping versus planning") is None


def test_a_section_teaching_a_task_becomes_a_concept_described_by_its_purpose() -> None:
    chunks = manual_pages(*_PAGES)
    drafts = add_task_concepts([], chunks)
    by_name = {d.name: d for d in drafts}
    checking = by_name["checking the build"]
    assert checking.definition == "You can test a build by running make check"
    assert checking.citations == [Citation(source="m.pdf", page=2)]
    assert checking.section == "3.2 Checking the build"
    assert "To test a build: make check" in checking.key_points


def test_a_task_the_map_already_has_is_not_added_again() -> None:
    known = ConceptDraft(name="making the manuals", definition="...", first_order=0)
    drafts = add_task_concepts([known], manual_pages(*_PAGES[:1]))
    assert [d.name for d in drafts] == ["making the manuals"]


def test_a_task_is_described_by_a_sentence_doing_it_not_one_about_its_object() -> None:
    chunks = manual_pages(("3.2 Changing the length of an object",
                           "3.2 Changing the length of an object\nAn empty object may still "
                           "have a mode of its own. I changed the object length in the last "
                           "chapter by hand. The length of an object can be changed "
                           "by assigning to an element past its end."))
    drafts = add_task_concepts([], chunks)
    assert [d.definition for d in drafts] == [
        "The length of an object can be changed by assigning to an element past its end."]


def test_a_python_session_after_the_goal_is_no_action() -> None:
    assert _read("To access the characters one at a time, use\n>>> fruit = 'banana'\n") == []


def test_a_task_whose_section_introduces_its_own_concept_is_not_added() -> None:
    traversal = ConceptDraft(name="traversal", definition="...", section="2.1 Traversing a list")
    chunks = manual_pages(("2.1 Traversing a list", "2.1 Traversing a list\nYou can traverse "
                           "a list by running\nfor-each list\n"))
    assert [d.name for d in add_task_concepts([traversal], chunks)] == ["traversal"]


def test_the_claude_engine_may_record_a_procedure_item() -> None:
    from tutor.engine.claude.schemas import ExerciseItem
    from tutor.prompts import load_prompt

    item = ExerciseItem.model_validate({
        "kind": "multiple_choice", "prompt": "You want to test a build. What do you run?",
        "answer": "make check", "choices": ["make check", "make pdf", "make install"],
        "chunk_id": "m.pdf#p2-0", "origin": "procedure"})
    assert ExerciseOrigin(item.origin) is ExerciseOrigin.PROCEDURE
    assert "`procedure`" in load_prompt("write_exercises").body


# -- what a teacher would keep ----------------------------------------------------------------
def test_a_bare_name_in_the_sentence_is_no_action() -> None:
    assert _read("The arguments to AC_INIT may be computed by M4, when autoconf is run.") == []
    assert _read("The version arguments can be computed by running m4_eval(x), when needed.") == [
        ("compute the version arguments", "m4_eval(x)", "call")]


def test_a_goal_someone_else_pursues_is_not_the_readers() -> None:
    compiler = ("To avoid multiplying by 53 each time through the loop, an optimizing compiler "
                "might transform sumc to the following:\nsumc (lo, hi)\n")
    program = ("In order to link with Fortran routines, the user's program should include:\n"
               "F77_DUMMY_MAIN()\n")
    tool = "To find the system headers, autoconf will run:\ncpp -M\n"
    assert _read(compiler) == [] and _read(program) == [] and _read(tool) == []
    assert _read("To find the system headers, run:\ncpp -M\n") == [("find the system headers", "cpp -M",
                                                              "command")]


def test_an_option_whose_name_ends_in_a_dot_keeps_it() -> None:
    found = _read("To provide for VPATH builds, pass the C compiler a -I. option (or -I..).")
    assert found == [("provide for VPATH builds", "-I.", "option")]
    assert _read("To keep going after errors, pass the option -k.") == [
        ("keep going after errors", "-k", "option")]


def test_the_first_line_of_a_listing_is_no_action() -> None:
    directive = ("To link with Fortran routines, include:\n#ifdef F77_DUMMY_MAIN\n"
                 "# ifdef __cplusplus\nextern \"C\"\n# endif\n")
    braces = "To sum a range of numbers, use:\nsum_all (lo, hi)\n{\nreturn 0;\n"
    opened = "To name a package, write:\nAC_INIT([Hello],\n"
    assert _read(directive) == [] and _read(braces) == [] and _read(opened) == []


def test_a_goal_on_an_object_the_text_before_names_is_vague() -> None:
    assert _read("The input can be made by AC_LANG_PROGRAM and friends.") == []
    assert _read("The test input can be made by AC_LANG_PROGRAM and friends.") == [
        ("make the test input", "AC_LANG_PROGRAM", "command")]


def test_which_term_is_not_asked_with_the_heading_read_back() -> None:
    from tutor.engine.offline.writing.choice_exercises import choose_term
    from tutor.engine.offline.writing.exercise_material import Sibling

    def concept(name: str, text: str, section: str, page: int) -> Concept:
        return Concept(id=name.replace(" ", "-"), name=name, definition=text, section=section,
                       citations=[Citation(source="m.pdf", page=page)])

    siblings = [Sibling(c, 0.5, c.definition) for c in (
        concept("answer sheet", "The page where students tick boxes.", "2 Sheets", 2),
        concept("copy", "One printed version of the subject.", "3 Copies", 3),
        concept("box", "A square that a student ticks.", "4 Boxes", 4))]
    said = "The strategy used to score the copies is indicated in the source file."
    asked = {}
    for section in ("6.7.2 Scoring strategy", "6.7.2 Marks"):
        scoring = concept("scoring strategy", said, section, 1)
        written, _ = written_on_pages(lambda m, _c: [e for e in [choose_term(m, siblings)] if e],
                                      scoring, (section, f"{section}\n{said}"))
        asked[section] = len(written)
    assert asked == {"6.7.2 Scoring strategy": 0, "6.7.2 Marks": 1}


def test_a_key_alone_of_its_kind_among_the_options_is_not_asked() -> None:
    declaring = Concept(id="declaration", name="declaration", definition="A declaration ...",
                        citations=[Citation(source="m.pdf", page=5)], section="5 Declarations")
    pages = (*_PAGES, ("5 Declarations", "5 Declarations\nTo allow C++ overloaded "
                       "functions, use\nAC_CHECK_DECL([basename(char *)])\n"))
    written, _ = written_on_pages(write_procedures, declaring, *pages)
    assert written == []  # a macro call among shell commands
    shell = (*_PAGES, ("5 Declarations", "5 Declarations\nTo allow C++ overloaded "
                       "functions, run\nmake cxx-decls\n"))
    assert len(written_on_pages(write_procedures, declaring, *shell)[0]) == 1


def test_a_goal_sharing_a_root_with_the_key_alone_is_not_asked() -> None:
    explaining = Concept(id="explain", name="explain", definition="The explain command ...",
                         citations=[Citation(source="m.pdf", page=5)], section="5 Explaining")
    pages = (*_PAGES, ("5 Explaining", "5 Explaining\nTo provide explanation for the "
                       "answers, run\nmake explain\n"))
    assert written_on_pages(write_procedures, explaining, *pages)[0] == []
    other = (*_PAGES, ("5 Explaining", "5 Explaining\nTo provide reasons for the "
                       "answers, run\nmake explain\n"))
    assert len(written_on_pages(write_procedures, explaining, *other)[0]) == 1
