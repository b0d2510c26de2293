"""Transcripts of other interpreters (R, gnuplot, the shell): "what does it show", keyed to
the page only when the input is fully shown and the output is a short result; and results a
manual states in prose for code it shows."""

from __future__ import annotations

from tests.factories import book_page
from tutor.course import Chunk, Citation, Concept, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.code_output.annotated_results import (
    annotated_results,
    write_annotated_results,
)
from tutor.engine.offline.code_output.stated_results import stated_results, write_stated_results
from tutor.engine.offline.code_output.transcript_exercises import (
    plausible_outputs,
    write_transcript_outputs,
)
from tutor.engine.offline.code_output.transcripts import fully_shown, stable_output, transcripts
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.exercise_material import gather
from tutor.study.showcases import showcase_passages

MODE = Concept(id="mode", name="mode", definition="The mode of an object is the basic type "
               "of its fundamental constituents.",
               citations=[Citation(source="book.pdf", page=3)])
MATRIX = Concept(id="index-matrix", name="index matrix", definition="An index matrix is a "
                 "matrix used to select elements of an array.",
                 citations=[Citation(source="book.pdf", page=3)])
TYPES = (
    "Each object has a mode, which the function mode reports beside typeof.\n"
    "> x <- 1:3\n"
    "> typeof(x)\n"
    '[1] "integer"\n'
    "> mode(x)\n"
    '[1] "numeric"\n'
    "R objects are often coerced to different types during computations.\n"
)
INDEXING = (
    "An index matrix picks elements of an array, one row per element, as here.\n"
    "> m <- matrix(1:4, 2)\n"
    "> m\n"
    "[,1] [,2]\n"
    "[1,] 1 3\n"
    "[2,] 2 4\n"
    "> i <- matrix(c(1, 1, 2, 2), 2, byrow = TRUE)\n"
    "> m[i]\n"
    "[1] 1 4\n"
    "Indexing matrices may not contain negative indices.\n"
)


def _items(concept: Concept, text: str):  # type: ignore[no-untyped-def]
    chunk = book_page(text)
    m = gather(concept, term_variants(concept.name, concept.aliases), [chunk])
    return write_transcript_outputs(m, [chunk]), chunk


def test_an_r_session_asks_what_the_last_line_shows_with_sibling_outputs_as_options() -> None:
    items, chunk = _items(MODE, TYPES)
    item = items[0]
    assert item.answer == '[1] "numeric"'
    assert item.origin is ExerciseOrigin.CODE_OUTPUT and item.checked_by == "page"
    assert item.kind is ExerciseKind.MULTIPLE_CHOICE
    assert "> x <- 1:3\n> typeof(x)\n[1] \"integer\"\n> mode(x)\n```" in item.prompt
    # what typeof showed on the line before is a plausible slip; it is not the answer
    assert '[1] "integer"' in (item.choices or [])
    assert check_exercise(item, MODE, [chunk]).ok


def test_a_matrix_session_is_shown_whole_and_offers_off_by_one_slips() -> None:
    items, chunk = _items(MATRIX, INDEXING)
    assert [i.answer for i in items] == ["[1] 1 4"]
    item = items[0]
    assert "[1,] 1 3" in item.prompt  # the earlier output the question works on
    assert {"[1] 2 5", "[1] 0 3"} <= set(item.choices or [])
    assert check_exercise(item, MATRIX, [chunk]).ok


def test_an_input_reading_a_name_bound_out_of_sight_gives_no_item() -> None:
    hidden = INDEXING.replace("> i <- matrix(c(1, 1, 2, 2), 2, byrow = TRUE)\n", "")
    items, _ = _items(MATRIX, hidden)
    assert items == []


def test_chance_the_machine_or_a_function_defined_elsewhere_gives_no_item() -> None:
    for text in (
        "The mode of a sample:\n> x <- rnorm(3)\n> mode(x)\n[1] \"numeric\"\n",
        "The mode of what is on the search path:\n> mode(search())\n[1] \"character\"\n",
        'cube <- function(n) n^3\nThe mode of a cube:\n> mode(cube(2))\n[1] "numeric"\n',
    ):
        items, _ = _items(MODE, text)
        assert items == [], text


def test_an_ambiguous_or_unpredictable_output_gives_no_item() -> None:
    assert not stable_output("[1]", "1L")  # the value was lost on the page
    assert not stable_output("Error in sq(): object 'n' not found", "cube(2)")
    assert not stable_output("we could put", "z <- 0:9")  # prose, not an output
    assert not stable_output("<environment: 0x55d5c8a0>", "environment()")
    assert stable_output('[1] "integer"', "typeof(x)")


