"""Names that are no concepts of the book, weighed against the book's evidence (issue 11, item 2).

The patterns that find concepts also take junk for terms. Blind raters called these junk:

- a **clause**, not a name: a heading that is a phrase of the prose ("Objects that look like
  functions", "Inside the layout", "Given a factorization modulo 2", "Implementation using
  predicates", "I'm hearing voices"): it holds a pronoun or a relative word, opens on a
  preposition, or carries a participle between its words;
- a **routine's parameter**: "parameter p", "parameter names" of "The parameter P is the
  resultant LP problem object": one argument of one routine, said of that routine only;
- a **remark's phrase**: a common adjective before a common noun, met in a passage or two
  ("large matrices", "General functions", "serious business"): the book says something of it
  on the way, it never names a thing of its subject by it;
- a **word of the book's own vocabulary**: a common word used in most of the book's sections
  ("function" in a tutorial on a language's functions), which the book never defines, indexes,
  emphasises or heads a section with;
- a **grammar word**: one of the commonest words of English ("first" of "The first is the begin
  procedure"), a concept only as an entry the book lists or a section's topic.

Each sign is weighed against evidence of a real concept: a defining sentence (the draft's
definition judged a definition), the book's printed index listing the name, emphasis where the
book introduces it, an entry of a glossary, a reference or a definition list, a section devoted
to it. A name some evidence outweighs stays: a teacher lists "Inline data and datablocks" with
its own section, "neato" from a definition list, "initial conditions" in emphasis.

The constants (:data:`MODIFIER_ZIPF`, :data:`PASSING_PASSAGES`, :data:`VOCABULARY_SPREAD`) were
chosen from a small grid on blind raters' verdicts on four sets of development manuals, each set
held out in turn (calibrated on three, agreement reported on the fourth), never at the cost of a
teacher's concept: the value most rotations chose.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from tutor.course import Chunk, DefinitionKind
from tutor.engine.offline.concepts.book_index import PrintedIndex
from tutor.engine.offline.terms import CLAUSE_PREPOSITIONS, PRONOUNS, MentionIndex, term_key
from tutor.engine.port import ConceptDraft
from tutor.text import general_zipf, normalize

COMMON_ZIPF = 4.0
"""A word at least this common in general English (Zipf scale) is a common word."""
MODIFIER_ZIPF = 5.0
"""A modifier at least this common ("large", "general", "simple") says nothing of a kind."""
PASSING_PASSAGES = 4
"""A remark's phrase is met in at most this many passages."""
VOCABULARY_SPREAD = 0.7
"""A common word mentioned in at least this share of the book's sections is its vocabulary."""
NOUN_USES = 3
"""A word the book uses this often as a noun is a noun (read by :func:`noun_uses`)."""
GRAMMAR_ZIPF = 6.0
"""A word this common ("first", "then") is a word of grammar, not a name."""

ENTRY_EVIDENCE = frozenset({"glossary", "reference", "run-in head", "entry", "table"})
"""Evidence of an entry of the book's own lists: glossary, reference, definition list, table."""
_PARTICIPLES = frozenset({"given", "using", "based", "looking", "showing", "having"})
"""Participles that open a clause inside a heading ("implementation using predicates"); of
them only "given" and "based" open one ("Given a factorization ..."): "Using X" is a task."""
_OPENING_PARTICIPLES = frozenset({"given", "based"})
_ROUTINE_PART = re.compile(r"^\W*the\s+(?:parameter|argument)s?\s+(\S+)", re.I)
"""A routine's documentation of one of its parameters: "The parameter P is ..."."""


@dataclass(frozen=True)
class BookUse:
    """How the book uses one name: passages and sections that mention it."""

    passages: int
    sections: int
    book_sections: int
    first_as_noun: int = 0
    """How often the book uses the name's first word as a noun ("the process is", "a set
    of"), for a name of two words: a noun before a noun names a kind ("process environment"),
    an adjective ("large", "general") only describes."""


def clause_name(name: str) -> bool:
    """A heading's phrase that is a clause or a cut, not a name: a pronoun or relative word
    ("objects that look like functions", "I'm hearing voices"), a preposition first ("inside
    the layout"), a participle after the first word ("implementation using predicates",
    "real roots given the bound"), or an adverb last ("gnuplot simply" of "Gnuplot simply
    refers to the font"); one word is never a clause."""
    words = normalize(name).lower().replace("\u2019", "'").split()
    if len(words) < 2:
        return False
    if PRONOUNS.intersection(words):
        return True
    if words[0] in CLAUSE_PREPOSITIONS or words[0] in _OPENING_PARTICIPLES:
        return True
    return any(w in _PARTICIPLES for w in words[1:-1]) or adverb(words[-1])


def adverb(word: str) -> bool:
    """A word in -ly whose stem is a commoner word of English ("simply" of "simple",
    "generally" of "general"), not a noun ("assembly", "supply")."""
    if not re.fullmatch(r"[a-z][a-z-]*ly", word):
        return False
    bare = word.removeprefix("non-")
    stems = {bare[:-2], bare[:-1] + "e"} | ({bare[:-3] + "y"} if bare.endswith("ily") else set())
    return any(general_zipf(s) >= max(COMMON_ZIPF - 1.0, general_zipf(bare)) for s in stems)


