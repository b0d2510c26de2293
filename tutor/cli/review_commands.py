"""``tutor course review NAME [--approve ID...] [--delete ID...]``: review a course's exercises
from the shell, through the same functions as the web app's Author page
(:mod:`tutor.author_desk`); every change goes into the course's overlay of author edits and
survives rebuilds."""

from __future__ import annotations

from typing import Annotated

import typer


def review(
    name: Annotated[str, typer.Argument(help="Course name or course folder.")],
    approve: Annotated[list[str] | None, typer.Option(
        "--approve", help="Mark this exercise id reviewed (repeat for several).")] = None,
    approve_all: Annotated[bool, typer.Option(
        "--approve-all", help="Mark every exercise not reviewed yet as reviewed.")] = False,
    delete: Annotated[list[str] | None, typer.Option(
        "--delete", help="Delete this exercise id (repeat for several).")] = None,
    unreviewed: Annotated[bool, typer.Option(
        "--unreviewed", help="List only the exercises not reviewed yet.")] = False,
) -> None:
    """List a course's exercises with their review state, approve or delete some."""
    from tutor import author_desk as desk
    from tutor.catalog import resolve_course_dir
    from tutor.context import TutorContext
    from tutor.roles import shell_grant

    context = TutorContext.from_env()
    grant = shell_grant()  # whoever runs the command can edit the course files anyway
    folder = resolve_course_dir(name, context.home)  # a name or a folder, as everywhere
    course = desk.course_with_answers(grant, context, str(folder))
    ids = list(approve or [])
    if approve_all:
        ids += [e.id for e in course.exercises if not e.reviewed and e.id not in ids]
    if ids:
        course = desk.mark_reviewed(grant, folder, ids)
        typer.echo(f"approved {len(ids)} exercise(s)")
    for exercise_id in delete or []:
        course = desk.delete_exercise(grant, folder, exercise_id)
        typer.echo(f"deleted {exercise_id}")
    shown = [e for e in course.exercises if not (unreviewed and e.reviewed)]
    for exercise in shown:
        mark = "x" if exercise.reviewed else " "
        prompt = " ".join(exercise.prompt.split())[:70]
        typer.echo(f"[{mark}] {exercise.id}  {prompt}")
    left = sum(1 for e in course.exercises if not e.reviewed)
    typer.echo(f"{len(course.exercises)} exercises, {left} not reviewed yet")


def register(app: typer.Typer) -> None:
    """Add ``review`` to the ``course`` group made by :mod:`tutor.cli.course_commands`."""
    for group in app.registered_groups:
        if group.name == "course" and group.typer_instance is not None:
            group.typer_instance.command("review")(review)
            return
