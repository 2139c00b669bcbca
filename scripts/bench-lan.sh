#!/usr/bin/env bash
# bench-lan.sh — the namespace-LAN figures of docs/benchmarks.md, measured in one run:
#   * ARP sweep time of a /24 (3 devices, 250 silent addresses), at the default and at a fast pace;
#   * a full TCP connect scan of one simulated device (LabMain, default camera-weak: 23, 80, 443,
#     554 open), compared with `nmap -sT -p-` on the same device when nmap is installed.
#
# Run as root (namespaces, raw ARP). Builds the jar when it is missing or older than the sources,
# brings up a namespace LAN (lab-fixtures/scripts/netns-lab.sh, probe in its own namespace), runs
# `starprobe bench arp` and `starprobe bench portscan --target ... --compare-nmap` inside the probe
# namespace, prints the figures and always tears the LAN down.
#
# Network rule: every packet stays inside the lab's own namespaces. The probe namespace holds one
# interface on the lab bridge (BENCH_NET.1/24, no default route); the root namespace gains nothing;
# every address is in 198.18.0.0/15 (RFC 2544 benchmarking).
#
# Environment (defaults in brackets):
#   BENCH_ROUNDS [5]                measured rounds per figure, after one warm-up
#   BENCH_ARP ["100:1500 1000:400"] ARP runs as PPS:REPLY_WINDOW_MS (100:1500 is discover's default)
#   BENCH_DEVICE [camera-weak]      the LabMain device to port-scan (LabMain --list)
#   BENCH_PORTS [all]               ports of the connect scan
#   BENCH_MAX_PER_DEVICE ["4 32"]   StarProbe's in-flight limits to measure, one scan each (4 is the
#                                   default); nmap's --max-parallelism in the "same limits" variant
#   BENCH_RATE_PER_DEVICE [0]       new connections per second, 0 = no cap (see docs/benchmarks.md:
#                                   at the scan default of 50/s both tools would just measure the cap)
#   BENCH_NET [198.18.90]           the lab /24 (inside 198.18.0.0/15)
#   BENCH_PREFIX [spbench]          namespace name prefix
#   BENCH_MVN_OPTS []               extra Maven options for the build (e.g. -o)
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "bench-lan: $*" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || die "must run as root (network namespaces and raw ARP)"

ROUNDS=${BENCH_ROUNDS:-5}
ARP_RUNS=${BENCH_ARP:-100:1500 1000:400}
DEVICE=${BENCH_DEVICE:-camera-weak}
PORTS=${BENCH_PORTS:-all}
MAX_PER_DEVICE=${BENCH_MAX_PER_DEVICE:-4 32}
RATE_PER_DEVICE=${BENCH_RATE_PER_DEVICE:-0}
NET=${BENCH_NET:-198.18.90}
LAB=lab-fixtures/scripts/netns-lab.sh
JAR=$PWD/probe-cli/target/starprobe.jar
DEVICES=3   # with the probe on .1: 250 of the /24's 254 host addresses stay silent

[[ $ROUNDS =~ ^[0-9]+$ ]] && (( ROUNDS >= 1 )) || die "BENCH_ROUNDS must be a positive number"
[[ $DEVICE =~ ^[a-z0-9-]+$ ]] || die "BENCH_DEVICE must be a LabMain device name"
[[ $NET =~ ^198\.(18|19)\.[0-9]{1,3}$ ]] || die "BENCH_NET must be 198.18.x or 198.19.x"

scripts/bootstrap.sh --bench

stale=
if [[ -f $JAR ]]; then
  stale=$(find . -path ./.git -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -type f \
    -newer "$JAR" -print -quit)
fi
if [[ ! -f $JAR || -n $stale ]]; then
  echo "bench-lan: building $JAR" >&2
  # shellcheck disable=SC2086 # BENCH_MVN_OPTS is a list of options
  mvn -q -B -DskipTests ${BENCH_MVN_OPTS:-} package
fi

export LAB_PREFIX=${BENCH_PREFIX:-spbench} LAB_PROBE=ns LAB_NET=$NET LAB_DEVICES=$DEVICES LAB_IPV6=0
export LAB_READY=ready LAB_READY_TIMEOUT=120
export LAB_CMD_1="exec java -cp '$JAR' dev.starprobe.lab.LabMain --address $NET.11 $DEVICE"
out=$(mktemp)
cleanup() {
  "$LAB" down >/dev/null 2>&1 || echo "bench-lan: teardown failed; run: LAB_PREFIX=$LAB_PREFIX $LAB down" >&2
  rm -f "$out"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
"$LAB" down >/dev/null 2>&1 || true   # a LAN of an earlier, killed run of this script
"$LAB" up

inprobe() { "$LAB" exec probe "$@"; }
starprobe() {
  echo "\$ starprobe $*"
  inprobe java -jar "$JAR" "$@"
}

{
  echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(uname -sr)," \
       "$(java -version 2>&1 | head -n 1)"
  echo "== nmap: $(command -v nmap >/dev/null && nmap --version | head -n 1 || echo 'not installed')"
} | tee "$out"

status=0
for run in $ARP_RUNS; do
  pps=${run%%:*} wait=${run##*:}
  if ! {
    echo
    echo "== ARP sweep of $NET.0/24 from the probe namespace: $DEVICES devices, 250 silent addresses, $pps requests/s"
    starprobe bench arp --interface eth0 --pps "$pps" --wait "$wait" --rounds "$ROUNDS" --expect "$DEVICES"
  } 2>&1 | tee -a "$out"; then status=1; fi
done

for limit in $MAX_PER_DEVICE; do
  if ! {
    echo
    echo "== full TCP connect scan of $DEVICE ($NET.11) from the probe namespace, $limit connections in flight"
    starprobe bench portscan --target "$NET.11" --ports "$PORTS" --rounds "$ROUNDS" \
      --max-per-device "$limit" --rate-per-device "$RATE_PER_DEVICE" --compare-nmap
  } 2>&1 | tee -a "$out"; then status=1; fi
done

echo
echo "== figures"
grep -E '^(\$ starprobe|summary:|vs nmap|nmap not installed|MISMATCH)|failed: ' "$out" || true
(( status == 0 )) || echo "bench-lan: a benchmark failed or disagreed (see above)" >&2
exit "$status"
