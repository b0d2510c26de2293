#!/usr/bin/env bash
# Run the whole test suite. pytest's exit 5 ("no tests ran") is a failure here.
set -uo pipefail
cd "$(dirname "$0")/.."
export TUTOR_TELEMETRY=off ANONYMIZED_TELEMETRY=False STREAMLIT_BROWSER_GATHER_USAGE_STATS=false
.venv/bin/python -m pytest -q "$@"
status=$?
if [ "$status" -eq 5 ]; then
    echo "error: pytest collected no tests" >&2
    exit 1
fi
exit "$status"
