#!/bin/bash
# Starts LabMain (the simulated devices) as PID 1's exec target, so SIGTERM from `docker stop` reaches the
# JVM and its shutdown hook closes every device. Output is copied to /tmp/labmain.log for HEALTHCHECK.
set -euo pipefail
args=("$@")
case "${1:-}" in
  --address|--list|--catalog|-h|--help) ;;
  *) # bind to the container's own address (the first IPv4 one) unless told otherwise
     ipv4='^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$'
     addr=${LAB_ADDRESS:-$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -m1 -E "$ipv4" || true)}
     # fallback: Docker writes the container's address for its host name into /etc/hosts
     [[ -n $addr ]] || addr=$(getent ahostsv4 "$(cat /etc/hostname 2>/dev/null)" 2>/dev/null | awk '{print $1}' | grep -v '^127\.' | grep -m1 -E "$ipv4" || true)
     [[ -n $addr ]] || { echo "fixtures: no IPv4 address found; pass --address IP" >&2; exit 2; }
     args=(--address "$addr" "$@") ;;
esac
# shellcheck disable=SC2086 # JAVA_OPTS is a word list on purpose
exec java $JAVA_OPTS -cp '/opt/lab/lab-fixtures.jar:/opt/lab/lib/*' dev.starprobe.lab.LabMain "${args[@]}" \
  > >(tee /tmp/labmain.log) 2>&1
