#!/usr/bin/env bash
# The main job: build StarProbe, start the built-in simulated device lab on loopback, scan it and
# write the report (default: ./starprobe-report). Extra arguments go to `starprobe demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
mvn -q -B -DskipTests package
exec java -jar probe-cli/target/starprobe.jar demo "$@"
