#!/usr/bin/env bash
# Makes a Docker engine answer for firedrill's docker runtime: installs Debian's
# docker.io (and debootstrap, for `npm run images`) when missing, then starts
# dockerd when no engine answers `docker info`. The engine runs without a
# bridge, iptables or masquerading: firedrill's containers use host networking
# only. Idempotent: with an engine answering it only says so.
# Usage: scripts/docker-engine.sh [--quiet]   (called by bootstrap.sh --docker)
set -euo pipefail
quiet=false
[ "${1:-}" = "--quiet" ] && quiet=true
say() { $quiet || echo "docker-engine: $*"; }
fail() { echo "docker-engine: $*" >&2; exit 1; }

log_file=/var/run/firedrill-dockerd.log
pid_file=/var/run/firedrill-dockerd.pid
ready_timeout_s=${FIREDRILL_DOCKERD_TIMEOUT_S:-60}

# command to check → Debian package that provides it
declare -A wanted=([dockerd]=docker.io [containerd]=containerd [runc]=runc [debootstrap]=debootstrap)
missing=()
for cmd in "${!wanted[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${wanted[$cmd]}")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || fail "missing Debian packages: ${missing[*]}; run as root, or: sudo apt-get install -y ${missing[*]}"
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
fi

engine_answers() { docker info --format '{{.ServerVersion}}' >/dev/null 2>&1; }

# With cgroup v1 and the engine's cgroupfs driver (how this script runs dockerd, on a machine without systemd),
# every container is a child of one cgroup, /docker, whose cpu.shares (1024 by default) weigh as much as one task
# group of the root cgroup: with the kernel's autogroup on (kernel.sched_autogroup_enabled=1, as on these
# machines), a session, not a process. The harness, its fault proxies and the tests beside it are one session (1024
# together); PM2's daemon with the local runtime's services, PostgreSQL and the engine are sessions of their own.
# Raised to eight times that, so that three docker environments provisioning at once are not held to one session's
# share. The cost, measured in session 27 (schedstat of the harness's main thread during the docker gate, three
# lanes): the harness waited for a core 0.4-0.9 s at a time, 2.2-2.8 s at the worst; the harness reads what arrived
# before it judges, and a look over a window it spent held up is blind (src/clock/after-pending-io.ts,
# src/probes/order-flow.ts). Not measured: the gate at 1024 against 8192 over several runs.
container_cpu_shares=8192
weigh_containers() {
  local cpu=/sys/fs/cgroup/cpu
  [ -f "$cpu/cpu.shares" ] || return 0 # cgroup v2, or no cpu controller mounted: the engine's cgroups are weighed otherwise
  [ "$(docker info --format '{{.CgroupDriver}}')" = cgroupfs ] || return 0
  # A warning, not a failure: the engine works either way, its containers only weigh less.
  if ! { mkdir -p "$cpu/docker" && echo "$container_cpu_shares" > "$cpu/docker/cpu.shares"; } 2> /dev/null; then
    echo "docker-engine: warning: cannot set $cpu/docker/cpu.shares to $container_cpu_shares; the containers keep the engine's default CPU weight" >&2
    return 0
  fi
  say "containers' CPU weight: $container_cpu_shares shares ($cpu/docker/cpu.shares)"
}

if engine_answers; then
  say "engine already running (server $(docker info --format '{{.ServerVersion}}'))"
  # Only an engine this script started (its pidfile names a live dockerd): another's cgroups are its owner's to tune.
  if [ -f "$pid_file" ] && [ "$(id -u)" -eq 0 ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then weigh_containers; fi
  exit 0
fi

[ "$(id -u)" -eq 0 ] || fail "no Docker engine answers and starting dockerd needs root; run: sudo $0"
# A stale pidfile from a dead dockerd would make it refuse to start.
if [ -f "$pid_file" ] && ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then rm -f "$pid_file"; fi
if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then rm -f /var/run/docker.pid; fi

say "starting dockerd --bridge=none --iptables=false --ip-masq=false (log: $log_file)"
started=$(date +%s%N)
# setsid: the engine outlives this script and the npm process that ran it. It
# gets no descriptor but its log: one it inherited (a lock, the caller's output
# pipe) would stay open as long as the engine runs, and whoever waits on it
# (the next bootstrap's flock, a CI runner reading to end of output) would hang.
(
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    [ "$fd" -gt 2 ] && eval "exec $fd>&-"
  done
  exec setsid dockerd --bridge=none --iptables=false --ip-masq=false --pidfile="$pid_file"
) >>"$log_file" 2>&1 < /dev/null &
dockerd_pid=$!
deadline=$(( $(date +%s) + ready_timeout_s ))
until engine_answers; do
  kill -0 "$dockerd_pid" 2>/dev/null || fail "dockerd exited before answering; last lines of $log_file:
$(tail -n 20 "$log_file")"
  [ "$(date +%s)" -lt "$deadline" ] || fail "dockerd (pid $dockerd_pid) did not answer 'docker info' after ${ready_timeout_s}s; see $log_file"
  sleep 0.2
done
say "engine ready in $(( ($(date +%s%N) - started) / 1000000 )) ms (dockerd pid $dockerd_pid, server $(docker info --format '{{.ServerVersion}}'), pidfile $pid_file)"
weigh_containers
