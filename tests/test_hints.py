"""The offline hint ladder: three rungs, each more telling, never the answer."""

from __future__ import annotations

import pytest

from tests.factories import make_course
from tutor.course import Citation, Exercise, ExerciseKind
from tutor.engine.offline.tutoring.hints import RUNGS, hint, mask_answer, reveals_answer

COURSE = make_course()


@pytest.mark.parametrize("exercise", COURSE.exercises, ids=lambda e: e.id)
def test_no_rung_contains_the_answer(exercise: Exercise) -> None:
    concept = COURSE.concept(exercise.concept_id)
    ladder = [hint(exercise, concept, level) for level in range(1, RUNGS + 1)]
    assert [h.level for h in ladder] == [1, 2, 3]
    assert [h.last for h in ladder] == [False, False, True]
    assert len({h.text for h in ladder}) == 3
    for rung in ladder:
        assert not reveals_answer(rung.text, exercise), rung.text
    assert hint(exercise, concept, 9).level == RUNGS  # past the end: the last rung again


def test_first_rung_points_to_section_and_page() -> None:
    exercise = COURSE.exercise("bs-cloze")
    text = hint(exercise, COURSE.concept("binary-search"), 1).text
    assert "*Searching*" in text and "notes.md p. 3" in text


def test_first_rung_does_not_point_at_a_section_whose_title_is_the_answer() -> None:
    exercise = COURSE.exercise("bs-cloze")
    concept = COURSE.concept("binary-search")
    titled = concept.model_copy(update={"section": f"3.1 {exercise.answer.title()}"})
    text = hint(exercise, titled, 1).text
    assert "the page (notes.md p. 3)" in text
    assert "*3.1" not in text and "section" not in text


def test_first_rung_names_no_section_far_from_the_page_it_cites() -> None:
    # A "what does this show?" item cites the session's page (p. 18) while its concept's
    # section is on p. 4: "the section *1.1 ...* (p. 18)" sent the learner to two places.
    exercise = COURSE.exercise("bs-cloze")
    concept = COURSE.concept("binary-search")
    far = exercise.model_copy(update={"citations": [
        Citation(source=concept.citations[0].source, page=concept.citations[0].page + 5)]})
    text = hint(far, concept, 1).text
    assert "section" not in text and f"the page (notes.md p. {concept.citations[0].page + 5})" in text
    near = exercise.model_copy(update={"citations": [
        Citation(source=concept.citations[0].source, page=concept.citations[0].page + 1)]})
    assert "*Searching*" in hint(near, concept, 1).text


def test_cloze_clue_gives_first_letter_and_length() -> None:
    exercise = COURSE.exercise("bs-cloze")
    text = hint(exercise, COURSE.concept("binary-search"), 2).text
    assert "6 characters" in text and "**H**" in text


def test_multiple_choice_clue_strikes_out_a_wrong_option() -> None:
    exercise = COURSE.exercise("array-mc")
    text = hint(exercise, COURSE.concept("array"), 2).text
    assert "option 1" in text and "by its key" in text  # the option with a known misconception
    assert "confuses arrays with hash tables" in text


def test_the_clue_never_strikes_out_an_option_the_learner_already_picked() -> None:
    # "You can rule out option 1" after the learner picked option 1 twice told them nothing.
    exercise = COURSE.exercise("array-mc")  # options: by its key, by its index (key), by a hash
    concept = COURSE.concept("array")
    assert "option 1" in hint(exercise, concept, 2).text
    text = hint(exercise, concept, 2, tried=[0]).text
    assert "option 3" in text and "option 1" not in text
    text = hint(exercise, concept, 2, tried=[0, 2]).text
    assert "tried every other option" in text and not reveals_answer(text, exercise)


def test_the_options_tried_are_read_from_what_the_learner_sent_since_the_item_was_posed() -> None:
    from tutor.teach.attempts import options_tried

    exercise = COURSE.exercise("array-mc")
    posed = {"kind": "exercise", "text": "Your turn: ...",
             "exercise": {"id": exercise.id}}
    other = {"kind": "exercise", "text": "Your turn: ...", "exercise": {"id": "bs-cloze"}}
    said = [other, {"kind": "learner", "text": "3"}, {"kind": "feedback", "text": "Correct"},
            posed, {"kind": "learner", "text": "1"}, {"kind": "feedback", "text": "Not quite"},
            {**posed, "text": "Try again: ..."}, {"kind": "learner", "text": "/hint"},
            {"kind": "learner", "text": "by a hash"}, {"kind": "learner", "text": "1"}]
    assert options_tried({"transcript": said}, exercise) == [0, 2]  # type: ignore[typeddict-item]
    assert options_tried({"transcript": said[:4]}, exercise) == []  # type: ignore[typeddict-item]


def test_last_rung_shows_the_passage_with_the_answer_masked() -> None:
    exercise = COURSE.exercise("array-cloze")
    text = hint(exercise, COURSE.concept("array"), 3).text
    assert "[…] is a sequence of elements" in text
    assert "notes.md p. 1" in text


def test_short_answer_last_rung_hides_key_words() -> None:
    exercise = Exercise(
        id="bs-short", concept_id="binary-search", kind=ExerciseKind.SHORT_ANSWER,
        prompt="Explain binary search in your own words.",
        answer="It repeatedly halves a sorted range to find an item.",
        key_points=["needs a sorted array", "halves the range at each step"],
    )
    text = hint(exercise, COURSE.concept("binary-search"), 3).text
    assert "sorted" not in text and "s…" in text


def test_mask_answer_covers_aliases_plurals_and_case() -> None:
    exercise = COURSE.exercise("bs-cloze")
    masked = mask_answer("Halving is key; it HALVES the range.", exercise)
    assert masked == "[…] is key; it […] the range."
    true_false = COURSE.exercise("sorting-tf")
    assert mask_answer("True story", true_false) == "True story"  # True/False are not masked


def _concept(definition: str, key_points: list[str]):  # type: ignore[no-untyped-def]
    from tests.factories import book_concept
    concept = book_concept("tautology", definition, 3)
    return concept.model_copy(update={"key_points": key_points})


def test_the_first_rung_skips_a_key_idea_on_another_idea_or_only_the_question_again() -> None:
    concept = _concept("A tautology is a sentence that is true on every valuation. It cannot "
                       "be false, whatever truth values its atomic sentences take.",
                       ["The other sentences are premises of the argument."])
    which = Exercise(id="t-mc", concept_id=concept.id, kind=ExerciseKind.MULTIPLE_CHOICE,
                     prompt='Which term matches this description: "a sentence that is true on '
                            'every valuation"?', answer="tautology",
                     choices=["tautology", "contradiction", "premise"])
    text = hint(which, concept, 1).text
    assert "premises" not in text  # a key point on another idea
    assert "true on every valuation" not in text  # the question's own description
    assert "cannot be false" in text  # the next sentence on the concept says something new


def test_the_first_rung_says_no_key_idea_rather_than_a_masked_one() -> None:
    concept = _concept("A tautology is a tautology.", [])
    which = Exercise(id="t-cz", concept_id=concept.id, kind=ExerciseKind.CLOZE,
                     prompt="A sentence true on every valuation is a ____.", answer="tautology")
    text = hint(which, concept, 1).text
    assert "The key idea" not in text and "Look again at" in text
