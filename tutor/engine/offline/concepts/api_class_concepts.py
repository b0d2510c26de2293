"""Concepts from a generated class reference (:mod:`.api_classes`): its classes and the
members it explains.

- Every class (struct, interface, namespace) is a concept, named as the book names it without
  its namespace ("Csiscone", the qualified "siscone::Csiscone" an alias), defined by its brief
  ("base class for dynamic coordinates management" -> "Cmomentum: base class for ..."), with
  its detailed description's first sentences, its bases and its first documented members as
  key points. A class built on a base names the base in its definition ("... It builds on
  Csplit_merge.") and comes after it, with its members, which makes the base its prerequisite.
- A member the book explains beyond its one-line brief (a detailed description) is a concept
  of its own, named as the book names it ("Csiscone::compute_jets"), defined by its brief said
  of the name ("compute the jets ..." -> "The Csiscone::compute_jets function computes the
  jets ..."), filed under its class, its bare name ("compute_jets") an alias of the first
  member documented under it; its signature is a key point, as code, never its
  definition. A member with a brief only is a key point of its class.
- Constructors, destructors, operators and members without a description are no concepts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from tutor.course import Chunk
from tutor.engine.offline.concepts.api_classes import ApiMember, ApiUnit
from tutor.engine.offline.concepts.reference_entries import ReferenceEntry, verb_form
from tutor.engine.port import ConceptDraft
from tutor.sentences import split_sentences
from tutor.text import without_period

UNIT_SCORE = 3.5
"""A class's score: above its members' (it sorts before a member introduced with it)."""
MEMBER_SCORE = 3.0
"""A member concept's score, as :data:`.reference_concepts.SCORE`."""
MIN_DESCRIPTION_WORDS = 12
"""Words a member's description (brief and detail) needs for the member to be a concept of its
own: more than a label ("x-momentum", "default ctor")."""
LISTED_MEMBERS = 3
"""Members with a brief only that a class lists among its key points."""
SHORT_SIGNATURE = 160
"""Characters a signature may have to be a key point."""


def api_class_concepts(units: Sequence[ApiUnit], chunks: Sequence[Chunk]) -> list[ConceptDraft]:
    """One draft per unit with a brief, and one per member the book explains at length."""
    shorts = Counter(unit.short_name for unit in units)
    named: set[str] = set()  # member names already given as an alias
    known = {unit.short_name for unit in units}
    drafts: list[ConceptDraft] = []
    by_unit: dict[str, list[ConceptDraft]] = {}
    described: list[tuple[ConceptDraft, ApiUnit, ApiMember | None]] = []
    for unit in units:
        start = len(drafts)
        name = unit.short_name if shorts[unit.short_name] == 1 else unit.name
        if unit.kind == "file":
            name = ""  # a file's members are named on their own ("EPSILON_COLLINEAR")
        elif unit.brief:
            drafts.append(_unit_draft(unit, name, known, chunks))
            described.append((drafts[-1], unit, None))
        else:
            continue
        for member in unit.members:
            if _explained(member):
                drafts.append(_member_draft(unit, name, member, member.name not in named,
                                            chunks))
                described.append((drafts[-1], unit, member))
                named.add(member.name)
        by_unit[unit.name] = drafts[start:]
    spaces = Counter(_space(unit) for unit in units)
    said: dict[str, tuple[str, str]] = {}  # a brief, by its words: the first name and unit
    after: dict[str, list[str]] = {unit.name: list(unit.bases) for unit in units}
    for draft, described_unit, described_member in sorted(
            described, key=lambda d: -spaces[_space(d[1])]):  # the main namespace's first
        original = _name_twin(draft, described_unit, said, described_member)
        if original and described_member is None:
            after[described_unit.name].append(original)
    _after_bases(units, by_unit, after)
    return drafts


def _space(unit: ApiUnit) -> str:
    """The unit's namespace or package ("siscone_spherical"), or ""."""
    parts = re.split(r"::|\.", unit.name)
    return parts[0] if len(parts) > 1 else ""


def _after_bases(units: Sequence[ApiUnit], by_unit: dict[str, list[ConceptDraft]],
                 after: dict[str, list[str]]) -> None:
    """A derived class (or a variant) and its members move after their bases (the class it
    varies) in reading order (a generator sorts classes by name, "Carea" before its base
    "Csiscone"), keeping their own order: the prerequisite linker draws edges from earlier
    concepts to later ones only."""
    for _ in range(len(units)):  # bases first, however deep the hierarchy
        moved = False
        for unit in units:
            own = by_unit.get(unit.name) or []
            ends = [max(d.first_order for d in by_unit[base]) for base in after[unit.name]
                    if by_unit.get(base) and base != unit.name]
            if not own or not ends or own[0].first_order > max(ends):
                continue
            shift = max(ends) + 1 - own[0].first_order
            for draft in own:
                draft.first_order += shift
            moved = True
        if not moved:
            return


