"""Items about two ideas: the sentence that ties them, a mix-up to diagnose, keys that say
what sets the two apart, and definition keys that say what a concept is."""

from __future__ import annotations

from tutor.course import Chunk, Citation, Concept, ExerciseOrigin
from tutor.engine.offline.contrasts.contrast_exercises import write_contrast
from tutor.engine.offline.contrasts.contrast_questions import pair_of
from tutor.engine.offline.contrasts.relating_sentences import relating_sentence
from tutor.engine.offline.definitions.descriptions import a_case_or_a_sign, describe
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.exercise_material import Sibling, gather
from tutor.engine.offline.writing.exercises import write_exercises
from tutor.study.exercise_steps import _asked_once


def _chunk(text: str, page: int) -> Chunk:
    return Chunk(id=f"stats.pdf#p{page}-0", source="stats.pdf", page=page, text=text)


def _concept(name: str, definition: str, page: int, aliases: list[str] | None = None) -> Concept:
    return Concept(id=name.replace(" ", "-"), name=name, definition=definition,
                   aliases=aliases or [], citations=[Citation(source="stats.pdf", page=page)])


def _tie(first: str, second: str, text: str, operations: bool = False) -> str | None:
    found = relating_sentence(term_variants(first), term_variants(second), [_chunk(text, 1)],
                              operations=operations)
    return found.sentence if found else None


def test_the_sentence_that_ties_two_concepts_is_found_in_either_order() -> None:
    assert _tie("variance", "central moment", "When k = 2 the result is the second central "
                "moment, which you might recognize as variance.") is not None
    assert _tie("standard deviation", "variance", "The square root of variance, S, is the "
                "standard deviation.") is not None
    assert _tie("survival curve", "CDF", "Finding the survival curve is easy; it's just the "
                "complement of the CDF:") == ("Finding the survival curve is easy; it's just "
                                              "the complement of the CDF.")
    # a glossary run together is read entry by entry
    assert _tie("gather", "tuple", "scatter: The operation of treating a sequence as a list. "
                "gather: The operation of assembling a variable-length argument tuple.") == (
        "gather: The operation of assembling a variable-length argument tuple.")


def test_a_kind_a_naming_a_ranking_or_a_mere_mention_ties_nothing() -> None:
    assert _tie("nested list", "list", "A nested list is a list that is an element of another "
                "list.") is None  # a kind of list, not a tie a learner must work out
    assert _tie("mean", "average", "The mean is the average.") is None  # two names
    assert _tie("mean", "summary statistic", "By far the most common summary statistic is "
                "the mean.") is None
    assert _tie("standard error", "confidence interval", "Standard errors and confidence "
                "intervals are the source of much confusion.") is None
    assert _tie("mean", "summary statistic", "The mean of a sample is the summary statistic "
                "computed with the previous formula.") is None  # leans on the text around
    assert _tie("runtime error", "type", "Runtime error: The second type of error is a runtime "
                "error, so called because it appears at run time.") is None  # a heading
    assert _tie("standard score", "standard deviation", "Transform each value to a standard "
                "score, which is the number of standard deviations from the mean.") is None


def test_with_operations_only_a_tie_by_an_operation_or_a_part_counts() -> None:
    process = "debugging: The process of finding and correcting bugs."
    assert _tie("debugging", "bug", process) is not None
    assert _tie("debugging", "bug", process, operations=True) is None
    assert _tie("standard deviation", "variance", "The square root of variance, S, is the "
                "standard deviation.", operations=True) is not None


CDF = _concept("CDF", "The CDF is a function that maps from values to their cumulative "
               "probabilities.", 9)
CURVE = _concept("survival curve", "The survival curve is a function that maps from a time "
                 "to the probability of surviving past that time.", 9)
TIE = _chunk("If you know the distribution of durations, finding the survival curve is easy; "
             "it's just the complement of the CDF.", 12)


def test_a_contrast_the_book_ties_in_one_sentence_is_keyed_to_it_and_cites_its_page() -> None:
    page = _chunk(f"{CDF.definition} {CURVE.definition}", 9)
    m = gather(CDF, term_variants("CDF"), [page, TIE])
    sibling = Sibling(CURVE, 0.3, describe(CURVE.definition, ["survival curve"]))
    (item,) = write_contrast(m, [sibling], [page, TIE])
    assert item.prompt.startswith("How are CDF and survival curve related")
    assert item.answer.startswith(TIE.text)  # the tie is the core of the key
    assert item.key_points[0] == TIE.text
    assert {p.split(":")[0] for p in item.key_points[1:]} == {"CDF", "survival curve"}
    assert item.citations[0].page == 12
    assert check_exercise(item, CDF, [page, TIE]).ok
    # without the sentence that ties them: a mix-up to diagnose, not two definitions to recite
    (mix_up,) = write_contrast(gather(CDF, term_variants("CDF"), [page]), [sibling], [page])
    assert "a function that maps from a time to the probability of surviving" in mix_up.prompt
    assert "What has she mixed up?" in mix_up.prompt and "differ" not in mix_up.prompt
    assert "survival curve" not in mix_up.prompt  # the learner names it
    assert "survival curve" in mix_up.answer
    assert set(pair_of(mix_up.origin.value, mix_up.prompt, mix_up.key_points) or ()) == {
        "cdf", "survival curve"}
    assert check_exercise(mix_up, CDF, [page]).ok


