"""Option tables: the command-line options a manual lists with what each does.

A tool's manual documents its options as a table, one option a line or two: "-r, --register
Register label", "--include=dir / -I dir Append dir to the include path.", "'--enable-fat' /
Include multiple versions of ...". A table is one concept, the command's options (named
"idn2 options", after the command its lead sentence names: "idn2 recognizes these
commands:"), never one concept per option: its definition names the first options with what
each does, its key points say one option each.

A table counts when it has at least :data:`MIN_OPTIONS` options with a description of their
own (``--help`` and ``--version`` left out): a list of bare flags explained in prose after it,
or two options in passing, is no table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tutor.course import Chunk, Citation
from tutor.engine.port import ConceptDraft
from tutor.sentences import split_sentences
from tutor.text import STOPWORDS, lower_first, normalize, without_period

MIN_OPTIONS = 4
"""Options with a description of their own a table needs (``--help``, ``--version`` aside)."""
LISTED = 4
"""Options a table's definition names, with what each does."""
WHAT_WORDS = 10
"""Words of an option's description its table's definition keeps."""
DEFINITION_CHARS = 150
"""Length past which a table's definition names no further option."""
KEY_POINTS = 4
"""Key points of a table's concept: its definition, then one option each."""
SCORE = 3.0
"""A table's concept scores as a reference entry does."""

_FLAG = re.compile(r"^[‘'`]?-{1,2}[A-Za-z0-9][\w-]*(?:=[\w\[\]:,.]*[\w\]])?[’'`]?,?$")
"""One flag as written in a table ("-h,", "--include=dir", "'--enable-fat'"), not one ending
a sentence ("... does not pass --localdir=dir.")."""
_ARGUMENT = re.compile(r"^(?:[a-z][\w\[\]:,.]*|[A-Z]{2,}|\[[^\]]*\]|<[^>]*>)$")
"""A flag's argument ("dir", "macro[:format]", "FILE", "<n>")."""
_GENERIC = frozenset({"help", "version"})
_OWNER = re.compile(
    r"(?<![\w.-])(?P<owner>[\w.][\w.+-]*)\s+(?:accepts|recognizes|recognises|understands|"
    r"supports|takes|has)\s+(?:the\s+following|these|several|a\s+few)\s+(?:command[-\s]line\s+)?"
    r"(?:options|commands|flags|switches|arguments)\b"
    r"|(?<![\w.-])(?<!\bcommand\s)(?P<named>[\w.][\w.+-]*)\s+options\b")
"""Where the text before a table names the command it belongs to."""
_BY_OWNER = re.compile(r"\boptions\s+(?:are|is)\s+(?:recognized|recognised|accepted|supported|"
                       r"understood)\s+by\s+(?P<by>[\w.][\w.+-]*\w)")
"""The passive lead ("The following command-line options are recognized by camlidl.")."""
_NO_OWNER = STOPWORDS | {"following", "supported", "subset", "common", "available", "usual",
                         "command-line"}
"""Words before "options" that say what kind of options, not whose ("the command-line options
are recognized by camlidl": camlidl's; the "line" of "command line options" is skipped where
it is matched)."""
_INVOKING = re.compile(r"\b(?:Invoking|Using|Running)\s+(?P<before>[a-z][\w.+-]*)"
                       r"|(?P<after>[a-z][\w.+-]*)\s+Invocation\b")
"""A section heading naming the command it documents ("Invoking autom4te", "Using autoreconf
to Update ...", "config.status Invocation")."""
_NUMBERING = re.compile(r"^\s*(?:[A-Z]\.|\d+(?:\.\d+)*)\s+")


@dataclass
class Option:
    """One option of a table: its flags as written and the sentence saying what it does."""

    flags: list[str]
    description: str = ""

    @property
    def name(self) -> str:
        """The option's long flag when it has one ("--register"), else its first."""
        longs = [f for f in self.flags if f.startswith("--")]
        return (longs or self.flags)[0]

    @property
    def generic(self) -> bool:
        return self.name.lstrip("-").split("=")[0] in _GENERIC


@dataclass
class OptionTable:
    """A section's options, the command they belong to and where the table is."""

    owner: str
    options: list[Option] = field(default_factory=list)
    chunk: int = 0
    section: str = ""

    @property
    def described(self) -> list[Option]:
        return [o for o in self.options if o.description and not o.generic]


def find_tables(chunks: Sequence[Chunk], skip: set[int] | frozenset[int] = frozenset()
                ) -> list[OptionTable]:
    """The course's option tables in reading order, one a section at most (the passages of a
    section read as one text, so a table runs on over a page break)."""
    tables: list[OptionTable] = []
    for section, indices in _sections(chunks, skip):
        lines: list[tuple[int, str]] = [
            (i, line) for i in indices for line in normalize(chunks[i].text).split("\n")]
        table = _table(lines, section)
        if table is not None and len(table.described) >= MIN_OPTIONS:
            tables.append(table)
    return tables


