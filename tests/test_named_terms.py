"""Items keyed to a term ask for a term the course names, spelled as the book spells it, with
a description that picks it out; a contrast stands only between two defined concepts."""

from __future__ import annotations

from tests.factories import book_chunk, book_concept
from tutor.course import DefinitionKind, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.contrasts.contrast_exercises import write_contrast
from tutor.engine.offline.definitions.descriptions import describe
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.choice_exercises import choose_term
from tutor.engine.offline.writing.exercise_material import Sibling, gather
from tutor.engine.offline.writing.giveaways import told_by_its_parts
from tutor.engine.offline.writing.named_terms import (
    NOT_A_TERM,
    book_spelling,
    is_named_term,
    says_nothing_alone,
)
from tutor.engine.offline.writing.standing_alone import description_problems


def _term_item(concept_id: str, prompt: str, answer: str, choices: list[str]) -> Exercise:
    return Exercise(id=f"{concept_id}-multiple_choice-1", concept_id=concept_id,
                    kind=ExerciseKind.MULTIPLE_CHOICE, prompt=prompt, answer=answer,
                    choices=choices, origin=ExerciseOrigin.DEFINITION)


def test_an_everyday_word_is_a_term_only_where_a_sentence_names_it_so() -> None:
    assert says_nothing_alone("format", "The format is the standard integer representation.")
    assert says_nothing_alone("pretty", "Scheme functions can be called pretty much anywhere.")
    assert says_nothing_alone("limited", "A(n) limited means to indicate the encoding is ...")
    assert not says_nothing_alone("frame", "A frame is a tagged pairlist with tag the symbol.")
    assert not says_nothing_alone("frame", "Frames are tagged pairlists.")
    assert not says_nothing_alone("melisma", "This is called a melisma.")  # no everyday word
    assert not says_nothing_alone("statement", "Correct expressions are referred to as statements.")
    assert not says_nothing_alone("unknown", "If no location is found, it is said to be unknown.")
    for name, said in (("logic", "Logic is the business of evaluating arguments."),
                       ("conclusion", "The conclusion is the final sentence of an argument."),
                       ("expression", "We define an expression of SL as any string of symbols."),
                       ("constant", "Singular terms are called constants because they ..."),
                       ("scope", "The formula that follows is called the scope of the quantifier."),
                       ("extension", "The extension of a predicate is the set of members."),
                       ("proof", "Formally, a proof is a sequence of sentences."),
                       ("expression", "We define a(n) expression of SL as any string."),
                       ("cycle", "Each deployment is called a(n) cycle."),
                       ("representative", "A sample is representative if every member ...")):
        assert not says_nothing_alone(name, said, definite=True), name
    assert says_nothing_alone("first", "The first is the begin procedure, which ...", True)
    # asked as a term, "The mean is ..." names it; asked to be explained, it is the page's
    assert not says_nothing_alone("mean", "The mean is the sum of the values.", definite=True)


def test_the_checker_refuses_a_key_that_is_no_term_of_the_course() -> None:
    text = "A limited means to indicate the encoding of a CHARSXP is via two of the bits."
    limited = book_concept("limited", text, page=3)
    page = book_chunk(text + " The CHARSXP cache holds strings.", page=3)
    item = _term_item("limited", 'Which term fills the blank: "A(n) _____ means to indicate '
                      'the encoding of a CHARSXP is via two of the bits."?', "limited",
                      ["limited", "CHARSXP cache", "node"])
    verdict = check_exercise(item, limited, [page])
    assert any(p.startswith(NOT_A_TERM) for p in verdict.problems)
    parameter = book_concept("parameter g", "The parameter G is the graph program object.", 4)
    placeholder = _term_item("parameter-g", 'Which term matches this description: "the graph '
                             'program object"?', "parameter g", ["parameter g", "node", "arc"])
    assert any(p.startswith(NOT_A_TERM) for p in check_exercise(
        placeholder, parameter, [book_chunk(parameter.definition, 4)]).problems)
    # a term the book names passes this check
    frame = book_concept("frame", "A frame is a tagged pairlist with tag the symbol.", page=5)
    named = _term_item("frame", 'Which term matches this description: "a tagged pairlist with '
                       'tag the symbol"?', "frame", ["frame", "node", "attribute"])
    assert not any(p.startswith(NOT_A_TERM) for p in check_exercise(
        named, frame, [book_chunk(frame.definition, 5)]).problems)
    assert not is_named_term(limited) and is_named_term(frame)
    assert is_named_term(book_concept("copy", "One printed version of the subject.", 7))  # a gloss
    argument = book_concept("mfvec", "Mfvec is the name of the command argument, and its type "
                            "is a vector.", page=6)
    assert not is_named_term(argument)


