"""Replaying a book's interactive Python session in a sandbox, to check what it prints.

A "what does this show?" exercise is keyed to the output the book prints. Before it is kept,
the session is replayed in a separate Python process: isolated mode (no user site, no
environment variables), an empty working folder, limits on CPU time, memory, file size and
open files, a wall-clock timeout, and an audit hook that refuses sockets, subprocesses and
writing files. The replay echoes each expression's value the way the interactive prompt does
(``repr``, nothing for ``None``), so its last output can be compared with the book's.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import tempfile
import tokenize
from collections.abc import Sequence

TIMEOUT_SECONDS = 5.0
CPU_SECONDS = 3
MEMORY_BYTES = 512 * 1024 * 1024

_REPLAY = r'''
import sys, json

def _refuse(event, args):
    if event.startswith(("socket.", "subprocess.", "os.system", "os.exec", "os.spawn",
                         "os.fork", "os.posix_spawn", "ctypes.", "shutil.", "os.remove",
                         "os.rename", "os.rmdir", "os.mkdir", "webbrowser.")):
        raise PermissionError("sandbox: " + event)
    if event == "open" and len(args) > 1 and isinstance(args[1], str) and any(
            m in args[1] for m in "wax+"):
        raise PermissionError("sandbox: writing files")

statements = json.loads(sys.stdin.read())
sys.addaudithook(_refuse)
import io, traceback
namespace = {"__name__": "__main__"}
shown = []
for source in statements:
    out = io.StringIO()
    sys.stdout = out
    try:
        try:
            code = compile(source, "<stdin>", "eval")
        except SyntaxError:
            exec(compile(source, "<stdin>", "exec"), namespace)
        else:
            value = eval(code, namespace)
            if value is not None:
                print(repr(value))
    except BaseException as error:
        print(type(error).__name__ + ": " + str(error))
    finally:
        sys.stdout = sys.__stdout__
    shown.append(out.getvalue())
sys.__stdout__.write(json.dumps(shown))
'''


def _limit() -> None:  # pragma: no cover - runs in the child process
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))


def replay(statements: Sequence[str]) -> list[str] | None:
    """What the interactive prompt shows after each statement, or ``None`` when the session
    could not be replayed (timeout, crash, refused by the sandbox's limits)."""
    with tempfile.TemporaryDirectory(prefix="tutor-replay-") as folder:
        try:
            done = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
                [sys.executable, "-I", "-S", "-c", _REPLAY],
                input=json.dumps(list(statements)),
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                cwd=folder,
                env={"PATH": "", "LANG": "C.UTF-8", "PYTHONHASHSEED": "0"},
                preexec_fn=_limit,  # noqa: PLW1509 - only sets resource limits
                check=False,
            )
        except (subprocess.TimeoutExpired, OSError):
            return None
    if done.returncode != 0:
        return None
    try:
        shown = json.loads(done.stdout)
    except ValueError:
        return None
    return [str(s) for s in shown] if isinstance(shown, list) else None


def same_output(book: str, replayed: str) -> str | None:
    """The replayed output when the book shows it, else ``None``.

    Spaces aside (the PDF adds some: ``<class 'int' >``), the book's text must be the replay's
    output, or the output followed by running text the PDF put on the same line
    ("42 The operator / performs division:")."""
    shown = " ".join(replayed.split())
    said, bare = "".join(book.split()), "".join(replayed.split())
    if not bare:
        return None
    if said == bare:
        return shown
    if said.startswith(bare) and re.match(r"[A-Z]", said[len(bare):]):
        return shown  # running text starts with a capital
    return None


def tidy_quotes(text: str) -> str:
    """``' throat '`` -> ``'throat'``: the PDF sets a space inside typewriter quotes; a
    keyword the tidying glued to a string (``'a'in'banana'``) gets its spaces back."""
    return _spaced_keywords("\n".join(_tidy_line(line) for line in text.split("\n")))


def _tidy_line(line: str) -> str:
    """Quotes paired in order (a string opened with ``"`` closes at the next ``"``), and a
    space just inside both ends of a pair taken out."""
    out: list[str] = []
    i = 0
    while i < len(line):
        ch = line[i]
        end = line.find(ch, i + 1) if ch in "'\"" else -1
        if end == -1:
            out.append(ch)
            i += 1
            continue
        inside = line[i + 1: end]
        if len(inside) >= 2 and inside.startswith(" ") and inside.endswith(" "):
            inside = inside[1:-1]
        out.append(ch + inside + ch)
        i = end + 1
    return "".join(out)


_KEYWORDS = frozenset("in not and or is for if else".split())


def _spaced_keywords(source: str) -> str:
    """Spaces between a string and a keyword next to it, found by Python's own tokenizer
    (so nothing inside a string changes); the source as given when it does not tokenize."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return source
    lines = source.split("\n")
    inserts: list[tuple[int, int]] = []
    for first, second in zip(tokens, tokens[1:], strict=False):
        if first.end != second.start:
            continue
        glued = {first.type, second.type} == {tokenize.STRING, tokenize.NAME}
        word = first.string if first.type == tokenize.NAME else second.string
        if glued and word in _KEYWORDS:
            inserts.append(second.start)
    for row, col in sorted(inserts, reverse=True):
        line = lines[row - 1]
        lines[row - 1] = line[:col] + " " + line[col:]
    return "\n".join(lines)
