"""Concepts from a reference's named entries (:mod:`.named_entries`): every entry, and the
sections that group them.

- Every entry is a concept, however many the reference has: the map's size follows the book.
  Its definition is the description's first sentence that says what the thing is or does,
  with the entry as its subject ("The ebnf.assignment parameter determines what text is used
  ...", or "Sets the path to ..." said of the name); else its purpose line said of the name
  ("Path to admonition graphics" -> "admon.graphics.path is the path to admonition graphics"),
  a yes-or-no question on what to do as what it decides ("Use graphics for callouts?" ->
  "callout.graphics: whether to use graphics for callouts."), or, for another question, the
  manual's own entry. The purpose line is a key point when it is not the definition; a short synopsis is
  one too, as code ("callout.graphics: <xsl:param ...>"); it is never the definition.
- A section of at least :data:`~.reference_entries.MIN_ENTRIES` entries whose title the text
  runs into (no heading the reader found) and names a topic ("Callouts", not "Other") is a
  concept too, described by its first entries' purposes,
  placed just before them: the prerequisite linker makes it the prerequisite of the entries
  filed under it, so a lesson opens on the reference's topics before their hundreds of entries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Chunk, Citation
from tutor.engine.offline.concepts.named_entries import NamedEntry, is_topic_title
from tutor.engine.offline.concepts.reference_entries import (
    DOERS,
    LOOKED_AT,
    MIN_ENTRIES,
    RUN_ON,
    ReferenceEntry,
    describing_sentence,
    verb_form,
)
from tutor.engine.offline.terms import term_key
from tutor.engine.port import ConceptDraft
from tutor.sentences import split_sentences
from tutor.text import lower_first, without_period

SCORE = 3.0
"""An entry concept's score, as :data:`.reference_concepts.SCORE`."""
GROUP_SCORE = 3.5
"""A section's score: above its entries' (it sorts before an entry introduced with it)."""
SHORT_SYNOPSIS = 120
"""Characters a synopsis may have to be a key point (a long one is a listing)."""
LISTED = 3
"""Entries a section's description names, with their purposes."""
_GARBLED = re.compile(r"\S{40,}")
"""A run of 40 characters without a space: words the extraction ran together."""
_OWN_CLAUSE = re.compile(r"^\w+\s+\w+\s+(?:is|are|was|were)\b")
"""A sentence whose first word is the subject of its own clause ("Default graphics are ...")."""
_NOUN_NEXT = frozenset("of to for used that which in on with between".split())
"""Words after a purpose's first word that make it a noun phrase ("Path to ...", "Name of ...")."""
_ARTICLES = frozenset("the a an".split())
_NOT_ITS_ACTION = frozenset({"Use", "Default", "Defaults"})
"""Openings that tell the reader what to do ("Use the X PI as a child of ...") or give a
value ("Defaults to 300."), not what the entry does."""
_SELF_VERBS = frozenset("is are can may will specifies determines controls sets selects "
                        "defines indicates contains holds returns takes gives".split())


def named_entry_concepts(entries: Sequence[NamedEntry], chunks: Sequence[Chunk],
                         taken: set[str]) -> list[ConceptDraft]:
    """One draft per entry, and one per topic section of several entries whose title the
    text runs into (a heading the reader found is the section concepts' to judge); names in
    ``taken`` (term keys of drafts already made) get no section concept."""
    drafts = [_entry_draft(entry, chunks) for entry in entries]
    names = {term_key(e.name) for e in entries} | taken
    names |= {term_key(chunk.heading) for chunk in chunks}  # a heading: section_concepts' own
    by_section: dict[str, list[NamedEntry]] = {}
    for entry in entries:
        if entry.section:
            by_section.setdefault(entry.section, []).append(entry)
    for title, members in by_section.items():
        if (len(members) >= MIN_ENTRIES and is_topic_title(title)
                and term_key(title) not in names):
            drafts.append(_section_draft(title, members, chunks))
    return drafts


def _entry_draft(entry: NamedEntry, chunks: Sequence[Chunk]) -> ConceptDraft:
    definition = defining_sentence(entry) or _purpose_said(entry)
    points = [definition]
    if entry.purpose and without_period(entry.purpose) not in definition:
        points.append(f"{entry.name}: {entry.purpose}")
    if entry.synopsis and len(entry.synopsis) <= SHORT_SYNOPSIS:
        points.append(f"{entry.name}: {entry.synopsis}")
    for sentence in split_sentences(entry.description)[1:]:
        if len(points) >= 4:
            break
        if (sentence[:1].isupper() and len(sentence.split()) >= 4 and "<" not in sentence
                and sentence not in definition):
            points.append(sentence)
    citations: list[Citation] = []
    for index in [entry.chunk, *entry.pages]:
        citation = chunks[index].citation()
        if citation not in citations and len(citations) < 3:
            citations.append(citation)
    return ConceptDraft(
        name=entry.name, definition=definition, aliases=list(entry.other_names),
        citations=citations, first_order=chunks[entry.chunk].order, section=entry.section,
        score=SCORE, evidence=["definition", "reference"], key_points=points)


