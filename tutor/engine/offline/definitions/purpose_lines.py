"""A command's purpose line: the line of its entry that says, as an order, what it does.

A manual of commands gives each command a section of its own, headed by the command as it is
typed ("9.3.41.13 set dash", "9.3.53.3 write grid"). The entry prints the syntax, then one line
that says what the command does, in the imperative ("Control dash-style for following draw
curve and draw line commands.", "Append grid to the end of the named file."), then its
variants, examples and remarks. Blind raters took that line for a real definition ("Draw a
polygon connecting the indicated points, specified in user units." for *draw polygon*) and
the variant or remark the map had picked instead for a partial one ("For example, set dash 0.5
0.1 0.1 0.1 looks good.", a bare syntax line "'set arrow size .size. \\"). The line does not
name the command, so the passes that look for a sentence naming the concept never see it.

:func:`purpose_lines` finds, for each concept with such a section, the first of the section's
opening sentences that gives an order: a capitalised verb with no subject before it, not a
word the book writes capitalised in mid-sentence (a proper name: "Gri reads ..."), nor one
that sends the reader elsewhere or announces an example ("See", "Note", "Example"); syntax
printed before it and bulleted variants after it are left out. A section counts as a
command's when its heading is the concept's name set in lower case, as a command is typed, or
when one of its opening lines is the command's syntax (the name, then its arguments).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Container, Sequence
from dataclasses import dataclass

from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.definitions.definition_cleaning import clean_definition
from tutor.engine.offline.definitions.descriptions import term_pattern
from tutor.engine.offline.definitions.patterns import heading_terms
from tutor.engine.offline.definitions.self_contained import is_prose
from tutor.engine.offline.terms import term_key
from tutor.engine.port import ConceptDraft
from tutor.text import STOPWORDS

OPENING_SENTENCES = 3
"""The entry's purpose line is among its section's first sentences (after the syntax)."""
MIN_WORDS = 4
MAX_WORDS = 60
_ORDER = re.compile(r"^([A-Z][a-z]+)\s+(?!(?:is|are|was|were|has|have|had|can|could|may|"
                    r"might|will|would|must|should|shall|does|do|did|of|and|or)\b)"
                    r"([a-z'‘(\"“.-].*)$", re.S)
"""A capitalised word and a word in lower case that is no verb of its own after it ("Append
grid ...", "Set the arrowsize ..."); a capital after it is a title or a table's header ("Name
Default Values color ...", "Open Database Connectivity (ODBC) is ...")."""
_NOT_ORDERS = frozenset(
    "note notes see example examples warning important normally usually also however thus "
    "hence therefore here there suppose because since although though unless until while "
    "where when whenever after before once then now first finally sometimes often most many "
    "some several various both each every all any other such this these those that it they "
    "we you one contrast compare consider remember try notice recall beware please".split())
"""Capitalised words that open a remark, an example or a subject, not an order."""
MIN_PROPER = 10
PROPER_RATIO = 1.2
"""A proper name is capitalised in mid-sentence at least this often, and this many times more
often than it is written in lower case ("Gri" 453 to 263 times in its manual; "Append" 8 to 1:
a verb of the entries' variants)."""
SUBJECT_WORDS = 4
_SUBJECT_VERB = frozenset("is are was were has have can may will must should".split())
"""A verb among an opening's first words: the opening was a subject, not an order."""
_HEADING_NUMBER = re.compile(r"^\s*(?:[A-Z]\.)?(?:\d+\.)*\d*\.?\s*")


def purpose_lines(drafts: Sequence[ConceptDraft],
                  sentences: Sequence[Sentence]) -> dict[int, Sentence]:
    """``id(draft)`` -> the purpose line of the draft's own command section, for every draft
    that has one."""
    by_section: dict[str, list[Sentence]] = defaultdict(list)
    for sentence in sentences:
        if sentence.section:
            by_section[sentence.section].append(sentence)
    sections: dict[str, list[str]] = defaultdict(list)  # concept key -> its command sections
    for section in by_section:
        named = {term_key(t) for t in heading_terms(section)} - {""}
        if len(named) == 1:
            sections[next(iter(named))].append(section)
    if not sections:
        return {}
    proper: frozenset[str] | None = None
    found: dict[int, Sentence] = {}
    for draft in drafts:
        for section in sections.get(term_key(draft.name), []):
            opening = by_section[section][:OPENING_SENTENCES]
            if not _commands(draft, section, opening):
                continue
            if proper is None:
                proper = proper_names(sentences)
            line = next((s for s in opening if _gives_order(s.text, draft, proper)), None)
            if line is not None:
                found[id(draft)] = line
                break
    return found


@dataclass(frozen=True)
class Order:
    """A sentence read as an order: its verb, in lower case, and what follows it."""

    verb: str
    rest: str


def order_in(text: str, proper: Container[str] = frozenset()) -> Order | None:
    """The order the text opens on, or None: a capitalised verb with no subject before it
    ("Append grid to the end of the named file.", "Merge separate PostScript files ..."), not
    a word that opens a remark, an example or a subject ("See", "Note", "These"), nor an
    adverb, nor one of ``proper``, the words the book writes capitalised as names
    (:func:`proper_names`), and with no verb of a subject among its first words ("Normal
    unix filenames are used ..."). The one reader of a purpose said as an order, for the
    command entry's purpose line here and for the purpose a described concept's items ask
    about (:mod:`~tutor.engine.offline.writing.purposes`)."""
    found = _ORDER.match(text)
    if found is None:
        return None
    verb = found.group(1).lower()
    if (verb in STOPWORDS or verb in _NOT_ORDERS or verb in proper or verb.endswith("ly")
            or _SUBJECT_VERB & {w.lower() for w in text.split()[1:SUBJECT_WORDS]}):
        return None
    return Order(verb, found.group(2))


def said_of_command(text: str, name: str) -> bool:
    """Whether the sentence is the book's prose on the command, by its kind ("The command set
    beep on makes gri beep on errors ...", "The heal command heals over gaps ..."): better
    than the order, which it says with the command as its subject."""
    named = term_pattern([name]).pattern
    return re.match(r"^\W*the\s+(?:command\s+" + named + r"|" + named + r"\s+command)\b", text,
                    re.I) is not None


def purpose_text(text: str) -> str:
    """The purpose line as a learner reads it: no syntax before it, no variants after it."""
    return clean_definition(text)


def _commands(draft: ConceptDraft, section: str, opening: Sequence[Sentence]) -> bool:
    """Whether the section is the entry of a command the draft names: its heading is the name
    in lower case, as typed, or an opening line is the name followed by its arguments."""
    name = " ".join(draft.name.split())
    title = _HEADING_NUMBER.sub("", section).strip()
    if title == name and name[:1].islower():
        return True
    syntax = re.compile(r"^\W*" + term_pattern([name]).pattern + r"\s+[^A-Z\s]", re.I)
    return any(syntax.match(s.text) and not is_prose(s.text) for s in opening)


def _gives_order(text: str, draft: ConceptDraft, proper: frozenset[str]) -> bool:
    """Whether the sentence, without syntax before it and variants after it, is an order that
    reads as a whole sentence: the entry's purpose line."""
    line = purpose_text(text)
    if (not MIN_WORDS <= len(line.split()) <= MAX_WORDS or line.endswith("?")
            or not line.endswith(".") or order_in(line, proper) is None):
        return False
    name = term_pattern([draft.name]).pattern
    return not (re.match(r"^\W*" + name + r"\s+\S*[.\\|]", line, re.I)  # the syntax
                or re.match(r"^\W*" + name + r"\s+(?:commands?|options?|keywords?)\b", line,
                            re.I))  # "Read grid commands read ...": a subject


def proper_names(sentences: Sequence[Sentence]) -> frozenset[str]:
    """Words the book writes capitalised in mid-sentence often, and more often than in lower
    case (proper names: "Gri", "Emacs", "Perl"), by their lower-case form. A verb
    is capitalised in mid-sentence too, where an entry's variant runs into its purpose ("•
    set trace on Same as set trace", "'source \\filename' Perform ..."), but seldom."""
    upper: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for sentence in sentences:
        for word in re.findall(r"(?<=[a-z,;] )[A-Za-z][a-z]+\b", sentence.text):
            (upper if word[0].isupper() else lower)[word.lower()] += 1
    return frozenset(w for w, n in upper.items()
                     if n >= MIN_PROPER and n > PROPER_RATIO * lower[w])
