"""A PDF page's lines with their fonts, read by PDFium (``pypdfium2``).

PDFium parses a page about ten times faster than pypdf and gives, for every character, the
text object it was drawn by (one font, one size), its matrix and its origin. Characters are
grouped into runs that share a text object, and each run is added to the current
:class:`~tutor.ingest.pdf_layout.Line` with its vertical position, its size in user space
(font size times the scale of the character's matrix) and the style its font's name implies,
which is what pypdf's text visitor gave the layout pass before. Line breaks are PDFium's own
(it inserts ``\\r\\n`` between the lines it finds); a clear drop in ``y`` without one also starts
a new line, as in the pypdf collector.
"""

from __future__ import annotations

import ctypes
import re
import sys
import time
from typing import Any

from tutor.ingest.pdf_layout import ExtractionTimeout, Line, font_style
from tutor.text import CHARACTER_FIXES, fix_characters

__all__ = ["open_document", "page_lines"]

CHECK_EVERY = 2048
"""Characters between two checks of the time limit."""
_SOFT_HYPHEN = {0x02: "-", 0xFFFE: None, 0xAD: "-"}
"""PDFium's marks for a hyphen that breaks a word, as ``str.translate`` reads them."""


def open_document(data: bytes) -> Any:
    """A ``pypdfium2.PdfDocument`` over ``data`` (raises on a file PDFium cannot open)."""
    import pypdfium2

    return pypdfium2.PdfDocument(data)


def _font_name(raw: Any, font_of: Any, text_object: int, names: dict[int, str]) -> str:
    """The base font name of the text object at address ``text_object`` (``font_of``:
    :func:`_font_of`); ``names`` remembers it per font (a page's text objects share a few
    fonts)."""
    key = font_of(text_object) or 0
    if key in names:
        return names[key]
    name = ""
    if key:
        font = ctypes.cast(ctypes.c_void_p(key), raw.FPDF_FONT)
        size = raw.FPDFFont_GetBaseFontName(font, None, 0)
        if size:
            buffer = ctypes.create_string_buffer(size)
            raw.FPDFFont_GetBaseFontName(font, buffer, size)
            name = buffer.value.decode("utf-8", "replace")
    names[key] = name
    return name


def page_lines(document: Any, index: int, deadline: float) -> list[Line]:
    """The non-blank lines of page ``index`` (0-based), top to bottom as PDFium reads them."""
    import pypdfium2.raw as raw

    page = document[index]
    textpage = page.get_textpage()
    try:
        return _lines(raw, textpage.raw, deadline)
    finally:
        textpage.close()
        page.close()


_OBJECT_AT = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
"""``FPDFText_GetTextObject`` returning the bare address: the text object of every character
is compared, and a typed pointer would cost a conversion per character."""
_FONT_OF = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p)
"""``FPDFTextObj_GetFont`` taking and returning bare addresses (once per text object)."""


def _bare(function: Any, prototype: Any) -> Any:
    address = ctypes.cast(function, ctypes.c_void_p).value
    if address is None:
        raise RuntimeError("PDFium lacks a function the reader needs")
    return prototype(address)


def _object_at(raw: Any) -> Any:
    return _bare(raw.FPDFText_GetTextObject, _OBJECT_AT)


def _font_of(raw: Any) -> Any:
    return _bare(raw.FPDFTextObj_GetFont, _FONT_OF)


_UTF16 = "utf-16-le" if sys.byteorder == "little" else "utf-16-be"
_SURROGATE = re.compile("[\ud800-\udfff]")


def _text(raw: Any, textpage: Any, count: int) -> str:
    """The page's ``count`` characters, one string character each (a code point PDFium
    cannot give stands in as U+FFFE, which reads as nothing). One call reads the page's
    text; PDFium writes its hyphen mark (code 2) there as 0xFFFE, so those few are asked for
    one by one, and a page whose text does not line up one unit per character (a character
    outside the 16-bit range, or one PDFium leaves out) is read character by character."""
    unicode_at = raw.FPDFText_GetUnicode
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, buffer) if count else 0
    text = ctypes.string_at(buffer, 2 * count).decode(_UTF16, "surrogatepass")
    if written != count + 1 or len(text) != count or _SURROGATE.search(text):
        return "".join(_paired([_character(unicode_at(textpage, i)) for i in range(count)]))
    if "\ufffe" not in text:
        return text
    pieces = text.split("\ufffe")
    out = [pieces[0]]
    at = len(pieces[0])
    for piece in pieces[1:]:
        out.append(_character(unicode_at(textpage, at)))
        out.append(piece)
        at += 1 + len(piece)
    return "".join(out)


