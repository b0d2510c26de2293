""""What does R show?" exercises from a manual's transcripts of other interpreters.

A manual of R, gnuplot or a shell teaches by sessions (:mod:`transcripts`): ``> m[i]`` then
``[1] 1 4``. The item shows the session up to one input, as the page does, and asks what
comes back; the key is the page's output, checked against the page only (the sandbox runs
Python alone), so the item is written only when that input is fully shown
(:func:`transcripts.fully_shown`: nothing it reads is out of sight, nothing it calls depends on
the machine) and its output is a short result the code determines
(:func:`transcripts.stable_output`). A line that only echoes what was typed (``> y`` after
``> y <- 4``) asks nothing.

The options are outputs a learner could mistake for it: what another line of the same
session showed, the same result off by one or in the other order, the value or type name a
sibling function gives ("numeric" beside typeof's "integer"). None of them can also be
right: the output of one fully shown input is one value, and an option holding the same
value (``5`` beside ``[1] 5``) is not offered. Without two such options the item asks to type
the output.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from tutor.course import Chunk, Citation, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.code_output.convention_steps import (
    bound_names,
    called_names,
    convention_fully_shown,
    convention_output,
    needed_steps,
    shown_value,
)
from tutor.engine.offline.code_output.prompt_conventions import (
    PromptConvention,
    book_conventions,
    convention_transcripts,
)
from tutor.engine.offline.code_output.session_faults import (
    ACKNOWLEDGEMENT,
    IMPLAUSIBLE,
    NEAR_DUPLICATE,
    OUT_OF_SIGHT,
    SCHOOL_ARITHMETIC,
    TOO_LONG,
    UNDECLARED_SYNTAX,
    VERSION_BOUND,
    acknowledgement,
    definition_lines,
    left_out,
    misreadings,
    near_duplicate,
    plausible_beside,
    school_arithmetic,
    too_long_to_type,
    undeclared_syntax,
    version_bound,
)
from tutor.engine.offline.code_output.transcripts import (
    Transcript,
    fully_shown,
    stable_output,
    transcripts,
)
from tutor.engine.offline.code_output.transcripts import (
    bound_names as transcript_bound_names,
)
from tutor.engine.offline.code_output.transcripts import (
    called_names as transcript_called_names,
)
from tutor.engine.offline.terms import content_stems, mentions
from tutor.engine.offline.writing.checking import BLANK, same_option
from tutor.engine.offline.writing.exercise_material import Material, item_seed

MAX_ITEMS = 4
PER_TRANSCRIPT = 2
MAX_STEPS_SHOWN = 8
MAX_SHOWN_CHARS = 560
NEAR_TEXT_CHARS = 400
"""The concept must be named in the text this close before the transcript starts."""
MAX_DISTRACTORS = 3
MIN_DISTRACTORS = 2
MAX_TYPED_WORDS = 6
MAX_TYPED_DIGITS = 8
MAX_TYPED_CHARS = 16
"""Longest output of a book's own convention a learner is asked to type."""

_INDEX = re.compile(r"^\s*\[\d+\]\s*", re.M)
_LABEL = re.compile(r"^\s*%\d*\s*=\s*")
"""An output label a calculator sets before the value (``% = 8``, ``%3 = 8``)."""
_NUMBER = re.compile(r"(?<![\w.\[])-?\d+(?:\.\d+)?(?![\w.\]])")
_KINDS = ("integer", "numeric", "double", "character", "logical", "complex", "list",
          "function", "call", "expression", "symbol", "name", "language", "closure",
          "builtin", "NULL")
"""Type and mode names: what typeof, mode, class and storage.mode answer."""
_SPECIAL = (("NaN", "NA", "Inf", "NULL"), ("TRUE", "FALSE", "NA"))
_CONTINUATION = {">": "+", "R>": "+", "S>": "+", "$": ">"}


def value_of(output: str) -> str:
    """The output without its index markers (``[1]``) and runs of spaces: what two options
    must differ in."""
    return " ".join(_INDEX.sub(" ", _LABEL.sub("", output)).split()).strip('"')


def _same(first: str, second: str) -> bool:
    a, b = value_of(first), value_of(second)
    if a == b:
        return True
    try:
        return float(a) == float(b)
    except ValueError:
        return False


def _alike(first: str, second: str) -> bool:
    """Whether two outputs could pass for one: the same value, or options the checker would
    call the same (:func:`checking.same_option`, the same content words)."""
    if _same(first, second) or same_option(first, second):
        return True
    stems = content_stems(first)
    return bool(stems) and stems == content_stems(second)


def _first_shown(index: int) -> int:
    """The first step an item on step ``index`` shows: the last :data:`MAX_STEPS_SHOWN`
    steps are shown, and only they are checked (:func:`transcripts.fully_shown`)."""
    return max(0, index + 1 - MAX_STEPS_SHOWN)


