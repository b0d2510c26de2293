"""Entry point of the ``tutor`` command: registers each command group's module.

Each module under ``tutor/cli/`` owns one noun group and keeps its heavy imports inside the
command functions, so that ``tutor --help`` stays fast.
"""

from __future__ import annotations

import sys

import typer

from tutor.errors import TutorError

app = typer.Typer(
    name="tutor",
    help="An agent-first tutor: build a course from your material, then learn it one-on-one.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


eval_app = typer.Typer(help="Evaluate the tutor: simulated learners, grading.",
                       no_args_is_help=True)
app.add_typer(eval_app, name="eval")

# (module, typer app it registers its commands on)
_COMMAND_MODULES = [
    ("course_commands", app),
    ("learn_commands", app),
    ("simulate_commands", eval_app),
    ("grading_commands", eval_app),
    ("load_commands", eval_app),
    ("audit_commands", eval_app),
    ("export_commands", app),
    ("lesson_commands", app),
    ("app_commands", app),
    ("author_commands", app),
    ("review_commands", app),
]


def _register() -> None:
    for module_name, target in _COMMAND_MODULES:
        try:
            module = __import__(f"tutor.cli.{module_name}", fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != f"tutor.cli.{module_name}":
                raise
            continue
        module.register(target)


_register()


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; user errors print one line and exit with status 2, a bug in the tutor
    prints where its report was saved and exits with status 1."""
    try:
        result = app(args=argv, standalone_mode=False)
    except TutorError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        return 2
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        typer.echo("aborted", err=True)
        return 130
    except Exception as exc:  # click usage errors, or a bug in the tutor
        import click

        # typer may carry its own copy of click, whose exceptions are not click's classes
        usage = isinstance(exc, (click.ClickException, typer.TyperException))
        if usage and hasattr(exc, "show") and hasattr(exc, "exit_code"):
            exc.show()
            return int(exc.exit_code)
        from tutor.cli.crash_report import debugging, report_crash

        if debugging():
            raise
        return report_crash(exc, argv)
    # In non-standalone mode click returns the code of a `typer.Exit` instead of exiting.
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
