"""Checking the citations in Claude's text against the passages it was given.

Claude cites pages as ``(source p. N)``, sometimes after a quoted span: ``"halves the range"
(notes.md p. 3)``. Every citation is checked in code before the learner reads it:

- a citation of a page that is not among the passages given is dropped;
- a quoted span before a citation must appear in a passage of that page (case, spacing and
  quote marks aside); if it does not, the citation is dropped and the span loses its quote
  marks (it is then the model's wording, not the source's).

Streamed text (:class:`CheckedText`) is passed on as it comes, but a
quoted span or a parenthesis waits until it is complete, so a citation is never shown before it
is checked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Chunk

_CITATION = re.compile(r"\s?\(([^()\n]{1,120}?),?\s+p(?:age|\.)?\s?(\d{1,5})\)")
_QUOTED = re.compile(r"[\"“]([^\"“”\n]{2,400})[\"”]\s*$")


def _plain(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").casefold()
    return " ".join(re.sub(r"[^\w\s']", " ", text).split())


def check_citations(text: str, passages: Sequence[Chunk]) -> tuple[str, int]:
    """``text`` with the unsupported citations dropped, and how many were dropped."""
    pages: dict[tuple[str, int], str] = {}
    for chunk in passages:
        key = (chunk.source.strip(), chunk.page)
        pages[key] = pages.get(key, "") + " " + _plain(chunk.text)
    out: list[str] = []
    dropped = 0
    last = 0
    for match in _CITATION.finditer(text):
        before = text[last:match.start()]
        key = (match.group(1).strip(), int(match.group(2)))
        quoted = _QUOTED.search(before)
        supported = key in pages
        if supported and quoted:
            supported = _plain(quoted.group(1)) in pages[key]
        if supported:
            out.append(before + match.group(0))
        else:
            dropped += 1
            if quoted:
                before = before[:quoted.start()] + quoted.group(1)
            out.append(before)
        last = match.end()
    out.append(text[last:])
    return "".join(out), dropped


def checked_citations(text: str, passages: Sequence[Chunk]) -> str:
    """``text`` keeping only the citations its passages support."""
    return check_citations(text, passages)[0]


class CheckedText:
    """Streamed text checked as it comes (push pieces, get back what may be shown): passed on
    at once, except from a quote mark or an opening parenthesis on, which waits until its
    parenthesis closes (or its paragraph ends), so that a citation and the span it quotes are
    checked before they are shown."""

    def __init__(self, passages: Sequence[Chunk]) -> None:
        self.passages = passages
        self.buffer = ""

    def push(self, piece: str) -> str:
        """What of the text so far may be shown now (after what was returned before)."""
        self.buffer += piece
        shown: list[str] = []
        while self.buffer:
            buffer = self.buffer
            opener = min((i for i in (buffer.find(c) for c in '("“') if i >= 0), default=-1)
            if opener < 0:  # all shown, but trailing spaces (a citation may follow them)
                safe = len(buffer.rstrip())
                shown.append(buffer[:safe])
                self.buffer = buffer[safe:]
                break
            safe = len(buffer[:opener].rstrip())  # the space before a citation goes with it
            if safe:
                shown.append(buffer[:safe])
                self.buffer = buffer[safe:]
                continue
            close, paragraph = buffer.find(")"), buffer.find("\n\n")
            ends = [i + 1 for i in (close,) if i >= 0] + [i + 2 for i in (paragraph,) if i >= 0]
            if not ends:
                break  # wait for more text
            cut = min(ends)
            shown.append(checked_citations(buffer[:cut], self.passages))
            self.buffer = buffer[cut:]
        return "".join(shown)

    def finish(self) -> str:
        """The rest, once the text is complete."""
        rest, self.buffer = self.buffer, ""
        return checked_citations(rest, self.passages) if rest else ""
