"""Text clean-up shared by the readers: line-end hyphens, code lines, decoding (characters
are fixed by :func:`tutor.text.fix_characters`).

PDF text comes out as lines; these helpers turn lines into readable paragraphs without
touching code, and turn bytes of unknown encoding into text without ever failing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tutor.text import keeps_hyphen

_WORD = re.compile(r"[A-Za-z]+")
_HYPHENATED_END = re.compile(r"([A-Za-z]{2,})-$")
_FIRST_WORD = re.compile(r"^([a-z]+)")
_CODE_START = re.compile(
    r"^(>>>|\.\.\.(\s|$)|\$ |#!|(def|class|import|from|return|elif|else|try|except|finally|"
    r"while|with|lambda|print|yield|raise|assert|for \w+ in|if .*:$)\b)"
)
_TARGET = r"[A-Za-z_][\w.\[\]'\"]*"
_STATEMENT = re.compile(
    rf"^{_TARGET}(\s*,\s*{_TARGET})*\s*(=|\+=|-=|\*=)\s*\S|^[A-Za-z_][\w.]*\(.*\)$"
)
_CODE_SYMBOLS = re.compile(r"[()\[\]{}=_<>;]")


def vocabulary(lines: Iterable[str]) -> set[str]:
    """Lower-case words seen anywhere, to decide how to join a word split at a line end."""
    words: set[str] = set()
    for line in lines:
        words.update(w.lower() for w in _WORD.findall(line))
    return words


def looks_like_code(line: str) -> bool:
    """A line of program text (interpreter prompt, statement, or mostly symbols)."""
    stripped = line.strip()
    if not stripped:
        return False
    if stripped.startswith((">>> ", "... ", "$ ", "#!")) or stripped in (">>>", "..."):
        return True
    if stripped.endswith((".", ",", "?", "!", ";")) and " " in stripped:
        return False
    if _STATEMENT.match(stripped):
        return True
    if _CODE_START.match(stripped):
        return bool(
            stripped.endswith(":") or "(" in stripped or "=" in stripped
            or len(stripped.split()) <= 4
        )
    symbols = len(_CODE_SYMBOLS.findall(stripped))
    words = len(stripped.split())
    return symbols >= 2 and symbols >= words / 2


def join_lines(lines: list[str], words: set[str]) -> str:
    """Join the lines of one prose paragraph, undoing end-of-line hyphenation.

    ``docu-`` + ``ment`` becomes ``document`` unless the material spells the word with a
    hyphen elsewhere (``well-known``) and never without one, or the word is a compound whose
    halves are English words and the joined form is not (``higher-order``,
    :func:`tutor.text.keeps_hyphen`), and the material never spells it joined.
    """
    pieces: list[str] = []  # each line, with the space that joins it to the one before
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not pieces:
            pieces.append(line)
            continue
        end = _HYPHENATED_END.search(pieces[-1])
        start = _FIRST_WORD.match(line)
        if end and start:
            left, right = end.group(1), start.group(1)
            joined = (left + right).lower()
            if joined in words or (f"{left}-{right}".lower() not in words
                                   and not keeps_hyphen(left, right)):
                pieces[-1] = pieces[-1][:-1]
            pieces.append(line)
        else:
            pieces.append(" " + line)
    return "".join(pieces)


def paragraphs_text(blocks: list[tuple[str, list[str]]], words: set[str]) -> str:
    """Render ``(kind, lines)`` blocks: prose joined, code kept line by line, headings alone."""
    rendered = []
    for kind, lines in blocks:
        if kind == "code":
            text = "\n".join(line.rstrip() for line in lines if line.strip())
        else:
            text = join_lines(lines, words)
        if text.strip():
            rendered.append(text.strip("\n"))
    return "\n\n".join(rendered)


def decode_text(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252, else latin-1.

    latin-1 maps every byte, so this never fails.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text at all (NUL bytes in the first kilobytes)."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in head
