#!/usr/bin/env bash
# Create .venv and install the tutor (with --dev: test tools, and chromium for the browser test).
#   bash scripts/setup.sh [--dev] [--fresh]     --fresh: delete .venv first (CI does this)
# Versions are pinned by constraints.txt (the lock file), so every install gets the same set.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
DEV=0
FRESH=0
for arg in "$@"; do
    case "$arg" in
        --dev) DEV=1 ;;
        --fresh) FRESH=1 ;;
        *) echo "usage: bash scripts/setup.sh [--dev] [--fresh]" >&2; exit 2 ;;
    esac
done
step() { printf '[setup %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# pip's own lines, shortened to one per package: progress without a wall of text.
progress() { sed -u -n -E 's/^(Collecting|Downloading|Using cached|Installing collected packages:|Successfully installed) ?(.{0,90}).*/  \1 \2/p'; }
install() {
    if ! .venv/bin/pip install --progress-bar off "$@" 2>&1 | tee .venv/install.log | progress; then
        echo "error: pip install failed; its last lines (all of it in .venv/install.log):" >&2
        tail -n 25 .venv/install.log >&2
        exit 1
    fi
}

if [ "$FRESH" = 1 ] && [ -d .venv ]; then
    step "removing the old .venv (--fresh)"
    rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
    step "creating .venv with $("$PY" --version 2>&1)"
    "$PY" -m venv .venv
fi
step "upgrading pip"
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
if [ "$DEV" = 1 ]; then
    step "installing the tutor with its test tools (a few minutes on a new machine)"
    install -c constraints.txt -e '.[dev]'
    if ! command -v chromium >/dev/null 2>&1 && [ -x "$(command -v apt-get)" ] && [ "$(id -u)" = 0 ]; then
        step "installing chromium for the browser test (apt)"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
            || echo "warning: could not install chromium; the browser test will fail" >&2
    fi
else
    step "installing the tutor (a few minutes on a new machine)"
    install -c constraints.txt -e .
fi
.venv/bin/python -c "import tutor" || { echo "error: the install did not complete; see above" >&2; exit 1; }
step "done: $(.venv/bin/python -m pip list 2>/dev/null | wc -l) packages in .venv"