def test_the_key_is_spelled_as_the_book_spells_it() -> None:
    pages = ["R.app is a macOS application which provides a console. Start R.app first."]
    assert book_spelling("r.app", [], pages) == "R.app"
    assert book_spelling("con", ["cons"], ["The operator is called cons. Use cons here."]) == "cons"
    assert book_spelling("list", [], ["Lists are central. A list holds values."]) == "list"
    assert book_spelling("widget", [], pages) is None
    # a heading's or a title's capital is no spelling of a plain name
    assert book_spelling("equally likely outcome", [], ["Shape\nEqually likely outcomes are "
                         "outcomes ... with Equally likely outcomes."]) == "equally likely outcome"
    assert not says_nothing_alone("union", "The union of two events A and B is the event ...",
                                  definite=True)
    text = ("R.app is a macOS application which provides a console for running scripts. "
            "Start R.app from the dock.")
    app = book_concept("r.app", text.split(". ")[0] + ".", page=2)
    others = [book_concept(n, d, page=2) for n, d in (
        ("module", "A module is a compiled piece of code loaded on demand by the engine."),
        ("display list", "A display list is a record of the graphics operations on a device."),
        ("search path", "The search path is a series of databases holding system functions."))]
    page = book_chunk(" ".join([text, *(o.definition for o in others)]), page=2)
    m = gather(app, term_variants(app.name, app.aliases), [page])
    siblings = [Sibling(o, 0.5, describe(o.definition, [o.name])) for o in others]
    item = choose_term(m, siblings)
    assert item is not None and item.answer == "R.app" and "R.app" in (item.choices or [])


def test_a_capital_after_a_sentence_mark_a_colon_or_a_line_break_tells_no_spelling() -> None:
    # each text writes "R.app" capitalised only where a sentence, an entry or a line opens
    for opening in ("R.app runs.", "Done.  R.app runs.", "Note: R.app runs.",
                    "Tools\n  R.app runs.", "Why?\tR.app runs.", "Yes.\u00a0R.app runs."):
        assert book_spelling("r.app", [], [opening]) == "r.app", opening
    # inside a sentence (after a comma, a word, a bracket) the capital is the book's spelling
    for inside in ("First, R.app runs.", "the R.app runs.", "(R.app) runs."):
        assert book_spelling("r.app", [], [inside]) == "R.app", inside


def test_a_camel_cased_code_name_told_by_the_prompt_gives_it_away() -> None:
    prompt = "The function can be used to write custom debugging tools."
    assert told_by_its_parts("CustomEval", prompt, ["DebugEnter", "RuleBase", "Eval"])
    assert not told_by_its_parts("CustomEval", "It evaluates a rule.", ["DebugEnter", "RuleBase"])
    # a word that only begins a part tells nothing ("inter" is the intercept, not *Intervals*)
    assert not told_by_its_parts("PlotConfidenceIntervals", "It plots a line for each pair of "
                                 "inter and slope.", ["PlotLine", "FitLine"])


def test_a_description_must_pick_out_its_key() -> None:
    vague = _term_item("list", 'Which term matches this description: "a central part of '
                       'Scheme"?', "list", ["list", "pair", "Scheme procedure"])
    assert description_problems(vague) == ["the description is true of the key's siblings too"]
    formula = _term_item("exponential-distribution", 'Which term matches this description: '
                         '"the […] whose CDF is CDF(x) = 1 − e^(−λx)"?', "exponential distribution",
                         ["exponential distribution", "normal distribution", "Pareto"])
    assert description_problems(formula) == []
    command = _term_item("next", 'Which term matches this description: "Steps over the current '
                         'form"?', "next", ["next", "step", "out"])
    assert description_problems(command) == []
    two = _term_item("source", 'Which term matches this description: "the lower left vertex '
                     'of the first frame, the sink is the upper right vertex"?', "source",
                     ["source", "arc", "minimal cut"])
    assert description_problems(two) == ["the description says what another thing is too"]
    said = _term_item("slur", 'Which term matches this description: "a curve drawn across '
                      'many notes"?', "slur", ["slur", "tie", "melisma"])
    assert description_problems(said) == []


def test_a_contrast_needs_a_defined_concept_on_each_side() -> None:
    iterator = book_concept("iterator", "An iterator is an object that iterates through a "
                            "sequence.", page=5)
    listed = book_concept("list", "A list is a sequence of values stored in order.", page=5)
    defining = book_chunk(f"{iterator.definition} {listed.definition}", page=5)
    apart = book_chunk("Iterators are similar to lists in some ways, but unlike lists, you "
                       "can't use an index to select an element from an iterator.", page=6)
    m = gather(iterator, term_variants(iterator.name), [defining, apart])
    sibling = Sibling(listed, 0.4, describe(listed.definition, [listed.name]))
    assert len(write_contrast(m, [sibling], [defining, apart])) == 1
    # the same pair, the list only described by the map: no side to set apart
    described = listed.model_copy(update={"definition_kind": DefinitionKind.DESCRIPTION})
    only_said = Sibling(described, 0.4, describe(listed.definition, [listed.name]))
    assert write_contrast(m, [only_said], [defining, apart]) == []
