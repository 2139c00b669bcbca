#!/usr/bin/env bash
# The whole test suite (unit, end-to-end on loopback, namespace LAN where root allows it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec mvn -B verify "$@"
