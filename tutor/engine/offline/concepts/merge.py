"""Merging concept drafts: one concept per idea, with stable, unique slug ids.

Two drafts are the same concept when their names agree after case, plural and hyphen/space
normalisation (``"Floating-point numbers"`` = ``"floating point number"``), when written
together or apart (``"filename"`` = ``"file name"``), when one is the abbreviation of the other
(``"NLP"`` and ``"natural language processing"``, or a draft that lists it as an alias), or
when their names are near-duplicates in embedding space and share their head word, or when a
short name is defined as the kind that ends the longer one (``"assignment"``: "A statement that
assigns a value to a variable" is the ``"assignment statement"``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from tutor.course import Citation, Concept
from tutor.engine.offline.terms import term_key
from tutor.engine.port import ConceptDraft
from tutor.home import slugify

log = logging.getLogger(__name__)

NEAR_DUPLICATE = 0.93
"""Cosine similarity of name embeddings above which two names are taken for one concept."""
_DEFINING = {"definition", "glossary"}


class _Groups:
    """Union-find over draft indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def merge_concepts(drafts: Sequence[ConceptDraft], use_embeddings: bool = True) -> list[Concept]:
    """Concepts from drafts, duplicates merged, in reading order, ids unique."""
    drafts = list(drafts)
    groups = _Groups(len(drafts))
    by_key: dict[str, int] = {}
    for i, draft in enumerate(drafts):
        for key in _keys(draft):
            if key in by_key:
                groups.union(by_key[key], i)
            else:
                by_key[key] = i
    _merge_abbreviations(drafts, groups)
    _merge_derivations(drafts, groups)
    _merge_same_definition(drafts, groups)
    _merge_named_kind(drafts, groups)
    if use_embeddings and len(drafts) > 1:
        _merge_near_duplicates(drafts, groups)
    members: dict[int, list[int]] = {}
    for i in range(len(drafts)):
        members.setdefault(groups.find(i), []).append(i)
    concepts = [_combine([drafts[i] for i in idx]) for idx in members.values()]
    concepts.sort(key=lambda c: (c.first_order, c.name.lower()))
    used: set[str] = set()
    for concept in concepts:
        base = slugify(concept.name) if concept.name else "concept"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        concept.id = slug
    return concepts


def _keys(draft: ConceptDraft) -> set[str]:
    """Every spelling a draft answers to, normalised; also written together."""
    keys = set()
    for name in [draft.name, *draft.aliases]:
        key = term_key(name)
        if key:
            keys.add(key)
            if " " in key:
                keys.add(key.replace(" ", ""))
    return keys


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split()).upper()


def _merge_abbreviations(drafts: Sequence[ConceptDraft], groups: _Groups) -> None:
    """``"GCD"`` joins ``"greatest common divisor"``: an all-capitals name equal to the
    initials of a multi-word name."""
    expansions: dict[str, list[int]] = {}
    for i, draft in enumerate(drafts):
        if len(draft.name.split()) >= 2:
            expansions.setdefault(_initials(draft.name), []).append(i)
    for i, draft in enumerate(drafts):
        name = draft.name.rstrip("s") if draft.name.endswith("s") else draft.name
        if 2 <= len(name) <= 6 and name.isupper() and len(expansions.get(name, [])) == 1:
            groups.union(expansions[name][0], i)


_DERIVATIONS = (("ity", ""), ("ency", "ent"), ("ence", "ent"), ("ally", "al"), ("ing", ""),
                ("ed", ""), ("e", ""))
"""Endings that turn one form of a word into another of the same idea: "validity"/"valid",
"consistency"/"consistent", "logically"/"logical", "catching"/"catch"."""


def _derivation_key(key: str) -> str:
    words = key.split()
    out = []
    for word in words:
        for ending, base in _DERIVATIONS:
            if ending in ("ing", "ed") and len(words) == 1:
                continue  # "sample" and "sampling" are two ideas; "hypothesis test(ing)" one
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                word = word[: len(word) - len(ending)] + base
                break
        out.append(word.rstrip("e"))
    if len(out) > 1 and out[-1].endswith("s") and not out[-1].endswith("ss"):
        out[-1] = out[-1][:-1]  # "summary statistics" = "summary statistic"
    return " ".join(out)


def _merge_derivations(drafts: Sequence[ConceptDraft], groups: _Groups) -> None:
    """Inflection and derivation variants of one name are one concept ("valid" and
    "validity", "logically equivalent" and "logical equivalence")."""
    by_key: dict[str, int] = {}
    for i, draft in enumerate(drafts):
        key = _derivation_key(term_key(draft.name))
        if not key:
            continue
        if key in by_key:
            groups.union(by_key[key], i)
        else:
            by_key[key] = i


