"""Replaying a book's interactive Python session in a sandbox, to check what it prints.

A "what does this show?" exercise is keyed to the output the book prints. Before it is kept,
the session is replayed in a sandbox: one small worker process per build
(:mod:`tutor.engine.offline.code_output.code_sandbox_worker`, started as ``python -I -S``: no user
site, no environment variables but a fixed three, a temporary working folder, limits on memory, file
size and open files), which replays each session in a fresh child of its own with a CPU-time limit,
a wall-clock timeout and an audit hook that refuses sockets, subprocesses and writing files. The
replay echoes each expression's value the way the interactive prompt does (``repr``, nothing for
``None``), so its last output can be compared with the book's.

The worker is started on the first replay, without copying the build process (no code runs
between fork and exec), serves every thread of the build one session at a time, and is
started again if it fails. ``replay`` reads the shared sandbox when it is called. The worker
compiles each statement before it forks (compiling in the child cost it more than the rest of
a short session) and leaves its own objects out of the child's garbage collections.
"""

from __future__ import annotations

import atexit
import hashlib
import io
import json
import os
import re
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import tokenize
from collections.abc import Sequence
from contextvars import ContextVar
from pathlib import Path

from tutor.shelf import Shelf

TIMEOUT_SECONDS = 5.0
CPU_SECONDS = 3
MEMORY_BYTES = 512 * 1024 * 1024
WORKER = Path(__file__).with_name("code_sandbox_worker.py")
ENVIRONMENT = {"PATH": "", "LANG": "C.UTF-8", "PYTHONHASHSEED": "0"}
SPARE_SECONDS = 5.0
"""How much longer than a session's timeout the worker may take to answer before it is
taken for stuck and started again."""
REMEMBERED = 4096
"""Sessions whose replay is kept: the writers ask for the same session again for each concept
its passage names (about three times on Think Python), and for its first statements alone."""


class Sandbox:
    """One worker process replaying sessions, each in a fresh child of the worker."""

    def __init__(self, timeout: float = TIMEOUT_SECONDS, cpu_seconds: int = CPU_SECONDS,
                 memory_bytes: int = MEMORY_BYTES) -> None:
        self.timeout, self.cpu_seconds, self.memory_bytes = timeout, cpu_seconds, memory_bytes
        self.starts = 0
        """How many times a worker was started (one, unless one failed)."""
        self._lock = threading.Lock()
        self._worker: subprocess.Popen[bytes] | None = None
        self._folder: str | None = None
        self._owner = 0
        self._known: dict[tuple[str, ...], list[str] | None] = {}

    def replay(self, statements: Sequence[str]) -> list[str] | None:
        """What the interactive prompt shows after each statement, or ``None`` when the
        session could not be replayed (timeout, crash, refused by the sandbox's limits).
        A session asked for again gets the answer it got the first time, and so do the first
        statements of a session that was replayed to its end."""
        key = tuple(statements)
        shelf = SHELF.get()
        with self._lock:
            if key in self._known:
                shown = self._known[key]
            elif shelf is not None and (stored := shelf.get(key)) is not None:
                shown = list(stored)
                self._remember(key, shown)
            else:
                settled, shown = self._replayed(key)
                if settled:  # not when the worker itself failed
                    self._remember(key, shown)
        if shelf is not None and shown is not None:
            shelf.keep(key, list(shown))
        return None if shown is None else list(shown)

    def _remember(self, key: tuple[str, ...], shown: list[str] | None) -> None:
        """Keep a session's answer, and, when it ran to the end, its first statements'
        answers too: what a statement shows does not depend on the statements after it, so
        the session cut short would show the same (the writers ask for the session without
        its last steps as well, a fifth of Think Python's replays)."""
        cuts = range(len(key), 0, -1) if shown is not None and len(shown) == len(key) else (
            len(key),)
        for cut in cuts:
            part = key[:cut]
            if cut < len(key) and part in self._known:
                continue
            if len(self._known) >= REMEMBERED:
                del self._known[next(iter(self._known))]
            self._known[part] = None if shown is None else shown[:cut]

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _replayed(self, statements: tuple[str, ...]) -> tuple[bool, list[str] | None]:
        """Whether the worker answered, and its answer (the lock held)."""
        request = json.dumps(list(statements)).encode("utf-8")
        try:
            worker = self._running()
            assert worker.stdin is not None and worker.stdout is not None
            worker.stdin.write(struct.pack(">I", len(request)) + request)
            worker.stdin.flush()
            reply = self._answer(worker.stdout.fileno())
        except (OSError, ValueError):
            reply = None
        if reply is None:  # the worker itself failed: the next session gets a new one
            self._stop()
            return False, None
        shown = json.loads(reply.decode("utf-8"))
        return True, [str(s) for s in shown] if isinstance(shown, list) else None

    def _running(self) -> subprocess.Popen[bytes]:
        if self._worker is not None and self._owner == os.getpid() and (
                self._worker.poll() is None):
            return self._worker
        self._stop()
        self._folder = tempfile.mkdtemp(prefix="tutor-replay-")
        self._worker = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
            [sys.executable, "-I", "-S", str(WORKER), str(self.timeout),
             str(self.cpu_seconds), str(self.memory_bytes)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            cwd=self._folder, env=dict(ENVIRONMENT), close_fds=True)
        self._owner = os.getpid()
        self.starts += 1
        return self._worker

    def _answer(self, pipe: int) -> bytes | None:
        """The worker's reply, or None when it does not come in time or the worker ended."""
        deadline = time.monotonic() + self.timeout + SPARE_SECONDS
        data = b""
        size: int | None = None
        while size is None or len(data) < size + 4:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([pipe], [], [], left)[0]:
                return None
            part = os.read(pipe, 65536)
            if not part:
                return None
            data += part
            if size is None and len(data) >= 4:
                size = struct.unpack(">I", data[:4])[0]
        return data[4:]

    def _stop(self) -> None:
        worker, folder = self._worker, self._folder
        self._worker, self._folder = None, None
        if self._owner != os.getpid():  # a forked copy of the build leaves the worker be
            return
        if worker is not None:
            for pipe in (worker.stdin, worker.stdout):
                if pipe is not None:
                    pipe.close()  # the worker ends when its input closes
            try:
                worker.wait(timeout=SPARE_SECONDS)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def sandbox_version() -> str:
    """What a kept replay was made by: the worker's code, the interpreter and the limits; a
    shelf made by another is not used."""
    made_by = f"{sys.version}\0{TIMEOUT_SECONDS}\0{CPU_SECONDS}\0{MEMORY_BYTES}\0"
    return hashlib.sha256(made_by.encode() + WORKER.read_bytes()).hexdigest()[:32]


SHELF: ContextVar[Shelf[tuple[str, ...], list[str]] | None] = ContextVar(
    "tutor_replays", default=None)
"""The shelf of the build running in this context (:mod:`tutor.shelf`), what each session
showed by its statements: :meth:`Sandbox.replay` answers a session the shelf holds without
replaying it, and keeps there every session replayed to an answer (never one the worker could
not replay: a timeout on a busy machine is tried again by the next build)."""


_shared = Sandbox()


def shared() -> Sandbox:
    """The process's one sandbox, which :func:`replay` uses."""
    return _shared


def close() -> None:
    """Stop the process's sandbox worker (its CPU is then counted as the process's
    children's); the next replay starts another."""
    _shared.close()


atexit.register(close)


def replay(statements: Sequence[str]) -> list[str] | None:
    """What the interactive prompt shows after each statement (see :meth:`Sandbox.replay`),
    replayed by the process's one sandbox."""
    return _shared.replay(statements)


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
