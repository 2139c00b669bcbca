#!/usr/bin/env bash
# netns-lab.sh — a throw-away test LAN of Linux network namespaces, for StarProbe's discovery tests.
#
#   netns <P>-probe (LAB_PROBE=ns)     netns <P>-sw                     netns <P>-devN
#   eth0  NET.1/24 ───── veth ─────── p0 ┐                ┌ pN ─── veth ─── eth0 NET.(10+N)/24
#   or, LAB_PROBE=root: <P>0 in the      └──── br0 ───────┘                 MAC 02:00:c6:XX:YY:(10+N)
#   root netns with NET.1/24            (STP off, no multicast snooping)
#
# Why it looks like this:
#   * The switch lives in its own namespace: the root namespace gains at most one interface.
#   * Every address is in 198.18.0.0/15 (RFC 2544 benchmarking): nothing outside this machine is
#     ever addressed, nothing is routed out (no default route, no NAT, no forwarding).
#   * Inside the lab namespaces 224.0.0.0/4 is routed to eth0 and there is no default route, so
#     multicast discovery from the probe namespace cannot leave the lab. From the root namespace an
#     unpinned multicast packet would follow the default route out of the machine: use LAB_PROBE=ns
#     for discovery tests.
#   * MACs encode the address (02:00:c6:12:<3rd octet>:<4th octet> for 198.18.x.y; 02 = locally
#     administered), so a test knows every device's MAC without asking the lab.
#   * Several labs can coexist: every name carries LAB_PREFIX, and with LAB_PROBE=ns nothing at all
#     is added to the root namespace, so two labs may even use the same LAB_NET.
#
# Usage (root):
#   netns-lab.sh up                 switch, LAB_DEVICES devices, probe; starts LAB_CMD_<i> in device i
#   netns-lab.sh down               stop processes in the lab namespaces, delete them (idempotent)
#   netns-lab.sh status             namespaces, addresses, learned bridge MACs
#   netns-lab.sh exec NAME CMD...   run CMD in namespace NAME (devN, probe, sw)
#
# Environment:
#   LAB_PREFIX  (lab)         name prefix: [a-z0-9-], at most 14 characters
#   LAB_DEVICES (3)           1..200
#   LAB_PROBE   (root)        root | ns
#   LAB_NET     (198.18.0)    first three octets of the lab /24; must lie in 198.18.0.0/15
#   LAB_IPV6    (0)           0 disables IPv6 in the lab (no RS/DAD/MLD noise in captures)
#   LAB_CMD_<i>               command started in the background inside device i (bash -c)
#   LAB_LOG_DIR (/tmp/netns-lab-<prefix>)   where LAB_CMD_<i> writes dev<i>.log
#   LAB_READY   (unset)       when set, `up` waits until every started device's log contains this text
#   LAB_READY_TIMEOUT (20)    seconds to wait for LAB_READY; on timeout the lab is rolled back

set -euo pipefail

PREFIX=${LAB_PREFIX:-lab}
NDEV=${LAB_DEVICES:-3}
PROBE=${LAB_PROBE:-root}
NET=${LAB_NET:-198.18.0}
IPV6=${LAB_IPV6:-0}
LOG_DIR=${LAB_LOG_DIR:-/tmp/netns-lab-$PREFIX}
READY=${LAB_READY:-}
READY_TIMEOUT=${LAB_READY_TIMEOUT:-20}
SW="$PREFIX-sw"
CMD_PID=()   # device index -> pid of the launcher of LAB_CMD_<i>
PROBE_NS="$PREFIX-probe"
PROBE_IF="${PREFIX}0"

die() { echo "netns-lab: $*" >&2; exit 1; }

