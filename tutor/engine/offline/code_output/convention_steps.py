"""Which steps of a session read under a book's own prompt convention a question may ask.

A step of such a session (:mod:`prompt_conventions`) is keyed to the page only, like any
transcript of another interpreter, so it is asked only when the page shows all it works on
(:func:`convention_fully_shown`): every name it reads is bound by an earlier step shown with
it, or is a free symbol of a computer-algebra system (it comes back as itself in the output:
``expand((x+1)^2)`` gives ``x^2+2*x+1``); an earlier output it refers to (``%``, ``%o2``,
``D2``, ``%2``) is a step shown; nothing it calls depends on chance, files, the clock or
what it prints on the way; no function it calls is defined on the page out of sight; and in
a numbered session no input is missing between the steps it depends on (the numbers tell).

The output must be a short value the learner can work out (:func:`convention_output`): one
line, a PDF's minus sign read as ``-``, nothing a PDF broke out of typeset mathematics (a
display's fraction or power set on separate lines comes back as ``9 4`` or ``x 2``), and no
word the code or the system's values do not hold (:func:`transcripts.stable_output`).
"""

from __future__ import annotations

import re

from tutor.engine.offline.code_output.prompt_conventions import (
    PromptConvention,
    convention_transcripts,
)
from tutor.engine.offline.code_output.transcripts import Transcript, stable_output

MAX_OUTPUT_CHARS = 60
"""Longest output a question may ask for."""

_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_NAME = re.compile(r"(?<![\w%'’.])(?P<name>[A-Za-z_][\w]*)(?![\w])")
_CALL = re.compile(r"(?<![\w%])(?:(?P<name>[A-Za-z_][\w-]*)\s*\(|\(\s*(?P<head>[A-Za-z_][\w:-]*))")
"""A call: ``name(`` in most languages, ``(name`` in a Lisp."""
_BINDS = re.compile(r"(?<![\w%])([A-Za-z_][\w]*)\s*(?:\[[^\]]*\]\s*)?(?:\([^()]*\)\s*)?"
                    r"(?:::?=|:(?![:=])|=(?![=>])|<-)")
"""A name the step binds: ``a:9/4``, ``f(x):=x^2``, ``r:=...``, ``x = 3``, ``x <- 1``."""
_LISP_BINDS = re.compile(r"\(\s*(?:defvar|defparameter|defconstant|setq|setf|defun|"
                         r"defmacro|let\*?\s*\(\s*\()\s+([^\s()]+)", re.I)
_PREVIOUS = re.compile(r"(?<![\w%])%(?![\w%])")
"""The previous output (``%`` in Maxima and Yacas)."""
OUTSIDE = re.compile(r"rand|shuffle|read|load|open|file|url|fetch|time|date|clock|now|"
                     r"system|getenv|elapsed|gensym|batch|input|print|display|echo|write|"
                     r"plot|draw|show|describe|run|exit|quit|save|demo|example", re.I)
"""Calls whose result or output depends on more than their arguments: chance, files, the
clock, the machine, what they print on the way, a window they draw in."""
_TYPESET = re.compile(r"\d\s+\d|(?<![A-Za-z_.])[A-Za-z]\w*\s+\d")
"""What typeset mathematics leaves once the PDF flattens it: a fraction's two numbers side by
side (``9 4`` for 9/4), a power's exponent after its base (``x 2``)."""
VALUE_WORDS = frozenset("true false nil t inf minf und infinity undefined".split())
"""Values computer-algebra systems and Lisps print that the code need not hold."""


def _code(source: str) -> str:
    return _STRING.sub('""', source)


def bound_names(source: str) -> set[str]:
    """The names a step binds (assignment targets, a defined function's name, a Lisp's
    ``defvar``/``setq``/``defun``) and the parameters of a function it defines."""
    code = _code(source)
    names = {m.group(1) for m in _BINDS.finditer(code)}
    names |= {m.group(1) for m in _LISP_BINDS.finditer(code)}
    for head in re.finditer(r"[A-Za-z_]\w*\s*\(([^()]*)\)\s*:=", code):
        names |= {p.strip() for p in head.group(1).split(",") if p.strip()}
    return names


def called_names(source: str) -> set[str]:
    return {m.group("name") or m.group("head") for m in _CALL.finditer(_code(source))}


def read_names(source: str) -> set[str]:
    """The names a step reads as values: not a call, not a string's words."""
    code = _code(source)
    return {m.group("name") for m in _NAME.finditer(code)
            if not re.match(r"\s*\(", code[m.end():])} - called_names(source)


def _number(label: str) -> int | None:
    found = re.search(r"\d+", label)
    return int(found.group()) if found else None


