"""The sandbox's worker process: replays the book's sessions one after another, each in a
fresh child of its own.

Started once per build by :mod:`tutor.engine.offline.code_output.code_sandbox` as a small
interpreter (``python -I -S`` running this file, standard library only, never imported by the
package). It sets the memory, file-size and open-file limits on itself, then reads requests from its
standard input: a 4-byte length and a JSON list of statements. It compiles the statements itself
(compiling runs no code of theirs; a child that compiled would copy the parser's pages), freezes its
own objects out of the garbage collector's reach, and forks a child (a copy of this small process,
not of the build), which

- works in a new empty folder, with standard input and error on ``/dev/null`` and standard
  output on a pipe to the worker,
- gets its own CPU-time limit, and an audit hook that refuses sockets, subprocesses, signals
  to other processes, changing limits and writing or changing files,
- replays the statements in a fresh namespace the way the interactive prompt echoes them,
  writes the outputs as JSON and ends like any interpreter does.

The worker answers with a 4-byte length and a JSON list of outputs, or ``null`` when the
child ran out of wall-clock time (it is killed), ended with an error status or printed
something that is not the list. Whatever a session does (loop, crash the interpreter, change a
module) ends with its child; the next session starts from the same clean copy.
"""

from __future__ import annotations

import atexit  # imported once here, not in every child as it ends (a quarter of its faults)
import gc
import json
import os
import resource
import select
import signal
import struct
import sys
import time
from types import CodeType

_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_REFUSED = ("socket.", "subprocess.", "os.system", "os.exec", "os.spawn", "os.fork",
            "os.posix_spawn", "ctypes.", "shutil.", "os.remove", "os.rename", "os.rmdir",
            "os.mkdir", "webbrowser.", "os.kill", "os.killpg", "signal.pthread_kill",
            "resource.setrlimit", "resource.prlimit", "os.symlink", "os.link",
            "os.truncate", "os.chmod", "os.chown", "os.utime")
MAX_REPLY_BYTES = 32 * 1024 * 1024


def _refuse(event: str, args: tuple[object, ...]) -> None:
    if event.startswith(_REFUSED):
        raise PermissionError("sandbox: " + event)
    if event == "open" and len(args) > 1:
        mode, flags = args[1], args[2] if len(args) > 2 else 0
        if isinstance(mode, str) and any(m in mode for m in "wax+"):
            raise PermissionError("sandbox: writing files")
        if mode is None and isinstance(flags, int) and flags & _WRITING:
            raise PermissionError("sandbox: writing files")


Prepared = tuple[str, CodeType | str]
"""A statement made ready in the worker: ``("eval", code)``, ``("exec", code)``, or
``("error", message)`` for a statement that does not compile (the prompt shows the error)."""
_PREPARED: dict[str, Prepared] = {}
PREPARED_KEPT = 4096
"""Statements whose compiled code the worker keeps: the sessions of a book share many."""


def _prepare(source: str) -> Prepared:
    """Compile a statement the way the prompt does (an expression, else a statement), in the
    worker: compiling in a fresh child costs it some hundred pages of memory copied for the
    parser, and compiling runs none of the session's code."""
    known = _PREPARED.get(source)
    if known is not None:
        return known
    try:
        try:
            prepared: Prepared = ("eval", compile(source, "<stdin>", "eval"))
        except SyntaxError:
            prepared = ("exec", compile(source, "<stdin>", "exec"))
    except BaseException as error:  # noqa: BLE001 - shown as the prompt shows it
        prepared = ("error", type(error).__name__ + ": " + str(error))
    if len(_PREPARED) >= PREPARED_KEPT:
        _PREPARED.clear()
    _PREPARED[source] = prepared
    return prepared


