"""Every concept said what it is in the book's own words, or no concept (issue 11).

A last pass over a manual's drafts, after the reference entries and the section concepts have
been added (their definitions come from passes that run after
:mod:`tutor.engine.offline.definitions.defining_anywhere`, so nothing looked at them again). Blind ratings
of real manuals sorted the definitions a rater refused into a few classes
(:mod:`~tutor.engine.offline.definitions.definition_faults` tells them); this pass reads each
draft's definition for them:

- **a sentence about the concept**, not what it is ("The Readline vi mode behaves as specified
  in the posix standard", "If SAS is available on your system, function read.ssd ..."): it does
  not tell what the concept is (:func:`~tutor.engine.offline.definitions.defining_anywhere.tells_what`);
- **a list** ("There are seven kinds of expansion performed: • brace expansion • ...", "The
  following MAC algorithm tests are run ...: HMAC SHA-1 1."): :func:`lists_things`;
- **a fragment**: a sentence cut before its end ("... when it is guaranteed that the
  corresponding conversion function"), or one that leans on the sentence before it ("Either
  process is known as metafying the k key", "If this procedure finds the executable, we call
  ...", "... provides a simple way to read such files"): :func:`is_fragment`.

Such a draft takes, in this order:

1. the book's sentence, anywhere it names the concept, that says what it is: the concept as
   the subject of a copula to a class, a naming, or a verb saying what it does
   (:func:`~tutor.engine.offline.definitions.defining_anywhere.found_definition`), its own section first,
   never one about a single thing of its kind (:func:`one_named`). A whole sentence that only
   fails to say what the concept is was already judged by ``defining_anywhere``; it is read
   again only for the drafts added after that pass (:data:`LATER_EVIDENCE`), and replaced only
   by a sentence the classifier scores no lower;
2. for a definition that is no sentence about the concept at all (a list, a fragment, an
   entry's action, two entries run together: :func:`broken`), its own section's sentence that
   names it and says what it is, else one of the first sentences of a section devoted to it
   alone that reads alone and is not one case, one that names it first ("Enclosing characters
   in double quotes preserves the literal value ..." for *double quote*); one that does not
   name it replaces only a definition that does not name it either;
3. for a naming that leans on the sentence before it, that sentence before it, from the same
   passage ("Functions can have one or several input arguments. An input point is a mapping
   from these input arguments ...").

Each is cited on the page of the sentence it takes; the old sentence becomes a key point.

Where the book has no such sentence, a draft of a **junk class** goes: an argument's
placeholder ("delim", "host": :func:`placeholder`), another system's name mentioned on the way
no heading names ("WINDOWSNT" in a sentence on Emacs' file names: :func:`named_in_passing`), or one
common word of English the definition names only in passing ("Names are effectively unlimited
in length."). Only drafts whose evidence is of :data:`JUDGED_EVIDENCE` are dropped.

A concept with its own section or heading that no sentence defines is **kept, with the
sentence it had**: the section explains it, and the teachers' lists of the development
manuals name most such topics (dropping every concept without a real definition cut R-intro's
recall from .71 to .42 and rdata's from .50 to .23). Its definition is not labelled as a
description: the definition is one string that every writer quotes, and a label needs a field
of its own on the concept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Chunk
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.definitions.defining_anywhere import (
    adopt,
    best_sentence,
    devoted_sections,
    says_more,
    tells_what,
)
from tutor.engine.offline.definitions.definition_cleaning import (
    clean_definition,
    without_code_before,
    without_quoted_form,
)
from tutor.engine.offline.definitions.definition_faults import (
    IMPERATIVE_ACTION,
    broken,
    cut_short,
    is_fragment,
    lists_things,
    one_named,
    real_definition,
)
from tutor.engine.offline.definitions.descriptions import a_case_or_a_sign, term_pattern
from tutor.engine.offline.definitions.self_contained import is_prose, leans
from tutor.engine.offline.terms import MentionIndex, term_key
from tutor.engine.port import ConceptDraft
from tutor.text import general_zipf

MIN_WORDS = 6
"""A section's sentence shorter than this is a label or a heading's residue."""
SUBJECT_WORDS = 3
"""A concept named among a sentence's first this many words is in its subject."""
MAX_WORDS = 60
"""A longer "sentence" is a table or a list the text lost its breaks in."""
_POINTS_AWAY = re.compile(r"^\W*(?:see|for\s+(?:more|further)\b)|\b(?:this|the\s+following)\s+"
                          r"(?:section|chapter)\b|\bsee\s+(?:section|chapter|\[)|\bpage\s+\d",
                          re.I)
"""A sentence about the book, not the topic ("This section describes ...", "For a list of
supported algorithms, see Section 8.1 [Available MAC algorithms], page 61.")."""
_ANNOUNCES = re.compile(r"\bas\s+(?:in\s+)?(?:the\s+following|follows)\b|\bthe\s+following\s+"
                        r"examples?\b|:\s*$", re.I)
