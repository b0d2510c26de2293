"""Reference entries that name a thing and say its purpose, then its synopsis and description.

A DocBook reference page (a ``refentry``) and a man page set as a book document one name each,
in parts the book labels::

    Name         insert.olink.page.number — Turns page numbers in olinks on and off
    Synopsis     <xsl:param name="insert.olink.page.number">no</xsl:param>
    Description  Determines if cross references made between documents ...

(``NAME`` / ``SYNOPSIS`` / ``DESCRIPTION`` in a man page). A PDF's text often runs the entries
together ("... the separator. Namecallout.graphics — Use graphics for callouts? Synopsis<xsl:param
...> Description If non-zero, ..."): an entry may start mid-page, mid-line, its label glued to
the words before it, its parts broken over lines and pages. So the entries are read from the
reference's text as one stream, not page by page.

- An entry opens on the label ``Name``/``NAME`` (or a line opening on a name that reads as
  code, "html.stylesheet — ...", where the extraction lost the label), its name (several,
  comma-separated, on a man page's NAME line), a dash and its purpose, and then the label of its synopsis or description
  within :data:`MAX_PURPOSE` characters: a name and a dash alone are no entry.
- Its synopsis is code, never a definition; its description runs to the next entry or a part
  the book labels ("See also", "Parameters", ...); the labels are never concepts.
- Its section is the passage's heading, else the title of the section the text runs into
  before it: a title the extraction repeats back to back ("Callouts" drawn three times, then
  the section's entries).
- Its kind is what the book calls it ("The ebnf.assignment parameter determines ..."), else
  the kind most entries of the reference have, else read off its synopsis (a call is a function,
  a command line a command).

Entries count only where the course has at least
:data:`~tutor.engine.offline.concepts.reference_entries.MIN_ENTRIES` of them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from tutor.course import Chunk
from tutor.engine.offline.concepts.reference_entries import MIN_ENTRIES, verb_form
from tutor.engine.offline.terms import is_junk_term, term_key
from tutor.text import normalize

MAX_PURPOSE = 200
"""Characters a purpose line may have before the synopsis or description label."""

PART_LABELS = ("Name", "NAME", "Synopsis", "SYNOPSIS", "Description", "DESCRIPTION", "See also",
               "SEE ALSO", "Parameters", "Options", "OPTIONS", "Return value", "RETURN VALUE",
               "Returns", "Examples", "EXAMPLES", "Example", "Notes", "NOTES")
"""The labels of an entry's parts."""
NEVER_CONCEPTS = ("Name", "Synopsis", "Description", "See also")
"""Labels that are no concepts where a reference has named entries ("Options", "Examples" may
name a concept the book explains)."""
_OPENING = re.compile(
    r"(?:(?:Name|NAME)[ \t]*\n?[ \t]*-?|(?m:^)[ \t]*(?=[^\s,]*\w[._\-:]\w))(?P<names>[^\s,]+(?:,[ \t]*[^\s,]+)*)\s+-\s+"
    r"(?P<purpose>[^\n]*?(?:\n[^\n]*?){0,3}?)\s*(?=Synopsis|SYNOPSIS|Description|DESCRIPTION)")
"""The label (or, for a name that reads as code, the start of a line: a label the extraction
lost), the name(s), the dash (normalised to " - ") and the purpose, up to the next label."""
_LABELLED = re.compile(r"Synopsis|SYNOPSIS|Description|DESCRIPTION")
_SYNOPSIS = re.compile(r"^\s*(?:Synopsis|SYNOPSIS)")
_DESCRIPTION = re.compile(r"(?:Description|DESCRIPTION)\s*")
_END_OF_DESCRIPTION = re.compile(
    r"\s(?:See also|SEE ALSO|Parameters\s|OPTIONS\s|RETURN VALUE|EXAMPLES?\s|Related [A-Z][a-z]+ "
    r"[A-Z][a-z]+|Related Information)")
