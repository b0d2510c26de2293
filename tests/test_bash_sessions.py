"""A Bash manual's sessions at the prompt: "In Bash, what does the last command print?", keyed
to the page, with the lines the command depends on and the session's other outputs as
options; refused when the shell is not known to be Bash, when the command reads what the
session does not show, or when the lines shown hold the key."""

from __future__ import annotations

from tests.factories import written_on_pages
from tutor.course import Chunk, Citation, Concept, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.code_output.bash_sessions import (
    binds,
    plain_step,
    reads,
    write_bash_sessions,
)
from tutor.engine.offline.writing.checking import check_exercise

SUBSTRING = Concept(id="substring-expansion", name="substring expansion",
                    definition="Substring expansion expands to up to length characters of the "
                    "value of parameter starting at the character specified by offset.",
                    citations=[Citation(source="m.pdf", page=1)])
BRACES = Concept(id="brace-expansion", name="brace expansion",
                 definition="Brace expansion is a mechanism by which arbitrary strings may be "
                 "generated.", citations=[Citation(source="m.pdf", page=1)])

SESSION = (
    "Bash expands the parameter. Here are some examples illustrating substring expansion "
    "on parameters:\n"
    "$ string=01234567890abcdefgh\n"
    "$ echo ${string:7}\n"
    "7890abcdefgh\n"
    "$ echo ${string:7:2}\n"
    "78\n"
    "$ echo ${string: -7:2}\n"
    "bc\n"
    "$ echo ${string: -7:-2}\n"
    "bcdef\n"
    "Substring expansion applied to an associative array produces undefined results.\n"
)


def _items(concept: Concept, *texts: str) -> tuple[list, list[Chunk]]:  # type: ignore[type-arg]
    return written_on_pages(write_bash_sessions, concept, *((concept.name, t) for t in texts))


def test_a_bash_session_asks_what_the_last_command_prints_with_the_other_lines_as_options() -> None:
    items, chunks = _items(SUBSTRING, SESSION)
    assert len(items) == 3  # spread over the session: the first, one between, the last
    first = items[0]
    assert first.kind is ExerciseKind.MULTIPLE_CHOICE
    assert first.origin is ExerciseOrigin.CODE_OUTPUT and first.checked_by == "page"
    assert first.prompt.startswith("In Bash, what does the last command print?")
    assert "$ string=01234567890abcdefgh\n$ echo ${string:7}\n" in first.prompt
    assert "${string:7:2}" not in first.prompt  # only the lines the command depends on
    assert first.answer == "7890abcdefgh"
    assert first.choices is not None and set(first.choices) - {first.answer} <= {
        "78", "bc", "bcdef"}
    assert [e.answer for e in items] == ["7890abcdefgh", "bc", "bcdef"]
    assert all(check_exercise(e, SUBSTRING, chunks).ok for e in items)


def test_a_bash_prompt_names_the_shell_and_a_brace_expansion_offers_other_orders() -> None:
    text = ("Brace expansions may be nested. The results of each expanded string are not "
            "sorted; left to right order is preserved. For example,\n"
            "bash$ echo a{d,c,b}e\nade ace abe\nA sequence expression takes a form.\n")
    items, chunks = _items(BRACES, text)
    assert [e.answer for e in items] == ["ade ace abe"]
    assert set(items[0].choices or []) == {"ade ace abe", "a{d,c,b}e", "adcbe", "ade"}
    assert check_exercise(items[0], BRACES, chunks).ok


def test_a_dollar_session_near_another_shell_is_not_asked() -> None:
    other = SESSION.replace("Bash expands the parameter.", "The Korn shell (ksh) expands it.")
    assert _items(SUBSTRING, other)[0] == []
    unnamed = SESSION.replace("Bash expands", "The shell expands")
    assert _items(SUBSTRING, unnamed)[0] == []  # nothing says which shell prints this


def test_a_command_reading_what_the_session_does_not_show_is_refused() -> None:
    unbound = SESSION.replace("$ string=01234567890abcdefgh\n", "")
    assert _items(SUBSTRING, unbound)[0] == []
    for command in ("echo ${@:0:2}", "echo $(date)", "echo ${HOME:1}", "echo $0",
                    "cat file | echo", "echo ~/x", "echo *.c"):
        assert not plain_step(command), command
    assert plain_step("echo ${string:7:2}") and plain_step(": ${var:=DEFAULT}")


def test_an_error_or_a_key_the_lines_shown_hold_gives_no_item() -> None:
    text = ("Bash substitutes the value. In substring expansion a negative length is an "
            "error here:\n"
            "$ v=123\n$ echo ${v-unset}\n123\n"
            "$ set -- 1 2 3\n$ echo ${@:1:-2}\nbash: -2: substring expression < 0\n"
            "That ends it.\n")
    assert _items(SUBSTRING, text)[0] == []


def test_a_session_over_a_page_break_shows_its_binding_and_cites_both_pages() -> None:
    head, tail = SESSION.split("$ echo ${string:7}\n", 1)
    items, chunks = _items(SUBSTRING, head.rstrip("\n"), "$ echo ${string:7}\n" + tail)
    assert items and "$ string=01234567890abcdefgh" in items[0].prompt
    assert [c.page for c in items[0].citations] == [2, 1]


def test_what_a_step_reads_and_binds() -> None:
    assert reads("echo ${string: -7:2} $1 ${#name}") == {"string", "@", "name"}
    assert binds("var=; : ${other:=x}; set -- a b") == {"var", "other", "@"}
