"""Course and model text made inert: no image, link or HTML that a Markdown renderer would
turn into a request from the learner's browser.

Two layers, because either alone can be bypassed:

- :func:`inert_course_text`, at ingestion (every page a source yields): HTML entities are
  decoded (so ``!&#91;e&#93;(url)`` and ``&lt;img&gt;`` show what they are), then images
  become their alt text, links their text, link definitions and HTML tags are dropped.
  Bare addresses stay as text: they are content, and nothing fetches them.
- :func:`inert_markdown`, at rendering (every course, model or user text the web app passes
  to a Markdown element): ``[``, ``]``, ``<`` and ``&`` outside math and code are
  backslash-escaped, so no image, link, autolink, HTML or entity can form, whatever the text
  holds; math (``$...$``, ``$$...$$``) and code spans are left for their own renderers.
"""

from __future__ import annotations

import html
import re
import unicodedata

_IMAGE = re.compile(r"!\[([^\]\n]{0,500})\](\([^)\n]{0,2000}\)|\[[^\]\n]{0,200}\])")
_LINK = re.compile(r"\[([^\]\n]{0,500})\](\([^)\n]{0,2000}\)|\[[^\]\n]{0,200}\])")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]{1,500}\]:[ \t]*\S+.*$", re.M)
_AUTOLINK = re.compile(r"<((?:[A-Za-z][A-Za-z0-9+.-]{1,31}):[^\s<>]*)>")
_ELEMENTS = (
    "a|abbr|applet|area|audio|b|base|basefont|bgsound|blockquote|body|br|button|canvas|center|"
    "code|col|div|em|embed|font|form|frame|frameset|h[1-6]|head|hr|html|i|iframe|image|img|"
    "input|link|li|map|marquee|math|meta|noscript|object|ol|p|param|picture|portal|pre|script|"
    "select|source|span|strong|style|sub|sup|svg|table|td|template|textarea|th|tr|track|u|ul|"
    "use|video"
)
_TAG = re.compile(
    rf"</(?:{_ELEMENTS})\s*>|<(?:{_ELEMENTS})(?:\s+[^<>]{{0,2000}}?=[^<>]{{0,2000}}|\s*)/?>",
    re.I,
)
"""An HTML tag of a known element, bare or with attributes (so ``a<b and c>d`` stays)."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_DECODE_ROUNDS = 3


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def storable_text(text: str) -> str:
    """Text any file format can hold: lone surrogates (from bytes that were not UTF-8) become
    ``?``, control characters other than tab and newline are dropped, Unicode is NFC."""
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates -> "?"
    return unicodedata.normalize("NFC", _NOT_XML.sub("", text.replace("\r\n", "\n")))


def _decoded(text: str) -> str:
    """HTML entities decoded until nothing changes (``&amp;lt;`` is ``<`` after two rounds)."""
    for _ in range(_DECODE_ROUNDS):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


def inert_course_text(text: str) -> str:
    """Course text with entities decoded and every image, link, link definition and HTML tag
    reduced to its text. Linear time (all patterns are bounded)."""
    text = _CONTROL.sub("", _decoded(text))
    previous = None
    while previous != text:  # an image inside a link: [![x](a)](b)
        previous = text
        text = _IMAGE.sub(lambda m: m.group(1), text)
        text = _LINK.sub(lambda m: m.group(1), text)
    text = _DEFINITION.sub("", text)
    text = _AUTOLINK.sub(lambda m: m.group(1), text)
    return _TAG.sub("", text)


# -- rendering -------------------------------------------------------------------------
_PROTECTED = re.compile(
    r"(?P<fence>^ {0,3}(```|~~~)[^\n]*\n.*?(^ {0,3}\2[^\n]*$|\Z))"
    r"|(?P<display>\$\$.+?\$\$)"
    r"|(?P<code>(`+)[^`].*?\6)"
    r"|(?P<inline>(?<![\\$])\$(?=\S)[^$\n]{1,1000}?(?<=\S)\$(?!\$))",
    re.S | re.M,
)
_ACTIVE = str.maketrans({"[": "\\[", "]": "\\]", "<": "\\<", "&": "\\&"})


def inert_markdown(text: str) -> str:
    """Markdown that renders as the same text but cannot form an image, a link, an autolink,
    raw HTML or an entity: those characters are escaped outside math and code."""
    out: list[str] = []
    position = 0
    for match in _PROTECTED.finditer(text):
        out.append(text[position : match.start()].translate(_ACTIVE))
        out.append(match.group(0))
        position = match.end()
    out.append(text[position:].translate(_ACTIVE))
    return "".join(out)


def displayed(text: str) -> str:
    """Course, model or user text as the web app passes it to a Markdown element: LaTeX math
    delimiters made renderable, everything else inert."""
    from tutor.views.math_text import normalise_math

    return inert_markdown(normalise_math(text))
