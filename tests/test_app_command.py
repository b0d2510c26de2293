"""``tutor app``: the streamlit command it runs, where it runs it, and with which settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.app_support import APP, REPO
from tutor.cli import app_commands
from tutor.cli.main import main
from tutor.errors import TutorError


def test_the_command_is_headless_local_and_without_usage_stats() -> None:
    command = app_commands.streamlit_command(APP, 8765, "127.0.0.1")
    assert command[:5] == [sys.executable, "-m", "streamlit", "run", str(APP)]
    options = dict(zip(command[5::2], command[6::2], strict=True))
    assert options == {"--server.port": "8765", "--server.address": "127.0.0.1",
                       "--server.headless": "true", "--browser.gatherUsageStats": "false"}


def test_the_app_is_found_in_the_checkout_when_the_home_has_none(tutor_home: Path) -> None:
    assert app_commands.find_app(tutor_home) == APP.resolve()


def test_an_app_in_the_home_wins(tutor_home: Path) -> None:
    (tutor_home / "webapp").mkdir()
    (tutor_home / "app.py").write_text("import streamlit\n")
    assert app_commands.find_app(tutor_home) == (tutor_home / "app.py").resolve()


def test_no_app_anywhere_is_a_tutor_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_commands, "__file__", str(tmp_path / "a" / "b" / "c.py"))
    with pytest.raises(TutorError, match="app.py"):
        app_commands.find_app(tmp_path)


def test_tutor_app_runs_streamlit_from_the_app_folder(
    tutor_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[list[str], dict]] = []

    def fake_call(command: list[str], **kwargs: object) -> int:
        calls.append((command, kwargs))
        return 0

    monkeypatch.setattr(subprocess, "call", fake_call)
    assert main(["app", "--port", "8600"]) == 0
    [(command, kwargs)] = calls
    assert command[command.index("--server.port") + 1] == "8600"
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    assert kwargs["cwd"] == REPO
    env = kwargs["env"]
    assert env["TUTOR_HOME"] == str(tutor_home)
    assert env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] == "false"


def test_dry_run_prints_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["app", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "streamlit run" in out and "--server.address 127.0.0.1" in out


def test_usage_stats_are_off_in_the_checkout_config() -> None:
    import tomllib

    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
