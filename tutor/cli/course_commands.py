"""``tutor course build|list|show`` (placeholder: to be completed by the study-graph work)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    course = typer.Typer(help="Build, list and show courses.", no_args_is_help=True)
    app.add_typer(course, name="course")

    @course.command("list")
    def list_courses() -> None:
        """List the courses under the courses folder."""
        from tutor.home import courses_dir

        for path in sorted(courses_dir().glob("*/")):
            typer.echo(path.name)
