#!/usr/bin/env bash
# Builds firedrill's local container images from Debian packages; nothing is
# ever pulled (there is no registry).
# Usage: scripts/images/build.sh [--force] [--force-base] [name…]
#
#   base/      debootstrap'd bookworm minbase + base/packages → docker import
#   <name>/    Dockerfile (FROM the base) + files; `tag` names the image;
#              optional prepare.sh fills the build context with generated inputs
#
# Cache: each image carries the label firedrill.recipe-hash, the sha256 of its
# build context (and, for images, of the base image id). An image is rebuilt
# only when that hash changed (a new base changes every image's hash).
# --force rebuilds the selected images; --force-base also the base (~2 min).
set -euo pipefail
script=$(readlink -f "$0")
cd "$(dirname "$script")"
images_dir=$(pwd)
repo_root=$(cd ../.. && pwd)
hash_label=firedrill.recipe-hash
mirror=${FIREDRILL_DEBIAN_MIRROR:-http://deb.debian.org/debian}
base_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

say() { echo "images: $*"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
known_images() { for d in */Dockerfile; do dirname "$d"; done; }
tag_of() { tr -d '[:space:]' < "$1/tag"; }
label_of() { docker image inspect -f "{{index .Config.Labels \"$hash_label\"}}" "$1" 2>/dev/null || true; }
# sha256 over every file's relative path and content, in a stable order.
hash_dir() { (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1); }

force=false
force_base=false
selected=()
for arg in "$@"; do
  case "$arg" in
    --force) force=true ;;
    --force-base) force_base=true ;;
    -h|--help) sed -n '2,14p' "$script"; exit 0 ;;
    *) [ -f "$arg/Dockerfile" ] || { echo "images: unknown image '$arg'; known: $(known_images | tr '\n' ' ')" >&2; exit 2; }
       selected+=("$arg") ;;
  esac
done


docker info >/dev/null 2>&1 || { echo "images: no Docker engine answers 'docker info'; start one with: npm run bootstrap -- --docker" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "images: debootstrap is missing; run: npm run bootstrap -- --docker" >&2; exit 1; }

build_base() {
  local tag hash started rootfs
  tag=$(tag_of base)
  hash=$(hash_dir base)
  if ! $force_base && [ "$(label_of "$tag")" = "$hash" ]; then say "$tag up to date"; return; fi
  say "$tag: debootstrap bookworm minbase from $mirror (takes ~2 min)"
  started=$(now_ms)
  rootfs=$(mktemp -d /var/tmp/firedrill-rootfs.XXXXXX)
  trap 'rm -rf "$rootfs"' RETURN
  local include
  include=$(grep -v '^\s*#' base/packages | grep -v '^\s*$' | paste -sd, -)
  debootstrap --variant=minbase --include="$include" bookworm "$rootfs" "$mirror" > /var/tmp/firedrill-debootstrap.log 2>&1 \
    || { tail -n 20 /var/tmp/firedrill-debootstrap.log >&2; echo "images: debootstrap failed; log: /var/tmp/firedrill-debootstrap.log" >&2; exit 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  say "$tag: debootstrap done in $(( $(now_ms) - started )) ms; importing"
  tar -C "$rootfs" -c . | docker import -c "ENV PATH=$base_path" -c 'ENV LANG=C.UTF-8' \
    -c "LABEL $hash_label=$hash" -c 'LABEL firedrill=1' - "$tag" >/dev/null
  say "$tag built in $(( $(now_ms) - started )) ms"
}

build_image() {
  local name=$1 tag context hash started base_id
  tag=$(tag_of "$name")
  context=$(mktemp -d /var/tmp/firedrill-context.XXXXXX)
  trap 'rm -rf "$context"' RETURN
  cp -a "$name"/. "$context"/
  rm -f "$context/prepare.sh"
  [ -x "$name/prepare.sh" ] && REPO_ROOT="$repo_root" CONTEXT="$context" "$name/prepare.sh"
  base_id=$(docker image inspect -f '{{.Id}}' "$(tag_of base)")
  hash=$( { hash_dir "$context"; echo "$base_id"; } | sha256sum | cut -d' ' -f1)
  if ! $force && [ "$(label_of "$tag")" = "$hash" ]; then say "$tag up to date"; return; fi
  started=$(now_ms)
  local log=/var/tmp/firedrill-build-$name.log
  docker build --network host --build-arg "BASE=$(tag_of base)" \
    --label "$hash_label=$hash" --label firedrill=1 -t "$tag" "$context" > "$log" 2>&1 \
    || { cat "$log" >&2; echo "images: building $tag failed (log: $log)" >&2; exit 1; }
  say "$tag built in $(( $(now_ms) - started )) ms"
}

total_started=$(now_ms)
build_base
[ ${#selected[@]} -gt 0 ] || mapfile -t selected < <(known_images)
for name in "${selected[@]}"; do build_image "$name"; done
# Old versions of rebuilt images linger untagged: remove firedrill's dangling ones.
docker image prune -f --filter label=firedrill=1 >/dev/null
say "done in $(( $(now_ms) - total_started )) ms: $(for n in "${selected[@]}"; do printf '%s ' "$(tag_of "$n")"; done)"
