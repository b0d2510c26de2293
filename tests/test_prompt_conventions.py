"""A book's own prompt convention, found from the book (numbered input and output labels,
``In>``/``Out>``, a calculator's ``?`` with ``%1 =`` results, a Lisp's ``*``), its sessions
read under it, which steps a question may ask, and "what does this give?" items keyed to the
page; one test per PDF quirk (run-in prompts, outputs set on the input's line, typeset
mathematics flattened onto one line)."""

from __future__ import annotations

from tests.factories import book_page
from tutor.answers import key_verdict, shown_alike
from tutor.course import Citation, Concept, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.code_output.convention_steps import (
    convention_fully_shown,
    convention_output,
    needed_steps,
)
from tutor.engine.offline.code_output.prompt_conventions import (
    PromptConvention,
    convention_transcripts,
    find_conventions,
)
from tutor.engine.offline.code_output.transcript_exercises import write_transcript_outputs
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.exercise_material import gather
from tutor.study.showcases import showcase_passages

NUMBERED = (
    "Our first session adds and multiplies numbers.\n"
    "(%i1) 2+2;\n(%o1)\n4\n"
    "(%i2) a:3*4;\n(%o2)\n12\n"
    "(%i3) a-2;\n(%o3)\n10\n"
    "(%i4) expand((x+1)^2);\n(%o4)\nx 2 + 2 x + 1\n"
)
IN_OUT = (
    "A sparse tree holds the entries of a matrix.\n"
    "In> r:=Tree(3)\nOut> {3};\n"
    "In> Size(r)\nOut> 1;\n"
    "In> 1/2 + 1/3\nOut> 5/6;\n"
    "In> Expand((x+1)^3)\nOut> x^3+3*x^2\n+3*x+1;\n"
)
CALCULATOR = "A calculator session.\n? 2+3\n%1 = 5\n? 4*5\n%2 = 20\n? %1*2\n%3 = 10\n"
LISP = "The toplevel reads forms.\n* (+ 2 2)\n4\n* (* 3 4)\n12\n* (list 1 2)\n(1 2)\n"


def _one(text: str) -> PromptConvention:
    found = find_conventions(text)
    assert len(found) == 1, found
    return found[0]


def test_numbered_input_and_output_labels_are_found_from_the_text() -> None:
    convention = _one(NUMBERED)
    assert (convention.prompt, convention.output_label) == ("(%i#)", "(%o#)")
    assert convention.input_end == ";" and convention.typeset and convention.numbered
    [session] = convention_transcripts(NUMBERED, [convention])
    assert [s.label for s in session.steps] == ["(%i1)", "(%i2)", "(%i3)", "(%i4)"]
    assert [s.output for s in session.steps[:3]] == ["4", "12", "10"]


def test_in_and_out_prompts_are_told_apart_and_a_wrapped_output_runs_to_its_end_mark() -> None:
    convention = _one(IN_OUT)
    assert (convention.prompt, convention.output_label, convention.output_end) == (
        "In>", "Out>", ";")
    [session] = convention_transcripts(IN_OUT, [convention])
    assert [s.output for s in session.steps] == ["{3}", "1", "5/6", "x^3+3*x^2+3*x+1"]


def test_a_calculator_prompt_with_numbered_results_and_a_lisp_prompt_are_found() -> None:
    calculator = _one(CALCULATOR)
    assert (calculator.prompt, calculator.output_label) == ("?", "%# =")
    [session] = convention_transcripts(CALCULATOR, [calculator])
    assert [s.output for s in session.steps] == ["5", "20", "10"]
    lisp = _one(LISP)
    assert (lisp.prompt, lisp.output_label) == ("*", "")
    assert [s.output for s in convention_transcripts(LISP, [lisp])[0].steps] == [
        "4", "12", "(1 2)"]


