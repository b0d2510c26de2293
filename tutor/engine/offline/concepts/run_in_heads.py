"""A paragraph opened by a run-in head explains the topic the head names.

A manual may set its smallest topics as run-in heads rather than headings: the paragraph opens
on a few words in bold or italics, a full stop or a colon, and the text on the same line
("Blanks. Space, newline, ... are considered as blanks."; "Error checking: For every output
that is of a named type with the errorcheck(fn) attribute, the error checking function fn is
called after the C function returns."). The outline never lists them, so neither the section
concepts nor the defining sentences find such a topic unless its text happens to say "X is
...". Here each run-in head becomes a concept, described by the paragraph's first sentence:

- the head is set in emphasis by the PDF (the passage's emphasised terms), opens a line, and
  is followed by "." or ":" and a sentence starting with a capital;
- a section holds at least :data:`MIN_HEADS` such heads (a section set out by run-in heads,
  not a lone "Note: ..."), outside front and back matter (release notes too) and a glossary;
- the head is no item of a list the text before introduces ("there are some differences:",
  each item a point of the comparison) and no advice ("Write self-checks: ...");
- the head names a topic (:func:`tutor.engine.offline.concepts.section_topics.names_topic`, a
  label such as "Note" or "Example" never) the map does not have yet;
- the sentence speaks of the topic (the head's last word), and reads on its own (:func:`tutor.engine.offline.concepts.section_concepts.
  reads_alone`); one that leads into code ("..., via quote clauses following the function
  declaration:") is said with a full stop.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from tutor.course import Chunk
from tutor.engine.offline.concepts.book_matter import matter_chunks
from tutor.engine.offline.concepts.section_concepts import SCORE, reads_alone
from tutor.engine.offline.concepts.section_topics import displayed, names_topic
from tutor.engine.offline.terms import COMMON_VERBS, DETERMINERS, term_key
from tutor.engine.port import ConceptDraft
from tutor.sentences import split_sentences
from tutor.text import content_stems, normalize

RUN_IN_EVIDENCE = "run-in head"
"""The evidence kind of a concept kept for the paragraph its run-in head opens."""
MIN_HEADS = 2
"""Run-in heads a section needs before its heads are read as topics."""
MAX_HEAD_WORDS = 6

_LABELS = frozenset(
    "note notes warning caution example examples hint tip remark see also important exercise "
    "solution answer question step usage syntax description returns return value values "
    "arguments parameters input output default defaults summary".split())
"""Heads that label a kind of paragraph, not a topic ("Note: ...", "Example. ...")."""
_GLOSSARY = re.compile(r"\b(?:glossary|definitions|key terms|terminology|vocabulary)\b",
                       re.IGNORECASE)
"""A glossary's heading: its "term: gloss" lines are the glossary reader's."""
_HEAD = re.compile(r"^\s*(?P<head>[A-Za-z][^.:]{1,60}?)\s*[.:]\s+(?P<rest>[A-Z(\u201c\"].*)$")
"""A line opening on a run-in head: a few words, a full stop or a colon, a sentence."""
_PARTICLES = frozenset("down up out off away back".split())
_FIGURE = re.compile(r"^(?:figure|table|listing|fig)\b", re.IGNORECASE)


def add_run_in_concepts(drafts: list[ConceptDraft],
                        chunks: Sequence[Chunk]) -> list[ConceptDraft]:
    """The drafts with a concept added for each run-in head that names a topic they lack,
    in reading order of introduction."""
    matter = matter_chunks(chunks)
    heads_by_section: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    before, listed, section = "start", False, None
    for index, chunk in enumerate(chunks):
        if chunk.heading != section:
            before, listed, section = "start", False, chunk.heading
        found, before = run_in_heads(chunk, before)
        if index in matter or _GLOSSARY.search(chunk.heading or ""):
            continue
        for head, rest, kind in found:
            listed = kind == "colon" or (kind == "head" and listed)
            if not listed and not _advice(head):  # an item of a list ("there are some
                # differences:") is a point of the list, not a topic of its own
                heads_by_section[chunk.heading or ""].append((index, head, rest))
    known = {term_key(n) for d in drafts for n in (d.name, *d.aliases)} - {""}
    added: list[ConceptDraft] = []
    for section, heads in heads_by_section.items():
        if len({term_key(head) for _, head, _ in heads}) < MIN_HEADS:
            continue
        for index, head, rest in heads:
            name = displayed(head)
            key = term_key(name)
            if not key or key in known or not names_topic(head):
                continue
            description = _description(rest, name)
            if description is None:
                continue
            known.add(key)
            chunk = chunks[index]
            added.append(ConceptDraft(
                name=name, definition=description, aliases=[head] if head != name else [],
                citations=[chunk.citation()], first_order=chunk.order, section=section,
                score=SCORE, evidence=["emphasis", RUN_IN_EVIDENCE],
                key_points=[description]))
    result = [*drafts, *added]
    result.sort(key=lambda d: (d.first_order, -d.score))
    return result


def run_in_heads(chunk: Chunk, before: str = "start") -> tuple[list[tuple[str, str, str]], str]:
    """The run-in heads of a passage, each with the text that follows it on its line (and the
    lines after, when its first sentence runs on) and the kind of line before it: ``"colon"``
    (a line ending in a colon), ``"head"`` (another head's line), ``"text"``, or ``before`` for
    the passage's first line (the kind of the last line of the passage before); and the kind
    of the passage's last line."""
    emphasised = {normalize(t).strip() for t in chunk.emphasized}
    found: list[tuple[str, str, str]] = []
    lines = [line for line in normalize(chunk.text).split("\n") if line.strip()]
    for number, line in enumerate(lines):
        match = _HEAD.match(line)
        head = match.group("head").strip() if match else ""
        words = head.split()
        if (match is None or head not in emphasised or not 1 <= len(words) <= MAX_HEAD_WORDS
                or words[0].lower() in _LABELS or head.lower() in _LABELS or _FIGURE.match(head)
                or re.search(r"\d", head)):
            before = "colon" if line.rstrip().endswith(":") else "text"
            continue
        following = [match.group("rest")]
        if not re.search(r"[.!:]$", following[0].strip()):
            following += lines[number + 1:number + 3]  # a first sentence running on
        found.append((head, " ".join(part.strip() for part in following), before))
        before = "head"
    return found, before


def _advice(head: str) -> bool:
    """A head that tells the reader what to do ("Write self-checks", "Format the output",
    "Scale down the input"): a verb in its base form, then what it acts on."""
    words = [w.lower() for w in head.split()]
    return len(words) >= 2 and (words[0] in COMMON_VERBS and not words[0].endswith(
        ("s", "ed", "ing", "en")) or words[1] in DETERMINERS | _PARTICLES)


def _description(text: str, name: str) -> str | None:
    """The first sentence after a run-in head, when it reads on its own (a sentence leading
    into code said with a full stop)."""
    sentences = split_sentences(text)
    if not sentences:
        return None
    first = sentences[0].strip()
    if first.endswith(":"):
        first = first[:-1].rstrip() + "."
    head = content_stems(name)
    if not head or head[-1] not in content_stems(first):
        return None  # "UTCTime: VALUE will be a ... string": of the entry's parameter
    return first if reads_alone(first, [name]) else None
