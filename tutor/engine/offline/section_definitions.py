"""A concept's own section says what it is: where the map's sentence does not.

A manual gives each command, style, option or idea a section of its own ("Boxes", "The
plot command", "6.3 Data frames"), and the section's first sentences say what the thing is or
does: "In 2D plots the boxes style draws a rectangle centered about the given x coordinate",
"A data frame is a list with class "data.frame"". When the sentence the map chose for a
concept does not plainly define it (:func:`descriptions.plainly_defines`: "R provides both
ordered and unordered factors.", "An important operation on arrays is the outer product."),
the first of the opening sentences of a section whose heading names the concept that does is
its definition instead: cited first on its page, its first key point. Nothing changes where
the chosen sentence already defines the concept, or where no such section or sentence exists.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from tutor.course import Chunk, Citation
from tutor.engine.offline.candidates import Sentence
from tutor.engine.offline.checking import mentions
from tutor.engine.offline.definitions import heading_terms
from tutor.engine.offline.descriptions import describes_command, plainly_defines
from tutor.engine.offline.self_contained import leans
from tutor.engine.offline.text import term_key
from tutor.engine.port import ConceptDraft

OPENING_SENTENCES = 6
"""How many of a section's first sentences may hold what it says of its subject."""
SUBJECT_WORDS = 8
"""The term must be named among a sentence's first words, where its subject is: "Now that we
have Cards, the next step is to define Decks" defines no deck."""


def define_from_sections(drafts: Sequence[ConceptDraft], sentences: Sequence[Sentence],
                         chunks: Sequence[Chunk]) -> None:
    """Give each draft whose definition does not say what it is the defining sentence of a
    section devoted to it, when the section's opening has one (drafts changed in place)."""
    opening = _section_openings(sentences)
    for draft in drafts:
        terms = [draft.name, *draft.aliases]
        if ("glossary" in draft.evidence or _defines(draft.definition, terms)
                or not mentions(draft.definition, terms)):
            continue  # the book's glossary, or a gloss that says what it is without its name
        opened = _opening_definition(opening.get(term_key(draft.name), []), terms)
        if opened is None:
            continue
        found, text = opened
        draft.definition = text
        draft.key_points = [text, *(p for p in draft.key_points if p != text)][:4]
        where = chunks[found.chunk]
        cited = Citation(source=where.source, page=where.page)
        draft.citations = [cited, *(c for c in draft.citations
                                    if (c.source, c.page) != (cited.source, cited.page))][:5]


def _opening_definition(opening: Sequence[Sentence],
                        terms: list[str]) -> tuple[Sentence, str] | None:
    """The first opening sentence that defines the term, with its text; or one on the term
    whose next sentence says what "it" is or does ("The break command is only meaningful
    inside ... It causes the remaining statements ... to be skipped"), the two together."""
    for at, sentence in enumerate(opening):
        if leans(sentence.text) or not mentions(
                " ".join(sentence.text.split()[:SUBJECT_WORDS]), terms):
            continue
        if _defines(sentence.text, terms):
            return sentence, sentence.text
        then = opening[at + 1] if at + 1 < len(opening) else None
        if (then is not None and then.chunk == sentence.chunk
                and plainly_defines(f"{sentence.text} {then.text}", terms)):
            return sentence, f"{sentence.text} {then.text}"
    return None


def _defines(sentence: str, terms: list[str]) -> bool:
    return plainly_defines(sentence, terms) or describes_command(sentence, terms)


def _section_openings(sentences: Sequence[Sentence]) -> dict[str, list[Sentence]]:
    """The first sentences of every section, by the term key of each name its heading gives."""
    by_section: dict[str, list[Sentence]] = defaultdict(list)
    for sentence in sentences:
        if sentence.section and len(by_section[sentence.section]) < OPENING_SENTENCES:
            by_section[sentence.section].append(sentence)
    opening: dict[str, list[Sentence]] = defaultdict(list)
    for section, first in by_section.items():
        for name in heading_terms(section):
            key = term_key(name)
            if key:
                opening[key].extend(first)
    return opening
