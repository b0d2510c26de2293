"""Whether a quoted text lost part of its page (a formula, a footnote run into it), or says
too little to be asked about.

A PDF's text keeps a formula's letters and drops its layout: "y′ + py = q" comes out as
"y 0 + py = q", "J₀(1/3)" as "J0 1 3", a display equation between two sentences as nothing
at all ("... has the property that Such a polynomial is said to be ..."), and a footnote
mark runs into the footnote's first word ("would become 4Sending the cell's contents ...").
A learner reads such a quote without the page, so it cannot be asked about, nor given as a
key: the item quoting it is refused (:mod:`tutor.engine.offline.writing.standing_alone`).
These are shapes of the page's text, not of one book: no sentence of prose holds them.
A sentence around a blank that says one thing or two besides the kind of thing asked for
("The _____ operator behaves as it does in C.", "Where q is called the _____, and r
remainder.") tells no idea apart either: any term of the book would read as well in it.
"""

from __future__ import annotations

import re

from tutor.course import Exercise, ExerciseOrigin
from tutor.engine.offline.concepts.reference_entries import DOERS
from tutor.engine.offline.terms import content_stems, words
from tutor.sentences import split_sentences
from tutor.text import stem

_SMALL_WORDS = (r"a|an|as|at|be|by|do|go|he|if|in|is|it|me|my|no|of|on|or|so|to|up|us|we|"
                r"vs|pp|p|ok|id|tv|pc|ip|os|ms|cd|ed|eq|ex|fig|ch|sec|vol")
_FORMULA_LEFT = re.compile(
    rf"(?<![\w.'’/$@-])(?!(?i:{_SMALL_WORDS})\s)[A-Za-z]{{1,2}}\s+(?!2\b)\d{{1,3}}"
    r"(?![\w,:/%'’)-]|\.\d)(?!\s+(?:[A-Z][a-z]+|[a-z]{4,}))")
"""A variable and a lone number after it, where the page set an index, an exponent or a
prime ("y 0 + py", "x 3 − ax2 2"). Not residue: a square, read as one ("R 2 is 0.64"); a
small word of prose before the number (:data:`_SMALL_WORDS`: "in 3 steps", "p 12"); a number
a word goes on to count or name ("800 x 600 pixels", "R 4 Manual")."""
_NUMBERS_IN_A_ROW = re.compile(r"(?<![\w.])[A-Za-z]{1,2}\d{0,2}\s+\d{1,2}\s+\d{1,2}(?![\w.])"
                               r"|(?<![\w.])[A-Za-z]\d\s+\d(?![\w.,])")
"""A variable and two lone numbers after it, the halves of a fraction the page stacked ("J0
1 3" for J₀(1/3)); or an indexed variable and its exponent ("x n1 1 x n2 2" for x₁ⁿ¹x₂ⁿ²)."""
_BROKEN_WORD = re.compile(r"\b[a-z]{2,}- (?!(?:and|or|to|as|nor)\b)[a-z]{2,}")
"""A word the page broke across two lines, its halves left apart ("im- provements")."""
_FOOTNOTE_RUN_IN = re.compile(r"(?<=[a-z,;:]\s)\d{1,2}(?:It|In|[A-Z][a-z]{2,})\b")
"""A footnote's number run into its first word, inside a sentence ("would become 4Sending
...", "6This disregards ...", "the 3D view" is no footnote)."""
_LOST_BETWEEN = re.compile(r"\b(?:that|of|is|are|to|by|with|as|be|than|where|form)\s+"
                           r"(?:Such|This|These|Then|Thus|Hence|Here|There|We|It|Its|Note|So)\b")
"""A sentence's opener right after a word that needs its object: the equation the page set
between the two was dropped ("has the property that Such a polynomial")."""
_CUT_FORM = re.compile(r"\bform\s+[A-Za-z]\s*[.;]?\s*$")
"""A formula cut to its first letter at the end ("can be put in the form y.")."""

_SYMBOL = re.compile(r"^(?:[B-HJ-Zb-z]|ln|log|exp|sin|cos|tan|sqrt|mod|\d{1,3})$")
"""A word of a formula the page set: one letter (not the words "a", "I"), a function's name
written before its argument, or a small number."""
_FUNCTION = re.compile(r"^(?:ln|log|exp|sin|cos|tan|sqrt|mod)$")
MIN_SYMBOLS = 3
LETTERS_IN_A_ROW = 4


