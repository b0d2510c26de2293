"""Shared fixtures: every test runs with its own tutor home and data folder."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tutor.context import TutorContext
from tutor.testing.fake_anthropic import FakeAnthropic

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.pop("ANTHROPIC_API_KEY", None)

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"


@pytest.fixture(autouse=True)
def tutor_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh TUTOR_HOME (with an empty courses/) and TUTOR_DATA for each test."""
    home = tmp_path / "home"
    (home / "courses").mkdir(parents=True)
    monkeypatch.setenv("TUTOR_HOME", str(home))
    monkeypatch.setenv("TUTOR_DATA", str(home / ".tutor"))
    monkeypatch.setenv("TUTOR_PROMPTS", str(REPO / "prompts"))
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.delenv("TUTOR_DATABASE_URL", raising=False)
    monkeypatch.delenv("TUTOR_CHROMA_URL", raising=False)
    # Lessons never start embedding a course's sources unless a test asks for it.
    monkeypatch.setenv("TUTOR_BUILD_PASSAGES", "0")
    return home


@pytest.fixture
def demo_context(tutor_home: Path) -> TutorContext:
    """The demo course (its first concept taught by one cloze) built in the tutor home; an
    offline context on it."""
    from tests.factories import COURSE, cloze_first_course

    folder = tutor_home / "courses" / COURSE
    folder.mkdir(parents=True)
    (folder / "course.json").write_text(cloze_first_course().to_json(), encoding="utf-8")
    return TutorContext.from_env(engine="offline")


@pytest.fixture
def streamed_fake() -> Iterator[FakeAnthropic]:
    """The local fake Messages API sending each reply as SSE events of three characters (keys
    and citations split across events), with its default replies."""
    with FakeAnthropic(stream_chunk=3) as server:
        yield server


def eval_path(*parts: str) -> Path:
    """A file under ../shared/eval; skips the test with a message when it is absent."""
    path = EVAL.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"evaluation data not found at {path} (../shared/eval is not beside the repo)")
    return path


@pytest.fixture(autouse=True)
def fast_tier_starts_no_process(request: pytest.FixtureRequest,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests outside the e2e and soak tiers run in this process only: starting a program
    from one is a mistake in its marks, reported as such."""
    if request.node.get_closest_marker("e2e") or request.node.get_closest_marker("soak"):
        return

    def refuse(self: subprocess.Popen, args: object, *rest: object, **options: object) -> None:
        raise AssertionError(
            f"{request.node.nodeid} starts a process ({args!r}); mark it e2e or soak"
        )

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A real PostgreSQL (Debian's initdb/pg_ctl, temp folder, free port) for the session; its
    admin URL. A server that cannot start fails the test with the reason (never a skip)."""
    from tutor.testing.servers import ServerStartError, start_postgres

    try:
        server = start_postgres()
    except ServerStartError as exc:
        pytest.fail(f"cannot start PostgreSQL for this test: {exc}", pytrace=False)
    yield server.url
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the session's PostgreSQL, dropped after the test."""
    import uuid

    import psycopg

    from tutor.storage.postgres_server import close_pools

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield postgres_server.rsplit("/", 1)[0] + f"/{name}"
    close_pools()
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def chroma_url() -> Iterator[str]:
    """A real ``chroma run`` server (temp folder, free port) for the session; its URL. A server
    that cannot start fails the test with the reason (never a skip)."""
    from tutor.testing.servers import ServerStartError, start_chroma

    try:
        server = start_chroma()
    except ServerStartError as exc:
        pytest.fail(f"cannot start the Chroma server for this test: {exc}", pytrace=False)
    yield server.url
    server.stop()
