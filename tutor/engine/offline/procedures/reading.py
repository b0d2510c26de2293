"""Reading procedures: where a manual says how to reach a goal, and what to run or choose.

User and administration manuals teach tasks more than terms: "To build in BUILDDIR, run
cd BUILDDIR TOP_SRCDIR/configure", "You can test a build by running / make check", "The
recommended packages can be checked by / make check-recommended", "To use PSTricks, you have
to configure AMC : Edit → Preferences → Main". Each such sentence is a :class:`Procedure`: the
goal (an infinitive, "test a build"), the action (the command, the call, the macro, the option
or the menu path the book gives for it, read from the sentence or from the display line right
below it, where the sentence breaks off at "by running", "use", "with"), the commands shown on
the lines after it (``steps``), the sentence and its passage (its page).

Goals that lean on the text before them ("To make these ...", "To get around this") are not
read: a learner given the goal alone could not tell what it is about; nor a goal on one noun
the text before has named ("make the input"), nor one that is not the reader's ("To avoid
multiplying by 53, an optimizing compiler might ..."). An action is what the reader runs,
calls, types or chooses: never a bare name in the sentence ("computed by M4"), nor a listing's
first line ("#ifdef F77_DUMMY_MAIN"); an option keeps the dots its name ends in ("-I.").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tutor.course import Chunk, Citation
from tutor.text import STOPWORDS, general_zipf, normalize

MAX_GOAL_WORDS = 14
MIN_GOAL_WORDS = 2
MAX_ACTION_CHARS = 70
MAX_STEPS = 6
LISTING_LINES = 3
"""Lines of code below a goal from which they are a listing, not an action."""

_WHO = (r"(?:(?:you|one|we)\s+(?:can|could|should|must|may|might|need\s+to|have\s+to|"
        r"will\s+need\s+to)\s+(?:also\s+|simply\s+|then\s+|just\s+|first\s+)?"
        r"(?:(?:for\s+example\s+)?want\s+to\s+)?|it\s+is\s+(?:necessary|possible|enough)\s+to\s+|"
        r"(?:just|simply|first|then)\s+)?")
_TO_GOAL = re.compile(
    r"(?:^|(?<=[.!?:]\s)|(?<=\n))(?:To|In\s+order\s+to)\s+(?P<goal>[a-z][^,.;:\n]{3,100}?)\s*,\s*"
    + "(?P<who>" + _WHO + r")(?P<verb>[a-z]+(?:\s+(?:on|to))?)\b(?P<rest>[^\n]*)")
""""To <goal>, [you can] <verb> <rest>": a purpose clause opening the sentence."""
_BY_GOAL = re.compile(
    r"\b(?:[Yy]ou|[Oo]ne)\s+can\s+(?:also\s+|easily\s+)?(?P<goal>[a-z][^.;:\n]{3,100}?)\s+"
    r"(?P<verb>by\s+(?:running|using|typing|calling|executing|entering|invoking|clicking(?:\s+on)?"
    r"|selecting|choosing|pressing|setting|adding|giving|specifying|including)|with)\b"
    r"(?P<rest>[^\n]*)")
""""You can <goal> by running <rest>"."""
_PASSIVE_GOAL = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<subject>(?:[Tt]he|[Aa]n?|[A-Z][\w-]*)\s[\w\s-]{2,60}?)\s+"
    r"(?:can|may|should)\s+be\s+(?P<done>[a-z]+ed|built|made|run|set|put|kept)\s+"
    r"(?P<verb>by(?:\s+(?:running|using|typing|calling|executing))?|with|using)\s*"
    r"(?P<rest>[^\n]*)")
""""The recommended packages can be checked by / make check-recommended"."""

_LEANING = re.compile(
    r"\b(?:this|these|that|those|it|them|they|such|above|below|following|former|latter|"
    r"here|there|so|however|also|similar|same)\b", re.IGNORECASE)
_FILLER = re.compile(
    r"^(?:the\s+|a\s+|an\s+)?(?:(?:appropriate\s+)?(?:one|both|either)\s+(?:or\s+both\s+)?of\s+"
    r"(?:the\s+)?|following\s+|(?:command|option|options|line|function|macro|button|menu|"
    r"package\s+option|argument|program|script|code)\b\s*)*", re.IGNORECASE)
_MACRO = re.compile(r"\\[A-Za-z@]+\*?(?:\[[^\]\n]*\])?(?:\{[^{}\n]*\})*")
_OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*"
                     r"(?:\.+(?!\w)|=[^\s,;]+|\s+(?![a-z]+\b)[\w./-]+)?")
"""An option, with the dots its name ends in ("-I.", "-I.."): the key is the option as written."""
_CALL = re.compile(r"\b[A-Za-z_][\w.:]*\([^()\n]{0,40}\)")
_MENU = re.compile(r"[A-Z][\w+-]*(?: [\w+-]+){0,3}(?:\s*(?:→|->)\s*[A-Za-z][\w+.-]*"
                   r"(?: [\w+.-]+){0,3}){1,5}")
_PROMPT = re.compile(r"^(?:>>>|[>$#])(?:\s+|$)")
"""An interpreter's or a shell's prompt before a command."""
_CODE_CHAR = re.compile(r"[\\/=(){}\[\]<>$.:_*-]|\d")
_PROSE_STOP = frozenset(STOPWORDS | {
    "to", "for", "and", "or", "in", "on", "at", "with", "from", "which", "if", "then", "before",
    "after", "as", "so", "but", "first", "instead", "where", "when", "that", "this", "will",
    "should", "can", "may", "is", "are", "be", "see", "e.g", "i.e"})
_NOT_READER = frozenset(
    "the a an this that these those its their his her our some each every any all no it they "
    "he she most many such".split())
"""Words that open a clause's subject: "To avoid multiplying by 53, an optimizing compiler
might ...", "In order to link with Fortran routines, the user's program should ...": the goal is
someone else's, not the reader's."""
_VAGUE_OBJECT = re.compile(r"^\S+\s+(?:up\s+|out\s+)?the\s+[\w-]+$", re.IGNORECASE)
""""make the input", "install the package": one noun the text before has said which it is."""
_CODE_PUNCT = re.compile(r"[\\/=(){}\[\]<>$:_*-]|\.\w")
"""What makes a word in a sentence code: a bare name ("M4", "int") is a language, a type or
a program spoken of, not a line the reader runs."""
_BLOCK_OPENER = re.compile(r"^#\s*(?:if|ifdef|ifndef|define)\b|\\begin\{|[{(\[]\s*$")
_CONTINUES = re.compile(r"^(?:[{}()\[\];,]+|#\s*\w+.*)$")
"""A display line that only carries on a listing: a brace, a preprocessor line."""
_NOT_GOAL_START = frozenset("the a an and or be is are this that which as so".split())
_RUN_VERBS = frozenset("run running type typing execute executing enter entering invoke "
                       "invoking call calling by".split())
_CHOOSE_VERBS = frozenset("click clicking select selecting choose choosing press pressing go "
                          "open".split())


@dataclass(frozen=True)
class Procedure:
    """A way the manual gives to reach a goal."""

    goal: str
    """What it achieves, as an infinitive without "to" ("test a build")."""
    action: str
    """What to run, type or choose ("make check", "Edit → Preferences")."""
    shape: str
    """``command`` (a line at a prompt), ``call``, ``macro``, ``option`` or ``menu``."""
    asks: str
    """``run``, ``choose`` or ``use``: how a question asks for the action."""
    sentence: str
    chunk: Chunk
    steps: tuple[str, ...] = ()
    """The commands shown one a line after the action, the action first."""

    @property
    def citation(self) -> Citation:
        return self.chunk.citation()


def find_procedures(chunks: Iterable[Chunk]) -> list[Procedure]:
    """The procedures of the passages, in reading order, one per action."""
    found: dict[str, Procedure] = {}
    for chunk in chunks:
        for procedure in _in_chunk(chunk):
            found.setdefault(procedure.action, procedure)
    return list(found.values())


def _in_chunk(chunk: Chunk) -> list[Procedure]:
    return [Procedure(goal, action, shape, asks, sentence, chunk, steps)
            for goal, action, shape, asks, sentence, steps in _read_procedures(chunk.text)]


@lru_cache(maxsize=4096)
def _read_procedures(raw: str) -> tuple[tuple[str, str, str, str, str, tuple[str, ...]], ...]:
    """The procedures a passage's text gives (goal, action, shape, asks, sentence, steps),
    read once per build: the writers ask for the same passages' procedures concept after
    concept."""
    text = normalize(raw)
    out: list[tuple[str, str, str, str, str, tuple[str, ...]]] = []
    taken: set[int] = set()
    for pattern in (_TO_GOAL, _BY_GOAL, _PASSIVE_GOAL):
        for match in pattern.finditer(text):
            if match.start() in taken:
                continue
            goal = _goal(match)
            if goal is None:
                continue
            verb = match.group("verb").split()[-1].lower()
            if not _readers(match):
                continue
            found = _action(match.group("rest"), text[match.end():], verb)
            if found is None:
                continue
            action, shape, steps, said = found
            taken.add(match.start())
            sentence = " ".join(f"{text[match.start():match.start('rest')]}{said}".split())
            asks = ("choose" if shape == "menu" or verb in _CHOOSE_VERBS else
                    "run" if verb in _RUN_VERBS and shape in ("command", "call") else "use")
            out.append((goal, action, shape, asks, sentence, steps))
    return tuple(out)


def _readers(match: re.Match[str]) -> bool:
    """Whether the goal is the reader's: "To X, [you can] run ..." says what the reader does;
    "To X, an optimizing compiler might ..." says what a program does."""
    if match.groupdict().get("who") is None or match.group("who").strip():
        return True
    verb = match.group("verb").split()[0].lower()
    if re.match(r"\s*(?:might|may|can|could|should|must|will|would|does|is)\b",
                match.group("rest")):
        return False  # "To X, autoconf will run ...": the verb was the subject
    return verb not in _NOT_READER


def _goal(match: re.Match[str]) -> str | None:
    """The goal as an infinitive, or None when it leans on the text around it."""
    groups = match.groupdict()
    if groups.get("subject"):
        subject = groups["subject"].strip()
        if _LEANING.search(subject) or len(subject.split()) > 8:
            return None
        base = _base_verb(groups["done"])
        if base is None:
            return None
        goal = f"{base} {subject[:1].lower()}{subject[1:]}" if not subject[1:2].isupper() \
            else f"{base} {subject}"
    else:
        goal = groups["goal"].strip()
    goal = re.sub(r"^(?:choose|decide|want)\s+to\s+", "", " ".join(goal.split()))
    words = goal.split()
    if not MIN_GOAL_WORDS <= len(words) <= MAX_GOAL_WORDS or _LEANING.search(goal):
        return None
    if words[0].lower() in _NOT_GOAL_START or words[-1].lower() in ("the", "a", "an", "to", "of"):
        return None
    if _VAGUE_OBJECT.match(goal):
        return None  # "make the input": which input, the goal alone does not say
    return goal


_IRREGULAR = {"built": "build", "made": "make", "run": "run", "set": "set", "put": "put",
              "kept": "keep"}


def _base_verb(participle: str) -> str | None:
    """"checked" -> "check", "removed" -> "remove", "stopped" -> "stop": the commonest word
    among the forms a regular participle may come from."""
    if participle in _IRREGULAR:
        return _IRREGULAR[participle]
    stem = participle[:-2]
    forms = [stem, stem + "e", participle[:-1]]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        forms.append(stem[:-1])
    if stem.endswith("i"):
        forms.append(stem[:-1] + "y")
    best = max(forms, key=general_zipf)
    return best if general_zipf(best) >= 2.5 else None


def _action(rest: str, after: str, verb: str
            ) -> tuple[str, str, tuple[str, ...], str] | None:
    """The action the sentence gives (in its own words or on the display line below), its
    shape, the steps shown and the rest of the sentence as the book says it (the display's
    lines joined by " / ")."""
    end = _sentence_end(rest)
    said = rest[: end.start()] if end else rest
    whole = rest[: end.end()] if end else rest
    command = _command_line(said) if verb in _RUN_VERBS else None
    if command is not None and _CODE_PUNCT.search(command):
        return command, _shape(command), (command,), whole  # "by running make compact-pdf"
    inline = _inline(said)
    if inline is not None:
        return (*inline, (inline[0],), whole)
    if command is not None:
        return None  # "may be computed by M4, when ...": a bare name in the sentence is a
        # language or a program spoken of, not what the reader runs
    if end is not None and said.strip() and not said.rstrip().endswith(":"):
        return None  # the sentence ends with no code in it
    if re.search(r"\bexamples?\b", said):
        return None  # "..., as in the following example:": the display shows a case, the
        # action is the sentence's prose
    if said.strip() and not re.search(
            r"(?:\b(?:running|using|typing|use|run|type|by|with|of|in|as|enter|include|"
            r"command|line|execute|call)|:)\s*$", said):
        return None  # the display below is not what the sentence breaks off for
    lines = after.lstrip("\n").split("\n") if after.startswith("\n") else []
    steps: list[str] = []
    for line in lines[:MAX_STEPS]:
        command = _command_line(line)
        if command is None:
            break
        steps.append(command)
        if command != _PROMPT.sub("", line.strip()):
            break  # the line goes on in prose: the display ends here
    if not steps or _code_lines(lines) >= LISTING_LINES:
        return None  # three lines of code or more: a listing to read, not one action
    if not _whole(steps[0]):
        return None  # "#ifdef F77_DUMMY_MAIN", "AC_INIT([Hello],": a listing's first line
    return steps[0], _shape(steps[0]), tuple(steps), f"{said} {' / '.join(steps)}"


def _sentence_end(rest: str) -> re.Match[str] | None:
    """Where the sentence ends: a stop followed by a space or the line's end, but not the dot
    an option's name ends in when the sentence goes on ("pass the compiler a -I. option")."""
    for end in re.finditer(r"[.!?][)\]\"']*(?:\s|$)", rest):
        glued = re.search(r"(?<![\w-])--?[A-Za-z][\w-]*\.*$", rest[: end.start()])
        if glued and re.match(r"\s+[a-z(]", rest[end.start() + 1:]):
            continue
        return end
    return None


