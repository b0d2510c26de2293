"""Concepts from an API manual's reference entries (:mod:`.reference_entries`).

Each documented function, macro, type or command the manual describes becomes a concept:
its name, its first describing sentence said of the name as the definition ("Hash some more
data." -> "The sha256_update function hashes some more data."), its signature as the first
key point, cited on the entry's page and filed under the entry's section. Families collapse:

- entries whose names differ in one part and whose descriptions say the same with that part
  left out (``sha256_update``, ``md5_update``, ... "Hash some more data.") are one concept,
  named by the first, the others its aliases;
- constants declared with one type (``idn2_rc IDN2_OK [Return code]``, ...) are one concept,
  the type, whose definition lists its first members with what each means;
- a lone constant is no concept (a detail of the entry or section that uses it).

:func:`with_entries` is the map's one hook: it adds these concepts to the drafts and takes
out the drafts the entries explain better (the same name, a parameter of an entry defined by
its parameter line, a "definition" that is an entry's signature).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from tutor.course import Chunk, Citation
from tutor.engine.offline.concepts.api_class_concepts import api_class_concepts
from tutor.engine.offline.concepts.api_classes import (
    BOILERPLATE_TEXT,
    ApiUnit,
    find_api_units,
)
from tutor.engine.offline.concepts.named_entries import NEVER_CONCEPTS, find_named_entries
from tutor.engine.offline.concepts.named_entry_concepts import named_entry_concepts
from tutor.engine.offline.concepts.option_tables import option_concepts
from tutor.engine.offline.concepts.reference_entries import (
    DOERS,
    RUN_ON,
    ReferenceEntry,
    describing_sentence,
    find_entries,
    says_itself,
    verb_form,
)
from tutor.engine.offline.terms import DETERMINERS, term_key
from tutor.engine.port import ConceptDraft
from tutor.sentences import split_sentences
from tutor.text import (
    content_stems,
    is_deprecation,
    is_question,
    lower_first,
    normalize,
    without_period,
)

SCORE = 3.0
"""An entry concept's score: about that of a section heading with a defining sentence."""
FAMILY_LIKENESS = 0.6
"""Share of description words two entries share (their differing name part left out) for
them to be one family."""
PER_SECTION = 3
"""Entry concepts a section keeps: its representatives, not every function it documents."""
LONGEST_SHARE = 0.1
"""The manual's entries explained at the greatest length, this share of them, are concepts
beyond :data:`PER_SECTION`: what a manual says most about is what a teacher lists."""
MAX_ALIASES = 30
SHORT_PHRASE = 4
"""Words of a description taken for a noun phrase ("Encryption function.") when it opens on
no verb this module knows; a longer one is kept as the manual's own entry ("NAME: ...")."""
LISTED_MEMBERS = 4
"""Members a type's definition names, with what each means."""

_OBJECT_OPENERS = DETERMINERS | {"some", "more", "all", "no", "one", "two", "additional"}
_LIKENESS = frozenset("analogous similar same equivalent identical like".split())
_TAGGED = re.compile(r"\[[A-Z][a-z]+(?: [A-Za-z][a-z]+){0,2}\]")


def with_entries(drafts: list[ConceptDraft], chunks: Sequence[Chunk],
                 skip: set[int] | frozenset[int] = frozenset(),
                 units: Sequence[ApiUnit] | None = None,
                 found: Sequence[ReferenceEntry] | None = None) -> list[ConceptDraft]:
    """The drafts with the manual's reference entries, its named entries
    (:mod:`.named_entries`: every one a concept) and option tables (:mod:`.option_tables`) as
    concepts, in reading order; the drafts unchanged (same list) when the course has none.
    ``units``: the course's generated class reference, and ``found`` its reference entries
    (:func:`.reference_entries.find_entries`), when the caller has read them already."""
    if units is None:
        units = find_api_units(chunks, skip)
    if units:
        return drafts  # a generated class reference: :func:`with_api_classes`, once the map is made
    named = find_named_entries(chunks, skip)
    owned = {term_key(e.name) for e in named}  # a man page's NAME line: the named entry's
    if found is None:
        found = find_entries(chunks, skip)
    entries = [e for e in found if term_key(e.name) not in owned]
    tables = option_concepts(chunks, skip)  # a tool's options, one concept a table
    if not entries and not named and not tables:
        return drafts
    if not entries and not named:
        names = {term_key(t.name) for t in tables}
        kept = [d for d in drafts if term_key(d.name) not in names]
        return sorted(kept + tables, key=lambda d: (d.first_order, -d.score))
    made = entry_concepts(entries, chunks) + tables if entries else list(tables)
    if named:
        known = {term_key(n) for draft in made for n in (draft.name, *draft.aliases)}
        made += [d for d in named_entry_concepts(named, chunks, known)
                 if term_key(d.name) not in known]
    names = {term_key(n) for draft in made for n in (draft.name, *draft.aliases)}
    if named:
        names |= {term_key(label) for label in NEVER_CONCEPTS}  # "Description" is no concept
    pieces = {p for entry in entries for p in (*entry.parameters, *term_key(entry.name).split())}
    bodies = " ".join([*(" ".join(f"{e.signature} {e.body}".split()) for e in entries),
                       *(f"{e.purpose} {e.synopsis} {e.description}" for e in named)]).lower()
    entry_headings = {term_key(e.name) for e in entries} | {term_key(e.name) for e in named}
    kept = [d for d in drafts if not _explained_by_entries(
        d, names, pieces, bodies, term_key(d.section) in entry_headings)]
    return sorted(kept + made, key=lambda d: (d.first_order, -d.score))


