"""Items a teacher would not keep, from blind ratings on real manuals (issue 12), are refused:
a "which term" description that is a sentence about the thing or too general to tell one
term (vague, or only the term's kind), a quoted sentence cut short or telling of several
things at once. Items a teacher keeps on the same kind of material pass."""

from __future__ import annotations

from tutor.course import Citation, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.terms import PREPOSITIONS, term_variants
from tutor.engine.offline.writing.giveaways import leak_problems
from tutor.engine.offline.writing.standing_alone import standing_problems
from tutor.engine.offline.writing.what_it_is import (
    says_only_a_kind,
    sentence_not_description,
    too_general,
    vague,
    what_it_is_problems,
)

PAGE = Citation(source="manual.pdf", page=7)


def which_term(description: str, answer: str, others: list[str]) -> Exercise:
    return Exercise(id="x-multiple_choice-1", concept_id="x", kind=ExerciseKind.MULTIPLE_CHOICE,
                    prompt=f'Which term matches this description: "{description}"?',
                    answer=answer, choices=[answer, *others], citations=[PAGE],
                    origin=ExerciseOrigin.DEFINITION)


def fills(sentence: str, answer: str, others: list[str]) -> Exercise:
    return Exercise(id="x-multiple_choice-1", concept_id="x", kind=ExerciseKind.MULTIPLE_CHOICE,
                    prompt=f'Which term fills the blank: "{sentence}"?', answer=answer,
                    choices=[answer, *others], citations=[PAGE], origin=ExerciseOrigin.DEFINITION)


def refusals(exercise: Exercise) -> list[str]:
    terms = term_variants(exercise.answer)
    return [*leak_problems(exercise, terms, exercise.answer),
            *standing_problems(exercise, exercise.answer, terms)]


def test_a_sentence_about_the_thing_is_no_description() -> None:
    for sentence in ("The function read.table is the most convenient way to read in a grid",
                     "A program may need to find the executable file it was started with",
                     "Certain simple kinds of changes don't need much detail in the log",
                     "Bash automatically assigns default values to a number of variables",
                     "The FSF publishes some GNU manuals in printed form",
                     "Function isSeekable reports if seek can change the position",
                     "Write the Makefile commands to run under sh, not csh",
                     "The shell treats several parameters specially",
                     "Bash provides two ways to group a list of commands",
                     "A command invoked in this environment cannot affect the shell",
                     "Indicate the part of a function which changed by using angle brackets"):
        assert sentence_not_description(sentence), sentence
    item = which_term("The basic functions to read from connections are scan and readLines",
                      "input from connection", ["binary connection", "type of connections"])
    assert "the description is a sentence about the thing, not what it is" in refusals(item)


def test_a_glossary_entry_is_a_description() -> None:
    for entry in ("A statistic that quantifies some aspect of a distribution",
                  "To run a statement and do what it says",
                  "Changing the behavior of an operator so that it works with new types",
                  "An algorithm for estimating hazard and survival functions",
                  "Processes that include validating data and translating between types",
                  "One of several statistics intended to estimate the underlying trend",
                  "Convenience function to release the factors array",
                  "The individual that the constant picks out",
                  "the value returned by the waitpid system call or equivalent function",
                  "a shell command preceded by the coproc reserved word",
                  "The object a method is invoked on",
                  "To create a new object",
                  "A proof system is sound if there are no proofs of invalid arguments",
                  "A representation of a distribution as a function that maps values",
                  "The variables in a regression model we would like to predict",
                  "One of several related processes for estimating parameters",
                  "A statement that (deliberately) raises an exception",
                  "A state diagram that shows an object and its attributes"):
        assert not sentence_not_description(entry), entry
        assert not too_general(entry), entry
    assert not sentence_not_description(
        "Redirection of output causes the file whose name results from the expansion of word "
        "to be opened for writing", ["redirecting output"])  # what the thing itself does
    assert sentence_not_description("The shell treats several parameters specially",
                                    ["special parameter"])
    kept = which_term("a text file containing shell commands", "shell script",
                      ["subshell", "Bash", "compound-command"])
    assert refusals(kept) == []


