#!/usr/bin/env bash
# Create .venv and install the tutor (with --dev: test tools, and chromium for the browser test).
# Versions are pinned by constraints.txt (the lock file), so every install gets the same set.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
if [ "${1:-}" = "--dev" ]; then
    .venv/bin/pip install -q -c constraints.txt -e '.[dev]'
    if ! command -v chromium >/dev/null 2>&1 && [ -x "$(command -v apt-get)" ] && [ "$(id -u)" = 0 ]; then
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
            || echo "warning: could not install chromium; the browser test will fail" >&2
    fi
else
    .venv/bin/pip install -q -c constraints.txt -e .
fi
