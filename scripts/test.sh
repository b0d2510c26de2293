#!/usr/bin/env bash
# Run the tests. With no tier option: the fast tier (not e2e, not soak), the day-to-day check.
#   bash scripts/test.sh [--all] [pytest args...]   --all: every tier, full trial counts (CI)
# pytest's exit 5 ("no tests ran") is a failure here.
set -uo pipefail
cd "$(dirname "$0")/.."
export TUTOR_TELEMETRY=off ANONYMIZED_TELEMETRY=False STREAMLIT_BROWSER_GATHER_USAGE_STATS=false
tier=(-m "not e2e and not soak")
args=()
for arg in "$@"; do
    if [ "$arg" = "--all" ]; then tier=(); else args+=("$arg"); fi
done
for arg in "${args[@]+"${args[@]}"}"; do
    if [ "$arg" = "-m" ]; then tier=(); fi  # the caller picks the tier
done
.venv/bin/python -m pytest -q "${tier[@]+"${tier[@]}"}" "${args[@]+"${args[@]}"}"
status=$?
if [ "$status" -eq 5 ]; then
    echo "error: pytest collected no tests" >&2
    exit 1
fi
exit "$status"
