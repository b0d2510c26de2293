"""Items that lean on what the learner never sees are refused by the checker."""

from __future__ import annotations

from tests.factories import book_chunk, book_concept
from tutor.course import Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.unseen_context import context_problems


def _item(prompt: str, answer: str, kind: ExerciseKind = ExerciseKind.SHORT_ANSWER,
          choices: list[str] | None = None) -> Exercise:
    return Exercise(id="x-1", concept_id="x", kind=kind, prompt=prompt, answer=answer,
                    choices=choices, key_points=[answer] if kind is ExerciseKind.SHORT_ANSWER
                    else [], origin=ExerciseOrigin.CONTRAST)


def test_a_heading_run_into_a_name_is_refused() -> None:
    run_in = _item('A classmate writes in her notes: "Methods The \\override command: the final '
                   'command is \\tweak." What has she mixed up?', "The note describes \\tweak.")
    assert context_problems(run_in) == ["a heading runs into a name or a sentence of the item"]
    # a sentence that starts after a full stop, or a capital inside code, is no run-in
    fine = _item("What does the \\override command change? The course names one property.",
                 "The properties of layout objects.")
    assert context_problems(fine) == []
    code = _item("What does this show?\n\n```\nprint('a The b')\n```", "a The b")
    code.origin = ExerciseOrigin.CODE_OUTPUT  # the output is the machine's, not the page's
    assert context_problems(code) == []


def test_a_key_that_points_at_a_figure_or_a_list_is_refused() -> None:
    figure = _item("How are assignment problem and perfect matching related?",
                   "An example of the assignment problem is shown on Fig. 3.")
    listed = _item("Explain reserved keyword in your own words.",
                   "The reserved keywords are the following: and else mod union by if")
    said = _item("Explain perfect matching in your own words.",
                 "A perfect matching is a matching that covers every vertex of the graph.")
    assert context_problems(figure) and context_problems(listed)
    assert context_problems(said) == []


def test_a_blank_whose_one_fact_is_a_release_is_refused() -> None:
    release = _item("Here is a case: \"We currently assume _____ version 2.13 or later.\" Is "
                    "the missing idea autoconf or automake?", "Autoconf.")
    assert context_problems(release) == [
        "the blanked sentence asks which release a tool needs (trivia)"]
    numbers = _item('Here is a case: "The _____ of 2.13 and 3 is 3." Is the missing idea the '
                    'maximum or the minimum?', "Maximum.")
    assert context_problems(numbers) == []


def test_a_quote_left_open_is_refused_by_the_checker() -> None:
    concept = book_concept("node potential", "node potential: the Lagrange multiplier for the "
                           "flow conservation constraint.", page=3)
    page = book_chunk(concept.definition, page=3)
    garbled = Exercise(
        id="node-potential-multiple_choice-1", concept_id=concept.id,
        kind=ExerciseKind.MULTIPLE_CHOICE, origin=ExerciseOrigin.DEFINITION,
        prompt='Which term matches this description: "the Lagrange multiplier for the flow '
               'conservation constraint in Subsection "Background"?',
        answer="node potential", choices=["node potential", "demand", "arc", "capacity"],
        citations=page.citation() and [page.citation()])
    verdict = check_exercise(garbled, concept, [page])
    assert "a quote mark is left open in the prompt" in verdict.problems
    closed = garbled.model_copy(update={
        "prompt": 'Which term matches this description: "the Lagrange multiplier for the flow '
                  'conservation constraint"?'})
    assert "a quote mark is left open in the prompt" not in check_exercise(
        closed, concept, [page]).problems


def test_no_explain_item_on_an_everyday_word_the_page_made_a_term() -> None:
    fraction = _item("Explain fraction in your own words.", "The fraction is the number of "
                     "tuplet notes over the number of notes normally filling the same duration.")
    assert context_problems(fraction) == [
        "an everyday word is asked without the context that made it a term"]
    # a rare name, or an everyday one the page defines on its own, keeps its item
    for name, key in (("tuplet", "The tuplet groups notes into other divisions of a beat."),
                      ("variable", "A variable is a name that refers to a value."),
                      ("variable", "variable: A name that refers to a value."),
                      ("pause", "The pause command displays text and waits.")):
        assert context_problems(_item(f"Explain {name} in your own words.", key)) == []