def with_api_classes(drafts: list[ConceptDraft], chunks: Sequence[Chunk],
                     skip: set[int] | frozenset[int] = frozenset(),
                     units: Sequence[ApiUnit] | None = None) -> list[ConceptDraft]:
    """The finished map with a generated class reference's classes and explained members
    (:mod:`.api_classes`) as concepts, less the drafts they explain better: a member's or
    parameter's name ("eta", "npass"), a "definition" holding the generator's boilerplate
    ("Definition at line 114 of file ..."), a lower-case name defined by a member's own words
    ("Compute the jet active areas ..."), any other draft found only on the generated
    reference's pages (its lists, parameter tables and diagrams: "_particles list of particles
    _radius cone radius"); the drafts unchanged (same list) in any other book."""
    if units is None:
        units = find_api_units(chunks, skip)
    if not units:
        return drafts
    made = api_class_concepts(units, chunks)
    names = {term_key(n) for draft in made for n in (draft.name, *draft.aliases)}
    names |= {term_key(u.short_name) for u in units}
    pieces: set[str] = set()
    texts: list[str] = []
    for unit in units:
        texts.append(f"{unit.brief} {unit.detail}")
        for member in unit.members:
            pieces.add(term_key(member.name))
            pieces |= {term_key(p) for p in _PARAMETER.findall(member.signature)}
            texts.append(f"{member.signature} {member.brief} {member.detail}")
    bodies = " ".join(" ".join(texts).split()).lower()
    opening = min(chunks[u.chunk].order for u in units)
    before = {(c.source, c.page) for c in chunks if c.order < opening}
    kept = [d for d in drafts
            if not BOILERPLATE_TEXT.search(d.definition) and term_key(d.name) not in pieces
            and not _explained_by_entries(d, names, pieces, bodies, False)
            and any((c.source, c.page) in before for c in d.citations[:1])]
    return sorted(kept + made, key=lambda d: (d.first_order, -d.score))


_PARAMETER = re.compile(r"(?<=[\s*&])(\w+)\s*(?=[,)=])")
"""A parameter's name in a signature ("double _radius," -> "_radius")."""


def _explained_by_entries(draft: ConceptDraft, names: set[str], pieces: set[str],
                          bodies: str, in_an_entry: bool) -> bool:
    """An entry's own name, a "definition" that is an entry's signature or, for a lower-case
    word, a sentence of an entry's text (a detail of that entry: "Inputs are the secret secret
    of length ..."; "UKM is a shared key material ..." stays), or a
    piece of the code (a parameter, a part of a documented name) defined under the entry's own
    heading ("lookupname may be NULL ...")."""
    key = term_key(draft.name)
    definition = " ".join(draft.definition.split())
    if key in names or _TAGGED.search(definition):
        return True
    inside = definition[:60].lower() in bodies
    if inside and draft.name.islower() and not {"heading", "glossary"} & set(draft.evidence):
        return True  # "Inputs are the secret secret of length ...": a detail of one entry
    return key in pieces and in_an_entry