def test_an_echo_of_what_was_typed_asks_nothing() -> None:
    items, _ = _items(MODE, "The mode is stored with y.\n> y <- 4\n> y\n[1] 4\n")
    assert items == []


def test_options_never_hold_the_answers_value_under_another_form() -> None:
    options = [text for text, _ in plausible_outputs("[1] 5.5", ["5.5", "[1] 3"])]
    assert "5.5" not in options and "[1] 3" in options
    assert all(o != "[1] 5.5" for o in options)


def test_a_gnuplot_transcript_with_a_setting_before_is_fully_shown() -> None:
    text = ("gnuplot> set overflow NaN\n"
            "gnuplot> print 10**18, 10**19\n"
            "1000000000000000000 NaN\n")
    found = transcripts(text)
    assert [t.language for t in found] == ["gnuplot"]
    assert fully_shown(found[0], 1)


def test_a_shell_command_that_reads_files_is_not_fully_shown() -> None:
    assert not fully_shown(transcripts("$ cat configure.ac\nAC_INIT\n")[0], 0)
    assert not fully_shown(transcripts("$ ls x*\nx1\n")[0], 0)
    # which shell prints it is said in prose only; so is the command whose status $? reads
    assert not fully_shown(transcripts("$ echo hi | tr a-z A-Z\nHI\n")[0], 0)
    assert not fully_shown(transcripts("$ echo $?\n1\n")[0], 0)
    assert fully_shown(transcripts("$ bash -c 'f=\"a b\"; echo $f'\na b\n")[0], 0)


def test_an_input_with_a_quote_left_open_is_not_fully_shown() -> None:
    found = transcripts("> n() { echo \"$#$@\"; }; f=\" - \"; n - -'\n3- -\n")
    assert not fully_shown(found[0], 0)
    assert found[0].language == "the interpreter"  # no sign of R: not called R


def test_an_r_continuation_without_its_plus_is_read_as_input() -> None:
    found = transcripts("> incomes <- c(60, 49,\n61, 61)\n> length(incomes)\n[1] 4\n")
    assert found[0].steps[0].source == "incomes <- c(60, 49,\n61, 61)"
    assert found[0].steps[1].output == "[1] 4"
    assert fully_shown(found[0], 1)


def test_a_transcript_with_an_output_goes_to_the_concept_named_before_it() -> None:
    other = book_page("Nothing about the idea here.\n" * 3, page=9)
    page = book_page(INDEXING, page=10)
    concepts = [{"id": "index-matrix", "name": "index matrix", "aliases": []}]
    assert page in showcase_passages(concepts, [other, page])["index-matrix"]


ENCODING = Concept(id="encoding", name="encoding", definition="The encoding tells how "
                   "characters are stored as bytes.",
                   citations=[Citation(source="book.pdf", page=3)])


def test_a_result_stated_in_prose_after_a_binding_is_asked_with_the_binding() -> None:
    text = ("Under a utf8 encoding, the string functions count characters. For example\n"
            'utf8string = "abc"\n'
            "strlen(utf8string) returns 3 (number of characters, not number of bytes)\n")
    chunk = book_page(text)
    m = gather(ENCODING, ["encoding"], [chunk])
    items = write_stated_results(m, [chunk])
    assert [i.answer for i in items] == ["3"]
    item = items[0]
    assert item.prompt.startswith('After `utf8string = "abc"`, what does `strlen(utf8string)` '
                                  "return?")
    assert item.origin is ExerciseOrigin.WORKED_EXAMPLE and item.checked_by == "page"
    assert check_exercise(item, ENCODING, [chunk]).ok


def test_a_stated_result_refuses_hedges_hidden_names_and_a_result_given_in_the_case() -> None:
    assert stated_results("Check whether your system rounds down (-5/2 yields -3) or "
                          "towards zero (-5/2 yields -2).") == []
    assert stated_results("In this case strlen(s) returns 3.") == []  # s is shown nowhere
    assert stated_results("If z is a complex vector of length 100, then length(z) is "
                          "100.") == []  # the case gives the answer
    assert stated_results("For the standard normal, CDF(0) is 0.5.") == []  # of what?
    assert stated_results('s = "αβγ"\ns[2:2] evaluates to "β"\n') == []  # not typed
    found = stated_results("For example, words(\" a b c d\") returns 4.")
    assert [(code, value) for _, _, code, _, value in found] == [('words(" a b c d")', "4")]