[[ $PREFIX =~ ^[a-z0-9][a-z0-9-]{0,13}$ ]] || die "LAB_PREFIX must be [a-z0-9-], 1..14 characters"
[[ $NDEV =~ ^[0-9]+$ ]] && (( NDEV >= 1 && NDEV <= 200 )) || die "LAB_DEVICES must be 1..200"
[[ $PROBE == root || $PROBE == ns ]] || die "LAB_PROBE must be root or ns"
[[ $NET =~ ^198\.(18|19)\.([0-9]{1,3})$ ]] && (( BASH_REMATCH[2] <= 255 )) \
  || die "LAB_NET must be 198.18.x or 198.19.x (RFC 2544 range), got '$NET'"
NET_B=${NET#198.}; NET_B=${NET_B%%.*}   # 18 or 19
NET_C=${NET##*.}

dev_ns()  { echo "$PREFIX-dev$1"; }
dev_ip()  { echo "$NET.$((10 + $1))"; }
mac_for() { printf '02:00:c6:%02x:%02x:%02x' "$NET_B" "$NET_C" "$1"; }   # c6 = 198
dev_mac() { mac_for $((10 + $1)); }

lab_ns_list() { ip netns list | awk '{print $1}' | grep -E "^$PREFIX-(sw|probe|dev[0-9]+)$" || true; }

# Loopback up; optionally no IPv6 so captures only show what the test sent.
ns_init() {
  ip -n "$1" link set lo up
  if [[ $IPV6 == 0 ]]; then
    ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  fi
}

start_cmd() {   # device index, command
  local ns; ns=$(dev_ns "$1")
  mkdir -p "$LOG_DIR"
  # setsid: the command gets its own session, so it outlives this script and `down` finds it by netns
  ip netns exec "$ns" setsid bash -c "$2" </dev/null >"$LOG_DIR/dev$1.log" 2>&1 &
  CMD_PID[$1]=$!
}

wait_ready() {  # device indexes with a command
  local i deadline=$((SECONDS + READY_TIMEOUT)) pending=("$@")
  while ((${#pending[@]})); do
    local still=()
    for i in "${pending[@]}"; do
      if grep -qF -- "$READY" "$LOG_DIR/dev$i.log" 2>/dev/null; then continue; fi
      # a command that has not entered its namespace yet (a loaded machine may not have scheduled
      # it) shows no pid there: only when its launcher is gone too has it really exited
      [[ -n $(ip netns pids "$(dev_ns "$i")") ]] || kill -0 "${CMD_PID[$i]}" 2>/dev/null \
        || die "device $i command exited before it was ready: $(tail -n 5 "$LOG_DIR/dev$i.log" 2>/dev/null)"
      still+=("$i")
    done
    pending=("${still[@]+"${still[@]}"}")
    ((${#pending[@]})) || break
    (( SECONDS < deadline )) || die "devices ${pending[*]} not ready after ${READY_TIMEOUT}s (see $LOG_DIR)"
    sleep 0.05
  done
}

up() {
  [[ $(id -u) -eq 0 ]] || die "must run as root"
  [[ -z $(lab_ns_list) ]] || die "lab '$PREFIX' is already up (run: $0 down)"
  if [[ $PROBE == root ]]; then
    ip link show "$PROBE_IF" &>/dev/null && die "$PROBE_IF already exists"
    ip -4 route show | grep -q "^$NET\.0/24" && die "$NET.0/24 is already routed in the root namespace"
  fi
  # any failure or signal from here on removes whatever was created
  local ok=0
  trap 'if [[ $ok != 1 ]]; then echo "netns-lab: up failed, rolling back" >&2; down >/dev/null 2>&1 || true; fi' EXIT
  trap 'exit 130' INT TERM

  ip netns add "$SW"
  ns_init "$SW"
  ip -n "$SW" link add br0 type bridge stp_state 0 forward_delay 0 mcast_snooping 0
  ip -n "$SW" link set br0 up

  local i ns
  for i in $(seq 1 "$NDEV"); do
    ns=$(dev_ns "$i")
    ip netns add "$ns"
    ns_init "$ns"
    # both ends are created directly inside their namespaces: no name clash in the root namespace
    ip link add eth0 netns "$ns" address "$(dev_mac "$i")" type veth peer name "p$i" netns "$SW"
    ip -n "$ns" addr add "$(dev_ip "$i")/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" route add 224.0.0.0/4 dev eth0    # multicast needs a route: there is no default route
    ip -n "$SW" link set "p$i" master br0 up
  done

  if [[ $PROBE == root ]]; then
    ip link add "$PROBE_IF" address "$(mac_for 1)" type veth peer name p0 netns "$SW"
    if [[ $IPV6 == 0 ]]; then sysctl -qw "net.ipv6.conf.$PROBE_IF.disable_ipv6=1"; fi
    ip addr add "$NET.1/24" dev "$PROBE_IF"
    ip link set "$PROBE_IF" up
  else
    ip netns add "$PROBE_NS"
    ns_init "$PROBE_NS"
    ip link add eth0 netns "$PROBE_NS" address "$(mac_for 1)" type veth peer name p0 netns "$SW"
    ip -n "$PROBE_NS" addr add "$NET.1/24" dev eth0
    ip -n "$PROBE_NS" link set eth0 up
    ip -n "$PROBE_NS" route add 224.0.0.0/4 dev eth0
  fi
  ip -n "$SW" link set p0 master br0 up

  local started=() var
  for i in $(seq 1 "$NDEV"); do
    var="LAB_CMD_$i"
    if [[ -n ${!var:-} ]]; then start_cmd "$i" "${!var}"; started+=("$i"); fi
  done
  if [[ -n $READY ]] && ((${#started[@]})); then wait_ready "${started[@]}"; fi

  ok=1
  trap - EXIT INT TERM
  local where="netns $PROBE_NS, eth0"
  [[ $PROBE == ns ]] || where="root netns, $PROBE_IF"
  echo "lab '$PREFIX' up: probe $NET.1 $(mac_for 1) ($where)"
  for i in $(seq 1 "$NDEV"); do echo "  $(dev_ns "$i")  $(dev_ip "$i")  $(dev_mac "$i")"; done
}

lab_pids() { local ns; for ns in $(lab_ns_list); do ip netns pids "$ns"; done; }

down() {
  [[ $(id -u) -eq 0 ]] || die "must run as root"
  local ns pids tries=20
  # Processes started inside the lab: TERM by PID, up to 2 s to exit, then KILL. Only processes
  # living in this lab's namespaces are touched.
  pids=$(lab_pids)
  if [[ -n $pids ]]; then
    kill $pids 2>/dev/null || true
    while [[ -n $(lab_pids) ]] && (( tries-- > 0 )); do sleep 0.1; done
    pids=$(lab_pids)
    [[ -z $pids ]] || kill -9 $pids 2>/dev/null || true
  fi
  for ns in $(lab_ns_list); do
    ip netns del "$ns" 2>/dev/null || true   # deleting a namespace destroys its veth ends and their peers
  done
  ip link del "$PROBE_IF" 2>/dev/null || true  # normally already gone with its peer
  [[ -z $(lab_ns_list) ]] || die "namespaces left behind: $(lab_ns_list | tr '\n' ' ')"
  echo "lab '$PREFIX' down"
}

status() {
  local ns
  for ns in $(lab_ns_list); do
    echo "== $ns"; ip -n "$ns" -br link show dev eth0 2>/dev/null || true; ip -n "$ns" -br -4 addr show dev eth0 2>/dev/null || true
  done
  ip -br addr show "$PROBE_IF" 2>/dev/null || true
  if ip netns list | grep -q "^$SW\b"; then
    echo "== bridge MAC table (learned)"
    ip netns exec "$SW" bridge fdb show br br0 2>/dev/null | grep -v permanent || true
  else
    echo "lab '$PREFIX' is down"
  fi
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  exec) [[ $# -ge 3 ]] || die "usage: $0 exec devN|probe|sw CMD..."
        target="$PREFIX-$2"; shift 2
        ip netns list | awk '{print $1}' | grep -qx -- "$target" || die "no namespace $target"
        exec ip netns exec "$target" "$@" ;;
  *) echo "usage: $0 up|down|status|exec NAME CMD..." >&2; exit 2 ;;
esac
