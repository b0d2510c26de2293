"""What a reference entry does, read from the entry itself, and what its sibling entries do.

A reference manual describes most of its concepts rather than defining them: an entry
("sb-md5:md5sum-file pathname [Function] / Calculate the MD5 message-digest of the file
specified by 'pathname'.") says what the thing does, which is rarely a sentence with the
concept as its subject. The purpose items (:mod:`~tutor.engine.offline.writing.purpose_exercises`)
ask from that: "You want to calculate the MD5 message-digest of the file specified by
pathname. Which of these do you use?", the entry among its siblings. This module reads both
sides from the page, with the manual's own entry reader
(:mod:`~tutor.engine.offline.concepts.reference_entries`):

- the concept's **own entry**: the entry on its pages whose documented name is the concept's
  name or one of its aliases (never the package or an argument of another entry's
  signature: the key is a name the entry owns), its purpose the entry's describing sentence
  (:func:`~tutor.engine.offline.concepts.reference_entries.describing_sentence`) read as an
  action: "Calculate ..." -> "calculate ...", "Unwinds from ..." -> "unwind from ...";
- its **sibling entries**: the other entries of its section on the pages the writer reads,
  each with its own purpose read the same way. The concept map keeps a few entries a section,
  so the siblings a learner must tell the entry from are mostly not concepts of their own.

Only entries that do something (a function, a macro, a command: their describing sentence
opens on what they do) are read: a variable's or a type's sentence says what it holds, not
a task it meets. The purpose writer and checker then keep apart what the pages do not
(:func:`~tutor.engine.offline.writing.purpose_exercises.supported_elsewhere`, alike answers,
names that give the key away: :func:`~tutor.engine.offline.writing.giveaways.spells_the_name`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from tutor.course import Chunk
from tutor.engine.offline.concepts.reference_entries import (
    API_VERBS,
    DOERS,
    ReferenceEntry,
    describing_sentence,
    find_entries,
)
from tutor.engine.offline.definitions.purpose_lines import order_in
from tutor.engine.offline.terms import term_key, term_variants
from tutor.engine.offline.writing.exercise_material import Material
from tutor.engine.offline.writing.purposes import (
    KIND_WORDS,
    PURPOSE_VERBS,
    Purpose,
    action_problem,
    purpose_in,
    tidy,
)
from tutor.text import bare_verb

_NO_TASK = (API_VERBS - PURPOSE_VERBS) | {"accept", "take", "trivial", "internal", "helper"}
"""Words that open an entry's text without saying a task ("Use with great care.", "Accepts
NIL, a string or a pathname.": what it is given; "Trivial function to use as ...")."""
_NOUN_LINKS = frozenset({"for", "of"})
"""Words after an opening noun, not after an order ("Constructor for semaphore-notification
objects", "Name of a queue")."""
_RESIDUE = re.compile(r"(?<![\w])[*&](?![\w])")
"""A C declarator's star or ampersand left in the text ("the structure * element")."""
SIBLINGS = 8
"""Sibling entries read at most: enough for the writer to find three that stay apart."""
SECTION_PASSAGES = 4
"""Passages of its section's other entries given to a concept that owns an entry."""


def entry_section_passages(concepts: Sequence[Mapping[str, Any]], chunks: Sequence[Chunk]
                           ) -> dict[str, list[Chunk]]:
    """Concept id -> the passages of the other entries of its own entry's section, nearest
    first (:data:`SECTION_PASSAGES`): a concept's task passages are its own pages and its
    near concepts' definitions, and the map keeps few entries a section, so the siblings a
    purpose item offers would be missing. Found once per build
    (``tutor.study.exercise_steps.plan_exercises``), for both engines' writing and checking
    tasks; none in a course without reference entries."""
    entries = [e for e in find_entries(chunks) if e.kind.split()[-1] in DOERS]
    if not entries:
        return {}
    by_key: dict[str, ReferenceEntry] = {}
    for entry in entries:
        for name in (entry.name, entry.qualified):
            if name:
                by_key.setdefault(term_key(name), entry)
    out: dict[str, list[Chunk]] = {}
    for concept in concepts:
        names = [str(concept.get("name", "")), *(str(a) for a in concept.get("aliases") or [])]
        own = next((by_key[k] for k in map(term_key, names) if k in by_key), None)
        if own is None:
            continue
        near = sorted({e.chunk for e in entries if e.section == own.section} - {own.chunk},
                      key=lambda index: abs(index - own.chunk))[:SECTION_PASSAGES]
        if near:
            out[str(concept["id"])] = [chunks[index] for index in sorted(near)]
    return out