def test_a_stated_result_showing_a_function_the_sentence_introduces_is_not_the_concepts(
) -> None:
    text = ("Hint: Use the encoding of the string. Also, the language provides a function "
            "called strlen that counts characters, so the value of strlen('abc') is 3.")
    chunk = book_page(text)
    assert stated_results(text)  # a fair case, but of strlen
    assert write_stated_results(gather(ENCODING, ["encoding"], [chunk]), [chunk]) == []


def test_a_line_at_the_prompt_followed_by_what_it_gives_is_a_stated_result() -> None:
    found = stated_results("Examples are\n> Inf - Inf\nwhich both give NaN since ...")
    assert [(code, value) for _, _, code, _, value in found] == [("Inf - Inf", "NaN")]


WORDS = Concept(id="word", name="word", definition="A word is a run of characters between "
                "spaces in a string.", citations=[Citation(source="book.pdf", page=3)])


def test_code_annotated_with_its_result_is_asked_with_the_lines_it_reads() -> None:
    text = ("The function words(s) counts each word of a string.\n"
            's = "one two three"\n'
            "n = 7\n"
            "print words(s) # 3\n")
    chunk = book_page(text)
    m = gather(WORDS, ["word"], [chunk])
    items = write_annotated_results(m, [chunk])
    assert [i.answer for i in items] == ["3"]
    item = items[0]
    assert 's = "one two three"\nprint words(s)\n```' in item.prompt
    assert "n = 7" not in item.prompt  # a line the result does not depend on
    assert item.origin is ExerciseOrigin.CODE_OUTPUT and item.checked_by == "page"
    assert check_exercise(item, WORDS, [chunk]).ok


def test_annotated_code_refuses_a_hidden_value_and_a_result_no_one_works_out() -> None:
    assert annotated_results('print word(s, 2) # "two"\n') == []  # s is bound nowhere
    # the time this format is applied to is told in prose only
    assert annotated_results('set format x "%A, %d %b %Y" # "Saturday, 25 Dec 1976"\n') == []
    found = annotated_results('set format y "%.0f%%"; set ytic(50) # "50%"\n')
    assert [(code, value) for _, _, code, value in found] == [
        ('set format y "%.0f%%"; set ytic(50)', '"50%"')]


def test_every_result_stated_on_a_page_reads_the_lead_naming_the_concept() -> None:
    lead = Chunk(id="book.pdf#p3-0", source="book.pdf", page=3, order=0,
                 text="Under a utf8 encoding, the string functions count characters.")
    page = Chunk(id="book.pdf#p4-0", source="book.pdf", page=4, order=1,
                 text='For example, strlen("abc") returns 3. Also nchar("ab") returns 2.')
    m = gather(ENCODING, ["encoding"], [lead, page])
    items = write_stated_results(m, [lead, page])
    assert [i.answer for i in items] == ["3", "2"]  # the second is near the lead too
    assert all(len(i.citations) == 2 for i in items)  # named only before the page turned


def test_a_result_shown_after_will_display_is_found_without_a_comment_and_read_afresh() -> None:
    text = "x = 3\nprint x + 1\nWill display:\n4\n"  # no "#": the capitalised cue still counts
    found = annotated_results(text)
    assert found == [(18, ["x = 3"], "print x + 1", "4")]
    found[0][1].append("y = 5")  # what a caller does with its copy stays with it
    assert annotated_results(text) == [(18, ["x = 3"], "print x + 1", "4")]
    assert annotated_results("x = 3\nprint x + 1\n4\n") == []  # nothing says it is shown


def test_what_an_item_shows_is_what_is_checked() -> None:
    from tutor.engine.offline.code_output.transcript_exercises import MAX_STEPS_SHOWN

    # x is bound by the first line; the session's last line reads it after 8 more lines
    lines = ["> x <- 40"] + [f"> y{n} <- {n}" for n in range(MAX_STEPS_SHOWN)]
    text = ("Each object has a mode, which the function mode reports.\n" + "\n".join(lines)
            + "\n> x * 2\n[1] 80\nR objects are often coerced to different types during "
            "computations.\n")
    [t] = transcripts(text)
    last = len(t.steps) - 1
    assert fully_shown(t, last)  # the whole session binds x
    assert not fully_shown(t, last, first=last + 1 - MAX_STEPS_SHOWN)  # the shown part does not
    items, _ = _items(MODE, text)
    assert all("> x * 2" not in item.prompt for item in items)  # x's binding out of sight
