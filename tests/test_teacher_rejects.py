"""Items raters rejected on real manuals, made small: the checker refuses a key that is
about another name or one case of the concept, and a classmate's mix-up note whose words
give the other idea away; the items a teacher keeps beside them still pass."""

from __future__ import annotations

from tutor.course import Chunk, Citation, Concept, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.writing.checking import check_exercise
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
