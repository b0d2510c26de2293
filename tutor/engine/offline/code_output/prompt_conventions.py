"""A book's own prompt convention, found from the book: how its interpreter's sessions look.

A manual of an interactive system shows its language at work as sessions, each in the
system's own convention: a computer-algebra system numbers inputs and outputs (``(%i3)
3*4;`` then ``(%o3) 12``), another marks them ``In>`` and ``Out> 12;``, a calculator prompts
``?`` and numbers its results (``%1 = 12``), a Lisp prompts ``*``. No list of names covers
every system, so the convention is read from the text itself
(:func:`find_conventions`): a short line-opening token that is no word of prose (it ends in
a prompt mark or is a numbered label), that opens several lines holding code rather than
prose, and whose lines are followed by output lines (not prose, not another input) more
than once. When most of those inputs are followed by lines opening with one other such token
(the same number in it, when numbered), that token is the output label; when most inputs end
with ``;`` or ``$``, an input runs on until it does; when most outputs end with ``;``, an
output does. Shells', R's, gnuplot's and Python's prompts are read by their own readers
(:mod:`transcripts`, :mod:`code_listings`) and are not looked for here.

:func:`convention_transcripts` reads a passage's sessions under the conventions found, into
the :class:`~transcripts.Transcript` shape the item writer asks from. The PDF's quirks are
undone where that is sure: an output label set on the input's line (``(%i1) 2+2; (%o1) 4``)
starts a line of its own, as does a numbered input label run into the sentence before it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from tutor.course import Chunk
from tutor.engine.offline.code_output.code_listings import looks_like_prose
from tutor.engine.offline.code_output.transcripts import (
    PROMPT,
    Transcript,
    TranscriptStep,
    unfinished,
)
from tutor.engine.port import PromptConvention
from tutor.engine.port import prompt_shape as _shape

MIN_PROMPTS = 3
"""Lines a token must open, with code after it, to be taken for a prompt."""
MIN_ANSWERED = 2
"""Inputs at a prompt that must be followed by an output."""
MIN_CODE_SHARE = 0.6
"""Share of a prompt token's lines that must hold code (a bullet opens prose)."""
MIN_LABEL_SHARE = 0.5
"""Share of answered inputs an output label must open the answer of."""
MIN_ENDING_SHARE = 0.8
"""Share of inputs (or outputs) that must end with ``;`` or ``$`` for it to end them."""
MIN_OUTPUT_ENDING = 0.5
"""Share of outputs that must end with ``;`` for an output to run on until it does."""
MAX_JOINED = 4
"""Lines an unfinished input or output may run on over."""

_LABEL = r"\([A-Za-z%]{1,4}\d{1,4}\)"
"""A numbered label: ``(%i3)``, ``(C3)``, ``(%o3)``."""
_TOKEN = re.compile(
    rf"^(?P<token>{_LABEL}|[A-Za-z][\w-]{{0,11}}(?::\d{{1,4}})?[>?]|[A-Za-z]\w{{0,11}}\[\d{{1,4}}\]:?=|"
    r"[%$]\d{1,4}\s*=|[*?]|\?-)(?:\s+|(?<=\))(?=\S)|$)(?P<rest>\S.*)?$")
"""A line-opening token a prompt or an output label may be: a numbered label, a word ending
in a prompt mark (``In>``, ``octave:1>``, ``In[1]:=``), a numbered result (``%1 =``), a bare
prompt mark (``?``, ``*``, ``?-``). Words ending in a colon ("Note:") are prose's, and an
arrow (``=>``) marks a result, not an input."""
_CODE = re.compile(r"[()\[\]{}=;:+\-*/^<>\"'0-9]")


def _token(line: str) -> tuple[str, str] | None:
    """The line's opening token and the text after it, when it opens with one."""
    match = _TOKEN.match(line.strip())
    if match is None or PROMPT.match(line.rstrip()) or line.lstrip().startswith(">>>"):
        return None
    return match.group("token"), (match.group("rest") or "").strip()


def sentence(line: str) -> bool:
    """A line of running text: prose by :func:`code_listings.looks_like_prose`, or five
    words or more, most of them plain words once their punctuation is set aside."""
    words = [w.strip(".,;:()!?\"'") for w in line.split()]
    return looks_like_prose(line) or len(words) >= 5 and sum(
        w.isalpha() and len(w) > 1 for w in words) >= 0.6 * len(words)


def holds_code(text: str) -> bool:
    """Whether a line's text reads as code or a value, not a sentence."""
    return bool(text) and not sentence(text) and (
        bool(_CODE.search(text)) or len(text.split()) <= 2)