def routine_parameter(name: str, definition: str, book_terms: Collection[str] = ()) -> bool:
    """One parameter of one routine: "parameter p" of "The parameter P is the resultant LP
    problem object", said of one routine's parameter by name; not a kind the book explains
    ("argument list"), nor one whose second word is a term of the book ("parameter
    statement" where statements are a concept)."""
    words = term_key(name).split()
    said = _ROUTINE_PART.match(definition)
    return (len(words) == 2 and words[0] in ("parameter", "argument") and said is not None
            and term_key(said.group(1)) == words[1] and words[1] not in book_terms)


def remark_phrase(key: str, use: BookUse, book_terms: Collection[str]) -> bool:
    """A common modifier before a common noun, met in a passage or two ("large matrix",
    "general function"); not a task ("making releases"), not a modifier that is itself a
    term of the book ("set operator" in a book whose sets are a concept) or a noun of its
    prose ("process environment" where "the process is ...")."""
    words = key.split()
    return (len(words) == 2 and len(words[0]) > 1 and general_zipf(words[0]) >= MODIFIER_ZIPF
            and not words[0].endswith("ing") and words[0] not in book_terms
            and use.first_as_noun < NOUN_USES
            and general_zipf(words[1]) >= COMMON_ZIPF and use.passages <= PASSING_PASSAGES)


def vocabulary_word(key: str, use: BookUse) -> bool:
    """A common word of the book's own vocabulary: used in most of its sections."""
    return (" " not in key and general_zipf(key) >= COMMON_ZIPF and use.book_sections > 0
            and use.sections >= VOCABULARY_SPREAD * use.book_sections)


def grammar_word(key: str) -> bool:
    """One of the commonest words of English ("first")."""
    return " " not in key and general_zipf(key) >= GRAMMAR_ZIPF


def junk_sign(draft: ConceptDraft, use: BookUse, indexed: bool,
              book_terms: Collection[str] = ()) -> str:
    """The sign that makes the draft junk once weighed against its evidence ("" when none)."""
    evidence = set(draft.evidence)
    key = term_key(draft.name)
    listed = indexed or bool(evidence & ENTRY_EVIDENCE)
    defined = draft.definition_kind is DefinitionKind.DEFINITION
    marked = bool(evidence & {"emphasis", "introduced", "taught", "task"})
    named_as_code = (any(c.isupper() for c in draft.name) or "_" in draft.name
                     or ("-" in draft.name and " " not in draft.name.strip()))  # "line-gap"
    if listed:
        return ""
    if grammar_word(key) and "heading" not in evidence:
        return "grammar word"  # "first" of code the book shows is no command it teaches
    if clause_name(draft.name):
        return "clause"
    if routine_parameter(draft.name, draft.definition, book_terms):
        return "routine parameter"
    if defined or marked or named_as_code:
        return ""
    if remark_phrase(key, use, book_terms):
        return "remark phrase"
    if "heading" in evidence:
        return ""
    if vocabulary_word(key, use):
        return "vocabulary word"
    return ""


def noun_uses(word: str, text: str) -> int:
    """How often ``text`` (lower case) uses ``word`` as a noun: after a determiner and before a
    verb, a preposition or a stop ("the process is", "a set of", "this release.")."""
    word = re.escape(word)
    return len(re.findall(
        rf"\b(?:the|a|an|this|that|its|their|each|every|no)\s+{word}s?"
        rf"(?:\s+(?:is|are|was|were|of|in|to|for|and|or|that|which|with|by|on)\b|[,.;:)])",
        text))


def book_uses(drafts: Sequence[ConceptDraft], chunks: Sequence[Chunk],
              reference: set[int]) -> dict[str, BookUse]:
    """Term key -> how the book's body (``reference`` chunks left out) uses it."""
    keys = {term_key(d.name) for d in drafts}
    texts = ["" if i in reference else normalize(c.text) for i, c in enumerate(chunks)]
    whole = " ".join(texts).lower()
    mentions = MentionIndex(texts, keys)
    body = [i for i in range(len(chunks)) if i not in reference]
    book_sections = len({chunks[i].heading for i in body if chunks[i].heading})
    uses: dict[str, BookUse] = {}
    for key in keys:
        where = mentions.counts(key)
        sections = {chunks[i].heading for i in where if chunks[i].heading}
        first = key.split()[0] if len(key.split()) == 2 else ""
        uses[key] = BookUse(len(where), len(sections), book_sections,
                            noun_uses(first, whole) if first else 0)
    return uses


def without_junk(drafts: list[ConceptDraft], chunks: Sequence[Chunk], reference: set[int],
                 printed: PrintedIndex | None = None) -> list[ConceptDraft]:
    """The drafts without those :func:`junk_sign` calls junk, in their order."""
    uses = book_uses(drafts, chunks, reference)
    book_terms = set(uses)
    kept = []
    for draft in drafts:
        key = term_key(draft.name)
        indexed = bool(printed and any(printed.lists(term_key(n))
                                       for n in (draft.name, *draft.aliases)))
        if not junk_sign(draft, uses[key], indexed, book_terms):
            kept.append(draft)
    return kept
