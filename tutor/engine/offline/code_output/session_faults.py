"""What makes a session item one a teacher would not give: one check per fault, shared by
every writer of "what does it show" items (transcripts of other interpreters, Python sessions,
results stated in prose).

Blind raters kept fewer than half of the session items on real manuals; their notes name the
faults this module checks:

- :func:`school_arithmetic`: the step is arithmetic on literals a learner works out without
  the manual (``3!``, ``2*3+4``, ``(+ 1 2)``, ``3+2``, ``MathAdd(2,3)``): the key is the
  exact integer value of the literals. A composed prefix expression (``(+ 1 (* 3 4))``) still
  asks for the notation a Lisp teaches; a result the system writes in its own way
  (``(/ 7.0 3.0)`` gives ``2.33333333333333``, ``(/ 15 2)`` gives ``15/2``) asks for the
  system's arithmetic, not the school's.
- :func:`definition_lines`: a name the step calls is given
  its meaning on the page before the session (``(define (average x y) ...)``, the rules
  ``10 # f(0) <-- 1;``, ``Postfix("lambs")``) but the prompt does not show it: the lines
  that define it are shown with the item, or the item is not written.
- :func:`undeclared_syntax`: operands set side by side (``grilled lambs``, ``5 lambs``) in an
  infix language parse only through an operator the session does not declare.
- :func:`acknowledgement`: the output only acknowledges a declaration (``True`` after
  ``Rule("f", 1, 10, n=0) 1;`` or ``Infix("had", 20)``): nothing to work out.
- :func:`version_bound`: the page says the output holds for one version ("Indeed, in Yacas
  version 1.0.51,"): a quirk, not a rule the manual teaches.
- :func:`plausible_beside`: a distractor taken from another output of the page is offered only
  when it has the key's shape (an integer beside an integer, a list of about as many elements);
  otherwise the answer is the one choice that looks like an answer.
- :func:`misreadings`: wrong answers a common misreading gives: the decimal for an exact
  fraction (``7.5`` for ``15/2``), the fraction for a float division, the exact sum for a
  result the system rounds.
- :func:`near_duplicate`: a line parallel to one already asked, with the same output
  (``assume(n+1>0, m+1>0)`` beside ``forget(n+1>0, m+1>0)``): one question asked twice.
- :func:`too_long_to_type`: a free answer that is a list of many values (``% = [0, 1/4,
  0]``) or a long expression nobody types as the system writes it.
"""

from __future__ import annotations

import ast
import logging
import math
import re
from collections.abc import Iterable
from fractions import Fraction

from tutor.answers import exact_number, number_kind

_SCHOOL_INFIX = re.compile(r"^[\d\s+\-*/^!().]+$")
"""Infix arithmetic on literals: digits, operators, parentheses, a factorial."""
_PREFIX = re.compile(r"^\(\s*([-+*/])\s+([^()]+)\)$")
"""One prefix operation on literals: ``(+ 1 2)``."""
_LITERAL_CALL = re.compile(r"^([A-Za-z_]\w*)\s*\(\s*(-?\d+(?:\s*,\s*-?\d+)+)\s*\)$")
"""A named function of integer literals: ``MathAdd(2,3)``."""
ACKNOWLEDGEMENTS = frozenset({"true", "t", "#t", "ok", "done"})
"""What an interpreter answers to a declaration it accepted."""
_DECLARES = re.compile(r"\b[A-Za-z_]\w*\s*\(\s*\"[^\"]+\"|<--|:=|\(\s*def\w*\s|^\s*\[")
"""A step that declares: a call given a quoted name (``Infix("had", 20)``), a rule (``<--``),
a definition (``:=``, ``(define ...``), a block of statements (``[ ...; ]``)."""
_VERSION = re.compile(r"\b(?:in|with|under)\s+(?:[A-Z]\w*\s+)?(?:version|release)\s*"
                      r"\d+(?:\.\d+)+[^.:;]*$", re.I)
