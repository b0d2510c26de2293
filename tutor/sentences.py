"""The sentences of a text: the one sentence splitter and the reader of prose in PDF text.

Part of the text toolkit (:mod:`tutor.text` holds its words, stems and normalisers): every part
of the tutor that reads sentences goes through here, so a sentence ends the same way when a
book is read, a passage is searched, an exercise is checked and an answer is graded:

- :func:`split_sentences`: sentences of a paragraph (abbreviations, decimals, dotted code
  names and a person's initials do not end one);
- :func:`passage_sentences`: the same for a passage with line structure (blank lines,
  headings);
- :func:`is_prose_line`, :func:`prose_blocks`, :func:`sentences`: running text told from code,
  formulas and tables in a PDF's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tutor.text import normalize

_LETTER_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]")
_NOT_LETTER = re.compile(r"[^A-Za-z\s]")
_CODE_LINE = re.compile(r"[=<>{}\[\]#$%^*+|\\;_@~`]")
_SENTENCE_END = re.compile(
    r"[.!?][\"'\u201d\u2019)\]]*(?=\s+(?:[\"'\u201c\u2018(\[]?[A-Z0-9]|[`*]))")
"""A sentence end: a full stop, question or exclamation mark (with closing quotes or brackets),
then space and a capital, a digit, an opening quote or bracket, or code and emphasis marks."""
_ABBREVIATIONS = frozenset("e.g i.e etc vs cf dr mr mrs ms al approx".split())
"""Abbreviations whose full stop does not end a sentence (compared in lower case)."""
_REFERENCES = frozenset("fig eq no ch sec p pp".split())
"""Abbreviations that end nothing only before the number they point at ("p. 92", "Fig. 3"):
"... with success probability p. Its expected value ..." ends at the variable's full stop."""
_NUMBER_NEXT = re.compile(r"\s+(?:\(?\d|[IVXLC]+\b)")
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")
"""A person's initials before a full stop ("D", "L.M"): with another initial or a surname next
("designed by D. J. Bernstein", "L.M. Adleman"), the full stop ends nothing."""
_NAME_NEXT = re.compile(r"\s+(?:[A-Z]\.|[A-Z][a-z]+\b)")
_NAME_BEFORE = re.compile(r"(?:\b(?:by|and)|[A-Z][a-z]+,?|[A-Z]\.)\s+$")
"""What comes before a person's initials: "by", "and", a first name or another initial."""
_LABELS = frozenset("appendix part chapter section table figure step type class level group "
                    "option plan case item".split())
"""Capitalised words a lettered label follows ("Appendix A. The ..."): not a first name."""


# -- sentences -------------------------------------------------------------------------------
def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph, stripped. A sentence ends at ``.``, ``!`` or ``?`` (and any
    closing quotes or brackets) followed by space and a capital, a digit or an opening mark;
    a full stop inside a token (``3.14``, ``math.sqrt``) or after a common abbreviation
    (``e.g.``, ``Fig.``) ends nothing."""
    sentences: list[str] = []
    start = 0
    text = paragraph.strip()
    for match in _SENTENCE_END.finditer(text):
        if match.group(0)[0] == "." and _abbreviated(text[start : match.start()],
                                                     text[match.end():]):
            continue
        piece = text[start : match.end()].strip()
        if piece:
            sentences.append(piece)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _abbreviated(before: str, after: str) -> bool:
    """True when the text before a full stop ends with an abbreviation (one pointing at a
    page, figure or section only when its number follows)."""
    last = before.rsplit(None, 1)[-1] if before.strip() else ""
    word = last.lstrip("([\"'").lower()
    if word in _REFERENCES:
        return _NUMBER_NEXT.match(after) is not None
    if _INITIALS.fullmatch(last.lstrip("([\"'")) and _NAME_NEXT.match(after):
        named = _NAME_BEFORE.search(before[: len(before) - len(last)])
        return "." in last or (named is not None
                               and named.group(0).strip(" ,").lower() not in _LABELS)
    return word in _ABBREVIATIONS


def _is_heading_line(line: str) -> bool:
    stripped = line.strip().lstrip("#").strip()
    return bool(stripped) and len(stripped.split()) <= 10 and stripped[-1] not in ".!?:;,"


def passage_sentences(text: str, headings: bool = False) -> list[str]:
    """Sentences of a passage with line structure, whitespace collapsed. Blank lines end a
    sentence, and so does a heading line (short, no final punctuation, text right below),
    which is dropped unless ``headings``. Pieces under three characters are left out."""
    blocks: list[str] = []
    block: list[str] = []
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if not line.strip():
            blocks.append("\n".join(block))
            block = []
            continue
        followed = number + 1 < len(lines) and bool(lines[number + 1].strip())
        if followed and _is_heading_line(line):
            blocks.append("\n".join(block))
            block = []
            if headings:
                blocks.append(line.strip().lstrip("#").strip())
        else:
            block.append(line)
    blocks.append("\n".join(block))
    out = []
    for block_text in blocks:
        for part in split_sentences(" ".join(block_text.split())):
            if len(part) >= 3:
                out.append(part)
    return out


_ENDS_AS_SENTENCE = re.compile(r"[.!?][\"'”’)]*$")


def is_whole_sentence(sentence: str) -> bool:
    """True for a sentence that can be quoted alone: running text that ends as a sentence
    does. False for a sentence a page break or a code block cut ("The intersection occurs
    when both", "Scheme variables are created with define:"), a heading ("4 Conditional
    probability and independence") and a line of code."""
    stripped = sentence.strip()
    return bool(_ENDS_AS_SENTENCE.search(stripped)) and is_prose_line(stripped)


# -- prose -----------------------------------------------------------------------------------
def is_prose_line(line: str) -> bool:
    """True for a line of running text; false for code, formulas, tables and labels."""
    stripped = line.strip()
    if not stripped or stripped.startswith((">>>", "...", "$ ", "def ", "class ", "import ")):
        return False
    if len(_LETTER_WORD.findall(stripped)) < 2:
        return False
    letters = len(_NOT_LETTER.sub("", stripped))
    code = len(_CODE_LINE.findall(stripped))
    return letters / len(stripped) >= 0.75 and code <= max(1, len(stripped) // 30)


def prose_blocks(text: str) -> list[str]:
    """Runs of consecutive prose lines of PDF text joined into paragraphs (code and tables
    dropped), after :func:`normalize`."""
    blocks: list[str] = []
    current: list[str] = []
    for line in normalize(text).split("\n"):
        if is_prose_line(line):
            current.append(line.strip())
            continue
        if current:
            blocks.append(" ".join(current))
            current = []
    if current:
        blocks.append(" ".join(current))
    return [re.sub(r"\s+", " ", b) for b in blocks]


def sentences(text: str) -> Iterator[str]:
    """All prose sentences of PDF text, in order (code and tables left out)."""
    for block in prose_blocks(text):
        yield from split_sentences(block)