def convention_fully_shown(t: Transcript, index: int, page_text: str = "",
                           first: int = 0) -> bool:
    """Whether step ``index`` works only on what the steps it depends on among ``first`` ..
    ``index`` show (:func:`needed_steps`)."""
    needed = needed_steps(t, index, first)
    convention = t.convention
    reference = ""
    if convention is not None and convention.output_label:
        reference = re.sub(r"[()\s=]", "", convention.output_label).replace("#", "")
    bound: set[str] = set()
    for i in needed:
        step = t.steps[i]
        code = _code(step.source)
        if any(OUTSIDE.search(name) for name in called_names(step.source)) or any(
                code.count(o) != code.count(c) for o, c in ("()", "[]", "{}")):
            return False  # chance, files, the clock; or an input not all shown
        numbers = [int(n) for n in re.findall(
            rf"(?<![\w%]){re.escape(reference)}(\d+)\b", code)] if reference else []
        if _PREVIOUS.search(code) and (i == first or not shown_value(t, i - 1, code) or (
                _number(step.label) or 1) - 1 != (_number(t.steps[i - 1].label) or 0)):
            return False  # the output it works on is not shown
        values = {_number(s.label) for j, s in enumerate(t.steps[first:i], first)
                  if shown_value(t, j, s.source)}
        if any(n not in values for n in numbers):
            return False  # an output it refers to is not shown
        own = bound_names(step.source)
        free = {n for n in read_names(step.source) - own - bound
                if not (reference and re.fullmatch(rf"{re.escape(reference)}\d+", n))}
        if free - set(re.findall(r"[A-Za-z_]\w*", step.output)):
            return False  # a name bound out of sight, not a free symbol
        bound |= own
    if len(needed) > 1 and convention is not None and convention.numbered:
        shown = [_number(s.label) for s in t.steps[needed[0]: index + 1]]
        if any(b is None or a is None or b != a + 1 for a, b in zip(shown, shown[1:],
                                                                    strict=False)):
            return False  # an input between them is not shown
    for name in called_names(t.steps[index].source) - bound:
        if re.search(rf"(?<![\w]){re.escape(name)}\s*\([^()]*\)\s*:=|\(\s*defun\s+"
                     rf"{re.escape(name)}\b", page_text, re.I):
            return False  # defined on the page out of the session's sight
    return True


_BINDING = re.compile(r"^\s*(?:[A-Za-z_]\w*\s*(?:\[[^\]]*\]\s*)?(?:\([^()]*\)\s*)?"
                      r"(?:::?=|:(?![:=])|=(?![=>])|<-)|\(\s*(?:def\w*|setq|setf)\s)")
"""A step that binds a name or defines a function: what the system answers is an
acknowledgement (``True``, the name) or the value typed, no result to work out."""


_TRIVIAL = re.compile(r"^\s*\d\s*[-+*]\s*\d\s*[;$]?\s*$")
"""Sums and products of two digits (``2+2;``): a system's first session, nothing to ask."""


def needed_steps(t: Transcript, index: int, first: int = 0) -> list[int]:
    """The steps from ``first`` that step ``index`` depends on (those binding a name it
    reads or calls, those whose output it refers to, and theirs in turn), itself, and every
    step between them (one of them may change what the others bound: ``C::B``)."""
    wanted = {index}
    for i in range(index, first - 1, -1):
        if i not in wanted:
            continue
        step = t.steps[i]
        uses = read_names(step.source) | called_names(step.source)
        previous = _PREVIOUS.search(_code(step.source)) is not None
        numbers = {int(n) for n in re.findall(r"(?<![\w])[A-Za-z%]{1,2}(\d+)\b", step.source)}
        for j in range(first, i):
            other = t.steps[j]
            if bound_names(other.source) & uses or (previous and j == i - 1) or (
                    _number(other.label) in numbers):
                wanted.add(j)
    return list(range(min(wanted), index + 1))  # and every step between: one may rebind


def convention_output(t: Transcript, index: int, shown: str) -> str | None:
    """The step's output as a question's key (a PDF's minus sign read as ``-``), or ``None``
    when it is no short value the ``shown`` code determines."""
    if _BINDING.match(t.steps[index].source) or _TRIVIAL.match(t.steps[index].source):
        return None
    return shown_value(t, index, shown)


def shown_value(t: Transcript, index: int, shown: str) -> str | None:
    """The step's output when it is a short value the ``shown`` code determines, else
    ``None`` (what the PDF made of typeset mathematics, a line of prose run into it)."""
    output = t.steps[index].output.replace("\u2212", "-").strip()
    if not output or "\n" in output or len(output) > MAX_OUTPUT_CHARS:
        return None
    if t.convention is not None and t.convention.typeset and (_TYPESET.search(output) or (
            called_names(output) & (read_names(t.steps[index].source) - called_names(
                t.steps[index].source)))):
        return None  # "f(4,6)" for f passed on: a superscript the PDF set on the line
    return output if stable_output(output, shown, True, VALUE_WORDS) else None


def answerable_convention_starts(text: str, conventions: list[PromptConvention]) -> list[int]:
    """Where the passage's sessions under the book's conventions start that show an output
    a question could ask for: those a concept's showcases should carry."""
    return [t.start for t in convention_transcripts(text, conventions)
            if any(convention_output(t, i, s.source) for i, s in enumerate(t.steps))]
