#!/usr/bin/env bash
# Sets a machine up for firedrill: Debian packages, then the npm dependencies
# (which bring Node 24 as node_modules/.bin/node). Idempotent and quick when
# everything is already there, so `npm run gate`, `npm test` and .ci/run all
# call it first. Usage: scripts/bootstrap.sh [--quiet] [--docker]
# --docker also installs Debian's docker.io and debootstrap and starts a Docker
# engine when none answers (scripts/docker-engine.sh), for the docker runtime.
set -euo pipefail
cd "$(dirname "$0")/.."
quiet=false
docker=false
for arg in "$@"; do
  case "$arg" in
    --quiet) quiet=true ;;
    --docker) docker=true ;;
    *) echo "bootstrap: unknown option '$arg'; usage: scripts/bootstrap.sh [--quiet] [--docker]" >&2; exit 2 ;;
  esac
done
say() { $quiet || echo "bootstrap: $*"; }

# command to check → Debian package that provides it
declare -A wanted=(
  [/usr/lib/postgresql/15/bin/postgres]=postgresql-15
  [/usr/lib/postgresql/15/bin/psql]=postgresql-client-15
  [redis-server]=redis-server
  [redis-cli]=redis-tools
  [curl]=curl
  [setpriv]=util-linux
  [git]=git
  [jq]=jq
  [shellcheck]=shellcheck
  [openssl]=openssl
  [b3sum]=b3sum
  [socat]=socat
  [/usr/bin/python3]=python3
  [prometheus]=prometheus
  [promtool]=prometheus
  [prometheus-alertmanager]=prometheus-alertmanager
  [/usr/sbin/nginx]=nginx
  [tmux]=tmux
  [chromium]=chromium
)
missing=()
for cmd in "${!wanted[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${wanted[$cmd]}")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "bootstrap: missing Debian packages: ${missing[*]}" >&2
    echo "bootstrap: run as root, or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
fi
id postgres >/dev/null 2>&1 || { echo "bootstrap: no 'postgres' user (it comes with postgresql-15)" >&2; exit 1; }

# npm ci only when package-lock.json changed since the last install; one
# bootstrap at a time per checkout (two concurrent npm ci would break each other).
exec 9>.bootstrap.lock
flock 9
stamp=node_modules/.firedrill-lock.sha256
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -x node_modules/.bin/node ] || [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]; then
  say "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > "$stamp"
fi
# Release the lock now: a daemon started below would inherit descriptor 9 and
# hold it for its whole life, and the next bootstrap would wait on it forever.
exec 9>&-
node_version=$(node_modules/.bin/node -v)
case "$node_version" in
  v2[2-9].*|v[3-9][0-9].*) ;;
  *) echo "bootstrap: node_modules/.bin/node is $node_version; firedrill needs Node >= 22" >&2; exit 1 ;;
esac
if $docker; then
  if $quiet; then bash scripts/docker-engine.sh --quiet; else bash scripts/docker-engine.sh; fi
fi
say "ready (Node $node_version, $(/usr/lib/postgresql/15/bin/postgres --version), $(redis-server --version | cut -d' ' -f1-3))"