def _name_twin(draft: ConceptDraft, unit: ApiUnit, said: dict[str, tuple[str, str]],
               member: ApiMember | None = None) -> str:
    """A class or member the book describes in the same words as one met before (a variant in
    another namespace: "siscone_spherical::CSphsiscone", "final class: gather everything ...";
    the library's main namespace, the one with most units, is met first) says so in its
    definition, naming that one, which becomes its prerequisite and tells the two apart; the
    unit named, or ""."""
    words = " ".join(f"{member.name if member else ''} {(member or unit).brief}".lower().split())
    first, owner = said.setdefault(words.rstrip(" ."), (draft.name, unit.name))
    if first == draft.name:
        return ""
    space = _space(unit)
    where = f"the {space} counterpart" if space else "a counterpart"
    draft.definition = f"{draft.definition} It is {where} of {first}."
    draft.key_points[0] = draft.definition
    return owner


def _explained(member: ApiMember) -> bool:
    """A member the book says more of than its brief: a detailed description of some words."""
    return bool(member.brief) and len(f"{member.brief} {member.detail}".split()) >= (
        MIN_DESCRIPTION_WORDS)


def _unit_draft(unit: ApiUnit, name: str, known: set[str], chunks: Sequence[Chunk]
                ) -> ConceptDraft:
    definition = _said(name, unit.kind, unit.brief)
    bases = [re.split(r"::|\.", base)[-1] for base in unit.bases]
    bases = [base for base in bases if base in known and base != unit.short_name]
    if bases:
        definition = f"{definition} It builds on {' and '.join(bases)}."
    points = [definition]
    points += [s for s in split_sentences(unit.detail)[:2] if len(s.split()) >= 4]
    briefed = [m for m in unit.members if m.brief and not _explained(m)]
    points += [_entry(f"{name}::{m.name}", m.brief) for m in briefed[:LISTED_MEMBERS]]
    aliases = [unit.name] if unit.name != name else []
    return ConceptDraft(
        name=name, definition=definition, aliases=aliases,
        citations=[chunks[unit.chunk].citation()], first_order=chunks[unit.chunk].order,
        section=unit.name, score=UNIT_SCORE, evidence=["heading", "reference"],
        key_points=points[:5])


def _member_draft(unit: ApiUnit, owner: str, member: ApiMember, first: bool,
                  chunks: Sequence[Chunk]) -> ConceptDraft:
    name = f"{owner}::{member.name}" if owner else member.name
    kind = "function" if member.function else "variable"
    definition = _said(name, kind, member.brief)
    points = [definition, *split_sentences(member.detail)[:2]]
    if len(member.signature) <= SHORT_SIGNATURE:
        points.append(f"{name}: {member.signature}")
    return ConceptDraft(
        name=name, definition=definition,
        aliases=[member.name] if first and name != member.name else [],
        citations=[chunks[member.chunk].citation()], first_order=chunks[member.chunk].order,
        section=unit.name, score=MEMBER_SCORE, evidence=["definition", "reference"],
        key_points=points)


def _said(name: str, kind: str, brief: str) -> str:
    """The brief as a statement about the name ("compute the jets ..." -> "The X function
    computes the jets ..."), else the book's own entry ("X: base class for ...")."""
    from tutor.engine.offline.concepts.reference_concepts import said_of

    brief = " ".join(brief.split()).rstrip(" !;:")
    sentence = brief if brief.endswith((".", "?")) else f"{brief}."
    first = sentence.split()[0]
    if verb_form(first) and not first.lower().endswith("ing"):  # "compute the jets ..."
        said = said_of(ReferenceEntry(name=name, kind=kind, signature="", body=sentence,
                                      chunk=0), sentence)
        if said and not said.startswith(f"{name}:"):
            return said if said.endswith((".", "?")) else f"{said}."
    return _entry(name, sentence)


def _entry(name: str, brief: str) -> str:
    """The brief as the book's own entry: "Cmomentum: base class for ...", "X: the following
    flag ..." (a capital that only opens the sentence set lower)."""
    sentence = f"{without_period(' '.join(brief.split()))}."
    if sentence[1:2].islower() or sentence[1:2] == " ":
        sentence = f"{sentence[:1].lower()}{sentence[1:]}"
    return f"{name}: {sentence}"
