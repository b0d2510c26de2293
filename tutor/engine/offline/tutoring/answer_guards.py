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
from functools import lru_cache

import numpy as np

from tutor.answers import mix_up_note, says_the_opposite
from tutor.engine.offline.tutoring.answer_similarity import content_words, tokens
from tutor.negation import NEGATING_PREFIX, plain_negation
from tutor.text import GLUE_WORDS

REFERENCE_COVERED = 0.8
FROM_REFERENCE = 1.0
"""A negated answer counts as the reference turned around (rather than a paraphrase that says
"not": "there is no gap" for "in the same state") when it repeats this share of the
reference's content words and takes this share of its own from the reference. Chosen on the
Beetle training split, where looser bars turn correct paraphrases ("not separated by a gap"
for "in the same electrical state") wrong."""
SALAD_MIN_TOKENS = 3
SALAD_FROM_REFERENCE = 0.7
"""A salad is made of the key's words: at least this share of its content words."""
SALAD_IN_ORDER = 0.75
"""Key words kept in the key's order (this share of neighbouring pairs) read as a terse
sentence ("program executes Python code"), not as a salad."""
TERSE_MAX_WORDS = 5
"""A run of this many of the key's content words with no word to hold them together is a
salad even in the key's order: a terse answer says less."""
SHUFFLED_MIN_WORDS = 6
SHUFFLED_FROM_REFERENCE = 0.9
SHUFFLED_IN_ORDER = 0.6
SHUFFLED_PHRASES_KEPT = 0.5
"""An answer with sentence words that takes this share of its content words (at least
:data:`SHUFFLED_MIN_WORDS`) from the key, keeps fewer than this share of its neighbouring
pairs in the key's order and fewer than this share together as the key has them
(:func:`_phrases_kept`), is the key's words shuffled: a paraphrase that moves a clause keeps
most pairs in order and most of its phrases; a shuffle keeps about half the pairs in order
and, of n words, about 2/n of the phrases. An article out of place (:func:`_article_astray`)
in such an answer marks a shuffle too."""
SIBLING_MARGIN = 0.02
"""How much less close to a sibling's definition than to the reference an answer may be and
still count as describing the sibling, when it uses the sibling's own words."""
CLEARLY_CLOSER = 0.05
SIBLING_MIN_SIMILARITY = 0.6

def negates(answer: str, references: Sequence[str], points: Sequence[str] = ()) -> bool:
    """True when the answer repeats a reference, or one of its key ``points``, with its sense
    turned around (:func:`tutor.answers.says_the_opposite`): "is" turned into "is not",
    "can" into "cannot", "not" put before a key that already says "not" or taken out of one
    ("is a straight line" for "is not a straight line"), "mutable" for "immutable", "is no
    longer", "it is not true that ...". A negating prefix counts as the bare word in the
    words compared, and the words of a negating phrase ("longer" in "no longer", "true" in
    "it is not true that") as none. Against a key point the answer may say less than the
    whole key ("To not read a file from a Web resource" for "To read a file ... and write it
    to a file"): a point turned around is already wrong."""
    said_plain = plain_negation(answer)
    said = set(content_words(_bare(said_plain)))
    for reference in [*references, *points]:
        reference_plain = plain_negation(reference)
        if not says_the_opposite(said_plain, reference_plain):
            continue  # the same sense as the key: the answer may follow it
        wanted = set(content_words(_bare(reference_plain)))
        if not wanted or not said:
            continue
        shared = len(said & wanted)
        if shared / len(wanted) >= REFERENCE_COVERED and shared / len(said) >= FROM_REFERENCE:
            return True
    return False


def _bare(text: str) -> str:
    """``text`` with every negating prefix taken off its words ("immutable" -> "mutable")."""
    return re.sub(r"[A-Za-z][A-Za-z-]*[A-Za-z]",
                  lambda m: NEGATING_PREFIX.sub("", m.group(0).lower()), text)


def _in_order(words: Sequence[str], reference: Sequence[str]) -> float:
    """Share of neighbouring pairs of ``words`` (those the reference has) that come in the
    reference's order."""
    first: dict[str, int] = {}
    for i, w in enumerate(reference):
        first.setdefault(w, i)
    places = [first[w] for w in words if w in first]
    pairs = list(zip(places, places[1:], strict=False))
    return sum(b >= a for a, b in pairs) / len(pairs) if pairs else 1.0


def _phrases_kept(words: Sequence[str], reference: Sequence[str]) -> float:
    """Share of neighbouring pairs of ``words`` (both the reference's) that stand close
    together, in that order, in the reference (the second at most two words after the
    first): a paraphrase that moves a clause keeps its phrases, a shuffle breaks them."""
    places: dict[str, list[int]] = {}
    for i, w in enumerate(reference):
        places.setdefault(w, []).append(i)
    known = [w for w in words if w in places]
    pairs = list(zip(known, known[1:], strict=False))
    kept = sum(any(0 < j - i <= 2 for i in places[a] for j in places[b]) for a, b in pairs)
    return kept / len(pairs) if pairs else 1.0


