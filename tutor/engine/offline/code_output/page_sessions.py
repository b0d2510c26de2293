"""Sessions the sandbox cannot replay, keyed to the page: code that needs the book's library.

A statistics or data book shows its own library at the prompt on a small literal case
("``hist = thinkstats2.Hist([1, 2, 2, 3, 5])``", then "``hist.Freq(2)``" and the ``2`` it
prints), explaining what each call does. The sandbox has no such library (it runs only the
standard one), so the replay cannot confirm the output; such a session is still a fair
"what does this show" item when nothing in it depends on anything but the page: every
value is built from literals shown in the item (no data file, no network, nothing random), a
call on the library itself is given what it works on, and the book prints a plain value (a
number, a truth value, a short literal) that the learner can work out from the explanation.
The key is then the book's output, and the item records that it was checked against the
page, not by execution. A session that needs only the standard library is never keyed this
way: it is replayed, and dropped when the replay differs (:mod:`code_exercises`).
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Sequence
from functools import lru_cache

from tutor.engine.offline.code_output.code_listings import parsed_statements

LIBRARIES_RUN = frozenset(sys.stdlib_module_names) | {"__future__"}
"""The modules the sandbox can import: the standard library only."""

_UNPREDICTABLE = re.compile(r"\b(?:unsorted|arbitrary|random(?:ly)?|no particular order|"
                            r"any order|unordered)\b", re.I)
"""What the text before a statement says when its output is no value to work out."""
_OUTSIDE = re.compile(r"rand|shuffle|read|load|open|fetch|url|file|path|download|now|time",
                      re.I)
"""Names of calls whose result depends on something beyond the literals shown: chance, a
file, the network, the clock."""
CONTEXT_CHARS = 200
"""How much of the text before a statement may say its output is unpredictable."""


def missing_libraries(sources: Sequence[str]) -> list[str]:
    """The modules the statements import that the sandbox does not have, in order."""
    missing: list[str] = []
    for source in sources:
        for tops in _imported(source):
            missing += [t for t in tops if t not in LIBRARIES_RUN and t not in missing]
    return missing


@lru_cache(maxsize=16384)
def _imported(source: str) -> tuple[tuple[str, ...], ...]:
    """The top-level modules each import of a statement names, in order; read once per
    statement (the writers ask of a session's statements for every concept it shows)."""
    found: list[tuple[str, ...]] = []
    for node in parsed_statements(source) or []:
        if isinstance(node, ast.Import):
            found.append(tuple(a.name.split(".")[0] for a in node.names))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module.split(".")[0],))
    return tuple(found)


def from_literals(sources: Sequence[str]) -> bool:
    """Whether every statement imports a module, or binds or shows a value computed only from
    literals and names bound before it in ``sources``: no loop, no definition, no call on a
    module that is given nothing to work on (``nsfg.ReadFemPreg()`` reads a file), no call
    whose name speaks of chance, files, the network or the clock."""
    bound: set[str] = set()
    modules: set[str] = set()
    for source in sources:
        body = parsed_statements(source)
        if not body:
            return False
        for node in body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = {(a.asname or a.name).split(".")[0] for a in node.names}
                bound |= names
                modules |= names
            elif isinstance(node, ast.Assign) and all(isinstance(t, ast.Name)
                                                      for t in node.targets):
                if not _computed(node.value, bound, modules):
                    return False
                bound |= {t.id for t in node.targets if isinstance(t, ast.Name)}
            elif isinstance(node, ast.Expr):
                if not _computed(node.value, bound, modules):
                    return False
            else:
                return False
    return True


_FILE_NAME = re.compile(r"^[\w./-]+\.[A-Za-z]{2,4}$")
"""A string naming a file ("wc.py", "2002FemPreg.dat"): what the code reads is not shown."""


def _computed(node: ast.expr, bound: set[str], modules: set[str]) -> bool:
    if isinstance(node, ast.Constant):
        return not (isinstance(node.value, str) and _FILE_NAME.match(node.value))
    if isinstance(node, ast.Name):
        return node.id in bound
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return all(_computed(e, bound, modules) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _computed(k, bound, modules) for k in node.keys) and all(
            _computed(v, bound, modules) for v in node.values)
    if isinstance(node, ast.Attribute):
        return not _OUTSIDE.search(node.attr) and _computed(node.value, bound, modules)
    if isinstance(node, ast.Subscript):
        return _computed(node.value, bound, modules) and _computed(node.slice, bound, modules)
    if isinstance(node, ast.Slice):
        return all(p is None or _computed(p, bound, modules)
                   for p in (node.lower, node.upper, node.step))
    if isinstance(node, ast.BinOp):
        return _computed(node.left, bound, modules) and _computed(node.right, bound, modules)
    if isinstance(node, ast.UnaryOp):
        return _computed(node.operand, bound, modules)
    if isinstance(node, ast.Compare):
        return all(_computed(e, bound, modules) for e in [node.left, *node.comparators])
    if isinstance(node, ast.Call):
        arguments = [*node.args, *(k.value for k in node.keywords)]
        if _on_module(node.func, modules) and not arguments:
            return False  # a library call given nothing: its data come from elsewhere
        if isinstance(node.func, ast.Name) and _OUTSIDE.search(node.func.id):
            return False
        return _computed(node.func, bound, modules) and all(
            _computed(a, bound, modules) for a in arguments)
    return False


def _on_module(func: ast.expr, modules: set[str]) -> bool:
    """Whether a call's function is an attribute of an imported module (``np.arange``),
    not a method of a value the session built (``pmf.Total``)."""
    while isinstance(func, ast.Attribute):
        func = func.value
    return isinstance(func, ast.Name) and func.id in modules


def page_value(output: str) -> str | None:
    """The book's output when it is a plain value the learner can type: one line holding a
    number, a truth value, a string or a short literal collection; ``None`` otherwise (a
    table, an object's address, an error, text the PDF ran into it)."""
    text = output.strip()
    if not text or "\n" in text:
        return None
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError):
        return None
    return text if _literal(tree.body) else None


def _literal(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return node.value is not None and not isinstance(node.value, bytes)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return isinstance(node.operand, ast.Constant)
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return all(_literal(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _literal(k) for k in node.keys) and all(
            _literal(v) for v in node.values)
    return False


def predictable(text_before: str) -> bool:
    """Whether the text just before a statement leaves its output to be worked out (not
    "Values returns an unsorted list ...")."""
    return not _UNPREDICTABLE.search(text_before[-CONTEXT_CHARS:])
