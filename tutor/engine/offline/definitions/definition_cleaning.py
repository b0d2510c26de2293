"""Cleaning a chosen definition: what cannot be read without the page goes.

PDF text glues things to a defining sentence that a learner shown it alone could not read:
a run of code or figure residue before it, the end of an aside and a table cut by the page,
a list marker, quoted syntax, the bulleted variants after it, bracketed asides and dangling
references ("(see Figure 3)"), the next glossary entry run on, a colon that introduces code.
:func:`clean_definition` drops them; :func:`short` cuts a text to at most 400 characters.
"""

from __future__ import annotations

import re

from tutor.engine.offline.definitions.self_contained import wordy

LEADING_NOISE = re.compile(r"^(?:[•\-–*]\s*|\(?[a-z0-9]\)\s+|\d+\.\s+)")
DANGLING = re.compile(
    r"\s*\((?:see|cf\.|as in|e\.g\.|for example)[^)]*\)|\s*\[\d+(?:,\s*\d+)*\]|"
    r";\s*see (?:figure|section|chapter|table|page)\s+[\d.]+", re.IGNORECASE)
_RESTART = re.compile(
    r"\s(?=(?:The|This|These|That|A|An|In|It|We|For|If|When|Here|There|So|As|Now|Each|"
    r"Every|Some|Most|Python|You)\s)")
_RESIDUE = re.compile(r"[()\[\]=_:{}]|\d|^[a-z]|^(?:Return|Print|Def|Import|From|Prob)\b")
_AFTER_CODE = re.compile(r"(?<=[)\]'\"])\s+(?=[A-Z][a-z]+\s)")
"""Where prose starts again right after a closing bracket or quote of code."""
_CODE_AFTER_COLON = re.compile(
    r":\s+(?=\S*[=(\[]|\w+\s*=|(?:for|if|while|def|print|return|import)\b)")
"""A colon that introduces code: the sentence ends there."""
_TABLE_BEFORE = re.compile(r"^(?:\S{1,2}\s+){4,}(?=[A-Z][a-z]+\s)")
"""The cells of a small table that PDF text ran into the start of the sentence after it
("A B A & B T T T T F F ... Conjunction is symmetrical ...")."""
_TABLE_AFTER_COLON = re.compile(r":\s+(?=(?:\S{1,2}\s+){4,})")
"""A colon that introduces a small table ("... for negation: A ¬A T F F T ...")."""
_NEXT_ENTRY = re.compile(r"(?<=\.)\s+[a-z][\w\- ]{0,30}:\s+[A-Z].*$")
"""The next "term: Definition" entry of a glossary run on after this one."""


def _code_residue_cut(text: str) -> str:
    """Drop a run of code or figure residue that PDF text glued before a sentence
    ("print(count) This program ..." -> "This program ...")."""
    words = text.split()
    restarts = sorted([*_RESTART.finditer(text), *_AFTER_CODE.finditer(text)],
                      key=lambda m: m.start())
    for match in restarts:
        head = text[: match.start()]
        if len(head.split()) > 6:
            break
        if _RESIDUE.search(head) and len(words) - len(head.split()) >= 5:
            return text[match.end():]
    return text


UNMATCHED_WITHIN = 60
"""Characters from the start within which an unmatched ")" marks an aside the PDF text cut."""


def _garbled_cut(text: str) -> str:
    """Drop the end of an aside and a table that PDF text ran before a sentence ("'E' is for
    equivalence.) notation Polish ... ¬ N & K In Polish notation, a binary connective ..."):
    after an unmatched ")" near the start, the sentence starts at the first restart whose
    lead is no prose and whose words are."""
    close = text.find(")")
    if not 0 <= close < UNMATCHED_WITHIN or "(" in text[:close]:
        return text
    for match in _RESTART.finditer(text, close):
        rest = text[match.end():]
        opening = rest.split()[:4]
        if (not wordy(text[: match.start()]) and len(rest.split()) >= 5
                and all(re.fullmatch(r"[A-Za-z][\w'\-]*[,.;:]?", word) for word in opening)):
            return text[match.end():]
    return text


_POINTING_TAIL = re.compile(r",\s+(?:so|and)\s+[^,;]*\b(?:like this|as follows|this way)\s*[.:]?$")
"""A last clause that points at the code or example after the sentence ("..., so it would be
more common to write print_time like this.")."""
_TRAILING_LEAD = re.compile(r"\s*[;,:]?\s*(?:in other words|that is|i\.e\.|for example),?:?$",
                            re.IGNORECASE)
"""A lead-in to a formula or an example that the sentence no longer carries."""


_QUOTED_FORM = re.compile(r"^['‘][^'’]{1,80}['’]\s+(?=[A-Z][a-z]+\s)")
"""A command's syntax, quoted, printed before the line that says what it does ("'insert
\\filename' Perform the commands in the indicated file.")."""
_VARIANTS = re.compile(r"\s*•.*$", re.S)
"""A bulleted run after the sentence: the entry's variants or a list the page ran on ("Delete
some item or characteristic. • delete .variable.")."""
MIN_BEFORE_VARIANTS = 4
"""The words a sentence needs before a bulleted run for the run to be cut off: fewer is a
heading or a list's label ("Bug fixes • ...")."""


def without_variants(text: str) -> str:
    """The sentence without the bulleted run after it; the text as it is when too little comes
    before the first bullet or what comes before it does not end as a sentence does."""
    found = _VARIANTS.search(text)
    if found is None:
        return text
    head = text[:found.start()].rstrip()
    if len(head.split()) < MIN_BEFORE_VARIANTS or head[-1] not in ".!?":
        return text  # "... until it encounters a word containing • A quote", "... the sum
    return head  # of three components: • Trend ...": the list is part of the sentence


def without_quoted_form(text: str) -> str:
    """The sentence without the quoted syntax printed before it (at least four words left)."""
    found = _QUOTED_FORM.match(text)
    if found is None or len(text[found.end():].split()) < MIN_BEFORE_VARIANTS:
        return text
    return text[found.end():]


def without_code_before(text: str) -> str:
    """The sentence without a list marker or a run of code the page glued before it
    ("textobject = canvas.beginText(x, y) canvas.drawText(textobject) Text objects are used
    to ..." -> "Text objects are used to ...")."""
    return _code_residue_cut(LEADING_NOISE.sub("", text.strip()))


def clean_definition(text: str) -> str:
    """The sentence without code residue or quoted syntax glued before it, list markers, the
    bulleted variants after it, bracketed asides and dangling references; a trailing colon
    (code follows) becomes a full stop."""
    text = without_quoted_form(_garbled_cut(without_code_before(text)))
    text = without_variants(text)
    text = _TABLE_BEFORE.sub("", _NEXT_ENTRY.sub("", DANGLING.sub("", text)))
    code = _CODE_AFTER_COLON.search(text) or _TABLE_AFTER_COLON.search(text)
    if code and len(text[: code.start()].split()) >= 4:
        text = text[: code.start()] + ":"
    text = _TRAILING_LEAD.sub(":", re.sub(r"\s+", " ", text).strip())
    pointing = _POINTING_TAIL.search(text)
    if pointing and len(text[: pointing.start()].split()) >= 6:
        text = text[: pointing.start()] + "."
    if text.endswith(":"):
        text = text[:-1].rstrip() + "."
    text = re.sub(r"\.(?:\s*\.)+$", ".", text)  # "... as a matter of logic. ."
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text


def short(text: str) -> str:
    """The text cut at a word to at most 400 characters."""
    return text if len(text) <= 400 else text[:397].rsplit(" ", 1)[0] + "..."
