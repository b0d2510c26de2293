"""Answers that look right to a similarity grader but are not: negated, salad, a sibling's.

The short-answer grader scores how much of the reference an answer covers, which a learner can
game without understanding: the definition with "is" turned into "is not" covers every point;
a bag of the definition's keywords covers them too; the definition of a near concept shares
most of its words. These guards catch the three, and the grader turns such an answer wrong,
naming what went wrong (for a sibling's definition: which concept it describes).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.engine.offline.answer_similarity import content_words, has_negation, tokens

REFERENCE_COVERED = 0.8
FROM_REFERENCE = 1.0
"""A negated answer counts as the reference turned around (rather than a paraphrase that says
"not": "there is no gap" for "in the same state") when it repeats this share of the
reference's content words and takes this share of its own from the reference. Chosen on the
Beetle training split, where looser bars turn correct paraphrases ("not separated by a gap"
for "in the same electrical state") wrong."""
SALAD_MIN_TOKENS = 5
SIBLING_MARGIN = 0.02
"""How much less close to a sibling's definition than to the reference an answer may be and
still count as describing the sibling, when it uses the sibling's own words."""
CLEARLY_CLOSER = 0.05
SIBLING_MIN_SIMILARITY = 0.6

_FUNCTION_WORDS = frozenset(
    "a an the is are was were be been being of to in on at by for with from that which who "
    "whose where when if it its this these those as or and but not no can may must has have "
    "had does do did so than then there their they we you he she one".split()
)
_NEGATION_COUNT = re.compile(
    r"\b(?:not|no|never|none|nothing|cannot|neither|nor|without)\b|n't\b", re.I)


def _negations(text: str) -> int:
    return len(_NEGATION_COUNT.findall(text))


def negates(answer: str, references: Sequence[str]) -> bool:
    """True when the answer repeats a reference with a negation the reference does not have."""
    if not has_negation(answer):
        return False
    said = set(content_words(answer))
    for reference in references:
        wanted = set(content_words(reference))
        if not wanted or has_negation(reference) or _negations(reference):
            continue  # a reference that negates itself: "not" in the answer may follow it
        shared = len(said & wanted)
        if said and shared / len(wanted) >= REFERENCE_COVERED and shared / len(said) >= FROM_REFERENCE:
            return True
    return False


def keyword_salad(answer: str, references: Sequence[str]) -> bool:
    """True for a run of keywords with no sentence around them ("outcome set experiment
    random all possible"), when the reference is a sentence or phrase with function words.
    A list (commas, "and") is not a salad: it may be what the question asks for."""
    words = tokens(answer)
    if len(words) < SALAD_MIN_TOKENS or "," in answer or ";" in answer:
        return False
    if any(w in _FUNCTION_WORDS for w in words):
        return False
    return any(any(w in _FUNCTION_WORDS for w in tokens(r)) for r in references)


def sibling_definitions(misconceptions: dict[str, str]) -> dict[str, str]:
    """The misconceptions that are another concept's definition (``text -> "confuses X with
    Y"``): long texts, as a short answer's writer records them."""
    return {text: note for text, note in misconceptions.items() if len(text.split()) >= 4}


def confused_sibling(
    answer: str, reference: str, siblings: dict[str, str]
) -> tuple[str, str] | None:
    """``(definition, note)`` of the sibling the answer describes rather than the concept, or
    ``None``. The answer must be about as close in meaning to the sibling's definition as to
    the reference and use more of the words only the sibling's definition has than of the
    words only the reference has; or be clearly closer in meaning to the sibling."""
    if not siblings or not answer.strip():
        return None
    from tutor.index.embeddings import embed

    vectors = embed([answer, reference, *siblings])
    own = float(vectors[1] @ vectors[0])
    said, wanted = set(content_words(answer)), set(content_words(reference))
    for i, text in enumerate(siblings, start=2):
        similarity = float(vectors[i] @ vectors[0])
        if similarity < SIBLING_MIN_SIMILARITY:
            continue
        theirs = set(content_words(text))
        leaning = len(said & (theirs - wanted)) > len(said & (wanted - theirs))
        if (leaning and similarity >= own - SIBLING_MARGIN) or similarity >= own + CLEARLY_CLOSER:
            return text, siblings[text]
    return None