"""A sentence that announces the code or the example after it ("..., as in the following
example:"): cleaned of its colon, it still points at what is not shown."""
_AT_A_FIGURE = re.compile(r"\b(?:above|below)\b", re.I)
"""A sentence about a figure or a listing beside it ("The drawing above (the output of
testbezier) shows ...")."""
_CASE = re.compile(r"^\W*(?:if|when|whenever|unless|once)\b", re.I)
"""A sentence that says what happens in one case ("If no matching filenames are found, ...")."""
OPENING_SENTENCES = 3
"""A section says what its topic is, without naming it, only among its first sentences."""
_OPENS_ON_WORD = re.compile(r"^[A-Z][a-z]+\b")
_FORMULA = re.compile(r"[=∑∏√±×÷≤≥ρσμ]")
_TWO_BEFORE = re.compile(r"^\W*(?:either|both)\b", re.I)
"""A naming of two things said before ("Either process is known as ...")."""
JUDGED_EVIDENCE = frozenset({"definition", "emphasis", "keyphrase", "heading"})
"""The evidence of a draft this pass may drop: a sentence pattern, emphasis, keyphrase
statistics, a heading that names it among others. A reference entry, an option table, a
glossary entry or a section devoted to the concept is another module's judgement."""
LATER_EVIDENCE = frozenset({"section", "reference", "taught"})
"""The evidence of the drafts added after :mod:`~tutor.engine.offline.definitions.defining_anywhere` looked
for a better sentence: only those, and broken definitions, are looked at again here."""
PASSING_EVIDENCE = JUDGED_EVIDENCE - {"heading"}
"""A name or a common word is only mentioned in passing when no heading names it: a heading
that lists it among others ("3.1 EpiInfo, Minitab, S-PLUS, SAS, SPSS, Stata, Systat", "2.1.1
Basic types") marks it as a topic of its section, and the teachers' lists of the development
manuals name such topics."""
COMMON_ZIPF = 4.5
"""A one-word name at least this frequent in general English (Zipf scale: "import", "header",
"option", "executing") is a word of the language, not a term, unless the book defines it."""

_PLACEHOLDER_USE = re.compile(r"^\W*(?:if|when|unless|where)\s+" + r"\x02" + r"\s+(?:is|are)\b",
                              re.I)
"""A sentence that says what happens for a value of the name ("If delim is the empty string,
..."): the name is an argument's placeholder."""

    # a generic function performs ..."