"""Where the description gives way to another part of the entry."""
_TITLE = re.compile(r"(?<![A-Z0-9#])(?P<title>[A-Z][^\n]{2,60}?)(?P=title){1,2}(?![a-z])")
"""A section title the extraction drew two or three times running ("CalloutsCalloutsCallouts")."""
_TITLE_WORDS = re.compile(r"^[A-Z][\w/*:,]*(?: (?:[A-Za-z/*:,]+|[a-z]+))*$")
KINDS = frozenset((
    "function macro command method procedure operator form hook type variable option constant "
    "struct structure enumeration typedef union class parameter template element attribute "
    "property setting program utility builtin key mode field module filter").split())
"""What a reference may call its entries ("The xpointer.idref template returns ...")."""
_CATCH_ALL = frozenset("other others miscellaneous misc general introduction overview "
                       "contents index".split())
"""Titles of sections that gather what did not fit elsewhere: no topic of their own."""


@dataclass
class NamedEntry:
    """One entry: its name, the purpose the book gives it, its synopsis and description."""

    name: str
    purpose: str
    synopsis: str
    description: str
    chunk: int
    """The passage the entry opens in."""
    other_names: list[str] = field(default_factory=list)
    """Further names documented by the same entry (a man page's "ls, dir - ...")."""
    section: str = ""
    kind: str = ""
    """What the book calls such an entry ("parameter", "template"), or ""."""
    pages: list[int] = field(default_factory=list)
    """Passages of further entries documenting the same name (another part of the book)."""


def find_named_entries(chunks: Sequence[Chunk], skip: set[int] | frozenset[int] = frozenset()
                       ) -> list[NamedEntry]:
    """The course's named entries in reading order, one per name (a name documented again
    later, in another part of the book, adds that passage to the first); none when the course
    has fewer than :data:`MIN_ENTRIES`."""
    stream, starts, owners = _stream(chunks, skip)
    if not _LABELLED.search(stream):
        return []  # no synopsis or description label: no entry of this shape
    openings = [m for m in _OPENING.finditer(stream) if _usable_name(m.group("names"))]
    if len(openings) < MIN_ENTRIES:
        return []
    titles = [(m.start(), m.group("title").strip()) for m in _TITLE.finditer(stream)
              if _is_title(m.group("title"))]
    entries: list[NamedEntry] = []
    by_name: dict[str, NamedEntry] = {}
    for number, match in enumerate(openings):
        end = openings[number + 1].start() if number + 1 < len(openings) else len(stream)
        end = min([end] + [at for at, _ in titles if match.end() < at < end])
        chunk = owners[_owner(starts, match.start())]
        names = [n.strip().rstrip(".,;") for n in match.group("names").split(",")]
        body = stream[match.end():end]
        synopsis, description = _parts(body)
        name = _whole_name(names[0], stream)
        known = by_name.get(term_key(name))
        if known is not None:
            known.pages.append(chunk)
            continue
        entry = NamedEntry(name=name, purpose=" ".join(match.group("purpose").split()),
                           synopsis=synopsis, description=description, chunk=chunk,
                           other_names=[n for n in names[1:] if n],
                           section=_section(chunks[chunk].heading, name, match.start(), titles))
        by_name[term_key(name)] = entry
        entries.append(entry)
    _give_kinds(entries)
    return entries


def _stream(chunks: Sequence[Chunk], skip: set[int] | frozenset[int]
            ) -> tuple[str, list[int], list[int]]:
    """The passages' normalised text as one stream (a word broken over two passages joined),
    where each passage starts in it, and the passage's index."""
    parts: list[str] = []
    starts: list[int] = []
    owners: list[int] = []
    length = 0
    for index, chunk in enumerate(chunks):
        if index in skip:
            continue
        text = normalize(chunk.text)
        separator = "\n" if parts else ""
        tail = re.search(r"[A-Za-z]+-$", parts[-1]) if parts else None
        head = re.match(r"[a-z]+", text)
        if tail and head:  # a word broken over two passages ("Descrip-" + "tion ...")
            separator = ""
            if "-" not in normalize(f"{tail.group()}\n{head.group()}"):
                parts[-1] = parts[-1][:-1]
                length -= 1
        starts.append(length + len(separator))
        owners.append(index)
        parts.append(separator + text)
        length += len(separator) + len(text)
    return "".join(parts), starts, owners