def entry_purposes(m: Material, passages: Sequence[Chunk]
                   ) -> tuple[Purpose | None, list[Purpose], str]:
    """The purpose the concept's own reference entry states, the purposes of its sibling
    entries (the other entries of its section on the pages, in reading order) and the
    entry's kind ("macro"); ``(None, [], "")`` when the pages hold no entry the concept owns
    that says what it does."""
    chunks = sorted({c.id: c for c in passages}.values(), key=lambda c: c.order)
    entries = [e for e in find_entries(chunks) if e.kind.split()[-1] in DOERS]
    keys = {term_key(t) for t in m.terms} - {""}
    own = next((e for e in entries if _owned(e, keys)), None)
    if own is None:
        return None, [], ""
    mine = entry_purpose(own, m.concept.name, m.terms)
    if mine is None:
        return None, [], ""
    found: list[Purpose] = []
    for entry in entries:
        if len(found) >= SIBLINGS:
            break
        if entry.section != own.section or _owned(entry, keys) or any(
                term_key(entry.name) == term_key(p.name) for p in found):
            continue
        purpose = entry_purpose(entry, entry.name, term_variants(entry.name), sibling=True)
        if purpose is not None:
            found.append(purpose)
    return mine, found, own.kind


def _owned(entry: ReferenceEntry, keys: set[str]) -> bool:
    """Whether the entry documents the concept: its name (or its qualified name) is one of the
    concept's names."""
    return term_key(entry.name) in keys or bool(entry.qualified) and term_key(
        entry.qualified) in keys


def entry_purpose(entry: ReferenceEntry, name: str, terms: Sequence[str],
                  sibling: bool = False) -> Purpose | None:
    """The action the entry's describing sentence says it does, or None when the sentence
    says none that reads alone (:func:`~.purposes.action_problem`). A ``sibling``'s action
    is a wrong option only: it may name its own entry ("Return the owner of mutex" for
    *mutex-owner*), since the item asks for another."""
    sentence = describing_sentence(entry).split("•")[0].strip()  # a list run in after it
    if not sentence:
        return None
    action = purpose_in(sentence, terms, own_entry=True) or _opening_verb(sentence)
    if action is None or _RESIDUE.search(action) or action.split()[0] in _NO_TASK or (action_problem(action, (), "") if sibling
                          else action_problem(action, terms, name)) is not None:
        return None
    return Purpose(name, action, " ".join(sentence.split()))


def _opening_verb(sentence: str) -> str | None:
    """The action of a doer's sentence that opens on its verb, said as an order ("Acquire
    mutex for the current thread.") or of the entry ("Unwinds from and terminates the current
    thread ..."), the verb made bare; None for a sentence opening on anything else."""
    order = order_in(sentence)
    after = order.rest.split()[0].lower() if order is not None and order.rest.split() else ""
    if order is None or order.verb in _NO_TASK or order.verb in KIND_WORDS or (
            after in KIND_WORDS or after in _NOUN_LINKS):
        return None  # "Function used to ...", "Constructor for ...": a noun phrase
    return tidy(f"{bare_verb(order.verb)} {order.rest}")


_RETURNS_TRUTH = re.compile(r"^return\s+(?:t|true|non-nil|nonzero|non-zero)\s+(?:if|when|iff)\s+"
                            r"(?P<what>.+?)(?:,?\s+(?:and\s+)?(?:nil|false|zero)(?:\s+otherwise)?)?$",
                            re.I)
_RETURNS = re.compile(r"^return\s+(?=(?:a|an|the|some|all|one|its|each)\b)", re.I)


def as_task(action: str) -> str:
    """The action as a need a user has: what an entry returns is what the user wants to get
    ("return the number of messages ..." -> "get the number of messages ..."), a truth it
    returns is what the user wants to test ("return t if queue is empty, nil otherwise" ->
    "test whether queue is empty"); any other action as it is."""
    truth = _RETURNS_TRUTH.match(action)
    if truth:
        return f"test whether {truth.group('what')}"
    return _RETURNS.sub("get ", action)
