"""Task concepts: a section devoted to a task is a concept named as a teacher names it.

A manual's sections "2.3 Making the manuals", "3.2 Checking the build", "6.5 Removing
packages", "6.2 Preparing the subject" each teach how to do one thing. The section concepts
(:mod:`tutor.engine.offline.concepts.section_concepts`) look for a sentence saying what a topic
*is*, and a task section has none, so the task was lost. Here each section whose heading
opens on the task's verb ("Making", "Removing"; not a noun in -ing such as "Building" used as
a thing, nor "Using X", which is the thing X) becomes the concept "removing packages", the
heading's own words, when the map has no concept of that name nor one introduced in that
section sharing a word with it ("Traversing a list" introducing "traversal"), described by its purpose
sentence: the section's first procedure (:mod:`tutor.engine.offline.procedures.reading`: "You
can test a build by running make check"), else the first sentence of its opening that speaks of
the task's object with the task's verb ("Packages can be removed in a number of ways.") and
reads on its own. Cited on that sentence's page, its section the heading.
The section's procedures, goal and action, are its key points.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Chunk
from tutor.engine.offline.concepts.book_matter import is_matter_title
from tutor.engine.offline.concepts.section_topics import NUMBERING
from tutor.engine.offline.definitions.self_contained import leans
from tutor.engine.offline.procedures.reading import find_procedures
from tutor.engine.offline.terms import content_stems, term_key
from tutor.engine.port import ConceptDraft
from tutor.sentences import sentences
from tutor.text import code_marks, general_zipf, normalize, stem

TASK_EVIDENCE = "task"
"""The evidence kind of a concept kept because a section teaches a task."""
SCORE = 2.5
MAX_WORDS = 6
MIN_SENTENCE_WORDS = 6
OPENING = 4
"""Sentences of a section's opening that may state its purpose."""
KEY_POINTS = 3
_TASK_HEADING = re.compile(r"^(?P<verb>[A-Z][a-z]{2,}ing)\s+(?P<rest>[A-Za-z][\w .'+/-]*)$")
_NOT_TASKS = frozenset(
    "using building string setting heading warning meaning encoding padding thing "
    "following invoking".split())
"""Words in -ing that open a heading about a thing, not a task ("Using LuaLaTeX" is about
LuaLaTeX; "Getting started" is the book's own path)."""


def add_task_concepts(drafts: list[ConceptDraft], chunks: Sequence[Chunk]
                      ) -> list[ConceptDraft]:
    """The drafts with a concept added for each section teaching a task the map lacks, in
    reading order of introduction."""
    known = {term_key(n) for d in drafts for n in (d.name, *d.aliases)} - {""}
    said = {frozenset(content_stems(d.name)) for d in drafts}
    introduced: dict[str, set[str]] = {}
    for draft in drafts:
        introduced.setdefault(draft.section, set()).update(content_stems(draft.name))
    added: list[ConceptDraft] = []
    for heading, section in _sections(chunks).items():
        name = task_name(heading, " ".join(c.text for c in section))
        if name is None or term_key(name) in known or frozenset(content_stems(name)) in said:
            continue  # "making manuals" beside "making the manuals"
        if introduced.get(heading, set()) & content_stems(name):
            continue  # the section introduces a concept of its task ("Traversing a list":
            # traversal), which its items ask
        found = _purpose(name, section)
        if found is None:
            continue
        text, chunk, points = found
        known.add(term_key(name))
        said.add(frozenset(content_stems(name)))
        added.append(ConceptDraft(
            name=name, definition=text, aliases=[],
            citations=[chunk.citation()], first_order=section[0].order, section=heading,
            score=SCORE, evidence=["heading", TASK_EVIDENCE], key_points=points))
    if not added:
        return drafts
    return sorted([*drafts, *added], key=lambda d: (d.first_order, -d.score))


def task_name(heading: str, text: str = "") -> str | None:
    """The task a heading names ("6.5 Removing packages" -> "removing packages", "Looping
    Constructs" -> "looping constructs"), None for a heading that names none (a thing, a part
    of the book, a long title). A capitalised word is written in lower case when the
    section's ``text`` writes it so ("Windows" stays), or, without text, when it is a common
    word."""
    if is_matter_title(heading) or ". ." in heading or "..." in heading:
        return None
    title = NUMBERING.sub("", heading.strip()).strip(" .?!:")
    match = _TASK_HEADING.match(title)
    if (match is None or match.group("verb").lower() in _NOT_TASKS
            or match.group("rest").lower() == "started"):
        return None
    words = title.split()
    if not 2 <= len(words) <= MAX_WORDS or "," in title:
        return None
    if {w.lower() for w in words} & {"versus", "vs", "vs."}:
        return None  # "Prototyping versus planning": two ways set side by side, no one task
    lower = set(re.findall(r"\b[a-z][\w-]*\b", text))
    shown = [words[0].lower()] + [
        w.lower() if w[1:].islower() and (w.lower() in lower if text else
                                          general_zipf(w.lower()) >= 4.0) else w
        for w in words[1:]]
    return " ".join(shown)


def echoes_its_heading(name: str, section: str, description: str) -> bool:
    """Whether a description gives away a concept named by its task heading: every word of
    the name said in it in some form ("scoring strategy" under "6.7.2 Scoring strategy",
    described "The strategy used to score the copies is ..."; "defining variables" beside
    "Variables not defined in ..."). A learner asked which term fits needs no understanding,
    only the heading's words read back."""
    own = content_stems(name)
    title = NUMBERING.sub("", section.strip())
    opening = title.split()[0] if title.split() else ""
    if len(own) < 2 or not (opening.endswith("ing") and opening[:1].isupper()):
        return False
    return own <= content_stems(title) and own <= content_stems(description)


def _sections(chunks: Sequence[Chunk]) -> dict[str, list[Chunk]]:
    """Each heading's passages, in reading order (a heading met again keeps its first run)."""
    out: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        if chunk.heading:
            out.setdefault(chunk.heading, []).append(chunk)
    return out


def _purpose(name: str, section: Sequence[Chunk]) -> tuple[str, Chunk, list[str]] | None:
    """The sentence stating what the task does, its passage and the section's procedures."""
    procedures = find_procedures(section)
    points = [f"To {p.goal}: {p.action}" for p in procedures[:KEY_POINTS]]
    object_stems = content_stems(" ".join(name.split()[1:]))
    on_task = [p for p in procedures if content_stems(p.goal) & object_stems]
    if on_task:  # "You can test a build by running make check" for "checking the build"
        return on_task[0].sentence, on_task[0].chunk, points
    for chunk in section[:2]:
        text = normalize(chunk.text)
        if text.startswith(section[0].heading):
            text = text[len(section[0].heading):]
        for sentence in list(sentences(text))[:OPENING]:
            said = " ".join(sentence.split())
            if (len(said.split()) >= MIN_SENTENCE_WORDS and code_marks(said) <= 2
                    and not leans(said) and content_stems(said) & object_stems
                    and stem(name.split()[0]) in content_stems(said)
                    and said[:1].isupper() and said.endswith(".")
                    and not said.startswith("I ")):  # "I wrote the functions ...": the
                # author's story, not what the task does
                return said, chunk, points
    if procedures:
        return procedures[0].sentence, procedures[0].chunk, points
    return None
