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
import time
from typing import Any

from tutor.ingest.pdf_layout import ExtractionTimeout, Line, font_style
from tutor.text import fix_characters

__all__ = ["open_document", "page_lines"]

CHECK_EVERY = 2048
"""Characters between two checks of the time limit."""
_SOFT_HYPHEN = {0x02: "-", 0xFFFE: None, 0xAD: "-"}
"""PDFium's marks for a hyphen that breaks a word, as ``str.translate`` reads them."""


def open_document(data: bytes) -> Any:
    """A ``pypdfium2.PdfDocument`` over ``data`` (raises on a file PDFium cannot open)."""
    import pypdfium2

    return pypdfium2.PdfDocument(data)


def _font_name(raw: Any, handle: Any, names: dict[int, str]) -> str:
    """The base font name of a text object; ``names`` remembers it per font (a page's text
    objects share a few fonts)."""
    if not ctypes.cast(handle, ctypes.c_void_p).value:
        return ""
    font = raw.FPDFTextObj_GetFont(handle)
    key = ctypes.cast(font, ctypes.c_void_p).value or 0
    if key in names:
        return names[key]
    name = ""
    if key:
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


def _object_at(raw: Any) -> Any:
    address = ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value
    if address is None:
        raise RuntimeError("PDFium has no FPDFText_GetTextObject")
    return _OBJECT_AT(address)


def _codes(raw: Any, textpage: Any, count: int) -> list[int]:
    """The code point of each of the page's ``count`` characters. One call reads the page's
    text; PDFium writes its hyphen mark (code 2) there as 0xFFFE, so those few are asked for
    one by one, and a page whose text does not line up one unit per character (a character
    outside the 16-bit range, or one PDFium leaves out) is read character by character."""
    unicode_at = raw.FPDFText_GetUnicode
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, buffer) if count else 0
    codes = list(buffer[:count])
    if written != count + 1 or any(0xD800 <= code <= 0xDFFF for code in codes):
        return [unicode_at(textpage, i) for i in range(count)]
    i = -1
    while True:
        try:
            i = codes.index(0xFFFE, i + 1)
        except ValueError:
            return codes
        codes[i] = unicode_at(textpage, i)


def _lines(raw: Any, textpage: Any, deadline: float) -> list[Line]:
    count = raw.FPDFText_CountChars(textpage)
    object_at = _object_at(raw)
    page_address = ctypes.cast(textpage, ctypes.c_void_p)
    codes = _codes(raw, textpage, count)
    # One character per code (an impossible one stands in as 0xFFFE, which reads as nothing),
    # so that a run of characters is a slice of the page's text.
    text = "".join([chr(code) if code < 0x110000 else "\ufffe" for code in codes])
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
            piece = text[run_start:end].translate(_SOFT_HYPHEN)
            lines[-1].add(fix_characters(piece), run_y, run_size, run_style)

    for i, code in enumerate(codes):
        if i % CHECK_EVERY == 0 and time.monotonic() > deadline:
            raise ExtractionTimeout
        if code == 0x0D or code == 0x0A:  # PDFium's line break ("\r\n")
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
            handle = raw.FPDFText_GetTextObject(textpage, i)
            look = (raw.FPDFText_GetFontSize(textpage, i) * (scale or 1.0),
                    font_style(_font_name(raw, handle, names)))
            looks[key] = look
        size = look[0]
        current = lines[-1]
        if current.y is not None and text[i].translate(_SOFT_HYPHEN).strip():
            drop = abs(current.y - y.value)
            if drop > 0.6 * size and drop > 0.6 * current.size:
                lines.append(Line())
        run_y, run_size, run_style = y.value, size, look[1]
    flush(len(codes))
    return [line for line in lines if line.text.strip()]