def entry_concepts(entries: Sequence[ReferenceEntry], chunks: Sequence[Chunk]
                   ) -> list[ConceptDraft]:
    """One draft per entry family, type of constants, or lone entry that does something; at
    most :data:`PER_SECTION` a section (its largest families, then its first entries),
    besides every entry the book gives a heading of its own (the manual's outline lists it: a
    section devoted to it) and those explained at the greatest length (:data:`LONGEST_SHARE`)."""
    by_section: dict[str, list[tuple[int, int, ConceptDraft]]] = {}
    kept: list[tuple[int, int, ConceptDraft]] = []
    leaders = families(entries)
    lengths = sorted((len(leader.body.split()) for leader in leaders), reverse=True)
    at_length = lengths[math.ceil(LONGEST_SHARE * len(lengths)) - 1] if lengths else 0
    at_length = max(at_length, lengths[len(lengths) // 2] + 1 if lengths else 0)  # not a tie
    for order, leader in enumerate(leaders):
        draft = _draft(leader, chunks)
        if draft is None:
            continue
        item = (-len(leader.members), order, draft)
        if _own_heading(leader, chunks) or len(leader.body.split()) >= at_length:
            kept.append(item)
        else:
            by_section.setdefault(leader.section, []).append(item)
    kept += [item for drafts in by_section.values() for item in sorted(
        drafts, key=lambda item: item[:2])[:PER_SECTION]]
    return [draft for _, _, draft in sorted(kept, key=lambda item: item[1])]


def _own_heading(leader: ReferenceEntry, chunks: Sequence[Chunk]) -> bool:
    """Whether the manual heads the entry with its own name (a heading "asn1 write value"
    over ``asn1_write_value``), as a section of its outline."""
    names = {term_key(e.name) for e in (leader, *leader.members)}
    return any(term_key(chunks[e.chunk].heading) in names for e in (leader, *leader.members))


def families(entries: Sequence[ReferenceEntry]) -> list[ReferenceEntry]:
    """The entries with their families gathered: each returned entry leads its ``members``.
    Entries with no description of their own share the next entry of their kind (an entry
    documenting several names at once); constants of one declared type are led by an entry
    named after the type."""
    leaders: list[ReferenceEntry] = []
    waiting: list[ReferenceEntry] = []
    typed: dict[str, list[ReferenceEntry]] = {}
    for entry in entries:
        if entry.constant and entry.declared_type:
            typed.setdefault(entry.declared_type, []).append(entry)
        elif not entry.body.strip() and entry.kind.split()[-1] in DOERS:
            waiting = [w for w in waiting if w.kind == entry.kind] + [entry]  # documented
            # together with the next: "void aes128_encrypt (...) void aes_encrypt (...) ..."
        elif not describing_sentence(entry):
            waiting = []  # an entry saying nothing usable of what it is
        else:
            group = [w for w in waiting if w.kind == entry.kind and _kin(w, entry)] + [entry]
            group[0].body, group[0].members = entry.body, group[1:]  # the first name leads
            waiting = []
            leaders.append(group[0])
    for type_name, members in typed.items():
        if len(members) >= 2:
            first = members[0]
            leaders.append(ReferenceEntry(
                name=type_name, kind=first.kind, signature=f"{type_name} {first.name}",
                body="", chunk=first.chunk, section=first.section, members=list(members)))
    return _collapse(leaders)


def _kin(a: ReferenceEntry, b: ReferenceEntry) -> bool:
    """Names of one family: all parts but one the same, or the same last part
    (``aes128_encrypt``, ``aes_encrypt``), not ``yarrow256_ctx`` and ``yarrow_source``."""
    first, second = a.name.split("_"), b.name.split("_")
    if len(first) == len(second) and sum(x != y for x, y in zip(first, second, strict=True)) == 1:
        return True
    return len(first) > 1 and len(second) > 1 and first[-1] == second[-1]


def _collapse(entries: list[ReferenceEntry]) -> list[ReferenceEntry]:
    """Entries whose names differ in one ``_`` part and whose descriptions agree (that part
    left out) as one family, largest families first."""
    patterns: dict[tuple[str, ...], list[int]] = {}
    for index, entry in enumerate(entries):
        parts = entry.name.split("_")
        if len(parts) < 2 or entry.members and not describing_sentence(entry):
            continue
        for at in range(len(parts)):
            key = (entry.kind, *parts[:at], "*", *parts[at + 1:])
            patterns.setdefault(key, []).append(index)
        if len(parts) > 1:  # any prefix: sha3_224_update beside sha256_update
            patterns.setdefault((entry.kind, "**", parts[-1]), []).append(index)
    for index, entry in enumerate(entries):  # one description under several names
        said = tuple(sorted(set(content_stems(describing_sentence(entry)))))
        if said:
            patterns.setdefault((entry.kind, "said", *said), []).append(index)
    taken: set[int] = set()
    for indices in [found for key, found in patterns.items() if key[1] == "said"] + sorted(
            patterns.values(), key=lambda found: (-len(found), found[0])):  # one description first
        free = [i for i in indices if i not in taken]
        if len(free) < 2:
            continue
        lead = entries[free[0]]
        family = [lead]
        for i in free[1:]:
            if any(_alike(member, entries[i]) for member in family):
                family.append(entries[i])
                taken.add(i)
                lead.members += [entries[i], *entries[i].members]
        if len(family) > 1:
            taken.add(free[0])
    absorbed = {id(m) for i in taken for m in entries[i].members}
    return [e for e in entries if id(e) not in absorbed]


def _alike(a: ReferenceEntry, b: ReferenceEntry) -> bool:
    """Whether the two entries' descriptions say the same, the parts of their names that
    differ left out ("Initialize the SHA256 state." and "Initialize the MD5 state.")."""
    varying = {p.lower() for p in set(a.name.split("_")) ^ set(b.name.split("_"))}

    def words(entry: ReferenceEntry) -> set[str]:
        said = describing_sentence(entry)
        kept = [w for w in re.findall(r"[\w-]+", said)
                if not any(v in w.lower() or (len(w) > 2 and w.lower() in v) for v in varying)]
        return set(content_stems(" ".join(kept)))

    first, second = words(a), words(b)
    if not first or not second:
        return False
    return len(first & second) >= FAMILY_LIKENESS * len(first | second)


def _draft(leader: ReferenceEntry, chunks: Sequence[Chunk]) -> ConceptDraft | None:
    if leader.constant and not (len(leader.members) >= 2 and all(
            m.declared_type == leader.name for m in leader.members)):
        return None  # constants other than a type's values: details, not concepts
    definition = (_type_definition(leader) if leader.constant
                  else said_of(leader, describing_sentence(leader)))
    if not definition:
        return None
    members = [m for m in leader.members if m.name != leader.name]
    qualified = {e.qualified for e in (leader, *members) if e.qualified}  # "uiop:strcat"
    aliases = sorted(({m.name for m in members} | qualified) - {leader.name})[:MAX_ALIASES]
    citations: list[Citation] = []
    for entry in [leader, *members]:
        citation = chunks[entry.chunk].citation()
        if citation not in citations and len(citations) < 3:
            citations.append(citation)
    return ConceptDraft(
        name=leader.name, definition=definition, aliases=aliases, citations=citations,
        first_order=chunks[leader.chunk].order, section=leader.section, score=SCORE,
        evidence=["definition", "reference"], key_points=_key_points(leader, definition))


def _key_points(leader: ReferenceEntry, definition: str) -> list[str]:
    points = [definition]
    if not leader.constant:
        points.append(f"{leader.name}: {leader.signature}")
    said = describing_sentence(leader)
    sentences = split_sentences(" ".join(leader.body.split()))
    notices = [f"{leader.name}: {s}" for s in sentences
               if is_deprecation(s) and s != said][:1]  # "Please use X instead."
    points += notices
    for sentence in sentences:
        if len(points) >= 4:
            break
        if sentence != said and sentence[:1].isupper() and len(sentence.split()) >= 4 and (
                said and leader.body.find(sentence) > leader.body.find(said)):
            points.append(sentence)
    return points


def _type_definition(leader: ReferenceEntry) -> str:
    listed = []
    for member in leader.members[:LISTED_MEMBERS]:
        said = describing_sentence(member)
        listed.append(f"{member.name} ({lower_first(without_period(said))})" if said
                      else member.name)
    more = len(leader.members) - len(listed)
    tail = f", and {more} more" if more > 0 else ""
    kind = leader.kind if leader.kind.endswith("s") else f"{leader.kind}s"
    return f"{leader.name} is the type of the {kind}: {', '.join(listed)}{tail}."


def said_of(entry: ReferenceEntry, sentence: str) -> str:
    """The entry's describing sentence as a statement about its name: "Convert UTF-8 domain
    name to ASCII." -> "The idn2_to_ascii_8z function converts UTF-8 domain name to ASCII.";
    "The size of an MD5 digest." -> "MD5_DIGEST_SIZE is the size of an MD5 digest."."""
    sentence = RUN_ON.split(normalize(sentence).strip())[0]
    words = sentence.split()
    if len(words) < 2:
        return ""
    if is_question(sentence) or is_deprecation(sentence):
        return f"{entry.name}: {sentence}"  # the manual's own entry: it asks, or says what
        # to use instead; said of the name it would read "The x function does ...?"
    head = entry.kind.split()[-1]
    subject = f"The {entry.name} {head}" if head in DOERS else entry.name
    first, second = words[0].lower(), words[1].lower()
    rest = " ".join(words[1:])
    if first in ("the", "a", "an") or first in _LIKENESS:
        return f"{subject} is {lower_first(sentence)}"
    verb = verb_form(first)
    if (verb and verb != first) or (not verb and first.endswith("s")
                                    and second in _OBJECT_OPENERS) or (
            says_itself(entry, first)):
        return f"{subject} {first} {rest}"  # "Converts ...", "Hashes ..."
    if verb or second in _OBJECT_OPENERS:
        return f"{subject} {_third_person(first)} {rest}"  # "Convert ...": said of it
    if entry.constant:
        return f"{entry.name} means {lower_first(sentence)}"
    if len(words) > SHORT_PHRASE:  # "Figure out how to ...": a verb this module does not
        return f"{entry.name}: {sentence}"  # know; said as the manual's own entry
    article = "an" if first[:1] in "aeiou" else "a"
    return f"{subject} is {article} {lower_first(sentence)}"  # "Encryption function."


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return f"{verb}es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return f"{verb[:-1]}ies"
    return f"{verb}s"
