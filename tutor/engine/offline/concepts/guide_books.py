"""A guide: a book whose sections teach practices by saying what to do.

Guidelines for maintainers, coding standards, style guides: their sections are headed by a
practice or a topic ("Recruiting Developers", "Distribution Patches", "Library Behavior") and
open by saying what the reader does and why ("If the program is large, it is useful to make a
set of diffs for each release."), almost never what the practice *is*. A textbook's section
that says nothing of its topic explains nothing; a guide's section does, by its prescriptions.
:func:`is_guide` tells a guide by how many of its sentences prescribe (a modal of obligation or
an instruction); :mod:`tutor.engine.offline.concepts.section_concepts` then describes such a
book's sections by their openings, marked :data:`GUIDE_EVIDENCE`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.terms import COMMON_VERBS

GUIDE_SHARE = 0.15
"""A book at least this share of whose sentences prescribe is a guide (calibrated on two
guides, GNU Maintainers .19 and GNU Coding Standards .28, against the three shared books, .04
to .07)."""
GUIDE_EVIDENCE = "guide opening"
"""The evidence kind of a guide's section concept described by its opening, not defined."""

PRESCRIBING = re.compile(r"\b(?:should|must|need to|ought to)\b|^(?:Please|Try to|Always|"
                         r"Never|Avoid|Use|Do not|Don't)\b")
"""What a rule says to do: a modal of obligation, or an instruction."""


def is_instruction(text: str) -> bool:
    """Whether a sentence opens on a common verb in its base form, said to the reader ("Keep
    correct records of which portions were written by whom."): a guide's instruction."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    return (first[:1].isupper() and first.lower() in COMMON_VERBS
            and not first.lower().endswith(("s", "ed", "ing", "en")))


def prescribes(text: str) -> bool:
    """Whether a sentence says what to do: a modal of obligation ("Programs should ..."), a
    set instruction ("Please ...", "Try to ...") or a common verb in its base form opening it
    ("Keep ...", "Write ...")."""
    return PRESCRIBING.search(text) is not None or is_instruction(text)


def is_guide(sentences: Sequence[Sentence]) -> bool:
    """Whether a book is a guide: at least :data:`GUIDE_SHARE` of its sentences prescribe
    ("You should maintain a proper copyright notice ...", "Keep correct records ...")."""
    if not sentences:
        return False
    prescribing = sum(1 for s in sentences if prescribes(s.text))
    return prescribing >= GUIDE_SHARE * len(sentences)