def test_prose_lists_line_numbers_references_arrows_and_known_prompts_are_no_convention() -> None:
    bullets = "\n".join(f"* This item of the list says something about point {n}."
                        for n in range(5))
    listing = "\n".join(f"{n}: digraph G {{ a -> b{n}; }}" for n in range(1, 6))
    references = "\n".join(f"[Wan0{n}] P. Wang. A paper on algebra, 200{n}." for n in range(5))
    notes = "Note: set the range first.\nplot x\nNote: unset it.\nplot y\nNote: x\nplot z\n"
    arrows = "(baz)\n=> NIL\n(foo)\n=> 3\n(bar)\n=> T\n"
    r_session = "> x <- 2\n> x + 1\n[1] 3\n> x * 2\n[1] 4\n> x - 1\n[1] 1\n"
    mathematics = "\n".join(f"Then p (x{n}) = 0 and q (x{n}) = {n}, so" for n in range(1, 6))
    for text in (bullets, listing, references, notes, arrows, r_session, mathematics):
        assert find_conventions(text) == [], text


def test_quirk_a_numbered_prompt_run_into_the_sentence_before_it_starts_its_line() -> None:
    text = ("Try the following: (%i1) 2+2;\n(%o1)\n4\n(%i2) 3*4;\n(%o2)\n12\n"
            "(%i3) 9-1;\n(%o3)\n8\n")
    [session] = convention_transcripts(text, find_conventions(text))
    assert session.steps[0].source == "2+2;" and session.steps[0].output == "4"


def test_quirk_an_output_set_on_the_input_line_is_read_as_the_output() -> None:
    text = "(%i1) 2+2; (%o1) 4\n(%i2) 3*4; (%o2) 12\n(%i3) a:5;\n(%o3) 5\n(%i4) a*2;\n(%o4) 10\n"
    [session] = convention_transcripts(text, find_conventions(text))
    assert [(s.source, s.output) for s in session.steps[:2]] == [("2+2;", "4"), ("3*4;", "12")]
    yacas = IN_OUT.replace("In> Size(r)\nOut> 1;", "In> Size(r) Out> 1;")
    [session] = convention_transcripts(yacas, find_conventions(yacas))
    assert session.steps[1].output == "1"


def test_quirk_typeset_mathematics_the_pdf_flattened_is_no_key() -> None:
    text = NUMBERED + "(%i5) 9/4;\n(%o5)\n9 4\n"
    [session] = convention_transcripts(text, find_conventions(text))
    assert convention_output(session, 4, "9/4;") is None  # the fraction 9/4, not "9 4"
    assert convention_output(session, 3, "expand((x+1)^2);") is None  # x^2 lost its power
    assert convention_output(session, 0, "2+2;") is None  # two digits' sum: nothing to ask
    text = NUMBERED + "(%i5) pderivop(f,1,2);\n(%o5)\nf(1,2)\n"  # f with a superscript (1,2)
    [session] = convention_transcripts(text, find_conventions(text))
    assert convention_output(session, 4, "pderivop(f,1,2);") is None
    assert convention_output(session, 2, "a-2;") == "10"


def test_a_step_is_asked_only_when_what_it_reads_is_shown() -> None:
    text = NUMBERED + "(%i5) float(b);\n(%o5)\n25\n(%i6) random(6);\n(%o6)\n3\n"
    [session] = convention_transcripts(text, find_conventions(text))
    assert convention_fully_shown(session, 2)  # a-2: a bound at (%i2)
    assert needed_steps(session, 2) == [1, 2]
    assert not convention_fully_shown(session, 4)  # b bound out of sight
    assert not convention_fully_shown(session, 5)  # chance
    assert not convention_fully_shown(session, 2, first=2)  # a's binding not shown
    gap = NUMBERED.replace("(%i3) a-2;\n(%o3)", "(%i7) a-2;\n(%o7)").replace(
        "(%i4) expand((x+1)^2);\n(%o4)", "(%i8) expand((x+1)^2);\n(%o8)")
    [session] = convention_transcripts(gap, find_conventions(gap))
    assert not convention_fully_shown(session, 2)  # inputs 3 to 6 could rebind a


