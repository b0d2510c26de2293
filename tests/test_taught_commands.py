"""Commands a tutorial teaches in running text and sessions ("Maxima can solve ... using the
ode2 command.", then ``(%i5) ode2(...);``) become concepts, cited where the prose explains
them; a name mentioned once, an English word the prose uses as a word, a name the book's own
code defines, and a name the map already has do not."""

from __future__ import annotations

from tests.factories import manual_pages
from tutor.course import Chunk
from tutor.engine.offline.concepts.candidates import read_sentences
from tutor.engine.offline.concepts.taught_commands import (
    TAUGHT_EVIDENCE,
    add_taught_commands,
    code_names,
    explaining,
    taught_commands,
)
from tutor.engine.offline.definitions.section_definitions import without_run_in
from tutor.engine.port import ConceptDraft

_ODE = ("Maxima can solve first and second order differential equations using the ode2 "
        "command. The result is the general solution of the equation.\n"
        "(%i5) ode2(x^2*diff(y,x) + 3*x*y = sin(x)/x, y, x);\n(%o5) y = (%c - cos(x))/x^3\n"
        "If ode2 cannot solve a given equation, it returns the value false.\n")
_MORE = ("The kill command removes values and functions from the system once they are no "
         "longer needed.\n(%i1) a : 3;\n(%o1) 3\n(%i2) kill(a);\n(%o2) done\n(%i3) a;\n"
         "(%o3) a\nAfter kill the name a has no value again, so kill frees names for reuse.\n"
         "(%i4) ode2(diff(y,x) = y, y, x);\n(%o4) y = %c*%e^x\n")


def _added(*pages: tuple[str, str], drafts: list[ConceptDraft] | None = None
           ) -> dict[str, ConceptDraft]:
    chunks = manual_pages(*pages)
    sentences, _ = read_sentences(chunks)
    found = taught_commands(drafts or [], sentences, chunks, set())
    assert all(TAUGHT_EVIDENCE in d.evidence for d in found)
    return {d.name: d for d in found}


def test_a_command_the_prose_explains_and_the_sessions_call_is_a_concept() -> None:
    found = _added(("5.1 Solving equations", _ODE), ("5.2 Clearing", _MORE))
    assert set(found) == {"ode2", "kill"}
    assert found["ode2"].definition.startswith("Maxima can solve first and second order")
    assert found["ode2"].citations[0].page == 1
    assert found["kill"].definition.startswith("The kill command removes values")
    assert found["kill"].citations[0].page == 2


def test_a_name_mentioned_once_or_only_under_a_condition_is_no_concept() -> None:
    once = ("The desolve command solves systems of linear equations.\n"
            "(%i1) desolve([f(x) = 1], [f(x)]);\n(%o1) [f(x) = x]\n(%i2) desolve(g, h);\n"
            "(%o2) g\n")
    conditional = ("If trigsimp cannot simplify the expression, it returns it unchanged.\n"
                   "(%i1) trigsimp(sin(x)^2 + cos(x)^2);\n(%o1) 1\n(%i2) trigsimp(u);\n"
                   "(%o2) u\nWhen trigsimp is slow, try something else.\n")
    assert _added(("1 Systems", once), ("2 Trig", conditional)) == {}


def test_a_name_the_book_code_defines_is_the_examples_not_a_command() -> None:
    page = ("The cube function returns the cube of its argument in this session.\n"
            "(%i1) cube(x) := x^3;\n(%o1) cube(x) := x^3\n(%i2) cube(2);\n(%o2) 8\n"
            "(%i3) cube(3);\n(%o3) 27\nThe cube function is then used below again.\n")
    chunks = manual_pages(("1 Functions", page))
    assert "cube" not in code_names(chunks, set())
    assert _added(("1 Functions", page)) == {}


def test_an_english_word_counts_only_where_the_prose_treats_it_as_code() -> None:
    assert explaining("The kill command removes values from the system at once.", "kill",
                      word=True) == 3
    assert explaining("The list elements can be named in several different ways.", "list",
                      word=True) == 0
    assert explaining("Parameters are matched to a function argument that is given.",
                      "argument", word=True) == 0
    assert explaining("Parameters are matched to a function argument that is given.",
                      "argument", word=False) == 2
    assert explaining("ode2 returns the general solution of the given equation.", "ode2") == 3
    assert explaining("You can request this output manually using the tex(expression) "
                      "command.", "tex", word=True) == 2


