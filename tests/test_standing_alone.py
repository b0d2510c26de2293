"""The checker refuses an item whose quoted sentence, description or key cannot be read on
its own: a sentence leaning on the one before, a fragment, a PDF artefact, a key that does
not say what the concept is."""

from __future__ import annotations

from tutor.course import Chunk, Citation, Concept, Exercise, ExerciseKind
from tutor.engine.offline.definitions.descriptions import describes_command
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.giveaways import abbreviated
from tutor.engine.offline.writing.standing_alone import artefact, quoted_sentence, standing_problems

PAGE = Citation(source="manual.pdf", page=3)
TEXT = ("A link function maps the mean of the response to the linear predictor. "
        "Instead, we will develop what is called a link function. "
        "And this inverse function, `(), is called the link function. "
        "The class of an object determines how it will be treated by what are known as "
        "link functions. A link function is a function of the mean. A dimension link "
        "function is a function of non-negative integers. Link functions are started by "
        "calling a device. Details are at https://example.org/link/functions.html today.")
LINK = Concept(id="link-function", name="link function", definition=TEXT.split(". ")[0] + ".",
               citations=[PAGE])
PASSAGES = [Chunk(id="manual.pdf#p3-0", source="manual.pdf", page=3, text=TEXT)]
CHOICES = ["link function", "linear predictor", "response", "generic function"]


def item(kind: ExerciseKind, prompt: str, answer: str = "link function",
         **fields: object) -> Exercise:
    return Exercise.model_validate({
        "id": f"link-function-{kind.value}-1", "concept_id": "link-function", "kind": kind,
        "prompt": prompt, "answer": answer, "citations": [PAGE], **fields})


def fills(sentence: str) -> Exercise:
    return item(ExerciseKind.MULTIPLE_CHOICE, f'Which term fills the blank: "{sentence}"?',
                choices=CHOICES)


def explain(key: str) -> Exercise:
    return item(ExerciseKind.SHORT_ANSWER, "Explain link function in your own words.", key,
                key_points=[key])


def problems(exercise: Exercise) -> list[str]:
    return check_exercise(exercise, LINK, PASSAGES).problems


def test_a_sentence_that_stands_alone_passes() -> None:
    assert problems(fills("A _____ maps the mean of the response to the linear predictor.")) == []
    assert problems(explain("A link function is a function of the mean.")) == []


def test_a_quoted_sentence_leaning_on_the_text_before_is_refused() -> None:
    assert "the sentence leans on the text around it" in problems(
        fills("Instead, we will develop what is called a _____."))
    assert "the sentence leans on the text around it" in problems(
        fills("And this inverse function, is called the _____."))


def test_a_pdf_artefact_in_the_sentence_is_refused() -> None:
    assert artefact("And this inverse function, `(), is called the link function.")
    assert artefact("_____: The color box label is centred. y2label: The y2 label is placed.")
    assert artefact("Details are at https://example.org/link today.")
    assert not artefact("A link function maps the mean (of the response) to the predictor.")
    assert "the sentence holds a piece of the page that is not prose" in problems(fills(
        "A _____ maps the mean to the linear predictor. y2label: The label is placed."))


def test_a_description_cut_short_is_refused() -> None:
    cut = item(ExerciseKind.MULTIPLE_CHOICE, 'Which term matches this description: "The class'
               ' of an object determines how it will be treated by what"?', choices=CHOICES)
    assert "the description is cut short" in problems(cut)
    leaning = item(ExerciseKind.MULTIPLE_CHOICE, 'Which term matches this description: "it maps'
                   ' the mean of the response"?', choices=CHOICES)
    assert "the description leans on the text around it" in problems(leaning)


def test_a_key_that_does_not_say_what_the_concept_is_is_refused() -> None:
    for key in ("A dimension link function is a function of non-negative integers.",
                "Link functions are started by calling a device.",
                "This is called a link function, because it links."):
        assert "the key does not say what link function is" in problems(explain(key)), key


def test_only_items_on_the_definition_or_an_example_quote_a_sentence() -> None:
    other = fills("Instead, we will develop what is called a _____.").model_copy(
        update={"origin": "contrast"})
    assert quoted_sentence(other, "link function") is None


def test_an_example_quote_may_open_on_for_example_but_not_lean() -> None:
    terms = term_variants("link function")

    def example(text: str) -> Exercise:
        return item(ExerciseKind.MULTIPLE_CHOICE, "This example from the course has one idea "
                    f'left out:\n\n"{text}"\n\nWhich idea fills the blank?', choices=CHOICES,
                    origin="example")

    assert standing_problems(example("For example, the _____ of a count model is the log."),
                             "link function", terms) == []
    assert "the sentence leans on the text around it" in standing_problems(example(
        "We could go on in this way to define a _____ for every model."), "link function", terms)


def test_an_acronym_spelled_out_with_its_small_words_is_a_giveaway() -> None:
    assert abbreviated("NBUE", 'A property of lifetime, "New better than used in expectation"')
    assert not abbreviated("NBUE", "A property of expected remaining lifetime")


def test_a_command_said_to_be_useful_or_to_work_only_somewhere_is_not_described() -> None:
    assert describes_command("The set grid command allows grid lines to be drawn.", ["grid"])
    assert not describes_command("The ternary operator is very useful in plots.", ["ternary"])
    assert not describes_command("The raise and lower commands function only for some "
                                 "terminal types.", ["raise"])


