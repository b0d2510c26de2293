"""``tutor author add|list|remove``: local author accounts for the web app (see
:mod:`tutor.roles`). The passphrase is read from the terminal without echo (or from
``--passphrase-stdin`` for scripts), never from the command line."""

from __future__ import annotations

import sys

import typer


def register(app: typer.Typer) -> None:
    author_app = typer.Typer(help="Author accounts: who may build, edit and export courses.",
                             no_args_is_help=True)
    app.add_typer(author_app, name="author")

    @author_app.command("add")
    def add(
        name: str = typer.Argument(..., help="The author's name (any script)."),
        passphrase_stdin: bool = typer.Option(
            False, "--passphrase-stdin", help="Read the passphrase from standard input."),
    ) -> None:
        """Create an author account (or set a new passphrase for an existing one)."""
        from tutor.context import TutorContext
        from tutor.errors import AccessError
        from tutor.roles import add_author

        if passphrase_stdin:
            passphrase = sys.stdin.readline().rstrip("\n")
        else:
            passphrase = typer.prompt("Passphrase", hide_input=True)
            if typer.prompt("Again", hide_input=True) != passphrase:
                raise AccessError("the two passphrases differ; nothing was changed")
        settings = TutorContext.from_env()
        shown = add_author(settings.data, name, passphrase, clock=settings.clock)
        typer.echo(f"author {shown!r} can now sign in on the Author page")

    @author_app.command("list")
    def list_authors() -> None:
        """List the author accounts."""
        from tutor.context import TutorContext
        from tutor.roles import author_names

        for shown in author_names(TutorContext.from_env().data):
            typer.echo(shown)

    @author_app.command("remove")
    def remove(name: str = typer.Argument(..., help="The author's name.")) -> None:
        """Remove an author account."""
        from tutor.context import TutorContext
        from tutor.roles import remove_author

        remove_author(TutorContext.from_env().data, name)
        typer.echo("removed")
