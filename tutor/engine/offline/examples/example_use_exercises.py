""""Which idea does this example show?" from the book's worked examples.

Books follow an idea with an example: "For example, if you roll a die, the sample space is
{1, 2, 3, 4, 5, 6}." Recognising the idea at work in a concrete case is more than recalling
its definition. The exercise quotes the example (with the sentence before it, when the example
leans on it) with every mention of the concept blanked, and asks which idea of the course fills
the blank; the distractors are near concepts the quoted text and its page do not name, so the
text supports only the key. The example must not restate the definition; when the sentence before it is the definition,
the example is quoted alone. Only a concept the course defines is asked about (a word the book
merely uses in an example, "week", "input", is no idea to recognise), and never a single word
common in general English: its blank is filled from the sentence alone.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from tutor.course import EXAMPLE_USE_MARK, Chunk, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.contrasts.nested_ideas import nested
from tutor.engine.offline.definitions.descriptions import says_what_it_is
from tutor.engine.offline.terms import content_stems, mentions, term_variants
from tutor.engine.offline.writing.checking import BLANK, same_option
from tutor.engine.offline.writing.exercise_material import (
    Material,
    Sibling,
    dice,
    prose_sentences,
    usable,
)
from tutor.text import general_zipf

MIN_DISTRACTORS = 2
MAX_DISTRACTORS = 3
MAX_ITEMS = 2
MAX_QUOTE = 360
MIN_QUOTE = 60
COMMON_WORD_ZIPF = 4.5
"""A one-word name this common in general English ("sentence", "argument", "proof") is filled
by the quote's grammar, not by recognising the idea in the case."""
MIN_WORD_SHARE = 0.7
"""Share of plain words a quote needs (a proof or a formula is not an example sentence)."""
DEFINITION_OVERLAP = 0.5
"""Word overlap with the definition from which a sentence restates it rather than applies it."""

_CUE = re.compile(r"\b(?:for\s+example|for\s+instance|e\.\s?g\.|such\s+as|consider)\b", re.I)
_LEANS = re.compile(r"^\W*(?:for\s+example|for\s+instance|in\s+this\s+(?:case|example)|here|"
                    r"similarly|likewise|again|then|so|but|and|this|that|these|those|it)\b", re.I)
_LIST_LINE = re.compile(r"^[a-z][\w\s-]{0,40}:\s")
_POINTER = re.compile(
    r"\b(?:p|pp|page|pages|fig|figure|table|section|chapter|part|exercise|sentence|example|"
    r"argument|equation|line|step|rule)s?\.?\s*\(?\d|\b(?:above|below|earlier|previous|"
    r"preceding|the\s+following|these\s+examples|this\s+argument|our\s+(?:two|three|first|"
    r"last))\b", re.I)