"""What one version does ("Indeed, in Yacas version 1.0.51," right before the session); a
feature's availability ("possible (as of version 1.0.53) by ...") says nothing of the output."""
VERSION_WINDOW = 160
"""How much of the text before a session may say the output holds for one version."""
MAX_TYPED_ELEMENTS = 3
SHORT_DECIMALS = 2
MAX_DEFINITION_LINES = 4

LOGGER = logging.getLogger("tutor.engine.offline.code_output.session_faults")
SCHOOL_ARITHMETIC = "school arithmetic on literals"
OUT_OF_SIGHT = "a name defined on the page out of the item's sight"
UNDECLARED_SYNTAX = "operands side by side, their operator declared out of sight"
ACKNOWLEDGEMENT = "an output that only acknowledges a declaration"
VERSION_BOUND = "an output the page ties to one version"
IMPLAUSIBLE = "a distractor of another shape than the key"
TOO_LONG = "a free answer too long to type"
NEAR_DUPLICATE = "the same question on a parallel line"


def left_out(fault: str, source: str) -> None:
    """Log that a session item on ``source`` is not written for ``fault`` (at ``INFO``, so a
    build run with :data:`LOGGER` on can count the faults); the log changes nothing."""
    LOGGER.info("session item left out: %s: %s", fault, source)


def _integers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


_OPERATORS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
              ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b if b else None}
MAX_POWER = 64


def _worked(node: ast.expr) -> Fraction | None:
    """The exact value of an arithmetic expression on number literals (``fact(n)`` a
    factorial, powers kept small), or ``None`` for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and (
            not isinstance(node.value, bool)):
        return Fraction(str(node.value))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _worked(node.operand)
        return None if value is None else (-value if isinstance(node.op, ast.USub) else value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and (
            node.func.id == "fact" and len(node.args) == 1):
        value = _worked(node.args[0])
        if value is None or value.denominator != 1 or not 0 <= value <= 20:
            return None
        return Fraction(math.factorial(int(value)))
    if isinstance(node, ast.BinOp):
        left, right = _worked(node.left), _worked(node.right)
        if left is None or right is None:
            return None
        if isinstance(node.op, ast.Pow):
            if right.denominator != 1 or abs(right) > MAX_POWER or abs(left) > 10**6 or (
                    right < 0 and not left):
                return None
            return Fraction(left) ** int(right)
        operation = _OPERATORS.get(type(node.op))
        return None if operation is None else operation(left, right)
    return None


def _evaluated(code: str) -> Fraction | None:
    try:
        tree = ast.parse(code, mode="eval")
    except SyntaxError:
        return None
    return _worked(tree.body)


def _school_value(expression: str) -> Fraction | None:
    """The exact value of infix arithmetic on integer literals (``^`` a power, ``n!`` a
    factorial), or ``None`` when it is no such expression."""
    code = expression.strip().rstrip(";$").strip()
    if not code or not _SCHOOL_INFIX.match(code) or "." in code or "**" in code:
        return None  # ``6**2``: a language's own notation, what its book teaches
    return _evaluated(re.sub(r"(\d+)\s*!", r"fact(\1)", code).replace("^", "**"))


def _as_fraction(text: str) -> Fraction | None:
    return exact_number(text.strip().rstrip(";").strip())


def school_arithmetic(source: str, key: str) -> bool:
    """Whether the step only asks school arithmetic on literals: its key is the integer its
    literals make under ordinary arithmetic (an infix expression, one prefix operation, or a
    named function of integers whose sum, difference, product or quotient is the key)."""
    value = _as_fraction(key)
    if value is None or value.denominator != 1 or not re.fullmatch(r"-?\d+;?", key.strip()):
        return False  # a result the system writes its own way asks for the system
    code = source.strip().rstrip(";$").strip()
    school = _school_value(code)
    if school is not None:
        return school == value
    prefix = _PREFIX.match(code)
    if prefix is not None and re.fullmatch(r"(?:-?\d+\s*)+", prefix.group(2).strip()):
        operands = _integers(prefix.group(2))
        return value in _operations(operands)
    call = _LITERAL_CALL.match(code)
    if call is not None:
        return value in _operations([int(n) for n in re.findall(r"-?\d+", call.group(2))])
    return False


def _operations(operands: list[int]) -> set[Fraction]:
    """What the basic operations make of the operands, in order."""
    if not operands:
        return set()
    total, product = Fraction(operands[0]), Fraction(operands[0])
    difference, quotient = Fraction(operands[0]), Fraction(operands[0])
    for n in operands[1:]:
        total += n
        product *= n
        difference -= n
        quotient = quotient / n if n else quotient
    return {total, product, difference, quotient}


def acknowledgement(source: str, key: str) -> bool:
    """Whether the output only acknowledges a declaration the step makes: ``True`` after a
    rule, a definition, a call given a quoted name, a block of statements."""
    return key.strip().rstrip(";").strip().lower() in ACKNOWLEDGEMENTS and (
        _DECLARES.search(source) is not None)


def undeclared_syntax(source: str, declared: str = "") -> bool:
    """Whether the step sets two operands side by side (``grilled lambs``, ``5 lambs``): in an
    infix language that parses only through an operator a declaration (in ``declared``, the
    lines shown before it) gave; a Lisp's prefix lists are exempt."""
    code = re.sub(r'"[^"\n]*"', '""', source.strip())
    if code.startswith("(") or not re.search(r"[(,=+*/^]|:=", code + " ="):
        return False
    pair = re.search(r"(?<![\w.#])(?:[A-Za-z_]\w*|\d+)\s+([A-Za-z_]\w*)\b(?!\s*\()", code)
    if pair is None:
        return False
    return not re.search(rf"\"{re.escape(pair.group(1))}\"", declared)


