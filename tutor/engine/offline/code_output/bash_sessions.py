""""What does Bash print?" from a Bash manual's sessions: ``$ echo ${string:7:2}`` then ``78``.

The Bash manual teaches its expansions by sessions at the prompt (``$ string=01234567890abcdefgh``,
``$ echo ${string: -7:2}``, ``bc``; ``bash$ echo a{d,c,b}e``, ``ade ace abe``). The general
transcript writer (:mod:`transcript_exercises`) asks a shell's session only when its input names
the shell it runs in (``bash -c '...'``), since a ``$`` session in a manual about portable
scripts may show any shell's output. A session is known to run in Bash when its prompt says so
(``bash$``), when its own output names Bash (``bash: -2: substring expression < 0``), or when the
text around it names Bash and no other shell; the item then says "In Bash".

The item shows the lines the last command depends on (the assignments and ``set --`` lines that
bind what it reads, in order) and asks what it prints, keyed to the page's output (origin
``code_output``, checked against the page). Only a session the page shows whole: the commands
are assignments, ``echo``, ``printf``, ``:``, ``set --``, ``shift`` and ``unset``; every
variable read is bound by an earlier line shown; nothing reads the machine (``$0``, ``$$``,
``$RANDOM``, a command substitution, a tilde, a redirection, a pipe, a glob left unquoted). An
error, an empty output or a key the lines shown already hold gives no item.

The options are what the session's other commands printed (those whose code is nearest the
asked one's first: the sibling expansion a learner could confuse it with), and for a brace
expansion, the word left as typed, the braces dropped, the first alternative alone (the same
words in another order would pass the answer matcher as the key).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from tutor.course import Chunk, Citation, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.code_output.transcript_exercises import plausible_outputs, value_of
from tutor.engine.offline.code_output.transcripts import Transcript, stable_output, transcripts
from tutor.engine.offline.terms import mentions
from tutor.engine.offline.writing.exercise_material import Material, item_seed

MAX_ITEMS = 3
NEAR_TEXT_CHARS = 400
"""The concept must be named in the text this close before the session starts."""
SHELL_WINDOW_CHARS = 1500
"""How much text before a ``$`` session may say which shell it runs in."""
MAX_DISTRACTORS = 3
MIN_DISTRACTORS = 2
MAX_SHOWN_LINES = 6
MAX_KEY_CHARS = 40
MIN_BASH_MENTIONS = 3
BASH_SHARE = 2
"""The concept's passages name Bash at least this many times as often as other shells."""

_BASH_PROMPTS = ("$", "bash$")
_NAMES_BASH = re.compile(r"\bBash\b|^bash: ", re.M)
_OTHER_SHELL = re.compile(r"\b(?:ksh|zsh|csh|tcsh|dash|pdksh|mksh|yash|ash|/bin/sh|sh\s+-c|"
                          r"Korn\s+shell|C\s+shell)\b")
_COMMAND = re.compile(r"^(?:echo|printf|:|set\s+--|shift|unset)(?:\s|$)")
_ASSIGNMENT = re.compile(r"^(?P<name>[A-Za-z_]\w*)(?:\[[^\]]*\])?=")
_MACHINE = re.compile(r"\$\(|`|\$\$|\$!|\$\?|\$-|\$\{?0\b|\$\{[@*]:\s*0|\$\{?(?:RANDOM|SECONDS|"
                      r"PWD|OLDPWD|HOME|USER|PPID|BASH\w*|LINENO|HOSTNAME|EPOCH\w*|SRANDOM)\b|"
                      r"(?<![\w$])~|[<>|&]")
"""What reads the machine or the world: ``$0``, the process, chance, the clock, the home
folder, a command substitution, a redirection or a pipe."""
_READ = re.compile(r"\$\{[#!]?(?P<braced>[A-Za-z_]\w*|[@*#]|\d+)|\$(?P<bare>[A-Za-z_]\w*|[@*#]|\d)")
_DEFAULTED = re.compile(r"\$\{(?P<name>[A-Za-z_]\w*):?=")
_STRING = re.compile(r"'[^'\n]*'|\"(?:[^\"\\\n]|\\.)*\"")
_EXPANSION = re.compile(r"\$\{[^{}]*\}")


def runs_in_bash(t: Transcript, before: str, manual: str = "") -> bool:
    """Whether the session is known to run in Bash: its prompt or its output says so, or the
    text before it names no other shell and names Bash, or the ``manual``'s passages (the
    concept's, from the same source) name Bash far more often than any other shell."""
    if t.prompt == "bash$":
        return True
    if t.prompt != "$":
        return False
    if any(s.output.startswith("bash: ") for s in t.steps):
        return True
    window = before[-SHELL_WINDOW_CHARS:]
    if _OTHER_SHELL.search(window):
        return False
    if _NAMES_BASH.search(window):
        return True
    bash = len(_NAMES_BASH.findall(manual))
    return bash >= MIN_BASH_MENTIONS and bash >= BASH_SHARE * len(_OTHER_SHELL.findall(manual))


