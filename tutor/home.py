"""Where things live on disk: the tutor home, course folders, prompts and learner data.

The home is ``$TUTOR_HOME`` or, when unset, the current directory (the repository root when
run from a checkout). Course folders are ``<home>/courses/<slug>/``; learner data (the learner
store and the lesson checkpoints) is under ``$TUTOR_DATA``, default ``<home>/.tutor/``.
Course names and file names are checked here so that nothing escapes these folders.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from tutor.errors import CourseError

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
COURSE_FILE = "course.json"
BUILD_DIR = ".build"
"""Per-course folder of derived artefacts: the passage index, chunks, the Chroma store."""


def tutor_home(configured: str | Path | None = None) -> Path:
    """The tutor home: ``configured``, else ``$TUTOR_HOME`` (read by :mod:`tutor.context`), else
    the current directory."""
    if not configured:
        from tutor.context import configured_home  # here: that module imports this one

        configured = configured_home()
    return Path(configured or Path.cwd()).resolve()


def courses_dir(home: Path | None = None) -> Path:
    return (home or tutor_home()) / "courses"


def prompts_dir(home: Path | None = None, configured: str | Path | None = None) -> Path:
    """``configured``, else ``$TUTOR_PROMPTS`` (read by :mod:`tutor.context`), else
    ``<home>/prompts``; falls back to the checkout's prompts folder."""
    if not configured:
        from tutor.context import configured_prompts

        configured = configured_prompts()
    if configured:
        return Path(configured)
    candidate = (home or tutor_home()) / "prompts"
    if candidate.is_dir():
        return candidate
    return Path(__file__).resolve().parent.parent / "prompts"


def data_dir(home: Path | None = None, configured: str | Path | None = None) -> Path:
    """``configured`` (``$TUTOR_DATA``) or ``<home>/.tutor``, created when missing."""
    path = Path(configured or (home or tutor_home()) / ".tutor")
    path.mkdir(parents=True, exist_ok=True)
    return path


_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d",
                          "ð": "d", "þ": "th", "ı": "i", "ŀ": "l"})
_MAX_SLUG = 64


def slugify(name: str) -> str:
    """A course or concept slug: lower-case ASCII letters, digits and dashes.

    Accented Latin letters keep their base letter ("Mécanique" -> ``mecanique``). Letters with no
    ASCII spelling (Cyrillic, Greek, Chinese, ...) cannot be spelled in a slug, so a short hash
    of the whole name is appended instead: two such titles never share a folder
    ("Физика" -> ``course-`` + 6 hex digits)."""
    text = unicodedata.normalize("NFKC", name).lower().translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    slug = re.sub(r"[^a-z0-9]+", "-", kept.encode("ascii", "ignore").decode()).strip("-")
    lost = any(ch.isalnum() and not ch.isascii() for ch in kept)
    if not lost:
        return slug[:_MAX_SLUG].strip("-") or "course"
    digest = hashlib.sha256(unicodedata.normalize("NFC", name.strip()).encode()).hexdigest()[:6]
    stem = slug[: _MAX_SLUG - len(digest) - 1].strip("-") or "course"
    return f"{stem}-{digest}"


def check_slug(name: str) -> str:
    """Return ``name`` if it is a safe course name, else raise :class:`CourseError`."""
    if not _SLUG.fullmatch(name):
        raise CourseError(
            f"{name!r} is not a valid course name; use lower-case letters, digits and dashes "
            f"(e.g. {slugify(name)!r})"
        )
    return name


def course_dir(name: str, home: Path | None = None) -> Path:
    """The folder of the course called ``name`` under the courses folder (it must stay inside)."""
    root = courses_dir(home).resolve()
    path = (root / check_slug(name)).resolve()
    if path.parent != root:
        raise CourseError(f"{name!r} escapes the courses folder")
    return path


def safe_child(folder: Path, file_name: str) -> Path:
    """``folder/file_name`` for an uploaded file, refusing names that leave ``folder``."""
    if (
        not file_name
        or "/" in file_name
        or "\\" in file_name
        or "\x00" in file_name
        or file_name.startswith(".")
    ):
        raise CourseError(f"{file_name!r} is not a plain file name; rename the file and retry")
    target = (folder / file_name).resolve()
    if (folder / file_name).is_symlink():
        raise CourseError(f"{file_name!r} is a symbolic link; upload the file itself")
    if target.parent != folder.resolve():
        raise CourseError(f"{file_name!r} escapes {folder}")
    return target


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves either the old file or the new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; give the file the usual mode
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_umask() -> int:
    """The process umask (read once, at import: setting it to read it is not thread-safe)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()
