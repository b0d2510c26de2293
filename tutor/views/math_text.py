"""Math in course text: LaTeX ``\\( \\)`` and ``\\[ \\]`` delimiters to the ``$ $`` and
``$$ $$`` delimiters that Markdown renderers (Streamlit's among them) understand."""

from __future__ import annotations

import re

_DISPLAY = re.compile(r"\\\[(.+?)\\\]", re.S)
_INLINE = re.compile(r"\\\((.+?)\\\)", re.S)


def normalise_math(text: str) -> str:
    text = _DISPLAY.sub(lambda m: "\n$$\n" + m.group(1).strip() + "\n$$\n", text)
    return _INLINE.sub(lambda m: "$" + m.group(1).strip() + "$", text)
