"""A book's glossary: the "term: what it is" entries, read one way for the whole build.

Textbooks close a chapter with a glossary ("list: A sequence of values. nested list: A list
that is an element of another list."). PDF text keeps some entries on lines of their own and
runs others together after the full stop of the one before, sometimes behind bullets
("• percentile rank: The percentage of values ..."), and the last gloss of a page may go on
on the next. :func:`glossary_entries` reads all of these; the concept map takes an entry as
evidence that the book defines the term (and its words as a definition when the body has no
better one), the exercise bank as a definition to key an item to. One reader serves both, so
they agree on what the glossary says.

An entry opens a line, or follows a sentence's end; its term is a short run of words (an
abbreviation in brackets may follow: "cumulative distribution function (CDF): ..."); its
gloss starts with a capital (after a bullet, any letter) and runs to the next entry, or to the
end of a line that closes a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tutor.engine.offline.definitions.patterns import Definition

MIN_ENTRIES = 2
"""Entries a passage needs to be read as a glossary ("Python shows: Hello" is one line, not
a glossary)."""
MAX_TERM_WORDS = 6
"""Words an entry's term may have ("reduction to a previously solved problem")."""
MAX_GLOSS_SENTENCES = 2
"""Sentences of a gloss kept as the entry's definition (a third is usually a remark)."""

_START = re.compile(
    r"(?:^|(?<=[.!?\u201d\"')\]])[ \t]+|(?<=\n))[ \t]*(?P<bullet>[\u2022\u25cf\u25aa*\-][ \t]*)?"
    r"(?P<term>[A-Za-z][\w'\u2019\-]*(?:[ \t]+[\w'\u2019\-]+)*?)"
    r"(?:[ \t]*\((?P<abbr>[^()\n]{1,20})\))?[ \t]*:[ \t]+(?=\S)", re.MULTILINE)
_SENTENCE_END = re.compile(r"[.!?][\u201d\"')]?(?=\s+[A-Z\u201c\"(]|\s*$)")
_LINE_CLOSED = re.compile(r"[.!?][\u201d\"')]?[ \t]*\n")
_NOT_TERMS = frozenset(
    "hint credit note notes warning example examples solution answer source step tip caution "
    "theorem proof lemma remark question exercise output input figure table see also for "
    "instance e.g i.e that is".split())
"""Labels of a body's "Label: text" lines that name no term."""
_NOT_OPENING = frozenset("the a an this that these those it its they we you i he she there here "
                         "our your their".split())
"""Words a sentence opens with and a glossary's term does not."""


@dataclass(frozen=True)
class GlossaryEntry:
    """One "term: gloss" entry as the book prints it."""

    term: str
    gloss: str
    """What the entry says the term is, whitespace made single, up to the next entry."""
    abbreviation: str = ""
    """An abbreviation printed in brackets after the term ("PMF")."""
    at_line_start: bool = True
    """Whether the entry opens a line of the text or a bulleted item (not run on after
    another entry)."""

    @property
    def line(self) -> str:
        """The entry as one line, ``"term: gloss"``."""
        return f"{self.term}: {self.gloss}"

    @property
    def definition(self) -> str:
        """The gloss's first sentences (:data:`MAX_GLOSS_SENTENCES`), a full stop at the
        end."""
        kept = " ".join(gloss_sentences(self.gloss)[:MAX_GLOSS_SENTENCES]).strip()
        return kept if kept.rstrip("\u201d\"')").endswith((".", "!", "?")) else kept + "."

    @property
    def first_sentence(self) -> str:
        """The gloss's first sentence, or the whole gloss when it has no sentence end."""
        return gloss_sentences(self.gloss)[0]


def gloss_sentences(gloss: str) -> list[str]:
    """The sentences of a gloss (at least one)."""
    parts: list[str] = []
    start = 0
    for end in _SENTENCE_END.finditer(gloss):
        parts.append(gloss[start: end.end()].strip())
        start = end.end()
    parts.append(gloss[start:].strip())
    return [p for p in parts if p] or [gloss.strip()]


