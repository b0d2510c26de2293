"""``tutor eval simulate COURSE``: compare teaching policies on simulated learners."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from tutor.evals.policy_comparison import SimulationReport


def register(eval_app: typer.Typer) -> None:
    @eval_app.command("simulate")
    def simulate_command(
        course: str = typer.Argument(
            ..., help="Course name under courses/, or a path to a course folder or course.json."
        ),
        learners: int = typer.Option(200, "--learners", min=1, help="Simulated learners."),
        seed: int = typer.Option(7, "--seed", help="Seed of the simulated learners."),
        family: list[str] = typer.Option(
            [], "--family",
            help="Simulator family (repeatable): bkt, forgetting, spacing. Default: all."
        ),
        teacher_map: str = typer.Option(
            "", "--teacher-map",
            help="A teacher's concept map (*_map.json) whose prerequisites the simulated "
            "learners truly need. Default: the map of the course's book in "
            "shared/eval/concepts, if any, else the course's own graph."),
        as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    ) -> None:
        """Teach simulated learners with our policy, textbook order and random order."""
        from tutor.catalog import load_course
        from tutor.evals.policy_comparison import compare
        from tutor.evals.simulated_learners import FAMILIES

        loaded = load_course(course)
        unknown = [f for f in family if f not in FAMILIES]
        if unknown:
            raise typer.BadParameter(f"unknown family {unknown[0]!r}; use one of {FAMILIES}")
        families = tuple(f for f in FAMILIES if not family or f in family)
        report = compare(loaded, n_learners=learners, seed=seed, families=families,
                         teacher_map=Path(teacher_map) if teacher_map else None)
        if as_json:
            typer.echo(report.model_dump_json(indent=2, exclude={"results": {"__all__": {"runs"}}}))
            return
        print_report(report)


def print_report(report: SimulationReport) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    first = report.results[0]
    table = Table(
        title=(
            f"Simulated learners: {report.course} ({report.n_concepts} concepts, "
            f"{report.n_learners} learners per family, seed {report.seed}); means [95% CI]"
        ),
        caption=(
            f"censored: runs stopped at the cap of {first.cap} exercises (counted at the cap); "
            f"N = {first.n_check} exercises; over-practice: exercises on concepts already known"
        ),
    )
    table.add_column("family")
    table.add_column("policy")
    table.add_column("exercises to full mastery", justify="right")
    table.add_column("censored", justify="right")
    table.add_column("learned after N", justify="right")
    table.add_column("over-practice", justify="right")
    table.add_column("final mastery", justify="right")
    for result in report.results:
        table.add_row(
            result.family,
            result.policy,
            result.exercises.label(),
            str(result.censored),
            result.learned_after_n.label(percent=True),
            result.over_practice.label(),
            result.final_share.label(percent=True),
        )
    console.print(table)
    for comparison in report.comparisons:
        verdict = "met" if comparison.target_met else "NOT met"
        console.print(
            f"{comparison.family}: ours needs {comparison.reduction.label(percent=True)} fewer "
            f"exercises than textbook order ({comparison.difference.label()} exercises per "
            f"learner, paired bootstrap); {comparison.share_better.label(percent=True)} of "
            f"learners better off, {100 * comparison.share_worse:.0f}% worse; target (CI above "
            f"0, at least half better off): {verdict}"
        )
        if comparison.final_share_gain is not None:
            console.print(f"  concepts truly known at the end, ours minus textbook: "
                          f"{comparison.final_share_gain.label(digits=3)}")
    console.print(f"true prerequisites of the simulated learners: {report.true_prerequisites} "
                  f"({report.true_prerequisite_pairs} pairs)")
