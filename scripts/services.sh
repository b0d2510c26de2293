#!/usr/bin/env bash
# Install what the server tests need (they start their own servers on 127.0.0.1 in temp folders):
# PostgreSQL's initdb/pg_ctl from Debian's `postgresql` package (apt, as root, only when missing).
# The Chroma server (`chroma run`) comes with the chromadb package in .venv (scripts/setup.sh).
# Nothing is started here and no cluster is created: the package's own default cluster, if apt
# made one, is stopped so that it holds no port or memory.
#   bash scripts/services.sh
set -euo pipefail
step() { printf '[services %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    step "PostgreSQL is installed: $(ls -d /usr/lib/postgresql/*/bin | tail -n 1)"
else
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "error: PostgreSQL (initdb, pg_ctl) is missing; install Debian's postgresql package" \
             "(as root: apt-get install -y postgresql)" >&2
        exit 1
    fi
    step "installing PostgreSQL for the server tests (apt)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    # The package may start a default cluster; the tests make their own.
    if command -v pg_ctlcluster >/dev/null 2>&1; then
        for conf in /etc/postgresql/*/main; do
            [ -d "$conf" ] || continue
            version=$(basename "$(dirname "$conf")")
            pg_ctlcluster "$version" main stop >/dev/null 2>&1 || true
        done
    fi
fi
if [ ! -x .venv/bin/chroma ] && [ -d .venv ]; then
    echo "warning: .venv/bin/chroma is missing; the Chroma server tests will fail" >&2
fi
step "done"