def symbols_in_a_row(text: str) -> bool:
    """Whether the text holds a formula's symbols set out in a row, the layout that made them
    one lost: :data:`MIN_SYMBOLS` or more words of :data:`_SYMBOL` with a function's name
    among them ("n ln n ln 10 decimal digits" for n·ln n / ln 10), or
    :data:`LETTERS_IN_A_ROW` lone letters ("x y z w"). Words go on after it as they may
    ("... decimal digits"): what the formula was is gone all the same; "an M x N set" is one."""
    run: list[str] = []
    for word in [*text.split(), ""]:
        if _SYMBOL.match(word):
            run.append(word)
            continue
        if len(run) >= MIN_SYMBOLS and any(w.isalpha() for w in run) and (
                any(_FUNCTION.match(w) for w in run)
                or sum(len(w) == 1 and w.isalpha() for w in run) >= LETTERS_IN_A_ROW):
            return True
        run = []
    return False


_SIGNATURE = re.compile(r"\[[A-Z][a-z]+(?: [A-Za-z][a-z]+){0,2}\](?!,?\s*page\b)")
"""A reference entry's signature run into the prose, its kind set at the margin
("[Function]", "[Special Operator]"; not a cross reference "[Streams], page 90"). A
lambda-list keyword alone is code the prose speaks of ("through &rest arguments")."""

_PROSE_ORIGINS = frozenset({ExerciseOrigin.DEFINITION, ExerciseOrigin.EXAMPLE,
                            ExerciseOrigin.WORKED_EXAMPLE, ExerciseOrigin.CONTRAST,
                            ExerciseOrigin.RELATION, ExerciseOrigin.PURPOSE})
"""The items that quote the book's prose; code and its output keep their own shapes."""


def lost_formula(text: str) -> bool:
    """Whether the text holds what is left of a formula the page set (:data:`_FORMULA_LEFT`,
    :data:`_NUMBERS_IN_A_ROW`, :data:`_CUT_FORM`, :func:`symbols_in_a_row`), lost one between two sentences
    (:data:`_LOST_BETWEEN`), or keeps a word broken across lines (:data:`_BROKEN_WORD`)."""
    return any(p.search(text) for p in (_FORMULA_LEFT, _NUMBERS_IN_A_ROW, _CUT_FORM,
                                        _LOST_BETWEEN, _BROKEN_WORD)) or symbols_in_a_row(text)


def footnote_run_in(text: str) -> bool:
    """Whether a footnote's number and first word run into the text (:data:`_FOOTNOTE_RUN_IN`)."""
    return _FOOTNOTE_RUN_IN.search(text) is not None


MIN_SAID = 3
"""Content words a quoted sentence keeps besides its blank and the kind of thing asked for
(:data:`DOERS`: "The _____ command changes the working directory." says three)."""


def says_little(sentence: str) -> bool:
    """Whether a sentence, its blank aside, says fewer than :data:`MIN_SAID` content words
    besides the kind of thing it asks for."""
    return len(content_stems(sentence, DOERS | {"blank"})) < MIN_SAID


_POINTING_BACK = re.compile(
    r"\b(?:these|those|this)\s+(?!(?:is|was|are|were|can|will|may|might|must|should|would|"
    r"could|has|have|does|do|did|need|means|way)\b)(?![a-z]*ly\b)(?P<noun>[a-z][\w-]*)", re.I)
"""A demonstrative pointing at a thing ("controls the radius of this blanked-out region",
"leave these windows open"); a pronoun says what it is about in its own sentence ("this is
useful", "you do this subconsciously")."""


def points_back(text: str) -> bool:
    """Whether the text's first sentence names a thing by pointing back at the page it was
    read from (:data:`_POINTING_BACK`): the thing is not named before in the quote ("these
    algorithms" after "hashing algorithms" is named), and a quote that starts with the
    sentence it leans on ("... ten deciles. Statistics like these ...") reads alone."""
    first = (split_sentences(text) or [text])[0]
    for found in _POINTING_BACK.finditer(first):
        noun = found.group("noun")
        if noun.lower().endswith("s") and not noun.lower().endswith("ss") and (
                found.group(0).lower().startswith("this")):
            continue  # "this sets the gap": a pronoun and its verb
        if stem(words(noun)[0] if words(noun) else noun) not in content_stems(
                first[:found.start()]):
            return True
    return False


def residue_problems(exercise: Exercise) -> list[str]:
    """Why an item quoting the book's prose cannot be read alone: its prompt, choices or key
    lost part of the page."""
    if exercise.origin not in _PROSE_ORIGINS:
        return []
    texts = [exercise.prompt, exercise.answer, *(exercise.choices or [])]
    if any(lost_formula(t) for t in texts):
        return ["the quote lost a formula of the page"]
    if any(footnote_run_in(t) for t in texts):
        return ["a footnote of the page runs into the quote"]
    if any(_SIGNATURE.search(t) for t in texts):
        return ["a reference entry's signature runs into the quote"]
    return []