def test_a_free_symbol_and_a_shown_previous_output_are_fully_shown() -> None:
    text = IN_OUT + "In> Simplify(%*2)\nOut> 2*x^3+6*x^2+6*x+2;\n"
    [session] = convention_transcripts(text, find_conventions(text))
    assert convention_fully_shown(session, 3)  # x comes back as itself
    assert convention_fully_shown(session, 4) and needed_steps(session, 4) == [3, 4]
    assert not convention_fully_shown(session, 4, first=4)  # % is not shown
    defined = text + "Elsewhere: Size(t) := Length(t)\n"
    assert not convention_fully_shown(session, 1, defined)  # Size defined out of sight
    assert convention_output(session, 0, "r:=Tree(3)") is None  # a binding answers nothing


CALCULUS = Concept(id="rational-arithmetic", name="rational arithmetic",
                   definition="Rational arithmetic keeps fractions exact.",
                   citations=[Citation(source="book.pdf", page=3)])


def test_what_does_this_give_items_are_keyed_to_the_page_with_neighbouring_outputs() -> None:
    text = ("Rational arithmetic keeps fractions exact, as this session shows.\n"
            "In> 1/2 + 1/3\nOut> 5/6;\nIn> 2/3 - 1/2\nOut> 1/6;\nIn> 3/4 * 2\nOut> 3/2;\n"
            "In> Expand((x+1)^2)\nOut> x^2+2*x+1;\n")
    chunk = book_page(text)
    m = gather(CALCULUS, term_variants(CALCULUS.name, CALCULUS.aliases), [chunk])
    items = write_transcript_outputs(m, [chunk])
    assert items and all(i.origin is ExerciseOrigin.CODE_OUTPUT and i.checked_by == "page"
                         for i in items)
    item = next(i for i in items if i.answer == "3/2")
    assert item.prompt.startswith("What does the interpreter show after the last line")
    assert "In> 3/4 * 2" in item.prompt and "Out> 3/2" not in item.prompt
    assert item.kind is ExerciseKind.MULTIPLE_CHOICE
    assert "x^2+2*x+1" not in item.choices  # an expression is no slip for a number
    assert {"1/6", "5/6"} <= set(item.choices)


def test_a_session_under_a_book_convention_goes_to_the_concept_named_before_it() -> None:
    other = book_page("Nothing about the idea here.\n" * 3, page=9)
    page = book_page("Rational arithmetic keeps fractions exact.\n" + IN_OUT, page=10)
    concepts = [{"id": "rational-arithmetic", "name": "rational arithmetic", "aliases": []}]
    assert page in showcase_passages(concepts, [other, page])["rational-arithmetic"]


def test_an_output_is_matched_written_the_usual_equivalent_ways_but_not_as_other_numbers() -> None:
    assert shown_alike("2.25*b", "2.25 b") and shown_alike("x**2+1", "x^2+1")
    assert shown_alike("5/6;", "5/6") and shown_alike("-1", "\u22121")
    assert shown_alike("x^2 + 2*x + 1", "x^2+2*x+1")
    assert not shown_alike("23", "2 3") and not shown_alike("2.25b", "2.25 b")
    assert not shown_alike("42.0", "42") and not shown_alike("x*2+1", "x^2+1")
    item = Exercise(id="i", concept_id="c", kind=ExerciseKind.CLOZE, prompt="It shows: _____",
                    answer="2.25 b", origin=ExerciseOrigin.CODE_OUTPUT)
    assert key_verdict(item, "2.25 * b") is True and key_verdict(item, "2.5 b") is False


def test_an_output_opening_with_a_bracket_is_a_value_and_a_reference_needs_it_shown() -> None:
    text = ("In> Simplify(x/5+3/10)\nOut> (2*x+3)/10;\nIn> Expand(%)\nOut> x/5+3/10;\n"
            "In> Factor(x^2-1)\nOut> (x-1)*(x+1);\n")
    [session] = convention_transcripts(text, find_conventions(text))
    assert convention_output(session, 0, session.steps[0].source) == "(2*x+3)/10"
    assert convention_fully_shown(session, 1)
    hidden = text.replace("Out> (2*x+3)/10;", "Out> (2*x+3)/10 or so, the PDF lost it")
    [session] = convention_transcripts(hidden, find_conventions(hidden))
    assert not convention_fully_shown(session, 1)  # what % stands for is not shown