def test_a_general_kind_with_a_word_or_two_fits_too_many_terms() -> None:
    for general in ("a valid value", "an array of strings", "a return value of type int",
                    "a string with a number in C-notation"):
        assert too_general(general), general
    for told in ("the times between events", "The derivative of a CDF",
                 "the most frequent value in a sample",
                 "a region of memory set aside for storing sensitive data",
                 "the part of a multi-precision number that fits in a single word"):
        assert not too_general(told), told
    item = which_term("a valid value", "null string", ["zero value", "parameter"])
    assert "the description is too general to tell one term" in refusals(item)


def test_a_quoted_sentence_that_stops_before_its_end_is_refused() -> None:
    item = fills("The classical _____ is a SELECT statement of the type", "query",
                 ["connection", "pipe"])
    assert "the quoted sentence is cut short" in refusals(item)
    whole = fills("_____ are a special form of file that connects to another process.", "pipe",
                  ["binary connection", "terminal connection"])
    assert refusals(whole) == []
    shown = fills("The _____ macro expands to { context_type ctx; uint8_t ctr[block_size]; }",
                  "CTR_CTX", ["CBC_CTX", "GCM_CTX"])
    assert "the quoted sentence is cut short" not in refusals(shown)


def test_an_instruction_to_the_reader_does_not_say_what_the_term_is() -> None:
    item = fills("Write a function called _____ that takes a Hist and returns the most "
                 "frequent value.", "mode", ["median", "mean"])
    assert "the quoted sentence is an instruction, not what the term is" in refusals(item)


def test_a_sentence_on_several_things_at_once_asks_for_no_one_term() -> None:
    item = fills("The _____ function sets rop to the logarithm of 2, the value of pi, of "
                 "Euler's constant, respectively, rounded in the direction rnd.",
                 "mpfr_const_log2", ["mpfr_log", "mpfr_rint"])
    assert "the quoted sentence tells of several things at once" in refusals(item)


def test_the_writer_asks_on_no_general_description_and_the_checker_refuses_its_key() -> None:
    from tutor.course import Chunk, Concept
    from tutor.engine.offline.writing.checking import check_exercise
    from tutor.engine.offline.writing.exercises import write_exercises

    pages = {1: "A null string is a valid value. A variable may be assigned a null string.",
             2: "A parameter is an entity that stores values. It is set once assigned.",
             3: "The environment is an array of strings passed to each program.",
             4: "A zero value is a number that means nothing is done by the shell."}
    names = {1: "null string", 2: "parameter", 3: "environment", 4: "zero value"}
    chunks = [Chunk(id=f"manual.pdf#p{p}-0", source="manual.pdf", page=p, text=t,
                    heading="Parameters", order=p) for p, t in pages.items()]
    concepts = [Concept(id=names[p].replace(" ", "-"), name=names[p],
                        definition=pages[p].split(". ")[0] + ".",
                        citations=[Citation(source="manual.pdf", page=p)], first_order=p)
                for p in pages]
    kept: dict[str, list[Exercise]] = {}
    for concept in concepts:
        written = write_exercises(concept, [c for c in concepts if c is not concept], chunks)
        assert not any('"a valid value"' in e.prompt or "is a valid value" in e.prompt
                       for e in written), concept.name
        kept[concept.name] = [e for e in written if check_exercise(e, concept, chunks).ok]
    assert kept["null string"] == []  # nothing a teacher would keep: "a valid value" is any
    assert all(kept[name] for name in ("parameter", "environment", "zero value"))


def test_a_subject_holding_between_has_its_own_verb() -> None:
    # "between" is a preposition for the checker as for concept extraction (one list): the
    # "the" after it opens no second subject, so the sentence is about the thing, not what
    # it is.
    assert sentence_not_description("The gap between the groups has narrowed")
    assert "between" in PREPOSITIONS
    assert not sentence_not_description("The object a method is invoked on")


def test_a_description_saying_only_that_it_is_of_some_kind_is_too_vague() -> None:
    assert vague("a special construct") and vague("another kind of data storage")
    assert vague("the usual plotting behaviour")
    assert not vague("a special value that marks the end of a list")  # a clause tells it
    assert not vague("The derivative of a CDF") and not vague("A meaningful expression")
    assert what_it_is_problems("a special construct") == [
        "the description is too vague to tell one term"]


def test_a_sentence_saying_only_that_the_term_is_of_some_kind_is_too_general() -> None:
    assert says_only_a_kind("The canvas size is the usual plotting behaviour.", "canvas size")
    assert not says_only_a_kind("The canvas size is the area the terminal draws on, in "
                                "pixels.", "canvas size")