def book_conventions(chunks: Sequence[Chunk]) -> list[PromptConvention]:
    """The prompt conventions of the whole book (:func:`find_conventions` over its passages
    in reading order): the one reading of them, by the exercise planning step (for the
    showcases and every concept's writer) and by concept extraction (the taught commands)."""
    ordered = sorted(chunks, key=lambda c: (c.source, c.order))
    return find_conventions("\n".join(c.text for c in ordered))


def find_conventions(text: str) -> list[PromptConvention]:
    """The prompt conventions the text shows its sessions in (none when unsure)."""
    lines = [line.rstrip() for line in _split_run_ins(text).split("\n")]
    opened: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        found = _token(line)
        if found is not None:
            opened.setdefault(_shape(found[0]), []).append(i)
    conventions: list[PromptConvention] = []
    labels: set[str] = set()
    for shape, where in opened.items():
        if "#" in shape and not re.search(r"[A-Za-z%]", shape):
            continue
        coded = [i for i in where if holds_code(_token(lines[i])[1])]  # type: ignore[index]
        if len(coded) < MIN_PROMPTS or len(coded) < MIN_CODE_SHARE * len(where):
            continue
        answers: Counter[str] = Counter()
        answered = 0
        for i in coded:
            after = _answer_line(lines, i, shape)
            if after is None:
                continue
            answered += 1
            token = _token(lines[after])
            if token is not None and _shape(token[0]) != shape:
                answers[_shape(token[0])] += 1
        if answered < MIN_ANSWERED:
            continue
        label = next((s for s, n in answers.most_common(1)
                      if n >= max(MIN_ANSWERED, MIN_LABEL_SHARE * answered)), "")
        if "#" in label and "#" not in shape and not label.endswith("="):
            label = ""  # a numbered output of an unnumbered prompt is the "%1 =" kind only
        inputs = [_token(lines[i])[1] for i in coded]  # type: ignore[index]
        given = [t[1] for line in lines if label and (t := _token(line))
                 and _shape(t[0]) == label]
        outputs = [g for g in given if g]
        conventions.append(PromptConvention(shape, label, _ending(inputs, ";$"),
                                            _ending(outputs, ";", MIN_OUTPUT_ENDING),
                                            len(outputs) < 0.5 * len(given)))
        labels.add(label)
    # of two tokens each the other's label, the input is the one opening more sessions
    # (the earlier, on a tie)
    first = {c.prompt: (_openings(lines, opened[c.prompt]), -opened[c.prompt][0])
             for c in conventions}
    return [c for c in conventions if c.prompt not in labels or (
        c.output_label in first and first[c.prompt] > first[c.output_label])]


def _openings(lines: list[str], where: list[int]) -> int:
    """How many of a token's lines open a session (the line before is blank or prose):
    inputs open sessions, output labels never do."""
    return sum(1 for i in where if i == 0 or not lines[i - 1].strip() or sentence(
        lines[i - 1]))


def _answer_line(lines: list[str], i: int, shape: str) -> int | None:
    """The line after input ``i`` (and the lines it runs on over) when it is an answer: not
    blank, not prose, not another input at the same prompt."""
    j = i + 1
    while j < len(lines) and j <= i + MAX_JOINED and lines[j].strip() and not (
            _token(lines[j])) and _unfinished(lines[j - 1]):
        j += 1
    if j >= len(lines) or not lines[j].strip() or sentence(lines[j]):
        return None
    token = _token(lines[j])
    return None if token is not None and _shape(token[0]) == shape else j


_OPEN_ENDS = (",", "+", "-", "*", "/", "=", "\\")
"""What an unfinished input of a system read by its convention ends with (``f(x) :=``)."""


def _unfinished(line: str) -> bool:
    """Whether a line's input runs on (:func:`transcripts.unfinished`): its double-quoted
    strings set aside, a system's ``#`` and ``'`` being operators as often as not."""
    return unfinished(re.sub(r'"[^"]*"', '""', line), _OPEN_ENDS)


def _ending(texts: list[str], marks: str, share: float = MIN_ENDING_SHARE) -> str:
    """The end marks most of ``texts`` close with (``";$"`` for Maxima's inputs)."""
    ends = [t.rstrip()[-1] for t in texts if t.strip()]
    used = "".join(m for m in marks if m in ends)
    return used if ends and used and sum(e in used for e in ends) >= share * len(
        ends) else ""