def placeholder(draft: ConceptDraft) -> bool:
    """Whether the concept's name is an argument's placeholder: one lower-case word, its
    definition what happens for a value of it ("If delim is the empty string, mapfile ...")."""
    name = draft.name.strip()
    if " " in name or not name.islower() or not set(draft.evidence) <= JUDGED_EVIDENCE:
        return False
    marked = re.sub(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", "\x02", draft.definition)
    return _PLACEHOLDER_USE.match(marked) is not None


def named_in_passing(draft: ConceptDraft) -> bool:
    """Whether the concept is the name of another system or product, mentioned on the way: one
    capitalised word no heading names ("WINDOWSNT" in a sentence about Emacs' file names) and
    that its definition does not say what it is."""
    name = draft.name.strip()
    return (" " not in name and not name.islower() and set(draft.evidence) <= PASSING_EVIDENCE
            and not tells_what(draft.definition, terms_of(draft)))


def common_word(draft: ConceptDraft) -> bool:
    """Whether the concept's name is one common word of general English."""
    name = draft.name.strip()
    return (" " not in name and name.islower() and general_zipf(name) >= COMMON_ZIPF
            and set(draft.evidence) <= PASSING_EVIDENCE)


def terms_of(draft: ConceptDraft) -> list[str]:
    """The concept's name, its aliases, and its name in the other number ("change log",
    "change logs")."""
    name = draft.name.strip()
    other = name[:-1] if name.endswith("s") and not name.endswith("ss") else name + "s"
    return list(dict.fromkeys([name, *draft.aliases, other]))


def review_definitions(drafts: list[ConceptDraft], sentences: Sequence[Sentence],
                       chunks: Sequence[Chunk]) -> list[ConceptDraft]:
    """The drafts, each whose definition is no real definition given the book's sentence that
    is (changed in place), without the drafts of the junk classes that no sentence defines."""
    weak = [d for d in drafts if not real_definition(d.definition, terms_of(d))
            or placeholder(d) or named_in_passing(d)]
    if not weak:
        return drafts
    keys = {term_key(t): d for d in weak for t in terms_of(d) if term_key(t)}
    index = MentionIndex([s.text for s in sentences], keys)
    found: dict[int, set[int]] = {}
    for key, draft in keys.items():
        found.setdefault(id(draft), set()).update(index.counts(key))
    devoted = devoted_sections(sentences)
    headed = set().union(*devoted.values()) if devoted else set()
    dropped: set[int] = set()
    for draft in weak:
        terms = terms_of(draft)
        positions = [p for p in sorted(found.get(id(draft), set()))
                     if real_definition(sentences[p].text, terms)
                     and not one_named(sentences[p].text, terms)]
        whole = not broken(draft.definition, terms)
        best = (None if whole and not LATER_EVIDENCE & set(draft.evidence)
                else best_sentence(draft, terms, positions, sentences, devoted))
        if best is not None and whole and not says_more(draft, sentences[best], devoted):
            best = None  # the classifier scores the book's other sentence lower
        if best is None and broken(draft.definition, terms):
            best = _in_own_section(terms, sentences, devoted, naming_only=(
                lists_things(draft.definition, terms)
                or term_pattern(terms).search(draft.definition) is not None))
        if best is not None:
            adopt(draft, sentences[best], chunks)
        elif _names_what_came_before(draft, sentences, terms):
            continue
        elif (placeholder(draft) or named_in_passing(draft)
              or (common_word(draft) and not _said_of(draft, terms)
                  and not {term_key(t) for t in terms} & headed)):
            dropped.add(id(draft))
    return [d for d in drafts if id(d) not in dropped]


def _said_of(draft: ConceptDraft, terms: Sequence[str]) -> bool:
    """Whether the concept is named among the definition's first words, in its subject
    ("Elementary commands consist of ..."), rather than in passing ("Names are effectively
    unlimited in length.")."""
    opening = " ".join(draft.definition.split()[:SUBJECT_WORDS])
    return term_pattern(terms).search(opening) is not None


def _in_own_section(terms: Sequence[str], sentences: Sequence[Sentence],
                    devoted: dict[str, set[str]], naming_only: bool = False) -> int | None:
    """For a definition that is no sentence about the concept: the section devoted to it (its
    heading names it) says what it is or does, in the first of its sentences that reads alone
    and is whole, preferably one that names it ("Enclosing characters in double quotes
    preserves the literal value of all characters within the quotes, ..." for *double quote*,
    not "Within double quotes, backslashes that are followed by one of these characters are
    removed.")."""
    keys = {term_key(t) for t in terms}
    whole: list[tuple[bool, int]] = []
    seen: dict[str, int] = {}
    for position, sentence in enumerate(sentences):
        if not keys & devoted.get(sentence.section, set()):
            continue
        seen[sentence.section] = seen.get(sentence.section, 0) + 1
        text = _as_read(sentence.text)
        if (MIN_WORDS <= len(text.split()) <= MAX_WORDS and not text.endswith("?")
                and is_prose(text) and not leans(text) and not a_case_or_a_sign(text, terms)
                and not broken(text, terms) and not _POINTS_AWAY.search(text)
                and not _AT_A_FIGURE.search(text) and not _ANNOUNCES.search(sentence.text)
                and IMPERATIVE_ACTION.match(text) is None):
            naming = term_pattern(terms).search(text) is not None
            if naming and tells_what(text, terms):
                return position
            if (seen[sentence.section] <= OPENING_SENTENCES and not _CASE.match(text)
                    and (naming or not naming_only)
                    and len(devoted[sentence.section]) == 1):  # a section on it alone
                whole.append((not naming, position))
    return min(whole)[1] if whole else None


def _as_read(text: str) -> str:
    """The sentence as the learner would read it (:func:`clean_definition`: no syntax, code or
    variants around it), its first letter as the book set it: "set palette gray switches to
    ..." names the command, "Set ..." would read as an order."""
    read = clean_definition(text)
    lead = without_quoted_form(without_code_before(text))
    if lead[:1].islower() and read[:1].isupper():
        return read[0].lower() + read[1:]
    return read


def _plain(text: str) -> bool:
    """A sentence fit to stand before a naming: prose that opens on a word, with no formula
    ("SY Where SX and SY are the standard deviations ...", "ρ = 1 n ∑ pi")."""
    text = text.strip()
    return (is_prose(text) and not text.endswith("?") and _OPENS_ON_WORD.match(text) is not None
            and _FORMULA.search(text) is None)


def _names_what_came_before(draft: ConceptDraft, sentences: Sequence[Sentence],
                            terms: Sequence[str]) -> bool:
    """A naming that leans on the sentences before it ("Either process is known as metafying
    the k key.") given those sentences, from the same passage (changed in place): two before a
    naming of both or either of two things, else one."""
    text = draft.definition.strip()
    if (not tells_what(text, terms) or not is_fragment(text, terms) or cut_short(text)
            or placeholder(draft)):
        return False
    for position, sentence in enumerate(sentences):
        if sentence.text.strip() != text:
            continue
        wanted = 2 if _TWO_BEFORE.match(sentence.text) else 1
        before = [p for p in range(position - wanted, position) if p >= 0
                  and sentences[p].chunk == sentence.chunk and _plain(sentences[p].text)]
        if len(before) < wanted or (before and leans(sentences[before[0]].text)):
            return False
        old = draft.definition
        draft.definition = " ".join([*(sentences[p].text.strip() for p in before), old])
        draft.key_points = [draft.definition, *(p for p in draft.key_points if p != old)][:4]
        return True
    return False