def _sections(chunks: Sequence[Chunk], skip: set[int] | frozenset[int]
              ) -> list[tuple[str, list[int]]]:
    runs: list[tuple[str, list[int]]] = []
    for index, chunk in enumerate(chunks):
        if index in skip:
            continue
        if runs and runs[-1][0] == chunk.heading and runs[-1][1][-1] == index - 1:
            runs[-1][1].append(index)
        else:
            runs.append((chunk.heading, [index]))
    return runs


def _table(lines: list[tuple[int, str]], section: str) -> OptionTable | None:
    """The section's options: each a run of flag lines, its description the words after the
    flags or, when none, the line after them."""
    options: list[Option] = []
    before: list[str] = []
    first_chunk = -1
    current: Option | None = None
    for chunk, line in lines:
        flags, rest = _flags(line)
        if flags:
            if current is None or current.description:
                current = Option([])
                options.append(current)
                first_chunk = chunk if first_chunk < 0 else first_chunk
            current.flags += flags
            current.description = _first_sentence(rest)
        elif current is not None and not current.description and line[:1].isupper():
            current.description = _first_sentence(line)
        elif not options and line.strip() != section.strip():
            before.append(line)
    if not options:
        return None
    return OptionTable(owner=_owner(" ".join(before), section), options=options,
                       chunk=first_chunk, section=section)


def _flags(line: str) -> tuple[list[str], str]:
    """The flags a line opens with and the rest of it: "-I dir Append dir ..." -> (["-I
    dir"], "Append dir ..."); no flags when the words after them are no description (a
    sentence going on in lower case: "-p tells the program ...")."""
    tokens = line.split()
    flags: list[str] = []
    at = 0
    while at < len(tokens):
        token = tokens[at]
        if _FLAG.match(token):
            flags.append(token.strip("‘’'`,"))
        elif flags and _ARGUMENT.match(token) and (
                at + 1 == len(tokens) or not tokens[at + 1][:1].islower()):
            flags[-1] = f"{flags[-1]} {token.rstrip(',')}"
        else:
            break
        at += 1
    rest = " ".join(tokens[at:])
    if not flags or (rest and not rest[:1].isupper()):
        return [], line
    return flags, rest


def _first_sentence(text: str) -> str:
    sentences = split_sentences(" ".join(text.split()))
    return sentences[0] if sentences else ""


def _owner(lead: str, section: str) -> str:
    """The command the table belongs to: named by the section's heading ("Invoking
    autom4te") or the text before the table ("idn2 recognizes these commands:", "a list of
    configure options"), else the heading itself."""
    invoking = _INVOKING.search(section)
    if invoking:
        return invoking.group("before") or invoking.group("after")
    matches = list(_OWNER.finditer(lead))
    found = [m.group("by") for m in _BY_OWNER.finditer(lead)] or [
        m.group("owner") for m in matches if m.group("owner")] or [
        m.group("named") for m in matches if m.group("named")]
    found = [f.strip(".") for f in found if f.lower() not in _NO_OWNER and f[:1].isalpha()]
    if found:
        return found[-1]
    heading = _NUMBERING.sub("", section).strip()
    heading = re.sub(r"\b(?:command[-\s]line\s+)?options?\b", "", heading, flags=re.I).strip()
    whose = re.search(r"(?:^|\s)(?:for|of)\s+(?P<owner>\S.*)$", heading)
    if whose:  # "Command line options for convert-ly": convert-ly's, not "for convert-ly"
        return whose.group("owner")
    return heading or "command"


def option_concepts(chunks: Sequence[Chunk], skip: set[int] | frozenset[int] = frozenset()
                    ) -> list[ConceptDraft]:
    """One draft per option table: "<command> options", defined by its first options."""
    drafts = []
    for table in find_tables(chunks, skip):
        name = f"{table.owner} options"
        listed: list[str] = []
        for option in table.described[:LISTED]:
            if listed and sum(map(len, listed)) > DEFINITION_CHARS:
                break
            listed.append(f"{option.name} ({_what(option)})")
        more = len(table.described) - len(listed)
        said = ", ".join(listed)
        definition = (f"The {name} are the command-line options of {table.owner}: {said}"
                      + (f", and {more} more." if more > 0 else "."))
        points = [definition] + [f"{', '.join(o.flags)}: {o.description}"
                                 for o in table.described[:KEY_POINTS - 1]]
        citation: Citation = chunks[table.chunk].citation()
        drafts.append(ConceptDraft(
            name=name, definition=definition, citations=[citation],
            first_order=chunks[table.chunk].order, section=table.section, score=SCORE,
            evidence=["definition", "reference"], key_points=points))
    return drafts


def _what(option: Option) -> str:
    """What the option does, its first clause in at most :data:`WHAT_WORDS` words."""
    clause = re.split(r"[,;:]\s", without_period(option.description))[0]
    words = clause.split()
    return lower_first(" ".join(words[:WHAT_WORDS]) + (" ..." if len(words) > WHAT_WORDS
                                                       else ""))