def _code_lines(lines: Sequence[str]) -> int:
    """How many lines of code the display opens with, the lines that only carry a listing on
    (a brace, a preprocessor line) counted too."""
    count = 0
    for line in lines:
        if _command_line(line) is None and not _CONTINUES.match(line.strip()):
            break
        count += 1
    return count


def _whole(action: str) -> bool:
    """Whether an action stands on its own: its brackets closed, no block opened."""
    if _BLOCK_OPENER.search(action):
        return False
    return all(action.count(a) == action.count(b) for a, b in ("()", "[]", "{}"))


def _inline(said: str) -> tuple[str, str] | None:
    """Code the sentence itself gives after its verb: a menu path, a macro, a call, an
    option, the first that occurs."""
    said = _FILLER.sub("", said.strip())
    best: tuple[int, str, str] | None = None
    for shape, pattern in (("menu", _MENU), ("macro", _MACRO), ("call", _CALL),
                           ("option", _OPTION)):
        match = pattern.search(said)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), match.group(0).strip(" ,"), shape)
    if best is None or len(best[1]) > MAX_ACTION_CHARS or len(best[1]) < 2:
        return None
    if best[0] > 40:
        return None  # code far into the sentence is what the goal works on, not the action
    return best[1], best[2]


def _command_line(line: str) -> str | None:
    """The command a display line holds, cut where prose begins ("make pdf to create PDF
    versions" -> "make pdf"); None for a line of prose."""
    tokens = line.strip().split()
    if not tokens:
        return None
    first = tokens[0]
    if not (_CODE_CHAR.search(first) or first.islower() or first.isupper()):
        return None  # "The recommended packages ...": a sentence
    if first.lower() in _PROSE_STOP:
        return None
    kept: list[str] = []
    for token in tokens:
        if token.lower().strip(",") in _PROSE_STOP and kept:
            break
        kept.append(token)
    if _PROMPT.match(first) and first.startswith(">>>"):
        return None  # a Python session: its first line sets up the case, no action
    command = _PROMPT.sub("", " ".join(kept)).rstrip(",;")
    if command.endswith(":"):
        return None  # a label opening a list ("SeparateAnswerSheet: If 1, ..."), no command
    if command.endswith(".") and not _CODE_CHAR.search(command[:-1]):
        return None
    plain = [t for t in kept if not _CODE_CHAR.search(t) and t.islower()]
    if len(plain) >= 4 and len(plain) == len(kept):
        return None  # four plain lower-case words: prose, not a command ("R CMD REMOVE pkg"
        # is one)
    if len(command) > MAX_ACTION_CHARS or len(command) < 2:
        return None
    return command


def _shape(command: str) -> str:
    for shape, pattern in (("macro", _MACRO), ("call", _CALL)):
        if pattern.fullmatch(command):
            return shape
    if _CALL.search(command):
        return "call"  # "av <- available.packages(filters=list())": code, not a shell line
    if _MENU.fullmatch(command):
        return "menu"
    return "option" if command.startswith("-") else "command"


def procedures_on(chunks: Sequence[Chunk], pages: set[tuple[str, int]]) -> list[Procedure]:
    """The procedures of the passages on the given pages."""
    return find_procedures(c for c in chunks if (c.source, c.page) in pages)
