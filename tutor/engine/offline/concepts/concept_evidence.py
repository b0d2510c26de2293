"""A concept is kept because the book defines or explains it (issue 11, items 2 and 3).

The last word on which drafts become concepts. A draft stays when the book gives it one of:

- **a defining or explaining sentence**: its sentence is judged a definition
  (:mod:`~tutor.engine.offline.definitions.definition_kind`), is about it (names it among its
  first words, where its subject is), or names it and says what it is or does
  (:func:`~tutor.engine.offline.definitions.defining_anywhere.tells_what`);
- **a glossary entry**, or emphasis where the book introduces a term of several words or a
  naming introduces it;
- **a section devoted to it**: a heading that leads with it ("Macros", "Method 2: argument
  reduction", not "lower" of "Raise and lower"), or the judgement of a module that reads a
  devoted part of the book (a section's topic, a reference entry, an option table, a task, a
  command the prose teaches, a run-in head: any evidence beyond :data:`PASSING`).

Everything else was only met on the way, never the subject of its sentence: a term set in
emphasis inside a remark ("In some cases where the equation doesn't have constant
coefficients, ode2 will ..."), a name a heading lists after its topic, a phrase the running
text introduces but never explains. Such a draft is no concept; its sentence becomes a key point of the concept the sentence is about (the
concept devoted to the same section, else the kept concept named among its first words, its
subject, unless that is a common word), when there is one.

A section's topic whose head word the section's prose never uses is no concept either: the
heading is a label ("Serious business"), not what the text explains (a guide's section, which
teaches the practice its heading names, is kept).

A name is also no concept when it ends on an adverb ("gnuplot simply" of "Gnuplot simply refers
to the font by name"): a pattern took a subject and the adverb after it for a term. An adverb is
told by grammar and general English: a last word in -ly whose stem ("simple", "general") is
at least as common a word as it is ("assembly" is commoner than "assemble": a noun).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tutor.course import Chunk, DefinitionKind
from tutor.engine.offline.concepts.candidates import GENERIC_ZIPF, Sentence, head_index
from tutor.engine.offline.concepts.guide_books import GUIDE_EVIDENCE
from tutor.engine.offline.concepts.section_concepts import SECTION_EVIDENCE
from tutor.engine.offline.definitions.defining_anywhere import SUBJECT_WORDS, tells_what
from tutor.engine.offline.definitions.patterns import heading_terms
from tutor.engine.offline.terms import mentions_key, term_key
from tutor.engine.port import ConceptDraft
from tutor.text import content_stems, general_zipf

PASSING = frozenset({"definition", "emphasis", "keyphrase", "heading", "introduced"})
"""Evidence that can be met on the way: a sentence pattern, emphasis, keyphrase statistics, a
heading that may name several things, a phrase the running text introduces. Any other kind is
the judgement of a module that reads a devoted part of the book (a section, an entry, a table)."""
MAX_KEY_POINTS = 6
"""A concept takes the sentence of a draft met on its way as a key point while it has fewer."""
_DIVISION = re.compile(r"[A-Za-z]+\s+(?:\d+|[IVXLC]+)")
"""A division's label a heading puts before its topic: a word and a number ("Part II",
"Method 2")."""
_CALL = re.compile(r"[A-Za-z_][\w.]*\s*\(\)")
"""A function a heading names by its call ("buildmesh()")."""
_ADVERB_MIN_ZIPF = 3.0
"""The stem of an adverb in -ly is a word of general English at least this common."""


def keep_explained(drafts: list[ConceptDraft], sentences: Sequence[Sentence],
                   chunks: Sequence[Chunk] = ()) -> list[ConceptDraft]:
    """The drafts the book defines or explains (see the module docstring), in their order; the
    sentence of each other one goes to the concept it is about as a key point."""
    topics = whole_topics([*(s.section for s in sentences), *(c.heading for c in chunks)])
    prose: dict[str, set[str]] = {}
    for sentence in sentences:
        prose.setdefault(sentence.section, set()).update(content_stems(sentence.text))
    kept: list[ConceptDraft] = []
    passing: list[ConceptDraft] = []
    unnamed: set[int] = set()
    for draft in drafts:
        if ends_on_adverb(draft.name) or not section_speaks_of(draft, prose):
            unnamed.add(id(draft))
            continue
        (kept if explained(draft, topics) else passing).append(draft)
    for draft in passing:
        holder = explaining_concept(draft, kept)
        point = draft.definition.strip()
        if (holder is not None and point and point != holder.definition
                and point not in holder.key_points
                and len(holder.key_points) < MAX_KEY_POINTS):
            holder.key_points.append(point)
    dropped = {id(d) for d in passing} | unnamed
    return [d for d in drafts if id(d) not in dropped]


def explained(draft: ConceptDraft, topics: set[str]) -> bool:
    """Whether the book defines the draft (its sentence), lists it in a glossary, or devotes a
    section to it (``topics``: :func:`whole_topics`)."""
    evidence = set(draft.evidence)
    if evidence - PASSING:
        return True  # a glossary, a section, an entry, a table, a task, a taught command
    if "heading" in evidence and any(term_key(n) in topics for n in _names(draft)):
        return True
    if "emphasis" in evidence and (" " in draft.name.strip() or "definition" in evidence):
        return True  # a term the book sets apart where it introduces it ("the symbol '→'
        # will be a *material conditional*"), or where a naming does ("a so-called *break
        # loop*"); one word in emphasis alone is mostly a keyword or an option's value
    if draft.definition_kind is DefinitionKind.DEFINITION:
        return True
    opening = " ".join(draft.definition.split()[:SUBJECT_WORDS])
    if any(term_key(n) and mentions_key(opening, term_key(n)) for n in _names(draft)):
        return True  # the sentence is about it: its subject ("Initialization cells behave
        # like regular cells, except ...")
    named = any(term_key(n) and mentions_key(draft.definition, term_key(n)) for n in _names(draft))
    return named and tells_what(draft.definition, _names(draft))


def whole_topics(headings: Iterable[str]) -> set[str]:
    """The term keys of the topics headings lead with ("7.2 Macros" -> "macro", "Part II:
    Plotting styles" -> "plotting style", "Bernoulli numbers and polynomials" -> "bernoulli
    number"; not "lower" of "Raise and lower", which the heading names second), and each
    function a heading names by its call ("Border(), buildmesh()")."""
    found: set[str] = set()
    for heading in {h for h in headings if h}:
        terms = [t for t in heading_terms(heading) if not _DIVISION.fullmatch(t.strip())]
        if terms and term_key(terms[0]):
            found.add(term_key(terms[0]))
        found.update(term_key(t) for t in terms if _CALL.fullmatch(t.strip()))  # "Border(),
        # buildmesh()": a section on each function it names
    return found


def explaining_concept(draft: ConceptDraft, kept: Sequence[ConceptDraft]) -> ConceptDraft | None:
    """The kept concept a passing draft's sentence is about: the one devoted to the same
    section, else the one its first words (the subject) name, the longest name first, never a
    common word of English ("value" of "The startup value of lambda ...")."""
    own = [d for d in kept if draft.section and d.section == draft.section
           and set(d.evidence) - {"definition", "emphasis", "keyphrase"}]
    if len(own) == 1:
        return own[0]
    opening = " ".join(draft.definition.split()[:SUBJECT_WORDS])
    named = [(len(term_key(n)), d) for d in kept for n in _names(d)
             if term_key(n) and mentions_key(opening, term_key(n))
             and general_zipf(term_key(n)) < GENERIC_ZIPF]
    return max(named, key=lambda pair: pair[0])[1] if named else None


def section_speaks_of(draft: ConceptDraft, prose: dict[str, set[str]]) -> bool:
    """False for a topic of a section (:data:`SECTION_EVIDENCE`) that its section's prose never
    names by its head word ("Serious business" over "Most serious users of Maxima find that
    they are repeatedly using the same programs ..."): the heading is a label, not the topic the
    text explains. The head word counts in any form ("verbosity" in "quite verbose"), so does
    a task's verb ("comment" for "Commenting your work"), a name joining topics is spoken of
    under any of them; a one-word topic (mostly a command's name)
    and a topic the book defines are kept."""
    if (SECTION_EVIDENCE not in draft.evidence or GUIDE_EVIDENCE in draft.evidence
            or draft.definition_kind is DefinitionKind.DEFINITION or not prose.get(draft.section)):
        return True
    name = " ".join(re.sub(r"\([^)]*\)", " ", draft.name).split())
    if len(name.split()) < 2:
        return True  # one word: a command's name, which code writes more than prose does
    for part in re.split(r"\s+(?:and|or)\s+|,\s*", name):
        words = part.split()
        named = {words[head_index(words)], words[-1]} if words else set()
        if words and words[0].lower().endswith("ing"):
            named.add(words[0])  # a task's own word ("commenting" of "commenting work")
        heads = [content_stems(w) for w in named]
        if not all(heads) or any(h[0] in prose[draft.section] for h in heads):
            return True  # any of the topics it joins ("inline data and datablocks"), by its
            # head or its last word ("environment" of "concept of environment")
    return False


def ends_on_adverb(name: str) -> bool:
    """A name of several words whose last word is an adverb in -ly ("gnuplot simply",
    "invoked non-interactively"), not a noun ("inline assembly", "power supply")."""
    words = name.lower().split()
    if len(words) < 2 or not re.fullmatch(r"[a-z][a-z-]*ly", words[-1]):
        return False
    word = words[-1].removeprefix("non-").removeprefix("un")
    stems = {word[:-2], word[:-1] + "e", word[:-3] + "y" if word.endswith("ily") else ""} - {""}
    common = general_zipf(word)
    return any(general_zipf(s) >= max(_ADVERB_MIN_ZIPF, common) for s in stems)


def _names(draft: ConceptDraft) -> list[str]:
    return [draft.name, *draft.aliases]