def version_bound(text_before: str) -> bool:
    """Whether the text just before a session says its output holds for one version."""
    return _VERSION.search(text_before[-VERSION_WINDOW:]) is not None


def _definition_pattern(name: str) -> re.Pattern[str]:
    n = re.escape(name)
    return re.compile(
        rf"^(?:\S+>\s*|In>\s*)?(?:\d+\s*#\s*)?{n}\s*\([^\n]*\)\s*(?:<--|:=|=(?!=))|"
        rf"\(\s*(?:define|defun|defmacro|defvar|defparameter)\s+\(?\s*{n}(?![\w?!*-])|"
        rf"\b[A-Za-z_]\w*\s*\(\s*\"{n}\"", re.M)


def definition_lines(names: Iterable[str], text_before: str) -> list[str] | None:
    """The lines of ``text_before`` (the page before the session) that define ``names``, as
    the page shows them (a Lisp form with the lines it runs on to), or ``None`` when a name is
    defined there in more than :data:`MAX_DEFINITION_LINES` lines; ``[]`` when none is."""
    lines = text_before.split("\n")
    found: list[int] = []
    for name in names:
        pattern = _definition_pattern(name)
        at = [i for i, line in enumerate(lines) if pattern.search(line)]
        if not at:
            continue
        last = at[-1]  # the definition nearest the session, and the lines right above it
        run = [last]
        while run[0] > 0 and pattern.search(lines[run[0] - 1]):
            run.insert(0, run[0] - 1)
        for i in run:
            end = i
            while (lines[i:end + 1] and "\n".join(lines[i:end + 1]).count("(") >
                   "\n".join(lines[i:end + 1]).count(")") and end + 1 < len(lines)):
                end += 1
            found += range(i, end + 1)
    chosen = sorted(set(found))
    if len(chosen) > MAX_DEFINITION_LINES:
        return None
    return [lines[i].strip() for i in chosen]


def _elements(value: str) -> int:
    inner = re.sub(r"^[^\[{(]*", "", value)
    if not inner:
        return 1
    depth, count = 0, 1
    for ch in inner:
        if ch in "[{(":
            depth += 1
        elif ch in "]})":
            depth -= 1
        elif ch in ",;" and depth == 1:
            count += 1
    return count


