"""Our teaching policy against textbook order on simulated learners, on two courses.

    .venv/bin/python bench/simulate.py [--learners 200] [--seeds 11,13] [--policies ours,textbook]
        [--courses sample,synthetic,PATH] [--families bkt,forgetting,spacing] [--jobs 1]
        [--spending]

Courses: the sample course (``courses/probability-basics``), the synthetic ten-concept course
of the tests (a chain with two branches that join), and any built course folder given by path
(a course built from a shared book gets its learners' true prerequisites from the teacher's
map, see :mod:`tutor.evals.teacher_maps`). Seed 7 is the tuning seed (the simulator families
and the policy's constants were set on it); the default seeds 11 and 13 are for reporting. For every simulator family it reports, per
policy, the exercises until the hidden state knows every concept (mean and 95% CI; censored
runs counted at the cap), the runs censored, over-practice and the final true mastery, and
our paired reduction against textbook order with its 95% bootstrap CI and the share of paired
learners better off: of exercises to full mastery (``bkt``), or, for the families whose
learners forget, of the share of concepts not known after the same number of exercises (the
cap) for both policies (``unknown_at_end``; see
:mod:`tutor.evals.simulate`). Prints a table and the JSON, and writes
``bench/results/simulate.json``. Each (course, seed) takes minutes on a loaded 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tutor.course import Course  # noqa: E402
from tutor.evals.policy_comparison import SimulationReport, compare  # noqa: E402
from tutor.evals.simulated_learners import FAMILIES  # noqa: E402
from tutor.evals.simulated_spending import spending  # noqa: E402
from tutor.evals.teaching_policies import POLICIES  # noqa: E402
from tutor.teach import policy  # noqa: E402
from tutor.testing.courses import branching_course as synthetic_course  # noqa: E402

SAMPLE = ROOT / "courses" / "probability-basics" / "course.json"


def summarize(report: SimulationReport, seconds: float) -> dict:
    """The report without per-learner runs, as plain numbers."""
    rows = []
    for result in report.results:
        rows.append(
            {
                "family": result.family,
                "policy": result.policy,
                "exercises": result.exercises.model_dump(),
                "censored": result.censored,
                "over_practice": result.over_practice.model_dump(),
                "final_share": result.final_share.model_dump(),
                "learned_after_n": result.learned_after_n.model_dump(),
                "n_check": result.n_check,
                "whole_cap": result.whole_cap,
            }
        )
    comparisons = [
        {
            "family": c.family,
            "measure": c.measure,
            "reduction": c.reduction.model_dump(),
            "difference": c.difference.model_dump(),
            "share_better": c.share_better.model_dump(),
            "share_worse": c.share_worse,
            "final_share_gain": (c.final_share_gain.model_dump()
                                 if c.final_share_gain is not None else None),
            "target_met": c.target_met,
        }
        for c in report.comparisons
    ]
    return {
        "course": report.course,
        "n_concepts": report.n_concepts,
        "n_learners": report.n_learners,
        "seed": report.seed,
        "true_prerequisites": report.true_prerequisites,
        "seconds": round(seconds, 1),
        "results": rows,
        "comparisons": comparisons,
    }


def table(summary: dict) -> str:
    head = f"{summary['course']} ({summary['n_concepts']} concepts, " \
        f"{summary['n_learners']} learners, seed {summary['seed']})"
    lines = [head]
    for row in summary["results"]:
        ex, op, fin = row["exercises"], row["over_practice"], row["final_share"]
        lines.append(
            f"  {row['family']:<10} {row['policy']:<8} exercises {ex['mean']:6.1f} "
            f"[{ex['low']:.1f}, {ex['high']:.1f}]  censored {row['censored']:3d}  "
            f"over-practice {op['mean']:5.1f}  final mastery {fin['mean']:.3f}"
        )
    for c in summary["comparisons"]:
        r = c["reduction"]
        lines.append(
            f"  {c['family']:<10} reduction of {c['measure']} {100 * r['mean']:.1f}% "
            f"[{100 * r['low']:.1f}, {100 * r['high']:.1f}]  better off "
            f"{100 * c['share_better']['mean']:.0f}%, worse off {100 * c['share_worse']:.0f}%  "
            f"target met: {c['target_met']}"
        )
    return "\n".join(lines)


def _one_run(task: tuple[Course, int, int, list, list, bool]) -> dict:
    """One (course, seed): the comparison, summarised (run in a worker with ``--jobs``); with
    ``spending``, where each policy's exercises went on each family (per learner)."""
    course, learners, seed, policies, families, with_spending = task
    start = time.perf_counter()
    report = compare(course, n_learners=learners, seed=seed, policies=policies,
                     families=families)
    summary = summarize(report, time.perf_counter() - start)
    if with_spending:
        summary["spending"] = {f"{family}/{name}": spending(course, family, name, learners, seed)
                               for family in families for name in policies}
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--seeds", default="11,13",
                        help="comma-separated seeds (7 is the tuning seed: report others)")
    parser.add_argument("--policies", default="ours,textbook", help=f"from {','.join(POLICIES)}")
    parser.add_argument("--courses", default="sample,synthetic")
    parser.add_argument("--families", default=",".join(FAMILIES),
                        help=f"from {','.join(FAMILIES)}")
    parser.add_argument("--jobs", type=int, default=1,
                        help="(course, seed) runs at once, each in its own process")
    parser.add_argument("--spending", action="store_true",
                        help="also count where each policy's exercises go (simulated_spending)")
    args = parser.parse_args()
    policies = [p for p in args.policies.split(",") if p in POLICIES]
    families = [f for f in args.families.split(",") if f in FAMILIES]
    courses: list[Course] = []
    for name in args.courses.split(","):
        if name == "sample":
            courses.append(Course.model_validate_json(SAMPLE.read_text(encoding="utf-8")))
        elif name == "synthetic":
            courses.append(synthetic_course())
        else:
            path = Path(name)
            path = path / "course.json" if path.is_dir() else path
            courses.append(Course.model_validate_json(path.read_text(encoding="utf-8")))
    tasks = [(course, args.learners, int(seed), policies, families, args.spending)
             for seed in args.seeds.split(",") for course in courses]
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as workers:
        runs = list(workers.map(_one_run, tasks))
    for summary in runs:
        print(table(summary), flush=True)
    result = {
        "bench": "simulate",
        "policy_settings": {
            "review_first_below": policy.REVIEW_FIRST_BELOW,
            "step_back_after": policy.STEP_BACK_AFTER,
            "rest_after": policy.REST_AFTER,
            "check_below": policy.CHECK_BELOW,
        },
        "conditions": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg()[0],
        },
        "runs": runs,
    }
    out = ROOT / "bench" / "results" / "simulate.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
