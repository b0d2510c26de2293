"""Session items a teacher would keep: each fault blind raters named is checked once
(:mod:`tutor.engine.offline.code_output.session_faults`) and every session writer uses it."""

from __future__ import annotations

from tests.factories import book_page
from tutor.course import Citation, Concept, ExerciseKind
from tutor.engine.offline.code_output.prompt_conventions import book_conventions
from tutor.engine.offline.code_output.session_faults import (
    acknowledgement,
    definition_lines,
    misreadings,
    near_duplicate,
    plausible_beside,
    school_arithmetic,
    too_long_to_type,
    undeclared_syntax,
    version_bound,
)
from tutor.engine.offline.code_output.stated_results import stated_results, write_stated_results
from tutor.engine.offline.code_output.transcript_exercises import write_transcript_outputs
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.exercise_material import gather


def _concept(name: str, definition: str) -> Concept:
    return Concept(id=name.replace(" ", "-"), name=name, definition=definition,
                   citations=[Citation(source="book.pdf", page=3)])


PROCEDURE = _concept("procedure", "A procedure is an executable expression that returns a "
                     "value.")
RULE = _concept("transformation rule", "A transformation rule rewrites an expression.")
TEST_SUITE = _concept("test suite", "A test suite checks that functions give the results "
                      "expected.")

GUILE = ("The guile prompt reads expressions.\n"
         "guile> (+ 1 2)\n3\nguile> (* 3 4)\n12\nguile> (list 1 2 3)\n(1 2 3)\n"
         "guile> (- 9 4)\n5\n")


def _written(concept: Concept, text: str, elsewhere: str = GUILE) -> list:
    chunk = book_page(text)
    book = book_conventions([book_page(elsewhere, page=9), chunk])
    m = gather(concept, term_variants(concept.name, concept.aliases), [chunk])
    return write_transcript_outputs(m, [chunk], book)


def test_school_arithmetic_on_literals_is_told_from_what_a_system_teaches() -> None:
    assert school_arithmetic("3!", "6")
    assert school_arithmetic("2*3+4", "10")
    assert school_arithmetic("(+ 1 2)", "3")
    assert school_arithmetic("MathAdd(2,3)", "5")
    assert school_arithmetic("3+2;", "5")
    assert not school_arithmetic("(+ 1 (* 3 4))", "13")  # nested prefix: the notation
    assert not school_arithmetic("(/ 7.0 3.0)", "2.33333333333333")  # the system's floats
    assert not school_arithmetic("(/ 15 2)", "15/2")  # exact fractions
    assert not school_arithmetic("Size(r)", "1")
    assert not school_arithmetic("3!", "7")  # not what the literals make
    assert not school_arithmetic("9^9^9", "1")  # a power too big is not worked, not hung on
    assert school_arithmetic("2^10", "1024")
    assert not school_arithmetic("6**2 + 6", "42")  # Python's power: what its book teaches


def test_an_r_sum_of_literals_is_not_asked_but_a_function_it_teaches_is() -> None:
    text = ("An expression is evaluated when typed.\n> 1 + 2\n[1] 3\n> x <- 1:3\n"
            "> typeof(x)\n[1] \"integer\"\n")
    expression = _concept("expression", "An expression is code R evaluates.")
    chunk = book_page(text)
    m = gather(expression, term_variants(expression.name, expression.aliases), [chunk])
    answers = [i.answer for i in write_transcript_outputs(m, [chunk])]
    assert "[1] 3" not in answers and '[1] "integer"' in answers


def test_a_procedure_defined_before_the_session_is_shown_with_it() -> None:
    text = ("Procedures are defined with define. We define a procedure to calculate the "
            "average:\nguile> (define (average x y) (/ (+ x y) 2))\nguile> average\n"
            "#<procedure average (x y)>\nOnce a procedure is defined, it is called with its "
            "arguments:\nguile> (average 3 12)\n15/2\n")
    items = _written(PROCEDURE, text)
    item = next(i for i in items if i.answer == "15/2")
    assert "(define (average x y) (/ (+ x y) 2))" in item.prompt
    assert item.prompt.index("(define (average") < item.prompt.index("(average 3 12)")
    assert item.kind is ExerciseKind.MULTIPLE_CHOICE
    assert "7.5" in item.choices  # the decimal a learner expects from a division


