"""Remarks: a sentence that comments on a concept instead of saying what it is (issue 11).

Blind raters of real manuals refused, as definitions, sentences that only say what the author
thinks of a thing, how often or in which case something happens, or that there are ways to do
it: "Unfortunately its vector handling ... is not terribly robust", "Arrays are a useful data
structure, and are provided in most programming languages.", "It is possible that you want
certain cells evaluated separate from the others; ...", "Working with derivatives of unknown
functions can be cumbersome", "Sometimes it is easy to generalize Newton's iteration to
higher-order schemes.", "There are three standard ways to represent an ordinary differential
equation". The signs are words of English discourse, not of any one book's subject:

- an **opener of attitude, frequency or contrast** before the sentence's subject
  ("Unfortunately", "Sometimes", "However,", "Note that", "In some cases"; not "In general,
  a macro is ...");
- **an empty subject**: "It is possible / easy / worth ...", "There are three ways ...";
- **a judgement as the predicate**: the concept said to be useful, new, cumbersome, robust,
  convenient ("is a useful data structure", "can be cumbersome").

A definition that is only the concept's name (a heading kept as a sentence: "Initial
Conditions") is read as a remark too, and a heading the page ran into the sentence ("Missing
values By default missing values are output as NA") is taken off first.

A draft whose definition is a remark takes, where the book has one, a sentence of its own
passages that names the concept in its subject and says something of it that is no remark
("Initialization cells behave like regular cells, except that they can be treated as a
group."); else it keeps the remark.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Chunk
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.definitions.defining_anywhere import adopt, devoted_sections
from tutor.engine.offline.definitions.descriptions import a_case_or_a_sign, term_pattern
from tutor.engine.offline.definitions.real_definitions import (
    MAX_WORDS,
    MIN_WORDS,
    SUBJECT_WORDS,
    broken,
    terms_of,
)
from tutor.engine.offline.definitions.section_definitions import without_run_in
from tutor.engine.offline.definitions.self_contained import is_prose, leans
from tutor.engine.offline.terms import term_key
from tutor.engine.port import ConceptDraft
from tutor.sentences import split_sentences
from tutor.text import code_marks, is_question

_OPENER = re.compile(
    r"^\W*(?:un)?(?:fortunately|luckily|sadly|happily|interestingly|surprisingly|clearly|"
    r"obviously|of\s+course|naturally|sometimes|often|usually|generally|typically|normally|"
    r"occasionally|rarely|perhaps|maybe|"
    r"in\s+practice|in\s+(?:some|many|most|other|such)\s+cases|"
    r"note\s+that|notice\s+that|remember\s+that|keep\s+in\s+mind\s+that)\b[,\s]*", re.I)
"""An opener of attitude or frequency: the sentence comments on what it goes on to say."""
CODE_MARKS = 2
"""A sentence with this many characters of code punctuation holds code, not a statement."""
_CALL = re.compile(r"\w\.\w+\(|\w\(\w*\)")
"""A call in code ("math.sqrt(mse)", "f()")."""
_CASE = re.compile(r"^\W*(?:if|when|whenever|unless|once|where)\b", re.I)
"""A sentence that says what happens in one case ("If the coordinate system is not given,
..."): no statement of what the concept is."""
_ATTITUDE = re.compile(r"^(?:fortunately|luckily|happily|interestingly|of\s+course|clearly|"
                       r"obviously|naturally),\s+(?=\w)", re.I)
"""An opener that only says how the author feels about what follows."""
_CONTRAST = re.compile(r"^\W*(?:however|still|moreover|furthermore|besides|indeed|yet)\b,?",
                       re.I)
"""An opener that sets the sentence against the one before it: a remark on that one."""
_EMPTY_SUBJECT = re.compile(
    r"^\W*(?:it\s+(?:is|was|may\s+be|can\s+be|might\s+be|would\s+be)\s+(?:not\s+)?(?:always\s+|"
    r"often\s+|sometimes\s+|quite\s+|very\s+|also\s+)?(?:possible|easy|hard|difficult|useful|"
    r"important|worth|necessary|convenient|tempting|common|natural|likely|unlikely|"
    r"advisable|wise|best|better)\b|there\s+(?:is|are|were|exist)\s+(?:\w+\s+){0,2}?"
    r"(?:one|two|three|four|five|several|many|various|a\s+few|some|a\s+number\s+of)\s+"
    r"(?:\w+\s+)?(?:ways?|methods?|approaches|cases?|kinds|options|possibilities)\b)", re.I)
"""A sentence whose subject is empty: "It is possible that ...", "There are three standard
ways to ..."."""
_JUDGEMENT = re.compile(
    r"\b(?:is|are|was|were|can\s+be|may\s+be|remains?|seems?|becomes?|(?:is|are)\s+becoming)"
    r"\s+(?:not\s+)?"
    r"(?:also\s+|very\s+|quite\s+|rather\s+|terribly\s+|extremely\s+|fairly\s+|so\s+|too\s+)?"
    r"(?:(?:a|an)\s+(?:(?:very|quite|rather|most|more|extremely)\s+)?)?"
    r"(?:useful|handy|convenient|powerful|new|robust|cumbersome|tedious|awkward|painful|"
    r"tricky|messy|nice|great|wonderful|excellent|popular|interesting|important|easy|"
    r"hard|difficult|complicated|misleading|helpful|valuable|indispensable|essential)\b"
    r"(?!\s+for\b)", re.I)
SUBJECT_SPAN = 8
"""A subject longer than this many words before its verb is no subject: the verb belongs to a
later clause run into the sentence."""
_FIRST_VERB = re.compile(r"\b(?:is|are|was|were|can|may|remains?|seems?|becomes?)\b", re.I)
"""A judgement said of the subject ("are a useful data structure", "can be cumbersome", "is
not terribly robust"); not "is useful for plotting data", which says what it serves."""


_T = "\x02"
_RUN_IN = re.compile(r"^\W*\x02\s+(?=[A-Z][a-z]*\b)")
"""The concept's name run in before the sentence as its heading ("Initialization Cells It is
possible that ...")."""


def is_label(text: str, terms: Sequence[str]) -> bool:
    """Whether the definition is only the concept's name, a heading the text kept as a
    sentence ("Initial Conditions")."""
    rest = term_pattern(terms).sub(" ", text)
    return not re.search(r"[A-Za-z]{2,}", rest)


def is_remark(text: str, terms: Sequence[str]) -> bool:
    """Whether the sentence comments on the concept instead of saying what it is or does (see
    the module's docstring)."""
    text = _RUN_IN.sub("", term_pattern(terms).sub(_T, text.strip()), count=1)
    text = text.replace(_T, terms[0] if terms else "")
    if _CONTRAST.match(text):
        return True
    if _OPENER.match(text) or _EMPTY_SUBJECT.match(text):
        return True
    first = (split_sentences(text) or [text])[0]
    clause = re.split(r"[,;:]\s", first, maxsplit=1)[0]
    verb = _FIRST_VERB.search(clause)  # the judgement is the subject's own predicate: not "a
    # style of programming that has become popular"
    return (verb is not None and len(clause[:verb.start()].split()) <= SUBJECT_SPAN
            and _JUDGEMENT.match(clause, verb.start()) is not None)


def replace_remarks(drafts: list[ConceptDraft], sentences: Sequence[Sentence],
                    chunks: Sequence[Chunk]) -> list[ConceptDraft]:
    """The drafts, each whose definition is a remark or only its name given its own passages'
    sentence that names it in its subject and is neither (changed in place); the old
    definition becomes a key point."""
    for draft in drafts:  # "Missing values By default missing values are ...": the heading
        # the page ran into the sentence goes
        bare = without_run_in(draft.definition, terms_of(draft))
        if bare != draft.definition and len(bare.split()) >= MIN_WORDS:
            draft.definition = bare
    remarks = [d for d in drafts if is_remark(d.definition, terms_of(d))
               or is_label(d.definition, terms_of(d))]
    if not remarks:
        return drafts
    devoted = devoted_sections(sentences)
    sections = sections_of(sentences)  # indexed once, read for every remark
    for draft in remarks:
        found = said_of_it(draft, sentences, devoted, sections)
        if found is not None:
            adopt(draft, sentences[found], chunks)
        else:
            draft.definition = without_attitude(draft.definition)
    return drafts


def without_attitude(text: str) -> str:
    """The sentence without an opener that only says how the author feels about it
    ("Fortunately, Maxima provides an assume command ..." -> "Maxima provides ..."); one that
    says more ("Unfortunately", "Sometimes", "However") stays."""
    match = _ATTITUDE.match(text)
    if match is None:
        return text
    rest = text[match.end():]
    return rest[:1].upper() + rest[1:]


def sections_of(sentences: Sequence[Sentence]) -> dict[str, list[int]]:
    """Section heading -> the positions of its sentences, in reading order."""
    positions: dict[str, list[int]] = {}
    for position, sentence in enumerate(sentences):
        positions.setdefault(sentence.section, []).append(position)
    return positions


def said_of_it(draft: ConceptDraft, sentences: Sequence[Sentence],
               devoted: dict[str, set[str]], sections: dict[str, list[int]]) -> int | None:
    """The first sentence of the concept's own section (its heading names it), else of the
    section its definition came from, that names it among its first words and reads as a
    whole statement of its own that is no remark. ``sections``: the sentences' positions by
    section (:func:`sections_of`, indexed once by the caller): only those sections are read."""
    terms = terms_of(draft)
    keys = {term_key(t) for t in terms}
    pattern = term_pattern(terms)
    owned = [section for section, named in devoted.items() if keys & named]
    own_positions = sorted(p for section in owned for p in sections.get(section, []))
    cited_positions = sections.get(draft.section, []) if draft.section and (
        draft.section not in owned) else []
    definition = draft.definition.strip()

    def names_it(position: int) -> bool:
        text = sentences[position].text.strip()
        return pattern.search(" ".join(text.split()[:SUBJECT_WORDS])) is not None and (
            text != definition)

    own = [p for p in own_positions if names_it(p)]
    cited = [p for p in cited_positions if names_it(p)]
    for position in [*own, *cited]:
        text = sentences[position].text.strip()
        if (MIN_WORDS <= len(text.split()) <= MAX_WORDS and not is_question(text)
                and is_prose(text) and not leans(text) and not broken(text, terms)
                and code_marks(text) < CODE_MARKS and not _CALL.search(text)
                and not a_case_or_a_sign(text, terms) and not _CASE.match(text)
                and not is_remark(text, terms)):
            return position
    return None
