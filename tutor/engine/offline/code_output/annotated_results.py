"""Code a manual annotates with what it gives: ``print word(s, 2) # 'single quotes'``.

A reference manual often sets its examples as code with the result in a comment at the end of
the line (``set format y "%.0f%%"; set ytic(50) # "50%"``, ``print y #prints {1.16933,
0.154051}``) or says after a few lines what they display ("will display:" and the lines it
prints). Each is a "what does it give" case keyed to the manual's result: the item shows the
lines the result depends on (the assignments the last line reads, the settings before it) and
asks for the result, recorded as checked against the page (origin ``code_output``).

Only a case the page shows whole (:func:`transcripts.fully_shown` over the lines shown, read
as a gnuplot-like script: assignments bind names, ``set`` lines change settings): a line
reading a name no line above binds, or calling something that depends on the machine (a
file, the clock), gives no item; so does a result that is no short value (more than one
value, a sentence).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from tutor.course import Chunk, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.code_output.code_listings import looks_like_prose
from tutor.engine.offline.code_output.transcripts import (
    Transcript,
    TranscriptStep,
    bound_names,
    fully_shown,
    read_names,
)
from tutor.engine.offline.terms import mentions
from tutor.engine.offline.writing.checking import BLANK
from tutor.engine.offline.writing.exercise_material import Material, with_leads

MAX_ITEMS = 3
LINES_ABOVE = 6
NEAR_TEXT_CHARS = 400
MAX_KEY_CHARS = 24

_QUOTES = "\"'\u2019\u2018"
_VALUE = (r"(?:\"[^\"\n]{1,24}\"|'[^'\n]{1,24}'|[\u2018\u2019][^\u2018\u2019\n]{1,24}"
          r"[\u2018\u2019]|\{[^{}\n]{1,30}\}|-?\d+(?:\.\d+)?)")
_ANNOTATED = re.compile(rf"^(?P<code>[A-Za-z][^#\n]*?)\s*#\s*(?:(?:prints|returns|gives|"
                        rf"displays|=>|->)\s*)?(?P<value>{_VALUE})\s*$")
"""A line of code whose comment is only its result."""
_DISPLAY = re.compile(r"^\s*(?:will|would)\s+(?:display|print|show)\s*:\s*$", re.I)
_DISPLAY_VERB = re.compile(r"will|would", re.I)
"""What a line :data:`_DISPLAY` matches holds (matched the same way)."""
_OPENER = re.compile(r"^(?:set|unset|print|if|do|while|[A-Za-z_]\w*\s*(?:\([^)]*\))?\s*=)")
"""How a line of a script starts: a command, or an assignment (of a function too)."""


def _works_on_something(code: str) -> bool:
    """Whether the line gives what its result is worked from: a line of settings only
    (``set format x "%A, %d %b %Y"``) formats a value the page names in prose, unless it
    also sets the values (``set ytic(50)``)."""
    statements = [s.strip() for s in code.split(";") if s.strip()]
    if all(re.match(r"(?:un)?set\b", s) for s in statements):
        return any(re.search(r"tics?\s*\(", s) for s in statements)
    return True


def _script_line(line: str) -> bool:
    text = line.strip()
    return bool(text) and not looks_like_prose(text) and bool(_OPENER.match(text))


def _option(line: str) -> str:
    """The setting a ``set`` line changes (``set format y ...`` -> ``format``)."""
    found = re.match(r"\s*set\s+(\w+)", line)
    return found.group(1) if found else ""


def _needed(above: Sequence[str], target: str) -> list[str] | None:
    """The lines above the target that it depends on, in order: the assignments of the
    names it reads (and of those they read), and the settings it does not make itself; None
    when a name it reads is bound nowhere above, or the lines shown are not fully shown."""
    own = {_option(s) for s in target.split(";") if _option(s)}
    wanted = read_names(target, "gnuplot>") - bound_names(target, "gnuplot>")
    kept: list[str] = []
    for line in reversed(above):
        settings = [s for s in line.split(";") if _option(s)]
        if settings and all(not any(_option(s).startswith(o[:4]) or o.startswith(_option(s)[:4])
                                    for o in own) for s in settings):
            kept.append(line)
            continue
        binds = bound_names(line, "gnuplot>")
        if binds & wanted:
            kept.append(line)
            wanted = (wanted - binds) | read_names(line, "gnuplot>")
    kept.reverse()
    steps = [TranscriptStep(line, "") for line in [*kept, target]]
    script = Transcript("gnuplot>", steps, 0)
    return kept if not wanted and fully_shown(script, len(steps) - 1) else None


def annotated_results(text: str) -> list[tuple[int, list[str], str, str]]:
    """The annotated results in a passage: where each is, the lines shown before its code,
    the code and the result."""
    return [(at, list(shown), code, value) for at, shown, code, value in _annotated(text)]


@lru_cache(maxsize=4096)
def _annotated(text: str) -> tuple[tuple[int, tuple[str, ...], str, str], ...]:
    """:func:`annotated_results`, remembered: every concept's writer reads the passages that
    name it, so a passage is read once per concept it names."""
    if "#" not in text and not _DISPLAY_VERB.search(text):
        return ()  # no comment and no "will display:": nothing annotated
    return tuple((at, tuple(shown), code, value) for at, shown, code, value in _read(text))


def _read(text: str) -> list[tuple[int, list[str], str, str]]:
    found: list[tuple[int, list[str], str, str]] = []
    lines = text.split("\n")
    offset = 0
    block: list[str] = []
    for i, line in enumerate(lines):
        annotated = _ANNOTATED.match(line.strip())
        if annotated is not None and _script_line(annotated.group("code")):
            code, value = annotated.group("code").strip(), annotated.group("value")
            shown = _needed(block[-LINES_ABOVE:], code)
            if shown is not None and _works_on_something(code):
                found.append((offset, shown, code, value))
            block.append(code)
        elif _DISPLAY.match(line) and block:
            output = [x.strip() for x in lines[i + 1: i + 3] if x.strip()]
            result = output[-1] if output else ""
            if len(output) >= 1 and not looks_like_prose(result) and not result.endswith(":"):
                shown = _needed(block[-LINES_ABOVE:-1], block[-1])
                if shown is not None and len(output) == 1:
                    found.append((offset, shown, block[-1], result))
            block = []
        elif _script_line(line):
            block.append(re.sub(r"\s*#.*$", "", line.strip()))
        else:
            block = []
        offset += len(line) + 1
    return found


def _question(code: str) -> str:
    if re.search(r"\bset\s+format\b", code):
        return "What tic label does this format give, as the manual shows it?"
    return "What does the last line give, as the manual shows it?"


def write_annotated_results(m: Material, passages: Sequence[Chunk]) -> list[Exercise]:
    """Up to :data:`MAX_ITEMS` "what does the last line give" items on annotated code near
    text naming the concept."""
    items: list[Exercise] = []
    seen: set[str] = set()
    for chunk, lead, cited in with_leads(m, passages):
        for at, shown, code, value in annotated_results(chunk.text):
            key = value.strip(_QUOTES).strip() if value[:1] in _QUOTES else value
            near = (lead + "\n" + chunk.text[:at])[-NEAR_TEXT_CHARS:]  # named before the page
            # turned, too
            if code in seen or len(key) > MAX_KEY_CHARS or not key.strip() or not (
                    m.pattern.search(near) or m.pattern.search(chunk.heading)):
                continue
            if re.search(r"\.\d{5,}", key):
                continue  # no one works out 0.154051
            listing = "\n".join([*shown, code])
            if mentions(listing, [key], fuzzy=False):
                continue  # the lines hold the result (print "TRUE"): the checker's leak
            seen.add(code)
            items.append(Exercise(
                id=f"{m.concept.id}-annotated-{len(items) + 1}",
                concept_id=m.concept.id,
                kind=ExerciseKind.CLOZE,
                prompt=(f"{_question(code)}\n\n```\n{listing}\n```\n\nIt gives: {BLANK}"),
                answer=key,
                accepted=[value] if value != key else [],
                explanation=(f"The manual shows {value} for this code ({chunk.citation().label()}); "
                             "this answer was checked against the page, not by running it."),
                citations=cited,
                difficulty=0.55,
                origin=ExerciseOrigin.CODE_OUTPUT,
                checked_by="page",
            ))
            if len(items) == MAX_ITEMS:
                return items
    return items


def annotated_starts(text: str) -> list[int]:
    """Where the passage's annotated results are (for :mod:`tutor.study.showcases`)."""
    if "#" not in text and "will" not in text and "would" not in text:
        return []
    return [at for at, *_ in annotated_results(text)]
