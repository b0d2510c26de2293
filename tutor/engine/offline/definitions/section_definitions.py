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

import re
from collections import defaultdict
from collections.abc import Sequence

from tutor.course import Chunk
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.definitions.descriptions import (
    describes_command,
    plainly_defines,
    term_group,
)
from tutor.engine.offline.definitions.patterns import heading_terms
from tutor.engine.offline.definitions.self_contained import leans
from tutor.engine.offline.terms import COMMAND_KINDS, MIN_PROSE_WORDS, mentions, term_key
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
        own = without_run_in(draft.definition, terms)
        if own != draft.definition and (_defines(own, terms) or not mentions(own, terms)):
            draft.key_points = [own, *(p for p in draft.key_points if p != draft.definition)][:4]
            draft.definition = own  # "Sbezier The smooth sbezier option first renders ..."
        if ("glossary" in draft.evidence or _defines(draft.definition, terms)
                or not mentions(draft.definition, terms)):
            continue  # the book's glossary, or a gloss that says what it is without its name
        opened = _opening_definition(opening.get(term_key(draft.name), []), terms)
        if opened is None:
            continue
        found, text = opened
        draft.definition = text
        draft.key_points = [text, *(p for p in draft.key_points if p != text)][:4]
        cited = chunks[found.chunk].citation()
        draft.citations = [cited, *(c for c in draft.citations
                                    if (c.source, c.page) != (cited.source, cited.page))][:5]


def _opening_definition(opening: Sequence[Sentence],
                        terms: list[str]) -> tuple[Sentence, str] | None:
    """The first opening sentence that defines the term, with its text; or one on the term
    whose next sentence says what "it" is or does ("The break command is only meaningful
    inside ... It causes the remaining statements ... to be skipped"), the two together."""
    for at, sentence in enumerate(opening):
        text = without_run_in(sentence.text, terms)
        if (leans(text) or _COMMENT.match(text)
                or not mentions(" ".join(text.split()[:SUBJECT_WORDS]), terms)):
            continue
        if _defines(text, terms):
            return sentence, text
        then = opening[at + 1] if at + 1 < len(opening) else None
        if (then is not None and then.chunk == sentence.chunk
                and plainly_defines(f"{text} {then.text}", terms)):
            return sentence, f"{text} {then.text}"
    return None


_COMMENT = re.compile(r"^\s*(?:#|//|;|--\s)")
"""A comment of a listing ("# define the bezier curve control points"): code, not prose."""
_RUN_IN_END = re.compile(r"[.!?]\s")


def without_run_in(text: str, terms: list[str]) -> str:
    """A sentence without the heading or syntax lines the page ran into it: "Sbezier The
    smooth sbezier option first renders ..." -> "The smooth sbezier option first renders
    ...", "Transpose Shorthand notation for scan=yx" -> "Shorthand notation for scan=yx",
    "Set datafile missing NaN show datafile missing The set datafile missing command tells
    ..." -> "The set datafile missing command tells ...", "Using ode2 Maxima can solve ..."
    -> "Maxima can solve ..." (:func:`_after_run_in_head`); else the sentence as it is."""
    heading = re.match(r"^\W*(?i:" + term_group(terms) + r")\s+(?=[A-Z][a-z]*\s)", text)
    if heading and len(text[heading.end():].split()) >= 3:
        return text[heading.end():]
    rest = _after_run_in_head(text, terms)
    if rest is not None:
        return rest
    if _defines(text, terms):
        return text
    for start in re.finditer(r"\s(?=The\s)", text):
        rest = text[start.end():]
        if not _RUN_IN_END.search(text[:start.start()]) and _defines(rest, terms):
            return rest
    return text


def _after_run_in_head(text: str, terms: list[str]) -> str | None:
    """The sentence after a heading the extraction ran into it ("Using ode2 Maxima can
    solve ...", "... - the kill command Many times you will ..."): the words up to the term
    or a word naming a command, followed by a capital opening the sentence proper, when the
    rest is a sentence of its own (:data:`~tutor.engine.offline.terms.MIN_PROSE_WORDS` words)
    that still names the term; else ``None``."""
    head = re.match(rf"^(?:[^.:;!?]{{0,80}}?)\b(?:{term_group(terms)}|{'|'.join(COMMAND_KINDS)})\s+"
                    r"(?=[A-Z][a-z]+\s+[a-z])", text)
    if head is None or re.search(r"[,(]", head.group()):
        return None
    rest = text[head.end():]
    named = any(re.search(rf"(?<![\w.$%-]){re.escape(t)}(?![\w-]|\.\w)", rest) for t in terms)
    return rest if len(rest.split()) >= MIN_PROSE_WORDS and named else None


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
