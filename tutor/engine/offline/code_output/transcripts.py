"""Transcripts of other interpreters: what a manual shows typed at a prompt and what came back.

A manual without runnable Python still shows its language at work: an R session
(``> x <- c(1, 2, 3)`` then ``[1] ...``), a shell session (``$ echo hi`` then ``hi``), a
gnuplot one (``gnuplot> print 10**18``). A :class:`Transcript` is such a run of prompt lines,
each :class:`TranscriptStep` holding the input (with its continuation lines, ``+`` in R, ``>``
in the shell) and the lines the page sets after it before the next prompt or prose.

The sandbox runs only Python, so a question on such a step can only be keyed to the page.
That is fair only when the input is fully shown: every name the step reads is bound by an
earlier step of the same transcript (itself fully shown), nothing it calls depends on chance,
files, the clock or the machine, and no function it calls is defined elsewhere on the page
(:func:`fully_shown`). Anything unsure is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.engine.offline.code_output.prompt_conventions import PromptConvention

from tutor.engine.offline.code_output.code_listings import looks_like_prose

MAX_OUTPUT_LINES = 2
"""Lines of output a question may ask for."""
MAX_SHOWN_LINES = 12
"""Lines of output an earlier step may show (a small matrix the question works on)."""
MAX_CONTINUATION = 8

PROMPT = re.compile(r"^(?P<prompt>gnuplot>|[RS]>|csh>|[a-z]*sh\$|\$|>)[ \t](?P<input>\S.*)$")
"""A prompt line: gnuplot's, R's (``>``, or ``R>`` and ``S>`` beside another dialect), a
shell's (``$``, ``sh$``, ``csh>``). Python's ``>>>`` is read by :mod:`code_listings`."""
SESSION_START = re.compile(r"^(?:gnuplot>|[RS]>|csh>|[a-z]*sh\$|\$|>)[ \t]\S", re.M)
"""Where a transcript may start in a passage (for :mod:`tutor.study.showcases`)."""
_CONTINUES = {">": "+", "R>": "+", "S>": "+", "$": ">", "csh>": "?"}
"""The continuation prompt after each prompt (R's ``+``, the shell's ``>``)."""

_RUN_IN = re.compile(r"([.:])[ \t]+> (?=[A-Za-z.][\w.]*\s*<-)")
"""An R prompt the PDF ran into the sentence before it ("... the following example. > x <-
..."): the prompt starts a line of its own."""
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_COMMENT = re.compile(r"#.*$", re.M)
_NAME = re.compile(r"(?<![\w.$@:\\])(?P<name>[A-Za-z.][\w.]*)(?![\w.])")
_ASSIGNED = re.compile(r"(?<![\w.$@])([A-Za-z.][\w.]*)\s*(?:<<?-|=(?!=)|:=)")
_ASSIGNED_RIGHT = re.compile(r"->>?\s*([A-Za-z.][\w.]*)")
_LOOP = re.compile(r"\bfor\s*\(?\s*([A-Za-z.][\w.]*)\s+in\b")
_PARAMETERS = re.compile(r"\bfunction\s*\(([^)]*)\)")
_GNUPLOT_FUNCTION = re.compile(r"^\s*([A-Za-z]\w*)\s*\([^)]*\)\s*=(?!=)")
_SHELL_BOUND = re.compile(r"(?:^|[;\s])([A-Za-z_]\w*)=")

KNOWN = frozenset(
    "TRUE FALSE T F NA NaN Inf NULL NA_integer_ NA_real_ NA_character_ pi LETTERS letters "
    "month.name month.abb function if else for while repeat in next break return "
    "print set unset show reset plot splot replot".split())
"""Words a step may read that no step binds: the languages' constants and keywords."""

OUTSIDE_CALLS = re.compile(
    r"^(?:r(?:norm|unif|binom|pois|cauchy|exp|gamma|beta|t|chisq|geom|hyper|logis|lnorm|"
    r"nbinom|weibull|signrank|wilcox|multinom)|sample|set\.seed|rand|runif|read\.\w+|"
    r"readLines|readline|readRDS|scan|file|url|source|load|data|attach|detach|library|"
    r"require|search|ls|objects|getwd|setwd|Sys\.\w+|date|system\w*|proc\.time|methods|"
    r"getAnywhere|getS3method|environment|new\.env|globalenv|sys\.\w+|options|"
    r"interactive|time|gc|memory\.\w+|tracemem|edit|fix|dev\.\w+|x11|windows|help|example|"
    r"demo|ppoints|cat|ls|make|pwd|cd|kill|trap|env|date|hostname|whoami|id|ps|find|"
    r"mktemp|sleep|tty|uname|which|type|hash|ulimit|umask|exec|wait|time)$")
"""Calls whose result depends on something the page does not show: chance, files, the
network, the clock, the machine, the session's search path."""
_UNSTABLE_OUTPUT = re.compile(
    r"0x[0-9a-fA-F]{4,}|<(?:environment|bytecode|pointer|promise)\b|\b(?:[Ee]rror|"
    r"[Ww]arning|not found|cannot|invalid|[Uu]nrecognized|[Ss]egmentation|[Hh]angup)\b|"
    r"/tmp/|\bline \d+:")
"""An output no learner could predict: an address, an error or warning message (worded
differently by every version and shell), a temporary file, a line number of a script."""
_SHELL_NAMES = frozenset("sh bash ksh dash zsh ash pdksh posh mksh yash".split())


@dataclass
class TranscriptStep:
    """One input typed at the prompt (with its continuation lines) and what the page shows
    after it (empty when nothing)."""

    source: str
    output: str
    label: str = ""
    """The input's label as the page sets it, under a book's own convention (``(%i3)``)."""
    output_label: str = ""
    at: int = -1
    """Where the input's line starts in the passage, when the reader records it."""


@dataclass
class Transcript:
    """Consecutive prompt lines in a passage, the prompt they are typed at, and where the
    transcript starts in the passage's text."""

    prompt: str
    steps: list[TranscriptStep]
    start: int
    convention: PromptConvention | None = None
    """The book's own convention it was read under (:mod:`prompt_conventions`), if any."""

    @property
    def language(self) -> str:
        """What the prompt belongs to, as an item names it."""
        if self.prompt == "gnuplot>":
            return "gnuplot"
        if self.prompt == "R>" or self.prompt == ">" and any(
                "<-" in s.source or s.output.startswith("[") for s in self.steps):
            return "R"
        if self.prompt == ">":
            return "the interpreter"
        if self.prompt == "S>":
            return "S"
        return "the shell" if self.convention is None else "the interpreter"


def transcripts(text: str) -> list[Transcript]:
    """The transcripts in a passage, in order. An output runs to the next prompt, a blank
    line or a line of prose (at most :data:`MAX_SHOWN_LINES` lines)."""
    found: list[Transcript] = []
    lines = _RUN_IN.sub("\\1\n> ", text).split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    current: Transcript | None = None
    i = 0
    while i < len(lines):
        match = PROMPT.match(lines[i].rstrip())
        if match is None or match.group("input").startswith(">"):  # ">>>", ">>": not ours
            current = None
            i += 1
            continue
        prompt = match.group("prompt")
        if current is None or current.prompt != prompt:
            current = Transcript(prompt, [], offsets[i])
            found.append(current)
        source = [match.group("input").rstrip()]
        i += 1
        more = _CONTINUES.get(prompt)
        while i < len(lines) and len(source) < MAX_CONTINUATION and not PROMPT.match(
                lines[i].rstrip()):
            if more and (lines[i] == more or lines[i].startswith(more + " ")):
                source.append(lines[i][len(more):].strip())
            elif _open("\n".join(source)) and lines[i].strip():
                source.append(lines[i].strip())  # a manual that leaves the "+" out
            else:
                break
            i += 1
        output: list[str] = []
        while i < len(lines) and lines[i].strip() and not PROMPT.match(lines[i].rstrip()):
            if looks_like_prose(lines[i]) or len(output) == MAX_SHOWN_LINES:
                break
            output.append(lines[i].strip())
            i += 1
        current.steps.append(TranscriptStep("\n".join(source), "\n".join(output)))
        if i < len(lines) and not PROMPT.match(lines[i].rstrip()):
            current = None  # prose (or a blank line) ends the transcript
    return [t for t in found if t.steps]


OPEN_ENDS = (",", "+", "-", "*", "/", "<-", "|", "&", "\\")
"""What an unfinished line of R, gnuplot or a shell ends with: the next line continues it."""


def unfinished(code: str, ends: tuple[str, ...] = OPEN_ENDS) -> bool:
    """Whether an input (its strings, and comments where the language has them, already
    taken out) is not finished: a bracket left open, or it ends with one of ``ends`` (a
    comma, an operator), so the next line continues it."""
    code = code.rstrip()
    depth = sum(code.count(o) - code.count(c) for o, c in ("()", "[]", "{}"))
    return depth > 0 or code.endswith(ends)


def _open(source: str) -> bool:
    """Whether the input, read as R, gnuplot or a shell, is not finished (:func:`unfinished`)."""
    return unfinished(_code(source))


def _code(source: str) -> str:
    """The source without its strings and comments."""
    return _COMMENT.sub("", _STRING.sub('""', source))


def bound_names(source: str, prompt: str = ">") -> set[str]:
    """The names a step binds: assignment targets (``x <- ...``, ``... -> x``, ``x = ...``),
    loop variables, a function's parameters, a gnuplot function, a shell variable."""
    code = _code(source)
    names = set(_ASSIGNED.findall(code)) | set(_ASSIGNED_RIGHT.findall(code))
    names |= set(_LOOP.findall(code))
    for parameters in _PARAMETERS.findall(code):
        names |= {p.split("=")[0].strip() for p in parameters.split(",") if p.strip()}
    names |= {m.group(1) for line in code.split("\n")
              if (m := _GNUPLOT_FUNCTION.match(line))}
    if prompt.endswith("$"):
        names |= set(_SHELL_BOUND.findall(code))
    return names


def called_names(source: str) -> set[str]:
    """The functions a step calls (``name(`` outside strings)."""
    return {m.group("name") for m in _NAME.finditer(_code(source))
            if re.match(r"\s*\(", _code(source)[m.end():])}


def read_names(source: str, prompt: str = ">") -> set[str]:
    """The names a step reads as values: not a call, not a named argument (``sep=``), not a
    component (``x$name``), not a command word opening a statement (``print A``), not a
    language constant or keyword."""
    code = _code(source)
    if prompt.endswith("$") or prompt == "csh>":
        return set(re.findall(r"\$\{?([A-Za-z_]\w*)", code))
    names: set[str] = set()
    for statement in re.split(r"[;\n{}]", code):
        text = statement.strip()
        opener = re.match(r"([A-Za-z][\w.]*)\s+(?=[\w\"'\-(])", text)
        if opener and prompt == "gnuplot>" and opener.group(1) in ("set", "unset", "show"):
            continue  # a setting's words are its options, not values
        for m in _NAME.finditer(text):
            rest = text[m.end():]
            if re.match(r"\s*\(", rest) or re.match(r"\s*=(?!=)", rest):
                continue
            if opener and m.start() == 0 and opener.group(1) == m.group("name"):
                continue
            names.add(m.group("name"))
    return names - KNOWN


def _unclosed_quote(source: str) -> bool:
    """Whether a quote in the input is left open (what it quotes is not all shown)."""
    code = re.sub(r"\\.", "", _STRING.sub("", source))
    code = re.sub(r"(?<=\w)'(?=\w)", "", code)  # an apostrophe in a word
    return "'" in code or '"' in code


def _shell_outside(source: str) -> bool:
    """Whether a shell step reads the machine: a command that lists, reads or times
    something, a file it is given, the shell's own process."""
    code = _code(source) + " " + " ".join(_STRING.findall(source))
    if re.search(r"\$\$|\$!|<\s*[\w./]|\./|\.\w{1,3}\b(?!\s*=)|/tmp|`", code):
        return True
    words = re.findall(r"(?:^|[|;&(]\s*|\s-c\s+['\"]\s*)([\w./-]+)", code)
    return any(OUTSIDE_CALLS.match(w.rsplit("/", 1)[-1]) for w in words)


def fully_shown(transcript: Transcript, index: int, page_text: str = "", first: int = 0
                ) -> bool:
    """Whether step ``index`` computes its output from the steps ``first`` .. ``index`` (the
    steps an item shows) and literals only: everything it reads (and what those steps read)
    is bound by one of them before it, a binding in a step left out counting for nothing,
    nothing it calls depends on the machine, and no function it calls is one the rest of the
    page (``page_text``) defines out of sight."""
    prompt = transcript.prompt
    steps = transcript.steps[first: index + 1]
    bound: set[str] = set()
    for step in steps:
        if _unclosed_quote(step.source):
            return False  # the input runs on from a line the transcript does not hold
        if prompt.endswith("$") or prompt == "csh>":
            if _shell_outside(step.source) or shell_named(step.source) is None:
                return False  # which shell gives the output is said in prose, not shown
            if re.match(r"[^;|&]*\$\?", step.source):
                return False  # the status of a command the transcript does not show
        elif any(OUTSIDE_CALLS.match(name) for name in called_names(step.source)):
            return False
        own = bound_names(step.source, prompt)
        if read_names(step.source, prompt) - own - bound:
            return False
        bound |= own
    shown = "\n".join(s.source for s in steps)
    for name in called_names(transcript.steps[index].source) - bound:
        if re.search(rf"(?<![\w.]){re.escape(name)}\s*(?:<<?-|=)\s*function\b|"
                     rf"^\s*{re.escape(name)}\s*\([^)]*\)\s*=(?!=)", page_text, re.M) and (
                not re.search(rf"(?<![\w.]){re.escape(name)}\s*(?:<<?-|=)", shown)):
            return False
    return True


VALUE_WORDS = frozenset(
    "NaN NA TRUE FALSE NULL Inf Levels integer numeric double character logical complex "
    "list function closure builtin special language call expression symbol name "
    "environment raw factor matrix array undefined".split())
"""Words an output may hold that the code need not: the languages' values and type names."""


def stable_output(output: str, shown: str = "", bracketed: bool = False,
                  values: frozenset[str] = frozenset()) -> bool:
    """Whether the output is a short result the learner can work out from the ``shown``
    code: at most :data:`MAX_OUTPUT_LINES` lines, no address, error, warning or temporary
    file, no line that is only an index (``[1]`` with its value lost), no opening bracket
    unless the system's values may open with one (``bracketed``), nothing outside ASCII
    (a symbol the PDF set for "gives", ``⇒``), and every word in it one the code holds or a
    value of the language or, lowered, one of the system's own ``values`` (so a line of the
    page's prose, "or", "we could put", is no output)."""
    lines = output.split("\n")
    if not output.strip() or len(lines) > MAX_OUTPUT_LINES or not output.isascii():
        return False
    if any(re.fullmatch(r"\[[\d,]*\]", line.strip()) for line in lines):
        return False
    opening = ("^",) if bracketed else ("^", "(")
    if output.lstrip().startswith(opening) or _UNSTABLE_OUTPUT.search(output):
        return False
    code = {w.lower() for w in re.findall(r"[A-Za-z]{2,}", shown)}
    return all(w in VALUE_WORDS or w.lower() in code or w.lower() in values
               for w in re.findall(r"[A-Za-z]{2,}", re.sub(r"\d+e[+-]?\d+", "", output)))


def shell_named(source: str) -> str | None:
    """The shell a shell step runs its code in (``bash -c '...'``), if it names one."""
    first = re.match(r"\s*([\w./-]+)", source)
    name = first.group(1).rsplit("/", 1)[-1] if first else ""
    name = re.sub(r"-[\d.]+\w*$", "", name)
    return name if name in _SHELL_NAMES else None


def answerable_starts(text: str) -> list[int]:
    """Where the passage's transcripts start that show an output a question could ask for
    (:func:`stable_output`): those a concept's showcases should carry."""
    return [t.start for t in transcripts(text)
            if any(s.output and stable_output(s.output, s.source) for s in t.steps)]