def _statements(source: str) -> list[str]:
    return [s.strip() for s in re.split(r"[;\n]", _STRING.sub("''", source)) if s.strip()]


def _is_positional(name: str) -> bool:
    return name in ("@", "*", "#") or name.isdigit()


def reads(source: str) -> set[str]:
    """The variables a step reads (``@`` for the positional parameters)."""
    found: set[str] = set()
    for match in _READ.finditer(source):
        name = match.group("braced") or match.group("bare")
        found.add("@" if _is_positional(name) else name)
    return found


def binds(source: str) -> set[str]:
    """The variables a step sets: assignments, ``${name:=word}``, ``set --`` and ``shift``
    (the positional parameters, ``@``), ``unset name``."""
    found: set[str] = set()
    for statement in _statements(source):
        assigned = _ASSIGNMENT.match(statement)
        if assigned is not None:
            found.add(assigned.group("name"))
        elif re.match(r"(?:set\s+--|shift)(?:\s|$)", statement):
            found.add("@")
        elif statement.startswith("unset "):
            found |= set(statement.split()[1:])
    found |= {m.group("name") for m in _DEFAULTED.finditer(source)}
    return found


def plain_step(source: str) -> bool:
    """Whether a step only assigns, expands and prints: nothing it does reads the machine or
    the file system (a glob left unquoted outside an expansion lists files)."""
    if _MACHINE.search(source) or "\n" in source.strip():
        return False
    for statement in _statements(source):
        if _ASSIGNMENT.match(statement):
            continue
        if not _COMMAND.match(statement):
            return False
        bare = _STRING.sub("", statement)
        while _EXPANSION.search(bare):
            bare = _EXPANSION.sub("", bare)
        if re.search(r"[*?\[]", bare):
            return False
    return True


def lines_needed(t: Transcript, index: int) -> list[int] | None:
    """The steps before ``index`` that bind what it reads (and what those read), in order;
    None when a name it reads is bound by no step shown, or a step it needs is not plain."""
    wanted = reads(t.steps[index].source) - binds(t.steps[index].source)
    kept: list[int] = []
    for i in range(index - 1, -1, -1):
        source = t.steps[i].source
        bound = binds(source)
        if bound & wanted:
            if not plain_step(source):
                return None
            kept.append(i)
            # a step that sets only part of what it binds (``: ${v:=x}``) reads it too
            wanted = (wanted - {b for b in bound if not _DEFAULTED.search(source)}) | reads(
                source)
    return sorted(kept) if not wanted else None


def output_of(output: str) -> str:
    """The session's output up to the first line holding an unexpanded ``${``: the PDF sets
    the next form the manual explains (``${parameter:=word}``) right under an output, and
    Bash prints no such line for an ``echo`` of an expansion."""
    kept: list[str] = []
    for line in output.split("\n"):
        if "${" in line:
            break
        kept.append(line)
    return "\n".join(kept).strip()


def sessions(lead: str, text: str) -> list[tuple[Transcript, int]]:
    """The Bash-prompt sessions of a passage, each with how many of its steps stand in the
    ``lead`` (the passage before, when a session runs over the page break: its first lines
    bind what the passage's lines read)."""
    own = [t for t in transcripts(text) if t.prompt in _BASH_PROMPTS]
    if not lead or not own or own[0].start > 0:
        return [(t, 0) for t in own]
    before = [t for t in transcripts(lead) if t.prompt == own[0].prompt]
    if not before or lead.rstrip().split("\n")[-1].strip() != (
            f"{before[-1].prompt} {before[-1].steps[-1].source}".split("\n")[-1].strip()):
        return [(t, 0) for t in own]  # the passage before does not end in that session
    carried = before[-1].steps
    first = Transcript(own[0].prompt, [*carried, *own[0].steps], 0)
    return [(first, len(carried)), *((t, 0) for t in own[1:])]


def _from_the_code(output: str, shown: str) -> bool:
    """Whether the output is a short result the lines shown make: each run of letters in it
    is a piece of the code (an expansion cuts and joins the values assigned), so a line of
    prose or an error the PDF set after the session is no output."""
    if len(output) > MAX_KEY_CHARS or not output.isascii() or not stable_output(output, output):
        return False
    code = shown.lower()
    letters = set(re.sub(r"[^a-z]", "", code))
    # a brace expansion joins pieces ("a{d,c,b}e" gives "ade"): its letters, not its words
    braced = re.search(r"\{[^{}$]*,[^{}]*\}", shown) is not None
    return all(word.lower() in code or braced and set(word.lower()) <= letters
               for word in re.findall(r"[A-Za-z]{2,}", output))


def _shown(t: Transcript, needed: Sequence[int], index: int) -> str:
    return "\n".join(f"{t.prompt} {t.steps[i].source}" for i in [*needed, index])