def test_rules_set_before_a_session_are_shown_and_without_them_no_item() -> None:
    text = ("A transformation rule is applied when its pattern matches. Suppose f is "
            "defined:\n10 # f(0) <-- 1;\n20 # f(n_IsPositiveInteger) <-- n*f(n-1);\n"
            "Then interaction can look like:\nIn> f(3)\nOut> 6;\n")
    yacas = ("In> Length({a,b})\nOut> 2;\nIn> Head({a,b})\nOut> a;\nIn> Size(r)\nOut> 1;\n")
    items = _written(RULE, text, yacas)
    assert [i.answer for i in items] == ["6"]
    assert "10 # f(0) <-- 1;" in items[0].prompt and "n*f(n-1)" in items[0].prompt
    assert definition_lines(["f"], "10 # f(0) <-- 1;\n" * 5) is None  # too many to show


def test_an_acknowledged_declaration_and_operands_set_side_by_side_are_not_asked() -> None:
    assert acknowledgement('Rule("f", 1, 10, n=0) 1;', "True")
    assert acknowledgement('[ Infix("had", 20); Prefix("a", 10); ]', "True")
    assert not acknowledgement("IsPrime(7)", "True")
    assert undeclared_syntax("grilled lambs")
    assert undeclared_syntax("5 lambs;")
    assert not undeclared_syntax("5 lambs;", 'In> Postfix("lambs");')
    assert not undeclared_syntax("Expand((x+1)^2)")
    assert not undeclared_syntax("(average 3 12)")  # a Lisp's lists
    yacas = ("In> Length({a,b})\nOut> 2;\nIn> Head({a,b})\nOut> a;\nIn> Size(r)\nOut> 1;\n")
    text = ("A transformation rule is declared first:\nIn> Rule(\"f\", 1, 10, n=0) 1;\n"
            "Out> True;\nIn> grilled lambs\nOut> {lambs, grilled};\n")
    assert _written(RULE, text, yacas) == []


def test_an_output_of_one_version_is_a_quirk_but_a_features_version_is_not() -> None:
    assert version_bound("possible. Indeed, in Yacas version 1.0.51,\n")
    assert not version_bound("Application of pure functions is also possible (as of "
                             "version\n1.0.53) by using macro expansion:\n")
    assert not version_bound("Then interaction can look like:\n")


def test_distractors_have_the_keys_shape_and_common_misreadings_lead() -> None:
    assert not plausible_beside("2.345567", "3")
    assert plausible_beside("1.0000009536", "1")  # the value rounded: a real slip
    assert not plausible_beside("[[-1, 1; -4, 3], 5]", "[1/2, 1/6, 5/6, 1/18, 5/18, 1/54]")
    assert plausible_beside("3/2", "1/6")
    assert plausible_beside("[1, 2, 3]", "[1, 2]")
    assert plausible_beside("384", "40320")  # 8! beside 8!!: the misreading of !!
    assert plausible_beside("5.5", "55") and plausible_beside("5.5", "6")
    slips = dict(misreadings("x+1.111", "2.345567", {"x": "1.23456789"}))
    assert "2.34556789" in slips  # the full sum the system rounds
    assert {"7/3", "2"} <= set(dict(misreadings("(/ 7.0 3.0)", "2.33333333333333")))
    assert {"7.5", "7"} <= set(dict(misreadings("(average 3 12)", "15/2")))
    assert misreadings("Size(r)", "1") == []


def test_a_long_list_is_not_asked_as_a_free_answer() -> None:
    assert too_long_to_type("% = [0, 1/4, 0, 1, 2]")
    assert not too_long_to_type("{c,b,a}")
    assert not too_long_to_type("15/2")


def test_a_stated_sum_of_literals_is_no_item_but_a_systems_own_result_is() -> None:
    text = ("A test suite checks results. For example, 3+2 evaluates to 5 in any "
            "version.\n")
    chunk = book_page(text)
    assert [(c, v) for _, _, c, _, v in stated_results(text)] == [("3+2", "5")]
    m = gather(TEST_SUITE, term_variants(TEST_SUITE.name, TEST_SUITE.aliases), [chunk])
    assert write_stated_results(m, [chunk]) == []
    text = 'A test suite checks results. For example, words(" a b c d") returns 4.\n'
    chunk = book_page(text)
    m = gather(TEST_SUITE, term_variants(TEST_SUITE.name, TEST_SUITE.aliases), [chunk])
    assert [i.answer for i in write_stated_results(m, [chunk])] == ["4"]


def test_a_parallel_line_with_the_same_output_is_one_question() -> None:
    asked = {("assume(n+1>0, m+1>0);", "[n > -1,m > -1]")}
    assert near_duplicate("forget(n+1>0, m+1>0);", "[n > -1,m > -1]", asked)
    assert not near_duplicate("forget(n+1>0, m+1>0);", "[]", asked)
    assert not near_duplicate("echo ${string:7:2}", "78", {("echo ${string:7}", "78")})
