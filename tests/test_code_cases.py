"""Contrasts asked on the book's code: the block a lead names as one idea, shown without its
lead, "Is the missing idea X or Y?"."""

from __future__ import annotations

from tests.factories import book_page
from tutor.answers import CASE_ASKED, CASE_SHOWS
from tutor.course import Citation, Concept, ExerciseOrigin
from tutor.engine.offline.code_output import code_sandbox
from tutor.engine.offline.contrasts.code_cases import code_cases
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.exercises import write_exercises

CALL = ("We have already seen one example of a function call:\n>>> type(42)\n<class 'int'>\n"
        "The name of the function is type. The expression in parentheses is called the "
        "argument of the function.")


def _cases(text: str, name: str, rival: str) -> list[str]:
    return [c.code for c in code_cases(book_page(text), term_variants(name),
                                       term_variants(rival))]


def test_the_code_a_lead_names_as_the_idea_is_its_case() -> None:
    assert _cases(CALL, "function call", "function definition") == [
        ">>> type(42)\n<class 'int'>"]
    # "Here is an example:" after a sentence that opens with the idea; the indentation the
    # PDF lost comes back, a printed line of plain words stays in the code
    bare = ("A function definition specifies the name of a new function and the statements "
            "that run when it is called.\nHere is an example:\ndef print_lyrics():\n"
            "print(\"I'm a lumberjack, and I'm okay.\")\n"
            "print(\"I sleep all night and I work all day.\")\n"
            "def is a keyword that indicates that this is a function definition, and the rest "
            "of the header names it.")
    # the code the book rewrites "using a X"
    using = ("We can write this more concisely using a list comprehension:\n"
             "def capitalize_all(t):\nreturn [s.capitalize() for s in t]\n"
             "The bracket operators indicate that we are constructing a new list.")
    assert _cases(using, "list comprehension", "generator expression") == [
        "def capitalize_all(t):\n    return [s.capitalize() for s in t]"]
    assert _cases(bare, "function definition", "function call") == [
        "def print_lyrics():\n    print(\"I'm a lumberjack, and I'm okay.\")\n"
        "    print(\"I sleep all night and I work all day.\")"]


def test_no_case_where_the_lead_or_the_code_gives_the_answer_or_names_something_else() -> None:
    # the lead names the list as what the function takes, not as what the code is
    takes = ("Here is a function that takes a list as its argument:\ndef first(t):\n"
             "return t[0]\nThe function returns the first element of the list it is given.")
    assert _cases(takes, "list", "tuple") == []
    # the lead names the rival too
    both = ("Here is an example of a function call, not a function definition:\n"
            ">>> type(42)\n<class 'int'>\nThe name of the function is type, as you can see.")
    assert _cases(both, "function call", "function definition") == []
    # the code's first word answers "for or while"
    loop = ("Here is an example of a for loop:\nfor i in range(4):\nprint(i)\n"
            "The body of the loop runs once for each of the values the range gives.")
    assert _cases(loop, "for loop", "while loop") == []
    # the passage ends inside the code: it may go on on the next page
    cut = "We have already seen one example of a function call:\n>>> type(42)"
    assert _cases(cut, "function call", "function definition") == []


def _concept(name: str, definition: str) -> Concept:
    return Concept(id=name.replace(" ", "-"), name=name, definition=definition,
                   citations=[Citation(source="book.pdf", page=3)])


def test_a_pair_no_sentence_shows_at_work_is_asked_on_the_code(monkeypatch) -> None:
    monkeypatch.setattr(code_sandbox, "replay", lambda statements: None)  # no process
    call = _concept("function call", "A function call is a statement that executes a function "
                    "on the values in parentheses.")
    definition = _concept("function definition", "A function definition is a statement that "
                          "creates a new function, specifying its name, parameters, and the "
                          "statements it runs.")
    page = book_page(f"{call.definition} {definition.definition}\n{CALL}")
    items = [e for e in write_exercises(call, [definition], [page])
             if e.origin is ExerciseOrigin.CONTRAST]
    assert len(items) == 1
    item = items[0]
    assert "```python\n>>> type(42)\n<class 'int'>\n```" in item.prompt
    assert "example of a function call" not in item.prompt  # the lead is left out
    asked = CASE_ASKED.search(item.prompt)
    assert asked is not None and {asked["first"], asked["second"]} == {
        "function call", "function definition"}
    assert item.key_points[0] == f"function call: {CASE_SHOWS} function call"
    assert item.answer.startswith("Function call.")
    assert item.tests_use


def test_code_is_asked_only_between_alternatives_of_one_kind(monkeypatch) -> None:
    """Code defining a function is a function definition and may be a pure function too: a
    statement and a function are no alternatives for it."""
    monkeypatch.setattr(code_sandbox, "replay", lambda statements: None)
    definition = _concept("function definition", "A function definition is a statement that "
                          "creates a new function, specifying its name, parameters, and the "
                          "statements it runs.")
    pure = _concept("pure function", "A pure function is a function that does not modify any "
                    "of the objects it receives as arguments.")
    page = book_page(f"{definition.definition} {pure.definition}\nA function definition "
                     "specifies the name of a new function and the statements that run when "
                     "it is called.\nHere is an example:\ndef print_lyrics():\n"
                     "print(\"I'm a lumberjack, and I'm okay.\")\n"
                     "The statements inside the function do not run until it is called.")
    items = write_exercises(definition, [pure], [page]) + write_exercises(pure, [definition],
                                                                         [page])
    assert not any("print_lyrics" in e.prompt for e in items)