def test_a_side_that_says_nothing_of_its_own_gives_no_contrast() -> None:
    page = _chunk("Standard error is a measure of how far we expect the estimate to be off, on "
                  "average. Mean squared error is a measure of estimation error.", 5)
    error = _concept("standard error", "Standard error is a measure of how far we expect the "
                     "estimate to be off, on average.", 5)
    mse = _concept("mean squared error", "Mean squared error is a measure of estimation "
                   "error.", 5)
    m = gather(error, term_variants("standard error"), [page])
    sibling = Sibling(mse, 0.7, describe(mse.definition, ["mean squared error"]))
    assert write_contrast(m, [sibling], [page]) == []


def test_a_property_is_given_to_the_other_with_its_own_word() -> None:
    page = _chunk("A proof system is sound if there are no proofs of invalid arguments. A "
                  "proof system is complete if there is a proof of every valid argument.", 7)
    sound = _concept("sound", "A proof system is sound if there are no proofs of invalid "
                     "arguments.", 7)
    complete = _concept("complete", "A proof system is complete if there is a proof of every "
                        "valid argument.", 7)
    m = gather(sound, term_variants("sound"), [page])
    (item,) = write_contrast(m, [Sibling(complete, 0.8, None)], [page])
    assert '"A proof system is sound if there is a proof of every valid argument."' in (
        item.prompt)
    assert "complete" not in item.prompt


def test_a_pair_is_asked_once_whether_as_a_contrast_or_as_a_relation() -> None:
    contrast = {"id": "cdf-contrast-1", "concept_id": "cdf", "origin": "contrast",
                "prompt": "How are CDF and survival curve related, and what sets them apart?",
                "key_points": ["tie", "CDF: a function", "survival curve: a function"]}
    relation = {"id": "survival-curve-relation-1", "concept_id": "survival-curve",
                "origin": "relation",
                "prompt": "How are CDF and survival curve related? Say what one is in terms "
                          "of the other, as the course states it.", "key_points": ["tie"]}
    other = {"id": "mode-contrast-1", "concept_id": "mode", "origin": "contrast",
             "prompt": "A classmate writes ...", "key_points": ["mean: x", "mode: y"]}
    own = [{"id": f"{c}-cloze-1", "concept_id": c, "origin": "definition", "prompt": "..."}
           for c in ("cdf", "survival-curve")]  # each has an item of its own besides
    kept = {e["id"] for e in _asked_once([contrast, relation, other, *own])}
    assert len(kept & {"cdf-contrast-1", "survival-curve-relation-1"}) == 1
    assert "mode-contrast-1" in kept


def test_an_example_or_the_name_of_a_sign_is_no_key_for_what_a_concept_is() -> None:
    assert a_case_or_a_sign("For example, the 50th percentile is the value with percentile "
                            "rank 50.", ["percentile"])
    assert a_case_or_a_sign("The logical connective ' & ' is called conjunction, and A and B "
                            "are each called conjuncts.", ["conjunction"])
    assert not a_case_or_a_sign("A conditional is the connective '→', used to represent "
                                "logical entailment.", ["conditional"])
    sign = _concept("disjunction", "The '∨' connective is called disjunction.", 3)
    page = _chunk("The '∨' connective is called disjunction.", 3)
    assert [e for e in write_exercises(sign, [], [page])
            if e.origin is ExerciseOrigin.DEFINITION] == []
    glossed = _concept("disjunction", "The '∨' connective is called disjunction.", 3)
    entry = _chunk("• disjunction: A sentence that is true when at least one of its two parts "
                   "is true. • negation: A sentence that is true when its one part is false.", 4)
    written = [e for e in write_exercises(glossed, [], [page, entry])
               if e.origin is ExerciseOrigin.DEFINITION]
    assert written and all("connective is called" not in e.answer for e in written)


def test_a_diagnosis_is_graded_on_the_idea_named_and_what_the_concept_is() -> None:
    from tutor.engine.offline.tutoring.grading import grade

    page = _chunk(f"{CDF.definition} {CURVE.definition}", 9)
    sibling = Sibling(CURVE, 0.3, describe(CURVE.definition, ["survival curve"]))
    (item,) = write_contrast(gather(CDF, term_variants("CDF"), [page]), [sibling], [page])
    assert grade(item, "She described the survival curve, not the CDF. The CDF maps from "
                       "values to their cumulative probabilities.").correct
    assert not grade(item, "The CDF is the probability of surviving past a time.").correct


def test_a_contrast_whose_key_points_name_no_sides_is_paired_by_its_prompt() -> None:
    other_writer = ["A stack removes the newest item first", "A queue removes the oldest"]
    assert pair_of("contrast", "How does stack differ from queue?", other_writer) is None
    written = [{"id": f"{a}-contrast-1", "concept_id": a, "origin": "contrast",
                "prompt": f"How does {a} differ from {b}? Say what each one is.",
                "key_points": other_writer}
               for a, b in (("stack", "queue"), ("queue", "stack"))]
    own = [{"id": f"{c}-cloze-1", "concept_id": c, "origin": "definition", "prompt": "..."}
           for c in ("stack", "queue")]
    assert len([e for e in _asked_once([*written, *own]) if e["origin"] == "contrast"]) == 1
