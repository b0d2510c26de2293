"""Grading an answer to a case item: the book's case of one of two ideas, the idea left out,
"Is the missing idea X or Y? Say which, and what in the case makes it that one".

Such an answer is read for the idea it names, not scored for likeness to the key: the key
("X. X: <what X is>; Y, by contrast: ...") shares most words with a right answer and a wrong
one alike, and a right answer may be the bare name. :func:`read_case_answer` finds which idea
the answer names (the key's name, an accepted spelling or a name the course states for it, "also
called ..."; a name with "not" before it counts against that idea) and its reason (the rest).
The reason is credited when it speaks of the case or of what the idea is (:func:`reason_fits`),
and turns the answer wrong when it says the opposite of the case or gives the other idea's
account (:func:`reason_clash`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tutor.answers import (
    CASE_SHOWS,
    attributed,
    mix_up_sides,
    name_pattern,
    normalise,
    stated_synonyms,
)
from tutor.course import Exercise
from tutor.engine.offline.tutoring.answer_similarity import content_words, tokens
from tutor.negation import sense_turns


def case_sides(exercise: Exercise) -> tuple[list[str], str] | None:
    """The names a case item accepts for the idea its case shows (the key's name, the
    accepted spellings and the other names the course states for it, "also called ...") and
    the other idea offered; ``None`` for any other item."""
    sides = mix_up_sides(exercise)
    if sides is None or f": {CASE_SHOWS} " not in exercise.key_points[0]:
        return None
    right, other = sides
    stated = stated_synonyms(exercise.key_points[1])
    names = [right, *exercise.accepted, *stated]
    names = [n for n in dict.fromkeys(n.strip() for n in names if n.strip())
             if normalise(n) != normalise(other)]
    return names, other


@dataclass(frozen=True)
class CaseAnswer:
    """What an answer to a case item says: which idea it names (``"right"``, ``"other"`` or
    ``""`` when it names neither or both without saying which) and its reason, the answer
    with every naming of either idea taken out."""

    names: str
    reason: str


_NEGATED_NAME = r"(?:\b(?:not|never|isn't|is\s+not|rather\s+than|instead\s+of)\s+(?:(?:the|an?|" \
    r"just|really)\s+){0,2})"


def read_case_answer(exercise: Exercise, text: str) -> CaseAnswer | None:
    """Which idea an answer to a case item names ("It is the accumulator: ...", "Accumulator,
    because ...", "the antecedent, not the consequent") and the reason it gives; ``None`` for
    an item that is no case. A name said with "not" before it counts against that idea; a
    name inside a longer offered name ("variable" in "global variable") is not a naming."""
    sides = case_sides(exercise)
    if sides is None:
        return None
    names, other = sides
    said = text
    counts = {"right": 0, "other": 0, "not right": 0, "not other": 0}
    firsts: list[tuple[int, str]] = []  # where each plain naming starts
    labelled = sorted([(n, "right") for n in names] + [(other, "other")],
                      key=lambda p: len(p[0]), reverse=True)  # longer names first

    def blank(found: re.Match[str]) -> str:  # the same length, so places stay put
        return " " * len(found.group(0))

    for name, side in labelled:
        negated = re.compile(_NEGATED_NAME + name_pattern(name), re.I)
        counts["not " + side] += len(negated.findall(said))
        said = negated.sub(blank, said)
        plain = re.compile(name_pattern(name), re.I)
        firsts += [(m.start(), side) for m in plain.finditer(said)]
        counts[side] += len(plain.findall(said))
        said = plain.sub(blank, said)
    right = counts["right"] > 0 or (counts["not other"] > 0 and not counts["other"])
    wrong = counts["other"] > 0 or (counts["not right"] > 0 and not counts["right"])
    if right and wrong:  # what it says the case is, else the idea it names first
        said_of = attributed(text, (names[0], other))
        names_side = (("right", "other")[said_of] if said_of is not None
                      else min(firsts)[1] if firsts else "")
    else:
        names_side = "right" if right else "other" if wrong else ""
    reason = re.sub(r"^[\W\s]*(?:(?:it|that|this)\s*(?:is|'s|’s)\s*)?(?:the\s+|an?\s+)?", "",
                    " ".join(said.split()), flags=re.I)
    reason = re.sub(r"^[\W\s]*(?:because|since|as|for)\b\W*", "", reason, flags=re.I)
    return CaseAnswer(names=names_side, reason=reason.strip())


# -- a case item's reason ---------------------------------------------------------------------
_CASE_TEXT = re.compile(r'left out:\s*"(?P<case>.+)"\s*\n', re.DOTALL)
_BY_CONTRAST = ", by contrast: "
_CLAUSE = re.compile(r"\s*(?:[.;:!?]|,|\b(?:but|and|so|while|whereas|because|since|which)\b)\s*",
                     re.I)
RIVAL_WORDS = 2
"""A reason gives the other idea's account when it takes this many words only that account
has, and more of them than of the case's and this idea's own words."""
_OPPOSITES = [
    ("less smaller lower fewer shorter below under", "more bigger larger greater higher above "
     "over"),
    ("few small", "many large big"),
    ("left", "right"), ("easy simple", "hard difficult"), ("rare seldom", "common often"),
    ("short", "long"), ("first start beginning", "last final end"), ("low", "high"),
    ("smooth steady stable", "erratic noisy"), ("weak weakly", "strong strongly"),
    ("increase increases rises", "decrease decreases falls"), ("same equal", "different"),
    ("always", "sometimes"), ("positive", "negative"), ("true", "false"),
    ("inside", "outside"), ("before", "after"), ("empty", "full"),
]
"""Pairs of word groups that say the opposite of each other ("easy" of what the case calls
"hard"): a reason that swaps one for the other turns the case's sense around."""


def _opposite_stems() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Each word's opposites, and the words on its own side ("big" with "large"), as written."""
    opposite: dict[str, set[str]] = {}
    alike: dict[str, set[str]] = {}
    for one, other in _OPPOSITES:
        ones, others = set(one.split()), set(other.split())
        for side, facing in ((ones, others), (others, ones)):
            for w in side:
                opposite.setdefault(w, set()).update(facing)
                alike.setdefault(w, set()).update(side)
    return opposite, alike


_OPPOSITE, _ALIKE = _opposite_stems()
TURN_WORDS = 2
"""A clause speaks of the case's things when it takes this many content words from it (a word
the case has the opposite of counts), and at least half of its own."""


def _turned(clause: str, case: str, rival: str = "") -> bool:
    """Whether a clause of a reason says the opposite of the case about the case's own
    things: it takes enough of its content words from the case (:data:`TURN_WORDS`), and it
    turns the case's sense an odd number of times (a "not" more or fewer,
    :func:`tutor.negation.sense_turns`, or a word swapped for its opposite when the case has no
    word of its side). A "not" followed by words of the other idea's account (``rival``)
    sets the two ideas apart ("..., not the statement that defines it"): no turn."""
    said, told = set(content_words(clause)), set(content_words(case))
    if not said:
        return False
    said_words, told_words = set(tokens(clause)), set(tokens(case))  # "less" is a stop word
    swapped = {w for w in said_words - told_words
               if _OPPOSITE.get(w, set()) & (told_words - said_words)
               and not _ALIKE[w] & told_words}
    touched = (said & told) | swapped
    if len(touched) < TURN_WORDS or len(touched) * 2 < len(said):
        return False
    negated = re.search(r"\b(?:not|never|no)\b(?P<rest>.*)$", clause, re.I | re.S)
    if negated and rival and set(content_words(negated["rest"])) & (
            set(content_words(rival)) - told):
        return False
    return (sense_turns(clause, case) + len(swapped)) % 2 == 1


def case_parts(exercise_prompt: str, reference: str, shown_point: str) -> tuple[str, str, str]:
    """A case item's case (the quoted text of its prompt), what the course says the idea the
    case shows is, and what it says the other idea is (from the reference "X. X: ...; Y, by
    contrast: ...")."""
    case = _CASE_TEXT.search(exercise_prompt)
    rival = reference.rsplit(_BY_CONTRAST, 1)[1] if _BY_CONTRAST in reference else ""
    shown = shown_point.split(": ", 1)[1] if ": " in shown_point else ""
    return (case["case"] if case else ""), shown, rival


def reason_fits(reason: str, case: str, shown: str) -> bool:
    """Whether a reason speaks of the case or of what the idea is: it shares a content word
    with the case or with the course's account of the idea."""
    said = set(content_words(reason))
    return bool(said & (set(content_words(case)) | set(content_words(shown))))


def reason_clash(reason: str, case: str, shown: str, rival: str) -> str | None:
    """Why a reason given with the right idea goes against the case, or ``None``: a clause of
    it says the opposite of the case about the case's own things ("hist is never changed" of a
    case that changes it, :func:`tutor.answers.says_the_opposite`), or it gives the other
    idea's account ("it counts how many times" when the other idea is the counter) more than
    this one's and the case's."""
    for clause in [*_CLAUSE.split(reason), reason]:
        if _turned(clause, case, rival):
            return f"the case does not say that \"{clause.strip()}\": it says the opposite"
    said = set(content_words(reason))
    own = set(content_words(f"{case} {shown}"))
    theirs = set(content_words(rival)) - own
    if len(said & theirs) >= RIVAL_WORDS and len(said & theirs) > len(said & own):
        return "your reason describes the other idea, not what happens in the case"
    return None