def test_quirk_a_prompt_set_on_each_line_of_a_long_input_or_output_continues_it() -> None:
    text = IN_OUT + ("In> p:=Expand((x+1)^3*(x-2))\nOut> x^4+x^3-3*x^2\\\nIn> -5*x-2;\n"
                     "In> q:=SquareFree( \\\nIn> Expand((x+1)^2))\nOut> x+1;\n")
    [session] = convention_transcripts(text, find_conventions(text))
    assert session.steps[4].output == "x^4+x^3-3*x^2-5*x-2"
    assert session.steps[5].source == "q:=SquareFree( \\\nExpand((x+1)^2))"
    cut = convention_transcripts("In> Expand((x+1)^2)))\nOut> x^2+2*x+1;\n" + IN_OUT,
                                 find_conventions(IN_OUT))[0]
    assert not convention_fully_shown(cut, 0)  # its opening brackets are on a line not shown


def test_a_choice_found_by_matching_the_input_and_a_long_typed_output_are_not_asked() -> None:
    text = ("Rational arithmetic keeps fractions exact when it factors.\n"
            "In> Factors((y-1)^2)\nOut> {{y-1,2}};\nIn> Factors(w^3)\nOut> {{w,3}};\n"
            "In> Expand((x+1)^5)\nOut> x^5+5*x^4+10*x^3+10*x^2+5*x+1;\n"
            "In> Factors((x-1123)*(2*x+34))\nOut> {{2,1},{x-1123,1},{x+17,1}};\n")
    chunk = book_page(text)
    m = gather(CALCULUS, term_variants(CALCULUS.name, CALCULUS.aliases), [chunk])
    answers = {i.answer for i in write_transcript_outputs(m, [chunk])}
    assert "{{2,1},{x-1123,1},{x+17,1}}" not in answers  # the only choice holding 1123
    assert "x^5+5*x^4+10*x^3+10*x^2+5*x+1" not in answers  # too long to type


FACTORIAL = Concept(id="double-factorial", name="double factorial",
                    definition="The double factorial is the product of every other integer.",
                    citations=[Citation(source="book.pdf", page=3)])


def test_a_numbered_session_asks_the_steps_after_the_prose_naming_the_concept() -> None:
    text = ("Our session goes on.\n(%i1) 8*7;\n(%o1)\n56\n(%i2) 6*5;\n(%o2)\n30\n"
            + "Some words on other matters come between the steps here. " * 10 + "\n"
            "The double factorial multiplies every other integer down to one or two.\n"
            "(%i3) 8!!;\n(%o3)\n384\n(%i4) 7!!;\n(%o4)\n105\n")
    chunk = book_page(text)
    m = gather(FACTORIAL, term_variants(FACTORIAL.name, FACTORIAL.aliases), [chunk])
    answers = {i.answer for i in write_transcript_outputs(m, [chunk])}
    assert answers == {"384", "105"}  # not 56 or 30, shown before the concept is named


def test_quirk_a_session_run_onto_one_line_is_split_at_its_labels() -> None:
    numbered = "Joined: (%i1) 7*8; (%o1) 56 (%i2) 9*7; (%o2) 63 (%i3) 6*9; (%o3) 54\n"
    [session] = convention_transcripts(numbered, find_conventions(NUMBERED))
    assert [(s.source, s.output) for s in session.steps] == [
        ("7*8;", "56"), ("9*7;", "63"), ("6*9;", "54")]
    joined = "In> 7*8 Out> 56; In> 9*7 Out> 63; In> 6*9 Out> 54;\n"
    assert find_conventions(joined) == []  # unnumbered and alone: no evidence, nothing read
    found = convention_transcripts(joined, find_conventions(IN_OUT))  # the book shows it
    assert [(s.source, s.output) for s in found[0].steps] == [
        ("7*8", "56"), ("9*7", "63"), ("6*9", "54")]


