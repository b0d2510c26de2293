"""Exercises beyond the definition: examples, code output, contrast, each with its origin."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest

from tests.factories import book_page
from tutor.course import Chunk, Citation, Concept, Course, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.code_output import code_sandbox
from tutor.engine.offline.code_output.code_exercises import write_code_output
from tutor.engine.offline.code_output.code_listings import sessions
from tutor.engine.offline.code_output.code_sandbox import replay
from tutor.engine.offline.contrasts.contrast_exercises import write_contrast
from tutor.engine.offline.definitions.descriptions import term_pattern
from tutor.engine.offline.examples.example_exercises import listed_examples, write_example
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.exercise_material import Sibling, gather
from tutor.engine.offline.writing.exercises import write_definition_exercises, write_exercises
from tutor.engine.offline.writing.giveaways import SPELLED

SESSION_TEXT = (
    "A variable is a name that refers to a value. An assignment statement creates a new\n"
    "variable and gives it a value:\n"
    ">>> n = 17\n"
    ">>> n + 25\n"
    "42\n"
    ">>> n * 2\n"
    "34\n"
)


_chunk = book_page


def _concept(cid: str, name: str, definition: str, page: int = 3) -> Concept:
    return Concept(id=cid, name=name, definition=definition,
                   citations=[Citation(source="book.pdf", page=page)])


VARIABLE = _concept("variable", "variable", "A variable is a name that refers to a value.")


def _material(concept: Concept, passages: Sequence[Chunk]):  # type: ignore[no-untyped-def]
    return gather(concept, term_variants(concept.name, concept.aliases), passages)


def _echo(outputs: list[str]):  # type: ignore[no-untyped-def]
    def run(statements: Sequence[str]) -> list[str] | None:
        return outputs[: len(statements)]
    return run


def test_a_session_is_read_as_statements_with_their_outputs() -> None:
    (session,) = sessions(SESSION_TEXT)
    assert [(s.source, s.output) for s in session.steps] == [
        ("n = 17", ""), ("n + 25", "42"), ("n * 2", "34")]


def test_code_output_is_keyed_to_the_book_and_kept_when_the_replay_agrees() -> None:
    chunk = _chunk(SESSION_TEXT)
    m = _material(VARIABLE, [chunk])
    (item,) = write_code_output(m, [chunk], run=_echo(["", "42\n", "34\n"]))[:1]
    assert item.origin is ExerciseOrigin.CODE_OUTPUT and item.kind is ExerciseKind.CLOZE
    assert item.answer == "34" and ">>> n * 2" in item.prompt
    assert "34" not in item.prompt.replace(">>> n * 2", "")  # the output it asks for is not shown
    assert "42" in item.prompt  # earlier outputs are part of the session shown
    assert check_exercise(item, VARIABLE, [chunk]).ok


def test_code_output_is_dropped_when_the_replay_differs_from_the_book() -> None:
    chunk = _chunk(SESSION_TEXT)
    m = _material(VARIABLE, [chunk])
    assert write_code_output(m, [chunk], run=_echo(["", "41\n", "33\n"])) == []
    assert write_code_output(m, [chunk], run=lambda statements: None) == []


def test_code_away_from_the_concept_gives_no_item() -> None:
    text = "Something else entirely is discussed here.\n>>> 1 + 1\n2\n"
    chunk = _chunk("x " * 300 + "variable\n" + "y " * 300 + text)
    m = _material(VARIABLE, [chunk])
    assert write_code_output(m, [chunk], run=_echo(["2\n"])) == []


def test_the_writer_reads_the_sandbox_when_it_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[Sequence[str]] = []

    def counted(statements: Sequence[str]) -> list[str] | None:
        asked.append(statements)
        return None

    monkeypatch.setattr(code_sandbox, "replay", counted)  # after the writer was imported
    chunk = _chunk(SESSION_TEXT)
    assert write_code_output(_material(VARIABLE, [chunk]), [chunk]) == []
    assert asked and list(asked[0])[-1] == "n * 2"


@pytest.mark.e2e
def test_the_sandbox_replays_like_the_prompt_and_refuses_the_network() -> None:
    shown = replay(["x = 5", "x * 2", "print('hi')", "'a' + 'b'",
                    "import socket; socket.socket()", "open('f', 'w')"])
    assert shown is not None
    assert shown[:4] == ["", "10\n", "hi\n", "'ab'\n"]
    assert shown[4].startswith("PermissionError") and shown[5].startswith("PermissionError")
    assert replay(["while True: pass"]) is None  # time limit


EXAMPLE_TEXT = (
    "Python has immutable types such as strings, tuples and integers. "
    "Mutable types such as lists and dictionaries can be changed in place. "
    "Operators such as plus and modulus combine values."
)
IMMUTABLE = _concept("immutable", "immutable type", "A type whose values cannot be changed.")
MUTABLE = _concept("mutable", "mutable type", "A type whose values can be changed in place.")
LOOP = _concept("operator", "operator", "A symbol that stands for a computation.")


def test_examples_come_from_lists_headed_by_the_term() -> None:
    found = listed_examples(EXAMPLE_TEXT, term_pattern(["immutable type", "immutable types"]))
    assert [item for item, _ in found] == ["strings", "tuples", "integers"]


def test_which_is_an_example_uses_sibling_examples_as_distractors() -> None:
    chunk = _chunk(EXAMPLE_TEXT)
    m = _material(IMMUTABLE, [chunk])
    siblings = [Sibling(MUTABLE, 0.8, "a type whose values can be changed in place"),
                Sibling(LOOP, 0.4, "a symbol that stands for a computation")]
    item = write_example(m, siblings, [chunk])
    assert item is not None and item.origin is ExerciseOrigin.EXAMPLE
    assert item.answer == "strings" and set(item.choices or []) == {"strings", "lists", "plus"}
    assert item.misconceptions["lists"] == "confuses immutable type with mutable type"
    assert check_exercise(item, IMMUTABLE, [chunk]).ok


def test_an_item_the_text_also_gives_for_the_concept_is_no_distractor() -> None:
    text = EXAMPLE_TEXT + " Strings and lists are both sequences, and an immutable type " \
        "is safer to share than lists."
    chunk = _chunk(text)
    m = _material(IMMUTABLE, [chunk])
    siblings = [Sibling(MUTABLE, 0.8, None), Sibling(LOOP, 0.4, None)]
    assert write_example(m, siblings, [chunk]) is None  # "lists" is ruled out, one remains


def test_contrast_names_both_concepts_with_key_points_from_both_definitions() -> None:
    chunk = _chunk("An immutable type is a type whose values cannot be changed. "
                   "A mutable type is a type whose values can be changed in place.")
    m = _material(IMMUTABLE, [chunk])
    siblings = [Sibling(MUTABLE, 0.8, "a type whose values can be changed in place")]
    (item,) = write_contrast(m, siblings, [chunk])
    assert item.origin is ExerciseOrigin.CONTRAST
    assert "immutable type" in item.prompt and "mutable type" in item.prompt
    assert any(p.startswith("mutable type:") for p in item.key_points)
    assert any(p.startswith("immutable type:") for p in item.key_points)
    assert check_exercise(item, IMMUTABLE, [chunk]).ok


def test_no_contrast_with_a_sibling_defined_on_a_page_the_exercise_cannot_cite() -> None:
    chunk = _chunk("An immutable type is a type whose values cannot be changed.")
    far = _concept("mutable", "mutable type", MUTABLE.definition, page=90)
    m = _material(IMMUTABLE, [chunk])
    assert write_contrast(m, [Sibling(far, 0.8, "a type whose values can change")], [chunk]) == []


def test_old_course_files_load_with_the_definition_origin() -> None:
    course = Course(title="t", concepts=[VARIABLE], exercises=[])
    data = json.loads(course.to_json())
    data["exercises"] = [{"id": "variable-cloze-1", "concept_id": "variable", "kind": "cloze",
                          "prompt": "Fill in the blank: a _____ names a value.",
                          "answer": "variable"}]
    loaded = Course.model_validate(data)
    assert loaded.exercises[0].origin is ExerciseOrigin.DEFINITION


def test_a_concept_keeps_one_item_on_its_definition_the_production_item() -> None:
    texts = {
        "stack": "A stack is a collection where the last item added is the first one removed.",
        "queue": "A queue is a collection where the first item added is the first one removed.",
        "heap": "A heap is a tree where each parent holds a smaller key than its children.",
        "hash table": "A hash table is a structure that maps keys to values by an index.",
    }
    pool = [_concept(n.replace(" ", "-"), n, d, page=i) for i, (n, d) in enumerate(texts.items(), 1)]
    pages = [_chunk(d, page=i) for i, d in enumerate(texts.values(), 1)]
    stack, others = pool[0], pool[1:]
    every = write_exercises(stack, others, pages)
    on_definition = [e for e in every if e.origin is ExerciseOrigin.DEFINITION]
    assert len(write_definition_exercises(stack, others, pages)) > 3
    assert any(e.origin is ExerciseOrigin.CONTRAST for e in every)
    # a contrast uses the idea: restating its sentence would prove recognition only
    assert on_definition == []
    alone = write_exercises(pool[2], [], pages)  # nothing beyond it: still one on it
    assert [e.kind for e in alone] == [ExerciseKind.CLOZE]  # no near concepts to choose among


def test_a_sentence_that_only_uses_the_term_is_keyed_to_no_definition_item() -> None:
    uses = {
        "syntax": "The syntax is the same as for strings: you write the loop and print.",
        "syllogism": "In designing a proof system, we could start with disjunctive syllogism.",
        "universal quantifier": "This is called the universal quantifier.",
        "syntax error": '"Syntax" refers to the structure of a program and its rules.',
        "extension": "Formally, this is a set of members of the UD to which the predicate "
                     "applies; this set is called the extension of the predicate.",
        "problem of non-referring terms": "The problem of non-referring terms is most vexing "
                                          "when we try to translate negations.",
    }
    for n, (name, sentence) in enumerate(uses.items(), 1):
        concept = _concept(name.replace(" ", "-"), name, sentence, page=n)
        written = write_exercises(concept, [], [_chunk(sentence, page=n)])
        assert not [e for e in written if e.origin is ExerciseOrigin.DEFINITION], name
    defines = {
        "interactive mode": "So far we have run Python in interactive mode, which means that "
                            "you interact directly with the interpreter.",
        "truth-value": "True or false is said to be the truth-value of a sentence.",
        "model": "In this context, a model is a simplification that leaves out details.",
        "jitter": "Random noise added to data for purposes of visualization.",
    }
    for n, (name, sentence) in enumerate(defines.items(), 1):
        concept = _concept(name.replace(" ", "-"), name, sentence, page=n)
        written = write_exercises(concept, [], [_chunk(sentence, page=n)])
        assert [e.origin for e in written] == [ExerciseOrigin.DEFINITION], name


def test_no_contrast_between_concepts_a_learner_would_not_mix_up() -> None:
    chunk = _chunk("A postcondition is a requirement that the function satisfies before it "
                   "ends. An optional argument is a function argument that is not required.")
    post = _concept("postcondition", "postcondition",
                    "A postcondition is a requirement that the function satisfies before it ends.")
    optional = _concept("optional-argument", "optional argument",
                        "An optional argument is a function argument that is not required.")
    m = _material(post, [chunk])
    far = Sibling(optional, 0.4, "a function argument that is not required")
    assert write_contrast(m, [far], [chunk]) == []
    # near in meaning, but a requirement and an argument are no alternatives to each other
    close = Sibling(optional, 0.7, "a function argument that is not required")
    assert write_contrast(m, [close], [chunk]) == []
    pre = _concept("precondition", "precondition",
                   "A precondition is a requirement that the caller satisfies first.")
    same_kind = Sibling(pre, 0.4, "a requirement that the caller satisfies first")
    assert len(write_contrast(m, [same_kind], [chunk])) == 1  # two kinds of requirement


def test_no_contrast_between_a_thing_and_a_kind_it_is_not() -> None:
    """zip is a function that returns an iterator: asking how they differ misleads."""
    chunk = _chunk("zip is a built-in function that takes two or more sequences and returns "
                   "a list of tuples. An iterator is any object that iterates through a "
                   "sequence.")
    zip_ = _concept("zip", "zip", "zip is a built-in function that takes two or more "
                    "sequences and returns a list of tuples.")
    iterator = _concept("iterator", "iterator",
                        "An iterator is any object that iterates through a sequence.")
    m = _material(zip_, [chunk])
    near = Sibling(iterator, 0.75, "any object that iterates through a sequence")
    assert write_contrast(m, [near], [chunk]) == []


def test_a_description_that_leans_on_the_sentence_before_is_not_used() -> None:
    from tutor.engine.offline.definitions.descriptions import describe

    assert describe("Wrapping code up in a function is called encapsulation.",
                    ["encapsulation"]) == "Wrapping code up in a function"
    assert describe("Functions that work this way are called modifiers.",
                    ["modifier", "modifiers"]) is None
    assert describe("Instead we collect data from a subset of the population called a sample.",
                    ["sample"]) == "a subset of the population"
    assert describe("Adding a parameter to a function is called generalization because it "
                    "makes the function more general.", ["generalization"]) is None


def test_the_checker_rejects_two_blanks_narrative_openers_and_questions_as_statements() -> None:
    from tutor.course import Exercise

    cite = [Citation(source="book.pdf", page=3)]
    chunk = _chunk("A variable is a name that refers to a value. This is called a variable.")

    def problems(kind: ExerciseKind, prompt: str, answer: str) -> list[str]:
        choices = ["True", "False"] if kind is ExerciseKind.TRUE_FALSE else None
        item = Exercise(id="variable-x-1", concept_id="variable", kind=kind, prompt=prompt,
                        answer=answer, choices=choices, citations=cite)
        return check_exercise(item, VARIABLE, [chunk]).problems

    assert any("more than one blank" in p for p in problems(
        ExerciseKind.CLOZE, "Fill in the blank: a _____ is a name; a _____ refers to a value.",
        "variable"))
    two_blanks = Exercise(
        id="variable-x-2", concept_id="variable", kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt='Which idea fills the blank: "a _____ is a name; a _____ refers to a value"?',
        answer="variable", choices=["variable", "value", "name"], citations=cite)
    assert any("more than one blank" in p for p in check_exercise(two_blanks, VARIABLE,
                                                                 [chunk]).problems)
    other_form = Exercise(
        id="variable-x-3", concept_id="variable", kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt='Which term matches this description: "to go through each item in turn"?',
        answer="traverse", choices=["traverse", "traversal", "value", "name"], citations=cite)
    assert any("under another name" in p for p in check_exercise(other_form, VARIABLE,
                                                                [chunk]).problems)
    assert any("narrative opener" in p for p in problems(
        ExerciseKind.CLOZE, "Fill in the blank: This is called a _____.", "variable"))
    assert any("not a proposition" in p for p in problems(
        ExerciseKind.TRUE_FALSE, "True or false: is a variable a name that refers to a value?",
        "True"))
    assert problems(ExerciseKind.CLOZE, "Fill in the blank: a _____ is a name that refers to "
                    "a value.", "variable") == []


def test_a_code_output_key_keeps_what_python_prints_and_a_tab_gives_no_item() -> None:
    text = ("A newline is a special character that causes a line break.\n"
            ">>> s = '1 2\\t 3\\n 4'\n>>> print(s)\n1 2 3 4\n")
    newline = _concept("newline", "newline",
                       "A newline is a special character that causes a line break.")
    chunk = _chunk(text)
    m = _material(newline, [chunk])
    assert write_code_output(m, [chunk], run=_echo(["", "1 2\t 3\n 4\n"])) == []
    (item,) = write_code_output(m, [chunk], run=_echo(["", "1 2 3\n4\n"]))[:1]
    assert item.answer == "1 2 3\n4" and item.accepted == ["1 2 3 4"]


def test_a_stem_giving_the_terms_abbreviation_or_expansion_is_refused() -> None:
    from tutor.course import Exercise

    page = _chunk("A meaningful expression is called a well-formed formula. It is common to use "
                  "the acronym wff. MRO stands for method resolution order, the sequence of "
                  "classes Python searches.")
    wff = _concept("well-formed-formula", "well-formed formula",
                   "A meaningful expression is called a well-formed formula.")
    mro = _concept("mro", "MRO", "MRO stands for method resolution order.")

    def choose(concept: Concept, stem: str) -> Exercise:
        return Exercise(id=f"{concept.id}-multiple_choice-1", concept_id=concept.id,
                        kind=ExerciseKind.MULTIPLE_CHOICE, prompt=stem, answer=concept.name,
                        choices=[concept.name, "atomic formula", "metavariable"],
                        citations=[Citation(source="book.pdf", page=3)])

    leak = "answer given away by the prompt: its abbreviation or expansion"
    given = choose(wff, 'Which term fills the blank: "A meaningful expression is called a(n) '
                        '_____. It is common to use the acronym wff."?')
    assert leak in check_exercise(given, wff, [page]).problems
    spelled = choose(mro, 'Which term fills the blank: "_____ stands for "method resolution '
                          'order", the sequence of classes Python searches."?')
    assert leak in check_exercise(spelled, mro, [page]).problems
    fair = choose(wff, 'Which term fills the blank: "A meaningful expression is called '
                       'a(n) _____."?')
    assert leak not in check_exercise(fair, wff, [page]).problems


def test_a_heading_run_into_its_sentence_is_no_key() -> None:
    from tutor.engine.offline.definitions.book_definition import states_about

    assert not states_about("Inductive arguments There can be good arguments which "
                            "nevertheless fail to be deductively valid.", "inductive argument")
    assert states_about("Sorting algorithms are fast procedures that put lists in order.",
                        "sorting algorithm")


def test_a_naming_sentence_with_a_tail_still_gives_the_description() -> None:
    from tutor.engine.offline.definitions.descriptions import describe

    assert describe("The individual that the constant picks out is called the referent of "
                    "the constant.", ["referent"]) == "The individual that the constant picks out"
    assert describe("The sentences that can be symbolized with sentence letters are called "
                    "atomic sentences, because they are the basic building blocks.",
                    ["atomic sentence", "atomic sentences"]) == (
        "The sentences that can be symbolized with sentence letters")


def test_which_idea_fills_the_blank_only_when_nothing_else_goes_beyond_the_definition(
) -> None:
    from tutor.engine.offline.writing.exercise_bank import write_beyond_definition

    sample = _concept("sample-space", "sample space",
                      "The sample space is the set of all possible outcomes of an experiment.")
    event = _concept("event", "event", "An event is a set of outcomes of an experiment.")
    mean = _concept("mean", "mean", "The mean is the sum of the values divided by their number.")
    mode = _concept("mode", "mode", "The mode is the most frequent value.")
    die = _chunk("The sample space is the set of all possible outcomes of an experiment. For "
                 "example, if you roll a die once, the sample space is the set {1, 2, 3, 4, 5, "
                 "6} of the faces it can show.")
    siblings = [Sibling(c, 0.5, None) for c in (mean, mode)]
    (alone,) = write_beyond_definition(_material(sample, [die]), siblings, [die])
    assert alone.origin is ExerciseOrigin.EXAMPLE and "roll a die" in alone.prompt
    near = [Sibling(event, 0.7, "a set of outcomes of an experiment"), *siblings]
    beside = _chunk(die.text + " An event is a set of outcomes of an experiment.")
    written = write_beyond_definition(_material(sample, [beside]), near, [beside])
    assert written and ExerciseOrigin.EXAMPLE not in {e.origin for e in written}


def test_no_definition_item_beside_two_kinds_naming_it_or_one_that_uses_it() -> None:
    from tutor.course import Exercise
    from tutor.engine.offline.writing import exercises

    def beyond(m, siblings, passages, heads=(), conventions=None):  # type: ignore[no-untyped-def]
        return [Exercise(id=f"{m.concept.id}-{o.value}-1", concept_id=m.concept.id,
                         kind=ExerciseKind.SHORT_ANSWER, prompt=f"Why {m.concept.name}?",
                         answer="because", key_points=["because"], origin=o,
                         citations=m.citations)
                for o in (ExerciseOrigin.CONTRAST, ExerciseOrigin.RELATION)]

    chunk = _chunk("A variable is a name that refers to a value.")
    original = exercises.write_beyond_definition
    try:
        exercises.write_beyond_definition = beyond
        written = write_exercises(VARIABLE, [], [chunk])
        assert {e.origin for e in written} == {ExerciseOrigin.CONTRAST, ExerciseOrigin.RELATION}
        exercises.write_beyond_definition = lambda m, s, p, *_: beyond(m, s, p)[1:]
        written = write_exercises(VARIABLE, [], [chunk])
        # a relation item is keyed to two definitions: beside it, the production item
        assert [e.kind for e in written if e.origin is ExerciseOrigin.DEFINITION] == [
            ExerciseKind.SHORT_ANSWER]
        exercises.write_beyond_definition = lambda m, s, p, *_: beyond(m, s, p)[:1]
        written = write_exercises(VARIABLE, [], [chunk])
        assert [e.origin for e in written] == [ExerciseOrigin.CONTRAST]  # one that uses it
    finally:
        exercises.write_beyond_definition = original


def test_a_term_glossed_by_which_is_gets_its_description() -> None:
    from tutor.engine.offline.definitions.descriptions import describe, plainly_defines

    sentence = ("The second step is to define a null hypothesis, which is a model of the "
                "system based on the assumption that the apparent effect is not real.")
    assert plainly_defines(sentence, ["null hypothesis"])
    assert describe(sentence, ["null hypothesis"]) == (
        "a model of the system based on the assumption that the apparent effect is not real")


def test_a_quote_cut_short_or_a_word_of_the_term_beside_the_blank_is_refused() -> None:
    from tutor.course import Exercise

    page = _chunk("Spearman's rank correlation is an alternative that mitigates the effect of "
                  "outliers and skewed distributions.")
    spearman = _concept("spearman-rank-correlation", "Spearman rank correlation",
                        "Spearman's rank correlation is an alternative that mitigates the "
                        "effect of outliers and skewed distributions.")

    def choose(stem: str) -> Exercise:
        return Exercise(id="spearman-rank-correlation-multiple_choice-1",
                        concept_id=spearman.id, kind=ExerciseKind.MULTIPLE_CHOICE,
                        prompt=stem, answer=spearman.name,
                        choices=[spearman.name, "robust", "outlier", "sample skewness"],
                        citations=[Citation(source="book.pdf", page=3)])

    cut = check_exercise(choose('Which term fills the blank: "The _____ is an alternative '
                                'that"?'), spearman, [page]).problems
    assert "the quoted sentence is cut short" in cut
    beside = check_exercise(choose('Which term fills the blank: "Spearman\'s _____ mitigates '
                                   'the effect of outliers and skewed distributions."?'),
                            spearman, [page]).problems
    assert any(p.startswith(SPELLED) for p in beside)


def test_a_name_in_the_books_code_gets_no_exercise() -> None:
    text = ("ChiSquared takes a sequence of pregnancy lengths, computes its histogram, and "
            "computes observed, which is a list of frequencies corresponding to self.values.\n"
            "observed = [hist[x] for x in self.values]\n")
    observed = _concept("observed", "observed", "ChiSquared takes a sequence of pregnancy "
                        "lengths, computes its histogram, and computes observed, which is a list "
                        "of frequencies corresponding to self.values.")
    assert write_exercises(observed, [], [_chunk(text)]) == []
    named = _chunk("A simple filename, like memo.txt, is also considered a path.\n"
                   "filename = 'memo.txt'\n")
    filename = _concept("filename", "filename",
                        "A simple filename, like memo.txt, is also considered a path.")
    from tutor.engine.offline.writing.code_names import names_code

    assert not names_code(_material(filename, [named]))  # an idea named as a noun


def test_a_description_pointing_at_where_it_is_treated_is_no_definition() -> None:
    from tutor.engine.offline.definitions.descriptions import stands_alone

    assert not stands_alone("the topic of Chapter 11, a way to fit models to data")
    assert not stands_alone("The other sentences are premises of the argument")
    assert not stands_alone("a big topic that takes a few chapters")
    assert stands_alone("a process for writing programs step by step")


def test_a_key_point_beside_the_definition_is_left_out() -> None:
    from tutor.engine.offline.writing.definition_points import write_explain

    oop = _concept("object-oriented-programming", "object-oriented programming",
                   "A style of programming in which data and operations are organized into "
                   "classes and methods.")
    oop.key_points = ["Object-oriented programming is a big topic; it takes chapters.",
                      "Yet object-oriented programming must be learned.",
                      "A style of programming in which data and operations are organized "
                      "into classes and methods."]
    chunk = _chunk("Object-oriented programming is a style of programming in which data and "
                   "operations are organized into classes and methods.")
    item = write_explain(_material(oop, [chunk]), [])
    assert item is not None
    assert not any("big topic" in p or "Yet" in p for p in item.key_points)
    assert any("classes and methods" in p for p in item.key_points)


def test_a_gloss_of_a_longer_phrase_or_of_a_computed_value_gives_no_definition_item() -> None:
    from tutor.engine.offline.definitions.descriptions import glossed_within_a_phrase

    hypothesis = _concept("hypothesis", "hypothesis", "The second step is to define a null "
                          "hypothesis, which is a model of the system with no real effect.")
    chunk = _chunk(hypothesis.definition)
    assert glossed_within_a_phrase(hypothesis.definition, ["hypothesis"])
    assert not [e for e in write_exercises(hypothesis, [], [chunk])
                if e.origin is ExerciseOrigin.DEFINITION]
    assert glossed_within_a_phrase("For each t, we have ended, which is the number of women "
                                   "married at age t.", ["ended"])
    # a verb or preposition before the term leaves it whole
    assert not glossed_within_a_phrase("The + operator performs string concatenation, which "
                                       "means it joins strings end to end.",
                                       ["string concatenation"])
    assert not glossed_within_a_phrase("We use a dictionary, which is a mapping from keys to "
                                       "values.", ["dictionary"])


def test_a_method_named_before_its_listing_and_a_chapter_pointer_give_no_item() -> None:
    random_ = _concept("random", "random", "Cdf provides an implementation of this algorithm, "
                       "called random: # class Cdf.")
    assert write_exercises(random_, [], [_chunk(random_.definition)]) == []
    regression = _concept("regression-analysis", "regression analysis",
                          "In some cases it is possible to infer causal relationships using "
                          "regression analysis, which is the topic of Chapter 11.")
    assert write_exercises(regression, [], [_chunk(regression.definition)]) == []


def test_the_glossary_entry_of_a_shorter_alias_is_not_the_concepts() -> None:
    from tutor.engine.offline.definitions.book_definition import glossary_entry

    effect = Concept(id="cohort-effect", name="cohort effect", aliases=["cohort"],
                     definition="A difference between cohorts.",
                     citations=[Citation(source="book.pdf", page=3)])
    glossary = _chunk("Glossary\ncohort: A group of subjects defined by an event in an "
                      "interval of time.\ncohort effect: A difference between groups born "
                      "at different times.\n"
                      "jitter: Random noise added to data for visualization.")
    entry = glossary_entry(_material(effect, [glossary]))
    assert entry is not None and entry.description is not None
    assert entry.description.startswith("A difference between groups")


def test_a_term_named_then_glossed_by_which_means_keeps_its_description() -> None:
    from tutor.engine.offline.definitions.descriptions import describe, glossed_within_a_phrase

    sentence = ("Logical languages that make this assumption are called bivalent, which means "
                "two-valued things.")
    assert not glossed_within_a_phrase(sentence, ["bivalent"])
    assert describe(sentence, ["bivalent"]) is not None
