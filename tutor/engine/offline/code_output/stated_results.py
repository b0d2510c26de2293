"""Results a manual states in prose for code it shows: "``words(" a b c d")`` returns 4".

A reference manual works its cases in sentences rather than sessions: "For example,
words(" a b c d") returns 4", "strlen(utf8string) returns 3" after ``utf8string =
"αβγ"``, "if z is a complex vector of length 100, then in an expression mode(z) is the
character string "complex"", or a line typed at the prompt followed by "which both give NaN".
Each is a case the learner can work: the item shows the case up to the result and asks for
it, keyed to the value the manual states (origin ``worked_example``, checked against the
page).

Only a case the page shows whole: every name the code reads is bound just before it (a line
``name = value`` or ``name <- value`` among the few lines above, or the sentence's own case,
"if z is ..."), nothing it calls depends on the machine, and the result is a literal (a
number, a truth value, a special value, a short string or ``c(...)`` of literals). A
statement hedged by the manual ("yields -3 or ... yields -2", "on some systems", "may"), or
a code stated twice with two results, is refused.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from tutor.course import Chunk, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.code_output.session_faults import (
    SCHOOL_ARITHMETIC,
    left_out,
    school_arithmetic,
)
from tutor.engine.offline.code_output.transcripts import (
    KNOWN,
    OUTSIDE_CALLS,
    called_names,
    read_names,
)
from tutor.engine.offline.terms import mentions
from tutor.engine.offline.writing.checking import BLANK
from tutor.engine.offline.writing.exercise_material import Material, with_leads

MAX_ITEMS = 2
NEAR_TEXT_CHARS = 300
BINDING_LINES = 4
"""How many lines above a statement may bind the names its code reads."""

LITERAL = (r"(?:-?\d+(?:\.\d+)?(?:e[+-]?\d+)?L?|TRUE|FALSE|NA|NaN|NULL|-?Inf|"
           r"\"[^\"\n]{1,20}\"|c\((?:[^()\n.]|\.(?!\.))*\))")
_VERB = r"(?:gives?|returns?|evaluates\s+to|yields?|is|equals)"
_STATED = re.compile(
    rf"(?<![\w.\"])(?P<code>[A-Za-z][\w.]*(?:\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\]\n]+\])"
    rf"|-?\d+(?:\.\d+)?\s*[-+*/^%]\s*-?\d+(?:\.\d+)?)"
    rf"\s+(?P<verb>{_VERB})\s+(?:the\s+(?:character\s+string|value|number)\s+)?"
    rf"(?P<value>{LITERAL})(?=[\s.,;:)]|$)")
"""A code (a call, an index or a sum of literals) stated to give a literal."""
_AFTER_PROMPT = re.compile(
    rf"^(?P<prompt>>|gnuplot>|\$)\s+(?P<code>[^\n]+)\n(?:which|this|that)\s+(?:both\s+|also\s+)?"
    rf"(?P<verb>gives?|returns?|evaluates\s+to|yields?|prints?)\s+(?P<value>{LITERAL})"
    rf"(?=[\s.,;:)])", re.M)
"""A line typed at the prompt, then the sentence saying what it gives."""
_BINDING = re.compile(rf"^\s*(?:>\s+|gnuplot>\s+)?(?P<name>[A-Za-z][\w.]*)\s*(?:<-|=(?!=))\s*"
                      rf"(?P<value>{LITERAL}|\"[^\"\n]*\")\s*$", re.M)
_CASE = re.compile(r"\bif\s+(?P<name>[A-Za-z][\w.]*)\s+is\s+(?P<what>[^,;]{3,60}),\s*"
                   r"(?:then\s+)?", re.I)
_HEDGED = re.compile(r"\b(?:may|might|could|depend\w*|some\s+systems?|your\s+system|"
                     r"platform|usually|typically|normally|often|or\s+always|either)\b", re.I)


def _sentence(text: str, at: int, end: int) -> tuple[int, str]:
    """Where the sentence holding ``text[at:end]`` starts, and the sentence up to ``end``."""
    begin = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    return begin, text[begin:end]


def stated_results(text: str) -> list[tuple[int, str, str, str, str]]:
    """The stated results in a passage the page shows whole: for each, where it is, the
    case shown before the code (binding lines or the sentence's "if" clause), the code, the
    verb and the value."""
    return list(_stated(text))


@lru_cache(maxsize=4096)
def _stated(text: str) -> tuple[tuple[int, str, str, str, str], ...]:
    """:func:`stated_results`, remembered: a passage is read once per concept it names."""
    found: list[tuple[int, str, str, str, str]] = []
    codes: dict[str, set[str]] = {}
    for match in _STATED.finditer(text):
        codes.setdefault(match.group("code"), set()).add(match.group("value"))
    for match in [*_STATED.finditer(text), *_AFTER_PROMPT.finditer(text)]:
        code, value = match.group("code").strip(), match.group("value")
        if re.search(r"[-+*/^%:<>=!&|]\s*$", text[:match.start()]) or re.match(
                r"-?0\d", value):
            continue  # a piece of a longer expression ("1:3-1"), or digits the PDF ran
            # together ("0 1 2" read as 012)        if len(codes.get(code, {value})) > 1:
            continue  # stated with two results: the manual hedges ("-5/2 yields -3 or -2")
        begin, sentence = _sentence(text, match.start(), match.end())
        if _HEDGED.search(sentence) or "..." in code or mentions(code, [value], fuzzy=False):
            continue
        if not value.isascii():
            continue  # "β": a key the learner cannot type on most keyboards
        if any(OUTSIDE_CALLS.match(name) for name in called_names(code)):
            continue
        if re.search(r"\w\(\s*\)", code):
            continue  # a call given nothing: what it works on is said, not shown
        case = _case(text, begin, match.start(), code)
        if case == "" and "(" in code and not re.search(r"\(.*(?:[\"'\[{]|\bc\()", code):
            continue  # "CDF(0) is 0.5": what the function is of is said, not shown
        if case is not None and not mentions(case, [value.strip('"')], fuzzy=False):
            found.append((match.start(), case, code, match.group("verb"), value))
    return tuple(found)


def _case(text: str, begin: int, at: int, code: str) -> str | None:
    """What the item shows before the code: the lines binding the names it reads (each to a
    literal, a few lines above), or the sentence's "if" clause naming the one it reads; ""
    when it reads none; None when a name it reads is bound nowhere in sight."""
    wanted = read_names(code) - KNOWN
    if not wanted:
        return ""
    clause = _CASE.search(text, begin, at)
    if clause is not None and wanted == {clause.group("name")}:
        return re.sub(r",?\s*then$", "", clause.group(0).strip().rstrip(","))
    above = text[:begin].split("\n")[-BINDING_LINES - 1:]
    bound: dict[str, str] = {}
    for line in above:
        binding = _BINDING.match(line)
        if binding is not None:
            bound[binding.group("name")] = line.strip().lstrip(">").strip()
    if not wanted <= set(bound):
        return None
    return "after " + "; ".join(f"`{bound[n]}`" for n in sorted(wanted))


def _about_the_function(text: str, at: int, code: str) -> bool:
    """Whether the sentence stating the result introduces the function the code calls ("a
    built-in function called len ..., so the value of len('monty') is 5"): the result shows
    that function, not the concept named before it."""
    called = re.match(r"([A-Za-z][\w.]*)\s*\(", code)
    if called is None:
        return False
    name = re.escape(called.group(1))
    _, sentence = _sentence(text, at, at)
    return re.search(rf"\b(?:called|named|function|command)\s+{name}\b|\b{name}\s+"
                     rf"(?:function|command)\b", sentence) is not None


def write_stated_results(m: Material, passages: Sequence[Chunk]) -> list[Exercise]:
    """Up to :data:`MAX_ITEMS` "what does it give" items on results the manual states near
    text naming the concept."""
    items: list[Exercise] = []
    seen: set[str] = set()
    for chunk, lead, cited in with_leads(m, passages):
        for at, case, code, verb, value in stated_results(chunk.text):
            before = (lead + "\n" + chunk.text[: at + len(code) + 40])[
                -NEAR_TEXT_CHARS - len(code) - 40:]
            if code in seen or _about_the_function(chunk.text, at, code) or not (
                    m.pattern.search(before) or m.pattern.search(chunk.heading)):
                continue
            seen.add(code)
            if not case and school_arithmetic(code, value):
                left_out(SCHOOL_ARITHMETIC, code)  # "3+2 evaluates to 5" asks no manual
                continue
            asking = f"{case[:1].upper()}{case[1:]}, what" if case else "What"
            verb_base = "evaluate to" if verb.startswith("evaluates") else (
                "give" if verb in ("is", "equals", "gives", "give") else verb.rstrip("s"))
            items.append(Exercise(
                id=f"{m.concept.id}-stated-{len(items) + 1}",
                concept_id=m.concept.id,
                kind=ExerciseKind.CLOZE,
                prompt=f"{asking} does `{code}` {verb_base}?\n\nIt gives: {BLANK}",
                answer=value,
                accepted=[value.strip('"')] if value.startswith('"') else [],
                explanation=(f"The manual states that {code} gives {value} "
                             f"({chunk.citation().label()})."),
                citations=cited,
                difficulty=0.5,
                origin=ExerciseOrigin.WORKED_EXAMPLE,
                checked_by="page",
            ))
            if len(items) == MAX_ITEMS:
                return items
    return items


def stated_starts(text: str) -> list[int]:
    """Where the passage's stated results are (for :mod:`tutor.study.showcases`)."""
    return [at for at, *_ in stated_results(text)]
