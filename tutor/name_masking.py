"""Masking a name's words in a description that asks for the name: one path for both engines.

An item that quotes a description and asks which term it describes ("Which term matches this
description: ...", "the term for "..." is ____") gives the answer away when the description
holds the term's own words ("an experiment whose outcome ..." for *random experiment*). The
offline writer (:func:`tutor.engine.offline.writing.exercise_material.described`) and the Claude
engine's exercises (:func:`tutor.engine.claude.studying.exercises_from`) both mask them here:
:func:`mask_name_words` masks the words, :func:`description_without_name` refuses a description
left saying too little, and :func:`prompt_without_name` finds the description in a whole
prompt.
"""

from __future__ import annotations

import re

from tutor.answers import MASK
from tutor.text import content_stems, stem

_FILE_OR_PATH = re.compile(r"[\w.-]*\w\.[A-Za-z][A-Za-z0-9]{1,3}\b|\S*\w/\S*")
"""A file name or a path ("01-chance-and-events.pdf", "gri/examples"): never masked, so a
citation keeps its source."""
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_MASKS = re.compile(re.escape(MASK) + r"(?:[\s-]+" + re.escape(MASK) + r")+")


def mask_name_words(text: str, names: list[str] | tuple[str, ...],
                    placeholder: str = MASK) -> str:
    """``text`` with each word that has the stem of a content word of one of ``names``
    replaced by ``placeholder`` (a run of them by one, its article "a(n)"): "a(n) [...] whose
    outcome ..." for *random experiment*'s "an experiment whose outcome ...", "A(n) [...] that
    returns a value" for *fruitful function*. A description quoted to ask for the name must not
    hold the name's own words. Words inside a file name or a path are left as they are."""
    stems = {s for name in names for s in content_stems(name)}
    if not stems:
        return text
    kept = [m.span() for m in _FILE_OR_PATH.finditer(text)]

    def masked(found: re.Match[str]) -> str:
        word = found.group(0)
        if any(a <= found.start() < b for a, b in kept):
            return word
        bare = word.lower().replace("’", "'").split("'")[0]
        return placeholder if stem(bare) in stems else word

    text = _MASKS.sub(placeholder, _NAME_WORD.sub(masked, text))
    return re.sub(r"\b([Aa])n?(\s+)" + re.escape(placeholder), r"\1(n)\2" + placeholder, text)


MIN_SAID = 2
"""Content words a description asking for a name must keep once the name's words are masked;
with fewer ("[…] in a model" for *truth in QL*) it says too little to tell the term."""


def description_without_name(description: str, names: list[str] | tuple[str, ...]
                             ) -> str | None:
    """The description an item asking for one of ``names`` may quote: its words that share a
    stem with the names masked (:func:`mask_name_words`), or ``None`` when what is left keeps
    fewer than :data:`MIN_SAID` content words."""
    masked = mask_name_words(description, names)
    if masked != description and len(set(content_stems(masked))) < MIN_SAID:
        return None
    return masked


_QUOTED = re.compile(r"[\"“](?P<inner>[^\"“”]{2,})[\"”]")
_AFTER_LEAD = re.compile(r"^(?P<lead>[^:]{0,80}:)(?P<rest>.+)$", re.S)


def prompt_without_name(prompt: str, names: list[str] | tuple[str, ...]) -> str | None:
    """``prompt`` of an item asking for one of ``names`` with the description it quotes
    masked by :func:`description_without_name` (each quoted part, else what follows a short
    lead ending in a colon, else the whole prompt), or ``None`` when a description says too
    little once masked. The question around a quote is left as it is ("Which term matches
    this description: ..." when the name is *term*)."""
    quoted = list(_QUOTED.finditer(prompt))
    if quoted:
        parts = [(m.start("inner"), m.end("inner")) for m in quoted]
    elif (lead := _AFTER_LEAD.match(prompt)) is not None:
        parts = [(lead.end("lead"), len(prompt))]
    else:
        parts = [(0, len(prompt))]
    out, done = [], 0
    for start, end in parts:
        masked = description_without_name(prompt[start:end], names)
        if masked is None:
            return None
        out += [prompt[done:start], masked]
        done = end
    return "".join(out) + prompt[done:]
