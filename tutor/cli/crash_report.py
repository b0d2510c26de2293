"""What the ``tutor`` command does when the tutor itself fails: a short message and a report.

A user error (:class:`tutor.errors.TutorError`) prints one line. Anything else is a bug in the
tutor; rather than a screenful of traceback, the user reads what failed, where the details were
saved and that the failure should be reported. The report (the command line, the versions and
the traceback) goes to ``crashes/`` in the data folder (``$TUTOR_DATA``, default
``<tutor home>/.tutor``). ``TUTOR_DEBUG=1`` shows the traceback instead, for developers.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from pathlib import Path

from tutor.clock import Clock, system_clock
from tutor.home import data_dir

DEBUG_VARIABLE = "TUTOR_DEBUG"


def debugging() -> bool:
    """Whether the developer asked for tracebacks instead of reports."""
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def save_report(exc: BaseException, argv: list[str], clock: Clock = system_clock) -> Path | None:
    """Write the crash report and return its path, or None when it cannot be written."""
    moment = clock()
    lines = [
        f"tutor crash report, {moment.isoformat()}",
        f"command: tutor {' '.join(argv)}",
        f"python {platform.python_version()} on {sys.platform}",
        "",
        *traceback.format_exception(exc),
    ]
    try:
        folder = data_dir(configured=os.environ.get("TUTOR_DATA")) / "crashes"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{moment.strftime('%Y%m%d-%H%M%S-%f')}.txt"
        path.write_text("\n".join(line.rstrip("\n") for line in lines) + "\n", encoding="utf-8")
    except OSError:
        return None
    return path


def report_crash(exc: BaseException, argv: list[str] | None = None) -> int:
    """Tell the user the tutor failed, save the details, and return the exit status (1)."""
    shown = argv if argv is not None else sys.argv[1:]
    path = save_report(exc, shown)
    where = f"The details are in {path}" if path else "The details could not be saved"
    print(f"error: the tutor failed with an internal error ({type(exc).__name__}: {exc}).\n"
          f"This is a bug in the tutor, not in your input. {where}; please report it with "
          f"that file. Set {DEBUG_VARIABLE}=1 to see the traceback here.", file=sys.stderr)
    return 1