def _split_run_ins(text: str, conventions: Sequence[PromptConvention] = ()) -> str:
    """Labels the PDF set inside a line start lines of their own: a numbered label after a
    sentence's or an input's end, and on a line a convention's token opens (a session run
    onto one line), the convention's tokens that hold a letter (``Out>``, ``(%i2)``; a bare
    ``*`` or ``?`` inside a line is an operator, ``p (x1)`` mathematics)."""
    text = re.sub(r"(?<=[.:;$])[ \t]+(?=\([A-Za-z%]{1,4}\d{1,4}\)[ \t]+\S)", "\n", text)
    tokens = [re.escape(t).replace("\\#", r"\d+").replace("\\ ", r"\s*")
              for c in conventions for t in (c.prompt, c.output_label)
              if re.search(r"[A-Za-z]", t)]
    if not tokens:
        return text
    inside = re.compile(rf"(?<=\S)[ \t]+(?=(?:{'|'.join(tokens)})(?:\s|$))")
    return "\n".join(inside.sub("\n", line) if (token := _token(line)) and any(
        c.reads(token[0]) or c.reads(token[0], True) for c in conventions) else line
        for line in text.split("\n"))


def convention_transcripts(text: str, conventions: list[PromptConvention]
                           ) -> list[Transcript]:
    """The passage's sessions under the book's conventions, in order of their start."""
    if not conventions:
        return []
    found: list[Transcript] = []
    lines = _split_run_ins(text, conventions).split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    for convention in conventions:
        current: Transcript | None = None
        i = 0
        while i < len(lines):
            token = _token(lines[i])
            if token is None or not convention.reads(token[0]) or not token[1]:
                if lines[i].strip() and (token is None or not convention.reads(token[0], True)):
                    current = _after_prose(current, convention)
                i += 1
                continue
            source, first = [token[1]], i
            i += 1
            while i < len(lines) and len(source) < MAX_JOINED and lines[i].strip():
                more = _token(lines[i])
                if more is not None and _unfinished(source[-1]) and convention.reads(more[0]):
                    source.append(more[1])  # a PDF that sets the prompt on each line
                elif more is None and (_unfinished(source[-1]) or convention.input_end and not
                                       source[-1].rstrip().endswith(tuple(convention.input_end))):
                    source.append(lines[i].strip())
                else:
                    break
                i += 1
            label, output, i = _output(lines, i, convention, token[0])
            number = re.search(r"\d+", token[0]) if convention.numbered else None
            step = TranscriptStep("\n".join(source), output, token[0], label, offsets[first])
            if current is None or not _continues(current, number):
                current = Transcript(convention.prompt, [], offsets[first], convention)
                found.append(current)
            current.steps.append(step)
    return sorted(found, key=lambda t: t.start)


def _after_prose(current: Transcript | None, convention: PromptConvention) -> Transcript | None:
    """A numbered session runs on across the prose between its steps (the numbers say what
    is missing); another ends at the prose."""
    return current if convention.numbered else None


def _continues(current: Transcript, number: re.Match[str] | None) -> bool:
    if number is None:
        return True
    last = re.search(r"\d+", current.steps[-1].label) if current.steps else None
    return last is not None and int(number.group()) > int(last.group())


def _output(lines: list[str], i: int, convention: PromptConvention, label: str
            ) -> tuple[str, str, int]:
    """The output label, the output (its lines joined by newlines) and the next line's
    index. An output with a label is read after it (on its line or the next); one ending
    with the convention's mark runs on until it."""
    shown: list[str] = []
    given = ""
    token = _token(lines[i]) if i < len(lines) else None
    if convention.output_label:
        if token is None or not convention.reads(token[0], True):
            return "", "", i
        number = re.search(r"\d+", label)
        if number and re.search(r"\d+", token[0]) and re.search(
                r"\d+", token[0]).group() != number.group():  # type: ignore[union-attr]
            return "", "", i  # the output of another input
        given = token[0]
        if token[1]:
            shown.append(token[1])
        i += 1
    while i < len(lines) and lines[i].strip() and not sentence(lines[i]) and (
            len(shown) < MAX_JOINED):
        if shown and convention.output_end and shown[-1].endswith(convention.output_end):
            break
        token = _token(lines[i])
        if token is not None and not (shown and shown[-1].endswith("\\")):
            break  # a line the output runs on over may carry a prompt the PDF set on it
        shown.append(lines[i].strip() if token is None else token[1])
        i += 1
    if convention.output_end and len(shown) > 1:
        if not shown[-1].endswith(convention.output_end):
            return given, "", i  # a wrapped output whose end is not shown: refuse it
        shown = ["".join(line.removesuffix("\\") for line in shown)]
    if convention.output_end and shown:
        shown[-1] = shown[-1].removesuffix(convention.output_end).rstrip()
    return given, "\n".join(shown), i
