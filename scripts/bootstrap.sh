#!/usr/bin/env bash
# Installs what StarProbe's build, demo and tests need on a fresh Debian machine that already has a
# JDK (17+) and Maven. Idempotent and quiet when everything is present.
#   --bench   also nmap, optional: scripts/bench-lan.sh compares StarProbe's port scan with it. CI and
#             the tests never depend on it; when it cannot be installed the benchmark says so and
#             still prints StarProbe's own figures.
set -euo pipefail

bench=0
for arg in "$@"; do
  case $arg in
    --bench) bench=1 ;;
    *) echo "usage: $0 [--bench]" >&2; exit 2 ;;
  esac
done

die() { echo "bootstrap: $*" >&2; exit 2; }

command -v java >/dev/null || die "a JDK 17 or newer is required (apt-get install openjdk-17-jdk-headless)"
command -v mvn >/dev/null || die "Maven is required (apt-get install maven)"
java_major=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
[[ ${java_major%%.*} -ge 17 ]] || die "Java 17 or newer is required, found $java_major"

# Debian packages: libpcap for evidence capture (pcap4j), iproute2 for the namespace test LAN,
# tshark to read captures back in tests, chromium for the HTML report's headless screenshot test.
# ieee-data: the IEEE MAC registry (OUI vendor names for ARP discovery).
want=(libpcap0.8 iproute2 tshark chromium ieee-data)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "bootstrap: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null 2>&1 || true
    echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "bootstrap: missing Debian packages ${missing[*]} (run as root to install them); continuing" >&2
  fi
fi

if ((bench)) && ! command -v nmap >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "bootstrap: installing nmap (optional, for the benchmark comparison)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends nmap >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 || true; apt-get install -y -qq --no-install-recommends nmap >/dev/null 2>&1; } \
      || echo "bootstrap: nmap could not be installed; the benchmark runs without the comparison" >&2
  else
    echo "bootstrap: nmap not installed (optional, for the benchmark comparison; run as root to install it)" >&2
  fi
fi