"""Pointers at what the quote does not show ("the argument on p. 92", "Figure 18.2")."""
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?:st|nd|rd|th|%)?(?!\w)|\{\s*\d")
_CODE = re.compile(r">>>|\w\([^()]*\)|\b\w+\s*(?:==|=|\+=|-=)\s*\S|\b[a-z]\w*_\w+\b|"
                   r"\b\w+\.\w+\(|\[[^\]]*\]")
_SYMBOLS = re.compile(r"[¬∧∨→↔∀∃⊃≡&∼]|(?<![\w'’])(?:[A-Z][a-z]\d|[A-Z]{2,}[a-z]+|[A-Z][xyz])(?!\w)")
"""A symbolisation: a connective or quantifier sign ("A → B", "¬A"), or a predicate with its
terms ("Rc1", "NKab", "Hx")."""


def points_elsewhere(quote: str) -> bool:
    """Whether the quote points at something it does not show ("the argument on p. 92")."""
    return _POINTER.search(quote) is not None


def concrete(quote: str) -> bool:
    """Whether the quote shows a concrete case (numbers, code, a symbolisation) and points at
    nothing it leaves out."""
    if points_elsewhere(quote):
        return False
    return bool(_NUMBER.search(quote) or _CODE.search(quote) or _SYMBOLS.search(quote))


def case_quotes(chunk: Chunk, m: Material) -> list[str]:
    """Example passages of the chunk that name the concept: a sentence with an example cue,
    preceded by the sentence before it when it leans on that one."""
    sentences = prose_sentences(chunk.text)
    found: list[str] = []
    for i, sentence in enumerate(sentences):
        if not _CUE.search(sentence) or _LIST_LINE.match(sentence):
            continue
        if m.sentence and dice(m.sentence, sentence) >= DEFINITION_OVERLAP:
            continue  # the definition again, not the idea at work
        quote = sentence
        before = sentences[i - 1] if i > 0 else ""
        restates = bool(m.sentence) and dice(m.sentence or "", before) >= DEFINITION_OVERLAP
        if _LEANS.match(sentence) and before and not restates:
            quote = f"{before} {sentence}"
            if _LEANS.match(before):
                continue  # the sentence before leans on another one: no clean start
        if not MIN_QUOTE <= len(quote) <= MAX_QUOTE or not m.pattern.search(sentence):
            continue
        if re.match(r"^\W*(?:chapter|section|part)\s+\d", quote, re.I):
            continue  # a heading run into the first sentence
        if not re.match(r"^[\"'‘“(]?[A-Z]", quote) or not all(
                usable(s) for s in (before, sentence) if s in quote):
            continue  # a sentence cut from a code line or a heading, or not plain prose
        if len(m.pattern.findall(quote)) > 2 or quote.rstrip().endswith((":", "?")):
            continue
        if not concrete(m.pattern.sub(" ", quote)):
            continue  # a narrative sentence, filled by its grammar, or one pointing elsewhere
        words = quote.split()
        if "•" in quote or sum(w.strip(".,;:()'\"").isalpha() for w in words) < (
                MIN_WORD_SHARE * len(words)):
            continue  # a glossary list or a formula, not a sentence of prose
        found.append(quote)
    return found


def _blanked(quote: str, m: Material) -> str:
    text = m.pattern.sub(BLANK, quote)
    return re.sub(r"\b([Aa])n?(\s+)" + BLANK, r"\1(n)\2" + BLANK, text)


def write_example_use(
    m: Material, siblings: Sequence[Sibling], passages: Sequence[Chunk],
    undefined: bool = False,
) -> list[Exercise]:
    """Up to :data:`MAX_ITEMS` "which idea does this example show" items; on a concept the
    book never defines only when ``undefined`` (the concept has no other item: recognising
    the idea at work is then what the book teaches of it)."""
    name = m.concept.name
    if not (undefined or says_what_it_is(m)) or (
            not re.search(r"[\s-]", name) and general_zipf(name.lower()) >= COMMON_WORD_ZIPF):
        return []
    items: list[Exercise] = []
    used: list[str] = []
    for chunk in passages:
        for quote in case_quotes(chunk, m):
            if any(dice(quote, u) >= 0.6 for u in used):
                continue
            shown = _blanked(quote, m)
            bare = shown.replace(BLANK, " ")
            if mentions(bare, m.terms) or shown.count(BLANK) == 0:
                continue
            if content_stems(m.concept.name) <= content_stems(bare):
                continue  # "often called _____ because it grows linearly"
            around = f"{chunk.heading} {chunk.text}"
            options: list[str] = []
            for sibling in siblings:
                names = term_variants(sibling.concept.name, sibling.concept.aliases)
                if mentions(around, names, fuzzy=False) or mentions(sibling.concept.name,
                                                                     m.terms):
                    continue
                if any(same_option(sibling.concept.name, o) for o in [m.concept.name,
                                                                       *options]):
                    continue
                if another_name(sibling, m):
                    continue  # "proofs are called derivations": a second right answer
                if nested(m.terms, names, passages):
                    continue  # "Ys (like X ...)": the example shows the sibling too
                options.append(sibling.concept.name)
                if len(options) == MAX_DISTRACTORS:
                    break
            if len(options) < MIN_DISTRACTORS:
                continue
            used.append(quote)
            items.append(_exercise(m, chunk, shown, quote, options, len(items) + 1))
            if len(items) == MAX_ITEMS:
                return items
    return items


def another_name(sibling: Sibling, m: Material) -> bool:
    """Whether the course gives the sibling as another name for the concept, or the concept
    for the sibling ("Often, logical proofs are called derivations", "also called items")."""
    own = "|".join(re.escape(t) for t in sorted(m.terms, key=len, reverse=True))
    theirs = "|".join(re.escape(t) for t in sorted(
        term_variants(sibling.concept.name, sibling.concept.aliases), key=len, reverse=True))
    if not own or not theirs:
        return False
    called = (r"(?:is|are)\s+(?:also\s+|often\s+|sometimes\s+)?(?:called|known\s+as)\s+"
              r"(?:an?\s+|the\s+)?")

    def names(a: str, b: str) -> re.Pattern[str]:
        return re.compile(r"\b(?:" + a + r")\b[^.]{0,30}?" + called + r"(?:" + b
                          + r")\b|\balso\s+called\s+(?:" + b + r")\b", re.I)
    naming, mirror = names(own, theirs), names(theirs, own)
    return bool(naming.search(sibling.concept.definition) or mirror.search(
        m.concept.definition))


def _exercise(m: Material, chunk: Chunk, shown: str, quote: str, options: list[str],
              n: int) -> Exercise:
    exercise_id = f"{m.concept.id}{EXAMPLE_USE_MARK}{n}"
    choices = [m.concept.name, *options]
    random.Random(exercise_id).shuffle(choices)
    return Exercise(
        id=exercise_id,
        concept_id=m.concept.id,
        kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt=(f'This example from the course has one idea left out:\n\n"{shown}"\n\n'
                f"Which idea fills the blank?"),
        answer=m.concept.name,
        choices=choices,
        misconceptions={o: f"does not recognise {m.concept.name} at work" for o in options},
        explanation=(f'The course says: "{quote}" ({chunk.citation().label()}).'),
        citations=[chunk.citation()],
        difficulty=0.5,
        origin=ExerciseOrigin.EXAMPLE,
    )