def _character(code: int) -> str:
    return chr(code) if code < 0x110000 else "\ufffe"


def _paired(characters: list[str]) -> list[str]:
    """Some PDFs give a character outside the 16-bit range as two codes, one per half of
    its UTF-16 pair (mathematical italic letters, for one). The pair becomes the one
    character at the first index and nothing at the second, so indexes still line up with
    PDFium's; half a pair on its own reads as nothing (it cannot be written as text)."""
    out = list(characters)
    for i, char in enumerate(out):
        if not "\ud800" <= char <= "\udbff":
            if "\udc00" <= char <= "\udfff":
                out[i] = "\ufffe"
            continue
        low = out[i + 1] if i + 1 < len(out) else ""
        if "\udc00" <= low <= "\udfff":
            out[i] = chr(0x10000 + ((ord(char) - 0xD800) << 10) + (ord(low) - 0xDC00))
            out[i + 1] = "\ufffe"
        else:
            out[i] = "\ufffe"
    return out


_RUN = {code: fix_characters(chr(code).translate(_SOFT_HYPHEN))
        for code in {*_SOFT_HYPHEN, *CHARACTER_FIXES}}
"""PDFium's hyphen marks read, then :func:`tutor.text.fix_characters`, in one table."""


def _lines(raw: Any, textpage: Any, deadline: float) -> list[Line]:
    count = raw.FPDFText_CountChars(textpage)
    object_at, font_of = _object_at(raw), _font_of(raw)
    page_address = ctypes.cast(textpage, ctypes.c_void_p)
    text = _text(raw, textpage, count)
    lines = [Line()]
    names: dict[int, str] = {}
    looks: dict[int, tuple[float, tuple[bool, bool, bool]]] = {}
    """Size and style of each text object (one font, one size, one matrix)."""
    matrix = raw.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    x_at, y_at = ctypes.byref(x), ctypes.byref(y)
    run_start = 0
    """Where the run in hand starts: it ends before the character that starts the next."""
    run_object: int | None = None
    run_y = 0.0
    run_size = 0.0
    run_style = (False, False, False)

    def flush(end: int) -> None:
        if end > run_start:
            lines[-1].add(text[run_start:end].translate(_RUN), run_y, run_size, run_style)

    for block in range(0, count, CHECK_EVERY):
        if time.monotonic() > deadline:
            raise ExtractionTimeout
        for i in range(block, min(block + CHECK_EVERY, count)):
            char = text[i]
            if char == "\r" or char == "\n":  # PDFium's line break ("\r\n")
                flush(i)
                run_start = i + 1
                if lines[-1].text:
                    lines.append(Line())
                run_object = None
                continue
            key = object_at(page_address, i)
            if key is None or key == run_object:  # None: a space PDFium inserted, in the run
                continue
            flush(i)
            run_start = i
            run_object = key
            raw.FPDFText_GetCharOrigin(textpage, i, x_at, y_at)
            look = looks.get(key)
            if look is None:
                raw.FPDFText_GetMatrix(textpage, i, ctypes.byref(matrix))
                scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
                look = (raw.FPDFText_GetFontSize(textpage, i) * (scale or 1.0),
                        font_style(_font_name(raw, font_of, key, names)))
                looks[key] = look
            size = look[0]
            current = lines[-1]
            if current.y is not None and char.translate(_SOFT_HYPHEN).strip():
                drop = abs(current.y - y.value)
                if drop > 0.6 * size and drop > 0.6 * current.size:
                    lines.append(Line())
            run_y, run_size, run_style = y.value, size, look[1]
    flush(count)
    return [line for line in lines if line.text.strip()]
