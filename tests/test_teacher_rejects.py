"""Items raters rejected on real manuals, made small: the checker refuses a key that is
about another name or one case of the concept, and a classmate's mix-up note whose words
give the other idea away; the items a teacher keeps beside them still pass."""

from __future__ import annotations

from tutor.course import Chunk, Citation, Concept, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.writing.checking import check_exercise, heading_shaped
from tutor.engine.offline.writing.standing_alone import about_another

PAGE = Citation(source="manual.pdf", page=4)
TEXT = ("The smooth command smooths a column. The smooth y command does the same as smooth "
        "x, but on the y column. The first column is called column 1. A column is a list "
        "of numbers read from one field of the data file. The regress command performs "
        "linear regression. Command latex: the session latex command produces a summary "
        "in LaTeX syntax. Command html: the session html command produces a summary in "
        "HTML syntax. A summary statistic is a statistic that quantifies some aspect of a "
        "distribution. A raw moment is a statistic based on the sum of data raised to a "
        "power.")
PASSAGES = [Chunk(id="manual.pdf#p4-0", source="manual.pdf", page=4, text=TEXT)]


def concept(name: str) -> Concept:
    return Concept(id=name.replace(" ", "-"), name=name, definition="", citations=[PAGE])


def explain(name: str, key: str) -> list[str]:
    exercise = Exercise(id=f"{name}-short_answer-1", concept_id=name.replace(" ", "-"),
                        kind=ExerciseKind.SHORT_ANSWER,
                        prompt=f"Explain {name} in your own words.", answer=key,
                        key_points=[key], citations=[PAGE])
    return check_exercise(exercise, concept(name), PASSAGES).problems


def test_a_key_about_a_command_named_otherwise_or_one_case_is_refused() -> None:
    assert "the key does not say what smooth is" in explain(
        "smooth", "The smooth y command does the same as smooth x, but on the y column.")
    assert "the key does not say what column is" in explain(
        "column", "The first column is called column 1.")
    assert about_another("The fonts function lists the fonts that are always available.",
                         "font")


def test_a_key_about_the_concept_itself_passes() -> None:
    assert explain("regress", "The regress command performs linear regression.") == []
    assert explain("column", "A column is a list of numbers read from one field of the "
                             "data file.") == []
    assert not about_another("The auto-multiple-choice export command exports marks.",
                             "auto-multiple-choice-export")
    assert not about_another("The set command sets flags.", "set command")


def test_a_key_on_the_set_command_of_the_concept_is_about_the_concept() -> None:
    # raters kept "Explain rmargin" keyed "The command set rmargin sets the size of the right
    # margin."; the same said "The set xrange command ..." is about xrange too
    key = "The set xrange command sets the horizontal range that will be displayed."
    assert not about_another(key, "xrange")
    assert "the key does not say what xrange is" not in explain("xrange", key)
    assert about_another("The set smooth y command sets the y column.", "smooth")


def mix_up(name: str, note: str, fits: str, true_text: str) -> list[str]:
    exercise = Exercise(
        id=f"{name}-contrast-1", concept_id=name.replace(" ", "-"),
        kind=ExerciseKind.SHORT_ANSWER,
        prompt=(f'A classmate writes in her notes: "{note}" What has she mixed up? Name the '
                f"idea her note describes, and say what {name} is."),
        answer=(f"The note gives the course's description of {fits}. "
                f"{name[:1].upper() + name[1:]}: {true_text}."),
        key_points=[f"the note describes {fits}", true_text], citations=[PAGE],
        origin=ExerciseOrigin.CONTRAST)
    return [p for p in check_exercise(exercise, concept(name), PASSAGES).problems
            if "given away" in p]


def test_a_note_saying_the_other_names_own_word_is_a_giveaway() -> None:
    assert mix_up("command latex", "Command latex: the session html command produces a "
                  "summary in HTML syntax.", "command html",
                  "the session latex command produces a summary in LaTeX syntax") == [
        "answer given away by the prompt: the note says the other idea's own words"]


def test_a_note_sharing_only_the_genus_word_asks_for_the_difference() -> None:
    assert mix_up("raw moment", "Raw moment: a statistic that quantifies some aspect of a "
                  "distribution.", "summary statistic",
                  "a statistic based on the sum of data raised to a power") == []


QUOTE_TEXT = ("The lilypond program uses the following algorithm to find its data files. "
              "A group represents a composite of shapes. System calls are an easy and "
              "important facet of the language. The 32-bit Tcl configure scripts are in "
              "/usr/lib. A list is a sequence of values.")