def defining_sentence(entry: NamedEntry) -> str:
    """The description's first sentence (of its first :data:`LOOKED_AT`) that says what the
    entry is or does: with the entry as its subject ("The X parameter determines ...", "This
    parameter specifies ..." said of the name), or opening on what it does ("Sets the path
    ...", said of the name); "" when none does."""
    as_entry = ReferenceEntry(name=entry.name, kind=entry.kind or "entry", signature="",
                              body="", chunk=entry.chunk)
    from tutor.engine.offline.concepts.reference_concepts import said_of

    said_ones = [piece for sentence in split_sentences(entry.description)
                 for piece in RUN_ON.split(sentence)]  # "... input. grue counts ..."
    for number, sentence in enumerate(said_ones[:LOOKED_AT]):
        sentence = " ".join(sentence.split())
        if _GARBLED.search(sentence) or _OWN_CLAUSE.match(sentence):
            continue  # text run together, or "Default graphics are provided ...": no verb first
        itself = _about_itself(sentence, entry)
        if itself:
            return itself
        as_entry.body = sentence
        said = describing_sentence(as_entry)
        if (not said or not sentence.startswith(said) or said.split()[0] in _NOT_ITS_ACTION
                or (number and not verb_form(said.split()[0]))):
            continue  # a noun phrase only as the description's opening
        if _plural_head(said):
            return f"{entry.name}: {said}"  # "Properties that apply to ...": no verb
        statement = said_of(as_entry, said)
        if not statement.startswith(f"{entry.name}:"):
            return statement
    return ""


def _about_itself(sentence: str, entry: NamedEntry) -> str:
    """A sentence whose subject is the entry ("The X parameter determines ...", "X is ...",
    "The command X sends ...", its name's parts apart or not; "This parameter specifies ..."
    with the name put in), else ""."""
    kind = re.escape(entry.kind) if entry.kind else r"[a-z]+"
    name = r"[\s_-]".join(map(re.escape, re.split(r"[_-]", entry.name)))  # "amc-note", "amc note"
    found = re.match(rf"(?:[Tt]he\s+)?(?:{kind}\s+)?{name}(?:\s+{kind})?\s+(?P<verb>[a-z]+)\b",
                     sentence)
    if found is None and entry.kind:
        found = re.match(rf"This\s+{kind}\s+(?P<verb>[a-z]+)\b", sentence)
        if found is not None and _says(found.group("verb")):
            return f"The {entry.name} {entry.kind} {sentence[found.start('verb'):]}"
        return ""
    if found is None or not _says(found.group("verb")):
        return ""
    return sentence


def _plural_head(phrase: str) -> bool:
    """A noun phrase opening on a plural ("Properties that apply to ...", "Properties of
    ..."), which reads as no verb of the entry's."""
    words = phrase.split()
    return (len(words) > 1 and words[0][:1].isupper() and words[0].lower().endswith("s")
            and not words[0].lower().endswith("ss") and words[1].lower() in _NOUN_NEXT
            and not verb_form(words[0]))


def _says(verb: str) -> bool:
    """A verb that says what the subject, just named, is or does ("specifies", "counts",
    "is"), not "also" or "has effect only when ..."."""
    return verb in _SELF_VERBS or (verb.endswith("s") and not verb.endswith(("ss", "us"))
                                   and len(verb) > 3)


def _purpose_said(entry: NamedEntry) -> str:
    """The purpose line said of the name; a yes-or-no question on what to do as what the entry
    decides; another question kept as the manual's own entry."""
    purpose = entry.purpose.strip()
    if not purpose:
        return ""
    words = purpose.split()
    if purpose.endswith("?") and len(words) > 1 and verb_form(words[0]) == words[0].lower():
        return f"{entry.name}: whether to {lower_first(purpose[:-1].rstrip())}."  # "Use ...?"
    if purpose.endswith("?") or len(words) < 2:
        return f"{entry.name}: {purpose}"
    sentence = purpose if purpose.endswith(".") else f"{purpose}."
    if _plural_head(purpose):
        return f"{entry.name}: {sentence}"  # "Properties of revhistory title"
    if words[0].islower() and _says(words[0]) and entry.kind in DOERS:
        return f"The {entry.name} {entry.kind} {sentence}"  # "prepares working documents ..."
    if words[0].lower() in _ARTICLES:
        return f"{entry.name} is {lower_first(sentence)}"
    if words[1].lower() in _NOUN_NEXT and not verb_form(words[0]):
        return f"{entry.name} is the {lower_first(sentence)}"  # "Path to callout graphics"
    from tutor.engine.offline.concepts.reference_concepts import said_of

    as_entry = ReferenceEntry(name=entry.name, kind=entry.kind or "entry", signature="",
                              body=purpose, chunk=entry.chunk)
    return said_of(as_entry, sentence) or f"{entry.name}: {purpose}"


def _section_draft(title: str, members: list[NamedEntry], chunks: Sequence[Chunk]
                   ) -> ConceptDraft:
    """A section of entries as a concept described by its first entries' purposes."""
    kinds = {m.kind for m in members if m.kind}
    kind = f"{kinds.pop()}s" if len(kinds) == 1 else "entries"
    listed = [f"{m.name} ({lower_first(without_period(m.purpose))})" if m.purpose else m.name
              for m in members[:LISTED]]
    more = len(members) - len(listed)
    tail = f", and {more} more" if more > 0 else ""
    definition = f"{title} is the reference's section on the {kind} {', '.join(listed)}{tail}."
    first = members[0]
    return ConceptDraft(
        name=title, definition=definition, citations=[chunks[first.chunk].citation()],
        first_order=max(0, chunks[first.chunk].order - 1), section="", score=GROUP_SCORE,
        evidence=["heading", "reference"],
        key_points=[definition, *(f"{m.name}: {m.purpose}" for m in members[:LISTED])])