def glossary_entries(text: str, following: str = "") -> list[GlossaryEntry]:
    """The entries of ``text`` in order. ``following`` is the text after it (the next page of
    the glossary): a last gloss with no sentence end is completed from it."""
    found: list[tuple[re.Match[str], int]] = []
    for match in _START.finditer(text):
        if _is_entry(match, text):
            found.append((match, match.end()))
    entries: list[GlossaryEntry] = []
    for number, (match, start) in enumerate(found):
        end = found[number + 1][0].start() if number + 1 < len(found) else len(text)
        closed = _LINE_CLOSED.search(text, start, end)  # a sentence that closes a line ends it
        gloss = " ".join(text[start: closed.start() + 1 if closed else end].split())
        if number + 1 == len(found) and not gloss.endswith((".", "!", "?")) and following:
            gloss = _completed(gloss, following)
        if not gloss or gloss_sentences(gloss)[0].endswith("?"):
            continue  # "Spread: How much variability is there?" asks, it does not define
        line_start = bool(match.group("bullet")) or match.start() == 0 or (
            "\n" in text[max(0, match.start() - 1): match.start("term")])
        term = " ".join(match.group("term").split())
        bracket = " ".join((match.group("abbr") or "").split())
        if bracket[:1].islower() and not bracket.startswith(("e.g", "i.e", "or ")):
            term, bracket = f"{term} {bracket}", ""  # "bias (of an estimator)": one name
        entries.append(GlossaryEntry(term=term, gloss=gloss, abbreviation=bracket,
                                     at_line_start=line_start))
    return entries


def reads_as_glossary(entries: list[GlossaryEntry]) -> bool:
    """Whether a passage with these entries is (part of) a glossary: a glossary writes its
    terms in lower case ("nested list: ..."), a list of labels in the body capitalises them
    ("Central tendency: Do the values cluster ...?", "Estimation: We will use ...")."""
    return sum(entry.term[:1].islower() for entry in entries) >= MIN_ENTRIES


def _is_entry(match: re.Match[str], text: str) -> bool:
    """A term of a few words (not a label such as "Hint" or "Note") and a gloss that opens
    with a capital, or with any letter behind a bullet."""
    term = match.group("term")
    words = term.split()
    if (len(words) > MAX_TERM_WORDS or term.lower() in _NOT_TERMS
            or words[0].lower() in _NOT_OPENING):
        return False  # "The program prints: Hello" is a sentence, not a term
    if any(w[:1].isupper() and not w.isupper() for w in words[1:]) and not all(
            w[:1].isupper() for w in words):
        return False  # "inverse CDF: ..." is a term, "the Turtle Module: ..." is none
    opening = text[match.end(): match.end() + 1]
    if opening.isupper() or opening in "\u201c\"":
        return True
    return bool(match.group("bullet")) and opening.isalpha()


def _completed(gloss: str, following: str) -> str:
    """A gloss cut by a page break with its end from the next page (unless that page opens
    with another entry)."""
    head = following.lstrip()
    first = _START.match(head)
    if first is not None and _is_entry(first, head):
        return gloss
    end = re.search(r"[.!?][\u201d\"')]?(?=\s|$)", head)
    if end is None or end.end() > 300:
        return gloss
    return f"{gloss} {' '.join(head[: end.end()].split())}"


RUN_ON = "run_on"
GLOSSARY_STRENGTH = 2.0
"""How surely an entry of the book's glossary defines its term (a "Label: text" line of the
body: half)."""


def entry_definitions(
    text: str, chunk: int, in_glossary: bool, following: str = ""
) -> list[tuple[str, Definition]]:
    """The concept map's reading of a passage's entries: ``("glossary", definition)`` for an
    entry of the book's glossary that opens a line or an item, ``(RUN_ON, definition)`` for
    one run on after another (its words serve a term the rest of the book keeps), and
    ``("definition", definition)``, weak, for a "Label: text" line of the body."""
    out: list[tuple[str, Definition]] = []
    for entry in glossary_entries(text, following):
        line = f"{entry.term}: {entry.definition}"
        aliases = (entry.abbreviation,) if entry.abbreviation.isupper() else ()
        if in_glossary:
            kind = "glossary" if entry.at_line_start else RUN_ON
            out.append((kind, Definition(entry.term, line, chunk, -1, GLOSSARY_STRENGTH,
                                         aliases)))
        elif entry.at_line_start:
            out.append(("definition", Definition(entry.term, line, chunk, -1,
                                                 GLOSSARY_STRENGTH / 2)))
    return out


def states_something(entry: Definition) -> bool:
    """A "term: text" line that states something of the term, not a question ("Spread: How
    much variability is there in the values?") nor a plan ("Exploratory data analysis: We
    will look for patterns ...")."""
    gloss = entry.sentence.split(": ", 1)[-1].split()
    return not entry.sentence.rstrip().endswith("?") and not (
        gloss and gloss[0].lower() in _PERSONS)


_PERSONS = frozenset("we i you our my let's".split())