def _shown(t: Transcript, index: int) -> str:
    """The transcript up to step ``index`` as the page sets it, without that step's output."""
    more = _CONTINUATION.get(t.prompt, "")
    first = _first_shown(index)
    lines: list[str] = []
    # under a book's own convention, only the steps the asked one depends on
    shown = needed_steps(t, index, first) if t.convention else range(first, index + 1)
    for i in shown:
        step = t.steps[i]
        typed = step.source.split("\n")
        lines.append(f"{step.label or t.prompt} {typed[0]}")
        lines += [f"{more} {line}".strip() for line in typed[1:]]
        output = step.output if t.convention is None else shown_value(t, i, step.source)
        if output and i < index:  # a book convention's output only when it is a clean value
            lines.append(f"{step.output_label} {output}".strip())
    return "\n".join(lines)


def _echoes(t: Transcript, index: int) -> bool:
    """Whether the input only echoes what is typed: its output's value stands in the input
    itself (``> 1 + 2`` no, ``> quote(2 - 2)`` yes), or the input is a bare name or literal
    whose value the session wrote out (``> y`` after ``> y <- 4``)."""
    step = t.steps[index]
    value = value_of(step.output)
    if re.search(rf"(?<![\w.]){re.escape(value)}(?![\w.])", step.source):
        return True
    if re.fullmatch(r"\s*[A-Za-z.][\w.]*\s*", step.source):
        earlier = "\n".join(s.source for s in t.steps[:index])
        return re.search(rf"(?<![\w.]){re.escape(value)}(?![\w.])", earlier) is not None
    return False