def brace_slips(source: str) -> list[tuple[str, str]]:
    """For ``echo`` of a brace expansion (``a{d,c,b}e``), what a learner could expect instead:
    the word left as typed, the braces dropped, only the first alternative."""
    word = re.fullmatch(r"\s*echo\s+(?P<pre>[\w.-]*)\{(?P<alts>[\w.-]+(?:,[\w.-]+)+)\}"
                        r"(?P<post>[\w.-]*)\s*", source)
    if word is None:
        return []
    pre, alts, post = word.group("pre"), word.group("alts").split(","), word.group("post")
    return [(f"{pre}{{{','.join(alts)}}}{post}", "takes the braces for literal text"),
            (f"{pre}{''.join(alts)}{post}", "drops the braces and commas"),
            (f"{pre}{alts[0]}{post}", "expands to the first alternative only")]


def write_bash_sessions(m: Material, passages: Sequence[Chunk]) -> list[Exercise]:
    """Up to :data:`MAX_ITEMS` "what does Bash print" items on the Bash sessions that follow
    text naming the concept, each keyed to the page's output; when a session allows more,
    those spread over it (the first, the last, one between), so the items ask different
    forms of the expansion rather than three neighbours."""
    found: list[tuple[Transcript, int, list[Citation]]] = []
    previous: Chunk | None = None
    ordered = sorted(passages, key=lambda c: (c.source, c.order))
    by_source: dict[str, str] = {}
    for chunk in ordered:
        joined = previous is not None and previous.source == chunk.source and (
            previous.order == chunk.order - 1)
        before_chunk = previous if joined else None
        lead = before_chunk.text if before_chunk is not None else ""
        previous = chunk
        if "$ " not in chunk.text:
            continue  # no prompt: no session
        manual = by_source.setdefault(chunk.source, "\n".join(
            c.text for c in ordered if c.source == chunk.source))
        for t, carried in sessions(lead, chunk.text):
            before = lead if carried else lead + "\n" + chunk.text[: t.start]
            if not (m.pattern.search(before[-NEAR_TEXT_CHARS:])
                    or m.pattern.search(chunk.heading)) or not runs_in_bash(t, before, manual):
                continue
            for index in range(carried, len(t.steps)):
                cited = [chunk.citation()]
                needed = lines_needed(t, index)
                if carried and before_chunk is not None and needed and needed[0] < carried:
                    cited.append(before_chunk.citation())
                found.append((t, index, cited))
    items: list[Exercise] = []
    keys: set[str] = set()
    for t, index, cited in found:
        item = _item(m, t, index, cited, 0, keys)
        if item is not None:
            items.append(item)
            keys.add(value_of(item.answer))
    picked = _spread(items, MAX_ITEMS)
    return [e.model_copy(update={"id": f"{m.concept.id}-bash-{n}"})
            for n, e in enumerate(picked, 1)]


def _spread(items: list[Exercise], most: int) -> list[Exercise]:
    """Up to ``most`` of the items, spread evenly from the first to the last."""
    if len(items) <= most:
        return items
    step = (len(items) - 1) / (most - 1)
    return [items[round(i * step)] for i in range(most)]


def _item(m: Material, t: Transcript, index: int, cited: list[Citation], n: int,
          keys: set[str]) -> Exercise | None:
    step = t.steps[index]
    key = output_of(step.output)
    if not key or "\n" in key or key.startswith("bash:") or value_of(key) in keys:
        return None
    if not plain_step(step.source):
        return None
    needed = lines_needed(t, index)
    if needed is None or len(needed) + 1 > MAX_SHOWN_LINES:
        return None
    shown = _shown(t, needed, index)
    if not _from_the_code(key, shown) or mentions(shown, [key]):
        return None  # a key the lines shown hold gives itself away
    ranked = sorted((s for i, s in enumerate(t.steps) if i != index and output_of(s.output)
                     and "\n" not in output_of(s.output) and not s.output.startswith("bash:")),
                    key=lambda s: -fuzz.ratio(s.source, step.source))
    options = [*plausible_outputs(key, [output_of(s.output) for s in ranked]),
               *brace_slips(step.source)]
    options = [(text, why) for text, why in dict(options).items()
               if value_of(text) != value_of(key)][:MAX_DISTRACTORS]
    if len(options) < MIN_DISTRACTORS:
        return None
    exercise_id = f"{m.concept.id}-bash-{step.source}"
    choices = [key, *(text for text, _ in options)]
    random.Random(item_seed(exercise_id)).shuffle(choices)
    return Exercise(
        id=exercise_id, concept_id=m.concept.id, kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt=f"In Bash, what does the last command print?\n\n```\n{shown}\n```",
        answer=key, choices=choices, misconceptions=dict(options),
        explanation=(f"Bash prints {key} here, as the manual shows ({cited[0].label()}); this "
                     "answer was checked against the page, not by running it."),
        citations=cited, difficulty=0.55, origin=ExerciseOrigin.CODE_OUTPUT, checked_by="page")
