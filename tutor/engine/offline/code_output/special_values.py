"""What a function gives on special values, as a numerics manual states it: "mpfr_sin on −0
gives −0", "atan2(-0, +0) returns −0".

A floating-point library's manual works its rules for signed zeros, infinities and NaN
through cases, in prose ("for example, mpfr_sin on −0 gives −0 and mpfr_acos on 1 gives +0";
"mpfr_sqrt on −17 gives NaN") or in lists ("• pow(-Inf, y) returns −0 for y a negative odd
integer."). Each case is a call the learner can work out from the rules (the limit from the
side the zero comes from, the sign of the result, NaN outside the domain): the item shows the
call (and the list's condition on its other argument) and asks for the result, keyed to the
value the manual states (origin ``worked_example``, checked against the page).

Only a case whose result is one special or small value (``+0``, ``−Inf``, ``NaN``, ``+π/2``,
``1``) and whose arguments are literals or named in the condition; a case with ``±`` (two
cases in one), a hedge, or a call the text gives two results for is refused.

The options are the same value with the other sign (the slip the rules for signed zeros are
about), the results the manual states for the neighbouring cases of the same list or sentence
(each for another input), and the special values themselves; none equals the key.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tutor.course import Chunk, Citation, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.terms import mentions
from tutor.engine.offline.writing.exercise_material import Material, item_seed, with_leads

MAX_ITEMS = 3
NEAR_TEXT_CHARS = 400
"""The concept must be named this close before the case, in its heading or the call."""
MAX_DISTRACTORS = 3
MIN_DISTRACTORS = 2

_VALUE = r"[+\-−]?(?:\d*π(?:/\d+)?|Inf|NaN|\d+(?:\.\d+)?)"
_ARGUMENT = r"[+\-−]?(?:Inf|NaN|\d+(?:\.\d+)?|[a-z])"
_ON = re.compile(
    rf"(?<![\w.])(?P<function>[A-Za-z_]\w*(?:_ \w+)*)\s+on\s+(?P<args>\((?:\s*{_ARGUMENT}\s*,)+"
    rf"\s*{_ARGUMENT}\s*\)|{_ARGUMENT}(?:\s+and\s+{_ARGUMENT})?)\s+gives\s+"
    rf"(?P<value>{_VALUE})(?![\w/])")
"""A call stated in prose: "mpfr_sin on −0 gives −0", "mpfr_max on −0 and +0 gives +0"."""
_RETURNS = re.compile(
    rf"(?<![\w.])(?P<function>[A-Za-z_]\w*)\s*\((?P<args>\s*{_ARGUMENT}\s*(?:,\s*{_ARGUMENT}\s*)*)"
    rf"\)\s+returns\s+(?P<value>{_VALUE})(?![\w/])(?:\s+for\s+(?P<condition>[^.;,]{{3,60}}))?")
"""A call in a list of cases: "pow(-Inf, y) returns −0 for y a negative odd integer"."""
_HEDGED = re.compile(r"\b(?:may|might|usually|typically|some\s+systems?|depend\w*|either)\b",
                     re.I)
_SPECIALS = ("+0", "-0", "+Inf", "-Inf", "NaN")
_SPOKEN = {"+0": "positive zero", "-0": "negative zero", "+Inf": "positive infinity",
           "-Inf": "negative infinity"}
"""How an option names a signed value, so that ``+0`` and ``-0`` read as two answers (the
answer matcher, like a learner skimming, would take the bare signs for one)."""


def shown_value(value: str) -> str:
    """A result as an option shows it: ``-0 (negative zero)``, ``NaN``, ``1``."""
    spoken = _SPOKEN.get(value)
    return f"{value} ({spoken})" if spoken else value


@dataclass(frozen=True)
class StatedCase:
    """One call and the result the manual states for it."""

    at: int
    call: str
    """The call as the item shows it: ``mpfr_sin on -0``, ``pow(-Inf, y)``."""
    condition: str
    """What the list says of an argument the call leaves open ("y a negative odd
    integer"), or ""."""
    value: str
    """The result, with ASCII signs (``-0``, ``+π/2``)."""
    prose: bool
    """Whether the manual states it in prose (``gives``) rather than as a list's call."""


def _ascii_signs(text: str) -> str:
    return text.replace("−", "-")


def flipped(value: str) -> str | None:
    """The value with the other sign (``+0`` -> ``-0``), None when it has no sign."""
    if value.startswith("+"):
        return "-" + value[1:]
    if value.startswith("-"):
        return "+" + value[1:]
    return None


def stated_cases(text: str) -> list[StatedCase]:
    """The calls on special values a passage states the results of, in order."""
    return list(_stated(text))


@lru_cache(maxsize=4096)
def _stated(text: str) -> tuple[StatedCase, ...]:
    flat = re.sub(r"(?<=[(,])\s*\n\s*|\s*\n\s*(?=[),])", " ", text)
    found: list[StatedCase] = []
    for pattern, prose in ((_ON, True), (_RETURNS, False)):
        for match in pattern.finditer(flat):
            args = match.group("args")
            if "±" in args or "±" in match.group("value"):
                continue  # two cases in one
            if "π" in match.group("value"):
                continue  # "+π" and "−π" differ only in a sign no option matcher keeps
            start = max(flat.rfind(". ", 0, match.start()), flat.rfind("\n", 0, match.start()))
            end = flat.find(". ", match.end())
            sentence = flat[start + 1: end if end > 0 else len(flat)]
            if _HEDGED.search(sentence):
                continue
            function = re.sub(r"_ ", "_", match.group("function"))
            names = set(re.findall(r"(?<![A-Za-z])[a-z](?![A-Za-z])", args))
            condition = (match.groupdict().get("condition") or "").strip()
            if names and not all(re.search(rf"(?<![A-Za-z]){n}(?![A-Za-z])", condition)
                                 or condition.startswith("any ") for n in names):
                continue  # an argument left open that no condition pins down
            args_shown = " ".join(_ascii_signs(args).split())
            call = (f"{function} on {args_shown}" if prose
                    else f"{function}({', '.join(a.strip() for a in args_shown.split(','))})")
            found.append(StatedCase(match.start(), call, _ascii_signs(condition),
                                    _ascii_signs(match.group("value")), prose))
    results: dict[tuple[str, str], set[str]] = {}
    for case in found:
        results.setdefault((case.call, case.condition), set()).add(case.value)
    return tuple(sorted((c for c in found if len(results[(c.call, c.condition)]) == 1),
                        key=lambda c: c.at))


def stated_case_starts(text: str) -> list[int]:
    """Where a passage states such cases (for :mod:`tutor.study.showcases`): the offsets in
    the text as read with its line breaks joined, near enough for finding the concept."""
    return [case.at for case in stated_cases(text)]


def _options(case: StatedCase, others: Sequence[StatedCase]) -> list[tuple[str, str]]:
    """Wrong results a learner could give, each with the slip it suggests."""
    found: list[tuple[str, str]] = []

    def add(value: str, why: str) -> None:
        if value != case.value and value not in (v for v, _ in found):
            found.append((value, why))

    other_sign = flipped(case.value)
    if other_sign is not None:
        add(other_sign, "gets the sign of the result wrong")
    for other in sorted(others, key=lambda o: abs(o.at - case.at)):
        if "π" not in other.value:
            add(other.value, f"gives the result the manual states for {other.call}")
    for special in _SPECIALS:
        add(special, "takes the case for another special value")
    return found[:MAX_DISTRACTORS]


def write_special_values(m: Material, passages: Sequence[Chunk]) -> list[Exercise]:
    """Up to :data:`MAX_ITEMS` "what does it give on this special value" items on cases the
    manual states near text naming the concept (or of a function the concept names)."""
    items: list[Exercise] = []
    asked: set[tuple[str, str]] = set()
    for chunk, lead, cited in with_leads(m, passages):
        cases = stated_cases(chunk.text)
        flat = re.sub(r"(?<=[(,])\s*\n\s*|\s*\n\s*(?=[),])", " ", chunk.text)
        for case in cases:
            before = (lead + "\n" + flat[: case.at])[-NEAR_TEXT_CHARS:]
            if (case.call, case.condition) in asked or not (
                    m.pattern.search(before) or m.pattern.search(chunk.heading)
                    or m.pattern.search(case.call.split("(")[0].split(" on ")[0])):
                continue
            if mentions(case.call + " " + case.condition, [shown_value(case.value)]):
                continue  # "mpfr_hypot on (NaN,0)" asked for NaN: the call shows the word
            options = _options(case, [c for c in cases if c is not case])
            if len(options) < MIN_DISTRACTORS:
                continue
            asked.add((case.call, case.condition))
            items.append(_item(m, case, options, cited, len(items) + 1))
            if len(items) == MAX_ITEMS:
                return items
    return items


def _item(m: Material, case: StatedCase, options: list[tuple[str, str]],
          cited: list[Citation], n: int) -> Exercise:
    if case.prose:
        function, args = case.call.split(" on ", 1)
        question = f"what does `{function}` give on {args}?"
    else:
        question = f"what does `{case.call}` return" + (
            f" for {case.condition}?" if case.condition else "?")
    exercise_id = f"{m.concept.id}-special-{n}"
    choices = [shown_value(case.value), *(shown_value(v) for v, _ in options)]
    random.Random(item_seed(exercise_id)).shuffle(choices)
    return Exercise(
        id=exercise_id, concept_id=m.concept.id, kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt=f"Special values: {question}",
        answer=shown_value(case.value), choices=choices,
        misconceptions={shown_value(v): why for v, why in options},
        explanation=(f"The manual states that {case.call} gives {case.value}"
                     + (f" for {case.condition}" if case.condition else "")
                     + f" ({cited[0].label()})."),
        citations=cited, difficulty=0.6, origin=ExerciseOrigin.WORKED_EXAMPLE,
        checked_by="page")
