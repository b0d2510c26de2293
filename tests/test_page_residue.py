"""An item quoting the book's prose is refused when the quote lost part of its page (a
formula's letters without its layout, an equation dropped between two sentences, a footnote
run into the text) or says too little besides its blank to tell one idea."""

from __future__ import annotations

from tutor.course import Chunk, Citation, Concept, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.page_residue import footnote_run_in, lost_formula, says_little

PAGE = Citation(source="notes.pdf", page=4)
RESIDUE = ("the quote lost a formula of the page", "a footnote of the page runs into the quote")


def _checked(name: str, sentence: str, origin: ExerciseOrigin = ExerciseOrigin.DEFINITION,
             others: tuple[str, ...] = ("eigenvalue", "trace", "determinant")) -> list[str]:
    slug = name.replace(" ", "-")
    whole = sentence.replace("_____", name)
    concept = Concept(id=slug, name=name, definition=whole, citations=[PAGE])
    item = Exercise.model_validate({
        "id": f"{slug}-multiple_choice-1", "concept_id": slug, "origin": origin,
        "kind": ExerciseKind.MULTIPLE_CHOICE, "prompt": f'Which term fills the blank: "{sentence}"?',
        "answer": name, "choices": [name, *others], "citations": [PAGE]})
    page = Chunk(id="notes.pdf#p4-0", source="notes.pdf", page=4, text=whole)
    return check_exercise(item, concept, [page]).problems


def test_what_is_left_of_a_formula_is_residue() -> None:
    assert lost_formula("An equation is exact if it can be written as u 0 + pu = r.")
    assert lost_formula("the method gives K0 1 4 quickly but not K0 (e).")
    assert lost_formula("The series converges when it can be put in the form z.")
    assert lost_formula("which divides q (t), but has the property that Such a map is said "
                        "to be reduced")
    for prose in ("It takes 3 steps in 2 passes.", "The image is 800 x 600 pixels.",
                  "Version 5.4 added the option.", "a vector of 3 numbers",
                  "The function of x is smooth.", "See page 12 for details."):
        assert not lost_formula(prose), prose


def test_a_footnote_run_into_the_text_is_residue() -> None:
    assert footnote_run_in("The cell would then read 3Sending a cell to the process is "
                           "called evaluating it.")
    assert not footnote_run_in("Use the 3D view for surfaces, as in Figure 3.")


def test_an_item_quoting_residue_is_refused_and_a_clean_one_passes() -> None:
    lost = _checked("matrix rank", "The _____ of A is r if it can be put in the form B = Cx 0.")
    assert any(p in RESIDUE for p in lost)
    clean = _checked("matrix rank", "The _____ of a matrix is the number of its linearly "
                     "independent columns.")
    assert not any(p in RESIDUE for p in clean)


def test_a_reference_entrys_signature_in_the_quote_is_residue() -> None:
    lost = _checked("lock holder", "Returns the _____ of the lock. grab-lock lock &key "
                    "waitp [Function] Acquire lock for the current thread.",
                    origin=ExerciseOrigin.CONTRAST)
    assert "a reference entry's signature runs into the quote" in lost
    crossed = _checked("lock holder", "The _____ of a lock is the thread that acquired it "
                       "(see [Locks], page 90).")
    assert "a reference entry's signature runs into the quote" not in crossed
    spoken_of = _checked("lock holder", "The _____ is not passed on through &rest arguments "
                         "of a lock's callback.")
    assert "a reference entry's signature runs into the quote" not in spoken_of


def test_code_output_items_keep_their_own_shapes() -> None:
    item = Exercise.model_validate({
        "id": "rank-cloze-1", "concept_id": "rank", "origin": ExerciseOrigin.CODE_OUTPUT,
        "kind": ExerciseKind.CLOZE, "prompt": "What does rank(m) print for m = x 2? _____",
        "answer": "2", "citations": [PAGE]})
    from tutor.engine.offline.writing.page_residue import residue_problems

    assert residue_problems(item) == []


def test_a_sentence_saying_too_little_is_refused() -> None:
    assert says_little("The   operator behaves as it does in C.")
    assert says_little("Where q is called the  , and r the rest.")
    assert not says_little("The   command changes the working directory.")
    thin = _checked("pivot", "Usually one takes the largest _____.")
    assert "the quoted sentence says too little to tell one idea" in thin


def test_a_quote_pointing_back_at_the_page_is_refused() -> None:
    from tutor.engine.offline.writing.page_residue import points_back

    assert points_back("The set gapsize command controls the width of this shaded band.")
    assert not points_back("Hash functions such as MD5; these functions are fast.")
    assert not points_back("Some values are divided into ten deciles. Values like these are "
                           "called quantiles.")
    assert not points_back("The gap command sets the gap; this is useful for bars.")
    leaning = _checked("gap size", "The set _____ command controls the width of this shaded "
                       "band.")
    assert "the sentence leans on the text around it" in leaning


def test_an_indexed_exponent_and_a_word_broken_across_lines_are_residue() -> None:
    assert lost_formula("c is called a coefficient, and x n1 1 x n2 2 a monomial.")
    assert lost_formula("Newton's method and its im- provements converge fast.")
    assert not lost_formula("Both first- and second-order terms are kept.")
    assert not lost_formula("The R2 score is 0.5, and x2 is the second variable.")


def test_a_quote_naming_a_figure_of_the_page_is_refused() -> None:
    from tutor.engine.offline.writing.standing_alone import points_away

    assert points_away("Figure 4.2 shows what the diagram looks like. This copy is shallow.")
    assert not points_away("A shallow copy copies the object but not the objects it holds.")
    shown = _checked("shallow copy", "Table 3 lists the fields. This operation is called a(n) "
                     "_____ because it copies the object only.")
    assert "the sentence leans on the text around it" in shown


def test_a_formulas_symbols_set_out_in_a_row_are_residue_with_words_after_them() -> None:
    from tutor.engine.offline.writing.page_residue import symbols_in_a_row

    assert symbols_in_a_row("A product of n terms has about n ln n ln 10 decimal digits.")
    assert symbols_in_a_row("the columns hold p q r s values")  # four lone letters
    for prose in ("an M x N set of data", "The sin function returns the sine of x.",
                  "Use a log 10 scale for the axis.", "It takes 3 steps in 2 passes."):
        assert not symbols_in_a_row(prose), prose
    problems = _checked("factorial", "The _____ of n has about n ln n ln 10 decimal digits, "
                        "so an exact value is practical for small n only.")
    assert RESIDUE[0] in problems