QUOTE_PASSAGES = [Chunk(id="manual.pdf#p4-1", source="manual.pdf", page=4, text=QUOTE_TEXT)]


def which_term(name: str, prompt: str, origin: ExerciseOrigin = ExerciseOrigin.DEFINITION,
               choices: tuple[str, ...] = ("group", "list", "shape", "system call")) -> list[str]:
    exercise = Exercise(id=f"{name}-multiple_choice-1", concept_id=name.replace(" ", "-"),
                        kind=ExerciseKind.MULTIPLE_CHOICE, prompt=prompt, answer=name,
                        choices=list(choices), citations=[PAGE], origin=origin)
    return check_exercise(exercise, concept(name), QUOTE_PASSAGES).problems


def test_a_quote_pointing_at_what_follows_on_the_page_is_refused() -> None:
    assert "the sentence leans on the text around it" in which_term(
        "lilypond", 'Which term fills the blank: "The _____ program uses the following '
        'algorithm to find its data files."?', choices=("lilypond", "group", "list"))


def test_a_description_of_what_the_book_thinks_is_refused() -> None:
    assert "the description says what the book thinks of it, not what it is" in which_term(
        "system call", 'Which term matches this description: "an easy and important facet '
        'of the language"?')
    assert "the quoted sentence says what the book thinks of it, not what it is" in which_term(
        "system call", 'Which term fills the blank: "_____s are an easy and important facet '
        'of the language."?')
    assert which_term("list", 'Which term matches this description: "a sequence of '
                              'values"?') == []


def test_a_path_in_an_example_quote_is_a_piece_of_the_page() -> None:
    assert "the sentence holds a piece of the page that is not prose" in which_term(
        "group", 'This example from the course has one idea left out:\n\n"The 32-bit '
        '_____ configure scripts are in /usr/lib."\n\nWhich idea fills the blank?',
        origin=ExerciseOrigin.EXAMPLE)


def test_a_procedure_goal_cut_where_the_page_went_on_is_refused() -> None:
    def goal(prompt: str) -> list[str]:
        return which_term("list", prompt, origin=ExerciseOrigin.PROCEDURE,
                          choices=("list", "group", "shape"))
    assert "the task the prompt states is cut short" in goal(
        "You want to always use another fetching program,. What do you use?")
    assert "the task the prompt states is cut short" not in goal(
        "You want to keep a sequence of values. What do you use?")


def test_a_section_title_is_no_option_beside_terms() -> None:
    from tutor.engine.offline.writing.choice_exercises import pick
    from tutor.engine.offline.writing.exercise_material import Sibling

    near = [Sibling(concept(n), 0.5, None) for n in (
        "using the OS from within gri", "system call", "superuser", "set trace")]
    chosen = [text for _, text in pick([(s, s.concept.name) for s in near], "shell command",
                                        "Which term matches this description: ...?")]
    assert chosen == ["system call", "superuser", "set trace"]
    assert heading_shaped("locales under window") and heading_shaped("setting up a repository")
    assert not heading_shaped("order of operations") and not heading_shaped("rounding mode")


def test_a_note_saying_the_other_word_as_everyday_english_asks_for_the_difference() -> None:
    assert mix_up("linear regression", "Linear regression: a regression with multiple "
                  "explanatory variables, but only one dependent variable.",
                  "multiple regression", "a regression with one explanatory variable") == []
    assert mix_up("micro-c", "Micro-c: a valid subset of Python 3.", "micro-python",
                  "a valid subset of ANSI C") != []


def test_a_name_run_together_from_the_page_gets_no_item() -> None:
    name = "dbfo_list-widthdbfo_list-widthNamedbfo_list-width"
    exercise = Exercise(id="w-multiple_choice-1", concept_id="w",
                        kind=ExerciseKind.MULTIPLE_CHOICE,
                        prompt='Which term fills the blank: "_____ specifies the width of a '
                               'horizontal simplelist."?', answer=name,
                        choices=[name, "dbfo_term-width", "dbfo_sidebar-width"],
                        citations=[PAGE])
    run = Concept(id="w", name=name, definition="", citations=[PAGE])
    assert "the concept's name is several names of the page run together" in check_exercise(
        exercise, run, PASSAGES).problems
    assert "the concept's name is several names of the page run together" not in explain(
        "sequence of sequences", "A sequence of sequences is a list of lists.")
