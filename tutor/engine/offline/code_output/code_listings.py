"""The Python a book shows: sessions at the ``>>>`` prompt and the code listings around them.

A PDF loses the indentation of code ("def f():" and its body come out flush left) and sets
the output of a session on the lines after each statement, sometimes with the running text on
the same line. This module reads both back: a :class:`Session` is the statements typed at the
prompt with what the book shows after each; a :class:`Listing` is a definition (``def``,
``class``, ``import``) set as a block of code, with its indentation restored so that it runs.
Which names a statement uses and defines lets an exercise show only the code its last line
needs; the replay in the sandbox settles whether what was read back is right.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, wraps

from tutor.engine.offline.code_output.code_sandbox import tidy_quotes

PROMPT = ">>> "
MORE = "... "
MAX_OUTPUT_LINES = 3
MAX_LISTING_LINES = 20
REMEMBERED_STATEMENTS = 16384

_HEADER = re.compile(r"^\s*(?:def|class|if|elif|else|for|while|try|except|finally|with)\b.*:\s*"
                     r"(?:#.*)?$")
_DEDENTED = re.compile(r"^\s*(?:elif|else|except|finally)\b")
_ENDS_BLOCK = re.compile(r"^(?:return|break|continue|raise|pass)\b")
_OPENS = re.compile(r"^(?:def|class)\s+\w+|^(?:import|from)\s+\w+")
_LEADING_VALUE = re.compile(r"^\s*(-?\d+(?:\.\d+)?|True|False)\s+(?=[A-Z][a-z])")
"""A value at the start of a line of running text that opens with a capitalised word."""
_ERROR = re.compile(r"^(?:Traceback|[A-Z]\w*(?:Error|Exception)\b)")
_INTRODUCES = re.compile(r"^[A-Z][a-z]+(?:,?\s+[\w,]+){2,}:\s*$")
"""A short line of text ending in a colon: the book introducing the next statement."""


@dataclass
class Step:
    """One statement typed at the prompt and what the book shows after it."""

    source: str
    output: str


@dataclass
class Session:
    """Consecutive prompt lines in a passage, with where they start in its text."""

    steps: list[Step]
    start: int


@dataclass
class Listing:
    """A block of code that defines something, with where it starts in the passage."""

    source: str
    start: int


def reindent(lines: list[str]) -> str:
    """Flush-left code with its block structure restored: a line ending in ``:`` opens a
    block, ``else``/``elif``/``except``/``finally`` close one, so does a ``return`` (or
    ``break``...) inside a nested block, and a ``def`` or ``class`` after a body starts again
    at the left margin; an empty line ends every block. The replay checks the guess."""
    out: list[str] = []
    depth = 0
    ended = False
    for raw in lines:
        line = raw.strip()
        if not line:
            depth = 0
            continue
        if _DEDENTED.match(line) and not ended:
            depth = max(0, depth - 1)
        elif re.match(r"^(?:def|class)\b", line) and depth > 0 and out and not out[-1].rstrip(
                ).endswith(":"):
            depth = 0
        out.append("    " * depth + line)
        ended = False
        if _HEADER.match(line):
            depth += 1
        elif _ENDS_BLOCK.match(line) and depth > 1:
            depth -= 1  # what follows a return in the same block would never run
            ended = True
    return "\n".join(out) + ("\n" if depth else "")


def _offsets(lines: list[str]) -> list[int]:
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    return offsets


def looks_like_prose(line: str) -> bool:
    """A line of running text: six words or more, mostly plain words."""
    words = line.split()
    return len(words) >= 6 and sum(w.isalpha() for w in words) >= 0.7 * len(words)


def sessions(text: str) -> list[Session]:
    """The interactive sessions in a passage. Output lines are the lines after a statement up
    to the next prompt or the first line of prose; the replay settles what was misread."""
    found: list[Session] = []
    lines = text.split("\n")
    offsets = _offsets(lines)
    current: list[Step] = []
    start = 0
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.startswith(PROMPT.rstrip()):
            if current:
                found.append(Session(current, start))
                current = []
            i += 1
            continue
        if not current:
            start = offsets[i]
        source = [line[len(PROMPT):] if line.startswith(PROMPT) else ""]
        i += 1
        while i < len(lines) and lines[i].startswith(MORE.rstrip()):
            source.append(lines[i][len(MORE):])
            i += 1
        output: list[str] = []
        while (i < len(lines) and not lines[i].startswith(PROMPT.rstrip())
               and len(output) < MAX_OUTPUT_LINES):
            if any(output) and _INTRODUCES.match(lines[i]):
                break  # "To renormalize, call Normalize:": text leading to the next prompt
            if looks_like_prose(lines[i]):
                if not any(output) and _prints_nothing(source) and not _ERROR.match(lines[i]):
                    break  # an assignment or an import shows nothing but an error
                value = _LEADING_VALUE.match(lines[i])
                if not any(output) and value is not None:
                    # a value with running text on its line: "2 The bracket operator ..."
                    output.append(value.group(1))
                    break
                if output:
                    break  # prose after the output, or after a blank line
                # else the first line may be printed text ("And now for something ...")
            output.append(lines[i].rstrip())
            i += 1
        code = reindent(source) if len(source) > 1 else source[0]
        current.append(Step(tidy_quotes(code.rstrip("\n") if len(source) == 1 else code),
                            tidy_quotes("\n".join(output).strip())))
    if current:
        found.append(Session(current, start))
    return found


def _prints_nothing(source: list[str]) -> bool:
    """Whether a one-line statement is an assignment or an import, which the prompt follows
    with nothing."""
    body = parsed_statements(source[0]) if len(source) == 1 else None
    return bool(body) and all(isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign
                                         | ast.Import | ast.ImportFrom) for node in body or [])


def listings(text: str) -> list[Listing]:
    """The definitions set as code in a passage (not at the prompt): each block that starts
    with ``def``, ``class`` or ``import``, as long as it still parses once re-indented."""
    found: list[Listing] = []
    lines = text.split("\n")
    offsets = _offsets(lines)
    i = 0
    while i < len(lines):
        if not _OPENS.match(lines[i].strip()) or lines[i].startswith(PROMPT.rstrip()):
            i += 1
            continue
        last = i + 1  # the block runs at most to prose, a prompt or MAX_LISTING_LINES
        while last < min(len(lines), i + MAX_LISTING_LINES) and not (
                looks_like_prose(lines[last]) or lines[last].startswith(PROMPT.rstrip())):
            last += 1
        best: tuple[int, str] | None = None
        for end in range(last, i, -1):  # the longest block that parses (most often the whole)
            source = tidy_quotes(reindent(lines[i:end]))
            if parses(source):
                best = (end, source)
                break
        if best is None:
            i += 1
            continue
        found.append(Listing(best[1].rstrip("\n") + "\n", offsets[i]))
        i = best[0]
    return found


def _remembered(read: Callable[[str], set[str]]) -> Callable[[str], set[str]]:
    """``read`` worked out once per statement (the writers go over the same passages for
    every concept they name); each caller gets a copy of its own."""
    cached = lru_cache(maxsize=REMEMBERED_STATEMENTS)(lambda source: frozenset(read(source)))

    @wraps(read)
    def names(source: str) -> set[str]:
        return set(cached(source))

    return names


def parses(source: str) -> bool:
    return parsed_statements(source) is not None


def parsed_statements(source: str) -> list[ast.stmt] | None:
    """The top-level statements of ``source`` (``None`` when it is not Python)."""
    try:
        return ast.parse(source).body
    except (SyntaxError, ValueError):
        return None


def top_level_statements(source: str) -> list[str]:
    """The source's top-level statements as text (a decorated one with its decorators), or
    the whole source when it is not Python or holds one statement."""
    text = source.rstrip("\n")
    body = parsed_statements(text)
    if body is None or len(body) < 2:
        return [text]
    lines = text.split("\n")
    starts = [min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
              for node in body]
    ends = [*starts[1:], len(lines) + 1]
    return ["\n".join(lines[a - 1: b - 1]).rstrip("\n") for a, b in zip(starts, ends, strict=True)]


@_remembered
def defined_names(source: str) -> set[str]:
    """The names a statement binds at the top level (assignments, definitions, imports)."""
    names: set[str] = set()
    for node in parsed_statements(source) or []:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        else:
            for sub in ast.walk(node):
                if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
                    names.add(sub.id)
    return names


@_remembered
def changed_names(source: str) -> set[str]:
    """The names a statement changes in place: ``t[0] = 1``, ``p.x = 3``, ``t.append(4)``."""
    names: set[str] = set()
    for node in parsed_statements(source) or []:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AugAssign):
            targets = [node.target]
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            targets = [node.value.func]
        for target in targets:
            while isinstance(target, ast.Subscript | ast.Attribute):
                target = target.value
            if isinstance(target, ast.Name) and target is not node:
                names.add(target.id)
    return names - defined_names(source)


@lru_cache(maxsize=REMEMBERED_STATEMENTS)
def is_statement(source: str) -> bool:
    """Whether the source is a statement the prompt shows nothing for (not an expression);
    remembered, as the names a statement binds are."""
    try:
        compile(source, "<book>", "eval")
    except SyntaxError:
        return True
    return False


@_remembered
def used_names(source: str) -> set[str]:
    """The names a statement reads (anywhere inside it, function bodies included)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def at_prompt(source: str) -> str:
    """The source as typed at the interpreter: each top-level statement at its own prompt, a
    statement of several lines closed by an empty continuation line. A listing holding a
    class and then a function is two statements; shown under one prompt, the function would
    read as part of the class's block, which Python refuses."""
    return "\n".join(_one_prompt(statement) for statement in top_level_statements(source))


def _one_prompt(statement: str) -> str:
    return PROMPT + statement.replace("\n", "\n" + MORE) + ("\n..." if "\n" in statement else "")
