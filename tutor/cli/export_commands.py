"""``tutor export COURSE --format FORMAT --out FILE``."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export(
        course: str = typer.Argument(..., help="Course name, course folder or course.json."),
        fmt: str = typer.Option(..., "--format", "-f",
                                help="anki | gift | markdown | graphml | json"),
        out: Path | None = typer.Option(None, "--out", "-o",
                                        help="Output file (default: <course>.<ext> here)."),
        learner: str | None = typer.Option(
            None, "--learner",
            help="Anki only: accepted for symmetry; due dates are not carried (see docs)."),
    ) -> None:
        """Export a built course: an Anki deck, a Moodle GIFT quiz, a Markdown study guide,
        or the concept graph (GraphML, JSON)."""
        from tutor.catalog import load_course
        from tutor.errors import TutorError
        from tutor.export import FORMATS, SUFFIXES, export_course

        if fmt not in FORMATS:
            raise TutorError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
        loaded = load_course(course)
        target = out or Path(f"{loaded.slug or 'course'}{SUFFIXES[fmt]}")
        summary = export_course(loaded, fmt, target)
        parts = ", ".join(f"{v} {k}" for k, v in sorted(summary.detail.items()))
        typer.echo(f"wrote {summary.path} ({parts})")
        for kind, count in sorted(summary.skipped.items()):
            typer.echo(f"skipped {count} {kind} exercise(s): the format cannot hold them")
        if learner and fmt == "anki":
            typer.echo("note: Anki packages cannot carry review due dates; "
                       "the learner's schedule stays in the tutor")
