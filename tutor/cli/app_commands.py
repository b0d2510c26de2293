"""``tutor app [--port N] [--address HOST]``: start the Streamlit web app.

The app (``app.py`` and ``webapp/``) lives beside the package in a checkout, or in the tutor
home. It runs with ``streamlit run`` from its own folder (so ``.streamlit/config.toml`` is
read), headless, with usage statistics off, on 127.0.0.1 unless told otherwise; the tutor home
the command was started with is passed on as ``TUTOR_HOME``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import typer

APP_FILE = "app.py"


def find_app(home: Path) -> Path:
    """The web app's entry script: ``<home>/app.py``, else the checkout's ``app.py``."""
    from tutor.errors import TutorError

    checkout = Path(__file__).resolve().parents[2]
    for folder in (home, checkout):
        candidate = folder / APP_FILE
        if candidate.is_file() and (folder / "webapp").is_dir():
            return candidate.resolve()
    raise TutorError(
        f"no {APP_FILE} (with its webapp/ folder) in {home} or {checkout}; run from a checkout "
        "of the tutor or set TUTOR_HOME to one"
    )


def streamlit_command(app: Path, port: int, address: str) -> list[str]:
    """The ``streamlit run`` command line for ``app``."""
    return [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.port", str(port),
        "--server.address", address,
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]


def app_environment(home: Path, data: Path) -> dict[str, str]:
    """The child's environment: this one, with the tutor home and data folders pinned and
    telemetry off."""
    env = dict(os.environ)
    env.update(
        TUTOR_HOME=str(home),
        TUTOR_DATA=str(data),
        STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
        ANONYMIZED_TELEMETRY="False",
    )
    return env


def register(app: typer.Typer) -> None:
    @app.command("app")
    def run_app(
        port: int = typer.Option(8501, "--port", "-p", help="Port to serve on."),
        address: str = typer.Option(
            "127.0.0.1", "--address",
            help="Address to listen on (0.0.0.0 to serve other machines; see docs/web-app.md)."),
        dry_run: bool = typer.Option(False, "--dry-run",
                                     help="Print the command instead of running it."),
    ) -> None:
        """Start the web app (learn, course map, progress, author) in the browser."""
        from tutor.context import TutorContext

        context = TutorContext.from_env()
        script = find_app(context.home)
        command = streamlit_command(script, port, address)
        if dry_run:
            typer.echo(" ".join(command))
            return
        typer.echo(f"Serving the tutor on http://{address}:{port} (Ctrl+C stops it)")
        try:
            code = subprocess.call(command, cwd=script.parent,
                                   env=app_environment(context.home, context.data))
        except KeyboardInterrupt:
            code = 0
        if code:
            raise typer.Exit(code)
