"""The short-answer grader against answers built from a built course's own keys, per shape.

    .venv/bin/python bench/adversarial_keys.py --tune DIR... --report DIR...   # prints JSON

Each DIR is a built course (its ``course.json``). For every short answer the bench grades the
cases of :mod:`tutor.evals.adversarial_keys` (the key and rewordings of it, the key negated in
every place, keyword salads, the nearest same-shape sibling's key) with the product grader and
reports the share graded right per shape and family, separately for the courses the guards
were tuned on (``--tune``) and those only reported (``--report``). ``--failures`` lists the
cases graded wrong on the tuning courses (never those of the reported ones).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

RESULTS = REPO / "bench" / "results" / "adversarial_keys.json"


def main() -> None:
    from tutor.evals.adversarial_keys import graded_right, shares

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", nargs="*", default=[], type=Path)
    parser.add_argument("--report", nargs="*", default=[], type=Path)
    parser.add_argument("--failures", action="store_true")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    result: dict[str, object] = {}
    for part in ("tune", "report"):
        rows = [r for d in getattr(args, part) for r in graded_right(d)]
        result[part] = {"courses": [d.name for d in getattr(args, part)],
                        "by_family": shares(rows, ("family",)),
                        "by_shape": shares(rows),
                        "by_variant": shares(rows, ("family", "variant"))}
        if part == "tune" and args.failures:
            result["tune_failures"] = [r for r in rows if not r["right"]]
    text = json.dumps(result, indent=1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