def test_a_quote_that_reads_alone_is_kept() -> None:
    terms = term_variants("link function")
    for sentence in (
            "A map takes a mean to a number. Models use these numbers, called _____.",
            "If a set of models could not fit the mean, they are said to lack a _____.",
            "We define a(n) _____ as a function of the mean of the response."):
        assert standing_problems(fills(sentence), "link function", terms) == [], sentence
    described = item(ExerciseKind.MULTIPLE_CHOICE, 'Which term matches this description: "a '
                     'function with one blank to fill in"?', choices=CHOICES)
    assert standing_problems(described, "link function", terms) == []
    ends_on_a_name = item(ExerciseKind.CLOZE, "Fill in the blank: The _____ of a model A maps "
                          "the mean of the response of A.", accepted=[])
    assert standing_problems(ends_on_a_name, "link function", terms) == []
    assert problems(explain('"link function" refers to a function of the mean.')) == []


def test_a_key_cut_short_or_with_an_unmatched_bracket_is_refused() -> None:
    assert "the key is cut short" in problems(explain(
        "A link function is a function of the mean. term i is either"))
    assert "the key holds a piece of the page that is not prose" in problems(explain(
        "A link function is a function of the mean (of the response."))


def test_a_distractor_said_in_terms_of_the_concept_is_not_offered() -> None:
    from tutor.engine.offline.writing.choice_exercises import also_fits
    from tutor.engine.offline.writing.exercise_material import Sibling, gather

    material = gather(LINK, term_variants("link function"), PASSAGES)
    broader = Concept(id="mapping", name="mapping", citations=[PAGE],
                      definition="A mapping is a more general term for a link function.")
    other = Concept(id="response", name="response", citations=[PAGE],
                    definition="The response is the variable a model predicts.")
    assert also_fits(Sibling(broader, 0.5, None), material)
    assert not also_fits(Sibling(other, 0.5, "the variable a model predicts"), material)
    material.description = "a function of the mean"
    twin = Sibling(other, 0.5, "a function of the mean")
    assert also_fits(twin, material)  # described in the same words


def test_a_relation_key_pointing_at_the_page_is_refused() -> None:
    def related(key: str) -> Exercise:
        return item(ExerciseKind.SHORT_ANSWER, "How are link function and response related? "
                    "Say what one is in terms of the other, as the course states it.", key,
                    key_points=[key], origin="relation")

    terms = term_variants("link function")
    for key in ("The lighter region shows the link function of the response.",
                "The third step is to compute a link function, which maps the response."):
        assert standing_problems(related(key), "link function", terms) == [
            "the key leans on the text around it"], key
    assert standing_problems(related("A link function maps the mean of the response."),
                             "link function", terms) == []


def test_what_a_thing_is_in_one_case_is_no_definition() -> None:
    from tutor.engine.offline.definitions.descriptions import a_case_or_a_sign

    assert a_case_or_a_sign("If the third parameter is 0, the time returned is the start of "
                            "the week.", ["time returned"])
    assert not a_case_or_a_sign("If a set of sentences could not all be true at once, they "
                                "are said to be inconsistent.", ["inconsistent"])


def test_a_description_ending_on_an_owner_is_cut_short() -> None:
    from tutor.engine.offline.writing.giveaways import cut_short

    assert cut_short("the computer scientist's")
    assert not cut_short("the value the computer scientist keeps")


def test_a_description_mostly_masked_is_refused() -> None:
    from tutor.engine.offline.writing.standing_alone import left_out_too_much

    assert left_out_too_much("a control […], which specifies a(n) […] of the elemental set "
                             "defined in the […] block")
    assert left_out_too_much("one of the shell […] accepted by the […] builtin")
    assert not left_out_too_much("A(n) […] that returns a value")
    assert not left_out_too_much("a(n) […] with two fields, read by the […] loop of the parser")


def test_a_key_or_description_about_another_thing_too_is_refused() -> None:
    from tutor.engine.offline.writing.standing_alone import names_a_longer_term, says_another_is

    assert says_another_is("the current cursor position, and mark refers to a saved position")
    assert says_another_is("an optional indexing expression; format is a symbolic expression")
    assert not says_another_is("a list of values, and it is sorted")
    assert names_a_longer_term("The number of asterisks in the slice is called the slice "
                               "dimension.", "slice")
    assert not names_a_longer_term("An operation like only_upper is called a filter because it "
                                   "filters out the others.", "filter")


def test_an_explain_key_pointing_at_a_list_that_follows_is_refused() -> None:
    from tutor.engine.offline.writing.standing_alone import key_problems

    def explain(key: str) -> Exercise:
        return Exercise.model_validate({
            "id": "reserved-word-short_answer-1", "concept_id": "reserved-word",
            "kind": ExerciseKind.SHORT_ANSWER, "prompt": "Explain reserved word in your own words.",
            "answer": key, "key_points": [key], "citations": [{"source": "m.pdf", "page": 2}]})

    listed = explain("The reserved words are the following: and else mod union by if not.")
    assert key_problems(listed, "reserved word", ["reserved word", "reserved words"]) == [
        "the key does not say what reserved word is"]
    said = explain("A reserved word is a word the language keeps for itself, so no symbolic "
                   "name may be spelled like it.")
    assert key_problems(said, "reserved word", ["reserved word", "reserved words"]) == []