def _session(statements: list[Prepared]) -> None:
    """In the child: each statement's echo at the prompt, as JSON on standard output."""
    sys.addaudithook(_refuse)
    import io

    namespace: dict[str, object] = {"__name__": "__main__"}
    shown = []
    for kind, code in statements:
        out = io.StringIO()
        sys.stdout = out
        try:
            if kind == "error":
                print(code)
            elif kind == "exec":
                exec(code, namespace)  # noqa: S102 - the sandbox
            else:
                value = eval(code, namespace)  # noqa: S307 - the sandbox
                if value is not None:
                    print(repr(value))
        except BaseException as error:  # noqa: BLE001 - the prompt shows every error
            print(type(error).__name__ + ": " + str(error))
        finally:
            sys.stdout = sys.__stdout__
        shown.append(out.getvalue())
    assert sys.__stdout__ is not None
    sys.__stdout__.write(json.dumps(shown))


def _end() -> None:
    """End the child the way an interpreter ends a script (threads joined, exit functions
    run, output flushed), without tearing down the copy of the worker's own state (an
    interpreter that ends prints nothing from the objects it collects then either)."""
    if "threading" in sys.modules:
        sys.modules["threading"]._shutdown()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.__stdout__):
        if stream is not None:
            stream.flush()
    os._exit(0)


def _limit(kind: int, value: int) -> None:
    """Soft and hard limit ``value``, or the limit the worker was started with if lower."""
    hard = resource.getrlimit(kind)[1]
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(kind, (value, value))


def _enter_child(statements: list[Prepared], folder: str, output: int, cpu_seconds: int) -> None:
    os.chdir(folder)
    quiet = os.open(os.devnull, os.O_RDWR)
    os.dup2(quiet, 0)
    os.dup2(output, 1)
    os.dup2(quiet, 2)
    os.close(quiet)
    os.close(output)
    _limit(resource.RLIMIT_CPU, cpu_seconds)
    sys.argv = ["-c"]
    _session(statements)
    _end()


def _collect(pid: int, pipe: int, timeout: float) -> list[str] | None:
    """The child's outputs, or None (killed after ``timeout``, error status, not a list)."""
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        ready = select.select([pipe], [], [], max(left, 0))[0] if left > 0 else []
        if not ready:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return None
        data = os.read(pipe, 65536)
        if not data:
            break
        size += len(data)
        if size > MAX_REPLY_BYTES:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return None
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    try:
        shown = json.loads(b"".join(chunks).decode("utf-8"))
    except ValueError:
        return None
    return [str(s) for s in shown] if isinstance(shown, list) else None


def _read(size: int) -> bytes:
    data = b""
    while len(data) < size:
        part = os.read(0, size - len(data))
        if not part:
            return b""
        data += part
    return data


def _write(data: bytes) -> None:
    while data:
        data = data[os.write(1, data):]


def _clear(folder: str) -> None:
    try:
        os.rmdir(folder)
    except OSError:  # something was left behind despite the hook
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


def serve(timeout: float, cpu_seconds: int, memory_bytes: int) -> None:
    """Answer requests until standard input closes."""
    _limit(resource.RLIMIT_AS, memory_bytes)
    _limit(resource.RLIMIT_FSIZE, 0)
    _limit(resource.RLIMIT_NOFILE, 64)
    count = 0
    while True:
        header = _read(4)
        if not header:
            return
        statements = json.loads(_read(struct.unpack(">I", header)[0]).decode("utf-8"))
        prepared = [_prepare(str(source)) for source in statements]
        count += 1
        folder = os.path.abspath(f"session-{count}")
        os.mkdir(folder)
        pipe, output = os.pipe()
        gc.freeze()  # the child's collections leave the worker's objects (and pages) alone
        pid = os.fork()
        if pid == 0:
            os.close(pipe)
            _enter_child(prepared, folder, output, cpu_seconds)
        os.close(output)
        shown = _collect(pid, pipe, timeout)
        os.close(pipe)
        _clear(folder)
        reply = json.dumps(shown).encode("utf-8")
        _write(struct.pack(">I", len(reply)) + reply)


if __name__ == "__main__":
    serve(float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