def _article_astray(words: Sequence[str]) -> bool:
    """Whether an article stands where no sentence puts one: before a word that holds a
    sentence together ("the of", "an is") or last. A repeated "the the" is a slip, not this."""
    for word, after in zip(words, [*words[1:], ""], strict=True):
        if word in ("the", "an") and after != word and (not after or after in GLUE_WORDS):
            return True
    return False


def keyword_salad(answer: str, references: Sequence[str]) -> bool:
    """True for a run of the key's words with no sentence around them: mostly the key's own
    words, and either with no word that holds a sentence together ("outcome set experiment
    random all possible"; in the key's order too once the run is long, "read file web resource
    ftp http write file") or with such words thrown in among the key's words out of its order
    ("to said or the sentence be is value of a truth false true", "set it a in empty no the
    members"). A list (commas, semicolons)
    is not a salad: it may be what the question asks for; nor a short terse answer in the
    key's order ("program executes Python code")."""
    words = tokens(answer)
    if len(words) < SALAD_MIN_TOKENS or "," in answer or ";" in answer:
        return False
    glued = any(w in GLUE_WORDS for w in words)
    said = content_words(answer)
    if not said or (glued and len(said) < SHUFFLED_MIN_WORDS):
        return False
    for reference in references:
        wanted = content_words(reference)
        if not any(w in GLUE_WORDS for w in tokens(reference)):
            continue  # the key itself is a list of keywords
        from_key = sum(w in set(wanted) for w in said) / len(said)
        order = _in_order(said, wanted)
        if glued:
            if from_key >= SHUFFLED_FROM_REFERENCE and order < SALAD_IN_ORDER and (
                    _article_astray(words) or (order < SHUFFLED_IN_ORDER and _phrases_kept(
                        said, wanted) < SHUFFLED_PHRASES_KEPT)):
                return True
        elif from_key >= SALAD_FROM_REFERENCE and (
                order < SALAD_IN_ORDER or len(said) >= TERSE_MAX_WORDS):
            return True
    return False


def sibling_definitions(misconceptions: dict[str, str]) -> dict[str, str]:
    """The misconceptions that are another concept's definition (``text -> "confuses X with
    Y"``): long texts, as a short answer's writer records them."""
    return {text: note for text, note in misconceptions.items() if len(text.split()) >= 4}


def _without(text: str, given: set[str]) -> str:
    """``text`` without the words whose stems are in ``given`` (the name the prompt shows)."""
    kept = [w for w in re.findall(r"\S+", text)
            if not (set(content_words(w)) and set(content_words(w)) <= given)]
    return " ".join(kept) or text


@lru_cache(maxsize=512)
def _compared(reference: str, siblings: tuple[tuple[str, str], ...],
              prompt: str) -> tuple[list[str], np.ndarray]:
    """The reference and the siblings' definitions as :func:`confused_sibling` compares them
    (names left out), and their vectors: the same for every answer to one exercise, so worked
    out once per exercise (:func:`prepare_siblings` does it before the first answer)."""
    from tutor.index.embeddings import embed

    given = set(content_words(prompt))
    bare = [_without(reference, given)]
    bare += [_without(text, given | set(content_words(_sibling_name(note))))
             for text, note in siblings]
    return bare, embed(bare)


def _sibling_name(note: str) -> str:
    """The sibling a misconception note "confuses X with Y" names (Y, read by
    :func:`tutor.answers.mix_up_note`); a note of another shape as it is."""
    read = mix_up_note(note)
    return read[1] if read else note


def prepare_siblings(reference: str, siblings: dict[str, str], prompt: str = "") -> None:
    """Work out what :func:`confused_sibling` compares answers to, ahead of the first answer."""
    if siblings:
        _compared(reference, tuple(siblings.items()), prompt)


def confused_sibling(
    answer: str, reference: str, siblings: dict[str, str], prompt: str = ""
) -> tuple[str, str] | None:
    """``(definition, note)`` of the sibling the answer describes rather than the concept, or
    ``None``. The concept's name (the words the prompt shows) is left out of the answer and
    the reference, and each sibling's name (from its note) out of its definition: an answer
    that opens with "X is" is not closer to X's definition for that. The
    answer must then be about as close in meaning to the sibling's definition as to the
    reference and use more of the words only the sibling's definition has than of the words
    only the reference has; or be clearly closer in meaning to the sibling. An answer all of
    whose words are the reference's (a half-finished answer) describes no sibling."""
    if not siblings or not answer.strip():
        return None
    from tutor.index.embeddings import embed

    given = set(content_words(prompt))
    said_bare = _without(answer, given)
    bare, vectors = _compared(reference, tuple(siblings.items()), prompt)
    said, wanted = set(content_words(said_bare)), set(content_words(bare[0]))
    if said and said <= wanted:  # only the reference's own words (e.g. half of it): no mix-up
        return None
    answered = embed([said_bare])[0]
    own = float(vectors[0] @ answered)
    for i, text in enumerate(siblings, start=1):
        similarity = float(vectors[i] @ answered)
        if similarity < SIBLING_MIN_SIMILARITY:
            continue
        theirs = set(content_words(bare[i]))
        leaning = len(said & (theirs - wanted)) > len(said & (wanted - theirs))
        if (leaning and similarity >= own - SIBLING_MARGIN) or similarity >= own + CLEARLY_CLOSER:
            return text, siblings[text]
    return None