def _merge_same_definition(drafts: Sequence[ConceptDraft], groups: _Groups) -> None:
    """One defining sentence, one concept: drafts defined (or introduced) by the same sentence whose names
    contain one another ("contingent" and "contingent sentence", "reductio" and "reductio ad
    absurdum") are one."""
    by_definition: dict[str, list[int]] = {}
    for i, draft in enumerate(drafts):
        # the sentence that introduces it too (the first key point), when a glossary's
        # words are its definition
        for sentence in {draft.definition, *draft.key_points[:1]} - {""}:
            by_definition.setdefault(sentence, []).append(i)
    for members in by_definition.values():
        for n, i in enumerate(members):
            for j in members[n + 1 :]:
                a, b = term_key(drafts[i].name).split(), term_key(drafts[j].name).split()
                short, long = (a, b) if len(a) <= len(b) else (b, a)
                if any(long[k : k + len(short)] == short for k in range(len(long) - len(short) + 1)):
                    groups.union(i, j)


_CLASS_LEAD = re.compile(r"^(?:an?|the)\s+([a-z][\w-]*)\s+(?:that|which|who|whose|of|for|to|used|with|in|on|where)\b",
                         re.IGNORECASE)
"""A definition that opens with its class ("A statement that ...", "An operator, ..." is not
one: the class must run on into what sets it apart)."""


def _merge_named_kind(drafts: Sequence[ConceptDraft], groups: _Groups) -> None:
    """A name defined as the kind that ends a longer name is that longer name said short:
    "assignment" ("A statement that assigns a value to a variable") and "assignment
    statement" are one; "autocorrelation" ("A more general term for ...") and
    "autocorrelation function" stay two."""
    by_key = {term_key(d.name): i for i, d in enumerate(drafts) if term_key(d.name)}
    for i, draft in enumerate(drafts):
        match = _CLASS_LEAD.match(draft.definition.strip())
        key = term_key(draft.name)
        if match is None or not key:
            continue
        longer = by_key.get(f"{key} {term_key(match.group(1))}")
        if longer is not None and longer != i:
            groups.union(i, longer)


def _merge_near_duplicates(drafts: Sequence[ConceptDraft], groups: _Groups) -> None:
    """Names that differ only in word endings and whose embeddings nearly coincide
    (``"modulus operator"`` / ``"modulo operator"``). Only pairs that pass the cheap spelling
    test are embedded, so this costs little even for hundreds of concepts."""
    keys = [term_key(d.name).split() for d in drafts]
    by_shape: dict[tuple[int, str], list[int]] = {}
    for i, words in enumerate(keys):
        if words:
            by_shape.setdefault((len(words), words[-1][:4]), []).append(i)
    pairs = [
        (i, j)
        for members in by_shape.values()
        for n, i in enumerate(members)
        for j in members[n + 1 :]
        if groups.find(i) != groups.find(j) and _similar_spelling(keys[i], keys[j])
    ]
    if not pairs:
        return
    try:
        from tutor.index.embeddings import embed

        names = sorted({drafts[k].name.lower() for pair in pairs for k in pair})
        vectors = dict(zip(names, embed(names), strict=True))
    except Exception as exc:  # noqa: BLE001 - the model is optional for merging
        log.warning("name embeddings unavailable, near-duplicate merge skipped: %s", exc)
        return
    for i, j in pairs:
        a, b = vectors[drafts[i].name.lower()], vectors[drafts[j].name.lower()]
        if float(a @ b) >= NEAR_DUPLICATE:
            groups.union(i, j)


def _similar_spelling(a: list[str], b: list[str]) -> bool:
    """Words that differ only in their endings (``modulus``/``modulo``, ``analyse``/
    ``analysis``), not in their stems."""
    if a == b:
        return False
    for x, y in zip(a, b, strict=True):
        if x != y and (len(x) < 4 or len(y) < 4 or x[:4] != y[:4]):
            return False
    return True


def _combine(group: list[ConceptDraft]) -> Concept:
    """One concept from the drafts of one idea: the best-supported draft names it; the best
    definition defines it; citations and aliases are pooled."""
    named = max(group, key=lambda d: (d.score, -d.first_order))
    defining = [d for d in group if _DEFINING & set(d.evidence) and d.definition]
    source = max(defining, key=lambda d: (d.score, -d.first_order)) if defining else named
    if not source.definition:
        source = next((d for d in group if d.definition), named)
    first_order = min(d.first_order for d in (defining or group))
    citations: list[Citation] = []
    for draft in [source, *[d for d in group if d is not source]]:
        for citation in draft.citations:
            if citation not in citations and len(citations) < 6:
                citations.append(citation)
    aliases: list[str] = []
    seen = {named.name.lower()}
    for draft in group:
        for alias in [draft.name, *draft.aliases]:
            if alias.lower() not in seen:
                seen.add(alias.lower())
                aliases.append(alias)
    key_points: list[str] = []
    for draft in [source, *[d for d in group if d is not source]]:
        for point in draft.key_points:
            if point not in key_points and len(key_points) < 4:
                key_points.append(point)
    return Concept(
        id="",
        name=named.name,
        definition=source.definition,
        definition_kind=source.definition_kind,
        aliases=aliases,
        key_points=key_points,
        citations=citations,
        first_order=first_order,
        section=source.section,
    )