def _shape(value: str) -> tuple[str, int]:
    text = re.sub(r"^%\d*\s*=\s*", "", value.strip().rstrip(";").strip())
    kind = number_kind(text)
    if kind:
        return kind, 1
    if text[:1] in "[{(":
        return f"collection{text[:1]}", _elements(text)
    return "expression", 1


def plausible_beside(key: str, other: str) -> bool:
    """Whether another output of the page could pass for the key's: a number of the same
    kind (a whole number beside a decimal only when the decimal has at most
    :data:`SHORT_DECIMALS` places or the number is the decimal rounded: ``6`` beside ``5.5``,
    ``1`` beside ``1.0000009536``, not ``3`` beside ``2.345567``), a
    collection of the same bracket and of elements at most twice or half as many, an
    expression beside an expression."""
    kind, size = _shape(key)
    other_kind, other_size = _shape(other)
    numbers = {kind, other_kind}
    if numbers == {"integer", "decimal"}:
        decimal, whole = (key, other) if kind == "decimal" else (other, key)
        number = re.sub(r"^%\d*\s*=\s*", "", decimal).strip().rstrip(";")
        if len(number.split(".")[1]) <= SHORT_DECIMALS:
            return True
        whole_value = _as_fraction(whole)
        return whole_value is not None and round(float(number)) == whole_value  # rounded
    return kind == other_kind and max(size, other_size) <= 2 * min(size, other_size)


def misreadings(source: str, key: str, bound: dict[str, str] | None = None
                ) -> list[tuple[str, str]]:
    """Wrong answers a common misreading of ``source`` gives, each with the slip: the decimal
    for an exact fraction, the fraction for a float division of two literals, the full value
    of arithmetic on shown decimals the system rounds (``x+1.111`` after ``x:=1.23456789``)."""
    value = key.strip().rstrip(";").strip()
    found: list[tuple[str, str]] = []
    fraction = exact_number(value) if number_kind(value) == "fraction" else None
    if fraction is not None:
        found.append((f"{float(fraction):.10g}", "expects a decimal where the system keeps "
                      "the exact fraction"))
        found.append((str(math.floor(fraction)), "expects integer division to drop the "
                      "remainder"))
    literals = re.findall(r"(?<![\w.])(\d+)(?:\.0+)?(?![\w.])", source)
    decimal = number_kind(value) == "decimal"
    if decimal and "/" in source and len(literals) == 2 and int(literals[1]):
        exact = Fraction(int(literals[0]), int(literals[1]))
        if exact.denominator != 1:
            found.append((f"{exact.numerator}/{exact.denominator}", "expects an exact fraction "
                          "from a division"))
            found.append((str(exact.numerator // exact.denominator),
                          "expects integer division to drop the remainder"))
    if decimal and bound:
        code = source.strip().rstrip(";")
        for name, literal in bound.items():
            code = re.sub(rf"(?<![\w.]){re.escape(name)}(?![\w.])", literal, code)
        full = _evaluated(code) if re.fullmatch(r"[\d.\s+\-*]+", code) else None
        if full is not None and f"{float(full):.12g}" != value:
            found.append((f"{float(full):.12g}", "forgets the precision the system works to"))
    return found


def too_long_to_type(key: str) -> bool:
    """Whether a free answer asks to type a list of many values as the system writes it."""
    kind, size = _shape(key)
    return kind.startswith("collection") and size > MAX_TYPED_ELEMENTS


def _skeleton(source: str) -> str:
    return re.sub(r"[A-Za-z_]\w*", "n", re.sub(r"\d+(?:\.\d+)?", "0", "".join(source.split())))


def near_duplicate(source: str, key: str, asked: Iterable[tuple[str, str]]) -> bool:
    """Whether a line of the same form as one already ``asked`` (source and output pairs),
    names and numbers aside, gives the same output."""
    value = " ".join(key.split())
    return any(_skeleton(other) == _skeleton(source) and " ".join(output.split()) == value
               for other, output in asked)