def test_a_factor_list_found_by_matching_the_input_terms_is_not_asked() -> None:
    text = ("Rational arithmetic keeps fractions exact when it factors.\n"
            "In> Factors((y-1)^2)\nOut> {{y-1,2}};\nIn> Factors(w^3)\nOut> {{w,3}};\n"
            "In> Factors((x+1)^4*(x-3)^2)\nOut> {{x-3,2},{x+1,4}};\n")
    chunk = book_page(text)
    m = gather(CALCULUS, term_variants(CALCULUS.name, CALCULUS.aliases), [chunk])
    assert "{{x-3,2},{x+1,4}}" not in {i.answer for i in write_transcript_outputs(m, [chunk])}


def test_one_reading_of_an_unfinished_input_each_reader_saying_what_continues_a_line() -> None:
    from tutor.engine.offline.code_output.prompt_conventions import _unfinished
    from tutor.engine.offline.code_output.transcripts import unfinished

    assert unfinished("x <- c(1,") and unfinished("y <-") and not unfinished("y <- 2")
    assert not unfinished("f(x) :=")  # R, gnuplot and the shell: no "=" runs on
    assert _unfinished("f(x) :=") and _unfinished('print("(")  +')  # a convention's "=" does
    assert not _unfinished('print("(")')  # a bracket inside a string opens nothing


def test_the_books_conventions_found_once_serve_a_concept_whose_passages_show_too_few() -> None:
    from tutor.engine.offline.code_output.prompt_conventions import book_conventions

    text = ("Rational arithmetic keeps fractions exact, as this session shows.\n"
            "In> 1/2 + 1/3\nOut> 5/6;\nIn> 3/4 * 2\nOut> 3/2;\n")
    chunk = book_page(text, page=3)
    elsewhere = book_page(IN_OUT, page=9)
    assert find_conventions(text) == []  # two sessions alone: no evidence of a prompt
    book = book_conventions([elsewhere, chunk])
    assert [c.prompt for c in book] == ["In>"]
    m = gather(CALCULUS, term_variants(CALCULUS.name, CALCULUS.aliases), [chunk])
    assert write_transcript_outputs(m, [chunk]) == []  # read from its own passages only
    answers = {i.answer for i in write_transcript_outputs(m, [chunk], book)}
    assert "3/2" in answers  # read in the book's convention


def test_the_plan_finds_the_books_conventions_once_and_the_writing_task_hands_them_on(
        monkeypatch) -> None:
    from types import SimpleNamespace

    from tutor.study import exercise_steps
    from tutor.study.state import ProgressTally

    text = ("Rational arithmetic keeps fractions exact, as this session shows.\n"
            "In> 1/2 + 1/3\nOut> 5/6;\nIn> 3/4 * 2\nOut> 3/2;\n")
    chunks = [book_page(text, page=3), book_page(IN_OUT, page=9)]
    given: list[object] = []

    class Recorder:
        def write_exercises(self, concept, related, passages, conventions=None):  # type: ignore[no-untyped-def]
            given.append(conventions)
            return []

    context = SimpleNamespace(passages_per_concept=3, engine=Recorder(), tally=ProgressTally())
    runtime = SimpleNamespace(context=context)
    state = {"chunks": [c.model_dump(mode="json") for c in chunks], "related": {},
             "concepts": [CALCULUS.model_dump(mode="json")], "prerequisites": []}
    plan = exercise_steps.plan_exercises(state, runtime)  # type: ignore[arg-type]
    assert [c["prompt"] for c in plan["prompt_conventions"]] == ["In>"]  # over the whole book
    monkeypatch.setattr(exercise_steps, "emit", lambda *args: None)
    [send] = exercise_steps.fan_out_writing({**state, **plan}, runtime)  # type: ignore[arg-type,misc]
    exercise_steps.write_exercises(send.arg, runtime)  # type: ignore[arg-type]
    [conventions] = given
    assert [c.prompt for c in conventions] == ["In>"]  # type: ignore[attr-defined]
