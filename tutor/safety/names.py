"""Names people type or upload (profile names, file names) made safe to store and show.

- Unicode is normalised (NFKC for profile names, so full-width and compatibility forms become
  the plain letters; NFC for file names, which must keep their look).
- Control characters (ESC, CR, LF, NUL...), bidirectional overrides and other invisible format
  characters are removed from profile names and refused in file names.
- A profile name may be written in any script (Иван, 李小龙, Zoë), but one word may not mix
  scripts that look alike: "Bоb" with a Cyrillic о is refused, since it would pass for "Bob".
- :func:`shown_name` turns any name, even one that is not valid Unicode (a file name of bytes
  that are not UTF-8 reaches Python as lone surrogates), into a one-line printable label.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from tutor.errors import LearnerError

MAX_PROFILE_NAME = 40
"""Characters of a profile name."""
MAX_FILE_NAME_BYTES = 200
"""UTF-8 bytes of an uploaded file name (file systems allow 255; the upload's temporary name
adds a few)."""

_ASCII_SLUG = re.compile(r"[^a-z0-9]+")
_COMPATIBLE_SCRIPTS = (
    {"HAN", "HIRAGANA", "KATAKANA"},  # Japanese mixes these in one word
    {"HAN", "HANGUL"},
)


def _invisible(ch: str) -> bool:
    """Control and format characters (NUL, ESC, CR, LF, bidi overrides, zero-width space)."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def shown_name(name: str, limit: int = 120) -> str:
    """A name as one printable line: invalid Unicode as ``\\udcxx`` escapes, control and
    format characters as ``?``, cut to ``limit`` characters."""
    text = name.encode("utf-8", "backslashreplace").decode("utf-8")
    text = "".join("?" if _invisible(ch) else ch for ch in unicodedata.normalize("NFC", text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def has_bad_characters(name: str) -> bool:
    """True for a name that is not valid Unicode or holds a control or format character."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return any(_invisible(ch) for ch in name)


def _script(ch: str) -> str | None:
    """The script of a letter, from its Unicode name (``LATIN``, ``CYRILLIC``, ``CJK``...)."""
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    if name.startswith(("CJK ", "CJK")):
        return "HAN"
    return name.split(" ", 1)[0] if name else None


def _mixes_scripts(word: str) -> bool:
    scripts = {s for s in (_script(ch) for ch in word) if s is not None}
    if len(scripts) <= 1:
        return False
    return not any(scripts <= allowed for allowed in _COMPATIBLE_SCRIPTS)


def clean_profile_name(name: str) -> str:
    """A profile name normalised (NFKC, invisible characters dropped, spaces collapsed);
    :class:`LearnerError` when it is empty, too long, or a word mixes look-alike scripts."""
    text = unicodedata.normalize("NFKC", name)
    text = " ".join("".join(ch for ch in text if not _invisible(ch)).split())
    if not any(ch.isalnum() for ch in text):
        raise LearnerError("a profile name needs at least one letter or digit")
    if len(text) > MAX_PROFILE_NAME:
        raise LearnerError(f"a profile name has at most {MAX_PROFILE_NAME} characters")
    for word in re.split(r"[\s\-'’.]+", text):
        if _mixes_scripts(word):
            raise LearnerError(
                f"{shown_name(word)!r} mixes letters of different scripts (a look-alike of "
                "another name?); write each word in one script"
            )
    return text


def profile_id_for(name: str) -> str:
    """The learner id of a profile name: its ASCII slug when the name is ASCII, else ``p-``
    and a digest of the normalised, case-folded name (ids stay ASCII and path-safe)."""
    text = clean_profile_name(name)
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", text)
                     if not unicodedata.combining(ch))
    if folded.isascii():  # Latin letters, accents dropped: "Zoë" -> "zoe"
        slug = _ASCII_SLUG.sub("-", folded.lower()).strip("-")[:64].strip("-")
        if slug:
            return slug
    return "p-" + hashlib.sha256(text.casefold().encode("utf-8")).hexdigest()[:16]