def plausible_outputs(key: str, others: Sequence[str], page: str = "") -> list[tuple[str, str]]:
    """Wrong outputs a learner could give for ``key``, each with the slip it suggests:
    ``others`` (what the session's other lines showed), the type name a sibling function
    gives (a name the ``page`` uses first), the key's numbers off by one or reversed, the
    special value beside it. None holds the key's value."""
    found: list[tuple[str, str]] = []

    def add(text: str, why: str) -> None:
        if text.strip() and not any(_alike(text, f) for f in [key, *(f for f, _ in found)]):
            found.append((text, why))

    lines = key.count("\n") + 1
    for other in others:
        if other.count("\n") + 1 == lines:
            add(other, "reads the output of another line of the session")
    word = value_of(key)
    if word in _KINDS:
        used = sorted((k for k in _KINDS if k != word),
                      key=lambda k: (re.search(rf"\b{k}\b", page) is None, _KINDS.index(k)))
        for kind in used[:MAX_DISTRACTORS]:
            add(key.replace(word, kind), "gives the type another function reports")
    numbers = _NUMBER.findall(_INDEX.sub(" ", key))
    if " ".join(numbers) != word:
        numbers = []  # numbers inside a call or a phrase: changing one makes no slip
    if numbers and all(re.fullmatch(r"-?\d+", n) for n in numbers):
        for step, why in ((1, "is off by one"), (-1, "is off by one")):
            add(_renumbered(key, [str(int(n) + step) for n in numbers]), why)
        if len(set(numbers)) > 1:
            add(_renumbered(key, list(reversed(numbers))), "reverses the order")
    elif len(numbers) == 1:
        number = float(numbers[0])
        for value in (int(number // 1), int(number // 1) + 1, number * 10):
            text = f"{value:.15g}" if float(value) != int(value) else str(int(value))
            add(_renumbered(key, [text]), "misreads how the value is computed")
    for group in _SPECIAL:
        if word in group:
            for special in group:
                add(key.replace(word, special), f"takes {word} for {special}")
    return found


def _key(t: Transcript, index: int, shown: str) -> str | None:
    """Step ``index``'s output as a key when it is a short result the ``shown`` code
    determines (:func:`transcripts.stable_output`, or under a book's own convention
    :func:`convention_steps.convention_output`), else ``None``."""
    output = t.steps[index].output
    if t.convention is not None:
        return convention_output(t, index, shown)
    return output if output and stable_output(output, shown) else None


_ECHOED = re.compile(r"[A-Za-z_]\w*[-+]\d+(?:/\d+)?|\d{2,}")


def _matched_by_its_input(source: str, key: str, options: Sequence[tuple[str, str]]) -> bool:
    """Whether the key is the one choice holding a part of the input (a number of two digits
    or more, a term such as ``x-3`` or ``x+1/5``): picked by matching, not by working it."""
    def parts(text: str) -> set[str]:
        return set(_ECHOED.findall(text.replace(" ", "")))

    echoed = parts(source) & parts(key)
    return bool(echoed) and len(options) >= MIN_DISTRACTORS and not any(
        echoed & parts(text) for text, _ in options)


def _bindings(t: Transcript, index: int) -> dict[str, str]:
    """Names the shown steps before step ``index`` bind to a number: ``x:=1.23456789``."""
    found: dict[str, str] = {}
    for step in t.steps[_first_shown(index): index]:
        binding = re.fullmatch(r"\s*([A-Za-z_]\w*)\s*(?::=|<-|=|:)\s*(-?\d+(?:\.\d+)?)\s*;?\s*",
                               step.source)
        if binding is not None:
            found[binding.group(1)] = binding.group(2)
    return found


def _kind(value: str) -> str:
    if re.fullmatch(r"-?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?(?:/\d+)?", value):
        return "number"
    return "collection" if value[:1] in "[{(" else "expression"


def _renumbered(key: str, values: Sequence[str]) -> str:
    """The key with its numbers outside its index markers replaced by ``values``, in order."""
    head = _INDEX.match(key)
    start = head.end() if head else 0
    given = iter(values)
    return key[:start] + _NUMBER.sub(lambda m: next(given, m.group(0)), key[start:])


def write_transcript_outputs(m: Material, passages: Sequence[Chunk],
                             conventions: Sequence[PromptConvention] | None = None
                             ) -> list[Exercise]:
    """Up to :data:`MAX_ITEMS` "what does it show" items on the transcripts that follow text
    naming the concept, each keyed to the page's output; sessions of another system are read
    in the book's own ``conventions`` (found once per build over the whole book,
    :func:`prompt_conventions.book_conventions`; without them, over the passages given)."""
    items: list[Exercise] = []
    asked: set[tuple[str, str]] = set()
    previous: Chunk | None = None
    ordered = sorted(passages, key=lambda c: (c.source, c.order))
    own = book_conventions(ordered) if conventions is None else list(conventions)
    for chunk in ordered:
        joined = previous is not None and previous.source == chunk.source and (
            previous.order == chunk.order - 1)
        lead = previous.text if joined and previous is not None else ""
        found = transcripts(chunk.text) + convention_transcripts(chunk.text, own)
        outputs = [key for t in found for i in range(len(t.steps))
                   if (key := _key(t, i, t.steps[i].source))]
        def named(start: int, text: str = chunk.text, lead: str = lead) -> bool:
            before = (lead[-NEAR_TEXT_CHARS:] + "\n" + text[:start])[-NEAR_TEXT_CHARS:]
            return m.pattern.search(before) is not None

        for t in found:
            # a numbered session runs on across prose: a step may follow text naming it
            steps = [i for i, s in enumerate(t.steps) if s.at > t.start and named(s.at)]
            if not (named(t.start) or m.pattern.search(chunk.heading) or steps):
                continue
            cited = [chunk.citation()]
            if previous is not None and joined and previous.page != chunk.page and not (
                    m.pattern.search(chunk.text[: t.start]) or m.pattern.search(chunk.heading)):
                cited.append(previous.citation())
            written = 0
            for index in range(len(t.steps) - 1, -1, -1):
                if written == PER_TRANSCRIPT or len(items) == MAX_ITEMS:
                    break
                if steps and not (named(t.start) or m.pattern.search(chunk.heading)) and (
                        index < steps[0]):
                    continue  # before the text that names the concept
                at = t.steps[index].at if t.steps[index].at >= 0 else t.start
                item = _item(m, t, index, lead + "\n" + chunk.text, outputs, cited,
                             len(items) + 1, asked,
                             (lead + "\n" + chunk.text[:t.start], lead + "\n" + chunk.text[:at]))
                if item is not None:
                    items.append(item)
                    written += 1
        previous = chunk
    return items


def _context(t: Transcript, index: int, shown: str, before: str) -> list[str] | None:
    """The lines of the page before the session that define what step ``index`` calls and
    the shown steps do not (``(define (average x y) ...)``, the rules ``10 # f(0) <-- 1;``),
    as the page sets them; ``None`` when they are too many to show."""
    first = _first_shown(index)
    steps = t.steps[first: index + 1]
    if t.convention is not None:
        bound = set().union(*(bound_names(s.source) for s in steps))
        used = called_names(t.steps[index].source)
    else:
        bound = set().union(*(transcript_bound_names(s.source, t.prompt) for s in steps))
        used = transcript_called_names(t.steps[index].source)
    lines = definition_lines(sorted(used - bound), before)
    if lines is None:
        return None
    return [line for line in lines if line not in shown]


def _faults(t: Transcript, index: int, key: str, shown: str, before_step: str) -> str | None:
    """The fault that keeps step ``index`` from being asked (:mod:`session_faults`), if any."""
    source = t.steps[index].source
    if school_arithmetic(source, value_of(key)):  # R's "[1] 3" for "> 1 + 2" too
        return SCHOOL_ARITHMETIC
    if acknowledgement(source, key):
        return ACKNOWLEDGEMENT
    if t.convention is not None and undeclared_syntax(source, shown):
        return UNDECLARED_SYNTAX
    if version_bound(before_step):
        return VERSION_BOUND
    return None


def _item(m: Material, t: Transcript, index: int, page: str, outputs: Sequence[str],
          cited: list[Citation], n: int, asked: set[tuple[str, str]],
          before: tuple[str, str] = ("", "")) -> Exercise | None:
    step = t.steps[index]
    shown = _shown(t, index)
    if not step.output or (step.source, step.output) in asked or len(shown) > MAX_SHOWN_CHARS:
        return None
    key = _key(t, index, shown)
    first = _first_shown(index)  # what is checked is what is shown
    if key is None or not (convention_fully_shown(t, index, page, first) if t.convention
                           else fully_shown(t, index, page, first)):
        return None
    context = _context(t, index, shown, before[0])
    if context is None:
        left_out(OUT_OF_SIGHT, step.source)
        return None
    shown = "\n".join([*context, shown])
    fault = _faults(t, index, key, shown, before[1])
    if fault is not None:
        left_out(fault, step.source)
        return None
    if _echoes(t, index) or mentions(shown, [step.output]):
        return None  # the session shows the answer already (another line printed it)
    if near_duplicate(step.source, step.output, asked):
        left_out(NEAR_DUPLICATE, step.source)
        return None
    asked.add((step.source, step.output))
    others = [o for i in range(len(t.steps)) if (o := _key(t, i, t.steps[i].output))
              and o != key]
    others += [o for o in outputs if o not in others]
    if t.convention is not None:  # a value of the key's kind: a number, a list, an expression
        others = [o for o in others if _kind(o) == _kind(key)]
    plausible = [o for o in others if plausible_beside(value_of(key), value_of(o))]
    if len(plausible) < len(others):
        left_out(IMPLAUSIBLE, step.source)
    slips = [(text, why) for text, why in misreadings(step.source, value_of(key),
                                                       _bindings(t, index))
             if not _alike(text, key)]
    # a slip of another shape than the key (``2`` beside ``2.345567``) gives the key away
    rest = [o for o in plausible_outputs(key, plausible, page)
            if not any(_alike(o[0], s) for s, _ in slips)
            and plausible_beside(value_of(key), value_of(o[0]))]
    # a common misreading first, then the session's own outputs
    options = [*slips[:max(1, MAX_DISTRACTORS - len(rest))], *rest][:MAX_DISTRACTORS]
    if t.convention is not None and _matched_by_its_input(step.source, key, options):
        options = rest[:MAX_DISTRACTORS]  # a misreading written without the input's numbers
        if _matched_by_its_input(step.source, key, options):
            return None  # the one option holding the input's numbers: found without working it
    where = "after the last command" if t.language == "the shell" else (
        "after the last line of this session")
    question = f"What does {t.language} show {where}?"
    code = f"```\n{shown}\n```"
    exercise_id = f"{m.concept.id}-transcript-{n}"
    explanation = (f"{t.language[:1].upper()}{t.language[1:]} shows {key} here, as the manual "
                   f"does ({cited[0].label()}); this answer was checked against the page, "
                   "not by running it.")
    base = Exercise(id=exercise_id, concept_id=m.concept.id, kind=ExerciseKind.CLOZE,
                    prompt=f"{question}\n\n{code}\n\nIt shows: {BLANK}", answer=key,
                    explanation=explanation, citations=cited, difficulty=0.55,
                    origin=ExerciseOrigin.CODE_OUTPUT, checked_by="page")
    if len(options) >= MIN_DISTRACTORS:
        choices = [key, *(text for text, _ in options)]
        random.Random(item_seed(exercise_id)).shuffle(choices)
        return base.model_copy(update={
            "kind": ExerciseKind.MULTIPLE_CHOICE, "prompt": f"{question}\n\n{code}",
            "choices": choices, "misconceptions": dict(options)})
    value = value_of(key)
    if t.convention is not None and len(value) > MAX_TYPED_CHARS:
        return None  # no one types a long expression exactly as the system writes it
    if "\n" in key or len(value.split()) > MAX_TYPED_WORDS or any(
            len(number) > MAX_TYPED_DIGITS for number in re.findall(r"[\d.e+-]+", value)):
        return None  # no one types 1.38350580552822e+19 from memory
    if too_long_to_type(value):
        left_out(TOO_LONG, step.source)
        return None
    return base.model_copy(update={
        "accepted": [v for v in dict.fromkeys([value, " ".join(key.split())]) if v != key]})