def test_names_that_differ_in_a_closing_number_are_one_family() -> None:
    page = ("For a first order equation, the initial condition can be given using ic1.\n"
            "(%i1) ic1(s, x = 0, y = 1);\n(%o1) y = 1\n"
            "For a second order equation, initial conditions can be given using ic2.\n"
            "(%i2) ic2(s, x = 0, y = 1, diff(y,x) = 0);\n(%o2) y = 1\n"
            "Both ic1 and ic2 return the particular solution of the equation.\n"
            "(%i3) ic1(t, x = 1, y = 2);\n(%o3) y = 2\n(%i4) ic2(t, x = 1, y = 2, z = 0);\n"
            "(%o4) y = 2\n")
    found = _added(("5.1 Conditions", page))
    assert list(found) == ["ic1"]
    assert found["ic1"].aliases == ["ic2"]


def test_a_command_the_map_already_has_adds_nothing_and_order_is_kept() -> None:
    chunks: list[Chunk] = manual_pages(("5.1 Solving equations", _ODE), ("5.2 Clearing", _MORE))
    sentences, _ = read_sentences(chunks)
    known = ConceptDraft(name="Equations", definition="An equation states equality.",
                         aliases=["ode2"], citations=[chunks[0].citation()], first_order=0)
    result = add_taught_commands([known], sentences, chunks, set())
    assert [d.name for d in result] == ["Equations", "kill"]


def test_a_heading_the_extraction_ran_into_the_sentence_is_cut() -> None:
    assert without_run_in("Using ode2 Maxima can solve equations using the ode2 command.",
                          ["ode2"]) == "Maxima can solve equations using the ode2 command."
    kept = "Integration can be performed by the function Integrate, which has two forms."
    assert without_run_in(kept, ["Integrate"]) == kept


def test_a_sentence_leaning_on_the_text_before_it_explains_nothing() -> None:
    assert explaining("This algorithm is implemented as the function BinaryFactors.",
                      "BinaryFactors") == 0
    assert explaining("Similarly, the command bc2 gives the solution at two points.",
                      "bc2") == 0
    assert explaining("Specifies behavior when redefining a package using defpackage.",
                      "defpackage") == 0
    assert explaining("The command bc2 gives the solution of a boundary problem.", "bc2") == 2


def test_a_sentence_pointing_elsewhere_explains_nothing() -> None:
    assert explaining("The function IntLog (see below) computes the integer part of a "
                      "logarithm.", "IntLog") == 0
    assert explaining("The eval function was introduced earlier in this chapter as a means "
                      "of evaluating calls.", "eval") == 0
    assert explaining("The function IntLog computes the integer part of a logarithm.",
                      "IntLog") == 2


def test_a_class_or_variable_the_book_code_defines_is_no_command() -> None:
    page = ("class Card:\n    pass\nweights = Card()\n"
            "Card(1) gives a card and weights(2) gives weights for the example below.\n"
            "deck = Card()\nhand = weights(3)\n")
    names = code_names(manual_pages(("1 Cards", page)), set())
    assert "Card" not in names and "weights" not in names


def test_a_name_used_as_a_modifier_is_not_said_to_be_used() -> None:
    assert explaining("You can use tuple comparison to sort the cards in a hand.",
                      "tuple") == 0
    assert explaining("You can use desolve to solve systems of linear equations.",
                      "desolve") == 1


def test_each_line_is_judged_code_or_prose_once_and_each_sentence_scored_once(monkeypatch
                                                                               ) -> None:
    from tutor.engine.offline.concepts import taught_commands as module

    judged: list[str] = []
    scored: list[tuple[str, str]] = []
    holds_code, explains = module.holds_code, module.explaining
    monkeypatch.setattr(module, "holds_code", lambda text: judged.append(text) or holds_code(text))
    monkeypatch.setattr(module, "explaining", lambda text, name, word=False: scored.append(
        (text, name)) or explains(text, name, word))
    chunks = manual_pages(("5.1 Solving equations", _ODE), ("5.2 Clearing", _MORE))
    sentences, _ = read_sentences(chunks)
    names = module.code_names(chunks, set())
    assert {"ode2", "kill"} <= set(names)
    lines = sum(len(c.text.split("\n")) for c in chunks)
    assert len(judged) == lines  # each line once, not twice
    judged.clear()
    found = {d.name for d in taught_commands([], sentences, chunks, set())}
    assert found == {"ode2", "kill"}
    assert len(scored) == len(set(scored))  # no sentence scored twice for one name
