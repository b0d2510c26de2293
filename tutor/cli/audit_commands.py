"""``tutor eval audit COURSE``: scripted learners through real lessons, and what they saw.

Reports leaks (a key shown before the first attempt), the most times one exercise was posed,
the longest run of exercises on one concept and the share of exercises by origin; see
:mod:`tutor.evals.lesson_audit`.
"""

from __future__ import annotations

import json

import typer


def register(eval_app: typer.Typer) -> None:
    @eval_app.command("audit")
    def audit_command(
        course: str = typer.Argument(..., help="Course name or course folder."),
        seed: int = typer.Option(0, "--seed", help="Seed of the scripted learners."),
        as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    ) -> None:
        """Run strong, weak and answer-fishing learners through real lessons; report leaks,
        repeats, the longest run on one concept and the share of exercises by origin."""
        from tutor.catalog import resolve_course_dir
        from tutor.context import TutorContext
        from tutor.evals.lesson_audit import audit_course

        folder = resolve_course_dir(course, TutorContext.from_env().home)
        report = audit_course(folder, seed=seed)
        if as_json:
            typer.echo(json.dumps(report, indent=2))
            return
        for style, row in report["learners"].items():
            typer.echo(f"{style:8} posed {row['exercises_posed']:3}  leaks {row['leaks']}  "
                       f"most times one item {row['most_times_one_item_posed']}  longest run "
                       f"on one concept {row['longest_run_on_one_concept']}  concepts "
                       f"{row['concepts_reached']}  turns {row['turns_used']}  by origin "
                       f"{row['share_by_origin']}")
