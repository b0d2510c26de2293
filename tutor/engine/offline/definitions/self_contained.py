"""Self-contained definitions: a defining sentence that leans on the text before it.

A book often names a thing after it has described it: "Often they start at the beginning,
select each character in turn ... This pattern of processing is called a traversal." Read on
its own, the naming sentence says nothing; a learner shown it needs what it points back at.
This module tells such a sentence (:func:`leans`: a demonstrative or pronoun subject, "in this
way", "like this", "such a") and resolves it:

- :func:`with_antecedent` puts the sentences it points back at before it (the same passage,
  prose only, at most :data:`MAX_ANTECEDENTS`, going further back while the earlier sentence
  leans too), so the definition reads on its own and is cited where it starts;
- a sentence that only names a rule ("This is the existential introduction rule (∃I)") takes
  the rule's statement before it, skipping worked examples.

:mod:`tutor.engine.offline.definitions.defining` prefers a sentence that stands alone, when the book has
one, over resolving a leaning one. :mod:`~tutor.engine.offline.definitions.definition_cleaning` then
drops what cannot be read without the page: code residue glued before the sentence, list
markers, bracketed asides and dangling references.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol

from tutor.text import STOPWORDS

MAX_ANTECEDENTS = 2
"""Sentences before a leaning definition that may be joined to it."""

_LEANS_START = re.compile(
    r"^(?:This|These|That|Those|Such|It|They|Here|Otherwise|We do this|We call (?:this|these|that|"
    r"those|it|them|such))\b(?!\s+(?:is|are|will|would|can|may)\s+(?:not\s+)?(?:often\s+)?"
    r"(?:true|false|possible|impossible|legitimate|important|easy|hard|useful|be)\b)")
_LEANS_SUBJECT = re.compile(
    r"\b(?:in (?:this|that|the same) way|like (?:this|these|that|those)|such an?|"
    r"with this property|(?:this|these|that|those) (?:process|pattern|operation|approach|kind|"
    r"type|technique|method|idea|relationship|behaviou?r|property|situation|form|sort|"
    r"quantity|statistic|effect|construction|rule|phenomenon|problem)s?)\b")
_DEMONSTRATIVE = re.compile(
    r"\b(?:this|these|those|such)\s+(?!chapter\b|section\b|book\b|case\b|example\b)[a-z]+")
"""A demonstrative before the naming verb ("Dictionaries use these integers, called ...",
"Functions that work this way are called ...")."""
_PRONOUN_NAMED = re.compile(
    r",\s*(?:it|they|this|these)\s+(?:is|are)\s+(?:also\s+|often\s+)?(?:called|known as|"
    r"named|termed|said to be)\b")
"""A pronoun subject of the naming after a leading clause ("Because ..., it is called X")."""
_NAMING_VERB = re.compile(r"\b(?:called|known as|named|termed)\b")
_ENDS_POINTING = re.compile(
    r"^\S+(?:\s+\S+){1,6}\s+(?:this|these|that|those|such)\s+[a-z]+\s*[.!]?$")
"""A short sentence that ends on what the text before described ("Conditional statements give
us this ability.")."""
_VERB = re.compile(r"\b(?:is|are|was|were|called|known as|named|termed)\b")
"""A sentence whose subject (or its naming) points back at earlier text: it opens with a
demonstrative or a pronoun, or its subject, before the verb, says "like this", "in this way"."""
_FURTHER = re.compile(r"^(?:This|These|Those|Such|They|More specifically|More precisely|"
                      r"In other words)\b|^(?:\w+\s+){0,3}do (?:this|that)\b|"
                      r"^[A-Z][a-z]+(?:\s+[a-z]+)?,\s+(?:it|they)\s+(?!is\s+(?:not\s+)?"
                      r"(?:possible|important|easy|hard|useful|common)\b)",
                      re.IGNORECASE)
"""An antecedent that itself points further back ("In order to do this, we introduce ...")."""
_CODE = re.compile(r"#|:$|^\W*(?:Return|Print|Def|Import|From)\b|"
                   r"\b\w+_\w+\b.*\b[A-Z][a-z]+[A-Z]\w*")
"""An antecedent that is or introduces a listing."""
_THIS_NAMES = re.compile(r"^(?:This|That) is (?:the|an?) ")
"""A sentence that only names what the passage showed ("This is the X rule ...")."""
_FIGURE = re.compile(r"\b(?:Figure|Fig\.|Table)\s+\d")
_EXAMPLE = re.compile(r"^(?:for example|e\.g\.|for instance|example|consider)\b", re.IGNORECASE)


class _Sentence(Protocol):
    text: str
    chunk: int
    block: int
    section: str


def leans(text: str) -> bool:
    """True when the sentence needs the text before it to say what it is about."""
    text = text.strip()
    verb = _VERB.search(text)
    head = text[: verb.start()] if verb else text
    naming = _NAMING_VERB.search(text)
    return bool(_LEANS_START.match(text) or _LEANS_SUBJECT.search(head)
                or _PRONOUN_NAMED.search(text) or _ENDS_POINTING.search(text)
                or (naming is not None and _DEMONSTRATIVE.search(text[: naming.start()])))


def is_prose(text: str) -> bool:
    """Words, not a worked example or a formula: mostly letters, no example opener."""
    return wordy(text) and not _EXAMPLE.match(text.strip())


def wordy(text: str) -> bool:
    """Mostly letters (ASCII ones, of the characters that are not space): not a formula or a
    listing. Counted by two scans in C, not a loop over the characters."""
    chars = len(text) - len(_SPACE.findall(text))
    letters = len(_ASCII_LETTER.findall(text))
    return letters >= 0.85 * max(1, chars)


_SPACE = re.compile(r"\s")
"""What ``str.isspace`` calls space (the same Unicode table)."""
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def with_antecedent(
    text: str, position: int, sentences: Sequence[_Sentence], usable: re.Pattern[str]
) -> tuple[str, int]:
    """``text`` (the sentence at ``position``) with the sentences it points back at put
    before it, and the position of the first sentence used. ``usable`` rejects sentences
    that may not be joined (boilerplate). Only prose sentences of the same passage are joined
    (an example the naming generalises is prose too), over one figure reference; a rule-naming
    sentence skips worked examples to reach the rule's statement."""
    if not 0 < position < len(sentences) or not leans(text):
        return text, position
    chunk = sentences[position].chunk
    naming_rule = bool(_THIS_NAMES.match(text))
    parts = [text]
    first = position
    cursor = position - 1
    skipped = 0
    while cursor >= 0 and len(parts) <= MAX_ANTECEDENTS and cursor >= position - 4:
        previous = sentences[cursor]
        if previous.chunk != chunk and not (naming_rule and previous.chunk == chunk - 1):
            break
        if _FIGURE.search(previous.text) and len(parts) == 1 and skipped < 1:
            skipped += 1  # "The result is shown in Figure 8.1." between the two
            cursor -= 1
            continue
        if (usable.search(previous.text) or previous.text.rstrip().endswith("?")
                or _CODE.search(previous.text.rstrip())):
            break
        if not (is_prose(previous.text) or not naming_rule and wordy(previous.text)):
            if naming_rule and skipped < 2 and len(parts) == 1:
                skipped += 1  # a worked example between the rule and its name
                cursor -= 1
                continue
            break
        parts.insert(0, previous.text)
        first = cursor
        if not _FURTHER.match(previous.text) or naming_rule:
            break
        cursor -= 1
    if len(parts) == 1:
        return text, position
    return " ".join(parts), first


SHORT_DEFINITION = 10
"""A definition of at most this many words names only the genus ("Formally, a proof is a
sequence of sentences."): the next sentence of its paragraph says what sets it apart."""
CASES_AFTER = 20
"""A definition of at most this many words that names a property takes the cases the next
sentences tell apart ("If the distribution is symmetric ..., it is unskewed.")."""
_CONTINUES = re.compile(r"^(?:It|Its|They|Their|These|This|Such|In particular|That is)\b|"
                        r"^(?:Formally|Informally|Roughly|Technically|Precisely),\s+"
                        r"(?:it|this|they|these)\s+(?:is|are|will be|means)\b|"
                        r"^(?:The|Each|Every)\s+(?P<noun>[a-z]+(?:\s+[a-z]+){0,3})")
"""How a sentence that goes on describing the thing just defined opens: a pronoun, or a
noun the definition used ("... a sequence of values. The values can be any type"), or an
adverb of precision and a pronoun ("We introduce a truth value assignment. Formally, this
will be a function ...")."""
_NAMES_ANOTHER = re.compile(r"\b(?:called|known as|termed|we call|in this (?:case|example|"
                            r"chapter|section|book))\b", re.IGNORECASE)


def with_continuation(
    text: str, position: int, sentences: Sequence[_Sentence], usable: re.Pattern[str]
) -> str:
    """A short definition with the next sentence of its paragraph after it, when that sentence
    goes on describing the same thing (prose, no question, code or boilerplate)."""
    if not 0 <= position < len(sentences) - 1:
        return text
    here, after = sentences[position], sentences[position + 1]
    following = after.text.strip()
    own = here.text.strip()  # the defining sentence, without the antecedent joined before it
    # (a naming that leans is continued by what describes the name, :func:`with_description`)
    alone = (text.endswith(own) and not _NAMING_VERB.search(own)
             and not re.match(r"(?:This|That|These|Those|It)\b", own))  # "This result is the X"
    length = len((own if alone else text).split())
    case = _CASE.match(following)
    if length > (CASES_AFTER if case is not None else SHORT_DEFINITION):
        return text
    opening = _CONTINUES.match(following)
    if opening is not None and opening.group("noun"):
        nouns = [word.rstrip("s") for word in opening.group("noun").split()
                 if len(word) > 3 and word not in STOPWORDS]
        if not any(re.search(rf"\b{re.escape(noun)}", text, re.IGNORECASE) for noun in nouns):
            opening = None  # a new subject, not the thing just defined
    if (after.chunk != here.chunk or after.block != here.block or not is_prose(following)
            or opening is None and case is None or following.endswith("?")
            or _NAMES_ANOTHER.search(following)
            or usable.search(following) or _CODE.search(following)
            or len(following.split()) > 40):
        return text
    text = f"{text} {following}"
    if case is not None and position + 2 < len(sentences):  # the other case ("If the values
        further = sentences[position + 2]  # extend farther to the right, it is ...")
        if (further.chunk == here.chunk and further.block == here.block
                and _CASE.match(further.text.strip()) and len(further.text.split()) <= 40
                and not usable.search(further.text) and not _CODE.search(further.text)):
            text = f"{text} {further.text.strip()}"
    return text


_CASE = re.compile(r"^If\s+(?:the|an?|its|their)\s+[^,]{3,80},\s+(?:it|they)\s+(?:is|are)\s+"
                   r"(?!(?:not\s+)?(?:possible|important|easy|hard|useful|common|true|false)\b)")
"""A sentence that says which case of a property the thing is in ("Skewness is a property
that describes the shape of a distribution. If the distribution is symmetric around its
central tendency, it is unskewed.")."""


DESCRIBING_AFTER = 2
"""Sentences after a leaning naming that may go on describing what it names."""
_INSTANCE = re.compile(r"^(?:One|Another|For example|For instance|Consider)\b")
"""A sentence that gives an instance of the thing, not what it is."""
_NAMING_AGAIN = re.compile(r"\b(?:name|names|named|called|known as|termed|stands for)\b",
                           re.IGNORECASE)


def with_description(
    text: str, position: int, sentences: Sequence[_Sentence], usable: re.Pattern[str],
    uses_term: Callable[[str], bool],
) -> str:
    """A naming that leans on the text before it ("This argument form is traditionally called
    a reductio.") with the first of the next sentences of its passage that goes on describing
    the thing by its new name ("In a reductio, we assume something ..."): prose that uses the
    term among its first words, neither a further naming ("Its full Latin name is ...") nor a
    question, code or boilerplate."""
    if not 0 <= position < len(sentences):
        return text
    naming = sentences[position].text.strip()
    relative = _RELATIVE_NAMING.search(naming)
    if not (leans(naming) and _NAMING_VERB.search(naming) or relative):
        return text
    if not text.endswith(naming) or _described_before(text[: len(text) - len(naming)], naming):
        return text  # already continued, or the sentences before describe the thing
    short_name = relative.group("short") if relative and relative.group("short") else ""
    named_only = bool(relative and relative.group(0).startswith("what") and text == naming)
    chunk = sentences[position].chunk
    for index, after in enumerate(sentences[position + 1: position + 1 + DESCRIBING_AFTER],
                                  start=position + 2):
        following = after.text.strip()
        if after.chunk != chunk or usable.search(following) or _CODE.search(following):
            break
        opening = " ".join(following.split()[:6])
        by_name = uses_term(opening) or bool(
            short_name and re.search(rf"\b{re.escape(short_name)}\b", opening))
        if (is_prose(following) and not following.endswith("?") and by_name
                and not _NAMING_AGAIN.search(following) and not _INSTANCE.match(following)
                and len(following.split()) <= (DESCRIPTION_WORDS if named_only else 40)):
            # a bare "what is called X" adds only the name, which the description repeats
            ordinal = _ORDINAL_NAMING.match(text) if text == naming else None
            if ordinal is not None:  # "The first is SL, which stands for ..." -> "SL stands for ..."
                text = f"{ordinal.group('short')} stands for {ordinal.group('name')}."
            described = following if named_only else f"{text} {following}"
            step = sentences[index] if index < len(sentences) else None
            if (step is not None and step.chunk == chunk and step.text.startswith("Then ")
                    and is_prose(step.text) and len(step.text.split()) <= 40):
                described = f"{described} {step.text.strip()}"  # the next step of a procedure
            return described
    return text


_ORDINAL_NAMING = re.compile(r"^The (?:first|second|third|fourth|last|other) is (?P<short>[A-Z]{2,5}), "
                             r"which stands for (?P<name>[^,;.]{3,60})\.$")
"""A short name given by its place in a list just announced ("The first is SL, which stands
for sentential logic."): said without the pointer to the list."""
DESCRIPTION_WORDS = 60
"""Words of the sentence that describes what a bare naming ("we will develop what is called a
natural deduction system") names, which is then the definition on its own."""


_RELATIVE_NAMING = re.compile(
    r"(?:\b(?P<short>[A-Z]{2,5})|\w),\s+which\s+(?:(?:I|we)\s+(?:will|shall)\s+call|stands?\s+for|"
    r"is\s+(?:called|known\s+as))\s+[^,;]{3,60}\.$|\bwhat\s+is\s+(?:called|known\s+as)\s+[^,;]{3,60}\.$")
"""A naming in a relative clause at the end of a sentence that does not say what the thing is
("The first is SL, which stands for sentential logic.", "..., which I will call classical
hypothesis testing.", "we will develop what is called a natural deduction system."): the sentence after it that uses the name, or the short name it
gives, says what it is."""


def _described_before(antecedent: str, naming: str) -> bool:
    """The sentences joined before a naming describe what its subject names: they use a
    word of the subject ("We give named parts to a record. These parts are called fields."),
    not only state an example's result ("There is no largest number. This argument form is
    called a reductio.")."""
    verb = _NAMING_VERB.search(naming)
    subject = naming[: verb.start()] if verb else ""
    stems = {w.lower()[:5] for w in re.findall(r"[A-Za-z]{4,}", subject)
             if w.lower() not in STOPWORDS and w.lower() not in _POINTING}
    used = {w.lower()[:5] for w in re.findall(r"[A-Za-z]{4,}", antecedent)}
    return bool(stems & used)


_POINTING = frozenset("this these that those such like kind sort form".split())
