"""The short-answer guards on keys of every shape the writers make: purposes, mix-up notes,
negating phrases, keyword salads in the key's order and shuffled with small words."""

from __future__ import annotations

from tutor.course import Citation, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.tutoring.answer_guards import keyword_salad, negates
from tutor.engine.offline.tutoring.grading import grade
from tutor.evals.adversarial_keys import cases, key_shape, negations, salads, shares

PURPOSE = "To read a file from a Web resource via FTP or HTTP and write it to a file."
POINTS = ["read a file from a Web resource via FTP or HTTP", "write it to a file"]
DEFINITION = "A sample space is the set of all outcomes of a random experiment."


def _purpose() -> Exercise:
    return Exercise(
        id="download-short_answer-purpose-1", concept_id="download",
        kind=ExerciseKind.SHORT_ANSWER, prompt="What is download.file used for?",
        answer=PURPOSE, key_points=POINTS, origin=ExerciseOrigin.PURPOSE,
        citations=[Citation(source="manual.pdf", page=3)],
    )


def _mix_up() -> Exercise:
    return Exercise(
        id="contingent-contrast-1", concept_id="contingent", kind=ExerciseKind.SHORT_ANSWER,
        prompt=('A classmate writes in her notes: "Contingent sentence: a sentence that must '
                'be true, as a matter of logic." What has she mixed up? Name the idea her '
                "note describes, and say what contingent sentence is."),
        answer=("The note gives the course's description of tautology. Contingent sentence: a "
                "sentence that is true in some cases and false in others."),
        key_points=["tautology: the note describes tautology",
                    "contingent sentence: a sentence that is true in some cases and false "
                    "in others"],
        origin=ExerciseOrigin.CONTRAST, citations=[Citation(source="book.pdf", page=9)],
    )


def test_a_purpose_negated_in_any_place_is_wrong_and_the_purpose_is_right() -> None:
    exercise = _purpose()
    assert grade(exercise, PURPOSE).correct
    assert grade(exercise, "It is used to read a file from a Web resource via FTP or HTTP and "
                           "write it to a file.").correct
    for wrong in ("To not read a file from a Web resource via FTP or HTTP and write it to a "
                  "file.",
                  "To not read a file from a Web resource via FTP or HTTP",
                  "It is not true that it reads a file from a Web resource via FTP or HTTP "
                  "and writes it to a file."):
        result = grade(exercise, wrong)
        assert not result.correct, wrong


def test_a_negated_key_point_alone_is_caught() -> None:
    assert negates("To not write it to a file", [PURPOSE], POINTS)
    assert not negates("To not write it to a file", [PURPOSE])


def test_negating_phrases_count_as_not_and_neither_nor_as_one() -> None:
    assert negates("A sample space is no longer the set of all outcomes of a random "
                   "experiment.", [DEFINITION])
    assert negates("It is not true that a sample space is the set of all outcomes of a random "
                   "experiment.", [DEFINITION])
    assert not negates("If A burns out, B and C are no longer in a closed path",
                       ["If A burns out, neither B nor C is in a closed path"])
    assert not negates("It has no more than the outcomes of a random experiment",
                       ["It has the outcomes of a random experiment"])


def test_a_long_run_of_the_keys_words_in_order_is_a_salad_a_short_one_is_not() -> None:
    assert keyword_salad("read file web resource ftp http write file", [PURPOSE])
    assert not keyword_salad("program executes Python code",
                             ["A program is something that executes Python code."])


def test_the_keys_words_shuffled_with_small_words_are_a_salad_a_moved_clause_is_not() -> None:
    assert keyword_salad("ftp and to via read file write it a http a a to resource or file web "
                         "from", [PURPOSE])
    assert keyword_salad("set the of experiment random all a outcomes sample the space of",
                         [DEFINITION])
    assert not keyword_salad("The set of all outcomes of a random experiment is called the "
                             "sample space.", [DEFINITION])


def test_a_mix_up_answer_must_name_the_idea_the_note_describes() -> None:
    exercise = _mix_up()
    assert grade(exercise, exercise.answer).correct
    wrong = grade(exercise, "The note gives the course's description of contradiction. "
                            "Contingent sentence: a sentence that is true in some cases "
                            "and false in others.")
    assert not wrong.correct
    assert "name the idea" in wrong.feedback


def test_the_generator_names_shapes_and_builds_every_family() -> None:
    purpose = _purpose()
    assert key_shape(purpose) == "purpose"
    assert key_shape(_mix_up()) == "mix_up_note"
    turned = negations(PURPOSE, POINTS)
    assert {"to_not", "does_not", "never_to", "not_true_that", "first_point_not",
            "last_clause_not"} <= set(turned)
    assert turned["to_not"].startswith("To not read")
    mixed = salads(PURPOSE, "seed")
    assert mixed["content_in_order"].split()[:2] == ["read", "file"]
    assert sorted(mixed["all_words_shuffled"].split()) != mixed["all_words_shuffled"].split()
    families = {family for family, *_ in cases(purpose, _mix_up())}
    assert families == {"right", "negated", "salad", "sibling"}
    assert all(should == (family == "right")
               for family, _, _, should in cases(purpose, None))


def test_shares_are_per_shape_and_family() -> None:
    rows = [{"shape": "purpose", "family": "negated", "right": True},
            {"shape": "purpose", "family": "negated", "right": False},
            {"shape": "definition", "family": "salad", "right": True}]
    out = shares(rows)  # type: ignore[arg-type]
    assert out["purpose/negated"] == {"right": 0.5, "n": 2.0}
    assert out["definition/salad"]["right"] == 1.0


def test_a_quoted_negating_phrase_is_no_frame_around_the_answer() -> None:
    key = ("negation: The connective ('it is not the case that'), which makes a true sentence "
           "false and a false one true.")
    assert negates("Negation is the connective ('it is the case that'), which makes a true "
                   "sentence false and a false one true.", [key])


def test_a_mix_up_answer_that_gives_the_note_to_a_third_idea_is_wrong() -> None:
    exercise = _mix_up()
    wrong = grade(exercise, "The note gives the course's description of contradiction, not "
                            "tautology. Contingent sentence: a sentence that is true in some "
                            "cases and false in others.")
    assert not wrong.correct
    assert grade(exercise, "Her note describes a tautology. A contingent sentence is true in "
                           "some cases and false in others.").correct
