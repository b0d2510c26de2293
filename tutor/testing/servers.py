"""Real database and vector servers for tests and load runs, started on 127.0.0.1.

:func:`start_postgres` makes a throw-away PostgreSQL cluster with the Debian ``postgresql``
package's ``initdb`` and ``pg_ctl`` in a temporary folder, on a free port; when run as root it
runs them as the ``postgres`` system user (``initdb`` refuses root). :func:`start_chroma` runs
``chroma run`` (the installed chromadb's server) on a free port. Both stop and delete everything
they made when their ``stop()`` is called. A server that cannot start raises
:class:`ServerStartError` with what to install or where the log is; the tests turn that into a
failure, never a skip. Never imported at run time.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

START_WAIT_S = 60.0


class ServerStartError(RuntimeError):
    """A test server could not be started (the message says why and what to do)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def postgres_bin() -> Path:
    """The folder of ``initdb`` and ``pg_ctl`` (the newest installed major version)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[4]) if Path(p).parts[4].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise ServerStartError("PostgreSQL's initdb is not installed; run `bash scripts/services.sh` "
                           "(as root: apt-get install -y postgresql)")


@dataclass
class PostgresServer:
    url: str
    folder: Path
    bin: Path
    prefix: list[str] = field(default_factory=list)

    def stop(self) -> None:
        subprocess.run([*self.prefix, str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"),
                        "-m", "immediate", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)


def start_postgres(*, durable: bool = False, max_connections: int = 200) -> PostgresServer:
    """A new PostgreSQL cluster on 127.0.0.1 (database ``postgres``, user ``tutor``, trust
    authentication on the loopback only). ``durable=False`` turns fsync off (tests)."""
    bin_dir = postgres_bin()
    folder = Path(tempfile.mkdtemp(prefix="tutor-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        import pwd

        try:
            user = pwd.getpwnam("postgres")
        except KeyError as exc:
            raise ServerStartError("running as root and there is no `postgres` user to run "
                                   "PostgreSQL as; install the postgresql package") from exc
        os.chown(folder, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    data, log = folder / "data", folder / "server.log"
    port = free_port()
    server = PostgresServer(f"postgresql://tutor@127.0.0.1:{port}/postgres", folder, bin_dir,
                            prefix)
    init = subprocess.run([*prefix, str(bin_dir / "initdb"), "-D", str(data), "-U", "tutor",
                           "-A", "trust", "-E", "UTF8", "--no-sync"],
                          capture_output=True, text=True, timeout=120)
    if init.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise ServerStartError(f"initdb failed: {init.stderr.strip()[-400:]}")
    options = (f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 "
               f"-c max_connections={max_connections}"
               + ("" if durable else " -c fsync=off -c synchronous_commit=off"))
    started = subprocess.run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log),
                              "-o", options, "-w", "-t", str(int(START_WAIT_S)), "start"],
                             capture_output=True, text=True, timeout=START_WAIT_S + 30)
    if started.returncode != 0:
        tail = log.read_text(errors="replace")[-400:] if log.exists() else started.stderr
        server.stop()
        raise ServerStartError(f"PostgreSQL did not start on port {port}: {tail.strip()}")
    return server


@dataclass
class ChromaServer:
    url: str
    folder: Path
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=20)
        shutil.rmtree(self.folder, ignore_errors=True)


def chroma_command() -> list[str]:
    """``chroma`` from the same environment as this Python."""
    beside = Path(sys.executable).parent / "chroma"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("chroma")
    if found:
        return [found]
    raise ServerStartError("the `chroma` command is not installed; run `bash scripts/setup.sh`")


def start_chroma() -> ChromaServer:
    """``chroma run`` on a free loopback port with its data in a new temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="tutor-chroma-"))
    port = free_port()
    log = (folder / "server.log").open("wb")
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    process = subprocess.Popen(
        [*chroma_command(), "run", "--path", str(folder / "data"), "--host", "127.0.0.1",
         "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, env=env)
    server = ChromaServer(f"http://127.0.0.1:{port}", folder, process)
    deadline = time.monotonic() + START_WAIT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{server.url}/api/v2/heartbeat", timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    text = (folder / "server.log").read_text(errors="replace")[-400:]
    server.stop()
    raise ServerStartError(f"chroma run did not answer on port {port}: {text.strip()}")
