"""The sandbox that replays the book's sessions: one worker for every session, each session in
a fresh child, with the guarantees of a process per session (limits, no network, no writing,
isolation) and the same outputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence

import pytest

from tutor.engine.offline.code_output.code_sandbox import Sandbox

pytestmark = pytest.mark.e2e


@pytest.fixture
def sandbox():  # type: ignore[no-untyped-def]
    box = Sandbox(timeout=2.0, cpu_seconds=1, memory_bytes=256 * 1024 * 1024)
    yield box
    box.close()


def test_sessions_do_not_share_names_or_module_state(sandbox: Sandbox) -> None:
    assert sandbox.replay(["x = 1", "x"]) == ["", "1\n"]
    assert sandbox.replay(["x"]) == ["NameError: name 'x' is not defined\n"]
    assert sandbox.replay(["import math", "math.pi = 3", "math.pi"]) == ["", "", "3\n"]
    assert sandbox.replay(["import math", "math.pi"]) == ["", "3.141592653589793\n"]
    assert sandbox.replay(["import builtins", "builtins.len = None"]) == ["", ""]
    assert sandbox.replay(["len('abc')"]) == ["3\n"]
    assert sandbox.starts == 1


def test_a_session_that_runs_too_long_is_stopped_and_the_rest_go_on(sandbox: Sandbox) -> None:
    assert sandbox.replay(["while True: pass"]) is None  # CPU limit
    assert sandbox.replay(["import time", "time.sleep(30)"]) is None  # wall-clock limit
    assert sandbox.replay(["2 + 2"]) == ["4\n"]


def test_a_session_that_crashes_the_interpreter_costs_only_itself(sandbox: Sandbox) -> None:
    assert sandbox.replay(["import os", "os._exit(0)"]) is None
    assert sandbox.replay(["import faulthandler", "faulthandler._sigsegv()"]) is None
    deep = "import sys\nsys.setrecursionlimit(10 ** 8)\ndef f(n): return f(n + 1)"
    assert sandbox.replay([deep, "f(0)"]) is None  # the C stack runs out
    assert sandbox.replay(["def g(): return g()", "g()"]) == [
        "", "RecursionError: maximum recursion depth exceeded\n"]
    assert sandbox.replay(["'still' + ' here'"]) == ["'still here'\n"]
    assert sandbox.starts == 1


def test_a_worker_that_dies_is_started_again(sandbox: Sandbox) -> None:
    assert sandbox.replay(["1"]) == ["1\n"]
    worker = sandbox._worker
    assert worker is not None
    worker.kill()
    worker.wait()
    assert sandbox.replay(["2"]) == ["2\n"]
    assert sandbox.starts == 2


def test_no_network_no_processes_no_signals(sandbox: Sandbox) -> None:
    shown = sandbox.replay([
        "import socket", "socket.socket()", "socket.create_connection(('127.0.0.1', 9))",
        "import subprocess", "subprocess.run(['ls'])", "import os", "os.system('ls')",
        "os.kill(os.getppid(), 9)", "os.fork()"])
    assert shown is not None
    assert [i for i, line in enumerate(shown) if line.startswith("PermissionError: sandbox")
            ] == [1, 2, 4, 6, 7, 8]


def test_memory_is_limited_inside_the_worker(sandbox: Sandbox) -> None:
    shown = sandbox.replay([
        "import resource", "resource.getrlimit(resource.RLIMIT_AS)[0]",
        "len(bytearray(512 * 2 ** 20))",
        "resource.setrlimit(resource.RLIMIT_AS, (-1, -1))"])
    assert shown is not None
    assert shown[1] == f"{256 * 1024 * 1024}\n"
    assert shown[2].startswith("MemoryError") and shown[3].startswith("PermissionError")


def test_each_session_works_in_an_empty_temporary_folder_it_cannot_write(
        sandbox: Sandbox) -> None:
    outside = tempfile.mkdtemp(prefix="tutor-replay-test-")
    shown = sandbox.replay([
        "import os", "os.getcwd()",
        "os.listdir('.')", "open('notes.txt', 'w')",
        f"os.open({outside!r} + '/made', os.O_CREAT | os.O_WRONLY)",
        f"os.symlink('/etc/passwd', {outside!r} + '/link')", "os.mkdir('made')",
        "sorted(os.environ)", "open('/etc/hostname').read() != ''"])
    assert shown is not None
    assert shown[1].strip("'\n").startswith(tempfile.gettempdir()) and shown[2] == "[]\n"
    assert all(line.startswith("PermissionError: sandbox") for line in shown[3:7])
    assert shown[7] == "['LANG', 'PATH', 'PYTHONHASHSEED']\n"
    assert shown[8] == "True\n"  # reading is allowed, as before
    assert os.listdir(outside) == []
    os.rmdir(outside)


def test_threads_of_the_build_share_the_one_worker(sandbox: Sandbox) -> None:
    results: dict[int, list[str] | None] = {}

    def ask(n: int) -> None:
        results[n] = sandbox.replay([f"n = {n}", "n * n"])

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {n: ["", f"{n * n}\n"] for n in range(8)}
    assert sandbox.starts == 1


_PER_PROCESS = r'''
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
import io
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
"""The sandbox as it was: one interpreter per session (the reference for the outputs)."""


def _per_process(statements: Sequence[str]) -> list[str] | None:
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(  # noqa: S603 - our own interpreter
            [sys.executable, "-I", "-S", "-c", _PER_PROCESS], input=json.dumps(list(statements)),
            capture_output=True, text=True, timeout=10, cwd=folder, check=False,
            env={"PATH": "", "LANG": "C.UTF-8", "PYTHONHASHSEED": "0"})
    if done.returncode != 0:
        return None
    try:
        shown = json.loads(done.stdout)
    except ValueError:
        return None
    return [str(s) for s in shown]


SESSIONS = [
    ["x = 5", "x * 2", "print('hi')", "'a' + 'b'"],
    ["t = [1, 2, 3]", "t.append(4)", "t", "t[10]"],
    ["d = {'a': 1, 'b': 2}", "d", "d['c']", "list(d.items())"],
    ["s = {3, 1, 4, 1, 5, 9, 2, 6}", "s", "sorted({'banana', 'apple', 'cherry'})"],
    ["class Point:\n    pass", "p = Point()", "type(p)", "p.x"],
    ["def f(n):\n    if n == 0:\n        return 1\n    return n * f(n - 1)", "f(10)"],
    ["import math", "math.sqrt(2)", "math.pi", "1 / 0"],
    ["'%d %s' % (3, 'x')", "int('abc')", "'café'.upper()", "b'\\xff'"],
    ["input('name? ')"],
    ["import sys", "sys.exit(3)", "42"],
    ["print('a', end='')", "print('b')", "for i in range(3):\n    print(i)"],
    ["def", "1 +", "None", "(1, 2) + (3,)"],
    ["import atexit", "atexit.register(print, 'bye')"],
    ["class Noisy:\n    def __del__(self):\n        print('gone')", "n = Noisy()"],
    ["import os", "os._exit(0)"],
    ["import random", "random.seed(1)", "random.randint(1, 100)"],
    ["word = 'banana'", "word.find('na')", "word[::-1]", "len(word)", "word.count('a')"],
]


def test_the_outputs_are_those_of_a_process_per_session(sandbox: Sandbox) -> None:
    for statements in SESSIONS:
        assert sandbox.replay(statements) == _per_process(statements), statements


def test_the_first_statements_of_a_replayed_session_show_what_they_show_alone(
        sandbox: Sandbox) -> None:
    for statements in SESSIONS:
        sandbox.replay(statements)
        for cut in range(1, len(statements)):
            assert sandbox.replay(statements[:cut]) == _per_process(statements[:cut]), (
                statements[:cut])