def _owner(starts: list[int], position: int) -> int:
    """Which passage of the stream a position falls in."""
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= position:
            low = middle
        else:
            high = middle - 1
    return low


def _usable_name(names: str) -> bool:
    first = names.split(",")[0].strip().strip("-")
    return bool(first) and re.match(r"^[A-Za-z_:$@][\w.:\-$@]*[\w]$|^[A-Za-z]$", first) is not None


def _parts(body: str) -> tuple[str, str]:
    """The entry's synopsis (code, on one line) and description (prose, on one line)."""
    synopsis = ""
    label = _DESCRIPTION.search(body)
    if _SYNOPSIS.match(body):
        cut = label.start() if label else len(body)
        synopsis = " ".join(_SYNOPSIS.sub("", body[:cut]).split())
    description = body[label.end():] if label else ""
    stop = _END_OF_DESCRIPTION.search(description)
    if stop:
        description = description[:stop.start()]
    return synopsis, " ".join(description.split())


def _whole_name(name: str, text: str) -> str:
    """The name as the book spells it elsewhere: a hyphen the line break took out put back
    ("lengthmagnitude", found nowhere but its own entry's line, -> "length-magnitude")."""
    name = name.strip("-")
    if text.count(name) > 1:
        return name
    for at in range(2, len(name) - 1):
        spelled = f"{name[:at]}-{name[at:]}"
        if spelled in text:
            return spelled
    return name


def _is_title(title: str) -> bool:
    """A section title the text runs into: words of a heading, not a label, a letter, or code."""
    title = title.strip()
    words = title.split()
    return (len(title) >= 3 and len(words) <= 8 and _TITLE_WORDS.match(title) is not None
            and title not in PART_LABELS and not re.fullmatch(r"[IVXLC]+[.,]?(?: [IVXLC]+)?", title))


def _section(heading: str, name: str, position: int, titles: list[tuple[int, str]]) -> str:
    """The passage's heading, unless it names the entry itself ("9.2 frob"); else the last
    title before."""
    if heading and not term_key(heading.lstrip("0123456789. ")).startswith(term_key(name)):
        return heading
    before = [title for at, title in titles if at < position]
    return before[-1] if before else ""


def _give_kinds(entries: list[NamedEntry]) -> None:
    """Each entry's kind: what its text calls it, else the reference's commonest, else what
    its synopsis shows."""
    for entry in entries:
        entry.kind = _said_kind(entry)
    overall = Counter(entry.kind for entry in entries if entry.kind)
    for entry in entries:
        if entry.kind:
            continue
        entry.kind = overall.most_common(1)[0][0] if overall else _synopsis_kind(entry)


def _said_kind(entry: NamedEntry) -> str:
    found = re.search(rf"\b[Tt]he {re.escape(entry.name)} (?P<kind>[a-z]+)\b", entry.description)
    kind = found.group("kind") if found else ""
    return kind if kind in KINDS and not verb_form(kind) else ""


def _synopsis_kind(entry: NamedEntry) -> str:
    if re.search(rf"\b{re.escape(entry.name)}\s*\(", entry.synopsis):
        return "function"
    if entry.synopsis.startswith(entry.name):
        return "command"
    return ""


def is_topic_title(title: str) -> bool:
    """Whether a section title names a topic (not "Other", "Miscellaneous", a code name)."""
    words = re.findall(r"[A-Za-z]+", title.lower())
    return bool(words) and not set(words) & _CATCH_ALL and not is_junk_term(title, max_words=6)
