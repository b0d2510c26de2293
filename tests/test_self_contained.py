"""Self-contained definitions: a naming sentence that leans on the text before it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tutor.engine.offline.definitions.self_contained import (
    is_prose,
    leans,
    with_antecedent,
    with_continuation,
    with_description,
)

_NEVER = re.compile(r"copyright", re.IGNORECASE)


@dataclass
class _Line:
    text: str
    chunk: int = 0
    section: str = ""


def _lines(*texts: str) -> list[_Line]:
    return [_Line(t) for t in texts]


def test_a_demonstrative_subject_leans_and_a_plain_definition_does_not() -> None:
    assert leans("This process is called estimation.")
    assert leans("Connectives that work in this way are called truth-functional.")
    assert leans("A pattern like this is called serial correlation, because it recurs.")
    assert not leans("A list is a sequence of values.")
    assert not leans("It is possible to have a set with no members.")  # an expletive "it"
    # "like this" after the verb is not the subject: the sentence stands alone
    assert not leans("By convention, the first parameter of a method is called self, so it "
                     "would be more common to write it like this.")


def test_the_sentence_pointed_back_at_is_put_before_the_naming() -> None:
    sentences = _lines("Loops come in many shapes.",
                       "Often you start at the beginning and visit each item in turn.",
                       "This pattern of processing is called a traversal.")
    text, start = with_antecedent(sentences[2].text, 2, sentences, _NEVER)
    assert text.startswith("Often you start at the beginning")
    assert text.endswith("is called a traversal.")
    assert start == 1


def test_an_antecedent_that_points_further_back_takes_one_more_sentence() -> None:
    sentences = _lines("Some functions print a line and return nothing at all.",
                       "They perform an action but give back no value.",
                       "These are called void functions.")
    text, start = with_antecedent(sentences[2].text, 2, sentences, _NEVER)
    assert start == 0 and text.startswith("Some functions print")


def test_a_rule_name_takes_the_rule_statement_over_a_worked_example() -> None:
    sentences = _lines("It is legitimate to infer that something is a P from Pa.",
                       "For example, from Pa you may write the claim down.",
                       "This is the existential introduction rule.")
    text, start = with_antecedent(sentences[2].text, 2, sentences, _NEVER)
    assert start == 0
    assert text == ("It is legitimate to infer that something is a P from Pa. "
                    "This is the existential introduction rule.")


def test_code_another_passage_or_boilerplate_is_never_joined() -> None:
    code = [_Line("To add a card, we can use the list method append:"),
            _Line("A method like this is sometimes called a veneer.")]
    assert with_antecedent(code[1].text, 1, code, _NEVER) == (code[1].text, 1)
    other = [_Line("Lists hold many values in one place.", chunk=0),
             _Line("These are called collections.", chunk=1)]
    assert with_antecedent(other[1].text, 1, other, _NEVER) == (other[1].text, 1)
    legal = _lines("Copyright the authors, all rights reserved.", "This is called a licence.")
    assert with_antecedent(legal[1].text, 1, legal, _NEVER)[1] == 1


def test_prose_is_words_and_not_an_example() -> None:
    assert is_prose("A variable is a name that refers to a value.")
    assert not is_prose("For example, x = 3 is a statement.")
    assert not is_prose("∀x∃y(Rxy → Ryx) ∧ ¬Pa")


def test_an_example_the_naming_generalises_is_joined_over_a_figure_reference() -> None:
    sentences = _lines("For example, each rectangle holds a reference to a point.",
                       "The result is shown in Figure 8.1.",
                       "This kind of relationship is called HAS-A.")
    text, start = with_antecedent(sentences[2].text, 2, sentences, _NEVER)
    assert start == 0
    assert text == ("For example, each rectangle holds a reference to a point. "
                    "This kind of relationship is called HAS-A.")


def _uses(term: str):  # noqa: ANN202 - a small predicate
    return lambda words: term in words.lower()


def test_a_leaning_naming_takes_the_sentence_that_goes_on_describing_it() -> None:
    sentences = _lines("So there is no largest number.",
                       "This argument form is called a reductio.",
                       "Its full Latin name is reductio ad absurdum.",
                       "In a reductio, we assume something and show it leads to a contradiction.")
    text = with_description(sentences[1].text, 1, sentences, _NEVER, _uses("reductio"))
    assert text == ("This argument form is called a reductio. In a reductio, we assume "
                    "something and show it leads to a contradiction.")


def test_a_description_is_not_an_instance_another_passage_or_a_plain_naming() -> None:
    instance = _lines("These are called rules of replacement.",
                      "One rule of replacement is commutativity.")
    assert with_description(instance[0].text, 0, instance, _NEVER,
                            _uses("rule of replacement")) == instance[0].text
    elsewhere = [_Line("This pattern is called a traversal."),
                 _Line("A traversal visits each item in turn.", chunk=1)]
    assert with_description(elsewhere[0].text, 0, elsewhere, _NEVER,
                            _uses("traversal")) == elsewhere[0].text
    plain = _lines("Visiting each item in turn is called a traversal.",
                   "A traversal may stop early.")
    assert with_description(plain[0].text, 0, plain, _NEVER, _uses("traversal")) == plain[0].text


def test_a_naming_whose_antecedent_describes_the_thing_takes_no_more() -> None:
    sentences = _lines("We give named parts to a record.", "These parts are called fields.",
                       "Each field refers to one value.")
    joined = f"{sentences[0].text} {sentences[1].text}"
    assert with_description(joined, 1, sentences, _NEVER, _uses("field")) == joined


def test_the_end_of_an_aside_and_a_table_run_before_a_sentence_are_dropped() -> None:
    from tutor.engine.offline.definitions.definition_cleaning import clean_definition

    garbled = ("'O' is for or.) marks Rune of PL marks ¬ N & K ∨ A → C In rune marks, a "
               "joining mark is written before the two letters that it joins.")
    assert clean_definition(garbled) == ("In rune marks, a joining mark is written before the "
                                         "two letters that it joins.")
    aside = "A pair (or couple) is two things taken together."
    assert clean_definition(aside) == aside


def test_an_antecedent_that_says_it_does_this_takes_what_this_is() -> None:
    sentences = _lines("We want to say that every bird sings, without naming the birds.",
                       "In order to do this, we introduce a new mark.",
                       "This is called the all-mark.")
    text, start = with_antecedent(sentences[2].text, 2, sentences, _NEVER)
    assert start == 0 and text.startswith("We want to say that every bird sings")


def test_an_antecedent_whose_pronoun_follows_an_opening_phrase_points_further_back() -> None:
    sentences = _lines("The relation of covering means that no row makes A true and B false.",
                       "Put differently, it means that B holds wherever A holds.",
                       "We abbreviate this with a mark called the double bar.")
    text, start = with_antecedent(sentences[2].text, 2, sentences, _NEVER)
    assert start == 0 and text.startswith("The relation of covering")
    plain = _lines("Some sets have no members.", "Formally, it is possible to have such sets.",
                   "This is called the empty set.")
    assert with_antecedent(plain[2].text, 2, plain, _NEVER)[1] == 1


def test_a_last_clause_that_points_at_the_example_after_is_dropped() -> None:
    from tutor.engine.offline.definitions.definition_cleaning import clean_definition

    assert clean_definition("By convention, the first parameter of a method is called owner, so "
                            "it is more common to write the method like this.") == (
        "By convention, the first parameter of a method is called owner.")
    kept = "A loop that runs while a condition holds is written like this."
    assert clean_definition(kept) == kept


def test_a_naming_in_a_relative_clause_takes_the_next_sentence_using_its_name() -> None:
    sentences = _lines("The first is SL, which stands for sentential logic.",
                       "In SL, the smallest units are sentences themselves.")
    assert with_description(sentences[0].text, 0, sentences, _NEVER,
                            _uses("sentential logic")) == (
        "SL stands for sentential logic. In SL, the smallest units are sentences themselves.")
    called = _lines("What I present here is a subset, which I will call classical testing.",
                    "The goal of classical testing is to answer one question.")
    assert with_description(called[0].text, 0, called, _NEVER, _uses("classical testing")) == (
        f"{called[0].text} {called[1].text}")
    unrelated = _lines("The first is SL, which stands for sentential logic.",
                       "Aristotle's logic was dominant for two millennia.")
    assert with_description(unrelated[0].text, 0, unrelated, _NEVER,
                            _uses("sentential logic")) == unrelated[0].text


@dataclass
class _Block:
    text: str
    chunk: int = 0
    block: int = 0


def test_a_property_takes_the_cases_its_next_sentences_tell_apart() -> None:
    lines = [_Block("Skewness is a property that describes the shape of a distribution."),
             _Block("If the distribution is symmetric around its mean, it is unskewed."),
             _Block("If the values extend farther to the right, it is right skewed."),
             _Block("Several statistics quantify it.")]
    assert with_continuation(lines[0].text, 0, lines, _NEVER) == (
        "Skewness is a property that describes the shape of a distribution. If the "
        "distribution is symmetric around its mean, it is unskewed. If the values extend "
        "farther to the right, it is right skewed.")
    judged = [_Block("Skewness is a property that describes the shape of a distribution."),
              _Block("If the sample is small, it is hard to estimate.")]
    assert with_continuation(judged[0].text, 0, judged, _NEVER) == judged[0].text


def test_a_short_introduction_after_the_text_it_leans_on_takes_its_formal_statement() -> None:
    lines = [_Block("Since we want to interpret a free variable, we will start with it."),
             _Block("We do this by introducing a variable assignment."),
             _Block("Formally, this is a function that matches up each variable with a member.")]
    joined = f"{lines[0].text} {lines[1].text}"
    assert with_continuation(joined, 1, lines, _NEVER) == f"{joined} {lines[2].text}"
    named = [_Block("There is no greatest number."),
             _Block("This argument form is called a reductio."),
             _Block("Its full Latin name is reductio ad absurdum.")]
    joined = f"{named[0].text} {named[1].text}"
    assert with_continuation(joined, 1, named, _NEVER) == joined


def test_a_bare_naming_gives_way_to_the_sentence_describing_what_it_names() -> None:
    sentences = _lines("Instead, we will develop what is called a natural deduction system.",
                       "In a natural deduction system, there will be two rules for each "
                       "operator: one to introduce it and one to eliminate it.")
    assert with_description(sentences[0].text, 0, sentences, _NEVER,
                            _uses("natural deduction system")) == sentences[1].text


def test_the_chosen_sentence_loses_the_syntax_before_it_and_the_variants_after_it() -> None:
    from tutor.engine.offline.definitions.definition_cleaning import clean_definition

    assert clean_definition("Delete some item or characteristic. • delete .variable.") == (
        "Delete some item or characteristic.")
    assert clean_definition("'insert \\filename' Perform the commands in the indicated "
                            "file.") == "Perform the commands in the indicated file."
    assert clean_definition("textobject = canvas.beginText(x, y) canvas.drawText(textobject) "
                            "Text objects are used to format text the canvas cannot.") == (
        "Text objects are used to format text the canvas cannot.")
    listed = ("Matching means that the words are identical until a word containing • a quote "
              "• a synonym name")
    assert clean_definition(listed) == listed  # the list ends the sentence: nothing to cut
    assert clean_definition("Bug fixes • prevent a crash.") == "Bug fixes • prevent a crash."
    assert clean_definition("'SEP' refers to named color separations.") == (
        "'SEP' refers to named color separations.")
